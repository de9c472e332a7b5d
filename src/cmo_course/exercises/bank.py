"""Load and check the question specs of an exercise notebook (data/<notebook id>.yaml)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class ExerciseSetError(ValueError):
    """An exercise set is missing or malformed (the message names the file and the problem)."""


def available_sets() -> list[str]:
    """Notebook ids that have an exercise set, in course order."""
    return sorted(p.stem for p in DATA_DIR.glob("0[0-9]_*.yaml"))


def _consistency_problems(spec: dict) -> list[str]:
    """Problems the schema cannot see: answers that are not among their own options."""
    problems = []
    kind, answer = spec["kind"], spec["answer"]
    if kind == "classification":
        problems += [f"answer value {v!r} is not a category" for v in answer.values() if v not in spec["categories"]]
        problems += [f"look_again lacks category {c!r}" for c in spec["categories"] if c not in spec["look_again"]]
    elif kind == "selection":
        problems += [f"answer {v!r} is not an option" for v in answer if v not in spec["options"]]
    elif kind == "ordering" and len(set(answer)) != len(answer):
        problems.append("answer repeats a step")
    elif kind == "choice" and answer not in spec["feedback"]:
        problems.append(f"answer {answer!r} has no entry in feedback")
    return problems


@lru_cache(maxsize=None)
def load_set(notebook_id: str) -> dict:
    """The validated exercise set for one notebook id, e.g. '01_landscape'."""
    import jsonschema
    import yaml

    path = DATA_DIR / f"{notebook_id}.yaml"
    if not path.exists():
        known = ", ".join(available_sets()) or "none"
        raise ExerciseSetError(f'No exercises for "{notebook_id}". Known exercise sets: {known}.')
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads((DATA_DIR / "schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path) or "(top level)"
        raise ExerciseSetError(f"{path.name}: {where}: {errors[0].message}")
    if data["notebook"] != notebook_id:
        raise ExerciseSetError(f"{path.name}: 'notebook' says {data['notebook']!r}; it must be {notebook_id!r}.")
    for spec in data["questions"]:
        for problem in _consistency_problems(spec):
            raise ExerciseSetError(f"{path.name}: question {spec['id']}: {problem}.")
    return data
