"""Numeric: a number within a range (value and tolerance, or min and max); too low and too high
each have their own feedback."""

from __future__ import annotations

import math
from numbers import Real

from .outcome import CORRECT, WRONG, Outcome, empty, invalid
from .placeholder import is_placeholder
from .typed import describe, not_filled_in

NAME = "numeric"
INSTRUCTION = "Type a number."


class AmbiguousNumber(ValueError):
    """A number whose comma could be a thousands separator or a decimal comma ("1,500")."""

    def __init__(self, typed: str, readings: tuple[str, str]):
        super().__init__(typed)
        self.typed, self.readings = typed, readings


def _decimal_text(text: str) -> str:
    """The typed text with a dot as its decimal mark and no thousands separators.

    "7,9" is a decimal comma; "1,500.5" and "1.500,5" use the last mark as the decimal one;
    "1,500,000" groups thousands; "1,500" could be either, so AmbiguousNumber asks.
    """
    if "," not in text:
        return text
    if "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    head, *groups = text.split(",")
    digits = head.lstrip("+-")
    if len(groups) == 1 and len(groups[0]) != 3:
        return f"{head}.{groups[0]}"
    if all(len(g) == 3 and g.isdigit() for g in groups) and 1 <= len(digits) <= 3 and digits.isdigit():
        if len(groups) == 1:
            raise AmbiguousNumber(text, (head + groups[0], f"{head}.{groups[0]}"))
        return head + "".join(groups)
    raise ValueError(text)


def parse_number(value) -> float | None:
    """The number a learner typed ("7.9", " 7.9 % ", "7,9", "1,000,000"); None when blank;
    ValueError when not a number, AmbiguousNumber when a comma could mean either."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().rstrip("%").strip().replace(" ", "")
        if not text:
            return None
        number = float(_decimal_text(text))
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def answer_range(spec: dict) -> tuple[float, float]:
    answer = spec["answer"]
    if "min" in answer:
        return answer["min"], answer["max"]
    return answer["value"] - answer["tolerance"], answer["value"] + answer["tolerance"]


def grade(spec: dict, answer) -> Outcome:
    """`answer`: a number, or the text typed into the box."""
    try:
        number = parse_number(answer)
    except AmbiguousNumber as exc:
        thousands, decimal = (format_number(float(reading)) for reading in exc.readings)
        return invalid(
            f"Did you mean {thousands} or {decimal}? Type it without the comma ({thousands}) or with a dot ({decimal})."
        )
    except ValueError:
        return invalid("Type a number, like 7.9 (digits only, no words).")
    if number is None:
        return empty("Type a number first.")
    low, high = answer_range(spec)
    eps = 1e-9 * max(1.0, abs(low), abs(high))
    feedback = spec["feedback"]
    if number < low - eps:
        return Outcome(WRONG, "Not quite: too low.", ((False, feedback["low"]),), 0, 1)
    if number > high + eps:
        return Outcome(WRONG, "Not quite: too high.", ((False, feedback["high"]),), 0, 1)
    details = ((True, feedback["correct"]),) if feedback.get("correct") else ()
    return Outcome(CORRECT, "Correct.", details, 1, 1)


def format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def answer_lines(spec: dict) -> list[str]:
    units = f" {spec['units']}" if spec.get("units") else ""
    answer = spec["answer"]
    if "min" in answer:
        return [f"from {format_number(answer['min'])} to {format_number(answer['max'])}{units}"]
    plus = f" (± {format_number(answer['tolerance'])})" if answer["tolerance"] else ""
    return [f"{format_number(answer['value'])}{units}{plus}"]


def text_lines(spec: dict) -> list[str]:
    return [f"  Answer: ______ {spec.get('units') or ''}".rstrip()]


def inputs(spec: dict):
    import ipywidgets as w

    text = w.Text(
        value="", placeholder="Type a number", description="Your answer:", style={"description_width": "initial"}
    )
    units = w.Label(spec.get("units") or "")
    return [w.HBox([text, units])], lambda: text.value


def read_typed(spec: dict, value):
    if is_placeholder(value):
        return not_filled_in()
    units = spec.get("units", "")
    if isinstance(value, str):
        cleaned = value.strip().rstrip("%").strip()
        try:
            float(cleaned)
        except ValueError:
            return invalid(
                "Expected a number written with digits and a dot for decimals, without quotes "
                f"(like 12.5); you gave {describe(value)}."
            )
        percent = " or %" if units == "%" else ""
        return invalid(f'You wrote the number as text ("{value}"); write it without quotes{percent}: {cleaned}.')
    if isinstance(value, bool) or not isinstance(value, Real):
        return invalid(f"Expected a number (like 12.5, without quotes); you gave {describe(value)}.")
    return value


def solution_value(spec: dict):
    answer = spec["answer"]
    return answer["value"] if "value" in answer else answer["min"]


def from_exercise(entry: dict) -> dict:
    """An exercise entry (`too_low`, `too_high`) as a question of this type."""
    return {**entry, "feedback": {"low": entry["too_low"], "high": entry["too_high"], "correct": ""}}
