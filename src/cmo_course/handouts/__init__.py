"""Offline HTML handouts of the course, built with nbconvert.

`build_handouts(out_dir)` writes an index page (the course map), one handout per notebook in
notebooks/, and the exercises twice: `exercises/<id>.html` (learner edition) and
`solutions/<id>.html` (with solutions, every disclosure open). Pages make no network request:
no scripts, styles inlined, images embedded.
"""

from .build import BuildResult, HandoutJob, build_handouts, plan_handouts, render_handout
from .index_page import render_index

__all__ = ["BuildResult", "HandoutJob", "build_handouts", "plan_handouts", "render_handout", "render_index"]
