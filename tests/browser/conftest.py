"""Playwright set-up for the browser tests: Debian's Chromium (via the `chromium_path` fixture in
tests/conftest.py), axe-core from node_modules/, and a folder for screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, timeout=60_000)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed by `npm ci` (package.json pins the version)."""
    if not AXE.is_file():
        message = f"axe-core not found at {AXE.relative_to(REPO)}: run 'npm ci' in the course folder."
        if in_ci():
            pytest.fail(message + " CI=true, so the accessibility scan must run, not skip.")
        pytest.skip(message)
    return AXE


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
