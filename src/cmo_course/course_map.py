"""The course map shown on the start page, built from each lesson's metadata."""

from __future__ import annotations

from html import escape

from .lessons import Lesson, all_lessons


def course_map_rows(lessons: list[Lesson] | None = None) -> list[dict]:
    """One row per lesson after the start page: number, title, file, objectives, minutes."""
    rows = []
    for lesson in lessons if lessons is not None else all_lessons():
        if lesson.kind == "start":
            continue
        rows.append(
            {
                "number": lesson.number,
                "title": lesson.title,
                "file": lesson.path.name,
                "kind": lesson.kind,
                "objectives": list(lesson.objectives),
                "teaching_minutes": lesson.teaching_minutes,
                "exercise_minutes": lesson.exercise_minutes,
            }
        )
    return rows


def course_map_text(rows: list[dict]) -> str:
    lines = ["Course map"]
    for row in rows:
        minutes = f"{row['teaching_minutes']} min reading + {row['exercise_minutes']} min exercises"
        lines.append(f"{row['number']}  {row['title']}  ({minutes})")
        lines.extend(f"      - {objective}" for objective in row["objectives"])
    total = sum(r["teaching_minutes"] + r["exercise_minutes"] for r in rows)
    lines.append(f"Total: about {total} minutes")
    return "\n".join(lines)


def course_map_html(rows: list[dict]) -> str:
    body = []
    for row in rows:
        objectives = "".join(f"<li>{escape(o)}</li>" for o in row["objectives"])
        body.append(
            "<tr>"
            f"<td>{escape(row['number'])}</td>"
            f"<td><a href=\"{escape(row['file'])}\">{escape(row['title'])}</a></td>"
            f"<td><ul>{objectives}</ul></td>"
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
