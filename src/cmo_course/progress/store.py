"""The progress store: every answer attempt in a small SQLite database on the learner's computer.

Robust by design: WAL journal and a busy timeout (several kernels can write at once), one short
transaction per attempt (a killed process loses nothing committed), a corrupt file is moved aside
(renamed *.corrupt-N) and a fresh store started, and a store that cannot be written never stops a
quiz: record_attempt returns False and warns once, in one line.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ENV_VAR = "CMO_COURSE_PROGRESS_DB"
BUSY_TIMEOUT_S = 30
# The store's schema version (PRAGMA user_version) and the export format's version; both are
# documented in CONTRIBUTING.md ("Progress data"), since the review notebook and the cohort report read them.
SCHEMA_VERSION = 2
EXPORT_FORMAT = "cmo-course-progress"
EXPORT_VERSION = 2
COLUMNS = ("question_id", "lesson", "answer", "correct", "attempt", "answered_at", "context")
# Where an attempt was made: in its lesson, or in the review notebook (a later attempt, never a first try).
CONTEXTS = ("lesson", "review")
CSV_COLUMNS = ("format_version", *COLUMNS)
SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    lesson TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT 'lesson'
);
CREATE INDEX IF NOT EXISTS attempts_by_lesson ON attempts (lesson, question_id, id);
"""


class ProgressError(RuntimeError):
    """The store cannot be read or written; the message says which file and what to do."""


def default_path() -> Path:
    """$CMO_COURSE_PROGRESS_DB, else progress.sqlite in the user's data folder (never the repo)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("cmo-course", appauthor=False)) / "progress.sqlite"


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    if isinstance(exc, sqlite3.OperationalError):
        return False  # locked, read-only, cannot open: not corruption
    name = getattr(exc, "sqlite_errorname", "")
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in str(exc) or "not a database" in str(exc)


def _backoff():
    """Pauses between retries: short at first, never more than a quarter of a second, jittered."""
    n = 0
    while True:
        n += 1
        yield min(0.25, 0.005 * n) * (0.5 + random.random())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProgressStore:
    """Answer attempts saved in SQLite at `path` (default: default_path())."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        self._warned = False
        self._ready = False

    # ----- connection handling -----
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            if not self._ready:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("BEGIN IMMEDIATE")  # take the write lock first: no lock upgrade races
                try:
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                    if version > SCHEMA_VERSION:
                        raise ProgressError(
                            f"the progress file {self.path} was written by a newer cmo-course (store schema "
                            f"{version}; this one reads {SCHEMA_VERSION}): update the course package."
                        )
                    for statement in filter(str.strip, SCHEMA.split(";")):
                        conn.execute(statement)
                    columns = {row[1] for row in conn.execute("PRAGMA table_info(attempts)")}
                    if "context" not in columns:  # a schema-1 store: every attempt so far was in a lesson
                        conn.execute("ALTER TABLE attempts ADD COLUMN context TEXT NOT NULL DEFAULT 'lesson'")
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                self._ready = True
            conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable if a process dies
        except BaseException:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        """Rename a corrupt file to <name>.corrupt-N (first free N) and drop its WAL files."""
        n = 1
        while self.path.with_name(f"{self.path.name}.corrupt-{n}").exists():
            n += 1
        target = self.path.with_name(f"{self.path.name}.corrupt-{n}")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            pass  # another process moved it first
        for suffix in ("-wal", "-shm"):
            try:
                os.replace(self.path.with_name(self.path.name + suffix), target.with_name(target.name + suffix))
            except FileNotFoundError:
                pass
        self._ready = False
        return target

    def _run(self, action):
        """Run action(conn). Waits out locks held by other kernels (up to BUSY_TIMEOUT_S), recreates
        the table if the file was deleted, and moves a corrupt file aside (one warning) and retries."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        moved = False
        for pause in _backoff():
            try:
                conn = self._connect()
                try:
                    return action(conn)
                finally:
                    conn.close()
            except sqlite3.OperationalError as exc:
                message = str(exc)
                if "no such table" in message and self._ready:
                    self._ready = False  # the file was deleted while we were running
                    continue
                if ("locked" in message or "busy" in message) and time.monotonic() + pause < deadline:
                    time.sleep(pause)
                    continue
                raise
            except sqlite3.DatabaseError as exc:
                if moved or not _is_corruption(exc):
                    raise
                moved = True
                target = self._move_aside()
                print(
                    f"Warning: the progress file {self.path} was damaged; it was moved to {target.name} "
                    "and a fresh one started.",
                    file=sys.stderr,
                )
        raise AssertionError("unreachable")

    def _fail(self, action: str, exc: Exception) -> ProgressError:
        return ProgressError(
            f"cannot {action} the progress file {self.path} ({exc}). "
            f"Set {ENV_VAR} to a file in a folder you can write to."
        )

    # ----- writing -----
    def record_attempt(
        self, question_id: str, lesson: str, answer, correct: bool, attempt: int, context: str = "lesson"
    ) -> bool:
        """Save one attempt. Never raises: returns False (and warns once, one line) if it cannot write."""
        try:
            if context not in CONTEXTS:
                raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
            row = (
                str(question_id),
                str(lesson),
                json.dumps(answer, sort_keys=True, default=str),
                int(bool(correct)),
                int(attempt),
                _now(),
                context,
            )

            def insert(conn):
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    placeholders = ", ".join("?" * len(COLUMNS))
                    conn.execute(f"INSERT INTO attempts ({', '.join(COLUMNS)}) VALUES ({placeholders})", row)

            self._run(insert)
            return True
        except Exception as exc:  # the quiz must keep working whatever happens here
            if not self._warned:
                self._warned = True
                print(
                    f"Warning: your answers cannot be saved ({self.path}: {exc}); the quiz still works. "
                    f"Set {ENV_VAR} to a writable file to save them.",
                    file=sys.stderr,
                )
            return False

    def reset(self) -> int:
        """Delete every saved attempt; returns how many were deleted."""

        def delete(conn):
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                return conn.execute("DELETE FROM attempts").rowcount

        try:
            return self._run(delete)
        except (sqlite3.Error, OSError) as exc:
            raise self._fail("reset", exc) from None

    # ----- reading -----
    def attempts(self) -> list[dict]:
        """Every attempt, oldest first: question_id, lesson, answer, correct, attempt, answered_at, context."""
        if not self.path.exists():
            return []

        def select(conn):
            return conn.execute(f"SELECT {', '.join(COLUMNS)} FROM attempts ORDER BY id").fetchall()

        try:
            rows = self._run(select)
        except (sqlite3.Error, OSError) as exc:
            raise self._fail("read", exc) from None
        out = []
        for qid, lesson, answer, correct, attempt, when, context in rows:
            out.append(
                {
                    "question_id": qid,
                    "lesson": lesson,
                    "answer": json.loads(answer),
                    "correct": bool(correct),
                    "attempt": attempt,
                    "answered_at": when,
                    "context": context,
                }
            )
        return out

    def summary(self) -> list[dict]:
        """Per lesson: questions answered, questions right on the first try, attempts, last activity.
        A first try is a question's first attempt in its lesson; an answer first given in the review
        notebook counts as answered, never as right on the first try."""
        lessons: dict[str, dict] = {}
        first: dict[tuple[str, str], bool] = {}
        for row in self.attempts():
            entry = lessons.setdefault(
                row["lesson"],
                {"lesson": row["lesson"], "answered": 0, "correct_first_try": 0, "attempts": 0, "last_activity": ""},
            )
            entry["attempts"] += 1
            entry["last_activity"] = max(entry["last_activity"], row["answered_at"])
            key = (row["lesson"], row["question_id"])
            if key not in first:
                first[key] = row["correct"]
                entry["answered"] += 1
                entry["correct_first_try"] += int(row["correct"] and row["context"] == "lesson")
        return [lessons[k] for k in sorted(lessons)]

    def export(self, path: str | os.PathLike) -> int:
        """Write every attempt to a .csv or .json file; returns the number of attempts written."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".json"):
            raise ProgressError(f"cannot export to {path.name}: the file name must end in .csv or .json.")
        rows = self.attempts()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if suffix == ".json":
                document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": _now(), "attempts": rows}
                path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            else:
                with path.open("w", newline="", encoding="utf-8") as handle:
                    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
                    writer.writeheader()
                    for row in rows:
                        writer.writerow(
                            {
                                "format_version": EXPORT_VERSION,
                                **row,
                                "answer": json.dumps(row["answer"], sort_keys=True),
                            }
                        )
        except OSError as exc:
            raise ProgressError(
                f"cannot write {path}: {exc.strerror or exc}. Choose another file name or folder."
            ) from None
        return len(rows)
