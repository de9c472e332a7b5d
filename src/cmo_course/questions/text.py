"""Markdown for question text: raw HTML in content is shown as text, never run."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


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


TEMPLATES = Path(__file__).resolve().parent / "templates"


def render(name: str, **context) -> str:
    """Render one of the engine's templates (questions/templates/), with the filters `md`
    (Markdown) and `inline` (a Markdown phrase)."""
    from ..templating import environment, markup

    env = environment((str(TEMPLATES),))
    if "md" not in env.filters:
        env.filters["md"] = lambda text: markup(markdown(text))
        env.filters["inline"] = lambda text: markup(inline_markdown(text))
    return env.get_template(name).render(**context)
