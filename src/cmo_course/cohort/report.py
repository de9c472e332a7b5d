"""The cohort report as one offline HTML page (jinja2, autoescaped; CSS inline; charts as
embedded PNGs; no script, no font, no request) and a CSV with one row per question."""

from __future__ import annotations

import csv
import math
import re
from datetime import datetime, timezone
from pathlib import Path

from .model import Cohort, QuestionStats

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"
CSV_FIELDS = (
    "lesson",
    "question_id",
    "kind",
    "type",
    "in_course",
    "learners",
    "answered",
    "share_answered",
    "first_try_right",
    "share_first_try_right",
    "attempts",
    "most_chosen_wrong_answer",
    "most_chosen_wrong_learners",
)
LEARNER_NOTE = (
    "Progress exports carry no learner name, so each learner is labelled by the name of their file "
    "(without its suffix); files with the same name (every hub user's progress.sqlite) are labelled by "
    "the first folder in which their paths differ (on a hub, the user's home folder). Nothing else about "
    "a learner is shown."
)
_LINK = re.compile(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_IMG = re.compile(r"<img\s[^>]*>", re.S)


def _markdown(text: str) -> str:
    """Markdown as HTML (raw HTML escaped, by the question engine's renderer); links become their
    text with the address in plain text, and images their alt text, so the page requests nothing."""
    from markupsafe import Markup

    from ..questions.text import inline_markdown

    html = inline_markdown(text or "")
    html = _LINK.sub(lambda m: m.group(2) if m.group(1) in m.group(2) else f"{m.group(2)} ({m.group(1)})", html)
    html = _IMG.sub("", html)
    return Markup(html)


def _pct(value) -> str:
    """A share as a whole percentage, halves rounded up."""
    return "–" if value is None else f"{math.floor(100 * value + 0.5 + 1e-9)}%"


def render_html(cohort: Cohort, charts=None, generated_at: str | None = None) -> str:
    import jinja2

    from .charts import charts as make_charts

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _markdown
    env.filters["pct"] = _pct
    return env.get_template(TEMPLATE).render(
        cohort=cohort,
        charts=make_charts(cohort) if charts is None else charts,
        most_missed=cohort.most_missed(10),
        learner_note=LEARNER_NOTE,
        generated_at=generated_at or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        lesson_ids=[ls.info.id for ls in cohort.lessons if ls.questions],
    )


def _plain(text: str) -> str:
    return text.replace("`", "")


def csv_rows(cohort: Cohort):
    for q in cohort.questions:
        yield _csv_row(q)


def _csv_row(q: QuestionStats) -> dict:
    return {
        "lesson": q.info.lesson,
        "question_id": q.info.id,
        "kind": q.info.kind,
        "type": q.info.type,
        "in_course": int(q.info.known),
        "learners": q.learners,
        "answered": q.answered,
        "share_answered": f"{q.share_answered:.4f}",
        "first_try_right": q.first_try_right,
        "share_first_try_right": "" if q.share_first_try is None else f"{q.share_first_try:.4f}",
        "attempts": q.attempts,
        "most_chosen_wrong_answer": _plain(q.wrong_answer),
        "most_chosen_wrong_learners": q.wrong_answer_learners,
    }


def write_csv(cohort: Cohort, path: Path) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(csv_rows(cohort))


def write_report(cohort: Cohort, html_path: Path, csv_path: Path) -> None:
    html_path, csv_path = Path(html_path), Path(csv_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render_html(cohort), encoding="utf-8")
    write_csv(cohort, csv_path)
