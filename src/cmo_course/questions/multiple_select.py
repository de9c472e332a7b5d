"""Multiple select: every option is right or wrong to pick; a quiz names every option picked, with its feedback."""

from __future__ import annotations

from .outcome import CORRECT, PARTLY, WRONG, Outcome, empty
from .typed import id_list, plural

NAME = "multiple_select"
INSTRUCTION = "Choose all that apply."


def option_ids(spec: dict) -> list[str]:
    return [o["id"] for o in spec["options"]]


def _marked(option: dict) -> str:
    """The note on one option the learner marked: the option's text, then its feedback."""
    return f"**{option['text']}**: {option['feedback']}"


def grade(spec: dict, answer) -> Outcome:
    """`answer`: the ids picked, in any order (empty or None when nothing is picked)."""
    picked = set(answer or ())
    chosen = [o for o in spec["options"] if o["id"] in picked]
    if not chosen:
        return empty()
    expected = set(spec["answer"])
    # An exercise's options carry no feedback: its check says how many picks apply, never which.
    details = tuple((o["id"] in expected, _marked(o)) for o in chosen if o.get("feedback"))
    marked_right = sum((o["id"] in expected) == (o["id"] in picked) for o in spec["options"])
    total = len(spec["options"])
    advice = spec.get("advice", "")
    if marked_right == total:
        return Outcome(CORRECT, "Correct.", details, total, total)
    hits, extra, missed = len(picked & expected), len(picked - expected), len(expected - picked)
    if hits == len(chosen):
        parts = ["your pick applies" if hits == 1 else f"all {hits} of your picks apply"]
    else:
        parts = [f"{hits} of your {plural(len(chosen), 'pick')} {'applies' if hits == 1 else 'apply'}"]
    if extra:
        parts.append(f"{plural(extra, 'pick')} {'does' if extra == 1 else 'do'} not")
    if missed:
        parts.append(f"{missed} more {'option applies' if missed == 1 else 'options apply'}")
    status, verdict = (PARTLY, "Partly right") if hits else (WRONG, "Not quite")
    return Outcome(status, f"{verdict}: {'; '.join(parts)}.", details, marked_right, total, advice)


def answer_lines(spec: dict) -> list[str]:
    return [o["text"] for o in spec["options"] if o["id"] in spec["answer"]]


def text_lines(spec: dict) -> list[str]:
    return [f"  [ ] {o['text']}" for o in spec["options"]]


def inputs(spec: dict):
    import ipywidgets as w

    boxes = [
        w.Checkbox(value=False, description=o["text"], indent=False, layout={"width": "auto"}) for o in spec["options"]
    ]
    ids = option_ids(spec)
    return boxes, lambda: [i for i, box in zip(ids, boxes, strict=True) if box.value]


def read_typed(spec: dict, value):
    items = id_list(value, option_ids(spec), "a list of the choices that apply", answer=spec["answer"])
    if isinstance(items, list) and not items:
        return Outcome(WRONG, "Your list is empty; at least one choice applies.", advice=spec.get("advice", ""))
    return items


def solution_value(spec: dict):
    return list(spec["answer"])


def from_exercise(entry: dict) -> dict:
    """An exercise entry (`options` as ids, `wrong` as advice) as a question of this type."""
    options = [{"id": key, "text": key, "feedback": ""} for key in entry["options"]]
    return {**entry, "options": options, "advice": entry.get("wrong", "")}
