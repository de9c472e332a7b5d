"""A machine-readable overview of the course (what `cmo-course stats --json` prints), from course.yaml."""

from __future__ import annotations

from .content.banks import count_by_type, load_bank_file
from .content.manifest import load_course
from .errors import ContentError


def course_stats() -> dict:
    """Per lesson: its manifest entry, quiz questions by type and exercise questions; plus totals."""
    from .exercises.registry import count_exercise_questions

    course = load_course()
    lessons = []
    for lesson in course.lessons:
        entry = lesson.as_dict()
        by_type = {}
        if lesson.quiz:
            try:
                by_type = count_by_type(load_bank_file(lesson.path(lesson.quiz)))
            except ContentError:
                by_type = {}
        entry["quiz_questions"] = {"total": sum(by_type.values()), "by_type": by_type}
        entry["exercise_questions"] = (
            count_exercise_questions(lesson.path(lesson.exercises.notebook)) if lesson.exercises else 0
        )
        lessons.append(entry)
    types: dict[str, int] = {}
    for entry in lessons:
        for kind, n in entry["quiz_questions"]["by_type"].items():
            types[kind] = types.get(kind, 0) + n
    published = [e for e in lessons if not e["draft"]]
    return {
        "title": course.title,
        "parts": [{"id": p.id, "title": p.title} for p in course.parts],
        "lessons": lessons,
        "totals": {
            "lessons": sum(1 for e in published if e["kind"] == "lesson"),
            "drafts": sum(1 for e in lessons if e["draft"]),
            "quiz_questions": sum(types.values()),
            "quiz_questions_by_type": dict(sorted(types.items())),
            "exercise_questions": sum(e["exercise_questions"] for e in lessons),
            "teaching_minutes": sum(e["teaching_minutes"] for e in published),
            "exercise_minutes": sum(e["exercise_minutes"] for e in published),
        },
    }


def stats_text(stats: dict) -> str:
    lines = []
    for entry in stats["lessons"]:
        q = entry["quiz_questions"]
        draft = " (draft)" if entry["draft"] else ""
        lines.append(
            f"{entry['number']} {entry['id']:<28} {entry['teaching_minutes']:>3}+{entry['exercise_minutes']:<3} min  "
            f"{q['total']:>2} quiz  {entry['exercise_questions']:>2} exercise questions  {entry['title']}{draft}"
        )
    t = stats["totals"]
    lines.append(
        f"Total: {t['lessons']} lessons, {t['quiz_questions']} quiz questions "
        f"({', '.join(f'{k} {v}' for k, v in t['quiz_questions_by_type'].items()) or 'none'}), "
        f"{t['exercise_questions']} exercise questions, "
        f"{t['teaching_minutes']} + {t['exercise_minutes']} minutes"
        + (f"; {t['drafts']} draft(s)" if t["drafts"] else "")
    )
    return "\n".join(lines)
