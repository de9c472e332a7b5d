"""Load quiz banks (one YAML file per lesson) from content/quizzes/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..cli import CourseError
from .. import paths

QUIZ_DIR_ENV = "CMO_COURSE_QUIZ_DIR"
QUESTION_TYPES = ("single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering")


class BankError(CourseError):
    """A quiz bank is missing or invalid; the message names the file and what to fix."""


@dataclass(frozen=True)
class Bank:
    """One lesson's quiz bank."""

    lesson: str
    path: Path
    questions: tuple[dict, ...]

    def question(self, question_id: str) -> dict | None:
        return next((q for q in self.questions if q["id"] == question_id), None)

    @property
    def ids(self) -> list[str]:
        return [q["id"] for q in self.questions]


def quizzes_dir() -> Path:
    """Where banks live: $CMO_COURSE_QUIZ_DIR (for tests), else the package's content/quizzes/."""
    override = os.environ.get(QUIZ_DIR_ENV)
    return Path(override) if override else paths.content_dir() / "quizzes"


def display_name(path: Path) -> str:
    """A short, machine-independent name for a bank file (no absolute paths in outputs)."""
    path = Path(path)
    try:
        return path.resolve().relative_to(paths.package_dir()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.name


def bank_path(lesson_id: str) -> Path:
    return quizzes_dir() / f"{lesson_id}.yaml"


def _normalize_keys(value):
    """YAML reads keys like `true:` as booleans; turn every mapping key into text."""
    if isinstance(value, dict):
        return {
            (("true" if k else "false") if isinstance(k, bool) else str(k)): _normalize_keys(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_normalize_keys(v) for v in value]
    return value


def read_yaml(path: Path):
    """Parse a bank file; raise BankError naming the file and line on a YAML syntax error."""
    import yaml

    name = display_name(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{name}: file not found. Create it (see CONTRIBUTING.md, 'Quiz banks').") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(f"{name}: cannot read the file ({exc.__class__.__name__}); save it as UTF-8 text.") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise BankError(f"{name}:{where}: YAML syntax error ({problem}); fix the indentation or quoting there.") from None
    return _normalize_keys(data)


def load_bank_file(path: Path) -> Bank:
    """Read and validate one bank file (schema and per-bank checks); raise BankError on the first problem."""
    from .validate import check_bank_data

    path = Path(path)
    data = read_yaml(path)
    problems = check_bank_data(data, path, fast=True)
    if problems:
        more = f" ({len(problems) - 1} more problems; run 'cmo-course validate')" if len(problems) > 1 else ""
        raise BankError(f"{problems[0]}{more}")
    return Bank(lesson=data["lesson"], path=path, questions=tuple(data["questions"]))


def load_bank(lesson_id: str) -> Bank:
    """The validated bank of a lesson, e.g. load_bank("01_landscape")."""
    path = bank_path(lesson_id)
    if not path.exists():
        raise BankError(
            f"{display_name(path)}: no quiz bank for lesson '{lesson_id}'. "
            "Check the lesson id (the notebook's file name without .ipynb) or create the bank."
        )
    return load_bank_file(path)


def bank_files() -> list[Path]:
    folder = quizzes_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def all_banks() -> list[Bank]:
    """Every lesson's bank, in lesson order (raises BankError on an invalid one)."""
    return [load_bank_file(path) for path in bank_files()]


def count_by_type(lesson_id: str) -> dict[str, int]:
    """Number of questions of each type in a lesson's bank; {} when the lesson has no bank."""
    path = bank_path(lesson_id)
    if not path.exists():
        return {}
    data = read_yaml(path)
    questions = data.get("questions") if isinstance(data, dict) else None
    counts: dict[str, int] = {}
    for question in questions if isinstance(questions, list) else []:
        kind = question.get("type") if isinstance(question, dict) else None
        if isinstance(kind, str):
            counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))
