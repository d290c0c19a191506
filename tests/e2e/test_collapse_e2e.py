"""The linear-collapse page in a real browser: a weight moved with the keyboard changes the algebra."""

import re

from playwright.sync_api import expect

from core.i18n import t
from core.lessons import collapse as col
from core.present import numbers


def _open(app, query: str) -> None:
    """The page with every section drawn (each test here checks sections far down)."""
    app.open("collapse", query)
    app.draw_every_section()


def _latex_with(app, text: str):
    """KaTeX keeps the source of each formula in a hidden MathML annotation."""
    return app.page.locator(".katex-mathml").filter(has_text=text)


def test_moving_a_weight_changes_the_derivation(app):
    _open(app, "lang=en")
    a, _ = col.coefficients_231(col.DEFAULT_WEIGHTS)
    expect(_latex_with(app, numbers.latex(a)).first).to_be_attached()
    thumb = app.widget("w1").get_by_role("slider")
    thumb.focus()
    app.page.keyboard.press("ArrowLeft")  # one step of 0.1: w1 = 1.2 → 1.1
    app.wait_idle()
    new_a, _ = col.coefficients_231((1.1, *col.DEFAULT_WEIGHTS[1:]))
    expect(_latex_with(app, numbers.latex(new_a)).first).to_be_attached()
    expect(app.page.locator("[data-testid='stGraphVizChart'] svg").first).to_contain_text("w1=1.1")
    expect(app.page).to_have_url(re.compile(r"[?&]w1=1\.1(&|$)"))
    expect(app.page.locator("[data-testid='stVegaLiteChart']")).to_have_count(8)
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
    assert not app.failed_responses, app.failed_responses


def test_random_button_in_chinese_keeps_the_language_and_the_code_opens(app):
    app.open("collapse", "lang=zh")  # the code's expander is drawn with the page's top
    title = app.page.locator("h1").first
    expect(title).to_have_text(t("col_title", "zh"))
    app.widget("col_random").get_by_role("button").click()
    app.wait_idle()
    expect(app.page).to_have_url(re.compile(r"w\d="))
    expect(title).to_have_text(t("col_title", "zh"))
    # The code is sent when the learner opens it (not highlighted on every load).
    code = app.widget("col_code")
    expect(code.locator("[data-testid='stCode']")).to_have_count(0)
    code.get_by_text(t("show_code", "zh")).click()
    expect(code.locator("[data-testid='stCode']").first).to_contain_text("def collapse(")
    expect(title).to_have_text(t("col_title", "zh"))
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


def test_shared_link_restores_weights_and_bad_values_get_a_notice(app):
    app.open("collapse", "lang=en&w1=0.5&w2=abc")
    app.draw_section("part_col_algebra")
    expect(app.widget("url_notices")).to_contain_text("w2")
    a, _ = col.coefficients_231((0.5, *col.DEFAULT_WEIGHTS[1:]))
    expect(_latex_with(app, numbers.latex(a)).first).to_be_attached()
    assert app.error_elements() == 0


def test_sentences_follow_the_state_in_the_browser(app):
    """Choosing the identity drops "the boundary bends"; the a = c = 0 example says why there is
    no boundary and scores exactly the share of triangles (rounding residues are on the line)."""
    import numpy as np

    from core.nn.activations import ACTIVATIONS, display_name
    from core.nn.datasets import make_dataset

    weights, biases = col.random_stack([2, 8, 3, 8, 1], seed=0)  # the page's default stack
    shape = col.boundary_shape(lambda P: col.forward(P, weights, biases, ACTIVATIONS["tanh"])[:, 0])
    assert shape.kind == "bent"
    _open(app, "lang=en")
    page = app.page
    bends = app.current_text(t("col_contrast_bent", "en", act=ACTIVATIONS["tanh"].name))
    expect(bends).to_be_visible()
    app.select_option("col_act", display_name("identity", "en"))
    expect(page.get_by_text(t("col_contrast_identity", "en"))).to_be_visible()
    expect(bends).to_have_count(0)
    expect(app.page).to_have_url(re.compile(r"col_act=identity"))

    app.widget("col_ex_silent").get_by_role("button").click()
    # While the click's run is going, the metric it redraws can be on the page twice (the
    # run's new one and the last run's, kept until replaced): a strict locator then
    # refuses at once (seen once in a full run). The run ends first.
    app.wait_idle()
    _, y = make_dataset("circle", n=300, seed=0)
    share = f"{100.0 * float(np.mean(y == 0)):.1f}%"
    own = page.locator("[data-testid='stMetric']").filter(has_text=t("col_own_accuracy", "en"))
    expect(own).to_contain_text(share)
    expect(page.get_by_text(t("col_case_none_cancel", "en"))).to_be_visible()
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


def test_sections_are_drawn_as_the_learner_comes_to_them(app):
    """The first load draws the first screens; a section further down is its heading and a
    placeholder until the learner comes near it, is drawn then, and stays drawn."""
    app.open("collapse", "lang=zh")
    page = app.page
    for far_down in ("depth", "bend"):
        expect(app.widget(f"pending_part_col_{far_down}")).to_contain_text(t("section_pending", "zh"))
        expect(page.locator(f"#{far_down}")).to_be_attached()  # its heading: links and Ctrl+F find it
    expect(page.locator("[data-testid='stVegaLiteChart']")).not_to_have_count(8)
    app.wait_not_running()
    page.mouse.move(700, 500)  # over the page, not the sidebar: the wheel scrolls what is under it
    page.mouse.wheel(0, page.locator("#bend").evaluate("(e) => e.getBoundingClientRect().top") - 300)
    expect(app.widget("pending_part_col_bend")).to_have_count(0)
    charts = app.widget("part_col_bend").locator("[data-testid='stVegaLiteChart']")
    expect(charts).to_have_count(4)  # the threshold, the parabola, the squares, the circle
    # Scrolled to and drawn, checked in one step in the page: a run may redraw the chart
    # element while it scrolls (a locator's scroll then fails on the detached element).
    page.wait_for_function("""() => {
      const chart = document.querySelector(".st-key-part_col_bend [data-testid='stVegaLiteChart']");
      if (!chart) return false;
      chart.scrollIntoView({ block: "center" });
      return chart.querySelector("svg.marks, canvas") !== null;
    }""")
    expect(app.widget("pending_part_col_additivity")).to_have_count(1)  # far above: not drawn on the way
    page.mouse.wheel(0, -100_000)
    app.wait_not_running()
    expect(charts).to_have_count(4)  # scrolled away: still drawn
    app.widget("col_sq_w").get_by_role("slider").focus()  # a control in a drawn section still works
    page.keyboard.press("ArrowRight")
    app.wait_idle()
    expect(page).to_have_url(re.compile(r"[?&]col_sq_w="))
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
