"""nbconvert preprocessors shared by every pipeline that writes or exports a notebook.

Low in the package's layers: it imports nbconvert only, nothing of the course (no quiz, exercises,
handouts or commands), so the exercise pipeline, `cmo-course execute` and the handout exporter can
all register the same preprocessor.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor


class StripWidgetState(Preprocessor):
    """Drop saved widget state (the notebook's `widgets` metadata).

    The one place the course removes it: an executed lesson, a generated exercise notebook and a
    handout all leave it out, so a freshly opened notebook shows each quiz's static form (and
    nbconvert its static `text/html` form) rather than a dead widget."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        return nb, resources
