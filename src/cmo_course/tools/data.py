"""Read the tools' data files (defaults, criteria, quality-agreement items, sample CSV)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Path of a file in `cmo_course/tools/data/` (package data: the README examples use these defaults)."""
    return DATA_DIR / name


@cache
def load_yaml(name: str) -> dict:
    """Parsed YAML data file (cached; treat the result as read-only)."""
    from ..content.safe_yaml import load_yaml as load_safely

    return load_safely(data_path(name))
