"""Generate exercises/<id>.ipynb from solutions/<id>.ipynb with an nbconvert preprocessor pipeline:
remove `instructor` and `solution-only` cells, replace `solution` cells by placeholders, clear all
outputs and execution counts, drop saved widget state; notebook metadata (kernelspec) is kept."""

from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import ClearOutputPreprocessor, Preprocessor, TagRemovePreprocessor
from traitlets import Unicode
from traitlets.config import Config

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
    """Drop saved widget state and execution timings; record which solution notebook the
    exercise came from."""

    source_path = Unicode("", help="the solution notebook, relative to the course folder").tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata["cmo_course"] = {
            "generated_from": self.source_path,
            "edit": "edit the solution notebook, then run cmo-course exercises",
        }
        return nb, resources


def default_config() -> Config:
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_TAGS)
    config.ClearOutputPreprocessor.enabled = True
    config.SolutionPlaceholderPreprocessor.enabled = True
    config.ExerciseMetadataPreprocessor.enabled = True
    return config


def exercise_preprocessors(config: Config | None = None) -> list[Preprocessor]:
    """The pipeline, in order; `config` overrides the defaults (tests disable steps with it)."""
    merged = default_config()
    if config is not None:
        merged.merge(config)
    return [
        TagRemovePreprocessor(config=merged),
        SolutionPlaceholderPreprocessor(config=merged),
        ClearOutputPreprocessor(config=merged),
        ExerciseMetadataPreprocessor(config=merged),
    ]


def build_exercise(solution_path: Path, source_label: str | None = None, config: Config | None = None):
    """The exercise notebook (a NotebookNode) generated from one solution notebook."""
    import nbformat

    solution_path = Path(solution_path)
    nb = nbformat.read(solution_path, as_version=4)
    label = source_label or f"solutions/{solution_path.name}"
    overrides = Config(config) if config is not None else Config()
    overrides.ExerciseMetadataPreprocessor.source_path = label
    resources: dict = {}
    for preprocessor in exercise_preprocessors(overrides):
        nb, resources = preprocessor(nb, resources)
    nbformat.validate(nb)
    return nb


def exercise_text(solution_path: Path, config: Config | None = None) -> str:
    """The generated exercise notebook as the exact text written to exercises/."""
    import nbformat

    return nbformat.writes(build_exercise(solution_path, config=config)) + "\n"


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
