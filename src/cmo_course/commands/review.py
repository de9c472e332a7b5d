"""Review what you missed: open the review notebook in JupyterLab, or (--list) print what is due.

The review notebook asks again, as live questions, the quiz questions you got wrong (oldest mistake
first) and those you have not answered yet, each with a link back to the section that teaches it.
"""

from __future__ import annotations

import subprocess

NAME = "review"
HELP = "practise the quiz questions you missed (opens the review notebook)"
REVIEW_PAGE = "notebooks/09_review.ipynb"


def add_arguments(parser):
    parser.add_argument("--list", action="store_true", help="print the questions due for review and stop")
    parser.add_argument("--port", type=int, default=None, help="port to serve on (default: first free from 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")


def run(args) -> int:
    from ..paths import course_root
    from ..quiz.review import due_questions, summary_line

    due = due_questions()
    print(summary_line(due))
    if args.list:
        for n, item in enumerate(due, start=1):
            why = "missed" if item.reason == "missed" else "not answered"
            print(
                f"{n:3}. [{why}] lesson {item.lesson.number}, {item.question.get('section', '')}: {item.question['id']}"
            )
        return 0
    from .lab import lab_command

    root = course_root()
    print(f"Opening the review in JupyterLab: {REVIEW_PAGE} (Ctrl+C here to stop).", flush=True)
    try:
        return subprocess.call(lab_command(root, args.port, args.no_browser, page=REVIEW_PAGE), cwd=root)
    except KeyboardInterrupt:
        return 130
