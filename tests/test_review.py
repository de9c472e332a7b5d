"""Review what you missed: what is due and in which order, answers saved as later attempts under the
question's own lesson, the link back to the section, the review notebook and `cmo-course review`."""

from __future__ import annotations

import pytest

from cmo_course.cli import main
from cmo_course.progress import ProgressStore
from cmo_course.quiz.bank import load_bank
from cmo_course.quiz.review import Review, due_questions, start_review, summary_line

LESSON = "01_landscape"


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite"
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(path))
    return ProgressStore(path)


def ids(lesson=LESSON):
    return load_bank(lesson).ids


def test_with_nothing_saved_it_says_how_to_start(store, capsys):
    review = start_review()
    assert review.due == []
    out = capsys.readouterr().out
    assert out.startswith("No answers saved yet, so there is nothing to review. Start with lesson 01")


def test_missed_questions_come_first_oldest_mistake_first_then_the_unanswered(store):
    first, second, third, *rest = ids()
    store.record_attempt(second, LESSON, "x", False, 1)  # the oldest mistake
    store.record_attempt(third, LESSON, "y", True, 1)  # right first time: not due
    store.record_attempt(first, LESSON, "z", False, 1)
    store.record_attempt(first, LESSON, "w", True, 2)  # later right: still a first-time miss
    due = due_questions()
    assert [(d.question["id"], d.reason) for d in due[:2]] == [(second, "missed"), (first, "missed")]
    unanswered = [d for d in due if d.reason == "unanswered"]
    assert [d.question["id"] for d in unanswered][: len(rest)] == rest  # the lesson's own order first
    assert third not in {d.question["id"] for d in due}
    assert summary_line(due).startswith(f"{len(due)} questions to review: 2 you missed (oldest mistake first)")


def test_a_miss_answered_right_in_review_leaves_the_list_until_a_review_answer_is_wrong(store):
    first, second, *_ = ids()
    store.record_attempt(first, LESSON, "x", False, 1)
    store.record_attempt(second, LESSON, "x", False, 1)
    store.record_attempt(first, LESSON, "y", True, 2, context="review")
    missed = [d.question["id"] for d in due_questions() if d.reason == "missed"]
    assert missed == [second]
    store.record_attempt(first, LESSON, "z", False, 3, context="review")  # forgotten again
    assert [d.question["id"] for d in due_questions() if d.reason == "missed"] == [first, second]


def test_each_question_links_back_to_its_section(store):
    store.record_attempt(ids()[0], LESSON, "x", False, 1)
    due = due_questions()[0]
    section = due.question["section"]
    assert due.section_href == "01_landscape.ipynb#" + section.replace(" ", "-")
    html = Review([due]).heading_html(due)
    assert f'<a href="{due.section_href}">{section}</a>' in html and "You missed this one first time." in html


def test_an_answer_in_review_is_a_later_attempt_under_the_original_ids(store, monkeypatch):
    question_id = ids()[0]  # a single-choice question
    store.record_attempt(question_id, LESSON, "cmo", False, 1)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, *a, **k: shown.append(obj))
    review = start_review()
    review.ask_all()
    views = [obj for obj in shown if hasattr(obj, "check_button")]
    assert views[0].question["id"] == question_id
    views[0].inputs[0].value = views[0].question["answer"]
    views[0].check_button.click()
    rows = [r for r in store.attempts() if r["question_id"] == question_id]
    assert [(r["lesson"], r["attempt"], r["correct"], r["context"]) for r in rows] == [
        (LESSON, 1, False, "lesson"),
        (LESSON, 2, True, "review"),
    ]
    never = next(v for v in views if v.question["id"] not in {question_id})
    never.inputs[0].value = never.question["answer"] if never.question["type"] != "multiple_select" else None
    never.check_button.click()
    summary = next(s for s in store.summary() if s["lesson"] == LESSON)
    assert summary["correct_first_try"] == 0  # neither the fix nor a first answer in review is a first try


def test_the_command_lists_what_is_due(store, capsys):
    store.record_attempt(ids()[1], LESSON, "x", False, 1)
    assert main(["review", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("Your answers here are saved as later attempts.")
    assert lines[1].startswith("  1. [missed] lesson 01, ") and lines[1].endswith(ids()[1])
