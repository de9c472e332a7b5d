"""Offline HTML handouts (`cmo-course handouts`): built from a fixture course whose contents are
known exactly, and from the real course (question counts against the quiz banks)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from cmo_course import cli
from cmo_course.content.manifest import load_course
from cmo_course.handouts import build_handouts, plan_handouts
from cmo_course.handouts.preprocessors import open_details

REPO = Path(__file__).resolve().parents[1]
FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "handouts" / "course"
FIXTURE_PAGES = [
    "index.html",
    "00_start_here.html",
    "01_fixture.html",
    "exercises/01_fixture.html",
    "solutions/01_fixture.html",
]
INSTRUCTOR_MARK = "INSTRUCTOR-ONLY-NOTE"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def external_resources(soup: BeautifulSoup) -> list[str]:
    """Every resource the page would fetch that is not inside the page itself."""
    found = [f"<script> {s.get('src', '(inline)')}" for s in soup.find_all("script")]
    for tag in soup.find_all(["img", "iframe", "audio", "video", "source", "embed", "input"]):
        src = tag.get("src")
        if src and not src.startswith("data:"):
            found.append(f"<{tag.name} src={src}>")
    found += [f"<link href={t.get('href')}>" for t in soup.find_all("link")]
    found += [f"<object data={t.get('data')}>" for t in soup.find_all("object")]
    for style in soup.find_all("style"):
        found += [f"css {m}" for m in re.findall(r"@import[^;]*|url\((?!\s*['\"]?data:)[^)]*\)", style.text)]
    return found


def check_headings(soup: BeautifulSoup) -> list[str]:
    """Problems with the heading outline: not exactly one h1 first, or a skipped level."""
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    problems = []
    if levels.count(1) != 1 or levels[0] != 1:
        problems.append(f"expected exactly one h1, first; got levels {levels}")
    problems += [f"h{a} followed by h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    return problems


@pytest.fixture(scope="module")
def fixture_build(handouts_of):
    """The fixture course's handouts: the session's one build (tests/conftest.py), shared with the
    browser tests; it asserts that no page failed."""
    out = handouts_of(FIXTURE_COURSE)
    return out, sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


# ---------- the fixture course ----------


def test_builds_index_lessons_and_both_exercise_editions(fixture_build):
    out, pages = fixture_build
    assert pages == sorted(FIXTURE_PAGES)
    assert all((out / page).stat().st_size > 1000 for page in FIXTURE_PAGES)


@pytest.mark.parametrize("page", FIXTURE_PAGES)
def test_page_is_self_contained(fixture_build, page):
    out, _ = fixture_build
    html = (out / page).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert external_resources(soup) == []
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "a resource or link that needs a network"
    assert "cdnjs" not in html and "unpkg" not in html and "require.js" not in html
    assert "MathJax" not in html and "mermaid" not in html.lower()


@pytest.mark.parametrize("page", FIXTURE_PAGES)
def test_page_structure_is_accessible(fixture_build, page):
    out, _ = fixture_build
    soup = soup_of(out / page)
    assert soup.html.get("lang") == "en"
    assert soup.title and soup.title.text.strip()
    assert check_headings(soup) == []
    assert len(soup.find_all("main")) == 1
    for img in soup.find_all("img"):
        assert img.get("alt", "").strip(), f"image without alt text in {page}"


@pytest.mark.parametrize("page", FIXTURE_PAGES)
def test_no_instructor_notes_widget_state_or_scripts(fixture_build, page):
    out, _ = fixture_build
    html = (out / page).read_text(encoding="utf-8")
    assert INSTRUCTOR_MARK not in html
    assert "widget-state" not in html and "widget-view" not in html
    assert "console.log" not in html and "<script" not in html


def test_every_quiz_question_has_options_and_an_answer_behind_a_disclosure(fixture_build):
    out, _ = fixture_build
    questions = soup_of(out / "01_fixture.html").select(".cmo-quiz-question")
    assert [q["data-question-id"] for q in questions] == ["fixture-single", "fixture-truefalse"]
    for question in questions:
        assert question.select(".cmo-quiz-options li")
        details = question.select_one("details.cmo-quiz-answer")
        assert details.summary.text == "Show answer" and not details.has_attr("open")
        assert "Answer:" in details.text and "Source:" in details.text


def test_figures_keep_their_alt_text_and_files_are_embedded(fixture_build):
    out, _ = fixture_build
    images = {img["alt"]: img["src"] for img in soup_of(out / "01_fixture.html").find_all("img")}
    assert images["A single grey square on white, the fixture figure"].startswith("data:image/png;base64,")
    assert images["A blue square used as a sample picture"].startswith("data:image/svg+xml;base64,")


def test_reader_sees_outputs_of_setup_and_plot_cells_but_not_their_code(fixture_build):
    out, _ = fixture_build
    text = soup_of(out / "01_fixture.html").get_text()
    assert "Lesson 01_fixture is ready." in text
    assert "start_lesson" not in text and "draw_square" not in text and 'quiz.ask("' not in text
    assert "total = 2 + 3" in text and "5" in text  # ordinary code stays, with its output


def test_widget_without_static_form_becomes_a_note_and_javascript_is_dropped(fixture_build):
    out, _ = fixture_build
    soup = soup_of(out / "01_fixture.html")
    assert len(soup.select(".cmo-interactive-note")) == 1
    assert "VBox(" not in soup.text and "Javascript object" not in soup.text and "show_script" not in soup.text


def test_live_score_is_left_out_of_the_handout(fixture_build):
    out, _ = fixture_build
    html = (out / "01_fixture.html").read_text(encoding="utf-8")
    assert "Lesson score" not in html and "scoreboard" not in html


def test_solutions_edition_opens_every_disclosure_learner_editions_do_not(fixture_build):
    out, _ = fixture_build
    solutions = soup_of(out / "solutions/01_fixture.html").find_all("details")
    assert solutions and all(d.has_attr("open") for d in solutions)
    assert 'partner = "CRO"' in soup_of(out / "solutions/01_fixture.html").text
    exercises = soup_of(out / "exercises/01_fixture.html")
    assert "partner = ____" in exercises.text and '"CRO"' not in exercises.text
    assert not any(d.has_attr("open") for d in soup_of(out / "01_fixture.html").find_all("details"))


def test_links_between_notebooks_point_at_handouts_that_exist(fixture_build):
    out, _ = fixture_build
    for page in FIXTURE_PAGES:
        for link in soup_of(out / page).find_all("a"):
            href = link["href"].split("#")[0]
            assert not href.endswith(".ipynb"), f"{page} links to a notebook: {href}"
            assert (out / page).parent.joinpath(href).resolve().is_file(), f"{page}: broken link {href}"
    hrefs = [a["href"] for a in soup_of(out / "01_fixture.html").find_all("a")]
    assert "exercises/01_fixture.html" in hrefs and "index.html" in hrefs


def test_index_is_the_course_map_with_every_handout(fixture_build):
    out, _ = fixture_build
    soup = soup_of(out / "index.html")
    assert soup.h1.text == "Working with contract manufacturers: course handouts"
    assert [th.text for th in soup.select("table.cmo-course-map tbody tr.cmo-course-part th")] == [
        "Part 1: the fixture part"
    ]
    row = soup.select("table.cmo-course-map tbody tr:not(.cmo-course-part)")
    assert len(row) == 1
    assert "Check that handouts keep what readers need." in row[0].text and "10 + 5" in row[0].text
    assert [a["href"] for a in row[0].find_all("a")] == [
        "01_fixture.html",
        "exercises/01_fixture.html",
        "solutions/01_fixture.html",
    ]
    assert soup.find("a", href="00_start_here.html")


def test_print_css_for_paper_page_breaks_and_no_chrome(fixture_build, tmp_path):
    out, _ = fixture_build
    css = (out / "01_fixture.html").read_text(encoding="utf-8")
    assert "@page { size: auto;" in css and "@media print" in css
    print_css = css[css.index("@media print") :]
    assert re.search(r"\.cmo-quiz-question[^{]*\{\s*break-inside: avoid", print_css)
    assert re.search(r"\.cmo-handout-banner[^{]*\{ display: none", print_css)
    assert "details:not([open]) { display: none; }" in print_css
    for paper, size in (("a4", "A4"), ("letter", "letter")):
        result = build_handouts(tmp_path / paper, root=FIXTURE_COURSE, page_size=paper, progress=False)
        for page in result.pages:
            assert f"@page {{ size: {size};" in page.read_text(encoding="utf-8")


def test_build_is_deterministic_and_has_no_absolute_paths(fixture_build, tmp_path):
    out, _ = fixture_build
    again = build_handouts(tmp_path, root=FIXTURE_COURSE, progress=False)
    for page in again.pages:
        html = page.read_text(encoding="utf-8")
        assert html == (out / page.relative_to(tmp_path)).read_text(encoding="utf-8")
        assert str(tmp_path) not in html and str(REPO) not in html and str(FIXTURE_COURSE) not in html


def test_open_details_adds_open_once():
    assert open_details('<details class="a"><summary>x</summary></details>') == (
        '<details open class="a"><summary>x</summary></details>'
    )
    assert open_details("<details open><summary>x</summary></details>").count("open") == 1
    assert open_details("<detailsx>") == "<detailsx>"


def test_plan_lists_lessons_then_exercises_then_solutions():
    plan = plan_handouts(FIXTURE_COURSE)
    assert [(j.page, j.edition) for j in plan] == [
        ("00_start_here.html", "lesson"),
        ("01_fixture.html", "lesson"),
        ("exercises/01_fixture.html", "exercises"),
        ("solutions/01_fixture.html", "solutions"),
    ]


# ---------- the command ----------


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    monkeypatch.setenv("CMO_COURSE_ROOT", str(course))
    return course


def test_command_builds_into_the_course_folder_by_default(course_copy, capsys):
    assert cli.main(["handouts", "--quiet"]) == 0
    assert sorted(
        p.relative_to(course_copy / "handouts").as_posix() for p in (course_copy / "handouts").rglob("*.html")
    ) == sorted(FIXTURE_PAGES)
    assert "Wrote 5 pages" in capsys.readouterr().out


def test_command_shows_a_progress_bar(course_copy, tmp_path, capsys):
    assert cli.main(["handouts", "--out", str(tmp_path / "out")]) == 0
    assert "Building handouts" in capsys.readouterr().err


def test_command_reports_a_broken_notebook_and_builds_the_rest(course_copy, tmp_path, capsys):
    (course_copy / "notebooks" / "02_broken.ipynb").write_text("{not json", encoding="utf-8")
    manifest = course_copy / "course.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + (
            "- id: 02_broken\n  title: A broken lesson\n  kind: lesson\n  part: part-1\n"
            "  notebook: notebooks/02_broken.ipynb\n  teaching_minutes: 5\n  exercise_minutes: 0\n"
            '  questions: ["Does a broken notebook stop the build?"]\n  objectives: [See the other pages built.]\n'
            "  keypoints: [One broken notebook is reported.]\n"
        ),
        encoding="utf-8",
    )
    assert cli.main(["handouts", "--quiet", "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "FAILED notebooks/02_broken.ipynb: not a valid notebook file" in out
    assert "Traceback" not in out
    assert (tmp_path / "out" / "01_fixture.html").is_file() and (tmp_path / "out" / "index.html").is_file()


def test_command_refuses_a_file_as_output_folder(course_copy, tmp_path, capsys):
    target = tmp_path / "taken.txt"
    target.write_text("x")
    assert cli.main(["handouts", "--quiet", "--out", str(target)]) == 2
    assert "is a file; give --out a folder" in capsys.readouterr().err


def test_command_outside_a_course_says_how_to_point_at_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CMO_COURSE_ROOT", str(tmp_path))
    assert cli.main(["handouts", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "has no course.yaml; point it at the course folder" in err and "Traceback" not in err


def test_command_rejects_an_unknown_paper_size(course_copy, capsys):
    with pytest.raises(SystemExit):
        cli.main(["handouts", "--paper", "a5"])
    assert "invalid choice: 'a5'" in capsys.readouterr().err


# ---------- the real course ----------

REAL_LESSONS = [lesson for lesson in load_course(REPO / "course.yaml").published]
REAL_NOTEBOOKS = [REPO / lesson.notebook for lesson in REAL_LESSONS]


@pytest.fixture(scope="module")
def course_build(handouts_of):
    """The real course's handouts: the session's one build, shared with the browser tests."""
    return handouts_of(REPO)


def real_pages():
    plan = plan_handouts(REPO)
    return [pytest.param(job, id=job.page) for job in plan]


def instructor_snippets(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    snippets = []
    for cell in nb.cells:
        if "instructor" in cell.metadata.get("tags", []):
            words = re.sub(r"[#*_`>\[\]]", " ", cell.source).split()
            snippets.append(" ".join(words[:8]))
    return [s for s in snippets if s]


@pytest.mark.parametrize("job", real_pages())
def test_real_handout_is_offline_accessible_and_without_instructor_notes(course_build, job):
    html = (course_build / job.page).read_text(encoding="utf-8")
    assert str(REPO) not in html and str(course_build) not in html
    soup = BeautifulSoup(html, "html.parser")
    assert external_resources(soup) == []
    assert check_headings(soup) == []
    assert soup.html.get("lang") == "en"
    assert all(img.get("alt", "").strip() for img in soup.find_all("img"))
    text = " ".join(soup.get_text().split())
    for snippet in instructor_snippets(job.notebook):
        assert snippet not in text, f"instructor note reached {job.page}: {snippet!r}"


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=lambda p: p.stem)
def test_real_handout_has_every_question_of_the_lessons_bank(course_build, notebook):
    from cmo_course.content.banks import load_bank_file

    lesson = next(lesson for lesson in REAL_LESSONS if REPO / lesson.notebook == notebook)
    expected = len(load_bank_file(REPO / lesson.quiz).questions) if lesson.quiz else 0
    questions = soup_of(course_build / f"{notebook.stem}.html").select(".cmo-quiz-question")
    assert len(questions) == expected
    for question in questions:
        assert question.select_one(".cmo-quiz-options")
        assert question.select_one("details.cmo-quiz-answer > summary")


def test_real_handouts_have_no_broken_links(course_build):
    broken = []
    for page in course_build.rglob("*.html"):
        for link in soup_of(page).find_all("a", href=True):
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            if not page.parent.joinpath(href.split("#")[0]).resolve().is_file():
                broken.append(f"{page.relative_to(course_build)} -> {href}")
    assert broken == []


def test_real_index_links_every_lesson(course_build):
    links = {a["href"] for a in soup_of(course_build / "index.html").find_all("a")}
    expected = {f"{nb.stem}.html" for nb in REAL_NOTEBOOKS}
    assert expected <= links
    assert all((course_build / href).is_file() for href in links)


def test_handout_page_is_the_lab_layout_in_the_course_frame_with_its_css(fixture_build):
    """A built lesson page: nbconvert's lab template lays out the cells (JupyterLab's cell, input and
    output classes) inside the course's own frame (banner, main, footer), and the page carries the
    course's stylesheet and the code highlighting inline."""
    from cmo_course.handouts.exporter import TEMPLATES_DIR

    out, _ = fixture_build
    soup = soup_of(out / "01_fixture.html")
    main = soup.select_one("body.cmo-handout.cmo-edition-lesson > main.jp-Notebook")
    cells = main.find_all("div", class_="jp-Cell", recursive=False)
    assert cells and all("jp-Notebook-cell" in cell["class"] for cell in cells)
    assert {"jp-MarkdownCell", "jp-CodeCell"} <= {name for cell in cells for name in cell["class"]}
    assert main.select(".jp-MarkdownCell .jp-RenderedHTMLCommon.jp-RenderedMarkdown h2")
    assert main.select(".jp-CodeCell .jp-Cell-outputArea .jp-OutputArea-output")
    assert soup.select_one("header.cmo-handout-banner a[href='index.html']")
    assert soup.select_one("footer.cmo-handout-footer")
    css = "\n".join(style.text for style in soup.find_all("style"))
    assert (TEMPLATES_DIR / "cmo_handout" / "handout.css").read_text(encoding="utf-8").strip() in css
    assert ".highlight" in css
