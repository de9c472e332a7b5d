"""Generate the learner exercise notebooks from their solution notebooks (pairs named in course.yaml).

Solution cells (tagged `solution`) become placeholders (`answer = ____`), `instructor` and
`solution-only` cells are removed, and outputs are cleared. With --check, nothing is written:
exit 1 and list every exercise notebook that differs from what would be generated, and any
exercise notebook that has no solution notebook.
"""

from __future__ import annotations

NAME = "exercises"
HELP = "generate exercises/ from solutions/ (--check: fail if they differ)"


def add_arguments(parser):
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if exercises/ is out of date")


def run(args) -> int:
    from .. import paths
    from ..errors import CourseError
    from ..exercises.pipeline import course_pairs, generate_pairs, orphans
    from ..exercises.solution_cells import SolutionCellError

    root = paths.course_root()
    try:
        changed = generate_pairs(course_pairs(root), check_only=args.check)
    except SolutionCellError as exc:
        raise CourseError(str(exc)) from exc
    names = [p.relative_to(root).as_posix() for p in changed]
    leftovers = [p.relative_to(root).as_posix() for p in orphans(paths.solutions_dir(), paths.exercises_dir())]
    for name in leftovers:
        print(f"no solution notebook for: {name} (delete it, or add solutions/{name.split('/')[-1]})")
    if args.check:
        for name in names:
            print(f"out of date: {name}")
        if names:
            print("Run `cmo-course exercises` to regenerate them.")
        if names or leftovers:
            return 1
        print("exercises/ is up to date.")
        return 0
    print(f"Regenerated {len(names)} exercise notebook(s)." + "".join(f"\n  {n}" for n in names))
    return 0
