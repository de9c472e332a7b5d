"""The term-sheet check as Markdown, plain text or HTML (jinja2 templates in `templates/`): what the
notebooks show and what `to_markdown` / `to_html` / `export_report` write. HTML is autoescaped;
in Markdown every learner string has <, >, & and | escaped, so no viewer reads it as markup."""

from __future__ import annotations

from pathlib import Path

from ..common.templates import render as render_template
from ..common.views import ReportView
from ..validation import InputError, as_path, write_text_file
from .model import (
    SUGGESTION,
    SheetCheck,
    TermSheet,
    batches_cancelled,
    cancellation_costs,
    check,
    check_sheet,
    describe,
    disclaimer,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {
    "md": "term_sheet.md.j2",
    "txt": "term_sheet.md.j2",
    "fragment": "term_sheet.html.j2",
    "html": "term_sheet.html.j2",
}
EXPORTS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
COST_HEADERS = ["Notice given (days)", "Fee (% of the batch price)", "Cost (USD)"]
THRESHOLD_HEADERS = ["Threshold", "Value", "Source", "Note"]


def _markdown_cell(text) -> str:
    """A learner's text, safe in Markdown: no raw HTML, no table breaks, one line."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("|", "&#124;").split())


def _plain(text) -> str:
    return " ".join(str(text).replace("|", "/").split())


def _summary(result: SheetCheck) -> list[str]:
    total = len(result.rows)
    present = total - len(result.missing)
    titles = {row.term_id: row.title for row in result.rows}
    lines = [f"{present} of {total} terms present."]
    for label, ids in (
        ("Missing", result.missing),
        ("Unusual", result.flagged("unusual")),
        ("Against guidance", result.flagged("against_guidance")),
        ("Beyond your thresholds", result.flagged("threshold")),
    ):
        lines.append(f"{label}: {'; '.join(titles[i] for i in ids) if ids else 'none'}.")
    return lines


def _costs(sheet: TermSheet) -> list[list[str]]:
    return [
        [
            str(p.notice_days),
            f"{p.fee_percent:g}%",
            "enter a batch price" if p.cost_usd is None else f"{p.cost_usd:,.0f}",
        ]
        for p in cancellation_costs(sheet)
    ]


def _limits(result: SheetCheck) -> list[list[str]]:
    return [
        [t.label, _with_unit(value, t.unit), t.source if t.source else SUGGESTION, t.note] for t, value in result.limits
    ]


def _with_unit(value, unit: str) -> str:
    return f"{describe(value)}{unit}" if unit == "%" else f"{describe(value)} {unit}".strip()


def render(sheet: TermSheet, kind: str) -> str:
    """kind: "md" (Markdown export), "txt" (the same text for notebooks), "fragment" (HTML div), "html" (page)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    sheet = check_sheet(sheet)
    result = check(sheet)
    clean = {"md": _markdown_cell, "txt": _plain}.get(kind, str)
    text = render_template(
        TEMPLATES,
        KINDS[kind],
        stdlib_quotes=False,
        sheet=sheet,
        result=result,
        clean=clean,
        disclaimer=disclaimer(),
        summary=_summary(result),
        suggestion=SUGGESTION,
        costs=_costs(sheet),
        batches=batches_cancelled(sheet),
        cost_headers=COST_HEADERS,
        limits=_limits(result),
        threshold_headers=THRESHOLD_HEADERS,
    )
    if kind == "html":
        return render_template(TEMPLATES, "page.html.j2", stdlib_quotes=False, title=sheet.title, body=text.strip())
    return text


def to_markdown(sheet: TermSheet) -> str:
    """The check as Markdown, stamped "Planning aid, not legal advice." at the top and the bottom."""
    return render(sheet, "md")


def to_html(sheet: TermSheet) -> str:
    """The check as a standalone HTML page (no scripts, no external files), stamped the same way."""
    return render(sheet, "html")


def export_report(sheet: TermSheet, path) -> Path:
    """Write the check to `path`: Markdown (.md) or HTML (.html), by the file's ending (atomically)."""
    sheet = check_sheet(sheet)
    target = as_path("The report file", path)
    if target.is_dir():
        raise InputError(f"{target} is a folder, not a file: give the path of a .md or .html file.")
    kind = EXPORTS.get(target.suffix.lower())
    if kind is None:
        raise InputError(f"The report file must end in .md or .html; got {target.name!r}.")
    return write_text_file("The report file", target, render(sheet, kind), f"a {target.suffix} file")


def view(sheet: TermSheet) -> ReportView:
    """The check as a displayable object (text and HTML in one output)."""
    return ReportView(render(sheet, "txt"), render(sheet, "fragment"))
