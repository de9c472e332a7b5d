"""`cmo-course app` without a server: the one-line hint when Voila is missing, the command line
(loopback, the course's offline template) and the template folder it puts on JUPYTER_PATH."""

from __future__ import annotations

import asyncio
import os
import re

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


def voila_page(template: str) -> str:
    """The page Voila's template machinery renders for a one-cell notebook with `template` (as the
    server does, found on JUPYTER_PATH; no server, no kernel)."""
    import nbformat
    from voila.exporter import VoilaExporter
    from voila.paths import collect_template_paths

    exporter = VoilaExporter(
        template_paths=collect_template_paths(["voila", "nbconvert"], template),
        template_name=template,
        contents_manager=None,
        theme="light",
        base_url="/",
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Toolkit forms")])

    async def kernel_start(nb):
        return "no-kernel"

    async def cells(nb, kernel_id):
        for cell in nb.cells:
            yield cell

    async def render():
        context = {
            "frontend": "voila",
            "main_js": "voila.js",
            "kernel_start": kernel_start,
            "cell_generator": cells,
            "notebook_execute": None,
            "progressive_rendering": False,
        }
        return "".join([chunk async for chunk, _ in exporter.generate_from_notebook_node(nb, extra_context=context)])

    # In its own thread: a test process that has run Playwright's sync API keeps an event loop
    # running in this one, and asyncio.run refuses to start inside it.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, render()).result()


# A style sheet, script or module the page would fetch from another machine.
FETCHED_FROM_OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|https?://[^\s"'<>]+\.(?:css|m?js)\b""")


def test_course_template_renders_the_app_page_with_nothing_fetched_from_outside(monkeypatch):
    """`cmo-course app` serves the toolkit with the course's template (voila_command, voila_env): the
    page it renders is Voila's lab page without the CDN style sheets and scripts of Voila's own."""
    monkeypatch.setenv("JUPYTER_PATH", app.voila_env({})["JUPYTER_PATH"])
    stock = voila_page("lab")
    assert FETCHED_FROM_OUTSIDE.search(stock), "Voila's lab template fetches nothing outside: drop the overrides"
    page = voila_page(app.TEMPLATE)
    assert not FETCHED_FROM_OUTSIDE.search(page), FETCHED_FROM_OUTSIDE.search(page).group(0)
    # the rest of Voila's lab page is kept: its body, the notebook's cells, its own script
    assert 'id="Toolkit-forms">Toolkit forms' in page and 'class="jp-Cell jp-MarkdownCell' in page
    assert '<body class="jp-Notebook' in page and '<script src="/voila.js">' in page


def app_root():
    from cmo_course.paths import course_root

    return course_root()
