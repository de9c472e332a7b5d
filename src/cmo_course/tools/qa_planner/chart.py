"""The planner's chart: who does the activities of each section (matplotlib loads only here, when a
chart is drawn). Not part of `show()`, whose output is the outline; call `plot(plan)` for it."""

from __future__ import annotations

from ..common.views import ChartView, literal, new_figure
from .model import PARTIES, Plan, sections

UNASSIGNED = "not assigned"
COLUMNS = (*PARTIES, UNASSIGNED)
COLORS = {"owner": "#3a7bbf", "contracted facility": "#e08a2c", "both": "#6aa84f", UNASSIGNED: "#bbbbbb"}


def counts(plan: Plan) -> list[tuple[str, dict]]:
    """[(section title, {party or "not assigned": number of activities})] in agreement order."""
    result = []
    for section in sections():
        tally = dict.fromkeys(COLUMNS, 0)
        for activity in section["activities"]:
            item = plan.assignments.get(activity.id)
            tally[item.who if item else UNASSIGNED] += 1
        result.append((section["title"], tally))
    return result


def plot(plan: Plan):
    """Stacked horizontal bars: per section, how many activities each party does (grey: not assigned)."""
    rows = list(reversed(counts(plan)))
    fig = new_figure(7.0, 0.5 * len(rows) + 1.8)
    ax = fig.add_subplot()
    left = [0] * len(rows)
    for column in COLUMNS:
        values = [tally[column] for _, tally in rows]
        ax.barh([literal(title) for title, _ in rows], values, left=left, color=COLORS[column], label=column)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("Activities")
    ax.set_title(literal(f"Who does what: {plan.product}"))
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


def alt_text(plan: Plan) -> str:
    """Alt text for `plot(plan)`."""
    parts = []
    for title, tally in counts(plan):
        shown = ", ".join(f"{column} {n}" for column, n in tally.items() if n)
        parts.append(f"{title}: {shown}")
    return f"Stacked bar chart of who does each section's activities for {plan.product}: " + "; ".join(parts) + "."


def view(plan: Plan) -> ChartView:
    """The chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot(plan), alt_text(plan))
