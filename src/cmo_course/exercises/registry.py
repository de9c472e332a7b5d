"""Count the exercise questions of a notebook (for `cmo-course stats`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

_CHECK_CALL = re.compile(r"^\s*(q\d+)\.check\(\)", re.MULTILINE)


def count_exercise_questions(notebook_path) -> int:
    """The number of distinct questions whose `qN.check()` the notebook calls (commented lines
    do not count); 0 for a notebook that cannot be read."""
    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    names = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            names.update(_CHECK_CALL.findall(source))
    return len(names)
