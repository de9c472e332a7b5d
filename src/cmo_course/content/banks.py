"""Quiz banks (content/quizzes/<lesson id>.yaml): load one, check one.

`load_bank_file` returns a `Bank` or raises ContentError with every problem; `bank_problems`
lists the problems of one parsed bank: the JSON Schema (one question at a time), then the rules a
schema cannot express (answers among the options, feedback for every option, sensible numeric
ranges, ids unique in the bank, no unknown fields, `each_choice_once: true` on a matching question
whose prompt says to use each choice once). Source labels are checked against the
reference list by `cmo_course.validate`, which owns the rules that span files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..paths import display_name
from .safe_yaml import line_of, load_yaml
from .schema import first_error

SCHEMA = "quiz-bank.json"
COMMON_FIELDS = {"id", "type", "prompt", "answer", "explanation", "source", "section"}
TYPE_FIELDS = {
    "single_choice": {"options"},
    "multiple_select": {"options"},
    "true_false": {"feedback"},
    "numeric": {"units", "feedback"},
    "matching": {"items", "choices", "feedback", "each_choice_once"},
    "ordering": {"steps", "feedback"},
    "findings": {"document", "items"},
    "decision": {"case", "options"},
}
# A matching prompt that tells learners to use each choice once ("Use each kind once.").
USE_EACH_ONCE = re.compile(r"\buse\s+each\b[^.!?]*?\bonce\b", re.IGNORECASE)


@dataclass(frozen=True)
class Bank:
    """One lesson's quiz bank."""

    lesson: str
    path: Path
    questions: tuple[dict, ...]

    def question(self, question_id: str) -> dict | None:
        return next((q for q in self.questions if q["id"] == question_id), None)

    @property
    def ids(self) -> list[str]:
        return [q["id"] for q in self.questions]


def _ids(entries) -> list[str]:
    return [e["id"] for e in entries]


def duplicates(values) -> list:
    seen, dups = set(), []
    for value in values:
        if value in seen and value not in dups:
            dups.append(value)
        seen.add(value)
    return dups


def _unknown_fields(q: dict, qid: str, name: str) -> list[Problem]:
    allowed = COMMON_FIELDS | TYPE_FIELDS.get(q.get("type"), set())
    return [
        Problem(
            name,
            qid,
            key,
            f"is not a field of a {q.get('type')} question: remove it or check the spelling.",
            line=line_of(q, key),
        )
        for key in q
        if key not in allowed and q.get("type") in TYPE_FIELDS
    ]


def _check_choices(q, qid, name) -> list[Problem]:
    out = []
    ids = _ids(q["options"])
    for dup in duplicates(ids):
        out.append(Problem(name, qid, "options", f"option id '{dup}' is used twice: give each option its own id."))
    answers = [q["answer"]] if q["type"] == "single_choice" else q["answer"]
    for dup in duplicates(answers):
        out.append(Problem(name, qid, "answer", f"'{dup}' is listed twice: list each right option once."))
    for answer in answers:
        if answer not in ids:
            out.append(Problem(name, qid, "answer", f"'{answer}' is not an option id: use one of {', '.join(ids)}."))
    if q["type"] == "multiple_select" and set(answers) >= set(ids):
        out.append(Problem(name, qid, "answer", "every option is right: add at least one wrong option."))
    return out


def _check_numeric(q, qid, name) -> list[Problem]:
    answer = q["answer"]
    if "min" in answer and answer["min"] >= answer["max"]:
        return [
            Problem(
                name, qid, "answer", f"min ({answer['min']}) must be less than max ({answer['max']}): swap or fix them."
            )
        ]
    return []


def _check_keyed_feedback(q, qid, name, ids, what) -> list[Problem]:
    out = []
    for key in ids:
        if key not in q["feedback"]:
            out.append(Problem(name, qid, "feedback", f"no feedback for {what} '{key}': add a line '{key}: ...'."))
    for key in q["feedback"]:
        if key not in ids:
            out.append(Problem(name, qid, "feedback", f"'{key}' is not a {what} id: use one of {', '.join(ids)}."))
    return out


def _check_matching(q, qid, name) -> list[Problem]:
    out = []
    items, choices = _ids(q["items"]), _ids(q["choices"])
    for field_, ids in (("items", items), ("choices", choices)):
        for dup in duplicates(ids):
            out.append(Problem(name, qid, field_, f"id '{dup}' is used twice: give each entry its own id."))
    for item in items:
        if item not in q["answer"]:
            out.append(Problem(name, qid, "answer", f"item '{item}' has no match: add '{item}: <choice id>'."))
    for item, choice in q["answer"].items():
        if item not in items:
            out.append(Problem(name, qid, "answer", f"'{item}' is not an item id: use one of {', '.join(items)}."))
        elif choice not in choices:
            out.append(
                Problem(name, qid, f"answer.{item}", f"'{choice}' is not a choice id: use one of {', '.join(choices)}.")
            )
    if q.get("each_choice_once") and sorted(q["answer"].values()) != sorted(choices):
        out.append(
            Problem(name, qid, "each_choice_once", "is true, but the answer does not use every choice exactly once.")
        )
    if USE_EACH_ONCE.search(q["prompt"]) and q.get("each_choice_once") is not True:
        out.append(
            Problem(
                name,
                qid,
                "each_choice_once",
                "is not true, but the prompt tells learners to use each choice once: add "
                "'each_choice_once: true' (a choice used twice is then refused) or reword the prompt.",
            )
        )
    return out + _check_keyed_feedback(q, qid, name, items, "item")


def _check_ordering(q, qid, name) -> list[Problem]:
    out = []
    steps = _ids(q["steps"])
    for dup in duplicates(steps):
        out.append(Problem(name, qid, "steps", f"id '{dup}' is used twice: give each step its own id."))
    if sorted(q["answer"]) != sorted(steps):
        missing = [s for s in steps if s not in q["answer"]]
        unknown = [s for s in q["answer"] if s not in steps]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not a step: {', '.join(unknown)}" if unknown else "",
                "a step is listed twice" if not missing and not unknown else "",
            )
            if part
        )
        out.append(Problem(name, qid, "answer", f"must list every step id exactly once ({detail})."))
    return out + _check_keyed_feedback(q, qid, name, steps, "step")


def _check_findings(q, qid, name) -> list[Problem]:
    out = []
    ids = _ids(q["items"])
    for dup in duplicates(ids):
        out.append(Problem(name, qid, "items", f"line id '{dup}' is used twice: give each line its own id."))
    for dup in duplicates(q["answer"]):
        out.append(Problem(name, qid, "answer", f"'{dup}' is listed twice: list each problem line once."))
    for answer in q["answer"]:
        if answer not in ids:
            out.append(Problem(name, qid, "answer", f"'{answer}' is not a line id: use one of {', '.join(ids)}."))
    if set(q["answer"]) >= set(ids):
        out.append(Problem(name, qid, "answer", "every line is a problem: add at least one line that is fine."))
    return out


def _check_decision(q, qid, name) -> list[Problem]:
    out = []
    ids = _ids(q["options"])
    for dup in duplicates(ids):
        out.append(Problem(name, qid, "options", f"option id '{dup}' is used twice: give each option its own id."))
    if q["answer"] not in ids:
        out.append(Problem(name, qid, "answer", f"'{q['answer']}' is not an option id: use one of {', '.join(ids)}."))
    return out


_TYPE_CHECKS = {
    "findings": _check_findings,
    "decision": _check_decision,
    "single_choice": _check_choices,
    "multiple_select": _check_choices,
    "numeric": _check_numeric,
    "matching": _check_matching,
    "ordering": _check_ordering,
}


def _with_line(problem: Problem, question) -> Problem:
    if problem.line is not None:
        return problem
    from dataclasses import replace

    return replace(problem, line=line_of(question, problem.field))


def bank_problems(data, path: Path) -> list[Problem]:
    """Every problem in one parsed bank (ids unique within the bank; not across banks)."""
    name = display_name(path)
    if not isinstance(data, dict):
        return [Problem(name, None, None, "is not a quiz bank: it must start with 'lesson:' and 'questions:'.")]
    problems = []
    error = first_error(SCHEMA, data, shallow="questions")
    if error:
        field_, message = error
        problems.append(Problem(name, None, field_ or None, message, line=line_of(data, field_)))
    if isinstance(data.get("lesson"), str) and data["lesson"] != Path(path).stem:
        problems.append(
            Problem(
                name,
                None,
                "lesson",
                f"'{data['lesson']}' does not match the file name: "
                f"name the file {data['lesson']}.yaml or fix the lesson id.",
                line=line_of(data, "lesson"),
            )
        )
    questions = data.get("questions") if isinstance(data.get("questions"), list) else []
    for index, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        qid = q["id"] if isinstance(q.get("id"), str) and q["id"] else f"#{index + 1}"
        found = []
        error = first_error(SCHEMA, q, "/$defs/question")
        if error:
            field_, message = error
            found.append(Problem(name, qid, field_ or None, message))
        found.extend(_unknown_fields(q, qid, name))
        if not error:
            check = _TYPE_CHECKS.get(q["type"])
            if check:
                found.extend(check(q, qid, name))
        problems.extend(_with_line(p, q) for p in found)
    ids = [q.get("id") for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)]
    for dup in duplicates(ids):
        problems.append(
            Problem(name, dup, "id", "is used by two questions in this bank: give each question its own id.")
        )
    return problems


def read_bank_data(path: Path):
    """The parsed YAML of a bank file (ContentError if it cannot be read or parsed)."""
    return load_yaml(path)


def load_bank_file(path: Path) -> Bank:
    """Read and check one bank file; ContentError listing its problems."""
    path = Path(path)
    data = load_yaml(path)
    problems = bank_problems(data, path)
    if problems:
        raise ContentError(problems)
    return Bank(lesson=data["lesson"], path=path, questions=tuple(data["questions"]))


def count_by_type(bank: Bank) -> dict[str, int]:
    counts: dict[str, int] = {}
    for question in bank.questions:
        counts[question["type"]] = counts.get(question["type"], 0) + 1
    return dict(sorted(counts.items()))
