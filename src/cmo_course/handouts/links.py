"""Point links between notebooks at the matching handouts (`01_landscape.ipynb` -> `.html`)."""

from __future__ import annotations

import posixpath
import re

_HREF = re.compile(r'href="(?P<target>[^"#:?]+\.ipynb)(?P<fragment>#[^"]*)?"')


def rewrite_notebook_links(html: str, source: str, page: str, pages: dict[str, str]) -> str:
    """Rewrite relative links to course notebooks so they open the built handouts.

    source: the notebook's path in the course folder (`notebooks/00_start_here.ipynb`);
    page: the handout's path in the output folder (`00_start_here.html`);
    pages: every built notebook's course path -> its handout's output path.
    Links to notebooks without a handout are left as they are.
    """
    source_dir = posixpath.dirname(source)
    page_dir = posixpath.dirname(page) or "."

    def replace(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(source_dir, match["target"]))
        if target not in pages:
            return match.group(0)
        href = posixpath.relpath(pages[target], page_dir)
        return f'href="{href}{match["fragment"] or ""}"'

    return _HREF.sub(replace, html)
