"""The nbconvert HTML exporter for handouts: the `cmo_handout` template and its preprocessors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nbconvert import HTMLExporter
from traitlets import default

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "cmo_handout"
EDITIONS = ("lesson", "reference", "exercises", "solutions")
PAGE_SIZES = {"auto": "auto", "a4": "A4", "letter": "letter"}


@lru_cache(maxsize=1)
def highlight_css() -> str:
    """Pygments' `default` style (its colours meet WCAG AA on its own background)."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


class HandoutExporter(HTMLExporter):
    """HTMLExporter with the `cmo_handout` template (which extends `lab`), images embedded,
    prompts and anchor links left out. The template's conf.json lists the preprocessors."""

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES_DIR)]

    @default("embed_images")
    def _embed_images_default(self):
        return True

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True


def handout_exporter(open_disclosures: bool = False) -> HandoutExporter:
    """An exporter to reuse for many notebooks; with open_disclosures, every `<details>` is open
    (the with-solutions editions)."""
    from .preprocessors import OpenDisclosures

    exporter = HandoutExporter()
    if open_disclosures:
        exporter.register_preprocessor(OpenDisclosures(enabled=True))
    return exporter


def handout_resources(notebook: Path, title: str, edition: str, page_size: str, index_href: str) -> dict:
    """The resources for one export: where the notebook lives (to embed its images) and the
    values the template reads under `resources.cmo`."""
    if edition not in EDITIONS:
        raise ValueError(f"Unknown handout edition {edition!r}; use one of {', '.join(EDITIONS)}.")
    if page_size not in PAGE_SIZES:
        raise ValueError(f"Unknown paper size {page_size!r}; use one of {', '.join(PAGE_SIZES)}.")
    return {
        "metadata": {"name": notebook.stem, "path": str(notebook.parent)},
        "cmo": {
            "title": title,
            "edition": edition,
            "page_size": PAGE_SIZES[page_size],
            "index_href": index_href,
            "highlight_css": highlight_css(),
        },
    }
