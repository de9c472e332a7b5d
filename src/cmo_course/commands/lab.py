"""Open the course in JupyterLab at the start page, on loopback, with the course's settings."""

from __future__ import annotations

import os
import subprocess
import sys

NAME = "lab"
HELP = "open JupyterLab at the course's start page"
START_PAGE = "notebooks/00_start_here.ipynb"


def add_arguments(parser):
    parser.add_argument("--port", type=int, default=None, help="port to serve on (default: first free from 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("extra", nargs="*", help="further options passed to jupyter lab (after --)")


def lab_command(root, port=None, no_browser=False, extra=()) -> list[str]:
    """The `jupyter lab` command line that serves the course folder with the course's settings."""
    settings = root / "jupyter-config" / "lab" / "settings"
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.default_url=/lab/tree/{START_PAGE}",
    ]
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
    try:
        return subprocess.call(cmd, cwd=root)
    except KeyboardInterrupt:
        return 0
