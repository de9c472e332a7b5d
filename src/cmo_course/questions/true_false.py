"""True or false, with feedback for each of the two answers."""

from __future__ import annotations

from .outcome import CORRECT, WRONG, Outcome, empty, invalid
from .placeholder import is_placeholder
from .typed import describe, not_filled_in

NAME = "true_false"
INSTRUCTION = "True or false?"


def grade(spec: dict, answer) -> Outcome:
    """`answer`: True or False (None when nothing is chosen)."""
    if answer is None:
        return empty()
    right = bool(answer) == spec["answer"]
    text = spec["feedback"]["true" if answer else "false"]
    return Outcome(CORRECT if right else WRONG, "Correct." if right else "Not quite.", ((right, text),), int(right), 1)


def answer_lines(spec: dict) -> list[str]:
    return ["True" if spec["answer"] else "False"]


def text_lines(spec: dict) -> list[str]:
    return ["  ( ) True", "  ( ) False"]


def inputs(spec: dict):
    import ipywidgets as w

    radio = w.RadioButtons(options=[("True", True), ("False", False)], value=None, layout={"width": "auto"})
    return [radio], lambda: radio.value


def read_typed(spec: dict, value):
    if is_placeholder(value):
        return not_filled_in()
    if not isinstance(value, bool):
        return invalid(f"Expected True or False, without quotes; you gave {describe(value)}.")
    return value


def solution_value(spec: dict):
    return spec["answer"]


def from_exercise(entry: dict) -> dict:
    return dict(entry)
