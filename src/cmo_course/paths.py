"""Where the course lives on disk and where learner data goes (bottom layer).

The course is a folder holding `course.yaml` (the manifest), `content/`, `notebooks/`,
`exercises/` and `solutions/`. The installed package finds it only through `course_root()`:
`$CMO_COURSE_ROOT`, else the nearest folder holding `course.yaml` above the working directory
(a kernel runs in `notebooks/`, also after nbgitpuller pulled the course into a hub home), else
above this package (an editable install inside the checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import CourseError

ROOT_ENV = "CMO_COURSE_ROOT"
MANIFEST = "course.yaml"


class CourseNotFound(CourseError):
    """The course folder (the one holding course.yaml) could not be found."""


def _holds_course(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def course_root() -> Path:
    """The course folder (see the module docstring); CourseNotFound says how to point at it."""
    if os.environ.get(ROOT_ENV):
        root = Path(os.environ[ROOT_ENV]).expanduser().resolve()
        if not _holds_course(root):
            raise CourseNotFound(f"{ROOT_ENV}={root} has no {MANIFEST}; point it at the course folder.")
        return root
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if _holds_course(folder):
                return folder
    raise CourseNotFound(
        f"Could not find the course folder (the one that holds {MANIFEST}). Open the course's "
        f"notebooks from inside that folder, run cmo-course there, or set {ROOT_ENV} to it."
    )


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def schemas_dir() -> Path:
    """The JSON Schemas of every kind of content file (shipped with the package)."""
    return package_dir() / "content" / "schemas"


def manifest_path() -> Path:
    return course_root() / MANIFEST


def content_dir() -> Path:
    """The course's content: quiz banks, exercise sets, glossary, references, documents, figures."""
    return course_root() / "content"


def notebooks_dir() -> Path:
    return course_root() / "notebooks"


def exercises_dir() -> Path:
    return course_root() / "exercises"


def solutions_dir() -> Path:
    return course_root() / "solutions"


def display_name(path: str | os.PathLike) -> str:
    """A short, machine-independent name for a file: relative to the course folder, the package
    or the working directory where possible (no absolute paths in messages or outputs)."""
    path = Path(path).resolve()
    bases = []
    try:
        bases.append(course_root())
    except CourseNotFound:
        pass
    bases += [package_dir().parent.parent, Path.cwd()]
    for base in bases:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name
