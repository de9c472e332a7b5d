"""Oversight planner: profiles, proposals, sources, calendar, checks, KPI records, exports (Markdown,
HTML, iCalendar parsed back), save/load, charts and the form."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from chart_texts import drawn_texts
from cmo_course.reference_pages import reference_labels
from cmo_course.tools import oversight_plan as op
from cmo_course.tools.data import DATA_DIR
from cmo_course.tools.validation import InputError

STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
EXAMPLE_EVENTS = 22


def profile(**changes):
    fields = dict(
        product="Test product (fictional)",
        owner="Owner Inc. (fictional)",
        cdmo="CDMO Co. (fictional)",
        phase="phase 2/3",
        modality="small molecule",
        risk="medium",
        history="good record",
        quality_agreement_signed=True,
        start="2027-01-04",
        batches=4,
    )
    return op.new_profile(**{**fields, **changes})


def plan(**changes):
    return op.propose(profile(**changes))


def ids(p):
    return [item.id for item in p.items]


def test_doctests_pass():
    for module in (op, op.model):
        assert doctest.testmod(module).failed == 0


# ---------------------------------------------------------------- sources


def _citations(text: str) -> list[str]:
    """Every label cited in `text`, by the validator's own rule; a bare "Source: X" (a plan row's
    source column) counts as a citation too."""
    from cmo_course.validate import cited_labels

    return cited_labels(re.sub(r"(?<!\()Source: ([^|\n]+)", r"(Source: \1)", text))


def test_every_citation_in_the_defaults_and_templates_is_a_known_reference():
    labels = reference_labels()
    texts = [
        (DATA_DIR / name).read_text(encoding="utf-8") for name in ("oversight_plan.yaml", "oversight_plan_example.yaml")
    ]
    texts += [p.read_text(encoding="utf-8") for p in (Path(op.__file__).parent / "templates").glob("*.j2")]
    found = {label for text in texts for label in _citations(text)}
    assert {"ICH Q9(R1)", "21 CFR 211.192", "Fernandes 2010"} <= found
    assert found <= labels, found - labels


def _all_profiles():
    for phase in op.phases():
        for modality in op.modalities():
            for risk in op.risks():
                for history in op.histories():
                    for signed in (True, False):
                        yield profile(
                            phase=phase, modality=modality, risk=risk, history=history, quality_agreement_signed=signed
                        )


def test_every_default_frequency_cites_a_source_or_says_course_suggestion():
    labels = reference_labels()
    for prof in _all_profiles():
        proposed = op.propose(prof)
        for item in proposed.items:
            details = op.item_details(prof, item)
            source = details.frequency_source
            assert source.startswith("Source: ") or source.startswith("course's suggestion"), (item.id, source)
            assert "(Source: " in details.basis or details.basis.startswith("The course suggests"), item.id
            assert details.suggested_frequency == item.frequency
            assert set(_citations(source)) | set(_citations(details.basis)) <= labels


@pytest.mark.parametrize(
    "changes, source, cited",
    [
        ({"phase": "phase 2/3"}, "Source: 21 CFR 211.192", "21 CFR 211.192"),
        ({"phase": "commercial", "modality": "cell or gene therapy"}, "Source: 21 CFR 211.192", "21 CFR 211.22"),
        ({"phase": "phase 1"}, "Source: FDA Phase 1 CGMP guidance 2008, section V.B", "21 CFR 210.2"),
        ({"modality": "device"}, "Source: ISO 13485:2016, clause 8.2.6", "ISO 13485:2016"),
    ],
)
def test_batch_record_review_is_per_batch_with_the_rule_for_the_phase_and_modality(changes, source, cited):
    p = plan(**changes)
    item = p.item("batch_record_review")
    details = op.item_details(p.profile, item)
    assert item.frequency == "per batch" and details.frequency_source == source
    assert f"(Source: {cited}" in details.basis


def test_audits_cite_ich_q9_for_drugs_and_iso_13485_for_devices():
    drug = plan()
    assert "(Source: ICH Q9(R1), Annex II)" in op.item_details(drug.profile, drug.item("periodic_audit")).basis
    device = plan(modality="device")
    assert (
        "(Source: ISO 13485:2016, clause 7.4.1)" in op.item_details(device.profile, device.item("periodic_audit")).basis
    )


def test_kpi_sheet_is_the_course_suggestion_except_a_named_source():
    sheet = {k.id: k for k in op.kpis()}
    assert list(sheet) == [
        "on_time",
        "right_first_time",
        "deviations",
        "deviation_days_open",
        "capa_days_open",
        "review_findings",
    ]
    assert all(k.source == "course's suggestion" for k in sheet.values() if k.id != "review_findings")
    assert "(Source: Fernandes 2010)" in sheet["review_findings"].source
    assert op.record_columns() == ["batch", "date", *sheet]


# ---------------------------------------------------------------- profile and planning level


@pytest.mark.parametrize(
    "risk, history, level",
    [
        ("low", "good record", "low"),
        ("low", "new partner", "medium"),
        ("low", "prior Form 483", "medium"),
        ("low", "prior warning letter", "high"),
        ("medium", "good record", "medium"),
        ("medium", "new partner", "high"),
        ("high", "prior warning letter", "high"),
    ],
)
def test_planning_level_raises_the_stated_risk_for_history(risk, history, level):
    assert op.planning_level(profile(risk=risk, history=history)) == level


def test_profile_defaults_and_case_insensitive_choices():
    default = op.new_profile()
    assert (default.phase, default.modality, default.risk, default.history) == (
        "phase 1",
        "small molecule",
        "medium",
        "new partner",
    )
    assert default.start == date(date.today().year + 1, 1, 1) and default.batches == 4
    assert default.quality_agreement_signed is False
    typed = op.new_profile(
        phase=" Phase 2/3 ", risk="HIGH", quality_agreement_signed="yes", start=date(2027, 3, 1), batches="6"
    )
    assert (typed.phase, typed.risk, typed.quality_agreement_signed, typed.batches) == ("phase 2/3", "high", True, 6)
    assert typed.end == date(2028, 2, 29)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("product", " ", "Product must not be empty."),
        ("phase", "phase 4", "Phase must be one of: phase 1, phase 2/3, commercial; got 'phase 4'."),
        ("modality", "vaccine", "Modality must be one of"),
        ("risk", 3, "Risk must be one of: low, medium, high; got 3."),
        ("history", "483", "CDMO history must be one of"),
        ("quality_agreement_signed", "maybe", "Quality agreement signed must be yes or no"),
        ("start", "04/01/2027", "Start date must be a date written YYYY-MM-DD, e.g. 2027-01-04; got '04/01/2027'."),
        ("start", "2027-1-4", "Start date must be a date written YYYY-MM-DD"),
        ("start", "2150-01-01", "between the years 2000 and 2100"),
        ("batches", 1.5, "Batches planned in the year must be a whole number between 0 and 366; got 1.5."),
        ("batches", -1, "must be a whole number between 0 and 366"),
    ],
)
def test_bad_profile_fields(field, value, message):
    with pytest.raises(InputError) as caught:
        profile(**{field: value})
    assert message in str(caught.value)


def test_unknown_profile_field_is_named():
    with pytest.raises(InputError, match="Unknown profile field 'riks'"):
        op.new_profile(riks="high")


# ---------------------------------------------------------------- proposals


def test_proposal_for_each_history_and_agreement():
    assert ids(plan()) == ["periodic_audit", "batch_record_review", "kpi_review", "steering_committee"]
    assert ids(plan(quality_agreement_signed=False))[0] == "agreement_signature"
    assert "qualification_audit" in ids(plan(history="new partner"))
    assert "inspection_history_review" in ids(plan(history="prior Form 483"))
    assert "warning_letter_follow_up" in ids(plan(history="prior warning letter"))


@pytest.mark.parametrize(
    "risk, audit, kpi, steering",
    [
        ("low", "every 2 years", "twice a year", "yearly"),
        ("medium", "yearly", "quarterly", "twice a year"),
        ("high", "twice a year", "monthly", "quarterly"),
    ],
)
def test_frequencies_follow_the_planning_level(risk, audit, kpi, steering):
    p = plan(risk=risk)
    assert [p.item(i).frequency for i in ("periodic_audit", "kpi_review", "steering_committee")] == [
        audit,
        kpi,
        steering,
    ]


def test_new_partner_audit_follows_the_qualification_audit():
    high = plan(risk="high", history="new partner")  # level high: twice a year
    assert high.item("qualification_audit").first_month == 1
    assert (high.item("periodic_audit").frequency, high.item("periodic_audit").first_month) == ("twice a year", 7)
    medium = plan(risk="low", history="new partner")  # level medium: yearly, so the next audit is next year
    assert medium.item("periodic_audit").frequency == "not this year"
    assert op.item_details(medium.profile, medium.item("periodic_audit")).frequency_source == "course's suggestion"


# ---------------------------------------------------------------- the calendar


def test_calendar_dates():
    p = plan(risk="high", batches=4)
    events = op.calendar(p)
    audits = [e.date for e in events if e.item_id == "periodic_audit"]
    assert audits == [date(2027, 4, 4), date(2027, 10, 4)]
    batches = [e.date for e in events if e.item_id == "batch_record_review"]
    assert batches == [date(2027, 1, 4), date(2027, 4, 5), date(2027, 7, 5), date(2027, 10, 5)]  # every 91.25 days
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert all(p.profile.start <= e.date <= p.profile.end for e in events)
    assert (
        events[0].title
        == "Review the executed batch record and certificate of analysis before release: batch 1 of 4 (planned date)"
    )


def test_calendar_frequencies_once_every_two_years_not_this_year_and_month_ends():
    p = plan(start="2027-01-31")
    p.set_frequency("periodic_audit", "monthly")
    assert [e.date for e in op.calendar(p) if e.item_id == "periodic_audit"][:2] == [
        date(2027, 4, 30),
        date(2027, 5, 31),
    ]
    p.set_first_month("periodic_audit", 2)
    assert [e.date for e in op.calendar(p) if e.item_id == "periodic_audit"][0] == date(2027, 2, 28)
    for frequency, count in (
        ("once", 1),
        ("every 2 years", 1),
        ("not this year", 0),
        ("quarterly", 4),
        ("monthly", 11),
    ):
        p.set_frequency("periodic_audit", frequency)
        assert len([e for e in op.calendar(p) if e.item_id == "periodic_audit"]) == count, frequency


def test_no_batches_no_batch_events_and_a_check():
    p = plan(batches=0)
    assert not [e for e in op.calendar(p) if e.item_id == "batch_record_review"]
    assert any("No batches planned" in f.message for f in op.findings(p))


# ---------------------------------------------------------------- checks


def test_a_complete_plan_has_no_findings():
    assert op.findings(plan()) == ()


@pytest.mark.parametrize("frequency", ["quarterly", "once", "not this year"])
def test_batch_review_not_per_batch_is_required_with_its_source(frequency):
    p = plan()
    p.set_frequency("batch_record_review", frequency)
    found = op.findings(p)
    assert [(f.level, f.item_id) for f in found] == [("required", "batch_record_review")]
    assert "(Source: 21 CFR 211.192)" in found[0].message and 'set this row to "per batch"' in found[0].message
    assert op.item_details(p.profile, p.item("batch_record_review")).frequency_source == "your choice"


def test_batch_review_removed_is_required():
    p = plan(phase="phase 1")
    p.remove_item("batch_record_review")
    found = op.findings(p)
    assert found[0].level == "required" and "missing" in found[0].message
    assert "FDA Phase 1 CGMP guidance 2008" in found[0].message


def test_unsigned_agreement_and_high_level_without_audit_are_checks():
    p = plan(quality_agreement_signed=False, risk="high")
    assert [f.level for f in op.findings(p)] == ["check"]
    p.set_frequency("periodic_audit", "not this year")
    assert [f.level for f in op.findings(p)] == ["check", "check"]
    assert "no audit falls in this year's calendar" in op.findings(p)[1].message


def test_a_changed_frequency_is_your_choice_beside_the_suggestion():
    p = plan()
    p.set_frequency("periodic_audit", "quarterly")
    assert (
        op.item_details(p.profile, p.item("periodic_audit")).frequency_source
        == "your choice (course's suggestion: yearly)"
    )


# ---------------------------------------------------------------- editing


def test_editing_items_and_targets():
    p = plan()
    new_id = p.add_item("Person-in-plant visit", "quarterly", 2, "Consultant", "fill campaign")
    assert (
        new_id == "person_in_plant_visit" and p.add_item("Person-in-plant visit", "once") == "person_in_plant_visit_2"
    )
    assert p.add_item("2nd look", "once").startswith("a_")
    assert op.item_details(p.profile, p.item(new_id)).frequency_source == "your choice"
    p.set_notes(new_id, "  note  ")
    p.set_who(new_id, "QA lead")
    assert (p.item(new_id).notes, p.item(new_id).who) == ("note", "QA lead")
    p.remove_item(new_id)
    with pytest.raises(InputError, match="No activity 'person_in_plant_visit' in this plan"):
        p.item(new_id)
    p.set_target("on_time", "95")
    p.set_target("deviations", 1)
    assert p.kpi_targets == {"on_time": 95.0, "deviations": 1.0}
    p.set_target("on_time", None)
    assert p.kpi_targets == {"deviations": 1.0}
    with pytest.raises(
        InputError, match=r"Target for On-time delivery \(% of batches\) must be between 0 and 100; got 120"
    ):
        p.set_target("on_time", 120)
    with pytest.raises(InputError, match="Target for Deviations must be 0 or more; got -1"):
        p.set_target("deviations", -1)


@pytest.mark.parametrize(
    "month, message", [(0, "got 0"), (13, "got 13"), (1.5, "got 1.5"), ("May", "must be a number")]
)
def test_first_month_is_checked_not_clamped(month, message):
    p = plan()
    with pytest.raises(InputError, match="First month of 'Periodic GMP audit of the CDMO' \\(1-12\\) must be"):
        p.set_first_month("periodic_audit", month)
    assert p.item("periodic_audit").first_month == 4


def test_attributes_set_directly_are_checked_at_the_next_call():
    p = plan()
    p.items[0].frequency = "weekly"
    with pytest.raises(InputError, match="How often 'Periodic GMP audit of the CDMO' must be one of"):
        op.calendar(p)
    p = plan()
    p.profile = "medium"
    with pytest.raises(InputError, match="The profile must be a Profile"):
        op.to_markdown(p)


# ---------------------------------------------------------------- KPI records


def test_records_round_trip_and_trend(tmp_path):
    path = tmp_path / "kpis.csv"
    records = [
        op.new_record("B-2", "2027-03-01", on_time=False, deviations=2, capa_days_open=12.5),
        op.new_record("B-1", date(2027, 1, 10), on_time="yes", right_first_time=True, deviations="0"),
        op.new_record("B-3", "2027-05-01", on_time=True),
    ]
    op.save_records(records, path)
    assert op.load_records(path) == records
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(op.record_columns())
    assert "B-2,2027-03-01,no,,2,,12.5," in text
    on_time = op.trend(records, "on_time")
    assert [p.batch for p in on_time] == ["B-1", "B-2", "B-3"]  # date order
    assert [round(p.shown, 1) for p in on_time] == [100.0, 50.0, 66.7]
    assert [(p.batch, p.shown) for p in op.trend(records, "deviations")] == [("B-1", 0.0), ("B-2", 2.0)]
    assert op.trend(records, "review_findings") == []


def test_record_batch_creates_appends_and_refuses_a_duplicate(tmp_path):
    path = tmp_path / "kpis.csv"
    op.record_batch(path, "B-1", "2027-01-10", on_time=True, deviations=1)
    op.record_batch(str(path), "B-2", "2027-02-10", on_time="no")
    assert [r.batch for r in op.load_records(path)] == ["B-1", "B-2"]
    before = path.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="Batch 'B-1' is already in kpis.csv; pass replace=True"):
        op.record_batch(path, "B-1", "2027-01-10", on_time=False)
    with pytest.raises(
        InputError, match="Deviations for batch 'B-3' must be a whole number between 0 and 10,000; got 1.5"
    ):
        op.record_batch(path, "B-3", "2027-03-10", deviations=1.5)
    assert path.read_text(encoding="utf-8") == before  # nothing written on a refusal
    records = op.record_batch(path, "B-1", "2027-01-10", replace=True, on_time=False)
    assert records[0].values["on_time"] is False and records[0].values["deviations"] is None


def test_the_example_records_load():
    records = op.example_records()
    assert len(records) == 6 and records[0].batch == "XB1-001"
    assert op.trend(records, "right_first_time")[-1].shown == 50.0


def _write(tmp_path, text, name="kpis.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "batch,date,on_time,right_first_time,deviations,deviation_days_open,capa_days_open,review_findings\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "kpis.csv is empty; its first line must name the columns"),
        (
            "batch;date;on_time\n",
            "kpis.csv, line 1: unknown column 'batch;date;on_time'; the columns are: batch, date, on_time",
        ),
        ("batch,date,deviatons\n", "kpis.csv, line 1: unknown column 'deviatons'"),
        ("date,on_time\n", "kpis.csv, line 1: missing column 'batch'"),
        ("batch,date,on_time,on_time\n", "kpis.csv, line 1: the column 'on_time' appears twice"),
        (HEADER + "B1,2027-01-04,maybe,,,,,\n", "kpis.csv, line 2, column 'on_time': the value must be yes or no"),
        (HEADER + "B1,2027-01-04,yes,no,two,,,\n", "kpis.csv, line 2, column 'deviations': the value must be a number"),
        (
            HEADER + "B1,2027-01-04,yes,no,-1,,,\n",
            "kpis.csv, line 2, column 'deviations': the value must be a whole number between 0 and 10,000; got -1.",
        ),
        (
            HEADER + "B1,2027-01-04,yes,no,1.5,,,\n",
            "column 'deviations': the value must be a whole number between 0 and 10,000; got '1.5'",
        ),
        (HEADER + "B1,2027-01-04,yes,no,1,nan,,\n", "column 'deviation_days_open': the value must be a finite number"),
        (
            HEADER + "B1,04/01/2027,yes,,,,,\n",
            "kpis.csv, line 2, column 'date': the date must be a date written YYYY-MM-DD",
        ),
        (HEADER + ",2027-01-04,yes,,,,,\n", "kpis.csv, line 2, column 'batch': the batch must not be empty."),
        (
            HEADER + "B1,2027-01-04,yes,,,,,\n\nB1,2027-02-04,no,,,,,\n",
            "kpis.csv, line 4, column 'batch': 'B1' is already on line 2",
        ),
        (HEADER + "B1,2027-01-04,yes,,,,,,extra\n", "kpis.csv, line 2: more values than columns"),
    ],
)
def test_a_corrupt_or_hand_edited_records_file_names_the_file_and_line(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        op.load_records(_write(tmp_path, text))
    assert message in str(caught.value)


def test_records_file_edge_cases(tmp_path):
    assert op.load_records(_write(tmp_path, HEADER)) == []
    assert len(op.load_records(_write(tmp_path, "\ufeffbatch,date,on_time\nB1,2027-01-04,Yes\n\n"))) == 1
    only_some = op.load_records(_write(tmp_path, "batch,date,deviations\nB1,2027-01-04,3\n"))
    assert only_some[0].values["deviations"] == 3 and only_some[0].values["on_time"] is None
    quoted = op.load_records(_write(tmp_path, 'batch,date\n"B,1",2027-01-04\n'))
    assert quoted[0].batch == "B,1"
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("batch,date\nCaf\xe9,2027-01-04\n".encode("latin-1"))
    with pytest.raises(InputError, match="latin1.csv is not a UTF-8 text file"):
        op.load_records(latin1)


# ---------------------------------------------------------------- atomic saves


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = op.save_plan(op.example_plan(), tmp_path / "plan.yaml")
    before = path.read_text(encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    changed = op.example_plan()
    changed.set_notes("periodic_audit", "changed")
    with pytest.raises(InputError, match="permission denied; choose a folder you can write to"):
        op.save_plan(changed, path)
    with pytest.raises(InputError, match="permission denied"):
        op.save_records(op.example_records(), tmp_path / "kpis.csv")
    with pytest.raises(InputError, match="permission denied"):
        op.export(changed, tmp_path / "plan.ics")
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_saved_file_gets_the_usual_permissions_or_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        path = op.save_plan(op.example_plan(), tmp_path / "plan.yaml")
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o640)
        op.save_plan(op.example_plan(), path)
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


@pytest.mark.parametrize(
    "save",
    [
        lambda p: op.save_plan(op.example_plan(), p / "x.yaml"),
        lambda p: op.save_records(op.example_records(), p / "x.csv"),
        lambda p: op.export(op.example_plan(), p / "x.md"),
        lambda p: op.record_batch(p / "x.csv", "B1", "2027-01-01"),
    ],
)
def test_saving_into_missing_or_unwritable_places(tmp_path, save):
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match="a part of that path is a file, not a folder"):
        save(a_file)
    with pytest.raises(InputError, match="the folder .* does not exist"):
        save(tmp_path / "missing")
    with pytest.raises(InputError, match="does not take new files"):
        save(Path("/proc"))


# ---------------------------------------------------------------- plan files


def test_plan_save_and_load_round_trip(tmp_path):
    p = op.example_plan()
    p.add_item("Person-in-plant visit — Zürich", "twice a year", 5, "Consultant", "Audit annuel: «fill»")
    p.set_frequency("steering_committee", "twice a year")
    path = op.save_plan(p, tmp_path / "plan.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Oversight plan saved by cmo-course. Planning aid, not legal advice.\n")
    loaded = op.load_plan(path)
    assert op.plan_to_dict(loaded) == op.plan_to_dict(p)
    assert loaded.profile == p.profile and loaded.items == p.items and loaded.kpi_targets == p.kpi_targets
    assert op.to_markdown(loaded) == op.to_markdown(p)
    assert op.plan_from_dict(op.plan_to_dict(p)).items == p.items


def _saved(tmp_path, replace_from, replace_to):
    path = op.save_plan(op.example_plan(), tmp_path / "plan.yaml")
    text = path.read_text(encoding="utf-8")
    assert replace_from in text
    path.write_text(text.replace(replace_from, replace_to, 1), encoding="utf-8")
    return path, text[: text.index(replace_from)].count("\n") + 1


@pytest.mark.parametrize(
    "replace_from, replace_to, message",
    [
        ("frequency: twice a year", "frequency: weekly", "How often 'Periodic GMP audit of the CDMO' must be one of"),
        (
            "first_month: 4",
            "first_month: 13",
            "First month of 'Periodic GMP audit of the CDMO' (1-12) must be a whole number between 1 and 12; got 13.",
        ),
        ("risk: medium", "risk: extreme", "Risk must be one of: low, medium, high; got 'extreme'."),
        ("start: '2027-01-04'", "start: 4 January 2027", "Start date must be a date written YYYY-MM-DD"),
        ("batches: 4", "batches: four", "Batches planned in the year must be a number"),
        ("on_time: 90", "on_time: 190", "Target for On-time delivery (% of batches) must be between 0 and 100"),
        ("on_time: 90", "on_tme: 90", "Unknown KPI 'on_tme'"),
        ("  notes: ''\n", "  notes: ''\n  colour: red\n", "unknown item field 'colour'"),
        ("  product:", "  prodcut:", "unknown profile field 'prodcut'"),
        ("id: kpi_review", "id: periodic_audit", "activity id 'periodic_audit' appears twice"),
    ],
)
def test_a_hand_edited_plan_names_the_file_and_line(tmp_path, replace_from, replace_to, message):
    path, line = _saved(tmp_path, replace_from, replace_to)
    with pytest.raises(InputError) as caught:
        op.load_plan(path)
    text = str(caught.value)
    assert text.startswith(f"plan.yaml, line {line}: ") or text.startswith(f"plan.yaml, line {line + 1}: "), text
    assert message in text


@pytest.mark.parametrize(
    "text, message",
    [
        ("format: [unclosed\n", "plan.yaml, line 2: YAML syntax error"),
        ("a: &x 1\nb: *x\n", "plan.yaml, line 1: defines the anchor &x"),
        ("format: cmo-course oversight plan\nformat: again\n", "plan.yaml, line 2: repeats the key 'format'"),
        ("- a list\n", 'plan.yaml is not a saved oversight plan (no "format: cmo-course oversight plan")'),
        (
            "format: cmo-course oversight plan\nversion: 2\n",
            "plan.yaml, line 2: plan version 2 is not supported; expected 1.",
        ),
        (
            "format: cmo-course oversight plan\nversion: 1\nprofile: text\n",
            "plan.yaml, line 3: 'profile' must be a mapping",
        ),
        ("format: cmo-course oversight plan\nversion: 1\nextra: 1\n", "plan.yaml, line 3: unknown field 'extra'"),
    ],
)
def test_a_corrupt_plan_file_names_the_file_and_line(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        op.load_plan(_write(tmp_path, text, "plan.yaml"))
    assert message in str(caught.value)


# ---------------------------------------------------------------- Markdown and HTML


def test_markdown_export():
    text = op.to_markdown(op.example_plan())
    assert text.startswith("# Oversight plan: Example antibody XB-1 \\(fictional\\)") is False
    assert text.startswith("# Oversight plan: Example antibody XB-1 (fictional)")
    assert "**Planning aid, not legal advice.**" in text and text.rstrip().endswith("Planning aid, not legal advice.")
    assert (
        "| Review the executed batch record and certificate of analysis before release | per batch | Source: 21 CFR 211.192 | each planned batch |"
        in text
    )
    assert "| Periodic GMP audit of the CDMO | twice a year | course's suggestion | Apr 2027 |" in text
    assert "| On-time delivery |" in text and "| 90% of batches |" in text and "agree one with the CDMO" in text
    assert text.count("| 2027-") == EXAMPLE_EVENTS
    assert "- Planning level: high" in text


def test_markdown_escapes_learner_strings():
    p = op.example_plan()
    p.set_notes("periodic_audit", "cold | frozen <b>bold</b>\nsecond line")
    text = op.to_markdown(p)
    assert "cold \\| frozen \\<b\\>bold\\</b\\> second line" in text
    assert "<b>" not in text


def test_html_export_is_standalone_and_escaped():
    p = op.propose(profile(product="<script>alert(1)</script> & Co", quality_agreement_signed=False))
    p.set_notes("periodic_audit", "<img src=x onerror=alert(1)>")
    page = op.to_html(p)
    assert page.startswith("<!DOCTYPE html>") and page.count("Planning aid, not legal advice.") >= 2
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "http" not in page
    assert page.count("<table") == 3
    assert "<strong>Check</strong>: The quality agreement is not signed yet" in page


# ---------------------------------------------------------------- iCalendar


def unfold(text: str) -> list[str]:
    """RFC 5545 section 3.1: a CRLF followed by a space or tab continues the previous line."""
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_ics(text: str) -> list[dict]:
    """The events of an iCalendar text: {property name: (parameters, value)}; checks the nesting."""
    events, current, stack = [], None, []
    for line in unfold(text):
        name_params, value = line.split(":", 1)
        name, *params = name_params.split(";")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            assert name not in current, name
            current[name] = (params, unescape(value))
    assert stack == []
    return events


def test_ics_parses_back_into_the_calendar():
    p = op.example_plan()
    text = op.to_ics(p, STAMP)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cmo-course//Oversight plan//EN\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    events = parse_ics(text)
    calendar = op.calendar(p)
    assert len(events) == len(calendar) == EXAMPLE_EVENTS
    for parsed, event in zip(events, calendar, strict=True):
        assert parsed["DTSTART"] == (["VALUE=DATE"], event.date.strftime("%Y%m%d"))
        end = datetime.strptime(parsed["DTEND"][1], "%Y%m%d").date()
        assert parsed["DTEND"][0] == ["VALUE=DATE"] and (end - event.date).days == 1  # all-day
        assert parsed["SUMMARY"][1] == f"{event.title} ({p.profile.cdmo})"
        assert parsed["DTSTAMP"][1] == "20261201T093000Z"
        assert "Planning aid, not legal advice." in parsed["DESCRIPTION"][1]
    uids = [e["UID"][1] for e in events]
    assert len(set(uids)) == len(uids) and all(re.fullmatch(r"[a-z0-9_-]+@cmo-course\.oversight-plan", u) for u in uids)


def test_ics_uids_are_stable_and_differ_between_plans():
    p = op.example_plan()
    first = [e["UID"][1] for e in parse_ics(op.to_ics(p, STAMP))]
    p.set_notes("periodic_audit", "edited")
    again = [e["UID"][1] for e in parse_ics(op.to_ics(p))]  # another stamp, edited notes
    assert again == first
    other = op.propose(profile(product="Another product (fictional)", risk="high", history="prior Form 483"))
    assert not set(first) & {e["UID"][1] for e in parse_ics(op.to_ics(other, STAMP))}


def test_ics_escapes_text_and_folds_long_lines():
    p = op.example_plan()
    tricky = "a, b; c \\ d\nnew line\r\nand a tab\tand a bell\x07 — é漢字 " + "long " * 40
    p.set_notes("periodic_audit", tricky)
    text = op.to_ics(p, STAMP)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    audit = next(e for e in parse_ics(text) if e["UID"][1].startswith("periodic_audit-001"))
    # Back as typed, except the bell (a control character TEXT may not hold) and CRLF (one newline).
    assert "Notes: a, b; c \\ d\nnew line\nand a tab\tand a bell  — é漢字 long long" in audit["DESCRIPTION"][1]


def test_ics_with_the_product_name_escaped_in_the_calendar_name():
    p = op.propose(profile(product="Alpha, Beta; Gamma", cdmo="X\\Y"))
    line = next(line for line in unfold(op.to_ics(p, STAMP)) if line.startswith("X-WR-CALNAME:"))
    assert line == "X-WR-CALNAME:Oversight: Alpha\\, Beta\\; Gamma at X\\\\Y"


def test_export_by_file_ending(tmp_path):
    p = op.example_plan()
    for name, start in (
        ("plan.md", "# Oversight plan"),
        ("plan.html", "<!DOCTYPE html>"),
        ("plan.HTM", "<!DOCTYPE html>"),
        ("plan.ics", "BEGIN:VCALENDAR"),
    ):
        path = op.export(p, tmp_path / name, STAMP)
        assert path.read_bytes().decode("utf-8").startswith(start)
    assert b"\r\n" in (tmp_path / "plan.ics").read_bytes() and b"\r\n" not in (tmp_path / "plan.md").read_bytes()
    with pytest.raises(InputError, match="The export file must end in .md, .html or .ics .*; got 'plan.pdf'"):
        op.export(p, tmp_path / "plan.pdf")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InputError, match="folder.md is a folder, not a file: give the path of a .md file"):
        op.export(p, tmp_path / "folder.md")


# ---------------------------------------------------------------- charts


def test_calendar_chart_and_alt_text():
    p = op.example_plan()
    fig = op.plot(p)
    points = sum(len(line.get_xdata()) for line in fig.axes[0].get_lines())
    assert points == EXAMPLE_EVENTS
    alt = op.chart_alt_text(p)
    assert alt.startswith(
        "Timeline of the oversight plan for Example antibody XB-1 (fictional) at Example Biologics Co. (fictional), 2027-01-04 to 2028-01-03: "
    )
    assert "Periodic GMP audit of the CDMO: Apr 2027, Oct 2027" in alt
    p.set_frequency("periodic_audit", "not this year")
    assert "Periodic GMP audit of the CDMO: not in this year's calendar" in op.chart_alt_text(p)


def test_names_with_dollar_signs_are_drawn_literally():
    p = op.propose(profile(product=r"$\alpha$-mab", cdmo="Cost$ $Co"))
    p.add_item("$x^2$ check", "quarterly")
    drawn = drawn_texts(op.plot(p))
    assert r"Oversight calendar: $\alpha$-mab at Cost$ $Co" in drawn and "$x^2$ check" in drawn
    records = [
        op.new_record("$B^1$", "2027-01-04", deviations=1),
        op.new_record(r"$\frac$", "2027-02-04", deviations=2),
    ]
    drawn = drawn_texts(op.plot_trend(records, "deviations"))
    assert "$B^1$" in drawn and r"$\frac$" in drawn


def test_trend_chart_and_alt_text():
    records = op.example_records()
    fig = op.plot_trend(records, "on_time", 90)
    line, target = fig.axes[0].get_lines()
    assert [round(y) for y in line.get_ydata()] == [100, 50, 67, 75, 80, 83]
    assert list(target.get_ydata()) == [90, 90]
    alt = op.trend_alt_text(records, "on_time", 90)
    assert alt.startswith(
        "Line chart of On-time delivery (running share of batches that said yes, higher is better) over 6 batches: XB1-001 (2027-01-04) 100%;"
    )
    assert alt.endswith("Target: 90%.")
    assert op.trend_alt_text(records, "deviations").endswith("XB1-006 (2028-04-03) 0.")
    assert op.trend_alt_text([], "deviations") == "Line chart of Deviations: no batch has recorded it yet."
    assert len(op.plot_trend([], "deviations").axes[0].get_lines()[0].get_xdata()) == 0
    with pytest.raises(InputError, match=r"Target for On-time delivery \(% of batches\) must be between 0 and 100"):
        op.plot_trend(records, "on_time", 900)


# ---------------------------------------------------------------- the form


def _widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def test_form_fallback_is_deterministic_and_no_widget_is_bounded():
    first, second = op.form(op.example_plan()), op.form(op.example_plan())
    assert first._repr_mimebundle_()["text/plain"] == second._repr_mimebundle_()["text/plain"]
    assert first.fallback_html() == second.fallback_html()
    text = first.fallback_text()
    assert "With these starting values: planning level high; the year's calendar holds 22 events" in text
    assert "- Periodic GMP audit of the CDMO: twice a year (course's suggestion)" in text
    assert "before release: per batch (Source: 21 CFR 211.192)" in text and "Planning aid, not legal advice." in text
    assert not [w for w in _widgets(first.widget) if "Bounded" in type(w).__name__]


def test_form_update_add_and_propose():
    form = op.form(op.example_plan())
    assert form.submit("update") and form.result.items == op.example_plan().items
    _item, frequency, month, notes = form.rows["periodic_audit"]
    frequency.value, month.value, notes.value = "quarterly", 2, "with the new QA head"
    form.targets["deviations"].value = "1"
    assert form.submit("update")
    audit = form.plan.item("periodic_audit")
    assert (audit.frequency, audit.first_month, audit.notes) == ("quarterly", 2, "with the new QA head")
    assert form.plan.kpi_targets["deviations"] == 1.0
    form.new_title.value = "Person-in-plant visit"
    assert form.submit("add") and "person_in_plant_visit" in form.rows and form.new_title.value == ""
    form.profile["risk"].value = "low"
    form.profile["history"].value = "good record"
    assert form.submit("propose")
    assert form.plan.item("periodic_audit").frequency == "every 2 years" and "person_in_plant_visit" not in form.rows
    assert form.rows["periodic_audit"][1].value == "every 2 years"


@pytest.mark.parametrize(
    "set_value, shown",
    [
        (
            lambda f: setattr(f.rows["periodic_audit"][2], "value", 13),
            "First month of &#x27;Periodic GMP audit of the CDMO&#x27; (1-12) must be a whole number between 1 and 12; got 13.",
        ),
        (
            lambda f: setattr(f.profile["batches"], "value", 1.5),
            "Batches planned in the year must be a whole number between 0 and 366; got 1.5.",
        ),
        (lambda f: setattr(f.profile["start"], "value", "next Monday"), "Start date must be a date written YYYY-MM-DD"),
        (lambda f: setattr(f.profile["product"], "value", " "), "Product must not be empty."),
        (lambda f: setattr(f.targets["on_time"], "value", "150"), "must be between 0 and 100; got 150"),
    ],
)
def test_form_shows_the_message_and_no_result_for_a_bad_entry(set_value, shown):
    form = op.form(op.example_plan())
    assert form.submit("update")
    before = form.plan
    set_value(form)
    # Propose rebuilds the rows from the profile, so an activity row's bad entry stops only the others.
    actions = ("update", "save", "add") if "First month" in shown else ("update", "save", "add", "propose")
    for action in actions:
        assert form.submit(action) is False, action
        assert form.result is None and form.output.outputs == ()
        assert shown in form.message.value
    assert form.plan is before  # the last good plan is kept; nothing computed from the bad value
    if shown.startswith("First month"):
        assert form.rows["periodic_audit"][2].value == 13  # kept as typed, not clamped


def test_form_saves_every_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = op.form(op.example_plan())
    form.file_stem.value = "../elsewhere"
    assert form.submit("save") is False and "without folders" in form.message.value
    form.file_stem.value = "my_plan"
    assert form.submit("save")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_plan.html", "my_plan.ics", "my_plan.md", "my_plan.yaml"]
    assert op.plan_to_dict(op.load_plan(tmp_path / "my_plan.yaml")) == op.plan_to_dict(form.plan)
    assert len(parse_ics((tmp_path / "my_plan.ics").read_bytes().decode("utf-8"))) == EXAMPLE_EVENTS


def test_form_save_into_an_unwritable_folder_shows_a_message(monkeypatch):
    monkeypatch.chdir("/proc")
    form = op.form(op.example_plan())
    assert form.submit("save") is False and form.result is None
    assert "does not take new files" in form.message.value


def test_form_records_batches_and_shows_the_trend(tmp_path):
    form = op.form(op.example_plan())
    path = tmp_path / "kpis.csv"
    form.records_path.value = str(path)
    form.batch.value, form.batch_date.value = "B-1", "2027-01-10"
    form.values["on_time"].value, form.values["deviations"].value = "yes", "2"
    assert form.submit("record") and [r.batch for r in form.result] == ["B-1"]
    assert op.load_records(path)[0].values["deviations"] == 2
    form.batch.value, form.values["deviations"].value = "B-2", "two"
    assert form.submit("record") is False
    assert "Deviations for batch &#x27;B-2&#x27; must be a number" in form.message.value
    assert [r.batch for r in op.load_records(path)] == ["B-1"]
    form.trend_kpi.value = "deviations"
    assert form.submit("trend") and len(form.result) == 1
    form.records_path.value = str(tmp_path / "missing.csv")
    assert form.submit("trend") is False and "No file at" in form.message.value


# ---------------------------------------------------------------- lazy imports


def test_the_model_imports_no_view_and_the_package_no_heavy_module():
    package = "cmo_course.tools.oversight_plan"
    code = (
        "import importlib.util, sys, types; "
        f"sys.modules['{package}'] = types.ModuleType('{package}'); sys.modules['{package}'].__path__ = "
        "[str(__import__('pathlib').Path(importlib.util.find_spec('cmo_course.tools').origin).parent / 'oversight_plan')]; "
        f"import {package}.model; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'matplotlib', 'jinja2', 'IPython') "
        f"or m in ('{package}.report', '{package}.chart', '{package}.form', 'cmo_course.tools.common.views')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = (
        f"import sys, {package}; "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'jinja2', 'IPython', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
