"""Where the course lives on disk and where learner data goes."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "CMO_COURSE_ROOT"
_MARKER = Path("notebooks") / "00_start_here.ipynb"


class CourseNotFound(RuntimeError):
    """The course folder (with notebooks/00_start_here.ipynb) could not be found."""


def course_root() -> Path:
    """The course folder: $CMO_COURSE_ROOT, else the nearest folder above the working directory
    or above this package that holds notebooks/00_start_here.ipynb."""
    if os.environ.get(ROOT_ENV):
        root = Path(os.environ[ROOT_ENV]).expanduser().resolve()
        if not (root / _MARKER).exists():
            raise CourseNotFound(f"{ROOT_ENV}={root} has no {_MARKER}; point it at the course folder.")
        return root
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / _MARKER).exists():
                return folder
    raise CourseNotFound(
        f"Could not find the course folder (one that holds {_MARKER}). "
        f"Run this from inside the course folder or set {ROOT_ENV}."
    )


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def content_dir() -> Path:
    """Course content shipped with the package: quiz banks, sample data, reference lists."""
    return package_dir() / "content"


def notebooks_dir() -> Path:
    return course_root() / "notebooks"


def exercises_dir() -> Path:
    return course_root() / "exercises"


def solutions_dir() -> Path:
    return course_root() / "solutions"


def lesson_notebooks() -> list[Path]:
    """Lesson notebooks in course order (file names start with their number)."""
    return sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def exercise_notebooks() -> list[Path]:
    return sorted(exercises_dir().glob("[0-9][0-9]_*.ipynb"))


def solution_notebooks() -> list[Path]:
    return sorted(solutions_dir().glob("[0-9][0-9]_*.ipynb"))
