"""The term-sheet checker's notebook form (ipywidgets loads only when the form is built): a box or a
dropdown per field of each term, the editable thresholds with their sources, and buttons to Check,
Save (YAML, CSV, Markdown and HTML) and Load a saved term sheet (YAML or CSV)."""

from __future__ import annotations

from ..common.form import ToolForm, button, form_html, layout, style
from ..common.views import display
from ..validation import InputError, as_text
from . import chart, model, report

PLACEHOLDER = "not stated"
SCHEDULE_HINT = "e.g. 180: 0; 90: 50; 0: 100 (days of notice: fee %)"


def show(sheet: model.TermSheet) -> None:
    """Display the check (per term: present or missing, findings, questions) and the cancellation chart."""
    display(report.view(sheet), chart.view(sheet))


def check_sentence(sheet: model.TermSheet) -> str:
    """What Check says about the sheet, in one sentence."""
    found = model.check(sheet)
    total = len(found.rows)
    return (
        f"Check finds {total - len(found.missing)} of {total} terms present, {len(found.flagged('unusual'))} "
        f"with an unusual finding, {len(found.flagged('against_guidance'))} against guidance and "
        f"{len(found.flagged('threshold'))} beyond your thresholds."
    )


def _box_text(value) -> str:
    """A stored value as the form's box shows it."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(t) for t in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _widget(widgets, spec: model.Field, value):
    if spec.kind in ("choice", "answer"):
        return widgets.Dropdown(
            options=[PLACEHOLDER, *spec.choices],
            value=value if value is not None else PLACEHOLDER,
            description=spec.label,
            style=style(),
            layout=layout(),
        )
    placeholder = SCHEDULE_HINT if spec.kind == "schedule" else PLACEHOLDER
    return widgets.Text(
        value=_box_text(value), placeholder=placeholder, description=spec.label, style=style(), layout=layout()
    )


def form(sheet: model.TermSheet):
    import ipywidgets as widgets

    names = {
        key: widgets.Text(value=getattr(sheet, key), description=label, style=style(), layout=layout())
        for key, label in (("title", "Title of the draft"), ("sponsor", "Sponsor"), ("cdmo", "CDMO"))
    }
    load_path = widgets.Text(
        value="",
        placeholder="my_term_sheet.yaml",
        description="Load from (YAML or CSV file)",
        style=style(),
        layout=layout(),
    )
    boxes: dict[tuple[str, str], object] = {}
    fields = [*names.values(), load_path]
    for term in model.terms():
        fields.append(widgets.HTML(value=form_html("section_heading", term.title, term.description)))
        for spec in term.fields:
            boxes[term.id, spec.id] = _widget(widgets, spec, sheet.get(term.id, spec.id))
            fields.append(boxes[term.id, spec.id])
        boxes[term.id, model.TEXT_FIELD] = widgets.Textarea(
            value=sheet.get(term.id, model.TEXT_FIELD) or "",
            placeholder="the draft's wording (optional)",
            description=model.TEXT_LABEL,
            style=style(),
            layout=layout(),
        )
        fields.append(boxes[term.id, model.TEXT_FIELD])
    fields.append(widgets.HTML(value=form_html("section_heading", "Thresholds", "edit them to your own limits")))
    limits = {}
    for item in model.thresholds():
        limits[item.id] = widgets.Text(
            value=_box_text(sheet.threshold(item.id)),
            description=f"{item.label} ({item.attribution})",
            style=style(),
            layout=layout(),
        )
        fields.append(limits[item.id])
    file_stem = widgets.Text(value="term_sheet", description="File name (no extension)", style=style(), layout=layout())
    fields.append(file_stem)

    def read_sheet() -> model.TermSheet:
        """A new sheet from the boxes; nothing changes when a box holds something not allowed."""
        new = model.new_term_sheet(names["title"].value, names["sponsor"].value, names["cdmo"].value)
        for (term_id, field_id), box in boxes.items():
            new.set(term_id, field_id, box.value)
        for threshold_id, box in limits.items():
            new.set_threshold(threshold_id, box.value)
        return new

    def fill(loaded: model.TermSheet) -> None:
        for key, box in names.items():
            box.value = getattr(loaded, key)
        for (term_id, field_id), box in boxes.items():
            value = loaded.get(term_id, field_id)
            box.value = (value or PLACEHOLDER) if isinstance(box, widgets.Dropdown) else _box_text(value)
        for threshold_id, box in limits.items():
            box.value = _box_text(loaded.threshold(threshold_id))

    def run(tool_form, action):
        if action == "load":
            path = as_text("The file to load", load_path.value)
            current = model.load_term_sheet(path)
            fill(current)
        else:
            current = read_sheet()
        if action == "save":
            stem = as_text("File name", file_stem.value)
            if any(ch in stem for ch in "/\\:"):
                raise InputError("File name must be a plain name without folders (no / \\ or :).")
            saved = [model.save_term_sheet(current, f"{stem}.yaml"), model.save_term_sheet(current, f"{stem}.csv")]
            saved += [report.export_report(current, f"{stem}.md"), report.export_report(current, f"{stem}.html")]
            with tool_form.output:
                print("Saved: " + ", ".join(p.name for p in saved))
        tool_form.sheet = current
        with tool_form.output:
            show(current)
        return model.check(current)

    rows = [
        ("Draft", f"{sheet.title}: {sheet.sponsor} (sponsor) and {sheet.cdmo} (CDMO)"),
        ("Terms to enter", f"{len(model.terms())}: " + "; ".join(t.title for t in model.terms())),
        (
            "Thresholds",
            "; ".join(f"{t.label}: {_box_text(sheet.threshold(t.id))} ({t.attribution})" for t in model.thresholds()),
        ),
        ("Buttons", "Check the draft; Save as YAML, CSV, Markdown and HTML; Load a saved YAML or CSV file"),
        ("Note", model.disclaimer()),
    ]
    holder = {}
    buttons = [
        button("Check", lambda: holder["form"].submit("check")),
        button("Save", lambda: holder["form"].submit("save")),
        button("Load", lambda: holder["form"].submit("load")),
    ]
    tool_form = ToolForm("Term-sheet checker", fields, buttons, rows, run, result=check_sentence(sheet))
    tool_form.names, tool_form.boxes, tool_form.limits = names, boxes, limits
    tool_form.load_path, tool_form.file_stem, tool_form.sheet = load_path, file_stem, sheet
    holder["form"] = tool_form
    return tool_form
