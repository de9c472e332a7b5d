"""Handouts in a real Chromium, offline: every non-file request is blocked and counted, the
console stays clean, quiz questions and their disclosures work, axe-core finds no serious or
critical accessibility problem, and the pages print on A4 and Letter."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cmo_course.handouts import plan_handouts

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = REPO / "tests" / "fixtures" / "handouts" / "course"
PAGE_TIMEOUT_MS = 30_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def expected_questions(course: str, page: str) -> int:
    """Quiz questions a page must show: its lesson's bank for lesson pages, none elsewhere."""
    if "/" in page or page == "index.html":
        return 0
    if course == "fixture":
        return 2 if page == "01_fixture.html" else 0
    from cmo_course.content.banks import load_bank_file
    from cmo_course.content.manifest import load_course

    lesson = next(
        item for item in load_course(REPO / "course.yaml").lessons if Path(item.notebook).stem == Path(page).stem
    )
    return len(load_bank_file(REPO / lesson.quiz).questions) if lesson.quiz else 0


def pages(course: str, editions: tuple[str, ...]) -> list:
    """(course, page) parameters for one course's handouts of the given editions."""
    root = REPO if course == "course" else FIXTURE_COURSE
    found = [job.page for job in plan_handouts(root) if job.edition in editions]
    if "lesson" in editions:
        found.append("index.html")
    return [pytest.param(course, page, id=f"{course}/{page}") for page in found]


@pytest.fixture(scope="session")
def built(handouts_of):
    """`built["course"]`, `built["fixture"]`: the real course's and the fixture course's handouts,
    the session's one build of each (tests/conftest.py), shared with tests/test_handouts.py."""
    return Builds(handouts_of)


class Builds:
    def __init__(self, handouts_of):
        self.handouts_of = handouts_of

    def __getitem__(self, course: str) -> Path:
        return self.handouts_of(REPO if course == "course" else FIXTURE_COURSE)


def _route(route):
    """Every request but the handout's own files is blocked (and counted by OfflinePage)."""
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="class")
def offline_context(browser):
    """One offline browser context per test class (per module for the functions below): the pages
    are only read, so each test opens its own page in it rather than a context of its own."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, offline=True)
    context.route("**/*", _route)
    yield context
    context.close()


class OfflinePage:
    """A page opened from file:// with every other request blocked and recorded."""

    def __init__(self, context, path: Path, media: str = "screen"):
        self.url = path.resolve().as_uri()
        self.requests_outside: list[str] = []
        self.console_errors: list[str] = []
        self.page = context.new_page()
        self.page.on("request", self._request)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.emulate_media(media=media)
        self.page.goto(self.url, wait_until="load", timeout=PAGE_TIMEOUT_MS)

    def _request(self, request):
        if request.url != self.url:
            self.requests_outside.append(request.url)

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(offline_context):
    opened = []

    def opener(path: Path, media: str = "screen") -> OfflinePage:
        page = OfflinePage(offline_context, path, media)
        opened.append(page)
        return page

    yield opener
    for page in opened:
        page.close()


def serious_violations(page) -> list[str]:
    results = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def check_page(built, open_page, screenshots_dir, axe_script, course, page_name):
    """One visit per page: no request outside the page, no console error, the expected quiz
    questions with working disclosures, a screenshot, and no serious accessibility problem."""
    opened = open_page(built[course] / page_name)
    page = opened.page
    page.wait_for_timeout(50)  # let any late request or error surface
    assert opened.requests_outside == [], "requests outside the page"
    assert opened.console_errors == [], "console errors"
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("script").count() == 0

    expected = expected_questions(course, page_name)
    questions = page.locator(".cmo-quiz-question")
    assert questions.count() == expected
    if expected:
        first = questions.first
        assert first.locator(".cmo-quiz-options").first.is_visible()
        source = first.locator("details.cmo-quiz-answer .cmo-quiz-source")
        assert not source.is_visible(), "the answer shows before the disclosure is opened"
        first.locator("details.cmo-quiz-answer > summary").click()
        source.wait_for(state="visible", timeout=5_000)
        assert "Source:" in source.inner_text()
    if page_name.startswith("solutions/"):
        details = page.locator("details")
        assert details.count() == page.locator("details[open]").count()

    shot = screenshots_dir / f"{course}-{page_name.replace('/', '-')}".replace(".html", ".jpg")
    # The whole page for the real course's lessons and index; the top of the page for the exercise and
    # solution editions and the fixture course, which share the lessons' template (a full-page capture
    # of a long page costs more than the axe scan). JPEG: 2-3x faster than PNG.
    full_page = course == "course" and "/" not in page_name
    page.screenshot(path=str(shot), full_page=full_page, type="jpeg", quality=70)
    assert shot.stat().st_size > 1000

    page.add_script_tag(path=str(axe_script))
    assert serious_violations(page) == []
    assert opened.requests_outside == [] and opened.console_errors == []


# One class per group of pages, so that `--dist loadscope` can spread them over workers.
class TestLessonPages:
    @pytest.mark.parametrize("course,page_name", pages("course", ("lesson", "reference")))
    def test_offline_and_accessible(self, built, open_page, screenshots_dir, axe_script, course, page_name):
        check_page(built, open_page, screenshots_dir, axe_script, course, page_name)


class TestExercisePages:
    @pytest.mark.parametrize("course,page_name", pages("course", ("exercises", "solutions")))
    def test_offline_and_accessible(self, built, open_page, screenshots_dir, axe_script, course, page_name):
        check_page(built, open_page, screenshots_dir, axe_script, course, page_name)


class TestFixturePages:
    @pytest.mark.parametrize("course,page_name", pages("fixture", ("lesson", "reference", "exercises", "solutions")))
    def test_offline_and_accessible(self, built, open_page, screenshots_dir, axe_script, course, page_name):
        check_page(built, open_page, screenshots_dir, axe_script, course, page_name)


def test_print_hides_chrome_and_learner_answers(built, open_page):
    page = open_page(built["fixture"] / "01_fixture.html", media="print").page
    assert not page.locator(".cmo-handout-banner").is_visible()
    assert page.locator(".cmo-quiz-question").first.is_visible()
    assert not page.locator("details.cmo-quiz-answer").first.is_visible()
    assert page.locator(".cmo-quiz-question").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_print_keeps_solutions_open(built, open_page):
    page = open_page(built["fixture"] / "solutions/01_fixture.html", media="print").page
    solution = page.locator("details.cmo-exercise-solution pre")
    assert solution.is_visible() and 'partner = "CRO"' in solution.inner_text()
    assert not page.locator(".cmo-handout-banner").is_visible()
    marker = page.locator("details > summary").first.evaluate("e => getComputedStyle(e).listStyleType")
    assert marker == "none", "the disclosure triangle is interactive chrome: not printed"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_prints_to_pdf_on_a4_and_letter(built, open_page, paper):
    opened = open_page(built["course"] / "01_landscape.html", media="print")
    started = time.monotonic()
    pdf = opened.page.pdf(format=paper, prefer_css_page_size=False)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    assert time.monotonic() - started < 30
    assert opened.requests_outside == []


def test_the_accessibility_scan_does_catch_problems(built, open_page, axe_script):
    """Guards the scan itself: a page spoiled on purpose must fail it."""
    page = open_page(built["fixture"] / "01_fixture.html").page
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<p style="color:#c8c8c8">Low-contrast text</p>');
        const img = document.querySelector('img'); img.removeAttribute('alt');
    }""")
    page.add_script_tag(path=str(axe_script))
    found = " ".join(serious_violations(page))
    assert "color-contrast" in found and "image-alt" in found


def test_the_request_check_does_catch_a_network_request(built, open_page):
    """Guards the offline check itself: a page that fetches something must be caught."""
    opened = open_page(built["fixture"] / "01_fixture.html")
    opened.page.evaluate("""() => { const img = new Image(); img.src = 'https://cdn.example.org/x.png';
                                    document.body.appendChild(img); }""")
    opened.page.wait_for_timeout(300)
    assert opened.requests_outside == ["https://cdn.example.org/x.png"]
    assert opened.console_errors, "a blocked request shows as a console error"


@pytest.mark.parametrize("media", ["screen", "print"])
def test_links_look_like_links(built, open_page, media):
    """Every link in the text is underlined, on screen and in print: colour alone is not enough."""
    page = open_page(built["course"] / "00_start_here.html", media=media).page
    decorations = page.eval_on_selector_all(
        "main a[href], .jp-Notebook a[href]", "links => links.map(a => getComputedStyle(a).textDecorationLine)"
    )
    assert decorations, "no links found"
    assert all("underline" in d for d in decorations), decorations
