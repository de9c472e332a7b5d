"""Markdown for question text: raw HTML in content is shown as text, never run."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _markdown():
    import mistune

    return mistune.create_markdown(escape=True)


def markdown(text: str) -> str:
    """Markdown to HTML with every raw HTML tag escaped (a prompt with <script> shows as text)."""
    return _markdown()(str(text)).strip()


def inline_markdown(text: str) -> str:
    """Markdown for a short phrase: like markdown() without the surrounding paragraph."""
    html = markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def option_list(marks_and_texts, css_class: str = "cmo-quiz-options") -> str:
    """A list without bullets: each entry an aria-hidden mark and a Markdown phrase."""
    items = "".join(
        f'<li><span aria-hidden="true">{mark}</span> {inline_markdown(text)}</li>' for mark, text in marks_and_texts
    )
    return f'<ul class="{css_class}" style="list-style:none;padding-left:0.5em">{items}</ul>'


RADIO, CHECKBOX = "&#9675;", "&#9744;"
