"""The live form of a question (ipywidgets 8): choose, press Check, get feedback, retry, reveal.

Keyboard operable (radio buttons, checkboxes, dropdowns, buttons); feedback carries a text mark and
an icon, never colour alone; colours come from JupyterLab's theme variables (light and dark).
"""

from __future__ import annotations

from html import escape
from typing import Callable

import ipywidgets as w

from ..widgets import keyboard_safe
from .grading import CORRECT, Grade, grade
from .render import answer_html, hint_html, inline_markdown, markdown, source_text

CHOOSE = "Choose..."
MARKS = {True: ("&#10003;", "Right"), False: ("&#10007;", "Not right")}
HEADLINE_ICONS = {"correct": "&#10003;", "partly": "&#9680;", "wrong": "&#10007;", "empty": "&#8505;", "invalid": "&#8505;"}
BORDERS = {"correct": "var(--jp-success-color1, #2e7d32)", "wrong": "var(--jp-error-color1, #c62828)",
           "partly": "var(--jp-warn-color1, #ef6c00)"}
WIDE = {"width": "auto"}
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
LABEL_STYLE = {"description_width": "initial"}


def _box(inner: str, status: str) -> str:
    border = BORDERS.get(status, "var(--jp-border-color1, #999)")
    return (f'<div class="cmo-quiz-feedback" data-status="{status}" style="border-left: 4px solid {border}; '
            f'padding: 0.2em 0.8em; color: var(--jp-content-font-color1, inherit)">{inner}</div>')


def feedback_html(result: Grade, question: dict, show_explanation: bool, can_reveal: bool = False) -> str:
    """Feedback for one check: headline with icon, per-option notes, then explanation and source."""
    icon = HEADLINE_ICONS.get(result.status, "")
    parts = [f'<p><strong><span aria-hidden="true">{icon}</span> {escape(result.message)}</strong></p>']
    if result.details:
        notes = "".join(
            f'<li><span aria-hidden="true">{MARKS[ok][0]}</span> <em>{MARKS[ok][1]}:</em> {inline_markdown(text)}</li>'
            for ok, text in result.details
        )
        parts.append(f'<ul style="list-style:none;padding-left:0.5em">{notes}</ul>')
    if result.status in ("wrong", "partly"):
        reveal = ", or press Reveal answer" if can_reveal else ""
        parts.append(f"<p>Change your answer and press Check again{reveal}.</p>")
    if show_explanation:
        parts.append(f'<div class="cmo-quiz-explanation">{markdown(question["explanation"])}</div>'
                     f'<p class="cmo-quiz-source">{escape(source_text(question))}</p>')
    return _box("".join(parts), result.status)


def _inputs(q: dict) -> tuple[list, Callable[[], object]]:
    """The input widgets for a question and a function that reads the learner's answer from them."""
    kind = q["type"]
    if kind == "single_choice":
        radio = w.RadioButtons(options=[(o["text"], o["id"]) for o in q["options"]], value=None, layout=WIDE)
        return [radio], lambda: radio.value
    if kind == "true_false":
        radio = w.RadioButtons(options=[("True", True), ("False", False)], value=None, layout=WIDE)
        return [radio], lambda: radio.value
    if kind == "multiple_select":
        boxes = [w.Checkbox(value=False, description=o["text"], indent=False, layout=WIDE) for o in q["options"]]
        ids = [o["id"] for o in q["options"]]
        return boxes, lambda: [i for i, box in zip(ids, boxes) if box.value]
    if kind == "numeric":
        text = w.Text(value="", placeholder="Type a number", description="Your answer:", style=LABEL_STYLE)
        units = w.Label(q.get("units") or "")
        return [w.HBox([text, units])], lambda: text.value
    if kind == "matching":
        choices = [(CHOOSE, None)] + [(c["text"], c["id"]) for c in q["choices"]]
        menus = {i["id"]: w.Dropdown(options=choices, index=0, description=i["text"], style=LABEL_STYLE,
                                     layout=WIDE) for i in q["items"]}
        return list(menus.values()), lambda: {k: m.value for k, m in menus.items()}
    steps = [(CHOOSE, None)] + [(s["text"], s["id"]) for s in q["steps"]]
    menus = [w.Dropdown(options=steps, index=0, description=f"Step {n}:", style=LABEL_STYLE, layout=WIDE)
             for n in range(1, len(q["steps"]) + 1)]
    return menus, lambda: [m.value for m in menus]


class QuestionView:
    """One live question. `on_attempt(view, answer, grade)` is called for every real attempt."""

    def __init__(self, question: dict, on_attempt: Callable | None = None):
        self.question = question
        self.on_attempt = on_attempt
        self.attempts = 0
        self.wrong_tries = 0
        self.solved = False
        self.revealed = False
        self.last_grade: Grade | None = None
        self.inputs, self.read_answer = _inputs(question)
        self.check_button = w.Button(description="Check", tooltip="Check your answer", icon="check")
        self.reveal_button = w.Button(description="Reveal answer", tooltip="Show the right answer",
                                      icon="eye", layout=w.Layout(display="none"))
        self.feedback = w.HTML(value="")
        self.check_button.on_click(self.check)
        self.reveal_button.on_click(self.reveal)
        prompt = w.HTML(value=f'{STYLE}<div class="cmo-quiz-prompt">{markdown(question["prompt"])}</div>'
                             f"{hint_html(question)}")
        self.widget = keyboard_safe(w.VBox(
            [prompt, *self.inputs, w.HBox([self.check_button, self.reveal_button]), self.feedback],
            layout=w.Layout(border="1px solid var(--jp-border-color2, #ccc)", padding="0.3em 0.8em",
                            margin="0.5em 0"),
        ))
        self.widget.add_class("cmo-quiz-live")

    def check(self, _button=None) -> Grade:
        """Grade the current answer and show feedback (the Check button's handler)."""
        answer = self.read_answer()
        result = grade(self.question, answer)
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
        self.feedback.value = feedback_html(result, self.question, show_explanation=result.status == CORRECT,
                                            can_reveal=self.wrong_tries >= 2 and not self.solved)
        if self.on_attempt:
            self.on_attempt(self, answer, result)
        return result

    def reveal(self, _button=None) -> None:
        """Show the right answer with its explanation and source (after two wrong tries)."""
        self.revealed = True
        inner = f'<p><strong><span aria-hidden="true">&#8505;</span> The answer</strong></p>{answer_html(self.question)}'
        self.feedback.value = _box(inner, "revealed")

    def view_bundle(self) -> dict:
        """The widget-view part of the display bundle."""
        return {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}
