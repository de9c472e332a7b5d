"""The planner's charts (matplotlib loads only here, when a chart is drawn): the year's calendar as a
timeline (`plot`), and one KPI's trend over the batches recorded (`plot_trend`). Every label is drawn
as typed (`literal`): a name with a `$` is never read as mathtext."""

from __future__ import annotations

import textwrap

from ..common.views import ChartView, literal, new_figure
from . import model
from .model import Plan

MARKERS = {"audit": "D", "record review": "o", "kpi review": "s", "governance": "^", "agreement": "*", "history": "P"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _position(plan: Plan, day) -> float:
    """Months since the plan's start (0 = its first day), as a float: the chart's x axis."""
    start = plan.profile.start
    whole = (day.year - start.year) * 12 + day.month - start.month
    if day.day < start.day:
        whole -= 1
    anchor = model.add_months(start, whole)
    span = (model.add_months(start, whole + 1) - anchor).days
    return whole + (day - anchor).days / span


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(str(text), width)


def plot(plan: Plan):
    """A timeline: one row per activity, a marker on each date it happens in the plan's year."""
    plan = model.check_plan(plan)
    events = model.calendar(plan)
    rows = list(reversed(plan.items))
    labels = [_wrap(item.title) for item in rows]
    height = sum(0.3 + 0.2 * label.count("\n") for label in labels) + 1.8
    fig = new_figure(9.0, height)
    ax = fig.add_subplot()
    for y, item in enumerate(rows):
        xs = [_position(plan, e.date) for e in events if e.item_id == item.id]
        kind = model.item_details(plan.profile, item).kind
        ax.plot(xs, [y] * len(xs), linestyle="none", marker=MARKERS.get(kind, "X"), markersize=8, color="#3a7bbf")
    ax.set_yticks(range(len(rows)), [literal(label) for label in labels])
    ticks = [model.add_months(plan.profile.start, m) for m in range(12)]
    names = [
        f"{MONTHS[d.month - 1]}\n{d.year}" if i == 0 or d.month == 1 else MONTHS[d.month - 1]
        for i, d in enumerate(ticks)
    ]
    ax.set_xticks(range(12), names, fontsize=8)
    ax.set_xlim(-0.3, 12)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="x", color="#dddddd")
    ax.set_xlabel("Month of the plan's year")
    ax.set_title(literal(_wrap(f"Oversight calendar: {plan.profile.product} at {plan.profile.cdmo}", 70)))
    fig.tight_layout()
    return fig


def alt_text(plan: Plan) -> str:
    """Alt text for `plot(plan)`: each activity and the months it happens."""
    plan = model.check_plan(plan)
    events = model.calendar(plan)
    parts = []
    for item in plan.items:
        days = [e.date for e in events if e.item_id == item.id]
        when = ", ".join(f"{MONTHS[d.month - 1]} {d.year}" for d in days) if days else "not in this year's calendar"
        parts.append(f"{item.title}: {when}")
    profile = plan.profile
    return (
        f"Timeline of the oversight plan for {profile.product} at {profile.cdmo}, "
        f"{profile.start.isoformat()} to {profile.end.isoformat()}: " + "; ".join(parts) + "."
    )


def view(plan: Plan) -> ChartView:
    """The calendar chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot(plan), alt_text(plan))


def _target(kpi: model.Kpi, target):
    return None if target is None else model.check_target(kpi.id, target)


def _label(kpi: model.Kpi) -> str:
    return f"{kpi.name}: share of batches so far (%)" if kpi.kind == "yes/no" else kpi.name


def plot_trend(records, kpi_id: str, target=None):
    """One KPI over the batches that recorded it, in date order (a yes/no KPI as the running share
    of batches that said yes), with the target as a dashed line if you give one."""
    points = model.trend(records, kpi_id)
    kpi = model.kpi_by_id(kpi_id)
    target = _target(kpi, target)
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    xs = range(len(points))
    ax.plot(xs, [p.shown for p in points], marker="o", color="#3a7bbf", label=literal(_label(kpi)))
    if target is not None:
        ax.axhline(target, linestyle="--", color="#e08a2c", label=f"Target {target:g}")
    ax.set_xticks(list(xs), [literal(p.batch) for p in points], rotation=45, ha="right")
    ax.set_xlabel("Batch (in date order)")
    ax.set_ylabel("%" if kpi.kind == "yes/no" else ("days" if kpi.kind == "days" else "count"))
    if kpi.kind == "yes/no":
        ax.set_ylim(0, 105)
    else:
        ax.set_ylim(bottom=0)
    ax.set_title(literal(f"{kpi.name} per batch" if kpi.kind != "yes/no" else f"{kpi.name}: running share"))
    if not points:
        ax.text(0.5, 0.5, "No batch has recorded this KPI yet", ha="center", va="center", transform=ax.transAxes)
    ax.legend(loc="best")
    fig.tight_layout()
    return fig


def trend_alt_text(records, kpi_id: str, target=None) -> str:
    """Alt text for `plot_trend(records, kpi_id, target)`."""
    points = model.trend(records, kpi_id)
    kpi = model.kpi_by_id(kpi_id)
    target = _target(kpi, target)
    goal = f" Target: {target:g}{'%' if kpi.kind == 'yes/no' else ''}." if target is not None else ""
    if not points:
        return f"Line chart of {kpi.name}: no batch has recorded it yet.{goal}"
    unit = "%" if kpi.kind == "yes/no" else ""
    shown = "; ".join(f"{p.batch} ({p.date.isoformat()}) {p.shown:.0f}{unit}" for p in points[:24])
    more = f"; and {len(points) - 24} more batches" if len(points) > 24 else ""
    what = "running share of batches that said yes" if kpi.kind == "yes/no" else "value per batch"
    better = "higher is better" if kpi.better == "higher" else "lower is better"
    return f"Line chart of {kpi.name} ({what}, {better}) over {len(points)} batches: {shown}{more}.{goal}"


def trend_view(records, kpi_id: str, target=None) -> ChartView:
    """The KPI trend chart as a displayable object (PNG with its alt text)."""
    return ChartView(plot_trend(records, kpi_id, target), trend_alt_text(records, kpi_id, target))
