"""The instructor's cohort report: many learners' progress exports (and hub users' progress
stores) read into attempts (`read`), aggregated per lesson, question and learner (`model`), and
written as one offline HTML page with embedded charts and a CSV (`report`, `charts`).

    cohort = build(["exports/*.json", "/home/*/.local/share/cmo-course/progress.sqlite"])
    write_report(cohort, "report.html", "report.csv")
"""

from __future__ import annotations

from .model import Cohort, build, load_catalog
from .read import ExportError, Skipped, read_all
from .report import render_html, write_csv, write_report

__all__ = [
    "Cohort",
    "ExportError",
    "Skipped",
    "build",
    "load_catalog",
    "read_all",
    "render_html",
    "write_csv",
    "write_report",
]
