"""Text and HTML reports of a partner scorecard."""

from __future__ import annotations

from html import escape

from .scorecard import Scorecard, WeightEffect, criteria
from .tables import html_list, html_table, text_table

RANK_HEADERS = ["Rank", "Candidate", "Weighted score (1-5)", "FDA classification", "Knock-out"]
WEIGHT_HEADERS = ["Criterion", "Weight", "Winner changes if the weight goes"]


def _sections(card: Scorecard, effects: list[WeightEffect] | None) -> dict:
    rows = [[r.rank, r.name, f"{r.score:.2f}", r.candidate.fda_classification, "yes" if r.knockouts else "no"]
            for r in card.rows]
    flags = [f"{r.name}: {flag}" for r in card.rows for flag in r.knockouts + r.warnings]
    labels = {c.id: c.label for c in criteria()}
    weights = []
    for effect in effects or []:
        moves = []
        if effect.lower_switch:
            moves.append(f"below {effect.lower_switch[0]:g} ({effect.lower_switch[1]} wins)")
        if effect.upper_switch:
            moves.append(f"above {effect.upper_switch[0]:g} ({effect.upper_switch[1]} wins)")
        weights.append([labels[effect.criterion], f"{effect.weight:g}", "; ".join(moves) or "never (0-10)"])
    winner = (f"Top candidate without a knock-out: {card.winner}." if card.winner
              else "Every candidate has a knock-out flag: none can be recommended as it stands.")
    notes = ["Scores are 1-5 ratings (fictional in the course's sample data; for your program, your own); weights are a "
             "starting point (not from a source): set your own. "
             "Criteria: the course's own list (Source: Course method); NAI, VAI and OAI "
             "(Source: FDA inspection classification pages)."]
    return {"rows": rows, "flags": flags, "weights": weights, "winner": winner, "notes": notes}


def report_text(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    parts = _sections(card, effects)
    blocks = ["Partner scorecard", parts["winner"], text_table(RANK_HEADERS, parts["rows"])]
    if parts["flags"]:
        blocks.append("Flags:\n" + "\n".join(f"- {f}" for f in parts["flags"]))
    if parts["weights"]:
        blocks.append("Which weights would change the winner (one weight moving, others fixed):\n"
                      + text_table(WEIGHT_HEADERS, parts["weights"]))
    blocks.append("\n".join(parts["notes"]))
    return "\n\n".join(blocks)


def report_html(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    parts = _sections(card, effects)
    html = ['<div class="cmo-tool cmo-scorecard"><h3>Partner scorecard</h3>',
            f"<p><strong>{escape(parts['winner'])}</strong></p>",
            html_table("Candidates ranked: those with a knock-out flag come last", RANK_HEADERS, parts["rows"])]
    if parts["flags"]:
        html.append("<h4>Flags</h4>" + html_list(parts["flags"]))
    if parts["weights"]:
        html.append(html_table("Which weights would change the winner (one weight moving, others fixed)",
                               WEIGHT_HEADERS, parts["weights"]))
    html.append(html_list(parts["notes"]) + "</div>")
    return "".join(html)
