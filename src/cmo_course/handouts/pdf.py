"""Print built handouts to PDF with Chromium's print to PDF (driven by Playwright), offline.

`print_pdfs(pages, ...)` writes one PDF next to each HTML handout and `merge_pdfs` one PDF of the
whole course. Every page has a footer with the handout's title and "Page N of M" (Chromium's
header and footer templates: CSS `@page` margin boxes are not supported by Chromium), and every
request that is not a `file://` URL is blocked while printing.

Playwright and pypdf come with the optional `pdf` extra; Chromium is the system's
(found on PATH: Debian's `chromium` package). `check_pdf_tools` says in one line what is missing.
"""

from __future__ import annotations

import html
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError

DEFAULT_CHROMIUM = None  # None: the first of CHROMIUM_NAMES found on PATH
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
PAPER_FORMATS = {"auto": "A4", "a4": "A4", "letter": "Letter"}
# Page margins of the PDF; the footer sits in the bottom margin.
MARGINS = {"top": "12mm", "right": "13mm", "bottom": "15mm", "left": "13mm"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
HEADER_TEMPLATE = "<span></span>"
FOOTER_TEMPLATE = (
    '<div style="box-sizing: border-box; width: 100%; padding: 0 13mm; display: flex; '
    "justify-content: space-between; gap: 6mm; font-family: system-ui, 'Helvetica Neue', Arial, sans-serif; "
    'font-size: 8pt; color: #4a4a4a;">'
    '<span class="cmo-footer-title">{title}</span>'
    '<span style="white-space: nowrap;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    "</div>"
)
COURSE_PDF = "course.pdf"


class PdfToolsMissing(CourseError):
    """Playwright, pypdf or Chromium is missing; the message says what to install, in one line."""


@dataclass
class PdfResult:
    """What a print run wrote, and any request it blocked (there should be none)."""

    pdfs: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    titles: dict[Path, str] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)


def find_chromium() -> str | None:
    """The Chromium (or Chrome) on PATH, if any."""
    import shutil

    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def check_pdf_tools(chromium: str | os.PathLike | None = DEFAULT_CHROMIUM) -> Path:
    """The Chromium to use, or PdfToolsMissing naming what to install."""
    missing = [name for name in ("playwright", "pypdf") if importlib.util.find_spec(name) is None]
    if missing:
        raise PdfToolsMissing(
            f"PDF handouts need {' and '.join(missing)}: install the course's pdf extra "
            "(pip install -c constraints.txt '.[pdf]' in the course folder, or make handouts-pdf)."
        )
    chromium = chromium or find_chromium()
    if chromium is None:
        raise PdfToolsMissing(
            "PDF handouts need Chromium, and none is on PATH: install it (Debian: apt-get install chromium) "
            "or give its path with --chromium PATH."
        )
    path = Path(chromium)
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise PdfToolsMissing(
            f"PDF handouts need Chromium, not found at {path}: install it (Debian: apt-get install chromium) "
            "or give its path with --chromium PATH."
        )
    return path


def footer_template(title: str) -> str:
    return FOOTER_TEMPLATE.format(title=html.escape(title))


def print_pdfs(
    pages: list[Path], chromium: str | os.PathLike | None = DEFAULT_CHROMIUM, paper: str = "auto"
) -> PdfResult:
    """Print each HTML page to a PDF beside it (same name, `.pdf`), with title and page footers."""
    from pypdf import PdfReader

    chromium = check_pdf_tools(chromium)
    if paper not in PAPER_FORMATS:
        raise ValueError(f"Unknown paper size {paper!r}; use one of {', '.join(PAPER_FORMATS)}.")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    result = PdfResult()

    def route(request_route):
        if request_route.request.url.startswith("file:"):
            request_route.continue_()
        else:
            result.blocked.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, timeout=60_000)
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise PdfToolsMissing(f"Chromium at {chromium} did not start ({first}); give another with --chromium PATH.")
        try:
            context = browser.new_context(offline=True, java_script_enabled=False)
            context.route("**/*", route)
            page = context.new_page()
            page.emulate_media(media="print")
            for html_path in pages:
                html_path = Path(html_path)
                page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=60_000)
                pdf_path = html_path.with_suffix(".pdf")
                title = page.title() or html_path.stem
                page.pdf(
                    path=str(pdf_path),
                    format=PAPER_FORMATS[paper],
                    margin=MARGINS,
                    print_background=True,
                    display_header_footer=True,
                    header_template=HEADER_TEMPLATE,
                    footer_template=footer_template(title),
                    outline=True,
                    tagged=True,
                )
                result.pdfs.append(pdf_path)
                result.pages[pdf_path] = len(PdfReader(pdf_path).pages)
                result.titles[pdf_path] = title
        finally:
            browser.close()
    return result


def merge_pdfs(pdfs: list[Path], out: Path, titles: list[str] | None = None) -> Path:
    """One PDF of the given PDFs in order, with a bookmark at the start of each."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for index, pdf in enumerate(pdfs):
        start = len(writer.pages)
        writer.append(str(pdf), import_outline=False)
        writer.add_outline_item(title=titles[index] if titles else Path(pdf).stem, page_number=start)
    writer.add_metadata({"/Title": "Working with contract manufacturers: course handouts"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as handle:
        writer.write(handle)
    writer.close()
    return out
