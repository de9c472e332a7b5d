"""The Carpentries cells of a lesson notebook, written from course.yaml.

A taught lesson opens with a header cell (title, the questions it answers, its objectives, its
minutes) and ends its teaching with a key-points cell. Both are generated from the manifest by
`cmo-course execute` and `cmo-course new-lesson`, marked `metadata.cmo_course.generated`, and
`cmo-course validate` reports a notebook whose cells drifted from the manifest.
"""

from __future__ import annotations

import re

from .manifest import Lesson

MARK = "cmo_course"
HEADER, KEYPOINTS = "header", "keypoints"
_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def notebook_title(nb) -> str | None:
    """The first level-1 Markdown heading of a notebook."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _H1.search(cell.source)
            if match:
                return match.group(1)
    return None


def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def header_source(lesson: Lesson) -> str:
    return (
        f"# {lesson.title}\n\n"
        f"**Questions this lesson answers**\n\n{_bullets(lesson.questions)}\n\n"
        f"**After this lesson you can**\n\n{_bullets(lesson.objectives)}\n\n"
        f"Teaching: {lesson.teaching_minutes} min. Exercises: {lesson.exercise_minutes} min."
    )


def keypoints_source(lesson: Lesson) -> str:
    return f"## Key points\n\n{_bullets(lesson.keypoints)}"


def generated(cell) -> str | None:
    """Which generated cell this is (HEADER, KEYPOINTS) or None."""
    return (cell.get("metadata", {}).get(MARK) or {}).get("generated")


def write_lesson_cells(nb, lesson: Lesson) -> bool:
    """Write the header and key-points cells of a taught lesson from the manifest; True if the
    notebook changed. A missing key-points cell is added before a closing 'What next' cell, or last."""
    if lesson.kind != "lesson":
        return False
    changed = False
    wanted = {HEADER: header_source(lesson), KEYPOINTS: keypoints_source(lesson)}
    for kind, source in wanted.items():
        cells = [c for c in nb.cells if generated(c) == kind]
        if cells:
            for extra in cells[1:]:
                nb.cells.remove(extra)
                changed = True
            if cells[0].source != source:
                cells[0].source = source
                changed = True
            continue
        import nbformat

        new = nbformat.v4.new_markdown_cell(source)
        new.metadata[MARK] = {"generated": kind}
        if kind == HEADER:
            nb.cells.insert(0, new)
        else:
            closing = next(
                (
                    i
                    for i, c in enumerate(nb.cells)
                    if c.cell_type == "markdown" and c.source.lstrip().startswith("## What next")
                ),
                len(nb.cells),
            )
            nb.cells.insert(closing, new)
        changed = True
    if nb.cells and generated(nb.cells[0]) != HEADER:
        header = next(c for c in nb.cells if generated(c) == HEADER)
        nb.cells.remove(header)
        nb.cells.insert(0, header)
        changed = True
    return changed


def drift(nb, lesson: Lesson) -> list[str]:
    """How the notebook differs from what the manifest says (empty when they agree)."""
    problems = []
    title = notebook_title(nb)
    if title != lesson.title:
        problems.append(f"the notebook's title is {title!r} but course.yaml says {lesson.title!r}")
    if lesson.kind != "lesson":
        return problems
    for kind, source, what in (
        (HEADER, header_source(lesson), "opening (questions, objectives, minutes)"),
        (KEYPOINTS, keypoints_source(lesson), "key points"),
    ):
        cells = [c for c in nb.cells if generated(c) == kind]
        if not cells:
            problems.append(f"has no generated {what} cell")
        elif cells[0].source != source:
            problems.append(f"its {what} cell differs from course.yaml")
    if nb.cells and generated(nb.cells[0]) != HEADER:
        problems.append("does not open with its generated header cell")
    return problems


# Cells collapsed in JupyterLab (`jupyter.source_hidden`): the code of a `hide-input` cell (its
# output is what the reader needs) and an instructor note (kept out of a self-paced learner's way;
# a click opens it). Each instructor note also starts with the words "Instructor note".
COLLAPSED_TAGS = ("hide-input", "instructor")
INSTRUCTOR_OPENING = ("**Instructor note.**", "Instructor note:")


def _collapsible(cell) -> bool:
    return bool(set(cell.get("metadata", {}).get("tags", [])) & set(COLLAPSED_TAGS))


def collapse_tagged_cells(nb) -> bool:
    """Set `jupyter.source_hidden` on every hide-input and instructor cell; True if any changed."""
    changed = False
    for cell in nb.cells:
        if _collapsible(cell) and not cell.metadata.get("jupyter", {}).get("source_hidden"):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            changed = True
    return changed


def collapse_problems(nb) -> list[str]:
    """What `collapse_tagged_cells` would fix, and instructor notes that do not say what they are."""
    problems = []
    for index, cell in enumerate(nb.cells, start=1):
        if _collapsible(cell) and not cell.metadata.get("jupyter", {}).get("source_hidden"):
            problems.append(f"cell {index} is tagged {', '.join(cell.metadata['tags'])} but not collapsed")
        if "instructor" in cell.get("metadata", {}).get("tags", []) and not cell.source.lstrip().startswith(
            INSTRUCTOR_OPENING
        ):
            problems.append(f"cell {index} is an instructor note that does not start with '**Instructor note.**'")
    return problems
