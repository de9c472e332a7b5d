"""Every notebook in notebooks/ carries valid Carpentries-style lesson metadata."""

from __future__ import annotations

import json

import pytest

from cmo_course import paths
from cmo_course.course_map import course_map_html, course_map_rows, course_map_text
from cmo_course.lessons import LessonMetadataError, read_lesson

NOTEBOOKS = paths.lesson_notebooks()
GOOD_META = {
    "kind": "lesson",
    "questions": ["What is a CMO?"],
    "objectives": ["Tell a CMO from a CRO."],
    "keypoints": ["A CRO does not manufacture."],
    "teaching_minutes": 10,
    "exercise_minutes": 5,
}


def write_nb(tmp_path, meta, title="# A <b>title</b>"):
    nb = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": title}],
        "metadata": {} if meta is None else {"lesson": meta},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "01_sample.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_the_start_page_exists_and_comes_first():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_lesson_metadata(notebook):
    lesson = read_lesson(notebook)
    assert lesson.title and lesson.objectives and lesson.keypoints and lesson.questions


def test_reads_good_metadata(tmp_path):
    lesson = read_lesson(write_nb(tmp_path, GOOD_META))
    assert lesson.id == "01_sample" and lesson.number == "01"
    assert lesson.minutes == 15 and lesson.title == "A <b>title</b>"


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"objectives": None}, "objectives"),
        ({"keypoints": []}, "keypoints"),
        ({"teaching_minutes": "ten"}, "teaching_minutes"),
        ({"exercise_minutes": -1}, "exercise_minutes"),
        ({"kind": "chapter"}, "kind"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_malformed_metadata_names_the_field(tmp_path, change, expected):
    meta = {**GOOD_META, **change}
    meta = {k: v for k, v in meta.items() if v is not None}
    with pytest.raises(LessonMetadataError) as err:
        read_lesson(write_nb(tmp_path, meta))
    assert "01_sample.ipynb" in str(err.value) and expected in str(err.value)


def test_missing_metadata_says_what_to_add(tmp_path):
    with pytest.raises(LessonMetadataError, match="no 'lesson' metadata. Add questions"):
        read_lesson(write_nb(tmp_path, None))


def test_missing_title_says_what_to_add(tmp_path):
    with pytest.raises(LessonMetadataError, match="no '# Title' heading"):
        read_lesson(write_nb(tmp_path, GOOD_META, title="## only a subheading"))


def test_course_map_lists_lessons_in_order_and_escapes_text(tmp_path):
    lesson = read_lesson(write_nb(tmp_path, GOOD_META))
    rows = course_map_rows([lesson])
    html = course_map_html(rows)
    assert "A &lt;b&gt;title&lt;/b&gt;" in html and "<b>title" not in html
    assert 'href="01_sample.ipynb"' in html
    assert "01  A <b>title</b>  (10 min reading + 5 min exercises)" in course_map_text(rows)
    assert "about 15" in html


def test_course_map_covers_every_lesson_after_the_start_page():
    rows = course_map_rows()
    assert [r["file"] for r in rows] == [p.name for p in NOTEBOOKS[1:]]
