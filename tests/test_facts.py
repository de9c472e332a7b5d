"""Every entry of references.yaml names a real document: issuer, title and date are all given, and
the loader refuses an entry that lacks one, naming the entry and the field.

The wording rules (no internal brief, no unnamed "secondary sources", no stock hedges, ICH Q7 16.16
asks for approval) live in `cmo-course validate`, run over the whole course by
tests/test_course_content.py, where each rule is also shown to catch what it is for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cmo_course import paths, reference_pages
from cmo_course.reference_pages import ReferenceDataError

ROOT = Path(__file__).resolve().parents[1]


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
    body = "".join(f'    {key}: "{value}"\n' for key, value in fields.items()).replace("    label", "  - label", 1)
    (tmp_path / "references.yaml").write_text("references:\n" + body, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=rf"reference 'Demo', field '{missing}': is empty"):
        reference_pages.load_references(tmp_path / "references.yaml")


def test_loader_composes_issuer_title_date_details(tmp_path, monkeypatch):
    (tmp_path / "references.yaml").write_text(
        "references:\n  - label: Demo\n    issuer: FDA\n    title: A guidance\n    date: November 2016\n"
        "    details: Section IV.\n",
        encoding="utf-8",
    )
    (reference,) = reference_pages.load_references(tmp_path / "references.yaml")
    assert reference.citation == "FDA, A guidance, November 2016. Section IV."
