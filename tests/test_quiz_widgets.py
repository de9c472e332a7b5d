"""The live quiz widgets: set values and click buttons as a learner would, then read the feedback."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from cmo_course.content.manifest import load_course
from cmo_course.progress import ProgressStore
from cmo_course.quiz.bank import load_bank
from cmo_course.quiz.quiz import start_lesson

GOOD = Path(__file__).parent / "fixtures" / "banks" / "good"


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite"
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(path))
    return ProgressStore(path)


@pytest.fixture
def quiz(store, small_course, capsys):
    small_course(GOOD / "91_fixture_demo.yaml")
    quiz = start_lesson("91_fixture_demo")
    capsys.readouterr()
    return quiz


def feedback_of(view) -> str:
    return view.feedback.value


def test_single_choice_wrong_then_right_records_attempts(quiz, store):
    view = quiz.question_view("fx-owner-releases")
    radio = view.inputs[0]
    assert isinstance(radio, w.RadioButtons) and radio.value is None
    radio.value = "contractor"
    view.check_button.click()
    html = feedback_of(view)
    assert "Not quite." in html and "&#10007;" in html  # text mark and icon, not colour alone
    assert "the owner&#x27;s quality unit keeps that responsibility" in html or "owner's quality unit keeps" in html
    assert "cmo-quiz-source" not in html  # no explanation yet
    radio.value = "owner"
    view.check_button.click()
    html = feedback_of(view)
    assert "Correct." in html and "&#10003;" in html
    assert "Source: 21 CFR 211.22, paragraph (a)" in html
    assert "The owner&#x27;s quality unit stays responsible" in html or "owner's quality unit stays" in html
    rows = store.attempts()
    assert [(r["answer"], r["correct"], r["attempt"]) for r in rows] == [("contractor", False, 1), ("owner", True, 2)]
    assert rows[0]["lesson"] == "91_fixture_demo" and rows[0]["question_id"] == "fx-owner-releases"


def test_empty_answer_is_gentle_and_not_recorded(quiz, store):
    view = quiz.question_view("fx-owner-releases")
    view.check_button.click()
    assert "Choose an answer first." in feedback_of(view)
    assert view.attempts == 0 and store.attempts() == []
    assert quiz.score() == (0, 0, 6)


def test_reveal_appears_after_two_wrong_tries(quiz):
    view = quiz.question_view("fx-responsibility-moves")
    assert view.reveal_button.layout.display == "none"
    view.inputs[0].value = True
    view.check_button.click()
    assert view.reveal_button.layout.display == "none"
    assert "responsibility cannot be contracted away" in feedback_of(view)
    assert "or press Reveal answer" not in feedback_of(view)
    view.check_button.click()
    assert view.reveal_button.layout.display is None  # now shown
    assert "Change your answer and press Check again, or press Reveal answer." in feedback_of(view)
    view.reveal_button.click()
    html = feedback_of(view)
    assert "The answer" in html and "<strong>Answer:</strong> False" in html
    assert "Source: FDA quality-agreement guidance 2016" in html and view.revealed


def test_multiple_select_partly_right_with_checkboxes(quiz):
    view = quiz.question_view("fx-manufacturing-includes")
    boxes = view.inputs
    assert all(isinstance(b, w.Checkbox) for b in boxes) and [b.description for b in boxes][0] == "Testing"
    boxes[0].value = True
    view.check_button.click()
    html = feedback_of(view)
    assert "Partly right: your pick applies; 1 more option applies." in html
    assert "Yes: testing is listed." in html and "labeling is listed" not in html
    boxes[1].value = True
    view.check_button.click()
    assert "Correct." in feedback_of(view)


def test_numeric_text_input(quiz, store):
    view = quiz.question_view("fx-qmsr-year")
    text = view.inputs[0].children[0]
    assert isinstance(text, w.Text)
    text.value = "twenty"
    view.check_button.click()
    assert "Type a number" in feedback_of(view) and view.attempts == 0
    text.value = "2025"
    view.check_button.click()
    assert "too low" in feedback_of(view) and "Too early" in feedback_of(view)
    text.value = "2026"
    view.check_button.click()
    assert "Correct." in feedback_of(view)
    assert [r["answer"] for r in store.attempts()] == ["2025", "2026"]


def test_matching_dropdowns(quiz):
    view = quiz.question_view("fx-who-does-what")
    menus = view.inputs
    assert all(isinstance(m, w.Dropdown) for m in menus) and [m.description for m in menus] == ["CRO", "CMO", "CDMO"]
    view.check_button.click()
    assert "Choose an answer first." in feedback_of(view)
    menus[0].value = "trials"
    view.check_button.click()
    assert "Choose a match for every item first." in feedback_of(view)
    menus[1].value, menus[2].value = "develop", "make"
    view.check_button.click()
    html = feedback_of(view)
    assert "Partly right: 1 of 3 pairs are right." in html
    assert "A CMO manufactures" not in html  # the wrong pairs' explanations are not given away
    menus[1].value, menus[2].value = "make", "develop"
    view.check_button.click()
    assert "Correct." in feedback_of(view) and "Source: Thermo Fisher CDMO vs CMO vs CRO" in feedback_of(view)


def test_ordering_dropdowns(quiz):
    view = quiz.question_view("fx-classification-order")
    menus = view.inputs
    assert [m.description for m in menus] == ["Step 1:", "Step 2:", "Step 3:"]
    for menu, step in zip(menus, ["nai", "nai", "oai"], strict=True):
        menu.value = step
    view.check_button.click()
    assert "used more than once" in feedback_of(view) and view.attempts == 0
    for menu, step in zip(menus, ["oai", "nai", "vai"], strict=True):
        menu.value = step
    view.check_button.click()
    assert "Not quite: none of the 3 positions are right yet." in feedback_of(view)
    for menu, step in zip(menus, ["nai", "oai", "vai"], strict=True):
        menu.value = step
    view.check_button.click()
    assert "Partly right: 1 of 3 positions are right; the first step is in order." in feedback_of(view)
    assert view.reveal_button.layout.display is None  # two wrong tries
    for menu, step in zip(menus, ["nai", "vai", "oai"], strict=True):
        menu.value = step
    view.check_button.click()
    assert "Correct." in feedback_of(view)


def test_scoreboard_counts_first_tries_and_updates_live(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    quiz.scoreboard()
    bundle = shown[-1][0][0]._repr_mimebundle_()
    assert bundle["text/plain"] == "Lesson score: 0 of 6 correct on the first try (0 of 6 answered so far)."
    board = quiz._scoreboards[0]
    first = quiz.question_view("fx-owner-releases")
    first.inputs[0].value = "owner"
    first.check_button.click()
    second = quiz.question_view("fx-responsibility-moves")
    second.inputs[0].value = True
    second.check_button.click()
    second.inputs[0].value = False
    second.check_button.click()
    assert "1 of 6 correct on the first try (2 of 6 answered so far)" in board.widget.value
    again = quiz.question_view("fx-responsibility-moves")  # asking again does not reset the first try
    again.inputs[0].value = False
    again.check_button.click()
    assert quiz.score() == (1, 2, 6)


def test_ask_displays_one_bundle_with_text_html_and_widget(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    quiz.ask("fx-owner-releases")
    assert len(shown) == 1
    bundle = shown[0][0][0]._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert bundle["text/html"].startswith('<div class="cmo-quiz-question" data-question-id="fx-owner-releases"')
    model_id = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert isinstance(model_id, str) and len(model_id) == 32  # the live widget; nbval never compares it
    view = shown[0][0][0]
    assert model_id == view.widget.model_id  # ipywidgets' own view bundle, of the guarded box
    assert type(view.widget.children[0]).__name__ == "KeyboardGuard"  # keyboard-safe: the guard comes first


def test_every_live_question_and_tool_form_sits_behind_the_keyboard_guard():
    """Every question type's live widget and every tool form: a KeyboardGuard is the box's first child."""
    from cmo_course.questions.live import QuestionView
    from cmo_course.tools import build_vs_outsource, qa_planner, scorecard
    from cmo_course.widgets.keyboard import KeyboardGuard

    banks = [load_bank(lesson.id) for lesson in load_course().published if lesson.quiz]
    by_type = {q["type"]: q for bank in banks for q in bank.questions}
    assert len(by_type) >= 6
    widgets = [QuestionView(question).widget for question in by_type.values()]
    widgets += [tool.form().widget for tool in (build_vs_outsource, qa_planner, scorecard)]
    assert all(isinstance(widget.children[0], KeyboardGuard) for widget in widgets)


def test_unknown_question_id_lists_close_matches(quiz, capsys):
    quiz.ask("fx-owner-release")
    out = capsys.readouterr().out
    assert (
        out.strip()
        == "There is no question 'fx-owner-release' in lesson 91_fixture_demo. Did you mean: fx-owner-releases?"
    )
    quiz.ask("zzz")
    assert "Its questions are: fx-owner-releases, fx-manufacturing-includes" in capsys.readouterr().out


def test_quiz_keeps_working_when_progress_cannot_be_saved(tmp_path, monkeypatch, capsys, small_course):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(blocker / "progress.sqlite"))
    small_course(GOOD / "91_fixture_demo.yaml")
    quiz = start_lesson("91_fixture_demo")
    view = quiz.question_view("fx-owner-releases")
    view.inputs[0].value = "fda"
    view.check_button.click()
    view.inputs[0].value = "owner"
    view.check_button.click()
    assert "Correct." in view.feedback.value and quiz.score() == (0, 1, 6)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Warning: your answers cannot be saved")


def test_ask_all_shows_every_question_in_order(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    quiz.ask_all()
    assert [b._repr_mimebundle_()["text/plain"].split()[1] for b in shown] == quiz.question_ids


def test_reveal_is_withdrawn_once_the_answer_is_right(quiz):
    view = quiz.question_view("fx-responsibility-moves")
    view.inputs[0].value = True
    view.check_button.click()
    view.check_button.click()
    assert view.reveal_button.layout.display is None  # offered after two wrong tries
    view.inputs[0].value = False
    view.check_button.click()
    assert view.reveal_button.layout.display == "none"
    assert "or press Reveal answer" not in feedback_of(view)


def test_a_note_that_starts_with_right_is_not_labelled_right_again(quiz):
    view = quiz.question_view("fx-responsibility-moves")
    view.inputs[0].value = False  # its feedback starts "Right: both parties ..."
    view.check_button.click()
    html = feedback_of(view)
    assert "Right: both parties" in html
    assert "<em>Right:</em> Right:" not in html


def test_matching_that_uses_each_choice_once_refuses_a_choice_twice(quiz):
    import copy

    question = copy.deepcopy(quiz.bank.question("fx-who-does-what"))
    question["each_choice_once"] = True
    from cmo_course.questions import grade

    chosen = {item["id"]: question["choices"][0]["id"] for item in question["items"]}
    outcome = grade(question, chosen)
    assert outcome.status == "invalid" and "Use each choice once" in outcome.message
    assert not outcome.counts_as_attempt


def test_after_a_kernel_restart_the_score_carries_on_from_the_store(quiz, store):
    first = quiz.question_view("fx-owner-releases")
    first.inputs[0].value = "owner"
    first.check_button.click()
    second = quiz.question_view("fx-responsibility-moves")
    second.inputs[0].value = True
    second.check_button.click()
    again = start_lesson("91_fixture_demo")  # what a restarted kernel does
    assert again.score() == (1, 2, 6)
    third = again.question_view("fx-responsibility-moves")
    third.inputs[0].value = False
    third.check_button.click()
    assert again.score() == (1, 2, 6)  # a later right answer is not a first try
    rows = [r for r in store.attempts() if r["question_id"] == "fx-responsibility-moves"]
    assert [r["attempt"] for r in rows] == [1, 2]  # attempt numbers carry on too
