"""A small quiz notebook executed with nbclient: one bundle per question, no paths or errors, and,
saved with its outputs, it passes strict nbval in a fresh run (the comparison nbval makes of every
lesson, so outputs are the same from one run to the next)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from cmo_course.quiz.bank import load_bank_file
from course_factory import make_course

GOOD = Path(__file__).parent / "fixtures" / "banks" / "good"
BANK = load_bank_file(GOOD / "91_fixture_demo.yaml")
WIDGET = "application/vnd.jupyter.widget-view+json"


def quiz_notebook():
    cells = ['from cmo_course import start_lesson\nquiz = start_lesson("91_fixture_demo")']
    cells += [f'quiz.ask("{qid}")' for qid in BANK.ids]
    cells += [
        "quiz.scoreboard()",
        'quiz.ask("fx-owner-release")',
        "from cmo_course.progress import show_summary\nshow_summary()",
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    course = make_course(tmp_path_factory.mktemp("course"), [GOOD / "91_fixture_demo.yaml"])
    mp.setenv("CMO_COURSE_ROOT", str(course))
    mp.setenv("CMO_COURSE_PROGRESS_DB", str(tmp_path_factory.mktemp("run") / "progress.sqlite"))
    nb = quiz_notebook()
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    mp.undo()
    return nb


def test_each_question_is_one_bundle_with_text_html_and_widget(executed):
    nb = executed
    assert (
        nb.cells[0].outputs[0].text == "Lesson 01: 6 quiz questions below. Your answers are saved on this computer.\n"
    )
    for cell, qid in zip(nb.cells[1:7], BANK.ids, strict=True):
        assert len(cell.outputs) == 1
        data = cell.outputs[0].data
        assert set(data) == {"text/plain", "text/html", WIDGET}
        assert f'data-question-id="{qid}"' in data["text/html"]
        assert data["text/plain"].startswith(f"Question {qid} ")
    board = nb.cells[7].outputs[0].data
    assert set(board) == {"text/plain", "text/html", WIDGET}
    assert board["text/plain"] == "Lesson score: 0 of 6 correct on the first try (0 of 6 answered so far)."
    assert nb.cells[8].outputs[0].text.startswith("There is no question 'fx-owner-release'")
    assert nb.cells[9].outputs[0].data["text/plain"].startswith("No answers saved yet.")


def test_outputs_have_no_paths_or_errors(executed):
    for cell in executed.cells:
        for out in cell.outputs:
            assert out.output_type != "error"
            text = (
                str(out.get("text", ""))
                + str(out.get("data", {}).get("text/plain", ""))
                + str(out.get("data", {}).get("text/html", ""))
            )
            assert "/tmp" not in text and str(GOOD) not in text and " at 0x" not in text


def test_executed_notebook_passes_strict_nbval(executed, tmp_path, small_course):
    """The demonstration notebook, saved with outputs, passes strict nbval in a fresh run."""
    import os
    import subprocess
    import sys

    path = tmp_path / "quiz_demo.ipynb"
    nbformat.write(executed, path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    course = small_course(GOOD / "91_fixture_demo.yaml")
    env = dict(os.environ, **{"CMO_COURSE_ROOT": str(course), "CMO_COURSE_PROGRESS_DB": str(tmp_path / "p.sqlite")})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--nbval",
            "--nbval-current-env",
            str(path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{len(executed.cells)} passed" in result.stdout
