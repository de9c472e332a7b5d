"""Open the course in JupyterLab at the start page, on loopback, with the course's settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NAME = "lab"
HELP = "open JupyterLab at the course's start page"
START_PAGE = "notebooks/00_start_here.ipynb"  # a URL path under /lab/tree/, so always '/'
# The course's JupyterLab settings (no news pop-up, no update check): installed with the package
# into JupyterLab's app settings folder, {sys.prefix}/share/jupyter/lab/settings/, and also kept
# in the course folder for a run where they are not installed (an editable install skips them).
SETTINGS_FILE = Path("overrides.d") / "cmo-course.json"
COURSE_SETTINGS_DIR = Path("jupyter-config") / "lab" / "settings"


def add_arguments(parser):
    parser.add_argument("--port", type=int, default=None, help="port to serve on (default: first free from 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument(
        "--edit-lessons",
        action="store_true",
        help="for authors: saving a lesson writes it (learners' saves keep lessons as the course has them)",
    )
    parser.add_argument("extra", nargs="*", help="further options passed to jupyter lab (after --)")


def installed_settings_dir() -> Path | None:
    """JupyterLab's app settings folder for this Python, if the course's settings are in it.

    The folder is $JUPYTERLAB_DIR/settings, else {sys.prefix}/share/jupyter/lab/settings, as in
    jupyterlab.commands.get_app_dir() (not imported: it takes seconds). Its rarer cases (a
    --user install) land in the fallback, which serves the same settings from the course folder."""
    app_dir = (
        Path(os.environ["JUPYTERLAB_DIR"])
        if os.environ.get("JUPYTERLAB_DIR")
        else Path(sys.prefix, "share", "jupyter", "lab")
    )
    settings = app_dir / "settings"
    return settings if (settings / SETTINGS_FILE).is_file() else None


def lab_command(root, port=None, no_browser=False, extra=(), page: str = START_PAGE) -> list[str]:
    """The `jupyter lab` command line that serves the course folder with the course's settings.

    Where the settings are installed (any pip install but an editable one), JupyterLab finds them
    itself, beside any overrides.json or page_config.json of an administrator's, so nothing is
    passed; otherwise the course folder's copy is passed as the app settings folder."""
    root = Path(root)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{page}",
    ]
    if installed_settings_dir() is None and (root / COURSE_SETTINGS_DIR / SETTINGS_FILE).is_file():
        cmd.append(f"--LabApp.app_settings_dir={root / COURSE_SETTINGS_DIR}")
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root
    cmd.extend(extra)
    return cmd


def run(args) -> int:
    from ..paths import course_root

    root = course_root()
    cmd = lab_command(root, args.port, args.no_browser, args.extra)
    print(f"Opening the course in JupyterLab: {START_PAGE} (Ctrl+C here to stop).", flush=True)
    env = None
    if getattr(args, "edit_lessons", False):
        from ..save_policy import EDIT_ENV

        env = {**os.environ, EDIT_ENV: "1"}
        print("Author mode: saving a lesson writes it (the save policy is off for this server).", flush=True)
    try:
        return subprocess.call(cmd, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
