"""Every ```python block in README.md runs as shown: in a fresh folder, with the installed course."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(line number of the opening fence, code) for each ```python block."""
    return [(text.count("\n", 0, match.start()) + 1, match.group(1)) for match in FENCE.finditer(text)]


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def run_block(code: str, folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CMO_COURSE_PROGRESS_DB": str(folder / "progress.sqlite"), "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 3  # one per tool, at least


@pytest.mark.parametrize("line, code", BLOCKS, ids=[f"README.md:{line}" for line, _ in BLOCKS])
def test_readme_block_runs(line, code, tmp_path):
    result = run_block(code, tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, (
        f"README.md line {line}: the block fails:\n{result.stderr}"
    )


def test_a_broken_block_fails(tmp_path):
    """The check above would catch a README example that stops working."""
    line, code = BLOCKS[0]
    broken = code.replace("bvo.compare(", "bvo.compare_renamed(", 1)
    assert broken != code
    result = run_block(broken, tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr
