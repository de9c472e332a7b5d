"""One exercise question as the learner meets it: q1.check(), q1.hint(), q1.solution().

Convention for the whole course: the learner sets a named variable in the cell above, and
`check()` reads that variable from the notebook's globals (as Kaggle's learntools does).
"""

from __future__ import annotations

import sys
from collections import Counter

from ..questions import question_type
from ..questions.outcome import Outcome
from ..questions.placeholder import is_placeholder
from ..questions.recording import record
from .feedback import HINT, INVALID, NOT_ATTEMPTED, SOLUTION, Feedback

# Attempts per question id in this kernel session (check() calls with an answer filled in).
_ATTEMPTS: Counter = Counter()


def _display(feedback: Feedback) -> None:
    from IPython.display import display

    display(feedback)


def render_value(value, indent: int = 4) -> str:
    """Python source for an answer, one dict entry or list item per line when it is long."""
    if isinstance(value, dict):
        lines = [f'{" " * indent}"{key}": {render_value(item)},' for key, item in value.items()]
        return "{\n" + "\n".join(lines) + "\n}"
    if isinstance(value, list):
        flat = "[" + ", ".join(render_value(item) for item in value) + "]"
        if len(flat) <= 70:
            return flat
        return "[\n" + "\n".join(f"{' ' * indent}{render_value(item)}," for item in value) + "\n]"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


class Question:
    """An exercise question built from its entry in the lesson's exercise set. Its type is a
    module of the question engine, which reads and grades the answer."""

    def __init__(self, spec: dict, notebook_id: str):
        self.entry = spec
        self.type = question_type(spec["type"])
        self.spec = self.type.from_exercise(spec)
        self.id: str = spec["id"]
        self.variable: str = spec["variable"]
        self.lesson = f"exercises/{notebook_id}"

    def answer_words(self) -> set[str]:
        """The words this question's answers are made of (option ids, categories), which a learner
        might type without quotes."""
        words: set[str] = set()
        for key in ("options", "categories", "items", "steps"):
            for entry in self.spec.get(key) or []:
                words.add(entry["id"] if isinstance(entry, dict) else str(entry))
        if isinstance(self.spec.get("answer"), str):
            words.add(self.spec["answer"])
        return {word for word in words if word.isidentifier()}

    def __repr__(self) -> str:
        return f"<exercise question {self.id}: run .check(), .hint() or .solution()>"

    def evaluate(self, value) -> Feedback:
        """The feedback for an answer, without showing or recording it. Never raises."""
        if is_placeholder(value):
            return Feedback(
                NOT_ATTEMPTED,
                f"Replace ____ in `{self.variable} = ____` with your answer, run that cell, then run this one.",
            )
        try:
            answer = self.type.read_typed(self.spec, value)
            outcome = answer if isinstance(answer, Outcome) else self.type.grade(self.spec, answer)
        except Exception as exc:  # noqa: BLE001 - a learner never sees a traceback
            return Feedback(
                INVALID,
                f"This answer could not be checked ({type(exc).__name__}). Compare its shape with the example in the task.",
            )
        return Feedback.of(outcome, self.entry["why"])

    def check_value(self, value) -> Feedback:
        """Evaluate an answer and save it through the engine's one path to the progress store
        (answers that are not attempts, such as an untouched ____, are not saved)."""
        feedback = self.evaluate(value)
        if feedback.outcome is not None and feedback.outcome.counts_as_attempt:
            _ATTEMPTS[self.id] += 1
            record(self.id, self.lesson, value, feedback.outcome, _ATTEMPTS[self.id])
        return feedback

    def check(self, *given, **named) -> None:
        """Check the variable you filled in above and show what is right or wrong."""
        namespace = sys._getframe(1).f_globals
        if given or named:
            feedback = Feedback(
                INVALID,
                f"check() takes nothing in the brackets: set `{self.variable} = ...` "
                "in the cell above, run it, then run check() with empty brackets.",
            )
        elif self.variable not in namespace:
            feedback = Feedback(
                NOT_ATTEMPTED, f"There is no `{self.variable}` yet: run the cell above that sets it, then run this one."
            )
        else:
            feedback = self.check_value(namespace[self.variable])
        _display(feedback)

    def hint_feedback(self, level=1) -> Feedback:
        hints = self.entry["hints"]
        if isinstance(level, bool) or not isinstance(level, int) or level < 1:
            return Feedback(INVALID, f"Ask for a hint by number, from 1 to {len(hints)}: for example hint(2).")
        note = f" (There are {len(hints)} hints; this is the last.)" if level > len(hints) else ""
        level = min(level, len(hints))
        return Feedback(HINT, hints[level - 1] + note, heading=f"Hint {level} of {len(hints)}")

    def hint(self, level=1) -> None:
        """Show a hint; hint(2), hint(3) give stronger ones."""
        _display(self.hint_feedback(level))

    def solution_code(self) -> str:
        """The assignment that answers the question (from the entry's answer, or its solution_code)."""
        if self.entry.get("solution_code"):
            return self.entry["solution_code"]
        return f"{self.variable} = {render_value(self.type.solution_value(self.spec))}"

    def solution_feedback(self) -> Feedback:
        """The answer and why; for findings, every problem in the document with its note."""
        why = self.entry["why"].strip()
        if self.type.NAME == "findings":
            why += " The problems: " + " ".join(
                f"{line}." if not line.endswith(".") else line for line in self.type.answer_lines(self.spec)
            )
        return Feedback(SOLUTION, why, code=self.solution_code())

    def solution(self) -> None:
        """Show the answer and why it is right."""
        _display(self.solution_feedback())
