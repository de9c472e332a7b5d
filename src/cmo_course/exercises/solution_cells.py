"""Turn a solution cell's code into the learner's placeholder version.

Rule (the course's one convention): a code cell tagged `solution` holds only assignments, each
`name = value`. In the exercise, each becomes `name = ____`; when the value is a dict literal, its
keys stay and each value becomes ____ (the learner fills in the blanks). Comment lines before the
first assignment are kept; every other comment and value is dropped, so no solution text leaks.
"""

from __future__ import annotations

import ast
import json

from ..questions.placeholder import PLACEHOLDER_NAME


class SolutionCellError(ValueError):
    """A solution cell is not a list of simple assignments."""


def placeholder_source(source: str) -> str:
    """The exercise version of a solution cell's source."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise SolutionCellError(f"a solution cell does not parse: {exc.msg} (line {exc.lineno}).") from exc
    if not tree.body:
        raise SolutionCellError("a solution cell is empty.")
    first_line = tree.body[0].lineno
    kept = [line for line in source.splitlines()[: first_line - 1] if line.strip().startswith("#")]
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise SolutionCellError(
                f"line {node.lineno} of a solution cell is not `name = value`; a solution cell holds only assignments."
            )
        name = node.targets[0].id
        if isinstance(node.value, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.value.keys):
            entries = [f"    {_literal(key.value)}: {PLACEHOLDER_NAME}," for key in node.value.keys]
            kept.append(f"{name} = {{\n" + "\n".join(entries) + "\n}")
        else:
            kept.append(f"{name} = {PLACEHOLDER_NAME}")
    return "\n".join(kept)


def _literal(value) -> str:
    """A dict key as the learner saw it: strings in double quotes."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
