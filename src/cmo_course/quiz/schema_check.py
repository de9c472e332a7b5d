"""The JSON Schema check of a quiz bank, with errors in authors' words (file, question id, field,
what to fix)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from .. import paths

ID_HINT = "use lowercase letters, digits and single hyphens (kebab-case), e.g. 'cro-does-not-manufacture'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank."""

    file: str
    question_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.question_id:
            where.append(f"question '{self.question_id}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((paths.package_dir() / "schemas" / "quiz-bank.json").read_text(encoding="utf-8"))


def _field_name(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _got(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


_TYPE_WORDS = {"string": "text", "object": "a mapping (key: value lines)", "array": "a list",
               "number": "a number", "boolean": "true or false", "integer": "a whole number"}


def _schema_message(error) -> tuple[list, str]:
    """(extra path parts, message) for one jsonschema error, in authors' words."""
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [missing], "is missing: add it (see CONTRIBUTING.md, 'Quiz banks')."
    if v == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        tip = "; put it in quotes" if wanted == "string" else ""
        return [], f"must be {_TYPE_WORDS.get(wanted, wanted)}, not {_got(error.instance)}{tip}."
    if v in ("pattern", "minLength"):
        pattern = error.schema.get("pattern", "")
        if pattern.startswith("^[a-z0-9]"):
            return [], f"{_got(error.instance)} is not a valid id: {ID_HINT}."
        if pattern.startswith("^[0-9]{2}"):
            return [], f"{_got(error.instance)} is not a lesson id: write it like '01_landscape'."
        return [], "is empty: write the text."
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return [], f"{_got(error.instance)} is not allowed: use one of {allowed}."
    if v in ("minItems", "minProperties"):
        return [], f"needs at least {error.validator_value} entries."
    if v == "minimum":
        return [], f"must be {error.validator_value} or more, not {_got(error.instance)}."
    if v == "oneOf":
        return [], "write either {value: ..., tolerance: ...} or {min: ..., max: ...}, not both or neither."
    if v == "propertyNames":
        return [], f"key {_got(error.instance)} is not a valid id: {ID_HINT}."
    if v == "additionalProperties":
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return [extra[0]] if extra else [], "is not a known field here: remove it or check the spelling."
    return [], error.message


def _question_label(data, parts) -> tuple[str | None, list]:
    """Split a path like ['questions', 2, 'options', 0] into the question's id and the rest."""
    if len(parts) >= 2 and parts[0] == "questions" and isinstance(parts[1], int):
        questions = data.get("questions") if isinstance(data, dict) else None
        question = questions[parts[1]] if isinstance(questions, list) and parts[1] < len(questions) else None
        qid = question.get("id") if isinstance(question, dict) else None
        label = qid if isinstance(qid, str) and qid else f"#{parts[1] + 1}"
        return label, list(parts[2:])
    return None, list(parts)


def schema_problems(data, name: str) -> list[Problem]:
    """Every schema error in a parsed bank, as Problems."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "unevaluatedProperties":
            continue  # validate.py reports unknown fields itself, in better words
        extra, message = _schema_message(error)
        qid, rest = _question_label(data, list(error.absolute_path))
        problems.append(Problem(name, qid, _field_name(rest + extra) or None, message))
    return problems
