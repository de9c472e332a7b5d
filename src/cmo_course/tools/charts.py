"""Matplotlib charts for the tools (matplotlib loads only when a chart is drawn)."""

from __future__ import annotations

from .build_vs_outsource import Comparison, cumulative_spend, money, timeline_end
from .scorecard import Scorecard

POINTS = 121


def _figure(width=7.0, height=4.0):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def bvo_chart(result: Comparison):
    """Cumulative expected spend (USD millions) over years for building and outsourcing."""
    inputs = result.inputs
    end = timeline_end(inputs)
    grid = [end * i / (POINTS - 1) for i in range(POINTS)]
    fig = _figure()
    ax = fig.add_subplot()
    for path, style, label in (("build", "-", "Build a plant"), ("outsource", "--", "Outsource to a CDMO")):
        spend = [value / 1e6 for value in cumulative_spend(inputs, path, grid)]
        ax.plot(grid, spend, style, linewidth=2, label=label)
    for path, marker in ((result.build, "o"), (result.outsource, "s")):
        first = cumulative_spend(inputs, path.path, [path.time_to_first_batch])[0] / 1e6
        ax.plot([path.time_to_first_batch], [first], marker, color="black")
    ax.set_xlabel("Years from the decision")
    ax.set_ylabel("Cumulative expected spend (USD millions)")
    ax.set_title("Expected spend over time (markers: first GMP batch)")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig


def _years(value: float) -> str:
    text = f"{value:g}"
    return f"{text} year" if text == "1" else f"{text} years"


def bvo_alt_text(result: Comparison) -> str:
    return (f"Line chart of cumulative expected spend over {_years(timeline_end(result.inputs))}: building ends at "
            f"{money(result.build.expected_cost)}, outsourcing at {money(result.outsource.expected_cost)}; "
            f"first GMP batch after {_years(result.build.time_to_first_batch)} (build) and "
            f"{_years(result.outsource.time_to_first_batch)} (outsource).")


def scorecard_chart(card: Scorecard):
    """Horizontal bars of weighted scores, best at the top; knocked-out candidates hatched and grey."""
    fig = _figure(7.0, 0.6 * len(card.rows) + 1.5)
    ax = fig.add_subplot()
    rows = list(reversed(card.rows))
    colors = ["#bbbbbb" if r.knockouts else "#3a7bbf" for r in rows]
    bars = ax.barh([r.name for r in rows], [r.score for r in rows], color=colors)
    for bar, row in zip(bars, rows):
        if row.knockouts:
            bar.set_hatch("//")
        ax.text(bar.get_width() + 0.05, bar.get_y() + bar.get_height() / 2,
                f"{row.score:.2f}" + ("  knock-out" if row.knockouts else ""), va="center")
    ax.set_xlim(0, 5.9)
    ax.set_xlabel("Weighted score (1 = poor, 5 = excellent)")
    ax.set_title("Weighted scores (grey, hatched: knock-out)")
    fig.tight_layout()
    return fig


def scorecard_alt_text(card: Scorecard) -> str:
    parts = [f"{r.name} {r.score:.2f}{' (knock-out)' if r.knockouts else ''}" for r in card.rows]
    return "Bar chart of weighted scores, best first: " + "; ".join(parts) + "."
