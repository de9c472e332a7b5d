"""Reading learners' progress: the versioned exports (`cmo-course progress --export`, CSV or JSON)
and the per-user SQLite stores themselves (read-only), as documented in CONTRIBUTING.md ("Progress
data"). Every problem with a file is an `ExportError` whose message says what is wrong with it, so
the report can name the file and skip it.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..progress.store import COLUMNS, CONTEXTS, EXPORT_FORMAT, EXPORT_VERSION, SCHEMA_VERSION

# Every export and store version has these; `context` came with version 2 (absent: "lesson").
REQUIRED = tuple(c for c in COLUMNS if c != "context")
REQUIRED_CSV = ("format_version", *REQUIRED)

SUFFIXES = (".json", ".csv", ".sqlite", ".sqlite3", ".db")
MAX_BYTES = 200 * 1024 * 1024  # a progress export is kilobytes; refuse anything absurd
GLOB_CHARS = frozenset("*?[")


class ExportError(Exception):
    """A file that cannot be read as a progress export or store; the message says why."""


@dataclass(frozen=True)
class Attempt:
    """One saved attempt of one learner."""

    learner: str
    lesson: str
    question_id: str
    answer: object
    correct: bool
    attempt: int
    answered_at: str
    context: str = "lesson"  # "review": made in the review notebook, never a first try


@dataclass(frozen=True)
class Source:
    """One file read: whose it is, what kind, how many attempts it held."""

    path: Path
    learner: str
    kind: str
    attempts: int


@dataclass(frozen=True)
class Skipped:
    """One file (or pattern) not read, and why."""

    path: str
    reason: str


def expand(args) -> tuple[list[Path], list[Skipped]]:
    """The files named by `args`: paths, globs (expanded here, so Windows shells that pass `*`
    through work too, with `**` for any depth) and folders (their export and store files).
    Returns the files in order, each once, and the arguments that named nothing."""
    files: list[Path] = []
    missing: list[Skipped] = []
    seen: set = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for arg in map(str, args):
        if GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
            matches = [m for m in matches if os.path.isfile(m)]
            if not matches:
                missing.append(Skipped(arg, "no file matches this pattern"))
            for match in matches:
                add(Path(match))
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not inside:
                missing.append(Skipped(arg, "the folder holds no .json, .csv or .sqlite file"))
            for child in inside:
                add(child)
        elif path.exists():
            add(path)
        else:
            missing.append(Skipped(arg, "no such file"))
    return files, missing


def learner_labels(paths: list[Path]) -> dict[Path, str]:
    """A label per file: its name without the suffix (exports carry no learner name). Files that
    share a name (every hub user's store is progress.sqlite) are told apart by the first folder
    in which their paths differ (on a hub, the user's home folder)."""
    labels = {path: path.stem for path in paths}
    by_label: dict[str, list[Path]] = {}
    for path in paths:
        by_label.setdefault(labels[path], []).append(path)
    for group in by_label.values():
        if len(group) < 2:
            continue
        parts = [Path(os.path.abspath(p)).parts for p in group]
        shortest = min(len(p) for p in parts)
        first = next((i for i in range(shortest) if len({p[i] for p in parts}) > 1), shortest - 1)
        for path, part in zip(group, parts, strict=True):
            labels[path] = part[first] if first < len(part) - 1 else Path(part[first]).stem
        names = [labels[p] for p in group]
        if len(set(names)) < len(names):  # the same folder name at that depth: the path from there
            for path, part in zip(group, parts, strict=True):
                labels[path] = "/".join(part[first:])
    return labels


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExportError(f"cannot be read ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise ExportError(f"is {size // (1024 * 1024)} MB, far larger than any progress export")


def _text(path: Path) -> str:
    _check_size(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ExportError("is not UTF-8 text (not an export written by cmo-course progress --export)") from None
    except OSError as exc:
        raise ExportError(f"cannot be read ({exc.strerror or exc})") from None


def _newer(version) -> ExportError:
    return ExportError(
        f"was written by a newer cmo-course (export version {version}; this one reads {EXPORT_VERSION}): "
        "update the course package to read it"
    )


def _attempt(learner: str, where: str, row: dict) -> Attempt:
    """One row (a dict of the export's fields) checked and typed."""
    for key in REQUIRED:
        if row.get(key) is None:
            raise ExportError(f"{where} has no {key}")
    context = row.get("context") or "lesson"
    if context not in CONTEXTS:
        raise ExportError(f"{where}: context is {context!r}, not one of {', '.join(CONTEXTS)}")
    qid, lesson, when = row["question_id"], row["lesson"], row["answered_at"]
    if not (isinstance(qid, str) and qid and isinstance(lesson, str) and lesson and isinstance(when, str)):
        raise ExportError(f"{where}: question_id, lesson and answered_at must be text")
    correct = row["correct"]
    if isinstance(correct, str):
        correct = {"true": True, "1": True, "false": False, "0": False}.get(correct.strip().lower(), correct)
    elif isinstance(correct, int) and correct in (0, 1):
        correct = bool(correct)
    if not isinstance(correct, bool):
        raise ExportError(f"{where}: correct is {row['correct']!r}, not true or false")
    attempt = row["attempt"]
    try:
        attempt = int(attempt)
    except (TypeError, ValueError):
        raise ExportError(f"{where}: attempt is {row['attempt']!r}, not a number") from None
    if isinstance(row["attempt"], (bool, float)) or attempt < 1:
        raise ExportError(f"{where}: attempt is {row['attempt']!r}, not a whole number from 1")
    return Attempt(learner, lesson, qid, row["answer"], correct, attempt, when, context)


def read_json(path: Path, learner: str) -> list[Attempt]:
    try:
        document = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise ExportError(f"is not valid JSON (line {exc.lineno}: {exc.msg}); it may be cut short") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExportError(f'is not a cmo-course progress export (no "format": "{EXPORT_FORMAT}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ExportError(f"has no valid export version (version: {version!r})")
    if version > EXPORT_VERSION:
        raise _newer(version)
    rows = document.get("attempts")
    if not isinstance(rows, list):
        raise ExportError('has no "attempts" list')
    out = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ExportError(f"attempt {index} is not an object")
        out.append(_attempt(learner, f"attempt {index}", row))
    return out


def read_csv(path: Path, learner: str) -> list[Attempt]:
    text = _text(path)
    try:
        reader = csv.DictReader(text.splitlines(), strict=True)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_CSV if c not in header]
        if missing:
            raise ExportError(
                f"is missing the column(s) {', '.join(missing)} (an export has {', '.join(REQUIRED_CSV)})"
            )
        out = []
        for row in reader:
            line = reader.line_num
            if None in row or any(row.get(c) is None for c in REQUIRED_CSV):
                raise ExportError(
                    f"line {line} has {'too many' if None in row else 'too few'} values; it may be cut short"
                )
            version = row["format_version"].strip()
            if not version.isdigit() or int(version) < 1:
                raise ExportError(f"line {line}: format_version is {version!r}, not an export version")
            if int(version) > EXPORT_VERSION:
                raise _newer(int(version))
            try:
                answer = json.loads(row["answer"])
            except json.JSONDecodeError:
                raise ExportError(f"line {line}: the answer is not valid JSON") from None
            out.append(_attempt(learner, f"line {line}", {**row, "answer": answer}))
    except csv.Error as exc:
        raise ExportError(f"is not a readable CSV file ({exc})") from None
    return out


def read_sqlite(path: Path, learner: str) -> list[Attempt]:
    """A learner's progress store, opened read-only (never changed, never moved aside)."""
    _check_size(path)
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise ExportError(f"cannot be opened as a progress database ({exc})") from None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ExportError(
                f"was written by a newer cmo-course (store schema {version}; this one reads {SCHEMA_VERSION}): "
                "update the course package to read it"
            )
        if version < 1:
            raise ExportError("is not a cmo-course progress store (its schema version is 0)")
        present = {row[1] for row in conn.execute("PRAGMA table_info(attempts)")}
        columns = [c for c in COLUMNS if c in present]  # a schema-1 store has no context column
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM attempts ORDER BY id").fetchall()
    except sqlite3.Error as exc:
        raise ExportError(f"cannot be read as a progress database ({exc})") from None
    finally:
        conn.close()
    out = []
    for index, values in enumerate(rows, start=1):
        row = dict(zip(columns, values, strict=True))
        try:
            row["answer"] = json.loads(row["answer"]) if isinstance(row["answer"], str) else None
        except json.JSONDecodeError:
            raise ExportError(f"row {index}: the answer is not valid JSON") from None
        out.append(_attempt(learner, f"row {index}", row))
    return out


READERS = {".json": ("json", read_json), ".csv": ("csv", read_csv)}


def read_file(path: Path, learner: str) -> tuple[str, list[Attempt]]:
    """(kind, attempts) of one export or store; ExportError says why it cannot be read."""
    kind, reader = READERS.get(path.suffix.lower(), ("sqlite", read_sqlite))
    if kind == "sqlite" and path.suffix.lower() not in (".sqlite", ".sqlite3", ".db"):
        raise ExportError("is not a .json or .csv export nor a .sqlite progress store")
    return kind, reader(path, learner)


def read_all(args) -> tuple[list[Source], list[Attempt], list[Skipped]]:
    """Every file named by `args`, read: the sources, all their attempts and the files skipped."""
    files, skipped = expand(args)
    labels = learner_labels(files)
    sources, attempts = [], []
    for path in files:
        try:
            kind, rows = read_file(path, labels[path])
        except ExportError as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        except (OSError, ValueError, RecursionError, MemoryError) as exc:  # never a traceback
            skipped.append(Skipped(str(path), f"cannot be read ({type(exc).__name__}: {exc})"))
            continue
        sources.append(Source(path, labels[path], kind, len(rows)))
        attempts.extend(rows)
    return sources, attempts, skipped
