"""Instructor's cohort report: `cmo-course cohort report EXPORT... --out report.html`.

Reads learners' progress exports (the .json or .csv files `cmo-course progress --export` writes)
and hub users' progress stores (.sqlite, opened read-only; quote a glob such as
'/home/*/.local/share/cmo-course/progress.sqlite' and it is expanded here, on any shell), and
writes one offline HTML page (charts embedded) and a CSV with one row per question. A file that
cannot be read (damaged, cut short, missing columns, written by a newer cmo-course) is named with
the reason and skipped; the exit code is 0 when at least one file was read, 2 when none was.
"""

from __future__ import annotations

from pathlib import Path

NAME = "cohort"
HELP = "instructor's report on a cohort's progress exports"


def add_arguments(parser):
    sub = parser.add_subparsers(dest="cohort_command", metavar="ACTION")
    report = sub.add_parser(
        "report",
        help="one offline HTML page (and a CSV) from many learners' progress exports",
        description=__doc__,
    )
    report.add_argument("exports", nargs="+", metavar="EXPORT", help="export files, .sqlite stores, folders or globs")
    report.add_argument(
        "--out", type=Path, default=Path("report.html"), help="the HTML page to write (default: report.html)"
    )
    report.add_argument(
        "--csv", type=Path, default=None, help="the CSV to write (default: beside --out, ending in .csv)"
    )
    parser.set_defaults(cohort_parser=parser)


def run(args) -> int:
    from ..errors import CourseError

    if getattr(args, "cohort_command", None) != "report":
        args.cohort_parser.print_help()
        return 2
    from ..cohort import build, write_report

    cohort = build(args.exports)
    for skipped in cohort.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}")
    for problem in cohort.catalog_problems:
        print(f"note: {problem}")
    if not cohort.sources:
        print("No file could be read: no report written.")
        return 2
    csv_path = args.csv or args.out.with_suffix(".csv")
    try:
        write_report(cohort, args.out, csv_path)
    except OSError as exc:
        raise CourseError(f"cannot write the report ({exc.filename or args.out}: {exc.strerror or exc}).") from None
    print(
        f"Read {len(cohort.sources)} file(s) ({cohort.attempts} attempts); wrote {args.out} and {csv_path}"
        + (f"; skipped {len(cohort.skipped)}." if cohort.skipped else ".")
    )
    return 0
