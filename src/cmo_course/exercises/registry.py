"""Count the exercise questions of a notebook (for `cmo-course stats`)."""

from __future__ import annotations

import re
from pathlib import Path

_CHECK_CALL = re.compile(r"^\s*(q\d+)\.check\(\)", re.MULTILINE)


def count_exercise_questions(notebook_path) -> int:
    """The number of distinct questions whose `qN.check()` the notebook calls (commented lines
    do not count); 0 for a notebook that cannot be read."""
    import nbformat

    try:
        nb = nbformat.read(Path(notebook_path), as_version=4)
    except Exception:  # noqa: BLE001 - unreadable or not a notebook: no questions counted
        return 0
    names = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            names.update(_CHECK_CALL.findall(cell.source))
    return len(names)
