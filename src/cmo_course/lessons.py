"""Read and check the Carpentries-style lesson metadata stored in each lesson notebook."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

METADATA_KEY = "lesson"


class LessonMetadataError(ValueError):
    """A lesson notebook's metadata is missing or malformed."""


@dataclass(frozen=True)
class Lesson:
    """One notebook of the course with its metadata."""

    path: Path
    title: str
    kind: str
    questions: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    keypoints: list[str] = field(default_factory=list)
    teaching_minutes: int = 0
    exercise_minutes: int = 0

    @property
    def id(self) -> str:
        """The notebook's file name without extension, e.g. '01_landscape'."""
        return self.path.stem

    @property
    def number(self) -> str:
        return self.id.split("_", 1)[0]

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "path": self.path.relative_to(paths.course_root()).as_posix(),
            "title": self.title,
            "kind": self.kind,
            "questions": list(self.questions),
            "objectives": list(self.objectives),
            "keypoints": list(self.keypoints),
            "teaching_minutes": self.teaching_minutes,
            "exercise_minutes": self.exercise_minutes,
        }


_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def _schema() -> dict:
    return json.loads((paths.package_dir() / "schemas" / "lesson.json").read_text(encoding="utf-8"))


def notebook_title(nb: dict) -> str | None:
    """The first level-1 Markdown heading of the notebook."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            match = _H1.search(source)
            if match:
                return match.group(1)
    return None


def read_lesson(path: Path) -> Lesson:
    """Load one notebook's lesson metadata; raise LessonMetadataError naming the file and field."""
    import jsonschema

    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LessonMetadataError(f"{path.name}: cannot read the notebook ({exc}).") from exc
    meta = nb.get("metadata", {}).get(METADATA_KEY)
    if meta is None:
        raise LessonMetadataError(
            f"{path.name}: no '{METADATA_KEY}' metadata. Add questions, objectives, keypoints, "
            "teaching_minutes and exercise_minutes (see src/cmo_course/schemas/lesson.json)."
        )
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(meta), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.path) or "(top level)"
        raise LessonMetadataError(f"{path.name}: lesson metadata field {where}: {first.message}.")
    title = notebook_title(nb)
    if not title:
        raise LessonMetadataError(f"{path.name}: no '# Title' heading in a Markdown cell; add one at the top.")
    return Lesson(path=path, title=title, **meta)


def all_lessons() -> list[Lesson]:
    """Every numbered notebook in notebooks/, in course order."""
    return [read_lesson(p) for p in paths.lesson_notebooks()]
