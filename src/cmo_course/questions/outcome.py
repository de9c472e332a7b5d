"""The one result of checking an answer, for quizzes and exercises alike."""

from __future__ import annotations

from dataclasses import dataclass, field

CORRECT, PARTLY, WRONG = "correct", "partly", "wrong"
EMPTY = "empty"  # not answered yet (an untouched widget, or the ____ placeholder)
INVALID = "invalid"  # an answer that cannot be graded as given (wrong shape, unknown id)
STATUSES = (CORRECT, PARTLY, WRONG, EMPTY, INVALID)
CHOOSE_FIRST = "Choose an answer first."


@dataclass(frozen=True)
class Outcome:
    """What a check found.

    `details` are (is_right, Markdown text) notes on the parts the learner answered (the options
    chosen, the pairs matched, the findings marked); `right` of `total` parts are right. `advice`
    is a question's general advice for a wrong or partly right answer. Nothing here names a right
    answer the learner has not given.
    """

    status: str
    message: str
    details: tuple[tuple[bool, str], ...] = field(default_factory=tuple)
    right: int = 0
    total: int = 0
    advice: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown outcome status {self.status!r}")

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def counts_as_attempt(self) -> bool:
        """Empty or ungradable answers are not attempts: the learner is asked to try again."""
        return self.status in (CORRECT, PARTLY, WRONG)


def empty(message: str = CHOOSE_FIRST) -> Outcome:
    return Outcome(EMPTY, message)


def invalid(message: str) -> Outcome:
    return Outcome(INVALID, message)


def tally(marks: list[bool], details, noun: str, advice: str = "") -> Outcome:
    """Correct when every part is right, wrong when none is, partly right in between."""
    right, total = sum(marks), len(marks)
    if right == total:
        return Outcome(CORRECT, "Correct.", tuple(details), right, total)
    if right == 0:
        return Outcome(WRONG, f"Not quite: none of the {total} {noun} are right yet.", tuple(details), 0, total, advice)
    return Outcome(PARTLY, f"Partly right: {right} of {total} {noun} are right.", tuple(details), right, total, advice)
