"""The course's one way to build HTML: jinja2 templates shipped in the package, autoescaped.

`render(folders, name, **context)` renders `name` from the first of `folders` that has it. HTML
templates (`*.html.j2`) are autoescaped, text and Markdown ones (`*.txt.j2`, `*.md.j2`) are not.
Values are escaped as `html.escape` does (`'` as `&#x27;`) rather than markupsafe's `&#39;`: the
same characters in a browser, and the same bytes as the notebooks' saved outputs, which nbval
compares. jinja2 loads on the first render. Imports nothing from the course, so every layer may use it.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path


def _stdlib_escape(eval_ctx, value):
    """finalize: in autoescaped templates, escape as `html.escape` does (markup passes through)."""
    from markupsafe import Markup

    if not eval_ctx.autoescape or value is None or hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value)))


@cache
def environment(folders: tuple[str, ...], stdlib_quotes: bool = True):
    """A cached jinja2 environment over `folders` (looked up in order)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=jinja2.pass_eval_context(_stdlib_escape) if stdlib_quotes else None,
    )


def render(folders, name: str, stdlib_quotes: bool = True, **context) -> str:
    """Render template `name` from `folders` (one folder or several, first match wins)."""
    if isinstance(folders, (str, Path)):
        folders = (folders,)
    return environment(tuple(str(f) for f in folders), stdlib_quotes).get_template(name).render(**context)


def markup(html: str):
    """Mark already-escaped HTML (rendered Markdown, a nested template) as safe to insert."""
    from markupsafe import Markup

    return Markup(html)
