"""Term-sheet checker: the key terms of a draft CDMO proposal or master services agreement, checked.

Enter what the draft says for each of twelve terms (`terms()`: pricing, slot reservation fee,
cancellation fee by notice period, failed-batch remedy, liability cap, acceptance window, IP,
transfer of the process out, audit rights, subcontracting, change notification, record access).
`check()` reports each term as present or missing and lists, for a present term:

- "unusual" findings, only where a named source states the common practice (the finding quotes it);
- "against guidance" findings, where a regulation or guideline says what the contract should do;
- "beyond your threshold" findings, where a number passes one of the editable thresholds
  (`thresholds()`), each showing its source or "course's suggestion";
- questions to ask, each with its source or marked as the course's suggestion.

The items, checks and default thresholds live in `tools/data/term_sheet_terms.yaml`. Term sheets are
saved and loaded as YAML or CSV (written atomically; YAML read with the course's safe loader).
`cancellation_costs()` gives the cost of cancelling by notice period, from the learner's fee schedule
and batch price. The report (`report`), chart (`chart`) and form (`form`) beside this module import it;
it imports none of them. The output is a planning aid, not legal advice.

>>> sheet = new_term_sheet("Example draft (fictional)")
>>> sheet.set("subcontracting", "approval", "notice to the sponsor only")
>>> [flag.kind for flag in check(sheet).row("subcontracting").flags]
['against_guidance']
>>> check(sheet).row("audit").present
False
>>> sheet.set("acceptance", "window_days", -5)
Traceback (most recent call last):
...
cmo_course.tools.validation.InputError: Acceptance and rejection window: Review period before the batch is deemed accepted (days) must be a whole number between 0 and 3650; got -5.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..data import load_yaml
from ..validation import InputError, as_number, as_path, as_text, read_text_file, write_text_file

DATA_FILE = "term_sheet_terms.yaml"
EXAMPLE_FILE = "term_sheet_example.yaml"
SHEET_FORMAT = "cmo-course term sheet"
SHEET_VERSION = 1
NOT_STATED = "not stated"
ANSWERS = ("yes", "no")
SUGGESTION = "course's suggestion"
TEXT_FIELD = "text"  # every term has one: what the draft says, in the learner's words
TEXT_LABEL = "What the draft says"
FLAG_KINDS = ("unusual", "against_guidance", "threshold")
FLAG_NAMES = {"unusual": "Unusual", "against_guidance": "Against guidance", "threshold": "Beyond your threshold"}
CSV_HEADER = ("term", "field", "value")
SHEET_FIELDS = ("title", "sponsor", "cdmo")
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
# Numbers the cancellation term derives from its fee schedule (checks compare them with thresholds).
DERIVED = ("highest_fee_percent", "fee_percent_at_free_notice")
_YES_NO = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}
_TIER = re.compile(r"^\s*([^:]*?)\s*(?:days?)?\s*:\s*([^%]*?)\s*%?\s*$", re.IGNORECASE)


# ---------------------------------------------------------------- the items (from the data file)


@dataclass(frozen=True)
class Field:
    """One thing to enter for a term: a choice, a yes/no answer, a number or the fee schedule."""

    id: str
    label: str
    kind: str
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False


@dataclass(frozen=True)
class Question:
    """A question to ask the CDMO; `source` is a reference label, or None for the course's suggestion."""

    text: str
    source: str | None = None

    @property
    def attribution(self) -> str:
        return f"Source: {self.source}" if self.source else SUGGESTION


@dataclass(frozen=True)
class Check:
    """One rule of a term (see the data file's header for the kinds and conditions)."""

    kind: str
    text: str
    when: tuple
    source: str | None = None
    common_practice: str = ""
    threshold: str | None = None


@dataclass(frozen=True)
class Term:
    """One key term of the draft, with its fields, the question for a missing term and its checks."""

    id: str
    title: str
    description: str
    fields: tuple
    missing_question: Question
    checks: tuple

    def field(self, field_id: str) -> Field:
        for item in self.fields:
            if item.id == field_id:
                return item
        names = ", ".join([f.id for f in self.fields] + [TEXT_FIELD])
        raise InputError(f"Unknown field {field_id!r} of {self.title}; use one of: {names}.")


@dataclass(frozen=True)
class Threshold:
    """An editable limit the checks compare numbers with; `source` None means the course's suggestion."""

    id: str
    label: str
    value: float
    unit: str
    minimum: float
    maximum: float
    integer: bool = False
    source: str | None = None
    note: str = ""

    @property
    def attribution(self) -> str:
        return f"Source: {self.source}" if self.source else SUGGESTION

    def checked(self, value) -> float:
        return as_number(self.label, value, self.minimum, self.maximum, integer=self.integer)


@dataclass(frozen=True)
class Tier:
    """One line of a cancellation fee schedule: with at least `notice_days` of notice, the fee is
    `fee_percent` of the batch price."""

    notice_days: int
    fee_percent: float

    def __post_init__(self):
        object.__setattr__(self, "notice_days", as_number("Notice (days)", self.notice_days, 0, 3650, integer=True))
        object.__setattr__(self, "fee_percent", as_number("Fee (% of the batch price)", self.fee_percent, 0, 1000))

    def __str__(self) -> str:
        return f"{self.notice_days} days: {self.fee_percent:g}%"


def disclaimer() -> str:
    """The stamp on every export: 'Planning aid, not legal advice.'"""
    return load_yaml(DATA_FILE)["disclaimer"]


@cache
def _terms() -> tuple:
    data = load_yaml(DATA_FILE)
    limits = {t["id"] for t in data["thresholds"]}
    result = []
    for item in data["terms"]:
        fields = tuple(
            Field(
                id=f["id"],
                label=f["label"],
                kind=f["kind"],
                choices=tuple(f.get("choices", ANSWERS if f["kind"] == "answer" else ())),
                minimum=f.get("minimum"),
                maximum=f.get("maximum"),
                integer=bool(f.get("integer", False)),
            )
            for f in item["fields"]
        )
        checks = tuple(
            Check(
                kind=c["kind"],
                text=" ".join(c["text"].split()),
                when=tuple(dict(w) for w in c["when"]),
                source=c.get("source"),
                common_practice=" ".join(c.get("common_practice", "").split()),
                threshold=c.get("threshold"),
            )
            for c in item["checks"]
        )
        missing = item["missing_question"]
        term = Term(
            item["id"],
            item["title"],
            item["description"],
            fields,
            Question(" ".join(missing["text"].split()), missing.get("source")),
            checks,
        )
        _check_term_spec(term, limits)
        result.append(term)
    return tuple(result)


def _check_term_spec(term: Term, limits: set) -> None:
    """The data file's rules hold: an 'unusual' finding names its source and the common practice it
    states; an 'against guidance' finding names its source; conditions name known fields and values."""
    for check in term.checks:
        where = f"{DATA_FILE}, term {term.id!r}"
        if check.kind not in (*FLAG_KINDS, "question"):
            raise ValueError(f"{where}: unknown check kind {check.kind!r}.")
        if check.kind == "unusual" and not (check.source and check.common_practice):
            raise ValueError(f"{where}: an 'unusual' check needs a source and the common practice it states.")
        if check.kind == "against_guidance" and not check.source:
            raise ValueError(f"{where}: an 'against guidance' check needs its source.")
        for condition in check.when:
            name = condition["field"]
            if name in DERIVED and term.id == "cancellation":
                kind, choices = "number", ()
            else:
                try:
                    spec = term.field(name)
                except InputError as exc:
                    raise ValueError(f"{where}: {exc}") from None
                kind, choices = spec.kind, spec.choices
            for key in ("below", "above"):
                limit = condition.get(key)
                if limit is not None and not (isinstance(limit, (int, float)) or limit in limits):
                    raise ValueError(f"{where}: unknown threshold {limit!r}.")
            for value in condition.get("is", ()):
                if value != NOT_STATED and (kind not in ("choice", "answer") or value not in choices):
                    raise ValueError(f"{where}: {name!r} cannot be {value!r}.")
        if check.kind == "threshold" and not (check.threshold or _compared_threshold(check)):
            raise ValueError(f"{where}: a threshold check needs a threshold.")


def terms() -> list[Term]:
    """The twelve key terms, in report order."""
    return list(_terms())


def term_by_id(term_id) -> Term:
    if not isinstance(term_id, str):
        raise InputError(f"Term id must be text, e.g. 'cancellation'; got {type(term_id).__name__} {term_id!r}.")
    for term in _terms():
        if term.id == term_id:
            return term
    raise InputError(
        f"Unknown term {term_id!r}; use one of: {', '.join(t.id for t in _terms())} (see term_sheet.terms())."
    )


@cache
def _thresholds() -> tuple:
    return tuple(
        Threshold(
            id=t["id"],
            label=t["label"],
            value=t["value"],
            unit=t["unit"],
            minimum=t["minimum"],
            maximum=t["maximum"],
            integer=bool(t.get("integer", False)),
            source=t.get("source"),
            note=" ".join(t.get("note", "").split()),
        )
        for t in load_yaml(DATA_FILE)["thresholds"]
    )


def thresholds() -> list[Threshold]:
    """The editable thresholds with their default values and sources."""
    return list(_thresholds())


def threshold_by_id(threshold_id) -> Threshold:
    if not isinstance(threshold_id, str):
        raise InputError(f"Threshold id must be text; got {type(threshold_id).__name__} {threshold_id!r}.")
    for item in _thresholds():
        if item.id == threshold_id:
            return item
    raise InputError(f"Unknown threshold {threshold_id!r}; use one of: {', '.join(t.id for t in _thresholds())}.")


def default_thresholds() -> dict:
    """{threshold id: default value}."""
    return {t.id: t.value for t in _thresholds()}


# ---------------------------------------------------------------- values


def parse_schedule(value, name: str = "Cancellation fee schedule") -> tuple:
    """A fee schedule as tiers, most notice first. Accepts text such as "180: 0; 90: 50; 0: 100"
    ("days of notice: fee %"), or a list of Tier, (days, percent) pairs or {notice_days, fee_percent}.

    >>> [str(t) for t in parse_schedule("0 days: 100%; 90: 50")]
    ['90 days: 50%', '0 days: 100%']
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str):
        items = [part for part in re.split(r"[;\n]", value) if part.strip()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise InputError(
            f"{name} must be text such as '180: 0; 90: 50; 0: 100' (days of notice: fee %) or a list of tiers; "
            f"got {type(value).__name__} {value!r}."
        )
    tiers = []
    for number, item in enumerate(items, start=1):
        try:
            tiers.append(_tier(item))
        except InputError as exc:
            raise InputError(f"{name}, tier {number}: {exc}") from None
    seen = set()
    for tier in tiers:
        if tier.notice_days in seen:
            raise InputError(f"{name}: {tier.notice_days} days of notice appears twice; give each notice period once.")
        seen.add(tier.notice_days)
    return tuple(sorted(tiers, key=lambda t: -t.notice_days))


def _tier(item) -> Tier:
    if isinstance(item, Tier):
        return item
    if isinstance(item, str):
        match = _TIER.match(item)
        if not match:
            raise InputError(f"write 'days of notice: fee %', e.g. '90: 50'; got {item!r}.")
        return Tier(match.group(1), match.group(2))
    if isinstance(item, dict):
        unknown = set(item) - {"notice_days", "fee_percent"}
        if unknown or len(item) != 2:
            raise InputError(f"a tier needs exactly notice_days and fee_percent; got {item!r}.")
        return Tier(item["notice_days"], item["fee_percent"])
    if isinstance(item, (list, tuple)) and len(item) == 2:
        return Tier(*item)
    raise InputError(f"a tier is 'days: percent' text, a (days, percent) pair or a dict; got {item!r}.")


def _normalise(term: Term, field_id, value):
    """The stored form of a value (None for "not stated"), or an InputError naming the term and field."""
    if not isinstance(field_id, str):
        raise InputError(f"Field id of {term.title} must be text; got {type(field_id).__name__} {field_id!r}.")
    if field_id == TEXT_FIELD:
        text = as_text(f"{term.title}: {TEXT_LABEL}", value, required=False)
        return text or None
    spec = term.field(field_id)
    name = f"{term.title}: {spec.label}"
    if spec.kind == "schedule":
        return parse_schedule(value, name) or None
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", NOT_STATED)):
        return None
    if spec.kind == "number":
        return as_number(name, value, spec.minimum, spec.maximum, integer=spec.integer)
    if spec.kind == "answer":
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str) and value.strip().lower() in _YES_NO:
            return _YES_NO[value.strip().lower()]
        raise InputError(f"{name} must be yes, no or {NOT_STATED}; got {value!r}.")
    if isinstance(value, str):
        for choice in spec.choices:
            if value.strip().lower() == choice.lower():
                return choice
    raise InputError(f"{name} must be one of: {', '.join((*spec.choices, NOT_STATED))}; got {value!r}.")


def describe(value) -> str:
    """A stored value as the report shows it."""
    if value is None:
        return NOT_STATED
    if isinstance(value, tuple):
        return "; ".join(str(t) for t in value)
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass
class TermSheet:
    """A draft's key terms: {term id: {field id: value}}, with the learner's thresholds (only those
    that differ from the defaults are stored)."""

    title: str = "My draft agreement"
    sponsor: str = "Sponsor"
    cdmo: str = "CDMO"
    entries: dict = field(default_factory=dict)
    limits: dict = field(default_factory=dict)

    def __post_init__(self):
        self.title = as_text("Title", self.title)
        self.sponsor = as_text("Sponsor name", self.sponsor)
        self.cdmo = as_text("CDMO name", self.cdmo)
        entries, limits = self.entries, self.limits
        if not isinstance(entries, dict):
            raise InputError(
                f"Entries must be a dict of {{term id: {{field id: value}}}}; got {type(entries).__name__}."
            )
        if not isinstance(limits, dict):
            raise InputError(f"Thresholds must be a dict of {{threshold id: number}}; got {type(limits).__name__}.")
        self.entries, self.limits = {}, {}
        for term_id, values in entries.items():
            term = term_by_id(term_id)
            if not isinstance(values, dict):
                raise InputError(f"The entries of {term.title} must be a dict of {{field id: value}}; got {values!r}.")
            for field_id, value in values.items():
                self.set(term_id, field_id, value)
        for threshold_id, value in limits.items():
            self.set_threshold(threshold_id, value)

    def set(self, term_id: str, field_id: str, value) -> None:
        """Enter what the draft says for one field; None, "" or "not stated" clears it."""
        term = term_by_id(term_id)
        stored = _normalise(term, field_id, value)
        values = self.entries.setdefault(term.id, {})
        if stored is None:
            values.pop(field_id, None)
            if not values:
                self.entries.pop(term.id)
        else:
            values[field_id] = stored

    def get(self, term_id: str, field_id: str):
        """The stored value of a field (None when not stated)."""
        term = term_by_id(term_id)
        if field_id != TEXT_FIELD:
            term.field(field_id)
        return self.entries.get(term.id, {}).get(field_id)

    def clear(self, term_id: str) -> None:
        """Forget everything entered for a term (it becomes missing)."""
        self.entries.pop(term_by_id(term_id).id, None)

    def set_threshold(self, threshold_id: str, value) -> None:
        """Change a threshold; its default (from the data file) applies again when value equals it."""
        item = threshold_by_id(threshold_id)
        number = item.checked(value)
        if number == item.value:
            self.limits.pop(item.id, None)
        else:
            self.limits[item.id] = number

    def threshold(self, threshold_id: str) -> float:
        """The threshold's value for this sheet (the learner's, or the default)."""
        item = threshold_by_id(threshold_id)
        return self.limits.get(item.id, item.value)


def check_sheet(sheet) -> TermSheet:
    """`sheet` if it is a TermSheet; otherwise an InputError saying how to make or load one."""
    if not isinstance(sheet, TermSheet):
        raise InputError(
            "Expected a term sheet: make one with term_sheet.new_term_sheet() or load one with "
            f"load_term_sheet(path); got {type(sheet).__name__} {repr(sheet)[:60]}."
        )
    return sheet


def new_term_sheet(title: str = "My draft agreement", sponsor: str = "Sponsor", cdmo: str = "CDMO") -> TermSheet:
    """An empty term sheet (every term missing, default thresholds)."""
    return TermSheet(title=title, sponsor=sponsor, cdmo=cdmo)


def example_term_sheet() -> TermSheet:
    """A filled-in draft between fictional parties, with findings of each kind on purpose."""
    return term_sheet_from_dict(load_yaml(EXAMPLE_FILE), source=EXAMPLE_FILE)


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class Flag:
    """A finding about a present term: kind "unusual", "against_guidance" or "threshold".

    `source` is the reference the finding rests on (for a threshold finding, the threshold's source;
    None means the course's suggestion); `common_practice` is what an "unusual" finding's source says."""

    kind: str
    text: str
    source: str | None = None
    common_practice: str = ""
    threshold_id: str | None = None

    @property
    def name(self) -> str:
        return FLAG_NAMES[self.kind]

    @property
    def attribution(self) -> str:
        return f"Source: {self.source}" if self.source else SUGGESTION


@dataclass(frozen=True)
class TermResult:
    """What `check()` found for one term."""

    term_id: str
    title: str
    present: bool
    entries: tuple  # ((field label, value as shown), ...) of the fields entered
    draft_text: str
    flags: tuple
    questions: tuple

    @property
    def status(self) -> str:
        return "present" if self.present else "missing"


@dataclass(frozen=True)
class SheetCheck:
    """`check()`'s result: one row per term, and the thresholds used (Threshold, value)."""

    rows: tuple
    limits: tuple

    def row(self, term_id: str) -> TermResult:
        term = term_by_id(term_id)
        return next(r for r in self.rows if r.term_id == term.id)

    @property
    def missing(self) -> tuple:
        return tuple(r.term_id for r in self.rows if not r.present)

    def flagged(self, kind: str) -> tuple:
        """Ids of the terms with at least one finding of `kind`."""
        return tuple(r.term_id for r in self.rows if any(f.kind == kind for f in r.flags))


def _derived(sheet: TermSheet, name: str):
    schedule = sheet.get("cancellation", "schedule")
    if not schedule:
        return None
    if name == "highest_fee_percent":
        return max(t.fee_percent for t in schedule)
    return fee_percent_at(schedule, sheet.threshold("cancellation_free_notice_days"))


def fee_percent_at(schedule, notice_days) -> float:
    """The fee (% of the batch price) for cancelling with `notice_days` of notice: the tier with the
    most notice not above it; with less notice than every tier, the tier with the least notice."""
    tiers = parse_schedule(schedule)
    if not tiers:
        raise InputError("The fee schedule is empty; enter at least one tier, e.g. '0: 100'.")
    days = as_number("Notice (days)", notice_days, 0, 3650)
    for tier in tiers:  # most notice first
        if tier.notice_days <= days:
            return tier.fee_percent
    return tiers[-1].fee_percent


def _compared_threshold(check: Check) -> str | None:
    for condition in check.when:
        for key in ("below", "above"):
            if isinstance(condition.get(key), str):
                return condition[key]
    return None


def _limit(sheet: TermSheet, limit):
    return sheet.threshold(limit) if isinstance(limit, str) else limit


def _holds(condition: dict, value, sheet: TermSheet) -> bool:
    if "is" in condition:
        shown = NOT_STATED if value is None or value == () else value
        return isinstance(shown, str) and shown in condition["is"]
    if value is None:
        return False
    if "below" in condition:
        return value < _limit(sheet, condition["below"])
    return value > _limit(sheet, condition["above"])


def _value(sheet: TermSheet, term: Term, field_id: str):
    if term.id == "cancellation" and field_id in DERIVED:
        return _derived(sheet, field_id)
    return sheet.get(term.id, field_id)


def _apply(check: Check, term: Term, sheet: TermSheet):
    """The finding or question a check gives for this sheet, or None when its conditions do not hold."""
    if not all(_holds(c, _value(sheet, term, c["field"]), sheet) for c in check.when):
        return None
    compared = next((c for c in check.when if "below" in c or "above" in c), None)
    text, threshold_id = check.text, check.threshold or _compared_threshold(check)
    if compared is not None:  # the message shows the number entered and the threshold it passed
        value = _value(sheet, term, compared["field"])
        text = text.format(value=value, threshold=sheet.threshold(threshold_id) if threshold_id else None)
    if check.kind == "question":
        return Question(text, check.source)
    if check.kind == "threshold":
        return Flag("threshold", text, threshold_by_id(threshold_id).source, threshold_id=threshold_id)
    return Flag(check.kind, text, check.source, check.common_practice, threshold_id)


def check(sheet: TermSheet) -> SheetCheck:
    """Per term: present or missing, findings and questions (see the module docstring)."""
    sheet = check_sheet(sheet)
    rows = []
    for term in _terms():
        values = sheet.entries.get(term.id, {})
        entries = tuple((f.label, describe(values[f.id])) for f in term.fields if f.id in values)
        if not values:
            rows.append(TermResult(term.id, term.title, False, (), "", (), (term.missing_question,)))
            continue
        found = [_apply(c, term, sheet) for c in term.checks]
        rows.append(
            TermResult(
                term.id,
                term.title,
                True,
                entries,
                values.get(TEXT_FIELD, ""),
                tuple(f for f in found if isinstance(f, Flag)),
                tuple(q for q in found if isinstance(q, Question)),
            )
        )
    limits = tuple((t, sheet.threshold(t.id)) for t in _thresholds())
    return SheetCheck(tuple(rows), limits)


# ---------------------------------------------------------------- cancellation cost


@dataclass(frozen=True)
class CostPoint:
    """The cost of cancelling with `notice_days` of notice (`cost_usd` None without a batch price)."""

    notice_days: int
    fee_percent: float
    cost_usd: float | None


def batches_cancelled(sheet: TermSheet) -> int:
    """How many batches the fee applies to (1 when not stated)."""
    return int(check_sheet(sheet).get("cancellation", "batches") or 1)


def cancellation_costs(sheet: TermSheet) -> list[CostPoint]:
    """One point per tier of the fee schedule (least notice first), and one at the notice period after
    which you expect no fee: fee % x batch price x batches. Empty without a fee schedule."""
    sheet = check_sheet(sheet)
    schedule = sheet.get("cancellation", "schedule") or ()
    if not schedule:
        return []
    price = sheet.get("pricing", "batch_price_usd")
    batches = batches_cancelled(sheet)
    days = {t.notice_days for t in schedule} | {int(sheet.threshold("cancellation_free_notice_days"))}
    points = []
    for day in sorted(days):
        percent = fee_percent_at(schedule, day)
        cost = None if price is None else percent / 100 * price * batches
        points.append(CostPoint(day, percent, cost))
    return points


# ---------------------------------------------------------------- saving and loading


def term_sheet_to_dict(sheet: TermSheet) -> dict:
    """The term sheet as plain data (what the YAML file holds); every threshold is written out."""
    sheet = check_sheet(sheet)
    terms_out = {}
    for term in _terms():
        values = sheet.entries.get(term.id)
        if not values:
            continue
        item = {}
        for key in [f.id for f in term.fields] + [TEXT_FIELD]:
            if key in values:
                value = values[key]
                if isinstance(value, tuple):
                    value = [{"notice_days": t.notice_days, "fee_percent": t.fee_percent} for t in value]
                item[key] = value
        terms_out[term.id] = item
    return {
        "format": SHEET_FORMAT,
        "version": SHEET_VERSION,
        "title": sheet.title,
        "sponsor": sheet.sponsor,
        "cdmo": sheet.cdmo,
        "terms": terms_out,
        "thresholds": {t.id: sheet.threshold(t.id) for t in _thresholds()},
    }


def term_sheet_from_dict(data, source: str = "term sheet") -> TermSheet:
    """A term sheet from `term_sheet_to_dict` data; errors name the source and the field that is wrong."""
    source = as_text("The term sheet's name (source)", source)
    if not isinstance(data, dict) or data.get("format") != SHEET_FORMAT:
        raise InputError(f'{source} is not a saved term sheet (no "format: {SHEET_FORMAT}").')
    if data.get("version") != SHEET_VERSION:
        raise InputError(
            f"{source}: term sheet version {data.get('version')!r} is not supported; expected {SHEET_VERSION}."
        )
    unknown = sorted(str(k) for k in set(data) - {"format", "version", *SHEET_FIELDS, "terms", "thresholds"})
    if unknown:
        raise InputError(
            f"{source}: unknown key {', '.join(map(repr, unknown))}; "
            f"a term sheet has format, version, title, sponsor, cdmo, terms and thresholds."
        )
    try:
        sheet = new_term_sheet(data.get("title"), data.get("sponsor"), data.get("cdmo"))
        entries = data.get("terms") or {}
        if not isinstance(entries, dict):
            raise InputError("'terms' must map term ids to {field id: value}.")
        for term_id, values in entries.items():
            term = term_by_id(term_id)
            if not isinstance(values, dict):
                raise InputError(f"term {term_id!r} must map field ids to values; got {values!r}.")
            for field_id, value in values.items():
                sheet.set(term.id, field_id, value)
        limits = data.get("thresholds") or {}
        if not isinstance(limits, dict):
            raise InputError("'thresholds' must map threshold ids to numbers.")
        for threshold_id, value in limits.items():
            sheet.set_threshold(threshold_id, value)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return sheet


def _csv_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def term_sheet_to_csv(sheet: TermSheet) -> str:
    """The term sheet as CSV text: columns term, field, value; one row per tier of the fee schedule."""
    data = term_sheet_to_dict(sheet)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerow(("sheet", "format", SHEET_FORMAT))
    writer.writerow(("sheet", "version", SHEET_VERSION))
    for key in SHEET_FIELDS:
        writer.writerow(("sheet", key, data[key]))
    for term_id, values in data["terms"].items():
        for key, value in values.items():
            if key == "schedule":
                for tier in sheet.get("cancellation", "schedule"):
                    writer.writerow((term_id, key, str(tier)))
            else:
                writer.writerow((term_id, key, _csv_value(value)))
    for key, value in data["thresholds"].items():
        writer.writerow(("threshold", key, _csv_value(value)))
    return buffer.getvalue()


def term_sheet_from_csv(text, source: str = "CSV") -> TermSheet:
    """A term sheet from CSV text (see `term_sheet_to_csv`); errors name the row (the header is row 1)."""
    if not isinstance(text, str):
        raise InputError(
            f"The term sheet CSV text must be text (the file's contents); got {type(text).__name__} {text!r}. "
            "To read a file, use load_term_sheet(path)."
        )
    source = as_text("The CSV's name (source)", source)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if tuple(header) != CSV_HEADER:
        hint = (
            " The columns look separated by semicolons or tabs: save it as comma-separated CSV."
            if (header and any(mark in header[0] for mark in (";", "\t")))
            else ""
        )
        raise InputError(f"{source}: row 1 must be the header 'term,field,value'; got {','.join(header)!r}.{hint}")
    data = {"terms": {}, "thresholds": {}}
    tiers = []
    seen = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}, row {number}"
        if len(row) != 3:
            raise InputError(
                f"{where}: expected 3 values (term, field, value); got {len(row)}. Put text with commas in quotes."
            )
        term_id, field_id, value = (cell.strip() for cell in row)
        if (term_id, field_id) in seen and field_id != "schedule":
            raise InputError(f"{where}: {term_id}, {field_id} appears twice; keep one row.")
        seen.add((term_id, field_id))
        if term_id == "sheet":
            if field_id not in ("format", "version", *SHEET_FIELDS):
                raise InputError(
                    f"{where}: unknown sheet field {field_id!r}; use format, version, title, sponsor or cdmo."
                )
            data[field_id] = value
        elif term_id == "threshold":
            data["thresholds"][field_id] = value
        elif field_id == "schedule":
            tiers.append(value)
            data["terms"].setdefault(term_id, {})["schedule"] = tiers
        else:
            data["terms"].setdefault(term_id, {})[field_id] = value
    try:
        data["version"] = int(data["version"]) if "version" in data else None
    except ValueError:
        raise InputError(f"{source}: the sheet's version must be a whole number; got {data['version']!r}.") from None
    return term_sheet_from_dict(data, source)


def _file_format(name: str, path) -> tuple[Path, str]:
    path = as_path(name, path)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file: give the path of a .yaml or .csv file.")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{name} must end in .yaml, .yml or .csv; got {path.name!r}.")
    return path, kind


def _yaml_text(data: dict) -> str:
    import yaml

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    body = yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)
    return f"# Term sheet saved by the cmo-course term-sheet checker. {disclaimer()}\n{body}"


def save_term_sheet(sheet: TermSheet, path) -> Path:
    """Save the term sheet as YAML (.yaml/.yml) or CSV (.csv), written atomically; returns the path."""
    sheet = check_sheet(sheet)
    path, kind = _file_format("The term sheet file", path)
    text = _yaml_text(term_sheet_to_dict(sheet)) if kind == "yaml" else term_sheet_to_csv(sheet)
    return write_text_file("The term sheet file", path, text, f"a .{path.suffix.lstrip('.').lower()} file")


def load_term_sheet(path) -> TermSheet:
    """Read a term sheet saved with `save_term_sheet` (or written by hand in the same shape)."""
    from ...content.safe_yaml import parse_yaml
    from ...errors import ContentError

    path, kind = _file_format("The term sheet file", path)
    path, text = read_text_file(
        "The term sheet file",
        path,
        "a .yaml or .csv file saved with save_term_sheet()",
        "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
    )
    if kind == "csv":
        return term_sheet_from_csv(text, source=path.name)
    try:
        data = parse_yaml(text, path.name)
    except ContentError as exc:
        problem = exc.problem
        line = f" (line {problem.line})" if problem.line else ""
        raise InputError(f"{path.name} is not a valid term-sheet YAML file{line}: {problem.message}") from None
    return term_sheet_from_dict(data, source=path.name)
