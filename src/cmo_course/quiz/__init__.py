"""Quizzes: question banks as data (bank, validate), grading, the static form and the widgets.

Importing this package is cheap; ipywidgets loads only when a question is shown.
"""

from __future__ import annotations


def __getattr__(name):
    if name == "Quiz":
        from .quiz import Quiz

        return Quiz
    raise AttributeError(name)


__all__ = ["Quiz"]
