"""Tool forms (ipywidgets): fallbacks, messages instead of tracebacks; lazy imports; citations."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from cmo_course.reference_pages import reference_labels
from cmo_course.tools import build_vs_outsource as bvo
from cmo_course.tools import qa_planner as qa
from cmo_course.tools import scorecard as sc
from cmo_course.tools.data import DATA_DIR
from cmo_course.validate import cited_labels

FIXTURES = Path(__file__).parent / "fixtures" / "tools"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# Every tool package (a folder of cmo_course.tools with a model module): a new tool joins these tests.
TOOLS = tuple(
    sorted(
        info.name
        for info in pkgutil.iter_modules(importlib.import_module("cmo_course.tools").__path__)
        if info.ispkg and importlib.util.find_spec(f"cmo_course.tools.{info.name}.model") is not None
    )
)
HEAVY = ("ipywidgets", "matplotlib", "jinja2", "IPython")


def _loaded_after(code: str, names) -> list[str]:
    probe = f"import sys; {code}; print(','.join(m for m in {tuple(names)!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return [m for m in out.strip().split(",") if m]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_model_imports_no_view(tool):
    package = f"cmo_course.tools.{tool}"
    views = [f"{package}.{layer}" for layer in ("report", "chart", "form")]
    views += [f"cmo_course.tools.{other}" for other in TOOLS if other != tool]
    views += ["cmo_course.tools.common.templates", "cmo_course.tools.common.views", "cmo_course.tools.common.form"]
    # Import the model module alone: executing its package's __init__ would import the views.
    code = (
        "import importlib.util, sys, types; "
        f"sys.modules['{package}'] = types.ModuleType('{package}'); sys.modules['{package}'].__path__ = "
        f"[str(__import__('pathlib').Path(importlib.util.find_spec('cmo_course.tools').origin).parent / '{tool}')]; "
        f"import {package}.model"
    )
    assert _loaded_after(code, (*HEAVY, *views)) == []


def test_importing_the_tools_loads_no_widgets_or_matplotlib():
    code = (
        f"import sys; import {', '.join(f'cmo_course.tools.{tool}' for tool in TOOLS)}; "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'jinja2', 'IPython') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_tool_is_tested_here():
    assert set(TOOLS) >= {"build_vs_outsource", "scorecard", "qa_planner", "term_sheet"}


@pytest.mark.parametrize("tool", TOOLS)
def test_form_bundle_has_widget_and_deterministic_fallbacks(tool):
    make = importlib.import_module(f"cmo_course.tools.{tool}").form
    first, second = make()._repr_mimebundle_(), make()._repr_mimebundle_()
    assert WIDGET_VIEW in first
    assert first["text/plain"] == second["text/plain"] and first["text/html"] == second["text/html"]
    assert "run the notebook to use this form" in first["text/plain"]
    assert "0x" not in first["text/plain"] and "model_id" not in first["text/html"]


def test_bvo_form_computes_and_never_clamps_its_inputs():
    form = bvo.form()
    assert form.submit() and form.result.cheaper == "outsource"
    boxes = {w.description: w for w in form.fields}
    boxes["Facility capital cost (USD millions)"].value = 5
    boxes["Plant fixed running cost per year (USD millions)"].value = 0
    assert form.submit() and form.result.cheaper == "build"
    assert form.result.inputs.capital_cost == 5e6
    rate = boxes["Success rate after Phase I (0-1)"]
    rate.value = 1.5  # kept as typed (a bounded box would clamp it to 1): the form says what to fix
    assert rate.value == 1.5
    assert form.submit() is False and form.result is None
    assert "Success rate after Phase I must be between 0 and 1; got 1.5." in form.message.value
    rate.value = 0.5
    boxes["Discount rate per year"].value = -3
    assert form.submit() is False and boxes["Discount rate per year"].value == -3
    assert "Discount rate per year must be between 0 and 0.5; got -3" in form.message.value


def test_bvo_form_shows_a_message_instead_of_a_traceback(monkeypatch):
    form = bvo.form()

    def broken(inputs):
        raise bvo.InputError("Facility capital cost (USD) must be between 0 and 100,000,000,000; got -1.")

    monkeypatch.setattr(bvo.model, "compare", broken)
    assert form.submit() is False
    assert "Please fix: Facility capital cost (USD) must be between 0" in form.message.value


def _scorecard_form_with(path=""):
    form = sc.form()
    form.fields[0].value = str(path)
    return form


def test_scorecard_form_ranks_and_reports_csv_errors():
    form = _scorecard_form_with()
    assert form.submit() and form.result.winner == "Example Biologics Co. (fictional)"
    form = _scorecard_form_with(FIXTURES / "word_in_score.csv")
    assert form.submit() is False
    assert "row 3, column &#x27;cost&#x27;: must be a number (between 1 and 5)" in form.message.value
    form = _scorecard_form_with(FIXTURES / "does_not_exist.csv")
    assert form.submit() is False and "No file at" in form.message.value


def test_scorecard_form_takes_a_csv_path():
    form = sc.form(FIXTURES / "valid_with_extras.csv")
    assert form.submit() and form.result.winner == "B (fictional)"
    with pytest.raises(sc.InputError, match="row 3, column 'cost'"):
        sc.form(str(FIXTURES / "word_in_score.csv"))


def test_scorecard_form_weights():
    form = _scorecard_form_with()
    weights = [w for w in form.fields[1:]]
    for box in weights:
        box.value = 0
    assert form.submit() is False and "At least one weight must be more than 0." in form.message.value
    weights[0].value = 20  # kept as typed (a bounded box would clamp it to 10): the form says what to fix
    assert form.submit() is False and weights[0].value == 20 and form.result is None
    assert "Weight for Regulatory and inspection history must be between 0 and 10; got 20" in form.message.value
    weights[0].value = 10
    assert form.submit() and form.message.value == ""


def test_qa_form_checks_and_saves(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = qa.form(qa.example_plan())
    assert form.submit("check")
    assert [f.activity_id for f in form.result.conflicts] == ["subcontracting"]
    assert [f.activity_id for f in form.result.needs_notes] == [
        "process_validation",
        "data_integrity",
        "change_suppliers",
    ]
    form.choices["subcontracting"].value = "owner"
    form.choices["change_suppliers"].value = "both"
    form.notes["change_suppliers"].value = "Facility proposes; owner approves."
    form.choices["termination"].value = "both"
    form.notes["termination"].value = "Owner keeps the records."
    assert form.submit("check") and form.result.conflicts == () and form.result.missing == ()
    form.file_stem.value = "../elsewhere"
    assert form.submit("save") is False and "without folders" in form.message.value
    form.file_stem.value = "my_plan"
    assert form.submit("save")
    assert qa.load_plan(tmp_path / "my_plan.json") == form.plan
    assert "Planning aid, not legal advice." in (tmp_path / "my_plan.md").read_text(encoding="utf-8")
    assert (tmp_path / "my_plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_citation_in_tool_output_uses_a_known_label():
    labels = reference_labels()
    card = sc.rank(sc.sample_candidates())
    texts = [
        bvo.report_text(bvo.compare()),
        sc.report_text(card, sc.weight_effects(sc.sample_candidates())),
        qa.to_markdown(qa.example_plan()),
        *(p.read_text(encoding="utf-8") for p in DATA_DIR.glob("*.yaml")),
        *(p.read_text(encoding="utf-8") for p in DATA_DIR.parent.glob("**/templates/*.j2")),
    ]
    found = {label for text in texts for label in cited_labels(text)}
    assert found and found <= labels, found - labels


def test_views_display_through_repr_mimebundle():
    from cmo_course.tools.common.views import ChartView

    result = bvo.compare()
    report = bvo.report.view(result)
    assert report._repr_mimebundle_() == {"text/plain": bvo.report_text(result), "text/html": bvo.report_html(result)}
    data, metadata = ChartView(bvo.plot(result), bvo.chart_alt_text(result))._repr_mimebundle_()
    assert data["image/png"] and data["text/plain"] == "[Figure] " + bvo.chart_alt_text(result)
    assert metadata == {"image/png": {"alt": bvo.chart_alt_text(result)}}
    with pytest.raises(ValueError, match="alt text"):
        ChartView(bvo.plot(result), " ")
