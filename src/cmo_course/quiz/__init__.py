"""Quizzes: a lesson's questions asked from its bank, with the lesson score. Grading, the static
form and the live widget of each question come from the question engine (`cmo_course.questions`).

Importing this package is cheap; ipywidgets loads only when a question is shown.
"""

from __future__ import annotations


def __getattr__(name):
    if name == "Quiz":
        from .quiz import Quiz

        return Quiz
    raise AttributeError(name)


__all__ = ["Quiz"]
