"""A one-line hint under the NameError a learner gets when a text answer is typed without quotes
(`one_partner = CDMO`): the error happens in their own cell, before check() can help."""

from __future__ import annotations

import re

_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


def hint_for(error: BaseException, answer_words: set[str]) -> str | None:
    """The hint for a NameError, or None when it is not about a missing name."""
    found = _UNDEFINED.search(str(error))
    if not found:
        return None
    name = found.group(1)
    if name in answer_words:
        return f'Hint: text answers go in quotes. Write "{name}" (with the quotes), not {name}.'
    return (
        f'Hint: if {name} is meant as a text answer, put it in quotes: "{name}". '
        "If it is a name set in an earlier cell, run that cell first."
    )


def install(answer_words: set[str]) -> bool:
    """Show the hint under every NameError in this IPython session; False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False

    def handler(self, etype, value, tb, tb_offset=None):
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        hint = hint_for(value, answer_words)
        if hint:
            print(hint)

    shell.set_custom_exc((NameError,), handler)
    return True
