"""Figures for lesson 05_choosing_a_partner: the vendor-qualification flow.

The steps come from the lesson's quiz bank (question `partner-qualification-order`), so the
figure and the quiz can never disagree about the order.
"""

from __future__ import annotations

import textwrap

LESSON = "05_choosing_a_partner"
ORDER_QUESTION = "partner-qualification-order"
SOURCE_NOTE = "The course's own qualification sequence (Source: Course method), after ICH Q10 section 2.7."


def qualification_steps() -> list[str]:
    """The vendor-qualification steps, in order, as the quiz bank states them."""
    from cmo_course.quiz.bank import load_bank

    question = load_bank(LESSON).question(ORDER_QUESTION)
    text_by_id = {step["id"]: step["text"] for step in question["steps"]}
    return [text_by_id[step_id] for step_id in question["answer"]]


def qualification_flow_figure(steps: list[str] | None = None):
    """Numbered boxes joined by arrows, top to bottom, one per qualification step."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    steps = steps if steps is not None else qualification_steps()
    box_height, gap = 0.8, 0.45
    fig, ax = plt.subplots(figsize=(7, 0.62 * len(steps) + 0.8))
    for i, text in enumerate(steps):
        top = -i * (box_height + gap)
        last = i == len(steps) - 1
        ax.add_patch(
            FancyBboxPatch(
                (0, top - box_height),
                10,
                box_height,
                boxstyle="round,pad=0.02,rounding_size=0.15",
                facecolor="#08519c" if last else "#deebf7",
                edgecolor="#08519c",
                linewidth=1.2,
            )
        )
        label = "\n".join(textwrap.wrap(f"{i + 1}. {text}", width=70))
        ax.text(
            5, top - box_height / 2, label, ha="center", va="center", fontsize=10, color="white" if last else "#08306b"
        )
        if not last:
            ax.annotate(
                "",
                xy=(5, top - box_height - gap + 0.02),
                xytext=(5, top - box_height - 0.02),
                arrowprops={"arrowstyle": "-|>", "color": "#555555", "linewidth": 1.2},
            )
    bottom = -(len(steps) - 1) * (box_height + gap) - box_height
    ax.set_xlim(-0.2, 10.2)
    ax.set_ylim(bottom - 0.1, 0.1)
    ax.axis("off")
    ax.set_title("Qualifying a contract manufacturer, step by step", fontsize=12)
    fig.text(0.01, 0.0, SOURCE_NOTE, fontsize=8, color="#555555")
    fig.tight_layout()
    return fig


def flow_alt(steps: list[str] | None = None) -> str:
    """Alt text that reads the flow aloud, step by step."""
    steps = steps if steps is not None else qualification_steps()
    listed = "; ".join(f"{i + 1}, {text}" for i, text in enumerate(steps))
    return f"Flow diagram of {len(steps)} boxes joined by downward arrows: {listed}."


def show_qualification_flow() -> None:
    """Display the qualification flow with alt text."""
    from cmo_course.figures import show

    steps = qualification_steps()
    show(qualification_flow_figure(steps), alt=flow_alt(steps))
