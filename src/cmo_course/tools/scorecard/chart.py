"""The scorecard chart: weighted score per candidate (matplotlib loads only here, when a chart is drawn)."""

from __future__ import annotations

from ..common.views import ChartView, literal, new_figure
from .model import Scorecard


def plot(card: Scorecard):
    """Horizontal bars of weighted scores, best at the top; knocked-out candidates hatched and grey."""
    fig = new_figure(7.0, 0.6 * len(card.rows) + 1.5)
    ax = fig.add_subplot()
    rows = list(reversed(card.rows))
    colors = ["#bbbbbb" if r.knockouts else "#3a7bbf" for r in rows]
    # literal(): a candidate's name is drawn as typed, never as mathtext ("$x^2$ Labs").
    bars = ax.barh([literal(r.name) for r in rows], [r.score for r in rows], color=colors)
    for bar, row in zip(bars, rows, strict=True):
        if row.knockouts:
            bar.set_hatch("//")
        ax.text(
            bar.get_width() + 0.05,
            bar.get_y() + bar.get_height() / 2,
            f"{row.score:.2f}" + ("  knock-out" if row.knockouts else ""),
            va="center",
        )
    ax.set_xlim(0, 5.9)
    ax.set_xlabel("Weighted score (1 = poor, 5 = excellent)")
    ax.set_title("Weighted scores (grey, hatched: knock-out)")
    fig.tight_layout()
    return fig


def alt_text(card: Scorecard) -> str:
    """Alt text for `plot(card)`."""
    parts = [f"{r.name} {r.score:.2f}{' (knock-out)' if r.knockouts else ''}" for r in card.rows]
    return "Bar chart of weighted scores, best first: " + "; ".join(parts) + "."


def view(card: Scorecard) -> ChartView:
    """The chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot(card), alt_text(card))
