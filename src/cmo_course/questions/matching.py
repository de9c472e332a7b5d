"""Matching: each item goes with one choice; feedback per item once it is matched right."""

from __future__ import annotations

from .outcome import Outcome, empty, invalid, tally
from .placeholder import is_placeholder
from .typed import describe, not_filled_in, quoted, unknown

NAME = "matching"
INSTRUCTION = "Match each item with one choice."
CHOOSE = "Choose..."


def _texts(entries) -> dict[str, str]:
    return {e["id"]: e["text"] for e in entries}


def grade(spec: dict, answer) -> Outcome:
    """`answer`: {item id: choice id, or None where nothing is chosen yet}."""
    answer = answer or {}
    chosen = {i["id"]: answer.get(i["id"]) for i in spec["items"]}
    if not any(chosen.values()):
        return empty()
    if not all(chosen.values()):
        return invalid("Choose a match for every item first.")
    if spec.get("each_choice_once"):
        used = list(chosen.values())
        twice = next((c for c in spec["choices"] if used.count(c["id"]) > 1), None)
        if twice:
            return invalid(f"Use each choice once: '{twice['text']}' is chosen for more than one item.")
    marks, details = [], []
    for item in spec["items"]:
        ok = chosen[item["id"]] == spec["answer"][item["id"]]
        marks.append(ok)
        note = spec["feedback"][item["id"]] if ok else "not this match; try another."
        details.append((ok, f"{item['text']}: {note}"))
    return tally(marks, details, "pairs", spec.get("advice", ""))


def answer_lines(spec: dict) -> list[str]:
    items, choices = _texts(spec["items"]), _texts(spec["choices"])
    return [f"{items[i['id']]} → {choices[spec['answer'][i['id']]]}" for i in spec["items"]]


def text_lines(spec: dict) -> list[str]:
    letters = {c["id"]: chr(ord("A") + n) for n, c in enumerate(spec["choices"])}
    return (
        [f"  {i['text']} -> ___" for i in spec["items"]]
        + ["  Choices:"]
        + [f"    {letters[c['id']]}. {c['text']}" for c in spec["choices"]]
    )


def inputs(spec: dict):
    import ipywidgets as w

    choices = [(CHOOSE, None)] + [(c["text"], c["id"]) for c in spec["choices"]]
    menus = {
        i["id"]: w.Dropdown(
            options=choices,
            index=0,
            description=i["text"],
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        for i in spec["items"]
    }
    return list(menus.values()), lambda: {key: menu.value for key, menu in menus.items()}


def read_typed(spec: dict, value):
    """A dict {item id: choice id}."""
    items, choices = [i["id"] for i in spec["items"]], [c["id"] for c in spec["choices"]]
    if is_placeholder(value):
        return not_filled_in()
    if not isinstance(value, dict):
        return invalid(f'Expected a dict like {{"{items[0]}": "{choices[0]}", ...}}; you gave {describe(value)}.')
    for key, given in value.items():
        if key not in items:
            return invalid(unknown(key, items, "items") + " Keep the keys exactly as given.")
        if not is_placeholder(given) and given not in choices:
            return invalid(f'For "{key}": ' + unknown(given, choices, "choices"))
    missing = [key for key in items if key not in value]
    if missing:
        return invalid(f"These items are missing: {quoted(missing)}. Put back one line for each.")
    return {key: (None if is_placeholder(given) else given) for key, given in value.items()}


def solution_value(spec: dict):
    return dict(spec["answer"])


def from_exercise(entry: dict) -> dict:
    return dict(entry)
