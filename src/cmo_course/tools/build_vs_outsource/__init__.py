"""Build a GMP plant or outsource to a CDMO? A simple risk-adjusted cost model.

The package's modules, each importing only those below it:

- `form`: the ipywidgets form (calls `report` and `chart`);
- `report` (text and HTML from the jinja2 templates in `templates/`) and `chart` (matplotlib);
- `model`: the inputs, the arithmetic and the answer (`compare`); see its docstring for the model.

Importing the package stays cheap: jinja2, matplotlib and ipywidgets load only when a report, a
chart or a form is made.

>>> result = compare(example_inputs())
>>> result.cheaper
'outsource'
"""

from __future__ import annotations

# The view modules are small: importing them loads no jinja2, matplotlib or ipywidgets (those load
# inside their functions). They are imported here, before `form` below is defined, because
# importing the submodule `form` later would rebind the package's `form` to the module.
from . import chart, report
from . import form as _form
from .model import (
    DATA_FILE,
    LIMITS,
    SENSITIVITY_STEP,
    SOURCE_PLANT,
    SOURCE_RATES,
    Comparison,
    InputError,
    Inputs,
    PathResult,
    Phase,
    SensitivityRow,
    break_even_cost_per_batch,
    check_comparison,
    check_inputs,
    compare,
    cost_items,
    cumulative_spend,
    default_success_rates,
    example_inputs,
    expected_cost,
    input_notes,
    money,
    reach_probabilities,
    sensitivity,
    spent_by,
    success_rate_notes,
    summary_sentence,
    timeline_end,
    years,
)

__all__ = [
    "DATA_FILE",
    "LIMITS",
    "SENSITIVITY_STEP",
    "SOURCE_PLANT",
    "SOURCE_RATES",
    "Comparison",
    "InputError",
    "Inputs",
    "PathResult",
    "Phase",
    "SensitivityRow",
    "break_even_cost_per_batch",
    "chart_alt_text",
    "compare",
    "cost_items",
    "cumulative_spend",
    "default_success_rates",
    "example_inputs",
    "expected_cost",
    "form",
    "input_notes",
    "money",
    "plot",
    "reach_probabilities",
    "report_html",
    "report_text",
    "sensitivity",
    "show",
    "spent_by",
    "success_rate_notes",
    "summary_sentence",
    "timeline_end",
    "years",
]


def report_text(result: Comparison) -> str:
    """The comparison as plain text (tables of results, phases and sensitivity, with sources)."""
    return report.report_text(check_comparison(result))


def report_html(result: Comparison) -> str:
    """The comparison as an HTML fragment (same content as `report_text`)."""
    return report.report_html(check_comparison(result))


def plot(result: Comparison):
    """Matplotlib figure: cumulative expected spend over time for both paths."""
    return chart.plot(check_comparison(result))


def chart_alt_text(result: Comparison) -> str:
    """Alt text for `plot(result)`."""
    return chart.alt_text(check_comparison(result))


def show(result: Comparison | None = None) -> None:
    """Display the comparison (text and HTML) and its chart in a notebook."""
    _form.show(compare() if result is None else check_comparison(result))


def form(inputs: Inputs | None = None):
    """An ipywidgets form to change the inputs and recompute; shows messages, never tracebacks."""
    return _form.form(example_inputs() if inputs is None else check_inputs(inputs))
