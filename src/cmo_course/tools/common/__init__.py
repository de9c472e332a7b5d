"""Helpers the tools share for their views: jinja2 templates, text tables, display objects
(`_repr_mimebundle_`), figures and the form shell. Nothing here imports a tool; models import none
of it (they use only `cmo_course.tools.validation` and `cmo_course.tools.data`)."""
