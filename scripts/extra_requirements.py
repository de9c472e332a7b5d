"""Print the requirements an extra of the installed course adds, one a line (for pip -r).

    .venv/bin/python scripts/extra_requirements.py test > test-requirements.txt

`make test` uses it to add the test extras to a learner's .venv without reinstalling the course.
It reads the installed distribution's metadata, so it follows pyproject.toml as last installed.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import requires

ONLY_EXTRA = re.compile(r"""\s*extra\s*==\s*['"]([^'"]+)['"]\s*""")


def extra_requirements(extra: str, dist: str = "cmo-course") -> list[str]:
    out = []
    for requirement in requires(dist) or []:
        spec, _, marker = requirement.partition(";")
        match = ONLY_EXTRA.fullmatch(marker)
        if match and match[1] == extra:
            out.append(spec.strip())
        elif "extra" in marker and not match:
            sys.exit(f"{dist}: '{requirement}' has a marker beyond 'extra == ...'; this script handles only that")
    if not out:
        sys.exit(f"{dist} declares no requirements for the extra '{extra}'")
    return out


if __name__ == "__main__":
    print("\n".join(extra_requirements(sys.argv[1] if len(sys.argv) > 1 else "test")))
