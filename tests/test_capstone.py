"""Lesson 06 (capstone): what its prose and quiz say about the tools' results stays true.

The capstone's text reads the tools' output in words ("outsourcing is cheaper", "two candidates are
knocked out", "one conflict"). If a tool's defaults or sample data change, these tests say which
sentence of the lesson to revisit.
"""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from cmo_course import paths
from cmo_course.content.figures import load_figure
from cmo_course.tools import build_vs_outsource, qa_planner, scorecard

LESSON = "06_capstone"
OAI_CANDIDATE = "Demo Cell Therapy Works (fictional)"
WARNING_LETTER_CANDIDATE = "Illustrative Fill-Finish Inc. (fictional)"
TOP_CANDIDATE = "Example Biologics Co. (fictional)"


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(paths.notebooks_dir() / f"{LESSON}.ipynb", as_version=4)


@pytest.fixture(scope="module")
def bank() -> dict:
    return yaml.safe_load((paths.content_dir() / "quizzes" / f"{LESSON}.yaml").read_text(encoding="utf-8"))


def test_step1_outsourcing_is_cheaper_and_sooner_driven_by_capital_cost():
    result = build_vs_outsource.compare(build_vs_outsource.example_inputs())
    assert result.cheaper == "outsource"
    assert result.outsource.time_to_first_batch < result.build.time_to_first_batch
    assert result.main_driver.lower().startswith("facility capital cost")
    reach = dict(result.reach_probabilities)
    assert reach["Phase III"] == pytest.approx(0.150, abs=0.001)  # "only about 15% reach Phase III"
    assert result.probability_of_approval == pytest.approx(0.079, abs=0.001)  # "about 7.9% reach approval"


def test_numeric_question_matches_the_tools_rates(bank):
    question = next(q for q in bank["questions"] if q["id"] == "capstone-reach-phase-three")
    rates = list(build_vs_outsource.default_success_rates().values())
    expected_percent = 100 * rates[0] * rates[1]
    assert abs(question["answer"]["value"] - expected_percent) <= question["answer"]["tolerance"]


def test_step2_oai_and_warning_letter_candidates_are_knocked_out():
    card = scorecard.rank(scorecard.sample_candidates())
    by_name = {row.name: row for row in card.rows}
    assert by_name[OAI_CANDIDATE].candidate.fda_classification == "OAI"
    assert by_name[OAI_CANDIDATE].knockouts and by_name[WARNING_LETTER_CANDIDATE].knockouts
    assert by_name[WARNING_LETTER_CANDIDATE].candidate.open_warning_letter
    knocked_out = {row.name for row in card.rows if row.knockouts}
    assert knocked_out == {OAI_CANDIDATE, WARNING_LETTER_CANDIDATE}
    # "rated 5 for modality fit, capacity and cost, yet it is knocked out"
    scores = by_name[OAI_CANDIDATE].candidate.scores
    assert scores["modality_fit"] == scores["capacity_timeline"] == scores["cost"] == 5
    # "ranks every knocked-out candidate below every candidate without a knock-out"
    ranks = [bool(row.knockouts) for row in sorted(card.rows, key=lambda r: r.rank)]
    assert ranks == sorted(ranks)
    assert card.winner == TOP_CANDIDATE


def test_step3_example_plan_has_the_problems_the_lesson_describes():
    plan = qa_planner.example_plan()
    assert plan.owner == "Example Therapeutics Inc. (fictional)"
    assert plan.facility == TOP_CANDIDATE  # "the scorecard's top candidate"
    found = qa_planner.check(plan)
    # "one conflict", "three rows that need a note" (a supplier change and two shared rows), "one activity"
    assert [flag.activity_id for flag in found.conflicts] == ["subcontracting"]
    assert [flag.activity_id for flag in found.needs_notes] == [
        "process_validation",
        "data_integrity",
        "change_suppliers",
    ]
    assert found.missing == ("termination",)
    plan.assign("subcontracting", "owner", "No subcontracting without the owner's written approval.")
    plan.assign("change_suppliers", "owner", "The owner approves any supplier change before it is made.")
    fixed = qa_planner.check(plan)
    # "Zero conflicts remain, and the supplier row is settled", two shared rows and one activity still open.
    assert fixed.conflicts == () and fixed.missing == ("termination",)
    assert [flag.activity_id for flag in fixed.needs_notes] == ["process_validation", "data_integrity"]


def test_step3_prose_counts_what_the_check_finds(notebook):
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "The draft has one conflict" in text and "three rows that need a note" in text
    assert "two conflicts" not in text.lower()
    fix = next(c for c in notebook.cells if c.cell_type == "code" and 'plan.assign("subcontracting"' in c.source)
    assert fix.outputs[0]["data"]["text/plain"] == "0"


def figure_text(name: str) -> str:
    """The words in a static figure's SVG, in drawing order."""
    svg = load_figure(name).svg
    return " ".join(re.sub(r"<[^>]+>", " ", part) for part in re.findall(r"<text[^>]*>.*?</text>", svg, re.S))


def test_road_map_puts_the_quality_agreement_in_selection():
    words = " ".join(figure_text("capstone-road-map").split())
    selection, oversight = words.index("2. Selection"), words.index("3. Oversight")
    assert selection < words.index("Outline the quality agreement") < oversight
    assert oversight < words.index("Run the first-year oversight plan")


def test_every_question_is_asked_once_after_the_setup(notebook, bank):
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    asked = [m for source in sources for m in re.findall(r'quiz\.ask\("([^"]+)"\)', source)]
    assert sorted(asked) == sorted(q["id"] for q in bank["questions"])
    assert len(asked) == len(set(asked))
    assert f'start_lesson("{LESSON}")' in sources[0]
    assert sources[-1] == "quiz.scoreboard()"


def test_code_cells_are_short_and_outputs_hold_no_paths(notebook):
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert len(cell.source.splitlines()) <= 3, cell.source
        for output in cell.get("outputs", []):
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert "Traceback" not in text and "/work/" not in text and "/tmp/" not in text


def test_fictional_company_is_labelled_in_intro_and_figures(notebook):
    intro = next(
        c.source
        for c in notebook.cells
        if c.cell_type == "markdown" and not c.metadata.get("cmo_course", {}).get("generated")
    )
    assert "fictional" in intro
    for name in ("capstone-road-map", "capstone-oversight-year"):
        assert "Fictional" in figure_text(name) and "fictional" in load_figure(name).alt


def test_instructor_notes_and_key_points_match_metadata(notebook):
    notes = [c for c in notebook.cells if "instructor" in c.metadata.get("tags", [])]
    assert notes and all(c.source.startswith("**Instructor note.**") for c in notes)
    key_points = next(c.source for c in notebook.cells if c.source.startswith("## Key points"))
    from cmo_course.content.manifest import load_course

    for point in load_course().lesson(LESSON).keypoints:
        assert f"- {point}" in key_points
    assert "../exercises/06_capstone.ipynb" in notebook.cells[-1].source
