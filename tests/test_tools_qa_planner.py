"""Quality-agreement planner: items from the brief, checks, exports, save/load round-trips."""

from __future__ import annotations

import doctest
import json

import pytest

from cmo_course.reference_pages import reference_labels
from cmo_course.tools import qa_planner as qa
from cmo_course.tools.validation import InputError
from cmo_course.validate import cited_labels


def full_plan(who="owner"):
    plan = qa.new_plan("Test product (fictional)", "Owner Inc. (fictional)", "Facility Co. (fictional)")
    for activity in qa.activities():
        plan.assign(activity.id, who, f"note for {activity.id}")
    return plan


def test_doctests_pass():
    for module in (qa, qa.model):
        assert doctest.testmod(module).failed == 0


def test_sections_follow_the_brief():
    titles = [s["title"] for s in qa.sections()]
    assert titles == [
        "Quality-unit activities",
        "Facilities and equipment",
        "Materials management",
        "Product-specific activities",
        "Laboratory controls",
        "Documentation",
        "Change control",
        "Life cycle of the agreement",
    ]
    outline = [s["title"] for s in qa.outline_sections()]
    assert outline == [
        "Purpose and scope",
        "Definitions",
        "Resolution of disagreements",
        "Manufacturing activities",
        "Life cycle of the agreement",
    ]
    change_items = [a.title for a in qa.activities() if a.section_id == "change_control"]
    for topic in (
        "raw-material suppliers",
        "site",
        "process",
        "test methods",
        "major equipment",
        "specifications",
        "container-closure",
        "shipping",
    ):
        assert any(topic in title for title in change_items), topic


def test_every_item_has_a_description_and_a_known_source():
    labels = reference_labels()
    ids = [a.id for a in qa.activities()]
    assert len(ids) == len(set(ids))
    for activity in qa.activities():
        assert activity.description
        assert activity.source.split(",")[0] in labels, activity.source
        for label in cited_labels(activity.rule_message):
            assert label in labels, label


def test_complete_plan_passes():
    result = qa.check(full_plan())
    assert result.complete and result.ok


def test_missing_activities_are_listed():
    plan = full_plan()
    plan.unassign("termination")
    plan.unassign("stability")
    result = qa.check(plan)
    assert result.missing == ("stability", "termination") and not result.complete


@pytest.mark.parametrize(
    "activity_id, cited",
    [
        ("final_release", "21 CFR 211.22, paragraph (a)"),
        ("subcontracting", "ICH Q7, section 16, clause 16.14"),
        ("change_process", "ICH Q7, section 16, clause 16.16"),
        ("change_methods", "ICH Q7, section 16, clause 16.16"),
        ("change_equipment", "ICH Q7, section 16, clause 16.16"),
        ("change_specifications", "ICH Q7, section 16, clause 16.16"),
    ],
)
def test_contradictions_are_flagged_with_their_source(activity_id, cited):
    plan = full_plan()
    plan.assign(activity_id, "contracted facility")
    result = qa.check(plan)
    assert [f.activity_id for f in result.conflicts] == [activity_id] and result.needs_notes == ()
    assert f"(Source: {cited}" in result.conflicts[0].message or f"Source: {cited}" in result.conflicts[0].message
    # A note does not make it acceptable: the facility alone is still a conflict.
    plan.assign(activity_id, "contracted facility", "We trust the facility.")
    assert [f.activity_id for f in qa.check(plan).conflicts] == [activity_id]
    # "both" keeps the owner involved: no conflict.
    plan.assign(activity_id, "both", "Facility proposes; owner approves.")
    assert qa.check(plan).ok


# ICH Q7 16.16: changes to the process, equipment, test methods or specifications need the contract giver
# to be informed AND to approve them. The planner's change rows that clause names:
ICH_Q7_CHANGE_ROWS = ["change_process", "change_methods", "change_equipment", "change_specifications"]
# The other change rows: which need prior approval and which only notification is for the parties to agree.
OTHER_CHANGE_ROWS = ["change_suppliers", "change_site", "change_container_closure", "change_shipping"]
OWNER_NOTIFIED = "Facility approves; the owner is notified within 5 days."


def test_rules_sit_on_exactly_the_rows_the_sources_name():
    rules = {a.id: a.rule for a in qa.activities() if a.rule}
    assert set(rules.values()) <= set(qa.RULES)
    assert [key for key, rule in rules.items() if rule == qa.OWNER_REQUIRED] == [
        "final_release",
        "subcontracting",
        *ICH_Q7_CHANGE_ROWS,
    ]
    assert [key for key, rule in rules.items() if rule == qa.NOTE_IF_FACILITY_ALONE] == [
        "change_suppliers",
        "change_site",
        "change_container_closure",
        "change_shipping",
    ]


@pytest.mark.parametrize("activity_id", OTHER_CHANGE_ROWS)
def test_another_change_the_facility_approves_alone_is_a_row_to_check_not_a_conflict(activity_id):
    plan = full_plan()
    plan.assign(activity_id, "contracted facility")
    result = qa.check(plan)
    assert result.conflicts == () and result.missing == ()
    assert [f.activity_id for f in result.needs_notes] == [activity_id]
    message = result.needs_notes[0].message
    assert message.startswith(
        "Check this row: the agreement should say whether this change needs the owner's "
        "prior approval or only notification (Source: FDA quality-agreement guidance 2016, "
        "section IV.B). If the facility may approve it alone, add a note that the owner is notified."
    )
    assert "ICH Q7" not in message
    # A note saying how the owner hears of the change settles the row.
    plan.assign(activity_id, "contracted facility", OWNER_NOTIFIED)
    assert qa.check(plan).ok


@pytest.mark.parametrize("activity_id", ICH_Q7_CHANGE_ROWS)
def test_facility_approves_alone_owner_notified_is_a_conflict_for_ich_q7_changes(activity_id):
    """Wrong: the facility approves a process, test-method, equipment or specification change and only
    notifies the owner."""
    plan = full_plan()
    plan.assign(activity_id, "contracted facility", OWNER_NOTIFIED)
    result = qa.check(plan)
    assert [f.activity_id for f in result.conflicts] == [activity_id] and result.needs_notes == ()
    message = result.conflicts[0].message
    assert "informed and approves them (Source: ICH Q7, section 16, clause 16.16)" in message
    assert "(Source: EU GMP Chapter 7)" in message and "written for APIs" in message
    assert "Check this row" not in message


@pytest.mark.parametrize("activity_id", ICH_Q7_CHANGE_ROWS)
def test_owner_approval_settles_ich_q7_changes(activity_id):
    """Right: the owner approves the change, alone or in a shared row whose note says so."""
    plan = full_plan()
    plan.assign(activity_id, "owner", "Facility proposes; the owner approves before the change is made.")
    assert qa.check(plan).ok
    plan.assign(activity_id, "both", "Facility proposes; the owner approves before the change is made.")
    assert qa.check(plan).ok
    plan.assign(activity_id, "both")
    assert [f.message for f in qa.check(plan).needs_notes] == [qa.SHARED_NOTE]


def test_facility_only_is_fine_where_no_rule_applies():
    plan = full_plan()
    plan.assign("testing", "contracted facility")
    assert qa.check(plan).ok


def test_shared_activity_needs_a_note():
    plan = full_plan()
    plan.assign("stability", "both")
    assert [f.activity_id for f in qa.check(plan).needs_notes] == ["stability"]


def test_example_plan_shows_each_kind_of_finding():
    result = qa.check(qa.example_plan())
    assert result.missing == ("termination",)
    assert [f.activity_id for f in result.conflicts] == ["subcontracting"]
    assert [f.activity_id for f in result.needs_notes] == ["process_validation", "data_integrity", "change_suppliers"]
    assert result.needs_notes[0].message == result.needs_notes[1].message == qa.SHARED_NOTE
    assert result.needs_notes[2].message.startswith("Check this row:")


def test_markdown_export():
    plan = qa.example_plan()
    text = qa.to_markdown(plan)
    assert text.startswith("# Quality agreement outline: Example antibody XB-1 (fictional)")
    assert "**Planning aid, not legal advice.**" in text and text.rstrip().endswith("Planning aid, not legal advice.")
    assert "| Approve or reject the product, including final release | owner |" in text
    assert "| End the agreement | NOT ASSIGNED |" in text
    assert "- CONFLICT, Approve any subcontracting:" in text
    assert "- NOTE NEEDED, Approve changes to raw-material suppliers: Check this row:" in text
    assert "CONFLICT, Approve changes" not in text
    for title in [s["title"] for s in qa.outline_sections()]:
        assert title in text


def test_html_export_is_standalone_and_escaped():
    plan = full_plan()
    plan.assign("shipping", "contracted facility", "<script>alert(1)</script> & co")
    page = qa.to_html(plan)
    assert page.startswith("<!DOCTYPE html>") and "Planning aid, not legal advice." in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page  # no external files: works offline
    assert page.count("<table") == len(qa.sections())


def test_markdown_table_survives_pipes_in_notes():
    plan = full_plan()
    plan.assign("shipping", "contracted facility", "cold | frozen")
    assert "| Ship the product | contracted facility | cold / frozen |" in qa.to_markdown(plan)


def test_save_and_load_round_trip(tmp_path):
    plan = qa.example_plan()
    path = qa.save_plan(plan, tmp_path / "plan.json")
    loaded = qa.load_plan(path)
    assert loaded == plan
    assert qa.plan_to_dict(loaded) == json.loads(path.read_text(encoding="utf-8"))
    assert qa.to_markdown(loaded) == qa.to_markdown(plan)
    # Unicode notes survive too.
    plan.assign("audits", "owner", "Audit annuel — Zürich")
    assert qa.load_plan(qa.save_plan(plan, tmp_path / "u.json")).assignments["audits"].notes == "Audit annuel — Zürich"


def _saved(tmp_path, **changes):
    data = qa.plan_to_dict(qa.example_plan())
    data.update(changes)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"format": "something else"}, "plan.json is not a saved quality-agreement plan"),
        ({"version": 99}, "plan.json: plan version 99 is not supported; expected 1."),
        ({"product": ""}, "plan.json: Product must not be empty."),
        ({"owner": 5}, "plan.json: Owner name must be text; got int 5."),
        ({"assignments": ["final_release"]}, "'assignments' must map activity ids"),
        ({"assignments": {"final_release": "owner"}}, "assignment 'final_release' must be"),
        ({"assignments": {"release": {"who": "owner"}}}, "plan.json: Unknown activity 'release'"),
        (
            {"assignments": {"final_release": {"who": "CDMO"}}},
            "Who does 'Approve or reject the product, including final release' must be one of: owner, contracted facility, both; got 'CDMO'.",
        ),
        ({"assignments": {"final_release": {"who": "owner", "notes": 3}}}, "Notes for 'Approve or reject the product"),
    ],
)
def test_bad_saved_plans(tmp_path, changes, expected):
    with pytest.raises(InputError) as caught:
        qa.load_plan(_saved(tmp_path, **changes))
    assert expected in str(caught.value)


def test_unreadable_plan_files(tmp_path):
    with pytest.raises(InputError, match="No file at"):
        qa.load_plan(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="broken.json is not valid JSON"):
        qa.load_plan(broken)


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: qa.new_plan(product="  "), "Product must not be empty."),
        (lambda: qa.new_plan().assign("nope", "owner"), "Unknown activity 'nope'"),
        (lambda: qa.new_plan().assign("audits", None), "must be one of: owner, contracted facility, both; got None."),
        (lambda: qa.check({"assignments": {}}), "Expected a plan"),
        (lambda: qa.to_markdown("plan"), "Expected a plan"),
    ],
)
def test_bad_calls(call, expected):
    with pytest.raises(InputError) as caught:
        call()
    assert expected in str(caught.value)


def test_assignment_accepts_any_case():
    plan = qa.new_plan()
    plan.assign("audits", "  Contracted Facility ")
    assert plan.assignments["audits"].who == "contracted facility"


def test_chart_counts_who_does_each_section():
    plan = qa.example_plan()
    fig = qa.plot(plan)
    bars = fig.axes[0].patches
    assert len(bars) == 4 * len(qa.sections())
    assert sum(bar.get_width() for bar in bars) == len(qa.activities())
    alt = qa.chart_alt_text(plan)
    assert alt.startswith("Stacked bar chart of who does each section's activities for " + plan.product)
    assert "not assigned" in qa.chart_alt_text(qa.new_plan())


def test_specification_changes_follow_ich_q7_16_16():
    """ICH Q7 16.16 names specifications beside the process, equipment and test methods."""
    row = next(a for a in qa.activities() if a.id == "change_specifications")
    assert row.section_id == "change_control" and row.rule == qa.OWNER_REQUIRED
    assert row.source == "ICH Q7, section 16, clause 16.16"
    # Wrong plan: the facility changes a specification and only tells the owner afterwards.
    plan = full_plan()
    plan.assign("change_specifications", "contracted facility", "Owner told after the change.")
    assert [f.activity_id for f in qa.check(plan).conflicts] == ["change_specifications"]
    # Right plan: the facility proposes, the owner approves first.
    plan.assign("change_specifications", "both", "Facility proposes; the owner approves before the change.")
    assert qa.check(plan).ok
