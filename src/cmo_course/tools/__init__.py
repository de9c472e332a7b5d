"""Decision tools a learner can use on their own program.

- `build_vs_outsource`: risk-adjusted expected cost and time of building a plant vs outsourcing.
- `scorecard`: weighted partner scorecard with knock-out flags, from a CSV of candidate CDMOs.
- `qa_planner`: who-does-what plan for a quality agreement, checked against FDA's 2016 guidance.

Each module is plain Python (usable from a script) with a `show(...)` for notebooks and a `form(...)`
ipywidgets form. Importing a tool is cheap: ipywidgets and matplotlib load only inside `form`, `plot`
and `show`. Bad input raises `cmo_course.tools.validation.InputError` with a message that names the
input and its allowed range.
"""
