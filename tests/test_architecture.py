"""The architecture as contracts, and the checks authors can run before each commit."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold():
    result = run([str(BIN / "lint-imports")])
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def lint_imports_with(tmp_path, module: str, source: str) -> subprocess.CompletedProcess:
    """`lint-imports` on a copy of the package with one more module (dotted path below cmo_course)."""
    import shutil

    copy = tmp_path / "course"
    shutil.copytree(ROOT / "src", copy / "src")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "src" / "cmo_course" / f"{module.replace('.', '/')}.py").write_text(source, encoding="utf-8")
    return subprocess.run(
        [str(BIN / "lint-imports")],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(copy / "src")},
    )


def test_an_upward_import_breaks_the_layers_contract(tmp_path):
    """A content module that imports the quiz (a higher layer) is reported."""
    result = lint_imports_with(tmp_path, "content.upward", "from ..quiz import quiz  # noqa: F401\n")
    assert result.returncode != 0
    assert "cmo_course.content is not allowed to import cmo_course.quiz" in result.stdout


def test_an_import_circle_inside_a_package_breaks_the_acyclic_contract(tmp_path):
    """Two modules of one package that import each other are reported, though the layers contract
    lets siblings of one layer import each other."""
    result = lint_imports_with(
        tmp_path,
        "quiz.circle",
        "def f():\n    from . import review  # noqa: F401\n\n\nfrom . import bank  # noqa: F401\n",
    )
    assert result.returncode == 0, result.stdout  # one direction alone is no circle
    bank = tmp_path / "course" / "src" / "cmo_course" / "quiz" / "bank.py"
    bank.write_text(bank.read_text(encoding="utf-8") + "\nfrom . import circle  # noqa: E402, F401\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "lint-imports")],
        cwd=tmp_path / "course",
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "course" / "src")},
    )
    assert result.returncode != 0
    assert "No import circle among the modules of any package BROKEN" in result.stdout


def test_every_pre_commit_hook_runs_and_passes_on_the_tree():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} >= {"ruff-check", "ruff-format", "lint-imports", "cmo-course-validate"}
    for hook in hooks:
        assert hook["language"] == "system"  # the .venv's tools: nothing downloaded
        command = shlex.split(hook["entry"])
        command[0] = str(BIN / command[0])
        if hook.get("pass_filenames", True):
            command.append(".")
        result = run(command)
        assert result.returncode == 0, f"{hook['id']}: {result.stdout[-2000:]}{result.stderr[-2000:]}"


def test_every_module_of_the_package_sits_in_a_layer():
    """A module left out of the layers contract would escape it: list every top-level module."""
    try:
        import tomllib
    except ImportError:  # Python 3.10: pip's vendored copy of the same parser
        from pip._vendor import tomli as tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    named = {part.strip() for layer in layers for part in layer.replace("|", ":").split(":")}
    package = ROOT / "src" / "cmo_course"
    modules = {f"cmo_course.{p.stem}" for p in package.glob("*.py") if p.stem not in ("__init__", "__main__")}
    modules |= {f"cmo_course.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert modules - named == set(), "add these to a layer in pyproject.toml"
