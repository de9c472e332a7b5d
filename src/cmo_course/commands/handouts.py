"""Build offline HTML handouts of the course: an index page (the course map), one page per
notebook in notebooks/, and the exercises twice (learner edition and with solutions).

Pages are self-contained (no network requests), print on A4 and Letter, and can be e-mailed.
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
    result = build_handouts(out, root=root, page_size=args.paper, progress=not args.quiet)
    for notebook, message in result.failures:
        print(f"FAILED {notebook.relative_to(root)}: {message}")
    print(f"Wrote {len(result.pages)} pages to {out} (open {out / 'index.html'}).")
    return 1 if result.failures else 0
