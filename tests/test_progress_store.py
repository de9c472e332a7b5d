"""The progress store, including its fault cases, tested for real: two writing processes, a process
killed mid-write, garbage bytes in the file, and locations that cannot be written (even as root)."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from cmo_course import progress
from cmo_course.progress import ProgressError, ProgressStore, default_path, record_attempt


def fill(store: ProgressStore) -> None:
    assert store.record_attempt("q-one", "01_landscape", "cmo", False, 1)
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 2)
    assert store.record_attempt("q-two", "01_landscape", ["a", "c"], True, 1)
    assert store.record_attempt("q-three", "02_when_to_outsource", {"x": "y"}, False, 1)


def test_records_and_summary(tmp_path):
    store = ProgressStore(tmp_path / "sub" / "progress.sqlite")
    assert store.attempts() == [] and store.summary() == []
    fill(store)
    rows = store.attempts()
    assert [(r["question_id"], r["answer"], r["correct"], r["attempt"]) for r in rows] == [
        ("q-one", "cmo", False, 1),
        ("q-one", "cro", True, 2),
        ("q-two", ["a", "c"], True, 1),
        ("q-three", {"x": "y"}, False, 1),
    ]
    assert all(r["answered_at"].endswith("+00:00") for r in rows)
    summary = store.summary()
    assert [(s["lesson"], s["answered"], s["correct_first_try"], s["attempts"]) for s in summary] == [
        ("01_landscape", 2, 1, 3),
        ("02_when_to_outsource", 1, 0, 1),
    ]
    assert summary[0]["last_activity"] == rows[2]["answered_at"]
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_export_csv_and_json(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    fill(store)
    assert store.export(tmp_path / "out.json") == 4
    document = json.loads((tmp_path / "out.json").read_text())
    assert (document["format"], document["version"]) == ("cmo-course-progress", 2)
    data = document["attempts"]
    assert data[2]["answer"] == ["a", "c"] and data[0]["correct"] is False
    assert store.export(tmp_path / "out.csv") == 4
    with open(tmp_path / "out.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "format_version",
        "question_id",
        "lesson",
        "answer",
        "correct",
        "attempt",
        "answered_at",
        "context",
    ]
    assert {row["format_version"] for row in rows} == {"2"} and {row["context"] for row in rows} == {"lesson"}
    assert rows[3]["answer"] == '{"x": "y"}' and rows[1]["correct"] == "True"
    with pytest.raises(ProgressError, match=r"out.txt: the file name must end in .csv or .json"):
        store.export(tmp_path / "out.txt")


def test_reset(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    fill(store)
    assert store.reset() == 4
    assert store.attempts() == []
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 1)


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("CMO_COURSE_PROGRESS_DB")
    import platformdirs

    assert default_path() == platformdirs.user_data_path("cmo-course", appauthor=False) / "progress.sqlite"


def test_module_record_attempt_uses_env_store(monkeypatch, tmp_path):
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(tmp_path / "env.sqlite"))
    assert record_attempt("q-env", "01_landscape", "a", True, 1) is True
    assert ProgressStore(tmp_path / "env.sqlite").attempts()[0]["question_id"] == "q-env"


def test_corrupt_file_is_moved_aside(tmp_path, capsys):
    path = tmp_path / "progress.sqlite"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    store = ProgressStore(path)
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 1) is True
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "was damaged; it was moved to progress.sqlite.corrupt-1" in err[0]
    assert (tmp_path / "progress.sqlite.corrupt-1").read_bytes() == garbage
    assert [r["question_id"] for r in store.attempts()] == ["q-one"]
    # a second corruption takes the next free suffix
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    ProgressStore(path).record_attempt("q-two", "01_landscape", "x", False, 1)
    assert (tmp_path / "progress.sqlite.corrupt-2").exists()
    assert [r["question_id"] for r in ProgressStore(path).attempts()] == ["q-two"]


def test_damaged_pages_are_detected_when_reading(tmp_path, capsys):
    path = tmp_path / "progress.sqlite"
    store = ProgressStore(path)
    assert store.record_attempt("q-0", "01_landscape", "x", True, 1)
    with sqlite3.connect(path) as conn:  # many rows at once, so the table spans many pages
        conn.executemany(
            "INSERT INTO attempts (question_id, lesson, answer, correct, attempt, answered_at) "
            "VALUES (?, '01_landscape', ?, 1, 1, '2026-01-01T00:00:00+00:00')",
            [(f"q-{i}", '"' + "x" * 200 + '"') for i in range(1, 400)],
        )
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # keep the header, smash the pages after it
        handle.seek(4096)
        handle.write(b"\x13" * (size - 4096))
    rows = ProgressStore(path).attempts()
    assert rows == []
    assert "was damaged" in capsys.readouterr().err
    assert (tmp_path / "progress.sqlite.corrupt-1").exists()


@pytest.mark.parametrize("where", ["parent-is-a-file", "proc", "directory"])
def test_unwritable_location_warns_once_and_never_raises(tmp_path, capsys, where):
    if where == "parent-is-a-file":
        (tmp_path / "blocker").write_text("a file, not a folder")
        path = tmp_path / "blocker" / "progress.sqlite"
    elif where == "proc":
        path = "/proc/cmo-course-progress.sqlite"  # read-only for root too
    else:
        path = tmp_path / "a-folder"
        path.mkdir()
    store = ProgressStore(path)
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 1) is False
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 2) is False
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("Warning: your answers cannot be saved") and "the quiz still works" in err[0]


def test_unwritable_store_gives_clear_error_for_reset(tmp_path):
    (tmp_path / "blocker").write_text("x")
    store = ProgressStore(tmp_path / "blocker" / "progress.sqlite")
    assert store.attempts() == []
    with pytest.raises(ProgressError, match="Set CMO_COURSE_PROGRESS_DB to a file in a folder you can write to"):
        store.reset()


WRITER = textwrap.dedent(
    """
    import sys
    from cmo_course.progress import ProgressStore
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = ProgressStore(path)
    failed = 0
    for i in range(count):
        if store.record_attempt(f"{name}-{i}", "01_landscape", {"i": i}, i % 2 == 0, 1):
            if name == "acked":
                print(i, flush=True)
        else:
            failed += 1
    sys.exit(1 if failed else 0)
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "progress.sqlite"
    n = 300
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(n)]) for name in ("a", "b")]
    assert [p.wait(timeout=180) for p in procs] == [0, 0]
    ids = [r["question_id"] for r in ProgressStore(path).attempts()]
    assert len(ids) == 2 * n
    assert set(ids) == {f"{name}-{i}" for name in ("a", "b") for i in range(n)}


def test_process_killed_mid_write_loses_nothing_committed(tmp_path):
    path = tmp_path / "progress.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "acked", "100000"], stdout=subprocess.PIPE, text=True
    )
    acked = []
    for line in proc.stdout:
        acked.append(int(line))
        if len(acked) >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    store = ProgressStore(path)
    saved = {r["question_id"] for r in store.attempts()}
    assert {f"acked-{i}" for i in acked} <= saved
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.record_attempt("after-kill", "01_landscape", "x", True, 1)


def test_show_summary_table_and_chart(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    store = ProgressStore(tmp_path / "progress.sqlite")
    progress.show_summary(store)
    assert shown[0][0][0]["text/plain"].startswith("No answers saved yet.")
    assert len(shown) == 1
    fill(store)
    shown.clear()
    progress.show_summary(store)
    table, figure = shown[0][0][0], shown[1][0][0]
    lines = table["text/plain"].splitlines()
    assert lines[0].split("  ")[0] == "Lesson" and lines[2].startswith("01_landscape")
    assert '<table class="cmo-progress-summary">' in table["text/html"]
    assert figure["text/plain"].startswith("[Figure] Bar chart of questions answered and right on the first try")
    assert "01_landscape: 2 answered, 1 right on the first try" in figure["text/plain"]
    assert figure["image/png"]


def test_file_deleted_while_running_is_recreated(tmp_path):
    path = tmp_path / "progress.sqlite"
    store = ProgressStore(path)
    assert store.record_attempt("q-one", "01_landscape", "a", True, 1)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"progress.sqlite{suffix}").unlink(missing_ok=True)
    assert store.record_attempt("q-two", "01_landscape", "b", True, 1)
    assert [r["question_id"] for r in store.attempts()] == ["q-two"]


def test_record_attempt_never_raises_on_odd_input(tmp_path, capsys):
    store = ProgressStore(tmp_path / "progress.sqlite")
    assert store.record_attempt("q", "01_landscape", object(), True, 1) is True  # saved as text
    assert store.record_attempt("q", "01_landscape", "a", True, "not a number") is False
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_store_carries_its_schema_version_and_refuses_a_newer_one(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    assert store.record_attempt("q", "01_x", "a", True, 1)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(ProgressError, match="written by a newer cmo-course"):
        ProgressStore(store.path).attempts()


def test_a_schema_1_store_is_upgraded_in_place_and_keeps_every_attempt(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # what cmo-course wrote before review attempts existed
        conn.executescript(
            "CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, question_id TEXT NOT NULL, "
            "lesson TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL, attempt INTEGER NOT NULL, "
            "answered_at TEXT NOT NULL); PRAGMA user_version = 1;"
        )
        conn.execute(
            "INSERT INTO attempts (question_id, lesson, answer, correct, attempt, answered_at) "
            "VALUES ('q-one', '01_landscape', '\"cmo\"', 0, 1, '2026-01-01T00:00:00+00:00')"
        )
    store = ProgressStore(path)
    assert store.record_attempt("q-one", "01_landscape", "cro", True, 2, context="review")
    rows = store.attempts()
    assert [(r["answer"], r["context"]) for r in rows] == [("cmo", "lesson"), ("cro", "review")]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_an_answer_first_given_in_review_is_answered_but_never_a_first_try(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    store.record_attempt("q-one", "01_landscape", "cro", True, 1, context="review")
    store.record_attempt("q-two", "01_landscape", "cro", True, 1)
    [summary] = store.summary()
    assert (summary["answered"], summary["correct_first_try"]) == (2, 1)
    assert store.record_attempt("q-three", "01_landscape", "x", True, 1, context="quiz-night") is False
