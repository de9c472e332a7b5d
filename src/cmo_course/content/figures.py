"""Static figures (content/figures/<name>.svg, with alt text in <name>.yaml beside it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..paths import content_dir, display_name
from .safe_yaml import load_yaml
from .schema import first_error

NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Anything in an SVG that would make a page fetch from the network (or run code).
REMOTE_IN_SVG = re.compile(
    r"""(?:href|src)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|<script|<foreignObject""", re.IGNORECASE
)


@dataclass(frozen=True)
class Figure:
    name: str
    svg: str
    alt: str
    lesson: str


def figures_dir(root: Path | None = None) -> Path:
    return (Path(root) / "content" / "figures") if root is not None else content_dir() / "figures"


def figure_problems(name: str, root: Path | None = None) -> list[Problem]:
    """What is wrong with one figure: its files, its alt text, network references in the SVG."""
    folder = figures_dir(root)
    svg_path, side_path = folder / f"{name}.svg", folder / f"{name}.yaml"
    where = display_name(svg_path)
    problems = []
    if not NAME.match(name):
        return [
            Problem(
                where, name, None, "is not a figure name: use lowercase words joined by hyphens.", entry_kind="figure"
            )
        ]
    if not svg_path.is_file():
        problems.append(Problem(where, name, None, "does not exist: add the SVG file.", entry_kind="figure"))
    elif REMOTE_IN_SVG.search(svg_path.read_text(encoding="utf-8")):
        problems.append(
            Problem(
                where,
                name,
                None,
                "refers to a remote file or holds a script: a figure must be "
                "self-contained (embed images, no links to the web).",
                entry_kind="figure",
            )
        )
    try:
        data = load_yaml(side_path)
    except ContentError as exc:
        return problems + exc.problems
    error = first_error("figure.json", data)
    if error:
        problems.append(Problem(display_name(side_path), name, error[0] or None, error[1], entry_kind="figure"))
    return problems


def load_figure(name: str, root: Path | None = None) -> Figure:
    """A figure's SVG and alt text; ContentError naming what to fix."""
    problems = figure_problems(name, root)
    if problems:
        raise ContentError(problems)
    folder = figures_dir(root)
    data = load_yaml(folder / f"{name}.yaml")
    return Figure(name, (folder / f"{name}.svg").read_text(encoding="utf-8"), data["alt"].strip(), data["lesson"])


def figure_names(root: Path | None = None) -> list[str]:
    folder = figures_dir(root)
    return sorted({p.stem for p in folder.glob("*") if p.suffix in (".svg", ".yaml")}) if folder.is_dir() else []
