"""The lesson links in a real browser: each opens its page with its settings on the widgets.

Every check goes through Playwright's auto-waiting ``expect``: a page that is still
hydrating gets the time it needs, and a setting the page did not take fails the test.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import t
from core.guide import path as lp
from core.nn.activations import ACTIVATIONS, display_name
from core.present import training_views as tv
from core.present.labels import activation_name

TITLES = {"collapse": "col_title", "activations": "nav_activations", "training": "nav_training"}
#: Sliders over a ladder of values: the input holds the index, the thumb shows the value.
LADDERS = {"lr", "act_k"}
#: Lists shown as chips (multiselects), and single choices shown in a select box.
CHIPS = {"fn", "trn_compare"}
SELECTS = {"col_act", "activation", "optimizer"}


def label(key: str, value: str) -> str:
    """How a page names a choice in English (each page's format_func)."""
    if key == "col_act":
        return display_name(value, "en")
    if key == "fn":
        return display_name(value, "en")
    if key == "optimizer":
        return tv.option_label("opt", value, "en")
    if key in ("activation", "trn_compare"):
        return activation_name(value, "en")
    return ACTIVATIONS[value].name


def expect_setting(app, key: str, raw: str) -> None:
    """The widget with ``key`` shows the link's value ``raw``."""
    widget = app.widget(key)
    if key in CHIPS:
        for value in raw.split(","):
            expect(widget).to_contain_text(label(key, value))
    elif key in SELECTS:
        expect(widget.get_by_role("combobox")).to_have_value(label(key, raw))
    elif key in LADDERS:
        expect(widget).to_contain_text(raw)
    elif key == "col_widths":
        expect(widget.locator("input")).to_have_value(raw)
    else:  # a number: a slider or a number input, shown with trailing zeros or not
        number = re.escape(raw) + ("0*" if "." in raw else r"(\.0*)?")
        expect(widget.locator("input").first).to_have_value(re.compile(f"^{number}$"))


@pytest.mark.parametrize("step", lp.STEPS, ids=lambda s: s.key)
def test_every_lesson_link_opens_its_page_with_its_settings(app, step):
    url = step.link.url(app.base_url, lang="en")
    app.open(url.removeprefix(app.base_url))
    expect(app.page.locator("h1").first).to_have_text(t(TITLES[step.link.page], "en"))
    for key, raw in step.link.query:
        expect_setting(app, key, raw)
    expect(app.page).to_have_url(re.compile(r"[?&]present=1(&|$)"))
    expect_on_screen(app, step.link.anchor)
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
    assert not app.failed_responses, app.failed_responses


def expect_on_screen(app, anchor: str) -> None:
    """The step's section heading (id ``anchor``) is on the screen: the link landed on what
    the teacher's note talks about, not at the top of a long page (lesson 3's section is
    6,700 px down the collapse page)."""
    heading = app.page.locator(f"#{anchor}")
    expect(heading).to_be_in_viewport()  # near the page's end it cannot reach the very top


def test_a_lesson_link_far_down_a_page_keeps_its_heading_at_the_top_once_the_page_settles(app):
    """The link jumps to its heading before the sections around it are drawn (each when
    reached, growing the page above and below it); the page holds the heading at the top
    until it has settled, and it is still there after the hold lets go."""
    (step,) = [s for s in lp.STEPS if s.key == "bend"]  # the collapse page's last section
    app.page.set_viewport_size({"width": 1280, "height": 720})
    app.open(step.link.url(app.base_url, lang="en").removeprefix(app.base_url))
    heading = app.page.locator(f"#{step.link.anchor}")
    expect(heading).to_be_in_viewport()
    app.page.wait_for_function("() => window.__holdView && !window.__holdView.holding()", timeout=40_000)
    app.wait_not_running()
    top = heading.evaluate("(h) => h.getBoundingClientRect().top")
    header = app.page.locator("[data-testid='stHeader']").evaluate("(h) => h.getBoundingClientRect().bottom")
    assert 0 <= top <= header + 40, (top, header)  # at the top, under the app's header


def test_the_step_button_opens_its_page_over_the_learners_own_settings(app):
    """Visit the training page with other settings, then follow step 7 from the home page."""
    app.open("training", "lang=en&activation=relu&dataset=xor")
    expect(app.widget("activation").get_by_role("combobox")).to_have_value(label("activation", "relu"))
    app.page.locator("[data-testid='stSidebarNav'] a").first.click()
    expect(app.page.locator("h1").first).to_have_text(t("app_title", "en"))
    pill = app.widget("lesson_picker").locator("button").nth(lp.STEP_KEYS.index("answer") + 1)
    pill.click()
    expect(app.widget("lesson_go_answer")).to_be_visible()
    app.widget("lesson_go_answer").get_by_role("button").click()
    expect(app.page.locator("h1").first).to_have_text(t("nav_training", "en"))
    expect(app.page).not_to_have_url(re.compile(r"[?&]present="))  # a learner keeps their sidebar
    expect(app.widget("activation").get_by_role("combobox")).to_have_value(label("activation", "tanh"))
    expect(app.widget("dataset").get_by_role("combobox")).to_have_value(tv.option_label("ds", "circle", "en"))
    expect_setting(app, "trn_compare", "identity,tanh")
    expect_on_screen(app, lp.STEPS_BY_KEY["answer"].link.anchor)  # on the step's section
    # and the way back: the same step of the lesson
    back = app.widget("lesson_return").get_by_role("button")
    expect(back).to_contain_text(t("lesson_return", "en", n=lp.STEP_KEYS.index("answer") + 1))
    back.click()
    expect(app.page.locator("h1").first).to_have_text(t("app_title", "en"))
    expect(app.widget("lesson_go_answer")).to_be_visible()
    expect(app.widget("lesson_return")).to_have_count(0)
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
