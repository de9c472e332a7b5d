"""Show figures in lessons with alt text that survives into handouts: matplotlib figures computed
from course data (`show`), and static SVG figures from content/figures/ (`show_figure`)."""

from __future__ import annotations

from .figure_output import figure_bundle, show

__all__ = ["figure_bundle", "show", "show_figure"]


def show_figure(name: str) -> None:
    """Display a static figure from content/figures/ (its SVG, with the alt text beside it)."""
    from IPython.display import display

    from .content.figures import load_figure
    from .errors import CourseError

    try:
        figure = load_figure(name)
    except CourseError as exc:
        print(f"The figure '{name}' cannot be shown: {exc}")
        return
    display(
        {"image/svg+xml": figure.svg, "text/plain": f"[Figure] {figure.alt}"},
        metadata={"image/svg+xml": {"alt": figure.alt}},
        raw=True,
    )
