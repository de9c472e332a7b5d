"""The question engine: one model of each question type, shared by quizzes and exercises.

A type is one module here. Each has `NAME` and `INSTRUCTION` ("Choose one."), and:

- `grade(spec, answer) -> Outcome`: the answer as a widget gives it (an option id, a list of ids,
  a dict, a number or the text typed);
- `read_typed(spec, value)`: an answer a learner typed as Python in an exercise, read into the
  form `grade` takes, or an `Outcome` that says what to fix;
- `answer_lines`, `text_lines`, `options_html`: the static form (before the kernel runs, in
  handouts, in a reveal or a solution);
- `inputs(spec)`: the live widgets and a function that reads the answer from them;
- `solution_value(spec)`, `from_exercise(entry)`: the value an exercise's solution assigns, and
  an exercise-set entry in the shape `grade` reads.

Its schema fragment is the type's `if`/`then` branch in the quiz-bank and exercise-set schemas
(`schema_fragment`). Every check, quiz or exercise, ends in one `Outcome` and is saved through
`questions.recording.record`.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .outcome import CORRECT, EMPTY, INVALID, PARTLY, WRONG, Outcome

TYPE_NAMES = (
    "single_choice",
    "multiple_select",
    "true_false",
    "numeric",
    "matching",
    "ordering",
    "classification",
    "findings",
    "decision",
)


def question_type(name: str) -> ModuleType:
    """The module of one question type; KeyError for a name that is not a type."""
    if name not in TYPE_NAMES:
        raise KeyError(f"no question type {name!r}; the types are {', '.join(TYPE_NAMES)}")
    return import_module(f"{__name__}.{name}")


def grade(spec: dict, answer) -> Outcome:
    """Grade `answer` to a checked question (its `type` names the type)."""
    return question_type(spec["type"]).grade(spec, answer)


def answer_lines(spec: dict) -> list[str]:
    """The right answer as short lines of Markdown."""
    return question_type(spec["type"]).answer_lines(spec)


def schema_fragment(name: str, form: str) -> dict | None:
    """The JSON Schema branch for one type in `form` "quiz" (quiz-bank.json) or "exercise"
    (exercise-set.json); None when that form does not offer the type."""
    from ..content.schema import type_branches

    return type_branches(form).get(name)


__all__ = [
    "CORRECT",
    "EMPTY",
    "INVALID",
    "Outcome",
    "PARTLY",
    "TYPE_NAMES",
    "WRONG",
    "answer_lines",
    "grade",
    "question_type",
    "schema_fragment",
]
