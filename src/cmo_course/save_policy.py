"""The save policy: saving a lesson never changes the lesson file that git tracks.

After Run All a lesson has new outputs and new widget ids, so JupyterLab marks it changed, asks
"Save your work?" on close and autosaves it every two minutes. Saved, the tracked notebook differs
from the course's copy: a later `git pull` conflicts, and nbgitpuller (which commits the learner's
changes and merges with `-Xours`, keeping the learner's side of every conflict) silently keeps the
learner's stale copy of a lesson that was since corrected.

So, for a lesson (a notebook in `notebooks/` or `solutions/` of a folder holding `course.yaml`,
already on disk), the Jupyter server's save hooks keep the file byte for byte as it was: the
pre-save hook puts the notebook on disk back into the save and remembers its bytes, the post-save
hook writes those bytes back. Outputs are never lost for good: Run All makes them again, and quiz
and exercise answers live in the progress store, not in the notebook. If the learner changed the
lesson's text (edited or added a cell), their version is saved beside the lesson as
`NAME.my-copy.ipynb` (untracked and git-ignored, so nbgitpuller leaves it alone). Exercise
notebooks (`exercises/`) are the learner's work and save normally. An author who edits lessons in
JupyterLab starts it with `cmo-course lab --edit-lessons` ($CMO_COURSE_EDIT_LESSONS=1).

This module is a Jupyter server extension that registers both hooks (beside any others an
administrator configured). The package turns it on in
`{sys.prefix}/etc/jupyter/jupyter_server_config.d/cmo-course.json` (source:
`jupyter-config/server/cmo-course.json`), so it applies on a hub's single-user servers, Binder,
`jupyter lab` and `cmo-course lab` (`make install` copies the file into `.venv`, since an editable
install skips data files).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MANIFEST = "course.yaml"
# Authors editing lessons in JupyterLab turn the policy off for their server with this variable
# (`cmo-course lab --edit-lessons` sets it). A hub passes no CMO_COURSE_* variable to learners.
EDIT_ENV = "CMO_COURSE_EDIT_LESSONS"
LESSON_FOLDERS = ("notebooks", "solutions")
COPY_SUFFIX = ".my-copy.ipynb"

_original: dict[str, bytes] = {}


def is_lesson(os_path: str | os.PathLike) -> bool:
    """A lesson notebook: `*.ipynb` in notebooks/ or solutions/ beside a course.yaml (not a copy)."""
    path = Path(os_path)
    return (
        path.suffix == ".ipynb"
        and not path.name.endswith(COPY_SUFFIX)
        and path.parent.name in LESSON_FOLDERS
        and (path.parent.parent / MANIFEST).is_file()
    )


def copy_path(os_path: str | os.PathLike) -> Path:
    path = Path(os_path)
    return path.with_name(path.name[: -len(".ipynb")] + COPY_SUFFIX)


def _text(nb) -> list[tuple[str, str]]:
    """What a learner writes in a notebook: each cell's type and source (not outputs or ids)."""
    cells = nb.get("cells", []) if isinstance(nb, dict) else []
    return [
        (c.get("cell_type", ""), "".join(s) if isinstance(s := c.get("source", ""), list) else s)
        for c in cells
        if isinstance(c, dict)
    ]


def pre_save_hook(model, path, contents_manager, **kwargs):
    """Jupyter server pre-save hook: a lesson's save writes the lesson as it is on disk."""
    if os.environ.get(EDIT_ENV, "").lower() in {"1", "true", "yes"}:
        return
    if not isinstance(model, dict) or model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    get_os_path = getattr(contents_manager, "_get_os_path", None)
    if get_os_path is None:
        return
    os_path = get_os_path(path)
    if not is_lesson(os_path) or not os.path.isfile(os_path):
        return
    import nbformat

    raw = Path(os_path).read_bytes()
    try:
        on_disk = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception:  # a lesson broken on disk: let the learner's save repair it
        return
    if _text(model["content"]) != _text(on_disk):
        learner = nbformat.from_dict(model["content"])
        nbformat.write(learner, str(copy_path(os_path)))
        log = getattr(contents_manager, "log", None)
        if log is not None:
            log.info(
                "cmo-course: lesson %s is kept as the course has it; your edits are in %s", path, copy_path(path).name
            )
    model["content"] = on_disk
    _original[os.path.realpath(os_path)] = raw


def post_save_hook(model=None, os_path=None, contents_manager=None, **kwargs):
    """Jupyter server post-save hook: put a lesson's exact bytes back (so git sees no change)."""
    if os_path is None:
        return
    raw = _original.pop(os.path.realpath(os_path), None)
    if raw is not None and Path(os_path).read_bytes() != raw:
        Path(os_path).write_bytes(raw)


def _jupyter_server_extension_points():
    return [{"module": "cmo_course.save_policy"}]


def _load_jupyter_server_extension(serverapp):
    """Register the save policy's hooks on the server's contents manager."""
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.contents_manager.register_post_save_hook(post_save_hook)
    serverapp.log.info("cmo-course: lesson saves keep the course's copy (cmo_course.save_policy)")


class ResetError(Exception):
    """A lesson could not be restored (not a git checkout, or git has no copy of it)."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)


def restore_lesson(root: str | os.PathLike, relpath: str) -> tuple[str, Path | None]:
    """Put a lesson back as the course publishes it: the version on the branch the checkout pulls
    from (`@{upstream}`, what nbgitpuller and `git pull` merge), else HEAD. The learner's version,
    if it differs, is kept as NAME.my-copy.ipynb (NAME.2.my-copy.ipynb, ... if that exists).
    Returns (the git revision used, the copy or None); progress (the SQLite store) is untouched."""
    root = Path(root)
    path = root / relpath
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise ResetError(f"{root} is not a git checkout, so there is no published copy to restore from.")
    for rev in ("@{upstream}", "HEAD"):
        shown = _git(root, "show", f"{rev}:{Path(relpath).as_posix()}")
        if shown.returncode == 0:
            break
    else:
        raise ResetError(f"git has no copy of {relpath} (is it a lesson of this course?).")
    published = shown.stdout
    copy = None
    if path.exists() and path.read_bytes() != published:
        copy = copy_path(path)
        n = 2
        while copy.exists():
            copy = path.with_name(f"{path.stem}.{n}{COPY_SUFFIX}")
            n += 1
        path.rename(copy)
    path.write_bytes(published)
    return rev, copy
