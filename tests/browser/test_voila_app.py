"""The toolkit as a Voila app (`cmo-course app`): the real voila server on a free loopback port,
opened in Chromium with every request to a host other than 127.0.0.1 or localhost aborted and
recorded. The three tool forms render as live widgets, the build-vs-outsource form's Compare
button shows its result, and no request left the machine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from cmo_course.commands.app import toolkit_notebook, voila_available, voila_command, voila_env
from cmo_course.tools import build_vs_outsource as bvo

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SERVER_START_S = 120
RENDER_MS = 180_000
CLICK_MS = 60_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
FORMS = ("Build vs outsource", "Partner scorecard", "Quality-agreement planner")


def _wait_for_port(proc, port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while True:
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"voila did not start on port {port}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory, free_port):
    if not voila_available():
        message = "voila is not installed (pip install -c constraints.txt '.[test]')"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + "; CI=true, so the app test must run.")
        pytest.skip(message)
    work = tmp_path_factory.mktemp("voila-app")
    port = free_port()
    env = voila_env(
        {
            **os.environ,
            "CMO_COURSE_ROOT": str(REPO),
            "CMO_COURSE_PROGRESS_DB": str(work / "progress.sqlite"),
            "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
            "JUPYTER_CONFIG_DIR": str(work / "config"),
        }
    )
    cmd = voila_command(toolkit_notebook(REPO), port=port, no_browser=True)
    log_path = work / "voila.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_port(proc, port, log_path)
        yield {"base": f"http://127.0.0.1:{port}", "log": log_path}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def test_toolkit_app_renders_offline_and_the_compare_button_works(browser, voila_server, screenshots_dir):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(voila_server["base"] + "/", timeout=RENDER_MS, wait_until="domcontentloaded")
        # the live forms: each header is an HTML widget inside a widget box, with its inputs and button
        for title in FORMS:
            header = page.locator(f".widget-html:has-text('{title}')").first
            header.wait_for(timeout=RENDER_MS)
        assert page.locator(".widget-vbox .widget-text, .widget-vbox .widget-float-text").count() >= 5
        compare = page.locator("button.jupyter-button:has-text('Compare')")
        compare.wait_for(timeout=CLICK_MS)
        assert page.locator("button.jupyter-button:has-text('Rank')").count() >= 1
        before = page.locator(".widget-output .cmo-bvo").count()
        compare.first.click()
        result = page.locator(".widget-output .cmo-bvo")
        try:
            result.first.wait_for(timeout=CLICK_MS)
        except Exception:
            (screenshots_dir / "voila-toolkit.html").write_text(page.content())
            page.screenshot(path=str(screenshots_dir / "voila-toolkit-fail.png"), full_page=True)
            raise
        assert result.count() == before + 1  # the form's own output area, not the static report above it
        summary = result.first.locator("p strong").first.inner_text()
        assert summary.strip() == bvo.compare(bvo.example_inputs()).summary.strip()
        page.screenshot(path=str(screenshots_dir / "voila-toolkit.png"), full_page=False)

        # An out-of-range entry in the app, as in JupyterLab: kept as typed, the Python API's own
        # message, and no result computed from a changed value.
        form = page.locator(".cmo-tool-form-live").filter(has_text="Build vs outsource").first
        box = form.get_by_label("Facility capital cost (USD millions)", exact=True)
        box.fill("-50")
        form.get_by_role("button", name="Compare").click()
        message = form.get_by_text("Please fix: Facility capital cost (USD) must be between")
        message.wait_for(timeout=CLICK_MS)
        with pytest.raises(bvo.InputError) as api:
            bvo.example_inputs(capital_cost=-50e6)
        assert str(api.value) in " ".join(message.inner_text().split())
        assert box.input_value() == "-50"
        assert form.locator(".widget-output .cmo-bvo").count() == 0
        assert form.locator("[data-lm-suppress-shortcuts]").count() >= 1  # the keyboard guard is on the form
    finally:
        context.close()
    assert outside == [], f"requests outside the machine: {outside}"
    assert not errors, errors
