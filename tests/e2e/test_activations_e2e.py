"""The activation-functions page in a real browser: it draws, it reacts, the URL follows."""

import re

from playwright.sync_api import expect

from core.i18n import t

CHARTS = "[data-testid='stVegaLiteChart']"


def drawn_charts(app) -> int:
    return app.page.locator(f"{CHARTS} canvas, {CHARTS} svg.marks").count()


def expect_drawn_clean(app, lang: str, functions: int) -> None:
    """The page as it opened: its title, its four charts drawn, f and f' of each function
    as a formula, nothing failed. (Each test below opens the page once and checks this
    first: a page load is most of an e2e test's CPU.) The sections below the curves are
    drawn first, as if the learner had scrolled through them."""
    expect(app.page.locator("h1").first).to_have_text(t("nav_activations", lang))
    app.draw_every_section()
    expect(app.page.locator(CHARTS)).to_have_count(4)
    expect(app.page.locator(f"{CHARTS} canvas, {CHARTS} svg.marks").first).to_be_visible()
    assert drawn_charts(app) >= 4
    assert app.page.locator(".katex").count() >= 2 * functions
    assert app.error_elements() == 0
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors


def test_the_page_draws_and_choosing_a_function_updates_the_url_and_the_formulas(app):
    app.open("activations", "lang=en")
    expect_drawn_clean(app, "en", functions=3)
    expect(app.page).not_to_have_url(re.compile(r"[?&]fn="))  # the default is not written
    expect(app.page.locator(".katex", has_text="GELU")).to_have_count(0)
    app.add_chip("fn", "GELU")
    expect(app.page).to_have_url(re.compile(r"fn=sigmoid(%2C|,)tanh(%2C|,)relu(%2C|,)gelu"))
    expect(app.page.locator(".katex", has_text="GELU").first).to_be_visible()
    assert app.error_elements() == 0
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors


def test_url_link_draws_in_chinese_restores_and_the_language_survives_a_change(app):
    app.open("activations", "lang=zh&fn=relu,tanh&act_x=4")
    expect_drawn_clean(app, "zh", functions=2)
    chosen = app.widget("fn")
    expect(chosen).to_contain_text("ReLU")
    expect(chosen).to_contain_text("Tanh")
    expect(chosen).not_to_contain_text("Sigmoid")
    # Move the x-range slider one step with the keyboard.
    app.widget("act_x").get_by_role("slider").focus()
    app.page.keyboard.press("ArrowRight")
    app.wait_idle()
    expect(app.page).to_have_url(re.compile(r"act_x=5"))
    expect(app.page.locator("h1").first).to_have_text(t("nav_activations", "zh"))
    expect(app.page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    assert app.error_elements() == 0


def test_bad_link_shows_the_notice(app):
    app.open("activations", "lang=en&fn=nonsense")
    expect(app.page.locator(".st-key-url_notices")).to_be_visible()
    expect(app.page.locator(".st-key-url_notices")).to_contain_text("nonsense")
    assert app.error_elements() == 0
    app.draw_every_section()
    expect(app.page.locator(CHARTS)).to_have_count(4)


def test_hovering_the_curve_shows_the_readout(app):
    app.open("activations", "lang=en&fn=sigmoid")
    chart = app.page.locator(CHARTS).first
    chart.scroll_into_view_if_needed()
    expect(chart.locator("canvas, svg.marks").first).to_be_visible()
    tooltip = app.page.locator("#vg-tooltip-element")
    # Vega attaches its pointer handlers a moment after the canvas appears: keep moving
    # the pointer, a little further each time, until the readout answers.
    for attempt in range(20):
        box = chart.bounding_box()
        app.page.mouse.move(box["x"] + box["width"] * (0.55 + 0.01 * attempt), box["y"] + box["height"] * 0.6)
        try:
            expect(tooltip).to_contain_text("Sigmoid · f′(x)", timeout=300)
            break
        except AssertionError:
            continue
    expect(tooltip).to_contain_text("Sigmoid · f′(x)")
    expect(tooltip).to_contain_text("Sigmoid · f(x)")
    assert not app.console_errors, app.console_errors
