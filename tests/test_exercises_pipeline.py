"""Generating exercises/ from solutions/: no drift, no leaks, a working `cmo-course exercises`."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from traitlets.config import Config

from cmo_course.cli import main
from cmo_course.content.manifest import load_course
from cmo_course.exercises.bank import load_set
from cmo_course.exercises.feedback import NOT_ATTEMPTED
from cmo_course.exercises.pipeline import build_exercise, exercise_text, generate
from cmo_course.exercises.registry import count_exercise_questions
from cmo_course.exercises.solution_cells import SolutionCellError, placeholder_source

REPO = Path(__file__).resolve().parents[1]
LESSONS = [lesson for lesson in load_course(REPO / "course.yaml").lessons if lesson.exercises]
SOLUTIONS = [REPO / lesson.exercises.solution for lesson in LESSONS]
EXERCISES = [REPO / lesson.exercises.notebook for lesson in LESSONS]
# A draft's exercise set may still be empty (as `cmo-course new-lesson` makes it): the layout and
# the checks are owed once the lesson is published; the leak tests cover drafts too.
PUBLISHED = [lesson for lesson in load_course(REPO / "course.yaml").published if lesson.exercises]
PUBLISHED_SOLUTIONS = [REPO / lesson.exercises.solution for lesson in PUBLISHED]
PUBLISHED_EXERCISES = [REPO / lesson.exercises.notebook for lesson in PUBLISHED]
HIDDEN_TAGS = {"solution", "instructor", "solution-only"}


def name(path):
    return path.stem


def is_placeholder_value(node) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "____"
    if isinstance(node, ast.Dict):
        return all(isinstance(v, ast.Name) and v.id == "____" for v in node.values)
    return False


def find_leaks(solution_nb, exercise_nb) -> list[str]:
    """Everything in an exercise notebook that a learner must not see: solution code, hidden
    cells, their text, outputs. Empty when the exercise is clean."""
    leaks = []
    by_id = {cell.id: cell for cell in exercise_nb.cells}
    code_text = "\n".join(c.source for c in exercise_nb.cells if c.cell_type == "code")
    all_text = "\n".join(c.source for c in exercise_nb.cells)
    for cell in solution_nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if "solution" in tags:
            twin = by_id.get(cell.id)
            if twin is None:
                leaks.append(f"solution cell {cell.id} has no placeholder cell")
                continue
            for node in ast.parse(twin.source).body:
                if not (isinstance(node, ast.Assign) and is_placeholder_value(node.value)):
                    leaks.append(f"cell {cell.id} keeps solution code: {ast.unparse(node)[:60]!r}")
            if cell.source.strip() in code_text:
                leaks.append(f"solution text of cell {cell.id} survives")
        if tags & {"instructor", "solution-only"}:
            if cell.id in by_id or cell.source.strip() in all_text:
                leaks.append(f"{sorted(tags)} cell {cell.id} survives")
    for cell in exercise_nb.cells:
        if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            leaks.append(f"cell {cell.id} is still tagged {sorted(HIDDEN_TAGS & set(cell.metadata['tags']))}")
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count):
            leaks.append(f"cell {cell.id} keeps outputs or an execution count")
    return leaks


def test_there_is_one_exercise_notebook_per_solution_notebook():
    """Every solution notebook on disk belongs to a lesson of course.yaml, and has its exercise twin."""
    assert [p.name for p in EXERCISES] == [p.name for p in SOLUTIONS]
    assert all(p.exists() for p in SOLUTIONS + EXERCISES)
    on_disk = sorted(p.name for p in (REPO / "solutions").glob("*.ipynb"))
    assert on_disk == sorted(p.name for p in SOLUTIONS), "a solution notebook that course.yaml does not name"
    assert sorted(p.name for p in (REPO / "exercises").glob("*.ipynb")) == on_disk


def test_regenerating_matches_the_committed_exercises(tmp_path):
    """No drift: what `cmo-course exercises` would write is exactly what is committed."""
    changed = generate(REPO / "solutions", tmp_path)
    assert len(changed) == len(SOLUTIONS)  # all written into the empty folder
    for committed in EXERCISES:
        assert (tmp_path / committed.name).read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
            f"exercises/{committed.name} is out of date: run `cmo-course exercises`"
        )
    assert generate(REPO / "solutions", tmp_path, check_only=True) == []


@pytest.mark.parametrize("solution", SOLUTIONS, ids=name)
def test_committed_exercises_leak_nothing(solution):
    exercise = nbformat.read(REPO / "exercises" / solution.name, as_version=4)
    assert find_leaks(nbformat.read(solution, as_version=4), exercise) == []


@pytest.mark.parametrize(
    "disabled, expected",
    [
        ("TagRemovePreprocessor", "['instructor'] cell"),
        ("SolutionPlaceholderPreprocessor", "keeps solution code"),
        ("ClearOutputPreprocessor", "keeps outputs or an execution count"),
    ],
)
def test_the_leak_test_catches_a_leak_when_a_pipeline_step_is_off(disabled, expected):
    solution_path = REPO / "solutions" / "01_landscape.ipynb"
    config = Config()
    config[disabled].enabled = False
    leaky = build_exercise(solution_path, config=config)
    leaks = find_leaks(nbformat.read(solution_path, as_version=4), leaky)
    assert any(expected in leak for leak in leaks), leaks


def synthetic_solution(path: Path) -> Path:
    cells = [
        new_markdown_cell("# Exercises: a test"),
        new_markdown_cell("Discuss timing.", metadata={"tags": ["instructor"]}),
        new_code_cell("from cmo_course.exercises import ____, exercise_set"),
        new_code_cell(
            '# Fill in each line:\nanswer = {"a": "CMO",  # the maker\n          "b": "CRO"}\nother = 2 * 3',
            metadata={"tags": ["solution", "hide-input"]},
        ),
        new_code_cell("assert answer['a'] == 'CMO'", metadata={"tags": ["solution-only"]}),
        new_code_cell("q1.check()\n# q1.hint()\n# q1.solution()"),
    ]
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"
        if cell.cell_type == "code":
            cell.execution_count = index
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="output\n")]
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "widgets": {"state": {}},
        },
    )
    nbformat.write(nb, path)
    return path


def test_pipeline_steps_on_a_synthetic_solution(tmp_path):
    source = synthetic_solution(tmp_path / "01_test.ipynb")
    exercise = build_exercise(source)
    assert [c.id for c in exercise.cells] == ["cell-0", "cell-2", "cell-3", "cell-5"]
    placeholder = exercise.cells[2]
    assert placeholder.source == '# Fill in each line:\nanswer = {\n    "a": ____,\n    "b": ____,\n}\nother = ____'
    assert placeholder.metadata["tags"] == ["hide-input"]  # other tags are kept
    assert all(
        not c.get("outputs") and c.get("execution_count") is None for c in exercise.cells if c.cell_type == "code"
    )
    assert "widgets" not in exercise.metadata
    assert exercise.metadata["kernelspec"]["name"] == "python3"
    assert exercise.metadata["cmo_course"]["generated_from"] == "solutions/01_test.ipynb"
    assert find_leaks(nbformat.read(source, as_version=4), exercise) == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("print('hi')", "line 1 of a solution cell is not `name = value`"),
        ("a = b = 1", "line 1 of a solution cell is not `name = value`"),
        ("answer = ", "does not parse"),
        ("# only a comment", "is empty"),
    ],
)
def test_solution_cells_that_are_not_plain_assignments_are_refused(source, message):
    with pytest.raises(SolutionCellError, match=message):
        placeholder_source(source)


def test_placeholders_drop_values_and_comments_but_keep_keys():
    source = 'x = ["secret"]  # secret comment\ny = {"k": "v"}\n# trailing secret'
    assert placeholder_source(source) == 'x = ____\ny = {\n    "k": ____,\n}'


def course_copy(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(REPO / "notebooks" / "00_start_here.ipynb", root / "notebooks")
    shutil.copy(REPO / "course.yaml", root / "course.yaml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "solutions", root / "solutions")
    shutil.copytree(REPO / "exercises", root / "exercises")
    return root


def test_cli_check_passes_then_fails_on_drift_and_regenerates(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path)
    monkeypatch.setenv("CMO_COURSE_ROOT", str(root))
    assert main(["exercises", "--check"]) == 0
    assert "exercises/ is up to date." in capsys.readouterr().out

    target = root / "exercises" / "03_advantages_and_tradeoffs.ipynb"
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].source += "\nEdited by hand."
    nbformat.write(nb, target)
    (root / "exercises" / "02_when_to_outsource.ipynb").unlink()
    assert main(["exercises", "--check"]) == 1
    out = capsys.readouterr().out
    assert "out of date: exercises/02_when_to_outsource.ipynb" in out
    assert "out of date: exercises/03_advantages_and_tradeoffs.ipynb" in out
    assert "01_landscape" not in out

    assert main(["exercises"]) == 0
    assert "Regenerated 2 exercise notebook(s)." in capsys.readouterr().out
    assert main(["exercises", "--check"]) == 0
    assert target.read_text(encoding="utf-8") == (REPO / "exercises" / target.name).read_text(encoding="utf-8")

    shutil.copy(target, root / "exercises" / "09_renamed.ipynb")
    assert main(["exercises", "--check"]) == 1
    assert "no solution notebook for: exercises/09_renamed.ipynb" in capsys.readouterr().out


def test_cli_reports_a_bad_solution_cell_without_a_traceback(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path)
    monkeypatch.setenv("CMO_COURSE_ROOT", str(root))
    path = root / "solutions" / "01_landscape.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
    cell.source += "\nprint(service_type)"
    nbformat.write(nb, path)
    assert main(["exercises", "--check"]) == 2
    err = capsys.readouterr().err
    assert "01_landscape.ipynb" in err and "is not `name = value`" in err and "Traceback" not in err


@pytest.mark.parametrize("path", EXERCISES + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_count_exercise_questions_matches_the_question_set(path):
    assert count_exercise_questions(path) == len(load_set(path.stem)["questions"])


def test_count_ignores_commented_checks_and_unreadable_files(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("q1.check()\n# q2.check()"),
            new_markdown_cell("q3.check()"),
            new_code_cell("q1.check()\nq4.check()"),
        ]
    )
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert count_exercise_questions(tmp_path / "x.ipynb") == 2
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    assert count_exercise_questions(tmp_path / "broken.ipynb") == 0
    assert count_exercise_questions(tmp_path / "missing.ipynb") == 0


@pytest.mark.parametrize("solution", PUBLISHED_SOLUTIONS, ids=name)
def test_solution_notebooks_follow_the_exercise_layout(solution):
    """Title, minutes, setup cell, and for each question: solution cell setting its variable, then qN.check()."""
    nb = nbformat.read(solution, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# ") and "\nExercises: " in first and " min." in first
    specs = load_set(solution.stem)["questions"]
    solution_cells = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert [ast.parse(c.source).body[0].targets[0].id for c in solution_cells] == [s["variable"] for s in specs]
    checks = [c.source for c in nb.cells if c.cell_type == "code" and ".check()" in c.source]
    assert checks == [f"q{i}.check()\n# q{i}.hint()\n# q{i}.solution()" for i in range(1, len(specs) + 1)]
    assert any("instructor" in c.metadata.get("tags", []) for c in nb.cells)


def test_generated_text_is_stable_between_runs():
    source = REPO / "solutions" / "06_capstone.ipynb"
    assert exercise_text(source) == exercise_text(source)


def run_cells(path: Path, monkeypatch) -> list:
    """Run a notebook's code cells in this process (as a kernel would, top to bottom) and return
    the feedback every check() showed."""
    from cmo_course.exercises import question

    shown = []
    monkeypatch.setattr(question, "_display", shown.append)
    monkeypatch.chdir(path.parent)
    namespace: dict = {"__name__": "__main__"}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"{path.name}:{cell.id}", "exec"), namespace)  # noqa: S102 - our notebooks
    return shown


@pytest.mark.parametrize("path", PUBLISHED_EXERCISES, ids=name)
def test_every_check_in_an_untouched_exercise_reports_not_attempted(path, monkeypatch):
    shown = run_cells(path, monkeypatch)
    assert len(shown) == len(load_set(path.stem)["questions"])
    assert {f.status for f in shown} == {NOT_ATTEMPTED}
    assert all(f.text().startswith("Not attempted yet: ") for f in shown)


@pytest.mark.parametrize("path", PUBLISHED_SOLUTIONS, ids=name)
def test_every_check_in_a_solution_notebook_passes(path, monkeypatch):
    shown = run_cells(path, monkeypatch)
    assert len(shown) == len(load_set(path.stem)["questions"])
    assert {f.status for f in shown} == {"correct"}


def test_stats_json_counts_the_exercise_questions_per_notebook(capsys):
    import json

    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    counts = {entry["id"]: entry["exercise_questions"] for entry in stats["lessons"] if entry["exercises"]}
    assert counts == {lesson.id: len(load_set(lesson.id)["questions"]) for lesson in LESSONS}
    assert stats["totals"]["exercise_questions"] == sum(counts.values())


@pytest.mark.parametrize(
    "lesson", [lesson for lesson in LESSONS if load_set(lesson.id)["questions"]], ids=lambda lesson: lesson.id
)
def test_exercise_instructions_show_a_text_answer_written_in_quotes(lesson):
    """The 'How these exercises work' paragraph of every exercise notebook with questions shows a text
    answer in quotes, as code a learner can copy (`"CMO"`): an unquoted CMO is a NameError."""
    nb = nbformat.read(REPO / lesson.exercises.notebook, as_version=4)
    paragraphs = [
        paragraph
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for paragraph in cell.source.split("\n\n")
        if "How these exercises work" in paragraph
    ]
    assert len(paragraphs) == 1, f"{lesson.exercises.notebook}: no 'How these exercises work' paragraph"
    about_quotes = [sentence for sentence in re.split(r"(?<=[.;])\s+", paragraphs[0]) if "quotes" in sentence]
    examples = [code for sentence in about_quotes for code in re.findall(r"`([^`]+)`", sentence)]

    def is_text(code: str) -> bool:
        try:
            return isinstance(ast.literal_eval(code), str)
        except (ValueError, SyntaxError):
            return False

    assert any(is_text(code) for code in examples), (
        f'{lesson.exercises.notebook}: say that text answers go in quotes and show one, like `"CMO"`: {paragraphs[0]}'
    )
