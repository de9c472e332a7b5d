"""The live form of a question (ipywidgets 8): choose, press Check, get feedback, retry, reveal.
Each question type supplies its input widgets (`inputs`); this module adds the rest.

Keyboard operable (radio buttons, checkboxes, dropdowns, buttons); feedback carries a text mark and
an icon, never colour alone; colours come from JupyterLab's theme variables (light and dark).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from ..widgets import keyboard_safe
from . import question_type
from .outcome import CORRECT, Outcome
from .static import answer_html, hint_html, source_text
from .text import inline_markdown, markdown

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MARKS = {True: ("&#10003;", "Right"), False: ("&#10007;", "Not right")}
HEADLINE_ICONS = {
    "correct": "&#10003;",
    "partly": "&#9680;",
    "wrong": "&#10007;",
    "empty": "&#8505;",
    "invalid": "&#8505;",
}
BORDERS = {
    "correct": "var(--jp-success-color1, #2e7d32)",
    "wrong": "var(--jp-error-color1, #c62828)",
    "partly": "var(--jp-warn-color1, #ef6c00)",
}
# Long option texts wrap instead of running under the next widget (scoped to the quiz box).
STYLE = (
    "<style>"
    ".cmo-quiz-live .widget-radio-box{height:auto}"
    ".cmo-quiz-live .widget-radio-box label{display:flex;align-items:flex-start;gap:0.4em;white-space:normal;"
    "height:auto;line-height:1.4;margin:0.2em 0}"
    ".cmo-quiz-live .widget-radio-box input{order:-1;flex:none;margin-top:0.2em}"
    ".cmo-quiz-live .widget-checkbox{height:auto}"
    ".cmo-quiz-live .widget-checkbox label{white-space:normal;height:auto;line-height:1.4}"
    "</style>"
)


def _box(inner: str, status: str) -> str:
    border = BORDERS.get(status, "var(--jp-border-color1, #999)")
    return (
        f'<div class="cmo-quiz-feedback" data-status="{status}" style="border-left: 4px solid {border}; '
        f'padding: 0.2em 0.8em; color: var(--jp-content-font-color1, inherit)">{inner}</div>'
    )


def feedback_html(result: Outcome, question: dict, show_explanation: bool, can_reveal: bool = False) -> str:
    """Feedback for one check: headline with icon, per-option notes, then explanation and source."""
    icon = HEADLINE_ICONS.get(result.status, "")
    parts = [f'<p><strong><span aria-hidden="true">{icon}</span> {escape(result.message)}</strong></p>']
    if result.details:
        notes = "".join(
            f'<li><span aria-hidden="true">{MARKS[ok][0]}</span> <em>{MARKS[ok][1]}:</em> {inline_markdown(text)}</li>'
            for ok, text in result.details
        )
        parts.append(f'<ul style="list-style:none;padding-left:0.5em">{notes}</ul>')
    if result.advice and result.status in ("wrong", "partly"):
        parts.append(f"<p>{inline_markdown(result.advice)}</p>")
    if result.status in ("wrong", "partly"):
        reveal = ", or press Reveal answer" if can_reveal else ""
        parts.append(f"<p>Change your answer and press Check again{reveal}.</p>")
    if show_explanation:
        parts.append(
            f'<div class="cmo-quiz-explanation">{markdown(question["explanation"])}</div>'
            f'<p class="cmo-quiz-source">{escape(source_text(question))}</p>'
        )
    return _box("".join(parts), result.status)


class QuestionView:
    """One live question. `on_attempt(view, answer, grade)` is called for every real attempt."""

    def __init__(self, question: dict, on_attempt: Callable | None = None):
        self.question = question
        self.on_attempt = on_attempt
        self.attempts = 0
        self.wrong_tries = 0
        self.solved = False
        self.revealed = False
        self.last_grade: Outcome | None = None
        self.inputs, self.read_answer = question_type(question["type"]).inputs(question)
        self.check_button = w.Button(description="Check", tooltip="Check your answer", icon="check")
        self.reveal_button = w.Button(
            description="Reveal answer", tooltip="Show the right answer", icon="eye", layout=w.Layout(display="none")
        )
        self.feedback = w.HTML(value="")
        self.check_button.on_click(self.check)
        self.reveal_button.on_click(self.reveal)
        prompt = w.HTML(
            value=f'{STYLE}<div class="cmo-quiz-prompt">{markdown(question["prompt"])}</div>{hint_html(question)}'
        )
        self.widget = keyboard_safe(
            w.VBox(
                [prompt, *self.inputs, w.HBox([self.check_button, self.reveal_button]), self.feedback],
                layout=w.Layout(
                    border="1px solid var(--jp-border-color2, #ccc)", padding="0.3em 0.8em", margin="0.5em 0"
                ),
            )
        )
        self.widget.add_class("cmo-quiz-live")

    def check(self, _button=None) -> Outcome:
        """Grade the current answer and show feedback (the Check button's handler)."""
        answer = self.read_answer()
        result = question_type(self.question["type"]).grade(self.question, answer)
        self.last_grade = result
        if not result.counts_as_attempt:
            self.feedback.value = feedback_html(result, self.question, show_explanation=False)
            return result
        self.attempts += 1
        if result.correct:
            self.solved = True
        else:
            self.wrong_tries += 1
        if self.wrong_tries >= 2 and not self.solved:
            self.reveal_button.layout.display = None
        self.feedback.value = feedback_html(
            result,
            self.question,
            show_explanation=result.status == CORRECT,
            can_reveal=self.wrong_tries >= 2 and not self.solved,
        )
        if self.on_attempt:
            self.on_attempt(self, answer, result)
        return result

    def reveal(self, _button=None) -> None:
        """Show the right answer with its explanation and source (after two wrong tries)."""
        self.revealed = True
        inner = (
            f'<p><strong><span aria-hidden="true">&#8505;</span> The answer</strong></p>{answer_html(self.question)}'
        )
        self.feedback.value = _box(inner, "revealed")

    def view_bundle(self) -> dict:
        """The widget-view part of the display bundle."""
        return {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The live widget, with the static text and HTML for places that cannot run it."""
        from .static import question_html, question_text

        return {
            "text/plain": question_text(self.question),
            "text/html": question_html(self.question),
            WIDGET_VIEW: self.view_bundle(),
        }
