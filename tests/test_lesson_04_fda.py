"""Lesson 04 (What FDA expects): its prose matches the planner example, its figure shows the two
fixed rules, and every acronym is defined at first use."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from cmo_course.content.figures import load_figure
from cmo_course.tools import qa_planner
from cmo_course.validate import learner_cells

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "04_what_fda_expects.ipynb"


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def learner_text(nb) -> str:
    """The Markdown a learner reads, in order (the validator's learner cells: instructor notes, the
    `# Title` line and citations left out)."""
    return "\n".join(learner_cells(nb))


def test_every_glossary_acronym_is_spelled_out_at_first_use():
    """The rule is `cmo-course validate`'s, run on this lesson alone."""
    from cmo_course.validate import lesson_acronym_problems

    assert [str(p) for p in lesson_acronym_problems(NOTEBOOK.stem, REPO)] == []


def test_prose_describes_what_the_planner_example_really_flags(notebook):
    plan = qa_planner.example_plan()
    result = qa_planner.check(plan)
    assert [f.activity_id for f in result.conflicts] == ["subcontracting"]
    # Two shared rows without a note, and a supplier change the facility approves alone.
    assert [f.activity_id for f in result.needs_notes] == ["process_validation", "data_integrity", "change_suppliers"]
    assert [plan.assignments[key].who for key in ("process_validation", "data_integrity")] == ["both", "both"]
    assert plan.assignments["change_suppliers"] == qa_planner.Assignment("contracted facility", "")
    assert result.missing == ("termination",)
    text = learner_text(notebook)
    for phrase in (
        "**One conflict.**",
        "**Three rows that need a note.**",
        "**One row not assigned**",
        "this team decides supplier changes need prior approval",
    ):
        assert phrase in text
    assert "Two conflicts" not in text
    for name in (plan.owner, plan.facility):
        assert name.replace(" (fictional)", "") in text
    assert "**Fictional example.**" in text


def test_the_fix_shown_in_the_lesson_clears_every_conflict(notebook):
    fix = next(c for c in notebook.cells if c.cell_type == "code" and 'plan.assign("subcontracting"' in c.source)
    plan = qa_planner.example_plan()
    printed = []
    exec(
        fix.source,
        {"plan": plan, "qa_planner": qa_planner, "print": lambda *args: printed.append(" ".join(map(str, args)))},
    )
    assert printed == ["Conflicts left: 0"] and qa_planner.check(plan).conflicts == ()
    assert fix.outputs[0]["text"] == "Conflicts left: 0\n"
    # The supplier row is settled too; what the prose says is left: the two shared rows and one unassigned.
    after = qa_planner.check(plan)
    assert [f.activity_id for f in after.needs_notes] == ["process_validation", "data_integrity"]
    assert after.missing == ("termination",)
    assert "The two shared rows still need a note, and the unassigned row" in learner_text(notebook)


def test_chart_fixes_exactly_the_two_rules_the_regulations_set():
    alt = load_figure("responsibility-chart").alt
    for phrase in (
        "Two rows are fixed whatever the parties sign",
        "only the owner approves or rejects the product",
        "21 CFR 211.22(a)",
        "example split",
    ):
        assert phrase in alt
    assert "law or regulation" not in alt


def test_figure_output_shows_the_svg_with_its_alt_text(notebook):
    figure = load_figure("responsibility-chart")
    outputs = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if "image/svg+xml" in o.get("data", {})
    ]
    assert len(outputs) == 1
    assert outputs[0]["metadata"]["image/svg+xml"]["alt"] == figure.alt
    assert outputs[0]["data"]["image/svg+xml"] == figure.svg
