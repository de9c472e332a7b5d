"""The course map shown on the start page and the handouts' index, built from course.yaml."""

from __future__ import annotations

import posixpath
from pathlib import Path

from .content.manifest import Course, Lesson, load_course
from .templating import render

START_FOLDER = "notebooks"  # the start page's folder: links in the map are relative to it
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "course_map.html.j2"


def course_map_rows(lessons: list[Lesson] | None = None, course: Course | None = None) -> list[dict]:
    """One row per published lesson after the start page: number, part, title, file, objectives, minutes."""
    course = course if course is not None else load_course()
    chosen = lessons if lessons is not None else course.published
    rows = []
    for lesson in chosen:
        if lesson.kind == "start":
            continue
        part = course.part(lesson.part) if lesson.part else None
        track = course.track(lesson.track)
        rows.append(
            {
                "id": lesson.id,
                "number": lesson.number,
                "title": lesson.title,
                "file": posixpath.relpath(lesson.notebook, START_FOLDER),
                "kind": lesson.kind,
                "part": part.title if part else "",
                "track": track.title if track else "",
                "audience": track.audience if track else "",
                "objectives": list(lesson.objectives),
                "teaching_minutes": lesson.teaching_minutes,
                "exercise_minutes": lesson.exercise_minutes,
            }
        )
    return rows


def _parts(rows: list[dict]):
    """Rows grouped by part, in order: [(part title, [rows])]."""
    groups: list[tuple[str, list[dict]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row["part"]:
            groups.append((row["part"], []))
        groups[-1][1].append(row)
    return groups


def course_map_text(rows: list[dict]) -> str:
    lines = ["Course map"]
    for part, part_rows in _parts(rows):
        if part:
            lines.append(part)
        for row in part_rows:
            minutes = f"{row['teaching_minutes']} min reading + {row['exercise_minutes']} min exercises"
            track = f" [track: {row['track']}, for {row['audience']}]" if row["track"] else ""
            lines.append(f"{row['number']}  {row['title']}  ({minutes}){track}")
            lines.extend(f"      - {objective}" for objective in row["objectives"])
    total = sum(r["teaching_minutes"] + r["exercise_minutes"] for r in rows)
    lines.append(f"Total: about {total} minutes")
    return "\n".join(lines)


def course_map_html(rows: list[dict], handouts: bool = False) -> str:
    """The course map table (template `cmo_course/templates/course_map.html.j2`, the one place it is built).

    `handouts`: the handouts' index version, with an Exercises column and links to the HTML pages
    (rows then carry `href`, `exercises_href` and `solutions_href`, as `handouts.index_page` sets them).
    """
    total = sum(r["teaching_minutes"] + r["exercise_minutes"] for r in rows)
    return render(TEMPLATES_DIR, TEMPLATE, parts=_parts(rows), handouts=handouts, total=total)


def show_course_map() -> None:
    """Display the course map as an HTML table (with a plain-text fallback)."""
    from IPython.display import display

    rows = course_map_rows()
    display({"text/plain": course_map_text(rows), "text/html": course_map_html(rows)}, raw=True)
