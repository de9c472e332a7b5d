"""Guards for the course's facts and citations.

- every entry of references.yaml names a real document: issuer, title and date are all given, and the
  loader refuses an entry that lacks one, naming the entry and the field;
- nothing a learner sees cites an internal brief or an unnamed body of "secondary sources", or hedges with
  the stock phrases the course dropped ("commonly described as", "summaries report");
- wherever ICH Q7 16.16 is mentioned, the text asks for the contract giver's approval, not just for
  informing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from cmo_course import paths, reference_pages
from cmo_course.reference_pages import ReferenceDataError

ROOT = Path(__file__).resolve().parents[1]
LEARNER_VISIBLE_DIRS = (
    ROOT / "notebooks",
    ROOT / "solutions",
    ROOT / "exercises",
    ROOT / "src" / "cmo_course" / "content",
    ROOT / "src" / "cmo_course" / "exercises" / "data",
)
TEXT_SUFFIXES = {".ipynb", ".yaml", ".yml", ".md", ".txt", ".csv", ".json", ".html"}

FORBIDDEN = {
    "course brief": re.compile(r"course[\s_-]*brief", re.IGNORECASE),
    "unnamed secondary sources": re.compile(r"secondary\s+sources?", re.IGNORECASE),
    "commonly described": re.compile(r"commonly\s+described", re.IGNORECASE),
    "summaries report": re.compile(r"summaries\s+report", re.IGNORECASE),
}


def _notebook_text(path: Path) -> str:
    """Cell sources, text outputs and metadata of a notebook (what a learner can see)."""
    notebook = nbformat.read(path, as_version=4)
    parts = [str(notebook.metadata)]
    for cell in notebook.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(str(output["text"]))
            for value in output.get("data", {}).values():
                parts.append(value if isinstance(value, str) else str(value))
    return "\n".join(parts)


def learner_visible_files() -> list[Path]:
    files = []
    for folder in LEARNER_VISIBLE_DIRS:
        if folder.is_dir():
            files.extend(p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in TEXT_SUFFIXES
                         and ".ipynb_checkpoints" not in p.parts)
    return files


def _text(path: Path) -> str:
    return _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


def test_learner_visible_files_are_found():
    names = {p.name for p in learner_visible_files()}
    assert {"references.yaml", "glossary.yaml", "04_what_fda_expects.ipynb"} <= names


# --- references.yaml -------------------------------------------------------------------------------

def test_every_reference_names_issuer_title_and_date():
    import yaml

    data = yaml.safe_load((paths.content_dir() / "references.yaml").read_text(encoding="utf-8"))
    for number, entry in enumerate(data["references"], start=1):
        for field in ("label", "issuer", "title", "date"):
            value = entry.get(field)
            assert isinstance(value, str) and value.strip(), f"reference {number} ({entry.get('label')}): no {field}"
        assert set(entry) <= {"label", "issuer", "title", "date", "details", "url"}, entry["label"]


def test_citation_is_composed_from_the_fields():
    for reference in reference_pages.load_references():
        assert reference.citation.startswith(f"{reference.issuer}, {reference.title}, {reference.date}.")
        if reference.details:
            assert reference.citation.endswith(reference.details)


def test_labels_are_unique():
    labels = [reference.label for reference in reference_pages.load_references()]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("missing", ["issuer", "title", "date"])
def test_loader_names_the_entry_and_the_missing_field(tmp_path, monkeypatch, missing):
    fields = {"label": "Demo", "issuer": "FDA", "title": "A guidance", "date": "November 2016"}
    fields[missing] = "  "
    body = "".join(f"    {key}: \"{value}\"\n" for key, value in fields.items()).replace("    label", "  - label", 1)
    (tmp_path / "references.yaml").write_text("references:\n" + body, encoding="utf-8")
    monkeypatch.setattr(paths, "content_dir", lambda: tmp_path)
    with pytest.raises(ReferenceDataError, match=rf"entry 1 \('Demo'\): field '{missing}' is missing"):
        reference_pages.load_references()


def test_loader_composes_issuer_title_date_details(tmp_path, monkeypatch):
    (tmp_path / "references.yaml").write_text(
        "references:\n  - label: Demo\n    issuer: FDA\n    title: A guidance\n    date: November 2016\n"
        "    details: Section IV.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "content_dir", lambda: tmp_path)
    (reference,) = reference_pages.load_references()
    assert reference.citation == "FDA, A guidance, November 2016. Section IV."


def test_no_reference_rests_on_a_brief_or_unnamed_sources():
    for reference in reference_pages.load_references():
        for name, pattern in FORBIDDEN.items():
            assert not pattern.search(reference.citation), f"{reference.label}: {name}"


# --- learner-visible text --------------------------------------------------------------------------

@pytest.mark.parametrize("path", learner_visible_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_brief_no_unnamed_sources_no_stock_hedges(path):
    text = _text(path)
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{path.relative_to(ROOT)} contains {found}"


def _passages_on_16_16(text: str) -> list[str]:
    """Each paragraph (blank-line separated block, or YAML entry) that mentions clause 16.16."""
    blocks = re.split(r"\n\s*\n|\n\s*- ", text)
    return [block for block in blocks if "16.16" in block]


@pytest.mark.parametrize("path", learner_visible_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_ich_q7_16_16_asks_for_approval_not_just_informing(path):
    for passage in _passages_on_16_16(_text(path)):
        assert re.search(r"approv", passage, re.IGNORECASE), (
            f"{path.relative_to(ROOT)}: a passage on ICH Q7 16.16 does not ask for the contract giver's "
            f"approval:\n{passage[:400]}"
        )


def test_the_16_16_check_catches_informing_only():
    wrong = "ICH Q7 16.16 says the contract giver should be informed of process changes."
    right = "ICH Q7 16.16 says the contract giver should be informed of, and approve, process changes."
    assert not all(re.search(r"approv", p, re.I) for p in _passages_on_16_16(wrong))
    assert all(re.search(r"approv", p, re.I) for p in _passages_on_16_16(right))
