"""Show saved quiz progress per lesson (answered, right on the first try, last activity), export
every attempt for an instructor (--export FILE.csv or FILE.json), or delete it (--reset).

The store is $CMO_COURSE_PROGRESS_DB, else progress.sqlite in your user data folder.
"""

from __future__ import annotations

from pathlib import Path

NAME = "progress"
HELP = "show, export or reset saved quiz progress"


def add_arguments(parser):
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--export", type=Path, metavar="FILE", help="write every attempt to FILE.csv or FILE.json")
    group.add_argument("--reset", action="store_true", help="delete all saved progress (asks first)")
    parser.add_argument("--yes", action="store_true", help="with --reset: do not ask for confirmation")


def _confirm(store) -> bool:
    try:
        reply = input(f"Delete all saved progress in {store.path}? Type 'yes' to confirm: ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")


def run(args) -> int:
    from ..errors import CourseError
    from ..progress import ProgressError, ProgressStore
    from ..progress.summary import summary_text

    store = ProgressStore()
    try:
        if args.export:
            n = store.export(args.export)
            print(f"Exported {n} attempt(s) to {args.export}.")
            return 0
        if args.reset:
            if not args.yes and not _confirm(store):
                print("Nothing deleted.")
                return 1
            n = store.reset()
            print(f"Deleted {n} saved attempt(s).")
            return 0
        if args.yes:
            raise CourseError("--yes only goes with --reset.")
        print(summary_text(store.summary()))
        return 0
    except ProgressError as exc:
        raise CourseError(str(exc)) from None
