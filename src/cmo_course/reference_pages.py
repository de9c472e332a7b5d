"""The glossary and reference list pages: read them from content/*.yaml and show them as tables.

In a notebook::

    from cmo_course.reference_pages import show_glossary, show_references
    show_glossary()
    show_references()

Each call displays an HTML table (all text HTML-escaped) with a plain-text twin, both deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from . import paths

GLOSSARY_FILE = "glossary.yaml"
REFERENCES_FILE = "references.yaml"
# Notebook front ends right-align table cells by default; long definitions read better left-aligned.
CELL_STYLE = ' style="text-align: left; vertical-align: top"'


class ReferenceDataError(ValueError):
    """glossary.yaml or references.yaml is missing, unreadable or has an incomplete entry."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term with its meaning and the source it rests on."""

    term: str
    definition: str
    source: str
    expansion: str = ""
    locator: str = ""

    @property
    def citation(self) -> str:
        """The short citation, 'LABEL' or 'LABEL, locator'."""
        return f"{self.source}, {self.locator}" if self.locator else self.source


@dataclass(frozen=True)
class Reference:
    """One entry of the course's reference list: the short label citations use, and the full citation
    ("Issuer, Title, date. Details") composed from the entry's fields."""

    label: str
    citation: str
    issuer: str = ""
    title: str = ""
    date: str = ""
    details: str = ""
    url: str = ""


def _load_list(file_name: str, key: str) -> list[dict]:
    import yaml

    path = paths.content_dir() / file_name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(f"{file_name}: cannot read it ({exc}).") from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ReferenceDataError(f"{file_name}: expected a top-level '{key}:' list.")
    return items


def _text_field(item: dict, field: str, where: str, required: bool = True) -> str:
    value = item.get(field, "") if isinstance(item, dict) else ""
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    if required and not value.strip():
        raise ReferenceDataError(f"{where}: field '{field}' is missing or empty; add it.")
    return value.strip()


REFERENCE_FIELDS = ("issuer", "title", "date")  # required in every entry, besides the label


def compose_citation(issuer: str, title: str, date: str, details: str = "") -> str:
    """The full citation: "Issuer, Title, date." followed by the details, if any."""
    citation = f"{issuer}, {title}, {date}."
    return f"{citation} {details}" if details else citation


def load_references() -> list[Reference]:
    """The reference list from references.yaml, in file order. Each entry needs a label, an issuer, a
    title and a date (as the document gives it); `details` and `url` are optional."""
    references = []
    for number, item in enumerate(_load_list(REFERENCES_FILE, "references"), start=1):
        label = _text_field(item, "label", f"{REFERENCES_FILE}, entry {number}")
        where = f"{REFERENCES_FILE}, entry {number} ('{label}')"
        issuer, title, date = (_text_field(item, field, where) for field in REFERENCE_FIELDS)
        details = _text_field(item, "details", where, required=False)
        references.append(
            Reference(label=label, citation=compose_citation(issuer, title, date, details), issuer=issuer,
                      title=title, date=date, details=details, url=_text_field(item, "url", where, required=False))
        )
    return references


def reference_labels() -> frozenset[str]:
    """Every citation label the course may use (the `label` of each entry in references.yaml)."""
    return frozenset(reference.label for reference in load_references())


def load_glossary() -> list[GlossaryEntry]:
    """The glossary from glossary.yaml, sorted by term (case-insensitive)."""
    entries = []
    for number, item in enumerate(_load_list(GLOSSARY_FILE, "terms"), start=1):
        where = f"{GLOSSARY_FILE}, entry {number}"
        term = _text_field(item, "term", where)
        where = f"{GLOSSARY_FILE}, term '{term}'"
        entries.append(
            GlossaryEntry(
                term=term,
                definition=_text_field(item, "definition", where),
                source=_text_field(item, "source", where),
                expansion=_text_field(item, "expansion", where, required=False),
                locator=_text_field(item, "locator", where, required=False),
            )
        )
    return sorted(entries, key=lambda entry: entry.term.casefold())


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
