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
