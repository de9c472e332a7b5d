"""Re-run notebooks in place and save their outputs, so committed outputs stay current.

With no PATHS, runs every lesson and solution notebook named in course.yaml (exercises/ is
generated). A lesson's opening and key-points cells are first rewritten from course.yaml.
"""

from __future__ import annotations

from pathlib import Path

NAME = "execute"
HELP = "re-run notebooks in place and save their outputs"


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks or folders (default: notebooks/ and solutions/)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _expand(paths: list[Path]) -> list[Path]:
    from ..errors import CourseError

    found = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.ipynb")))
        elif path.suffix == ".ipynb" and path.exists():
            found.append(path)
        else:
            raise CourseError(f"{path} is not a notebook or a folder of notebooks.")
    return found


def run(args) -> int:
    from .. import paths as course_paths
    from ..execute import execute_notebooks

    if args.paths:
        notebooks = _expand(args.paths)
    else:
        from ..content.manifest import load_course

        root = course_paths.course_root()
        course = load_course()
        notebooks = [root / lesson.notebook for lesson in course.lessons]
        notebooks += [root / lesson.exercises.solution for lesson in course.lessons if lesson.exercises]
    failures = execute_notebooks(notebooks, progress=not args.quiet)
    for path, message in failures:
        print(f"FAILED {path}: {message}")
    print(f"Executed {len(notebooks) - len(failures)} of {len(notebooks)} notebooks.")
    return 1 if failures else 0
