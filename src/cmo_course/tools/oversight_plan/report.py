"""The oversight plan as Markdown, HTML (jinja2 templates in `templates/`) and an iCalendar file
(RFC 5545, written with the standard library): what the notebooks show and what `export` writes."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..common.templates import render as render_template
from ..common.views import ReportView
from ..validation import InputError, as_path, write_text_file
from . import model
from .model import Plan

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = {"md": "plan.md.j2", "txt": "plan.md.j2", "fragment": "plan.html.j2", "html": "plan.html.j2"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ITEM_HEADERS = ["Activity", "How often", "Where the frequency comes from", "First", "Who", "Notes"]
KPI_HEADERS = ["KPI", "What it measures", "Record for each batch", "Better", "Target", "Source"]
EXPORTS = {".md": "Markdown", ".html": "HTML", ".htm": "HTML", ".ics": "iCalendar"}
PRODID = "-//cmo-course//Oversight plan//EN"


def month_label(day) -> str:
    """E.g. 'Apr 2027' (English, whatever the computer's locale)."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _first(plan: Plan, item: model.Item) -> str:
    if item.frequency == model.PER_BATCH:
        return "each planned batch"
    if item.frequency == model.NOT_THIS_YEAR:
        return "not this year"
    return month_label(model.add_months(plan.profile.start, item.first_month - 1))


def _target(kpi: model.Kpi, plan: Plan) -> str:
    if kpi.id not in plan.kpi_targets:
        return "agree one with the CDMO"
    value = plan.kpi_targets[kpi.id]
    return f"{value:g}% of batches" if kpi.kind == "yes/no" else f"{value:g} per batch"


def context(plan: Plan) -> dict:
    """Everything the templates show, as plain values (learner strings are escaped by the templates)."""
    plan = model.check_plan(plan)
    profile = plan.profile
    details = {item.id: model.item_details(profile, item) for item in plan.items}
    items = [
        [item.title, item.frequency, details[item.id].frequency_source, _first(plan, item), item.who, item.notes]
        for item in plan.items
    ]
    events = [[event.date.isoformat(), event.title] for event in model.calendar(plan)]
    kpi_rows = [[k.name, k.measures, k.question, k.better, _target(k, plan), k.source] for k in model.kpis()]
    facts = [
        ("Owner", profile.owner),
        ("CDMO", profile.cdmo),
        ("Phase", profile.phase),
        ("Modality", profile.modality),
        ("Risk you stated", profile.risk),
        ("CDMO history", profile.history),
        ("Quality agreement signed", "yes" if profile.quality_agreement_signed else "no"),
        ("Plan year", f"{profile.start.isoformat()} to {profile.end.isoformat()}"),
        ("Batches planned", str(profile.batches)),
        ("Planning level", model.planning_level(profile)),
    ]
    notes = []
    if profile.is_device and profile.phase != "commercial":
        notes.append(
            "For a device, the phase here only separates clinical supply from commercial supply; check "
            "which quality-system requirements apply to your investigational device."
        )
    if any(item.frequency == model.PER_BATCH for item in plan.items):
        notes.append(
            "Per-batch reviews sit on planned dates spread evenly over the year: move each to the real batch date."
        )
    if any(item.frequency == "every 2 years" for item in plan.items):
        notes.append('"Every 2 years" shows once, in its first month: choose "not this year" if it is not due.')
    return {
        "plan": plan,
        "profile": profile,
        "facts": facts,
        "disclaimer": model.disclaimer(),
        "planning_note": model.planning_note(),
        "findings": [(f.level, f.message) for f in model.findings(plan)],
        "items": items,
        "item_headers": ITEM_HEADERS,
        "basis": [(item.title, details[item.id].basis) for item in plan.items],
        "events": events,
        "kpi_rows": kpi_rows,
        "kpi_headers": KPI_HEADERS,
        "notes": notes,
    }


def _markdown_cell(text) -> str:
    """A learner string safe in a Markdown table cell: one line, pipes and angle brackets escaped."""
    text = " ".join(str(text).split())
    return re.sub(r"([\\|<>*_`\[\]])", r"\\\1", text)


def _text_cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "/")


def render(plan: Plan, kind: str) -> str:
    """kind: "md" (Markdown file), "txt" (the same as plain text, for notebooks), "fragment" (an HTML
    div) or "html" (a standalone page)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    values = context(plan)
    cell = {"md": _markdown_cell, "txt": _text_cell}.get(kind, str)
    text = render_template(TEMPLATES, KINDS[kind], cell=cell, **values)
    if kind == "html":
        title = values["profile"].product
        return render_template(TEMPLATES, "page.html.j2", title=title, body=text.strip())
    return text


def to_markdown(plan: Plan) -> str:
    """The plan as Markdown: profile, checks, activities, calendar, reasons and the KPI sheet."""
    return render(plan, "md")


def to_html(plan: Plan) -> str:
    """The same as a standalone HTML page (no scripts, no external files)."""
    return render(plan, "html")


def view(plan: Plan) -> ReportView:
    """The plan as a displayable object (plain text and HTML in one output)."""
    return ReportView(render(plan, "txt"), render(plan, "fragment"))


# ---------------------------------------------------------------- iCalendar (RFC 5545)


def ics_text(value) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 says: backslash, semicolon, comma and newline;
    other control characters, which TEXT may not hold, become spaces."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return "".join(" " if (ord(ch) < 32 and ch != "\t") or ord(ch) == 127 else ch for ch in text)


def fold(line: str) -> str:
    """A content line folded to at most 75 octets per line (RFC 5545 section 3.1), never inside a
    UTF-8 character; continuation lines start with a space."""
    parts, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space takes one octet
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def plan_key(plan: Plan) -> str:
    """A short stable key from the product and CDMO names: UIDs stay the same when the plan is
    exported again, and differ between plans."""
    profile = model.check_plan(plan).profile
    return hashlib.sha256(f"{profile.product}\n{profile.cdmo}".encode()).hexdigest()[:12]


def _stamp(stamp) -> str:
    if stamp is None:
        stamp = datetime.now(timezone.utc)
    if not isinstance(stamp, datetime):
        raise InputError(f"The calendar's time stamp must be a datetime; got {type(stamp).__name__} {stamp!r}.")
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(timezone.utc)
    return stamp.strftime("%Y%m%dT%H%M%SZ")


def to_ics(plan: Plan, stamp: datetime | None = None) -> str:
    """The calendar as an iCalendar file: one all-day event per occurrence, with a stable UID.

    `stamp` is the DTSTAMP of every event (default: now, in UTC).
    """
    plan = model.check_plan(plan)
    profile = plan.profile
    when = _stamp(stamp)
    key = plan_key(plan)
    items = {item.id: item for item in plan.items}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(f'Oversight: {profile.product} at {profile.cdmo}')}",
    ]
    for event in model.calendar(plan):
        item = items[event.item_id]
        details = model.item_details(profile, item)
        description = [
            f"Who: {item.who}" if item.who else "",
            f"How often: {item.frequency} ({details.frequency_source})",
            f"Notes: {item.notes}" if item.notes else "",
            f"Why: {details.basis}",
            model.disclaimer(),
        ]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.item_id}-{event.occurrence:03d}-{key}@cmo-course.oversight-plan",
            f"DTSTAMP:{when}",
            f"DTSTART;VALUE=DATE:{event.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.date + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text(f'{event.title} ({profile.cdmo})')}",
            f"DESCRIPTION:{ics_text(chr(10).join(part for part in description if part))}",
            f"CATEGORIES:{ics_text(event.kind)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def export(plan: Plan, path, stamp: datetime | None = None) -> Path:
    """Write the plan as Markdown (.md), HTML (.html) or an iCalendar file (.ics), chosen by the
    file's ending; written atomically. Returns the path."""
    plan = model.check_plan(plan)
    target = as_path("The export file", path)
    suffix = target.suffix.lower()
    if suffix not in EXPORTS:
        raise InputError(
            f"The export file must end in .md, .html or .ics (Markdown, HTML or a calendar); got {target.name!r}."
        )
    if suffix == ".ics":
        text = to_ics(plan, stamp)
    else:
        text = to_markdown(plan) if suffix == ".md" else to_html(plan)
    return write_text_file("The export file", target, text, f"a {suffix} file")
