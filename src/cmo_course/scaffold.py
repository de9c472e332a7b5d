"""Create a draft lesson's files (what `cmo-course new-lesson` runs)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .content.manifest import Lesson, load_course
from .errors import CourseError

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Created:
    lesson_id: str
    notebook: str
    files: list[str]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _entry(lesson_id: str, title: str, part: str, exercises: bool) -> str:
    lines = [
        f"- id: {lesson_id}",
        f"  title: {_quoted(title)}",
        "  kind: lesson",
        f"  part: {part}",
        "  draft: true",
        f"  notebook: notebooks/{lesson_id}.ipynb",
        f"  quiz: content/quizzes/{lesson_id}.yaml",
    ]
    if exercises:
        lines += [
            "  exercises:",
            f"    set: content/exercises/{lesson_id}.yaml",
            f"    solution: solutions/{lesson_id}.ipynb",
            f"    notebook: exercises/{lesson_id}.ipynb",
        ]
    lines += [
        "  teaching_minutes: 10",
        f"  exercise_minutes: {10 if exercises else 0}",
        "  questions:",
        "  - What question does this lesson answer? (edit in course.yaml)",
        "  objectives:",
        "  - What can the learner do afterwards? (edit in course.yaml)",
        "  keypoints:",
        "  - The point to take away. (edit in course.yaml)",
    ]
    return "\n".join(lines) + "\n"


def _insert(manifest: Path, entry: str, after: str | None, course) -> None:
    text = manifest.read_text(encoding="utf-8")
    if after is None:
        manifest.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
        return
    ids = [lesson.id for lesson in course.lessons]
    position = ids.index(after)
    if position == len(ids) - 1:
        manifest.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
        return
    following = ids[position + 1]
    match = re.search(rf"^- id: {re.escape(following)}\s*$", text, re.MULTILINE)
    if match is None:
        raise CourseError(f"course.yaml: cannot find the line '- id: {following}'; add the entry by hand.")
    manifest.write_text(text[: match.start()] + entry + "\n" + text[match.start() :], encoding="utf-8")


def _notebook(lesson: Lesson):
    import nbformat

    from .content.lesson_cells import collapse_tagged_cells, write_lesson_cells

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    setup = nbformat.v4.new_code_cell(f'from cmo_course import start_lesson\nquiz = start_lesson("{lesson.id}")')
    setup.metadata["tags"] = ["hide-input"]
    instructor = nbformat.v4.new_markdown_cell(
        "**Instructor note.** Timing, common confusions and a discussion prompt."
    )
    instructor.metadata["tags"] = ["instructor"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("One paragraph: why this lesson matters to the learner's program."),
        nbformat.v4.new_markdown_cell("## Set up\n\nRun the cell below (Shift+Enter, or **Run > Run All Cells**)."),
        setup,
        nbformat.v4.new_markdown_cell(
            "## First section\n\nTeach one idea, citing its source like this: (Source: NIH SEED guide)."
        ),
        instructor,
        nbformat.v4.new_code_cell("quiz.scoreboard()"),
    ]
    write_lesson_cells(nb, lesson)
    collapse_tagged_cells(nb)
    return nb


def _solution_notebook(lesson: Lesson):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Exercises: {lesson.title}\n\nExercises: {lesson.exercise_minutes} min."),
        nbformat.v4.new_code_cell(
            f'from cmo_course.exercises import ____, exercise_set\nquestions = exercise_set("{lesson.id}")'
        ),
    ]
    return nb


def new_lesson(
    root: Path, slug: str, title: str, after: str | None = None, part: str | None = None, exercises: bool = False
) -> Created:
    """Add a draft lesson to the course in `root`; CourseError (nothing written) on bad input."""
    import nbformat

    root = Path(root)
    if not SLUG.match(slug or ""):
        raise CourseError(
            f"'{slug}' is not a lesson slug: use lowercase words joined by hyphens, e.g. supply-agreements."
        )
    if not title or len(title.strip()) < 3:
        raise CourseError("give the lesson a title of at least 3 characters with --title.")
    manifest = root / "course.yaml"
    course = load_course(manifest)
    if after is not None and course.lesson(after) is None:
        raise CourseError(f"there is no lesson '{after}' in course.yaml to insert after.")
    numbers = [int(lesson.id[:2]) for lesson in course.lessons]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise CourseError("lesson ids use two digits and all are taken; reuse a retired number by hand.")
    lesson_id = f"{number:02d}_{slug.replace('-', '_')}"
    anchor = course.lesson(after) if after else (course.lessons[-1] if course.lessons else None)
    part = part or (anchor.part if anchor and anchor.part else course.parts[-1].id)
    if course.part(part) is None:
        raise CourseError(
            f"'{part}' is not a part id in course.yaml: use one of {', '.join(p.id for p in course.parts)}."
        )
    files = {
        f"notebooks/{lesson_id}.ipynb": None,
        f"content/quizzes/{lesson_id}.yaml": (
            "# yaml-language-server: $schema=../../src/cmo_course/content/schemas/quiz-bank.json\n"
            f"lesson: {lesson_id}\nquestions: []\n"
        ),
    }
    if exercises:
        files[f"content/exercises/{lesson_id}.yaml"] = (
            "# yaml-language-server: $schema=../../src/cmo_course/content/schemas/exercise-set.json\n"
            f"notebook: {lesson_id}\nquestions: []\n"
        )
        files[f"solutions/{lesson_id}.ipynb"] = None
    clash = [rel for rel in files if (root / rel).exists()]
    if clash:
        raise CourseError(f"{clash[0]} already exists; choose another slug.")
    _insert(manifest, _entry(lesson_id, title.strip(), part, exercises), after, course)
    lesson = load_course(manifest).lesson(lesson_id)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.startswith("notebooks/"):
            nbformat.write(_notebook(lesson), path)
        elif rel.startswith("solutions/"):
            nbformat.write(_solution_notebook(lesson), path)
        else:
            path.write_text(text, encoding="utf-8")
    if exercises:
        from .exercises.pipeline import generate_pairs

        generate_pairs([(root / lesson.exercises.solution, root / lesson.exercises.notebook)])
        files[lesson.exercises.notebook] = None
    return Created(lesson_id, f"notebooks/{lesson_id}.ipynb", ["course.yaml", *files])
