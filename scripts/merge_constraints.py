"""Merge pin reports taken on several Pythons into constraints.txt (with markers) and
constraints-requires-python.txt (the Requires-Python of every pin, for the offline tests).

    .venv-3.11/bin/python scripts/pin_report.py > pins-3.11.txt
    .venv-3.10/bin/python scripts/pin_report.py > pins-3.10.txt
    .venv/bin/python scripts/merge_constraints.py pins-3.11.txt pins-3.10.txt

Each report (scripts/pin_report.py) is one resolved install on one Python, with every
distribution's Requires-Python. Reports must be on different minor versions (3.11, 3.10, ...), in
any order. A Python version V is served by the report taken on the newest minor version at or below
V's (so the 3.11 report serves 3.11, 3.12, ...; the 3.10 report serves 3.10). Where a pin of the
serving report declares a Requires-Python that excludes V (soupsieve 4.1.3 needs Python >= 3.11.5,
so it excludes 3.11.0 to 3.11.4), V gets that distribution from the next older report whose pin
admits V, and the markers say so with `python_full_version` where the boundary is a patch release.
A Python that no report's pin admits is an error: take a report on that Python.

Every Python from the oldest that pyproject.toml's requires-python admits up is covered, down to the
patch release (a `python_version` marker alone cannot tell 3.11.2 from 3.11.7). Needs `packaging`
(the course's .venv has it); no network.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
CONSTRAINTS_HEADER = """\
# Exact versions that 'make install', the no-make route and CI install (pip -c constraints.txt).
# Generated: scripts/pin_report.py in a venv per Python, then scripts/merge_constraints.py, which
# also writes constraints-requires-python.txt (tests/test_constraints_python.py checks both).
"""
REQUIRES_PYTHON_HEADER = """\
# Requires-Python of every distribution pinned in constraints.txt, from its published metadata
# (`name==version: specifier`, empty when it declares none). Written by scripts/merge_constraints.py;
# tests/test_constraints_python.py checks offline that each pin's marker stays inside it, and
# scripts/check_install.py compares it with what pip resolves.
"""


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    requires_python: str

    def admits(self, python: Version) -> bool:
        return python in SpecifierSet(self.requires_python)


@dataclass
class Report:
    python: Version
    pins: dict[str, Pin]  # canonical name -> pin


def read_report(path: str) -> Report:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    match = re.fullmatch(r"# python (\S+)", lines[0].strip()) if lines else None
    if not match:
        sys.exit(f"{path}: not a pin report (first line '# python X.Y.Z'); make it with scripts/pin_report.py")
    pins = {}
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        requirement, sep, spec = line.partition(":")
        name, eq, version = requirement.partition("==")
        if not sep or not eq:
            sys.exit(f"{path}: '{line}' is not 'name==version: requires-python'")
        pins[canonicalize_name(name)] = Pin(name.strip(), version.strip(), spec.strip())
    return Report(Version(match[1]), pins)


def project_requires_python() -> SpecifierSet:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    return SpecifierSet(re.search(r'^requires-python\s*=\s*"([^"]+)"', text, re.M)[1])


def candidate_pythons(specs: list[str], reports: list[Report], floor: SpecifierSet) -> list[Version]:
    """Every Python release X.Y.Z (3.Y) from the floor up, fine enough to reach every boundary that
    a Requires-Python names, and two minor versions past the newest one named anywhere."""
    named = [Version(v) for s in specs for v in re.findall(r"\d+(?:\.\d+)+", s)] + [r.python for r in reports]
    named = [v for v in named if v.major == 3]
    top_minor = max(v.minor for v in named) + 2
    top_patch = max(v.micro for v in named) + 2
    versions = [Version(f"3.{minor}.{patch}") for minor in range(0, top_minor + 1) for patch in range(top_patch + 1)]
    return [v for v in versions if v in floor]


def _bound(op: str, version: Version) -> str:
    if version.micro == 0:
        return f'python_version {op} "{version.major}.{version.minor}"'
    return f'python_full_version {op} "{version}"'


def merge(reports: list[Report], floor: SpecifierSet) -> tuple[list[str], list[Pin]]:
    """The constraints lines and the distinct pins they use."""
    reports = sorted(reports, key=lambda r: r.python, reverse=True)
    minors = [(r.python.major, r.python.minor) for r in reports]
    if len(set(minors)) != len(minors):
        sys.exit("Two reports on the same minor Python version: keep one per minor version.")
    specs = [p.requires_python for r in reports for p in r.pins.values()]
    pythons = candidate_pythons(specs, reports, floor)
    lines, used = [], []
    names = sorted(
        {n for r in reports for n in r.pins}, key=lambda n: next(r.pins[n].name for r in reports if n in r.pins).lower()
    )
    for name in names:
        chosen: list[Pin | None] = []
        for python in pythons:
            serving = next(
                (i for i, r in enumerate(reports) if (r.python.major, r.python.minor) <= (python.major, python.minor)),
                None,
            )
            if serving is None:
                sys.exit(
                    f"No report for Python {python} (pyproject admits it): take one on {python.major}.{python.minor}."
                )
            if name not in reports[serving].pins:
                chosen.append(None)  # not needed on this Python (tomli on 3.11+, say)
                continue
            pin = next(
                (r.pins[name] for r in reports[serving:] if name in r.pins and r.pins[name].admits(python)), None
            )
            if pin is None:
                sys.exit(
                    f"{reports[serving].pins[name].name}: no report pins a version whose Requires-Python "
                    f"admits Python {python}; take a report on Python {python}."
                )
            chosen.append(pin)
        runs = []  # (pin, index of first python, index after last)
        for i, pin in enumerate(chosen):
            if runs and runs[-1][0] == pin and runs[-1][2] == i:
                runs[-1] = (pin, runs[-1][1], i + 1)
            else:
                runs.append((pin, i, i + 1))
        for pin, start, end in reversed(runs):  # newest Python first
            if pin is None:
                continue
            bounds = []
            if start > 0:
                bounds.append(_bound(">=", pythons[start]))
            if end < len(pythons):
                bounds.append(_bound("<", pythons[end]))
            lines.append(f"{pin.name}=={pin.version}" + ("; " + " and ".join(bounds) if bounds else ""))
            if pin not in used:
                used.append(pin)
    return lines, used


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "reports", nargs="+", help="pin reports from scripts/pin_report.py, one per Python minor version"
    )
    parser.add_argument("--constraints", default=str(REPO / "constraints.txt"))
    parser.add_argument("--requires-python", default=str(REPO / "constraints-requires-python.txt"))
    args = parser.parse_args(argv)
    lines, pins = merge([read_report(p) for p in args.reports], project_requires_python())
    Path(args.constraints).write_text(CONSTRAINTS_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    data = sorted({f"{p.name}=={p.version}: {p.requires_python}".rstrip() for p in pins}, key=str.lower)
    Path(args.requires_python).write_text(REQUIRES_PYTHON_HEADER + "\n".join(data) + "\n", encoding="utf-8")
    print(f"wrote {args.constraints} ({len(lines)} pins) and {args.requires_python}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
