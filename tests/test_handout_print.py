"""Handouts that read well on paper: the preprocessors that leave out or reword notebook-only text,
tool forms' printed form, and `cmo-course handouts --pdf` when its tools are missing (no browser
needed; tests/browser/test_handouts_pdf.py prints the PDFs)."""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from cmo_course import cli
from cmo_course.handouts.preprocessors import (
    DropEmptySections,
    DropLiveOnlyCells,
    HideReaderCode,
    NotebookOnlyText,
)

REPO = Path(__file__).resolve().parents[1]
# Text that only makes sense in a running notebook; no handout may print any of it.
NOTEBOOK_ONLY = [
    "Run the cell",
    "run the cell",
    "the cell below",
    "Run the next cell",
    "Click in the cell",
    "Shift+Enter",
    "Your answers are saved on this computer",
    "Exercises for lesson",
    "Lesson score",
    "scoreboard",
    ".check()",
    ".hint()",
    ".solution()",
    "Remove the `#`",
    "first try",
    "at the end of this page",
]


def notebook_only_text(text: str) -> list[str]:
    """The notebook-only phrases found in `text`, each with a little context."""
    text = " ".join(text.split())
    found = []
    for phrase in NOTEBOOK_ONLY:
        found += [
            f"{phrase!r} in ...{text[max(0, m.start() - 60) : m.end() + 40]}..."
            for m in re.finditer(re.escape(phrase), text)
        ]
    return found


def run(preprocessor, *cells):
    nb, _ = preprocessor.preprocess(new_notebook(cells=list(cells)), {})
    return nb.cells


def stream(text: str):
    return new_output("stream", name="stdout", text=text)


# ---------- NotebookOnlyText ----------


def test_run_the_cell_sentences_are_left_out_and_the_rest_kept():
    source = (
        "**Fictional example.** The startup has drafted a plan. Run the\n"
        "cell below to see the plan and its check. (A CoA is the test report that goes with a batch.)"
    )
    [cell] = run(NotebookOnlyText(), new_markdown_cell(source))
    assert cell.source == (
        "**Fictional example.** The startup has drafted a plan. (A CoA is the test report that goes with a batch.)"
    )


def test_a_set_up_cell_left_with_its_heading_only_keeps_the_heading_until_sections_are_checked():
    setup = "## Set up\n\nClick in the cell below and press **Shift+Enter** (or choose **Run > Run All Cells**). It loads\nthis lesson's quiz and prints a line when the lesson is ready."
    [cell] = run(NotebookOnlyText(), new_markdown_cell(setup))
    assert cell.source == "## Set up"


def test_a_cell_of_notebook_only_text_goes():
    text = "Run the cell below first (click in it and press Shift+Enter). It loads this lesson's quiz."
    assert [c.source for c in run(NotebookOnlyText(), new_markdown_cell(text), new_markdown_cell("Kept."))] == ["Kept."]


def test_ordinary_text_tables_code_and_wrapping_are_untouched():
    source = (
        "## Run the build-vs-outsource tool\n\n"
        "A CMO comes in once a candidate is ready for production. Run stability studies\n"
        "before you ship.\n\n"
        "| key | request |\n| --- | --- |\n| `x` | Run the cell below |\n\n"
        "```python\nq1.check()  # run the cell below\n```\n"
    )
    [cell] = run(NotebookOnlyText(), new_markdown_cell(source))
    assert cell.source == source


def test_list_items_keep_their_marker_and_lose_only_notebook_only_sentences():
    source = (
        "1. **Run the lesson.** Open a lesson. Each lesson prints a line when it is ready.\n"
        "2. **Practise.** Each lesson has an exercise notebook. Fill in `____`, run the cell, then run\n"
        "   `q1.check()`. `q1.hint()` gives a hint.\n"
        "3. **Your progress** is saved as you answer, and you can see it at the end of this page."
    )
    [cell] = run(NotebookOnlyText(), new_markdown_cell(source))
    assert cell.source.splitlines() == [
        "1. **Run the lesson.** Open a lesson.",
        "2. **Practise.** Each lesson has an exercise notebook.",
        "3. **Your progress** is saved as you answer.",
    ]


def test_exercise_instructions_read_as_handout_wording():
    source = (
        "**How these exercises work.** Run the first code cell as it is; the `____` in it is the blank marker "
        "itself, not a question. Each question has a cell where you replace `____` with your answer. Run that "
        "cell, then run the cell below it: `q1.check()` tells you what is right or wrong. Stuck? Remove the `#` "
        "in front of `q1.hint()` and run the cell again (`q1.hint(2)` gives a stronger hint). `q1.solution()` "
        'shows the answer. Text answers go in quotes, like `"CMO"`.'
    )
    [cell] = run(NotebookOnlyText(), new_markdown_cell(source))
    assert cell.source == (
        "**How these exercises work.** Each question has a cell where you replace `____` with your answer. "
        'Text answers go in quotes, like `"CMO"`.'
    )


def test_try_it_yourself_paragraphs_are_reworded_for_paper():
    source = (
        "**Try it yourself.** In the cell above, add another input after `cost_per_batch=1_500_000`,\n"
        "and press **Shift+Enter** again. The underscores only make long numbers easier to read."
    )
    [cell] = run(NotebookOnlyText(), new_markdown_cell(source))
    assert cell.source.startswith("**Try it yourself.** In the notebook, change the inputs")
    assert notebook_only_text(cell.source) == []


def test_ready_lines_are_dropped_and_other_outputs_kept():
    from cmo_course import start_lesson
    from cmo_course.exercises import exercise_set

    lines = []
    for call in (lambda: start_lesson("01_landscape"), lambda: exercise_set("01_landscape")):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            call()
        lines.append(out.getvalue())  # the lines the course really prints
    setup = new_code_cell("quiz = start_lesson('01_landscape')", outputs=[stream(lines[0])])
    exercise = new_code_cell("q1, q2 = exercise_set('01_landscape')", outputs=[stream(lines[1])])
    printed = new_code_cell("print(1)", outputs=[stream("Alpha OAI 4.33\nThe candidate is ready: yes\n")])
    cells = run(NotebookOnlyText(), setup, exercise, printed)
    assert [len(c.outputs) for c in cells] == [0, 0, 1]


# ---------- DropEmptySections, DropLiveOnlyCells, HideReaderCode ----------


def test_a_heading_with_nothing_under_it_goes_and_one_with_content_stays():
    cells = run(
        DropEmptySections(),
        new_markdown_cell("## Set up"),
        new_markdown_cell("## Course map\n\nLessons in order."),
        new_markdown_cell("## Your score"),
        new_markdown_cell("### Detail"),
        new_markdown_cell("Text under the detail."),
        new_markdown_cell("## Output only"),
        new_code_cell("show_course_map()"),
        new_markdown_cell("## Last"),
    )
    assert [c.source.splitlines()[0] for c in cells] == [
        "## Course map",
        "## Your score",
        "### Detail",
        "Text under the detail.",
        "## Output only",
        "show_course_map()",
    ]


def test_progress_summary_and_scoreboard_cells_are_dropped_other_code_kept():
    summary = new_code_cell("from cmo_course.progress import show_summary\nshow_summary()")
    board = new_code_cell("quiz.scoreboard()")
    imports_only = new_code_cell("from cmo_course.progress import show_summary")
    other = new_code_cell("show_summary()\nprint('and more')")
    assert run(DropLiveOnlyCells(), summary, board, imports_only, other) == [imports_only, other]


def test_exercise_check_cells_do_not_print_without_output_and_show_only_their_output_with_one():
    check = "q1.check()\n# q1.hint()\n# q1.solution()"
    answer = new_code_cell('partner = "CRO"')
    learner = new_code_cell(check)
    solved = new_code_cell(check, outputs=[new_output("display_data", data={"text/plain": "Correct: why."})])
    cells = run(HideReaderCode(), answer, learner, solved)
    assert [c.source for c in cells] == ['partner = "CRO"', check]
    assert "transient" not in cells[0].metadata
    assert cells[1].metadata["transient"] == {"remove_source": True}


# ---------- the course's handouts (HTML), and tool forms ----------


def visible_text(page_html: str) -> str:
    page_html = re.sub(r"<(style|script)\b.*?</\1>", " ", page_html, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page_html))


@pytest.fixture(scope="module")
def course_pages(handouts_of):
    """A representative set of the real course's handouts, read from the session's one build."""
    wanted = {
        "00_start_here.html",
        "01_landscape.html",
        "02_when_to_outsource.html",
        "05_choosing_a_partner.html",
        "07_toolkit.html",
        "exercises/06_capstone.html",
        "solutions/01_landscape.html",
    }
    built = handouts_of(REPO)
    return {page: (built / page).read_text(encoding="utf-8") for page in wanted}


def test_course_handouts_print_no_notebook_only_text(course_pages):
    assert len(course_pages) == 7
    for page, page_html in course_pages.items():
        assert notebook_only_text(visible_text(page_html)) == [], page


def test_course_handouts_keep_their_teaching_text(course_pages):
    start = " ".join(visible_text(course_pages["00_start_here.html"]).split())
    assert "Each lesson has an exercise notebook in the exercises folder." in start
    assert "Set up" not in start and "Your progress" not in start.replace("Your progress is saved", "")
    lesson = " ".join(visible_text(course_pages["05_choosing_a_partner.html"]).split())
    assert "The sample data describe five fictional CDMOs, invented for this course." in lesson
    assert "Weights change the ranking." in lesson and "Your score" not in lesson
    solutions = visible_text(course_pages["solutions/01_landscape.html"])
    assert "Correct:" in solutions and "monitor-trial-sites" in solutions  # the solution code and why


def test_tool_forms_print_their_result_for_the_starting_values(course_pages):
    text = " ".join(visible_text(course_pages["07_toolkit.html"]).split())
    assert text.count("With these starting values:") == 5  # one per tool form
    assert "With these starting values: Check finds 0 of 12 terms present" in text
    assert "With these starting values: planning level high" in text
    assert "With these starting values: Outsourcing has the lower expected cost" in text
    assert (
        "With these starting values: Example Biologics Co. (fictional) ranks first of 5 with a weighted score" in text
    )
    from cmo_course.tools import qa_planner

    count = len(qa_planner.activities())
    assert f"With these starting values: nothing is assigned yet, so Check lists all {count} activities" in text


# ---------- cmo-course handouts --pdf without its tools ----------


def test_pdf_without_chromium_says_what_to_install_in_one_line(tmp_path, capsys):
    code = cli.main(
        ["handouts", "--pdf", "--chromium", str(tmp_path / "no-chromium"), "--quiet", "--out", str(tmp_path / "out")]
    )
    captured = capsys.readouterr()
    assert code == 2
    lines = (captured.out + captured.err).strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert "Chromium" in lines[0] and "apt-get install chromium" in lines[0] and "--chromium" in lines[0]
    assert not (tmp_path / "out").exists(), "it fails before building anything"


def test_pdf_without_playwright_says_what_to_install_in_one_line(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "playwright" else real(name, *a))
    code = cli.main(["handouts", "--pdf", "--quiet", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).strip().splitlines()
    assert code == 2 and len(lines) == 1
    assert "playwright" in lines[0] and "'.[pdf]'" in lines[0]


def test_the_notebook_only_check_does_catch_phrases():
    """Guards the phrase check itself."""
    assert notebook_only_text("Now run the cell below and press Shift+Enter.")
    assert notebook_only_text("A candidate is ready for production. Run stability studies.") == []
