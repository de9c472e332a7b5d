"""Check the course's content: the manifest, every quiz bank, exercise set, glossary and reference
entry, citations, links and images, ids, notebooks against the manifest, and the lesson standard.

With no PATHS, checks the whole course. With PATHS, checks those content files (quiz banks,
exercise sets, glossary, references, a manifest) or folders of them. Each problem names the file,
the line where known, the entry and the field, and says what to fix. Exit code 1 on any problem.
"""

from __future__ import annotations

from pathlib import Path

NAME = "validate"
HELP = "check the course content (manifest, banks, exercises, references, lesson standard)"


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", type=Path, help="content files or folders (default: the whole course)")
    parser.add_argument(
        "--record-ids",
        action="store_true",
        help="record the ids of published lessons in content/published-ids.yaml, then check",
    )


def _expand(paths: list[Path]) -> list[Path]:
    from ..errors import CourseError

    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise CourseError(f"{path} is not a file or a folder: give content files (.yaml) or folders.")
    return files


def run(args) -> int:
    from ..validate import Validator, validate_files

    if args.paths:
        files = _expand(args.paths)
        if not files:
            print("No content files found there.")
            return 0
        problems, questions = validate_files(files)
        summary = f"All {len(files)} file(s) are valid ({questions} questions)."
    else:
        validator = Validator()
        if args.record_ids:
            validator.run()
            added = validator.record_ids()
            print(f"Recorded {added} new id(s) in content/published-ids.yaml.")
            validator = Validator()
        report = validator.run()
        problems = report.problems
        checked = ", ".join(f"{n} {what}" for what, n in report.checked.items())
        summary = f"The course is valid: {checked}."
    for problem in problems:
        print(f"ERROR {problem}")
    if problems:
        files_with = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files_with} file(s).")
        return 1
    print(summary)
    return 0
