"""Grading of every question type: right, wrong, partly right and empty answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmo_course.questions import answer_lines, grade
from cmo_course.questions.numeric import parse_number
from cmo_course.quiz.bank import load_bank_file

BANK = load_bank_file(Path(__file__).parent / "fixtures" / "banks" / "good" / "91_fixture_demo.yaml")
Q = {q["type"]: q for q in BANK.questions}


def test_single_choice():
    q = Q["single_choice"]
    right = grade(q, "owner")
    assert right.status == "correct" and right.correct
    assert right.details == ((True, q["options"][0]["feedback"]),)
    wrong = grade(q, "fda")
    assert wrong.status == "wrong" and not wrong.correct
    assert wrong.details == ((False, "FDA inspects; it does not release each batch for the owner."),)
    assert grade(q, None).status == "empty"
    assert grade(q, None).message == "Choose an answer first."
    assert not grade(q, None).counts_as_attempt


def test_multiple_select():
    q = Q["multiple_select"]
    assert grade(q, ["testing", "labeling"]).status == "correct"
    assert grade(q, ["labeling", "testing"]).status == "correct"  # order does not matter
    partly = grade(q, ["testing"])
    assert partly.status == "partly" and (partly.right, partly.total) == (2, 3)
    assert partly.message == "Partly right: your pick applies; 1 more option applies."
    assert partly.details == ((True, "**Testing**: Yes: testing is listed."),)  # only the chosen option
    mixed = grade(q, ["testing", "pricing"])
    assert mixed.status == "partly" and mixed.right == 1
    assert [ok for ok, _ in mixed.details] == [True, False]
    assert [text for _, text in mixed.details] == [
        "**Testing**: Yes: testing is listed.",
        "**Setting the price**: No: pricing is a commercial term, kept out of the quality agreement.",
    ]
    # an exercise's options have no feedback: its check never says which picks are wrong
    no_feedback = {**q, "options": [{**o, "feedback": ""} for o in q["options"]]}
    assert grade(no_feedback, ["testing", "pricing"]).details == ()
    wrong = grade(q, ["pricing"])
    assert wrong.status == "wrong"
    assert grade(q, []).status == "empty"
    assert grade(q, None).status == "empty"


def test_true_false():
    q = Q["true_false"]
    assert grade(q, False).status == "correct"
    assert grade(q, False).details[0][1].startswith("Right: both parties")
    wrong = grade(q, True)
    assert wrong.status == "wrong"
    assert wrong.details == ((False, q["feedback"]["true"]),)
    assert grade(q, None).status == "empty"


@pytest.mark.parametrize(
    "typed, status, feedback_key",
    [
        ("2026", "correct", "correct"),
        (2026, "correct", "correct"),
        (" 2026 ", "correct", "correct"),
        ("2025", "wrong", "low"),
        ("2027.5", "wrong", "high"),
    ],
)
def test_numeric_value_and_tolerance(typed, status, feedback_key):
    q = Q["numeric"]
    result = grade(q, typed)
    assert result.status == status
    assert result.details[0][1] == q["feedback"][feedback_key]


def test_numeric_range_edges_empty_and_not_a_number():
    q = dict(Q["numeric"], answer={"min": 7.5, "max": 8.5})
    assert grade(q, "7.5").correct and grade(q, "8.5").correct and grade(q, "8").correct
    assert grade(q, "7.49").status == "wrong" and grade(q, "8.51").status == "wrong"
    assert grade(q, "").status == "empty" and grade(q, "").message == "Type a number first."
    bad = grade(q, "about eight")
    assert bad.status == "invalid" and "Type a number" in bad.message and not bad.counts_as_attempt
    assert grade(q, "nan").status == "invalid"
    assert parse_number("1,000,000") == 1000000.0 and parse_number("12 %") == 12.0


@pytest.mark.parametrize(
    "typed, number",
    [
        ("7,9", 7.9),
        ("7.9", 7.9),
        ("0,25", 0.25),
        ("1,500.5", 1500.5),
        ("1.500,5", 1500.5),
        ("12,5 %", 12.5),
        ("-3,75", -3.75),
        ("2 016", 2016.0),
    ],
)
def test_decimal_comma_and_grouped_thousands(typed, number):
    assert parse_number(typed) == pytest.approx(number)


def test_a_comma_that_could_mean_either_is_asked_about_not_guessed():
    q = dict(Q["numeric"], answer={"min": 7.5, "max": 8.5})
    assert grade(q, "7,9").correct  # a decimal comma, not 79 "too high"
    asked = grade(q, "1,500")
    assert asked.status == "invalid" and not asked.counts_as_attempt
    assert asked.message == "Did you mean 1500 or 1.5? Type it without the comma (1500) or with a dot (1.5)."
    assert grade(q, "1,5,0").status == "invalid"


def test_matching():
    q = Q["matching"]
    right = {"cro": "trials", "cmo": "make", "cdmo": "develop"}
    assert grade(q, right).status == "correct"
    partly = grade(q, {"cro": "trials", "cmo": "develop", "cdmo": "make"})
    assert partly.status == "partly" and (partly.right, partly.total) == (1, 3)
    assert partly.message == "Partly right: 1 of 3 pairs are right."
    # feedback explains the right pair; wrong pairs do not give the answer away
    assert partly.details[0] == (True, "CRO: A CRO runs studies; it does not manufacture.")
    assert partly.details[1] == (False, "CMO: not this match; try another.")
    wrong = grade(q, {"cro": "make", "cmo": "develop", "cdmo": "trials"})
    assert wrong.status == "wrong"
    assert grade(q, {"cro": None, "cmo": None, "cdmo": None}).status == "empty"
    incomplete = grade(q, {"cro": "trials", "cmo": None, "cdmo": None})
    assert incomplete.status == "invalid" and incomplete.message == "Choose a match for every item first."


def test_ordering():
    q = Q["ordering"]
    assert grade(q, ["nai", "vai", "oai"]).status == "correct"
    partly = grade(q, ["nai", "oai", "vai"])
    assert (
        partly.status == "partly"
        and partly.message == "Partly right: 1 of 3 positions are right; the first step is in order."
    )
    assert partly.details[0] == (True, "1. NAI: NAI: no action indicated.")
    assert partly.details[1] == (False, "2. OAI: does not go here.")
    assert grade(q, ["oai", "nai", "vai"]).status == "wrong"
    assert grade(q, [None, None, None]).status == "empty"
    assert grade(q, ["nai", None, None]).message == "Choose a step for every position first."
    repeated = grade(q, ["nai", "nai", "oai"])
    assert repeated.status == "invalid" and "'NAI' is used more than once" in repeated.message


def test_answer_lines_for_every_type():
    assert answer_lines(Q["single_choice"]) == ["The owner's quality unit"]
    assert answer_lines(Q["multiple_select"]) == ["Testing", "Labeling"]
    assert answer_lines(Q["true_false"]) == ["False"]
    assert answer_lines(Q["numeric"]) == ["2026"]
    assert answer_lines(dict(Q["numeric"], units="%", answer={"value": 7.9, "tolerance": 0.1})) == ["7.9 % (± 0.1)"]
    assert answer_lines(dict(Q["numeric"], answer={"min": 7.5, "max": 8.5})) == ["from 7.5 to 8.5"]
    assert answer_lines(Q["matching"])[0] == "CRO → Runs studies and trials"
    assert answer_lines(Q["ordering"]) == ["1. NAI", "2. VAI", "3. OAI"]
