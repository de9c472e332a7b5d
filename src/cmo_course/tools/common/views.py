"""What a notebook displays: a report (plain text and HTML in one output) and a chart (a PNG with
its alt text), each through `_repr_mimebundle_`, so `display(view)` or a cell ending in a view shows
it; nbval compares the text and HTML, which are deterministic."""

from __future__ import annotations

from ...figure_output import figure_bundle


class ReportView:
    """A report as one output: `text/plain` and `text/html`."""

    def __init__(self, text: str, html: str):
        self.text = text
        self.html = html

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text, "text/html": self.html}

    def __str__(self) -> str:
        return self.text


class ChartView:
    """A matplotlib figure with alt text: a PNG, with the alt text as plain text and in the metadata
    (the handouts read it from there): the course's one figure bundle."""

    def __init__(self, figure, alt: str):
        if not alt or not alt.strip():
            raise ValueError("A figure needs alt text that says what it shows.")
        self.figure = figure
        self.alt = alt.strip()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return figure_bundle(self.figure, self.alt)


def new_figure(width: float = 7.0, height: float = 4.0):
    """A matplotlib Figure outside pyplot (nothing to close, no global state); matplotlib loads here."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def display(*views) -> None:
    """Display each view as its own output."""
    from IPython.display import display as ipython_display

    ipython_display(*views)


def literal(text) -> str:
    """Text for a matplotlib label, drawn as typed: every `$` escaped, so a name such as "$x^2$ Labs"
    is never read as mathtext (which would draw it as a formula, or fail on a stray backslash)."""
    return str(text).replace("$", r"\$")
