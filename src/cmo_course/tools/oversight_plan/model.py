"""Oversight planner: a year's calendar of audits, batch-record reviews, KPI reviews and governance
meetings for one CDMO, and a KPI sheet with per-batch records (the computation only).

From a `Profile` (the product's phase and modality, the risk you state, the CDMO's history, whether
the quality agreement is signed, the start date and the batches planned), `propose()` builds a `Plan`:
one `Item` per activity, each with a frequency you can change. The defaults and their sources are in
`tools/data/oversight_plan.yaml`: every frequency either cites the document that sets it (every batch's
records are reviewed before release, 21 CFR 211.192) or is marked "course's suggestion". The
planning level is the stated risk raised for the CDMO's history; how often and how deeply to audit
follows factors ICH Q9(R1) names (Source: ICH Q9(R1), Annex II). `calendar()` lists the year's
dated events, `findings()` what to fix or check. Plans are saved as YAML, KPI records per batch as
CSV, both written atomically; the reports, the ICS calendar file and the charts sit in `report` and
`chart` beside this module, which imports none of them. A planning aid, not legal advice.

>>> plan = propose(new_profile(risk="high", history="good record", quality_agreement_signed=True,
...                            start="2027-01-04", batches=2))
>>> plan.item("periodic_audit").frequency, plan.item("batch_record_review").frequency
('twice a year', 'per batch')
>>> [event.date.isoformat() for event in calendar(plan) if event.item_id == "periodic_audit"]
['2027-04-04', '2027-10-04']
>>> plan.set_frequency("batch_record_review", "quarterly")
>>> [finding.level for finding in findings(plan)]
['required']
>>> plan.set_frequency("periodic_audit", "weekly")
Traceback (most recent call last):
...
cmo_course.tools.validation.InputError: How often 'Periodic GMP audit of the CDMO' must be one of: per batch, once, monthly, every 2 months, quarterly, twice a year, yearly, every 2 years, not this year; got 'weekly'.
"""

from __future__ import annotations

import calendar as _calendar
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..data import data_path, load_yaml
from ..validation import (
    InputError,
    as_choice,
    as_instance,
    as_number,
    as_path,
    as_text,
    read_text_file,
    write_text_file,
)

DATA_FILE = "oversight_plan.yaml"
EXAMPLE_FILE = "oversight_plan_example.yaml"
EXAMPLE_RECORDS = "oversight_plan_example_kpis.csv"
PLAN_FORMAT = "cmo-course oversight plan"
PLAN_VERSION = 1
PER_BATCH = "per batch"
NOT_THIS_YEAR = "not this year"
COURSE_SUGGESTION = "course's suggestion"
LEVELS = ("low", "medium", "high")
REQUIRED = "required"  # a finding the plan must fix (a document sets it)
CHECK = "check"  # a finding to look at
RECORD_COLUMNS = ("batch", "date")
YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
ITEM_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_BATCHES = 366
MAX_COUNT = 10_000  # a per-batch count above this is a typing slip
MAX_DAYS = 36_500  # 100 years


# ---------------------------------------------------------------- defaults


def _data() -> dict:
    return load_yaml(DATA_FILE)


def disclaimer() -> str:
    """The stamp on every export: 'Planning aid, not legal advice.'"""
    return _data()["disclaimer"]


def phases() -> list[str]:
    return list(_data()["choices"]["phases"])


def modalities() -> list[str]:
    return list(_data()["choices"]["modalities"])


def risks() -> list[str]:
    return list(_data()["choices"]["risks"])


def histories() -> list[str]:
    return list(_data()["choices"]["histories"])


def frequencies() -> list[str]:
    """The frequencies an activity may have, from most to least often (plus "once" and "not this year")."""
    return [f["label"] for f in _data()["frequencies"]]


def frequency_months(label: str) -> int | None:
    """Months between two occurrences (0: once); None for "per batch" and "not this year"."""
    label = as_choice("Frequency", label, frequencies())
    return next(f.get("months") for f in _data()["frequencies"] if f["label"] == label)


def planning_note() -> str:
    """How the planning level is set, with its sources."""
    return " ".join(_data()["planning_level"]["note"].split())


def standard_item_ids() -> list[str]:
    """The ids of the activities `propose()` may put in a plan, in plan order."""
    return [item["id"] for item in _data()["items"]]


def _item_data(item_id: str) -> dict | None:
    return next((item for item in _data()["items"] if item["id"] == item_id), None)


# ---------------------------------------------------------------- input checks


def as_date(name: str, value) -> date:
    """A date, given as a `datetime.date` or as text written YYYY-MM-DD."""
    example = "e.g. 2027-01-04"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        result = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            result = date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{name} must be a date written YYYY-MM-DD, {example}; got {value!r}.") from None
        if len(text) != 10:
            raise InputError(f"{name} must be a date written YYYY-MM-DD, {example}; got {value!r}.")
    else:
        raise InputError(f"{name} must be a date written YYYY-MM-DD, {example}; got {type(value).__name__} {value!r}.")
    if not 2000 <= result.year <= 2100:
        raise InputError(f"{name} must be a date between the years 2000 and 2100; got {result.isoformat()}.")
    return result


def as_yes_no(name: str, value) -> bool:
    """True or False, also given as yes/no text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES:
        return YES[value.strip().lower()]
    raise InputError(f"{name} must be yes or no (True or False); got {value!r}.")


def _as_month(name: str, value) -> int:
    return as_number(name, value, 1, 12, integer=True)


# ---------------------------------------------------------------- the profile

PROFILE_FIELDS = (
    "product",
    "owner",
    "cdmo",
    "phase",
    "modality",
    "risk",
    "history",
    "quality_agreement_signed",
    "start",
    "batches",
)


def check_profile_field(name: str, value):
    """One profile field, checked (the message names the field and what is allowed)."""
    if name == "product":
        return as_text("Product", value)
    if name == "owner":
        return as_text("Owner name", value)
    if name == "cdmo":
        return as_text("CDMO name", value)
    if name == "phase":
        return as_choice("Phase", value, phases())
    if name == "modality":
        return as_choice("Modality", value, modalities())
    if name == "risk":
        return as_choice("Risk", value, risks())
    if name == "history":
        return as_choice("CDMO history", value, histories())
    if name == "quality_agreement_signed":
        return as_yes_no("Quality agreement signed", value)
    if name == "start":
        return as_date("Start date", date(date.today().year + 1, 1, 1) if value is None else value)
    if name == "batches":
        return as_number("Batches planned in the year", value, 0, MAX_BATCHES, integer=True)
    raise InputError(f"Unknown profile field {name!r}; use: {', '.join(PROFILE_FIELDS)}.")


@dataclass(frozen=True)
class Profile:
    """What the plan is for: the product, the two companies, the phase, modality, stated risk, the
    CDMO's history, whether the quality agreement is signed, the plan's first day and the batches
    planned in its year (your own figures: the defaults are placeholders)."""

    product: str = "My product"
    owner: str = "Owner"
    cdmo: str = "CDMO"
    phase: str = "phase 1"
    modality: str = "small molecule"
    risk: str = "medium"
    history: str = "new partner"
    quality_agreement_signed: bool = False
    start: date | str | None = None
    batches: int = 4

    def __post_init__(self):
        for name in PROFILE_FIELDS:
            object.__setattr__(self, name, check_profile_field(name, getattr(self, name)))

    @property
    def end(self) -> date:
        """The plan's last day: the day before the start date a year later."""
        return add_months(self.start, 12) - timedelta(days=1)

    @property
    def is_device(self) -> bool:
        return self.modality == "device"


def new_profile(**fields) -> Profile:
    """A `Profile`; any field you leave out takes its placeholder (see `Profile`).

    The start date defaults to 1 January of next year; give your own as "YYYY-MM-DD".
    """
    unknown = [repr(key) for key in fields if key not in PROFILE_FIELDS]
    if unknown:
        raise InputError(f"Unknown profile field {', '.join(unknown)}; use: {', '.join(PROFILE_FIELDS)}.")
    return Profile(**fields)


def check_profile(profile) -> Profile:
    return as_instance("The profile", profile, Profile, "a Profile, e.g. new_profile(phase='phase 2/3')")


def planning_level(profile: Profile) -> str:
    """The stated risk raised for the CDMO's history (see `planning_note()`): low, medium or high."""
    profile = check_profile(profile)
    raise_by = _data()["planning_level"]["raise_for_history"][profile.history]
    return LEVELS[min(len(LEVELS) - 1, LEVELS.index(profile.risk) + raise_by)]


# ---------------------------------------------------------------- plans


ITEM_FIELDS = ("id", "title", "frequency", "first_month", "who", "notes")


def check_item_field(name: str, value, title: str = "the activity"):
    """One field of an activity, checked (the message names the activity and the field)."""
    if name == "id":
        if not isinstance(value, str) or not ITEM_ID.match(value):
            raise InputError(
                "Activity id must be lower-case letters, digits and _ (up to 40, starting with a letter), "
                f"e.g. 'person_in_plant'; got {value!r}."
            )
        return value
    if name == "title":
        return as_text("Activity title", value)
    if name == "frequency":
        return as_choice(f"How often '{title}'", value, frequencies())
    if name == "first_month":
        return _as_month(f"First month of '{title}' (1-12)", value)
    if name == "who":
        return as_text(f"Who does '{title}'", value, required=False)
    if name == "notes":
        return as_text(f"Notes for '{title}'", value, required=False)
    raise InputError(f"Unknown activity field {name!r}; use: {', '.join(ITEM_FIELDS)}.")


@dataclass
class Item:
    """One activity in the plan: how often, from which month of the plan's year (1-12), who, notes."""

    id: str
    title: str
    frequency: str
    first_month: int = 1
    who: str = ""
    notes: str = ""

    def __post_init__(self):
        self.id = check_item_field("id", self.id)
        self.title = check_item_field("title", self.title)
        for name in ITEM_FIELDS[2:]:
            setattr(self, name, check_item_field(name, getattr(self, name), self.title))

    @property
    def standard(self) -> bool:
        """True for an activity the planner proposes; False for one you added."""
        return _item_data(self.id) is not None


@dataclass(frozen=True)
class ItemDetails:
    """Why an activity is in the plan and where its frequency comes from, for a profile."""

    kind: str
    basis: str
    frequency_source: str
    suggested_frequency: str | None
    required_frequency: str | None
    required_message: str


@dataclass(frozen=True)
class Event:
    """One dated occurrence in the calendar (an all-day event)."""

    date: date
    item_id: str
    title: str
    occurrence: int
    kind: str


@dataclass(frozen=True)
class Finding:
    """Something `findings()` says about the plan: `level` is "required" (a document sets it) or "check"."""

    level: str
    item_id: str | None
    message: str


@dataclass
class Plan:
    """A year's oversight plan: the profile, the activities and the KPI targets you agreed."""

    profile: Profile
    items: list = field(default_factory=list)
    kpi_targets: dict = field(default_factory=dict)

    def __post_init__(self):
        check_profile(self.profile)
        if not isinstance(self.items, list):
            raise InputError(f"Items must be a list of Item; got {type(self.items).__name__} {self.items!r}.")
        seen = set()
        for item in self.items:
            as_instance(
                "Each item", item, Item, "an Item, e.g. Item('person_in_plant', 'Person in plant', 'quarterly')"
            )
            if item.id in seen:
                raise InputError(f"Activity id {item.id!r} appears twice; ids must be unique.")
            seen.add(item.id)
        if not isinstance(self.kpi_targets, dict):
            raise InputError(
                f"KPI targets must be a dict of {{KPI id: target}}; got {type(self.kpi_targets).__name__}."
            )
        self.kpi_targets = {key: check_target(key, value) for key, value in self.kpi_targets.items()}

    def item(self, item_id: str) -> Item:
        """The activity with this id."""
        if not isinstance(item_id, str):
            raise InputError(
                f"Activity id must be text, e.g. 'periodic_audit'; got {type(item_id).__name__} {item_id!r}."
            )
        for item in self.items:
            if item.id == item_id:
                return item
        ids = ", ".join(item.id for item in self.items)
        raise InputError(f"No activity {item_id!r} in this plan; its activities are: {ids}.")

    def set_frequency(self, item_id: str, frequency: str) -> None:
        """Change how often an activity happens (see `frequencies()`)."""
        item = self.item(item_id)
        item.frequency = as_choice(f"How often '{item.title}'", frequency, frequencies())

    def set_first_month(self, item_id: str, month: int) -> None:
        """Change the month of the plan's year (1-12) of an activity's first occurrence."""
        item = self.item(item_id)
        item.first_month = _as_month(f"First month of '{item.title}' (1-12)", month)

    def set_notes(self, item_id: str, notes: str) -> None:
        item = self.item(item_id)
        item.notes = as_text(f"Notes for '{item.title}'", notes, required=False)

    def set_who(self, item_id: str, who: str) -> None:
        item = self.item(item_id)
        item.who = as_text(f"Who does '{item.title}'", who, required=False)

    def add_item(self, title: str, frequency: str, first_month: int = 1, who: str = "", notes: str = "") -> str:
        """Add an activity of your own (e.g. a person-in-plant visit); returns its id."""
        title = as_text("Activity title", title)
        stem = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:30] or "activity"
        stem = stem if stem[0].isalpha() else f"a_{stem}"[:30]
        taken = {item.id for item in self.items} | set(standard_item_ids())
        item_id, n = stem, 2
        while item_id in taken:
            item_id, n = f"{stem}_{n}", n + 1
        self.items.append(Item(item_id, title, frequency, first_month, who, notes))
        return item_id

    def remove_item(self, item_id: str) -> None:
        self.items.remove(self.item(item_id))

    def set_target(self, kpi_id: str, target) -> None:
        """Set the target you agreed for a KPI (None to clear it); yes/no KPIs take a percentage 0-100."""
        kpi = kpi_by_id(kpi_id)
        if target is None:
            self.kpi_targets.pop(kpi.id, None)
        else:
            self.kpi_targets[kpi.id] = check_target(kpi.id, target)


def check_plan(plan) -> Plan:
    """`plan` if it is a `Plan` whose parts are still valid (attributes can be set directly);
    otherwise an InputError saying how to make or load one, or what is wrong in it."""
    if not isinstance(plan, Plan):
        raise InputError(
            f"Expected an oversight plan: make one with propose(new_profile(...)) or load one with "
            f"load_plan(path); got {type(plan).__name__} {repr(plan)[:60]}."
        )
    Plan.__post_init__(plan)
    for item in plan.items:
        for name in ITEM_FIELDS:
            check_item_field(name, getattr(item, name), item.title if isinstance(item.title, str) else "the activity")
    return plan


def _variant(profile: Profile, mapping: dict):
    """The entry of a drug/device mapping that fits the profile (phase 1 drugs first, then 'all')."""
    if "all" in mapping:
        return mapping["all"]
    if profile.is_device:
        return mapping["device"]
    if profile.phase == "phase 1" and "drug_phase_1" in mapping:
        return mapping["drug_phase_1"]
    return mapping["drug"]


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _suggestion(profile: Profile, data: dict) -> tuple[str, int]:
    """(frequency, first month) the course suggests for a standard activity and profile."""
    frequency = data["frequency"][planning_level(profile)]
    first = data.get("first_month", 1)
    if data.get("first_month_new_partner") == "after_interval" and profile.history == "new partner":
        months = frequency_months(frequency) or 0
        if months and 1 + months <= 12:
            first = 1 + months
        else:  # the qualification audit is this year's audit; the next falls after the plan's year
            frequency = NOT_THIS_YEAR
    return frequency, first


def item_details(profile: Profile, item: Item) -> ItemDetails:
    """Kind, basis (with its sources), where the frequency comes from, and the suggested frequency."""
    profile = check_profile(profile)
    item = as_instance("The item", item, Item, "an Item from plan.items")
    data = _item_data(item.id)
    if data is None:
        return ItemDetails("your own", "An activity you added.", "your choice", None, None, "")
    suggested, _ = _suggestion(profile, data)
    source = data["frequency_source"]
    source = _clean(_variant(profile, source) if isinstance(source, dict) else source)
    if item.frequency != suggested:
        source = f"your choice (course's suggestion: {suggested})" if "suggestion" in source else "your choice"
    elif isinstance(data["frequency_source"], dict):
        source = f"Source: {source}"
    required = data.get("required_frequency")
    message = _clean(_variant(profile, data["required_message"])) if required else ""
    return ItemDetails(data["kind"], _clean(_variant(profile, data["basis"])), source, suggested, required, message)


def _applies(profile: Profile, when: dict) -> bool:
    for key, value in when.items():
        if getattr(profile, key) != value:
            return False
    return True


def propose(profile: Profile) -> Plan:
    """The activities the course suggests for this profile, each with its default frequency."""
    profile = check_profile(profile)
    items = []
    for data in _data()["items"]:
        if not _applies(profile, data.get("when", {})):
            continue
        frequency, first = _suggestion(profile, data)
        items.append(Item(data["id"], data["title"], frequency, first, data.get("who", "")))
    return Plan(profile=profile, items=items)


def example_profile() -> Profile:
    """A fictional biologic in phase 2/3 at a CDMO with a prior Form 483."""
    return new_profile(**dict(load_yaml(EXAMPLE_FILE)["profile"]))


def example_plan() -> Plan:
    """The plan proposed for `example_profile()`, with the example's notes and KPI targets."""
    data = load_yaml(EXAMPLE_FILE)
    plan = propose(example_profile())
    for item_id, notes in data.get("notes", {}).items():
        plan.set_notes(item_id, notes)
    for kpi_id, target in data.get("kpi_targets", {}).items():
        plan.set_target(kpi_id, target)
    return plan


# ---------------------------------------------------------------- the calendar


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (the month's last day if it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def batch_dates(profile: Profile) -> list[date]:
    """Planned batch dates: the batches spread evenly over the plan's year (move them to the real dates)."""
    profile = check_profile(profile)
    span = (add_months(profile.start, 12) - profile.start).days
    return [profile.start + timedelta(days=round(k * span / profile.batches)) for k in range(profile.batches)]


def occurrence_months(item: Item) -> list[int]:
    """Months of the plan's year (1-12) in which a non-batch activity happens."""
    item = as_instance("The item", item, Item, "an Item from plan.items")
    if item.frequency in (PER_BATCH, NOT_THIS_YEAR):
        return []
    months = frequency_months(item.frequency)
    if months == 0 or months > 12:
        return [item.first_month]
    return list(range(item.first_month, 13, months))


def calendar(plan: Plan) -> tuple:
    """Every dated event of the plan's year, in date order (then plan order)."""
    plan = check_plan(plan)
    profile = plan.profile
    events = []
    for order, item in enumerate(plan.items):
        kind = item_details(profile, item).kind
        if item.frequency == PER_BATCH:
            dates = batch_dates(profile)
            for n, day in enumerate(dates, start=1):
                title = f"{item.title}: batch {n} of {len(dates)} (planned date)"
                events.append((day, order, Event(day, item.id, title, n, kind)))
        else:
            for n, month in enumerate(occurrence_months(item), start=1):
                day = add_months(profile.start, month - 1)
                events.append((day, order, Event(day, item.id, item.title, n, kind)))
    return tuple(event for _, _, event in sorted(events, key=lambda t: (t[0], t[1], t[2].occurrence)))


def findings(plan: Plan) -> tuple:
    """What to fix (a document sets the frequency) and what to check, in plan order."""
    plan = check_plan(plan)
    profile = plan.profile
    found = []
    present = {item.id for item in plan.items}
    for data in _data()["items"]:
        if data.get("required_frequency") and data["id"] not in present:
            found.append(
                Finding(
                    REQUIRED,
                    data["id"],
                    f"{data['title']}: missing. {_clean(_variant(profile, data['required_message']))}",
                )
            )
    for item in plan.items:
        details = item_details(profile, item)
        if details.required_frequency and item.frequency != details.required_frequency:
            found.append(Finding(REQUIRED, item.id, f"{item.title}: {details.required_message}"))
    if not profile.quality_agreement_signed:
        found.append(
            Finding(
                CHECK,
                "agreement_signature",
                "The quality agreement is not signed yet: sign it before the CDMO makes GMP material "
                "(course's suggestion); see the activity's basis for what the documents say.",
            )
        )
    if profile.batches == 0 and any(item.frequency == PER_BATCH for item in plan.items):
        found.append(
            Finding(
                CHECK, None, "No batches planned: enter the batches you plan this year to see the per-batch reviews."
            )
        )
    audits = [e for e in calendar(plan) if e.kind == "audit"]
    if planning_level(profile) == "high" and not audits:
        found.append(
            Finding(
                CHECK,
                None,
                "The planning level is high but no audit falls in this year's calendar; the course suggests "
                "at least one (Source: ICH Q9(R1), Annex II, on audit frequency following risk).",
            )
        )
    return tuple(found)


# ---------------------------------------------------------------- KPIs


@dataclass(frozen=True)
class Kpi:
    """One KPI of the sheet: id (the CSV column), name, kind ("yes/no", "count" or "days"), which way
    is better, the per-batch question, what it measures and its source."""

    id: str
    name: str
    kind: str
    better: str
    question: str
    measures: str
    source: str


def kpis() -> list[Kpi]:
    """The KPI sheet, in order (the course's suggestion unless an entry names a source)."""
    return [Kpi(**{key: _clean(value) for key, value in item.items()}) for item in _data()["kpis"]]


def kpi_by_id(kpi_id: str) -> Kpi:
    if not isinstance(kpi_id, str):
        raise InputError(f"KPI id must be text, e.g. 'on_time'; got {type(kpi_id).__name__} {kpi_id!r}.")
    for kpi in kpis():
        if kpi.id == kpi_id.strip():
            return kpi
    raise InputError(f"Unknown KPI {kpi_id!r}; use one of: {', '.join(k.id for k in kpis())}.")


def check_target(kpi_id: str, value) -> float:
    """A KPI target: a percentage 0-100 for a yes/no KPI, a number 0 or more otherwise."""
    kpi = kpi_by_id(kpi_id)
    if kpi.kind == "yes/no":
        return as_number(f"Target for {kpi.name} (% of batches)", value, 0, 100)
    return as_number(f"Target for {kpi.name}", value, 0)


def _kpi_value(kpi: Kpi, value, name: str):
    """A per-batch value for a KPI (None or empty text: not recorded)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kpi.kind == "yes/no":
        return as_yes_no(name, value)
    if kpi.kind == "count":
        return as_number(name, value, 0, MAX_COUNT, integer=True)
    return as_number(name, value, 0, MAX_DAYS)


@dataclass(frozen=True)
class BatchRecord:
    """The KPI values recorded for one batch (None: not recorded)."""

    batch: str
    date: date
    values: dict = field(default_factory=dict)

    def __post_init__(self):
        batch = as_text("Batch", self.batch)
        if any(ch in batch for ch in "\r\n"):
            raise InputError(f"Batch must be one line of text; got {batch!r}.")
        object.__setattr__(self, "batch", batch)
        object.__setattr__(self, "date", as_date(f"Date of batch {batch!r}", self.date))
        if not isinstance(self.values, dict):
            raise InputError(f"KPI values must be a dict of {{KPI id: value}}; got {type(self.values).__name__}.")
        values = {}
        for key, value in self.values.items():
            kpi = kpi_by_id(key)
            values[kpi.id] = _kpi_value(kpi, value, f"{kpi.name} for batch {batch!r}")
        object.__setattr__(self, "values", {k.id: values.get(k.id) for k in kpis()})


def new_record(batch: str, date, **values) -> BatchRecord:
    """The KPI values of one batch, e.g. new_record("B-001", "2027-02-10", on_time=True, deviations=1)."""
    return BatchRecord(batch, date, values)


def record_columns() -> list[str]:
    """The columns of a KPI records CSV: batch, date, then one per KPI id."""
    return [*RECORD_COLUMNS, *(k.id for k in kpis())]


def _check_records(records) -> list[BatchRecord]:
    if isinstance(records, BatchRecord):
        raise InputError("KPI records must be a list of batch records; wrap one record in a list: [record].")
    if not isinstance(records, (list, tuple)):
        raise InputError(
            f"KPI records must be a list of batch records from load_records(path) or new_record(...); "
            f"got {type(records).__name__} {repr(records)[:60]}."
        )
    seen = set()
    for record in records:
        as_instance("Each KPI record", record, BatchRecord, "a record from new_record(batch, date, ...)")
        if record.batch in seen:
            raise InputError(f"Batch {record.batch!r} appears twice in the KPI records; batches must be unique.")
        seen.add(record.batch)
    return list(records)


def _cell(kpi_kind: str, value) -> str:
    if value is None:
        return ""
    if kpi_kind == "yes/no":
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def records_to_csv(records) -> str:
    """The records as CSV text (the format `load_records` reads)."""
    records = _check_records(records)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(record_columns())
    kinds = {k.id: k.kind for k in kpis()}
    for record in records:
        writer.writerow(
            [record.batch, record.date.isoformat(), *(_cell(kinds[key], value) for key, value in record.values.items())]
        )
    return out.getvalue()


def parse_records(text: str, source: str = "KPI records") -> list[BatchRecord]:
    """Records from CSV text; every error names the source, the line and, for a cell, the column."""
    if not isinstance(text, str):
        raise InputError(
            f"The KPI records CSV text must be text; got {type(text).__name__}. To read a file, use load_records(path)."
        )
    source = as_text("The CSV's name (source)", source)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{source}, line 1: not readable as CSV ({exc}).") from None
    if not header or not any(cell.strip() for cell in header):
        raise InputError(f"{source} is empty; its first line must name the columns: {', '.join(record_columns())}.")
    header = [cell.strip() for cell in header]
    known = record_columns()
    unknown = [c for c in header if c not in known]
    if unknown:
        hint = ""
        if len(header) == 1 and any(mark in header[0] for mark in (";", "\t")):
            hint = " The columns look separated by semicolons or tabs: save the file as comma-separated CSV."
        raise InputError(
            f"{source}, line 1: unknown column {', '.join(repr(c) for c in unknown)}; the columns are: "
            f"{', '.join(known)}.{hint}"
        )
    missing = [c for c in RECORD_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{source}, line 1: missing column {', '.join(repr(c) for c in missing)}.")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise InputError(f"{source}, line 1: the column {', '.join(repr(c) for c in repeated)} appears twice.")
    records, lines = [], {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{source}, line {reader.line_num}: not readable as CSV ({exc}).") from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(f"{source}, line {line}: more values than columns; check for extra commas.")
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        record = _record_from_cells(cells, f"{source}, line {line}")
        if record.batch in lines:
            raise InputError(
                f"{source}, line {line}, column 'batch': {record.batch!r} is already on line {lines[record.batch]}; "
                "each batch has one line."
            )
        lines[record.batch] = line
        records.append(record)
    return records


def _record_from_cells(cells: dict, where: str) -> BatchRecord:
    def cell(column, check):
        try:
            return check(cells.get(column, ""))
        except InputError as exc:
            raise InputError(f"{where}, column '{column}': {exc}") from None

    batch = cell("batch", lambda v: as_text("the batch", v))
    day = cell("date", lambda v: as_date("the date", v))
    values = {k.id: cell(k.id, lambda v, k=k: _kpi_value(k, v, "the value")) for k in kpis()}
    return BatchRecord(batch, day, values)


def load_records(path) -> list[BatchRecord]:
    """Read KPI records from a CSV file (columns: `record_columns()`; KPI columns may be left out)."""
    path, text = read_text_file(
        "The KPI records file", path, "a .csv file", "save it from your spreadsheet as 'CSV UTF-8'"
    )
    return parse_records(text, source=path.name)


def save_records(records, path) -> Path:
    """Write KPI records as CSV (atomically: a half-written file never replaces a good one)."""
    text = records_to_csv(records)
    return write_text_file("The KPI records file", path, text, "a .csv file")


def record_batch(path, batch: str, date, replace: bool = False, **values) -> list[BatchRecord]:
    """Add one batch's KPI values to the CSV file at `path` (created if missing) and save it.

    A batch already in the file is an error unless `replace=True`. Returns all the records.
    """
    path = as_path("The KPI records file", path)
    if not isinstance(replace, bool):
        raise InputError(f"replace must be True or False; got {replace!r}.")
    record = new_record(batch, date, **values)
    records = load_records(path) if path.exists() else []
    if any(r.batch == record.batch for r in records):
        if not replace:
            raise InputError(
                f"Batch {record.batch!r} is already in {path.name}; pass replace=True to overwrite its values."
            )
        records = [record if r.batch == record.batch else r for r in records]
    else:
        records.append(record)
    save_records(records, path)
    return records


@dataclass(frozen=True)
class TrendPoint:
    """One batch on a KPI's trend: the value recorded and the value shown (for a yes/no KPI, the share
    of batches so far that said yes, in %)."""

    batch: str
    date: date
    value: object
    shown: float


def trend(records, kpi_id: str) -> list[TrendPoint]:
    """The batches that recorded this KPI, in date order, with the value to plot."""
    records = _check_records(records)
    kpi = kpi_by_id(kpi_id)
    ordered = sorted((r for r in records if r.values.get(kpi.id) is not None), key=lambda r: r.date)
    points, yes = [], 0
    for n, record in enumerate(ordered, start=1):
        value = record.values[kpi.id]
        if kpi.kind == "yes/no":
            yes += bool(value)
            shown = 100.0 * yes / n
        else:
            shown = float(value)
        points.append(TrendPoint(record.batch, record.date, value, shown))
    return points


def example_records_path() -> Path:
    """Path of the example KPI records (six fictional batches)."""
    return data_path(EXAMPLE_RECORDS)


def example_records() -> list[BatchRecord]:
    return load_records(example_records_path())


# ---------------------------------------------------------------- files


def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain YAML-ready data (what `save_plan` writes)."""
    plan = check_plan(plan)
    p = plan.profile
    return {
        "format": PLAN_FORMAT,
        "version": PLAN_VERSION,
        "profile": {
            "product": p.product,
            "owner": p.owner,
            "cdmo": p.cdmo,
            "phase": p.phase,
            "modality": p.modality,
            "risk": p.risk,
            "history": p.history,
            "quality_agreement_signed": p.quality_agreement_signed,
            "start": p.start.isoformat(),
            "batches": p.batches,
        },
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "frequency": i.frequency,
                "first_month": i.first_month,
                "who": i.who,
                "notes": i.notes,
            }
            for i in plan.items
        ],
        "kpi_targets": {k.id: plan.kpi_targets[k.id] for k in kpis() if k.id in plan.kpi_targets},
    }


def _line(data, key) -> str:
    line = getattr(data, "line_of", None)
    number = line(key) if line else None
    return f", line {number}" if number else ""


def plan_from_dict(data, source: str = "plan") -> Plan:
    """A plan from `plan_to_dict` data; errors name the source and, for data read from a file, the line."""
    source = as_text("The plan's name (source)", source)
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise InputError(f'{source} is not a saved oversight plan (no "format: {PLAN_FORMAT}").')

    def fail(mapping, key, message):
        raise InputError(f"{source}{_line(mapping, key)}: {message}")

    if data.get("version") != PLAN_VERSION:
        fail(data, "version", f"plan version {data.get('version')!r} is not supported; expected {PLAN_VERSION}.")
    for key in data:
        if key not in ("format", "version", "profile", "items", "kpi_targets"):
            fail(data, key, f"unknown field {key!r}; a plan has: format, version, profile, items, kpi_targets.")
    fields = data.get("profile")
    if not isinstance(fields, dict):
        fail(data, "profile", "'profile' must be a mapping of the profile's fields.")
    checked = {}
    for key, value in fields.items():
        if key not in PROFILE_FIELDS:
            fail(fields, key, f"unknown profile field {key!r}; use: {', '.join(PROFILE_FIELDS)}.")
        try:
            checked[key] = check_profile_field(key, value)
        except InputError as exc:
            fail(fields, key, str(exc))
    profile = Profile(**checked)
    items = data.get("items", [])
    if not isinstance(items, list):
        fail(data, "items", "'items' must be a list of activities.")
    plan = Plan(profile=profile, items=[])
    for entry in items:
        if not isinstance(entry, dict):
            fail(data, "items", f"each item must be a mapping with {', '.join(ITEM_FIELDS)}; got {entry!r}.")
        values = {}
        for key in entry:
            if key not in ITEM_FIELDS:
                fail(entry, key, f"unknown item field {key!r}; use: {', '.join(ITEM_FIELDS)}.")
        for key in ITEM_FIELDS:
            default = {"first_month": 1, "who": "", "notes": ""}.get(key)
            try:
                values[key] = check_item_field(key, entry.get(key, default), values.get("title", "the activity"))
            except InputError as exc:
                fail(entry, key if key in entry else None, str(exc))
        if any(i.id == values["id"] for i in plan.items):
            fail(entry, "id", f"activity id {values['id']!r} appears twice; ids must be unique.")
        plan.items.append(Item(**values))
    targets = data.get("kpi_targets") or {}
    if not isinstance(targets, dict):
        fail(data, "kpi_targets", "'kpi_targets' must map KPI ids to targets.")
    for kpi_id, target in targets.items():
        try:
            plan.set_target(str(kpi_id), target)
        except InputError as exc:
            fail(targets, kpi_id, str(exc))
    return plan


def save_plan(plan: Plan, path) -> Path:
    """Write the plan as YAML (atomically); returns the path."""
    import yaml

    text = f"# Oversight plan saved by cmo-course. {disclaimer()}\n" + yaml.safe_dump(
        plan_to_dict(plan), sort_keys=False, allow_unicode=True, width=100
    )
    return write_text_file("The plan file", path, text, "a .yaml file")


def load_plan(path) -> Plan:
    """Read a plan saved with `save_plan`; a hand-edited file that breaks gives the file and line."""
    from ...content.safe_yaml import parse_yaml
    from ...errors import ContentError

    path, text = read_text_file(
        "The plan file", path, "a .yaml file saved with save_plan()", "save it again with save_plan()"
    )
    try:
        data = parse_yaml(text, path.name)
    except ContentError as exc:
        problem = exc.problem
        where = f"{problem.file}, line {problem.line}" if problem.line else problem.file
        raise InputError(f"{where}: {problem.message}") from None
    return plan_from_dict(data, source=path.name)
