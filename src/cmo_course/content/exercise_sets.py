"""Exercise sets (content/exercises/<lesson id>.yaml): the answers, hints and feedback of one
exercise notebook's questions. The question text lives in the solution notebook."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from ..paths import display_name
from .banks import duplicates
from .safe_yaml import line_of, load_yaml
from .schema import first_error

SCHEMA = "exercise-set.json"


class ExerciseSetError(ContentError):
    """An exercise set is missing or malformed."""


def _consistency(spec: dict) -> list[tuple[str, str]]:
    """(field, message) for what the schema cannot see: answers that are not among their options."""
    problems = []
    kind, answer = spec["type"], spec["answer"]
    if kind == "classification":
        problems += [
            ("answer", f"{v!r} is not one of the categories") for v in answer.values() if v not in spec["categories"]
        ]
        problems += [
            ("look_again", f"has no entry for category {c!r}")
            for c in spec["categories"]
            if c not in spec["look_again"]
        ]
    elif kind == "multiple_select":
        problems += [("answer", f"{v!r} is not one of the options") for v in answer if v not in spec["options"]]
    elif kind == "ordering" and len(set(answer)) != len(answer):
        problems.append(("answer", "repeats a step"))
    elif kind == "single_choice" and answer not in spec["feedback"]:
        problems.append(("answer", f"{answer!r} has no entry in feedback"))
    elif kind in ("findings", "decision"):
        entries = spec["items"] if kind == "findings" else spec["options"]
        ids = [entry["id"] for entry in entries]
        problems += [
            ("items" if kind == "findings" else "options", f"id {dup!r} is used twice") for dup in duplicates(ids)
        ]
        answers = answer if kind == "findings" else [answer]
        problems += [("answer", f"{v!r} is not one of the ids") for v in answers if v not in ids]
        if kind == "findings" and set(answer) >= set(ids):
            problems.append(("answer", "marks every line as a problem: add at least one line that is fine"))
    return problems


def set_problems(data, path: Path, lesson_id: str | None = None) -> list[Problem]:
    """Every problem of one parsed exercise set."""
    name = display_name(path)

    def problem(entry, field_, message, item=None):
        return Problem(name, entry, field_, message, line=line_of(item, field_), entry_kind="exercise")

    if not isinstance(data, dict):
        return [problem(None, None, "is not an exercise set: it must start with 'notebook:' and 'questions:'.")]
    out = []
    error = first_error(SCHEMA, data, shallow="questions")
    if error:
        out.append(problem(None, error[0] or None, error[1], data))
    expected = lesson_id or Path(path).stem
    if isinstance(data.get("notebook"), str) and data["notebook"] != expected:
        out.append(problem(None, "notebook", f"says {data['notebook']!r}; it must be {expected!r}.", data))
    questions = data.get("questions") if isinstance(data.get("questions"), list) else []
    for index, spec in enumerate(questions):
        if not isinstance(spec, dict):
            continue
        qid = spec["id"] if isinstance(spec.get("id"), str) else f"#{index + 1}"
        error = first_error(SCHEMA, spec, "/properties/questions/items")
        if error:
            out.append(problem(qid, error[0] or None, error[1], spec))
            continue
        out.extend(problem(qid, field_, message, spec) for field_, message in _consistency(spec))
    ids = [q.get("id") for q in questions if isinstance(q, dict)]
    out.extend(
        problem(dup, "id", "is used by two questions in this set: give each its own id.") for dup in duplicates(ids)
    )
    return out


def load_set_file(path: Path, lesson_id: str | None = None) -> dict:
    """The checked exercise set in `path`; ExerciseSetError listing its problems."""
    data = load_yaml(path)
    problems = set_problems(data, Path(path), lesson_id)
    if problems:
        raise ExerciseSetError(problems)
    return data
