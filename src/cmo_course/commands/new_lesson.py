"""Scaffold a draft lesson: its course.yaml entry, a notebook with the standard opening cells, an
empty quiz bank and (with --exercises) an empty exercise set with its solution notebook.

The lesson starts as `draft: true`: `cmo-course validate` checks it but not the lesson standard's
counts, and the course map and the handouts leave it out until you set `draft: false`.
"""

from __future__ import annotations

NAME = "new-lesson"
HELP = "scaffold a draft lesson (manifest entry, notebook, quiz bank, optional exercises)"


def add_arguments(parser):
    parser.add_argument("slug", help="a short name in lowercase words, e.g. supply-agreements")
    parser.add_argument("--title", required=True, help='the lesson title, e.g. "Supply agreements"')
    parser.add_argument("--after", metavar="LESSON_ID", help="insert after this lesson (default: at the end)")
    parser.add_argument("--part", help="the part id (default: the part of the lesson before it)")
    parser.add_argument("--exercises", action="store_true", help="also create an exercise set and solution notebook")


def run(args) -> int:
    from ..paths import course_root
    from ..scaffold import new_lesson

    created = new_lesson(
        course_root(), args.slug, args.title, after=args.after, part=args.part, exercises=args.exercises
    )
    print(f"Created draft lesson {created.lesson_id}:")
    for path in created.files:
        print(f"  {path}")
    print(
        "Next: write the lesson and its questions, run `cmo-course execute "
        f"{created.notebook}`, then `cmo-course validate`. Set draft: false in course.yaml when it meets the "
        "lesson standard (CONTRIBUTING.md)."
    )
    return 0
