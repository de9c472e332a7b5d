"""Classification, the structured answer exercises use: a dict that puts each item (key) in one
category (value). Feedback counts the misplaced items and points at the categories to look at
again, without saying which item is wrong."""

from __future__ import annotations

from .outcome import CORRECT, PARTLY, WRONG, Outcome, empty, invalid
from .placeholder import is_placeholder
from .typed import describe, plural, quoted, unknown

NAME = "classification"
INSTRUCTION = "Put each item in one category."
CHOOSE = "Choose..."


def grade(spec: dict, answer) -> Outcome:
    """`answer`: {item: category, or None where nothing is chosen yet}."""
    answer = answer or {}
    items, expected = list(spec["answer"]), spec["answer"]
    chosen = {key: answer.get(key) for key in items}
    if not any(chosen.values()):
        return empty()
    blanks = [key for key in items if not chosen[key]]
    if blanks:
        return invalid(f"{plural(len(blanks), 'item')} still to fill in: {quoted(blanks)}.")
    wrong = [key for key in items if chosen[key] != expected[key]]
    if not wrong:
        return Outcome(CORRECT, "Correct.", (), len(items), len(items))
    look_again = [spec["look_again"][c] for c in spec["categories"] if any(expected[k] == c for k in wrong)]
    message = f"{len(wrong)} of {len(items)} are classified wrongly; look again at {'; and at '.join(look_again)}."
    right = len(items) - len(wrong)
    return Outcome(PARTLY if right else WRONG, message, (), right, len(items))


def answer_lines(spec: dict) -> list[str]:
    return [f"{item} → {category}" for item, category in spec["answer"].items()]


def text_lines(spec: dict) -> list[str]:
    return [f"  {item} -> ___" for item in spec["answer"]] + [f"  Categories: {', '.join(spec['categories'])}"]


def inputs(spec: dict):
    import ipywidgets as w

    choices = [(CHOOSE, None)] + [(c, c) for c in spec["categories"]]
    menus = {
        item: w.Dropdown(
            options=choices, index=0, description=item, style={"description_width": "initial"}, layout={"width": "auto"}
        )
        for item in spec["answer"]
    }
    return list(menus.values()), lambda: {key: menu.value for key, menu in menus.items()}


def read_typed(spec: dict, value):
    answer, categories = spec["answer"], spec["categories"]
    example = f'{{"{next(iter(answer))}": "{categories[0]}", ...}}'
    if not isinstance(value, dict):
        return invalid(f"Expected a dict like {example}, with one line per item; you gave {describe(value)}.")
    unknown_keys = [key for key in value if key not in answer]
    if unknown_keys:
        return invalid(unknown(unknown_keys[0], list(answer), "items") + " Keep the keys exactly as given.")
    missing = [key for key in answer if key not in value]
    if missing:
        return invalid(f"These items are missing: {quoted(missing)}. Put back one line for each.")
    if all(is_placeholder(value[key]) for key in answer):
        return empty(f"Replace each ____ with one of {quoted(categories)}, run that cell, then run this one.")
    for key, given in value.items():
        if is_placeholder(given):
            continue
        if given not in categories:
            if not isinstance(given, str):
                return invalid(f'For "{key}" you gave {describe(given)}; write one of {quoted(categories)}, in quotes.')
            return invalid(f'For "{key}": ' + unknown(given, categories, "choices"))
    return {key: (None if is_placeholder(given) else given) for key, given in value.items()}


def solution_value(spec: dict):
    return dict(spec["answer"])


def from_exercise(entry: dict) -> dict:
    return dict(entry)
