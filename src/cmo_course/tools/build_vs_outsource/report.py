"""Text and HTML reports of a build-vs-outsource comparison (jinja2 templates in `templates/`)."""

from __future__ import annotations

from pathlib import Path

from ..common.templates import render
from ..common.views import ReportView
from .model import Comparison, money, success_rate_notes, years

TEMPLATES = Path(__file__).resolve().parent / "templates"
RESULT_HEADERS = ["Path", "Expected cost", "First GMP batch after", "Approval after (if every phase succeeds)"]
PHASE_HEADERS = ["Stage", "Probability of reaching it"]
SENSITIVITY_HEADERS = ["Input moved -20% / +20%", "Build minus outsource: low", "high", "Changes the answer?"]


def _context(result: Comparison) -> dict:
    paths = [
        [name, money(path.expected_cost), years(path.time_to_first_batch), years(path.years_to_approval_if_all_succeed)]
        for name, path in (("Build", result.build), ("Outsource", result.outsource))
    ]
    reach = [[stage, f"{p:.1%}"] for stage, p in result.reach_probabilities]
    sens = [
        [r.label, money(r.difference_low), money(r.difference_high), "yes" if r.changes_answer else "no"]
        for r in result.sensitivity[:5]
    ]
    if result.break_even_cost_per_batch is None and result.cheaper == "build":
        even = "Break-even: building is cheaper in expectation even if outsourced batches were free."
    elif result.break_even_cost_per_batch is None:
        even = "Break-even: no outsourcing price per batch makes building cheaper in expectation."
    else:
        even = (
            f"Break-even: building is cheaper in expectation only if outsourcing costs more than "
            f"{money(result.break_even_cost_per_batch)} per batch."
        )
    notes = [
        "Probabilities: " + success_rate_notes(),
        (
            "Plant cost and build time ballparks (Source: McKinsey 2014) are starting points, never facts about "
            "your project; costs marked as placeholders have no source. Enter your own numbers."
        ),
    ]
    if result.inputs.discount_rate:
        notes.append(f"Costs discounted at {result.inputs.discount_rate:.1%} per year.")
    return {
        "summary": result.summary,
        "paths": paths,
        "reach": reach,
        "sens": sens,
        "even": even,
        "notes": notes,
        "result_headers": RESULT_HEADERS,
        "phase_headers": PHASE_HEADERS,
        "sensitivity_headers": SENSITIVITY_HEADERS,
    }


def report_text(result: Comparison) -> str:
    """The comparison as plain text (tables of results, phases and sensitivity, with sources)."""
    return render(TEMPLATES, "report.txt.j2", **_context(result))


def report_html(result: Comparison) -> str:
    """The comparison as an HTML fragment (same content as `report_text`)."""
    return render(TEMPLATES, "report.html.j2", **_context(result))


def view(result: Comparison) -> ReportView:
    """The report as a displayable object (text and HTML in one output)."""
    return ReportView(report_text(result), report_html(result))
