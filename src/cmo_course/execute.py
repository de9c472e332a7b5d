"""Re-run notebooks in place and save their outputs (what an author runs after editing).

Before running a lesson notebook, its header and key-points cells are rewritten from course.yaml.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

EXECUTE_TIMEOUT = 300  # seconds per cell
PROGRESS_ENV = "CMO_COURSE_PROGRESS_DB"


def _lesson_for(path: Path):
    """The manifest lesson whose notebook is `path`, or None."""
    from .content.manifest import load_course
    from .errors import CourseError
    from .paths import course_root

    try:
        course, root = load_course(), course_root()
    except CourseError:
        return None
    resolved = Path(path).resolve()
    return next((lesson for lesson in course.lessons if (root / lesson.notebook).resolve() == resolved), None)


def execute_exporter(kernel_name: str = "python3"):
    """A NotebookExporter that runs every cell, then drops widget state (the shared StripWidgetState):
    the preprocessors registered in order, and nbconvert's own defaults left out."""
    from nbconvert.exporters import NotebookExporter
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.config import Config

    from .notebook_preprocessors import StripWidgetState

    config = Config()
    config.Exporter.default_preprocessors = []
    config.ExecutePreprocessor.timeout = EXECUTE_TIMEOUT
    config.ExecutePreprocessor.kernel_name = kernel_name
    config.ExecutePreprocessor.store_widget_state = False
    config.ExecutePreprocessor.record_timing = False
    exporter = NotebookExporter(config=config)
    exporter.register_preprocessor(ExecutePreprocessor, enabled=True)
    exporter.register_preprocessor(StripWidgetState, enabled=True)
    return exporter


def execute_notebook(path: Path, kernel_name: str = "python3") -> None:
    """Write a lesson's manifest cells, run every cell from the notebook's own folder and write it
    back with fresh outputs.

    Widget state is not stored in the notebook: a freshly opened lesson then shows each quiz's
    static form until the learner runs it, rather than a dead widget.
    """
    import nbformat

    from .content.lesson_cells import collapse_tagged_cells, write_lesson_cells

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    lesson = _lesson_for(path)
    if lesson is not None:
        write_lesson_cells(nb, lesson)
    collapse_tagged_cells(nb)
    text, _ = execute_exporter(kernel_name).from_notebook_node(
        nb, resources={"metadata": {"name": path.stem, "path": str(path.parent)}}
    )
    nbformat.validate(nbformat.reads(text, as_version=4))
    path.write_text(text, encoding="utf-8")


def execute_notebooks(paths: list[Path], progress: bool = True) -> list[tuple[Path, str]]:
    """Execute each notebook; return (path, error message) for those that failed."""
    from nbclient.exceptions import CellExecutionError
    from tqdm.auto import tqdm

    failures = []
    bar = tqdm(paths, desc="Executing notebooks", unit="nb", disable=not progress)
    # Kernels get a throwaway progress store: saved outputs never depend on the author's answers.
    with tempfile.TemporaryDirectory(prefix="cmo-course-execute-") as tmp:
        saved = os.environ.get(PROGRESS_ENV)
        os.environ[PROGRESS_ENV] = str(Path(tmp) / "progress.sqlite")
        try:
            for path in bar:
                bar.set_postfix_str(Path(path).name)
                try:
                    execute_notebook(path)
                except CellExecutionError as exc:
                    failures.append((Path(path), str(exc).strip().splitlines()[-1]))
                except Exception as exc:  # noqa: BLE001 - report any failure per notebook, keep going
                    failures.append((Path(path), f"{type(exc).__name__}: {exc}"))
        finally:
            if saved is None:
                os.environ.pop(PROGRESS_ENV, None)
            else:
                os.environ[PROGRESS_ENV] = saved
    return failures
