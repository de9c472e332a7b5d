"""The cohort report for 200 learners against reading the same exports with the csv module alone.

Generates 200 learners' CSV exports (the real ProgressStore API and its export(), on tmpfs where
there is one), then times, in this one process and best of three:

- the report: `cmo-course cohort report` as its code runs it (read and check every export, load
  the quiz banks, aggregate, draw the charts, write the HTML page and the CSV), and
- the baseline: every export read with csv.DictReader and nothing else,

and prints both and their ratio. The first report run also pays for importing matplotlib; it is
printed on its own line.

    python benchmarks/cohort_report.py [--learners N]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("CMO_COURSE_ROOT", str(REPO))
os.environ.setdefault("MPLBACKEND", "Agg")
RUNS = 3


def read_with_csv(files) -> int:
    rows = 0
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            rows += sum(1 for _ in csv.DictReader(handle))
    return rows


def report(pattern: str, out: Path):
    from cmo_course.cohort import build, write_report

    cohort = build([pattern])
    write_report(cohort, out, out.with_suffix(".csv"))
    return cohort


def best(fn, runs=RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ["CMO_COURSE_PROGRESS_DB"] = os.devnull  # nothing here writes to a real store

    from cohort_factory import make_cohort

    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="cmo-cohort-bench-", dir=base))
    try:
        started = time.perf_counter()
        make_cohort(folder, n=args.learners, kinds=("csv",))
        print(f"generated {args.learners} learners' CSV exports in {time.perf_counter() - started:.1f} s")
        files = sorted((folder / "exports").glob("*.csv"))
        pattern = str(folder / "exports" / "*.csv")
        out = folder / "report.html"

        started = time.perf_counter()
        cohort = report(pattern, out)
        first = time.perf_counter() - started
        assert len(cohort.sources) == args.learners and not cohort.skipped
        rows = read_with_csv(files)
        assert rows == cohort.attempts, (rows, cohort.attempts)

        ours = best(lambda: report(pattern, out))
        baseline = best(lambda: read_with_csv(files))
        print(f"first report run (with imports): {first:.2f} s")
        print(f"cohort report, {args.learners} learners, {rows} attempts: {ours:.3f} s (best of {RUNS})")
        print(f"csv module alone on the same exports: {baseline:.4f} s (best of {RUNS})")
        print(f"time ratio: {ours / baseline:.1f} (report / csv reading alone)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
