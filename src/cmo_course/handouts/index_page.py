"""The handouts' index page: the course map, with links to each lesson's handouts."""

from __future__ import annotations

from pathlib import Path

INDEX_PAGE = "index.html"


def render_index(jobs: list, page_size: str = "auto", root: Path | None = None) -> str:
    """The index page: the course map from course.yaml (`course_map_html`, as on the start page), with
    links to every handout (jobs: the `HandoutJob`s of the build; root: the course folder)."""
    import jinja2
    from markupsafe import Markup

    from ..content.manifest import load_course
    from ..course_map import course_map_html, course_map_rows
    from .exporter import PAGE_SIZES, TEMPLATES_DIR, TEMPLATE_NAME

    course = load_course(Path(root) / "course.yaml") if root is not None else load_course()
    pages = {job.page for job in jobs}
    start = next(({"title": lesson.title, "href": f"{Path(lesson.notebook).stem}.html"}
                  for lesson in course.published if lesson.kind == "start"), None)
    rows = course_map_rows(course=course)
    for row in rows:
        stem = Path(row["file"]).stem
        row["href"] = f"{stem}.html"
        lesson = course.lesson(row["id"])
        exercises = lesson.exercises if lesson else None
        ex_page = f"exercises/{Path(exercises.notebook).stem}.html" if exercises else None
        sol_page = f"solutions/{Path(exercises.solution).stem}.html" if exercises else None
        row["exercises_href"] = ex_page if ex_page in pages else None
        row["solutions_href"] = sol_page if sol_page in pages else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / TEMPLATE_NAME)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    return env.get_template("course_index.html.j2").render(
        title=course.title,
        course_map=Markup(course_map_html(rows, handouts=True)),  # built in one place, for the start page too
        start=start,
        page_size=PAGE_SIZES[page_size],
    )
