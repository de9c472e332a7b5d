"""The course manifest, `course.yaml`, as typed objects: parts, tracks and lessons in order.

course = load_course()          # cached per file version
course.lesson("01_landscape").objectives
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem
from ..paths import course_root, display_name, manifest_path
from .safe_yaml import line_of, load_yaml
from .schema import first_error

FORMAT_VERSION = 1
SCHEMA = "course.json"


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    summary: str = ""


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    audience: str


@dataclass(frozen=True)
class ExerciseFiles:
    """A lesson's exercise set (YAML), its solution notebook and the generated learner notebook."""

    set: str
    solution: str
    notebook: str


@dataclass(frozen=True)
class Lesson:
    """One lesson of the manifest. Paths are relative to the course folder, with forward slashes."""

    id: str
    title: str
    kind: str
    part: str | None
    notebook: str
    teaching_minutes: int
    exercise_minutes: int
    questions: tuple[str, ...]
    objectives: tuple[str, ...]
    keypoints: tuple[str, ...]
    number: str = ""
    quiz: str | None = None
    exercises: ExerciseFiles | None = None
    track: str | None = None
    draft: bool = False
    line: int | None = None

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes

    @property
    def is_taught(self) -> bool:
        """A lesson held to the lesson standard (not the start page or a reference page)."""
        return self.kind == "lesson"

    def path(self, name: str | None = None) -> Path:
        """The notebook's path (or another of the lesson's files) in the course folder."""
        return course_root() / (name or self.notebook)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "part": self.part,
            "track": self.track,
            "draft": self.draft,
            "path": self.notebook,
            "quiz": self.quiz,
            "exercises": None if self.exercises is None else dict(vars(self.exercises)),
            "questions": list(self.questions),
            "objectives": list(self.objectives),
            "keypoints": list(self.keypoints),
            "teaching_minutes": self.teaching_minutes,
            "exercise_minutes": self.exercise_minutes,
        }


@dataclass(frozen=True)
class Course:
    """The whole manifest."""

    format: int
    title: str
    parts: tuple[Part, ...]
    tracks: tuple[Track, ...]
    lessons: tuple[Lesson, ...]
    renamed: dict = field(default_factory=dict)
    retired: tuple[str, ...] = ()
    file: str = "course.yaml"

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    @property
    def published(self) -> tuple[Lesson, ...]:
        """The lessons learners see in the course map and the handouts (drafts left out)."""
        return tuple(lesson for lesson in self.lessons if not lesson.draft)

    def part(self, part_id: str) -> Part | None:
        return next((part for part in self.parts if part.id == part_id), None)

    def track(self, track_id: str | None) -> Track | None:
        return next((track for track in self.tracks if track.id == track_id), None)

    def current_id(self, old_id: str) -> str:
        """The id that replaced `old_id` (following renames), or `old_id` itself."""
        seen = set()
        while old_id in self.renamed and old_id not in seen:
            seen.add(old_id)
            old_id = self.renamed[old_id]
        return old_id


def _problem(name, entry, field_, message, line=None):
    return Problem(name, entry, field_, message, line=line, entry_kind="lesson")


def parse_course(data, name: str) -> Course:
    """A Course from parsed YAML; ContentError (every problem found) when it does not fit."""
    if not isinstance(data, dict):
        raise ContentError(_problem(name, None, None, "is not a course manifest: it must start with 'format:'."))
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        newer = version > FORMAT_VERSION
        raise ContentError(
            _problem(
                name,
                None,
                "format",
                f"the course is in manifest format {version}, but this cmo-course package reads format "
                f"{FORMAT_VERSION}: "
                + (
                    "update the package (in the course folder: pip install -c constraints.txt .)."
                    if newer
                    else "update the course (git pull) or install the package version it names."
                ),
                line=line_of(data, "format"),
            )
        )
    problems = []
    error = _top_error(data)
    if error:
        field_, message = error
        problems.append(_problem(name, None, field_ or None, message, line=line_of(data, field_)))
    lessons_data = data.get("lessons")
    lessons = []
    for index, item in enumerate(lessons_data if isinstance(lessons_data, list) else []):
        lesson_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{index + 1}"
        line = getattr(item, "line", None)
        error = first_error(SCHEMA, item, "/$defs/lesson")
        if error:
            field_, message = error
            problems.append(_problem(name, lesson_id, field_ or None, message, line=line_of(item, field_) or line))
            continue
        lessons.append((item, line))
    if problems:
        raise ContentError(problems)
    built = []
    for position, (item, line) in enumerate(lessons):
        exercises = item.get("exercises")
        built.append(
            Lesson(
                id=item["id"],
                title=item["title"],
                kind=item["kind"],
                part=item.get("part"),
                notebook=item["notebook"],
                teaching_minutes=item["teaching_minutes"],
                exercise_minutes=item["exercise_minutes"],
                questions=tuple(item["questions"]),
                objectives=tuple(item["objectives"]),
                keypoints=tuple(item["keypoints"]),
                number=f"{position:02d}",
                quiz=item.get("quiz"),
                exercises=ExerciseFiles(**exercises) if exercises else None,
                track=item.get("track"),
                draft=bool(item.get("draft", False)),
                line=line,
            )
        )
    return Course(
        format=data["format"],
        title=data["title"],
        parts=tuple(Part(p["id"], p["title"], p.get("summary", "")) for p in data["parts"]),
        tracks=tuple(Track(t["id"], t["title"], t["audience"]) for t in data.get("tracks", [])),
        lessons=tuple(built),
        renamed=dict(data.get("renamed", {})),
        retired=tuple(data.get("retired", [])),
        file=name,
    )


def _top_error(data) -> tuple[str, str] | None:
    return first_error(SCHEMA, data, shallow="lessons")


_CACHE: dict = {}


def load_course(path: str | Path | None = None) -> Course:
    """The manifest (default: course.yaml in the course folder), re-read when the file changes."""
    path = Path(path) if path is not None else manifest_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = str(path.resolve())
    cached = _CACHE.get(key)
    if cached and cached[0] == stamp and stamp is not None:
        return cached[1]
    course = parse_course(load_yaml(path), display_name(path))
    _CACHE[key] = (stamp, course)
    return course
