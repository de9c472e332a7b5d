"""The question engine: every type graded with a right, a wrong and an untouched answer, read from
typed Python, shown statically and live; each type's schema fragment; findings and decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmo_course.content.banks import bank_problems
from cmo_course.content.exercise_sets import set_problems
from cmo_course.questions import TYPE_NAMES, grade, question_type, schema_fragment
from cmo_course.questions.outcome import CORRECT, EMPTY, INVALID, PARTLY, WRONG, Outcome
from cmo_course.questions.placeholder import ____
from cmo_course.questions.static import question_html, question_text
from cmo_course.questions.text import TEMPLATES

SOURCE = {"explanation": "Why the answer is right, in a sentence or two.", "source": "Course method"}

SPECS = {
    "single_choice": {
        "prompt": "Who releases each batch?",
        "answer": "owner",
        "options": [
            {
                "id": "owner",
                "text": "The product owner's quality unit",
                "feedback": "Yes: release stays with the owner.",
            },
            {"id": "fda", "text": "FDA", "feedback": "FDA inspects; it does not release batches."},
        ],
    },
    "multiple_select": {
        "prompt": "Which are manufacturing?",
        "answer": ["testing", "labeling"],
        "options": [
            {"id": "testing", "text": "Testing", "feedback": "Yes: testing is listed."},
            {"id": "labeling", "text": "Labeling", "feedback": "Yes: labeling is listed."},
            {"id": "pricing", "text": "Pricing", "feedback": "No: pricing is a business term."},
        ],
    },
    "true_false": {
        "prompt": "Outsourcing moves responsibility to the CMO.",
        "answer": False,
        "feedback": {"true": "No: the owner stays responsible.", "false": "Right: both stay responsible."},
    },
    "numeric": {
        "prompt": "In what year?",
        "answer": {"value": 2016, "tolerance": 0},
        "units": "",
        "feedback": {"low": "Later than that.", "high": "Earlier than that.", "correct": "Yes, 2016."},
    },
    "matching": {
        "prompt": "Match each partner with its work.",
        "answer": {"cro": "trials", "cmo": "make"},
        "items": [{"id": "cro", "text": "CRO"}, {"id": "cmo", "text": "CMO"}],
        "choices": [{"id": "trials", "text": "Runs trials"}, {"id": "make", "text": "Manufactures"}],
        "feedback": {"cro": "A CRO runs studies.", "cmo": "A CMO makes product."},
    },
    "ordering": {
        "prompt": "Order the outcomes.",
        "answer": ["nai", "vai", "oai"],
        "steps": [{"id": "oai", "text": "OAI"}, {"id": "nai", "text": "NAI"}, {"id": "vai", "text": "VAI"}],
        "feedback": {"nai": "No action.", "vai": "Voluntary action.", "oai": "Official action."},
    },
    "findings": {
        "prompt": "Mark the problems in this batch-record page.",
        "document": "**Batch 24-017, step 5**",
        "answer": ["mix-time", "no-second"],
        "items": [
            {
                "id": "mix-time",
                "text": "Mixing time 45 min (limit 30 ± 5 min)",
                "feedback": "Outside its limit: this needs a deviation.",
            },
            {
                "id": "no-second",
                "text": "Weighing: no second-person check",
                "feedback": "The record lacks the required verification.",
            },
            {
                "id": "temp-ok",
                "text": "Temperature 21 °C (limit 15-25 °C)",
                "feedback": "Within its limit: nothing to do.",
            },
        ],
    },
    "decision": {
        "prompt": "The contract lab reports an out-of-specification assay. What do you do?",
        "case": "Batch 3 of your Phase 1 drug substance.",
        "answer": "investigate",
        "options": [
            {
                "id": "retest",
                "text": "Ask for retests until one passes",
                "consequence": "A passing retest does not cancel the failing result.",
                "rule": "Testing into compliance is not acceptable.",
            },
            {
                "id": "investigate",
                "text": "Ask the lab to start its OOS investigation",
                "consequence": "The lab checks its own work first, then the investigation widens if needed.",
                "rule": "An OOS result is investigated before any retest is used.",
            },
        ],
    },
}
RIGHT = {
    "single_choice": "owner",
    "multiple_select": ["labeling", "testing"],
    "true_false": False,
    "numeric": "2016",
    "matching": {"cro": "trials", "cmo": "make"},
    "ordering": ["nai", "vai", "oai"],
    "findings": ["no-second", "mix-time"],
    "decision": "investigate",
}
WRONG_ANSWERS = {
    "single_choice": "fda",
    "multiple_select": ["pricing"],
    "true_false": True,
    "numeric": 2015,
    "matching": {"cro": "make", "cmo": "trials"},
    "ordering": ["oai", "nai", "vai"],
    "findings": ["temp-ok"],
    "decision": "retest",
}
UNTOUCHED = {
    "single_choice": None,
    "multiple_select": [],
    "true_false": None,
    "numeric": "",
    "matching": {"cro": None, "cmo": None},
    "ordering": [None, None, None],
    "findings": [],
    "decision": None,
}
QUIZ_TYPES = list(SPECS)


def spec(kind: str) -> dict:
    return {"id": f"fx-{kind.replace('_', '-')}", "type": kind, **SOURCE, **json.loads(json.dumps(SPECS[kind]))}


def test_every_quiz_spec_here_is_a_valid_bank_entry():
    bank = {"lesson": "91_fixture_demo", "questions": [spec(kind) for kind in QUIZ_TYPES]}
    assert bank_problems(bank, Path("91_fixture_demo.yaml")) == []


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_right_answer_is_correct(kind):
    outcome = grade(spec(kind), RIGHT[kind])
    assert outcome.status == CORRECT and outcome.correct and outcome.counts_as_attempt


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_wrong_answer_is_not_correct_and_does_not_give_the_answer(kind):
    question = spec(kind)
    outcome = grade(question, WRONG_ANSWERS[kind])
    assert outcome.status in (WRONG, PARTLY) and outcome.counts_as_attempt
    told = " ".join([outcome.message] + [text for _, text in outcome.details])
    if kind in ("single_choice", "decision"):
        right_text = next(o["text"] for o in question["options"] if o["id"] == question["answer"])
        assert right_text not in told
    if kind == "findings":  # the missed problems are counted, never named
        assert "2 more problems are still unmarked" in outcome.message
        assert "Mixing time" not in told and "second-person" not in told


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_untouched_answer_is_not_an_attempt(kind):
    outcome = grade(spec(kind), UNTOUCHED[kind])
    assert outcome.status == EMPTY and not outcome.counts_as_attempt


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_static_forms_show_the_question_without_the_answer_outside_the_disclosure(kind):
    question = spec(kind)
    text, html = question_text(question), question_html(question)
    assert question["prompt"] in text and question_type(kind).INSTRUCTION in text
    before_answer = html.split('<details class="cmo-quiz-answer">')[0]
    assert f'data-question-type="{kind}"' in before_answer
    assert "Why the answer is right" not in before_answer and "Why the answer is right" in html
    assert question_text(question) == text and question_html(question) == html  # deterministic


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_live_inputs_read_back_what_the_learner_set(kind):
    widgets, read = question_type(kind).inputs(spec(kind))
    assert widgets
    assert grade(spec(kind), read()).status == EMPTY  # a fresh widget is untouched


def test_findings_feedback_per_marked_line_and_solution_names_every_problem():
    question = spec("findings")
    outcome = grade(question, ["mix-time", "temp-ok"])
    assert outcome.status == PARTLY and (outcome.right, outcome.total) == (1, 2)
    assert outcome.message == (
        "Partly right: you found 1 of 2 problems; 1 line you marked is not a problem; 1 more problem is still unmarked."
    )
    assert outcome.details == (
        (True, "Mixing time 45 min (limit 30 ± 5 min): Outside its limit: this needs a deviation."),
        (False, "Temperature 21 °C (limit 15-25 °C): Within its limit: nothing to do."),
    )
    lines = question_type("findings").answer_lines(question)
    assert len(lines) == 2 and any("second-person" in line for line in lines)


def test_decision_shows_the_consequence_and_the_rule_of_the_choice_made():
    outcome = grade(spec("decision"), "retest")
    assert outcome.status == WRONG
    assert outcome.details == (
        (
            False,
            "A passing retest does not cancel the failing result. "
            "*The rule:* Testing into compliance is not acceptable.",
        ),
    )
    assert grade(spec("decision"), "nonsense").status == INVALID


def test_a_decision_reads_its_case_before_its_question_in_every_form():
    """Where the case stands comes first, then the question: live, static HTML and plain text."""
    from cmo_course.questions.live import QuestionView

    question = spec("decision")
    case, prompt = question["case"], question["prompt"]
    texts = [question_text(question), question_html(question)]
    children = QuestionView(question).widget.children
    texts.append(
        " ".join(getattr(child, "value", "") for child in children if isinstance(getattr(child, "value", None), str))
    )
    for text in texts:
        assert text.count(case) == 1 and text.index(case) < text.index(prompt), text


def test_findings_and_decision_banks_reject_inconsistent_answers():
    findings = spec("findings")
    findings["answer"] = ["mix-time", "no-such-line"]
    decision = spec("decision")
    decision["answer"] = "escalate"
    everything = spec("findings")
    everything["answer"] = ["mix-time", "no-second", "temp-ok"]
    bank = {"lesson": "91_fixture_demo", "questions": [findings, decision, everything]}
    messages = [(p.entry, p.message) for p in bank_problems(bank, Path("91_fixture_demo.yaml"))]
    assert ("fx-findings", "'no-such-line' is not a line id: use one of mix-time, no-second, temp-ok.") in messages
    assert any(entry == "fx-decision" and "'escalate' is not an option id" in m for entry, m in messages)
    assert any("every line is a problem" in m for _, m in messages)


# ----- typed answers (exercises) -----

TYPED_WRONG_SHAPE = {
    "single_choice": ["owner"],
    "multiple_select": "testing",
    "true_false": "False",
    "numeric": "2016",
    "matching": ["trials", "make"],
    "ordering": "nai",
    "findings": "mix-time",
    "decision": ["investigate"],
}


@pytest.mark.parametrize("kind", QUIZ_TYPES)
def test_typed_answers_right_wrong_shape_and_placeholder(kind):
    module, question = question_type(kind), spec(kind)
    typed_right = 2016 if kind == "numeric" else RIGHT[kind]
    read = module.read_typed(question, typed_right)
    assert not isinstance(read, Outcome) and module.grade(question, read).correct
    shape = module.read_typed(question, TYPED_WRONG_SHAPE[kind])
    assert isinstance(shape, Outcome) and shape.status == INVALID and not shape.counts_as_attempt
    assert "Traceback" not in shape.message and len(shape.message) > 20
    untouched = module.read_typed(question, ____)
    assert isinstance(untouched, Outcome) and untouched.status == EMPTY and "____" in untouched.message
    solution = module.solution_value(question)
    assert module.grade(question, module.read_typed(question, solution)).correct


def test_a_misspelt_id_gets_the_closest_one():
    shape = question_type("findings").read_typed(spec("findings"), ["mix-tme"])
    assert shape.status == INVALID and 'did you mean "mix-time"?' in shape.message


# ----- the registry and the schema fragments -----


def test_every_type_module_has_the_whole_interface():
    for name in TYPE_NAMES:
        module = question_type(name)
        assert module.NAME == name and module.INSTRUCTION.endswith(("?", "."))
        for function in (
            "grade",
            "read_typed",
            "answer_lines",
            "text_lines",
            "inputs",
            "solution_value",
            "from_exercise",
        ):
            assert callable(getattr(module, function)), f"{name}.{function}"
        assert (TEMPLATES / "options" / f"{name}.html.j2").is_file(), f"{name} has no static HTML template"
    with pytest.raises(KeyError, match="no question type 'essay'"):
        question_type("essay")


def test_schema_fragments_and_type_modules_match_one_to_one():
    from cmo_course.content.schema import schema

    quiz_enum = schema("quiz-bank.json")["$defs"]["question"]["properties"]["type"]["enum"]
    exercise_enum = schema("exercise-set.json")["properties"]["questions"]["items"]["properties"]["type"]["enum"]
    assert set(quiz_enum) | set(exercise_enum) == set(TYPE_NAMES)
    for name in quiz_enum:
        assert schema_fragment(name, "quiz") is not None, name
    for name in exercise_enum:
        assert schema_fragment(name, "exercise") is not None, name
    assert schema_fragment("classification", "quiz") is None  # an exercise-only type


def test_findings_and_decision_exercise_entries_validate_and_check():
    from cmo_course.exercises.feedback import CORRECT as SHOWN_CORRECT
    from cmo_course.exercises.question import Question

    findings = {
        "id": "ex-91-batch-record",
        "type": "findings",
        "variable": "problems",
        "items": [{"id": i["id"], "text": i["text"], "feedback": i["feedback"]} for i in SPECS["findings"]["items"]],
        "answer": ["mix-time", "no-second"],
        "hints": ["Compare each value with its limit.", "Look for a check that should be signed twice."],
        "why": "Two lines break the record's own limits or checks.",
    }
    decision = {
        "id": "ex-91-oos-call",
        "type": "decision",
        "variable": "call",
        "options": [{k: v for k, v in o.items()} for o in SPECS["decision"]["options"]],
        "answer": "investigate",
        "hints": ["What must happen before any retest counts?", "Think of the laboratory investigation first."],
        "why": "An out-of-specification result is investigated before any retest is used.",
    }
    data = {"notebook": "91_fixture_demo", "questions": [findings, decision]}
    assert set_problems(data, Path("91_fixture_demo.yaml")) == []
    q = Question(findings, "91_fixture_demo")
    first = q.evaluate(["mix-time"])
    assert first.status == PARTLY and "1 more problem is still unmarked" in first.message
    assert "second-person" not in first.message
    assert "second-person" in q.solution_feedback().message  # solution() names the missed one
    assert q.evaluate(["no-second", "mix-time"]).status == SHOWN_CORRECT
    d = Question(decision, "91_fixture_demo")
    assert "Testing into compliance" in d.evaluate("retest").message
    assert d.evaluate("investigate").message == decision["why"]
    assert d.solution_code() == 'call = "investigate"'
