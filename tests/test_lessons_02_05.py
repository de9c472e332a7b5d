"""Lessons 02 (When to outsource) and 05 (Choosing a partner): acronyms defined where first used
(the validator's rule),
prose and quizzes that agree with the tools' data, and figures that are fixed and deterministic."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from cmo_course import paths
from cmo_course.lesson_figures import choosing_a_partner, when_to_outsource
from cmo_course.tools import build_vs_outsource, scorecard
from cmo_course.validate import learner_cells

REPO = Path(__file__).resolve().parents[1]
LESSON_02 = "02_when_to_outsource"
LESSON_05 = "05_choosing_a_partner"


def notebook(lesson_id: str):
    return nbformat.read(REPO / "notebooks" / f"{lesson_id}.ipynb", as_version=4)


def learner_text(nb) -> str:
    """The Markdown a learner reads, in order, without instructor notes, titles and citations (the
    cells the validator's acronym rule reads)."""
    return "\n".join(learner_cells(nb))


def bank(lesson_id: str) -> dict:
    path = paths.content_dir() / "quizzes" / f"{lesson_id}.yaml"
    return {q["id"]: q for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]}


@pytest.mark.parametrize("lesson_id", [LESSON_02, LESSON_05])
def test_every_glossary_acronym_is_defined_in_the_cell_where_it_first_appears(lesson_id):
    """The rule is `cmo-course validate`'s, run on this lesson alone."""
    from cmo_course.validate import lesson_acronym_problems

    assert [str(p) for p in lesson_acronym_problems(lesson_id, REPO)] == []


def test_acronym_rule_catches_an_undefined_acronym():
    from cmo_course.validate import acronym_pattern, defines

    assert not defines("CMO", "Hire a CMO when you lack capacity.")
    assert defines("CMO", "a contract manufacturing organization (CMO)")
    assert defines("CMO", "A **CMO** (contract manufacturing organization) makes")
    assert defines("CGMP", "CGMP is current good manufacturing practice")
    assert defines("CFR", "Title 21 of the Code of Federal Regulations (21 CFR)")
    assert defines("OQ", "validation (IQ, OQ and PQ: installation, operational and performance qualification)")
    assert not defines("OQ", "validation (IQ, OQ and PQ)")
    # Only these forms: a trailing 'or ACR' or a possessive before the brackets is not a definition.
    assert not defines("CGMP", "current good manufacturing practice, or CGMP")
    assert not defines("FDA", "FDA's (the U.S. Food and Drug Administration's) guidance")
    # A pair joined by '/' uses its first acronym; a longer word does not use a shorter acronym.
    assert re.search(acronym_pattern("NDA"), "FDA's review of the NDA/BLA")
    assert not re.search(acronym_pattern("CMO"), "a CDMO or a CMOX")


# ------------------------------------------------------------------ lesson 02 vs the tool's data


def test_lesson_02_rates_are_the_tools_defaults_and_multiply_to_the_quiz_answer():
    rates = build_vs_outsource.default_success_rates()
    text = learner_text(notebook(LESSON_02))
    for label, rate in rates.items():
        assert f"{rate:.1%}" in text, f"lesson 02 does not show {label} = {rate:.1%}"
    product = math.prod(rates.values()) * 100
    loa = bank(LESSON_02)["when-loa-phase-one"]["answer"]
    assert abs(product - loa["value"]) <= loa["tolerance"]
    assert loa["value"] == 7.9 and "7.9%" in text and "10.5 years" in text


def test_lesson_02_lowest_transition_answer_matches_the_data():
    rates = build_vs_outsource.default_success_rates()
    assert min(rates, key=rates.get) == "Phase II to Phase III"
    assert bank(LESSON_02)["when-lowest-transition"]["answer"] == "p2-p3"


def test_lesson_02_tool_question_matches_the_tools_notes():
    """The quiz says the price per batch is a placeholder and the capital cost is McKinsey's low end."""
    notes = build_vs_outsource.input_notes()
    assert "placeholder" in notes["cost_per_batch"].lower()
    assert "McKinsey 2014" in notes["capital_cost"]
    assert build_vs_outsource.example_inputs().capital_cost == 200_000_000
    assert bank(LESSON_02)["when-tool-inputs"]["answer"] == "price-per-batch"


def test_lesson_02_worked_example_is_fictional_and_runs_as_described():
    nb = notebook(LESSON_02)
    text = learner_text(nb)
    assert "**A fictional example.**" in text and "invented" in text
    cell = next(c for c in nb.cells if c.cell_type == "code" and "example_inputs(" in c.source)
    assert "cost_per_batch=1_500_000" in cell.source and "USD 1.5 million" in text
    result = build_vs_outsource.compare(build_vs_outsource.example_inputs(cost_per_batch=1_500_000))
    assert result.summary in cell.outputs[0]["data"]["text/plain"]
    assert result.break_even_cost_per_batch is not None  # the prose explains a break-even price


def test_attrition_counts_follow_the_rates_and_the_alt_text_reads_them():
    counts = when_to_outsource.programs_reaching_each_stage([0.5, 0.5])
    assert counts == [100.0, 50.0, 25.0]
    default = when_to_outsource.programs_reaching_each_stage()
    assert round(default[-1], 1) == 7.9 and len(default) == len(when_to_outsource.STAGES)
    alt = when_to_outsource.attrition_alt()
    for number in ("52.0", "15.0", "8.7", "7.9", "28.9%"):
        assert number in alt
    assert "Phase II to Phase III" in alt


# ------------------------------------------------------------------ lesson 05 vs its bank and the tool


def test_lesson_05_prose_lists_the_qualification_steps_in_the_quiz_order():
    question = bank(LESSON_05)["partner-qualification-order"]
    steps = {s["id"]: s["text"] for s in question["steps"]}
    section = learner_text(notebook(LESSON_05)).split("## Qualifying the vendor")[1].split("\n## ")[0]
    numbered = re.findall(r"^\d+\. \*\*(.+?)\*\*", section, flags=re.MULTILINE)
    assert len(numbered) == len(question["answer"]) == 7
    for bold, step_id in zip(numbered, question["answer"], strict=True):
        assert steps[step_id].lower().startswith(bold.lower()[:12]), (bold, steps[step_id])


def test_flow_figure_uses_the_bank_order_and_its_alt_text_names_every_step():
    steps = choosing_a_partner.qualification_steps()
    question = bank(LESSON_05)["partner-qualification-order"]
    text_by_id = {s["id"]: s["text"] for s in question["steps"]}
    assert steps == [text_by_id[i] for i in question["answer"]]
    assert steps[0].startswith("Request for information") and steps[-1].startswith("Ongoing oversight")
    alt = choosing_a_partner.flow_alt(steps)
    assert alt.startswith("Flow diagram of 7 boxes") and all(step in alt for step in steps)


def test_lesson_05_scorecard_description_matches_the_tool():
    text = learner_text(notebook(LESSON_05))
    assert scorecard.score_range() == (1, 5) and "from 1 (poor) to 5 (excellent)" in text
    assert scorecard.weight_range() == (0, 10) and "weight from 0 to 10" in text
    assert scorecard.default_weights()["cost"] == 2 and "raised from 2 to 6" in text
    assert all("(fictional)" in c.name for c in scorecard.sample_candidates())
    oai = scorecard.Candidate("X", "OAI", 0, False, "low", {})
    letter = scorecard.Candidate("Y", "NAI", 0, True, "low", {})
    assert scorecard.knockout_flags(oai) and scorecard.knockout_flags(letter)


def test_lesson_05_weight_change_cell_changes_the_winner_as_the_prose_invites():
    nb = notebook(LESSON_05)
    cell = next(c for c in nb.cells if c.cell_type == "code" and '{"cost": 6}' in c.source)
    shortlist = scorecard.sample_candidates()
    default, costly = scorecard.rank(shortlist), scorecard.rank(shortlist, {"cost": 6})
    assert default.winner != costly.winner
    assert f"Top candidate without a knock-out: {costly.winner}" in cell.outputs[0]["data"]["text/plain"]


def test_device_facts_in_lesson_05_carry_the_dates_and_clauses_of_the_brief():
    text = learner_text(notebook(LESSON_05))
    for fact in (
        "2 February 2026",
        "2 February 2024",
        "clause 7.4",
        "clause 7.3.8",
        "820.50",
        "820.30(h)",
        "does not by itself show FDA compliance",
    ):
        assert fact in text


# ------------------------------------------------------------------ figures: fixed size, deterministic


@pytest.mark.parametrize(
    "make",
    [when_to_outsource.attrition_figure, choosing_a_partner.qualification_flow_figure],
    ids=["attrition", "qualification-flow"],
)
def test_figure_has_a_fixed_size_and_draws_the_same_picture_twice(make):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    images = []
    for _ in range(2):
        fig = make()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=50, metadata={"Software": None})
        images.append((tuple(fig.get_size_inches()), buffer.getvalue()))
        plt.close(fig)
    assert images[0] == images[1]
    assert images[0][0][0] <= 8  # fits a 1280 px wide JupyterLab at the default 100 dpi
