"""Partner scorecard: rank candidate CDMOs on weighted criteria, with knock-out flags.

The package's modules, each importing only those below it:

- `form`: the ipywidgets form (calls `report` and `chart`);
- `report` (text and HTML from the jinja2 templates in `templates/`) and `chart` (matplotlib);
- `model`: criteria, loading candidates from CSV, scoring, ranking and weight effects.

Importing the package stays cheap: jinja2, matplotlib and ipywidgets load when a report,
a chart or a form is made.

>>> rank(sample_candidates()).winner
'Example Biologics Co. (fictional)'
"""

from __future__ import annotations

from pathlib import Path

# The view modules are small: importing them loads no jinja2, matplotlib or ipywidgets (those load
# inside their functions). They are imported here, before `form` below is defined, because
# importing the submodule `form` later would rebind the package's `form` to the module.
from . import chart, report
from . import form as _form
from .model import (
    CLASSIFICATIONS,
    DATA_FILE,
    FINANCIAL_RISKS,
    RECORD_COLUMNS,
    SAMPLE_CSV,
    YES_NO,
    Candidate,
    Criterion,
    InputError,
    RankedCandidate,
    Scorecard,
    WeightEffect,
    _check_candidates,
    check_card,
    check_effects,
    check_weights,
    criteria,
    default_weights,
    knockout_flags,
    load_candidates,
    parse_candidates,
    rank,
    required_columns,
    sample_candidates,
    sample_csv_path,
    score_range,
    warning_flags,
    weight_effects,
    weight_range,
    weighted_score,
)

__all__ = [
    "CLASSIFICATIONS",
    "DATA_FILE",
    "FINANCIAL_RISKS",
    "RECORD_COLUMNS",
    "SAMPLE_CSV",
    "YES_NO",
    "Candidate",
    "Criterion",
    "InputError",
    "RankedCandidate",
    "Scorecard",
    "WeightEffect",
    "chart_alt_text",
    "check_weights",
    "criteria",
    "default_weights",
    "form",
    "knockout_flags",
    "load_candidates",
    "parse_candidates",
    "plot",
    "rank",
    "report_html",
    "report_text",
    "required_columns",
    "sample_candidates",
    "sample_csv_path",
    "score_range",
    "show",
    "warning_flags",
    "weight_effects",
    "weight_range",
    "weighted_score",
]


def report_text(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    """The ranked table, flags and weight effects as plain text."""
    return report.report_text(check_card(card), check_effects(effects))


def report_html(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    """The ranked table, flags and weight effects as an HTML fragment."""
    return report.report_html(check_card(card), check_effects(effects))


def plot(card: Scorecard):
    """Matplotlib figure: weighted score per candidate, knocked-out ones marked."""
    return chart.plot(check_card(card))


def chart_alt_text(card: Scorecard) -> str:
    """Alt text for `plot(card)`."""
    return chart.alt_text(check_card(card))


def show(card: Scorecard | None = None) -> None:
    """Display the ranked table with flags, which weights would change the winner, and the chart."""
    _form.show(rank(sample_candidates()) if card is None else check_card(card))


def form(candidates=None, weights: dict | None = None):
    """An ipywidgets form: one weight box per criterion (0-10), re-ranks on request.

    `candidates` may be a list from `load_candidates`, a CSV path, or None for the sample.
    """
    if isinstance(candidates, (str, Path)):
        candidates = load_candidates(candidates)
    chosen = sample_candidates() if candidates is None else _check_candidates(candidates)
    return _form.form(chosen, check_weights(weights))
