"""The `____` placeholder: an exercise answer the learner has not filled in yet."""

from __future__ import annotations


class _NotAttempted:
    """A single object that stands for "not answered yet"; it prints as ____."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


____ = _NotAttempted()
PLACEHOLDER_NAME = "____"


def is_placeholder(value) -> bool:
    return value is ____
