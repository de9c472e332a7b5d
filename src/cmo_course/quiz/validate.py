"""Check quiz banks: the JSON Schema, then the rules a schema cannot express (answers among the
options, feedback for every option, known source labels, sensible numeric ranges, unique ids).

Every problem names the file, the question id and the field, and says what to fix.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .bank import BankError, bank_files, display_name, read_yaml
from .schema_check import Problem, schema, schema_problems  # noqa: F401 (schema is re-exported)

COMMON_FIELDS = {"id", "type", "prompt", "answer", "explanation", "source"}
TYPE_FIELDS = {
    "single_choice": {"options"},
    "multiple_select": {"options"},
    "true_false": {"feedback"},
    "numeric": {"units", "feedback"},
    "matching": {"items", "choices", "feedback"},
    "ordering": {"steps", "feedback"},
}


@lru_cache(maxsize=1)
def reference_labels() -> frozenset[str]:
    from ..reference_pages import reference_labels as labels

    return labels()


def _unknown_fields(question: dict, qid: str, name: str) -> list[Problem]:
    allowed = COMMON_FIELDS | TYPE_FIELDS.get(question.get("type"), set())
    return [
        Problem(name, qid, key, f"is not a field of a {question.get('type')} question: remove it or check the spelling.")
        for key in question
        if key not in allowed and question.get("type") in TYPE_FIELDS
    ]


def _ids(entries) -> list[str]:
    return [e["id"] for e in entries]


def _duplicates(values) -> list[str]:
    seen, dups = set(), []
    for value in values:
        if value in seen and value not in dups:
            dups.append(value)
        seen.add(value)
    return dups


def _check_source(q, qid, name) -> list[Problem]:
    source = q["source"].strip()
    if any(source == known or source.startswith(known + ",") for known in reference_labels()):
        return []
    label = source.split(",", 1)[0].strip()
    return [Problem(name, qid, "source", f"'{label}' is not a label in content/references.yaml: use one of its "
                    "labels, optionally followed by ', locator' (e.g. 'FDA quality-agreement guidance 2016, section IV.B').")]


def _check_choices(q, qid, name) -> list[Problem]:
    out = []
    ids = _ids(q["options"])
    for dup in _duplicates(ids):
        out.append(Problem(name, qid, "options", f"option id '{dup}' is used twice: give each option its own id."))
    answers = [q["answer"]] if q["type"] == "single_choice" else q["answer"]
    for dup in _duplicates(answers):
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
        return [Problem(name, qid, "answer", f"min ({answer['min']}) must be less than max ({answer['max']}): swap or fix them.")]
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
    for field, ids in (("items", items), ("choices", choices)):
        for dup in _duplicates(ids):
            out.append(Problem(name, qid, field, f"id '{dup}' is used twice: give each entry its own id."))
    for item in items:
        if item not in q["answer"]:
            out.append(Problem(name, qid, "answer", f"item '{item}' has no match: add '{item}: <choice id>'."))
    for item, choice in q["answer"].items():
        if item not in items:
            out.append(Problem(name, qid, "answer", f"'{item}' is not an item id: use one of {', '.join(items)}."))
        elif choice not in choices:
            out.append(Problem(name, qid, f"answer.{item}", f"'{choice}' is not a choice id: use one of {', '.join(choices)}."))
    return out + _check_keyed_feedback(q, qid, name, items, "item")


def _check_ordering(q, qid, name) -> list[Problem]:
    out = []
    steps = _ids(q["steps"])
    for dup in _duplicates(steps):
        out.append(Problem(name, qid, "steps", f"id '{dup}' is used twice: give each step its own id."))
    if sorted(q["answer"]) != sorted(steps):
        missing = [s for s in steps if s not in q["answer"]]
        unknown = [s for s in q["answer"] if s not in steps]
        detail = "; ".join(
            part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not a step: {', '.join(unknown)}" if unknown else "",
                "a step is listed twice" if not missing and not unknown else "",
            ) if part
        )
        out.append(Problem(name, qid, "answer", f"must list every step id exactly once ({detail})."))
    return out + _check_keyed_feedback(q, qid, name, steps, "step")


_TYPE_CHECKS = {
    "single_choice": _check_choices,
    "multiple_select": _check_choices,
    "numeric": _check_numeric,
    "matching": _check_matching,
    "ordering": _check_ordering,
}


@lru_cache(maxsize=1)
def _fast_validator():
    """The schema compiled by fastjsonschema (draft-07 reading; unknown fields are checked below).

    `import jsonschema` takes most of a second where Jupyter is installed (it loads the optional
    rfc3987-syntax grammar), so a lesson's first cell uses this, and jsonschema only for messages."""
    import fastjsonschema

    return fastjsonschema.compile(dict(schema(), **{"$schema": "http://json-schema.org/draft-07/schema#"}))


def _passes_fast_schema(data) -> bool:
    try:
        validator = _fast_validator()
    except Exception:  # fastjsonschema missing or cannot compile: use the full check
        return False
    try:
        validator(data)
    except Exception:
        return False
    return True


def check_bank_data(data, path: Path, fast: bool = False) -> list[Problem]:
    """Every problem in one parsed bank (ids unique within the bank; not across banks). With fast,
    a bank that passes the schema skips importing jsonschema (same result, less start-up time)."""
    name = display_name(path)
    if not isinstance(data, dict):
        return [Problem(name, None, None, "is not a quiz bank: it must start with 'lesson:' and 'questions:'.")]
    problems = [] if fast and _passes_fast_schema(data) else schema_problems(data, name)
    if isinstance(data.get("lesson"), str) and data["lesson"] != Path(path).stem:
        problems.append(Problem(name, None, "lesson", f"'{data['lesson']}' does not match the file name: "
                                f"name the file {data['lesson']}.yaml or fix the lesson id."))
    broken = {p.question_id for p in problems}
    questions = data.get("questions") if isinstance(data.get("questions"), list) else []
    for index, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        qid = q["id"] if isinstance(q.get("id"), str) and q["id"] else f"#{index + 1}"
        problems.extend(_unknown_fields(q, qid, name))
        if qid in broken:
            continue  # the shape is wrong; the rules below assume it is right
        problems.extend(_check_source(q, qid, name))
        check = _TYPE_CHECKS.get(q["type"])
        if check:
            problems.extend(check(q, qid, name))
    ids = [q.get("id") for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)]
    for dup in _duplicates(ids):
        problems.append(Problem(name, dup, "id", "is used by two questions in this bank: give each question its own id."))
    return problems


def validate_files(files: list[Path], against_course: bool = True) -> tuple[list[Problem], int]:
    """Check bank files, and that question ids are unique across them (and, with against_course,
    across every course bank). Returns (problems, number of questions checked)."""
    files = [Path(f) for f in files]
    others = [p for p in bank_files() if p.resolve() not in {f.resolve() for f in files}] if against_course else []
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    count = 0
    for path in others + files:
        checked = path in files
        try:
            data = read_yaml(path)
        except BankError as exc:
            if checked:
                problems.append(Problem(display_name(path), None, None, str(exc).split(": ", 1)[-1]))
            continue
        if checked:
            problems.extend(check_bank_data(data, path))
        questions = data.get("questions") if isinstance(data, dict) else None
        for q in questions if isinstance(questions, list) else []:
            qid = q.get("id") if isinstance(q, dict) else None
            if not isinstance(qid, str):
                continue
            count += checked
            name = display_name(path)
            if qid in owner and owner[qid] != name and checked:
                problems.append(Problem(name, qid, "id", f"is also used in {owner[qid]}: ids must be unique "
                                        "across the whole course; rename one of them."))
            owner.setdefault(qid, name)
    return problems, count
