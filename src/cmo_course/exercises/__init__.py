"""Exercises in the style of Kaggle Learn: each question has check(), hint() and solution().

In an exercise notebook::

    from cmo_course.exercises import ____, exercise_set
    q1, q2, q3 = exercise_set("01_landscape")

The learner replaces ____ in the cell that sets a question's variable, then runs `q1.check()`.
Question text lives in the solution notebook; answers, hints and feedback in the lesson's exercise
set (content/exercises/<lesson id>.yaml, named in course.yaml).
"""

from __future__ import annotations

from ..questions.placeholder import ____
from .question import Question

__all__ = ["____", "exercise_data", "exercise_set", "Question"]


def _lesson_number(lesson_id: str) -> str:
    """The number learners see (the lesson's position in course.yaml, as its quiz line says), or
    the id's own prefix where the manifest cannot be read."""
    from ..content.manifest import load_course
    from ..errors import CourseError

    try:
        lesson = load_course().lesson(lesson_id)
    except CourseError:
        lesson = None
    return lesson.number if lesson and lesson.number else lesson_id.split("_", 1)[0]


def exercise_set(notebook_id: str) -> list[Question]:
    """The questions of one exercise notebook, in order (unpack them as q1, q2, ...)."""
    from .bank import load_set
    from .unquoted import install

    data = load_set(notebook_id)
    questions = [Question(spec, notebook_id) for spec in data["questions"]]
    install({word for question in questions for word in question.answer_words()})
    print(f"Exercises for lesson {_lesson_number(notebook_id)}: {len(questions)} questions below.")
    return questions


def exercise_data(file_name: str):
    """Path of a data file or document the exercises use (content/documents/, e.g. the capstone's
    candidate CSV)."""
    from ..errors import Problem
    from .bank import ExerciseSetError, documents_dir

    folder = documents_dir()
    path = folder / str(file_name)
    if not path.is_file() or path.resolve().parent != folder.resolve():
        known = ", ".join(sorted(p.name for p in folder.glob("*") if p.is_file())) or "none"
        raise ExerciseSetError(
            Problem("content/documents", None, None, f'no exercise data file "{file_name}". Files: {known}.')
        )
    return path
