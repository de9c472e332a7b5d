"""Check, with the real registry, that the pinned set installs on every Python this machine has,
and that the no-make route from the README works. CI runs it (.ci/run); so can anyone:

    python3 scripts/check_install.py            # every Python found (pyenv, /usr/bin/python3, PATH)
    python3 scripts/check_install.py --pythons /usr/bin/python3 --no-route

1. Resolution, per interpreter (25 to 90 s each, two at a time): a throwaway venv with the interpreter's own
   pip, then `pip install --dry-run --ignore-installed --only-binary=:all: -c constraints.txt
   --report R '.[test]'`. pip resolves with that Python's real markers and Requires-Python and picks
   real wheels for it. The report must install exactly the pins constraints.txt selects for that
   Python (nothing unpinned; a pin it does not need is reported), and each one's Requires-Python, as the
   registry's metadata gives it, must equal the entry in constraints-requires-python.txt (the data
   the offline test tests/test_constraints_python.py trusts).
2. The no-make route (README), for real, with the oldest Python found: a fresh venv in a folder
   whose name has a space, `pip install -c constraints.txt .` (not editable, no test extras), then
   `cmo-course --help`, `cmo-course validate`, and `cmo-course lab --no-browser --port FREE` served on
   127.0.0.1, its start page and its settings overrides (installed as data files) read, then stopped.

Standard library (and pip's copy of packaging); the network is used for the registry and loopback
only. Exits non-zero on any failure; a pin that no interpreter here selects is reported as unchecked.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.specifiers import SpecifierSet
except ImportError:  # a bare interpreter: pip's own copy of packaging
    from pip._vendor.packaging.markers import Marker
    from pip._vendor.packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parents[1]
SETTINGS_ID = "@jupyterlab/apputils-extension:notification"
OVERRIDES = Path("share", "jupyter", "lab", "settings", "overrides.d", "cmo-course.json")


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


def python_version(python: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(int(p) for p in re.findall(r"\d+", out)[:3])


def floor() -> tuple[int, ...]:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    spec = re.search(r'^requires-python\s*=\s*">=\s*([\d.]+)"', text, re.M)[1]
    return tuple(int(p) for p in spec.split("."))


def find_pythons() -> dict[tuple[int, ...], str]:
    """Interpreters on this machine that pyproject admits, one per full version."""
    candidates = ["/usr/bin/python3", shutil.which("python3") or "", sys.executable]
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    candidates += sorted(glob.glob(os.path.join(pyenv_root, "versions", "*", "bin", "python3")))
    found: dict[tuple[int, ...], str] = {}
    for python in candidates:
        if python and Path(python).exists():
            version = python_version(python)
            if version and version[:2] >= floor()[:2] and version not in found:
                found[version] = python
    return dict(sorted(found.items()))


def read_pins() -> list[tuple[str, str, str]]:
    """(name, version, marker) for every line of constraints.txt."""
    pins = []
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement, _, marker = line.partition(";")
            name, _, version = requirement.partition("==")
            pins.append((name.strip(), version.strip(), marker.strip()))
    return pins


def read_requires_python() -> dict[str, str]:
    data = {}
    for line in (REPO / "constraints-requires-python.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pin, _, spec = line.partition(":")
            name, _, version = pin.partition("==")
            data[f"{canon(name)}=={version.strip()}"] = spec.strip()
    return data


def make_venv(python: str, where: Path) -> Path:
    result = subprocess.run([python, "-m", "venv", str(where)], capture_output=True, text=True)
    if result.returncode != 0:
        hint = (
            " (on Debian or Ubuntu: apt-get install python3-venv)"
            if "ensurepip" in result.stdout + result.stderr
            else ""
        )
        raise RuntimeError(f"{python} -m venv failed{hint}:\n{result.stdout}{result.stderr}")
    return venv_python(where)


def resolve(python: str, version: tuple[int, ...], work: Path) -> tuple[list[str], set[str], float, list[str]]:
    """Dry-run install with `python`; returns (errors, pins resolved as 'name==version', seconds,
    pinned names that this Python did not need)."""
    label = ".".join(map(str, version))
    start = time.monotonic()
    venv = work / f"venv-{label}"
    report_path = work / f"report-{label}.json"
    vpython = make_venv(python, venv)
    cmd = [
        str(vpython),
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--quiet",
        "-c",
        "constraints.txt",
        "--report",
        str(report_path),
        ".[test]",
    ]
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: Location")]
        return [f"Python {label}: pip could not resolve the pins:\n  " + "\n  ".join(errors[-15:])], set(), seconds, []
    report = json.loads(report_path.read_text(encoding="utf-8"))
    env = report["environment"]
    selected = {canon(n): v for n, v, m in read_pins() if not m or Marker(m).evaluate(env)}
    requires_python = read_requires_python()
    errors, resolved = [], set()
    for item in report["install"]:
        meta = item["metadata"]
        name, got = canon(meta["name"]), meta["version"]
        if name == "cmo-course":
            continue
        if name not in selected:
            errors.append(
                f"Python {label}: {meta['name']} {got} is installed but constraints.txt pins no version of it"
            )
            continue
        resolved.add(f"{name}=={got}")
        if got != selected[name]:
            errors.append(f"Python {label}: {meta['name']} resolved to {got}, constraints.txt says {selected[name]}")
        published = meta.get("requires_python") or ""
        recorded = requires_python.get(f"{name}=={got}")
        if recorded is None:
            errors.append(f"Python {label}: constraints-requires-python.txt has no entry for {name}=={got}")
        elif SpecifierSet(published) != SpecifierSet(recorded):
            errors.append(
                f"Python {label}: {name}=={got} declares Requires-Python '{published}', "
                f"constraints-requires-python.txt says '{recorded}'"
            )
    # A pin whose marker selects it but that this Python does not need (overrides on 3.12+, where
    # jupyter_server no longer asks for it) is harmless: reported, not an error.
    unused = sorted(set(selected) - {r.split("==")[0] for r in resolved})
    shutil.rmtree(venv, ignore_errors=True)
    return errors, resolved, seconds, unused


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, token: str, timeout: float = 10):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    with opener.open(request, timeout=timeout) as response:
        return response.geturl(), response.read().decode("utf-8")


def no_make_route(python: str, version: tuple[int, ...], work: Path) -> list[str]:
    """The README's route without make, on `python`; returns errors."""
    label = ".".join(map(str, version))
    root = work / "learner home with spaces"
    root.mkdir()
    venv = root / ".venv"
    start = time.monotonic()
    vpython = make_venv(python, venv)
    bindir = vpython.parent
    env = {
        **os.environ,
        "VIRTUAL_ENV": str(venv),
        "PATH": str(bindir) + os.pathsep + os.environ.get("PATH", ""),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "CMO_COURSE_PROGRESS_DB": str(root / "progress.sqlite"),
    }
    env.pop("CMO_COURSE_ROOT", None)
    pip = subprocess.run(
        ["pip", "install", "--disable-pip-version-check", "--quiet", "-c", "constraints.txt", "."],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    install_seconds = time.monotonic() - start
    if pip.returncode != 0:
        return [f"no-make route (Python {label}): pip install -c constraints.txt . failed:\n{pip.stderr[-3000:]}"]
    size_mb = sum(f.stat().st_size for f in venv.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    print(
        f"  no-make route, Python {label}: venv + pip install -c constraints.txt . in {install_seconds:.0f} s,"
        f" learner-only install {size_mb:.0f} MB",
        flush=True,
    )
    errors = []
    installed = subprocess.run(
        [
            str(vpython),
            "-c",
            "import importlib.metadata as m; print('\\n'.join(sorted(d.metadata['Name'].lower() for d in m.distributions())))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for extra in ("pytest", "playwright", "nbval"):
        if extra in installed:
            errors.append(f"no-make route: test-only {extra} was installed for a learner")
    if not (venv / OVERRIDES).is_file():
        errors.append(f"no-make route: {OVERRIDES} was not installed into the venv")
    # cmo-course lab relies on the installed file (passes no settings folder of its own), so the
    # settings read back below come from the data file this install put in the venv.
    relied = subprocess.run(
        [str(vpython), "-c", "from cmo_course.commands.lab import installed_settings_dir as d; print(d())"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if Path(relied) != venv / OVERRIDES.parent.parent:
        errors.append(f"no-make route: cmo-course lab does not use the installed settings (found {relied!r})")
    cli = shutil.which("cmo-course", path=str(bindir))
    if not cli:
        return errors + [f"no-make route: no cmo-course command in {bindir}"]
    for args in (["--help"], ["validate"]):
        step = time.monotonic()
        run = subprocess.run([cli, *args], cwd=REPO, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            errors.append(
                f"no-make route: cmo-course {' '.join(args)} exited {run.returncode}:\n{run.stdout[-1500:]}{run.stderr[-1500:]}"
            )
        print(
            f"  no-make route, Python {label}: cmo-course {' '.join(args)} exited {run.returncode} in {time.monotonic() - step:.1f} s",
            flush=True,
        )
    step = time.monotonic()
    port, token = free_port(), secrets.token_hex(16)
    log = (root / "lab.log").open("wb")
    proc = subprocess.Popen(
        [cli, "lab", "--no-browser", "--port", str(port), "--", f"--IdentityProvider.token={token}"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=os.name != "nt",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get(f"{base}/api/status", token, timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    return errors + [
                        f"no-make route: cmo-course lab did not serve on {base}:\n{(root / 'lab.log').read_text()[-3000:]}"
                    ]
                time.sleep(0.25)
        landed, _ = get(f"{base}/", token)
        if not landed.endswith("/lab/tree/notebooks/00_start_here.ipynb"):
            errors.append(f"no-make route: / led to {landed}, not the start page")
        _, body = get(f"{base}/lab/api/settings/{SETTINGS_ID}", token)
        props = json.loads(body)["schema"]["properties"]
        if props["fetchNews"]["default"] != "false" or props["checkForUpdates"]["default"] is not False:
            errors.append("no-make route: the course's JupyterLab settings (no news, no update check) did not apply")
        print(
            f"  no-make route, Python {label}: cmo-course lab served the start page on {base} with the course's "
            f"settings ({time.monotonic() - step:.1f} s from start)",
            flush=True,
        )
    finally:
        if os.name == "nt":
            proc.terminate()
        else:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pythons", nargs="*", help="interpreters to check (default: every one found)")
    parser.add_argument("--no-resolve", action="store_true", help="skip the per-interpreter resolution")
    parser.add_argument("--no-route", action="store_true", help="skip the no-make route")
    parser.add_argument("--route-python", help="interpreter for the no-make route (default: the oldest found)")
    args = parser.parse_args(argv)

    if args.pythons:
        pythons = {}
        for p in args.pythons:
            version = python_version(p)
            if not version:
                print(f"check_install: {p} does not run", file=sys.stderr)
                return 1
            pythons[version] = p
    else:
        pythons = find_pythons()
    print(
        "check_install: Pythons " + ", ".join(f"{'.'.join(map(str, v))} ({p})" for v, p in pythons.items()), flush=True
    )
    errors: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="cmo-course-check-install-"))
    try:
        if not args.no_resolve:
            resolved: set[str] = set()
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                futures = {pool.submit(resolve, p, v, work): v for v, p in pythons.items()}
                for future in concurrent.futures.as_completed(futures):
                    version = futures[future]
                    try:
                        errs, got, seconds, unused = future.result()
                    except RuntimeError as exc:
                        errs, got, seconds, unused = [str(exc)], set(), 0.0, []
                    errors += errs
                    resolved |= got
                    state = "FAILED" if errs else "ok"
                    note = f" (pinned, not needed here: {', '.join(unused)})" if unused else ""
                    print(
                        f"  resolve, Python {'.'.join(map(str, version))}: {len(got)} pins, {seconds:.0f} s, {state}{note}",
                        flush=True,
                    )
            every = {f"{canon(n)}=={v}" for n, v, _ in read_pins()}
            never = sorted(every - resolved)
            if never:  # a Python this machine lacks (pyenv's 3.10, say): its pins go unchecked here
                print(f"  warning: pins that no Python here resolved (unchecked): {', '.join(never)}", flush=True)
        if not args.no_route and pythons:
            if args.route_python:
                route = (python_version(args.route_python), args.route_python)
            else:
                route = next(iter(pythons.items()))
            try:
                errors += no_make_route(route[1], route[0], work)
            except RuntimeError as exc:
                errors.append(str(exc))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for error in errors:
        print(f"check_install: {error}", file=sys.stderr)
    print(f"check_install: {'FAILED' if errors else 'ok'} ({len(pythons)} Pythons)", flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
