"""Printed pages per handout: builds the handouts with `cmo-course handouts --pdf` (Chromium's print
to PDF, A4 unless --paper letter) in a temporary folder and prints each handout's page count and the
total. Needs the pdf extra (Playwright, pypdf) and Chromium; not part of `make bench`.

    python benchmarks/handout_pages.py [--paper a4|letter] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cmo-handout-pages-") as tmp:
        out = Path(tmp)
        command = [sys.executable, "-m", "cmo_course.cli", "handouts", "--pdf", "--quiet", "--out", str(out)]
        command += ["--paper", args.paper, "--chromium", args.chromium]
        done = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL)
        if done.returncode:
            return done.returncode
        from pypdf import PdfReader

        counts = {
            p.relative_to(out).as_posix(): len(PdfReader(p).pages)
            for p in sorted(out.rglob("*.pdf"))
            if p.name != "course.pdf"
        }
    for name, pages in counts.items():
        print(f"{name:<45} {pages:>4}")
    print(f"{'total (' + str(len(counts)) + ' handouts, ' + args.paper.upper() + ')':<45} {sum(counts.values()):>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
