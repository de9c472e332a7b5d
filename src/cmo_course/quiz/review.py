"""Review what you missed: the quiz questions a learner got wrong (oldest mistake first), then the
ones not answered yet, asked again as live questions with a link back to the section that teaches
each. Answers are saved under the question's own lesson and id, as later attempts (context
"review"): they never count as a first try."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..content.manifest import Course, Lesson, load_course
from ..questions.recording import record
from .bank import load_bank

_SPACES = re.compile(r"\s+")
START_FOLDER = "notebooks"  # the review notebook's folder: links are relative to it
NO_PROGRESS = (
    "No answers saved yet, so there is nothing to review. Start with lesson {first}: answer its quiz "
    "questions, then come back here to practise the ones you missed."
)


@dataclass(frozen=True)
class DueQuestion:
    """One question to review: its lesson, the question, and why ("missed" or "unanswered")."""

    lesson: Lesson
    question: dict
    reason: str
    missed_at: str = ""  # when it was first answered wrongly (UTC ISO), for missed questions

    @property
    def section_href(self) -> str:
        """The lesson notebook, at the heading of the section the question follows (JupyterLab's
        heading anchors: the heading text with spaces as hyphens)."""
        href = posixpath.relpath(self.lesson.notebook, START_FOLDER)
        section = self.question.get("section")
        return f"{href}#{_SPACES.sub('-', section.strip())}" if section else href


def _saved_attempts() -> list[dict]:
    try:
        from ..progress import default_store

        return default_store().attempts()
    except Exception:  # noqa: BLE001 - no usable store means nothing saved
        return []


def due_questions(course: Course | None = None, attempts: list[dict] | None = None) -> list[DueQuestion]:
    """What to review: questions whose first answer was wrong, oldest mistake first, then questions
    never answered, in course order. A missed question leaves the list once its latest answer in
    review is right (and comes back if a later review answer is wrong). Empty when nothing has been
    answered at all."""
    course = course if course is not None else load_course()
    attempts = attempts if attempts is not None else _saved_attempts()
    first: dict[tuple[str, str], tuple[int, dict]] = {}  # (position in the store, first attempt)
    reviewed_right: dict[tuple[str, str], bool] = {}  # was the latest answer in review right?
    for position, row in enumerate(attempts):
        key = (row["lesson"], row["question_id"])
        first.setdefault(key, (position, row))
        if row.get("context") == "review":
            reviewed_right[key] = bool(row["correct"])
    lessons = [lesson for lesson in course.published if lesson.quiz]
    banks = {lesson.id: load_bank(lesson.id) for lesson in lessons}
    known = {(lesson.id, q["id"]) for lesson in lessons for q in banks[lesson.id].questions}
    if not known & set(first):
        return []
    missed, unanswered = [], []
    for lesson in lessons:
        for question in banks[lesson.id].questions:
            found = first.get((lesson.id, question["id"]))
            if found is None:
                unanswered.append(DueQuestion(lesson, question, "unanswered"))
            elif not found[1]["correct"] and not reviewed_right.get((lesson.id, question["id"])):
                missed.append((found[0], DueQuestion(lesson, question, "missed", found[1]["answered_at"])))
    missed.sort(key=lambda item: item[0])  # the store keeps attempts in the order they were made
    return [due for _, due in missed] + unanswered


def summary_line(due: list[DueQuestion], course: Course | None = None) -> str:
    if not due:
        course = course if course is not None else load_course()
        first = next((lesson for lesson in course.published if lesson.quiz), None)
        return NO_PROGRESS.format(first=f"{first.number} ({first.title})" if first else "01")
    missed = sum(1 for d in due if d.reason == "missed")
    unanswered = len(due) - missed
    return (
        f"{len(due)} questions to review: {missed} you missed (oldest mistake first), "
        f"then {unanswered} not answered yet. Your answers here are saved as later attempts."
    )


class Review:
    """The review session: `review.ask_all()` shows each due question with a link to its section."""

    def __init__(self, due: list[DueQuestion]):
        self.due = due
        self.attempts: dict[tuple[str, str], int] = {}
        for row in _saved_attempts():
            key = (row["lesson"], row["question_id"])
            self.attempts[key] = max(self.attempts.get(key, 0), int(row["attempt"] or 0))

    def __repr__(self) -> str:
        return f"<Review: {len(self.due)} questions>"

    def _on_attempt(self, due: DueQuestion):
        def on_attempt(view, answer, outcome) -> None:
            key = (due.lesson.id, due.question["id"])
            self.attempts[key] = self.attempts.get(key, 0) + 1
            record(due.question["id"], due.lesson.id, answer, outcome, self.attempts[key], context="review")

        return on_attempt

    def heading_html(self, due: DueQuestion) -> str:
        from ..templating import render
        from .scoreboard import TEMPLATES_DIR

        return render(TEMPLATES_DIR, "review_heading.html.j2", due=due)

    def ask_all(self) -> None:
        """Show every due question, each under a line naming its lesson and section."""
        from IPython.display import HTML, display

        from ..questions.live import QuestionView

        for due in self.due:
            display(HTML(self.heading_html(due)))
            display(QuestionView(due.question, on_attempt=self._on_attempt(due)))


def start_review() -> Review:
    """Read the saved progress and print one line: what there is to review, or how to start."""
    due = due_questions()
    print(summary_line(due))
    return Review(due)
