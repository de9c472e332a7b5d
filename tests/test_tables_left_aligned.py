"""Tables in lessons read left to right: JupyterLab right-aligns table cells unless told otherwise,
so every cell of the course map, the tools' reports and the planner carries its own alignment."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cmo_course.course_map import course_map_html, course_map_rows
from cmo_course.reference_pages import glossary_html, load_glossary
from cmo_course.tools import build_vs_outsource as bvo
from cmo_course.tools import qa_planner as qa
from cmo_course.tools import scorecard as sc


def tables():
    yield "course map", course_map_html(course_map_rows())
    yield "build vs outsource", bvo.report_html(bvo.compare(bvo.example_inputs()))
    yield "scorecard", sc.report_html(sc.rank(sc.sample_candidates()))
    yield "quality-agreement plan", qa.to_html(qa.example_plan())
    yield "glossary", glossary_html(load_glossary())


@pytest.mark.parametrize("name, html", list(tables()), ids=lambda x: x if isinstance(x, str) and len(x) < 40 else "")
def test_every_table_cell_is_left_aligned(name, html):
    cells = BeautifulSoup(html, "html.parser").select("table td, table th")
    assert cells, f"{name}: no table found"
    unaligned = [cell.get_text()[:40] for cell in cells if "text-align: left" not in cell.get("style", "")]
    assert not unaligned, f"{name}: cells without left alignment: {unaligned[:5]}"
