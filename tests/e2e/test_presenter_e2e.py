"""Presenter mode on a projector (1280×720) and every page on a phone (390 px), in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import t
from core.state.pages import PAGES as APP_PAGES
from core.nn.activations import ACTIVATIONS, display_name
from core.state import activations as sa
from tests.e2e.conftest import PHONE, open_shared

PROJECTOR = {"width": 1280, "height": 720}
PAGES = tuple(page.url_path for page in APP_PAGES)
#: As many functions as the page overlays, with the long names the legend used to cut.
MANY = ("sigmoid", "tanh", "relu", "softshrink", "selu", "mish", "gelu_tanh", "hardswish")[:sa.MAX_OVERLAY]


def assert_inside(box, viewport, what):
    assert box is not None, what
    assert box["x"] >= 0 and box["y"] >= 0, (what, box)
    assert box["x"] + box["width"] <= viewport["width"] + 0.5, (what, box)
    assert box["y"] + box["height"] <= viewport["height"] + 0.5, (what, box)


@pytest.mark.parametrize("lang, extra", [("en", ""), ("zh", ""), ("en", "&activation=identity")],
                         ids=["en", "zh", "identity-hint"])
def test_training_in_presenter_mode_fits_a_projector(shared_context, app_url, lang, extra):
    """identity-hint: the page's hint about a linear activation is hidden, not pushing the picture down."""
    context, app = open_shared(shared_context, app_url, "training", f"lang={lang}&present=1{extra}", PROJECTOR)
    try:
        page = app.page
        expect(page.locator(".trn-live .trn-live-board")).to_be_visible()
        # The live view sizes its plane in the browser: wait until it has.
        page.wait_for_function("() => document.querySelector('.trn-live-board').clientHeight > 200")
        expect(app.widget("present_exit")).to_contain_text(t("present_exit", lang))
        expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
        expect(app.widget("present_hide_trn_lead")).to_be_hidden()
        assert page.evaluate("window.scrollY") == 0
        for what, locator in (("play", app.widget("play")), ("live view", page.locator(".trn-live").first),
                              ("metrics", app.widget("train_metrics"))):
            assert_inside(locator.bounding_box(), PROJECTOR, what)
        metrics = app.widget("train_metrics").locator("[data-testid='stMetric']")
        expect(metrics).to_have_count(4)
        for i in range(4):
            assert_inside(metrics.nth(i).bounding_box(), PROJECTOR, f"metric {i}")
        # The plane, the one picture that matters, is large: over half the screen's height.
        assert page.locator(".trn-live-board").bounding_box()["height"] >= 0.55 * PROJECTOR["height"]
        assert app.error_elements() == 0
        assert not app.console_errors, app.console_errors
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_sticks_out_of_a_phone_screen_in_either_mode(phone_context, app_url, path):
    """In presenter mode, then in normal mode after its exit button (one load per page:
    a load is most of a test's CPU)."""
    context, app = open_shared(phone_context, app_url, path, "lang=zh&present=1")
    page = app.page
    try:
        for mode in ("presenter", "normal"):
            expect(page.locator("h1").first).to_be_visible()
            app.draw_every_section()  # once: a section drawn stays drawn
            app.wait_drawn()  # charts and drawings size themselves after the run
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (path, mode, width)
            assert app.error_elements() == 0
            if mode == "presenter":
                app.widget("present_exit").get_by_role("button").click()
                app.wait_idle()
                expect(app.widget("present_exit")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_function_shows_in_full_in_the_legends(shared_context, app_url, lang):
    query = f"lang={lang}&act_f2=1&fn=" + ",".join(MANY)
    context, app = open_shared(shared_context, app_url, "activations", query, PROJECTOR)
    try:
        app.draw_section("part_act_depth")  # the depth chart's legend is far down
        legends = app.page.locator(".act-legend")
        expect(legends).to_have_count(2)  # the curves' and the depth chart's
        main = app.page.locator("[data-testid='stMainBlockContainer']").bounding_box()
        for i in range(2):
            legend = legends.nth(i)
            legend.scroll_into_view_if_needed()
            for key in MANY:
                name = display_name(key, lang)
                entry = legend.locator("span", has_text=name).first
                expect(entry).to_be_visible()
                assert entry.inner_text().strip().endswith(name)  # the whole name, no ellipsis
                assert entry.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
                box = entry.bounding_box()
                assert box["x"] >= main["x"] and box["x"] + box["width"] <= main["x"] + main["width"] + 0.5, (name, box)
        assert app.error_elements() == 0
    finally:
        context.close()


def test_many_functions_is_what_the_page_allows():
    assert len(MANY) == sa.MAX_OVERLAY and all(key in ACTIVATIONS for key in MANY)


#: The lead (first paragraph) each page hides in presenter mode, by its wrapper's key.
LEADS = {"": "home_lead", "collapse": "col_lead", "activations": "act_intro", "feature-map": "fm_intro",
         "training": "trn_lead"}


#: The smallest text in the page's main area that a person reads, as drawn: HTML text by
#: its font size, a chart's or diagram's SVG text by its font size times the SVG's scale
#: on screen. KaTeX's sub- and superscripts (sized from their formula) and invisible
#: helpers are left out.
SMALLEST_TEXT = r"""() => {
  const main = document.querySelector("[data-testid='stMain']");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const smallest = { html: [Infinity, null], svg: [Infinity, null] };
  let node;
  while ((node = walker.nextNode())) {
    const text = node.nodeValue.replace(/[\u200b\s]/g, "");
    const el = node.parentElement;
    if (!text || !el || el.closest(".katex, .trn-live-sr, .st-key-present_exit, [aria-hidden='true']")) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
    let size = parseFloat(getComputedStyle(el).fontSize), kind = "html";
    if (el instanceof SVGElement) {
      kind = "svg";
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    if (size < smallest[kind][0]) smallest[kind] = [size, text.slice(0, 40)];
  }
  return smallest;
}"""


@pytest.mark.parametrize("path, lang", [("", "zh"), ("collapse", "en"), ("activations", "zh"),
                                        ("feature-map", "en"), ("training", "zh")],
                         ids=["home-zh", "collapse-en", "activations-zh", "feature-map-en", "training-zh"])
def test_presenter_type_reads_from_the_back_of_a_room_and_leaving_brings_the_page_back(
        shared_context, app_url, path, lang):
    """Body text at least BODY_PX (20 px) in presenter mode, chart and diagram text at
    least CHART_MIN_PX (18 px) as drawn, the title larger than without it, and the live
    view's drawn text at the presenter's scale (12 px → 18 px); the page's lead hidden.
    Then its exit button: the lead is back, and presenter mode leaves the address (the
    language stays). One load per page for both (a load is most of a test's CPU)."""
    from core.state.presenter import BODY_PX, CHART_MIN_PX, TYPE_SCALE

    context, app = open_shared(shared_context, app_url, path, f"lang={lang}&present=1", PROJECTOR)
    try:
        page = app.page
        app.draw_every_section()  # the collapse page's charts far down too
        app.wait_drawn()
        # The page is in presenter mode (its exit button), then its style (an st.html element,
        # mounted a moment after the run) is in place: two waits, so a failure (seen once in
        # ~300 runs under a CPU hog, not reproduced since) says which of the two was missing.
        expect(app.widget("present_exit")).to_be_visible()
        page.wait_for_function("""() => [...document.querySelectorAll('style')]
                                        .some((s) => s.textContent.includes('present_hide_'))""")
        page.wait_for_function(f"() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) >= {2 * BODY_PX}")
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest["html"][0] >= BODY_PX, smallest
        assert smallest["svg"][0] >= CHART_MIN_PX - 0.5, smallest
        if path == "training":
            expect(page.locator(".st-key-trn_live .trn-live")).to_have_attribute("data-scale", f"{TYPE_SCALE:g}")
        lead = app.widget(f"present_hide_{LEADS[path]}")
        expect(lead).to_be_attached()
        expect(lead).to_be_hidden()
        expect(page).to_have_url(re.compile(r"[?&]present=1(&|$)"))
        app.widget("present_exit").get_by_role("button").click()
        app.wait_idle()
        expect(app.widget("present_exit")).to_have_count(0)
        expect(lead).to_be_visible()
        expect(page).not_to_have_url(re.compile(r"[?&]present="))
        expect(page).to_have_url(re.compile(rf"[?&]lang={lang}(&|$)"))
        assert app.error_elements() == 0
    finally:
        context.close()
