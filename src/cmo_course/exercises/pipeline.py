"""Generate exercises/<id>.ipynb from solutions/<id>.ipynb with an nbconvert NotebookExporter whose
preprocessors are registered in order (the way nbgrader's converters build theirs): remove
`instructor` and `solution-only` cells, replace `solution` cells by placeholders, clear all outputs
and execution counts, drop saved widget state (the shared StripWidgetState); notebook metadata
(kernelspec) is kept."""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearOutputPreprocessor, Preprocessor, TagRemovePreprocessor
from traitlets import Unicode
from traitlets.config import Config

from ..notebook_preprocessors import StripWidgetState
from .solution_cells import SolutionCellError, placeholder_source

SOLUTION_TAG = "solution"
REMOVED_TAGS = ("instructor", "solution-only")


class SolutionPlaceholderPreprocessor(Preprocessor):
    """Replace the code of each cell tagged `solution` with its placeholder version and untag it."""

    solution_tag = Unicode(SOLUTION_TAG, help="tag that marks a solution code cell").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        tags = cell.get("metadata", {}).get("tags", [])
        if self.solution_tag in tags:
            if cell.cell_type != "code":
                raise SolutionCellError(f"cell {index} is tagged '{self.solution_tag}' but is not a code cell.")
            cell.source = placeholder_source(cell.source)
            remaining = [tag for tag in tags if tag != self.solution_tag]
            if remaining:
                cell.metadata["tags"] = remaining
            else:
                cell.metadata.pop("tags")
        return cell, resources


class ExerciseMetadataPreprocessor(Preprocessor):
    """Drop execution timings; record which solution notebook the exercise came from."""

    source_path = Unicode("", help="the solution notebook, relative to the course folder").tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata["cmo_course"] = {
            "generated_from": self.source_path,
            "edit": "edit the solution notebook, then run cmo-course exercises",
        }
        return nb, resources


# The pipeline, in order. Each step is enabled by default_config(); a Config can switch one off.
PREPROCESSORS = (
    TagRemovePreprocessor,
    SolutionPlaceholderPreprocessor,
    ClearOutputPreprocessor,
    StripWidgetState,
    ExerciseMetadataPreprocessor,
)


def default_config() -> Config:
    config = Config()
    # Only the preprocessors registered below, not nbconvert's defaults (as nbgrader's converters do).
    config.Exporter.default_preprocessors = []
    for preprocessor in PREPROCESSORS:
        config[preprocessor.__name__].enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_TAGS)
    return config


def exercise_exporter(config: Config | None = None) -> NotebookExporter:
    """A NotebookExporter with the pipeline's preprocessors registered in order; `config`
    overrides the defaults (tests disable steps with it)."""
    merged = default_config()
    if config is not None:
        merged.merge(config)
    exporter = NotebookExporter(config=merged)
    for preprocessor in PREPROCESSORS:
        # `enabled` is left to the config, so that a Config can switch a step off.
        exporter.register_preprocessor(preprocessor)
    return exporter


def exercise_text(solution_path: Path, source_label: str | None = None, config: Config | None = None) -> str:
    """The exercise notebook generated from one solution notebook, as the exact text written to exercises/."""
    import nbformat

    solution_path = Path(solution_path)
    overrides = Config(config) if config is not None else Config()
    overrides.ExerciseMetadataPreprocessor.source_path = source_label or f"solutions/{solution_path.name}"
    text, _ = exercise_exporter(overrides).from_filename(str(solution_path))
    nbformat.validate(nbformat.reads(text, as_version=4))
    return text


def build_exercise(solution_path: Path, source_label: str | None = None, config: Config | None = None):
    """The exercise notebook (a NotebookNode) generated from one solution notebook."""
    import nbformat

    return nbformat.reads(exercise_text(solution_path, source_label, config), as_version=4)


def solution_sources(solutions_dir: Path) -> list[Path]:
    return sorted(Path(solutions_dir).glob("[0-9][0-9]_*.ipynb"))


def orphans(solutions_dir: Path, exercises_dir: Path) -> list[Path]:
    """Exercise notebooks that no solution notebook generates (left over after a rename)."""
    names = {source.name for source in solution_sources(solutions_dir)}
    return [p for p in sorted(Path(exercises_dir).glob("[0-9][0-9]_*.ipynb")) if p.name not in names]


def generate(solutions_dir: Path, exercises_dir: Path, check_only: bool = False) -> list[Path]:
    """generate_pairs for every solution notebook in a folder, into `exercises_dir`."""
    pairs = [(source, Path(exercises_dir) / source.name) for source in solution_sources(solutions_dir)]
    return generate_pairs(pairs, check_only)


def course_pairs(root: Path) -> list[tuple[Path, Path]]:
    """(solution notebook, exercise notebook) for every lesson in the course manifest."""
    from ..content.manifest import load_course

    course = load_course(Path(root) / "course.yaml")
    return [
        (Path(root) / lesson.exercises.solution, Path(root) / lesson.exercises.notebook)
        for lesson in course.lessons
        if lesson.exercises
    ]


def generate_pairs(pairs: list[tuple[Path, Path]], check_only: bool = False) -> list[Path]:
    """Write (or, with check_only, only compare) each exercise notebook from its solution; return
    the exercise paths whose content differed from what was generated, or that were missing."""
    changed = []
    for source, target in pairs:
        try:
            text = exercise_text(source)
        except SolutionCellError as exc:
            raise SolutionCellError(f"{source.parent.name}/{source.name}: {exc}") from None
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            changed.append(target)
            if not check_only:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed
