"""Shared test set-up: an isolated progress store, lax nbval for exercises/, browser gating."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from course_factory import make_course

REPO = Path(__file__).resolve().parents[1]

# Every test, and every kernel nbval starts (kernels inherit this environment), writes progress to
# a throwaway store, never to the learner's real one.
_PROGRESS_DIR = tempfile.mkdtemp(prefix="cmo-course-test-progress-")
os.environ["CMO_COURSE_PROGRESS_DB"] = str(Path(_PROGRESS_DIR) / "progress.sqlite")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["CMO_COURSE_ROOT"] = str(REPO)
# No network: any HTTP(S) request from a test or a notebook kernel goes to a closed local port and
# fails at once; loopback (the JupyterLab and browser tests) is exempt.
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
    os.environ[_var] = "http://127.0.0.1:9"
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"


def pytest_collectstart(collector):
    """exercises/ runs under lax nbval (errors only); notebooks/ and solutions/ stay strict."""
    try:
        from nbval.plugin import IPyNbFile
    except ImportError:  # pragma: no cover - nbval is a test dependency
        return
    if isinstance(collector, IPyNbFile) and (REPO / "exercises") in Path(collector.path).parents:
        collector.compare_outputs = False


def pytest_unconfigure(config):
    shutil.rmtree(_PROGRESS_DIR, ignore_errors=True)


CHROMIUM = os.environ.get("CMO_COURSE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to Debian's Chromium. Missing: a skip locally, a failure when CI=true."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with 'apt-get install chromium'."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + " CI=true, so browser tests must run, not skip.")
        pytest.skip(message)
    return CHROMIUM


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Under CI=true a skipped test is a failure: CI must run everything, not skip it."""
    if not _ci() or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; in CI every test must run:", red=True)
        for report in skipped[:20]:
            reporter.write_line(
                f"  {report.nodeid}: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr}"
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _serving(cmd: list[str], cwd: Path, env: dict, port: int, token: str, log_path: Path, start_timeout: float = 90):
    """Run a JupyterLab command line until /api/status answers; yield its base URL; stop it."""
    import signal
    import subprocess
    import time
    import urllib.request

    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_timeout
    try:
        while True:
            try:
                request = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
                urllib.request.urlopen(request, timeout=5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start on port {port}:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.25)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def free_port():
    """A function returning a free TCP port on loopback."""
    return _free_port


@pytest.fixture(scope="session")
def jupyterlab_server():
    """`with jupyterlab_server(cmd, cwd, env, port, token, log_path) as base_url:` runs JupyterLab."""
    return _serving


@pytest.fixture
def small_course(tmp_path, monkeypatch):
    """`small_course(bank, ...)` builds a course around those bank files and points CMO_COURSE_ROOT at it."""

    def build(*banks, start_page: bool = True) -> Path:
        root = make_course(tmp_path / "course", banks, start_page)
        monkeypatch.setenv("CMO_COURSE_ROOT", str(root))
        return root

    return build
