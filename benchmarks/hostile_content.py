"""How fast the content loader refuses hostile files, against reading a real quiz bank of the
course, measured in the same run (the median of several runs each, interleaved).

Goal: each hostile file (a billion-laughs YAML bomb, a self-referencing alias, a huge prompt) is
refused in well under a second; the report gives each refusal's time and its ratio to validating
the course's largest bank, which a hostile file must not exceed by much (goal: at most 5x).

    python benchmarks/hostile_content.py [--runs 7] [--check]   (--check: exit 1 when over the goal)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))
GOAL_RATIO = 5.0
CASES = ("billion_laughs", "self_alias", "huge_prompt")


def seconds_to_validate(path: Path) -> float:
    from cmo_course.validate import validate_files

    started = time.perf_counter()
    validate_files([path], against_course=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    from test_course_content import HOSTILE  # the same hostile files the tests refuse

    banks = sorted((REPO / "content" / "quizzes").glob("*.yaml"), key=lambda p: p.stat().st_size)
    baseline_file = banks[-1]
    times: dict[str, list[float]] = {"baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for case in CASES:
            files[case] = Path(tmp) / case / "90_x.yaml"
            files[case].parent.mkdir()
            files[case].write_text(HOSTILE[case][0], encoding="utf-8")
        seconds_to_validate(baseline_file)  # warm imports
        for _ in range(args.runs):
            times["baseline"].append(seconds_to_validate(baseline_file))
            for case, path in files.items():
                times.setdefault(case, []).append(seconds_to_validate(path))
    base = statistics.median(times["baseline"])
    print(f"validate the largest bank ({baseline_file.name}): {base * 1000:7.1f} ms (the baseline)")
    over = False
    for case in CASES:
        median = statistics.median(times[case])
        ratio = median / base
        over |= ratio > GOAL_RATIO or median >= 1.0
        print(f"refuse {case:<15} {median * 1000:7.1f} ms   ratio {ratio:5.2f} (goal <= {GOAL_RATIO})")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
