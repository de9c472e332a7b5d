"""What check(), hint() and solution() show: plain text plus HTML-escaped HTML, so a handout
shows the same words as the live notebook. A check's Feedback presents the question engine's
`Outcome`; hints and solutions are Feedback of their own kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..questions.outcome import CORRECT, EMPTY, INVALID, PARTLY, WRONG, Outcome
from ..templating import render

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
NOT_ATTEMPTED = EMPTY  # an untouched ____ or a variable not set yet
HINT = "hint"
SOLUTION = "solution"

# The verdict that starts an outcome's message; the heading says it already.
_VERDICT = re.compile(r"^(Correct|Not quite|Partly right|Not the best call)[:.]\s*")

_HEADINGS = {
    CORRECT: "Correct",
    WRONG: "Not quite",
    PARTLY: "Partly right",
    INVALID: "Check the format of your answer",
    NOT_ATTEMPTED: "Not attempted yet",
    HINT: "Hint",
    SOLUTION: "Solution",
}
_COLOURS = {
    CORRECT: "#1b7a3d",
    WRONG: "#a33a00",
    PARTLY: "#8a4b00",
    INVALID: "#8a5a00",
    NOT_ATTEMPTED: "#555555",
    HINT: "#1f5fa8",
    SOLUTION: "#5a3c8c",
}


@dataclass(frozen=True)
class Feedback:
    """One message for the learner; `status` is one of the constants above."""

    status: str
    message: str
    heading: str | None = None
    code: str | None = None
    outcome: Outcome | None = None

    @classmethod
    def of(cls, outcome: Outcome, why: str) -> Feedback:
        """A check's feedback: the question's `why` when right; otherwise what the outcome found
        (its message, the notes on what was answered, the question's advice)."""
        if outcome.correct:
            return cls(CORRECT, why.strip(), outcome=outcome)
        summary = _VERDICT.sub("", outcome.message, count=1)
        summary = summary[:1].upper() + summary[1:]
        parts = [summary] + [text for _, text in outcome.details] + [outcome.advice]
        return cls(outcome.status, " ".join(part.strip() for part in parts if part.strip()), outcome=outcome)

    @property
    def title(self) -> str:
        return self.heading or _HEADINGS[self.status]

    @property
    def is_correct(self) -> bool:
        return self.status == CORRECT

    def text(self) -> str:
        parts = [f"{self.title}: {self.message}"]
        if self.code:
            parts.append(self.code)
        return "\n".join(parts)

    def html(self) -> str:
        """The same words as text(), in a box (template exercise_feedback.html.j2); all text escaped."""
        return render(
            TEMPLATES_DIR,
            "exercise_feedback.html.j2",
            status=self.status,
            colour=_COLOURS[self.status],
            title=self.title,
            message=self.message,
            code=self.code,
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text(), "text/html": self.html()}

    def __repr__(self) -> str:
        return self.text()
