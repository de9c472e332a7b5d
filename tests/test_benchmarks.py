"""`pytest benchmarks/` collects nothing: the benchmark that times the whole suite must not run
the whole suite again inside pytest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_pytest_collects_nothing_in_benchmarks():
    result = subprocess.run(
        # The project's pytest configuration, without nbval (its addopts): nbval collects notebooks
        # only, and benchmarks/ holds none.
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-o",
            "addopts=",
            "-p",
            "no:nbval",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "benchmarks",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 5, result.stdout[-2000:] + result.stderr[-2000:]  # 5: no tests collected
    assert "no tests collected" in result.stdout


def _whole_suite():
    import importlib.util

    spec = importlib.util.spec_from_file_location("whole_suite", REPO / "benchmarks" / "whole_suite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DURATIONS = """
============================= slowest durations =============================
40.00s call     tests/browser/test_jupyterhub.py::test_two_learners
30.00s setup    tests/test_handouts.py::test_built
12.00s call     notebooks/04_what_fda_expects.ipynb::Cell 3
5.00s call      tests/test_cli.py::test_help
"""


def test_the_bench_names_the_tests_that_push_the_ratio_past_the_goal():
    suite = _whole_suite()
    # floor 100 s, goal 1.5: a 160 s run is 10 s over; on 2 workers the hub test's 40 s covers 20 s.
    assert suite.over_the_goal(DURATIONS, run=160.0, serial=100.0, workers=2) == [
        (40.0, "tests/browser/test_jupyterhub.py::test_two_learners")
    ]
    # 40 s over: the two slowest tests outside the notebooks (nbval's cells are the floor's own work)
    named = suite.over_the_goal(DURATIONS, run=190.0, serial=100.0, workers=2)
    assert [node for _, node in named] == [
        "tests/browser/test_jupyterhub.py::test_two_learners",
        "tests/test_handouts.py::test_built",
        "tests/test_cli.py::test_help",
    ]
    assert suite.over_the_goal(DURATIONS, run=150.0, serial=100.0, workers=2) == []
