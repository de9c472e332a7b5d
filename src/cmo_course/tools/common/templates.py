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
from pathlib import Path

SHARED_DIR = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment(template_dir: str | Path | None = None, stdlib_quotes: bool = True):
    """The course's jinja2 environment (`cmo_course.templating`) over `template_dir` (a tool's
    templates) and the shared folder, with the tools' globals."""
    from ...templating import environment as course_environment
    from .text import text_table

    folders = (str(template_dir),) if template_dir is not None else ()
    env = course_environment((*folders, str(SHARED_DIR)), stdlib_quotes)
    env.globals["text_table"] = text_table
    return env


def render(template_dir: str | Path | None, name: str, stdlib_quotes: bool = True, **context) -> str:
    """Render template `name` (looked up in `template_dir`, then the shared folder)."""
    return environment(template_dir, stdlib_quotes).get_template(name).render(**context)


def macro(name: str, macro_name: str):
    """A macro from a shared template, callable from Python (returns markup)."""
    return getattr(environment().get_template(name).module, macro_name)
