"""nbconvert preprocessors that turn a course notebook into a reader's handout.

Each one does a single job. The `cmo_handout` template's conf.json chains them after nbconvert's
TagRemovePreprocessor (which drops `instructor` cells) and the course's shared StripWidgetState
(cmo_course.notebook_preprocessors); `exporter.handout_exporter` adds OpenDisclosures for the
with-solutions editions.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import List, Set, Unicode

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
INTERACTIVE_NOTE = (
    '<p class="cmo-interactive-note">This part is interactive: open the notebook in JupyterLab '
    "and run it to use it.</p>"
)


class StaticOutputsOnly(Preprocessor):
    """Keep only what a page can show offline without scripts.

    Widget views and JavaScript are removed. A widget with no static form left (only its
    `text/plain` repr) becomes a short note; a JavaScript output with nothing else is dropped.
    """

    def preprocess_cell(self, cell, resources, index):
        if "outputs" not in cell:
            return cell, resources
        kept = []
        for output in cell.outputs:
            data = output.get("data")
            if data:
                had_widget = data.pop(WIDGET_VIEW, None) is not None
                had_script = data.pop("application/javascript", None) is not None
                if set(data) <= {"text/plain"}:
                    if had_widget:
                        data.clear()
                        data["text/html"] = INTERACTIVE_NOTE
                    elif had_script:
                        continue
            kept.append(output)
        cell.outputs = kept
        return cell, resources


class DropLiveOnlyCells(Preprocessor):
    """Drop code cells that only make sense in a running session, such as `quiz.scoreboard()`
    (a live score that would always read "0 answered" on paper)."""

    live_only_patterns = List(
        Unicode(), default_value=[r"\w+\.scoreboard\(\)"],
        help="regular expressions; a code cell whose whole code matches one is dropped",
    ).tag(config=True)

    def preprocess(self, nb, resources):
        patterns = [re.compile(p) for p in self.live_only_patterns]
        nb.cells = [
            cell for cell in nb.cells
            if not (cell.cell_type == "code" and any(p.fullmatch(cell.source.strip()) for p in patterns))
        ]
        return nb, resources


class HideReaderCode(Preprocessor):
    """Hide the code of cells whose output is all a reader needs.

    That is a code cell tagged `hide-input`, or one whose every line is a course call such as
    `from cmo_course import ...`, `quiz = start_lesson(...)`, `q1, q2 = exercise_set(...)`,
    `quiz.ask(...)` or `show_course_map()`. Such a cell with no output at all is dropped, and so is an empty cell.
    """

    hide_tags = Set({"hide-input"}, help="tags that hide a code cell's input").tag(config=True)
    reader_call_patterns = List(
        Unicode(),
        default_value=[
            r"from cmo_course(\.\w+)* import [\w, ()]+",
            r"import cmo_course(\.\w+)*( as \w+)?",
            r"\w+(, \w+)*,? = (cmo_course\.)?(start_\w+|exercise_set)\(.*\)",
            r"\w+\.(ask|scoreboard)\(.*\)",
            r"(\w+\.)*show_\w+\(.*\)",
        ],
        help="regular expressions; a code cell whose every line matches one is output-only",
    ).tag(config=True)

    def _is_output_only(self, cell) -> bool:
        if self.hide_tags & set(cell.metadata.get("tags", [])):
            return True
        lines = [line.split("#", 1)[0].strip() for line in cell.source.splitlines()]
        lines = [line for line in lines if line]
        patterns = [re.compile(p) for p in self.reader_call_patterns]
        return bool(lines) and all(any(p.fullmatch(line) for p in patterns) for line in lines)

    def preprocess(self, nb, resources):
        kept = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                if not cell.source.strip() and not cell.get("outputs"):
                    continue
                if self._is_output_only(cell):
                    if not cell.get("outputs"):
                        continue
                    cell.metadata["transient"] = {"remove_source": True}
            kept.append(cell)
        nb.cells = kept
        return nb, resources


class ImageAltText(Preprocessor):
    """Give every image output alt text, read by the template from `metadata[mime]['alt']`.

    `cmo_course.figures.show` stores it there; otherwise the output's `text/plain`
    (without a leading `[Figure]`) is used.
    """

    image_types = List(Unicode(), default_value=["image/png", "image/jpeg", "image/svg+xml"])

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            for mime in self.image_types:
                if mime not in data:
                    continue
                meta = output.setdefault("metadata", {}).setdefault(mime, {})
                if not str(meta.get("alt", "")).strip():
                    text = str(data.get("text/plain", "")).strip()
                    meta["alt"] = re.sub(r"^\[Figure\]\s*", "", text) or "Figure"
        return cell, resources


_CLOSED_DETAILS = re.compile(r"<details(?![^>]*\sopen[\s>=])(?=[\s>])", re.IGNORECASE)


def open_details(html: str) -> str:
    """Add the `open` attribute to every `<details>` element that lacks it."""
    return _CLOSED_DETAILS.sub("<details open", html)


class OpenDisclosures(Preprocessor):
    """For the with-solutions editions: every `<details>` (answers, solutions) starts open,
    on screen and in print."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = open_details(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if "text/html" in data:
                data["text/html"] = open_details(str(data["text/html"]))
        return cell, resources
