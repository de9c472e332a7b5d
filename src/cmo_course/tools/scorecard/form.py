"""The scorecard notebook form (ipywidgets loads only when the form is built): an optional CSV path
and one weight box per criterion (unbounded: the model checks each weight and the form shows its
message, never a silently clamped value); Rank shows the report and the chart."""

from __future__ import annotations

from ..common.form import ToolForm, button, layout, style
from ..common.views import display
from . import chart, model, report


def show(card: model.Scorecard) -> None:
    """Display the ranked table with flags, which weights would change the winner, and the chart."""
    effects = model.weight_effects([row.candidate for row in card.rows], card.weights)
    display(report.view(card, effects), chart.view(card))


def ranking_sentence(candidates, weights) -> str:
    """The ranking in one sentence: the winner, its score, and how many candidates have a knock-out."""
    card = model.rank(candidates, weights)
    first = card.rows[0]
    knocked = sum(1 for row in card.rows if row.knockouts)
    out = (
        f"{knocked} of {len(card.rows)} candidates have a knock-out and rank last"
        if knocked
        else "none has a knock-out"
    )
    return f"{first.name} ranks first of {len(card.rows)} with a weighted score of {first.score:.2f} (1-5); {out}."


def form(candidates, weights):
    import ipywidgets as widgets

    low, high = model.weight_range()
    boxes = {
        c.id: widgets.FloatText(
            value=weights[c.id],
            step=0.5,
            description=f"Weight: {c.label} ({low:g}-{high:g})",
            style=style(),
            layout=layout(),
        )
        for c in model.criteria()
    }
    csv_path = widgets.Text(
        value="",
        placeholder="blank = the sample CSV of fictional CDMOs",
        description="Your CSV file (optional)",
        style=style(),
        layout=layout(),
    )

    def run(form, action):
        chosen = model.load_candidates(csv_path.value.strip()) if csv_path.value.strip() else candidates
        card = model.rank(chosen, {k: b.value for k, b in boxes.items()})
        with form.output:
            show(card)
        return card

    rows = [(b.description, f"{b.value:g}") for b in boxes.values()]
    rows.append(("Candidates", "; ".join(c.name for c in candidates)))
    holder = {}
    rank_button = button("Rank", lambda: holder["form"].submit())
    tool_form = ToolForm(
        "Partner scorecard",
        [csv_path, *boxes.values()],
        [rank_button],
        rows,
        run,
        result=ranking_sentence(candidates, weights),
    )
    holder["form"] = tool_form
    return tool_form
