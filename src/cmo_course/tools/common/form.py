"""The shell of every tool form (ipywidgets loads only when a form is built).

Each form is a `ToolForm`: displaying it shows the live widget, plus deterministic `text/plain` and
`text/html` fallbacks (what nbval compares and what a handout or an unrun notebook shows): the form's
result for its starting values in a sentence, then those values. Bad input
never raises in the form: the message from `InputError` appears in red above the results. The HTML
comes from `cmo_course/tools/templates/_form.html.j2`.
"""

from __future__ import annotations

from ..validation import InputError
from .templates import macro

FORM_TEMPLATE = "_form.html.j2"


def form_html(name: str, *args) -> str:
    """One of the form template's macros (header, message, section_heading, fallback) as a string."""
    return str(macro(FORM_TEMPLATE, name)(*args))


class ToolForm:
    """A form widget with a static fallback, a message line, and a results area."""

    def __init__(
        self, title: str, fields: list, buttons: list, fallback_rows: list[tuple[str, str]], run, result: str = ""
    ):
        import ipywidgets as widgets

        from ...widgets import keyboard_safe

        self.title = title
        self.fields = fields
        self.buttons = buttons
        self.fallback_rows = fallback_rows
        self.starting_result = result  # what the form gives for its starting values, in one or two sentences
        self._run = run
        self.message = widgets.HTML(value="")
        self.output = widgets.Output()
        self.result = None
        header = widgets.HTML(value=form_html("header", title))
        self.widget = keyboard_safe(widgets.VBox([header, *fields, widgets.HBox(buttons), self.message, self.output]))
        self.widget.add_class("cmo-tool-form-live")  # the header's styles: labels wrap, never cut off

    def submit(self, action: str = "compute") -> bool:
        """Run an action as the button would; True if it worked, False if a message was shown."""
        self.output.clear_output()
        try:
            self.result = self._run(self, action)
        except InputError as exc:
            # No stale result: the results area was cleared above and stays empty under the message.
            self.output.clear_output()
            self.output.outputs = ()
            self.result = None
            self.message.value = form_html("message", str(exc))
            return False
        self.message.value = ""
        return True

    def fallback_text(self) -> str:
        lines = [f"{self.title} (run the notebook to use this form)"]
        if self.starting_result:
            lines.append(f"With these starting values: {self.starting_result}")
        lines += [f"- {label}: {value}" for label, value in self.fallback_rows]
        return "\n".join(lines)

    def fallback_html(self) -> str:
        return form_html("fallback", self.title, self.fallback_rows, self.starting_result)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.fallback_text()
        bundle["text/html"] = self.fallback_html()
        return bundle


def button(label: str, on_click):
    """A button that calls `on_click()` (no arguments)."""
    import ipywidgets as widgets

    widget = widgets.Button(description=label)
    widget.on_click(lambda _: on_click())
    return widget


def style() -> dict:
    """A field's label column: 20em wide; a longer label wraps onto more lines (the header's styles)."""
    return {"description_width": "20em"}


def layout():
    import ipywidgets as widgets

    return widgets.Layout(width="34em")
