"""A lesson's quiz: ask questions by id, keep the lesson score, save every attempt."""

from __future__ import annotations

import difflib

from ..errors import CourseError
from ..questions.recording import record
from .bank import Bank, load_bank
from .scoreboard import Scoreboard


class Quiz:
    """The questions of one lesson. In a notebook: `quiz.ask("question-id")`, `quiz.scoreboard()`."""

    def __init__(self, bank: Bank | None, error: str | None = None, lesson: str | None = None):
        self.bank = bank
        self.error = error
        self.lesson = bank.lesson if bank else (lesson or "")
        self.first_try: dict[str, bool] = {}  # question id -> right on the first attempt
        self.attempts: dict[str, int] = {}
        self._scoreboards: list = []
        if bank is not None:
            self._pick_up_saved_progress()

    def _pick_up_saved_progress(self) -> None:
        """Start from what the progress store already holds for this lesson (after a kernel restart
        or in a later session), so the score and the attempt numbers carry on."""
        from ..progress import saved_progress

        ids = set(self.question_ids)
        for qid, (first, count) in saved_progress(self.lesson).items():
            if qid in ids:
                self.first_try[qid] = first
                self.attempts[qid] = count

    @classmethod
    def unavailable(cls, lesson: str, error: str) -> Quiz:
        """A quiz whose bank did not load: every call explains why instead of failing."""
        return cls(None, error=error, lesson=lesson)

    @property
    def question_ids(self) -> list[str]:
        return self.bank.ids if self.bank else []

    def __repr__(self) -> str:
        return f"<Quiz {self.lesson}: {len(self.question_ids)} questions>"

    # ----- score -----
    def score(self) -> tuple[int, int, int]:
        """(correct on the first try, answered, total) for this session."""
        return sum(self.first_try.values()), len(self.first_try), len(self.question_ids)

    def _update_scoreboards(self) -> None:
        for board in self._scoreboards:
            board.update(*self.score())

    def _on_attempt(self, view, answer, result) -> None:
        qid = view.question["id"]
        self.attempts[qid] = self.attempts.get(qid, 0) + 1
        self.first_try.setdefault(qid, result.correct)
        record(qid, self.lesson, answer, result, self.attempts[qid])
        self._update_scoreboards()

    # ----- showing -----
    def _unknown(self, question_id) -> str:
        if self.bank is None:
            return f"Question '{question_id}' cannot be shown: {self.error}"
        close = difflib.get_close_matches(str(question_id), self.question_ids, n=3, cutoff=0.7)
        hint = f"Did you mean: {', '.join(close)}?" if close else f"Its questions are: {', '.join(self.question_ids)}."
        return f"There is no question '{question_id}' in lesson {self.lesson}. {hint}"

    def question_view(self, question_id: str):
        """The live widget for one question (without displaying it); None for an unknown id."""
        from ..questions.live import QuestionView

        question = self.bank.question(question_id) if self.bank else None
        return QuestionView(question, on_attempt=self._on_attempt) if question else None

    def ask(self, question_id: str) -> None:
        """Show one question: the live widget, with its static form for places without widgets."""
        from IPython.display import display

        question = self.bank.question(question_id) if self.bank and isinstance(question_id, str) else None
        if question is None:
            print(self._unknown(question_id))
            return
        display(self.question_view(question_id))

    def ask_all(self) -> None:
        """Show every question of the lesson, in the bank's order."""
        if self.bank is None:
            print(f"The questions cannot be shown: {self.error}")
            return
        for question_id in self.question_ids:
            self.ask(question_id)

    def scoreboard(self) -> None:
        """Show the lesson score; it updates as questions are answered."""
        from IPython.display import display

        if self.bank is None:
            print(f"The lesson score cannot be shown: {self.error}")
            return
        board = Scoreboard(*self.score())
        self._scoreboards.append(board)
        display(board)


def ready_line(bank: Bank, number: str | None = None) -> str:
    number = number or bank.lesson.split("_", 1)[0]
    n = len(bank.questions)
    noun = "quiz question" if n == 1 else "quiz questions"
    # True as a saved output too (before anything has run): it names what the lesson holds, not a state.
    return f"Lesson {number}: {n} {noun} below. Your answers are saved on this computer."


def start_lesson(lesson_id: str) -> Quiz:
    """Load a lesson's quiz bank and say what it holds (one line). A missing or invalid bank
    prints one line naming the file and what to fix, and returns a quiz that explains itself."""
    if not isinstance(lesson_id, str) or not lesson_id.strip():
        message = f'start_lesson needs a lesson id in quotes, like start_lesson("01_landscape"), not {lesson_id!r}.'
        print(message)
        return Quiz.unavailable(str(lesson_id), message)
    from ..content.manifest import load_course

    try:
        bank = load_bank(lesson_id.strip())
        lesson = load_course().lesson(bank.lesson)
    except CourseError as exc:
        print(f"The quiz for this lesson could not be loaded: {exc}")
        return Quiz.unavailable(lesson_id, str(exc))
    print(ready_line(bank, lesson.number if lesson else None))
    return Quiz(bank)
