"""The lesson score line: as text and as HTML (a live region that updates as questions are answered)."""

from __future__ import annotations

from pathlib import Path

from ..templating import render

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def score_text(correct_first: int, answered: int, total: int) -> str:
    return f"Lesson score: {correct_first} of {total} correct on the first try ({answered} of {total} answered so far)."


def scoreboard_html(correct_first: int, answered: int, total: int) -> str:
    """The score line as a live region (template scoreboard.html.j2)."""
    return render(TEMPLATES_DIR, "scoreboard.html.j2", text=score_text(correct_first, answered, total))


class Scoreboard:
    """A live score line: an ipywidgets HTML that `update` rewrites, shown with its static text."""

    def __init__(self, correct_first: int, answered: int, total: int):
        import ipywidgets as w

        self.score = (correct_first, answered, total)
        self.widget = w.HTML(value=scoreboard_html(*self.score))

    def update(self, correct_first: int, answered: int, total: int) -> None:
        self.score = (correct_first, answered, total)
        self.widget.value = scoreboard_html(*self.score)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": score_text(*self.score),
            "text/html": scoreboard_html(*self.score),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }
