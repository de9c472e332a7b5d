"""Single choice: one right option among several, feedback for the option chosen."""

from __future__ import annotations

from .outcome import CORRECT, WRONG, Outcome, empty, invalid
from .typed import one_id

NAME = "single_choice"
INSTRUCTION = "Choose one."


def option_ids(spec: dict) -> list[str]:
    return [o["id"] for o in spec["options"]]


def grade(spec: dict, answer) -> Outcome:
    """`answer`: an option id (None when nothing is chosen)."""
    if answer is None or answer == "":
        return empty()
    option = next((o for o in spec["options"] if o["id"] == answer), None)
    if option is None:
        return invalid(f"'{answer}' is not one of this question's options.")
    right = answer == spec["answer"]
    details = ((right, option["feedback"]),) if option.get("feedback") else ()
    return Outcome(CORRECT if right else WRONG, "Correct." if right else "Not quite.", details, int(right), 1)


def answer_lines(spec: dict) -> list[str]:
    return [o["text"] for o in spec["options"] if o["id"] == spec["answer"]]


def text_lines(spec: dict) -> list[str]:
    return [f"  ( ) {o['text']}" for o in spec["options"]]


def inputs(spec: dict):
    import ipywidgets as w

    radio = w.RadioButtons(
        options=[(o["text"], o["id"]) for o in spec["options"]], value=None, layout={"width": "auto"}
    )
    return [radio], lambda: radio.value


def read_typed(spec: dict, value):
    return one_id(value, option_ids(spec), spec["answer"])


def solution_value(spec: dict):
    return spec["answer"]


def from_exercise(entry: dict) -> dict:
    """An exercise entry (`answer`, `feedback` per option id) as a question of this type."""
    options = [
        {"id": key, "text": key, "feedback": "" if key == entry["answer"] else text}
        for key, text in entry["feedback"].items()
    ]
    return {**entry, "options": options}
