"""The live form of a question (ipywidgets 8): choose, press Check, get feedback, retry, reveal.
Each question type supplies its input widgets (`inputs`); this module adds the rest.

Keyboard operable (radio buttons, checkboxes, dropdowns, buttons); feedback carries a text mark and
an icon, never colour alone; colours come from JupyterLab's theme variables (light and dark).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..widgets import keyboard_safe
from . import question_type
from .outcome import CORRECT, Outcome
from .text import render

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


def _note(ok: bool, text: str) -> tuple[str, str, str]:
    """(mark, label, text) for one note; the label is left out where the text already starts with
    it ("Right: ..."), so no note reads "Right: Right:"."""
    mark, label = MARKS[ok]
    if text.strip().lower().startswith(label.lower()):
        label = ""
    return mark, label, text


def feedback_html(result: Outcome, question: dict, show_explanation: bool, can_reveal: bool = False) -> str:
    """Feedback for one check: headline with icon, per-option notes, then explanation and source."""
    return render(
        "live/feedback.html.j2",
        outcome=result,
        question=question,
        icon=HEADLINE_ICONS.get(result.status, ""),
        notes=[_note(ok, text) for ok, text in result.details],
        retry=result.status in ("wrong", "partly"),
        can_reveal=can_reveal,
        show_explanation=show_explanation,
        borders=BORDERS,
    )


def reveal_html(question: dict) -> str:
    """The right answer with its explanation and source, in the feedback box."""
    kind = question_type(question["type"])
    return render("live/reveal.html.j2", question=question, answer_lines=kind.answer_lines(question), borders=BORDERS)


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
        kind = question_type(question["type"])
        # A type may lead with context above its prompt (a decision's case), in the same HTML widget:
        # JupyterLab may draw sibling widgets in the order their views finish, not the model's order.
        leading = kind.leading_html(question) if hasattr(kind, "leading_html") else ""
        prompt = w.HTML(
            value=render("live/prompt.html.j2", question=question, instruction=kind.INSTRUCTION, leading=leading)
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
        # Reveal is offered after two wrong tries, and withdrawn once the answer is right.
        self.reveal_button.layout.display = None if self.wrong_tries >= 2 and not self.solved else "none"
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
        self.feedback.value = reveal_html(self.question)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The live widget (ipywidgets' own bundle), with the static text and HTML for places that
        cannot run it."""
        from .static import question_html, question_text

        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = question_text(self.question)
        bundle["text/html"] = question_html(self.question)
        return bundle
