"""Oversight planner: a year's calendar of audits, batch-record reviews, KPI reviews and steering
committees for one CDMO, a KPI sheet, and KPI values recorded per batch with a trend chart per KPI.

The package's modules, each importing only those below it:

- `form`: the ipywidgets form (calls `report` and `chart`);
- `report`: the plan as Markdown or HTML (jinja2 templates in `templates/`) and as an iCalendar file
  (RFC 5545), exported by `export`; `chart`: the calendar timeline (`plot`) and a KPI's trend
  (`plot_trend`);
- `model`: profiles, plans, the calendar and its checks, KPI records; see its docstring.

Every frequency is an editable input that cites its source or says "course's suggestion". Importing
the package stays cheap: jinja2, matplotlib and ipywidgets load when a report, a chart or a form is
made. The plan is a planning aid, not legal advice.

>>> plan = example_plan()
>>> planning_level(plan.profile), plan.item("batch_record_review").frequency
('high', 'per batch')
>>> to_ics(plan).startswith("BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n")
True
"""

from __future__ import annotations

# The view modules are small: importing them loads no jinja2, matplotlib or ipywidgets (those load
# inside their functions). They are imported here, before `form` below is defined, because
# importing the submodule `form` later would rebind the package's `form` to the module.
from . import chart, report
from . import form as _form
from .model import (
    CHECK,
    DATA_FILE,
    NOT_THIS_YEAR,
    PER_BATCH,
    PLAN_FORMAT,
    PLAN_VERSION,
    REQUIRED,
    BatchRecord,
    Event,
    Finding,
    InputError,
    Item,
    ItemDetails,
    Kpi,
    Plan,
    Profile,
    TrendPoint,
    calendar,
    check_plan,
    disclaimer,
    example_plan,
    example_profile,
    example_records,
    example_records_path,
    findings,
    frequencies,
    histories,
    item_details,
    kpi_by_id,
    kpis,
    load_plan,
    load_records,
    modalities,
    new_profile,
    new_record,
    phases,
    plan_from_dict,
    plan_to_dict,
    planning_level,
    planning_note,
    propose,
    record_batch,
    record_columns,
    risks,
    save_plan,
    save_records,
    trend,
)

__all__ = [
    "CHECK",
    "DATA_FILE",
    "NOT_THIS_YEAR",
    "PER_BATCH",
    "PLAN_FORMAT",
    "PLAN_VERSION",
    "REQUIRED",
    "BatchRecord",
    "Event",
    "Finding",
    "InputError",
    "Item",
    "ItemDetails",
    "Kpi",
    "Plan",
    "Profile",
    "TrendPoint",
    "calendar",
    "chart_alt_text",
    "disclaimer",
    "example_plan",
    "example_profile",
    "example_records",
    "example_records_path",
    "export",
    "findings",
    "form",
    "frequencies",
    "histories",
    "item_details",
    "kpi_by_id",
    "kpis",
    "load_plan",
    "load_records",
    "modalities",
    "new_profile",
    "new_record",
    "phases",
    "plan_from_dict",
    "plan_to_dict",
    "planning_level",
    "planning_note",
    "plot",
    "plot_trend",
    "propose",
    "record_batch",
    "record_columns",
    "risks",
    "save_plan",
    "save_records",
    "show",
    "show_trend",
    "to_html",
    "to_ics",
    "to_markdown",
    "trend",
    "trend_alt_text",
]


def to_markdown(plan: Plan) -> str:
    """The plan as Markdown: profile, checks, activities, calendar, reasons and the KPI sheet."""
    return report.to_markdown(check_plan(plan))


def to_html(plan: Plan) -> str:
    """The same as a standalone HTML page (no scripts, no external files)."""
    return report.to_html(check_plan(plan))


def to_ics(plan: Plan, stamp=None) -> str:
    """The calendar as an iCalendar (.ics) file's text: all-day events with stable UIDs."""
    return report.to_ics(check_plan(plan), stamp)


def export(plan: Plan, path, stamp=None):
    """Write the plan to `path` as Markdown (.md), HTML (.html) or a calendar (.ics); returns the path."""
    return report.export(check_plan(plan), path, stamp)


def plot(plan: Plan):
    """Matplotlib figure: the year's calendar as a timeline, one row per activity."""
    return chart.plot(check_plan(plan))


def chart_alt_text(plan: Plan) -> str:
    """Alt text for `plot(plan)`."""
    return chart.alt_text(check_plan(plan))


def plot_trend(records, kpi_id: str, target=None):
    """Matplotlib figure: one KPI over the batches recorded (yes/no KPIs as the running share, %)."""
    return chart.plot_trend(records, kpi_id, target)


def trend_alt_text(records, kpi_id: str, target=None) -> str:
    """Alt text for `plot_trend(records, kpi_id, target)`."""
    return chart.trend_alt_text(records, kpi_id, target)


def show(plan: Plan | None = None) -> None:
    """Display the plan (the example plan if none is given) and its calendar chart in a notebook."""
    _form.show(example_plan() if plan is None else check_plan(plan))


def show_trend(records=None, kpi_id: str = "on_time", target=None) -> None:
    """Display one KPI's trend chart (the example records if none are given)."""
    _form.show_trend(example_records() if records is None else records, kpi_id, target)


def form(plan: Plan | None = None):
    """An ipywidgets form: the profile, a row per activity, KPI targets, saving, and KPI records."""
    return _form.form(check_plan(plan) if plan is not None else propose(new_profile()))
