"""`cmo-course app` without a server: the one-line hint when Voila is missing, the command line
(loopback, the course's offline template) and the template folder it puts on JUPYTER_PATH."""

from __future__ import annotations

import json
import os

from cmo_course.cli import main
from cmo_course.commands import app


def test_missing_voila_prints_one_line_and_no_traceback(monkeypatch, capsys):
    monkeypatch.setattr(app, "voila_available", lambda: False)
    assert main(["app"]) == 2
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0] and "[app]" in lines[0]
    assert "Traceback" not in out.err


def test_command_line_serves_the_toolkit_on_loopback_with_the_course_template(tmp_path):
    notebook = app.toolkit_notebook(app_root())
    assert notebook.name == "07_toolkit.ipynb" and notebook.is_file()
    cmd = app.voila_command(
        notebook, port=8899, no_browser=True, extra=["--MappingKernelManager.cull_idle_timeout=600"]
    )
    assert cmd[1:3] == ["-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in cmd and "--template=cmo-course" in cmd
    assert "--port=8899" in cmd and "--no-browser" in cmd and cmd[-1].startswith("--MappingKernelManager")


def test_template_folder_leads_jupyter_path_and_keeps_the_rest():
    env = app.voila_env({"JUPYTER_PATH": "/somewhere"})
    paths = env["JUPYTER_PATH"].split(os.pathsep)
    assert paths == [str(app.APP_DATA), "/somewhere"]
    template = app.APP_DATA / "voila" / "templates" / app.TEMPLATE
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    text = (template / "index.html.j2").read_text()
    assert "html_head_js_mermaidjs" in text and "fontawesome" in text


def app_root():
    from cmo_course.paths import course_root

    return course_root()
