"""`cmo-course validate`: every malformed fixture bank gives one error naming file, question and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmo_course.cli import main
from cmo_course.content.banks import bank_problems, load_bank_file
from cmo_course.content.safe_yaml import load_yaml
from cmo_course.content.schema import schema
from cmo_course.errors import ContentError
from cmo_course.validate import validate_files

BANKS = Path(__file__).parent / "fixtures" / "banks"
BAD = BANKS / "bad"

# file stem -> (question id, field, what the message says)
EXPECTED = {
    "90_yaml_syntax": (None, None, "YAML syntax error"),
    "90_missing_feedback": ("fx-no-feedback", "options[1].feedback", "is missing: add it"),
    "90_answer_not_option": ("fx-answer-missing", "answer", "'crm' is not an option id: use one of cro, cmo."),
    "90_bad_id": ("CRO_Question", "id", "'CRO_Question' is not a valid id: use lowercase letters"),
    "90_duplicate_id": ("fx-twice", "id", "is used by two questions in this bank"),
    "90_unknown_source": (
        "fx-unknown-source",
        "source",
        "'FDA Big Book of Rules' is not a label in content/references.yaml",
    ),
    "90_unknown_second_source": (
        "fx-unknown-second-source",
        "source",
        "'with FDA Big Book of Rules' is not a label in content/references.yaml",
    ),
    "90_numeric_range": ("fx-upside-down-range", "answer", "min (2027) must be less than max (2025)"),
    "90_numeric_both": ("fx-value-and-range", "answer", "either {value: ..., tolerance: ...} or {min: ..., max: ...}"),
    "90_unknown_type": ("fx-essay", "type", "'essay' is not allowed: use one of single_choice"),
    "90_true_false_feedback": ("fx-half-feedback", "feedback.false", "is missing: add it"),
    "90_matching_bad_choice": (
        "fx-match-typo",
        "answer.cmo",
        "'manufacture' is not a choice id: use one of trials, make.",
    ),
    "90_ordering_missing_step": ("fx-order-gap", "answer", "must list every step id exactly once (missing vai)"),
    "90_lesson_mismatch": (None, "lesson", "'01_landscape' does not match the file name"),
    "90_missing_source": ("fx-no-source", "source", "is missing: add it"),
    "90_extra_field": ("fx-stray-units", "units", "is not a field of a single_choice question"),
    "90_empty_prompt": ("fx-blank-prompt", "prompt", "is empty: write the text."),
    "90_multiple_all_right": ("fx-no-distractor", "answer", "every option is right: add at least one wrong option."),
    "90_matching_feedback_missing": ("fx-match-no-feedback", "feedback", "no feedback for item 'cmo'"),
    "90_answer_wrong_type": ("fx-answer-is-text", "answer", "must be true or false, not 'no'"),
    "90_matching_use_each_once": (
        "fx-match-once-unset",
        "each_choice_once",
        "the prompt tells learners to use each choice once: add 'each_choice_once: true'",
    ),
}


def test_every_bad_fixture_is_covered():
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_malformed_bank_error_names_file_question_and_field(stem):
    qid, field, message = EXPECTED[stem]
    problems, _ = validate_files([BAD / f"{stem}.yaml"], against_course=False)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.file == f"tests/fixtures/banks/bad/{stem}.yaml"
    assert (problem.question_id, problem.field) == (qid, field)
    assert message in problem.message
    text = str(problem)
    assert text.startswith(f"tests/fixtures/banks/bad/{stem}.yaml")
    if qid:
        assert f"question '{qid}'" in text
    if field:
        assert f"field '{field}'" in text


def test_valid_fixture_bank_has_no_problems():
    problems, count = validate_files([BANKS / "good" / "91_fixture_demo.yaml"], against_course=False)
    assert problems == [] and count == 6


def test_ids_unique_across_banks():
    problems, _ = validate_files(sorted((BANKS / "cross").glob("*.yaml")), against_course=False)
    assert [str(p) for p in problems] == [
        "tests/fixtures/banks/cross/90_cross_b.yaml, question 'fx-shared-id', field 'id': is also used in "
        "tests/fixtures/banks/cross/90_cross_a.yaml: ids must be unique across the whole course; rename one of them."
    ]


def test_yaml_syntax_error_names_the_line():
    problems, _ = validate_files([BAD / "90_yaml_syntax.yaml"], against_course=False)
    assert problems[0].line == 5 and str(problems[0]).startswith("tests/fixtures/banks/bad/90_yaml_syntax.yaml:5: ")


def test_ids_unique_against_the_course_banks(tmp_path, small_course):
    small_course(BANKS / "good" / "91_fixture_demo.yaml")
    clash = tmp_path / "92_clash.yaml"
    text = (BANKS / "good" / "91_fixture_demo.yaml").read_text().replace("91_fixture_demo", "92_clash")
    clash.write_text(text)
    problems, _ = validate_files([clash])
    assert len(problems) == 6
    assert all("is also used in content/quizzes/91_fixture_demo.yaml" in p.message for p in problems)


def test_cli_exit_codes_and_output(capsys):
    assert main(["validate", str(BAD / "90_answer_not_option.yaml"), str(BANKS / "good")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "ERROR tests/fixtures/banks/bad/90_answer_not_option.yaml:9, question 'fx-answer-missing', "
        "field 'answer': 'crm' is not an option id: use one of cro, cmo."
    )
    assert out[-1] == "1 problem(s) in 1 file(s)."
    assert main(["validate", str(BANKS / "good")]) == 0
    assert capsys.readouterr().out == "All 1 file(s) are valid (6 questions).\n"
    assert main(["validate", str(BAD)]) == 1
    assert capsys.readouterr().out.count("ERROR ") == len(EXPECTED)


def test_cli_missing_path_is_a_clear_error(capsys):
    assert main(["validate", "no/such/bank.yaml"]) == 2
    assert "no/such/bank.yaml is not a file or a folder" in capsys.readouterr().err


def test_schema_describes_every_field():
    """Editors autocomplete from the schema: every property and definition has a description."""
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                if key != "if":  # conditions on `type`, not fields
                    walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for n, sub in enumerate(node):
                walk(sub, f"{where}[{n}]")

    walk(schema("quiz-bank.json"), "schema")
    assert missing == []
    assert all("description" in d for d in schema("quiz-bank.json")["$defs"].values())


@pytest.mark.parametrize(
    "path", sorted(BAD.glob("*.yaml")) + [BANKS / "good" / "91_fixture_demo.yaml"], ids=lambda p: p.stem
)
def test_loading_a_bank_reports_what_validate_reports(path):
    """start_lesson loads a bank through the same checks `cmo-course validate` runs."""
    try:
        data = load_yaml(path)
    except ContentError:
        return  # a YAML syntax error never reaches the schema
    expected = bank_problems(data, path)
    if not expected:
        assert load_bank_file(path).questions
        return
    with pytest.raises(ContentError) as raised:
        load_bank_file(path)
    assert raised.value.problems == expected


def _matching(prompt: str, **flag) -> dict:
    return {
        "lesson": "90_x",
        "questions": [
            {
                "id": "fx-pairs",
                "type": "matching",
                "prompt": prompt,
                "items": [{"id": "cro", "text": "CRO"}, {"id": "cmo", "text": "CMO"}],
                "choices": [{"id": "trials", "text": "Runs trials"}, {"id": "make", "text": "Manufactures"}],
                "answer": {"cro": "trials", "cmo": "make"},
                "feedback": {"cro": "A CRO runs trials.", "cmo": "A CMO manufactures."},
                "explanation": "CROs run trials; CMOs manufacture.",
                "source": "Thermo Fisher CDMO vs CMO vs CRO",
                **flag,
            }
        ],
    }


@pytest.mark.parametrize(
    "prompt, flag",
    [
        ("Pair each request with an organization. Use each kind once.", {}),
        ("Pair each downside with a mitigation. use each mitigation only once.", {}),
        ("Match them; USE EACH choice ONCE.", {"each_choice_once": False}),
    ],
)
def test_matching_prompt_that_says_use_each_once_needs_the_flag(prompt, flag):
    problems = bank_problems(_matching(prompt, **flag), Path("90_x.yaml"))
    assert [(p.question_id, p.field) for p in problems] == [("fx-pairs", "each_choice_once")]
    assert "add 'each_choice_once: true'" in problems[0].message


@pytest.mark.parametrize(
    "prompt, flag",
    [
        ("Pair each request with an organization. Use each kind once.", {"each_choice_once": True}),
        ("Pair each request with an organization.", {}),
        ("Use each item's label. A choice may fit more than once.", {}),
    ],
)
def test_matching_prompt_and_flag_that_agree_pass(prompt, flag):
    assert bank_problems(_matching(prompt, **flag), Path("90_x.yaml")) == []
