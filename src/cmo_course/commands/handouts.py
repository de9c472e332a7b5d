"""Build offline HTML handouts of the course: an index page (the course map), one page per
notebook in notebooks/, and the exercises twice (learner edition and with solutions).

Pages are self-contained (no network requests), print on A4 and Letter, and can be e-mailed. With
--pdf, each is also printed to PDF with Chromium (offline), plus one PDF of the whole course.
"""

from __future__ import annotations

from pathlib import Path

NAME = "handouts"
HELP = "build offline HTML handouts (index, lessons, exercises with and without solutions)"


def add_arguments(parser):
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write the handouts to (default: handouts/ in the course folder)",
    )
    parser.add_argument(
        "--paper",
        choices=["auto", "a4", "letter"],
        default="auto",
        help="paper size when printed (default: auto, the printer's own)",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print each handout to PDF (beside its HTML) and the whole course to course.pdf, with "
        "Chromium; needs the pdf extra (Playwright, pypdf)",
    )
    parser.add_argument(
        "--chromium",
        default=None,
        metavar="PATH",
        help="the Chromium to print PDFs with (default: the chromium on PATH, as Debian's chromium package installs it)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args) -> int:
    from .. import paths
    from ..errors import CourseError
    from ..handouts import build_handouts

    try:
        root = paths.course_root()
    except paths.CourseNotFound as exc:
        raise CourseError(str(exc)) from exc
    out = args.out if args.out is not None else root / "handouts"
    if out.exists() and not out.is_dir():
        raise CourseError(f"{out} is a file; give --out a folder to write the handouts to.")
    chromium = None
    if args.pdf:
        from ..handouts.pdf import DEFAULT_CHROMIUM, check_pdf_tools

        chromium = check_pdf_tools(args.chromium or DEFAULT_CHROMIUM)  # before building: says what to install
    result = build_handouts(out, root=root, page_size=args.paper, progress=not args.quiet)
    for notebook, message in result.failures:
        print(f"FAILED {notebook.relative_to(root)}: {message}")
    print(f"Wrote {len(result.pages)} pages to {out} (open {out / 'index.html'}).")
    if chromium is not None:
        _print_pdfs(result.pages, out, chromium, args.paper)
    return 1 if result.failures else 0


def _print_pdfs(pages, out, chromium, paper) -> None:
    from ..handouts.pdf import COURSE_PDF, merge_pdfs, print_pdfs

    index = [p for p in pages if p.name == "index.html" and p.parent == out]
    ordered = index + [p for p in pages if p not in index]  # the course map first
    printed = print_pdfs(ordered, chromium=chromium, paper=paper)
    course = merge_pdfs(printed.pdfs, out / COURSE_PDF, [printed.titles[p] for p in printed.pdfs])
    total = sum(printed.pages.values())
    print(f"Wrote {len(printed.pdfs)} PDFs ({total} pages) and {course} (the whole course).")
    if printed.blocked:
        print(f"Blocked {len(printed.blocked)} request(s) outside the handouts while printing: {printed.blocked[0]}")
