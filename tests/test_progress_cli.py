"""`cmo-course progress`: summary, --export, --reset (with confirmation)."""

from __future__ import annotations

import io
import json

import pytest

from cmo_course.cli import main
from cmo_course.progress import ProgressStore


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite"
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(path))
    store = ProgressStore(path)
    store.record_attempt("q-one", "01_landscape", "cmo", False, 1)
    store.record_attempt("q-one", "01_landscape", "cro", True, 2)
    store.record_attempt("q-two", "02_when_to_outsource", True, True, 1)
    return store


def test_summary(store, capsys):
    assert main(["progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Lesson",
        "Answered",
        "Right",
        "on",
        "first",
        "try",
        "Attempts",
        "Last",
        "activity",
        "(UTC)",
    ]
    assert lines[2].split()[:4] == ["01_landscape", "1", "0", "2"]
    assert lines[3].split()[:4] == ["02_when_to_outsource", "1", "1", "1"]


def test_summary_when_empty(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(tmp_path / "none.sqlite"))
    assert main(["progress"]) == 0
    assert capsys.readouterr().out.startswith("No answers saved yet.")


def test_export_json_and_csv(store, tmp_path, capsys):
    assert main(["progress", "--export", str(tmp_path / "all.json")]) == 0
    assert "Exported 3 attempt(s)" in capsys.readouterr().out
    assert [r["question_id"] for r in json.loads((tmp_path / "all.json").read_text())["attempts"]] == [
        "q-one",
        "q-one",
        "q-two",
    ]
    assert main(["progress", "--export", str(tmp_path / "all.csv")]) == 0
    assert (tmp_path / "all.csv").read_text().splitlines()[
        0
    ] == "format_version,question_id,lesson,answer,correct,attempt,answered_at,context"


def test_export_wrong_suffix_is_a_clear_error(store, tmp_path, capsys):
    assert main(["progress", "--export", str(tmp_path / "all.xlsx")]) == 2
    assert "the file name must end in .csv or .json" in capsys.readouterr().err


def test_reset_asks_first(store, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert main(["progress", "--reset"]) == 1
    assert "Nothing deleted." in capsys.readouterr().out
    assert len(store.attempts()) == 3
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["progress", "--reset"]) == 0
    assert "Deleted 3 saved attempt(s)." in capsys.readouterr().out
    assert store.attempts() == []


def test_reset_yes_skips_question_and_eof_means_no(store, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["progress", "--reset"]) == 1
    assert len(store.attempts()) == 3
    assert main(["progress", "--reset", "--yes"]) == 0
    assert store.attempts() == []


def test_unreadable_store_is_a_clear_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "blocker").write_text("x")
    monkeypatch.setenv("CMO_COURSE_PROGRESS_DB", str(tmp_path / "blocker" / "p.sqlite"))
    assert main(["progress", "--reset", "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmo-course progress: cannot reset the progress file") and "Traceback" not in err
