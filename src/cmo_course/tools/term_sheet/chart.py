"""The term-sheet checker's chart: what cancelling costs by notice period, from the learner's fee
schedule and batch price (matplotlib loads only here, when a chart is drawn)."""

from __future__ import annotations

import textwrap

from ..common.views import ChartView, literal, new_figure
from .model import TermSheet, batches_cancelled, cancellation_costs, check_sheet, fee_percent_at

COLOR = "#b5472b"


def _axis_end(sheet: TermSheet) -> int:
    days = [p.notice_days for p in cancellation_costs(sheet)]
    return max(30, int(max(days) * 1.25) + 1)


def plot(sheet: TermSheet):
    """A step chart of the cancellation cost (USD, or % of the batch price without a price) against
    the days of notice given, with a dotted line at the notice after which you expect no fee."""
    sheet = check_sheet(sheet)
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    title = "\n".join(textwrap.wrap(f"Cancellation cost by notice period: {sheet.title}", 80))
    ax.set_title(literal(title), fontsize=10)
    points = cancellation_costs(sheet)
    if not points:
        ax.text(0.5, 0.5, "No fee schedule entered", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    schedule = sheet.get("cancellation", "schedule")
    priced = points[0].cost_usd is not None
    end = _axis_end(sheet)
    days = list(range(0, end + 1))
    percents = [fee_percent_at(schedule, d) for d in days]
    if priced:
        scale = sheet.get("pricing", "batch_price_usd") * batches_cancelled(sheet) / 100
        values = [p * scale for p in percents]
        ax.set_ylabel("Cost of cancelling (USD)")
        ax.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    else:
        values = percents
        ax.set_ylabel("Fee (% of the batch price)")
    ax.step(days, values, where="post", color=COLOR, linewidth=2, label="your fee schedule")
    free = sheet.threshold("cancellation_free_notice_days")
    ax.axvline(free, color="#555555", linestyle=":", label=f"no fee expected from {free:g} days (your threshold)")
    ax.set_xlabel("Notice given before the batch's start date (days)")
    ax.set_xlim(0, end)
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


def alt_text(sheet: TermSheet) -> str:
    """Alt text for `plot(sheet)`."""
    sheet = check_sheet(sheet)
    points = cancellation_costs(sheet)
    if not points:
        return f"Empty chart for {sheet.title}: no cancellation fee schedule entered."
    batches = batches_cancelled(sheet)
    if points[0].cost_usd is None:
        parts = [f"{p.fee_percent:g}% of the batch price with {p.notice_days} days' notice" for p in points]
        unit = "fee as a percentage of the batch price (no batch price entered)"
    else:
        parts = [f"USD {p.cost_usd:,.0f} ({p.fee_percent:g}%) with {p.notice_days} days' notice" for p in points]
        unit = f"cost in USD for {batches} batch(es)"
    free = sheet.threshold("cancellation_free_notice_days")
    return (
        f"Step chart of the cancellation cost by days of notice for {sheet.title}, {unit}: "
        + "; ".join(parts)
        + f". A dotted line marks {free:g} days, after which you expect no fee."
    )


def view(sheet: TermSheet) -> ChartView:
    """The chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot(sheet), alt_text(sheet))
