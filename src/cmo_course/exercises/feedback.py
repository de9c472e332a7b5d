"""What check(), hint() and solution() show: plain text plus HTML-escaped HTML, so a handout
shows the same words as the live notebook."""

from __future__ import annotations

import html
from dataclasses import dataclass

CORRECT = "correct"
WRONG = "wrong"
INVALID = "invalid"
NOT_ATTEMPTED = "not_attempted"
HINT = "hint"
SOLUTION = "solution"

_HEADINGS = {
    CORRECT: "Correct",
    WRONG: "Not quite",
    INVALID: "Check the format of your answer",
    NOT_ATTEMPTED: "Not attempted yet",
    HINT: "Hint",
    SOLUTION: "Solution",
}
_COLOURS = {
    CORRECT: "#1b7a3d",
    WRONG: "#a33a00",
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
        colour = _COLOURS[self.status]
        body = (
            f'<div class="cmo-exercise cmo-exercise-{self.status}" '
            f'style="border-left: 4px solid {colour}; padding: 0.3em 0.8em;">'
            f'<strong style="color: {colour};">{html.escape(self.title)}:</strong> {html.escape(self.message)}'
        )
        if self.code:
            body += f"<pre>{html.escape(self.code)}</pre>"
        return body + "</div>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text(), "text/html": self.html()}

    def __repr__(self) -> str:
        return self.text()
