"""Text and HTML reports of a build-vs-outsource comparison."""

from __future__ import annotations

from html import escape

from .build_vs_outsource import Comparison, money, success_rate_notes, years
from .tables import html_list, html_table, text_table

RESULT_HEADERS = ["Path", "Expected cost", "First GMP batch after", "Approval after (if every phase succeeds)"]
PHASE_HEADERS = ["Stage", "Probability of reaching it"]
SENSITIVITY_HEADERS = ["Input moved -20% / +20%", "Build minus outsource: low", "high", "Changes the answer?"]


def _sections(result: Comparison) -> dict:
    paths = [
        [name, money(path.expected_cost), years(path.time_to_first_batch), years(path.years_to_approval_if_all_succeed)]
        for name, path in (("Build", result.build), ("Outsource", result.outsource))
    ]
    reach = [[stage, f"{p:.1%}"] for stage, p in result.reach_probabilities]
    sens = [[r.label, money(r.difference_low), money(r.difference_high), "yes" if r.changes_answer else "no"]
            for r in result.sensitivity[:5]]
    if result.break_even_cost_per_batch is None and result.cheaper == "build":
        even = "Break-even: building is cheaper in expectation even if outsourced batches were free."
    elif result.break_even_cost_per_batch is None:
        even = "Break-even: no outsourcing price per batch makes building cheaper in expectation."
    else:
        even = (f"Break-even: building is cheaper in expectation only if outsourcing costs more than "
                f"{money(result.break_even_cost_per_batch)} per batch.")
    notes = [
        "Probabilities: " + success_rate_notes(),
        "Plant cost and build time ballparks (Source: McKinsey 2014) are starting points, never facts about "
        "your project; costs marked as placeholders have no source. Enter your own numbers.",
    ]
    if result.inputs.discount_rate:
        notes.append(f"Costs discounted at {result.inputs.discount_rate:.1%} per year.")
    return {"paths": paths, "reach": reach, "sens": sens, "even": even, "notes": notes}


def report_text(result: Comparison) -> str:
    parts = _sections(result)
    return "\n\n".join([
        "Build vs outsource",
        result.summary,
        text_table(RESULT_HEADERS, parts["paths"]),
        parts["even"],
        text_table(PHASE_HEADERS, parts["reach"]),
        "Sensitivity (top 5 inputs):\n" + text_table(SENSITIVITY_HEADERS, parts["sens"]),
        "\n".join(parts["notes"]),
    ])


def report_html(result: Comparison) -> str:
    parts = _sections(result)
    return (
        '<div class="cmo-tool cmo-bvo">'
        f"<h3>Build vs outsource</h3><p><strong>{escape(result.summary)}</strong></p>"
        + html_table("Expected (risk-adjusted) cost and time for each path", RESULT_HEADERS, parts["paths"])
        + f"<p>{escape(parts['even'])}</p>"
        + html_table("Probability of reaching each stage", PHASE_HEADERS, parts["reach"])
        + html_table("Sensitivity: each input alone moved by 20% (top 5)", SENSITIVITY_HEADERS, parts["sens"])
        + html_list(parts["notes"])
        + "</div>"
    )
