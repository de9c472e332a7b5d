"""The static form of a question: plain text and HTML, shown before the kernel runs, in handouts
and wherever no live widget exists. Deterministic: the same question always gives the same text."""

from __future__ import annotations

from html import escape

from . import question_type
from .text import inline_markdown, markdown


def hint_html(question: dict) -> str:
    """'Choose one.' and the like, under the prompt."""
    return f'<p class="cmo-quiz-hint"><em>{question_type(question["type"]).INSTRUCTION}</em></p>'


def source_text(question: dict) -> str:
    return f"Source: {question['source']}"


def question_text(question: dict) -> str:
    """A short plain-text form: the question and its options (no answer)."""
    kind = question_type(question["type"])
    label = question["type"].replace("_", " ")
    lines = [f"Question {question['id']} ({label}): {kind.INSTRUCTION}", question["prompt"].strip()]
    return "\n".join(lines + kind.text_lines(question))


def answer_html(question: dict) -> str:
    """The answer, explanation and source (the inside of the disclosure element, and the reveal)."""
    lines = question_type(question["type"]).answer_lines(question)
    if len(lines) == 1:
        answer = f"<p><strong>Answer:</strong> {inline_markdown(lines[0])}</p>"
    else:
        answer = (
            "<p><strong>Answer:</strong></p><ul>" + "".join(f"<li>{inline_markdown(x)}</li>" for x in lines) + "</ul>"
        )
    return (
        f'{answer}<div class="cmo-quiz-explanation">{markdown(question["explanation"])}</div>'
        f'<p class="cmo-quiz-source">{escape(source_text(question))}</p>'
    )


def question_html(question: dict) -> str:
    """The static form: prompt, options, and the answer behind a 'Show answer' disclosure."""
    kind = question_type(question["type"])
    return (
        f'<div class="cmo-quiz-question" data-question-id="{escape(question["id"])}" '
        f'data-question-type="{escape(question["type"])}">'
        f'<div class="cmo-quiz-prompt">{markdown(question["prompt"])}</div>'
        f"{hint_html(question)}"
        f"{kind.options_html(question)}"
        f'<details class="cmo-quiz-answer"><summary>Show answer</summary>{answer_html(question)}</details>'
        "</div>"
    )
