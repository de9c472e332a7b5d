"""Every content rule of the course, in one place: `cmo-course validate` runs them and the tests
call it. Each rule reports `Problem`s naming file, line, entry and field, and what to fix.

Rules: the manifest (schema, every file it names exists, nothing left out), quiz banks, exercise
sets, the glossary and the reference list (schemas and consistency), ids unique across the course
and permanent, citations that resolve, Markdown images and links that stay inside the course,
learner-visible text that never points at material learners do not have, acronyms spelled out at
first use, notebooks that match the manifest, and the lesson standard for every published lesson.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .content.banks import bank_problems, duplicates
from .content.exercise_sets import set_problems
from .content.lesson_cells import collapse_problems, drift
from .content.manifest import Course, Lesson, load_course
from .content.references import load_glossary, load_references
from .content.safe_yaml import load_yaml
from .content.schema import first_error
from .errors import ContentError, CourseError, Problem
from .paths import course_root, display_name

MIN_QUIZ_QUESTIONS = 7
MIN_EXERCISE_QUESTIONS = 4
MIN_CITATIONS = 5
MINUTES_TOLERANCE = 0.25
WORDS_PER_MINUTE = 200
MAX_CODE_LINES = 3
PUBLISHED_IDS = "content/published-ids.yaml"

# A citation: "(Source: LABEL)", "(Source: LABEL, locator)", or several joined by ";" ("(Source: A; B,
# locator)"); a locator may hold a parenthesis ("paragraph (a)"). One left open runs to the next "(" or ")".
CITATION = re.compile(r"\(Source:\s*((?:[^()]|\([^()]*\))*)\)?")
SHOW_FIGURE = re.compile(r"""show_figure\(\s*["']([^"']+)["']\s*\)""")
ASK = re.compile(r"""quiz\.ask\(\s*["']([^"']+)["']\s*\)""")
HEADING = re.compile(r"^#{2,3}\s+(.+?)\s*$", re.MULTILINE)
MD_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_SRC = re.compile(
    r"""<(img|source|iframe|script|link)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Learners have neither the authors' fact brief nor an unnamed body of "secondary sources"; and the
# stock hedges the course dropped ("commonly described as", "summaries report") say whose view
# nothing is: name the source instead.
HIDDEN_SOURCES = re.compile(
    r"course[\s_-]*brief|\bsecondary\s+sources?\b|commonly\s+described|summaries\s+report", re.IGNORECASE
)
# ICH Q7 16.16: changes need the contract giver to be informed *and to approve* them. A sentence that
# cites 16.16 (before or after, as in "... is informed (Source: ICH Q7, section 16, clause 16.16)") and
# says the giver is informed or notified must also say that it approves.
Q7_CLAUSE = re.compile(r"(?<![\d.])16\.16(?![\d])")
Q7_INFORMED = re.compile(r"\b(?:inform(?:s|ed|ing)?|notif(?:y|ies|ied|ying|ication))\b", re.IGNORECASE)
Q7_APPROVES = re.compile(r"approv", re.IGNORECASE)
# Where a sentence ends: ". " before a capital (not "e.g. the"), a blank line, a list item or heading,
# a table cell, an HTML block.
SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])[\"')\]*_]*\s+(?=[A-Z0-9*_#(\[\"'])|\n\s*\n|\n(?=[ \t]*(?:[-*+>]|#+|\d+[.)])\s)|\|"
    r"|(?i:</?(?:p|li|td|th|tr|br|div|h\d)\b[^>]*>)"
)
ACRONYM_EXEMPT = {"D&B", "PHS Act"}


@dataclass
class Report:
    """What a validation run found."""

    problems: list[Problem] = field(default_factory=list)
    checked: Counter = field(default_factory=Counter)

    def add(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def ok(self) -> bool:
        return not self.problems


def _p(file, entry, field_, message, line=None, kind="lesson") -> Problem:
    return Problem(file, entry, field_, message, line=line, entry_kind=kind)


def _strings(value):
    """Every string inside parsed YAML."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# ----- text rules, for any learner-visible text -----


def link_problems(text: str, name: str, base: Path, root: Path, entry=None, kind="question") -> list[Problem]:
    """Markdown/HTML images and links must name files inside the course (a remote image would make
    a handout fetch from the network; a link out of the course breaks offline)."""
    out = []
    targets = [(bang == "!", target) for bang, target in MD_LINK.findall(text)]
    targets += [(tag.lower() != "link", target) for tag, target in HTML_SRC.findall(text)]
    for is_image, target in targets:
        what = "image" if is_image else "link"
        if REMOTE.match(target):
            out.append(
                Problem(
                    name,
                    entry,
                    None,
                    f"has a remote {what} ({target[:80]}): content may only use "
                    "files inside the course folder; copy the file into content/figures/ and link to it.",
                    entry_kind=kind,
                )
            )
            continue
        path_part = target.split("#", 1)[0]
        if not path_part:
            continue
        resolved = (base / path_part).resolve()
        if root not in (resolved, *resolved.parents):
            out.append(
                Problem(
                    name,
                    entry,
                    None,
                    f"has an {what} to {target} outside the course folder; link to a file inside it.",
                    entry_kind=kind,
                )
            )
        elif not resolved.exists():
            out.append(
                Problem(
                    name,
                    entry,
                    None,
                    f"has an {what} to {target}, which does not exist; fix the path.",
                    entry_kind=kind,
                )
            )
    return out


def hidden_source_problems(text: str, name: str, entry=None, kind="question") -> list[Problem]:
    found = HIDDEN_SOURCES.search(text)
    if not found:
        return []
    return [
        Problem(
            name,
            entry,
            None,
            f'says "{found.group(0)}": learners have no such source; cite the real '
            "document (issuer, title, date, section), say whose view it is, or state the point as the "
            "course's reasoning.",
            entry_kind=kind,
        )
    ]


def q7_inform_only(text: str) -> str | None:
    """The first sentence that cites ICH Q7 16.16 and says the giver is informed or notified of a
    change without saying it approves it; None if there is none."""
    for sentence in SENTENCE_BREAK.split(html.unescape(text)):
        if Q7_CLAUSE.search(sentence) and Q7_INFORMED.search(sentence) and not Q7_APPROVES.search(sentence):
            return " ".join(sentence.split())
    return None


def text_problems(text: str, name: str, entry=None, kind="question") -> list[Problem]:
    """Wording rules for learner-visible text (hidden_source_problems is the other text rule)."""
    sentence = q7_inform_only(text)
    if sentence is None:
        return []
    shown = sentence if len(sentence) <= 120 else sentence[:117] + "..."
    return [
        Problem(
            name,
            entry,
            None,
            f'says ICH Q7 16.16 asks only that the contract giver be informed ("{shown}"): 16.16 requires '
            "the giver to be informed and to approve the change; say in that sentence that it approves.",
            entry_kind=kind,
        )
    ]


# ----- the rules -----


class Validator:
    """Runs every rule over the course in `root` (default: the course folder)."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else course_root()
        self.report = Report()
        self.course: Course | None = None
        self.labels: frozenset[str] = frozenset()
        self.glossary = []
        self.banks: dict[str, dict] = {}  # lesson id -> parsed bank
        self.sets: dict[str, dict] = {}
        self.figures_shown: set[tuple[str, str]] = set()

    def name(self, path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return display_name(path)

    def add(self, problems) -> None:
        self.report.add(problems)

    def add_text(self, text: str, name: str, entry, kind: str = "question") -> None:
        self.add(text_problems(text, name, entry, kind) + hidden_source_problems(text, name, entry, kind))

    def run(self) -> Report:
        try:
            self.course = load_course(self.root / "course.yaml")
        except ContentError as exc:
            self.add(exc.problems)
            return self.report
        self.check_references()
        self.check_glossary()
        self.check_manifest()
        for lesson in self.course.lessons:
            self.check_lesson(lesson)
        self.check_unique_ids()
        self.check_published_ids()
        self.check_tool_data()
        self.check_figures()
        return self.report

    def check_figures(self) -> None:
        """Every static figure: files, alt text, no network references, citations that resolve; and
        every figure a notebook shows exists."""
        from .content.figures import figure_names, figure_problems, figures_dir

        names = figure_names(self.root)
        for name in names:
            problems = figure_problems(name, self.root)
            self.add(problems)
            svg = figures_dir(self.root) / f"{name}.svg"
            if not problems:
                text = svg.read_text(encoding="utf-8")
                self.add(self.check_citations(text, self.name(svg), name, "figure"))
                self.add_text(text, self.name(svg), name, "figure")
        self.report.checked["figures"] = len(names)
        for name, notebook in sorted(self.figures_shown):
            if name not in names:
                self.add(
                    [
                        _p(
                            notebook,
                            None,
                            None,
                            f"shows the figure '{name}', which is not in content/figures/.",
                            kind="figure",
                        )
                    ]
                )

    def check_tool_data(self) -> None:
        """The tools' defaults and templates (package data) reach learners as tool output: the text rules apply."""
        from .tools.data import DATA_DIR

        tools_dir = DATA_DIR.parent
        paths = (
            sorted(DATA_DIR.glob("*"))
            + sorted(tools_dir.glob("templates/*.j2"))
            + sorted(tools_dir.glob("*/templates/*.j2"))
        )
        for path in paths:
            if path.suffix not in (".yaml", ".csv", ".j2"):
                continue
            text = path.read_text(encoding="utf-8")
            name = f"src/cmo_course/tools/{path.relative_to(tools_dir).as_posix()}"
            self.add_text(text, name, None, "file")
            self.add(self.check_citations(text, name, None, "file"))

    # references and glossary
    def check_references(self) -> None:
        path = self.root / "content" / "references.yaml"
        try:
            references = load_references(path)
        except ContentError as exc:
            self.add(exc.problems)
            return
        name = self.name(path)
        for dup in duplicates([r.label for r in references]):
            self.add([_p(name, dup, "label", "is used by two references: give each its own label.", kind="reference")])
        for ref in references:
            self.add_text(f"{ref.title} {ref.details}", name, ref.label, "reference")
        self.labels = frozenset(r.label for r in references)
        self.report.checked["references"] = len(references)

    def check_glossary(self) -> None:
        path = self.root / "content" / "glossary.yaml"
        try:
            self.glossary = load_glossary(path)
        except ContentError as exc:
            self.add(exc.problems)
            return
        name = self.name(path)
        for dup in duplicates([e.term.casefold() for e in self.glossary]):
            self.add([_p(name, dup, "term", "is defined twice (ignoring case): keep one entry.", kind="term")])
        for entry in self.glossary:
            if self.labels and entry.source not in self.labels:
                self.add(
                    [
                        _p(
                            name,
                            entry.term,
                            "source",
                            f"'{entry.source}' is not a label in content/references.yaml.",
                            kind="term",
                        )
                    ]
                )
            self.add_text(entry.definition, name, entry.term, "term")
            self.add(link_problems(entry.definition, name, path.parent, self.root, entry.term, "term"))
        self.report.checked["glossary terms"] = len(self.glossary)

    def check_source(self, source: str, name: str, entry: str, kind: str, field_="source") -> list[Problem]:
        if not self.labels:
            return []
        # 'A, locator; B' names A and B, each checked (the citation rule's own reading of a source)
        unknown = [label for label in cited_labels(f"(Source: {source.strip()})") if label not in self.labels]
        return [
            _p(
                name,
                entry,
                field_,
                f"'{label}' is not a label in content/references.yaml: use one of its labels, optionally "
                "followed by ', locator', labels joined by ';' (e.g. 'FDA quality-agreement guidance 2016, "
                "section IV.B').",
                kind=kind,
            )
            for label in unknown
        ]

    def check_citations(self, text: str, name: str, entry=None, kind="lesson") -> list[Problem]:
        """Every label of every '(Source: ...)' in `text` is a label of content/references.yaml."""
        if not self.labels:
            return []
        return [
            _p(
                name,
                entry,
                None,
                f"cites '{label[:80]}', which is not a label in content/references.yaml: write "
                "'(Source: LABEL)' or '(Source: LABEL, locator)', labels joined by ';', with labels from that file.",
                kind=kind,
            )
            for label in sorted(set(cited_labels(text)) - self.labels)
        ]

    # the manifest
    def check_manifest(self) -> None:
        course = self.course
        name = course.file
        for dup in duplicates([lesson.id for lesson in course.lessons]):
            self.add([_p(name, dup, "id", "is used by two lessons: lesson ids are unique and permanent.")])
        named: Counter = Counter()
        for lesson in course.lessons:
            files = [("notebook", lesson.notebook)]
            if lesson.quiz:
                files.append(("quiz", lesson.quiz))
            if lesson.exercises:
                files += [
                    ("exercises.set", lesson.exercises.set),
                    ("exercises.solution", lesson.exercises.solution),
                    ("exercises.notebook", lesson.exercises.notebook),
                ]
            for field_, rel in files:
                named[rel] += 1
                if not (self.root / rel).is_file():
                    self.add(
                        [
                            _p(
                                name,
                                lesson.id,
                                field_,
                                f"{rel} does not exist: create it or fix the path.",
                                line=lesson.line,
                            )
                        ]
                    )
            if lesson.kind != "start" and not lesson.part:
                self.add(
                    [_p(name, lesson.id, "part", "is missing: name the part this lesson belongs to.", line=lesson.line)]
                )
            if lesson.part and course.part(lesson.part) is None:
                self.add(
                    [
                        _p(
                            name,
                            lesson.id,
                            "part",
                            f"'{lesson.part}' is not a part id: use one of {', '.join(p.id for p in course.parts)}.",
                            line=lesson.line,
                        )
                    ]
                )
            if lesson.track and course.track(lesson.track) is None:
                self.add([_p(name, lesson.id, "track", f"'{lesson.track}' is not a track id.", line=lesson.line)])
        for rel, count in named.items():
            if count > 1:
                self.add([_p(name, None, None, f"{rel} is named by {count} lessons: each file belongs to one lesson.")])
        for folder, pattern in (
            ("notebooks", "*.ipynb"),
            ("solutions", "*.ipynb"),
            ("exercises", "*.ipynb"),
            ("content/quizzes", "*.yaml"),
            ("content/exercises", "*.yaml"),
        ):
            for path in sorted((self.root / folder).glob(pattern)):
                rel = path.relative_to(self.root).as_posix()
                if rel not in named:
                    self.add(
                        [
                            _p(
                                rel,
                                None,
                                None,
                                "is not named in course.yaml: add it to a lesson there (or delete it).",
                                kind="file",
                            )
                        ]
                    )
        if course.renamed:
            for old, new in course.renamed.items():
                if old == new:
                    self.add([_p(name, old, "renamed", "maps an id to itself: remove the line.")])

    # one lesson
    def check_lesson(self, lesson: Lesson) -> None:
        import nbformat

        path = self.root / lesson.notebook
        if not path.is_file():
            return
        name = lesson.notebook
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # noqa: BLE001 - any unreadable notebook is reported, not raised
            self.add(
                [
                    _p(
                        name,
                        lesson.id,
                        None,
                        f"cannot be read as a notebook ({type(exc).__name__}); "
                        "restore it from git or re-save it in JupyterLab.",
                    )
                ]
            )
            return
        self.report.checked["notebooks"] += 1
        for message in drift(nb, lesson):
            self.add(
                [
                    _p(
                        name,
                        lesson.id,
                        None,
                        f"{message}: run `cmo-course execute {lesson.notebook}` to rewrite "
                        "it from course.yaml (edit the text in course.yaml, not in the notebook).",
                    )
                ]
            )
        self.check_notebook_text(nb, path, lesson)
        bank = self.check_bank(lesson) if lesson.quiz else None
        exercise_set = self.check_exercise_set(lesson) if lesson.exercises else None
        if lesson.exercises and (self.root / lesson.exercises.solution).is_file():
            solution = nbformat.read(self.root / lesson.exercises.solution, as_version=4)
            self.check_notebook_text(solution, self.root / lesson.exercises.solution, lesson)
        if lesson.kind == "lesson":
            self.check_standard(lesson, nb, bank, exercise_set)

    def check_notebook_text(self, nb, path: Path, lesson: Lesson) -> None:
        name = self.name(path)
        for message in collapse_problems(nb):
            self.add([_p(name, lesson.id, None, f"{message}: run `cmo-course execute {name}` to collapse it.")])
        for cell in nb.cells:
            if cell.cell_type == "code":
                self.figures_shown.update((figure, name) for figure in SHOW_FIGURE.findall(cell.source))
            texts = [cell.source] if cell.cell_type == "markdown" else []
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                texts += [str(data.get(k, "")) for k in ("text/plain", "text/html", "text/markdown")]
                texts += [
                    str(meta.get("alt", "")) for meta in output.get("metadata", {}).values() if isinstance(meta, dict)
                ]
                if output.get("output_type") == "stream":
                    texts.append(str(output.get("text", "")))
            for text in texts:
                self.add(self.check_citations(text, name, lesson.id))
                self.add_text(text, name, lesson.id, "lesson")
            if cell.cell_type == "markdown":
                self.add(link_problems(cell.source, name, path.parent, self.root, lesson.id, "lesson"))

    def read(self, rel: str):
        """The parsed YAML of a content file named in the manifest; None (reported) if unreadable."""
        path = self.root / rel
        if not path.is_file():
            return None  # check_manifest reports the missing file
        try:
            return load_yaml(path)
        except ContentError as exc:
            self.add(exc.problems)
            return None

    def check_entry_text(self, entry: dict, name: str, base: Path, entry_id: str, kind: str) -> None:
        """The text rules, links and citations for every string of one bank or exercise-set entry."""
        for text in _strings(entry):
            self.add_text(text, name, entry_id, kind)
            self.add(link_problems(text, name, base, self.root, entry_id, kind))
            self.add(self.check_citations(text, name, entry_id, kind))

    def check_bank(self, lesson: Lesson) -> dict | None:
        data = self.read(lesson.quiz)
        if data is None:
            return None
        path = self.root / lesson.quiz
        name = self.name(path)
        problems = bank_problems(data, path)
        self.add(problems)
        if isinstance(data, dict) and data.get("lesson") not in (None, lesson.id):
            self.add(
                [
                    _p(
                        name,
                        None,
                        "lesson",
                        f"'{data.get('lesson')}' but course.yaml names this bank for lesson '{lesson.id}'.",
                        kind="question",
                    )
                ]
            )
        if problems:
            return None
        for q in data["questions"]:
            self.add(self.check_source(q["source"], name, q["id"], "question"))
            self.check_entry_text(q, name, path.parent, q["id"], "question")
        self.banks[lesson.id] = data
        self.report.checked["quiz questions"] += len(data["questions"])
        return data

    def check_exercise_set(self, lesson: Lesson) -> dict | None:
        data = self.read(lesson.exercises.set)
        if data is None:
            return None
        path = self.root / lesson.exercises.set
        problems = set_problems(data, path, lesson.id)
        self.add(problems)
        if problems:
            return None
        for spec in data["questions"]:
            self.check_entry_text(spec, self.name(path), path.parent, spec["id"], "exercise")
        self.sets[lesson.id] = data
        self.report.checked["exercise questions"] += len(data["questions"])
        return data

    # the lesson standard
    def check_standard(self, lesson: Lesson, nb, bank: dict | None, exercise_set: dict | None) -> None:
        name = lesson.notebook
        problems = []

        def fail(message, field_=None):
            problems.append(_p(name, lesson.id, field_, message))

        questions = bank["questions"] if bank else []
        code = [c for c in nb.cells if c.cell_type == "code"]
        markdown = [c for c in nb.cells if c.cell_type == "markdown"]
        asked = Counter(i for c in code for i in ASK.findall(c.source))
        if bank is not None and asked != Counter(q["id"] for q in questions):
            missing = sorted(set(q["id"] for q in questions) - set(asked))
            extra = sorted(set(asked) - set(q["id"] for q in questions))
            twice = sorted(i for i, n in asked.items() if n > 1)
            detail = "; ".join(
                x
                for x in (
                    f"never asked: {', '.join(missing)}" if missing else "",
                    f"not in the bank: {', '.join(extra)}" if extra else "",
                    f"asked twice: {', '.join(twice)}" if twice else "",
                )
                if x
            )
            fail(f"every bank question is asked exactly once with quiz.ask(...) ({detail}).")
        self.check_sections(lesson, nb, questions)
        setup = [c for c in code if "start_lesson(" in c.source]
        if len(setup) != 1 or f'start_lesson("{lesson.id}")' not in setup[0].source:
            fail(f'needs one set-up cell with start_lesson("{lesson.id}").')
        for cell in code:
            if len(cell.source.strip().splitlines()) > MAX_CODE_LINES:
                fail(
                    f"has a code cell of {len(cell.source.strip().splitlines())} lines: keep code cells to "
                    f"{MAX_CODE_LINES} lines or fewer (move logic into the package)."
                )
                break
        if not lesson.draft:
            if len(questions) < MIN_QUIZ_QUESTIONS:
                fail(
                    f"has {len(questions)} quiz questions: a lesson needs at least {MIN_QUIZ_QUESTIONS} "
                    "(or mark it draft: true in course.yaml).",
                    "quiz",
                )
            figures = [
                o
                for c in code
                for o in c.get("outputs", [])
                if any(m in o.get("data", {}) for m in ("image/png", "image/svg+xml"))
                and any(
                    str(meta.get("alt", "")).strip()
                    for meta in o.get("metadata", {}).values()
                    if isinstance(meta, dict)
                )
            ]
            if not figures:
                fail("has no figure with alt text: add one (cmo_course.figures.show) and run the notebook.")
            if not any("instructor" in c.metadata.get("tags", []) for c in nb.cells):
                fail("has no instructor note: add a Markdown cell tagged 'instructor'.")
            n_exercises = len(exercise_set["questions"]) if exercise_set else 0
            if n_exercises < MIN_EXERCISE_QUESTIONS:
                self.add(
                    [
                        _p(
                            name,
                            lesson.id,
                            "exercises",
                            f"has {n_exercises} exercise questions: a lesson needs "
                            f"an exercise set of at least {MIN_EXERCISE_QUESTIONS}.",
                        )
                    ]
                )
            citations = sum(len(CITATION.findall(c.source)) for c in markdown)
            if citations < MIN_CITATIONS:
                fail(
                    f"cites {citations} sources in its text: a lesson needs at least {MIN_CITATIONS} "
                    "'(Source: LABEL)' citations."
                )
            words = lesson_words(nb)
            expected = words / WORDS_PER_MINUTE + len(questions)
            if abs(lesson.teaching_minutes - expected) > MINUTES_TOLERANCE * expected:
                self.add(
                    [
                        _p(
                            name,
                            lesson.id,
                            "teaching_minutes",
                            f"states {lesson.teaching_minutes} teaching minutes, but {words} words and {len(questions)} "
                            f"questions take about {expected:.0f} (words/{WORDS_PER_MINUTE} + 1 per question): state a "
                            f"number from {expected * (1 - MINUTES_TOLERANCE):.0f} to "
                            f"{expected * (1 + MINUTES_TOLERANCE):.0f}.",
                        )
                    ]
                )
            self.add(self.acronym_problems(lesson, nb))
        self.add(problems)

    def check_sections(self, lesson: Lesson, nb, questions: list[dict]) -> None:
        """Each question's `section` names the heading it follows: the question is asked in that section."""
        where: dict[str, str | None] = {}
        current = None
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                found = HEADING.findall(cell.source)
                if found:
                    current = found[-1].strip()
            elif cell.cell_type == "code":
                for qid in ASK.findall(cell.source):
                    where.setdefault(qid, current)
        headings = {h.strip() for c in nb.cells if c.cell_type == "markdown" for h in HEADING.findall(c.source)}
        bank_name = lesson.quiz
        for q in questions:
            section = q.get("section")
            if section is None:
                if not lesson.draft:
                    self.add(
                        [
                            _p(
                                bank_name,
                                q["id"],
                                "section",
                                f"is missing: name the heading of the lesson section "
                                f"this question follows (it is asked under '{where.get(q['id'])}').",
                                kind="question",
                            )
                        ]
                    )
                continue
            if section not in headings:
                self.add(
                    [
                        _p(
                            bank_name,
                            q["id"],
                            "section",
                            f"'{section}' is not a heading in {lesson.notebook}.",
                            kind="question",
                        )
                    ]
                )
            elif q["id"] in where and where[q["id"]] != section:
                self.add(
                    [
                        _p(
                            bank_name,
                            q["id"],
                            "section",
                            f"says '{section}' but the question is asked under "
                            f"'{where[q['id']]}': move the quiz.ask cell or fix the section.",
                            kind="question",
                        )
                    ]
                )

    def acronym_problems(self, lesson: Lesson, nb) -> list[Problem]:
        """Every glossary acronym a lesson uses is spelled out in the first cell that uses it."""
        cells = learner_cells(nb)
        undefined = []
        for entry in self.glossary:
            if not entry.expansion or entry.term in ACRONYM_EXEMPT or not _is_acronym(entry.term):
                continue
            first = next((cell for cell in cells if re.search(acronym_pattern(entry.term), cell)), None)
            if first is not None and not defines(entry.term, first):
                undefined.append(entry.term)
        if not undefined:
            return []
        return [
            _p(
                lesson.notebook,
                lesson.id,
                None,
                f"uses {', '.join(undefined)} without spelling "
                f"{'it' if len(undefined) == 1 else 'them'} out in the first cell that uses "
                f"{'it' if len(undefined) == 1 else 'them'}: write 'expansion (ACRONYM)' or "
                "'ACRONYM (expansion)' there.",
            )
        ]

    # ids
    def check_unique_ids(self) -> None:
        owner: dict[str, str] = {}
        for lesson_id, data in [*self.banks.items(), *self.sets.items()]:
            lesson = self.course.lesson(lesson_id)
            for q in data["questions"]:
                file = lesson.quiz if data is self.banks.get(lesson_id) else lesson.exercises.set
                if q["id"] in owner and owner[q["id"]] != file:
                    self.add(
                        [
                            _p(
                                file,
                                q["id"],
                                "id",
                                f"is also used in {owner[q['id']]}: ids must be unique "
                                "across the whole course; rename one of them.",
                                kind="question",
                            )
                        ]
                    )
                owner.setdefault(q["id"], file)
        lesson_ids = {lesson.id for lesson in self.course.lessons}
        for qid in owner:
            if qid in lesson_ids:
                self.add([_p(owner[qid], qid, "id", "is also a lesson id: use another id.", kind="question")])

    def current_ids(self, published_only: bool) -> set[str]:
        ids = set()
        for lesson in self.course.lessons:
            if published_only and lesson.draft:
                continue
            ids.add(lesson.id)
            for data in (self.banks.get(lesson.id), self.sets.get(lesson.id)):
                ids.update(q["id"] for q in (data or {}).get("questions", []))
        return ids

    def check_published_ids(self) -> None:
        path = self.root / PUBLISHED_IDS
        if not path.is_file():
            return
        try:
            data = load_yaml(path)
        except ContentError as exc:
            self.add(exc.problems)
            return
        error = first_error("published-ids.json", data)
        if error:
            self.add([_p(PUBLISHED_IDS, None, error[0] or None, error[1], kind="file")])
            return
        recorded = set(data["ids"])
        current = self.current_ids(published_only=False)
        course = self.course
        for old in sorted(recorded - current):
            if old in course.retired:
                continue
            new = course.current_id(old)
            if new == old:
                self.add(
                    [
                        _p(
                            PUBLISHED_IDS,
                            old,
                            None,
                            "was published but no longer exists: ids are permanent. If "
                            "you renamed it, add `old-id: new-id` under `renamed:` in course.yaml; if you removed "
                            "it on purpose, list it under `retired:`.",
                            kind="id",
                        )
                    ]
                )
            elif new not in current:
                self.add([_p("course.yaml", old, "renamed", f"maps to '{new}', which does not exist.", kind="id")])
        unrecorded = sorted(self.current_ids(published_only=True) - recorded)
        if unrecorded:
            self.add(
                [
                    _p(
                        PUBLISHED_IDS,
                        None,
                        None,
                        f"does not record {len(unrecorded)} id(s) of published lessons "
                        f"({', '.join(unrecorded[:5])}{', ...' if len(unrecorded) > 5 else ''}): run "
                        "`cmo-course validate --record-ids` and commit the file.",
                        kind="id",
                    )
                ]
            )

    def record_ids(self) -> int:
        """Add every published lesson's ids to content/published-ids.yaml; returns how many were added."""
        import yaml

        path = self.root / PUBLISHED_IDS
        recorded = []
        if path.is_file():
            data = load_yaml(path)
            recorded = list(data.get("ids", [])) if isinstance(data, dict) else []
        new = sorted(self.current_ids(published_only=True) - set(recorded))
        header = (
            "# yaml-language-server: $schema=../src/cmo_course/content/schemas/published-ids.json\n"
            "# Every lesson, quiz-question and exercise id ever published. Ids are permanent: `cmo-course\n"
            "# validate` fails when one disappears, unless course.yaml lists it under renamed: or retired:.\n"
            "# Add new ids with `cmo-course validate --record-ids`.\n"
        )
        path.write_text(
            header + yaml.safe_dump({"ids": sorted(set(recorded) | set(new))}, sort_keys=False), encoding="utf-8"
        )
        return len(new)


def cited_labels(text: str) -> list[str]:
    """The label of every citation in `text`, in order: '(Source: A, locator; B)' cites A and B; a
    label broken across lines counts as one."""
    bodies = CITATION.findall(html.unescape(text))
    # A citation may wrap across lines in Markdown: its label is read with its spaces folded.
    return [" ".join(part.split(",", 1)[0].split()) for body in bodies for part in body.split(";")]


def without_citations(text: str) -> str:
    """`text` without its '(Source: ...)' citations (a label names a source, not a term to define)."""
    return CITATION.sub("", text)


def learner_cells(nb) -> list[str]:
    """The Markdown a learner reads, cell by cell: instructor notes, the `# Title` line and citations left out."""
    return [
        without_citations(re.sub(r"\A# .*\n", "", c.source))
        for c in nb.cells
        if c.cell_type == "markdown" and "instructor" not in c.metadata.get("tags", [])
    ]


def lesson_words(nb) -> int:
    """Words a learner reads in a lesson: Markdown cells, without instructor notes."""
    text = " ".join(
        c.source for c in nb.cells if c.cell_type == "markdown" and "instructor" not in c.metadata.get("tags", [])
    )
    text = re.sub(r"<[^>]+>|[#*`|_>\-]+", " ", text)
    return len(re.findall(r"[A-Za-z0-9][\w'’.,%/()-]*", text))


def defines(acronym: str, text: str) -> bool:
    """'spelled out (ACR)', '(21 CFR)', 'ACR (spelled out)', '**ACR** (spelled out)', 'ACR is spelled
    out', or a group such as '(IQ, OQ and PQ: installation, ...)'."""
    a = re.escape(acronym)
    patterns = [
        rf"\((?:\d+ )?{a}s?[):]",
        rf"(?<![\w/]){a}s?\**\s\(",
        rf"(?<![\w/]){a}\**\s(is|are)\s",
        rf"\([^()]*(?<![\w/]){a}[^():]*:[^()]+\)",
    ]
    return any(re.search(p, text) for p in patterns)


def _is_acronym(term: str) -> bool:
    """CMO, CoA, IQ/OQ/PQ, 510(k): a short term with capitals and no spaces (not 'Tech transfer')."""
    return " " not in term and (sum(ch.isupper() for ch in term) >= 2 or any(ch.isdigit() for ch in term))


def acronym_pattern(acronym: str) -> str:
    """The acronym as a whole word, plural allowed (KPIs); 'CMO/CDMO' and 'NDA/BLA' use CMO and NDA."""
    return rf"(?<![\w/&]){re.escape(acronym)}s?(?![A-Za-z&])"


def lesson_acronym_problems(lesson_id: str, root: Path | None = None) -> list[Problem]:
    """The acronym rule of `validate_course` for one lesson: every glossary acronym the lesson uses is
    spelled out in the first cell that uses it (Validator.acronym_problems, with the glossary loaded)."""
    import nbformat

    validator = Validator(root)
    validator.course = load_course(validator.root / "course.yaml")
    validator.check_glossary()
    lesson = validator.course.lesson(lesson_id)
    return validator.acronym_problems(lesson, nbformat.read(validator.root / lesson.notebook, as_version=4))


def validate_course(root: Path | None = None) -> Report:
    """Run every rule over the whole course."""
    return Validator(root).run()


def validate_files(files: list[Path], against_course: bool = True) -> tuple[list[Problem], int]:
    """Check content files one by one (banks, exercise sets, glossary, references, manifests); with
    `against_course`, question ids must also be unique against the course's own banks.
    Returns (problems, number of questions checked)."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    count = 0
    course_ids: dict[str, str] = {}
    validator = None
    try:
        validator = Validator()
        validator.check_references()
        if against_course:
            for lesson in load_course(validator.root / "course.yaml").lessons:
                try:
                    data = load_yaml(validator.root / lesson.quiz) if lesson.quiz else {}
                except ContentError:
                    continue
                for q in data.get("questions", []) if isinstance(data, dict) else []:
                    if isinstance(q, dict) and isinstance(q.get("id"), str):
                        course_ids[q["id"]] = lesson.quiz
    except CourseError:
        pass
    for path in [Path(f) for f in files]:
        name = display_name(path)
        try:
            data = load_yaml(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        kind = _kind_of(data)
        if kind == "bank":
            found = bank_problems(data, path)
            if not found and validator is not None:
                for q in data["questions"]:
                    found.extend(validator.check_source(q["source"], name, q["id"], "question"))
        elif kind == "exercises":
            found = set_problems(data, path)
        elif kind == "references":
            found = _load_problems(load_references, path)
        elif kind == "glossary":
            found = _load_problems(load_glossary, path)
        elif kind == "manifest":
            found = _load_problems(load_course, path)
        elif kind == "figure":
            from .content.figures import figure_problems

            found = figure_problems(path.stem, path.parent.parent.parent)
        else:
            found = [
                Problem(
                    name,
                    None,
                    None,
                    "is not a course content file (a quiz bank, exercise set, glossary, "
                    "reference list or course manifest).",
                    entry_kind="file",
                )
            ]
        problems.extend(found)
        if kind in ("bank", "exercises"):
            for text in _strings(data):
                problems.extend(link_problems(text, name, path.parent, path.parent))
            for q in data.get("questions", []) if isinstance(data.get("questions"), list) else []:
                qid = q.get("id") if isinstance(q, dict) else None
                if not isinstance(qid, str):
                    continue
                count += 1
                clash = owner.get(qid) or (course_ids.get(qid) if course_ids.get(qid) != name else None)
                if clash and clash != name:
                    problems.append(
                        Problem(
                            name,
                            qid,
                            "id",
                            f"is also used in {clash}: ids must be unique across the whole course; rename one of them.",
                        )
                    )
                owner.setdefault(qid, name)
    return problems, count


def _kind_of(data) -> str | None:
    if not isinstance(data, dict):
        return None
    if "lessons" in data and "format" in data:
        return "manifest"
    if "alt" in data and "lesson" in data and "questions" not in data:
        return "figure"
    if "lesson" in data or ("questions" in data and "notebook" not in data):
        return "bank"
    if "notebook" in data:
        return "exercises"
    if "references" in data:
        return "references"
    if "terms" in data:
        return "glossary"
    return None


def _load_problems(loader, path) -> list[Problem]:
    try:
        loader(path)
    except ContentError as exc:
        return exc.problems
    return []
