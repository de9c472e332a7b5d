"""`cmo-course handouts --pdf` on the real course, printed once per test session with Debian's
Chromium: one PDF per handout and course.pdf; every page's text (pypdf) has the handout's title and
"Page N of M" in its footer, and no page prints notebook-only text."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from cmo_course.handouts import plan_handouts

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_handout_print import notebook_only_text  # noqa: E402 - the one list of notebook-only phrases

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FOOTER = re.compile(r"Page (\d+) of (\d+)\s*$")
# A regression guard on the layout, which scales with the content: every handout prints at least
# 350 words a page, give or take 2 pages for its figures, charts and forms (pages <= words/350 + 2,
# words as pypdf reads them). Measured December 2026: lessons print 377-618 words a page, exercise
# and solution handouts 225-495 on 2-4 pages; the layout before the print CSS was tightened needed
# about 1.6 times the pages, which this fails.
WORDS_PER_PAGE = 350
SLACK_PAGES = 2


def text_of(page) -> str:
    """A page's text with ligatures (pypdf reads "fi" as one glyph) and spacing normalized."""
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


_TEXTS: dict[Path, list[str]] = {}


def page_texts(pdf: Path) -> list[str]:
    """Every page's text of one PDF, read once per session (pypdf takes a while per page)."""
    from pypdf import PdfReader

    if pdf not in _TEXTS:
        _TEXTS[pdf] = [text_of(page) for page in PdfReader(pdf).pages]
    return _TEXTS[pdf]


@pytest.fixture(scope="session")
def printed(tmp_path_factory, chromium_path):
    """The course's handouts built and printed to PDF once, through the command (in its own process:
    Playwright's sync API runs one loop per process, and the browser tests may hold it)."""
    pytest.importorskip("pypdf")
    out = tmp_path_factory.mktemp("course-pdf")
    command = [sys.executable, "-m", "cmo_course.cli", "handouts", "--pdf", "--chromium", chromium_path]
    started = time.monotonic()
    done = subprocess.run([*command, "--quiet", "--out", str(out)], cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout, seconds


def handout_titles(out: Path) -> dict[str, str]:
    """Each handout's PDF (relative path) -> the title its footer must show (the page's <title>)."""
    from bs4 import BeautifulSoup

    titles = {}
    for html in sorted(out.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        titles[html.relative_to(out).with_suffix(".pdf").as_posix()] = " ".join(soup.title.text.split())
    return titles


def check_footers(pages: list[str], title: str, where: str) -> None:
    for number, text in enumerate(pages, start=1):
        match = FOOTER.search(text)
        assert match, f"{where}, page {number}: no 'Page N of M' footer in ...{text[-120:]}"
        assert (int(match[1]), int(match[2])) == (number, len(pages)), f"{where}, page {number}: {match[0]}"
        assert text[: match.start()].rstrip().endswith(title), f"{where}, page {number}: footer without {title!r}"


def test_one_pdf_per_handout_and_one_for_the_course(printed):
    from pypdf import PdfReader

    out, stdout, seconds = printed
    expected = {job.page for job in plan_handouts(REPO)} | {"index.html"}
    pdfs = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    assert pdfs == {page.replace(".html", ".pdf") for page in expected} | {"course.pdf"}
    course = PdfReader(out / "course.pdf")
    per_handout = sum(len(PdfReader(out / p).pages) for p in pdfs - {"course.pdf"})
    assert len(course.pages) == per_handout
    assert [item.title for item in course.outline][:2] == [
        handout_titles(out)["index.pdf"],
        handout_titles(out)["00_start_here.pdf"],
    ]
    assert len(course.outline) == len(pdfs) - 1
    assert f"({per_handout} pages)" in stdout and "Blocked" not in stdout, "a request left the handouts"
    print(f"built and printed {len(pdfs)} PDFs in {seconds:.1f} s")


@pytest.mark.parametrize(
    "pdf",
    [
        "01_landscape.pdf",
        "04_what_fda_expects.pdf",
        "07_toolkit.pdf",
        "08_glossary_and_references.pdf",
        "index.pdf",
        "exercises/01_landscape.pdf",
        "exercises/06_capstone.pdf",
        "solutions/01_landscape.pdf",
        "solutions/06_capstone.pdf",
    ],
)
def test_every_page_has_the_title_and_its_page_number_in_the_footer(printed, pdf):

    out, _, _ = printed
    check_footers(page_texts(out / pdf), handout_titles(out)[pdf], pdf)


def test_the_course_pdf_numbers_each_handout_from_its_first_page(printed):
    from pypdf import PdfReader

    out, _, _ = printed
    course = PdfReader(out / "course.pdf")
    starts = [course.get_destination_page_number(item) for item in course.outline] + [len(course.pages)]
    titles = [item.title for item in course.outline]
    assert starts[0] == 0 and starts == sorted(starts)
    for title, first, end in zip(titles, starts, starts[1:], strict=False):
        check_footers(page_texts(out / "course.pdf")[first:end], title, f"course.pdf ({title})")


def test_no_page_prints_notebook_only_text(printed):

    out, _, _ = printed
    texts = page_texts(out / "course.pdf")
    found = [f"page {n}: {hit}" for n, text in enumerate(texts, 1) for hit in notebook_only_text(text)]
    assert found == []


def test_exercise_handouts_print_no_check_cells_and_solutions_print_the_answers(printed):

    out, _, _ = printed
    learner = " ".join(page_texts(out / "exercises/01_landscape.pdf"))
    solutions = " ".join(page_texts(out / "solutions/01_landscape.pdf"))
    assert "check()" not in learner and "hint()" not in learner and "____" in learner
    assert "Correct:" in solutions and '"monitor-trial-sites": "CRO"' in solutions


def test_tool_forms_print_as_their_result(printed):

    out, _, _ = printed
    toolkit = " ".join(page_texts(out / "07_toolkit.pdf"))
    assert toolkit.count("With these starting values:") == 5  # one per tool form
    assert "Outsourcing has the lower expected cost" in toolkit


def test_pages_stay_within_the_layout_budget(printed):
    from pypdf import PdfReader

    out, _, _ = printed
    counts = {
        p.relative_to(out).as_posix(): len(PdfReader(p).pages) for p in out.rglob("*.pdf") if p.name != "course.pdf"
    }
    over = {}
    for pdf in out.rglob("*.pdf"):
        name = pdf.relative_to(out).as_posix()
        if name == "course.pdf":
            continue
        words = sum(len(text.split()) for text in page_texts(pdf))  # read once per session
        budget = math.ceil(words / WORDS_PER_PAGE) + SLACK_PAGES
        if counts[name] > budget:
            over[name] = (counts[name], budget)
    assert over == {}, f"handouts over their page budget (pages, budget): {over}; all: {counts}"
    print(f"\nprinted pages: {sum(counts.values())} in {len(counts)} handouts")
