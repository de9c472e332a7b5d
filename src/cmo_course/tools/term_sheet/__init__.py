"""Term-sheet checker: the key terms of a draft CDMO proposal or master services agreement, checked.

The package's modules, each importing only those below it:

- `form`: the ipywidgets form (calls `report` and `chart`);
- `report`: the check as Markdown, text or HTML (jinja2 templates in `templates/`), exported by
  `to_markdown` / `to_html` / `export_report`; `chart`: the cost of cancelling by notice period (`plot`);
- `model`: the terms, thresholds, term sheets (YAML and CSV save and load) and `check`; see its docstring.

Importing the package stays cheap: jinja2, matplotlib and ipywidgets load when a report, a chart or
a form is made. The output is a planning aid, not legal advice.

>>> result = check(example_term_sheet())
>>> result.flagged("unusual")
('failed_batch', 'ip')
>>> result.missing
('tech_transfer_out', 'records_access')
"""

from __future__ import annotations

# The view modules are small: importing them loads no jinja2, matplotlib or ipywidgets (those load
# inside their functions). They are imported here, before `form` below is defined, because
# importing the submodule `form` later would rebind the package's `form` to the module.
from . import chart, report
from . import form as _form
from .model import (
    DATA_FILE,
    EXAMPLE_FILE,
    FLAG_KINDS,
    NOT_STATED,
    SHEET_FORMAT,
    SHEET_VERSION,
    SUGGESTION,
    CostPoint,
    Field,
    Flag,
    InputError,
    Question,
    SheetCheck,
    Term,
    TermResult,
    TermSheet,
    Threshold,
    Tier,
    cancellation_costs,
    check,
    check_sheet,
    default_thresholds,
    disclaimer,
    example_term_sheet,
    fee_percent_at,
    load_term_sheet,
    new_term_sheet,
    parse_schedule,
    save_term_sheet,
    term_by_id,
    term_sheet_from_csv,
    term_sheet_from_dict,
    term_sheet_to_csv,
    term_sheet_to_dict,
    terms,
    threshold_by_id,
    thresholds,
)

__all__ = [
    "DATA_FILE",
    "EXAMPLE_FILE",
    "FLAG_KINDS",
    "NOT_STATED",
    "SHEET_FORMAT",
    "SHEET_VERSION",
    "SUGGESTION",
    "CostPoint",
    "Field",
    "Flag",
    "InputError",
    "Question",
    "SheetCheck",
    "Term",
    "TermResult",
    "TermSheet",
    "Threshold",
    "Tier",
    "cancellation_costs",
    "chart_alt_text",
    "check",
    "default_thresholds",
    "disclaimer",
    "example_term_sheet",
    "export_report",
    "fee_percent_at",
    "form",
    "load_term_sheet",
    "new_term_sheet",
    "parse_schedule",
    "plot",
    "save_term_sheet",
    "show",
    "term_by_id",
    "term_sheet_from_csv",
    "term_sheet_from_dict",
    "term_sheet_to_csv",
    "term_sheet_to_dict",
    "terms",
    "threshold_by_id",
    "thresholds",
    "to_html",
    "to_markdown",
]


def to_markdown(sheet: TermSheet) -> str:
    """The check as Markdown: per term present or missing, findings with sources, questions to ask,
    the cancellation cost by notice period and the thresholds used; stamped "Planning aid, not legal advice."."""
    return report.to_markdown(check_sheet(sheet))


def to_html(sheet: TermSheet) -> str:
    """The same check as a standalone HTML page (no scripts, no external files; learner text escaped)."""
    return report.to_html(check_sheet(sheet))


def export_report(sheet: TermSheet, path):
    """Write the check to a .md or .html file (atomically); returns the path."""
    return report.export_report(check_sheet(sheet), path)


def plot(sheet: TermSheet):
    """Matplotlib figure: the cost of cancelling by days of notice, from the fee schedule and batch price."""
    return chart.plot(check_sheet(sheet))


def chart_alt_text(sheet: TermSheet) -> str:
    """Alt text for `plot(sheet)`."""
    return chart.alt_text(check_sheet(sheet))


def show(sheet: TermSheet | None = None) -> None:
    """Display the check and the cancellation chart of `sheet` (default: the fictional example)."""
    _form.show(example_term_sheet() if sheet is None else check_sheet(sheet))


def form(sheet: TermSheet | None = None):
    """An ipywidgets form: every term's fields, the thresholds, and Check, Save and Load buttons.
    Starts from `sheet`, or from an empty term sheet."""
    return _form.form(check_sheet(sheet) if sheet is not None else new_term_sheet())
