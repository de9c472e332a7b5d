"""Merge `pip freeze` outputs taken on two Pythons into one constraints file with markers.

    python scripts/merge_constraints.py freeze-3.11.txt freeze-3.10.txt > constraints.txt

The first file is the main set (Python 3.11 and newer); the second is for Python 3.10, where some
packages (IPython 9, NumPy 2.3+, ...) have no release. Identical pins are written once.
"""

from __future__ import annotations

import sys

HEADER = """# Exact versions that 'make install' and CI install (pip -c constraints.txt).
# Regenerate with scripts/merge_constraints.py from 'pip freeze' on Python 3.11+ and on 3.10.
"""
MAIN, OLD = 'python_version >= "3.11"', 'python_version < "3.11"'


def read(path: str) -> dict[str, str]:
    pins = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if "==" in line and not line.startswith("-e"):
            name, version = line.split("==", 1)
            if name.lower() != "cmo-course":
                pins[name] = version.split(";")[0].strip()
    return pins


def merge(main: dict[str, str], old: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(set(main) | set(old), key=str.lower):
        a, b = main.get(name), old.get(name)
        if a == b:
            lines.append(f"{name}=={a}")
            continue
        if a:
            lines.append(f"{name}=={a}; {MAIN}")
        if b:
            lines.append(f"{name}=={b}; {OLD}")
    return lines


if __name__ == "__main__":
    sys.stdout.write(HEADER + "\n".join(merge(read(sys.argv[1]), read(sys.argv[2]))) + "\n")
