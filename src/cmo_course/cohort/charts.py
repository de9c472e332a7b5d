"""The report's charts: matplotlib (Agg) figures, each as a PNG data URI with its alt text."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from .model import Cohort


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    data_uri: str


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _encode(fig) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _pct(value) -> str:
    return "no answers" if value is None else f"{round(100 * value)}%"


def lesson_chart(cohort: Cohort) -> Chart | None:
    lessons = [ls for ls in cohort.lessons if ls.questions]
    if not lessons:
        return None
    plt = _pyplot()
    labels = [ls.info.id.replace("exercises/", "ex. ") for ls in lessons]
    answered = [100 * ls.share_answered for ls in lessons]
    first = [100 * (ls.share_first_try or 0) for ls in lessons]
    fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(lessons) + 2), 3.6))
    positions = range(len(lessons))
    ax.bar(
        [p - 0.2 for p in positions],
        answered,
        width=0.4,
        label="Answered (share of learners)",
        color="#9ecae1",
        edgecolor="black",
    )
    ax.bar(
        [p + 0.2 for p in positions],
        first,
        width=0.4,
        label="Right on first try (share of answers)",
        color="#3182bd",
        edgecolor="black",
        hatch="//",
    )
    ax.set_xticks(list(positions), labels, rotation=30, ha="right")
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    parts = [
        f"{ls.info.id}: {_pct(ls.share_answered)} answered, {_pct(ls.share_first_try)} right on the first try"
        for ls in lessons
    ]
    alt = (
        "Bar chart per lesson of the share of questions learners answered and the share right on the first try. "
        + "; ".join(parts)
        + "."
    )
    return Chart("Answered and right on the first try, per lesson", alt, _encode(fig))


def completion_chart(cohort: Cohort) -> Chart | None:
    learners = cohort.learners
    if not learners or not learners[0].quiz_total:
        return None
    plt = _pyplot()
    bins = list(range(0, 101, 10))
    shares = [min(99.999, 100 * s.quiz_share) for s in learners]
    counts = [sum(1 for v in shares if low <= v < low + 10) for low in bins[:-1]]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar([b + 5 for b in bins[:-1]], counts, width=9, color="#74c476", edgecolor="black")
    ax.set_xticks(bins)
    ax.set_xlabel("Quiz questions answered (%)")
    ax.set_ylabel("Learners")
    ax.yaxis.get_major_locator().set_params(integer=True)
    parts = [
        f"{c} learner{'s' if c != 1 else ''} at {low}{'-100' if low == 90 else f'-{low + 9}'}%"
        for low, c in zip(bins[:-1], counts, strict=True)
        if c
    ]
    alt = (
        f"Histogram of the {len(learners)} learners by the share of the course's quiz questions they answered: "
        + "; ".join(parts)
        + "."
    )
    return Chart("Learners by quiz completion", alt, _encode(fig))


def missed_chart(cohort: Cohort, n: int = 10) -> Chart | None:
    missed = cohort.most_missed(n)
    if not missed:
        return None
    plt = _pyplot()
    labels = [q.info.id for q in reversed(missed)]
    values = [100 * (1 - q.share_first_try) for q in reversed(missed)]
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(missed) + 1.2))
    ax.barh(labels, values, color="#fc9272", edgecolor="black")
    ax.set_xlim(0, 100)
    ax.set_xlabel("Wrong on the first try (% of learners who answered)")
    parts = [f"{q.info.id}: {_pct(1 - q.share_first_try)} wrong on the first try" for q in missed]
    alt = "Horizontal bar chart of the most-missed questions. " + "; ".join(parts) + "."
    return Chart("The most-missed questions", alt, _encode(fig))


def charts(cohort: Cohort) -> list[Chart]:
    return [c for c in (lesson_chart(cohort), completion_chart(cohort), missed_chart(cohort)) if c]
