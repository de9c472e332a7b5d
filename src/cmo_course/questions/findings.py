"""Findings: the learner marks the problems in a realistic document (a batch-record page, an audit
report, a certificate of analysis). Each marked line gets its own feedback; problems the learner
missed are counted but not named (the reveal and solution() show them)."""

from __future__ import annotations

from .outcome import CORRECT, PARTLY, WRONG, Outcome, empty
from .typed import id_list, plural

NAME = "findings"
INSTRUCTION = "Mark every line that shows a problem."


def _texts(spec) -> dict[str, str]:
    return {i["id"]: i.get("text") or i["id"] for i in spec["items"]}


def grade(spec: dict, answer) -> Outcome:
    """`answer`: the ids of the lines marked, in any order."""
    marked = set(answer or ())
    chosen = [i for i in spec["items"] if i["id"] in marked]
    if not chosen:
        return empty("Mark at least one line first.")
    problems = set(spec["answer"])
    texts = _texts(spec)
    details = tuple((i["id"] in problems, f"{texts[i['id']]}: {i['feedback']}") for i in chosen)
    found = len(marked & problems)
    false_alarms = len(marked - problems)
    missed = len(problems - marked)
    if not missed and not false_alarms:
        return Outcome(CORRECT, f"Correct: you found all {plural(found, 'problem')}.", details, found, len(problems))
    parts = [f"you found {found} of {len(problems)} problems"]
    if false_alarms:
        parts.append(f"{plural(false_alarms, 'line')} you marked {'is' if false_alarms == 1 else 'are'} not a problem")
    if missed:
        parts.append(f"{missed} more {'problem is' if missed == 1 else 'problems are'} still unmarked")
    status, start = (PARTLY, "Partly right") if found else (WRONG, "Not quite")
    return Outcome(status, f"{start}: {'; '.join(parts)}.", details, found, len(problems), spec.get("advice", ""))


def answer_lines(spec: dict) -> list[str]:
    return [f"{i.get('text') or i['id']}: {i['feedback']}" for i in spec["items"] if i["id"] in spec["answer"]]


def _document_text(spec: dict) -> list[str]:
    return [spec["document"].strip(), ""] if spec.get("document") else []


def text_lines(spec: dict) -> list[str]:
    return _document_text(spec) + [f"  [ ] {i.get('text') or i['id']}" for i in spec["items"]]


def inputs(spec: dict):
    import ipywidgets as w

    from .text import render

    widgets = (
        [w.HTML(value=render("context.html.j2", kind="document", text=spec["document"]))]
        if spec.get("document")
        else []
    )
    boxes = [
        w.Checkbox(value=False, description=i.get("text") or i["id"], indent=False, layout={"width": "auto"})
        for i in spec["items"]
    ]
    ids = [i["id"] for i in spec["items"]]
    return widgets + boxes, lambda: [key for key, box in zip(ids, boxes, strict=True) if box.value]


def read_typed(spec: dict, value):
    ids = [i["id"] for i in spec["items"]]
    items = id_list(value, ids, "a list of the lines that show a problem", answer=spec["answer"])
    if isinstance(items, list) and not items:
        return Outcome(
            WRONG, "Your list is empty; the document has at least one problem.", advice=spec.get("advice", "")
        )
    return items


def solution_value(spec: dict):
    return list(spec["answer"])


def from_exercise(entry: dict) -> dict:
    """An exercise entry, each line's text defaulting to its id."""
    return {**entry, "items": [{"text": item["id"], **item} for item in entry["items"]]}
