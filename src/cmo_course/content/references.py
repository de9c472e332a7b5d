"""The reference list (content/references.yaml) and the glossary (content/glossary.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ContentError, Problem
from ..paths import content_dir, display_name
from .safe_yaml import line_of, load_yaml
from .schema import first_error

REFERENCES_FILE = "references.yaml"
GLOSSARY_FILE = "glossary.yaml"


@dataclass(frozen=True)
class Reference:
    """One entry of the course's reference list: a real document, named by issuer, title and date."""

    label: str
    issuer: str
    title: str
    date: str
    details: str = ""
    url: str = ""

    @property
    def citation(self) -> str:
        """The full reference as one line: 'Issuer, Title, date. Details'."""
        text = f"{self.issuer}, {self.title}, {self.date}."
        return f"{text} {self.details}" if self.details else text


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


def _entries(file_name: str, key: str, schema_name: str, entry_field: str, kind: str, path=None):
    """(name, [(entry, problems)]) for a list file, each entry checked against its schema."""
    path = path or content_dir() / file_name
    name = display_name(path)
    data = load_yaml(path)
    problems = []
    error = first_error(schema_name, data, shallow=key)
    if error:
        problems.append(Problem(name, None, error[0] or None, error[1], line=line_of(data), entry_kind=kind))
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            raise ContentError(problems)
    good = []
    for index, item in enumerate(data[key]):
        label = (
            item.get(entry_field)
            if isinstance(item, dict) and isinstance(item.get(entry_field), str)
            else f"#{index + 1}"
        )
        error = first_error(schema_name, item, f"/properties/{key}/items")
        if error:
            field_ = error[0] or None
            problems.append(Problem(name, label, field_, error[1], line=line_of(item, field_), entry_kind=kind))
            continue
        good.append(item)
    if problems:
        raise ContentError(problems)
    return name, good


def load_references(path=None) -> list[Reference]:
    """The reference list, in file order; ContentError naming the entry and field that is wrong."""
    _, items = _entries(REFERENCES_FILE, "references", "references.json", "label", "reference", path)
    fields = ("label", "issuer", "title", "date", "details", "url")
    return [Reference(**{k: str(item[k]).strip() for k in fields if k in item}) for item in items]


def reference_labels() -> frozenset[str]:
    """Every citation label the course may use."""
    return frozenset(reference.label for reference in load_references())


def load_glossary(path=None) -> list[GlossaryEntry]:
    """The glossary, sorted by term (case-insensitive)."""
    _, items = _entries(GLOSSARY_FILE, "terms", "glossary.json", "term", "term", path)
    fields = ("term", "definition", "source", "expansion", "locator")
    entries = [GlossaryEntry(**{k: str(item[k]).strip() for k in fields if k in item}) for item in items]
    return sorted(entries, key=lambda entry: entry.term.casefold())
