"""Generated cohorts for the cohort report's tests and benchmark: learners who answer the real
course's quiz questions and exercises (right or wrong, graded by the question engine), saved with
the real ProgressStore API and written with its export(), as JSON, CSV or a hub user's store."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from cmo_course.content.banks import load_bank_file
from cmo_course.content.exercise_sets import load_set_file
from cmo_course.content.manifest import load_course
from cmo_course.progress import ProgressStore
from cmo_course.questions import grade, question_type

HUB_STORE = Path(".local") / "share" / "cmo-course" / "progress.sqlite"


@dataclass
class Learner:
    label: str
    kind: str  # json, csv or sqlite
    path: Path
    records: list[dict] = field(default_factory=list)  # what was saved, oldest first


def course_questions() -> list[tuple[str, dict, str]]:
    """(lesson as saved, gradable spec, kind) for every quiz question and exercise of the course."""
    out = []
    for lesson in load_course().lessons:
        if lesson.quiz:
            for spec in load_bank_file(lesson.path(lesson.quiz)).questions:
                out.append((lesson.id, spec, "quiz"))
        if lesson.exercises:
            for entry in load_set_file(lesson.path(lesson.exercises.set), lesson.id)["questions"]:
                out.append((f"exercises/{lesson.id}", question_type(entry["type"]).from_exercise(entry), "exercise"))
    return out


def wrong_answers(spec: dict, kind: str) -> list:
    """A few plausible wrong answers of the shape the quiz widgets (or an exercise) save."""
    t = spec["type"]
    if kind == "exercise":
        return ["not sure", 0, ["a", "b"]]
    if t in ("single_choice", "decision"):
        return [o["id"] for o in spec["options"] if o["id"] != spec["answer"]]
    if t == "true_false":
        return [not spec["answer"]]
    if t in ("multiple_select", "findings"):
        ids = [o["id"] for o in spec["options" if t == "multiple_select" else "items"]]
        return [[i] for i in ids if [i] != sorted(spec["answer"])] + [ids]
    if t == "numeric":
        answer = spec["answer"]
        high = answer.get("max", answer.get("value", 0) + answer.get("tolerance", 0))
        return [high * 10 + 100, -1000]
    if t == "matching":
        items, choices = list(spec["answer"]), [c["id"] for c in spec["choices"]]
        rotated = {item: spec["answer"][items[(n + 1) % len(items)]] for n, item in enumerate(items)}
        return [rotated, dict.fromkeys(items, choices[0])]
    if t == "ordering":
        return [list(reversed(spec["answer"])), spec["answer"][1:] + spec["answer"][:1]]
    return ["?"]


def right_answer(spec: dict, kind: str):
    if kind == "exercise":
        return spec["answer"]
    return question_type(spec["type"]).solution_value(spec)


def _record(store: ProgressStore, learner: Learner, lesson: str, spec: dict, kind: str, answer, n: int) -> None:
    try:
        correct = grade(spec, answer).correct
    except Exception:  # an exercise value of the wrong shape: wrong
        correct = False
    if kind == "exercise":
        correct = answer == spec["answer"]
    assert store.record_attempt(spec["id"], lesson, answer, correct, n)
    learner.records.append(
        {"lesson": lesson, "question_id": spec["id"], "answer": json.loads(json.dumps(answer)), "correct": correct}
    )


def make_cohort(folder: Path, n: int = 200, seed: int = 7, kinds=("json", "csv", "sqlite")) -> list[Learner]:
    """`n` learners in `folder`: exports/learner-NNN.json or .csv, or a hub home
    hub/learner-NNN/.local/share/cmo-course/progress.sqlite, in turn by `kinds`."""
    rng = random.Random(seed)
    questions = course_questions()
    learners = []
    for i in range(n):
        label = f"learner-{i:03d}"
        kind = kinds[i % len(kinds)]
        if kind == "sqlite":
            path = folder / "hub" / label / HUB_STORE
            store = ProgressStore(path)
        else:
            path = folder / "exports" / f"{label}.{kind}"
            store = ProgressStore(folder / "stores" / f"{label}.sqlite")
        learner = Learner(label, kind, path)
        diligence = rng.random()  # how far this learner got
        skill = rng.random()
        for lesson, spec, qkind in questions:
            if rng.random() > diligence:
                continue
            attempt = 1
            if rng.random() < 0.35 + 0.5 * skill:
                _record(store, learner, lesson, spec, qkind, right_answer(spec, qkind), attempt)
                continue
            _record(store, learner, lesson, spec, qkind, rng.choice(wrong_answers(spec, qkind)), attempt)
            if rng.random() < 0.6:
                _record(store, learner, lesson, spec, qkind, right_answer(spec, qkind), attempt + 1)
        if kind != "sqlite":
            store.export(path)
        elif not learner.records:
            store.reset()  # an empty store is still a store
        learners.append(learner)
    return learners


def write_bad_files(folder: Path) -> dict[str, str]:
    """Files the report must name and skip: {file name: a word its reason contains}."""
    folder.mkdir(parents=True, exist_ok=True)
    good = {
        "format": "cmo-course-progress",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00+00:00",
        "attempts": [
            {
                "question_id": "q",
                "lesson": "01_landscape",
                "answer": "x",
                "correct": True,
                "attempt": 1,
                "answered_at": "2026-01-01T00:00:00+00:00",
            }
        ],
    }
    text = json.dumps(good, indent=2)
    (folder / "corrupt.json").write_text("{ this is not json", encoding="utf-8")
    (folder / "partial.json").write_text(text[: len(text) // 2], encoding="utf-8")
    from cmo_course.progress.store import EXPORT_VERSION, SCHEMA_VERSION

    (folder / "newer.json").write_text(json.dumps({**good, "version": EXPORT_VERSION + 1}), encoding="utf-8")
    (folder / "not-an-export.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    (folder / "bad-row.json").write_text(json.dumps({**good, "attempts": [{"lesson": "x"}]}), encoding="utf-8")
    (folder / "missing-columns.csv").write_text(
        "format_version,question_id,lesson\n1,q,01_landscape\n", encoding="utf-8"
    )
    header = "format_version,question_id,lesson,answer,correct,attempt,answered_at\n"
    (folder / "newer.csv").write_text(
        header + f'{EXPORT_VERSION + 1},q,01_landscape,"""x""",True,1,2026-01-01T00:00:00+00:00\n'
    )
    (folder / "partial.csv").write_text(header + '1,q,01_landscape,"""x""",True\n', encoding="utf-8")
    (folder / "binary.csv").write_bytes(b"\xff\xfe\x00\x01garbage\x00")
    (folder / "not-a-database.sqlite").write_text("plain text, not SQLite", encoding="utf-8")
    newer = ProgressStore(folder / "newer-store.sqlite")
    newer.record_attempt("q", "01_landscape", "x", True, 1)
    import sqlite3

    conn = sqlite3.connect(folder / "newer-store.sqlite")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return {
        "corrupt.json": "not valid JSON",
        "partial.json": "not valid JSON",
        "newer.json": "newer",
        "not-an-export.json": "not a cmo-course progress export",
        "bad-row.json": "attempt 1",
        "missing-columns.csv": "missing the column",
        "newer.csv": "newer",
        "partial.csv": "too few values",
        "binary.csv": "not UTF-8",
        "not-a-database.sqlite": "progress database",
        "newer-store.sqlite": "newer",
    }
