"""The course's content rules, owned by `cmo-course validate`: the real course passes them, and each
rule catches what it is for (hostile YAML, stub lessons, remote images, hidden sources, drift)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from cmo_course.cli import main
from cmo_course.content.manifest import load_course
from cmo_course.validate import validate_course, validate_files

REPO = Path(__file__).resolve().parents[1]
GOOD_BANK = REPO / "tests" / "fixtures" / "banks" / "good" / "91_fixture_demo.yaml"


def test_the_course_passes_every_content_rule():
    report = validate_course(REPO)
    assert [str(p) for p in report.problems] == []
    course = load_course(REPO / "course.yaml")
    taught = [lesson for lesson in course.published if lesson.kind == "lesson"]
    assert taught and report.checked["quiz questions"] >= 7 * len(taught)
    assert report.checked["exercise questions"] >= 4 * len(taught)


def test_cli_validates_the_whole_course(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("The course is valid: ")


def run_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cmo_course.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
    )


HOSTILE = {
    "billion_laughs": (
        'lesson: 90_x\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
        + "questions: []\n",
        "anchors and aliases are not allowed",
    ),
    "self_alias": ("lesson: 90_x\nloop: &loop [*loop]\nquestions: []\n", "anchors and aliases are not allowed"),
    "duplicate_key": ("lesson: 90_x\nquestions: []\nlesson: 90_y\n", "repeats the key 'lesson'"),
    "nan_bound": (
        "lesson: 90_x\nquestions:\n  - id: q\n    type: numeric\n    answer: {min: .nan, max: 3}\n",
        "NaN and infinity are not allowed",
    ),
    "infinite_bound": (
        "lesson: 90_x\nquestions:\n  - id: q\n    type: numeric\n    answer: {value: .inf, tolerance: 1}\n",
        "NaN and infinity are not allowed",
    ),
    "remote_image": (
        "lesson: 90_x\nquestions:\n  - id: q\n    type: true_false\n"
        "    prompt: 'Is this chart right? ![chart](https://example.org/x.png)'\n    answer: true\n"
        "    feedback: {'true': 'Yes, it is.', 'false': 'No, it is not.'}\n"
        "    explanation: Because.\n    source: NIH SEED guide\n",
        "has a remote image",
    ),
    "huge_prompt": (
        'lesson: 90_x\nquestions:\n  - id: q\n    prompt: "' + "x" * 5_000_000 + '"\n',
        "a content file may be at most",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_validate_refuses_hostile_content_with_a_message_fast(tmp_path, case):
    text, expected = HOSTILE[case]
    path = tmp_path / "90_x.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_validate(path)  # run_validate's timeout stops a file that would blow up
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr and "MemoryError" not in result.stderr
    problems, _ = validate_files([path], against_course=False)
    assert problems and expected in str(problems[0])
    # How fast: benchmarks/hostile_content.py (`make bench`), as a ratio against a real bank.


def copy_course(tmp_path: Path) -> Path:
    """A copy of the checkout (tracked files as they are in the working tree)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    root = tmp_path / "course"
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file():
            target = root / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    return root


QUESTION = """questions:
  - id: supply-commercial-terms-stay-out
    section: "First section"
    type: true_false
    prompt: FDA recommends keeping commercial terms such as price out of the quality agreement.
    answer: true
    feedback:
      "true": "Right: prices belong in the business agreements."
      "false": "Not quite: FDA's guidance keeps commercial terms out of the quality agreement."
    explanation: The quality agreement covers CGMP responsibilities only.
    source: "FDA quality-agreement guidance 2016, section IV.A"
"""


def in_course(root: Path, *args: str) -> tuple[int, str]:
    """`cmo-course ARGS` run in this process from the course folder `root`: (exit code, output)."""
    import contextlib
    import io

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        mp.setenv("CMO_COURSE_ROOT", str(root))
        mp.chdir(root)
        code = main(list(args))
    return code, out.getvalue()


def validate_output(root: Path) -> tuple[int, str]:
    return in_course(root, "validate")


@pytest.fixture(scope="module")
def new_lesson_course(tmp_path_factory):
    """A copy of the course with a new draft lesson (made by `cmo-course new-lesson`) and one question."""
    root = copy_course(tmp_path_factory.mktemp("new-lesson"))
    first = load_course(root / "course.yaml").lessons[1].id
    code, out = in_course(
        root, "new-lesson", "supply-agreements", "--title", "Supply agreements", "--after", first, "--exercises"
    )
    assert code == 0, out
    lesson_id = out.split("Created draft lesson ", 1)[1].split(":", 1)[0]
    bank = root / "content" / "quizzes" / f"{lesson_id}.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("questions: []\n", QUESTION), encoding="utf-8")
    notebook = root / "notebooks" / f"{lesson_id}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## First section"))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell('quiz.ask("supply-commercial-terms-stay-out")'))
    nbformat.write(nb, notebook)
    code, out = in_course(root, "execute", "--quiet", f"notebooks/{lesson_id}.ipynb", f"solutions/{lesson_id}.ipynb")
    assert code == 0, out
    code, out = in_course(root, "exercises")
    assert code == 0, out
    return root, lesson_id


def test_a_freshly_scaffolded_lesson_passes_validate_before_it_is_executed(tmp_path):
    """What `new-lesson` writes is valid at once: an author who runs `validate` first is not told
    to fix the scaffold (its hide-input and instructor cells come collapsed)."""
    root = copy_course(tmp_path)
    code, out = in_course(root, "new-lesson", "fresh-start", "--title", "Fresh start", "--exercises")
    assert code == 0, out
    code, out = validate_output(root)
    assert code == 0 and "The course is valid" in out, out


class TestNewLesson:
    """The course with a new draft lesson passes what `make test` checks. The commands run in this process (the subprocess tests above cover the command line
    itself); the test run's checks (nbval) run in a fresh pytest process."""

    def test_new_lesson_goes_in_the_manifest_where_asked_as_a_draft(self, new_lesson_course):
        root, lesson_id = new_lesson_course
        course = load_course(root / "course.yaml")
        ids = [lesson.id for lesson in course.lessons]
        assert ids.index(lesson_id) == 2  # right after the first lesson: inserting renamed nothing
        lesson = course.lesson(lesson_id)
        assert lesson.draft and lesson.quiz and lesson.exercises
        assert lesson_id not in [lesson.id for lesson in course.published]

    def test_new_lesson_with_one_question_passes_the_checks_of_make_test(self, new_lesson_course):
        from cmo_course.handouts import plan_handouts

        root, lesson_id = new_lesson_course
        code, out = validate_output(root)
        assert code == 0 and "The course is valid" in out, out
        code, out = in_course(root, "exercises", "--check")
        assert code == 0 and "up to date" in out, out
        env = dict(os.environ, CMO_COURSE_ROOT=str(root))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:xdist",
                f"notebooks/{lesson_id}.ipynb",
                f"solutions/{lesson_id}.ipynb",
                f"exercises/{lesson_id}.ipynb",
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:]
        # Drafts stay out of the handouts: the plan is what `cmo-course handouts` builds (tests/test_handouts.py).
        planned = [job.notebook.resolve() for job in plan_handouts(root)]
        assert planned and not any(lesson_id in path.name for path in planned)

    def test_a_stub_lesson_not_marked_draft_fails_the_lesson_standard(self, new_lesson_course):
        root, lesson_id = new_lesson_course
        manifest = root / "course.yaml"
        saved = manifest.read_text(encoding="utf-8")
        try:
            manifest.write_text(saved.replace("  draft: true\n", "  draft: false\n", 1), encoding="utf-8")
            code, out = validate_output(root)
            assert code == 1
            for expected in (
                "quiz questions: a lesson needs at least 7",
                "has no figure with alt text",
                "exercise questions: a lesson needs an exercise set of at least 4",
            ):
                assert expected in out
        finally:
            manifest.write_text(saved, encoding="utf-8")

    def test_validate_reports_a_notebook_that_drifted_from_the_manifest(self, new_lesson_course):
        root, lesson_id = new_lesson_course
        manifest = root / "course.yaml"
        saved = manifest.read_text(encoding="utf-8")
        try:
            manifest.write_text(
                saved.replace(
                    "What question does this lesson answer? (edit in course.yaml)",
                    "Which terms belong in a supply agreement?",
                ),
                encoding="utf-8",
            )
            code, out = validate_output(root)
            assert code == 1
            assert (
                f"opening (questions, objectives, minutes) cell differs from course.yaml: run `cmo-course execute "
                f"notebooks/{lesson_id}.ipynb`" in out
            )
        finally:
            manifest.write_text(saved, encoding="utf-8")

    def test_a_renamed_question_id_is_an_error_unless_the_manifest_records_it(self, new_lesson_course):
        root, _ = new_lesson_course
        bank = next(
            p for p in (root / "content" / "quizzes").glob("*.yaml") if "landscape-who-runs-trials" in p.read_text()
        )
        saved_bank, saved_manifest = (
            bank.read_text(encoding="utf-8"),
            (root / "course.yaml").read_text(encoding="utf-8"),
        )
        notebooks = {p: p.read_text(encoding="utf-8") for p in (root / "notebooks").glob("*.ipynb")}
        try:
            bank.write_text(
                saved_bank.replace("landscape-who-runs-trials", "landscape-trial-partner"), encoding="utf-8"
            )
            for path, text in notebooks.items():
                path.write_text(text.replace("landscape-who-runs-trials", "landscape-trial-partner"), encoding="utf-8")
            code, out = validate_output(root)
            assert code == 1 and "id 'landscape-who-runs-trials': was published but no longer exists" in out
            (root / "course.yaml").write_text(
                saved_manifest.replace("renamed: {}", "renamed:\n  landscape-who-runs-trials: landscape-trial-partner"),
                encoding="utf-8",
            )
            assert "no longer exists" not in validate_output(root)[1]
        finally:
            bank.write_text(saved_bank, encoding="utf-8")
            (root / "course.yaml").write_text(saved_manifest, encoding="utf-8")
            for path, text in notebooks.items():
                path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("See the [FDA page](https://www.fda.gov/x).", "has a remote link"),
        ("![logo](https://example.org/logo.png)", "has a remote image"),
        ('<img src="http://example.org/a.png">', "has a remote image"),
        ("![missing](figures/none.svg)", "which does not exist"),
    ],
)
def test_link_rule_catches_remote_and_missing_files(tmp_path, text, expected):
    from cmo_course.validate import link_problems

    problems = link_problems(text, "x.md", tmp_path, tmp_path)
    assert any(expected in p.message for p in problems), [str(p) for p in problems]


@pytest.fixture(scope="module")
def labelled_validator():
    from cmo_course.validate import Validator

    validator = Validator(REPO)
    validator.check_references()
    return validator


@pytest.mark.parametrize(
    "text, unknown",
    [
        ("CGMP applies (Source: FDA Big Book of Rules).", "FDA Big Book of Rules"),
        ("Both (Source: FDA quality-agreement guidance 2016; Big Book, section 2).", "Big Book"),
        ("Release (Source: 21 CFR 211.22, paragraph (a); Source: FDA quality-agreement guidance 2016).", "Source: FDA"),
        ("A D&amp;B score (Source: D&amp;B report description; Nope).", "Nope"),
        ("Left open (Source: Nope, section 2", "Nope"),
    ],
)
def test_citation_rule_checks_every_label_of_a_citation(labelled_validator, text, unknown):
    problems = labelled_validator.check_citations(text, "x.md")
    assert len(problems) == 1 and f"cites '{unknown}" in problems[0].message, [str(p) for p in problems]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("(Source: FDA quality-agreement guidance 2016, section IV.B)", ["FDA quality-agreement guidance 2016"]),
        ("(Source: 21 CFR 820; ISO 13485:2016, clause 7.4)", ["21 CFR 820", "ISO 13485:2016"]),
        (
            "(Source: 21 CFR 211.22, paragraph (a)) and (Source: D&amp;B report description)",
            ["21 CFR 211.22", "D&B report description"],
        ),
        ("(Source: FDA quality-agreement\n guidance 2016, section\nIV.B)", ["FDA quality-agreement guidance 2016"]),
        ("(Source: ICH Q9(R1), Annex II)", ["ICH Q9(R1)"]),
    ],
)
def test_citation_rule_passes_known_labels(labelled_validator, text, labels):
    from cmo_course.validate import cited_labels

    assert cited_labels(text) == labels
    assert labelled_validator.check_citations(text, "x.md") == []


Q7_CITED = "(Source: ICH Q7, section 16, clause 16.16)"


@pytest.mark.parametrize(
    "text",
    [
        "ICH Q7 16.16 says the contract giver should be informed of changes.",
        f"Changes to the process need only that the contract giver is informed {Q7_CITED}.",
        f"The contract giver is notified of changes to test methods {Q7_CITED}.",
        "Under clause 16.16 of ICH Q7, the contractor informs the contract giver of every change.",
        f"ICH Q7 covers contract manufacturers. The giver is informed of changes {Q7_CITED}. It approves the site.",
        f"<tr><td>The owner is informed of equipment changes {Q7_CITED}</td><td>Owner approves</td></tr>",
        "- ICH Q7 16.16: the contract giver is told of changes and informed of them\n- Approve the batch record.",
    ],
)
def test_q7_rule_flags_a_1616_sentence_that_says_informed_without_approval(text):
    from cmo_course.validate import text_problems

    problems = text_problems(text, "x.md")
    assert len(problems) == 1, [str(p) for p in problems]
    assert "16.16 requires the giver to be informed and to approve the change" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Under ICH Q7 16.16 the contract giver must be informed of and approve such changes.",
        f"Changes need the contract giver to be informed and to approve them {Q7_CITED}.",
        f"Changes to specifications need the owner's approval, not just a notice {Q7_CITED}.",
        f"The contract giver is informed of the audit plan. Process changes need its approval {Q7_CITED}.",
        "Keep the contract giver informed of the schedule (Source: ICH Q7, section 16, clause 16.14).",
        "Under 16.16 the giver is informed, e.g. of a new column, and approves the change.",
    ],
)
def test_q7_rule_passes_wording_that_says_the_giver_approves(text):
    from cmo_course.validate import text_problems

    assert text_problems(text, "x.md") == []


@pytest.mark.parametrize(
    "text",
    [
        "The point comes from the course brief.",
        "See course_brief.md, section 9.",
        "As secondary sources put it, audits matter.",
        "A 483 is commonly described as a list.",
        "Summaries report a 7.9% rate.",
    ],
)
def test_hidden_source_rule_flags_material_learners_do_not_have(text):
    from cmo_course.validate import hidden_source_problems

    problems = hidden_source_problems(text, "x.md")
    assert len(problems) == 1 and "learners have no such source" in problems[0].message, problems


@pytest.mark.parametrize(
    "text",
    [
        "FDA's guidance calls it a written agreement (Source: FDA quality-agreement guidance 2016, section IV.A).",
        "A second source of supply lowers the risk of a stock-out.",
        "The inspection summary reports two observations.",
        "A sensible step is to audit the site before signing the contract.",
    ],
)
def test_hidden_source_rule_passes_named_sources_and_the_courses_reasoning(text):
    from cmo_course.validate import hidden_source_problems

    assert hidden_source_problems(text, "x.md") == []


@pytest.mark.parametrize(
    "svg, alt, expected",
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>',
            "A chart of something, described in words.",
            "refers to a remote file or holds a script",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "A chart of something, described in words.",
            "refers to a remote file or holds a script",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><text>ok</text></svg>', "short", "is too short"),
        (None, "A chart of something, described in words.", "does not exist: add the SVG file"),
    ],
)
def test_a_static_figure_needs_its_svg_alt_text_and_no_network_references(tmp_path, svg, alt, expected):
    from cmo_course.content.figures import figure_problems

    folder = tmp_path / "content" / "figures"
    folder.mkdir(parents=True)
    if svg is not None:
        (folder / "chart.svg").write_text(svg, encoding="utf-8")
    (folder / "chart.yaml").write_text(f"alt: {alt}\nlesson: 01_landscape\n", encoding="utf-8")
    problems = figure_problems("chart", tmp_path)
    assert any(expected in p.message for p in problems), [str(p) for p in problems]


def test_every_static_figure_is_shown_with_its_alt_text_in_its_lesson():
    from cmo_course.content.figures import figure_names, load_figure

    course = load_course(REPO / "course.yaml")
    for name in figure_names(REPO):
        figure = load_figure(name, REPO)
        nb = nbformat.read(REPO / course.lesson(figure.lesson).notebook, as_version=4)
        outputs = [
            o for c in nb.cells if c.cell_type == "code" and f'show_figure("{name}")' in c.source for o in c.outputs
        ]
        assert [o["metadata"]["image/svg+xml"]["alt"] for o in outputs] == [figure.alt], name
