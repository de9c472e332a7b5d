"""Print an overview of the course: lessons with their metadata, quiz questions by type,
and exercise questions per exercise notebook."""

from __future__ import annotations

import json

NAME = "stats"
HELP = "overview of lessons, quiz questions and exercises"


def add_arguments(parser):
    parser.add_argument("--json", action="store_true", help="machine-readable JSON")


def run(args) -> int:
    from ..stats import course_stats, stats_text

    stats = course_stats()
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else stats_text(stats))
    return 0
