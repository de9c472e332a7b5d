"""The package installs anywhere: a non-editable wheel in a fresh venv finds the course only through
course_root() (the checkout the learner opened), with none of the test suite's variables set."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
OUR_VARIABLES = ("CMO_COURSE_ROOT", "CMO_COURSE_PROGRESS_DB", "CMO_COURSE_CHROMIUM", "PYTHONPATH")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the course's wheel installed (not editable); the dependencies come from the
    test environment's site-packages, added as a plain path (its editable-install hooks are not run)."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("cmo_course-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return python, wheel


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES}
    env.update(extra)
    return env


def copy_checkout(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file() and not name.startswith(b"src/"):
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            (target / name.decode()).write_bytes(source.read_bytes())
    return target


def test_the_wheel_ships_schemas_and_tool_defaults_but_not_course_content(installed):
    import zipfile

    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert (
        "cmo_course/content/schemas/course.json" in names and "cmo_course/tools/data/build_vs_outsource.yaml" in names
    )
    assert not any(name.startswith("cmo_course/content/quizzes") for name in names)
    # Every data file of the package (templates, schemas, scripts, tool defaults) is in the wheel:
    # a template left out of package-data breaks every quiz of a pip-installed course.
    package = REPO / "src" / "cmo_course"
    data = {
        "cmo_course/" + path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert sorted(data - set(names)) == []


def test_validate_and_lesson_01_run_from_a_copy_of_the_checkout(installed, tmp_path):
    python, _ = installed
    course = copy_checkout(tmp_path / "my course")
    env = clean_env(CMO_COURSE_PROGRESS_DB=str(tmp_path / "progress.sqlite"))
    where = subprocess.run(
        [str(python), "-c", "import cmo_course; print(cmo_course.__file__)"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in where and str(REPO) not in where  # the wheel, not the checkout's src/
    result = subprocess.run(
        [str(python), "-m", "cmo_course.cli", "validate"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stdout.splitlines()[-1].startswith("The course is valid")
    from cmo_course.content.manifest import load_course

    lesson = load_course(REPO / "course.yaml").lessons[1]
    nb = nbformat.read(course / lesson.notebook, as_version=4)
    kernel_env = clean_env(CMO_COURSE_PROGRESS_DB=str(tmp_path / "progress.sqlite"))
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(course / "notebooks")}}
    )
    client.km = client.create_kernel_manager()
    client.km.kernel_cmd = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    client.execute(env=kernel_env)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "start_lesson(" in c.source)
    assert "quiz questions below" in "".join(o.get("text", "") for o in setup.outputs)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # A failing _repr_mimebundle_ is no error output (IPython prints it to stderr): check the quizzes.
    asked = [c for c in nb.cells if c.cell_type == "code" and "quiz.ask(" in c.source]
    assert asked and all(
        any("cmo-quiz-question" in o.get("data", {}).get("text/html", "") for o in c.outputs) for c in asked
    )
    stderr = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stderr"]
    assert not [o for o in stderr if "Traceback" in o.get("text", "") or "Error" in o.get("text", "")]


def test_outside_any_course_folder_the_message_says_what_to_do(installed, tmp_path):
    python, _ = installed
    result = subprocess.run(
        [str(python), "-m", "cmo_course.cli", "validate"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Could not find the course folder (the one that holds course.yaml)" in result.stderr
