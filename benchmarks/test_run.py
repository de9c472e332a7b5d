"""The whole test run against its floor: executing every notebook once with nbclient.

Both are measured here, in the same run, on the same machine; the ratio is what counts
(goal: at most 1.5).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


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


def execute_all_once() -> float:
    """The floor: run every notebook once, in one process, with nbclient (no comparison, no saving)."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
    return time.perf_counter() - start


def test_run() -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "auto", "--dist", "loadscope"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:])
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CMO_COURSE_PROGRESS_DB"] = str(Path(tmp) / "bench.sqlite")
        floor = execute_all_once()
        run = test_run()
    print(f"notebooks executed once with nbclient ({len(notebooks())} notebooks): {floor:6.1f} s")
    print(f"whole test run (pytest -n auto --dist loadscope):              {run:6.1f} s")
    print(f"ratio test run / floor: {run / floor:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
