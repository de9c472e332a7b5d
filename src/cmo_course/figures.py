"""Show figures in lessons with alt text that survives into handouts: matplotlib figures computed
from course data (`show`), and static SVG figures from content/figures/ (`show_figure`)."""

from __future__ import annotations

import base64
import io


def figure_bundle(fig, alt: str) -> tuple[dict, dict]:
    """The display data and metadata for a figure: a PNG plus its alt text as plain text.

    nbval compares only the text (the PNG bytes depend on fonts), and the handout template reads
    the alt text from the output metadata.
    """
    if not alt or not alt.strip():
        raise ValueError("A figure needs alt text that says what it shows.")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    data = {"image/png": png, "text/plain": f"[Figure] {alt.strip()}"}
    metadata = {"image/png": {"alt": alt.strip()}}
    return data, metadata


def show(fig, alt: str) -> None:
    """Display a matplotlib figure with alt text, then close it (so it is not shown twice)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    data, metadata = figure_bundle(fig, alt)
    plt.close(fig)
    display(data, metadata=metadata, raw=True)


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
    display({"image/svg+xml": figure.svg, "text/plain": f"[Figure] {figure.alt}"},
            metadata={"image/svg+xml": {"alt": figure.alt}}, raw=True)
