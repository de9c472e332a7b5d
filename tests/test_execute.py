"""`cmo-course execute` re-runs a notebook in place and saves outputs without widget state."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from cmo_course.cli import main


def make_notebook(path, *sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["widgets"] = {"stale": "state"}
    nbformat.write(nb, path)


def test_execute_saves_fresh_outputs_in_place(tmp_path, capsys):
    path = tmp_path / "demo.ipynb"
    make_notebook(path, "x = 6 * 7", "print(x)", "import ipywidgets as w; w.IntSlider(3)")
    assert main(["execute", "--quiet", str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
    assert nb.cells[1].outputs[0]["text"] == "42\n"
    assert "widgets" not in nb.metadata
    assert "Executed 1 of 1 notebooks." in capsys.readouterr().out


def test_execute_reports_a_failing_notebook_and_exits_1(tmp_path, capsys):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    make_notebook(good, "1 + 1")
    make_notebook(bad, "1 / 0")
    assert main(["execute", "--quiet", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "bad.ipynb" in out and "ZeroDivisionError" in out
    assert "Executed 1 of 2 notebooks." in out
