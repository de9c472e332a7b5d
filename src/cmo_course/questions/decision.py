"""Decision: a choice in a running case. Whatever the learner picks, they see what happens next
and the rule behind it; one option is the call the rules support."""

from __future__ import annotations

from .outcome import CORRECT, WRONG, Outcome, empty, invalid
from .typed import one_id

NAME = "decision"
INSTRUCTION = "Choose what you would do."


def option_ids(spec: dict) -> list[str]:
    return [o["id"] for o in spec["options"]]


def consequence(option: dict) -> str:
    return f"{option['consequence'].strip()} *The rule:* {option['rule'].strip()}"


def grade(spec: dict, answer) -> Outcome:
    """`answer`: an option id (None when nothing is chosen)."""
    if answer is None or answer == "":
        return empty()
    option = next((o for o in spec["options"] if o["id"] == answer), None)
    if option is None:
        return invalid(f"'{answer}' is not one of this decision's options.")
    right = answer == spec["answer"]
    message = "Correct: that is the call the rules support." if right else "Not the best call."
    return Outcome(CORRECT if right else WRONG, message, ((right, consequence(option)),), int(right), 1)


def _option_text(option: dict) -> str:
    return option.get("text") or option["id"]


def answer_lines(spec: dict) -> list[str]:
    option = next(o for o in spec["options"] if o["id"] == spec["answer"])
    return [f"{_option_text(option)}: {consequence(option)}"]


def leading_lines(spec: dict) -> list[str]:
    """The case comes first: the learner reads where things stand, then the question."""
    return [spec["case"].strip(), ""] if spec.get("case") else []


def leading_html(spec: dict) -> str:
    """The case as HTML, shown above the prompt in the live question's heading."""
    from .text import render

    return render("context.html.j2", kind="case", text=spec["case"]) if spec.get("case") else ""


def text_lines(spec: dict) -> list[str]:
    return [f"  ( ) {_option_text(o)}" for o in spec["options"]]


def inputs(spec: dict):
    import ipywidgets as w

    radio = w.RadioButtons(
        options=[(_option_text(o), o["id"]) for o in spec["options"]], value=None, layout={"width": "auto"}
    )
    return [radio], lambda: radio.value


def read_typed(spec: dict, value):
    return one_id(value, option_ids(spec), spec["answer"])


def solution_value(spec: dict):
    return spec["answer"]


def from_exercise(entry: dict) -> dict:
    """An exercise entry, each option's text defaulting to its id."""
    return {**entry, "options": [{"text": option["id"], **option} for option in entry["options"]]}
