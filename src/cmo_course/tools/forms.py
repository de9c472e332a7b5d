"""ipywidgets forms for the three tools (ipywidgets loads only when a form is built).

Each form is a `ToolForm`: displaying it shows the live widget, plus deterministic `text/plain` and
`text/html` fallbacks (what nbval compares and what a handout or an unrun notebook shows). Bad input
never raises in the form: the message from `InputError` appears in red above the results.
"""

from __future__ import annotations

from html import escape

from .validation import InputError

MILLION = 1e6


class ToolForm:
    """A form widget with a static fallback, a message line, and a results area."""

    def __init__(self, title: str, fields: list, buttons: list, fallback_rows: list[tuple[str, str]], run):
        import ipywidgets as widgets

        from ..widgets import keyboard_safe

        self.title = title
        self.fields = fields
        self.buttons = buttons
        self.fallback_rows = fallback_rows
        self._run = run
        self.message = widgets.HTML(value="")
        self.output = widgets.Output()
        self.result = None
        header = widgets.HTML(value=f"<strong>{escape(title)}</strong>")
        self.widget = keyboard_safe(widgets.VBox([header, *fields, widgets.HBox(buttons), self.message, self.output]))

    def submit(self, action: str = "compute") -> bool:
        """Run an action as the button would; True if it worked, False if a message was shown."""
        self.output.clear_output()
        try:
            self.result = self._run(self, action)
        except InputError as exc:
            self.message.value = f'<span style="color:#b00020">Please fix: {escape(str(exc))}</span>'
            return False
        self.message.value = ""
        return True

    def fallback_text(self) -> str:
        lines = [f"{self.title} (run the notebook to use this form)"]
        lines += [f"- {label}: {value}" for label, value in self.fallback_rows]
        return "\n".join(lines)

    def fallback_html(self) -> str:
        rows = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in self.fallback_rows)
        return (f'<div class="cmo-tool-form"><p><strong>{escape(self.title)}</strong> '
                f"(run the notebook to use this form)</p><table>{rows}</table></div>")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.fallback_text()
        bundle["text/html"] = self.fallback_html()
        return bundle


def _button(label: str, on_click):
    import ipywidgets as widgets

    button = widgets.Button(description=label)
    button.on_click(lambda _: on_click())
    return button


def _style():
    return {"description_width": "20em"}


def _layout():
    import ipywidgets as widgets

    return widgets.Layout(width="34em")


# ---------------------------------------------------------------- build vs outsource


def bvo_form(inputs):
    import ipywidgets as widgets

    from . import build_vs_outsource as bvo

    money_fields = ("capital_cost", "annual_running_cost", "cost_per_batch", "annual_outsourcing_fee")
    boxes = {}
    for name, (label, low, high) in bvo.LIMITS.items():
        if name in ("phase_years", "batches"):
            continue
        scale = MILLION if name in money_fields else 1.0
        shown = label.replace("(USD)", "(USD millions)")
        boxes[name] = widgets.BoundedFloatText(
            value=getattr(inputs, name) / scale, min=low / scale, max=high / scale,
            step=0.01 if name == "discount_rate" else 0.5, description=shown, style=_style(), layout=_layout())
    rates = [widgets.BoundedFloatText(value=r, min=0.0, max=1.0, step=0.01,
                                      description=f"Success rate after {p.name} (0-1)", style=_style(), layout=_layout())
             for p, r in zip(inputs.phases, inputs.success_rates)]
    years = [widgets.BoundedFloatText(value=p.years, min=0.0, max=30.0, step=0.5,
                                      description=f"Years in {p.name} (0-30)", style=_style(), layout=_layout())
             for p in inputs.phases]
    batches = [widgets.BoundedIntText(value=p.batches, min=0, max=10000,
                                      description=f"GMP batches in {p.name} (0-10,000)", style=_style(), layout=_layout())
               for p in inputs.phases]

    def run(form, action):
        values = {n: b.value * (MILLION if n in money_fields else 1.0) for n, b in boxes.items()}
        phases = tuple({"name": p.name, "years": y.value, "batches": n.value}
                       for p, y, n in zip(inputs.phases, years, batches))
        new_inputs = bvo.Inputs(phases=phases, success_rates=tuple(r.value for r in rates), **values)
        result = bvo.compare(new_inputs)
        with form.output:
            bvo.show(result)
        return result

    rows = [(boxes[n].description, f"{boxes[n].value:g}") for n in boxes]
    rows += [(w.description, f"{w.value:g}") for w in rates + years + batches]
    rows.append(("Sources", bvo.success_rate_notes()))
    holder = {}
    button = _button("Compare", lambda: holder["form"].submit())
    form = ToolForm("Build vs outsource", [*boxes.values(), *rates, *years, *batches], [button], rows, run)
    holder["form"] = form
    return form


# ---------------------------------------------------------------- scorecard


def scorecard_form(candidates, weights):
    import ipywidgets as widgets

    from . import scorecard as sc

    low, high = sc.weight_range()
    boxes = {c.id: widgets.BoundedFloatText(value=weights[c.id], min=low, max=high, step=0.5,
                                           description=f"Weight: {c.label} ({low:g}-{high:g})",
                                           style=_style(), layout=_layout())
             for c in sc.criteria()}
    csv_path = widgets.Text(value="", placeholder="blank = the sample CSV of fictional CDMOs",
                            description="Your CSV file (optional)", style=_style(), layout=_layout())

    def run(form, action):
        chosen = sc.load_candidates(csv_path.value.strip()) if csv_path.value.strip() else candidates
        card = sc.rank(chosen, {k: b.value for k, b in boxes.items()})
        with form.output:
            sc.show(card)
        return card

    rows = [(b.description, f"{b.value:g}") for b in boxes.values()]
    rows.append(("Candidates", "; ".join(c.name for c in candidates)))
    holder = {}
    button = _button("Rank", lambda: holder["form"].submit())
    form = ToolForm("Partner scorecard", [csv_path, *boxes.values()], [button], rows, run)
    holder["form"] = form
    return form


# ---------------------------------------------------------------- quality-agreement planner


def qa_form(plan):
    import ipywidgets as widgets

    from . import qa_planner as qa

    unassigned = "(not assigned)"
    choices = {}
    notes = {}
    fields = []
    for section in qa.sections():
        fields.append(widgets.HTML(value=f"<em>{escape(section['title'])}</em> (Source: {escape(section['source'])})"))
        for activity in section["activities"]:
            current = plan.assignments.get(activity.id)
            choices[activity.id] = widgets.Dropdown(
                options=[unassigned, *qa.PARTIES], value=current.who if current else unassigned,
                description=activity.title, style=_style(), layout=_layout())
            notes[activity.id] = widgets.Text(value=current.notes if current else "", placeholder="notes",
                                              layout=widgets.Layout(width="24em"))
            fields.append(widgets.HBox([choices[activity.id], notes[activity.id]]))
    file_stem = widgets.Text(value="quality_agreement_plan", description="File name (no extension)",
                             style=_style(), layout=_layout())

    def run(form, action):
        for activity_id, dropdown in choices.items():
            if dropdown.value == unassigned:
                plan.unassign(activity_id)
            else:
                plan.assign(activity_id, dropdown.value, notes[activity_id].value)
        if action == "save":
            stem = qa.as_text("File name", file_stem.value)
            if any(ch in stem for ch in '/\\:'):
                raise InputError("File name must be a plain name without folders (no / \\ or :).")
            saved = [qa.save_plan(plan, f"{stem}.json")]
            for suffix, render in ((".md", qa.to_markdown), (".html", qa.to_html)):
                path = qa.Path(f"{stem}{suffix}")
                path.write_text(render(plan), encoding="utf-8")
                saved.append(path)
            with form.output:
                print("Saved: " + ", ".join(p.name for p in saved))
        with form.output:
            qa.show(plan)
        return qa.check(plan)

    total = len(choices)
    rows = [("Plan", f"{plan.product}: {plan.owner} (owner) and {plan.facility} (contracted facility)"),
            ("Activities to assign", f"{total} in {len(qa.sections())} sections; each to owner, contracted facility or both"),
            ("Buttons", "Check the plan; Save as JSON, Markdown and HTML"),
            ("Note", qa.disclaimer())]
    holder = {}
    buttons = [_button("Check", lambda: holder["form"].submit("check")),
               _button("Save", lambda: holder["form"].submit("save"))]
    form = ToolForm("Quality-agreement planner", [*fields, file_stem], buttons, rows, run)
    form.choices, form.notes, form.file_stem, form.plan = choices, notes, file_stem, plan
    holder["form"] = form
    return form
