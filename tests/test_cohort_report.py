"""`cmo-course cohort report`: 200 generated learners (JSON and CSV exports and hub users' SQLite
stores, made with the real ProgressStore API and its export()), the report's HTML and CSV checked
against a computation of our own over the generated data; bad, partial and newer files named and
skipped; no external URL; charts with alt text."""

from __future__ import annotations

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cmo_course.cli import main
from cmo_course.content.banks import load_bank_file
from cmo_course.content.manifest import load_course
from cohort_factory import make_cohort, write_bad_files

N = 200
HUB_GLOB = "hub/*/.local/share/cmo-course/progress.sqlite"


@pytest.fixture(scope="module")
def cohort_dir():
    """The generated cohort, on tmpfs where there is one (a store commits each attempt)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="cmo-cohort-test-", dir=base))
    learners = make_cohort(folder, n=N)
    bad = write_bad_files(folder / "bad")
    yield folder, learners, bad
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def report(cohort_dir, tmp_path_factory):
    folder, learners, bad = cohort_dir
    out = tmp_path_factory.mktemp("cohort-report") / "report.html"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cmo_course.cli",
            "cohort",
            "report",
            str(folder / "exports" / "*.json"),
            str(folder / "exports" / "*.csv"),
            str(folder / HUB_GLOB),
            str(folder / "bad"),
            str(folder / "nothing-*.json"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser") if out.exists() else None
    rows = list(csv.DictReader(out.with_suffix(".csv").open(encoding="utf-8"))) if out.exists() else []
    return {"proc": proc, "soup": soup, "rows": rows, "html": out.read_text(encoding="utf-8") if out.exists() else ""}


def expected(learners):
    """Our own numbers: per (lesson, question), learners who answered, right first, wrong answers."""
    answered, first_right, wrong = Counter(), Counter(), {}
    per_learner = {}
    for learner in learners:
        seen = set()
        for rec in learner.records:
            key = (rec["lesson"], rec["question_id"])
            if key not in seen:
                seen.add(key)
                answered[key] += 1
                first_right[key] += int(rec["correct"])
            if not rec["correct"]:
                wrong.setdefault(key, {}).setdefault(repr(rec["answer"]), set()).add(learner.label)
        per_learner[learner.label] = seen
    return answered, first_right, wrong, per_learner


def test_command_reads_every_learner_and_skips_bad_files(report, cohort_dir):
    _, learners, bad = cohort_dir
    proc = report["proc"]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stdout.splitlines()
    for name, reason in bad.items():
        line = next((li for li in lines if li.startswith("skipped ") and li.split(":")[0].endswith(name)), None)
        assert line, f"{name} not reported in:\n{proc.stdout}"
        assert reason in line
    assert any(li.startswith("skipped ") and "nothing-*.json" in li and "no file matches" in li for li in lines)
    assert f"Read {N} file(s)" in proc.stdout
    # and in the page, one line per file
    skipped = [li.get_text(" ", strip=True) for li in report["soup"].select(".skipped li")]
    for name in bad:
        assert any(name in s and s.startswith("skipped ") for s in skipped), name


def test_csv_numbers_match_the_generated_data(report, cohort_dir):
    _, learners, _ = cohort_dir
    answered, first_right, wrong, _ = expected(learners)
    rows = {(r["lesson"], r["question_id"]): r for r in report["rows"]}
    course = load_course()
    # every question of the course is a row, answered or not
    for lesson in course.lessons:
        if lesson.quiz:
            for q in load_bank_file(lesson.path(lesson.quiz)).questions:
                assert (lesson.id, q["id"]) in rows
    assert set(answered) <= set(rows)
    for key, row in rows.items():
        assert int(row["learners"]) == N
        assert int(row["answered"]) == answered[key], key
        assert int(row["first_try_right"]) == first_right[key], key
        assert float(row["share_answered"]) == pytest.approx(answered[key] / N, abs=1e-4)
        if answered[key]:
            assert float(row["share_first_try_right"]) == pytest.approx(first_right[key] / answered[key], abs=1e-4)
        top = max((len(who) for who in wrong.get(key, {}).values()), default=0)
        assert int(row["most_chosen_wrong_learners"] or 0) == top, key


def test_most_chosen_wrong_option_text_comes_from_the_bank(report, cohort_dir):
    _, learners, _ = cohort_dir
    _, _, wrong, _ = expected(learners)
    rows = {(r["lesson"], r["question_id"]): r for r in report["rows"]}
    checked = 0
    for lesson in load_course().lessons:
        if not lesson.quiz:
            continue
        for q in load_bank_file(lesson.path(lesson.quiz)).questions:
            if q["type"] != "single_choice" or (lesson.id, q["id"]) not in wrong:
                continue
            counts = {k: len(v) for k, v in wrong[(lesson.id, q["id"])].items()}
            top = max(counts.values())
            winners = [k for k, c in counts.items() if c == top]
            if len(winners) != 1:
                continue
            option = next(o for o in q["options"] if repr(o["id"]) == winners[0])
            assert rows[(lesson.id, q["id"])]["most_chosen_wrong_answer"] == option["text"].replace("`", "")
            checked += 1
    assert checked >= 5


def test_html_lessons_questions_and_learners(report, cohort_dir):
    _, learners, _ = cohort_dir
    answered, first_right, _, per_learner = expected(learners)
    soup = report["soup"]
    # per question, in the lesson tables
    for table in soup.select("table.questions"):
        lesson = table["data-lesson"]
        for tr in table.select("tbody tr"):
            cells = [td.get_text(strip=True) for td in tr.find_all("td")]
            key = (lesson, tr["data-question"])
            assert int(cells[1]) == answered[key]
            assert int(cells[3]) == first_right[key]
            assert cells[2] == f"{(200 * answered[key] + N) // (2 * N)}%"  # halves up
    # every learner, labelled by file name (hub stores: by home folder), with their completion
    rows = {tr["data-learner"]: tr for tr in soup.select("#learners tbody tr")}
    assert set(rows) == {learner.label for learner in learners}
    quiz_lessons = {lesson.id for lesson in load_course().lessons if lesson.quiz}
    total = sum(1 for lesson, _ in answered if lesson in quiz_lessons)  # lower bound sanity
    assert total > 0
    for learner in learners:
        cells = [td.get_text(strip=True) for td in rows[learner.label].find_all("td")]
        quiz_done = sum(1 for lesson, _ in per_learner[learner.label] if lesson in quiz_lessons)
        assert cells[1] == learner.kind
        assert cells[2].startswith(f"{quiz_done} / ")
    assert "no learner name" in soup.select_one("#learner-note").get_text()
    # the most-missed questions have their feedback
    missed = soup.select("article.missed")
    assert missed and all(a.select_one(".feedback") or "Explanation" in a.get_text() for a in missed)


def test_html_is_offline_and_charts_have_alt_text(report):
    soup, html = report["soup"], report["html"]
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "data", "poster", "srcset"):
            value = tag.get(attr)
            if value:
                assert not re.match(r"\s*(https?:)?//", value), f"{tag.name} {attr}={value[:80]}"
    assert not soup.find_all(["script", "link", "iframe", "object", "embed"])
    assert "@import" not in html and "url(" not in html
    images = soup.find_all("img")
    assert len(images) >= 3
    for img in images:
        assert img["src"].startswith("data:image/png;base64,")
        assert len(img.get("alt", "")) > 40


def test_no_file_read_exits_2_without_a_traceback(cohort_dir, tmp_path, capsys):
    folder, _, bad = cohort_dir
    code = main(["cohort", "report", str(folder / "bad"), "--out", str(tmp_path / "r.html")])
    out = capsys.readouterr()
    assert code == 2
    assert out.out.count("skipped ") == len(bad)
    assert "Traceback" not in out.out + out.err
    assert not (tmp_path / "r.html").exists()


def test_stores_are_read_read_only(cohort_dir, tmp_path, capsys):
    folder, learners, _ = cohort_dir
    store = next(learner.path for learner in learners if learner.kind == "sqlite")
    copy = tmp_path / "alice.sqlite"
    shutil.copy(store, copy)
    copy.chmod(0o444)
    before = copy.read_bytes()
    code = main(["cohort", "report", str(copy), "--out", str(tmp_path / "one.html")])
    assert code == 0, capsys.readouterr()
    assert copy.read_bytes() == before
    from cmo_course.progress.store import SCHEMA_VERSION

    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    soup = BeautifulSoup((tmp_path / "one.html").read_text(encoding="utf-8"), "html.parser")
    assert [tr["data-learner"] for tr in soup.select("#learners tbody tr")] == ["alice"]


def test_labels_are_file_names_and_hub_stores_their_home_folder(tmp_path):
    from cmo_course.cohort.read import learner_labels

    paths = [
        tmp_path / "exports" / "ana.csv",
        tmp_path / "exports" / "ben.json",
        tmp_path / "home" / "cleo" / ".local" / "share" / "cmo-course" / "progress.sqlite",
        tmp_path / "home" / "dev" / ".local" / "share" / "cmo-course" / "progress.sqlite",
        tmp_path / "twice" / "eve.csv",
        tmp_path / "twice" / "eve.json",
    ]
    labels = learner_labels(paths)
    assert [labels[p] for p in paths] == ["ana", "ben", "cleo", "dev", "eve.csv", "eve.json"]


def test_globs_are_expanded_here_at_any_depth_and_folders_list_their_exports(tmp_path):
    from cmo_course.cohort.read import expand

    for rel in ("a/one.json", "a/b/two.csv", "a/b/c/progress.sqlite", "a/notes.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    files, missing = expand(
        [str(tmp_path / "a" / "**" / "*.csv"), str(tmp_path / "a"), str(tmp_path / "a" / "one.json")]
    )
    assert [p.name for p in files] == ["two.csv", "one.json"]  # each file once
    files, missing = expand([str(tmp_path / "**" / "progress.sqlite"), str(tmp_path / "none-*.csv")])
    assert [p.name for p in files] == ["progress.sqlite"]
    assert [m.reason for m in missing] == ["no file matches this pattern"]


def test_version_1_exports_and_schema_1_stores_are_read_and_review_answers_are_no_first_try(tmp_path):
    """Exports written before the review notebook existed have no context column; they read as
    lesson attempts. An answer first given in review counts as answered, not as right first time."""
    import json
    import sqlite3

    from cmo_course.cohort.read import read_file

    row = {
        "question_id": "landscape-who-runs-trials",
        "lesson": "01_landscape",
        "answer": "cro",
        "correct": True,
        "attempt": 1,
        "answered_at": "2026-01-01T00:00:00+00:00",
    }
    (tmp_path / "old.json").write_text(
        json.dumps(
            {"format": "cmo-course-progress", "version": 1, "exported_at": row["answered_at"], "attempts": [row]}
        )
    )
    header = "format_version,question_id,lesson,answer,correct,attempt,answered_at\n"
    (tmp_path / "old.csv").write_text(header + '1,landscape-who-runs-trials,01_landscape,"""cro""",True,1,2026-01-01\n')
    with sqlite3.connect(tmp_path / "old.sqlite") as conn:
        conn.executescript(
            "CREATE TABLE attempts (id INTEGER PRIMARY KEY, question_id TEXT, lesson TEXT, answer TEXT, "
            "correct INTEGER, attempt INTEGER, answered_at TEXT); PRAGMA user_version = 1;"
        )
        conn.execute(
            "INSERT INTO attempts (question_id, lesson, answer, correct, attempt, answered_at) "
            "VALUES ('landscape-who-runs-trials', '01_landscape', '\"cro\"', 1, 1, '2026-01-01')"
        )
    for name in ("old.json", "old.csv", "old.sqlite"):
        _, attempts = read_file(tmp_path / name, name)
        assert [(a.question_id, a.correct, a.context) for a in attempts] == [
            ("landscape-who-runs-trials", True, "lesson")
        ]
    review = {**row, "context": "review"}
    (tmp_path / "new.json").write_text(
        json.dumps(
            {"format": "cmo-course-progress", "version": 2, "exported_at": row["answered_at"], "attempts": [review]}
        )
    )
    _, attempts = read_file(tmp_path / "new.json", "new")
    assert attempts[0].context == "review"
    from cmo_course.cohort.model import aggregate, load_catalog
    from cmo_course.cohort.read import Source

    sources = [Source(tmp_path / "new.json", "new", "json", 1)]
    cohort = aggregate(sources, attempts, [], load_catalog())
    stats = next(q for q in cohort.questions if q.info.id == "landscape-who-runs-trials")
    assert (stats.answered, stats.first_try_right) == (1, 0)
