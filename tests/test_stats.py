"""`cmo-course stats --json`: every lesson with its metadata and quiz questions by type, every
exercise notebook with its number of questions, and totals that add up."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
import yaml

from cmo_course import paths


@pytest.fixture(scope="module")
def stats() -> dict:
    result = subprocess.run([sys.executable, "-m", "cmo_course.cli", "stats", "--json"],
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def bank_types(lesson_id: str) -> dict[str, int]:
    path = paths.content_dir() / "quizzes" / f"{lesson_id}.yaml"
    if not path.exists():
        return {}
    return dict(Counter(q["type"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]))


def test_lists_every_lesson_notebook_with_its_metadata(stats):
    assert [e["id"] for e in stats["lessons"]] == [p.stem for p in paths.lesson_notebooks()]
    for entry in stats["lessons"]:
        assert entry["title"] and entry["objectives"] and entry["keypoints"] and entry["questions"]
        assert isinstance(entry["teaching_minutes"], int) and isinstance(entry["exercise_minutes"], int)
        assert entry["path"] == f"notebooks/{entry['id']}.ipynb"


def test_quiz_counts_by_type_match_the_banks(stats):
    for entry in stats["lessons"]:
        assert entry["quiz_questions"]["by_type"] == bank_types(entry["id"]), entry["id"]
        assert entry["quiz_questions"]["total"] == sum(bank_types(entry["id"]).values())


def test_exercise_notebooks_and_their_question_counts(stats):
    assert [e["path"] for e in stats["exercises"]] == [f"exercises/{p.name}" for p in paths.exercise_notebooks()]
    for entry in stats["exercises"]:
        source = (paths.solutions_dir() / f"{entry['id']}.ipynb").read_text(encoding="utf-8")
        assert 3 <= entry["questions"] <= 6 and f"q{entry['questions']}.check()" in source


def test_totals_add_up(stats):
    totals = stats["totals"]
    assert totals["lessons"] == sum(1 for e in stats["lessons"] if e["kind"] == "lesson") == 6
    assert totals["quiz_questions"] == sum(e["quiz_questions"]["total"] for e in stats["lessons"]) >= 40
    assert set(totals["quiz_questions_by_type"]) == {
        "single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering"}
    assert totals["exercise_questions"] == sum(e["questions"] for e in stats["exercises"])


def test_plain_text_summary():
    result = subprocess.run([sys.executable, "-m", "cmo_course.cli", "stats"], capture_output=True, text=True,
                            timeout=120, check=True)
    assert "01_landscape" in result.stdout and result.stdout.strip().splitlines()[-1].startswith("Total: 6 lessons")
