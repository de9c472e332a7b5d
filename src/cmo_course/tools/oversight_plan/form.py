"""The oversight planner's notebook form (ipywidgets loads only when the form is built).

The profile (names, phase, modality, risk, history, quality agreement, start date, batches), then one
row per activity (how often, first month, notes) and a KPI target box each. Propose resets the rows to
the course's suggestions for the profile; Update keeps your edits; Add activity adds a row of your
own; Save writes the plan (YAML), Markdown, HTML and the calendar (.ics). Below, a batch's KPI values
go into the CSV file you name (Record batch) and Show KPI trend draws one KPI over the batches.
Every box is unbounded: a value out of range reaches the model, whose message the form shows, and no
result is computed from it."""

from __future__ import annotations

from ..common.form import ToolForm, button, form_html, layout, style
from ..common.views import display
from ..validation import InputError, as_text
from . import chart, model, report

PROFILE_LABELS = {
    "product": "Product",
    "owner": "Owner (your company)",
    "cdmo": "CDMO",
    "phase": "Phase",
    "modality": "Modality",
    "risk": "Risk you state",
    "history": "CDMO history",
    "quality_agreement_signed": "Quality agreement signed",
    "start": "Plan starts on (YYYY-MM-DD)",
    "batches": "Batches planned in the year",
}


def show(plan: model.Plan) -> None:
    """Display the plan (text and HTML) and its calendar chart."""
    display(report.view(plan), chart.view(plan))


def show_trend(records, kpi_id: str, target=None) -> None:
    """Display one KPI's trend chart."""
    display(chart.trend_view(records, kpi_id, target))


def summary(plan: model.Plan) -> str:
    """The plan in one sentence: planning level, what the calendar holds, and what to fix or check."""
    events = model.calendar(plan)
    kinds = {}
    for event in events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    held = ", ".join(f"{n} {kind}" for kind, n in kinds.items()) or "no events"
    found = model.findings(plan)
    required = sum(1 for f in found if f.level == model.REQUIRED)
    return (
        f"planning level {model.planning_level(plan.profile)}; the year's calendar holds {len(events)} events "
        f"({held}); {_count(required, 'finding')} to fix and {_count(len(found) - required, 'finding')} to check."
    )


def _count(n: int, noun: str) -> str:
    return "no " + noun + "s" if n == 0 else f"{n} {noun}" + ("" if n == 1 else "s")


def _plain_name(value: str) -> str:
    stem = as_text("File name", value)
    if any(ch in stem for ch in "/\\:"):
        raise InputError("File name must be a plain name without folders (no / \\ or :).")
    return stem


def form(plan: model.Plan):
    import ipywidgets as widgets

    def text(value, description, placeholder=""):
        return widgets.Text(
            value=value, description=description, placeholder=placeholder, style=style(), layout=layout()
        )

    def dropdown(options, value, description):
        return widgets.Dropdown(options=options, value=value, description=description, style=style(), layout=layout())

    p = plan.profile
    profile = {
        "product": text(p.product, PROFILE_LABELS["product"]),
        "owner": text(p.owner, PROFILE_LABELS["owner"]),
        "cdmo": text(p.cdmo, PROFILE_LABELS["cdmo"]),
        "phase": dropdown(model.phases(), p.phase, PROFILE_LABELS["phase"]),
        "modality": dropdown(model.modalities(), p.modality, PROFILE_LABELS["modality"]),
        "risk": dropdown(model.risks(), p.risk, PROFILE_LABELS["risk"]),
        "history": dropdown(model.histories(), p.history, PROFILE_LABELS["history"]),
        "quality_agreement_signed": widgets.Checkbox(
            value=p.quality_agreement_signed, description=PROFILE_LABELS["quality_agreement_signed"], style=style()
        ),
        "start": text(p.start.isoformat(), PROFILE_LABELS["start"]),
        # A FloatText, not an IntText: the browser would silently cut 1.5 to 1; the model says
        # "must be a whole number" instead.
        "batches": widgets.FloatText(
            value=p.batches, description=PROFILE_LABELS["batches"], style=style(), layout=layout()
        ),
    }
    rows = {}
    items_box = widgets.VBox()

    def build_rows(current: model.Plan) -> None:
        rows.clear()
        children = []
        for item in current.items:
            frequency = dropdown(model.frequencies(), item.frequency, item.title)
            month = widgets.FloatText(
                value=item.first_month,
                description="first month (1-12)",
                style={"description_width": "9em"},
                layout=widgets.Layout(width="15em"),
            )
            notes = widgets.Text(value=item.notes, placeholder="notes", layout=widgets.Layout(width="22em"))
            rows[item.id] = (item, frequency, month, notes)
            children.append(widgets.HBox([frequency, month, notes]))
        items_box.children = tuple(children)

    build_rows(plan)
    targets = {
        k.id: text(
            f"{plan.kpi_targets[k.id]:g}" if k.id in plan.kpi_targets else "",
            f"Target: {k.name} ({'% of batches' if k.kind == 'yes/no' else 'per batch'})",
            "blank: none agreed yet",
        )
        for k in model.kpis()
    }
    new_title = text("", "New activity (title)", "e.g. Person-in-plant visit")
    new_frequency = dropdown(model.frequencies(), "quarterly", "New activity: how often")
    file_stem = text("oversight_plan", "File name (no extension)")
    records_path = text("kpi_records.csv", "KPI records file (CSV)")
    batch = text("", "Batch", "e.g. B-001")
    batch_date = text("", "Batch date (YYYY-MM-DD)")
    values = {
        k.id: text("", f"{k.name}: {k.question}", "yes / no" if k.kind == "yes/no" else "blank: not recorded")
        for k in model.kpis()
    }
    trend_kpi = dropdown([(k.name, k.id) for k in model.kpis()], model.kpis()[0].id, "KPI to chart")

    def read_profile() -> model.Profile:
        return model.new_profile(**{name: widget.value for name, widget in profile.items()})

    def read_targets() -> dict:
        chosen = {}
        for kpi_id, box in targets.items():
            if box.value.strip():
                chosen[kpi_id] = model.check_target(kpi_id, box.value)
        return chosen

    def read_plan() -> model.Plan:
        items = [
            model.Item(item.id, item.title, frequency.value, month.value, item.who, notes.value)
            for item, frequency, month, notes in rows.values()
        ]
        return model.Plan(profile=read_profile(), items=items, kpi_targets=read_targets())

    def run(form, action):
        if action == "propose":
            current = model.propose(read_profile())
            current.kpi_targets = read_targets()
            build_rows(current)
        elif action in ("record", "trend"):
            current = form.plan
            kpi_id = trend_kpi.value
            target = read_targets().get(kpi_id)  # checked before anything is written
            if action == "record":
                records = model.record_batch(
                    records_path.value.strip(),
                    batch.value,
                    batch_date.value,
                    **{kpi_id_: box.value for kpi_id_, box in values.items()},
                )
            else:
                records = model.load_records(records_path.value.strip())
            with form.output:
                if action == "record":
                    print(f"Recorded batch {batch.value.strip()} in {records_path.value.strip()}.")
                show_trend(records, kpi_id, target)
            return records
        else:
            current = read_plan()
            if action == "add":
                current.add_item(new_title.value, new_frequency.value)
                build_rows(current)
                new_title.value = ""
        if action == "save":
            stem = _plain_name(file_stem.value)
            saved = [model.save_plan(current, f"{stem}.yaml")]
            saved += [report.export(current, f"{stem}{suffix}") for suffix in (".md", ".html", ".ics")]
            with form.output:
                print("Saved: " + ", ".join(path.name for path in saved))
        form.plan = current
        with form.output:
            show(current)
        return current

    fallback = [(PROFILE_LABELS[name], str(getattr(p, name))) for name in PROFILE_LABELS]
    fallback += [
        (item.title, f"{item.frequency} ({model.item_details(p, item).frequency_source})") for item in plan.items
    ]
    fallback.append(
        ("Buttons", "Propose; Update; Add activity; Save (YAML, Markdown, HTML, .ics); Record batch; Show KPI trend")
    )
    fallback.append(("Note", model.disclaimer()))
    holder = {}

    def submit(action):
        return lambda: holder["form"].submit(action)

    fields = [
        *profile.values(),
        widgets.HTML(
            value=form_html(
                "section_heading", "Activities", "how often each happens; the first month counts from the start date"
            )
        ),
        items_box,
        widgets.HBox([new_title, new_frequency]),
        widgets.HTML(value=form_html("section_heading", "KPI targets", "agree them with your CDMO")),
        *targets.values(),
        file_stem,
        widgets.HTML(value=form_html("section_heading", "KPI records", "one line per batch in the CSV file you name")),
        records_path,
        batch,
        batch_date,
        *values.values(),
        trend_kpi,
    ]
    buttons = [
        button("Propose", submit("propose")),
        button("Update", submit("update")),
        button("Add activity", submit("add")),
        button("Save", submit("save")),
        button("Record batch", submit("record")),
        button("Show KPI trend", submit("trend")),
    ]
    tool_form = ToolForm("Oversight planner", fields, buttons, fallback, run, result=summary(plan))
    tool_form.plan = plan
    tool_form.profile, tool_form.rows, tool_form.targets = profile, rows, targets
    tool_form.new_title, tool_form.new_frequency, tool_form.file_stem = new_title, new_frequency, file_stem
    tool_form.records_path, tool_form.batch, tool_form.batch_date = records_path, batch, batch_date
    tool_form.values, tool_form.trend_kpi = values, trend_kpi
    holder["form"] = tool_form
    return tool_form
