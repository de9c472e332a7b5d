"""The one path from a checked answer to the progress store, for quizzes and exercises alike."""

from __future__ import annotations

import json

from .outcome import Outcome


def jsonable(value):
    """The answer in a form the store can save (sets become sorted lists, odd objects their repr)."""
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    try:
        json.dumps(value, allow_nan=False)
        return value
    except (TypeError, ValueError):
        return repr(value)


def record(question_id: str, lesson: str, answer, outcome: Outcome, attempt: int, context: str = "lesson") -> bool:
    """Save one attempt; False (never an exception) when the store is missing or fails.
    Answers that are not attempts (empty, ungradable) are not saved."""
    if not outcome.counts_as_attempt:
        return False
    try:
        from ..progress import record_attempt

        return bool(record_attempt(question_id, lesson, jsonable(answer), outcome.correct, attempt, context))
    except Exception:  # noqa: BLE001 - saving must never break a quiz or an exercise
        return False
