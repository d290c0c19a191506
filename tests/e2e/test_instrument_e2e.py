"""The training page as one instrument, in real Chromium: what a learner needs fits the
first screen of a laptop (1440 × 900), a projector in presenter mode (1280 × 720) and a
phone (390 × 844), in both languages; the data sets are chosen as pictures."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.i18n import t
from tests.app_page import LIVE_VIEW, AppPage
from tests.e2e.conftest import PHONE, open_shared

#: Each part of the instrument by what a learner looks for, and the element that shows it.
#: The loss curve is the top chart of the view's side canvas (``LOSS_SHARE`` of its height).
LAPTOP = {
    "data pictures": ".st-key-trn_data_pick",
    "input features": ".st-key-features",
    "network with neuron maps": ".st-key-trn_network_picture svg",
    "live plane": f"{LIVE_VIEW} .trn-live-board",
    "four numbers": ".st-key-train_metrics",
    # A button with a tooltip is in the page twice on a phone, once hidden: the shown one.
    "play": ".st-key-play button:visible",
    "step": ".st-key-step button:visible",
    "reset": ".st-key-reset button:visible",
    "learning rate": ".st-key-lr",
    "speed": ".st-key-speed",
}
PRESENTER = {key: LAPTOP[key] for key in ("live plane", "four numbers", "play")}
ON_A_PHONE = PRESENTER


def off_screen(app: AppPage, parts: dict[str, str]) -> dict[str, dict]:
    """The parts not wholly inside the window as first drawn (no scrolling), with their box."""
    width, height = app.page.viewport_size["width"], app.page.viewport_size["height"]
    out = {}
    for name, selector in parts.items():
        element = app.page.locator(selector).first
        expect(element).to_be_visible()
        box = element.bounding_box()
        if box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > width + 0.5 or box["y"] + box["height"] > height + 0.5:
            out[name] = box
    return out


def loss_curve_bottom(app: AppPage) -> float:
    """Where the loss curve ends: the view's curves share its side canvas from the top."""
    return app.page.locator(f"{LIVE_VIEW} .trn-live-side canvas").first.evaluate(
        "(c) => { const r = c.getBoundingClientRect(); return r.top + r.height / 3; }")


def opened(context, app_url, lang: str, width: int, height: int, query: str = ""):
    """The training page in a new page of a shared ``context`` at ``width`` × ``height``,
    its live view drawn; the first item closes it."""
    closer, app = open_shared(context, app_url, "training", f"lang={lang}{query}", {"width": width, "height": height})
    app.page.wait_for_selector(f"{LIVE_VIEW}[data-frames-drawn]:not([data-frames-drawn='0'])")
    return closer, app


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_laptop_sees_the_whole_instrument_without_scrolling(shared_context, app_url, lang):
    context, app = opened(shared_context, app_url, lang, 1440, 900)
    try:
        assert off_screen(app, LAPTOP) == {}
        assert loss_curve_bottom(app) <= 900
        # The data, the network and the picture side by side, in that order.
        left = [app.page.locator(LAPTOP[key]).first.bounding_box()["x"]
                for key in ("data pictures", "network with neuron maps", "live plane")]
        assert left == sorted(left), left
        assert app.error_elements() == 0 and not app.console_errors
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_projector_sees_the_plane_play_and_the_numbers(shared_context, app_url, lang):
    context, app = opened(shared_context, app_url, lang, 1280, 720, "&present=1")
    try:
        expect(app.page.locator(".st-key-present_exit")).to_be_visible()
        assert off_screen(app, PRESENTER) == {}
        # The data and the network gave way: one click away, below the picture.
        more = app.page.locator(".st-key-trn_instrument_more")
        expect(more).to_contain_text(t("trn_instrument_more", lang))
        expect(app.page.locator(LAPTOP["network with neuron maps"])).to_be_hidden()
        more.locator("summary").click()
        expect(app.page.locator(LAPTOP["network with neuron maps"])).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_sees_the_plane_play_and_the_numbers_first(browser, app_url, lang):
    # A phone of its own, as a learner's first visit: in the worker's shared phone (after
    # the presenter tests' pages) the plane was once drawn below the first screen, in a
    # fresh-clone CI run (y = 1195 px); not understood yet.
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True)
    _, app = opened(context, app_url, lang, PHONE["width"], PHONE["height"])
    try:
        assert off_screen(app, ON_A_PHONE) == {}
        # The data and the network come after the picture, reachable without the sidebar.
        plane = app.page.locator(LAPTOP["live plane"]).bounding_box()
        for key in ("data pictures", "network with neuron maps"):
            element = app.page.locator(LAPTOP[key]).first
            assert element.bounding_box()["y"] > plane["y"] + plane["height"], key  # below the plane
        for key in ("data pictures", "network with neuron maps"):
            element = app.page.locator(LAPTOP[key]).first
            element.scroll_into_view_if_needed()
            expect(element).to_be_in_viewport()
    finally:
        context.close()


def test_a_data_picture_chooses_the_data_set(app):
    app.open("training", "lang=zh&dataset=circle")
    pictures = app.page.locator(".st-key-trn_data_pick .pic-picker-item")
    expect(pictures).to_have_count(6)
    expect(app.page.locator(".st-key-trn_data_pick [aria-pressed='true']")).to_have_attribute("data-value", "circle")
    xor = app.page.locator(".st-key-trn_data_pick [data-value='xor']")
    expect(xor).to_have_attribute("aria-label", t("trn_ds_xor", "zh"))
    xor.click()
    app.wait_idle()
    expect(xor).to_have_attribute("aria-pressed", "true")
    expect(app.widget("dataset").get_by_role("combobox")).to_have_value(t("trn_ds_xor", "zh"))
    assert "dataset=xor" in app.page.url
    # A keyboard chooses too: Tab to a picture, Enter.
    spiral = app.page.locator(".st-key-trn_data_pick [data-value='spiral']")
    spiral.focus()
    app.page.keyboard.press("Enter")
    app.wait_idle()
    expect(spiral).to_have_attribute("aria-pressed", "true")
    assert "dataset=spiral" in app.page.url
    assert app.error_elements() == 0 and not app.console_errors


def test_the_network_drawing_keeps_every_input_label_whole(app):
    """Long input names (sin(x₁), x₁x₂) are drawn inside the drawing, not cut at its edge."""
    app.open("training", "lang=zh&features=x1,x2,sinx1,sinx2,x1x2&hidden=3")
    drawing = app.page.locator(LAPTOP["network with neuron maps"])
    expect(drawing.locator("text")).to_have_count(5)
    outside = drawing.evaluate("""(svg) => {
        const box = svg.viewBox.baseVal;
        return Array.from(svg.querySelectorAll("text")).map((t) => [t.textContent, t.getBBox()])
            .filter(([, b]) => b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width)
            .map(([name, b]) => `${name}: ${b.x.toFixed(2)}`); }""")
    assert outside == []
