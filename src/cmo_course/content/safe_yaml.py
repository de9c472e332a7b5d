"""Read a content file's YAML safely: every content file goes through `load_yaml`.

Refused, each with a ContentError that names the file and line and says what to fix:
- aliases and anchors (`&name` / `*name`): a billion-laughs file or a self-referencing alias is
  refused at the first alias, before anything is expanded;
- duplicate keys in a mapping (YAML would silently keep the last one);
- NaN and infinite numbers;
- a file larger than MAX_FILE_BYTES, or a string longer than MAX_STRING_CHARS.
Mapping keys that YAML reads as booleans (`true:`) become text. Mappings come back as `LineDict`,
a dict that remembers the line of each key, so later checks can point at the line.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..errors import ContentError, Problem
from ..paths import display_name

MAX_FILE_BYTES = 1_000_000
MAX_STRING_CHARS = 20_000


class LineDict(dict):
    """A mapping read from YAML; `line` is its first line and `key_lines` each key's line (1-based)."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


def line_of(data, field: str | None = None) -> int | None:
    """The line of the top-level key a field path names ('options[0].feedback' -> 'options') in a
    mapping read by this module; the mapping's own line without a field; None for other values."""
    if not isinstance(data, LineDict):
        return None
    if not field:
        return data.line
    return data.line_of(re.split(r"[.\[/]", field, maxsplit=1)[0])


def _loader_class():
    import yaml

    class SafeContentLoader(yaml.SafeLoader):
        """SafeLoader without aliases and duplicate keys."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _Refused(
                    event.start_mark.line + 1,
                    f"uses the alias *{event.anchor}: anchors and aliases are not allowed in "
                    "course content; write the text out in full.",
                )
            event = self.peek_event()
            if getattr(event, "anchor", None):
                raise _Refused(
                    event.start_mark.line + 1,
                    f"defines the anchor &{event.anchor}: anchors and aliases are not allowed in "
                    "course content; remove it.",
                )
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep=deep)
            mapping = LineDict()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, bool):
                    key = "true" if key else "false"
                elif not isinstance(key, str):
                    try:
                        hash(key)
                    except TypeError:
                        raise _Refused(
                            key_node.start_mark.line + 1, "has a key that is not text; use a plain word."
                        ) from None
                    key = str(key)
                if key in mapping:
                    raise _Refused(
                        key_node.start_mark.line + 1,
                        f"repeats the key '{key}' (first on line {mapping.key_lines[key]}): "
                        "YAML would keep only the last one; keep one and delete the other.",
                    )
                mapping.key_lines[key] = key_node.start_mark.line + 1
                mapping[key] = self.construct_object(value_node, deep=True)
            return mapping

        def construct_yaml_float(self, node):
            value = super().construct_yaml_float(node)
            if not math.isfinite(value):
                raise _Refused(
                    node.start_mark.line + 1,
                    f"has the number {node.value}: NaN and infinity are not allowed; write a finite number.",
                )
            return value

        def construct_yaml_str(self, node):
            value = super().construct_yaml_str(node)
            if len(value) > MAX_STRING_CHARS:
                raise _Refused(
                    node.start_mark.line + 1,
                    f"has a text of {len(value):,} characters: the limit is {MAX_STRING_CHARS:,}; shorten it.",
                )
            return value

    SafeContentLoader.add_constructor("tag:yaml.org,2002:map", SafeContentLoader.construct_mapping)
    SafeContentLoader.add_constructor("tag:yaml.org,2002:float", SafeContentLoader.construct_yaml_float)
    SafeContentLoader.add_constructor("tag:yaml.org,2002:str", SafeContentLoader.construct_yaml_str)
    return SafeContentLoader


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


_LOADER = None


def parse_yaml(text: str, name: str):
    """Parse YAML text (see the module docstring); `name` is used in messages."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise ContentError(Problem(name, None, None, exc.message, line=exc.line)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ContentError(
            Problem(
                name,
                None,
                None,
                f"YAML syntax error ({problem}); fix the indentation or quoting there.",
                line=mark.line + 1 if mark is not None else None,
            )
        ) from None
    except RecursionError:
        raise ContentError(Problem(name, None, None, "is nested too deeply; flatten it.")) from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path):
    """Read and parse a content file; ContentError if it is missing, too large or refused."""
    path = Path(path)
    name = display_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(
                Problem(
                    name,
                    None,
                    None,
                    f"is {size:,} bytes: a content file may be at most {MAX_FILE_BYTES:,}; split it or shorten it.",
                )
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(
            Problem(name, None, None, "file not found: create it, or fix the path that names it.")
        ) from None
    except IsADirectoryError:
        raise ContentError(Problem(name, None, None, "is a folder; give a file.")) from None
    except UnicodeDecodeError:
        raise ContentError(Problem(name, None, None, "is not UTF-8 text; save it as UTF-8.")) from None
    except OSError as exc:
        raise ContentError(Problem(name, None, None, f"cannot be read ({exc.strerror or exc}).")) from None
    return parse_yaml(text, name)
