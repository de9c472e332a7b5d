"""Committed notebooks are clean content: executed, deterministic, portable, no widget state."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
EXECUTED = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "solutions").glob("*.ipynb"))
ALL = EXECUTED + sorted((REPO / "exercises").glob("*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(?<![\w.])(/home/|/root/|/tmp/|/Users/|/work/|[A-Z]:\\\\)")


def ids(path):
    return path.relative_to(REPO).as_posix()


def text_of(nb) -> str:
    chunks = []
    for cell in nb.cells:
        chunks.append(cell.source)
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            for key, value in out.get("data", {}).items():
                if key.startswith("text/"):
                    chunks.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(chunks)


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_notebook_is_valid_python3_and_has_no_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "saved widget state: run `cmo-course execute` to save without it"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_no_absolute_paths(path):
    found = ABSOLUTE_PATH.findall(text_of(nbformat.read(path, as_version=4)))
    assert not found, f"absolute paths in {path.name}: {found}"


@pytest.mark.parametrize("path", EXECUTED, ids=ids)
def test_committed_executed_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in code), f"{path.name}: run `cmo-course execute {ids(path)}`"
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not executed top to bottom in one run"
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: error output in cell {cell.source[:40]!r}"
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"{path.name}: stderr output (a warning?) in cell {cell.source[:40]!r}"
            )


@pytest.mark.parametrize("path", sorted((REPO / "exercises").glob("*.ipynb")), ids=ids)
def test_exercises_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
