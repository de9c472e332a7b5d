"""The package runs the same on Windows, macOS and Linux: `cmo-course lab` builds its command line
from pathlib paths and sys.executable (no shell, no `bin/`, no '/'-joined paths), works from a
folder whose name has spaces, and needs nothing that only `make` does."""

from __future__ import annotations

import ast
import os
import shutil
import sys
from pathlib import Path

import pytest

from cmo_course import paths
from cmo_course.commands import lab

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "cmo_course"


@pytest.fixture
def course_with_spaces(tmp_path):
    """A minimal course folder at a path with spaces (as a Windows user folder often is)."""
    root = tmp_path / "My Documents" / "cmo course"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(REPO / "notebooks" / "00_start_here.ipynb", root / "notebooks")
    shutil.copy(REPO / "course.yaml", root / "course.yaml")
    shutil.copytree(
        REPO / "jupyter-config", root / "jupyter-config", ignore=shutil.ignore_patterns("user-settings", "workspaces")
    )
    return root


@pytest.fixture
def no_installed_settings(monkeypatch, tmp_path):
    """JupyterLab's app folder without the course's settings (as after an editable install)."""
    monkeypatch.setenv("JUPYTERLAB_DIR", str(tmp_path / "empty-app-dir"))


@pytest.fixture
def installed_settings(monkeypatch, tmp_path):
    app_dir = tmp_path / "app dir"
    target = app_dir / "settings" / lab.SETTINGS_FILE
    target.parent.mkdir(parents=True)
    shutil.copy(REPO / lab.COURSE_SETTINGS_DIR / lab.SETTINGS_FILE, target)
    monkeypatch.setenv("JUPYTERLAB_DIR", str(app_dir))
    return app_dir / "settings"


def option(cmd: list[str], name: str) -> str | None:
    values = [a.split("=", 1)[1] for a in cmd if a.startswith(f"{name}=")]
    assert len(values) <= 1, f"{name} given twice: {cmd}"
    return values[0] if values else None


def test_command_line_is_this_python_with_whole_path_arguments(course_with_spaces, no_installed_settings):
    cmd = lab.lab_command(course_with_spaces, port=8899, no_browser=True)
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert all(isinstance(a, str) for a in cmd)
    # One argument per option, the path with its spaces kept whole, exactly as pathlib gives it.
    assert Path(option(cmd, "--ServerApp.root_dir")) == course_with_spaces
    assert option(cmd, "--ServerApp.root_dir") == str(course_with_spaces)
    assert option(cmd, "--LabApp.default_url") == "/lab/tree/notebooks/00_start_here.ipynb"  # a URL path


def test_course_settings_folder_passed_when_not_installed(course_with_spaces, no_installed_settings):
    cmd = lab.lab_command(course_with_spaces)
    assert Path(option(cmd, "--LabApp.app_settings_dir")) == course_with_spaces / "jupyter-config" / "lab" / "settings"
    assert (Path(option(cmd, "--LabApp.app_settings_dir")) / "overrides.d" / "cmo-course.json").is_file()


def test_installed_settings_used_as_they_are(course_with_spaces, installed_settings):
    """With the data file installed, JupyterLab's own app settings folder stays in charge (an
    administrator's overrides.json and page_config.json there keep applying)."""
    assert lab.installed_settings_dir() == installed_settings
    assert option(lab.lab_command(course_with_spaces), "--LabApp.app_settings_dir") is None


def test_default_app_settings_folder_is_under_sys_prefix(monkeypatch):
    monkeypatch.delenv("JUPYTERLAB_DIR", raising=False)
    found = lab.installed_settings_dir()
    expected = Path(sys.prefix, "share", "jupyter", "lab", "settings")
    assert found in (None, expected)


def test_root_is_dropped_only_as_root(monkeypatch, course_with_spaces, no_installed_settings):
    monkeypatch.delattr(os, "geteuid", raising=False)  # Windows has no geteuid
    assert "--allow-root" not in lab.lab_command(course_with_spaces)
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in lab.lab_command(course_with_spaces)
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert "--allow-root" in lab.lab_command(course_with_spaces)


def test_run_starts_jupyterlab_without_a_shell_in_the_course_folder(
    monkeypatch, course_with_spaces, no_installed_settings
):
    calls = []
    monkeypatch.setattr(lab.subprocess, "call", lambda cmd, **kw: calls.append((cmd, kw)) or 0)
    monkeypatch.setenv("CMO_COURSE_ROOT", str(course_with_spaces))
    args = type("Args", (), {"port": None, "no_browser": True, "extra": ["--ServerApp.token=x"]})()
    assert lab.run(args) == 0
    ((cmd, kwargs),) = calls
    assert isinstance(cmd, list) and not kwargs.get("shell")
    assert Path(kwargs["cwd"]) == course_with_spaces and cmd[-1] == "--ServerApp.token=x"


def test_course_root_from_a_folder_with_spaces(monkeypatch, course_with_spaces):
    monkeypatch.setenv("CMO_COURSE_ROOT", str(course_with_spaces))
    assert paths.course_root() == course_with_spaces.resolve()
    monkeypatch.delenv("CMO_COURSE_ROOT")
    monkeypatch.chdir(course_with_spaces / "notebooks")
    assert paths.course_root() == course_with_spaces.resolve()


def test_package_has_no_posix_only_calls():
    """No shell=True, no unguarded os.geteuid/getuid, no os.system, no `bin/` or '/'-joined
    filesystem paths built by hand, and nothing that needs make."""
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "shell"
                and not (isinstance(node.value, ast.Constant) and node.value.value is False)
            ):
                problems.append(f"{rel}:{node.value.lineno}: shell=")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"system", "popen"}
                and getattr(node.value, "id", "") == "os"
            ):
                problems.append(f"{rel}:{node.lineno}: os.{node.attr}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if text.startswith(("bin/", "Scripts/", ".venv")) or "/bin/" in text or text.split(" ")[0] == "make":
                    problems.append(f"{rel}:{node.lineno}: {text!r}")
        for attr in ("geteuid", "getuid"):
            for line_no, line in enumerate(source.splitlines(), 1):
                if f"os.{attr}()" in line and f'hasattr(os, "{attr}")' not in line:
                    problems.append(f"{rel}:{line_no}: unguarded os.{attr}()")
    assert not problems, "\n".join(problems)


def test_jupyterlab_loads_the_same_settings_from_the_fallback_as_from_the_install(
    course_with_spaces, monkeypatch, tmp_path
):
    """Where the settings are not installed, `cmo-course lab` passes the course folder's copy:
    jupyterlab_server's settings reader gets from it what it gets from the installed copy."""
    from jupyterlab_server.settings_utils import _get_overrides

    monkeypatch.delenv("JUPYTERLAB_DIR", raising=False)
    installed = lab.installed_settings_dir()
    assert installed is not None, "the course's settings are not installed: pip install the course (or make install)"
    from_install, error = _get_overrides(str(installed))
    assert not error and from_install
    monkeypatch.setenv("JUPYTERLAB_DIR", str(tmp_path / "empty-app-dir"))
    fallback = option(lab.lab_command(course_with_spaces), "--LabApp.app_settings_dir")
    from_fallback, error = _get_overrides(fallback)
    assert not error and from_fallback == from_install
    assert from_install["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
