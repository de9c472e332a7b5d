"""Put a lesson back as the course publishes it (the version git pulls from), for example after
it was saved or edited before the save policy kept it unchanged, or when it looks broken. Your
version, if it differs, is kept beside it as NAME.my-copy.ipynb. Your quiz and exercise answers
are not in the notebook (they are in the progress store) and stay as they are.
"""

from __future__ import annotations

NAME = "reset-lesson"
HELP = "restore a lesson as the course publishes it (your answers are kept)"


def add_arguments(parser):
    parser.add_argument("lesson", nargs="+", metavar="LESSON", help="lesson id, e.g. 01_landscape")


def run(args) -> int:
    from ..content.manifest import load_course
    from ..errors import CourseError
    from ..paths import course_root
    from ..save_policy import ResetError, restore_lesson

    course, root = load_course(), course_root()
    for lesson_id in args.lesson:
        lesson = course.lesson(course.current_id(lesson_id))
        if lesson is None:
            known = ", ".join(item.id for item in course.lessons)
            raise CourseError(f"no lesson '{lesson_id}' in course.yaml (lessons: {known})")
        try:
            rev, copy = restore_lesson(root, lesson.notebook)
        except ResetError as exc:
            raise CourseError(str(exc)) from None
        kept = f"; your version is in {copy.name}" if copy else " (it was unchanged)"
        print(f"Restored {lesson.notebook} from {rev}{kept}. Your saved answers are untouched.")
    return 0
