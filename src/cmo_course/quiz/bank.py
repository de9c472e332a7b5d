"""Find and load a lesson's quiz bank through the course manifest."""

from __future__ import annotations

from ..content.banks import Bank, count_by_type, load_bank_file  # noqa: F401 (re-exported)
from ..content.manifest import load_course
from ..errors import ContentError, Problem

BankError = ContentError


def load_bank(lesson_id: str) -> Bank:
    """The checked bank of a lesson, e.g. load_bank("01_landscape")."""
    course = load_course()
    lesson = course.lesson(course.current_id(lesson_id))
    if lesson is None:
        known = ", ".join(item.id for item in course.lessons if item.quiz)
        raise ContentError(
            Problem(
                course.file,
                lesson_id,
                None,
                f"no such lesson in the manifest. Lessons with quizzes: {known}.",
                entry_kind="lesson",
            )
        )
    if not lesson.quiz:
        raise ContentError(
            Problem(
                course.file,
                lesson.id,
                "quiz",
                "this lesson has no quiz bank: add 'quiz: content/quizzes/<id>.yaml'.",
                entry_kind="lesson",
            )
        )
    return load_bank_file(lesson.path(lesson.quiz))
