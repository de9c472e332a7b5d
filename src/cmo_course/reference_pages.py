"""The glossary and reference list pages: content/glossary.yaml and content/references.yaml as tables.

In a notebook::

    from cmo_course.reference_pages import show_glossary, show_references
    show_glossary()
    show_references()

Each call displays an HTML table (all text HTML-escaped) with a plain-text twin, both deterministic.
"""

from __future__ import annotations

from pathlib import Path

from .content.references import GlossaryEntry, Reference, load_glossary, load_references, reference_labels  # noqa: F401
from .errors import ContentError
from .templating import render

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

ReferenceDataError = ContentError


def glossary_text(entries: list[GlossaryEntry]) -> str:
    """The glossary as plain text, one term per paragraph."""
    lines = [f"Glossary ({len(entries)} terms)"]
    for entry in entries:
        name = f"{entry.term} ({entry.expansion})" if entry.expansion else entry.term
        lines.append(f"{name}: {entry.definition} [Source: {entry.citation}]")
    return "\n".join(lines)


def glossary_html(entries: list[GlossaryEntry]) -> str:
    """The glossary as an HTML table (template glossary.html.j2); every piece of text is escaped."""
    return render(TEMPLATES_DIR, "glossary.html.j2", entries=entries)


def references_text(references: list[Reference]) -> str:
    """The reference list as plain text."""
    lines = [f"References ({len(references)} sources)"]
    lines.extend(f"{ref.label}: {ref.citation}" for ref in references)
    return "\n".join(lines)


def references_html(references: list[Reference]) -> str:
    """The reference list as an HTML table (template references.html.j2); every piece of text is escaped."""
    return render(TEMPLATES_DIR, "references.html.j2", references=references)


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
