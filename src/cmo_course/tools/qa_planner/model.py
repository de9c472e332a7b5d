"""Quality-agreement planner: who does each manufacturing activity, checked against the guidance.

The sections and activities follow FDA's 2016 quality-agreement guidance (Source: FDA quality-agreement guidance
2016, section IV.B), with subcontracting and the process, test-method, equipment and specification
changes from ICH Q7 (Source: ICH Q7, section 16, clauses 16.14 and 16.16); each item in `tools/data/qa_activities.yaml`
has a description and a source. Assign every activity to "owner", "contracted facility" or "both",
add notes, then `check()` the plan: it lists unassigned activities, flags conflicts (final release
not with the owner's quality unit; subcontracting, or a change to the process, test methods, major
equipment or specifications, approved by the facility alone, even with a note that the owner is notified), and asks
for a note where "both" share an activity or where the facility alone approves another change (the
agreement should say which changes need the owner's prior approval and which only notification).
Save and load plans as JSON here; the Markdown and HTML outline (`to_markdown` / `to_html`) is
rendered by `report` from jinja2 templates, and `form` is the notebook form. The outline is a planning aid,
not legal advice.

>>> plan = new_plan(product="Example antibody (fictional)")
>>> plan.assign("final_release", "contracted facility")
>>> plan.assign("change_suppliers", "contracted facility")
>>> plan.assign("change_process", "contracted facility", "Facility approves; the owner is notified.")
>>> [flag.activity_id for flag in check(plan).conflicts]
['final_release', 'change_process']
>>> [flag.activity_id for flag in check(plan).needs_notes]
['change_suppliers']
>>> plan.assign("final_release", "the CDMO")
Traceback (most recent call last):
...
cmo_course.tools.validation.InputError: Who does 'Approve or reject the product, including final release' must be one of: owner, contracted facility, both; got 'the CDMO'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..data import load_yaml
from ..validation import InputError, as_choice, as_instance, as_text, read_text_file, write_text_file

DATA_FILE = "qa_activities.yaml"
PARTIES = ("owner", "contracted facility", "both")
PLAN_FORMAT = "cmo-course quality-agreement plan"
PLAN_VERSION = 1
# Rules an activity may carry (`rule` in qa_activities.yaml), checked when the facility does it alone.
OWNER_REQUIRED = "owner_required"  # a conflict, whatever the note says
NOTE_IF_FACILITY_ALONE = "note_if_facility_alone"  # a "check this row" flag until a note is added
RULES = (OWNER_REQUIRED, NOTE_IF_FACILITY_ALONE)
SHARED_NOTE = "Shared by both parties: add a note saying who does which part."


@dataclass(frozen=True)
class Activity:
    """One manufacturing activity the agreement should assign."""

    id: str
    title: str
    description: str
    source: str
    section_id: str
    section_title: str
    rule: str | None = None
    rule_message: str = ""


@dataclass(frozen=True)
class Assignment:
    """Who does an activity, and the learner's notes."""

    who: str
    notes: str = ""

    def __post_init__(self):
        object.__setattr__(self, "who", as_choice("Who does it", self.who, PARTIES))
        object.__setattr__(self, "notes", as_text("Notes", self.notes, required=False))


@dataclass(frozen=True)
class Flag:
    """A problem `check()` found with one activity."""

    activity_id: str
    activity_title: str
    message: str


@dataclass(frozen=True)
class PlanCheck:
    """What `check()` found: unassigned activities, conflicts, and rows that need a note (shared
    activities, and changes the contracted facility approves alone)."""

    missing: tuple
    conflicts: tuple
    needs_notes: tuple

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def ok(self) -> bool:
        return not (self.missing or self.conflicts or self.needs_notes)


@dataclass
class Plan:
    """A quality-agreement plan: parties, product, and an assignment per activity id."""

    product: str = "My product"
    owner: str = "Owner"
    facility: str = "Contracted facility"
    assignments: dict = field(default_factory=dict)

    def __post_init__(self):
        self.product = as_text("Product", self.product)
        self.owner = as_text("Owner name", self.owner)
        self.facility = as_text("Contracted facility name", self.facility)
        if not isinstance(self.assignments, dict):
            raise InputError(
                f"Assignments must be a dict of {{activity id: Assignment}}; got {type(self.assignments).__name__}."
            )
        for activity_id, item in self.assignments.items():
            activity_by_id(activity_id)
            as_instance(f"The assignment of {activity_id!r}", item, Assignment, 'an Assignment("owner", "notes")')

    def assign(self, activity_id: str, who: str, notes: str = "") -> None:
        """Set who does `activity_id` ("owner", "contracted facility" or "both") and optional notes."""
        activity = activity_by_id(activity_id)
        party = as_choice(f"Who does '{activity.title}'", who, PARTIES)
        self.assignments[activity.id] = Assignment(
            party, as_text(f"Notes for '{activity.title}'", notes, required=False)
        )

    def unassign(self, activity_id: str) -> None:
        self.assignments.pop(activity_by_id(activity_id).id, None)


# ---------------------------------------------------------------- the items


def disclaimer() -> str:
    """The stamp on every export: 'Planning aid, not legal advice.'"""
    return load_yaml(DATA_FILE)["disclaimer"]


def outline_sections() -> list[dict]:
    """The agreement's top-level sections FDA's guidance recommends, in order (id, title, description)."""
    return [dict(s) for s in load_yaml(DATA_FILE)["outline_sections"]]


def sections() -> list[dict]:
    """Manufacturing-activity sections: id, title, source, description and their `Activity` items."""
    result = []
    for section in load_yaml(DATA_FILE)["sections"]:
        items = [
            Activity(section_id=section["id"], section_title=section["title"], **item) for item in section["activities"]
        ]
        result.append(
            {
                "id": section["id"],
                "title": section["title"],
                "source": section["source"],
                "description": section.get("description", ""),
                "activities": items,
            }
        )
    return result


def activities() -> list[Activity]:
    """Every activity, in agreement order."""
    return [a for section in sections() for a in section["activities"]]


def activity_by_id(activity_id: str) -> Activity:
    if not isinstance(activity_id, str):
        raise InputError(
            f"Activity id must be text, e.g. 'final_release'; got {type(activity_id).__name__} {activity_id!r}."
        )
    for activity in activities():
        if activity.id == activity_id:
            return activity
    raise InputError(
        f"Unknown activity {activity_id!r}; see qa_planner.activities() for the ids "
        f"(e.g. 'final_release', 'change_process')."
    )


# ---------------------------------------------------------------- plans


def new_plan(product: str = "My product", owner: str = "Owner", facility: str = "Contracted facility") -> Plan:
    """An empty plan (nothing assigned yet)."""
    return Plan(
        product=as_text("Product", product),
        owner=as_text("Owner name", owner),
        facility=as_text("Contracted facility name", facility),
    )


def example_plan() -> Plan:
    """A filled-in plan for a fictional product, with problems the checker finds on purpose."""
    data = load_yaml("qa_example_plan.yaml")
    plan = new_plan(data["product"], data["owner"], data["facility"])
    for activity_id, item in data["assignments"].items():
        plan.assign(activity_id, item["who"], item.get("notes", ""))
    return plan


def check(plan: Plan) -> PlanCheck:
    """Completeness and consistency with the guidance (see module docstring)."""
    plan = check_plan(plan)
    missing, conflicts, needs_notes = [], [], []
    for activity in activities():
        assignment = plan.assignments.get(activity.id)
        if assignment is None:
            missing.append(activity.id)
            continue
        facility_alone = assignment.who == "contracted facility"
        if facility_alone and activity.rule == OWNER_REQUIRED:
            conflicts.append(Flag(activity.id, activity.title, activity.rule_message.strip()))
        elif facility_alone and activity.rule == NOTE_IF_FACILITY_ALONE and not assignment.notes:
            needs_notes.append(Flag(activity.id, activity.title, activity.rule_message.strip()))
        if assignment.who == "both" and not assignment.notes:
            needs_notes.append(Flag(activity.id, activity.title, SHARED_NOTE))
    return PlanCheck(tuple(missing), tuple(conflicts), tuple(needs_notes))


def check_plan(plan) -> Plan:
    """`plan` if it is a `Plan`; otherwise an InputError saying how to make or load one."""
    if not isinstance(plan, Plan):
        raise InputError(
            f"Expected a plan: make one with qa_planner.new_plan() or load one with load_plan(path); "
            f"got {type(plan).__name__} {repr(plan)[:60]}."
        )
    return plan


def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain JSON-ready data."""
    plan = check_plan(plan)
    order = [a.id for a in activities()]
    return {
        "format": PLAN_FORMAT,
        "version": PLAN_VERSION,
        "product": plan.product,
        "owner": plan.owner,
        "facility": plan.facility,
        "assignments": {
            key: {"who": plan.assignments[key].who, "notes": plan.assignments[key].notes}
            for key in order
            if key in plan.assignments
        },
    }


def plan_from_dict(data: dict, source: str = "plan") -> Plan:
    """A plan from `plan_to_dict` data; errors name the field that is wrong."""
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise InputError(f'{source} is not a saved quality-agreement plan (no "format": "{PLAN_FORMAT}").')
    if data.get("version") != PLAN_VERSION:
        raise InputError(f"{source}: plan version {data.get('version')!r} is not supported; expected {PLAN_VERSION}.")
    try:
        plan = new_plan(data.get("product"), data.get("owner"), data.get("facility"))
        assignments = data.get("assignments", {})
        if not isinstance(assignments, dict):
            raise InputError('\'assignments\' must map activity ids to {"who": ..., "notes": ...}.')
        for activity_id, item in assignments.items():
            if not isinstance(item, dict):
                raise InputError(f'assignment {activity_id!r} must be {{"who": ..., "notes": ...}}.')
            plan.assign(activity_id, item.get("who"), item.get("notes", ""))
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return plan


def save_plan(plan: Plan, path) -> Path:
    """Write the plan as JSON (UTF-8); returns the path."""
    text = json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"
    return write_text_file("The plan file", path, text, "a .json file")


def load_plan(path) -> Plan:
    """Read a plan saved with `save_plan`."""
    try:
        path, text = read_text_file("The plan file", path, "a .json file saved with save_plan()")
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        path = Path(path)
        raise InputError(f"{path.name} is not valid JSON ({exc}); was it saved with save_plan()?") from None
    return plan_from_dict(data, source=path.name)
