"""The static form of a question: plain text and HTML (shown before the kernel runs, in handouts,
and wherever no live widget exists). Deterministic: the same question always gives the same text."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from .grading import answer_lines

TYPE_HINTS = {
    "single_choice": "Choose one.",
    "multiple_select": "Choose all that apply.",
    "true_false": "True or false?",
    "numeric": "Type a number.",
    "matching": "Match each item with one choice.",
    "ordering": "Put the steps in order.",
}


@lru_cache(maxsize=1)
def _markdown():
    import mistune

    return mistune.create_markdown(escape=True)  # raw HTML in the text is shown as text


def markdown(text: str) -> str:
    """Markdown to HTML with every raw HTML tag escaped (a prompt with <script> shows as text)."""
    return _markdown()(str(text)).strip()


def inline_markdown(text: str) -> str:
    """Markdown for a short phrase: like markdown() without the surrounding paragraph."""
    html = markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def hint_html(question: dict) -> str:
    """'Choose one.' and the like, under the prompt."""
    return f'<p class="cmo-quiz-hint"><em>{TYPE_HINTS[question["type"]]}</em></p>'


def source_text(question: dict) -> str:
    return f"Source: {question['source']}"


# ---------- plain text ----------

def _option_lines(q: dict) -> list[str]:
    kind = q["type"]
    if kind == "single_choice":
        return [f"  ( ) {o['text']}" for o in q["options"]]
    if kind == "multiple_select":
        return [f"  [ ] {o['text']}" for o in q["options"]]
    if kind == "true_false":
        return ["  ( ) True", "  ( ) False"]
    if kind == "numeric":
        return [f"  Answer: ______ {q.get('units') or ''}".rstrip()]
    if kind == "matching":
        letters = {c["id"]: chr(ord("A") + n) for n, c in enumerate(q["choices"])}
        return ([f"  {i['text']} -> ___" for i in q["items"]]
                + ["  Choices:"] + [f"    {letters[c['id']]}. {c['text']}" for c in q["choices"]])
    return [f"  ___ {s['text']}" for s in q["steps"]]


def question_text(q: dict) -> str:
    """A short plain-text form: the question and its options (no answer)."""
    label = q["type"].replace("_", " ")
    lines = [f"Question {q['id']} ({label}): {TYPE_HINTS[q['type']]}", q["prompt"].strip()]
    return "\n".join(lines + _option_lines(q))


# ---------- HTML ----------

def _options_html(q: dict) -> str:
    kind = q["type"]
    if kind in ("single_choice", "multiple_select"):
        mark = "&#9675;" if kind == "single_choice" else "&#9744;"
        items = "".join(f'<li><span aria-hidden="true">{mark}</span> {inline_markdown(o["text"])}</li>' for o in q["options"])
        return f'<ul class="cmo-quiz-options" style="list-style:none;padding-left:0.5em">{items}</ul>'
    if kind == "true_false":
        return ('<ul class="cmo-quiz-options" style="list-style:none;padding-left:0.5em">'
                '<li><span aria-hidden="true">&#9675;</span> True</li>'
                '<li><span aria-hidden="true">&#9675;</span> False</li></ul>')
    if kind == "numeric":
        units = escape(q.get("units") or "")
        return f'<p class="cmo-quiz-options">Answer: ______ {units}</p>'.replace(" </p>", "</p>")
    if kind == "matching":
        rows = "".join(f"<li>{inline_markdown(i['text'])} &rarr; ______</li>" for i in q["items"])
        choices = "".join(f"<li>{inline_markdown(c['text'])}</li>" for c in q["choices"])
        return (f'<div class="cmo-quiz-options"><ul>{rows}</ul>'
                f'<p>Choices:</p><ol type="A">{choices}</ol></div>')
    steps = "".join(f"<li>______ {inline_markdown(s['text'])}</li>" for s in q["steps"])
    return f'<ul class="cmo-quiz-options">{steps}</ul>'


def answer_html(q: dict) -> str:
    """The answer, explanation and source (the inside of the disclosure element)."""
    lines = answer_lines(q)
    if len(lines) == 1:
        answer = f"<p><strong>Answer:</strong> {inline_markdown(lines[0])}</p>"
    else:
        answer = "<p><strong>Answer:</strong></p><ul>" + "".join(f"<li>{inline_markdown(x)}</li>" for x in lines) + "</ul>"
    return (f'{answer}<div class="cmo-quiz-explanation">{markdown(q["explanation"])}</div>'
            f'<p class="cmo-quiz-source">{escape(source_text(q))}</p>')


def question_html(q: dict) -> str:
    """The static form: prompt, options, and the answer behind a 'Show answer' disclosure."""
    return (
        f'<div class="cmo-quiz-question" data-question-id="{escape(q["id"])}" data-question-type="{escape(q["type"])}">'
        f'<div class="cmo-quiz-prompt">{markdown(q["prompt"])}</div>'
        f"{hint_html(q)}"
        f"{_options_html(q)}"
        f'<details class="cmo-quiz-answer"><summary>Show answer</summary>{answer_html(q)}</details>'
        "</div>"
    )


def score_text(correct_first: int, answered: int, total: int) -> str:
    return (f"Lesson score: {correct_first} of {total} correct on the first try "
            f"({answered} of {total} answered so far).")


def scoreboard_html(correct_first: int, answered: int, total: int) -> str:
    return f'<p class="cmo-quiz-scoreboard" role="status">{escape(score_text(correct_first, answered, total))}</p>'
