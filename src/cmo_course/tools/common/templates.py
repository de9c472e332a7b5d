"""The tools' jinja2 environment: templates from a tool's own `templates/` folder, then the shared
`cmo_course/tools/templates/` (table and list macros, the form's fallback). jinja2 loads only when a
report is rendered.

HTML templates (`*.html.j2`) are autoescaped; text and Markdown templates (`*.txt.j2`, `*.md.j2`) are
not. `stdlib_quotes=True` escapes values as `html.escape` does (`'` as `&#x27;`, `"` as `&quot;`)
rather than markupsafe's `&#39;` / `&#34;`: the same characters in the browser, and the same bytes as
the notebooks' saved outputs, which nbval compares.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

SHARED_DIR = Path(__file__).resolve().parent.parent / "templates"


def _stdlib_escape(eval_ctx, value):
    """finalize: in autoescaped templates, escape as `html.escape` does (markup passes through)."""
    from markupsafe import Markup

    if not eval_ctx.autoescape or value is None or hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value)))


@cache
def environment(template_dir: str | Path | None = None, stdlib_quotes: bool = True):
    """A cached jinja2 environment over `template_dir` (a tool's templates) and the shared folder."""
    import jinja2

    from .text import text_table

    folders = [str(template_dir)] if template_dir is not None else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(SHARED_DIR)]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=jinja2.pass_eval_context(_stdlib_escape) if stdlib_quotes else None,
    )
    env.globals["text_table"] = text_table
    return env


def render(template_dir: str | Path | None, name: str, stdlib_quotes: bool = True, **context) -> str:
    """Render template `name` (looked up in `template_dir`, then the shared folder)."""
    return environment(template_dir, stdlib_quotes).get_template(name).render(**context)


def macro(name: str, macro_name: str):
    """A macro from a shared template, callable from Python (returns markup)."""
    return getattr(environment().get_template(name).module, macro_name)
