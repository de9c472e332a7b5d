"""The quality-agreement outline of a plan, as Markdown or HTML (jinja2 templates in `templates/`):
what the notebooks show and what `to_markdown` / `to_html` export."""

from __future__ import annotations

from pathlib import Path

from ..common.templates import render as render_template
from ..common.views import ReportView
from .model import (
    Plan,
    PlanCheck,
    activity_by_id,
    check,
    disclaimer,
    outline_sections,
    sections,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {
    "md": "qa_outline.md.j2",
    "txt": "qa_outline.md.j2",
    "fragment": "qa_outline.html.j2",
    "html": "qa_outline.html.j2",
}


def render(plan: Plan, result: PlanCheck, kind: str) -> str:
    """kind: "md" (Markdown), "txt" (same text, for notebooks), "fragment" (HTML div), "html" (page)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    html = kind in ("fragment", "html")

    def who(activity_id):
        item = plan.assignments.get(activity_id)
        return item.who if item else "NOT ASSIGNED"

    def notes(activity_id):
        item = plan.assignments.get(activity_id)
        text = item.notes if item else ""
        return text if html else text.replace("|", "/").replace("\n", " ")

    text = render_template(
        TEMPLATES,
        KINDS[kind],
        stdlib_quotes=False,
        plan=plan,
        result=result,
        disclaimer=disclaimer(),
        outline_sections=outline_sections(),
        sections=sections(),
        who=who,
        notes=notes,
        missing_titles=[activity_by_id(a).title for a in result.missing],
    )
    if kind == "html":
        return render_template(TEMPLATES, "page.html.j2", stdlib_quotes=False, title=plan.product, body=text.strip())
    return text


def to_markdown(plan: Plan) -> str:
    """A Markdown outline of the quality agreement with the responsibility table and check results."""
    return render(plan, check(plan), "md")


def to_html(plan: Plan) -> str:
    """A standalone HTML page with the same outline (no scripts, no external files)."""
    return render(plan, check(plan), "html")


def view(plan: Plan) -> ReportView:
    """The plan's responsibility table and check results as a displayable object."""
    result = check(plan)
    return ReportView(render(plan, result, "txt"), render(plan, result, "fragment"))
