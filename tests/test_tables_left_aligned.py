"""Tables in lessons read left to right: JupyterLab right-aligns table cells unless told otherwise,
so every cell of the course map, the tools' reports, the planner, the glossary, the references and
the learner's progress summary carries its own alignment."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cmo_course.course_map import course_map_html, course_map_rows
from cmo_course.progress.summary import summary_html
from cmo_course.reference_pages import glossary_html, load_glossary, load_references, references_html
from cmo_course.tools import build_vs_outsource as bvo
from cmo_course.tools import qa_planner as qa
from cmo_course.tools import scorecard as sc
from cmo_course.tools import term_sheet as ts


def tables():
    yield "course map", course_map_html(course_map_rows())
    yield "build vs outsource", bvo.report_html(bvo.compare(bvo.example_inputs()))
    yield "scorecard", sc.report_html(sc.rank(sc.sample_candidates()))
    yield "term-sheet check", ts.to_html(ts.example_term_sheet())
    yield "quality-agreement plan", qa.to_html(qa.example_plan())
    yield "glossary", glossary_html(load_glossary())
    yield "references", references_html(load_references())
    progress = {"lesson": "01_landscape", "answered": 3, "correct_first_try": 2, "attempts": 4}
    yield "progress summary", summary_html([{**progress, "last_activity": "2026-12-06T10:00:00+00:00"}])


@pytest.mark.parametrize("name, html", list(tables()), ids=lambda x: x if isinstance(x, str) and len(x) < 40 else "")
def test_every_table_cell_is_left_aligned(name, html):
    cells = BeautifulSoup(html, "html.parser").select("table td, table th")
    assert cells, f"{name}: no table found"
    unaligned = [cell.get_text()[:40] for cell in cells if "text-align: left" not in cell.get("style", "")]
    assert not unaligned, f"{name}: cells without left alignment: {unaligned[:5]}"
