"""A matplotlib figure as notebook output: a PNG with its alt text as plain text and metadata.
Imports nothing from the course, so any layer may show a figure."""

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
