"""Loading banks, counting questions, and start_lesson's one-line messages."""

from __future__ import annotations

from pathlib import Path

import pytest

import cmo_course
from cmo_course.quiz.bank import BankError, count_by_type, load_bank

FIXTURES = Path(__file__).parent / "fixtures" / "banks"


@pytest.fixture
def quiz_dir(small_course):
    """A course whose lessons are the good fixture bank and two broken ones."""
    root = small_course(
        FIXTURES / "good" / "91_fixture_demo.yaml",
        FIXTURES / "bad" / "90_answer_not_option.yaml",
        FIXTURES / "bad" / "90_yaml_syntax.yaml",
    )
    return root / "content" / "quizzes"


def test_load_bank_through_the_manifest(quiz_dir):
    bank = load_bank("91_fixture_demo")
    assert bank.lesson == "91_fixture_demo" and len(bank.questions) == 6
    assert bank.question("fx-qmsr-year")["answer"] == {"value": 2026, "tolerance": 0}
    assert bank.question("fx-responsibility-moves")["feedback"]["true"].startswith("Not quite")  # YAML `true:` key


def test_count_by_type(quiz_dir):
    assert count_by_type(load_bank("91_fixture_demo")) == {
        "matching": 1,
        "multiple_select": 1,
        "numeric": 1,
        "ordering": 1,
        "single_choice": 1,
        "true_false": 1,
    }


def test_start_lesson_prints_one_ready_line(quiz_dir, capsys):
    quiz = cmo_course.start_lesson("91_fixture_demo")
    assert capsys.readouterr().out == ("Lesson 01: 6 quiz questions below. Your answers are saved on this computer.\n")
    assert quiz.question_ids[0] == "fx-owner-releases"


def test_start_lesson_missing_bank_is_one_clear_line(quiz_dir, capsys):
    quiz = cmo_course.start_lesson("02_missing")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert (
        "course.yaml, lesson '02_missing': no such lesson in the manifest. Lessons with quizzes: 91_fixture_demo"
        in out[0]
    )
    quiz.ask("anything")
    quiz.scoreboard()
    later = capsys.readouterr().out
    assert "cannot be shown" in later and "Traceback" not in later


def test_start_lesson_invalid_bank_names_file_question_and_field(quiz_dir, capsys):
    cmo_course.start_lesson("90_answer_not_option")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("The quiz for this lesson could not be loaded: ")
    assert "content/quizzes/90_answer_not_option.yaml" in out[0]
    assert "question 'fx-answer-missing', field 'answer': 'crm' is not an option id" in out[0]
    with pytest.raises(BankError):
        load_bank("90_answer_not_option")


def test_start_lesson_with_a_non_text_id(capsys):
    cmo_course.start_lesson(1)
    assert capsys.readouterr().out.startswith(
        'start_lesson needs a lesson id in quotes, like start_lesson("01_landscape")'
    )


def test_yaml_syntax_error_names_line(quiz_dir, capsys):
    cmo_course.start_lesson("90_yaml_syntax")
    assert "content/quizzes/90_yaml_syntax.yaml:5: YAML syntax error" in capsys.readouterr().out


def test_messages_have_no_absolute_paths(quiz_dir, capsys):
    cmo_course.start_lesson("02_missing")
    assert str(quiz_dir) not in capsys.readouterr().out
