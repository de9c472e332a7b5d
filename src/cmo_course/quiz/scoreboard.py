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
        """The live widget (ipywidgets' own bundle), with the score as text and HTML."""
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = score_text(*self.score)
        bundle["text/html"] = scoreboard_html(*self.score)
        return bundle
