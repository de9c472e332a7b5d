"""Subcommands of `cmo-course`.

Each module here defines NAME, HELP, a docstring (the subcommand's description),
add_arguments(parser) and run(args) -> exit code. Register a new one by adding its module name.
"""

COMMAND_MODULES = [
    "lab",
    "execute",
    "stats",
    "validate",
    "progress",
    "exercises",
    "handouts",
    "cohort",
    "app",
    "new_lesson",
    "review",
    "reset_lesson",
]
