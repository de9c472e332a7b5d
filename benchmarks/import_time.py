"""Import cost of the course package against ipywidgets alone, measured in the same run.

Each case runs in a fresh interpreter several times (interleaved, so machine load hits all alike);
the import is timed inside that interpreter, and the median is reported. Goal: `import cmo_course; cmo_course.start_lesson` adds at most
100 ms (heavy libraries such as ipywidgets load only when a quiz is shown).

    python benchmarks/import_time.py [--runs 9] [--check]   (--check: exit 1 when over the goal)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

GOAL_MS = 100.0
CASES = {
    "import ipywidgets": "import ipywidgets",
    "import cmo_course; cmo_course.start_lesson": "import cmo_course; cmo_course.start_lesson",
}
HEAVY = ("ipywidgets", "matplotlib", "yaml", "jsonschema", "mistune", "nbformat", "IPython")


def import_ms(code: str) -> float:
    """Milliseconds `code` takes in a fresh interpreter (timed inside it, so start-up is excluded)."""
    timed = f"import time; _t = time.perf_counter(); {code}; print((time.perf_counter() - _t) * 1000)"
    out = subprocess.run([sys.executable, "-c", timed], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def heavy_modules_loaded() -> list[str]:
    probe = (
        f"import sys, cmo_course; cmo_course.start_lesson; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return [m for m in out.strip().split(",") if m]


def measure(runs: int) -> dict:
    samples = {name: [] for name in CASES}
    for _ in range(runs):  # interleave the cases so machine load affects all of them alike
        for name, code in CASES.items():
            samples[name].append(import_ms(code))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    widgets = medians["import ipywidgets"]
    course = medians["import cmo_course; cmo_course.start_lesson"]
    return {
        "runs": runs,
        "median_ms": {k: round(v, 1) for k, v in medians.items()},
        "ipywidgets_ms": round(widgets, 1),
        "cmo_course_ms": round(course, 1),
        "ratio_course_to_ipywidgets": round(course / widgets, 3) if widgets > 0 else None,
        "goal_ms": GOAL_MS,
        "within_goal": course <= GOAL_MS,
        "heavy_modules_loaded_by_import": heavy_modules_loaded(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--check", action="store_true", help="exit 1 when the package adds more than the goal")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, value in result["median_ms"].items():
            print(f"{name:<45} {value:8.1f} ms (median of {args.runs})")
        ratio = result["ratio_course_to_ipywidgets"]
        print(
            f"import ipywidgets adds {result['ipywidgets_ms']:.1f} ms; "
            f"import cmo_course adds {result['cmo_course_ms']:.1f} ms "
            f"(ratio {ratio}, goal at most +{GOAL_MS:.0f} ms: {'met' if result['within_goal'] else 'NOT met'})."
        )
        print(f"heavy modules loaded by the import: {', '.join(result['heavy_modules_loaded_by_import']) or 'none'}")
    return 1 if args.check and not result["within_goal"] else 0


if __name__ == "__main__":
    sys.exit(main())
