"""The glossary and reference list pages: content/glossary.yaml and content/references.yaml as tables.

In a notebook::

    from cmo_course.reference_pages import show_glossary, show_references
    show_glossary()
    show_references()

Each call displays an HTML table (all text HTML-escaped) with a plain-text twin, both deterministic.
"""

from __future__ import annotations

from html import escape

from .content.references import GlossaryEntry, Reference, load_glossary, load_references, reference_labels  # noqa: F401
from .errors import ContentError

# Notebook front ends right-align table cells by default; long definitions read better left-aligned.
CELL_STYLE = ' style="text-align: left; vertical-align: top"'

ReferenceDataError = ContentError


def glossary_text(entries: list[GlossaryEntry]) -> str:
    """The glossary as plain text, one term per paragraph."""
    lines = [f"Glossary ({len(entries)} terms)"]
    for entry in entries:
        name = f"{entry.term} ({entry.expansion})" if entry.expansion else entry.term
        lines.append(f"{name}: {entry.definition} [Source: {entry.citation}]")
    return "\n".join(lines)


def glossary_html(entries: list[GlossaryEntry]) -> str:
    """The glossary as an HTML table; every piece of text is escaped."""
    rows = []
    for entry in entries:
        expansion = f"<br><em>{escape(entry.expansion)}</em>" if entry.expansion else ""
        rows.append(
            "<tr>"
            f'<th scope="row"{CELL_STYLE}><strong>{escape(entry.term)}</strong>{expansion}</th>'
            f"<td{CELL_STYLE}>{escape(entry.definition)}</td>"
            f"<td{CELL_STYLE}>{escape(entry.citation)}</td>"
            "</tr>"
        )
    return (
        '<table class="cmo-course-glossary">'
        f"<caption>Glossary: {len(entries)} terms and acronyms used in the course, A to Z</caption>"
        f'<thead><tr><th scope="col"{CELL_STYLE}>Term</th><th scope="col"{CELL_STYLE}>Meaning</th>'
        f'<th scope="col"{CELL_STYLE}>Source</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def references_text(references: list[Reference]) -> str:
    """The reference list as plain text."""
    lines = [f"References ({len(references)} sources)"]
    lines.extend(f"{ref.label}: {ref.citation}" for ref in references)
    return "\n".join(lines)


def references_html(references: list[Reference]) -> str:
    """The reference list as an HTML table; every piece of text is escaped."""
    rows = "".join(
        f'<tr><th scope="row"{CELL_STYLE}>{escape(ref.label)}</th><td{CELL_STYLE}>{escape(ref.citation)}</td></tr>'
        for ref in references
    )
    return (
        '<table class="cmo-course-references">'
        f"<caption>References: the {len(references)} sources cited in the course, "
        "by the short label used in citations</caption>"
        f'<thead><tr><th scope="col"{CELL_STYLE}>Label</th><th scope="col"{CELL_STYLE}>Full reference</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _display(text: str, html: str) -> None:
    from IPython.display import display

    display({"text/plain": text, "text/html": html}, raw=True)


def show_glossary() -> None:
    """Display the glossary as a table (HTML with a plain-text fallback)."""
    entries = load_glossary()
    _display(glossary_text(entries), glossary_html(entries))


def show_references() -> None:
    """Display the reference list as a table (HTML with a plain-text fallback)."""
    references = load_references()
    _display(references_text(references), references_html(references))
