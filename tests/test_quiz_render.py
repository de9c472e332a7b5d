"""The static form: structure other tools rely on, HTML escaping, and determinism."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from cmo_course.questions.static import question_html, question_text
from cmo_course.questions.text import markdown
from cmo_course.quiz.bank import load_bank_file
from cmo_course.quiz.scoreboard import scoreboard_html

BANK = load_bank_file(Path(__file__).parent / "fixtures" / "banks" / "good" / "91_fixture_demo.yaml")


class Tree(HTMLParser):
    """Records (tag, attrs, depth) and checks that every tag is closed in order."""

    VOID = {"br", "hr", "img", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs), tuple(t for t, _ in self.stack)))
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == []
    return tree


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q["type"])
def test_static_form_structure(question):
    tree = parse(question_html(question))
    tag, attrs, parents = tree.tags[0]
    assert tag == "div" and parents == ()
    assert attrs == {
        "class": "cmo-quiz-question",
        "data-question-id": question["id"],
        "data-question-type": question["type"],
    }
    details = [(t, a, p) for t, a, p in tree.tags if t == "details"]
    assert len(details) == 1 and details[0][1] == {"class": "cmo-quiz-answer"}
    assert [t for t, a, p in tree.tags if "details" in p][0] == "summary"
    sources = [(t, p) for t, a, p in tree.tags if a.get("class") == "cmo-quiz-source"]
    assert sources == [("p", ("div", "details"))]
    options = question_html(question).split('class="cmo-quiz-options"', 1)[1].split("<details", 1)[0]
    assert ("Answer: ______" if question["type"] == "numeric" else "<li>") in options
    text = "".join(tree.text)
    assert "Show answer" in text and f"Source: {question['source']}" in text
    assert "script" not in [t for t, _, _ in tree.tags]


def test_static_form_content_single_choice():
    q = BANK.question("fx-owner-releases")
    html = question_html(q)
    assert "<strong>under contract</strong>" in html  # Markdown renders
    assert "The contracted facility&#x27;s quality unit" in html or "The contracted facility's quality unit" in html
    answer = html.split('<details class="cmo-quiz-answer"><summary>Show answer</summary>', 1)[1]
    assert "<strong>Answer:</strong> The owner" in answer
    assert "stays responsible for approving or rejecting" in answer


def test_every_text_is_escaped():
    q = dict(BANK.question("fx-owner-releases"))
    q["prompt"] = 'Is <script>alert("x")</script> <b>bold</b> [a](javascript:alert(1)) safe?'
    q["options"] = [dict(q["options"][0], text="<img src=x onerror=alert(1)>"), q["options"][1]]
    q["explanation"] = "<iframe src='http://example.com'></iframe>"
    q["source"] = "21 CFR 211.22, <em>x</em>"
    html = question_html(q)
    tags = {t for t, _, _ in parse(html).tags}
    assert not tags & {"script", "b", "img", "iframe"}
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html
    assert "Source: 21 CFR 211.22, &lt;em&gt;x&lt;/em&gt;" in html


def test_markdown_renders_without_raw_html():
    assert markdown("**bold** and `code`") == "<p><strong>bold</strong> and <code>code</code></p>"
    assert markdown("<div>x</div>") == "<p>&lt;div&gt;x&lt;/div&gt;</p>"


def test_static_form_is_deterministic():
    first = [question_html(q) + question_text(q) for q in BANK.questions]
    again = load_bank_file(BANK.path)
    assert first == [question_html(q) + question_text(q) for q in again.questions]
    assert all("0x" not in x and "/work/" not in x for x in first)


def test_plain_text_form():
    assert question_text(BANK.question("fx-owner-releases")) == (
        "Question fx-owner-releases (single choice): Choose one.\n"
        "Whose quality unit approves or rejects a product made **under contract** by another company?\n"
        "  ( ) The owner's quality unit\n"
        "  ( ) The contracted facility's quality unit\n"
        "  ( ) FDA"
    )
    matching = question_text(BANK.question("fx-who-does-what"))
    assert "  CRO -> ___" in matching and "    C. Develops the process and manufactures" in matching
    assert "develop" not in matching.split("Choices:")[0]  # no answer in the plain text
    assert question_text(BANK.question("fx-classification-order")).endswith("  ___ VAI")


def test_scoreboard_html():
    html = scoreboard_html(4, 5, 6)
    assert html == (
        '<p class="cmo-quiz-scoreboard" role="status">Lesson score: 4 of 6 correct on the first try '
        "(5 of 6 answered so far).</p>"
    )
