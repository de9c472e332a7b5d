"""Every public tool call, given bad input, raises the documented `InputError` (a message naming the
input), never another exception: wrong types, out-of-range numbers, a folder given as a file, a
missing file, an unwritable place on save, and candidate names that matplotlib would read as
mathtext. The forms show the same message and no result, and keep what the learner typed.

The cases are an explicit table, (call, bad input, what the message names), so it reads as a list of
what a learner might type; `test_every_public_callable_has_cases` keeps the table complete: each
callable in a tool package's `__all__` has cases here, or is listed as taking no input, or is a result
type a learner does not build.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from chart_texts import drawn_texts
from cmo_course.tools import build_vs_outsource as bvo
from cmo_course.tools import oversight_plan as op
from cmo_course.tools import qa_planner as qa
from cmo_course.tools import scorecard as sc
from cmo_course.tools import term_sheet as ts
from cmo_course.tools.validation import InputError

NAN, INF = math.nan, math.inf
TOOLS = {"bvo": bvo, "sc": sc, "qa": qa, "op": op}

# Kinds of bad input, each a value (the path kinds are built in a tmp folder by `bad_path`).
WRONG_TYPES = {"None": None, "text": "abc", "dict": {"a": 1}, "list": [1, 2]}
OUT_OF_RANGE = {"negative": -50, "huge": 1e15, "nan": NAN, "inf": INF}
NUMBER = {**{k: v for k, v in WRONG_TYPES.items()}, **OUT_OF_RANGE}


def _pick(kinds: dict, *names: str) -> dict:
    return {name: kinds[name] for name in names}


def _base_inputs(**changes) -> dict:
    base = dict(
        capital_cost=1,
        build_years=1,
        annual_running_cost=1,
        cost_per_batch=1,
        annual_outsourcing_fee=1,
        outsource_lead_years=1,
        phases=({"name": "Phase I", "years": 1, "batches": 1},),
        success_rates=(0.5,),
    )
    return {**base, **changes}


def _candidate(**changes):
    fields = dict(
        name="X (fictional)",
        fda_classification="NAI",
        form_483_observations=0,
        open_warning_letter=False,
        financial_risk="low",
        scores=dict.fromkeys(sc.default_weights(), 3),
    )
    return sc.Candidate(**{**fields, **changes})


def _op_plan():
    return op.propose(op.new_profile(start="2027-01-04"))


def _op_records():
    return [op.new_record("B-1", "2027-01-04", on_time=True, deviations=1)]


# (call name as the learner writes it, function of the bad value, {kind: bad value}, message pattern)
VALUE_CASES = [
    # ---- build vs outsource
    ("bvo.Phase(name=)", lambda x: bvo.Phase(x, 1, 1), _pick(WRONG_TYPES, "None", "dict", "list"), "Phase name"),
    ("bvo.Phase(years=)", lambda x: bvo.Phase("P", x, 1), NUMBER, r"Years in phase \(P\)"),
    ("bvo.Phase(batches=)", lambda x: bvo.Phase("P", 1, x), NUMBER, r"GMP batches in phase \(P\)"),
    (
        "bvo.Inputs(capital_cost=)",
        lambda x: bvo.Inputs(**_base_inputs(capital_cost=x)),
        NUMBER,
        "Facility capital cost",
    ),
    (
        "bvo.Inputs(phases=)",
        lambda x: bvo.Inputs(**_base_inputs(phases=x)),
        {**WRONG_TYPES, "number": 3, "list of text": ["Phase I"]},
        "[Pp]hase",
    ),
    (
        "bvo.Inputs(success_rates=)",
        lambda x: bvo.Inputs(**_base_inputs(success_rates=x)),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), "number": 0.5},
        "Success rates",
    ),
    (
        "bvo.Inputs(success_rates=[x])",
        lambda x: bvo.Inputs(**_base_inputs(success_rates=[x])),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), **OUT_OF_RANGE, "1.5": 1.5},
        "Success rate after Phase I",
    ),
    (
        "bvo.example_inputs(capital_cost=)",
        lambda x: bvo.example_inputs(capital_cost=x),
        NUMBER,
        "Facility capital cost",
    ),
    (
        "bvo.example_inputs(discount_rate=)",
        lambda x: bvo.example_inputs(discount_rate=x),
        NUMBER,
        "Discount rate per year must be",
    ),
    (
        "bvo.example_inputs(batches=)",
        lambda x: bvo.example_inputs(batches=x),
        {"number": 10, "None": None, "text": "abc", "list too short": [1, 2], "unknown phase": {"Phase X": 1}},
        "batches",
    ),
    (
        "bvo.example_inputs(batches=[x]*4)",
        lambda x: bvo.example_inputs(batches=[x] * 4),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), **OUT_OF_RANGE, "fraction": 1.5},
        r"GMP batches in phase \(Phase I\)",
    ),
    (
        "bvo.example_inputs(phase_years=)",
        lambda x: bvo.example_inputs(phase_years=x),
        {"number": 2, "None": None, "text": "abc"},
        "phase_years",
    ),
    (
        "bvo.example_inputs(success_rates=)",
        lambda x: bvo.example_inputs(success_rates=x),
        {"number": 0.5, "None": None, "text": "abc", "unknown label": {"Phase 9": 0.5}},
        "success_rates",
    ),
    (
        "bvo.example_inputs(success_rates=[x]*4)",
        lambda x: bvo.example_inputs(success_rates=[x] * 4),
        {**OUT_OF_RANGE, "1.5": 1.5, "text": "abc"},
        "Success rate after Phase I",
    ),
    ("bvo.example_inputs(unknown=)", lambda x: bvo.example_inputs(capitol_cost=x), {"any": 1}, "Unknown input"),
    (
        "bvo.compare",
        bvo.compare,
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 5},
        r"compare\(\) needs Inputs",
    ),
    ("bvo.expected_cost(inputs=)", lambda x: bvo.expected_cost(x, "build"), WRONG_TYPES, "needs Inputs"),
    ("bvo.expected_cost(path=)", lambda x: bvo.expected_cost(bvo.example_inputs(), x), WRONG_TYPES, "Path must be"),
    ("bvo.cost_items(inputs=)", lambda x: bvo.cost_items(x, "build"), WRONG_TYPES, "needs Inputs"),
    ("bvo.cost_items(path=)", lambda x: bvo.cost_items(bvo.example_inputs(), x), WRONG_TYPES, "Path must be"),
    ("bvo.cumulative_spend(inputs=)", lambda x: bvo.cumulative_spend(x, "build", [1]), WRONG_TYPES, "needs Inputs"),
    (
        "bvo.cumulative_spend(years=)",
        lambda x: bvo.cumulative_spend(bvo.example_inputs(), "build", x),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), "number": 3},
        "Years must be a list",
    ),
    (
        "bvo.cumulative_spend(years=[x])",
        lambda x: bvo.cumulative_spend(bvo.example_inputs(), "build", [x]),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), "nan": NAN, "inf": INF},
        "Year",
    ),
    (
        "bvo.spent_by(items=)",
        lambda x: bvo.spent_by(x, 1),
        {**_pick(WRONG_TYPES, "None", "text", "dict"), "short item": [(0, 1)], "text item": [("a", 1, 2)]},
        "[Cc]ost item",
    ),
    ("bvo.spent_by(year=)", lambda x: bvo.spent_by([(0, 1, 1)], x), {**WRONG_TYPES, "nan": NAN, "inf": INF}, "Year"),
    ("bvo.spent_by(rate=)", lambda x: bvo.spent_by([(0, 1, 1)], 1, x), NUMBER, "Discount rate per year"),
    ("bvo.timeline_end", bvo.timeline_end, WRONG_TYPES, "needs Inputs"),
    ("bvo.break_even_cost_per_batch", bvo.break_even_cost_per_batch, WRONG_TYPES, "needs Inputs"),
    ("bvo.sensitivity(inputs=)", bvo.sensitivity, WRONG_TYPES, "needs Inputs"),
    ("bvo.sensitivity(step=)", lambda x: bvo.sensitivity(bvo.example_inputs(), x), NUMBER, "Sensitivity step"),
    (
        "bvo.reach_probabilities",
        bvo.reach_probabilities,
        {**_pick(WRONG_TYPES, "None", "text", "dict"), "number": 0.5},
        "Success rates",
    ),
    (
        "bvo.reach_probabilities([x])",
        lambda x: bvo.reach_probabilities([x]),
        {**_pick(WRONG_TYPES, "None", "text"), **OUT_OF_RANGE},
        "Success rate 1",
    ),
    ("bvo.summary_sentence", bvo.summary_sentence, WRONG_TYPES, "The comparison must be"),
    ("bvo.money", bvo.money, {**WRONG_TYPES, "nan": NAN, "inf": INF}, r"Amount \(USD\)"),
    ("bvo.years", bvo.years, {**WRONG_TYPES, "nan": NAN, "inf": INF}, "Years"),
    ("bvo.report_text", bvo.report_text, WRONG_TYPES, "The comparison must be"),
    ("bvo.report_html", bvo.report_html, WRONG_TYPES, "The comparison must be"),
    ("bvo.plot", bvo.plot, WRONG_TYPES, "The comparison must be"),
    ("bvo.chart_alt_text", bvo.chart_alt_text, WRONG_TYPES, "The comparison must be"),
    ("bvo.show", bvo.show, _pick(WRONG_TYPES, "text", "dict", "list"), "The comparison must be"),
    ("bvo.form", bvo.form, _pick(WRONG_TYPES, "text", "dict", "list"), "needs Inputs"),
    # ---- scorecard
    (
        "sc.Candidate(name=)",
        lambda x: _candidate(name=x),
        {**_pick(WRONG_TYPES, "None", "dict"), "empty": " "},
        "Candidate name",
    ),
    (
        "sc.Candidate(fda_classification=)",
        lambda x: _candidate(fda_classification=x),
        WRONG_TYPES,
        "FDA classification",
    ),
    ("sc.Candidate(form_483_observations=)", lambda x: _candidate(form_483_observations=x), NUMBER, "Form 483"),
    ("sc.Candidate(open_warning_letter=)", lambda x: _candidate(open_warning_letter=x), WRONG_TYPES, "warning letter"),
    ("sc.Candidate(financial_risk=)", lambda x: _candidate(financial_risk=x), WRONG_TYPES, "financial risk"),
    (
        "sc.Candidate(scores=)",
        lambda x: _candidate(scores=x),
        {**_pick(WRONG_TYPES, "None", "text", "list"), "unknown": {"x": 1}},
        "scores",
    ),
    ("sc.Candidate(scores={cost: x})", lambda x: _candidate(scores={"cost": x}), NUMBER, "score for cost"),
    (
        "sc.check_weights",
        sc.check_weights,
        {**_pick(WRONG_TYPES, "text", "list"), "number": 5},
        "Weights must be a dict",
    ),
    ("sc.check_weights({cost: x})", lambda x: sc.check_weights({"cost": x}), {**NUMBER, "-3": -3}, "Weight for Cost"),
    (
        "sc.check_weights({unknown: 1})",
        lambda x: sc.check_weights({x: 1}),
        {"text": "abc", "number": 5},
        "Unknown criterion",
    ),
    (
        "sc.load_candidates(path=)",
        sc.load_candidates,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 123, "empty": ""},
        "candidates CSV file",
    ),
    (
        "sc.parse_candidates(text=)",
        sc.parse_candidates,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 123, "bytes": b"name"},
        "candidates CSV text must be text",
    ),
    (
        "sc.parse_candidates(source=)",
        lambda x: sc.parse_candidates(sc.sample_csv_path().read_text(encoding="utf-8"), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 123},
        r"CSV's name \(source\)",
    ),
    (
        "sc.rank(candidates=)",
        sc.rank,
        {**WRONG_TYPES, "number": 123, "one candidate": _candidate(), "empty": []},
        "[Cc]andidates",
    ),
    ("sc.rank(weights=)", lambda x: sc.rank(sc.sample_candidates(), x), _pick(WRONG_TYPES, "text", "list"), "Weights"),
    (
        "sc.rank(candidates=[no scores])",
        lambda x: sc.rank([_candidate(scores=x)]),
        {"no scores": {}},
        "scores missing",
    ),
    ("sc.weight_effects(candidates=)", sc.weight_effects, {**WRONG_TYPES, "number": 123}, "[Cc]andidates"),
    (
        "sc.weight_effects(weights=)",
        lambda x: sc.weight_effects(sc.sample_candidates(), {"cost": x}),
        NUMBER,
        "Weight for Cost",
    ),
    ("sc.knockout_flags", sc.knockout_flags, WRONG_TYPES, "The candidate must be"),
    ("sc.warning_flags", sc.warning_flags, WRONG_TYPES, "The candidate must be"),
    ("sc.weighted_score(candidate=)", sc.weighted_score, WRONG_TYPES, "The candidate must be"),
    ("sc.weighted_score(weights=)", lambda x: sc.weighted_score(_candidate(), {"cost": x}), NUMBER, "Weight for Cost"),
    ("sc.report_text(card=)", sc.report_text, WRONG_TYPES, "The scorecard must be"),
    ("sc.report_html(card=)", sc.report_html, WRONG_TYPES, "The scorecard must be"),
    (
        "sc.report_text(effects=)",
        lambda x: sc.report_text(sc.rank(sc.sample_candidates()), x),
        {**_pick(WRONG_TYPES, "text", "dict", "list")},
        "[Ww]eight effect",
    ),
    ("sc.plot", sc.plot, WRONG_TYPES, "The scorecard must be"),
    ("sc.chart_alt_text", sc.chart_alt_text, WRONG_TYPES, "The scorecard must be"),
    ("sc.show", sc.show, _pick(WRONG_TYPES, "text", "dict", "list"), "The scorecard must be"),
    ("sc.form(candidates=)", sc.form, {**_pick(WRONG_TYPES, "dict", "list"), "number": 123}, "Candidates"),
    ("sc.form(weights=)", lambda x: sc.form(None, {"cost": x}), NUMBER, "Weight for Cost"),
    # ---- quality-agreement planner
    (
        "qa.Plan(product=)",
        lambda x: qa.Plan(product=x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1},
        "Product",
    ),
    ("qa.Plan(owner=)", lambda x: qa.Plan(owner=x), {**_pick(WRONG_TYPES, "None", "dict"), "empty": ""}, "Owner name"),
    (
        "qa.Plan(assignments=)",
        lambda x: qa.Plan(assignments=x),
        {
            **_pick(WRONG_TYPES, "text", "list"),
            "unknown id": {"x": qa.Assignment("owner")},
            "text value": {"final_release": "owner"},
        },
        "[Aa]ssignment|Unknown activity",
    ),
    ("qa.Assignment(who=)", lambda x: qa.Assignment(x), WRONG_TYPES, "Who does it"),
    (
        "qa.Assignment(notes=)",
        lambda x: qa.Assignment("owner", x),
        {**_pick(WRONG_TYPES, "dict", "list"), "number": 1},
        "Notes",
    ),
    (
        "qa.Plan.assign(activity_id=)",
        lambda x: qa.new_plan().assign(x, "owner"),
        {**WRONG_TYPES, "number": 1},
        "[Aa]ctivity",
    ),
    ("qa.Plan.assign(who=)", lambda x: qa.new_plan().assign("final_release", x), WRONG_TYPES, "Who does"),
    (
        "qa.Plan.assign(notes=)",
        lambda x: qa.new_plan().assign("final_release", "owner", x),
        {**_pick(WRONG_TYPES, "dict", "list"), "number": 1},
        "Notes for",
    ),
    ("qa.Plan.unassign", lambda x: qa.new_plan().unassign(x), {**WRONG_TYPES, "number": 1}, "[Aa]ctivity"),
    ("qa.activity_by_id", qa.activity_by_id, {**WRONG_TYPES, "number": 1}, "[Aa]ctivity"),
    ("qa.new_plan(product=)", qa.new_plan, {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1}, "Product"),
    (
        "qa.new_plan(facility=)",
        lambda x: qa.new_plan(facility=x),
        _pick(WRONG_TYPES, "None", "dict"),
        "Contracted facility name",
    ),
    ("qa.check", qa.check, WRONG_TYPES, "Expected a plan"),
    ("qa.plan_to_dict", qa.plan_to_dict, WRONG_TYPES, "Expected a plan"),
    (
        "qa.plan_from_dict",
        qa.plan_from_dict,
        {
            **WRONG_TYPES,
            "version 2": {"format": qa.PLAN_FORMAT, "version": 2},
            "assignments text": {"format": qa.PLAN_FORMAT, "version": 1, "assignments": "abc"},
            "who missing": {"format": qa.PLAN_FORMAT, "version": 1, "assignments": {"final_release": {}}},
        },
        "plan",
    ),
    ("qa.save_plan(plan=)", lambda x: qa.save_plan(x, "/tmp/never-written.json"), WRONG_TYPES, "Expected a plan"),
    (
        "qa.save_plan(path=)",
        lambda x: qa.save_plan(qa.new_plan(), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": " "},
        "plan file",
    ),
    ("qa.load_plan(path=)", qa.load_plan, {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1}, "plan file"),
    ("qa.to_markdown", qa.to_markdown, WRONG_TYPES, "Expected a plan"),
    ("qa.to_html", qa.to_html, WRONG_TYPES, "Expected a plan"),
    ("qa.plot", qa.plot, WRONG_TYPES, "Expected a plan"),
    ("qa.chart_alt_text", qa.chart_alt_text, WRONG_TYPES, "Expected a plan"),
    ("qa.show", qa.show, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected a plan"),
    ("qa.form", qa.form, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected a plan"),
    # ---- oversight planner
    (
        "op.Profile(product=)",
        lambda x: op.Profile(product=x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": " "},
        "Product",
    ),
    (
        "op.Profile(cdmo=)",
        lambda x: op.Profile(cdmo=x),
        {**_pick(WRONG_TYPES, "None", "dict"), "empty": ""},
        "CDMO name",
    ),
    (
        "op.Profile(phase=)",
        lambda x: op.Profile(phase=x),
        {**WRONG_TYPES, "phase 4": "phase 4"},
        "Phase must be one of",
    ),
    (
        "op.Profile(modality=)",
        lambda x: op.Profile(modality=x),
        {**WRONG_TYPES, "vaccine": "vaccine"},
        "Modality must be one of",
    ),
    ("op.Profile(risk=)", lambda x: op.Profile(risk=x), {**WRONG_TYPES, "number": 3}, "Risk must be one of"),
    ("op.Profile(history=)", lambda x: op.Profile(history=x), WRONG_TYPES, "CDMO history must be one of"),
    (
        "op.Profile(quality_agreement_signed=)",
        lambda x: op.Profile(quality_agreement_signed=x),
        {**WRONG_TYPES, "number": 2},
        "Quality agreement signed must be yes or no",
    ),
    (
        "op.Profile(start=)",
        lambda x: op.Profile(start=x),
        {
            **_pick(WRONG_TYPES, "text", "dict", "list"),
            "number": 2027,
            "US date": "01/04/2027",
            "year 2150": "2150-01-01",
        },
        "Start date must be a date",
    ),
    (
        "op.Profile(batches=)",
        lambda x: op.Profile(batches=x),
        {**NUMBER, "fraction": 1.5, "1000": 1000},
        "Batches planned in the year",
    ),
    ("op.new_profile(unknown=)", lambda x: op.new_profile(riks=x), {"any": "high"}, "Unknown profile field 'riks'"),
    ("op.new_profile(risk=)", lambda x: op.new_profile(risk=x), WRONG_TYPES, "Risk must be one of"),
    ("op.planning_level", op.planning_level, {**WRONG_TYPES, "number": 1}, "The profile must be a Profile"),
    ("op.propose", op.propose, {**WRONG_TYPES, "plan": _op_plan()}, "The profile must be a Profile"),
    (
        "op.Item(id=)",
        lambda x: op.Item(x, "Title", "once"),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "capitals": "Audit", "space": "my audit", "empty": ""},
        "Activity id must be lower-case letters",
    ),
    (
        "op.Item(title=)",
        lambda x: op.Item("a", x, "once"),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "empty": " "},
        "Activity title",
    ),
    (
        "op.Item(frequency=)",
        lambda x: op.Item("a", "A", x),
        {**WRONG_TYPES, "weekly": "weekly"},
        "How often 'A' must be one of",
    ),
    (
        "op.Item(first_month=)",
        lambda x: op.Item("a", "A", "once", x),
        {**NUMBER, "0": 0, "13": 13, "fraction": 1.5},
        r"First month of 'A' \(1-12\)",
    ),
    (
        "op.Item(notes=)",
        lambda x: op.Item("a", "A", "once", 1, "", x),
        {**_pick(WRONG_TYPES, "dict", "list"), "number": 1},
        "Notes for 'A'",
    ),
    ("op.Plan(profile=)", lambda x: op.Plan(x), {**WRONG_TYPES, "number": 1}, "The profile must be a Profile"),
    (
        "op.Plan(items=)",
        lambda x: op.Plan(op.new_profile(), x),
        {**_pick(WRONG_TYPES, "text", "dict"), "list of text": ["audit"], "repeated": [op.Item("a", "A", "once")] * 2},
        "Items must be a list|Each item must be|appears twice",
    ),
    (
        "op.Plan(kpi_targets=)",
        lambda x: op.Plan(op.new_profile(), [], x),
        {**_pick(WRONG_TYPES, "text", "list"), "unknown KPI": {"otd": 90}, "too high": {"on_time": 150}},
        "KPI targets must be|Unknown KPI|must be between 0 and 100",
    ),
    (
        "op.Plan.item",
        lambda x: _op_plan().item(x),
        {**WRONG_TYPES, "number": 1, "unknown": "audit"},
        "Activity id must be text|No activity",
    ),
    (
        "op.Plan.set_frequency",
        lambda x: _op_plan().set_frequency("periodic_audit", x),
        WRONG_TYPES,
        "How often 'Periodic GMP audit",
    ),
    (
        "op.Plan.set_first_month",
        lambda x: _op_plan().set_first_month("periodic_audit", x),
        {**NUMBER, "13": 13, "fraction": 2.5},
        "First month of 'Periodic GMP audit",
    ),
    (
        "op.Plan.set_notes",
        lambda x: _op_plan().set_notes("periodic_audit", x),
        {**_pick(WRONG_TYPES, "dict", "list"), "number": 1},
        "Notes for",
    ),
    (
        "op.Plan.add_item(title=)",
        lambda x: _op_plan().add_item(x, "once"),
        {**_pick(WRONG_TYPES, "None", "dict"), "empty": ""},
        "Activity title",
    ),
    ("op.Plan.add_item(frequency=)", lambda x: _op_plan().add_item("Visit", x), WRONG_TYPES, "How often 'Visit'"),
    (
        "op.Plan.remove_item",
        lambda x: _op_plan().remove_item(x),
        {**WRONG_TYPES, "unknown": "audit"},
        "Activity id must be text|No activity",
    ),
    (
        "op.Plan.set_target(kpi=)",
        lambda x: _op_plan().set_target(x, 1),
        {**WRONG_TYPES, "unknown": "otd"},
        "KPI id must be text|Unknown KPI",
    ),
    (
        "op.Plan.set_target(value=)",
        lambda x: _op_plan().set_target("on_time", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), **OUT_OF_RANGE, "150": 150},
        "Target for On-time delivery",
    ),
    (
        "op.item_details(profile=)",
        lambda x: op.item_details(x, _op_plan().items[0]),
        WRONG_TYPES,
        "The profile must be a Profile",
    ),
    (
        "op.item_details(item=)",
        lambda x: op.item_details(op.new_profile(), x),
        {**WRONG_TYPES, "id": "periodic_audit"},
        "The item must be an Item",
    ),
    ("op.calendar", op.calendar, WRONG_TYPES, "Expected an oversight plan"),
    ("op.findings", op.findings, WRONG_TYPES, "Expected an oversight plan"),
    ("op.plan_to_dict", op.plan_to_dict, WRONG_TYPES, "Expected an oversight plan"),
    (
        "op.plan_from_dict",
        op.plan_from_dict,
        {
            **WRONG_TYPES,
            "version 2": {"format": op.PLAN_FORMAT, "version": 2},
            "profile text": {"format": op.PLAN_FORMAT, "version": 1, "profile": "abc"},
            "items text": {"format": op.PLAN_FORMAT, "version": 1, "profile": {}, "items": "abc"},
            "bad frequency": {
                "format": op.PLAN_FORMAT,
                "version": 1,
                "profile": {},
                "items": [{"id": "a", "title": "A", "frequency": "weekly"}],
            },
        },
        "plan",
    ),
    (
        "op.save_plan(plan=)",
        lambda x: op.save_plan(x, "/tmp/never-written.yaml"),
        WRONG_TYPES,
        "Expected an oversight plan",
    ),
    (
        "op.save_plan(path=)",
        lambda x: op.save_plan(_op_plan(), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": " "},
        "plan file",
    ),
    (
        "op.load_plan(path=)",
        op.load_plan,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": ""},
        "plan file",
    ),
    ("op.to_markdown", op.to_markdown, WRONG_TYPES, "Expected an oversight plan"),
    ("op.to_html", op.to_html, WRONG_TYPES, "Expected an oversight plan"),
    ("op.to_ics(plan=)", op.to_ics, WRONG_TYPES, "Expected an oversight plan"),
    (
        "op.to_ics(stamp=)",
        lambda x: op.to_ics(_op_plan(), x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 1},
        "time stamp must be a datetime",
    ),
    ("op.export(plan=)", lambda x: op.export(x, "/tmp/never-written.md"), WRONG_TYPES, "Expected an oversight plan"),
    (
        "op.export(path=)",
        lambda x: op.export(_op_plan(), x),
        {
            **_pick(WRONG_TYPES, "None", "dict", "list"),
            "number": 1,
            "empty": "",
            "pdf": "/tmp/never-written.pdf",
            "no ending": "/tmp/plan",
        },
        "export file",
    ),
    ("op.plot", op.plot, WRONG_TYPES, "Expected an oversight plan"),
    ("op.chart_alt_text", op.chart_alt_text, WRONG_TYPES, "Expected an oversight plan"),
    ("op.show", op.show, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected an oversight plan"),
    ("op.form", op.form, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected an oversight plan"),
    ("op.kpi_by_id", op.kpi_by_id, {**WRONG_TYPES, "number": 1, "unknown": "otd"}, "KPI id must be text|Unknown KPI"),
    (
        "op.new_record(batch=)",
        lambda x: op.new_record(x, "2027-01-04"),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "empty": " ", "two lines": "B\n1"},
        "Batch",
    ),
    (
        "op.new_record(date=)",
        lambda x: op.new_record("B", x),
        {**WRONG_TYPES, "number": 20270104, "US date": "01/04/2027"},
        "Date of batch 'B'",
    ),
    (
        "op.new_record(on_time=)",
        lambda x: op.new_record("B", "2027-01-04", on_time=x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 2},
        "On-time delivery for batch 'B' must be yes or no",
    ),
    (
        "op.new_record(deviations=)",
        lambda x: op.new_record("B", "2027-01-04", deviations=x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), **OUT_OF_RANGE, "fraction": 1.5},
        "Deviations for batch 'B'",
    ),
    ("op.new_record(unknown=)", lambda x: op.new_record("B", "2027-01-04", otd=x), {"any": True}, "Unknown KPI 'otd'"),
    (
        "op.BatchRecord(values=)",
        lambda x: op.BatchRecord("B", "2027-01-04", x),
        {**_pick(WRONG_TYPES, "text", "list"), "number": 1},
        "KPI values must be a dict",
    ),
    (
        "op.load_records(path=)",
        op.load_records,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": ""},
        "KPI records file",
    ),
    (
        "op.save_records(records=)",
        lambda x: op.save_records(x, "/tmp/never-written.csv"),
        {**WRONG_TYPES, "one record": _op_records()[0], "list of text": ["B-1"], "repeated": _op_records() * 2},
        "KPI records must be|Each KPI record|appears twice|wrap one record",
    ),
    (
        "op.save_records(path=)",
        lambda x: op.save_records(_op_records(), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": " "},
        "KPI records file",
    ),
    (
        "op.record_batch(path=)",
        lambda x: op.record_batch(x, "B", "2027-01-04"),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1},
        "KPI records file",
    ),
    (
        "op.record_batch(replace=)",
        lambda x: op.record_batch("/tmp/never-written.csv", "B", "2027-01-04", replace=x),
        {**WRONG_TYPES, "number": 1},
        "replace must be True or False",
    ),
    (
        "op.record_batch(values=)",
        lambda x: op.record_batch("/tmp/never-written.csv", "B", "2027-01-04", deviations=x),
        {**_pick(NUMBER, "text", "dict", "list", "negative", "huge", "nan", "inf"), "fraction": 1.5},
        "Deviations for batch 'B'",
    ),
    (
        "op.trend(records=)",
        lambda x: op.trend(x, "on_time"),
        {**WRONG_TYPES, "number": 1},
        "KPI records must be|Each KPI record",
    ),
    (
        "op.trend(kpi=)",
        lambda x: op.trend(_op_records(), x),
        {**WRONG_TYPES, "number": 1, "unknown": "otd"},
        "KPI id must be text|Unknown KPI",
    ),
    (
        "op.plot_trend(records=)",
        lambda x: op.plot_trend(x, "on_time"),
        {**WRONG_TYPES, "number": 1},
        "KPI records must be|Each KPI record",
    ),
    (
        "op.plot_trend(kpi=)",
        lambda x: op.plot_trend(_op_records(), x),
        {**WRONG_TYPES, "unknown": "otd"},
        "KPI id must be text|Unknown KPI",
    ),
    (
        "op.plot_trend(target=)",
        lambda x: op.plot_trend(_op_records(), "on_time", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), **OUT_OF_RANGE},
        "Target for On-time delivery",
    ),
    (
        "op.trend_alt_text(records=)",
        lambda x: op.trend_alt_text(x, "on_time"),
        {**WRONG_TYPES, "number": 1},
        "KPI records must be|Each KPI record",
    ),
    (
        "op.trend_alt_text(target=)",
        lambda x: op.trend_alt_text(_op_records(), "deviations", x),
        {**_pick(WRONG_TYPES, "text", "dict"), "negative": -1},
        "Target for Deviations",
    ),
    (
        "op.show_trend(records=)",
        lambda x: op.show_trend(x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 1},
        "KPI records must be|Each KPI record",
    ),
    (
        "op.show_trend(kpi=)",
        lambda x: op.show_trend(_op_records(), x),
        {**_pick(WRONG_TYPES, "None", "dict"), "unknown": "otd"},
        "KPI id must be text|Unknown KPI",
    ),
]


# ---- term-sheet checker (the cases are appended here so that `_value_params` below sees them)
_TS_TEXT = {**_pick(WRONG_TYPES, "dict", "list"), "number": 1}
_TS_SCHEDULE = {**_pick(WRONG_TYPES, "dict"), "number": 3, "bad text": "ninety: half", "bad tier": [("x", 1)]}
VALUE_CASES += [
    ("ts.TermSheet(title=)", lambda x: ts.TermSheet(title=x), {**_TS_TEXT, "None": None, "empty": " "}, "Title"),
    ("ts.TermSheet(cdmo=)", lambda x: ts.TermSheet(cdmo=x), {**_TS_TEXT, "empty": ""}, "CDMO name"),
    (
        "ts.TermSheet(entries=)",
        lambda x: ts.TermSheet(entries=x),
        {**_pick(WRONG_TYPES, "text", "list"), "unknown term": {"x": {}}, "text value": {"audit": "yes"}},
        "[Ee]ntries|Unknown term",
    ),
    (
        "ts.TermSheet(limits=)",
        lambda x: ts.TermSheet(limits=x),
        {**_pick(WRONG_TYPES, "text", "list"), "unknown": {"x": 1}, "out of range": {"acceptance_min_days": -1}},
        "Thresholds must be|Unknown threshold|Shortest review period",
    ),
    (
        "ts.TermSheet.set(term_id=)",
        lambda x: ts.new_term_sheet().set(x, "text", "a"),
        {**WRONG_TYPES, "number": 1},
        "[Tt]erm",
    ),
    (
        "ts.TermSheet.set(field_id=)",
        lambda x: ts.new_term_sheet().set("audit", x, "yes"),
        {**WRONG_TYPES, "number": 1},
        "[Ff]ield",
    ),
    (
        "ts.TermSheet.set(value=) number",
        lambda x: ts.new_term_sheet().set("pricing", "batch_price_usd", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), **OUT_OF_RANGE, "huge": 1e15},
        r"Pricing model: Price per GMP batch \(USD\)",
    ),
    (
        "ts.TermSheet.set(value=) whole number",
        lambda x: ts.new_term_sheet().set("acceptance", "window_days", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), **OUT_OF_RANGE, "fraction": 1.5},
        "Acceptance and rejection window: Review period",
    ),
    (
        "ts.TermSheet.set(value=) yes/no",
        lambda x: ts.new_term_sheet().set("audit", "routine_audits", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 1},
        "must be yes, no or not stated",
    ),
    (
        "ts.TermSheet.set(value=) choice",
        lambda x: ts.new_term_sheet().set("ip", "developed_product", x),
        {**_pick(WRONG_TYPES, "text", "dict", "list"), "number": 1},
        "must be one of: sponsor, CDMO, joint, not stated",
    ),
    (
        "ts.TermSheet.set(value=) schedule",
        lambda x: ts.new_term_sheet().set("cancellation", "schedule", x),
        _TS_SCHEDULE,
        r"Cancellation terms \(fee by notice period\): Fee schedule",
    ),
    (
        "ts.TermSheet.set(value=) text",
        lambda x: ts.new_term_sheet().set("audit", "text", x),
        _TS_TEXT,
        "What the draft says",
    ),
    ("ts.TermSheet.get", lambda x: ts.new_term_sheet().get("audit", x), {**WRONG_TYPES, "number": 1}, "[Ff]ield"),
    ("ts.TermSheet.clear", lambda x: ts.new_term_sheet().clear(x), {**WRONG_TYPES, "number": 1}, "[Tt]erm"),
    (
        "ts.TermSheet.set_threshold(id=)",
        lambda x: ts.new_term_sheet().set_threshold(x, 1),
        {**WRONG_TYPES, "number": 1},
        "[Tt]hreshold",
    ),
    (
        "ts.TermSheet.set_threshold(value=)",
        lambda x: ts.new_term_sheet().set_threshold("acceptance_min_days", x),
        {**WRONG_TYPES, **OUT_OF_RANGE, "fraction": 1.5},
        "Shortest review period",
    ),
    (
        "ts.TermSheet.threshold",
        lambda x: ts.new_term_sheet().threshold(x),
        {**WRONG_TYPES, "number": 1},
        "[Tt]hreshold",
    ),
    (
        "ts.Tier(notice_days=)",
        lambda x: ts.Tier(x, 50),
        {**WRONG_TYPES, **OUT_OF_RANGE, "fraction": 1.5},
        r"Notice \(days\)",
    ),
    (
        "ts.Tier(fee_percent=)",
        lambda x: ts.Tier(30, x),
        {**WRONG_TYPES, **OUT_OF_RANGE},
        r"Fee \(% of the batch price\)",
    ),
    ("ts.parse_schedule", ts.parse_schedule, _TS_SCHEDULE, "Cancellation fee schedule"),
    ("ts.fee_percent_at(schedule=)", lambda x: ts.fee_percent_at(x, 30), {**_TS_SCHEDULE, "empty": ""}, "schedule"),
    ("ts.fee_percent_at(notice_days=)", lambda x: ts.fee_percent_at("0: 100", x), NUMBER, r"Notice \(days\)"),
    ("ts.term_by_id", ts.term_by_id, {**WRONG_TYPES, "number": 1}, "[Tt]erm"),
    ("ts.threshold_by_id", ts.threshold_by_id, {**WRONG_TYPES, "number": 1}, "[Tt]hreshold"),
    ("ts.new_term_sheet(title=)", ts.new_term_sheet, {**_TS_TEXT, "None": None}, "Title"),
    ("ts.new_term_sheet(sponsor=)", lambda x: ts.new_term_sheet(sponsor=x), {**_TS_TEXT, "empty": ""}, "Sponsor name"),
    ("ts.check", ts.check, WRONG_TYPES, "Expected a term sheet"),
    ("ts.cancellation_costs", ts.cancellation_costs, WRONG_TYPES, "Expected a term sheet"),
    ("ts.term_sheet_to_dict", ts.term_sheet_to_dict, WRONG_TYPES, "Expected a term sheet"),
    ("ts.term_sheet_to_csv", ts.term_sheet_to_csv, WRONG_TYPES, "Expected a term sheet"),
    (
        "ts.term_sheet_from_dict",
        ts.term_sheet_from_dict,
        {
            **WRONG_TYPES,
            "version 2": {"format": ts.SHEET_FORMAT, "version": 2},
            "terms text": {
                "format": ts.SHEET_FORMAT,
                "version": 1,
                "title": "T",
                "sponsor": "S",
                "cdmo": "C",
                "terms": "x",
            },
        },
        "term sheet|'terms' must map",
    ),
    (
        "ts.term_sheet_from_dict(source=)",
        lambda x: ts.term_sheet_from_dict(ts.term_sheet_to_dict(ts.new_term_sheet()), x),
        {**_TS_TEXT, "None": None},
        r"name \(source\)",
    ),
    (
        "ts.term_sheet_from_csv(text=)",
        ts.term_sheet_from_csv,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "bytes": b"term,field,value", "no header": "a,b"},
        "CSV text must be text|header",
    ),
    (
        "ts.term_sheet_from_csv(source=)",
        lambda x: ts.term_sheet_from_csv(ts.term_sheet_to_csv(ts.new_term_sheet()), x),
        {**_TS_TEXT, "None": None},
        r"CSV's name \(source\)",
    ),
    (
        "ts.save_term_sheet(sheet=)",
        lambda x: ts.save_term_sheet(x, "/tmp/never-written.yaml"),
        WRONG_TYPES,
        "Expected a term sheet",
    ),
    (
        "ts.save_term_sheet(path=)",
        lambda x: ts.save_term_sheet(ts.new_term_sheet(), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "empty": " ", "no suffix": "terms"},
        "term sheet file",
    ),
    (
        "ts.load_term_sheet(path=)",
        ts.load_term_sheet,
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "json": "terms.json"},
        "term sheet file",
    ),
    (
        "ts.export_report(sheet=)",
        lambda x: ts.export_report(x, "/tmp/never-written.md"),
        WRONG_TYPES,
        "Expected a term sheet",
    ),
    (
        "ts.export_report(path=)",
        lambda x: ts.export_report(ts.new_term_sheet(), x),
        {**_pick(WRONG_TYPES, "None", "dict", "list"), "number": 1, "pdf": "check.pdf"},
        "report file",
    ),
    ("ts.to_markdown", ts.to_markdown, WRONG_TYPES, "Expected a term sheet"),
    ("ts.to_html", ts.to_html, WRONG_TYPES, "Expected a term sheet"),
    ("ts.plot", ts.plot, WRONG_TYPES, "Expected a term sheet"),
    ("ts.chart_alt_text", ts.chart_alt_text, WRONG_TYPES, "Expected a term sheet"),
    ("ts.show", ts.show, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected a term sheet"),
    ("ts.form", ts.form, _pick(WRONG_TYPES, "text", "dict", "list"), "Expected a term sheet"),
]


def _value_params():
    for name, call, kinds, pattern in VALUE_CASES:
        for kind, value in kinds.items():
            yield pytest.param(call, value, pattern, id=f"{name}-{kind}")


@pytest.mark.parametrize(("call", "value", "pattern"), list(_value_params()))
def test_bad_value_raises_the_documented_input_error(call, value, pattern):
    with pytest.raises(InputError, match=pattern):
        call(value)


# ---------------------------------------------------------------- files and folders


def _paths(tmp: Path) -> dict:
    """The kinds of bad path, made in a tmp folder. Tests run as root here, so an unwritable place
    is one whose parent is a file, or /proc (which takes no new files), not a read-only folder."""
    a_file = tmp / "a_file.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    latin1 = tmp / "latin1.csv"
    latin1.write_bytes("name\nCaf\xe9 Labs\n".encode("latin-1"))
    bad_json = tmp / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    return {
        "folder": tmp,
        "missing file": tmp / "missing.csv",
        "parent is a file": a_file / "x.csv",
        "missing folder": tmp / "no-such-folder" / "x.json",
        "/proc": Path("/proc/x.json"),
        "latin-1 file": latin1,
        "invalid JSON": bad_json,
    }


# (call name, function of the path, kinds of bad path, message pattern for each kind)
PATH_MESSAGES = {
    "folder": "is a folder, not a file: give the path of",
    "missing file": "No file at",
    "parent is a file": "a part of that path is a file, not a folder",
    "missing folder": "does not exist",
    "/proc": "does not take new files",
    "latin-1 file": "not a UTF-8|not valid JSON",
    "invalid JSON": "not valid JSON",
}
PATH_CASES = [
    ("sc.load_candidates", sc.load_candidates, ("folder", "missing file", "parent is a file", "latin-1 file")),
    ("sc.form(candidates=path)", sc.form, ("folder", "missing file", "parent is a file")),
    ("qa.load_plan", qa.load_plan, ("folder", "missing file", "parent is a file", "invalid JSON", "latin-1 file")),
    (
        "qa.save_plan",
        lambda p: qa.save_plan(qa.example_plan(), p),
        ("folder", "parent is a file", "missing folder", "/proc"),
    ),
    ("op.load_plan", op.load_plan, ("folder", "missing file", "parent is a file", "latin-1 file")),
    (
        "op.save_plan",
        lambda p: op.save_plan(op.example_plan(), p),
        ("folder", "parent is a file", "missing folder", "/proc"),
    ),
    ("op.load_records", op.load_records, ("folder", "missing file", "parent is a file", "latin-1 file")),
    (
        "op.save_records",
        lambda p: op.save_records(op.example_records(), p),
        ("folder", "parent is a file", "missing folder", "/proc"),
    ),
    (
        "op.record_batch",
        lambda p: op.record_batch(p, "B-1", "2027-01-04", on_time=True),
        ("folder", "parent is a file", "missing folder", "/proc", "latin-1 file"),
    ),
    ("op.show_trend(records=path)", lambda p: op.show_trend(op.load_records(p)), ("folder", "missing file")),
]


# ---- term-sheet checker (paths ending in .json are refused for their ending, so only these kinds apply)
PATH_CASES += [
    ("ts.load_term_sheet", ts.load_term_sheet, ("folder", "missing file", "parent is a file", "latin-1 file")),
    (
        "ts.save_term_sheet",
        lambda p: ts.save_term_sheet(ts.example_term_sheet(), p),
        ("folder", "parent is a file"),
    ),
    ("ts.export_report", lambda p: ts.export_report(ts.example_term_sheet(), p), ("folder",)),
]


def _path_params():
    for name, call, kinds in PATH_CASES:
        for kind in kinds:
            yield pytest.param(call, kind, id=f"{name}-{kind}")


@pytest.mark.parametrize(("call", "kind"), list(_path_params()))
def test_bad_path_raises_the_documented_input_error(call, kind, tmp_path):
    path = _paths(tmp_path)[kind]
    with pytest.raises(InputError, match=PATH_MESSAGES[kind]) as caught:
        call(path)
    assert str(path) in str(caught.value) or path.name in str(caught.value)
    with pytest.raises(InputError, match=PATH_MESSAGES[kind]):
        call(str(path))  # the same as text


def test_a_folder_given_as_the_candidates_file_says_what_to_give(tmp_path):
    with pytest.raises(InputError) as caught:
        sc.load_candidates(tmp_path)
    assert str(caught.value) == f"{tmp_path} is a folder, not a file: give the path of a .csv file."


def test_permission_denied_on_save_and_load_is_an_input_error(tmp_path, monkeypatch):
    """Root can write a read-only folder, so the refusal is simulated where the file is opened."""

    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    plan = qa.example_plan()  # read before reading is refused
    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # saves write through a temporary file
    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(InputError, match="permission denied; choose a folder you can write to"):
        qa.save_plan(plan, tmp_path / "plan.json")
    with pytest.raises(InputError, match="Cannot read .*permission denied"):
        qa.load_plan(tmp_path / "plan.json")
    with pytest.raises(InputError, match="Cannot read .*permission denied"):
        sc.load_candidates(tmp_path / "x.csv")


def test_the_planner_form_save_into_an_unwritable_folder_shows_a_message(monkeypatch):
    monkeypatch.chdir("/proc")
    form = qa.form(qa.example_plan())
    assert form.submit("save") is False and form.result is None
    assert "does not take new files" in form.message.value
    assert form.output.outputs == ()


# ---------------------------------------------------------------- mathtext in names

MATH_NAMES = ("$x^2$ Labs", r"$\frac$ Bio", "Acme $5 Fill", "Cost$ $Co")


def _csv_with_names(tmp: Path, names) -> Path:
    sample = sc.sample_csv_path().read_text(encoding="utf-8").splitlines()
    header, rows = sample[0], sample[1:]
    lines = [header]
    for name, row in zip(names, rows, strict=False):
        rest = row.split(",", 1)[1] if not row.startswith('"') else row.split('",', 1)[1]
        lines.append(f'"{name}",{rest}')
    path = tmp / "math_names.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_candidate_names_with_dollar_signs_are_drawn_literally(tmp_path):
    path = _csv_with_names(tmp_path, MATH_NAMES)
    card = sc.rank(sc.load_candidates(path))
    assert {row.name for row in card.rows} >= set(MATH_NAMES)
    drawn = drawn_texts(sc.plot(card))
    for name in MATH_NAMES:
        assert name in drawn
    assert all(name in sc.chart_alt_text(card) for name in MATH_NAMES)
    assert all(name in sc.report_text(card) for name in MATH_NAMES)
    form = sc.form(path)
    assert form.submit() and form.message.value == ""


def test_a_product_name_with_dollar_signs_is_drawn_literally():
    plan = qa.example_plan()
    plan.product = r"$\alpha$-mab (fictional)"
    assert r"Who does what: $\alpha$-mab (fictional)" in drawn_texts(qa.plot(plan))


# ---------------------------------------------------------------- the forms


@pytest.mark.parametrize(
    ("typed", "shown"),
    [(-50, "got -50,000,000."), (1e15, "got 1,000,000,000,000,000,000,000."), (NAN, "finite number")],
)
def test_bvo_form_shows_the_api_message_and_no_result_for_an_out_of_range_entry(typed, shown):
    form = bvo.form()
    assert form.submit()
    form.output.outputs = ({"output_type": "stream", "name": "stdout", "text": "an earlier result"},)
    box = next(w for w in form.fields if w.description.startswith("Facility capital cost"))
    box.value = typed
    assert form.submit() is False
    assert form.result is None and form.output.outputs == ()  # no stale result under the message
    assert box.value == typed or (math.isnan(typed) and math.isnan(box.value))  # not clamped
    with pytest.raises(InputError) as api:
        bvo.example_inputs(capital_cost=typed * 1e6)
    assert str(api.value).replace("'", "&#x27;") in form.message.value
    assert "Facility capital cost (USD) must be" in form.message.value and shown in form.message.value


def test_bvo_form_a_fractional_batch_count_is_a_message_not_rounded():
    form = bvo.form()
    box = next(w for w in form.fields if w.description.startswith("GMP batches in Phase III"))
    box.value = 1.5
    assert form.submit() is False and box.value == 1.5 and form.result is None
    assert (
        "GMP batches in phase (Phase III) must be a whole number between 0 and 10,000; got 1.5." in form.message.value
    )


def test_scorecard_form_weight_minus_three_is_a_message_not_zero():
    form = sc.form()
    box = form.fields[1]
    box.value = -3
    assert form.submit() is False and box.value == -3 and form.result is None
    assert "must be between 0 and 10; got -3" in form.message.value


def test_no_form_uses_a_bounded_widget():
    for tool in (bvo, sc, qa):
        form = tool.form()
        bounded = [w for w in form.fields if "Bounded" in type(w).__name__]
        assert bounded == []


# ---------------------------------------------------------------- the table is complete

NO_INPUT = {
    "bvo": {"default_success_rates", "success_rate_notes", "input_notes"},
    "sc": {
        "criteria",
        "default_weights",
        "required_columns",
        "sample_candidates",
        "sample_csv_path",
        "score_range",
        "weight_range",
    },
    "qa": {"activities", "disclaimer", "example_plan", "outline_sections", "sections"},
    "op": {
        "disclaimer",
        "example_plan",
        "example_profile",
        "example_records",
        "example_records_path",
        "frequencies",
        "histories",
        "kpis",
        "modalities",
        "phases",
        "planning_note",
        "record_columns",
        "risks",
    },
}
# Result types the tools return (a learner reads them, never builds them), and the error itself.
RESULT_TYPES = {
    "bvo": {"Comparison", "PathResult", "SensitivityRow", "InputError"},
    "sc": {"Criterion", "RankedCandidate", "Scorecard", "WeightEffect", "InputError"},
    "qa": {"Activity", "Flag", "PlanCheck", "InputError"},
    "op": {"Event", "Finding", "ItemDetails", "Kpi", "TrendPoint", "InputError"},
}


# ---- term-sheet checker
TOOLS["ts"] = ts
NO_INPUT["ts"] = {"default_thresholds", "disclaimer", "example_term_sheet", "terms", "thresholds"}
RESULT_TYPES["ts"] = {
    "CostPoint",
    "Field",
    "Flag",
    "Question",
    "SheetCheck",
    "Term",
    "TermResult",
    "Threshold",
    "InputError",
}


@pytest.mark.parametrize("short", list(TOOLS))
def test_every_public_callable_has_cases(short):
    module = TOOLS[short]
    public = {name for name in module.__all__ if callable(getattr(module, name))}
    covered = {
        name.split("(")[0].split(".")[1] for name, *_ in VALUE_CASES + PATH_CASES if name.startswith(short + ".")
    }
    missing = public - covered - NO_INPUT[short] - RESULT_TYPES[short]
    assert missing == set(), f"{short}: add bad-input cases for {sorted(missing)}"
    for name in NO_INPUT[short]:
        getattr(module, name)()  # runs, needing no input


def test_a_save_that_fails_midway_leaves_the_old_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    """Every tool saves through validation.write_text_file: a temporary file, then os.replace."""
    import os

    target = tmp_path / "plan.json"
    qa.save_plan(qa.example_plan(), target)
    before = target.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(InputError, match="Cannot save"):
        qa.save_plan(qa.example_plan(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
