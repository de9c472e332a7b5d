"""Live widgets' shared parts. `keyboard_safe(box)` puts a course widget in the wrapper that keeps
the keyboard: notebook shortcuts (ArrowDown, `b`, `d d`) do not fire while focus is inside it."""

from .keyboard import KeyboardGuard, keyboard_safe

__all__ = ["KeyboardGuard", "keyboard_safe"]
