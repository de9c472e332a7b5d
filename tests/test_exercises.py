"""Exercise checkers: every question answered right, wrong, untouched and with the wrong type;
hints, solutions, recording in the progress store, and the data files behind them."""

from __future__ import annotations

import json

import pytest
import yaml

from cmo_course.content.manifest import load_course
from cmo_course.exercises import ____, exercise_data, exercise_set, question
from cmo_course.exercises.bank import ExerciseSetError, available_sets, load_set
from cmo_course.exercises.feedback import CORRECT, INVALID, NOT_ATTEMPTED, PARTLY, WRONG
from cmo_course.paths import course_root
from cmo_course.reference_pages import reference_labels
from cmo_course.validate import cited_labels

SET_IDS = [lesson.id for lesson in load_course().lessons if lesson.exercises]
# A draft lesson's set may still be empty (as `cmo-course new-lesson` makes it); the counts and the
# citations are owed once the lesson is published.
PUBLISHED_SET_IDS = [lesson.id for lesson in load_course().published if lesson.exercises]
QUESTIONS = [(nb_id, spec) for nb_id in SET_IDS for spec in load_set(nb_id)["questions"]]


def qid(item):
    return item[1]["id"] if isinstance(item, tuple) else str(item)


def make(nb_id, spec):
    return question.Question(spec, nb_id)


def right_answer(spec):
    answer = spec["answer"]
    return answer["value"] if spec["type"] == "numeric" else answer


def wrong_answer(spec):
    """A well-formed answer that is wrong in one place."""
    kind, answer = spec["type"], spec["answer"]
    if kind == "classification":
        key = next(iter(answer))
        other = next(c for c in spec["categories"] if c != answer[key])
        return {**answer, key: other}
    if kind == "multiple_select":
        return answer[1:]
    if kind == "findings":  # one problem missed, and one fine line marked
        fine = next(item["id"] for item in spec["items"] if item["id"] not in answer)
        return [*answer[1:], fine]
    if kind == "decision":
        return next(option["id"] for option in spec["options"] if option["id"] != answer)
    if kind == "ordering":
        return [answer[1], answer[0], *answer[2:]]
    if kind == "single_choice":
        return next(option for option in spec["feedback"] if option != answer)
    return answer["value"] + 10 * answer["tolerance"] + 1


def wrongly_typed(spec):
    """An answer of the wrong type or shape, as a beginner might write it."""
    kind, answer = spec["type"], spec["answer"]
    if kind == "classification":
        return list(answer.values())  # a list where a dict was expected
    if kind in ("multiple_select", "ordering", "findings"):
        return answer[0]  # one text where a list was expected
    if kind in ("single_choice", "decision"):
        return [answer]  # a list where one text was expected
    return str(answer["value"])  # a number as text


def untouched(spec):
    """The placeholder as the generated exercise has it."""
    if spec["type"] == "classification":
        return {key: ____ for key in spec["answer"]}
    return ____


def test_every_lesson_with_exercises_has_a_set_of_questions():
    assert available_sets() == SET_IDS and SET_IDS
    for nb_id in PUBLISHED_SET_IDS:
        assert 3 <= len(load_set(nb_id)["questions"]) <= 8
    ids = [spec["id"] for _, spec in QUESTIONS]
    assert len(ids) == len(set(ids)), "question ids are unique across the course"


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_right_answer_is_confirmed_with_a_reason(item):
    feedback = make(*item).evaluate(right_answer(item[1]))
    assert feedback.status == CORRECT, feedback.message
    assert feedback.message == item[1]["why"].strip()


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_wrong_answer_says_what_is_wrong_without_giving_the_answer(item):
    nb_id, spec = item
    feedback = make(nb_id, spec).evaluate(wrong_answer(spec))
    assert feedback.status in (WRONG, PARTLY)
    assert len(feedback.message) > 20
    assert feedback.message != spec["why"].strip()
    if spec["type"] == "single_choice":
        assert f'"{spec["answer"]}"' not in feedback.message
    if spec["type"] in ("classification", "multiple_select", "ordering"):
        assert make(nb_id, spec).solution_code().split("=", 1)[1].strip() not in feedback.message


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_untouched_placeholder_is_not_attempted(item):
    feedback = make(*item).evaluate(untouched(item[1]))
    assert feedback.status == NOT_ATTEMPTED
    assert "____" in feedback.message


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_wrongly_typed_answer_gets_a_friendly_message(item):
    nb_id, spec = item
    feedback = make(nb_id, spec).evaluate(wrongly_typed(spec))
    assert feedback.status == INVALID
    assert "Traceback" not in feedback.text() and "Error" not in feedback.message
    expected = {
        "classification": "Expected a dict",
        "multiple_select": "Expected a list",
        "ordering": "Expected a list",
        "single_choice": "Expected one answer in quotes",
        "decision": "Expected one answer in quotes",
        "findings": "Expected a list",
        "numeric": "without quotes",
    }[spec["type"]]
    assert expected in feedback.message
    # the example of the right shape never gives the answer away
    answer = spec["answer"]
    if spec["type"] in ("single_choice", "decision"):
        assert f'"{answer}"' not in feedback.message
    if spec["type"] in ("multiple_select", "findings"):
        example = feedback.message.split("like ", 1)[1].split("]", 1)[0]
        assert not any(f'"{item}"' in example for item in answer), feedback.message


def spec_of(question_id):
    return next(item for item in QUESTIONS if item[1]["id"] == question_id)


@pytest.mark.parametrize(
    "question_id, value, expected",
    [
        # a misspelt key, with the closest real key suggested
        ("ex-01-classify-services", {"monitor-trail-sites": "CRO"}, 'did you mean "monitor-trial-sites"'),
        # a key deleted by mistake
        ("ex-05-inspection-classes", {"site-a": "VAI", "site-b": "OAI"}, 'missing: "site-c"'),
        # a category in the wrong case
        ("ex-05-inspection-classes", {"site-a": "vai", "site-b": "OAI", "site-c": "NAI"}, 'did you mean "VAI"'),
        # a number where a category was expected
        ("ex-05-inspection-classes", {"site-a": 1, "site-b": "OAI", "site-c": "NAI"}, "in quotes"),
        # only some blanks filled in
        (
            "ex-05-inspection-classes",
            {"site-a": "VAI", "site-b": ____, "site-c": "NAI"},
            '1 item still to fill in: "site-b"',
        ),
        # an unknown option in a list
        ("ex-01-cdmo-services", ["fill-finnish"], 'did you mean "fill-finish"'),
        # a set has no order
        ("ex-06-rank-by-score", {"Alpha", "Beta", "Gamma"}, "A set has no order"),
        ("ex-06-rank-by-score", ["Alpha", "Alpha", "Beta"], 'you repeated "Alpha"'),
        ("ex-06-rank-by-score", ["Alpha", "Beta"], 'missing: "Gamma"'),
        # a percentage typed as text with a % sign
        ("ex-02-approval-chance", "7.9%", "without quotes or %: 7.9"),
        ("ex-02-approval-chance", "7,87", "a dot for decimals"),
        ("ex-02-approval-chance", "about 8", "Expected a number written with digits"),
        ("ex-02-approval-chance", True, "Expected a number"),
        ("ex-02-approval-chance", None, "Expected a number"),
        ("ex-01-one-partner", 3, 'Expected one of "CMO", "CRO", "CDMO"'),
        ("ex-01-one-partner", "cdmo", 'did you mean "CDMO"'),
    ],
)
def test_shape_problems_name_what_was_expected(question_id, value, expected):
    feedback = make(*spec_of(question_id)).evaluate(value)
    assert feedback.status == INVALID
    assert expected in feedback.message


def test_wrong_classification_counts_mistakes_and_points_at_the_group():
    nb_id, spec = spec_of("ex-01-classify-services")
    answer = dict(
        spec["answer"], **{"monitor-trial-sites": "CMO", "manage-trial-data": "CDMO", "develop-cell-line": "CRO"}
    )
    feedback = make(nb_id, spec).evaluate(answer)
    assert feedback.message.startswith(
        "3 of 12 are classified wrongly; look again at the requests that need development work before anything "
        "is made; and at the requests about studies, trials or trial data, where nothing is manufactured"
    )
    assert "only make product" not in feedback.message  # no CMO row was wrong


def test_wrong_selection_and_ordering_say_how_far_off():
    nb_id, spec = spec_of("ex-04-flawed-agreement")
    feedback = make(nb_id, spec).evaluate(["clause-1", "clause-2"])
    assert feedback.status == PARTLY
    assert feedback.message.startswith("1 of your 2 picks applies; 1 pick does not; 3 more options apply.")
    nb_id, spec = spec_of("ex-05-qualification-order")
    steps = spec["answer"]
    feedback = make(nb_id, spec).evaluate(steps[:2] + [steps[3], steps[2]] + steps[4:])
    assert feedback.message.startswith("5 of 7 positions are right; the first 2 steps are in order.")
    assert "does not go here" not in feedback.message  # which positions are wrong is not said


def test_numeric_answer_within_tolerance_and_direction_of_miss():
    nb_id, spec = spec_of("ex-02-approval-chance")
    q = make(nb_id, spec)
    assert q.evaluate(7.9).status == CORRECT
    assert q.evaluate(0.520 * 0.289 * 0.578 * 0.906 * 100).status == CORRECT
    assert q.evaluate(0.079).message == "Too low. " + spec["too_low"].strip()
    assert q.evaluate(52.0).message == "Too high. " + spec["too_high"].strip()


def test_an_unexpected_checker_failure_is_a_message_not_a_traceback(monkeypatch):
    nb_id, spec = spec_of("ex-01-one-partner")

    def broken(spec, value):
        raise KeyError("boom")

    from cmo_course.questions import single_choice

    monkeypatch.setattr(single_choice, "grade", broken)
    feedback = make(nb_id, spec).evaluate("CDMO")
    assert feedback.status == INVALID and "could not be checked" in feedback.message


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_hints_differ_by_level_and_never_give_the_solution(item):
    q = make(*item)
    hints = [q.hint_feedback(level).message for level in range(1, len(item[1]["hints"]) + 1)]
    assert len(hints) >= 2 and len(set(hints)) == len(hints)
    solution = q.solution_feedback()
    for hint in hints:
        assert hint != solution.message and hint != solution.code
        assert solution.code.split("=", 1)[1].strip() not in hint
    assert q.hint_feedback(1).title == f"Hint 1 of {len(hints)}"


def test_hint_levels_out_of_range_or_of_the_wrong_type_are_handled():
    q = make(*spec_of("ex-01-one-partner"))
    assert q.hint_feedback().message == q.hint_feedback(1).message
    last = q.hint_feedback(99)
    assert last.title == "Hint 2 of 2" and "this is the last" in last.message
    for bad in (0, -1, "2", 1.5, None):
        assert q.hint_feedback(bad).status == INVALID
        assert "from 1 to 2" in q.hint_feedback(bad).message


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_solution_code_is_python_that_the_checker_accepts(item):
    q = make(*item)
    namespace = {}
    exec(q.solution_code(), namespace)  # noqa: S102 - our own data
    assert q.evaluate(namespace[q.variable]).status == CORRECT


def test_feedback_is_a_mime_bundle_with_escaped_html():
    q = make(*spec_of("ex-01-one-partner"))
    bundle = q.evaluate("<b>CMO</b>")._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert '"<b>CMO</b>" is not one of the choices' in bundle["text/plain"]
    assert "&lt;b&gt;CMO&lt;/b&gt;" in bundle["text/html"] and "<b>CMO" not in bundle["text/html"]
    solution = q.solution_feedback()._repr_mimebundle_()
    assert 'one_partner = "CDMO"' in solution["text/plain"]
    assert "one_partner = &quot;CDMO&quot;" in solution["text/html"]


def capture(monkeypatch):
    shown = []
    monkeypatch.setattr(question, "_display", shown.append)
    return shown


def test_check_reads_the_variable_from_the_notebook_globals(monkeypatch):
    shown = capture(monkeypatch)
    q1, q2, q3, q4 = exercise_set("01_landscape")
    namespace = {"q2": q2, "____": ____}
    exec("q2.check()", namespace)  # variable not set yet
    exec("one_partner = ____\nq2.check()", namespace)
    exec("one_partner = 'CRO'\nq2.check()", namespace)
    exec("one_partner = 'CDMO'\nq2.check()", namespace)
    assert [f.status for f in shown] == [NOT_ATTEMPTED, NOT_ATTEMPTED, WRONG, CORRECT]
    assert "There is no `one_partner` yet" in shown[0].message
    exec("q2.check('CDMO')", namespace)  # the answer passed in the brackets by mistake
    assert shown[-1].status == INVALID and "check() takes nothing in the brackets" in shown[-1].message


def test_checks_are_recorded_in_the_progress_store_with_attempt_numbers(monkeypatch, tmp_path):
    from cmo_course.progress import ProgressStore

    store_path = tmp_path / "progress.sqlite"
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(store_path))
    monkeypatch.setattr(question, "_ATTEMPTS", question.Counter())
    capture(monkeypatch)
    q1, q2, q3, q4 = exercise_set("01_landscape")
    namespace = {"q3": q3, "____": ____}
    for source in (
        "cdmo_services = ____",
        "cdmo_services = 'fill-finish'",
        "cdmo_services = ['fill-finish']",
        "cdmo_services = {'fill-finish', 'qc-release-testing', 'packaging-labeling', 'cmc-regulatory-support'}",
    ):
        exec(source + "\nq3.check()", namespace)
    rows = ProgressStore(store_path).attempts()
    assert [(r["question_id"], r["lesson"], r["correct"], r["attempt"]) for r in rows] == [
        ("ex-01-cdmo-services", "exercises/01_landscape", False, 1),
        ("ex-01-cdmo-services", "exercises/01_landscape", True, 2),
    ]
    assert rows[0]["answer"] == ["fill-finish"]  # the untouched ____ and the wrong shape are not attempts
    assert rows[1]["answer"] == sorted(
        ["fill-finish", "qc-release-testing", "packaging-labeling", "cmc-regulatory-support"]
    )


def test_a_failing_progress_store_never_breaks_a_check(monkeypatch):
    import cmo_course.progress as progress

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(progress, "record_attempt", broken)
    from cmo_course.questions import recording
    from cmo_course.questions.outcome import Outcome

    assert (
        recording.record("ex-01-one-partner", "exercises/01_landscape", "CDMO", Outcome(CORRECT, "Correct."), 1)
        is False
    )
    q = make(*spec_of("ex-01-one-partner"))
    assert q.check_value("CDMO").status == CORRECT


def test_exercise_set_prints_one_ready_line(capsys):
    questions = exercise_set("03_advantages_and_tradeoffs")
    assert capsys.readouterr().out == "Exercises for lesson 03: 4 questions below.\n"
    assert [q.id for q in questions][0] == "ex-03-sort-advantages"


def test_unknown_set_or_data_file_is_a_clear_error():
    with pytest.raises(ExerciseSetError, match='no exercises for "01_landscpe". Known exercise sets: 01_landscape'):
        load_set("01_landscpe")
    with pytest.raises(ExerciseSetError, match="capstone_candidates.csv"):
        exercise_data("candidates.csv")
    assert exercise_data("capstone_candidates.csv").is_file()


def test_a_malformed_set_names_the_file_and_field(monkeypatch, tmp_path):
    from cmo_course.content.exercise_sets import load_set_file

    good = yaml.safe_load((course_root() / "content" / "exercises" / "01_landscape.yaml").read_text(encoding="utf-8"))
    broken = json.loads(
        json.dumps(dict(good, questions=[dict(good["questions"][1], answer="CMOO")] + good["questions"][1:]))
    )  # no shared objects: no YAML anchors
    path = tmp_path / "01_landscape.yaml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(
        ExerciseSetError,
        match=r"01_landscape.yaml:\d+, exercise 'ex-01-one-partner', field 'answer': "
        "'CMOO' has no entry in feedback",
    ):
        load_set_file(path)
    del broken["questions"][0]["hints"]
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(ExerciseSetError, match=r"exercise 'ex-01-one-partner', field 'hints': is missing"):
        load_set_file(path)


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


@pytest.mark.parametrize("nb_id", PUBLISHED_SET_IDS)
def test_every_citation_in_an_exercise_set_names_a_listed_reference(nb_id):
    lesson = load_course().lesson(nb_id)
    data = yaml.safe_load((course_root() / lesson.exercises.set).read_text(encoding="utf-8"))
    text = " ".join(" ".join(s.split()) for s in strings_in(data))
    cited = set(cited_labels(text))
    assert cited, f"{nb_id}: no citations"
    assert cited <= reference_labels(), f"unknown labels: {sorted(cited - reference_labels())}"


def test_a_text_answer_without_quotes_gets_a_one_line_hint_in_the_kernel(tmp_path):
    """In a real kernel: `one_partner = CDMO` raises NameError in the learner's cell; the course
    adds one line saying how to write a text answer."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            'from cmo_course.exercises import ____, exercise_set\nq = exercise_set("01_landscape")'
        ),
        nbformat.v4.new_code_cell("one_partner = CDMO"),
        nbformat.v4.new_code_cell("other = undefined_thing"),
    ]
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True)
    try:
        client.execute()
    except CellExecutionError:  # pragma: no cover - allow_errors keeps going
        pass
    texts = ["".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream") for cell in nb.cells]
    errors = [[o for o in cell.outputs if o.get("output_type") == "error"] for cell in nb.cells]
    assert errors[1] and errors[1][0]["ename"] == "NameError"  # the traceback is still there
    assert texts[1].strip() == 'Hint: text answers go in quotes. Write "CDMO" (with the quotes), not CDMO.'
    assert texts[2].strip().startswith("Hint: if undefined_thing is meant as a text answer")


def test_the_exercise_line_numbers_a_lesson_as_its_quiz_line_does(capsys):
    """A lesson inserted later (its id's prefix differs from its place in the course) gets one number."""
    from cmo_course import start_lesson

    moved = next(
        lesson for lesson in load_course().lessons if lesson.exercises and not lesson.id.startswith(lesson.number)
    )
    exercise_set(moved.id)
    start_lesson(moved.id)
    exercise_line, quiz_line = capsys.readouterr().out.splitlines()[:2]
    assert exercise_line.startswith(f"Exercises for lesson {moved.number}:")
    assert quiz_line.startswith(f"Lesson {moved.number}:")
