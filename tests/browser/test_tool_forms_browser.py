"""Tool forms and a numeric quiz in JupyterLab, as a learner types into them (the session's shared
`cmo-course lab`, see tests/conftest.py; the Run All helper of test_jupyterlab_e2e.py):

- lesson 07 (the toolkit): -50 typed as the facility capital cost stays -50 (no bounded box clamps
  it to 0), Compare shows the Python API's message naming the input and its range, and the result
  shown before is gone; no form label is cut off;
- lesson 02: the numeric quiz question answered with a decimal comma ("7,9") is graded Correct.

One page and one Run All per notebook."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_jupyterlab_e2e import CLICK_MS, KERNEL_READY_MS, RUN_ALL_MS, plain, run_all, wait_for_idle_kernel

from cmo_course.questions.text import markdown
from cmo_course.quiz.bank import load_bank
from cmo_course.tools import build_vs_outsource as bvo

pytestmark = pytest.mark.browser

CAPITAL = "Facility capital cost (USD millions)"
# The notebook on show: the shared server's workspace may still hold other tests' notebooks, in
# hidden tabs, whose cells and forms match the same selectors.
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _open_and_run_all(browser, lab, lesson: str, ready: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(CLICK_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{lab['base']}/lab/tree/notebooks/{lesson}.ipynb?reset&token={lab['token']}", timeout=KERNEL_READY_MS)
    page.locator(f"{VISIBLE} .jp-Cell").first.wait_for(timeout=KERNEL_READY_MS)
    wait_for_idle_kernel(page)
    run_all(page)
    page.locator(f"{VISIBLE} {ready}").first.wait_for(state="attached", timeout=RUN_ALL_MS)
    wait_for_idle_kernel(page)
    return context, page, errors


@pytest.fixture(scope="module")
def toolkit_page(browser, course_lab):
    context, page, errors = _open_and_run_all(browser, course_lab, "07_toolkit", ".cmo-tool-form-live")
    yield page, errors
    context.close()


def test_an_out_of_range_capital_cost_is_kept_and_gets_the_api_message_and_no_result(toolkit_page, screenshots_dir):
    page, errors = toolkit_page
    form = page.locator(f"{VISIBLE} .cmo-tool-form-live").filter(has_text="Build vs outsource").first
    form.scroll_into_view_if_needed()
    box = form.get_by_label(CAPITAL, exact=True)  # the description is the field's accessible label
    compare = form.get_by_role("button", name="Compare")
    results = form.locator(".widget-output")

    compare.click()  # the starting values: a result appears
    expect(results.first).to_contain_text("Expected cost", timeout=CLICK_MS)

    box.fill("-50")
    compare.click()
    message = form.get_by_text("Please fix: Facility capital cost (USD) must be between 0 and 100,000,000,000")
    message.wait_for(timeout=CLICK_MS)
    with pytest.raises(bvo.InputError) as api:
        bvo.example_inputs(capital_cost=-50e6)
    assert str(api.value) in " ".join(message.inner_text().split())  # the Python API's own message
    assert box.input_value() == "-50"  # kept as typed, not clamped to 0
    expect(results.first).not_to_contain_text("Expected cost")  # no stale result under the message
    assert results.locator("img").count() == 0
    page.screenshot(path=str(screenshots_dir / "jupyterlab-07_toolkit-out-of-range.png"))

    # No label of any tool form is cut off: each shows its whole text (it wraps instead).
    labels = page.eval_on_selector_all(
        f"{VISIBLE} .cmo-tool-form-live .widget-label",
        "els => els.filter(e => e.offsetParent).map(e => [e.textContent,"
        " e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1])",
    )
    assert "Outsourcing price per batch (USD millions)" in {text for text, _ in labels}
    cut = [text for text, is_cut in labels if is_cut]
    assert cut == []
    assert errors == []


@pytest.fixture(scope="module")
def lesson_02_page(browser, course_lab):
    context, page, errors = _open_and_run_all(browser, course_lab, "02_when_to_outsource", ".cmo-quiz-live")
    yield page, errors
    context.close()


def test_a_numeric_answer_with_a_decimal_comma_is_correct(lesson_02_page):
    page, errors = lesson_02_page
    question = next(q for q in load_bank("02_when_to_outsource").questions if q["type"] == "numeric")
    typed = f"{question['answer']['value']:g}".replace(".", ",")  # 7.9 -> "7,9"
    assert "," in typed
    snippet = plain(markdown(question["prompt"]))[:60]  # as live_question finds it, in the visible notebook
    widget = page.locator(f"{VISIBLE} .cmo-quiz-live").filter(has_text=snippet).first
    widget.scroll_into_view_if_needed()
    widget.get_by_label("Your answer:").fill(typed)
    widget.get_by_role("button", name="Check").click()
    feedback = widget.locator(".cmo-quiz-feedback")
    feedback.wait_for(timeout=CLICK_MS)
    assert feedback.get_attribute("data-status") == "correct"
    assert "Correct." in feedback.inner_text()
    assert errors == []


def test_notebook_shortcuts_do_not_fire_inside_a_tool_form(toolkit_page):
    """With focus on a tool form's button or dropdown, `b` and `d d` neither add nor delete a cell
    (the keyboard guard marks every control of the form)."""
    page, errors = toolkit_page
    cells = page.locator(f"{VISIBLE} .jp-Cell")
    before = cells.count()
    for form_name, control in (("Build vs outsource", "button"), ("Quality-agreement planner", "select")):
        form = page.locator(f"{VISIBLE} .cmo-tool-form-live").filter(has_text=form_name).first
        form.scroll_into_view_if_needed()
        target = form.get_by_role("button").first if control == "button" else form.locator("select").first
        target.focus()
        for key in ("b", "d", "d"):
            page.keyboard.press(key)
        assert cells.count() == before, f"a shortcut fired inside the {form_name} form"
        assert form.is_visible()  # `d d` would have deleted the form's cell
        assert form.locator("[data-lm-suppress-shortcuts]").count() >= 1
    assert errors == []
