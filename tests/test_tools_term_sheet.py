"""Term-sheet checker: the terms from the brief, sourced findings (right, wrong and untouched input for
each check), editable thresholds, the cancellation cost, YAML and CSV save and load, escaped exports,
the chart and the form (ipywidgets driven in-process)."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cmo_course.reference_pages import reference_labels
from cmo_course.tools import term_sheet as ts
from cmo_course.tools.data import DATA_DIR
from cmo_course.tools.validation import InputError

SCRIPT = "<script>alert(1)</script> & co"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def sheet_with(term_id, **values):
    """A fresh sheet with one term entered."""
    sheet = ts.new_term_sheet("Test draft (fictional)", "Sponsor Inc. (fictional)", "CDMO Co. (fictional)")
    for field_id, value in values.items():
        sheet.set(term_id, field_id, value)
    return sheet


def kinds(sheet, term_id):
    return [flag.kind for flag in ts.check(sheet).row(term_id).flags]


def question_texts(sheet, term_id):
    return [q.text for q in ts.check(sheet).row(term_id).questions]


# ---------------------------------------------------------------- the items


def test_doctests_pass():
    for module in (ts, ts.model):
        assert doctest.testmod(module).failed == 0


def test_terms_follow_the_brief():
    assert [t.id for t in ts.terms()] == [
        "pricing",
        "slot_reservation",
        "cancellation",
        "failed_batch",
        "liability",
        "acceptance",
        "ip",
        "tech_transfer_out",
        "audit",
        "subcontracting",
        "change_notification",
        "records_access",
    ]
    pricing = ts.term_by_id("pricing").field("model").choices
    assert {"fixed price per batch", "fixed price per stage", "time and materials"} <= set(pricing)
    ip = {f.id for f in ts.term_by_id("ip").fields}
    assert {"background_kept", "developed_product", "platform_improvements"} <= ip
    assert ts.term_by_id("cancellation").field("schedule").kind == "schedule"


def _sources():
    for term in ts.terms():
        yield term.missing_question.source
        for item in term.checks:
            yield item.source
    for item in ts.thresholds():
        yield item.source


def test_every_source_is_a_known_reference_label():
    labels = reference_labels()
    for source in filter(None, _sources()):
        assert source.split(",")[0] in labels, source


def test_unusual_only_where_a_source_states_the_common_practice():
    unusual = [(term.id, c) for term in ts.terms() for c in term.checks if c.kind == "unusual"]
    assert unusual, "the checker should flag unusual terms somewhere"
    for term_id, item in unusual:
        assert item.source and item.common_practice, term_id
    for term in ts.terms():
        for item in term.checks:
            if item.kind == "against_guidance":
                assert item.source, term.id


def test_the_data_file_rules_refuse_an_unsourced_unusual_check():
    term = ts.term_by_id("ip")
    broken = ts.model.Check("unusual", "Odd.", ({"field": "developed_product", "is": ["CDMO"]},))
    with pytest.raises(ValueError, match="needs a source and the common practice"):
        ts.model._check_term_spec(
            ts.Term(term.id, term.title, "", term.fields, term.missing_question, (broken,)), set()
        )
    wrong_value = ts.model.Check("question", "Q?", ({"field": "developed_product", "is": ["nobody"]},))
    with pytest.raises(ValueError, match="cannot be 'nobody'"):
        ts.model._check_term_spec(
            ts.Term(term.id, term.title, "", term.fields, term.missing_question, (wrong_value,)), set()
        )


def test_every_threshold_shows_its_source_or_the_course_suggestion():
    for item in ts.thresholds():
        assert item.attribution == (f"Source: {item.source}" if item.source else "course's suggestion")
        assert item.minimum <= item.value <= item.maximum
    sourced = {t.id: t.source for t in ts.thresholds() if t.source}
    assert sourced == {
        "audits_per_year_min": "PharmTech clinical supply 2007",
        "record_retention_min_years": "21 CFR 211.180, paragraph (a)",
    }
    assert ts.default_thresholds()["acceptance_min_days"] == 30


# ---------------------------------------------------------------- present or missing


def test_an_untouched_sheet_reports_every_term_missing_with_a_question():
    result = ts.check(ts.new_term_sheet())
    assert result.missing == tuple(t.id for t in ts.terms())
    for row in result.rows:
        assert row.status == "missing" and row.flags == () and len(row.questions) == 1


def test_a_term_is_present_once_anything_is_entered():
    sheet = sheet_with("tech_transfer_out", text="Sponsor may move the process.")
    assert ts.check(sheet).row("tech_transfer_out").present
    sheet.set("tech_transfer_out", "text", "")
    assert not ts.check(sheet).row("tech_transfer_out").present
    sheet.set("audit", "routine_audits", "yes")
    sheet.clear("audit")
    assert "audit" in ts.check(sheet).missing


def test_not_stated_clears_a_field():
    sheet = sheet_with("pricing", model="time and materials")
    sheet.set("pricing", "model", "not stated")
    assert sheet.get("pricing", "model") is None and "pricing" in ts.check(sheet).missing


# ---------------------------------------------------------------- findings: right, wrong, untouched

# (term, wrong entry -> this finding kind, right entry -> none of that kind, untouched -> none of that kind)
FLAG_CASES = [
    (
        "failed_batch",
        "unusual",
        {"remedy": "re-manufacture at the sponsor's cost", "depends_on_cause": "no"},
        {"remedy": "re-manufacture at the sponsor's cost", "depends_on_cause": "yes"},
        {"sole_remedy": "yes"},
    ),
    ("ip", "unusual", {"developed_product": "CDMO"}, {"developed_product": "sponsor"}, {"background_kept": "yes"}),
    ("ip", "unusual", {"platform_improvements": "sponsor"}, {"platform_improvements": "CDMO"}, {"text": "IP: see MSA"}),
    (
        "subcontracting",
        "against_guidance",
        {"approval": "nothing: the CDMO chooses freely"},
        {"approval": "the sponsor's prior written approval"},
        {"text": "Subcontracting: to be agreed."},
    ),
    (
        "change_notification",
        "against_guidance",
        {"approval": "the sponsor is told after the change"},
        {"approval": "the sponsor approves before the change"},
        {"notice_days": 60},
    ),
    ("audit", "against_guidance", {"routine_audits": "no"}, {"routine_audits": "yes"}, {"for_cause": "yes"}),
    (
        "records_access",
        "against_guidance",
        {"retention_years": 0.5},
        {"retention_years": 1},
        {"access": "copies on request"},
    ),
    ("acceptance", "threshold", {"window_days": 10}, {"window_days": 30}, {"starts": "receipt of the batch"}),
    ("liability", "threshold", {"cap_multiple": 0.5}, {"cap_multiple": 2}, {"cap_basis": "no cap"}),
    ("audit", "threshold", {"audits_per_year": 0}, {"audits_per_year": 1}, {"routine_audits": "yes"}),
    ("cancellation", "threshold", {"schedule": "0: 150"}, {"schedule": "180: 0; 0: 100"}, {"batches": 2}),
]


@pytest.mark.parametrize("term_id, kind, wrong, right, untouched", FLAG_CASES)
def test_each_finding_for_wrong_right_and_untouched_entries(term_id, kind, wrong, right, untouched):
    assert kind in kinds(sheet_with(term_id, **wrong), term_id)
    assert kind not in kinds(sheet_with(term_id, **right), term_id)
    assert kind not in kinds(sheet_with(term_id, **untouched), term_id)


def test_an_unusual_finding_quotes_the_common_practice_and_its_source():
    flag = ts.check(sheet_with("ip", developed_product="CDMO")).row("ip").flags[0]
    assert flag.kind == "unusual" and flag.source == "Brooks CDMO IP article"
    assert "typically belongs to the customer" in flag.common_practice
    failed = ts.check(sheet_with("failed_batch", remedy="re-manufacture at the sponsor's cost")).row("failed_batch")
    assert [f.source for f in failed.flags] == ["Contract Pharma 2003"]  # "not stated" cause: still unusual


def test_joint_ip_is_a_question_not_unusual():
    sheet = sheet_with("ip", developed_product="joint")
    assert kinds(sheet, "ip") == []
    assert any("Joint ownership" in text for text in question_texts(sheet, "ip"))


def test_change_notification_against_guidance_says_informed_and_approves():
    flag = (
        ts.check(sheet_with("change_notification", approval="the sponsor is told before the change"))
        .row("change_notification")
        .flags[0]
    )
    assert "informed and approves them" in flag.text and flag.source == "ICH Q7, section 16, clause 16.16"


def test_threshold_findings_use_the_learners_threshold_and_show_its_source():
    sheet = sheet_with("acceptance", window_days=20)
    flag = ts.check(sheet).row("acceptance").flags[0]
    assert flag.kind == "threshold" and "20 days, shorter than the 30 days" in flag.text
    assert flag.attribution == "course's suggestion"
    sheet.set_threshold("acceptance_min_days", 14)
    assert kinds(sheet, "acceptance") == []
    audit = ts.check(sheet_with("audit", audits_per_year=0)).row("audit").flags[0]
    assert audit.source == "PharmTech clinical supply 2007"
    records = ts.check(sheet_with("records_access", retention_years=0)).row("records_access").flags[0]
    assert records.kind == "against_guidance" and "at least 1 year" in records.text


def test_cancellation_thresholds():
    sheet = sheet_with("cancellation", schedule="180: 50; 90: 100; 0: 120")
    texts = [f.text for f in ts.check(sheet).row("cancellation").flags]
    assert texts[0].startswith("The fee reaches 120% of the batch price, above your limit of 100%")
    assert texts[1].startswith("With 180 days' notice you would still pay 50% of the batch price")
    sheet.set_threshold("cancellation_max_fee_percent", 150)
    sheet.set_threshold("cancellation_free_notice_days", 60)
    assert [f.text[:14] for f in ts.check(sheet).row("cancellation").flags] == ["With 60 days' "]
    sheet.set("cancellation", "schedule", "60: 0; 0: 100")
    assert ts.check(sheet).row("cancellation").flags == ()


def test_thresholds_at_their_default_are_not_stored():
    sheet = ts.new_term_sheet()
    sheet.set_threshold("acceptance_min_days", "45")
    assert sheet.limits == {"acceptance_min_days": 45} and sheet.threshold("acceptance_min_days") == 45
    sheet.set_threshold("acceptance_min_days", 30)
    assert sheet.limits == {}


# ---------------------------------------------------------------- questions


def test_questions_carry_a_source_or_the_course_suggestion():
    sheet = sheet_with("pricing", model="time and materials")
    row = ts.check(sheet).row("pricing")
    attributions = {q.text[:41]: q.attribution for q in row.questions}
    assert attributions["Are raw materials, consumables and outsid"] == "Source: Berglund 2019"
    assert attributions["Ask for an estimate of the hours and mate"] == "course's suggestion"
    sheet.set("pricing", "materials_on_top", "no")
    sheet.set("pricing", "change_orders_signed", "yes")
    sheet.set("pricing", "batch_price_usd", 500000)
    sheet.set("pricing", "model", "fixed price per batch")
    assert ts.check(sheet).row("pricing").questions == ()


def test_missing_questions_cite_their_sources():
    result = ts.check(ts.new_term_sheet())
    assert result.row("subcontracting").questions[0].source == "ICH Q7, section 16, clause 16.14"
    assert result.row("audit").questions[0].source == "ICH Q7, section 16, clause 16.13"


# ---------------------------------------------------------------- the example


def test_example_term_sheet_shows_each_kind_of_finding():
    result = ts.check(ts.example_term_sheet())
    assert result.missing == ("tech_transfer_out", "records_access")
    assert result.flagged("unusual") == ("failed_batch", "ip")
    assert result.flagged("against_guidance") == ("subcontracting", "change_notification")
    assert result.flagged("threshold") == ("cancellation", "acceptance")
    sheet = ts.example_term_sheet()
    assert "(fictional)" in sheet.title and "(fictional)" in sheet.sponsor and "(fictional)" in sheet.cdmo


# ---------------------------------------------------------------- cancellation cost


def test_cancellation_costs_follow_the_schedule_and_batch_price():
    sheet = ts.example_term_sheet()
    points = [(p.notice_days, p.fee_percent, p.cost_usd) for p in ts.cancellation_costs(sheet)]
    assert points == [(0, 120.0, 2_040_000.0), (90, 100.0, 1_700_000.0), (180, 50.0, 850_000.0)]
    sheet.set("pricing", "batch_price_usd", None)
    assert [p.cost_usd for p in ts.cancellation_costs(sheet)] == [None, None, None]
    assert ts.cancellation_costs(ts.new_term_sheet()) == []


def test_batches_default_to_one_and_the_free_notice_point_is_added():
    sheet = sheet_with("cancellation", schedule="30: 50; 0: 100")
    sheet.set("pricing", "batch_price_usd", 1000)
    points = [(p.notice_days, p.cost_usd) for p in ts.cancellation_costs(sheet)]
    assert points == [(0, 1000.0), (30, 500.0), (180, 500.0)]


@pytest.mark.parametrize("days, expected", [(0, 100), (29, 100), (30, 50), (89, 50), (90, 0), (400, 0)])
def test_fee_percent_at(days, expected):
    assert ts.fee_percent_at("90: 0; 30: 50; 0: 100", days) == expected


def test_fee_below_every_tier_is_the_tier_with_least_notice():
    assert ts.fee_percent_at("60: 25; 30: 80", 10) == 80


@pytest.mark.parametrize(
    "value, expected",
    [
        ("180: 0; 90: 50; 0: 100", [(180, 0), (90, 50), (0, 100)]),
        ("0 days: 100%\n90 days : 50 %", [(90, 50), (0, 100)]),
        ([(0, 100), {"notice_days": 30, "fee_percent": 60}], [(30, 60), (0, 100)]),
        ("", []),
    ],
)
def test_parse_schedule(value, expected):
    assert [(t.notice_days, t.fee_percent) for t in ts.parse_schedule(value)] == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("90 50", "tier 1: write 'days of notice: fee %'"),
        ("90: 50; 90: 70", "90 days of notice appears twice"),
        ("-1: 50", "Notice (days) must be a whole number between 0 and 3650"),
        ("30.5: 50", "whole number"),
        ("30: lots", "Fee (% of the batch price) must be a number"),
        ("30: 2000", "between 0 and 1000"),
        ([{"notice_days": 1}], "exactly notice_days and fee_percent"),
        (42, "must be text such as"),
    ],
)
def test_bad_schedules(value, message):
    with pytest.raises(InputError, match=re.escape(message)):
        ts.parse_schedule(value)


# ---------------------------------------------------------------- save and load


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".csv"])
def test_save_and_load_round_trip(tmp_path, suffix):
    sheet = ts.example_term_sheet()
    sheet.set("audit", "text", 'Audit annuel — Zürich, "quoted", with commas')
    sheet.set_threshold("acceptance_min_days", 21)
    path = ts.save_term_sheet(sheet, tmp_path / f"terms{suffix}")
    loaded = ts.load_term_sheet(path)
    assert loaded == sheet
    assert ts.to_markdown(loaded) == ts.to_markdown(sheet)
    assert [p.name for p in tmp_path.iterdir()] == [f"terms{suffix}"]  # no temporary file left behind


def test_saved_yaml_is_stamped_and_lists_every_threshold(tmp_path):
    path = ts.save_term_sheet(ts.new_term_sheet(), tmp_path / "t.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Term sheet saved by the cmo-course term-sheet checker. Planning aid, not legal advice.")
    assert set(yaml.safe_load(text)["thresholds"]) == set(ts.default_thresholds())
    assert ts.term_sheet_to_dict(ts.load_term_sheet(path)) == ts.term_sheet_to_dict(ts.new_term_sheet())


def test_the_example_file_reads_as_a_saved_term_sheet(tmp_path):
    copy = tmp_path / "example.yaml"
    copy.write_text((DATA_DIR / ts.EXAMPLE_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    assert ts.load_term_sheet(copy) == ts.example_term_sheet()


def test_hand_written_yaml_with_bare_yes_and_no(tmp_path):
    path = tmp_path / "hand.yaml"
    path.write_text(
        "format: cmo-course term sheet\nversion: 1\ntitle: Hand-made (fictional)\nsponsor: S\ncdmo: C\n"
        "terms:\n  audit: {routine_audits: yes, for_cause: no}\n  cancellation: {schedule: '90: 50; 0: 100'}\n",
        encoding="utf-8",
    )
    sheet = ts.load_term_sheet(path)
    assert sheet.get("audit", "routine_audits") == "yes" and sheet.get("audit", "for_cause") == "no"
    assert ts.fee_percent_at(sheet.get("cancellation", "schedule"), 10) == 100


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_HEAD = "format: cmo-course term sheet\nversion: 1\ntitle: T\nsponsor: S\ncdmo: C\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n- b\n", 'bad.yaml is not a saved term sheet (no "format: cmo-course term sheet")'),
        (GOOD_HEAD.replace("version: 1", "version: 9"), "bad.yaml: term sheet version 9 is not supported"),
        (GOOD_HEAD + "colour: red\n", "bad.yaml: unknown key 'colour'"),
        (GOOD_HEAD + "terms: {payment: {model: x}}\n", "bad.yaml: Unknown term 'payment'"),
        (GOOD_HEAD + "terms: {audit: {colour: red}}\n", "bad.yaml: Unknown field 'colour' of Audit rights"),
        (GOOD_HEAD + "terms: {audit: yes}\n", "bad.yaml: term 'audit' must map field ids to values"),
        (GOOD_HEAD + "terms: [audit]\n", "bad.yaml: 'terms' must map term ids"),
        (
            GOOD_HEAD + "terms: {acceptance: {window_days: soon}}\n",
            "bad.yaml: Acceptance and rejection window: Review period before the batch is deemed accepted (days) "
            "must be a number",
        ),
        (GOOD_HEAD + "terms: {audit: {routine_audits: maybe}}\n", "must be yes, no or not stated; got 'maybe'"),
        (GOOD_HEAD + "thresholds: {acceptance_min_days: -3}\n", "bad.yaml: Shortest review period"),
        (GOOD_HEAD + "thresholds: {speed: 3}\n", "bad.yaml: Unknown threshold 'speed'"),
        (GOOD_HEAD.replace("title: T", "title: ''"), "bad.yaml: Title must not be empty."),
        (
            GOOD_HEAD + "title: again\n",
            "bad.yaml is not a valid term-sheet YAML file (line 6): repeats the key 'title'",
        ),
        (GOOD_HEAD + "x: &a [1]\ny: *a\n", "anchors and aliases are not allowed"),
        (GOOD_HEAD + "terms: {audit: [\n", "bad.yaml is not a valid term-sheet YAML file"),
    ],
)
def test_bad_yaml_files_name_the_file_and_the_problem(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        ts.load_term_sheet(_write(tmp_path, "bad.yaml", text))
    assert message in str(caught.value)


CSV_HEAD = "term,field,value\nsheet,format,cmo-course term sheet\nsheet,version,1\nsheet,title,T\nsheet,sponsor,S\nsheet,cdmo,C\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("name,value\nx,1\n", "bad.csv: row 1 must be the header 'term,field,value'"),
        ("term;field;value\n", "separated by semicolons or tabs"),
        ("", "row 1 must be the header"),
        (CSV_HEAD + "audit,routine_audits\n", "bad.csv, row 7: expected 3 values (term, field, value); got 2"),
        (
            CSV_HEAD + "audit,routine_audits,yes\naudit,routine_audits,no\n",
            "bad.csv, row 8: audit, routine_audits appears twice",
        ),
        (CSV_HEAD + "sheet,colour,red\n", "bad.csv, row 7: unknown sheet field 'colour'"),
        (CSV_HEAD.replace("version,1", "version,one"), "the sheet's version must be a whole number"),
        (CSV_HEAD + "cancellation,schedule,ninety days\n", "bad.csv: Cancellation terms (fee by notice period)"),
        (CSV_HEAD + "audits,routine_audits,yes\n", "bad.csv: Unknown term 'audits'"),
        (CSV_HEAD.replace("sheet,format,cmo-course term sheet\n", ""), "bad.csv is not a saved term sheet"),
    ],
)
def test_bad_csv_files_name_the_row_and_the_problem(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        ts.load_term_sheet(_write(tmp_path, "bad.csv", text))
    assert message in str(caught.value)


def test_a_csv_with_blank_lines_and_a_bom_loads(tmp_path):
    text = "\ufeff" + CSV_HEAD + "\n,,\naudit,routine_audits,Yes\n"
    sheet = ts.load_term_sheet(_write(tmp_path, "ok.csv", text))
    assert sheet.get("audit", "routine_audits") == "yes"


@pytest.mark.parametrize("name", ["terms.txt", "terms.json", "terms"])
def test_only_yaml_and_csv_files(tmp_path, name):
    with pytest.raises(InputError, match="must end in .yaml, .yml or .csv"):
        ts.save_term_sheet(ts.new_term_sheet(), tmp_path / name)
    with pytest.raises(InputError, match="must end in .yaml, .yml or .csv"):
        ts.load_term_sheet(tmp_path / name)


@pytest.mark.parametrize(
    "where, message",
    [
        (lambda tmp: tmp / "no-such-folder" / "t.yaml", "does not exist"),
        (lambda tmp: Path("/proc/t.yaml"), "does not take new files"),
        (lambda tmp: tmp, "is a folder, not a file: give the path of a .yaml or .csv file"),
    ],
)
def test_unwritable_places(tmp_path, where, message):
    with pytest.raises(InputError, match=message):
        ts.save_term_sheet(ts.new_term_sheet(), where(tmp_path))


def test_a_failed_save_keeps_the_old_file_whole(tmp_path, monkeypatch):
    path = ts.save_term_sheet(ts.example_term_sheet(), tmp_path / "t.yaml")
    before = path.read_text(encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match="permission denied; choose a folder you can write to"):
        ts.save_term_sheet(ts.new_term_sheet(), path)
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_permission_denied_on_load(tmp_path, monkeypatch):
    path = ts.save_term_sheet(ts.example_term_sheet(), tmp_path / "t.csv")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(InputError, match="Cannot read .*permission denied"):
        ts.load_term_sheet(path)


# ---------------------------------------------------------------- exports


def _script_sheet():
    sheet = ts.example_term_sheet()
    sheet.title = f"Draft {SCRIPT}"
    sheet.set("audit", "text", f"Audits | {SCRIPT}")
    sheet.set("tech_transfer_out", "text", "<b>bold</b>")
    return sheet


def test_markdown_export_is_stamped_and_escapes_learner_text():
    text = ts.to_markdown(_script_sheet())
    assert text.startswith("# Term-sheet check: Draft &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
    assert "**Planning aid, not legal advice.**" in text and text.rstrip().endswith("Planning aid, not legal advice.")
    assert "<script>" not in text and "<b>" not in text
    assert 'What the draft says: "Audits &#124; &lt;script&gt;' in text
    assert "## 8. Right to transfer the process out (tech transfer out): present" in text
    for row in text.splitlines():
        if row.startswith("| "):
            assert row.count(" | ") in (2, 3), row  # learner pipes never add a column


def test_html_export_is_standalone_stamped_and_escaped():
    page = ts.to_html(_script_sheet())
    assert page.startswith("<!DOCTYPE html>") and page.count("Planning aid, not legal advice.") >= 2
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<b>bold</b>" not in page
    assert "http" not in page  # no external files: works offline


def test_html_tables_are_left_aligned():
    from bs4 import BeautifulSoup

    cells = BeautifulSoup(ts.to_html(ts.example_term_sheet()), "html.parser").select("table td, table th")
    assert cells and all("text-align: left" in cell.get("style", "") for cell in cells)


def test_every_citation_in_the_output_uses_a_known_label():
    labels = reference_labels()
    texts = [
        ts.to_markdown(ts.example_term_sheet()),
        ts.to_markdown(ts.new_term_sheet()),
        (DATA_DIR / "term_sheet_terms.yaml").read_text(encoding="utf-8"),
        *(p.read_text(encoding="utf-8") for p in (DATA_DIR.parent / "term_sheet" / "templates").glob("*.j2")),
    ]
    found = {label.strip() for text in texts for label in re.findall(r"Source: ([^,;)]+)", text)}
    assert found and found <= labels, found - labels


def test_export_report_writes_markdown_and_html(tmp_path):
    sheet = ts.example_term_sheet()
    md = ts.export_report(sheet, tmp_path / "check.md")
    html = ts.export_report(sheet, str(tmp_path / "check.html"))
    assert md.read_text(encoding="utf-8") == ts.to_markdown(sheet)
    assert html.read_text(encoding="utf-8") == ts.to_html(sheet)
    with pytest.raises(InputError, match=r"must end in \.md or \.html; got 'check.pdf'"):
        ts.export_report(sheet, tmp_path / "check.pdf")


# ---------------------------------------------------------------- the chart


def test_chart_draws_the_fee_schedule_in_usd():
    sheet = ts.example_term_sheet()
    fig = ts.plot(sheet)
    ax = fig.axes[0]
    step = ax.lines[0]
    assert max(step.get_ydata()) == 2_040_000 and min(step.get_ydata()) == 850_000
    assert ax.get_ylabel() == "Cost of cancelling (USD)"
    alt = ts.chart_alt_text(sheet)
    assert alt.startswith("Step chart of the cancellation cost by days of notice")
    assert "USD 2,040,000 (120%) with 0 days' notice" in alt and "180 days" in alt


def test_chart_without_a_price_shows_percent_and_without_a_schedule_says_so():
    sheet = sheet_with("cancellation", schedule="30: 50; 0: 100")
    assert ts.plot(sheet).axes[0].get_ylabel() == "Fee (% of the batch price)"
    assert "no batch price entered" in ts.chart_alt_text(sheet)
    empty = ts.new_term_sheet()
    texts = [t.get_text() for t in ts.plot(empty).axes[0].texts]
    assert texts == ["No fee schedule entered"] and "no cancellation fee schedule" in ts.chart_alt_text(empty)


def test_a_title_with_dollar_signs_is_drawn_literally():
    import io

    sheet = ts.example_term_sheet()
    sheet.title = r"$\alpha$-mab $5 draft"
    fig = ts.plot(sheet)
    fig.savefig(io.BytesIO(), format="png")  # a mathtext error would raise here
    title = fig.axes[0].title
    shown, is_math = title._preprocess_math(title.get_text())
    assert not is_math and r"$\alpha$-mab $5 draft" in shown


# ---------------------------------------------------------------- imports stay cheap

HEAVY = ("ipywidgets", "matplotlib", "jinja2", "IPython")


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys; {code}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return [m for m in out.strip().split(",") if m]


def test_importing_the_tool_loads_no_views():
    assert _loaded_after("import cmo_course.tools.term_sheet") == []


def test_the_model_imports_no_view():
    package = "cmo_course.tools.term_sheet"
    code = (
        "import importlib.util, sys, types; "
        f"sys.modules['{package}'] = types.ModuleType('{package}'); sys.modules['{package}'].__path__ = "
        "[str(__import__('pathlib').Path(importlib.util.find_spec('cmo_course.tools').origin).parent / 'term_sheet')]; "
        f"import {package}.model; m = sys.modules['{package}.model']; m.check(m.example_term_sheet()); "
        "assert not any(k.startswith('cmo_course.tools.term_sheet.') and k.split('.')[-1] in "
        "('report', 'chart', 'form') for k in sys.modules)"
    )
    assert _loaded_after(code) == []


# ---------------------------------------------------------------- the form


def test_form_bundle_has_widget_and_deterministic_fallbacks():
    first, second = ts.form()._repr_mimebundle_(), ts.form()._repr_mimebundle_()
    assert WIDGET_VIEW in first
    assert first["text/plain"] == second["text/plain"] and first["text/html"] == second["text/html"]
    assert "run the notebook to use this form" in first["text/plain"]
    assert "Check finds 0 of 12 terms present" in first["text/plain"]
    assert "course&#x27;s suggestion" in first["text/html"] or "course's suggestion" in first["text/html"]
    assert "0x" not in first["text/plain"] and "model_id" not in first["text/html"]


def test_form_uses_no_bounded_widget():
    bounded = [w for w in ts.form().fields if "Bounded" in type(w).__name__]
    assert bounded == []


def test_form_checks_the_example():
    form = ts.form(ts.example_term_sheet())
    assert form.submit("check") and form.message.value == ""
    assert form.result.flagged("unusual") == ("failed_batch", "ip")
    form.boxes["ip", "developed_product"].value = "sponsor"
    form.boxes["subcontracting", "approval"].value = "the sponsor's prior written approval"
    assert form.submit("check")
    assert form.result.flagged("unusual") == ("failed_batch",) and form.result.flagged("against_guidance") == (
        "change_notification",
    )


@pytest.mark.parametrize(
    "box, typed, shown",
    [
        (("acceptance", "window_days"), "-5", "must be a whole number between 0 and 3650; got -5."),
        (("pricing", "batch_price_usd"), "lots", "must be a number"),
        (("cancellation", "schedule"), "ninety: half", "tier 1"),
    ],
)
def test_form_shows_the_api_message_and_no_result_for_a_bad_entry(box, typed, shown):
    form = ts.form(ts.example_term_sheet())
    assert form.submit("check")
    form.output.outputs = ({"output_type": "stream", "name": "stdout", "text": "an earlier result"},)
    form.boxes[box].value = typed
    assert form.submit("check") is False
    assert form.result is None and form.output.outputs == ()
    assert form.boxes[box].value == typed  # kept as typed, never clamped
    assert shown in form.message.value
    assert form.sheet == ts.example_term_sheet()  # the last good sheet is unchanged


def test_form_threshold_boxes_are_unbounded_and_checked():
    form = ts.form()
    box = form.limits["acceptance_min_days"]
    assert "course&#x27;s suggestion" not in box.description and "course's suggestion" in box.description
    box.value = "9999"
    assert form.submit("check") is False and box.value == "9999"
    assert "between 0 and 3650; got 9999" in form.message.value.replace("&#x27;", "'")
    box.value = "14"
    assert form.submit("check") and form.sheet.threshold("acceptance_min_days") == 14


def test_form_saves_four_files_and_loads_them_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = ts.form(ts.example_term_sheet())
    form.names["title"].value = f"Draft {SCRIPT}"
    form.file_stem.value = "../elsewhere"
    assert form.submit("save") is False and "without folders" in form.message.value
    form.file_stem.value = "my_terms"
    assert form.submit("save")
    saved = {p.name for p in tmp_path.iterdir()}
    assert saved == {"my_terms.yaml", "my_terms.csv", "my_terms.md", "my_terms.html"}
    assert "Planning aid, not legal advice." in (tmp_path / "my_terms.md").read_text(encoding="utf-8")
    assert "<script>" not in (tmp_path / "my_terms.html").read_text(encoding="utf-8")
    assert ts.load_term_sheet(tmp_path / "my_terms.csv") == ts.load_term_sheet(tmp_path / "my_terms.yaml")

    fresh = ts.form()
    fresh.load_path.value = "my_terms.csv"
    assert fresh.submit("load")
    assert fresh.names["title"].value == f"Draft {SCRIPT}"
    assert fresh.boxes["cancellation", "schedule"].value == "180 days: 50%; 90 days: 100%; 0 days: 120%"
    assert fresh.boxes["ip", "developed_product"].value == "CDMO"
    assert fresh.sheet == form.sheet and fresh.result.missing == ("tech_transfer_out", "records_access")


def test_form_load_of_a_bad_file_is_a_message(tmp_path):
    form = ts.form()
    form.load_path.value = str(tmp_path / "missing.yaml")
    assert form.submit("load") is False and "No file at" in form.message.value
    form.load_path.value = ""
    assert form.submit("load") is False and "The file to load must not be empty." in form.message.value
    assert form.names["title"].value == "My draft agreement"  # nothing was filled in


def test_form_save_into_an_unwritable_folder_shows_a_message(monkeypatch):
    monkeypatch.chdir("/proc")
    form = ts.form(ts.example_term_sheet())
    assert form.submit("save") is False and form.result is None
    assert "does not take new files" in form.message.value
