"""Figures for lesson 02_when_to_outsource: how many programs reach each clinical stage."""

from __future__ import annotations

STAGES = ("Phase I", "Phase II", "Phase III", "NDA/BLA filed", "Approved")
SPOKEN_STAGES = ("Phase I", "Phase II", "Phase III", "an NDA or BLA filing", "approval")
SOURCE_NOTE = "Source: BIO/Informa/QLS 2021, programs from 2011 to 2020 (industry averages)."


def default_transition_rates() -> list[float]:
    """The build-vs-outsource tool's default phase-transition rates (BIO/Informa/QLS 2021)."""
    from cmo_course.tools.data import load_yaml

    transitions = load_yaml("build_vs_outsource.yaml")["success_rates"]["transitions"]
    return [float(t["rate"]) for t in transitions]


def programs_reaching_each_stage(rates=None, start: float = 100.0) -> list[float]:
    """Out of `start` programs entering Phase I, how many reach each stage (rates multiply)."""
    rates = rates if rates is not None else default_transition_rates()
    counts = [start]
    for rate in rates:
        counts.append(counts[-1] * rate)
    return counts


def attrition_figure(rates=None):
    """A bar chart: of 100 programs entering Phase I, how many reach each later stage."""
    import matplotlib.pyplot as plt

    rates = rates if rates is not None else default_transition_rates()
    counts = programs_reaching_each_stage(rates)
    lowest = min(range(len(rates)), key=lambda i: rates[i])
    fig, ax = plt.subplots(figsize=(8, 4.2))
    colors = ["#9ecae1"] * len(counts)
    colors[-1] = "#08519c"
    ax.bar(range(len(counts)), counts, color=colors, width=0.5)
    for x, count in enumerate(counts):
        ax.text(x, count + 2, f"{count:.1f}", ha="center", va="bottom", fontsize=12)
    for i, rate in enumerate(rates):
        label = f"\u00d7 {rate:.1%}" + ("\n(lowest)" if i == lowest else "")
        ax.text(
            i + 0.5,
            counts[i + 1] + 22,
            label,
            ha="center",
            va="center",
            fontsize=9,
            color="#a50f15" if i == lowest else "#333333",
        )
    ax.set_xticks(range(len(counts)), STAGES)
    ax.set_ylim(0, 112)
    ax.set_ylabel("Programs (out of 100 entering Phase I)")
    ax.set_title("Out of 100 programs that enter Phase I, how many reach each stage?")
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.02, SOURCE_NOTE, fontsize=8, color="#555555")
    fig.tight_layout()
    return fig


def attrition_alt(rates=None) -> str:
    """Alt text that reads the chart's numbers aloud."""
    rates = rates if rates is not None else default_transition_rates()
    counts = programs_reaching_each_stage(rates)
    reached = ", ".join(
        f"{count:.1f} reach {stage}" for stage, count in zip(SPOKEN_STAGES[1:], counts[1:], strict=True)
    )
    lowest = min(range(len(rates)), key=lambda i: rates[i])
    return (
        f"Bar chart. Of 100 programs entering Phase I, {reached}. The step from "
        f"{STAGES[lowest]} to {STAGES[lowest + 1]} ({rates[lowest]:.1%}) is the steepest drop."
    )


def show_attrition() -> None:
    """Display the attrition chart with its alt text."""
    from cmo_course.figures import show

    rates = default_transition_rates()
    show(attrition_figure(rates), alt=attrition_alt(rates))
