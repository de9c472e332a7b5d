"""What a matplotlib figure draws, for the tests that check learners' names are drawn literally."""

from __future__ import annotations

import io


def drawn_texts(fig) -> list[str]:
    """Every text on the figure as matplotlib draws it, after checking none is read as mathtext."""
    fig.savefig(io.BytesIO(), format="png")  # draws every text: a mathtext error would raise here
    drawn = []
    for text in fig.findobj(lambda artist: hasattr(artist, "_preprocess_math")):
        shown, is_math = text._preprocess_math(text.get_text())
        assert not is_math, text.get_text()
        drawn.append(shown)
    return drawn
