"""Every pin in constraints.txt installs on every Python its marker selects it for (offline).

constraints-requires-python.txt holds each pinned distribution's Requires-Python, as published
(scripts/merge_constraints.py writes it; scripts/check_install.py, run by CI, compares it with what
the registry serves). Here each pin's marker is evaluated on every Python release from the oldest the
README and pyproject.toml claim, patch by patch, and every Python the marker selects must be one the
pin's Requires-Python admits: a `python_version >= "3.11"` marker on a pin that needs 3.11.5 fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
MARKER_VARIABLES = {"python_version", "python_full_version"}


def pins() -> list[tuple[str, str, str, str]]:
    """(line, canonical name, version, marker) for each line of constraints.txt."""
    out = []
    for raw in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _, marker = line.partition(";")
        name, _, version = requirement.partition("==")
        assert version, f"constraints.txt: '{line}' is not pinned with =="
        out.append((line, canonicalize_name(name), version.strip(), marker.strip()))
    return out


def requires_python_data() -> dict[str, str]:
    data = {}
    for line in (REPO / "constraints-requires-python.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pin, sep, spec = line.partition(":")
        name, eq, version = pin.partition("==")
        assert sep and eq, f"constraints-requires-python.txt: '{line}' is not 'name==version: specifier'"
        key = f"{canonicalize_name(name)}=={version.strip()}"
        assert key not in data, f"constraints-requires-python.txt lists {key} twice"
        data[key] = spec.strip()
    return data


def oldest_python() -> Version:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    spec = re.search(r'^requires-python\s*=\s*">=\s*([\d.]+)"', text, re.M)
    assert spec, "pyproject.toml: requires-python should be '>=X.Y'"
    return Version(spec[1])


def pythons(extra_specs: tuple[str, ...] = ()) -> list[Version]:
    """Every release 3.Y.Z from the oldest claimed up to two minor versions past any version named
    in a marker or a Requires-Python, and two patch releases past any patch named."""
    texts = [m for *_, m in pins()] + list(requires_python_data().values()) + list(extra_specs)
    named = [Version(v) for t in texts for v in re.findall(r"\d+(?:\.\d+)+", t)]
    named = [v for v in named if v.major == 3] + [oldest_python()]
    top_minor, top_patch = max(v.minor for v in named) + 2, max(v.micro for v in named) + 2
    floor = oldest_python()
    return [
        v
        for minor in range(floor.minor, top_minor + 1)
        for patch in range(top_patch + 1)
        if (v := Version(f"3.{minor}.{patch}")) >= floor
    ]


def marker_admits(marker: str, python: Version) -> bool:
    if not marker:
        return True
    env = {
        "python_version": f"{python.major}.{python.minor}",
        "python_full_version": str(python),
        "implementation_version": str(python),
    }
    return Marker(marker).evaluate(env)


def violations(marker: str, requires_python: str, candidates: list[Version]) -> list[Version]:
    """Pythons the marker selects that the Requires-Python excludes."""
    spec = SpecifierSet(requires_python)
    return [v for v in candidates if marker_admits(marker, v) and v not in spec]


def test_readme_claims_the_oldest_python_pyproject_admits():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    claim = re.search(r"Python (\d+\.\d+) or newer", readme)
    assert claim, "README.md should say which Python it needs ('Python 3.X or newer')"
    assert Version(claim[1]) == oldest_python(), f"README says Python {claim[1]}, pyproject says {oldest_python()}"


def test_data_file_covers_every_pin_and_nothing_else():
    pinned = {f"{name}=={version}" for _, name, version, _ in pins()}
    data = set(requires_python_data())
    assert not pinned - data, (
        f"pins without a Requires-Python entry (run scripts/merge_constraints.py): {sorted(pinned - data)}"
    )
    assert not data - pinned, f"Requires-Python entries for nothing pinned: {sorted(data - pinned)}"


def test_markers_name_only_the_python_version():
    """The check below enumerates Python versions; a marker on anything else would escape it."""
    for line, *_, marker in pins():
        variables = set(re.findall(r"[a-z_]+", re.sub(r"(['\"]).*?\1", "", marker))) - {"and", "or", "not", "in"}
        assert variables <= MARKER_VARIABLES, f"constraints.txt: '{line}' uses {variables - MARKER_VARIABLES}"


def test_every_pin_installs_on_every_python_its_marker_selects():
    data, candidates, problems = requires_python_data(), pythons(), []
    for line, name, version, marker in pins():
        bad = violations(marker, data[f"{name}=={version}"], candidates)
        if bad:
            problems.append(
                f"'{line}' selects Python {bad[0]}..{bad[-1]} ({len(bad)} releases) "
                f"but needs Requires-Python '{data[f'{name}=={version}']}'"
            )
    assert not problems, "\n".join(problems)


def test_one_version_of_each_distribution_per_python_without_gaps():
    """At most one pin applies on any Python, and the Pythons a distribution is pinned for form one
    run (a gap, such as a missing 3.11.0-3.11.4 fallback line, would leave it unpinned there)."""
    candidates, by_name = pythons(), {}
    for line, name, _, marker in pins():
        by_name.setdefault(name, []).append((line, marker))
    for name, lines in by_name.items():
        covered = []
        for python in candidates:
            applying = [line for line, marker in lines if marker_admits(marker, python)]
            assert len(applying) <= 1, f"Python {python} gets two pins of {name}: {applying}"
            covered.append(bool(applying))
        runs = "".join("1" if c else "0" for c in covered).strip("0")
        assert "0" not in runs, (
            f"{name} is pinned for some Pythons, unpinned for some between them: {[label for label, _ in lines]}"
        )


def test_pins_for_the_oldest_and_the_system_python_exist():
    """The README's oldest Python and Debian 12's own 3.11.2 each get a full set (the course's direct
    dependencies are pinned on both)."""
    names_310 = {n for _, n, _, m in pins() if marker_admits(m, Version("3.10.0"))}
    names_3112 = {n for _, n, _, m in pins() if marker_admits(m, Version("3.11.2"))}
    for needed in ("jupyterlab", "ipykernel", "ipython", "soupsieve", "numpy", "pytest"):
        assert needed in names_310 and needed in names_3112, needed


@pytest.mark.parametrize(
    ("marker", "requires_python", "bad"),
    [
        ('python_version >= "3.11"', ">=3.11.5", ["3.11.0", "3.11.1", "3.11.2", "3.11.3", "3.11.4"]),
        ('python_full_version >= "3.11.5"', ">=3.11.5", []),
        ('python_full_version < "3.11.5"', ">=3.10", []),
        ("", ">=3.11", ["3.10.0", "3.10.1"]),
        ('python_version < "3.11"', ">=3.10,<3.11", []),
        ('python_version >= "3.11"', ">=3.11,<3.13", ["3.13.0", "3.13.1"]),
    ],
)
def test_the_check_itself_catches_a_marker_wider_than_requires_python(marker, requires_python, bad):
    found = [str(v) for v in violations(marker, requires_python, pythons(("3.13.0", "3.11.5")))]
    assert found[: len(bad)] == bad and (bool(found) == bool(bad))
