"""Shared test set-up: an isolated progress store, lax nbval for exercises/, browser gating, the
session's shared JupyterLab server and handout builds, and the order in which xdist hands out work."""

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


# ---------- what the session shares: one JupyterLab server, one handout build per course ----------

LAB_TEST_FILES = (
    "tests/test_lab_server.py",
    "tests/browser/test_jupyterlab_e2e.py",
    "tests/browser/test_tool_forms_browser.py",
)


def copy_of_the_course(target: Path) -> Path:
    """The course's notebooks, content, manifest and JupyterLab settings, copied (a JupyterLab
    session saves outputs; the real lessons stay untouched)."""
    shutil.copytree(REPO / "notebooks", target / "notebooks")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "course.yaml", target / "course.yaml")
    shutil.copytree(
        REPO / "jupyter-config", target / "jupyter-config", ignore=shutil.ignore_patterns("user-settings", "workspaces")
    )
    return target


@pytest.fixture(scope="session")
def course_lab(tmp_path_factory):
    """`cmo-course lab` (what `make lab` runs) serving a copy of the course on a free loopback port
    with a random token, its own progress store, runtime, settings and workspaces folders; started
    once for the session (tests/test_lab_server.py and the JupyterLab browser tests share it: the
    scheduler below sends both files to the same worker) and stopped at its end."""
    import secrets
    import sys

    work = tmp_path_factory.mktemp("course-lab")
    course = copy_of_the_course(work / "course")
    progress_db = work / "progress.sqlite"
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "CMO_COURSE_ROOT": str(course),
        "CMO_COURSE_PROGRESS_DB": str(progress_db),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(work / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
    }
    cmd = [
        sys.executable,
        "-m",
        "cmo_course.cli",
        "lab",
        "--no-browser",
        "--port",
        str(port),
        "--",
        f"--IdentityProvider.token={token}",
    ]
    with _serving(cmd, course, env, port, token, work / "lab.log") as base:
        yield {"base": base, "token": token, "progress_db": progress_db, "course": course}


@pytest.fixture(scope="session")
def handouts_of(tmp_path_factory):
    """`handouts_of(root)`: that course's handouts, built once per test process into a throwaway
    folder on first use (the handout tests and the browser tests read the same build)."""
    from cmo_course.handouts import build_handouts

    built: dict[Path, Path] = {}

    def build(root: Path) -> Path:
        root = Path(root).resolve()
        if root not in built:
            folder = tmp_path_factory.mktemp(f"{root.name}-handouts")
            result = build_handouts(folder, root=root, progress=False)
            assert result.failures == [], result.failures
            built[root] = folder
        return built[root]

    return build


# ---------- the order in which `--dist loadscope` hands out work ----------

# The scopes that take longest, first: a long scope handed out last keeps one worker busy while the
# other has nothing left to do. (xdist's own order, most tests first, puts these few-test scopes last.)
SLOW_SCOPES_FIRST = (
    "tests/browser/test_handouts_browser.py::TestLessonPages",
    "jupyterlab",
    "tests/test_course_content.py::TestNewLesson",
    "tests/browser/test_handouts_browser.py::TestExercisePages",
    "tests/test_wheel_install.py",
    "tests/test_quiz_notebook.py",
    "tests/test_course_content.py",
    "tests/browser/test_handouts_browser.py",
    "tests/test_handouts.py",
    "tests/browser/test_handouts_browser.py::TestFixturePages",
)
NOTEBOOK_FOLDERS = ("notebooks/", "solutions/", "exercises/")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` with two changes: the two files that use the session's JupyterLab server
    are one scope (one worker, one server), and scopes go out slowest first, then the rest by
    number of tests, then nbval's notebooks (short scopes that fill the end evenly)."""
    if config.getoption("dist", None) != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(LAB_TEST_FILES):
                return "jupyterlab"
            return super()._split_scope(nodeid)

        def _rank(self, scope: str, count: int) -> tuple:
            if scope in SLOW_SCOPES_FIRST:
                return (0, SLOW_SCOPES_FIRST.index(scope))
            if scope.startswith(NOTEBOOK_FOLDERS):
                return (2, 0)
            return (1, -count)

        def _assign_work_unit(self, node) -> None:
            # Reorder the queue of scopes once, before the first one goes out. (The collection itself
            # stays as the workers collected it: the controller sends them indices into it.)
            if not getattr(self, "_ranked", False):
                self._ranked = True
                ranked = sorted(
                    enumerate(self.workqueue.items()),
                    key=lambda entry: (*self._rank(entry[1][0], len(entry[1][1])), entry[0]),
                )
                self.workqueue.clear()
                self.workqueue.update(scope for _, scope in ranked)
            super()._assign_work_unit(node)

    return CourseScheduling(config, log)
