"""The per-lesson progress summary as text (CLI), an HTML table and a bar chart (notebook)."""

from __future__ import annotations

from pathlib import Path

from ..templating import render
from .store import ProgressStore

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
EMPTY = "No answers saved yet. Answer a quiz question in a lesson and run this again."
HEADERS = ("Lesson", "Answered", "Right on first try", "Attempts", "Last activity (UTC)")


def _cells(row: dict) -> tuple[str, ...]:
    when = row["last_activity"].replace("T", " ").replace("+00:00", "")
    return (row["lesson"], str(row["answered"]), str(row["correct_first_try"]), str(row["attempts"]), when)


def summary_text(rows: list[dict]) -> str:
    """A plain-text table, one line per lesson."""
    if not rows:
        return EMPTY
    table = [HEADERS] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths)] + lines[1:])


def summary_html(rows: list[dict]) -> str:
    """The summary as an HTML table (template progress_summary.html.j2), or the no-progress line."""
    return render(
        TEMPLATES_DIR, "progress_summary.html.j2", rows=[_cells(r) for r in rows], headers=HEADERS, empty=EMPTY
    )


def summary_figure(rows: list[dict]):
    """Grouped bars per lesson: questions answered and questions right on the first try."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    labels = [r["lesson"] for r in rows]
    positions = range(len(rows))
    fig, ax = plt.subplots(figsize=(max(4, 1.2 * len(rows) + 2), 3))
    ax.bar(
        [p - 0.2 for p in positions],
        [r["answered"] for r in rows],
        width=0.4,
        label="Answered",
        color="#9ecae1",
        edgecolor="black",
    )
    ax.bar(
        [p + 0.2 for p in positions],
        [r["correct_first_try"] for r in rows],
        width=0.4,
        label="Right on first try",
        color="#3182bd",
        edgecolor="black",
        hatch="//",
    )
    ax.set_xticks(list(positions), labels, rotation=20, ha="right")
    ax.set_ylabel("Questions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def figure_alt(rows: list[dict]) -> str:
    parts = [f"{r['lesson']}: {r['answered']} answered, {r['correct_first_try']} right on the first try" for r in rows]
    return "Bar chart of questions answered and right on the first try, per lesson. " + "; ".join(parts) + "."


def show_summary(store: ProgressStore) -> None:
    """Display the summary table and, when there is progress, the bar chart."""
    from IPython.display import display

    from ..figure_output import show

    try:
        rows = store.summary()
    except Exception as exc:  # never a traceback for the learner
        print(f"Your progress cannot be shown: {exc}")
        return
    display({"text/plain": summary_text(rows), "text/html": summary_html(rows)}, raw=True)
    if rows:
        show(summary_figure(rows), alt=figure_alt(rows))
