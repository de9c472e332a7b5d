"""Figures for lesson 06_capstone: the fictional case's road map and its first-year oversight plan.

Both figures describe a fictional company; their titles say so. The three phases of outsourcing
(make-or-buy, selection, oversight) are the course's own framing ("Course method"); the months in the
oversight plan are the fictional team's own choices, not a rule.
"""

from __future__ import annotations

import textwrap

COMPANY = "Example Therapeutics"

# (phase, [(step, tool or action, lesson recalled)])
ROAD_MAP = (
    ("1. Make or buy", [
        ("Check the signals for outsourcing", "NIH SEED guide", "lessons 02-03"),
        ("Compare building a plant with outsourcing", "build-vs-outsource tool", "lesson 02"),
    ]),
    ("2. Selection", [
        ("Shortlist and score candidates", "scorecard tool", "lesson 05"),
        ("Knock out OAI or open warning letter", "inspection history", "lesson 05"),
        ("Qualify the chosen partner", "audit, risk rating", "lesson 05"),
        ("Outline the quality agreement", "quality-agreement planner", "lesson 04"),
    ]),
    ("3. Oversight", [
        ("Run the first-year oversight plan", "audits, KPIs, change control", "lessons 04-05"),
    ]),
)
# Selection ends with signing the contracts, the quality agreement among them; oversight begins after.

# (row label, months with a marker, marker note) for the fictional first-year plan.
OVERSIGHT_ROWS = (
    ("KPI review with the CDMO", list(range(1, 13)), "monthly"),
    ("Periodic audit", [6], "month 6"),
    ("Review the quality agreement", [12], "month 12"),
)
ONGOING_ROWS = (
    ("Change control", "every change: prior approval or notice, as the agreement says"),
    ("For-cause audit", "whenever a trigger occurs (e.g. an unreported OOS result)"),
)
SOURCE_NOTE = ("Fictional example. Phases, audits and KPIs: the course's own plan (Source: Course method); "
               "change control: FDA quality-agreement guidance 2016, section IV.B.")


def road_map_figure():
    """Three phase columns, each with its steps as boxes and the tool or lesson it uses."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    fig, ax = plt.subplots(figsize=(10, 5.6))
    column_width, box_height, gap = 3.0, 0.95, 0.25
    most_steps = max(len(steps) for _phase, steps in ROAD_MAP)
    for column, (phase, steps) in enumerate(ROAD_MAP):
        left = column * (column_width + 0.45)
        ax.text(left + column_width / 2, 0.35, phase, ha="center", va="center", fontsize=12,
                fontweight="bold", color="#08306b")
        for row, (step, tool, lesson) in enumerate(steps):
            top = -row * (box_height + gap)
            ax.add_patch(FancyBboxPatch((left, top - box_height), column_width, box_height,
                                        boxstyle="round,pad=0.02,rounding_size=0.12",
                                        facecolor="#deebf7", edgecolor="#08519c", linewidth=1.1))
            label = "\n".join(textwrap.wrap(step, width=30))
            ax.text(left + column_width / 2, top - 0.36, label, ha="center", va="center",
                    fontsize=9.5, color="#08306b")
            ax.text(left + column_width / 2, top - 0.78, f"{tool} ({lesson})", ha="center",
                    va="center", fontsize=8, color="#404040", style="italic")
        if column < len(ROAD_MAP) - 1:
            ax.annotate("", xy=(left + column_width + 0.42, -0.5), xytext=(left + column_width + 0.03, -0.5),
                        arrowprops={"arrowstyle": "-|>", "color": "#555555", "linewidth": 1.4})
    ax.set_xlim(-0.1, 3 * column_width + 2 * 0.45 + 0.1)
    ax.set_ylim(-most_steps * (box_height + gap) - 0.05, 0.7)
    ax.axis("off")
    ax.set_title(f"Fictional case: {COMPANY} from make-or-buy to oversight", fontsize=12)
    fig.text(0.01, 0.01, "Fictional example. Phases: the course's own framing (Source: Course method).",
             fontsize=8, color="#555555")
    fig.tight_layout()
    return fig


def road_map_alt() -> str:
    """Alt text that reads the road map column by column."""
    parts = []
    for phase, steps in ROAD_MAP:
        listed = "; ".join(f"{step} ({tool}, {lesson})" for step, tool, lesson in steps)
        parts.append(f"{phase}: {listed}")
    return (f"Road map of the fictional {COMPANY} case in three columns joined by arrows. "
            + ". ".join(parts) + ".")


def oversight_year_figure():
    """A 12-month timeline: scheduled reviews and audits as markers, ongoing duties as bands."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 3.8))
    labels = [row[0] for row in OVERSIGHT_ROWS] + [row[0] for row in ONGOING_ROWS]
    for y, (_label, months, note) in enumerate(OVERSIGHT_ROWS):
        ax.plot(months, [y] * len(months), linestyle="none", marker="D", markersize=8, color="#08519c")
        ax.text(months[-1] + 0.3, y, note, va="center", fontsize=9, color="#404040")
    for offset, (_label, note) in enumerate(ONGOING_ROWS):
        y = len(OVERSIGHT_ROWS) + offset
        ax.barh(y, 12, left=0.5, height=0.5, color="#deebf7", edgecolor="#08519c", linestyle="--")
        ax.text(6.5, y, note, ha="center", va="center", fontsize=9, color="#08306b")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xticks(range(1, 13), [f"M{m}" for m in range(1, 13)])
    ax.set_xlim(0.3, 14.2)
    ax.set_xlabel("Month of the first year with the partner (fictional plan)")
    ax.set_title(f"Fictional first-year oversight plan for {COMPANY}", fontsize=12)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.text(0.01, 0.01, SOURCE_NOTE, fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def oversight_year_alt() -> str:
    """Alt text that reads the plan row by row."""
    scheduled = "; ".join(f"{label}: {note}" for label, _months, note in OVERSIGHT_ROWS)
    ongoing = "; ".join(f"{label}: {note}" for label, note in ONGOING_ROWS)
    return (f"Timeline of the fictional {COMPANY} first-year oversight plan, months 1 to 12. "
            f"Scheduled: {scheduled}. Ongoing all year: {ongoing}.")


def show_road_map() -> None:
    """Display the case road map with alt text."""
    from cmo_course.figures import show

    show(road_map_figure(), alt=road_map_alt())


def show_oversight_year() -> None:
    """Display the first-year oversight timeline with alt text."""
    from cmo_course.figures import show

    show(oversight_year_figure(), alt=oversight_year_alt())
