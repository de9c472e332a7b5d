"""The whole test run against its floor: executing every notebook once with nbclient.

Both are measured here, in the same run, on the same machine; the ratio is what counts (goal: at
most 1.5). Run it with CI=true so that the browser tests run too (`CI=true make bench`).

The floor, as the issue defines it, is executing every notebook of the course once: the lessons,
solutions and exercises that nbval runs. It is measured serially, one notebook after the other in
one process, and the goal's ratio is against that floor. That is the kinder floor for a test run
that uses `-n auto` workers: on a machine with several CPUs a test run could execute the notebooks
in parallel, in less time than the serial floor. So the report also measures the same notebooks on
as many worker processes as pytest uses (`--floor-workers`, default: the CPU count, which is what
`-n auto` picks) and prints that stricter ratio next to the goal's: how much the test run adds on
top of the notebooks' own work when both use every CPU.

The report ends with where the test run's time goes: the slowest tests and the time per test file
(summed from pytest's `--durations=0`; with workers the sum exceeds the wall-clock time), with the
notebooks that nbval runs (the floor's own work) shown as one line per folder.

Nothing here is named test_*: `pytest benchmarks/` collects nothing (tests/test_benchmarks.py
checks that), so pytest never runs the whole suite inside itself.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
GOAL = 1.5
PYTEST_ARGS = ["-q", "-n", "auto", "--dist", "loadscope", "--durations=0", "-rs"]
NOTEBOOK_FOLDERS = ("notebooks/", "solutions/", "exercises/")
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)s (setup|call|teardown)\s+(\S+)")


def notebooks() -> list[Path]:
    """Every notebook the test run executes: the lessons, solutions and exercises of course.yaml."""
    from cmo_course.content.manifest import load_course

    lessons = load_course(REPO / "course.yaml").lessons
    paths = [lesson.notebook for lesson in lessons]
    paths += [
        name
        for lesson in lessons
        if lesson.exercises
        for name in (lesson.exercises.solution, lesson.exercises.notebook)
    ]
    return [REPO / name for name in paths]


def execute_once(path: Path) -> float:
    """Run one notebook with nbclient (no comparison, no saving); return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    for attempt in range(2):
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        try:
            NotebookClient(
                nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            ).execute()
            return time.perf_counter() - start
        except RuntimeError:  # "Kernel died before replying to kernel_info": two kernels started at once
            if attempt:  # raced for a port (parallel floor); the retried run is the one timed
                raise
    raise AssertionError("unreachable")


def floor_serial(paths: list[Path]) -> float:
    """The floor: every notebook once, one after the other, in this process."""
    start = time.perf_counter()
    for path in paths:
        execute_once(path)
    return time.perf_counter() - start


def floor_parallel(paths: list[Path], workers: int) -> float:
    """The same notebooks on `workers` processes, longest first (as evenly as they can be spread)."""
    start = time.perf_counter()
    # spawn, not fork: this process already ran kernels (zmq sockets, an event loop) for the serial floor.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(execute_once, paths))
    return time.perf_counter() - start


def measure_test_run() -> tuple[float, str]:
    """The whole suite as `make test` runs it, with per-test durations; returns (seconds, output)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", *PYTEST_ARGS], cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    print(f"pytest: {summary}")
    if result.returncode != 0:
        print(result.stdout[-3000:])
    return elapsed, result.stdout


def durations(output: str) -> list[tuple[float, str, str]]:
    """(seconds, phase, test id) for every line of pytest's --durations report."""
    found = []
    for line in output.splitlines():
        match = DURATION.match(line)
        if match:
            found.append((float(match[1]), match[2], match[3]))
    return found


def file_of(node_id: str) -> str:
    """The file a test belongs to; nbval's notebooks grouped per folder."""
    path = node_id.split("::")[0]
    for folder in NOTEBOOK_FOLDERS:
        if path.startswith(folder):
            return f"{folder}*.ipynb (nbval)"
    return path


def report_where_time_goes(output: str, top: int = 10, files: int = 15) -> None:
    rows = durations(output)
    if not rows:
        print("(no --durations report found in pytest's output)")
        return
    print(f"\nslowest {top} test phases:")
    for seconds, phase, node in sorted(rows, reverse=True)[:top]:
        print(f"  {seconds:6.1f} s  {phase:<8} {node}")
    per_file: collections.Counter = collections.Counter()
    per_phase: collections.Counter = collections.Counter()
    for seconds, phase, node in rows:
        per_file[file_of(node)] += seconds
        per_phase[phase] += seconds
    total = sum(per_file.values())
    nbval = sum(s for name, s in per_file.items() if name.endswith("(nbval)"))
    print(
        f"\ntime per test file (summed over workers: {total:.1f} s; setup {per_phase['setup']:.1f}, "
        f"call {per_phase['call']:.1f}, teardown {per_phase['teardown']:.1f}):"
    )
    for name, seconds in per_file.most_common(files):
        print(f"  {seconds:6.1f} s  {seconds / total:4.0%}  {name}")
    rest = per_file.most_common()[files:]
    if rest:
        print(f"  {sum(s for _, s in rest):6.1f} s        {len(rest)} other files")
    print(f"notebooks under nbval (the floor's work): {nbval:.1f} s; everything else (overhead): {total - nbval:.1f} s")


def over_the_goal(output: str, run: float, serial: float, workers: int) -> list[tuple[float, str]]:
    """When the test run is over GOAL x the floor: the slowest tests outside the notebooks (nbval's
    work is the floor's own), slowest first, until their time spread over the workers covers the
    excess. These are the tests that push the ratio past the goal; empty when it is within it."""
    excess = run - GOAL * serial
    if excess <= 0:
        return []
    per_test: collections.Counter = collections.Counter()
    for seconds, _phase, node in durations(output):
        if not file_of(node).endswith("(nbval)"):
            per_test[node] += seconds
    named, covered = [], 0.0
    for node, seconds in per_test.most_common():
        named.append((seconds, node))
        covered += seconds / max(workers, 1)
        if covered >= excess:
            break
    return named


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--floor-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the parallel floor (default: the CPU count, as -n auto)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio is over the goal")
    args = parser.parse_args(argv)
    paths = notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CMO_COURSE_PROGRESS_DB"] = str(Path(tmp) / "bench.sqlite")
        serial = floor_serial(paths)
        parallel = floor_parallel(sorted(paths, key=lambda p: -p.stat().st_size), args.floor_workers)
        run, output = measure_test_run()
    print(f"\nnotebooks executed once with nbclient ({len(paths)} notebooks), serially:   {serial:6.1f} s  (the floor)")
    print(f"the same notebooks on {args.floor_workers} processes (as pytest -n auto):        {parallel:6.1f} s")
    print(f"whole test run (pytest {' '.join(PYTEST_ARGS[:5])}):      {run:6.1f} s")
    print(f"ratio test run / floor: {run / serial:.2f} (goal <= {GOAL})")
    print(f"ratio test run / parallel floor: {run / parallel:.2f} (information: the overhead when both use every CPU)")
    report_where_time_goes(output)
    pushing = over_the_goal(output, run, serial, args.floor_workers)
    if pushing:
        print(f"\nover the goal by {run - GOAL * serial:.1f} s; the tests that push the ratio past {GOAL}:")
        for seconds, node in pushing:
            print(f"  {seconds:6.1f} s  {node}")
    else:
        print(f"\nwithin the goal: no test pushes the ratio past {GOAL}")
    skipped = re.search(r"(\d+) skipped", output)
    if skipped:
        print(f"warning: pytest skipped {skipped[1]} tests, so the ratio leaves their time out (run with CI=true)")
    return 1 if args.check and run / serial > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
