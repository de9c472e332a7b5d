"""Build every handout in one process: the index page, one page per notebook, and the
exercises twice (learner edition from exercises/, with solutions from solutions/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .index_page import INDEX_PAGE, render_index


@dataclass(frozen=True)
class HandoutJob:
    """One notebook to export: where it is, where its page goes (relative to the output
    folder, POSIX), and which edition it is."""

    notebook: Path
    page: str
    edition: str


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the notebooks that failed with a message saying why."""

    pages: list[Path]
    failures: list[tuple[Path, str]]


def plan_handouts(root: Path) -> list[HandoutJob]:
    """Every handout of the course in `root`, in the manifest's order (draft lessons left out):
    each lesson page, then each exercise notebook, then each solution notebook."""
    from ..content.manifest import load_course

    course = load_course(Path(root) / "course.yaml")
    lessons = course.published
    jobs = [HandoutJob(root / lesson.notebook, f"{Path(lesson.notebook).stem}.html",
                       "reference" if lesson.kind == "reference" else "lesson") for lesson in lessons]
    for folder, edition in (("exercises", "exercises"), ("solutions", "solutions")):
        for lesson in lessons:
            if lesson.exercises:
                notebook = lesson.exercises.notebook if edition == "exercises" else lesson.exercises.solution
                jobs.append(HandoutJob(root / notebook, f"{folder}/{Path(notebook).stem}.html", edition))
    return jobs


def build_handouts(
    out_dir: Path, root: Path | None = None, page_size: str = "auto", progress: bool = True
) -> BuildResult:
    """Write the handouts of the course in `root` (default: the course folder) to `out_dir`.

    One exporter per edition is reused for every notebook, so templates load once. A notebook
    that cannot be converted is reported in `failures`; the others are still built.
    """
    from tqdm.auto import tqdm

    from .. import paths

    root = Path(root) if root is not None else paths.course_root()
    out_dir = Path(out_dir)
    jobs = plan_handouts(root)
    course_pages = {job.notebook.relative_to(root).as_posix(): job.page for job in jobs}
    exporters: dict[bool, object] = {}
    written, failures = [], []
    bar = tqdm(total=len(jobs) + 1, desc="Building handouts", unit="page", disable=not progress)
    for job in jobs:
        bar.set_postfix_str(job.page)
        try:
            html = render_handout(job, root, page_size, course_pages, exporters)
        except Exception as exc:  # noqa: BLE001 - report any notebook's failure, build the rest
            failures.append((job.notebook, _describe(exc)))
        else:
            written.append(_write(out_dir / job.page, html))
        bar.update()
    bar.set_postfix_str(INDEX_PAGE)
    written.append(_write(out_dir / INDEX_PAGE, render_index(jobs, page_size, root)))
    bar.update()
    bar.close()
    return BuildResult(pages=written, failures=failures)


def render_handout(job: HandoutJob, root: Path, page_size: str, course_pages: dict[str, str],
                   exporters: dict | None = None) -> str:
    """The HTML of one handout (exporters: a cache of exporters to reuse between calls)."""
    import posixpath

    import nbformat

    from ..content.lesson_cells import notebook_title
    from .exporter import handout_exporter, handout_resources
    from .links import rewrite_notebook_links

    exporters = {} if exporters is None else exporters
    open_disclosures = job.edition == "solutions"
    if open_disclosures not in exporters:
        exporters[open_disclosures] = handout_exporter(open_disclosures)
    nb = nbformat.read(job.notebook, as_version=4)
    title = notebook_title(nb) or job.notebook.stem
    index_href = posixpath.relpath(INDEX_PAGE, posixpath.dirname(job.page) or ".")
    resources = handout_resources(job.notebook, title, job.edition, page_size, index_href)
    html, _ = exporters[open_disclosures].from_notebook_node(nb, resources=resources)
    source = job.notebook.relative_to(root).as_posix()
    return rewrite_notebook_links(html, source, job.page, course_pages)


def _write(path: Path, html: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _describe(exc: Exception) -> str:
    from nbformat.reader import NotJSONError

    if isinstance(exc, NotJSONError):
        return "not a valid notebook file (is it valid JSON?)"
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[-1] if message else 'no details'}"
