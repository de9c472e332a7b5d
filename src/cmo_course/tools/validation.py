"""Input checks shared by the tools: each failure names the input and what is allowed."""

from __future__ import annotations

import math
import os
from numbers import Real
from pathlib import Path


class InputError(ValueError):
    """An input a learner typed or loaded is not allowed; the message says what to fix."""


def as_number(
    name: str, value, minimum: float | None = None, maximum: float | None = None, integer: bool = False
) -> float:
    """Return `value` as a float (or int) after checking its type and range.

    >>> as_number("Discount rate", "0.05", 0, 1)
    0.05
    >>> as_number("Capital cost (USD)", -5, minimum=0)
    Traceback (most recent call last):
    ...
    cmo_course.tools.validation.InputError: Capital cost (USD) must be 0 or more; got -5.
    """
    allowed = describe_range(minimum, maximum, integer)
    if isinstance(value, bool) or value is None:
        raise InputError(f"{name} must be {allowed}; got {value!r}.")
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            what = allowed if allowed.startswith("a ") else f"a number {allowed}"
            raise InputError(f"{name} is empty; enter {what}.")
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"{name} must be a number ({allowed}); got the text {value!r}.") from None
    elif isinstance(value, Real):
        number = float(value)
    else:
        raise InputError(f"{name} must be a number ({allowed}); got {type(value).__name__} {value!r}.")
    if math.isnan(number) or math.isinf(number):
        raise InputError(f"{name} must be a finite number ({allowed}); got {value!r}.")
    if integer and not number.is_integer():
        raise InputError(f"{name} must be {allowed}; got {value!r}.")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise InputError(f"{name} must be {allowed}; got {_plain(value)}.")
    return int(number) if integer else number


def as_probability(name: str, value) -> float:
    """A probability between 0 and 1 (write 52% as 0.52).

    >>> as_probability("Phase I to Phase II", 0.52)
    0.52
    """
    try:
        return as_number(name, value, 0.0, 1.0)
    except InputError as exc:
        raise InputError(f"{exc} Write a probability as a decimal, e.g. 52% as 0.52.") from None


def as_choice(name: str, value, choices) -> str:
    """One of `choices` (compared without regard to case or surrounding spaces); returns the choice."""
    text = str(value).strip() if value is not None else ""
    for choice in choices:
        if text.lower() == str(choice).lower():
            return choice
    listed = ", ".join(str(c) for c in choices)
    raise InputError(f"{name} must be one of: {listed}; got {value!r}.")


def as_text(name: str, value, required: bool = True) -> str:
    """Text, stripped; empty is an error when `required`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{name} must be text; got {type(value).__name__} {value!r}.")
    text = value.strip()
    if required and not text:
        raise InputError(f"{name} must not be empty.")
    return text


def describe_range(minimum: float | None, maximum: float | None, integer: bool = False) -> str:
    """Words for an allowed range, e.g. 'between 0 and 1' or '0 or more'."""
    kind = "a whole number " if integer else ""
    if minimum is not None and maximum is not None:
        return f"{kind}between {_plain(minimum)} and {_plain(maximum)}"
    if minimum is not None:
        return f"{kind}{_plain(minimum)} or more".strip()
    if maximum is not None:
        return f"{kind}{_plain(maximum)} or less".strip()
    return "a number" if not integer else "a whole number"


def _plain(value) -> str:
    """A number as people write it: 100,000,000 rather than 100000000.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)


def as_path(name: str, value) -> Path:
    """A file path given as text or a `pathlib.Path`; anything else (or empty text) is an error."""
    if isinstance(value, str):
        if not value.strip():
            raise InputError(f"{name} is empty; give the path of a file.")
        return Path(value.strip())
    if isinstance(value, os.PathLike):
        return Path(value)
    raise InputError(f"{name} must be a file path (text or a pathlib.Path); got {type(value).__name__} {value!r}.")


def read_text_file(name: str, value, kind: str, not_utf8: str = "save it as UTF-8 text") -> tuple[Path, str]:
    """(path, text) of a UTF-8 file; `kind` says what it should be, e.g. "a .csv file", and
    `not_utf8` how to fix a file that is not UTF-8 text. Every failure to read is an `InputError`
    saying what to fix."""
    path = as_path(name, value)
    try:
        return path, path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not a UTF-8 text file; {not_utf8}.") from None
    except FileNotFoundError:
        raise InputError(f"No file at {path}; check the file name and folder.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file: give the path of {kind}.") from None
    except NotADirectoryError:
        raise InputError(f"No file at {path}: a part of that path is a file, not a folder.") from None
    except PermissionError:
        raise InputError(f"Cannot read {path}: permission denied; copy it to a folder you can read.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _file_mode(path: Path) -> int:
    """The permissions a saved file gets: those of the file it replaces, else the usual new-file ones."""
    import stat

    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_file(name: str, value, text: str, kind: str) -> Path:
    """Write `text` (UTF-8, line endings as given) through a temporary file in the same folder, then
    `os.replace`: a crash mid-write leaves the old file whole, and the saved file keeps the permissions
    of the one it replaces. Every failure to write is an `InputError` saying what to fix."""
    import tempfile

    path = as_path(name, value)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file: give the path of {kind}.")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, _file_mode(path))  # mkstemp makes the file private (0600)
        os.replace(temporary, path)
        temporary = None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file: give the path of {kind}.") from None
    except NotADirectoryError:
        raise InputError(f"Cannot save {path}: a part of that path is a file, not a folder.") from None
    except FileNotFoundError:
        if path.parent.is_dir():  # e.g. /proc: the folder exists but takes no new files
            raise InputError(
                f"Cannot save {path}: {path.parent} does not take new files; choose a folder you can write to."
            ) from None
        raise InputError(f"Cannot save {path}: the folder {path.parent} does not exist.") from None
    except PermissionError:
        raise InputError(f"Cannot save {path}: permission denied; choose a folder you can write to.") from None
    except OSError as exc:
        raise InputError(f"Cannot save {path}: {exc.strerror or exc}; choose a folder you can write to.") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return path


def as_sequence(name: str, value, what: str = "values") -> list:
    """A list or tuple given as a list or tuple; text, numbers, dicts and None are errors."""
    if isinstance(value, (list, tuple)):
        return list(value)
    raise InputError(f"{name} must be a list of {what}; got {type(value).__name__} {value!r}.")


def as_instance(name: str, value, kind: type, hint: str):
    """`value` if it is a `kind`; otherwise an error naming the input and how to make one."""
    if isinstance(value, kind):
        return value
    raise InputError(f"{name} must be {hint}; got {type(value).__name__} {_short(value)}.")


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
