"""The course's error types (bottom layer: imports nothing from the package).

`CourseError` is any error with a message for the user: `cmo-course` prints it without a traceback.
`ContentError` is a problem in a content file; it carries one or more `Problem`s, each naming the
file, the line where known, the entry (a question, a term, a lesson...), the field and what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass


class CourseError(Exception):
    """An error with a message for the user (printed without a traceback)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file.

    `file` is a short, machine-independent name (relative to the course folder where possible);
    `entry_kind` says what `entry` is ("question", "term", "lesson", ...).
    """

    file: str
    entry: str | None
    field: str | None
    message: str
    line: int | None = None
    entry_kind: str = "question"

    @property
    def question_id(self) -> str | None:
        """The entry's id (banks call their entries questions)."""
        return self.entry

    def __str__(self) -> str:
        where = [f"{self.file}:{self.line}" if self.line else self.file]
        if self.entry:
            where.append(f"{self.entry_kind} '{self.entry}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class ContentError(CourseError):
    """A content file is missing or invalid. `problems` lists what is wrong (at least one)."""

    def __init__(self, problems: Problem | list[Problem], more: str = ""):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            raise ValueError("ContentError needs at least one problem")
        first = self.problems[0]
        extra = len(self.problems) - 1
        tail = f" ({extra} more problem{'s' if extra > 1 else ''}; run 'cmo-course validate')" if extra else ""
        super().__init__(f"{first}{tail}{more}")

    @property
    def problem(self) -> Problem:
        return self.problems[0]
