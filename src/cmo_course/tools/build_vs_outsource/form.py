"""The build-vs-outsource notebook form (ipywidgets loads only when the form is built): one number
box per input; Compare shows the report and the chart. The boxes are unbounded on purpose (a bounded
box silently clamps what the learner typed): the model checks each value and the form shows its
message, naming the input and its allowed range."""

from __future__ import annotations

from ..common.form import ToolForm, button, layout, style
from ..common.views import display
from . import chart, model, report

MILLION = 1e6
MONEY_FIELDS = ("capital_cost", "annual_running_cost", "cost_per_batch", "annual_outsourcing_fee")


def show(result: model.Comparison) -> None:
    """Display the comparison (text and HTML) and its chart."""
    display(report.view(result), chart.view(result))


def form(inputs: model.Inputs):
    import ipywidgets as widgets

    def box(value, step, description):
        # Unbounded: an out-of-range entry reaches the model, which names the input and its range.
        return widgets.FloatText(value=value, step=step, description=description, style=style(), layout=layout())

    boxes = {}
    for name, (label, _low, _high) in model.LIMITS.items():
        if name in ("phase_years", "batches"):
            continue
        scale = MILLION if name in MONEY_FIELDS else 1.0
        step = 0.01 if name == "discount_rate" else 0.5
        boxes[name] = box(getattr(inputs, name) / scale, step, label.replace("(USD)", "(USD millions)"))
    rates = [
        box(r, 0.01, f"Success rate after {p.name} (0-1)")
        for p, r in zip(inputs.phases, inputs.success_rates, strict=True)
    ]
    years = [box(p.years, 0.5, f"Years in {p.name} (0-30)") for p in inputs.phases]
    # A FloatText, not an IntText: the browser would silently cut 1.5 to 1; the model says
    # "must be a whole number" instead.
    batches = [box(p.batches, 1, f"GMP batches in {p.name} (0-10,000)") for p in inputs.phases]

    def run(form, action):
        values = {n: b.value * (MILLION if n in MONEY_FIELDS else 1.0) for n, b in boxes.items()}
        phases = tuple(
            {"name": p.name, "years": y.value, "batches": n.value}
            for p, y, n in zip(inputs.phases, years, batches, strict=True)
        )
        new_inputs = model.Inputs(phases=phases, success_rates=tuple(r.value for r in rates), **values)
        result = model.compare(new_inputs)
        with form.output:
            show(result)
        return result

    rows = [(boxes[n].description, f"{boxes[n].value:g}") for n in boxes]
    rows += [(w.description, f"{w.value:g}") for w in rates + years + batches]
    rows.append(("Sources", model.success_rate_notes()))
    holder = {}
    compare_button = button("Compare", lambda: holder["form"].submit())
    tool_form = ToolForm(
        "Build vs outsource",
        [*boxes.values(), *rates, *years, *batches],
        [compare_button],
        rows,
        run,
        result=model.compare(inputs).summary,
    )
    holder["form"] = tool_form
    return tool_form
