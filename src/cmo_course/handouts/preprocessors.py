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
    (a live score that would always read "0 answered" on paper) or `show_summary()` (the
    learner's saved progress): cells whose every line is such a call or an import of the course."""

    live_only_patterns = List(
        Unicode(), default_value=[r"\w+\.scoreboard\(\)", r"(\w+\.)*show_summary\(\)"],
        help="regular expressions; a code cell whose every line matches one (or imports cmo_course) is dropped",
    ).tag(config=True)

    def _is_live_only(self, cell, patterns) -> bool:
        if cell.cell_type != "code":
            return False
        lines = [line.split("#", 1)[0].strip() for line in cell.source.splitlines()]
        lines = [line for line in lines if line]
        live = [line for line in lines if any(p.fullmatch(line) for p in patterns)]
        return bool(live) and all(line in live or _COURSE_IMPORT.fullmatch(line) for line in lines)

    def preprocess(self, nb, resources):
        patterns = [re.compile(p) for p in self.live_only_patterns]
        nb.cells = [cell for cell in nb.cells if not self._is_live_only(cell, patterns)]
        return nb, resources


_COURSE_IMPORT = re.compile(r"from cmo_course(\.\w+)* import [\w, ()]+|import cmo_course(\.\w+)*( as \w+)?")
_LOGICAL_LINE_START = re.compile(r"\s*([-*+] |\d+\. |#|\||>|```)")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]\*\*)|(?<=[.!?]\)))\s+(?=[A-Z*`(\[])")
_LIST_MARKER = re.compile(r"^(\s*(?:[-*+]|\d+\.)\s+)(.*)$")
_BOLD_LEAD_ONLY = re.compile(r"\*\*[^*]+\*\*")


class NotebookOnlyText(Preprocessor):
    """Replace what only makes sense in a running notebook with handout wording.

    In Markdown cells, a line (a paragraph line or list item, with its wrapped continuation) that a
    `rewrites` pattern matches is rewritten; then every sentence that tells the reader to work the
    notebook ("Run the cell below", "press Shift+Enter", `q1.check()`, ...) is left out. A line left
    with nothing (or only its bold lead-in) goes, and so does a cell left empty. Stream outputs that
    only say what a running notebook holds ("Lesson 01: 8 quiz questions below. ...") are dropped. Tables and code blocks are
    never touched.
    """

    drop_sentences = List(
        Unicode(),
        default_value=[
            r"\b(run|click in) the (first code |next )?cell\b",
            r"\bthe (cell|code cell) below\b",
            r"\bthe next cell\b",
            r"\bRun that cell\b",
            r"\brun (it|this) again\b",
            r"Shift\+Enter",
            r"\bq\d+\.(check|hint|solution)\(",
            r"^Stuck\?$",
            r"\bprints a line when\b",
            r"^It loads (this lesson's quiz|the course|the two tables)\b",
            r"^It updates as you answer\b",
            r"\bscoreboard\b",
            r"^Your score for this lesson so far\b",
        ],
        help="regular expressions (case-insensitive); a Markdown sentence that matches one is left out",
    ).tag(config=True)
    rewrites = List(
        List(Unicode(), minlen=2, maxlen=2),
        default_value=[
            [
                r"^\*\*Try it yourself\.\*\* In the cell above.*$",
                "**Try it yourself.** In the notebook, change the inputs in the cell above and run the tool "
                "again; a bad value, such as a negative cost, gets a message that says what to fix.",
            ],
            [
                r"^\*\*Try it yourself\.\*\* Suppose cost matters more to your program\..*$",
                "**Weights change the ranking.** Suppose cost matters more to your program: below, the same "
                "candidates are ranked again with the weight for cost raised from 2 to 6. In the notebook you "
                "can change any weight (0 to 10) and rank them again.",
            ],
            [r", and you can see it at the end of this page\.", "."],
            [r"\bRun the next cell, then write\b", "Write"],
        ],
        help="[regular expression, replacement] pairs applied to each Markdown line before sentences are dropped",
    ).tag(config=True)
    drop_stream_outputs = List(
        Unicode(),
        default_value=[
            r"Lesson \S+: \d+ quiz questions? below\. Your answers are saved on this computer\.\n?",
            r"Exercises for lesson \S+: \d+ questions? below\.\n?",
            r"No answers saved yet, so there is nothing to review\.[^\n]*\n?",
            r"\d+ questions to review: [^\n]*\n?",
        ],
        help="regular expressions; a stream output whose whole text matches one is dropped",
    ).tag(config=True)

    def preprocess(self, nb, resources):
        self._drops = [re.compile(p, re.IGNORECASE) for p in self.drop_sentences]
        self._rewrites = [(re.compile(p), r) for p, r in self.rewrites]
        self._streams = [re.compile(p) for p in self.drop_stream_outputs]
        kept = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = self.rewrite_markdown(cell.source)
                if not cell.source.strip():
                    continue
            elif cell.cell_type == "code":
                cell.outputs = [o for o in cell.get("outputs", []) if not self._is_ready_line(o)]
            kept.append(cell)
        nb.cells = kept
        return nb, resources

    def _is_ready_line(self, output) -> bool:
        if output.get("output_type") != "stream":
            return False
        text = "".join(output.get("text", ""))
        return any(p.fullmatch(text) for p in self._streams)

    def rewrite_markdown(self, source: str) -> str:
        """The Markdown with notebook-only lines rewritten and sentences left out; unchanged lines
        keep their wrapping."""
        out, fence = [], False
        for block in _logical_lines(source.splitlines()):
            first = block[0]
            if first.lstrip().startswith("```"):
                fence = not fence
            if fence or first.lstrip().startswith(("```", "|", "#")) or not first.strip():
                out.extend(block)
                continue
            text = " ".join(line.strip() if i else line.rstrip() for i, line in enumerate(block))
            new = self._rewrite_line(text)
            if new == text:
                out.extend(block)
            elif new is not None:
                out.append(new)
        return "\n".join(out).strip("\n") + ("\n" if source.endswith("\n") else "")

    def _rewrite_line(self, text: str) -> str | None:
        for pattern, replacement in self._rewrites:
            text = pattern.sub(replacement, text)
        marker = _LIST_MARKER.match(text)
        prefix, body = (marker.group(1), marker.group(2)) if marker else ("", text)
        sentences = _SENTENCE_END.split(body)
        kept = [s for s in sentences if not any(p.search(s.strip()) for p in self._drops)]
        if len(kept) == len(sentences):
            return text
        if not kept or (len(kept) == 1 and _BOLD_LEAD_ONLY.fullmatch(kept[0].strip())):
            return None
        return prefix + " ".join(s.strip() for s in kept)


def _logical_lines(lines: list[str]) -> list[list[str]]:
    """Group Markdown lines: a line that starts a paragraph, list item, heading, table row or fence
    begins a group; a wrapped continuation line joins the group before it."""
    groups: list[list[str]] = []
    for line in lines:
        starts = not line.strip() or _LOGICAL_LINE_START.match(line) or not groups or not groups[-1][0].strip()
        if starts or groups[-1][0].lstrip().startswith(("|", "#", "```")):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


class DropEmptySections(Preprocessor):
    """Drop a Markdown cell left with only a heading when nothing follows it before the next
    heading of the same or a higher level (e.g. "Set up" once its notebook-only text and set-up
    cell are gone)."""

    def preprocess(self, nb, resources):
        cells = list(nb.cells)
        kept = []
        for i, cell in enumerate(cells):
            level = _heading_only_level(cell)
            if level is not None:
                following = cells[i + 1] if i + 1 < len(cells) else None
                next_level = _first_heading_level(following) if following is not None else 0
                if following is None or (next_level is not None and next_level <= level):
                    continue
            kept.append(cell)
        nb.cells = kept
        return nb, resources


_HEADING = re.compile(r"^(#{1,6})\s+\S")


def _heading_only_level(cell) -> int | None:
    if cell.cell_type != "markdown":
        return None
    lines = [line for line in cell.source.splitlines() if line.strip()]
    if len(lines) != 1:
        return None
    match = _HEADING.match(lines[0])
    return len(match.group(1)) if match else None


def _first_heading_level(cell) -> int | None:
    if cell.cell_type != "markdown":
        return None
    lines = [line for line in cell.source.splitlines() if line.strip()]
    match = _HEADING.match(lines[0]) if lines else None
    return len(match.group(1)) if match else None


class HideReaderCode(Preprocessor):
    """Hide the code of cells whose output is all a reader needs.

    That is a code cell tagged `hide-input`, or one whose every line is a course call such as
    `from cmo_course import ...`, `quiz = start_lesson(...)`, `q1, q2 = exercise_set(...)`,
    `quiz.ask(...)`, `q1.check()` (its `# q1.hint()` comments aside) or `show_course_map()`. Such a cell with no output at all is dropped, and so is an empty cell.
    """

    hide_tags = Set({"hide-input"}, help="tags that hide a code cell's input").tag(config=True)
    reader_call_patterns = List(
        Unicode(),
        default_value=[
            r"from cmo_course(\.\w+)* import [\w, ()]+",
            r"import cmo_course(\.\w+)*( as \w+)?",
            r"\w+(, \w+)*,? = (cmo_course\.)?(start_\w+|exercise_set)\(.*\)",
            r"\w+\.(ask|scoreboard)\(.*\)",
            r"q\d+\.check\(\)",
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
