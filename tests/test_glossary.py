"""The glossary and reference pages: complete, sourced, unique, escaped, and covering the lessons' acronyms."""

from __future__ import annotations

import re
from html import escape

import nbformat
import pytest

from cmo_course import paths, reference_pages
from cmo_course.reference_pages import GlossaryEntry, Reference, ReferenceDataError

# Acronyms the course uses (course brief and lesson issue); each must have a glossary entry.
COURSE_ACRONYMS = [
    "CMO",
    "CDMO",
    "CRO",
    "CGMP",
    "GMP",
    "FDA",
    "CDER",
    "CBER",
    "CVM",
    "CMC",
    "IND",
    "NDA",
    "BLA",
    "API",
    "CoA",
    "QA",
    "QC",
    "PAI",
    "OOS",
    "CAPA",
    "MSA",
    "SOW",
    "ICH",
    "QMSR",
    "ISO",
    "NAI",
    "VAI",
    "OAI",
    "D&B",
    "IQ/OQ/PQ",
    "510(k)",
    "PMA",
    "De Novo",
    "HCT/P",
    "KPI",
    "SBIR/STTR",
    "SOP",
    "PHS Act",
    "PAYDEX",
    "CFR",
    "EU",
    "IP",
    "NIH",
    "QSR",
    "R&D",
    "RFI",
]

# The glossary seeds of course brief section 9 (non-acronym terms), as glossary terms.
BRIEF_SEED_TERMS = [
    "Tech transfer",
    "Master production record",
    "Batch record (executed)",
    "Form FDA 483",
    "Warning letter",
    "Quality agreement",
    "ICH Q7",
    "ICH Q9(R1)",
    "ICH Q10",
    "21 CFR part 820",
    "ISO 13485:2016",
    "Fill-finish",
    "Drug product",
    "Deviation",
    "Change control",
    "Quality unit",
]


def taught_lessons():
    """The notebooks of every taught lesson in course.yaml."""
    from cmo_course.content.manifest import load_course

    return [paths.course_root() / lesson.notebook for lesson in load_course().lessons if lesson.kind == "lesson"]


@pytest.fixture(scope="module")
def glossary() -> list[GlossaryEntry]:
    return reference_pages.load_glossary()


@pytest.fixture(scope="module")
def reference_labels() -> set[str]:
    return {ref.label for ref in reference_pages.load_references()}


def glossary_acronyms(entries: list[GlossaryEntry]) -> set[str]:
    return {entry.term for entry in entries}


def test_every_entry_has_term_definition_and_known_source(glossary, reference_labels):
    assert len(glossary) >= 50
    for entry in glossary:
        assert entry.term and entry.definition, entry
        assert entry.source in reference_labels, f"{entry.term}: unknown source label {entry.source!r}"
        sentences = [s for s in re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z0-9])", entry.definition) if s]
        assert 1 <= len(sentences) <= 2, f"{entry.term}: keep the definition to one or two sentences"


def test_terms_are_unique_ignoring_case(glossary):
    folded = [entry.term.casefold() for entry in glossary]
    duplicates = sorted({t for t in folded if folded.count(t) > 1})
    assert not duplicates


def test_glossary_is_sorted_a_to_z(glossary):
    assert [e.term.casefold() for e in glossary] == sorted(e.term.casefold() for e in glossary)


@pytest.mark.parametrize("term", COURSE_ACRONYMS + BRIEF_SEED_TERMS)
def test_course_acronyms_and_brief_seed_terms_are_in_the_glossary(glossary, term):
    assert term in glossary_acronyms(glossary)


def test_acronyms_have_their_expansion(glossary):
    by_term = {entry.term: entry for entry in glossary}
    for acronym in ("CMO", "CDMO", "CRO", "CGMP", "FDA", "NAI", "VAI", "OAI", "QMSR", "KPI"):
        assert by_term[acronym].expansion, f"{acronym} needs its expansion"


def _lesson_markdown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def _uses(text: str, acronym: str) -> bool:
    """The validator's own match: the acronym as a whole word, plural allowed (KPIs)."""
    from cmo_course.validate import acronym_pattern

    return re.search(acronym_pattern(acronym), text) is not None


def test_course_acronyms_used_in_lessons_are_in_the_glossary(glossary):
    markdown = {path: _lesson_markdown(path) for path in taught_lessons()}
    known = glossary_acronyms(glossary)
    missing = {
        f"{acronym} (used in {path.name})"
        for path, text in markdown.items()
        for acronym in COURSE_ACRONYMS
        if _uses(text, acronym) and acronym not in known
    }
    assert not missing


def test_every_lesson_defines_each_glossary_acronym_at_first_use(glossary):
    """The rule lives in `cmo-course validate` (every taught lesson); here it must catch a lapse."""
    import nbformat

    from cmo_course.content.manifest import load_course
    from cmo_course.validate import Validator

    validator = Validator()
    validator.glossary = glossary
    lesson = next(item for item in load_course().lessons if item.kind == "lesson")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Hire a CMO when you lack capacity.")]
    assert "uses CMO without spelling it out" in str(validator.acronym_problems(lesson, nb))
    nb.cells = [nbformat.v4.new_markdown_cell("Hire a contract manufacturing organization (CMO).")]
    assert validator.acronym_problems(lesson, nb) == []
    # The first cell that uses it must define it, even as one half of 'CMO/CDMO'.
    nb.cells = [
        nbformat.v4.new_markdown_cell("Pick a CMO/CDMO early."),
        nbformat.v4.new_markdown_cell("A contract manufacturing organization (CMO) makes batches."),
    ]
    assert "uses CMO without spelling it out" in str(validator.acronym_problems(lesson, nb))


def test_html_escapes_every_text_field():
    hostile = GlossaryEntry(
        term="<script>alert(1)</script>",
        definition='Tom & "Jerry" <b>bold</b>',
        source="A&B <lab>",
        expansion="<i>x</i>",
        locator="section <1>",
    )
    html = reference_pages.glossary_html([hostile])
    assert "<script>" not in html and "<b>" not in html and "<i>x" not in html and "<lab>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Tom &amp; &quot;Jerry&quot; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "A&amp;B &lt;lab&gt;, section &lt;1&gt;" in html
    refs_html = reference_pages.references_html([Reference(label="<x>", issuer="a & <y>", title="T", date="2020")])
    assert "<x>" not in refs_html and "&lt;x&gt;" in refs_html and "a &amp; &lt;y&gt;" in refs_html


def test_real_glossary_renders_one_row_per_term(glossary):
    html = reference_pages.glossary_html(glossary)
    text = reference_pages.glossary_text(glossary)
    assert html.count("<tr>") == len(glossary) + 1  # plus the header row
    assert "D&amp;B" in html and "<strong>D&B<" not in html
    for entry in glossary:
        assert f"<strong>{escape(entry.term)}</strong>" in html
        assert entry.term in text
    assert text.splitlines()[0] == f"Glossary ({len(glossary)} terms)"


def test_references_render_every_label():
    refs = reference_pages.load_references()
    html = reference_pages.references_html(refs)
    text = reference_pages.references_text(refs)
    for ref in refs:
        assert f'<th scope="row" style="text-align: left; vertical-align: top">{escape(ref.label)}</th>' in html
        assert f"{ref.label}: {ref.citation}" in text


def test_rendering_is_deterministic(glossary):
    again = reference_pages.load_glossary()
    assert reference_pages.glossary_html(again) == reference_pages.glossary_html(glossary)


def test_show_functions_display_html_and_text(monkeypatch):
    shown = []
    monkeypatch.setattr(reference_pages, "_display", lambda text, html: shown.append((text, html)))
    reference_pages.show_glossary()
    reference_pages.show_references()
    assert shown[0][0].startswith("Glossary (") and 'class="cmo-course-glossary"' in shown[0][1]
    assert shown[1][0].startswith("References (") and 'class="cmo-course-references"' in shown[1][1]


def test_incomplete_entry_gets_a_message_naming_the_term_and_field(tmp_path, monkeypatch):
    (tmp_path / "glossary.yaml").write_text("terms:\n  - term: CMO\n    definition: A maker.\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"term 'CMO', field 'source': is missing"):
        reference_pages.load_glossary(tmp_path / "glossary.yaml")


def test_missing_list_gets_a_clear_message(tmp_path, monkeypatch):
    (tmp_path / "glossary.yaml").write_text("glossary: []\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"field 'terms': is missing"):
        reference_pages.load_glossary(tmp_path / "glossary.yaml")
