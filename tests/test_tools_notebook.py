"""The toolkit notebook: reference metadata, short learner cells, deterministic saved outputs."""

from __future__ import annotations

import json

from cmo_course.content.manifest import load_course
from cmo_course.paths import notebooks_dir

NOTEBOOK = "07_toolkit.ipynb"


def _notebook() -> dict:
    return json.loads((notebooks_dir() / NOTEBOOK).read_text(encoding="utf-8"))


def test_toolkit_is_a_reference_notebook():
    lesson = next(item for item in load_course().lessons if item.notebook == f"notebooks/{NOTEBOOK}")
    assert lesson.kind == "reference"
    assert lesson.title == "Toolkit: decision tools for your program"


def test_code_cells_are_short_and_use_each_tool():
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) for c in cells]
    assert all(len(s.strip().splitlines()) <= 3 for s in sources)
    joined = "\n".join(sources)
    for call in ("bvo.show(", "bvo.form()", "sc.show(", "sc.form()", "qa.show(", "qa.form()"):
        assert call in joined


def test_saved_outputs_are_deterministic_and_portable():
    nb = _notebook()
    assert "widgets" not in nb["metadata"]
    for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
        assert cell["outputs"], "execute the notebook: cmo-course execute notebooks/07_toolkit.ipynb"
        for output in cell["outputs"]:
            assert output["output_type"] in ("display_data", "execute_result")
            text = json.dumps(output.get("data", {}).get("text/plain", "")) + json.dumps(
                output.get("data", {}).get("text/html", "")
            )
            assert "/work" not in text and "/tmp" not in text and "/root" not in text and " at 0x" not in text
            assert "text/plain" in output["data"]
