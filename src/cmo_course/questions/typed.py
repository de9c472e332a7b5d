"""Reading an answer a learner typed as Python (an exercise's `variable = ...`): friendly words for
each wrong shape, with the closest id when a name is misspelt. Nothing here raises."""

from __future__ import annotations

import difflib
from numbers import Real

from .outcome import EMPTY, Outcome, invalid
from .placeholder import is_placeholder


def describe(value) -> str:
    """Name a value's type the way a non-programmer would."""
    if isinstance(value, bool):
        return f"True/False ({value})"
    if isinstance(value, str):
        return f'text ("{value}")'
    if isinstance(value, Real):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a dict (curly braces {...})"
    if isinstance(value, (list, tuple)):
        return "a list (square brackets [...])"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if value is None:
        return "None (nothing)"
    return f"a {type(value).__name__}"


def quoted(items) -> str:
    return ", ".join(f'"{item}"' for item in items)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def unknown(word, options, what: str) -> str:
    """'"x" is not one of the X; did you mean "y"?' with the closest option, if any."""
    close = difflib.get_close_matches(str(word).strip(), [str(o) for o in options], n=1, cutoff=0.5)
    if not close:
        close = [o for o in options if str(o).lower() == str(word).strip().lower()]
    text = f'"{word}" is not one of the {what}'
    return text + (f'; did you mean "{close[0]}"?' if close else f" (they are: {quoted(options)}).")


def not_filled_in() -> Outcome:
    return Outcome(EMPTY, "Replace ____ with your answer, run that cell, then run this one.")


def one_id(value, options: list[str], answer: str | None = None):
    """One option id typed in quotes: the id, or an Outcome saying what to fix. The example of the
    right shape is never `answer`, so a message about the shape does not give the answer away."""
    if is_placeholder(value):
        return not_filled_in()
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        example = next((o for o in options if o != answer), "your-choice")
        return invalid(f'Expected one answer in quotes, like "{example}"; you gave {describe(value)}.')
    if not isinstance(value, str):
        return invalid(f"Expected one of {quoted(options)}, in quotes; you gave {describe(value)}.")
    if value not in options:
        return invalid(unknown(value, options, "choices"))
    return value


def _list_example(options: list[str], answer, ordered: bool) -> str:
    """Two ids in square brackets that show the shape without hinting at the answer: ids that are not
    in it (for a list of picks), or the ids in alphabetical order (for an order of steps)."""
    if ordered:
        shown = sorted(options)[:2]
    else:
        shown = [o for o in options if o not in set(answer or ())][:2] or ["your-first-id", "your-second-id"]
    return "[" + ", ".join(f'"{o}"' for o in shown) + "]"


def id_list(value, options: list[str], shape: str, ordered: bool = False, answer=None):
    """A list of option ids: the list, or an Outcome saying what to fix."""
    if is_placeholder(value):
        return not_filled_in()
    if isinstance(value, str):
        example = _list_example(options, answer, ordered)
        return invalid(f"Expected a list in square brackets, like {example}; you gave {describe(value)}.")
    if not isinstance(value, (list, tuple, set, frozenset)):
        return invalid(f"Expected {shape}; you gave {describe(value)}.")
    items = list(value)
    if any(is_placeholder(item) for item in items):
        return not_filled_in()
    for item in items:
        if not isinstance(item, str):
            return invalid(f"Each entry must be text in quotes, one of {quoted(options)}; you gave {describe(item)}.")
        if item not in options:
            return invalid(unknown(item, options, "choices"))
    if ordered and isinstance(value, (set, frozenset)):
        return invalid("A set has no order; use a list in square brackets [...].")
    return items
