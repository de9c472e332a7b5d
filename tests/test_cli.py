"""`cmo-course --help` and every subcommand's --help work, and errors are friendly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cmo_course.cli import build_parser, main
from cmo_course.commands import COMMAND_MODULES

SUBCOMMANDS = [__import__(f"cmo_course.commands.{m}", fromlist=["NAME"]).NAME for m in COMMAND_MODULES]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "cmo_course.cli", *args], capture_output=True, text=True, timeout=120)


def test_top_level_help_lists_every_subcommand():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help(name):
    result = run_cli(name, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: cmo-course {name}" in result.stdout


def test_the_foundation_subcommands_are_registered():
    assert {"lab", "execute", "stats"} <= set(SUBCOMMANDS)


def test_no_subcommand_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_execute_rejects_a_non_notebook_with_a_message(tmp_path, capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hi")
    assert main(["execute", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert "is not a notebook" in err and "Traceback" not in err


def test_parser_builds_without_side_effects():
    parser = build_parser()
    assert parser.prog == "cmo-course"


def test_a_reader_that_stops_early_gets_no_traceback():
    """`cmo-course validate | head -1`: the pipe closes after one line; the command stops quietly."""
    reader = subprocess.Popen(
        [sys.executable, "-m", "cmo_course.cli", "validate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reader.stdout.close()  # the reader has gone before the first line is written
    _, err = reader.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert reader.returncode == 141
