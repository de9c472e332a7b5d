"""Show a tool's report in a notebook: text and HTML in one output, then an optional chart."""

from __future__ import annotations


def show_report(text: str, html: str, fig=None, alt: str | None = None) -> None:
    """Display `text`/`html` as one output (deterministic for nbval), then the figure with alt text."""
    from IPython.display import display

    display({"text/plain": text, "text/html": html}, raw=True)
    if fig is not None:
        from ..figures import show

        show(fig, alt=alt or "Chart")
