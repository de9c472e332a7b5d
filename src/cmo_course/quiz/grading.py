"""Grade a learner's answer to one question: right, partly right, wrong, or not answered yet.

Answers, by question type: single_choice an option id; multiple_select a list of option ids;
true_false a bool; numeric a number or the text typed; matching {item id: choice id or None};
ordering a list of step ids by position (None where nothing is chosen). No answer is None (or empty).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

CORRECT, PARTLY, WRONG, EMPTY, INVALID = "correct", "partly", "wrong", "empty", "invalid"
CHOOSE_FIRST = "Choose an answer first."


@dataclass(frozen=True)
class Grade:
    """The outcome of one check. `details` are (is_right, Markdown text) per option the learner used."""

    status: str
    message: str
    details: tuple[tuple[bool, str], ...] = field(default_factory=tuple)
    right: int = 0
    total: int = 0

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def counts_as_attempt(self) -> bool:
        """Empty or unreadable answers are not attempts: the learner is asked to try again."""
        return self.status in (CORRECT, PARTLY, WRONG)


def _texts(entries) -> dict[str, str]:
    return {e["id"]: e["text"] for e in entries}


def _single(q, answer) -> Grade:
    if not answer:
        return Grade(EMPTY, CHOOSE_FIRST)
    option = next(o for o in q["options"] if o["id"] == answer)
    right = answer == q["answer"]
    return Grade(CORRECT if right else WRONG, "Correct." if right else "Not quite.", ((right, option["feedback"]),))


def _multiple(q, answer) -> Grade:
    chosen = [o for o in q["options"] if o["id"] in set(answer or ())]
    if not chosen:
        return Grade(EMPTY, CHOOSE_FIRST)
    expected = set(q["answer"])
    details = tuple((o["id"] in expected, o["feedback"]) for o in chosen)
    marked_right = sum((o["id"] in expected) == (o["id"] in set(answer)) for o in q["options"])
    total = len(q["options"])
    if marked_right == total:
        return Grade(CORRECT, "Correct.", details, total, total)
    if not any(ok for ok, _ in details):
        return Grade(WRONG, "Not quite.", details, marked_right, total)
    return Grade(PARTLY, f"Partly right: {marked_right} of {total} options are marked correctly.", details, marked_right, total)


def _true_false(q, answer) -> Grade:
    if answer is None:
        return Grade(EMPTY, CHOOSE_FIRST)
    right = bool(answer) == q["answer"]
    text = q["feedback"]["true" if answer else "false"]
    return Grade(CORRECT if right else WRONG, "Correct." if right else "Not quite.", ((right, text),))


def parse_number(value) -> float | None:
    """The number a learner typed ("7.9", " 7.9 % ", "1,000"); None when blank; ValueError when not a number."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", "")
        if not text:
            return None
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def numeric_range(q) -> tuple[float, float]:
    answer = q["answer"]
    if "min" in answer:
        return answer["min"], answer["max"]
    return answer["value"] - answer["tolerance"], answer["value"] + answer["tolerance"]


def _numeric(q, answer) -> Grade:
    try:
        number = parse_number(answer)
    except ValueError:
        return Grade(INVALID, "Type a number, like 7.9 (digits only, no words).")
    if number is None:
        return Grade(EMPTY, "Type a number first.")
    low, high = numeric_range(q)
    eps = 1e-9 * max(1.0, abs(low), abs(high))
    if number < low - eps:
        return Grade(WRONG, "Not quite: too low.", ((False, q["feedback"]["low"]),))
    if number > high + eps:
        return Grade(WRONG, "Not quite: too high.", ((False, q["feedback"]["high"]),))
    return Grade(CORRECT, "Correct.", ((True, q["feedback"]["correct"]),))


def _tally(marks: list[bool], details, noun: str) -> Grade:
    right, total = sum(marks), len(marks)
    if right == total:
        return Grade(CORRECT, "Correct.", tuple(details), right, total)
    if right == 0:
        return Grade(WRONG, f"Not quite: none of the {total} {noun} are right yet.", tuple(details), 0, total)
    return Grade(PARTLY, f"Partly right: {right} of {total} {noun} are right.", tuple(details), right, total)


def _matching(q, answer) -> Grade:
    answer = answer or {}
    items = q["items"]
    chosen = {i["id"]: answer.get(i["id"]) for i in items}
    if not any(chosen.values()):
        return Grade(EMPTY, CHOOSE_FIRST)
    if not all(chosen.values()):
        return Grade(INVALID, "Choose a match for every item first.")
    marks, details = [], []
    for item in items:
        ok = chosen[item["id"]] == q["answer"][item["id"]]
        marks.append(ok)
        note = q["feedback"][item["id"]] if ok else "not this match; try another."
        details.append((ok, f"{item['text']}: {note}"))
    return _tally(marks, details, "pairs")


def _ordering(q, answer) -> Grade:
    positions = list(answer or [])
    if not any(positions):
        return Grade(EMPTY, CHOOSE_FIRST)
    if len(positions) != len(q["answer"]) or not all(positions):
        return Grade(INVALID, "Choose a step for every position first.")
    texts = _texts(q["steps"])
    repeated = next((s for s in positions if positions.count(s) > 1), None)
    if repeated:
        return Grade(INVALID, f"Each step goes in one position only: '{texts[repeated]}' is used more than once.")
    marks, details = [], []
    for number, (step, expected) in enumerate(zip(positions, q["answer"]), start=1):
        ok = step == expected
        marks.append(ok)
        note = q["feedback"][step] if ok else "does not go here."
        details.append((ok, f"{number}. {texts[step]}: {note}"))
    return _tally(marks, details, "positions")


GRADERS = {
    "single_choice": _single,
    "multiple_select": _multiple,
    "true_false": _true_false,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}


def grade(question: dict, answer) -> Grade:
    """Grade `answer` to `question` (a validated bank entry)."""
    return GRADERS[question["type"]](question, answer)


def format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def answer_lines(question: dict) -> list[str]:
    """The right answer as short lines of Markdown (for the reveal and the static form)."""
    q, kind = question, question["type"]
    if kind in ("single_choice", "multiple_select"):
        texts = _texts(q["options"])
        ids = [q["answer"]] if kind == "single_choice" else q["answer"]
        return [texts[i] for i in ids]
    if kind == "true_false":
        return ["True" if q["answer"] else "False"]
    if kind == "numeric":
        units = f" {q['units']}" if q.get("units") else ""
        a = q["answer"]
        if "min" in a:
            return [f"from {format_number(a['min'])} to {format_number(a['max'])}{units}"]
        plus = f" (± {format_number(a['tolerance'])})" if a["tolerance"] else ""
        return [f"{format_number(a['value'])}{units}{plus}"]
    if kind == "matching":
        items, choices = _texts(q["items"]), _texts(q["choices"])
        return [f"{items[i['id']]} → {choices[q['answer'][i['id']]]}" for i in q["items"]]
    texts = _texts(q["steps"])
    return [f"{n}. {texts[s]}" for n, s in enumerate(q["answer"], start=1)]
