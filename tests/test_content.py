"""Course content rules: lesson shape, quiz coverage and citations (CONTRIBUTING.md)."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
import yaml

from cmo_course import paths
from cmo_course.lessons import read_lesson
from cmo_course.reference_pages import load_references, reference_labels

REPO = Path(__file__).resolve().parents[1]
LESSONS = [p for p in paths.lesson_notebooks() if read_lesson(p).kind == "lesson"]
EXPECTED_LESSONS = [
    "01_landscape", "02_when_to_outsource", "03_advantages_and_tradeoffs",
    "04_what_fda_expects", "05_choosing_a_partner", "06_capstone",
]
CITATION = re.compile(r"\(Source: ([^,;)]+)")
ASK = re.compile(r"""quiz\.ask\(\s*["']([^"']+)["']\s*\)""")
ALL_TYPES = {"single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering"}


def bank(lesson_id: str) -> list[dict]:
    path = paths.content_dir() / "quizzes" / f"{lesson_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def ids(path):
    return path.stem


def test_all_six_lessons_exist():
    assert [p.stem for p in LESSONS] == EXPECTED_LESSONS


def test_reference_labels_are_unique():
    labels = [ref.label for ref in load_references()]
    assert len(labels) == len(set(labels))


CITING_FILES = (
    sorted((REPO / "notebooks").glob("*.ipynb"))
    + sorted((REPO / "solutions").glob("*.ipynb"))
    + sorted((paths.content_dir()).rglob("*.yaml"))
)


@pytest.mark.parametrize("path", CITING_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_citation_names_a_listed_reference(path):
    text = html.unescape(path.read_text(encoding="utf-8"))
    unknown = sorted({label.strip() for label in CITATION.findall(text)} - reference_labels())
    assert not unknown, f"{path.name} cites sources missing from references.yaml: {unknown}"


@pytest.mark.parametrize("lesson_id", EXPECTED_LESSONS)
def test_every_quiz_question_has_a_listed_source(lesson_id):
    labels = reference_labels()
    for question in bank(lesson_id):
        label = question["source"].split(",", 1)[0].strip()
        assert label in labels, f"{lesson_id}/{question['id']}: source {question['source']!r} not in references.yaml"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_quiz_has_six_questions_of_three_types_each_asked_once(path):
    questions = bank(path.stem)
    types = {q["type"] for q in questions}
    assert len(questions) >= 6 and len(types) >= 3, f"{path.stem}: {len(questions)} questions, types {types}"
    nb = nbformat.read(path, as_version=4)
    asked = Counter(i for c in nb.cells if c.cell_type == "code" for i in ASK.findall(c.source))
    assert asked == Counter(q["id"] for q in questions), "every bank question asked exactly once"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_questions_are_spread_through_the_lesson(path):
    """Questions follow the part they test: at least three separate places in the lesson."""
    nb = nbformat.read(path, as_version=4)
    places, previous_was_quiz = 0, False
    for cell in nb.cells:
        is_quiz = cell.cell_type == "code" and bool(ASK.search(cell.source))
        if is_quiz and not previous_was_quiz:
            places += 1
        if cell.cell_type == "markdown" or is_quiz:
            previous_was_quiz = is_quiz
    assert places >= 3, f"{path.stem}: questions appear in only {places} place(s)"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_opens_with_questions_and_objectives_and_ends_with_key_points(path):
    lesson = read_lesson(path)
    nb = nbformat.read(path, as_version=4)
    texts = markdown(nb)
    opening, ending = texts[0] + texts[1] if len(texts) > 1 else texts[0], "\n".join(texts[-3:])
    for item in lesson.questions + lesson.objectives:
        assert item in opening, f"{path.stem}: opening lacks {item!r}"
    assert "## Key points" in ending
    for item in lesson.keypoints:
        assert item in ending, f"{path.stem}: key points lack {item!r}"
    assert f"Teaching: {lesson.teaching_minutes} min" in opening
    assert f"Exercises: {lesson.exercise_minutes} min" in opening
    assert 10 <= lesson.teaching_minutes <= 25, "a lesson is 10-25 minutes of reading plus its quiz"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_has_a_figure_with_alt_text_an_instructor_note_and_citations(path):
    nb = nbformat.read(path, as_version=4)
    figures = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if "image/png" in o.get("data", {}) and o.get("metadata", {}).get("image/png", {}).get("alt")]
    assert figures, f"{path.stem}: no figure with alt text"
    assert any("instructor" in c.metadata.get("tags", []) for c in nb.cells), f"{path.stem}: no instructor note"
    citations = sum(len(CITATION.findall(t)) for t in markdown(nb))
    assert citations >= 5, f"{path.stem}: only {citations} citations in the lesson text"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_code_cells_are_short_and_there_is_one_setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(len(c.source.strip().splitlines()) <= 3 for c in code), "code cells stay at 1-3 lines"
    setup = [c for c in code if "start_lesson(" in c.source]
    assert len(setup) == 1 and f'start_lesson("{path.stem}")' in setup[0].source
    assert "is ready" in "".join(o.get("text", "") for o in setup[0].outputs)


def test_course_has_forty_questions_covering_every_type():
    questions = [q for lesson_id in EXPECTED_LESSONS for q in bank(lesson_id)]
    assert len(questions) >= 40
    assert {q["type"] for q in questions} == ALL_TYPES
