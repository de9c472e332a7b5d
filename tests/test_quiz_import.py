"""`import cmo_course` stays cheap: the quiz and progress code load their libraries only when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("ipywidgets", "matplotlib", "yaml", "jsonschema", "mistune", "IPython", "sqlite3")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return {m for m in out.strip().split(",") if m}


def test_import_loads_no_heavy_library():
    assert loaded_after("import cmo_course; cmo_course.start_lesson") == set()
    assert loaded_after("import cmo_course.quiz, cmo_course.quiz.bank") == set()


def test_benchmark_reports_the_goal():
    out = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve().parents[1] / "benchmarks" / "import_time.py"),
            "--runs",
            "1",
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert '"goal_ms": 100.0' in out and '"heavy_modules_loaded_by_import": []' in out


def test_start_lesson_on_a_valid_bank_does_not_import_jsonschema(small_course):
    """jsonschema takes most of a second to import here; the course's one schema library is fastjsonschema."""
    small_course(Path(__file__).resolve().parent / "fixtures" / "banks" / "good" / "91_fixture_demo.yaml")
    probe = (
        "import sys, cmo_course; cmo_course.start_lesson('91_fixture_demo'); "
        "print('jsonschema' in sys.modules, 'ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert out.splitlines() == [
        "Lesson 01: 6 quiz questions below. Your answers are saved on this computer.",
        "False False",
    ]
