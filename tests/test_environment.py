"""The pinned install set (constraints.txt), environment.yml and pyproject.toml agree."""

from __future__ import annotations

import re
from importlib.metadata import requires
from pathlib import Path

import yaml
from packaging.markers import Marker

REPO = Path(__file__).resolve().parents[1]
# conda-forge package name -> PyPI name, where they differ
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "python-fastjsonschema": "fastjsonschema"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints(python: str = "3.11") -> dict[str, str]:
    """The pins that apply on one Python version (lines may carry a python_version marker)."""
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _, marker = line.partition(";")
        if marker and not Marker(marker).evaluate({"python_version": python}):
            continue
        name, _, version = requirement.partition("==")
        assert version, f"constraints.txt: '{line}' is not pinned with =="
        assert _norm(name) not in pins, f"constraints.txt pins {name} twice for Python {python}"
        pins[_norm(name)] = version.strip()
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "==" in dep:
            name, version = dep.split("==")
            pins[_norm(CONDA_TO_PYPI.get(name, name))] = version
    return pins


def pyproject_names() -> set[str]:
    """Direct dependencies (with extras) as declared in pyproject.toml and installed."""
    return {_norm(re.split(r"[<>=!~\[ ;(]", d, maxsplit=1)[0]) for d in requires("cmo-course") or []}


def test_environment_yml_matches_constraints():
    pins, conda = constraints(), conda_pins()
    mismatched = {n: (v, pins.get(n)) for n, v in conda.items() if pins.get(n) != v}
    assert not mismatched, f"environment.yml vs constraints.txt (conda, pip): {mismatched}"


def test_every_direct_dependency_is_pinned_in_both():
    pins, conda = constraints(), conda_pins()
    missing_pin = sorted(pyproject_names() - set(pins))
    missing_310 = sorted(pyproject_names() - set(constraints("3.10")))
    assert not missing_310, f"pyproject dependencies without a Python 3.10 pin: {missing_310}"
    missing_conda = sorted(pyproject_names() - set(conda))
    assert not missing_pin, f"pyproject dependencies missing from constraints.txt: {missing_pin}"
    assert not missing_conda, f"pyproject dependencies missing from environment.yml: {missing_conda}"


def test_environment_installs_the_course_itself():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip_section
