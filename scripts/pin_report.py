"""Print the distributions installed in this Python environment with their Requires-Python.

Run it with the Python of a virtual environment that holds a resolved install of the course:

    .venv/bin/python scripts/pin_report.py > pins-3.11.txt

The first line names the interpreter's full version; each further line is `name==version: spec`,
where spec is the distribution's Requires-Python as its installed metadata gives it (empty when it
declares none). scripts/merge_constraints.py turns such reports, taken on several Pythons, into
constraints.txt and constraints-requires-python.txt. The course itself, pip and wheel are left
out. Standard library only, so it runs in any environment (no network).
"""

from __future__ import annotations

import platform
import sys
from importlib.metadata import distributions

SKIP = {"cmo-course", "cmo_course", "pip", "wheel"}  # setuptools stays: the test extras need it


def report() -> list[str]:
    lines = [f"# python {platform.python_version()}"]
    seen = set()
    for dist in distributions():
        name = dist.metadata["Name"]
        if not name or name.lower() in SKIP or name.lower() in seen:
            continue
        seen.add(name.lower())
        spec = (dist.metadata.get("Requires-Python") or "").strip()
        lines.append(f"{name}=={dist.version}: {spec}".rstrip())
    return [lines[0], *sorted(lines[1:], key=str.lower)]


if __name__ == "__main__":
    sys.stdout.write("\n".join(report()) + "\n")
