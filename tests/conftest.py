"""Shared test set-up: an isolated progress store, lax nbval for exercises/, browser gating."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

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
            reporter.write_line(f"  {report.nodeid}: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
