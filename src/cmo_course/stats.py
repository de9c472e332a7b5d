"""A machine-readable overview of the course (what `cmo-course stats --json` prints)."""

from __future__ import annotations

from . import paths
from .lessons import all_lessons


def course_stats() -> dict:
    """Per lesson notebook: title, metadata and quiz questions by type; per exercise notebook:
    its number of questions; plus course totals."""
    from .exercises.registry import count_exercise_questions
    from .quiz.bank import count_by_type

    lessons = []
    for lesson in all_lessons():
        entry = lesson.as_dict()
        by_type = count_by_type(lesson.id)
        entry["quiz_questions"] = {"total": sum(by_type.values()), "by_type": by_type}
        lessons.append(entry)
    root = paths.course_root()
    exercises = [
        {
            "id": nb.stem,
            "path": nb.relative_to(root).as_posix(),
            "questions": count_exercise_questions(nb),
        }
        for nb in paths.exercise_notebooks()
    ]
    types: dict[str, int] = {}
    for entry in lessons:
        for kind, n in entry["quiz_questions"]["by_type"].items():
            types[kind] = types.get(kind, 0) + n
    return {
        "lessons": lessons,
        "exercises": exercises,
        "totals": {
            "lessons": sum(1 for e in lessons if e["kind"] == "lesson"),
            "quiz_questions": sum(types.values()),
            "quiz_questions_by_type": dict(sorted(types.items())),
            "exercise_questions": sum(e["questions"] for e in exercises),
            "teaching_minutes": sum(e["teaching_minutes"] for e in lessons),
            "exercise_minutes": sum(e["exercise_minutes"] for e in lessons),
        },
    }


def stats_text(stats: dict) -> str:
    lines = []
    for entry in stats["lessons"]:
        q = entry["quiz_questions"]
        lines.append(
            f"{entry['id']:<28} {entry['teaching_minutes']:>3}+{entry['exercise_minutes']:<3} min  "
            f"{q['total']:>2} quiz questions  {entry['title']}"
        )
    for entry in stats["exercises"]:
        lines.append(f"{entry['path']:<40} {entry['questions']:>2} exercise questions")
    t = stats["totals"]
    lines.append(
        f"Total: {t['lessons']} lessons, {t['quiz_questions']} quiz questions "
        f"({', '.join(f'{k} {v}' for k, v in t['quiz_questions_by_type'].items()) or 'none'}), "
        f"{t['exercise_questions']} exercise questions, "
        f"{t['teaching_minutes']} + {t['exercise_minutes']} minutes"
    )
    return "\n".join(lines)
