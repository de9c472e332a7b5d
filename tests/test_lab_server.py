"""`cmo-course lab` (what `make lab` runs) serves the start page with the course's settings."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from cmo_course.content.manifest import load_course

REPO = Path(__file__).resolve().parents[1]
START = "notebooks/00_start_here.ipynb"


def get(url: str, token: str):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture(scope="module")
def lab_server(course_lab):
    """`cmo-course lab`, as `make lab` runs it: the session's server (tests/conftest.py), which the
    JupyterLab browser tests share."""
    return course_lab["base"], course_lab["token"]


def test_serves_the_start_page(lab_server):
    base, token = lab_server
    status, html = get(f"{base}/lab/tree/{START}", token)
    assert status == 200 and "jupyter-config-data" in html


def test_opening_the_server_lands_on_the_start_page(lab_server):
    base, token = lab_server
    request = urllib.request.Request(f"{base}/", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.geturl() == f"{base}/lab/tree/{START}"


def test_start_page_notebook_through_the_contents_api(lab_server):
    base, token = lab_server
    status, body = get(f"{base}/api/contents/{START}", token)
    model = json.loads(body)
    assert status == 200 and model["type"] == "notebook"
    title = model["content"]["cells"][0]["source"]
    assert title.startswith("# ") and title.splitlines()[0][2:] == load_course().lessons[0].title


def test_news_and_update_checks_are_off(lab_server):
    base, token = lab_server
    _, body = get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
    props = json.loads(body)["schema"]["properties"]
    assert props["fetchNews"]["default"] == "false"
    assert props["checkForUpdates"]["default"] is False


def test_lab_command_serves_loopback_only():
    from cmo_course.commands.lab import lab_command

    cmd = lab_command(REPO, port=9999, no_browser=True)
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port=9999" in cmd
    # The course's settings come from the installed data file (or, where it is missing, the course
    # folder's copy): tests/test_lab_settings.py and tests/test_setup_paths.py check both.
