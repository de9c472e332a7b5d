"""Partner scorecard: rank candidate CDMOs on weighted criteria, with knock-out flags (the computation only).

The report (`report`), chart (`chart`) and form (`form`) beside this module import it; it imports none of them.

Criteria are the course's own list of ten (Source: Course method), each citing a published selection
guide where one names it (`content/data/scorecard_criteria.yaml`); each is scored 1 (poor) to
5 (excellent) and weighted 0 to 10. A candidate's weighted score is sum(weight x score) / sum(weights),
so it stays on the 1-5 scale. Knock-outs (an OAI inspection classification, an open warning letter)
put a candidate below every candidate without one, whatever its score; a high financial-risk rating
is a warning (Source: FDA inspection classification pages; FDA Regulatory Procedures Manual chapter 4).

>>> card = rank(sample_candidates())
>>> card.winner
'Example Biologics Co. (fictional)'
>>> [row.name for row in card.rows if row.knockouts]
['Demo Cell Therapy Works (fictional)', 'Illustrative Fill-Finish Inc. (fictional)']
>>> rank(sample_candidates(), {"cost": -1})
Traceback (most recent call last):
...
cmo_course.tools.validation.InputError: Weight for Cost and contract structure must be between 0 and 10; got -1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..data import data_path, load_yaml
from ..validation import InputError, as_choice, as_instance, as_number, as_sequence, as_text, read_text_file

DATA_FILE = "scorecard_criteria.yaml"
SAMPLE_CSV = "sample_cdmos.csv"
CLASSIFICATIONS = ("NAI", "VAI", "OAI", "none")
FINANCIAL_RISKS = ("low", "medium", "high")
YES_NO = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
RECORD_COLUMNS = ("name", "fda_classification", "form_483_observations", "open_warning_letter", "financial_risk")


@dataclass(frozen=True)
class Criterion:
    """One scored criterion: id (the CSV column), label, description, source, default weight."""

    id: str
    label: str
    description: str
    source: str
    weight: float


@dataclass(frozen=True)
class Candidate:
    """One candidate partner as loaded from a CSV row (scores keyed by criterion id)."""

    name: str
    fda_classification: str
    form_483_observations: int
    open_warning_letter: bool
    financial_risk: str
    scores: dict = field(default_factory=dict)

    def __post_init__(self):
        name = as_text("Candidate name", self.name)
        object.__setattr__(self, "name", name)
        where = f"Candidate {name!r}"
        object.__setattr__(
            self,
            "fda_classification",
            as_choice(f"{where}: FDA classification", self.fda_classification, CLASSIFICATIONS),
        )
        object.__setattr__(
            self,
            "form_483_observations",
            as_number(f"{where}: Form 483 observations", self.form_483_observations, 0, 1000, integer=True),
        )
        if not isinstance(self.open_warning_letter, bool):
            raise InputError(f"{where}: open warning letter must be True or False; got {self.open_warning_letter!r}.")
        object.__setattr__(
            self, "financial_risk", as_choice(f"{where}: financial risk", self.financial_risk, FINANCIAL_RISKS)
        )
        if not isinstance(self.scores, dict):
            raise InputError(f"{where}: scores must be a dict of {{criterion id: score}}; got {self.scores!r}.")
        low, high = score_range()
        ids = [c.id for c in criteria()]
        unknown = [str(key) for key in self.scores if key not in ids]
        if unknown:
            raise InputError(f"{where}: unknown criterion {', '.join(unknown)} in scores; use: {', '.join(ids)}.")
        scores = {
            key: as_number(f"{where}: score for {key}", self.scores[key], low, high)
            for key in ids
            if key in self.scores
        }
        object.__setattr__(self, "scores", scores)

    def checked_scores(self) -> dict:
        """The scores, after checking every criterion has one (needed to rank or score)."""
        missing = [c.id for c in criteria() if c.id not in self.scores]
        if missing:
            raise InputError(f"Candidate {self.name!r}: scores missing for {', '.join(missing)}.")
        return self.scores


@dataclass(frozen=True)
class RankedCandidate:
    """A candidate's place in the ranking."""

    rank: int
    name: str
    score: float
    knockouts: tuple
    warnings: tuple
    candidate: Candidate


@dataclass(frozen=True)
class Scorecard:
    """The ranked table; `winner` is the best candidate without a knock-out (None if all have one)."""

    rows: tuple
    weights: dict
    winner: str | None


@dataclass(frozen=True)
class WeightEffect:
    """What happens to the winner as one criterion's weight moves from 0 to the maximum, others fixed.

    `lower_switch` / `upper_switch`: (weight, new winner) at the nearest weight below / above the
    current one where the winner changes, or None if it never does in that direction.
    """

    criterion: str
    label: str
    weight: float
    lower_switch: tuple | None
    upper_switch: tuple | None

    @property
    def changes_winner(self) -> bool:
        return self.lower_switch is not None or self.upper_switch is not None


# ---------------------------------------------------------------- criteria and weights


def criteria() -> list[Criterion]:
    """The scorecard's criteria in order, with their default weights."""
    return [Criterion(**item) for item in load_yaml(DATA_FILE)["criteria"]]


def score_range() -> tuple[int, int]:
    limits = load_yaml(DATA_FILE)["score_range"]
    return limits["min"], limits["max"]


def weight_range() -> tuple[float, float]:
    limits = load_yaml(DATA_FILE)["weight_range"]
    return limits["min"], limits["max"]


def default_weights() -> dict:
    """{criterion id: default weight}. The defaults are a course starting point, not a sourced figure."""
    return {c.id: c.weight for c in criteria()}


def check_weights(weights: dict | None) -> dict:
    """Full weights: defaults updated with `weights` (by criterion id), each checked to be 0-10.

    >>> check_weights({"cost": "4"})["cost"]
    4.0
    """
    merged = default_weights()
    if weights is None:
        return merged
    if not isinstance(weights, dict):
        raise InputError("Weights must be a dict of {criterion id: weight}, e.g. {'cost': 3}.")
    labels = {c.id: c.label for c in criteria()}
    low, high = weight_range()
    for key, value in weights.items():
        if key not in labels:
            raise InputError(f"Unknown criterion {key!r} in weights; use one of: {', '.join(labels)}.")
        merged[key] = as_number(f"Weight for {labels[key]}", value, low, high)
    if sum(merged.values()) <= 0:
        raise InputError("At least one weight must be more than 0.")
    return merged


# ---------------------------------------------------------------- loading candidates


def sample_csv_path() -> Path:
    """Path of the sample CSV of five fictional CDMOs."""
    return data_path(SAMPLE_CSV)


def sample_candidates() -> list[Candidate]:
    """The five fictional CDMOs in the sample CSV."""
    return load_candidates(sample_csv_path())


def load_candidates(path) -> list[Candidate]:
    """Read candidates from a CSV file (columns: see `required_columns()`; extra columns are ignored).

    Errors name the row (the header is row 1) and the column, e.g.
    "candidates.csv, row 3, column 'cost': must be a number between 1 and 5; got 'high'."
    """
    path, text = read_text_file(
        "The candidates CSV file", path, "a .csv file", "save it from your spreadsheet as 'CSV UTF-8'"
    )
    return parse_candidates(text, source=path.name)


def required_columns() -> list[str]:
    """Columns a candidates CSV must have: the record columns, then one per criterion."""
    return list(RECORD_COLUMNS) + [c.id for c in criteria()]


def parse_candidates(text: str, source: str = "CSV") -> list[Candidate]:
    """Candidates from CSV text (see `load_candidates`)."""
    if not isinstance(text, str):
        raise InputError(
            f"The candidates CSV text must be text (the file's contents); got {type(text).__name__} {text!r}. "
            "To read a file, use load_candidates(path)."
        )
    source = as_text("The CSV's name (source)", source)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise InputError(f"{source} is empty; it needs a header row with: {', '.join(required_columns())}.")
    missing = [c for c in required_columns() if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and any(mark in header[0] for mark in (";", "\t")):
            hint = " The columns look separated by semicolons or tabs: save the file as comma-separated CSV."
        plural = "columns" if len(missing) > 1 else "column"
        raise InputError(
            f"{source}: missing {plural} {', '.join(repr(m) for m in missing)} in the header (row 1). "
            f"Required columns: {', '.join(required_columns())}.{hint}"
        )
    candidates, seen = [], set()
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else v for k, v in raw.items()}
        if None in raw or "" in row and row.get("") not in (None, ""):
            raise InputError(f"{source}, row {number}: more values than header columns; check for extra commas.")
        if not any(row.get(c) for c in required_columns()):
            continue  # a blank line
        candidate = _candidate_from_row(row, f"{source}, row {number}")
        if candidate.name in seen:
            raise InputError(
                f"{source}, row {number}, column 'name': {candidate.name!r} appears twice; names must be unique."
            )
        seen.add(candidate.name)
        candidates.append(candidate)
    if not candidates:
        raise InputError(f"{source} has a header but no candidate rows.")
    return candidates


def _candidate_from_row(row: dict, where: str) -> Candidate:
    def cell(column, check):
        try:
            return check(row.get(column))
        except InputError as exc:
            raise InputError(f"{where}, column '{column}': {_detail(exc)}") from None

    low, high = score_range()
    return Candidate(
        name=cell("name", lambda v: as_text("the name", v)),
        fda_classification=cell("fda_classification", lambda v: as_choice("the classification", v, CLASSIFICATIONS)),
        form_483_observations=cell("form_483_observations", lambda v: as_number("the count", v, 0, 1000, integer=True)),
        open_warning_letter=cell("open_warning_letter", _yes_no),
        financial_risk=cell("financial_risk", lambda v: as_choice("the rating", v, FINANCIAL_RISKS)),
        scores={c.id: cell(c.id, lambda v: as_number("the score", v, low, high)) for c in criteria()},
    )


def _yes_no(value) -> bool:
    text = (value or "").strip().lower()
    if text not in YES_NO:
        raise InputError(f"the answer must be yes or no; got {value!r}.")
    return YES_NO[text]


def _detail(exc: InputError) -> str:
    """'the score must be ...' -> 'must be ...' (the column is already named)."""
    message = str(exc)
    for prefix in ("the name ", "the classification ", "the count ", "the rating ", "the score ", "the answer "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


# ---------------------------------------------------------------- scoring and ranking


def knockout_flags(candidate: Candidate) -> list[str]:
    """Reasons to drop a candidate whatever its score (OAI classification, open warning letter)."""
    candidate = check_candidate(candidate)
    flags = []
    if candidate.fda_classification == "OAI":
        flags.append(
            "OAI: FDA recommended regulatory or administrative action (Source: FDA inspection classification pages)"
        )
    if candidate.open_warning_letter:
        flags.append(
            "Open warning letter: FDA has notified the firm of significant violations and expects its "
            "correction plans (Source: FDA warning letters page)"
        )
    return flags


def warning_flags(candidate: Candidate) -> list[str]:
    """Points to look into that do not drop the candidate."""
    candidate = check_candidate(candidate)
    flags = []
    if candidate.financial_risk == "high":
        flags.append(
            "High financial risk: check business stability, e.g. in a D&B Business Information "
            "Report, which covers business risk (Source: D&B report description); it is not "
            "evidence of GMP compliance (lesson 05, 'Due diligence, part 2')"
        )
    if candidate.form_483_observations > 0:
        flags.append(
            f"{candidate.form_483_observations} Form 483 observation(s): read them and the firm's "
            "answers; a 483 is not a final agency determination (Source: FDA post-inspection responses notice 2009)"
        )
    return flags


def weighted_score(candidate: Candidate, weights: dict | None = None) -> float:
    """sum(weight x score) / sum(weights), on the 1-5 scale.

    >>> c = Candidate("X", "NAI", 0, False, "low", {k: 1 for k in default_weights()} | {"cost": 5})
    >>> round(weighted_score(c, {k: 0 for k in default_weights()} | {"cost": 1, "ip_protection": 1}), 2)
    3.0
    """
    candidate = check_candidate(candidate)
    weights = check_weights(weights)
    total = sum(weights.values())
    scores = candidate.checked_scores()
    return sum(weights[key] * scores[key] for key in weights) / total


def rank(candidates, weights: dict | None = None) -> Scorecard:
    """Rank candidates: those without knock-outs first, each group by weighted score (ties by name)."""
    candidates = _check_candidates(candidates)
    weights = check_weights(weights)
    scored = [(bool(knockout_flags(c)), -weighted_score(c, weights), c.name, c) for c in candidates]
    rows = tuple(
        RankedCandidate(
            rank=i,
            name=c.name,
            score=-negative,
            knockouts=tuple(knockout_flags(c)),
            warnings=tuple(warning_flags(c)),
            candidate=c,
        )
        for i, (_, negative, _, c) in enumerate(sorted(scored, key=lambda t: t[:3]), start=1)
    )
    winner = rows[0].name if rows and not rows[0].knockouts else None
    return Scorecard(rows=rows, weights=weights, winner=winner)


def _check_candidates(candidates) -> list[Candidate]:
    hint = "a list of candidates from load_candidates(path) or sample_candidates()"
    if candidates is None or isinstance(candidates, Candidate):
        raise InputError(f"Candidates must be {hint}; got {candidates!r}.")
    candidates = as_sequence("Candidates", candidates, "candidates from load_candidates(path) or sample_candidates()")
    if not candidates:
        raise InputError("No candidates to rank: load a CSV with load_candidates(path) or use sample_candidates().")
    for item in candidates:
        if not isinstance(item, Candidate):
            raise InputError(f"Candidates must come from load_candidates(path) or sample_candidates(); got {item!r}.")
        item.checked_scores()
    return candidates


def check_candidate(candidate) -> Candidate:
    """`candidate` if it is a `Candidate`; otherwise an InputError saying where candidates come from."""
    return as_instance(
        "The candidate", candidate, Candidate, "one Candidate from load_candidates(path) or sample_candidates()"
    )


def check_card(card) -> Scorecard:
    """`card` if it is a `Scorecard`; otherwise an InputError saying how to make one."""
    return as_instance("The scorecard", card, Scorecard, "the result of rank(...), e.g. rank(sample_candidates())")


def check_effects(effects) -> list | None:
    """None, or a list of `WeightEffect` (from `weight_effects`)."""
    if effects is None:
        return None
    items = as_sequence("Weight effects", effects, "weight effects from weight_effects(candidates)")
    for item in items:
        as_instance("Each weight effect", item, WeightEffect, "from weight_effects(candidates)")
    return items


def weight_effects(candidates, weights: dict | None = None) -> list[WeightEffect]:
    """For each criterion: the nearest weights (within 0-10, others fixed) at which the winner changes.

    Only candidates without knock-outs can win. Exact: each candidate's weighted score is a ratio
    whose numerator is linear in the moving weight and whose denominator is the same for all.
    """
    candidates = [c for c in _check_candidates(candidates) if not knockout_flags(c)]
    weights = check_weights(weights)
    low, high = weight_range()
    effects = []
    for crit in criteria():
        base = {c.name: sum(weights[k] * c.scores[k] for k in weights if k != crit.id) for c in candidates}
        slope = {c.name: c.scores[crit.id] for c in candidates}
        current = weights[crit.id]

        def winner_at(w, base=base, slope=slope, current=current):
            if sum(weights.values()) - current + w <= 0:
                return None
            return min(base, key=lambda n: (-(base[n] + w * slope[n]), n)) if base else None

        points = sorted({low, high, current} | _crossings(base, slope, low, high))
        now = winner_at(current)
        lower = _first_change(winner_at, now, [p for p in points if p < current][::-1], current)
        upper = _first_change(winner_at, now, [p for p in points if p > current], current)
        effects.append(WeightEffect(crit.id, crit.label, current, lower, upper))
    return effects


def _crossings(base: dict, slope: dict, low: float, high: float) -> set:
    names, points = list(base), set()
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if slope[a] != slope[b]:
                w = (base[b] - base[a]) / (slope[a] - slope[b])
                if low <= w <= high:
                    points.add(w)
    return points


def _first_change(winner_at, now, points, current):
    """Walk the crossing points away from the current weight; return (weight, winner) where it first changes.

    The winner changes once the weight passes the returned value (at exactly that value the
    candidates tie, and ties go to the name first in alphabetical order).
    """
    previous = current
    for point in points:
        for probe, at in (((previous + point) / 2, previous), (point, point)):
            who = winner_at(probe)
            if who is not None and who != now:
                return (round(at, 2), who)
        previous = point
    return None
