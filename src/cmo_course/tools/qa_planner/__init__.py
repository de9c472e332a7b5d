"""Quality-agreement planner: who does each manufacturing activity, checked against FDA's guidance.

The package's modules, each importing only those below it:

- `form`: the ipywidgets form (calls `report`);
- `report`: the outline as Markdown or HTML (jinja2 templates in `templates/`), shown in notebooks
  and exported by `to_markdown` / `to_html`; `chart`: who does each section's activities (`plot`);
- `model`: activities, plans (JSON save and load) and `check`; see its docstring for the rules.

Importing the package stays cheap: jinja2, matplotlib and ipywidgets load when an outline, a chart
or a form is made. The outline is a planning aid, not legal advice.

>>> check(example_plan()).ok
False
"""

from __future__ import annotations

# The view modules are small: importing them loads no jinja2, matplotlib or ipywidgets (those load
# inside their functions). They are imported here, before `form` below is defined, because
# importing the submodule `form` later would rebind the package's `form` to the module.
from . import chart, report
from . import form as _form
from .model import (
    DATA_FILE,
    NOTE_IF_FACILITY_ALONE,
    OWNER_REQUIRED,
    PARTIES,
    PLAN_FORMAT,
    PLAN_VERSION,
    RULES,
    SHARED_NOTE,
    Activity,
    Assignment,
    Flag,
    InputError,
    Plan,
    PlanCheck,
    activities,
    activity_by_id,
    check,
    check_plan,
    disclaimer,
    example_plan,
    load_plan,
    new_plan,
    outline_sections,
    plan_from_dict,
    plan_to_dict,
    save_plan,
    sections,
)

__all__ = [
    "DATA_FILE",
    "NOTE_IF_FACILITY_ALONE",
    "OWNER_REQUIRED",
    "PARTIES",
    "PLAN_FORMAT",
    "PLAN_VERSION",
    "RULES",
    "SHARED_NOTE",
    "Activity",
    "Assignment",
    "Flag",
    "InputError",
    "Plan",
    "PlanCheck",
    "activities",
    "activity_by_id",
    "chart_alt_text",
    "check",
    "disclaimer",
    "example_plan",
    "form",
    "load_plan",
    "new_plan",
    "outline_sections",
    "plan_from_dict",
    "plan_to_dict",
    "plot",
    "save_plan",
    "sections",
    "show",
    "to_html",
    "to_markdown",
]


def to_markdown(plan: Plan) -> str:
    """A Markdown outline of the quality agreement with the responsibility table and check results."""
    return report.to_markdown(check_plan(plan))


def to_html(plan: Plan) -> str:
    """A standalone HTML page with the same outline (no scripts, no external files)."""
    return report.to_html(check_plan(plan))


def plot(plan: Plan):
    """Matplotlib figure: per section, how many activities each party does."""
    return chart.plot(check_plan(plan))


def chart_alt_text(plan: Plan) -> str:
    """Alt text for `plot(plan)`."""
    return chart.alt_text(check_plan(plan))


def show(plan: Plan | None = None) -> None:
    """Display the plan's responsibility table and check results in a notebook."""
    _form.show(example_plan() if plan is None else check_plan(plan))


def form(plan: Plan | None = None):
    """An ipywidgets form: a dropdown and a notes box per activity, with a Check button."""
    return _form.form(check_plan(plan) if plan is not None else new_plan())
