"""Input checks shared by the tools: each failure names the input and what is allowed."""

from __future__ import annotations

import math
from numbers import Real


class InputError(ValueError):
    """An input a learner typed or loaded is not allowed; the message says what to fix."""


def as_number(
    name: str, value, minimum: float | None = None, maximum: float | None = None, integer: bool = False
) -> float:
    """Return `value` as a float (or int) after checking its type and range.

    >>> as_number("Discount rate", "0.05", 0, 1)
    0.05
    >>> as_number("Capital cost (USD)", -5, minimum=0)
    Traceback (most recent call last):
    ...
    cmo_course.tools.validation.InputError: Capital cost (USD) must be 0 or more; got -5.
    """
    allowed = describe_range(minimum, maximum, integer)
    if isinstance(value, bool) or value is None:
        raise InputError(f"{name} must be {allowed}; got {value!r}.")
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            what = allowed if allowed.startswith("a ") else f"a number {allowed}"
            raise InputError(f"{name} is empty; enter {what}.")
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"{name} must be a number ({allowed}); got the text {value!r}.") from None
    elif isinstance(value, Real):
        number = float(value)
    else:
        raise InputError(f"{name} must be a number ({allowed}); got {type(value).__name__} {value!r}.")
    if math.isnan(number) or math.isinf(number):
        raise InputError(f"{name} must be a finite number ({allowed}); got {value!r}.")
    if integer and not number.is_integer():
        raise InputError(f"{name} must be {allowed}; got {value!r}.")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise InputError(f"{name} must be {allowed}; got {_plain(value)}.")
    return int(number) if integer else number


def as_probability(name: str, value) -> float:
    """A probability between 0 and 1 (write 52% as 0.52).

    >>> as_probability("Phase I to Phase II", 0.52)
    0.52
    """
    try:
        return as_number(name, value, 0.0, 1.0)
    except InputError as exc:
        raise InputError(f"{exc} Write a probability as a decimal, e.g. 52% as 0.52.") from None


def as_choice(name: str, value, choices) -> str:
    """One of `choices` (compared without regard to case or surrounding spaces); returns the choice."""
    text = str(value).strip() if value is not None else ""
    for choice in choices:
        if text.lower() == str(choice).lower():
            return choice
    listed = ", ".join(str(c) for c in choices)
    raise InputError(f"{name} must be one of: {listed}; got {value!r}.")


def as_text(name: str, value, required: bool = True) -> str:
    """Text, stripped; empty is an error when `required`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{name} must be text; got {type(value).__name__} {value!r}.")
    text = value.strip()
    if required and not text:
        raise InputError(f"{name} must not be empty.")
    return text


def describe_range(minimum: float | None, maximum: float | None, integer: bool = False) -> str:
    """Words for an allowed range, e.g. 'between 0 and 1' or '0 or more'."""
    kind = "a whole number " if integer else ""
    if minimum is not None and maximum is not None:
        return f"{kind}between {_plain(minimum)} and {_plain(maximum)}"
    if minimum is not None:
        return f"{kind}{_plain(minimum)} or more".strip()
    if maximum is not None:
        return f"{kind}{_plain(maximum)} or less".strip()
    return "a number" if not integer else "a whole number"


def _plain(value) -> str:
    """A number as people write it: 100,000,000 rather than 100000000.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)
