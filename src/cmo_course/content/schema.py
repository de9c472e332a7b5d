"""JSON Schema checks of content files (fastjsonschema, the course's one schema library), with
errors in authors' words: the field, what is wrong and what to fix.

fastjsonschema stops at the first error, so callers check one entry at a time (each question,
each term) to report every entry's first problem.
"""

from __future__ import annotations

import json
from functools import cache

from ..paths import schemas_dir

ID_HINT = "use lowercase letters, digits and single hyphens (kebab-case), e.g. 'cro-does-not-manufacture'"
DRAFT = "http://json-schema.org/draft-07/schema#"
_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "number": "a number",
    "boolean": "true or false",
    "integer": "a whole number",
}


@cache
def schema(name: str) -> dict:
    """A schema shipped with the package, by file name (e.g. 'quiz-bank.json')."""
    return json.loads((schemas_dir() / name).read_text(encoding="utf-8"))


@cache
def validator(name: str, pointer: str = "", shallow: str = ""):
    """A compiled validator for a schema, or for the part of it at a JSON pointer such as
    '/$defs/question'. With `shallow`, that top-level list property's items are checked only as
    mappings (callers check them one by one, to report every entry's first problem)."""
    import fastjsonschema

    whole = json.loads(json.dumps(schema(name)))
    whole["$schema"] = DRAFT
    if shallow:
        whole["properties"][shallow]["items"] = {"type": "object"}
    if pointer:
        whole["$ref"] = f"#{pointer}"  # draft-07: the root's other keywords are then ignored
    return fastjsonschema.compile(whole)


def got(value) -> str:
    """A value as an author would name it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _message(error) -> tuple[list, str]:
    """(extra field parts, message) for one fastjsonschema error."""
    rule, definition, value = error.rule, error.rule_definition, error.value
    if rule == "required":
        missing = next((k for k in definition if not isinstance(value, dict) or k not in value), "?")
        return [missing], "is missing: add it (see CONTRIBUTING.md)."
    if rule == "type":
        wanted = definition if isinstance(definition, str) else definition[0]
        tip = "; put it in quotes" if wanted == "string" else ""
        return [], f"must be {_TYPE_WORDS.get(wanted, wanted)}, not {got(value)}{tip}."
    if rule in ("pattern", "minLength"):
        pattern = error.definition.get("pattern", "")
        if pattern.startswith("^[a-z0-9]"):
            return [], f"{got(value)} is not a valid id: {ID_HINT}."
        if pattern.startswith("^[0-9]{2}"):
            return [], f"{got(value)} is not a lesson id: write it like '01_landscape'."
        if rule == "pattern" and pattern not in ("\\S",):
            return [], f"{got(value)} does not have the expected form ({error.definition.get('description', pattern)})."
        if rule == "minLength" and isinstance(value, str) and value.strip():
            return [], f"is too short: write at least {definition} characters."
        return [], "is empty: write the text."
    if rule == "maxLength":
        return [], f"is longer than {definition} characters: shorten it."
    if rule == "enum":
        return [], f"{got(value)} is not allowed: use one of {', '.join(str(x) for x in definition)}."
    if rule == "const":
        return [], f"must be {got(definition)}, not {got(value)}."
    if rule in ("minItems", "minProperties"):
        return [], f"needs at least {definition} entries."
    if rule in ("maxItems", "maxProperties"):
        return [], f"has more than {definition} entries."
    if rule == "minimum":
        return [], f"must be {definition} or more, not {got(value)}."
    if rule == "maximum":
        return [], f"must be {definition} or less, not {got(value)}."
    if rule == "oneOf":
        return [], "write either {value: ..., tolerance: ...} or {min: ..., max: ...}, not both or neither."
    if rule == "additionalProperties":
        known = error.definition.get("properties", {})
        extra = [k for k in value if k not in known] if isinstance(value, dict) else []
        return extra[:1], "is not a known field here: remove it or check the spelling."
    return [], error.message.replace("data", "this entry", 1)


def field_name(parts) -> str:
    """['options', 0, 'feedback'] -> 'options[0].feedback'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _path_parts(error) -> list:
    parts = []
    for part in error.path[1:]:
        parts.append(int(part) if isinstance(part, str) and part.isdigit() else part)
    return parts


def first_error(name: str, data, pointer: str = "", shallow: str = "") -> tuple[str, str] | None:
    """(field, message) of the first schema error in `data`, or None when it is valid."""
    import fastjsonschema

    try:
        validator(name, pointer, shallow)(data)
    except fastjsonschema.JsonSchemaValueException as error:
        return describe_error(error)
    return None


def describe_error(error) -> tuple[str, str]:
    """(field, message) for a fastjsonschema error."""
    extra, message = _message(error)
    return field_name(_path_parts(error) + extra), message


_QUESTION_SCHEMAS = {
    "quiz": ("quiz-bank.json", ("$defs", "question")),
    "exercise": ("exercise-set.json", ("properties", "questions", "items")),
}


@cache
def type_branches(form: str) -> dict[str, dict]:
    """{question type: its `then` branch} in the quiz-bank ("quiz") or exercise-set ("exercise")
    schema: each question type's schema fragment."""
    name, path = _QUESTION_SCHEMAS[form]
    node = schema(name)
    for key in path:
        node = node[key]
    return {branch["if"]["properties"]["type"]["const"]: branch["then"] for branch in node.get("allOf", [])}
