"""Check quiz banks: the schema, question ids unique across the course, answers among the options,
feedback for every option, a known source label, sensible numeric ranges.

With no PATHS, checks every bank in content/quizzes/. Each error names the file, the question id and
the field, and says what to fix. Exit code 1 when any bank has an error.
"""

from __future__ import annotations

from pathlib import Path

NAME = "validate"
HELP = "check the quiz banks (schema, ids, answers, feedback, sources)"


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", type=Path, help="bank files or folders (default: every course bank)")


def _expand(paths: list[Path]) -> list[Path]:
    from ..cli import CourseError

    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise CourseError(f"{path} is not a file or a folder: give quiz bank files (.yaml) or folders.")
    return files


def run(args) -> int:
    from ..quiz.bank import bank_files, display_name, quizzes_dir
    from ..quiz.validate import validate_files

    files = _expand(args.paths) if args.paths else bank_files()
    if not files:
        print(f"No quiz banks found in {display_name(quizzes_dir())}.")
        return 0
    problems, questions = validate_files(files)
    for problem in problems:
        print(f"ERROR {problem}")
    bad_files = len({p.file for p in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {bad_files} of {len(files)} bank(s).")
        return 1
    print(f"All {len(files)} bank(s) are valid ({questions} questions).")
    return 0
