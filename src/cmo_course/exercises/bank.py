"""Find and load the exercise set of a lesson through the course manifest."""

from __future__ import annotations

from functools import cache

from ..content.exercise_sets import ExerciseSetError, load_set_file
from ..content.manifest import load_course
from ..errors import Problem
from ..paths import content_dir

__all__ = ["ExerciseSetError", "available_sets", "documents_dir", "load_set"]


def available_sets() -> list[str]:
    """Lesson ids that have an exercise set, in course order."""
    return [lesson.id for lesson in load_course().lessons if lesson.exercises]


def documents_dir():
    """content/documents/: data files and realistic documents the exercises use."""
    return content_dir() / "documents"


@cache
def _load(lesson_id: str, path: str, stamp: int) -> dict:
    from ..paths import course_root

    return load_set_file(course_root() / path, lesson_id)


def load_set(lesson_id: str) -> dict:
    """The checked exercise set of one lesson, e.g. '01_landscape'."""
    course = load_course()
    lesson = course.lesson(course.current_id(lesson_id))
    if lesson is None or lesson.exercises is None:
        known = ", ".join(available_sets()) or "none"
        raise ExerciseSetError(
            Problem(
                course.file,
                lesson_id,
                None,
                f'no exercises for "{lesson_id}". Known exercise sets: {known}.',
                entry_kind="lesson",
            )
        )
    path = lesson.path(lesson.exercises.set)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _load(lesson.id, lesson.exercises.set, stamp)
