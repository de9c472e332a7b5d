"""A Jupyter server extension that gives JupyterLab the course's style sheet (`lab_css/custom.css`:
links underlined). JupyterLab loads `/custom/custom.css` when `LabApp.custom_css` is true, which
this extension turns on (a `LabApp` section in the server's JSON config does not reach JupyterLab);
the server looks for that file in its `static_custom_path`, to which this extension appends the
course's folder. A `custom.css` of the user's own (in `~/.jupyter/custom/`) comes first and wins."""

from __future__ import annotations

from pathlib import Path

CSS_DIR = Path(__file__).resolve().parent / "lab_css"


def _jupyter_server_extension_points():
    return [{"module": "cmo_course.lab_style"}]


def _link_jupyter_server_extension(serverapp):
    """Before JupyterLab reads its config from the server's: ask it to load custom.css."""
    serverapp.config.LabApp.custom_css = True


def _load_jupyter_server_extension(serverapp):
    """Append the course's style folder to the paths the server serves /custom/ from (in place:
    JupyterLab's handler holds the same list)."""
    for app in serverapp.extension_manager.extension_apps.get("jupyterlab", ()):
        app.custom_css = True  # in case JupyterLab linked first
    paths = serverapp.web_app.settings.setdefault("static_custom_path", [])
    if str(CSS_DIR) not in paths:
        paths.append(str(CSS_DIR))
    serverapp.log.info("cmo-course: lesson links underlined (cmo_course.lab_style)")
