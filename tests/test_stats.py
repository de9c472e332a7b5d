"""`cmo-course stats --json`: every lesson with its metadata and quiz questions by type, every
exercise notebook with its number of questions, and totals that add up."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from cmo_course import paths
from cmo_course.questions import TYPE_NAMES


@pytest.fixture(scope="module")
def stats() -> dict:
    """`cmo-course stats --json`, run in this process (the command line itself: tests/test_cli.py)."""
    import contextlib
    import io

    from cmo_course.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["stats", "--json"]) == 0
    return json.loads(out.getvalue())


def bank_types(path: str | None) -> dict[str, int]:
    if not path:
        return {}
    return dict(
        Counter(
            q["type"] for q in yaml.safe_load((paths.course_root() / path).read_text(encoding="utf-8"))["questions"]
        )
    )


def manifest_lessons() -> list[dict]:
    return yaml.safe_load((paths.course_root() / "course.yaml").read_text(encoding="utf-8"))["lessons"]


def test_lists_every_manifest_lesson_in_order_with_its_metadata(stats):
    assert [e["id"] for e in stats["lessons"]] == [lesson["id"] for lesson in manifest_lessons()]
    for entry, lesson in zip(stats["lessons"], manifest_lessons(), strict=True):
        assert entry["title"] and entry["objectives"] and entry["keypoints"] and entry["questions"]
        assert isinstance(entry["teaching_minutes"], int) and isinstance(entry["exercise_minutes"], int)
        assert entry["path"] == lesson["notebook"] and entry["quiz"] == lesson.get("quiz")


def test_quiz_counts_by_type_match_the_banks(stats):
    for entry in stats["lessons"]:
        assert entry["quiz_questions"]["by_type"] == bank_types(entry["quiz"]), entry["id"]
        assert entry["quiz_questions"]["total"] == sum(bank_types(entry["quiz"]).values())


def test_exercise_question_counts_match_the_solution_notebooks(stats):
    for entry in stats["lessons"]:
        if not entry["exercises"]:
            assert entry["exercise_questions"] == 0
            continue
        if entry["draft"] and entry["exercise_questions"] == 0:
            continue  # a new draft's set is still empty
        source = (paths.course_root() / entry["exercises"]["solution"]).read_text(encoding="utf-8")
        n = entry["exercise_questions"]
        assert n >= 1 and f"q{n}.check()" in source and f"q{n + 1}.check()" not in source


def test_totals_add_up(stats):
    totals = stats["totals"]
    published = [e for e in stats["lessons"] if not e["draft"]]
    assert totals["lessons"] == sum(1 for e in published if e["kind"] == "lesson")
    assert totals["quiz_questions"] == sum(e["quiz_questions"]["total"] for e in stats["lessons"])
    by_type = totals["quiz_questions_by_type"]
    assert set(by_type) <= set(TYPE_NAMES) and sum(by_type.values()) == totals["quiz_questions"]
    assert totals["exercise_questions"] == sum(e["exercise_questions"] for e in stats["lessons"])


def test_plain_text_summary(stats, capsys):
    from cmo_course.cli import main

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert stats["lessons"][1]["id"] in out
    assert out.strip().splitlines()[-1].startswith(f"Total: {stats['totals']['lessons']} lessons")
