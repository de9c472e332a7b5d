"""The build-vs-outsource chart: cumulative expected spend over time (matplotlib loads only here,
when a chart is drawn)."""

from __future__ import annotations

from ..common.views import ChartView, new_figure
from .model import Comparison, cumulative_spend, money, timeline_end

POINTS = 121


def plot(result: Comparison):
    """Matplotlib figure: cumulative expected spend (USD millions) over years for both paths."""
    inputs = result.inputs
    end = timeline_end(inputs)
    grid = [end * i / (POINTS - 1) for i in range(POINTS)]
    fig = new_figure()
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


def alt_text(result: Comparison) -> str:
    """Alt text for `plot(result)`."""
    return (
        f"Line chart of cumulative expected spend over {_years(timeline_end(result.inputs))}: building ends at "
        f"{money(result.build.expected_cost)}, outsourcing at {money(result.outsource.expected_cost)}; "
        f"first GMP batch after {_years(result.build.time_to_first_batch)} (build) and "
        f"{_years(result.outsource.time_to_first_batch)} (outsource)."
    )


def view(result: Comparison) -> ChartView:
    """The chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot(result), alt_text(result))
