"""Render a quality-agreement plan as a Markdown or HTML outline (jinja2 templates in tools/data)."""

from __future__ import annotations

from html import escape

from .data import DATA_DIR
from .qa_planner import Plan, PlanCheck, activity_by_id, disclaimer, outline_sections, sections

TEMPLATES = {"md": "qa_outline.md.j2", "txt": "qa_outline.md.j2",
             "fragment": "qa_outline.html.j2", "html": "qa_outline.html.j2"}
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Quality agreement outline: {title}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse;margin:1em 0;width:100%}}th,td{{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}}
caption{{font-weight:bold;text-align:left}}</style></head>
<body>
{body}
</body></html>
"""


def render(plan: Plan, result: PlanCheck, kind: str) -> str:
    """kind: "md" (Markdown), "txt" (same text, for notebooks), "fragment" (HTML div), "html" (page)."""
    import jinja2

    if kind not in TEMPLATES:
        raise ValueError(f"kind must be one of {', '.join(TEMPLATES)}; got {kind!r}.")
    html = kind in ("fragment", "html")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(DATA_DIR)), autoescape=html, trim_blocks=False,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )

    def who(activity_id):
        item = plan.assignments.get(activity_id)
        return item.who if item else "NOT ASSIGNED"

    def notes(activity_id):
        item = plan.assignments.get(activity_id)
        text = item.notes if item else ""
        return text if html else text.replace("|", "/").replace("\n", " ")

    text = env.get_template(TEMPLATES[kind]).render(
        plan=plan, result=result, disclaimer=disclaimer(), outline_sections=outline_sections(),
        sections=sections(), who=who, notes=notes,
        missing_titles=[activity_by_id(a).title for a in result.missing],
    )
    if kind == "html":
        return PAGE.format(title=escape(plan.product), body=text.strip())
    return text
