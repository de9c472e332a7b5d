"""Text and HTML reports of a partner scorecard (jinja2 templates in `templates/`)."""

from __future__ import annotations

from pathlib import Path

from ..common.templates import render
from ..common.views import ReportView
from .model import Scorecard, WeightEffect, criteria

TEMPLATES = Path(__file__).resolve().parent / "templates"
RANK_HEADERS = ["Rank", "Candidate", "Weighted score (1-5)", "FDA classification", "Knock-out"]
WEIGHT_HEADERS = ["Criterion", "Weight", "Winner changes if the weight goes"]


def _context(card: Scorecard, effects: list[WeightEffect] | None) -> dict:
    rows = [
        [r.rank, r.name, f"{r.score:.2f}", r.candidate.fda_classification, "yes" if r.knockouts else "no"]
        for r in card.rows
    ]
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
    winner = (
        f"Top candidate without a knock-out: {card.winner}."
        if card.winner
        else "Every candidate has a knock-out flag: none can be recommended as it stands."
    )
    notes = [
        (
            "Scores are 1-5 ratings (fictional in the course's sample data; for your program, your own); weights "
            "are a starting point (not from a source): set your own. "
            "Criteria: the course's own list (Source: Course method); NAI, VAI and OAI "
            "(Source: FDA inspection classification pages)."
        )
    ]
    return {
        "rows": rows,
        "flags": flags,
        "weights": weights,
        "winner": winner,
        "notes": notes,
        "rank_headers": RANK_HEADERS,
        "weight_headers": WEIGHT_HEADERS,
    }


def report_text(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    """The ranked table, flags and weight effects as plain text."""
    return render(TEMPLATES, "report.txt.j2", **_context(card, effects))


def report_html(card: Scorecard, effects: list[WeightEffect] | None = None) -> str:
    """The ranked table, flags and weight effects as an HTML fragment."""
    return render(TEMPLATES, "report.html.j2", **_context(card, effects))


def view(card: Scorecard, effects: list[WeightEffect] | None = None) -> ReportView:
    """The report as a displayable object (text and HTML in one output)."""
    return ReportView(report_text(card, effects), report_html(card, effects))
