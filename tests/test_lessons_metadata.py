"""course.yaml, the manifest: every lesson's Carpentries metadata, in order, and clear errors."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from cmo_course import paths
from cmo_course.content.manifest import FORMAT_VERSION, load_course
from cmo_course.course_map import course_map_html, course_map_rows, course_map_text
from cmo_course.errors import ContentError

GOOD = {
    "format": FORMAT_VERSION,
    "title": "A course",
    "parts": [{"id": "part-1", "title": "Part 1"}],
    "lessons": [
        {
            "id": "01_sample",
            "title": "A <b>title</b>",
            "kind": "lesson",
            "part": "part-1",
            "notebook": "notebooks/01_sample.ipynb",
            "questions": ["What is a CMO?"],
            "objectives": ["Tell a CMO from a CRO."],
            "keypoints": ["A CRO does not manufacture."],
            "teaching_minutes": 10,
            "exercise_minutes": 5,
        }
    ],
}


def write(tmp_path, data) -> object:
    path = tmp_path / "course.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data))), encoding="utf-8")  # no shared lists, no anchors
    return path


def test_the_start_page_comes_first_and_every_notebook_is_in_the_manifest():
    course = load_course()
    assert course.lessons[0].kind == "start"
    named = {lesson.notebook for lesson in course.lessons}
    assert named == {p.relative_to(paths.course_root()).as_posix() for p in paths.notebooks_dir().glob("*.ipynb")}


def test_the_start_page_says_how_to_shut_down_the_kernels_of_finished_lessons():
    """Each lesson run keeps a kernel (and its memory) going: the start page says to shut it down when
    the lesson is finished and names the menu command (File or Kernel menu) that does it."""
    import nbformat

    (start,) = [lesson for lesson in load_course().lessons if lesson.kind == "start"]
    nb = nbformat.read(paths.course_root() / start.notebook, as_version=4)
    text = "\n".join(
        cell.source
        for cell in nb.cells
        if cell.cell_type == "markdown" and "instructor" not in cell.metadata.get("tags", [])
    )
    paragraph = next((p for p in re.split(r"\n\s*\n|\n(?=\d+\. )", text) if re.search(r"(?i)kernel", p)), "")
    assert re.search(r"(?i)\bfinish", paragraph), f"{start.notebook}: say when to shut a lesson's kernel down"
    commands = re.findall(r"\*\*((?:File|Kernel) > [^*]*Shut Down[^*]*)\*\*", paragraph)
    assert commands, f"{start.notebook}: name the menu command, like **File > Close and Shut Down Notebook**"


def test_every_lesson_has_its_metadata():
    for lesson in load_course().lessons:
        assert lesson.title and lesson.objectives and lesson.keypoints and lesson.questions


def test_reads_good_metadata(tmp_path):
    lesson = load_course(write(tmp_path, GOOD)).lesson("01_sample")
    assert lesson.number == "00" and lesson.minutes == 15 and lesson.title == "A <b>title</b>"


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
def test_malformed_metadata_names_the_lesson_and_field(tmp_path, change, expected):
    lesson = {k: v for k, v in {**GOOD["lessons"][0], **change}.items() if v is not None}
    with pytest.raises(ContentError) as err:
        load_course(write(tmp_path, {**GOOD, "lessons": [lesson]}))
    problem = err.value.problem
    assert problem.entry == "01_sample" and expected in (problem.field or "") and problem.line


def test_a_newer_manifest_format_says_to_update_the_package(tmp_path):
    with pytest.raises(
        ContentError,
        match=f"manifest format {FORMAT_VERSION + 1}, but this cmo-course package reads "
        f"format {FORMAT_VERSION}: update the package",
    ):
        load_course(write(tmp_path, {**GOOD, "format": FORMAT_VERSION + 1}))


def test_course_map_lists_lessons_in_order_and_escapes_text(tmp_path):
    course = load_course(write(tmp_path, GOOD))
    rows = course_map_rows(course=course)
    html = course_map_html(rows)
    assert "A &lt;b&gt;title&lt;/b&gt;" in html and "<b>title" not in html
    assert 'href="01_sample.ipynb"' in html and "Part 1" in html
    assert "00  A <b>title</b>  (10 min reading + 5 min exercises)" in course_map_text(rows)
    assert "about 15" in html


def test_course_map_covers_every_published_lesson_after_the_start_page():
    course = load_course()
    rows = course_map_rows()
    assert [r["id"] for r in rows] == [lesson.id for lesson in course.published if lesson.kind != "start"]


def test_the_course_map_says_which_learners_each_track_lesson_is_for():
    """Track lessons (devices, cell and gene therapy) name their track and its audience, in the start
    page's table and its text form; the start page's saved output shows the same."""
    course = load_course()
    rows = course_map_rows()
    html, text = course_map_html(rows), course_map_text(rows)
    tracked = [lesson for lesson in course.published if lesson.track]
    assert tracked, "no published track lesson"
    for lesson in tracked:
        track = course.track(lesson.track)
        assert f"Track: {track.title}, for {track.audience}" in html
        assert f"[track: {track.title}, for {track.audience}]" in text
    start = paths.course_root() / next(lesson for lesson in course.lessons if lesson.kind == "start").notebook
    assert f"Track: {course.track(tracked[0].track).title}" in start.read_text(encoding="utf-8")


def test_drafts_are_left_out_of_the_course_map(tmp_path):
    draft = {**GOOD["lessons"][0], "id": "02_draft", "notebook": "notebooks/02_draft.ipynb", "draft": True}
    course = load_course(write(tmp_path, {**GOOD, "lessons": [GOOD["lessons"][0], draft]}))
    assert [r["id"] for r in course_map_rows(course=course)] == ["01_sample"]
