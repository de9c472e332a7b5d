"""Saved progress: every quiz and exercise attempt, in a SQLite file on the learner's computer.

`record_attempt(...)` saves to the default store (never raises); `ProgressStore(path)` reads,
exports and resets; `show_summary()` shows the per-lesson summary in a notebook.
"""

from __future__ import annotations

import sys

from .store import ENV_VAR, ProgressError, ProgressStore, default_path

_stores: dict = {}
_warned_no_store = False


def default_store() -> ProgressStore:
    """The store at default_path(), one per path (so an unwritable store warns only once)."""
    path = default_path()
    if path not in _stores:
        _stores[path] = ProgressStore(path)
    return _stores[path]


def record_attempt(question_id: str, lesson: str, answer, correct: bool, attempt: int, context: str = "lesson") -> bool:
    """Save one attempt to the default store. Never raises: False (one warning line) if it cannot."""
    global _warned_no_store
    try:
        store = default_store()
    except Exception as exc:  # e.g. no usable data folder
        if not _warned_no_store:
            _warned_no_store = True
            print(f"Warning: your answers cannot be saved ({exc}); the quiz still works.", file=sys.stderr)
        return False
    return store.record_attempt(question_id, lesson, answer, correct, attempt, context)


def saved_progress(lesson: str) -> dict[str, tuple[bool, int]]:
    """{question id: (right on the first try, attempts so far)} for one lesson, from the default
    store: what a lesson's score picks up after a kernel restart. Never raises ({} if unreadable)."""
    try:
        rows = default_store().attempts()
    except Exception:  # noqa: BLE001 - a missing or broken store means no saved progress
        return {}
    progress: dict[str, tuple[bool, int]] = {}
    for row in rows:
        if row["lesson"] != lesson:
            continue
        first_try = row["correct"] and row["context"] == "lesson"  # a review answer is never a first try
        first, count = progress.get(row["question_id"], (first_try, 0))
        progress[row["question_id"]] = (first, max(count, int(row["attempt"] or 0)))
    return progress


def show_summary(store: ProgressStore | None = None) -> None:
    """Show the per-lesson summary as a small table and a bar chart (in a notebook)."""
    from .summary import show_summary as _show

    _show(store or default_store())


__all__ = [
    "ENV_VAR",
    "ProgressError",
    "ProgressStore",
    "default_path",
    "record_attempt",
    "saved_progress",
    "show_summary",
]
