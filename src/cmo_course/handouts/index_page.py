"""The handouts' index page: the course map, with links to each lesson's handouts."""

from __future__ import annotations

from pathlib import Path

INDEX_PAGE = "index.html"


def render_index(jobs: list, page_size: str = "auto") -> str:
    """The index page: the course map from lesson metadata, with links to every handout
    (jobs: the `HandoutJob`s of the build)."""
    import jinja2

    from ..course_map import course_map_rows
    from ..lessons import LessonMetadataError, read_lesson
    from .exporter import PAGE_SIZES, TEMPLATES_DIR, TEMPLATE_NAME

    pages = {job.page for job in jobs}
    lessons, start = [], None
    for job in jobs:
        if job.edition in {"lesson", "reference"}:
            try:
                lesson = read_lesson(job.notebook)
            except LessonMetadataError:
                continue
            if lesson.kind == "start":
                start = {"title": lesson.title, "href": job.page}
            else:
                lessons.append(lesson)
    rows = course_map_rows(lessons)
    for row in rows:
        stem = Path(row["file"]).stem
        row["href"] = f"{stem}.html"
        row["exercises_href"] = f"exercises/{stem}.html" if f"exercises/{stem}.html" in pages else None
        row["solutions_href"] = f"solutions/{stem}.html" if f"solutions/{stem}.html" in pages else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / TEMPLATE_NAME)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    return env.get_template("course_index.html.j2").render(
        rows=rows,
        start=start,
        page_size=PAGE_SIZES[page_size],
        total_minutes=sum(r["teaching_minutes"] + r["exercise_minutes"] for r in rows),
    )
