"""Decision tools a learner can use on their own program.

- `build_vs_outsource`: risk-adjusted expected cost and time of building a plant vs outsourcing.
- `scorecard`: weighted partner scorecard with knock-out flags, from a CSV of candidate CDMOs.
- `qa_planner`: who-does-what plan for a quality agreement, checked against FDA's 2016 guidance.
- `term_sheet`: the key terms of a draft CDMO proposal or MSA, each reported present or missing, with sourced findings and questions.
- `oversight_plan`: a year's oversight calendar for a CDMO (audits by risk, batch-record reviews, KPI
  reviews, steering committees) with a KPI sheet, per-batch KPI records and trend charts.

Each tool is a package of layers, each importing only the layers below it:

    form.py               the ipywidgets form (calls report and chart)
    report.py  chart.py   text and HTML from jinja2 templates in templates/; the matplotlib chart
    model.py              dataclasses and the computation (plain Python, usable from a script)

Its `__init__` re-exports the model and the notebook calls: `show(...)` (displays a report view and
a chart view, each through `_repr_mimebundle_`), `form(...)`, `report_text`/`report_html`, `plot`.
The tools are independent of each other. What they share sits below them: `validation` (checks;
bad input raises `cmo_course.tools.validation.InputError` with a message that names the input and
its allowed range: at every public call, for a wrong type, a number out of range, a folder given as a
file or a place a plan cannot be saved; tests/test_tool_inputs.py lists the cases; the forms' boxes are
unbounded, so an entry out of range gets that message instead of being clamped), `data` (the defaults in `data/`, read with the course's safe YAML loader) and
`common` (the template environment, text tables, view objects and the form shell), with the shared
templates in `templates/`. Importing a tool is cheap: jinja2, ipywidgets and matplotlib load only
when a report, a form or a chart is made.
"""
