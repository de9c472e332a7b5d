"""The keyboard-safe wrapper for the course's live widgets (quizzes, exercises' forms, tool forms)."""

from __future__ import annotations

from pathlib import Path

import anywidget

ESM = Path(__file__).with_name("keyboard_guard.js")


class KeyboardGuard(anywidget.AnyWidget):
    """An invisible widget that marks the box it sits in with `data-lm-suppress-shortcuts`, so
    JupyterLab's notebook shortcuts do not fire while focus is in that box. Its ES module ships in
    the package (`keyboard_guard.js`): nothing is fetched from the network."""

    _esm = ESM.read_text(encoding="utf-8")


def keyboard_safe(box):
    """`box` (an ipywidgets Box) with a KeyboardGuard as its first child; returns the same box."""
    box.children = (KeyboardGuard(), *box.children)
    box.add_class("cmo-keyboard-safe")
    return box
