"""Ordering: put every step in its position; feedback per step once it is in the right place."""

from __future__ import annotations

from dataclasses import replace

from .outcome import Outcome, empty, invalid, tally
from .typed import id_list, quoted

NAME = "ordering"
INSTRUCTION = "Put the steps in order."
CHOOSE = "Choose..."


def _texts(spec) -> dict[str, str]:
    return {s["id"]: s["text"] for s in spec["steps"]}


def grade(spec: dict, answer) -> Outcome:
    """`answer`: the step ids by position (None where no step is chosen yet)."""
    positions = list(answer or [])
    if not any(positions):
        return empty()
    if len(positions) != len(spec["answer"]) or not all(positions):
        return invalid("Choose a step for every position first.")
    texts = _texts(spec)
    repeated = next((s for s in positions if positions.count(s) > 1), None)
    if repeated:
        return invalid(f"Each step goes in one position only: '{texts[repeated]}' is used more than once.")
    marks, details = [], []
    feedback = spec.get("feedback") or {}
    for number, (step, expected) in enumerate(zip(positions, spec["answer"], strict=True), start=1):
        ok = step == expected
        marks.append(ok)
        note = feedback.get(step, "in its place.") if ok else "does not go here."
        details.append((ok, f"{number}. {texts[step]}: {note}"))
    outcome = tally(marks, details if feedback else (), "positions", spec.get("advice", ""))
    if outcome.correct or not marks[0]:
        return outcome
    run = next((n for n, ok in enumerate(marks) if not ok), len(marks))
    start = "the first step is in order" if run == 1 else f"the first {run} steps are in order"
    return replace(outcome, message=outcome.message[:-1] + f"; {start}.")


def answer_lines(spec: dict) -> list[str]:
    texts = _texts(spec)
    return [f"{n}. {texts[s]}" for n, s in enumerate(spec["answer"], start=1)]


def text_lines(spec: dict) -> list[str]:
    return [f"  ___ {s['text']}" for s in spec["steps"]]


def inputs(spec: dict):
    import ipywidgets as w

    steps = [(CHOOSE, None)] + [(s["text"], s["id"]) for s in spec["steps"]]
    menus = [
        w.Dropdown(
            options=steps,
            index=0,
            description=f"Step {n}:",
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        for n in range(1, len(spec["steps"]) + 1)
    ]
    return menus, lambda: [menu.value for menu in menus]


def read_typed(spec: dict, value):
    """A list of every step id, in order."""
    steps = sorted(spec["answer"])
    items = id_list(value, steps, "a list of the steps in order", ordered=True)
    if not isinstance(items, list):
        return items
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        return invalid(f"Each step goes in once; you repeated {quoted(repeated)}.")
    missing = [step for step in spec["answer"] if step not in items]
    if missing:
        return invalid(f"Every step must be in the list; missing: {quoted(missing)}.")
    return items


def solution_value(spec: dict):
    return list(spec["answer"])


def from_exercise(entry: dict) -> dict:
    """An exercise entry (step ids only, `wrong` as advice) as a question of this type."""
    return {
        **entry,
        "steps": [{"id": s, "text": s} for s in sorted(entry["answer"])],
        "feedback": {},
        "advice": entry.get("wrong", ""),
    }
