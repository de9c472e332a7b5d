"""Checkers for each kind of exercise answer. Each takes the question's spec (from its YAML
file) and the learner's value and returns a Feedback; none raises on bad input."""

from __future__ import annotations

import difflib
from numbers import Real

from .feedback import CORRECT, INVALID, NOT_ATTEMPTED, WRONG, Feedback
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


def _quoted(items) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _unknown(word, options, what: str) -> str:
    """'"x" is not one of the X; did you mean "y"?' with the closest option, if any."""
    close = difflib.get_close_matches(str(word).strip(), [str(o) for o in options], n=1, cutoff=0.5)
    if not close:
        close = [o for o in options if str(o).lower() == str(word).strip().lower()]
    text = f'"{word}" is not one of the {what}'
    return text + (f'; did you mean "{close[0]}"?' if close else f" (they are: {_quoted(options)}).")


def _invalid(message: str) -> Feedback:
    return Feedback(INVALID, message)


def _correct(spec) -> Feedback:
    return Feedback(CORRECT, spec["why"])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def check_classification(spec: dict, value) -> Feedback:
    """A dict that gives each item (key) one category (value)."""
    answer: dict = spec["answer"]
    categories: list = spec["categories"]
    example = f'{{"{next(iter(answer))}": "{categories[0]}", ...}}'
    if not isinstance(value, dict):
        return _invalid(f"Expected a dict like {example}, with one line per item; you gave {describe(value)}.")
    unknown = [key for key in value if key not in answer]
    if unknown:
        return _invalid(_unknown(unknown[0], list(answer), "items") + " Keep the keys exactly as given.")
    missing = [key for key in answer if key not in value]
    if missing:
        return _invalid(f"These items are missing: {_quoted(missing)}. Put back one line for each.")
    blanks = [key for key in answer if is_placeholder(value[key])]
    if len(blanks) == len(answer):
        return Feedback(NOT_ATTEMPTED, f"Replace each ____ with one of {_quoted(categories)}, run that cell, then run this one.")
    if blanks:
        return _invalid(f"{_plural(len(blanks), 'item')} still to fill in: {_quoted(blanks)}.")
    for key, given in value.items():
        if given not in categories:
            if not isinstance(given, str):
                return _invalid(f'For "{key}" you gave {describe(given)}; write one of {_quoted(categories)}, in quotes.')
            return _invalid(f'For "{key}": ' + _unknown(given, categories, "choices"))
    wrong = [key for key in answer if value[key] != answer[key]]
    if not wrong:
        return _correct(spec)
    look_again = [spec["look_again"][c] for c in categories if any(answer[k] == c for k in wrong)]
    return Feedback(
        WRONG,
        f"{len(wrong)} of {len(answer)} are classified wrongly; look again at {'; and at '.join(look_again)}.",
    )


def _as_id_collection(value, spec, shape: str):
    """(list of ids, None) or (None, Feedback) for an answer that must be a list of option ids."""
    options = spec["options"]
    if isinstance(value, str):
        return None, _invalid(f'Expected a list in square brackets, like ["{options[0]}", "{options[1]}"]; you gave {describe(value)}.')
    if not isinstance(value, (list, tuple, set, frozenset)):
        return None, _invalid(f"Expected {shape}; you gave {describe(value)}.")
    items = list(value)
    if any(is_placeholder(item) for item in items):
        return None, Feedback(NOT_ATTEMPTED, "Replace ____ with your answer, run that cell, then run this one.")
    for item in items:
        if not isinstance(item, str):
            return None, _invalid(f"Each entry must be text in quotes, one of {_quoted(options)}; you gave {describe(item)}.")
        if item not in options:
            return None, _invalid(_unknown(item, options, "choices"))
    return items, None


def check_selection(spec: dict, value) -> Feedback:
    """A list (or set) of the option ids that apply; order does not matter."""
    items, problem = _as_id_collection(value, spec, "a list of the choices that apply")
    if problem:
        return problem
    chosen, answer = set(items), set(spec["answer"])
    if chosen == answer:
        return _correct(spec)
    if not chosen:
        return Feedback(WRONG, "Your list is empty; at least one choice applies.")
    right, extra, missed = len(chosen & answer), len(chosen - answer), len(answer - chosen)
    parts = [f"{right} of your {len(chosen)} picks {'is' if right == 1 else 'are'} right"]
    if extra:
        parts.append(f"{_plural(extra, 'pick')} should not be there")
    if missed:
        parts.append(f"{missed} more {'choice applies' if missed == 1 else 'choices apply'}")
    return Feedback(WRONG, ("; ".join(parts) + ". " + spec.get("wrong", "")).strip())


def check_ordering(spec: dict, value) -> Feedback:
    """A list of every step id, in order."""
    answer = spec["answer"]
    spec = {**spec, "options": sorted(answer)}
    items, problem = _as_id_collection(value, spec, "a list of the steps in order")
    if problem:
        return problem
    if isinstance(value, (set, frozenset)):
        return _invalid("A set has no order; use a list in square brackets [...].")
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        return _invalid(f"Each step goes in once; you repeated {_quoted(repeated)}.")
    missing = [step for step in answer if step not in items]
    if missing:
        return _invalid(f"Every step must be in the list; missing: {_quoted(missing)}.")
    if items == answer:
        return _correct(spec)
    in_order = next(i for i, (a, b) in enumerate(zip(items, answer)) if a != b)
    placed = sum(a == b for a, b in zip(items, answer))
    if in_order == 0:
        start = "The first step is not right"
    elif in_order == 1:
        start = "The first step is right, the second is not"
    else:
        start = f"The first {in_order} steps are right"
    return Feedback(WRONG, f"{start}; {placed} of {len(answer)} steps are in their place. {spec.get('wrong', '')}".strip())


def check_choice(spec: dict, value) -> Feedback:
    """One option id, as text."""
    options = list(spec["feedback"])
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return _invalid(f'Expected one answer in quotes, like "{options[0]}"; you gave {describe(value)}.')
    if not isinstance(value, str):
        return _invalid(f'Expected one of {_quoted(options)}, in quotes; you gave {describe(value)}.')
    if value not in options:
        return _invalid(_unknown(value, options, "choices"))
    if value == spec["answer"]:
        return _correct(spec)
    return Feedback(WRONG, spec["feedback"][value])


def check_numeric(spec: dict, value) -> Feedback:
    """A number within the answer's tolerance."""
    units = spec.get("units", "")
    if isinstance(value, str):
        cleaned = value.strip().rstrip("%").strip()
        try:
            float(cleaned)
        except ValueError:
            return _invalid(f"Expected a number written with digits and a dot for decimals, without quotes "
                            f"(like 12.5); you gave {describe(value)}.")
        return _invalid(f'You wrote the number as text ("{value}"); write it without quotes{" or %" if units == "%" else ""}: {cleaned}.')
    if isinstance(value, bool) or not isinstance(value, Real):
        return _invalid(f"Expected a number (like 12.5, without quotes); you gave {describe(value)}.")
    target, tolerance = spec["answer"]["value"], spec["answer"]["tolerance"]
    if abs(value - target) <= tolerance:
        return _correct(spec)
    return Feedback(WRONG, spec["too_low"] if value < target else spec["too_high"])


CHECKERS = {
    "classification": check_classification,
    "selection": check_selection,
    "ordering": check_ordering,
    "choice": check_choice,
    "numeric": check_numeric,
}
