"""The static form of a question: plain text and HTML, shown before the kernel runs, in handouts
and wherever no live widget exists. Deterministic: the same question always gives the same text."""

from __future__ import annotations

from . import question_type
from .text import render


def _context(question: dict) -> dict:
    kind = question_type(question["type"])
    return {"question": question, "instruction": kind.INSTRUCTION, "answer_lines": kind.answer_lines(question)}


def hint_html(question: dict) -> str:
    """'Choose one.' and the like, under the prompt."""
    return render("hint.html.j2", **_context(question))


def source_text(question: dict) -> str:
    return f"Source: {question['source']}"


def question_text(question: dict) -> str:
    """A short plain-text form: the question and its options (no answer)."""
    kind = question_type(question["type"])
    label = question["type"].replace("_", " ")
    leading = kind.leading_lines(question) if hasattr(kind, "leading_lines") else []  # e.g. a decision's case
    lines = [f"Question {question['id']} ({label}): {kind.INSTRUCTION}", *leading, question["prompt"].strip()]
    return "\n".join(lines + kind.text_lines(question))


def answer_html(question: dict) -> str:
    """The answer, explanation and source (the inside of the disclosure element, and the reveal)."""
    return render("answer.html.j2", **_context(question))


def options_html(question: dict) -> str:
    """The options as the static form lists them (the type's template, options/<type>.html.j2)."""
    return render(f"options/{question['type']}.html.j2", **_context(question))


def question_html(question: dict) -> str:
    """The static form: prompt, options, and the answer behind a 'Show answer' disclosure."""
    return render("question.html.j2", **_context(question))
