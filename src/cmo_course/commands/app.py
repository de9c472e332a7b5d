"""The toolkit as a web app (Voila): the decision tools' forms, without the notebook's code, served
on loopback. Needs the optional extra: pip install -c constraints.txt '.[app]'.

For a group, run Voila on a shared machine behind the hub or a reverse proxy, with idle kernels
culled (see the README, "The toolkit as an app").
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

NAME = "app"
HELP = "open the decision tools as a web app (Voila; optional extra 'app')"
TOOLKIT = "07_toolkit"
INSTALL_HINT = (
    "Voila is not installed: run  pip install -c constraints.txt '.[app]'  in the course folder, then try again."
)


def add_arguments(parser):
    parser.add_argument("--port", type=int, default=None, help="port to serve on (default: Voila's, 8866)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("extra", nargs="*", help="further options passed to voila (after --)")


def toolkit_notebook(root):
    """The toolkit notebook's path, as course.yaml names it."""
    from ..content.manifest import load_course

    lesson = load_course().lesson(TOOLKIT)
    return root / (lesson.notebook if lesson else f"notebooks/{TOOLKIT}.ipynb")


# The course's Voila template (Voila's lab template without its CDN requests), found through
# JUPYTER_PATH: <APP_DATA>/voila/templates/cmo-course/.
APP_DATA = Path(__file__).resolve().parents[1] / "app_templates"
TEMPLATE = "cmo-course"


def voila_env(env=None) -> dict:
    """The environment for Voila: JUPYTER_PATH led by the course's template folder."""
    env = dict(os.environ if env is None else env)
    paths = [str(APP_DATA)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def voila_command(notebook, port=None, no_browser=False, extra=()) -> list[str]:
    """The voila command line: the notebook on loopback, with the course's offline template."""
    cmd = [sys.executable, "-m", "voila", str(notebook), "--Voila.ip=127.0.0.1", f"--template={TEMPLATE}"]
    if port:
        cmd.append(f"--port={port}")
    if no_browser:
        cmd.append("--no-browser")
    cmd.extend(extra)
    return cmd


def voila_available() -> bool:
    return importlib.util.find_spec("voila") is not None


def run(args) -> int:
    from ..errors import CourseError
    from ..paths import course_root

    if not voila_available():
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    root = course_root()
    notebook = toolkit_notebook(root)
    if not notebook.is_file():
        raise CourseError(f"the toolkit notebook {notebook} is missing.")
    print(f"Opening the toolkit as an app: {notebook.relative_to(root)} (Ctrl+C here to stop).", flush=True)
    try:
        return subprocess.call(
            voila_command(notebook, args.port, args.no_browser, args.extra), cwd=root, env=voila_env()
        )
    except KeyboardInterrupt:
        return 0
