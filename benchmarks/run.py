"""`make bench`: each benchmark in this folder, every result a ratio against a baseline measured in
the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["whole_suite.py", "import_time.py", "handouts.py", "cohort_report.py", "hostile_content.py"]


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        script = HERE / name
        print(f"\n=== {name} ===", flush=True)
        if subprocess.call([sys.executable, str(script)], cwd=HERE.parent) != 0:
            failed.append(name)
    if failed:
        print(f"\nBenchmarks that failed to run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
