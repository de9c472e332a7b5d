"""Adapter to the course's progress store: every checked answer goes where quiz answers go."""

from __future__ import annotations

import json


def _jsonable(value):
    """The answer in a form the store can save (sets become sorted lists)."""
    if isinstance(value, (set, frozenset)):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)


def record(question_id: str, lesson: str, answer, correct: bool, attempt: int) -> bool:
    """Record one attempt; False (never an exception) when the store is missing or fails."""
    try:
        from ..progress import record_attempt
    except ImportError:
        return False
    try:
        return bool(record_attempt(question_id, lesson, _jsonable(answer), bool(correct), attempt))
    except Exception:  # noqa: BLE001 - recording must never break an exercise
        return False
