"""The course's JupyterLab settings (no news pop-up, no update check) apply however JupyterLab is
started: installed with the package into {sys.prefix}/share/jupyter/lab/settings/overrides.d/, the
folder jupyterlab_server reads package-owned overrides from (before, and below, an administrator's
own overrides.json beside it)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "jupyter-config" / "lab" / "settings" / "overrides.d" / "cmo-course.json"
INSTALLED = Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.d", "cmo-course.json")
PLUGIN = "@jupyterlab/apputils-extension:notification"


def get(url: str, token: str):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_settings_are_installed_into_this_environment():
    assert INSTALLED.is_file(), (
        f"{INSTALLED} missing: pip install the course (make install copies it for an editable install)"
    )
    assert json.loads(INSTALLED.read_text(encoding="utf-8")) == json.loads(SOURCE.read_text(encoding="utf-8"))


def test_the_install_records_the_settings_file_and_no_overrides_json():
    """A non-editable install records the file as the distribution's (an editable one, make's, gets
    it copied by the Makefile instead: setuptools' editable installs skip data files). Neither
    installs an overrides.json, which is the administrator's."""
    from importlib.metadata import distribution

    dist = distribution("cmo-course")
    recorded = [str(f).replace("\\", "/") for f in dist.files or []]
    settings = [f for f in recorded if "share/jupyter/lab/settings/" in f]
    assert not [f for f in settings if not f.endswith("/overrides.d/cmo-course.json")], settings
    direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
    if not direct_url.get("dir_info", {}).get("editable"):
        assert settings, f"a non-editable install should record {INSTALLED}: {recorded[:5]}..."


def test_installed_jupyterlab_server_reads_overrides_d_below_the_admins_overrides_json(tmp_path):
    """The layering the course relies on, as the installed jupyterlab_server implements it."""
    from jupyterlab_server.settings_utils import _get_overrides

    (tmp_path / "overrides.d").mkdir()
    shutil.copy(SOURCE, tmp_path / "overrides.d" / "cmo-course.json")
    admin = {PLUGIN: {"fetchNews": "true"}, "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    (tmp_path / "overrides.json").write_text(json.dumps(admin), encoding="utf-8")
    overrides, error = _get_overrides(str(tmp_path))
    assert not error
    assert overrides[PLUGIN]["checkForUpdates"] is False  # the course's
    assert overrides[PLUGIN]["fetchNews"] == "true"  # the administrator's own choice wins
    assert overrides["@jupyterlab/apputils-extension:themes"]["theme"] == "JupyterLab Dark"


@pytest.fixture(scope="module")
def plain_jupyterlab(tmp_path_factory, jupyterlab_server, free_port):
    """`python -m jupyterlab` as anyone would start it: no --LabApp.app_settings_dir, no course
    command, a folder of its own, a throwaway home for user settings."""
    work = tmp_path_factory.mktemp("plain-lab")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTER_CONFIG_DIR": str(work / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(work / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
    }
    env.pop("JUPYTERLAB_DIR", None)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={work}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    with jupyterlab_server(cmd, work, env, port, token, work / "lab.log") as base:
        yield base, token, work / "lab.log"


def test_plain_jupyterlab_applies_the_course_settings(plain_jupyterlab):
    base, token, _ = plain_jupyterlab
    body = get(f"{base}/lab/api/settings/{PLUGIN}", token)
    props = body["schema"]["properties"]
    assert props["fetchNews"]["default"] == "false"
    assert props["checkForUpdates"]["default"] is False
    assert (
        body["settings"].get("fetchNews", "false") == "false"
        and body["settings"].get("checkForUpdates", False) is False
    )


def test_plain_jupyterlab_starts_a_lesson_s_kernel_without_asking(plain_jupyterlab):
    """No "Select Kernel" dialog for a learner: the notebook's own kernel starts by itself."""
    base, token, _ = plain_jupyterlab
    body = get(f"{base}/lab/api/settings/@jupyterlab/notebook-extension:tracker", token)
    assert body["schema"]["properties"]["autoStartDefaultKernel"]["default"] is True
