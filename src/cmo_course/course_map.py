"""The course map shown on the start page and the handouts' index, built from course.yaml."""

from __future__ import annotations

import posixpath
from html import escape

from .content.manifest import Course, Lesson, load_course

START_FOLDER = "notebooks"  # the start page's folder: links in the map are relative to it


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




def course_map_html(rows: list[dict]) -> str:
    body = []
    for part, part_rows in _parts(rows):
        if part:
            body.append(f'<tr class="cmo-course-part"><th scope="colgroup" colspan="4" '
                        f'style="text-align: left">{escape(part)}</th></tr>')
        for row in part_rows:
            objectives = "".join(f"<li>{escape(o)}</li>" for o in row["objectives"])
            track = (f'<br><em>Track: {escape(row["track"])}, for {escape(row["audience"])}</em>'
                     if row["track"] else "")
            body.append(
                "<tr>"
                f"<td>{escape(row['number'])}</td>"
                f"<td style=\"text-align: left\"><a href=\"{escape(row['file'])}\">{escape(row['title'])}</a>{track}</td>"
                f"<td style=\"text-align: left\"><ul>{objectives}</ul></td>"
                f"<td>{row['teaching_minutes']} + {row['exercise_minutes']}</td>"
                "</tr>"
            )
    total = sum(r["teaching_minutes"] + r["exercise_minutes"] for r in rows)
    return (
        '<table class="cmo-course-map">'
        "<caption>Course map: lessons in order, what you will learn, and minutes "
        "(reading + exercises)</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">Lesson</th>'
        '<th scope="col">What you will learn</th><th scope="col">Minutes</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr><td colspan="3">Total</td><td>about {total}</td></tr></tfoot>'
        "</table>"
    )


def show_course_map() -> None:
    """Display the course map as an HTML table (with a plain-text fallback)."""
    from IPython.display import display

    rows = course_map_rows()
    display({"text/plain": course_map_text(rows), "text/html": course_map_html(rows)}, raw=True)
