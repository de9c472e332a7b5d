"""Handout build time against nbconvert's default export, measured in the same run.

Times `cmo-course handouts` (one process for every page) against `jupyter nbconvert --to html`
run once per notebook (one process each) on the same notebooks, then prints the time ratio
(goal: at most 0.4) and each handout's size next to the default export's size.

    python benchmarks/handouts.py [--check]   (--check: exit 1 when the ratio is over the goal)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
GOAL = 0.4


def time_handouts(out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cmo_course.cli", "handouts", "--quiet", "--out", str(out)],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def time_default_exports(jobs, out: Path) -> float:
    jupyter = Path(sys.executable).with_name("jupyter")
    started = time.perf_counter()
    for job in jobs:
        folder = out / Path(job.page).parent
        subprocess.run(
            [str(jupyter), "nbconvert", "--to", "html", "--output-dir", str(folder), str(job.notebook)],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - started


def kb(path: Path) -> float:
    return path.stat().st_size / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the time ratio is over the goal")
    args = parser.parse_args(argv)

    from cmo_course.handouts import plan_handouts

    jobs = plan_handouts(REPO)
    with tempfile.TemporaryDirectory(prefix="cmo-handouts-bench-") as tmp:
        ours_dir, default_dir = Path(tmp) / "handouts", Path(tmp) / "nbconvert"
        ours = time_handouts(ours_dir)
        default = time_default_exports(jobs, default_dir)
        print(f"{'page':<44} {'handout KB':>10} {'default KB':>10} {'size ratio':>10}")
        total_ours = total_default = 0.0
        for job in jobs:
            mine, theirs = kb(ours_dir / job.page), kb(default_dir / job.page)
            total_ours, total_default = total_ours + mine, total_default + theirs
            print(f"{job.page:<44} {mine:>10.1f} {theirs:>10.1f} {mine / theirs:>10.2f}")
        print(
            f"{'total (' + str(len(jobs)) + ' notebooks)':<44} {total_ours:>10.1f} {total_default:>10.1f} "
            f"{total_ours / total_default:>10.2f}"
        )
        print(f"(plus index.html: {kb(ours_dir / 'index.html'):.1f} KB, which has no default counterpart)")
    ratio = ours / default
    verdict = "meets" if ratio <= GOAL else "MISSES"
    print(f"\ncmo-course handouts: {ours:.2f} s for {len(jobs)} notebooks + index, in one process")
    print(f"jupyter nbconvert --to html, once per notebook: {default:.2f} s")
    print(f"time ratio: {ratio:.3f} ({verdict} the goal of at most {GOAL})")
    return 1 if args.check and ratio > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
