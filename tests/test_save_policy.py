"""The save policy (cmo_course.save_policy): saving a lesson through Jupyter's contents manager
leaves the tracked file byte for byte as it was; a learner's edits go to NAME.my-copy.ipynb;
exercise notebooks save normally. The JupyterHub test (tests/browser/test_jupyterhub.py) shows the
consequence: a lesson corrected upstream reaches a learner who saved it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager

from cmo_course import save_policy

REPO = Path(__file__).resolve().parents[1]
LESSON = "notebooks/01_landscape.ipynb"


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    (root / "exercises").mkdir()
    shutil.copy(REPO / "course.yaml", root / "course.yaml")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    shutil.copy(REPO / LESSON, root / LESSON)
    shutil.copy(REPO / "exercises/01_landscape.ipynb", root / "exercises/01_landscape.ipynb")
    return root


@pytest.fixture
def manager(course):
    cm = FileContentsManager(root_dir=str(course))
    cm.register_pre_save_hook(save_policy.pre_save_hook)
    cm.register_post_save_hook(save_policy.post_save_hook)
    return cm


def run_all_like(model: dict) -> dict:
    """What Run All does to a lesson: new outputs (and new widget ids) in its code cells."""
    for n, cell in enumerate(c for c in model["content"]["cells"] if c["cell_type"] == "code"):
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": f"run again {n}\n"}]
        cell["execution_count"] = n + 100
    return model


def test_saving_a_run_lesson_leaves_the_file_as_the_course_has_it(course, manager):
    before = (course / LESSON).read_bytes()
    model = run_all_like(manager.get(LESSON))
    manager.save(model, LESSON)
    assert (course / LESSON).read_bytes() == before
    assert not save_policy.copy_path(course / LESSON).exists()
    assert save_policy._original == {}


def test_a_learners_edit_to_a_lesson_is_kept_in_a_copy_beside_it(course, manager):
    before = (course / LESSON).read_bytes()
    model = manager.get(LESSON)
    model["content"]["cells"].append(nbformat.v4.new_markdown_cell("My own note on CMOs."))
    manager.save(model, LESSON)
    assert (course / LESSON).read_bytes() == before
    copy = course / "notebooks" / "01_landscape.my-copy.ipynb"
    assert save_policy.copy_path(course / LESSON) == copy
    assert nbformat.read(copy, as_version=4).cells[-1].source == "My own note on CMOs."
    # The copy is the learner's own notebook: saving it again saves normally.
    copy_model = manager.get("notebooks/01_landscape.my-copy.ipynb")
    copy_model["content"]["cells"].append(nbformat.v4.new_markdown_cell("A second note."))
    manager.save(copy_model, "notebooks/01_landscape.my-copy.ipynb")
    assert nbformat.read(copy, as_version=4).cells[-1].source == "A second note."


def test_exercise_notebooks_and_new_notebooks_save_normally(course, manager):
    path = "exercises/01_landscape.ipynb"
    model = manager.get(path)
    model["content"]["cells"].append(nbformat.v4.new_code_cell("answer = 'cmo'"))
    manager.save(model, path)
    assert nbformat.read(course / path, as_version=4).cells[-1].source == "answer = 'cmo'"
    new = {"type": "notebook", "content": nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x")])}
    manager.save(new, "notebooks/scratch.ipynb")
    assert nbformat.read(course / "notebooks/scratch.ipynb", as_version=4).cells[0].source == "x"


def test_a_folder_without_course_yaml_is_not_a_course(tmp_path):
    (tmp_path / "notebooks").mkdir()
    assert not save_policy.is_lesson(tmp_path / "notebooks" / "a.ipynb")
    (tmp_path / "course.yaml").write_text("x: 1\n")
    assert save_policy.is_lesson(tmp_path / "notebooks" / "a.ipynb")
    assert save_policy.is_lesson(tmp_path / "solutions" / "a.ipynb")
    assert not save_policy.is_lesson(tmp_path / "exercises" / "a.ipynb")
    assert not save_policy.is_lesson(tmp_path / "notebooks" / "a.my-copy.ipynb")


def test_git_sees_no_change_after_a_saved_lesson(course, manager):
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(course)], check=True)
    subprocess.run(["git", *identity, "-C", str(course), "add", "-A"], check=True)
    subprocess.run(["git", *identity, "-C", str(course), "commit", "-qm", "c"], check=True)
    manager.save(run_all_like(manager.get(LESSON)), LESSON)
    status = subprocess.run(
        ["git", "-C", str(course), "status", "--porcelain"], check=True, capture_output=True, text=True
    ).stdout
    assert status == ""


def test_the_server_extension_registers_both_hooks_and_the_package_enables_it():
    class FakeApp:
        log = logging.getLogger("fake")

        def __init__(self):
            self.contents_manager = FileContentsManager()

    app = FakeApp()
    assert save_policy._jupyter_server_extension_points() == [{"module": "cmo_course.save_policy"}]
    save_policy._load_jupyter_server_extension(app)
    assert save_policy.pre_save_hook in app.contents_manager._pre_save_hooks
    assert save_policy.post_save_hook in app.contents_manager._post_save_hooks
    shipped = json.loads((REPO / "jupyter-config/server/cmo-course.json").read_text())
    assert shipped["ServerApp"]["jpserver_extensions"]["cmo_course.save_policy"] is True
    assert (
        '"etc/jupyter/jupyter_server_config.d" = ["jupyter-config/server/cmo-course.json"]'
        in (REPO / "pyproject.toml").read_text()
    )


def test_reset_lesson_restores_the_published_lesson_and_keeps_the_learners_copy(course, tmp_path):
    """A lesson saved before the policy (or edited outside JupyterLab) comes back as the branch
    the checkout pulls from has it; the learner's version is kept; progress is not touched."""
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    upstream = tmp_path / "upstream.git"
    subprocess.run(["git", "init", "-q", "-b", "main", str(course)], check=True)
    subprocess.run(["git", *identity, "-C", str(course), "add", "-A"], check=True)
    subprocess.run(["git", *identity, "-C", str(course), "commit", "-qm", "c"], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(course), str(upstream)], check=True)
    learner = tmp_path / "learner"
    subprocess.run(["git", "clone", "-q", str(upstream), str(learner)], check=True)
    published = (learner / LESSON).read_bytes()
    (learner / LESSON).write_text((learner / LESSON).read_text().replace("outsourcing", "STALE"))
    env = {**os.environ, "CMO_COURSE_ROOT": str(learner)}
    result = subprocess.run(
        [sys.executable, "-m", "cmo_course.cli", "reset-lesson", "01_landscape"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "01_landscape.my-copy.ipynb" in result.stdout and "answers are untouched" in result.stdout
    assert (learner / LESSON).read_bytes() == published
    assert "STALE" in (learner / "notebooks" / "01_landscape.my-copy.ipynb").read_text()
    again = subprocess.run(
        [sys.executable, "-m", "cmo_course.cli", "reset-lesson", "01_landscape"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert again.returncode == 0 and "unchanged" in again.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "cmo_course.cli", "reset-lesson", "99_nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert unknown.returncode == 2 and "no lesson '99_nope'" in unknown.stderr


def test_reset_lesson_outside_git_says_so(course):
    with pytest.raises(save_policy.ResetError, match="not a git checkout"):
        save_policy.restore_lesson(course, LESSON)


def test_an_author_saves_lessons_with_the_policy_off(course, manager, monkeypatch):
    monkeypatch.setenv(save_policy.EDIT_ENV, "1")
    model = manager.get(LESSON)
    model["content"]["cells"].append(nbformat.v4.new_markdown_cell("A new paragraph by the author."))
    manager.save(model, LESSON)
    assert nbformat.read(course / LESSON, as_version=4).cells[-1].source == "A new paragraph by the author."
    assert not save_policy.copy_path(course / LESSON).exists()
