"""The quality-agreement planner's notebook form (ipywidgets loads only when the form is built): a
dropdown and a notes box per activity; Check shows the outline, Save writes JSON, Markdown and HTML."""

from __future__ import annotations

from ..common.form import ToolForm, button, form_html, layout, style
from ..common.views import display
from ..validation import InputError, as_text, write_text_file
from . import model, report

UNASSIGNED = "(not assigned)"


def show(plan: model.Plan) -> None:
    """Display the plan's responsibility table and check results."""
    display(report.view(plan))


def check_sentence(plan: model.Plan, total: int) -> str:
    """What Check says about the plan, in one sentence."""
    found = model.check(plan)
    if len(found.missing) == total:
        return f"nothing is assigned yet, so Check lists all {total} activities as not yet assigned."
    return (
        f"Check finds {len(found.missing)} of {total} activities not yet assigned, {len(found.conflicts)} "
        f"conflict(s) and {len(found.needs_notes)} row(s) that need a note."
    )


def form(plan: model.Plan):
    import ipywidgets as widgets

    choices = {}
    notes = {}
    fields = []
    for section in model.sections():
        fields.append(
            widgets.HTML(value=form_html("section_heading", section["title"], f"Source: {section['source']}"))
        )
        for activity in section["activities"]:
            current = plan.assignments.get(activity.id)
            choices[activity.id] = widgets.Dropdown(
                options=[UNASSIGNED, *model.PARTIES],
                value=current.who if current else UNASSIGNED,
                description=activity.title,
                style=style(),
                layout=layout(),
            )
            notes[activity.id] = widgets.Text(
                value=current.notes if current else "", placeholder="notes", layout=widgets.Layout(width="24em")
            )
            fields.append(widgets.HBox([choices[activity.id], notes[activity.id]]))
    file_stem = widgets.Text(
        value="quality_agreement_plan", description="File name (no extension)", style=style(), layout=layout()
    )

    def run(form, action):
        for activity_id, dropdown in choices.items():
            if dropdown.value == UNASSIGNED:
                plan.unassign(activity_id)
            else:
                plan.assign(activity_id, dropdown.value, notes[activity_id].value)
        if action == "save":
            stem = as_text("File name", file_stem.value)
            if any(ch in stem for ch in "/\\:"):
                raise InputError("File name must be a plain name without folders (no / \\ or :).")
            saved = [model.save_plan(plan, f"{stem}.json")]
            for suffix, export in ((".md", report.to_markdown), (".html", report.to_html)):
                saved.append(write_text_file("File name", f"{stem}{suffix}", export(plan), f"a {suffix} file"))
            with form.output:
                print("Saved: " + ", ".join(p.name for p in saved))
        with form.output:
            show(plan)
        return model.check(plan)

    total = len(choices)
    rows = [
        ("Plan", f"{plan.product}: {plan.owner} (owner) and {plan.facility} (contracted facility)"),
        (
            "Activities to assign",
            f"{total} in {len(model.sections())} sections; each to owner, contracted facility or both",
        ),
        ("Buttons", "Check the plan; Save as JSON, Markdown and HTML"),
        ("Note", model.disclaimer()),
    ]
    holder = {}
    buttons = [
        button("Check", lambda: holder["form"].submit("check")),
        button("Save", lambda: holder["form"].submit("save")),
    ]
    tool_form = ToolForm(
        "Quality-agreement planner", [*fields, file_stem], buttons, rows, run, result=check_sentence(plan, total)
    )
    tool_form.choices, tool_form.notes, tool_form.file_stem, tool_form.plan = choices, notes, file_stem, plan
    holder["form"] = tool_form
    return tool_form
