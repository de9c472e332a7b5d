"""The pinned install set (constraints.txt), environment.yml and pyproject.toml agree."""

from __future__ import annotations

import re
from importlib.metadata import requires
from pathlib import Path

import yaml
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
# conda-forge package name -> PyPI name, where they differ
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "python-fastjsonschema": "fastjsonschema"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints(python: str = "3.11.0") -> dict[str, str]:
    """The pins that apply on one Python release (lines may carry python_version or
    python_full_version markers, so give the full version: 3.11.2 and 3.11.7 can differ)."""
    pins = {}
    major_minor = ".".join(python.split(".")[:2])
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _, marker = line.partition(";")
        env = {"python_version": major_minor, "python_full_version": python}
        if marker and not Marker(marker).evaluate(env):
            continue
        name, _, version = requirement.partition("==")
        assert version, f"constraints.txt: '{line}' is not pinned with =="
        assert _norm(name) not in pins, f"constraints.txt pins {name} twice for Python {python}"
        pins[_norm(name)] = version.strip()
    return pins


def conda_python() -> str:
    """The `python=X.Y` pin of environment.yml (the form repo2docker reads)."""
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    specs = [d for d in env["dependencies"] if isinstance(d, str) and re.match(r"python\b(?!-)", d)]
    assert len(specs) == 1, f"environment.yml should list python once, found {specs}"
    match = re.fullmatch(r"python\s*=\s*(3\.\d+)(\.\*)?", specs[0].strip())
    assert match, (
        f"environment.yml: '{specs[0]}' should be python=3.X (repo2docker ignores ranges such as python>=3.10)"
    )
    return match[1]


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


def conda_python_releases() -> list[str]:
    """Every release of the Python minor version environment.yml pins (conda may pick any)."""
    return [f"{conda_python()}.{patch}" for patch in range(30)]


def requires_python_data() -> dict[str, str]:
    data = {}
    for line in (REPO / "constraints-requires-python.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pin, _, spec = line.partition(":")
            name, _, version = pin.partition("==")
            data[f"{_norm(name)}=={version.strip()}"] = spec.strip()
    return data


def test_environment_yml_matches_constraints():
    conda = conda_pins()
    for python in conda_python_releases():
        pins = constraints(python)
        mismatched = {n: (v, pins.get(n)) for n, v in conda.items() if pins.get(n) != v}
        assert not mismatched, f"Python {python}: environment.yml vs constraints.txt (conda, pip): {mismatched}"


def test_conda_python_is_one_the_course_supports():
    oldest = re.search(r'^requires-python\s*=\s*">=\s*(3\.\d+)"', (REPO / "pyproject.toml").read_text(), re.M)[1]
    assert Version(conda_python()) >= Version(oldest), (
        f"environment.yml pins python={conda_python()}, pyproject needs >={oldest}"
    )


def test_conda_python_satisfies_every_pinned_requires_python():
    """Each package environment.yml pins, and each pin constraints.txt selects for that Python,
    declares a Requires-Python that admits every release of the conda Python (3.11.0 to 3.11.29)."""
    data, conda, problems = requires_python_data(), conda_pins(), []
    for python in conda_python_releases():
        pins = constraints(python)
        for name in sorted(set(conda) | set(pins)):
            version = conda.get(name) or pins[name]
            spec = data.get(f"{name}=={version}")
            assert spec is not None, f"constraints-requires-python.txt has no entry for {name}=={version}"
            if Version(python) not in SpecifierSet(spec):
                problems.append(f"{name}=={version} needs Python {spec}, environment.yml allows {python}")
    assert not problems, "\n".join(problems[:20])


def test_every_direct_dependency_is_pinned_in_both():
    pins, conda = constraints(), conda_pins()
    missing_pin = sorted(pyproject_names() - set(pins))
    missing_310 = sorted(pyproject_names() - set(constraints("3.10.0")))
    assert not missing_310, f"pyproject dependencies without a Python 3.10 pin: {missing_310}"
    missing_conda = sorted(pyproject_names() - set(conda))
    assert not missing_pin, f"pyproject dependencies missing from constraints.txt: {missing_pin}"
    assert not missing_conda, f"pyproject dependencies missing from environment.yml: {missing_conda}"


def test_environment_installs_the_course_itself():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    # `.`, not `-e .`: an editable install would skip the settings data file (a hub or Binder
    # starts JupyterLab itself, so the installed settings are all that turns the pop-ups off).
    assert "." in pip_section and "-e ." not in pip_section
