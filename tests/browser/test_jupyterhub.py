"""The JupyterHub route for real: a hub on loopback (jupyterhub from PyPI, configurable-http-proxy
from npm, DummyAuthenticator, deploy/jupyterhub/jupyterhub_config.py's LocalProcessSpawner) with two
throwaway OS users, each with their own HOME, their servers spawned through the REST API and run as
those users. For each learner, Chromium logs in, opens the nbgitpuller link (a local bare git repo
made from a copy of the course), runs lesson 01 with Run All, answers one quiz and saves the
lesson. Then: each attempt is in that learner's own progress database and not the other's, the
servers inherited none of the test suite's CMO_COURSE_* variables, the saved lesson is unchanged
on disk (the save policy), and a correction pushed upstream reaches both learners on the next pull.

Why the set-up is as it is:
- The learners' servers run as other users, so the Python they run must be readable by them: a
  venv under /root (0700) is not. The test makes a copy of the test venv (hard links where it can)
  in a 0755 folder and installs the course into it non-editable, as a hub image would have it.
- The bare repo is root's; git refuses a repo owned by someone else ("dubious ownership"), so each
  learner's ~/.gitconfig names it in safe.directory (a real hub pulls over https, where this
  does not arise).
- nbgitpuller names the folder after the URL's last part (with `.git`), so the link sets
  targetpath=cmo-course.
- DummyAuthenticator's SimpleLocalProcessSpawner runs every server as the hub's own user (root),
  which would prove nothing about isolation; the hub's LocalProcessSpawner runs each as its user.

Prints spawn time and memory (RSS) per learner server.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cmo_course.quiz.bank import load_bank

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "01_landscape"
LESSON_PATH = f"notebooks/{LESSON}.ipynb"
FOLDER = "cmo-course"
COURSE_PARTS = ("course.yaml", "notebooks", "content", "exercises", "solutions", "jupyter-config", ".gitignore")
PACKAGE_PARTS = ("pyproject.toml", "README.md", "src", "jupyter-config")
HUB_START_S = 90
SPAWN_S = 180
PAGE_MS = 120_000
RUN_ALL_MS = 120_000
CORRECTION = "Corrected upstream after learners saved this lesson."


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(ok: bool, message: str) -> None:
    """A missing prerequisite: a skip locally, a failure under CI=true."""
    if not ok:
        if _ci():
            pytest.fail(message + " (CI=true: the JupyterHub test must run, not skip)")
        pytest.skip(message)


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("check", True)
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 300)
    try:
        return subprocess.run([str(c) for c in cmd], **kwargs)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"{' '.join(map(str, cmd))} failed ({exc.returncode}):\n{exc.stdout}\n{exc.stderr}")


def git(*args, cwd=None) -> str:
    identity = ["-c", "user.name=Course author", "-c", "user.email=author@example.invalid"]
    return run(["git", *identity, *args], cwd=cwd).stdout


def as_learner(learner: dict, *cmd) -> subprocess.CompletedProcess:
    return run(["runuser", "-u", learner["name"], "--", *cmd], check=False)


def readable_by_others(path: Path) -> bool:
    """Every folder up to `path` is o+x and the file o+r: another user can run it."""
    path = path.resolve()
    return os.stat(path).st_mode & 0o004 and all(os.stat(p).st_mode & 0o001 for p in path.parents)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pids_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def rss_mib(pids) -> float:
    total_kib = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def environ_of(pid: int) -> dict:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode("utf-8", "replace").split("\0") if "=" in item)


def attempts_in(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT question_id, lesson, answer, correct FROM attempts ORDER BY id").fetchall()
    return [(question, lesson, json.loads(answer), bool(correct)) for question, lesson, answer, correct in rows]


class Hub:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.base}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else {}


@pytest.fixture(scope="module")
def work():
    """A 0755 folder (pytest's own tmp folders are 0700, closed to the learners)."""
    need(hasattr(os, "geteuid") and os.geteuid() == 0, "the JupyterHub test creates OS users: run it as root")
    need(shutil.which("useradd") is not None and shutil.which("userdel") is not None, "useradd/userdel not found")
    need(shutil.which("git") is not None, "git not found")
    need(PROXY.exists(), f"configurable-http-proxy not found at {PROXY.relative_to(REPO)}: run 'npm ci'")
    need(shutil.which("node") is not None, "node not found (configurable-http-proxy needs Node.js)")
    base_python = Path(sys._base_executable if hasattr(sys, "_base_executable") else sys.executable)
    need(
        bool(readable_by_others(base_python)),
        f"the test venv's Python ({base_python.resolve()}) is not readable by other users, so learners' "
        "servers could not run it: build .venv with a Python outside a private home "
        "(make install-test PYTHON=/usr/bin/python3)",
    )
    folder = Path(tempfile.mkdtemp(prefix="cmo-hub-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def shared_venv(work):
    """The test venv, copied where learners can read it, with the course installed non-editable."""
    venv = work / "venv"
    started = time.monotonic()
    linked = subprocess.run(["cp", "-a", "--link", sys.prefix, str(venv)], capture_output=True)
    if linked.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        run(["cp", "-a", sys.prefix, str(venv)])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "uninstall", "--yes", "--quiet", "cmo-course"])
    # Data files an editable install's Makefile copied in: unlink (they may be hard links to the
    # original venv's files) so the wheel's own copies are written fresh.
    for data in (
        "etc/jupyter/jupyter_server_config.d/cmo-course.json",
        "share/jupyter/lab/settings/overrides.d/cmo-course.json",
    ):
        (venv / data).unlink(missing_ok=True)
    source = work / "package-src"
    source.mkdir()
    for part in PACKAGE_PARTS:
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, source / part)
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", source])
    run(["chmod", "-R", "a+rX", venv])
    print(f"\nshared venv ready in {time.monotonic() - started:.1f} s")
    return venv


@pytest.fixture(scope="module")
def upstream(work):
    """The course as an instructor publishes it: a working copy and the bare repo learners pull."""
    src = work / "upstream-src"
    src.mkdir()
    for part in COURSE_PARTS:
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, src / part)
    git("init", "--quiet", "--initial-branch=main", cwd=src)
    git("add", "--all", cwd=src)
    git("commit", "--quiet", "-m", "The course", cwd=src)
    bare = work / "remote" / "cmo-course.git"
    bare.parent.mkdir()
    git("clone", "--quiet", "--bare", src, bare)
    git("remote", "add", "origin", bare, cwd=src)
    run(["chmod", "-R", "a+rX", work / "remote"])
    return {"src": src, "bare": bare, "url": f"file://{bare}"}


@pytest.fixture(scope="module")
def learners(work, upstream):
    """Two throwaway OS users with their own HOME; removed afterwards (their processes first)."""
    tag = secrets.token_hex(3)
    homes = work / "homes"
    homes.mkdir(mode=0o755)
    made: list[str] = []

    def remove():
        for name in made:
            try:
                uid = pwd.getpwnam(name).pw_uid
            except KeyError:
                continue
            for sig in (signal.SIGTERM, signal.SIGKILL):
                for pid in pids_of(uid):
                    try:
                        os.kill(pid, sig)
                    except OSError:
                        pass
                deadline = time.monotonic() + 10
                while pids_of(uid) and time.monotonic() < deadline:
                    time.sleep(0.2)
            subprocess.run(["userdel", "--remove", name], capture_output=True)

    try:
        users = []
        for n in (1, 2):
            name = f"cmo-learner{n}-{tag}"
            home = homes / name
            run(["useradd", "--create-home", "--home-dir", home, "--shell", "/bin/bash", "--user-group", name])
            made.append(name)
            entry = pwd.getpwnam(name)
            home.chmod(0o700)
            gitconfig = home / ".gitconfig"
            gitconfig.write_text(f"[safe]\n\tdirectory = {upstream['bare']}\n", encoding="utf-8")
            os.chown(gitconfig, entry.pw_uid, entry.pw_gid)
            users.append({"name": name, "home": home, "uid": entry.pw_uid})
        yield users
    finally:
        remove()


@pytest.fixture(scope="module")
def hub(work, shared_venv, learners):
    """JupyterHub (deploy/jupyterhub/jupyterhub_config.py plus test settings) on loopback."""
    hub_dir = work / "hub"
    hub_dir.mkdir()
    port, token = free_port(), secrets.token_hex(32)
    settings = {
        "bind_url": f"http://127.0.0.1:{port}",
        "hub_port": free_port(),
        "api_url": f"http://127.0.0.1:{free_port()}",
        "proxy": str(PROXY),
        "dir": str(hub_dir),
        "token": token,
        "users": [u["name"] for u in learners],
    }
    config = hub_dir / "jupyterhub_config.py"
    config.write_text(
        f"""import json
c = get_config()  # noqa: F821
load_subconfig({str(DEPLOY_CONFIG)!r})  # noqa: F821
s = json.loads({json.dumps(settings)!r})
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set(s["users"])
c.JupyterHub.bind_url = s["bind_url"]
c.JupyterHub.hub_port = s["hub_port"]
c.ConfigurableHTTPProxy.api_url = s["api_url"]
c.ConfigurableHTTPProxy.command = [s["proxy"]]
c.ConfigurableHTTPProxy.pid_file = s["dir"] + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + s["dir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = s["dir"] + "/cookie_secret"
c.JupyterHub.pid_file = s["dir"] + "/hub.pid"
c.JupyterHub.services = [{{"name": "cmo-test", "api_token": s["token"]}}]
c.JupyterHub.load_roles = [
    {{"name": "cmo-test", "scopes": ["admin:users", "admin:servers", "admin:server_state"], "services": ["cmo-test"]}}
]
""",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(shared_venv / "bin"), os.path.dirname(shutil.which("node")), "/usr/bin", "/bin"]),
    }
    # The hub itself has the test suite's variables (tests/conftest.py sets them): the learners'
    # servers must not get them.
    assert env.get("CMO_COURSE_PROGRESS_DB") and env.get("CMO_COURSE_ROOT")
    log_path = hub_dir / "hub.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(shared_venv / "bin" / "python"), "-m", "jupyterhub", "-f", str(config)],
        cwd=hub_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    hub = Hub(settings["bind_url"], token)
    hub.log_path, hub.proc = log_path, proc
    try:
        deadline = time.monotonic() + HUB_START_S
        while True:
            try:
                urllib.request.urlopen(f"{hub.base}/hub/api/", timeout=5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterHub did not start:\n{log_path.read_text()[-4000:]}")
                time.sleep(0.5)
        yield hub
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # the hub stops the servers and the proxy it started
            proc.wait(timeout=60)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
        log.close()
        proxy_pid = hub_dir / "proxy.pid"
        if proxy_pid.exists():
            try:
                os.kill(int(proxy_pid.read_text().strip()), signal.SIGTERM)
            except (OSError, ValueError):
                pass


def spawn(hub: Hub, name: str) -> dict:
    """Start a learner's server through the REST API; return its pid and spawn time."""
    # allowed_users are in the hub's database from its start; create the user only if not.
    try:
        hub.api("GET", f"/users/{name}")
    except urllib.error.HTTPError as exc:
        if exc.code != 404:
            raise
        hub.api("POST", f"/users/{name}")
    started = time.monotonic()
    hub.api("POST", f"/users/{name}/server")
    deadline = started + SPAWN_S
    while True:
        server = hub.api("GET", f"/users/{name}").get("servers", {}).get("", {})
        if server.get("ready"):
            return {"seconds": time.monotonic() - started, "pid": server["state"]["pid"], "url": server["url"]}
        if time.monotonic() > deadline:
            pytest.fail(f"{name}'s server did not start in {SPAWN_S} s:\n{hub.log_path.read_text()[-4000:]}")
        time.sleep(0.25)


def pull_link(hub: Hub, upstream: dict) -> str:
    query = urllib.parse.urlencode(
        {
            "repo": upstream["url"],
            "branch": "main",
            "targetpath": FOLDER,
            "urlpath": f"lab/tree/{FOLDER}/{LESSON_PATH}",
        }
    )
    return f"{hub.base}/hub/user-redirect/git-pull?{query}"


def open_link(page, link: str) -> None:
    page.goto(link, timeout=PAGE_MS)
    page.wait_for_url("**/lab/tree/**", timeout=PAGE_MS)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=PAGE_MS)
    from test_jupyterlab_e2e import accept_dialog

    accept_dialog(page, wait_ms=3000)


def correct_upstream(upstream: dict) -> bytes:
    """The instructor fixes lesson 01's opening cell, re-runs it (new execution counts in every
    code cell, as `cmo-course execute` gives: lines a learner's saved run also changes) and pushes.
    Returns the corrected lesson's bytes."""
    path = upstream["src"] / LESSON_PATH
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next(cell for cell in nb["cells"] if cell["cell_type"] == "markdown")
    first["source"] = [*first["source"][:-1], first["source"][-1].rstrip("\n") + "\n", "\n", CORRECTION]
    for n, cell in enumerate((c for c in nb["cells"] if c["cell_type"] == "code"), start=1):
        cell["execution_count"] = 100 + n
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    git("commit", "--quiet", "-am", "Lesson 01: a correction", cwd=upstream["src"])
    git("push", "--quiet", "origin", "main", cwd=upstream["src"])
    return path.read_bytes()


def test_two_learners_on_a_hub_keep_their_own_progress_and_get_a_corrected_lesson(
    hub, learners, upstream, browser, screenshots_dir
):
    from test_jupyterlab_e2e import answer, run_all, wait_for_idle_kernel

    single = [q for q in load_bank(LESSON).questions if q["type"] == "single_choice"]
    wrong = next(o["id"] for o in single[1]["options"] if o["id"] != single[1]["answer"])
    picks = [(single[0], single[0]["answer"]), (single[1], wrong)]
    committed = (REPO / LESSON_PATH).read_bytes()
    link = pull_link(hub, upstream)
    suite_db = Path(os.environ["CMO_COURSE_PROGRESS_DB"])
    suite_before = attempts_in(suite_db)
    report = []
    pages = []
    try:
        for learner, (question, option) in zip(learners, picks, strict=True):
            spawned = spawn(hub, learner["name"])
            server_env = environ_of(spawned["pid"])
            assert os.stat(f"/proc/{spawned['pid']}").st_uid == learner["uid"]  # runs as the learner
            assert server_env["HOME"] == str(learner["home"])
            leaked = sorted(k for k in server_env if k.startswith("CMO_COURSE_"))
            assert leaked == [], f"{learner['name']}'s server inherited {leaked}"
            idle_rss = rss_mib([spawned["pid"]])

            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(60_000)
            pages.append(context)
            page.goto(f"{hub.base}/hub/login", timeout=PAGE_MS)
            page.locator("#username_input").fill(learner["name"])
            page.locator("#password_input").fill("any")
            page.locator("#login_submit").click()
            page.wait_for_url("**/user/**", timeout=PAGE_MS)

            open_link(page, link)
            clone = learner["home"] / FOLDER
            assert (clone / LESSON_PATH).read_bytes() == committed
            assert clone.stat().st_uid == learner["uid"]
            wait_for_idle_kernel(page)
            run_all(page)
            page.locator(".cmo-quiz-live").first.wait_for(state="attached", timeout=RUN_ALL_MS)
            wait_for_idle_kernel(page)
            feedback = answer(page, question, option)
            assert feedback.get_attribute("data-status") == ("correct" if option == question["answer"] else "wrong")

            # Save the run lesson, as a learner closing it would ("Save your work?": Save).
            # Run All left it changed (new outputs and widget ids): JupyterLab marks it dirty.
            lesson_file = clone / LESSON_PATH
            saved_before = lesson_file.stat().st_mtime_ns
            dirty = page.locator(".lm-TabBar-tab.jp-mod-dirty")
            dirty.first.wait_for(timeout=30_000)
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputPrompt").first.click()
            page.keyboard.press("Control+s")
            dirty.first.wait_for(state="detached", timeout=30_000)
            deadline = time.monotonic() + 15
            while lesson_file.stat().st_mtime_ns == saved_before and time.monotonic() < deadline:
                time.sleep(0.1)
            assert lesson_file.stat().st_mtime_ns != saved_before, "the save did not reach the server"
            page.screenshot(path=str(screenshots_dir / f"jupyterhub-{LESSON}-learner{len(report) + 1}.png"))
            # The save policy: the saved lesson is the course's file, byte for byte; git sees no change.
            assert (clone / LESSON_PATH).read_bytes() == committed
            status = as_learner(learner, "git", "-C", clone, "status", "--porcelain", "--untracked-files=no")
            assert status.returncode == 0 and status.stdout.strip() == "", status

            busy_rss = rss_mib(pids_of(learner["uid"]))
            report.append((learner["name"], spawned["seconds"], idle_rss, busy_rss))
            learner["page"], learner["question"], learner["option"] = page, question, option

        # Each attempt is in that learner's own store (under their HOME: no CMO_COURSE_PROGRESS_DB
        # reached the server) and not in the other's, nor in the test suite's store.
        deadline = time.monotonic() + 20
        for learner in learners:
            db = learner["home"] / ".local" / "share" / "cmo-course" / "progress.sqlite"
            expected = [
                (
                    learner["question"]["id"],
                    LESSON,
                    learner["option"],
                    learner["option"] == learner["question"]["answer"],
                )
            ]
            while attempts_in(db) != expected and time.monotonic() < deadline:
                time.sleep(0.25)
            assert attempts_in(db) == expected, f"{learner['name']}: {attempts_in(db)}"
        assert attempts_in(suite_db) == suite_before

        # The instructor corrects lesson 01 upstream; each learner's next pull brings it, although
        # they saved the lesson after running it.
        corrected = correct_upstream(upstream)
        for learner in learners:
            page = learner["page"]
            open_link(page, link)
            lesson_text = (learner["home"] / FOLDER / LESSON_PATH).read_text(encoding="utf-8")
            assert CORRECTION in lesson_text, f"{learner['name']} kept a stale lesson 01"
            # Exactly the corrected lesson: nothing of the learner's saved run was merged into it.
            assert (learner["home"] / FOLDER / LESSON_PATH).read_bytes() == corrected
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer").first.evaluate(
                "e => { e.scrollTop = 0; }"
            )
            shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput").filter(has_text=CORRECTION)
            shown.first.wait_for(timeout=60_000)
            upstream_head = git("rev-parse", "HEAD", cwd=upstream["src"]).strip()
            clone = learner["home"] / FOLDER
            merged = as_learner(learner, "git", "-C", clone, "merge-base", "--is-ancestor", upstream_head, "HEAD")
            assert merged.returncode == 0, "the learner's clone lacks the upstream correction"
    finally:
        for context in pages:
            context.close()

    print()
    for name, seconds, idle, busy in report:
        print(
            f"JupyterHub: {name}: spawn {seconds:.1f} s, server RSS {idle:.0f} MiB idle, "
            f"{busy:.0f} MiB with lesson 01's kernel"
        )
