"""The live-training page in real Chromium: Play trains, Pause stops, links share, phones fit.

The picture is drawn by the browser (a canvas of the ``trn_live`` view): its root carries
``data-epoch`` (the frame on screen) and ``data-frames-drawn``, which these tests read.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from core.i18n import t

METRIC_VALUES = ".st-key-train_metrics [data-testid='stMetricValue']"
METRIC_LABELS = ".st-key-train_metrics [data-testid='stMetricLabel']"
LIVE = ".st-key-trn_live .trn-live"
PLANE = ".st-key-trn_live .trn-live-plane"


def metric(app, index: int) -> str:
    return app.page.locator(METRIC_VALUES).nth(index).inner_text().strip()


def epoch(app) -> int:
    return int(metric(app, 0).replace(",", ""))


def accuracy(app) -> float:
    return float(metric(app, 3).rstrip("%"))


def play_button(app):
    return app.widget("play").get_by_role("button").first


def frames_drawn(app, view: str = LIVE) -> int:
    return int(app.page.locator(view).first.get_attribute("data-frames-drawn"))


def plane_pixels(app) -> str:
    """The plane's pixels, as a data URL (changes exactly when the picture does)."""
    return app.page.locator(".st-key-trn_live canvas.trn-live-heat").evaluate("(c) => c.toDataURL()")


def test_play_trains_past_95_percent_and_pause_stops(app):
    app.open("training", "lang=en&dataset=circle&activation=tanh")
    expect(app.page.locator(METRIC_LABELS)).to_have_text(["Epoch", "Train loss", "Test loss", "Test accuracy"])
    expect(app.page.locator(METRIC_VALUES).first).to_have_text("0")
    expect(app.page.locator(LIVE)).to_have_attribute("data-epoch", "0")
    first_picture = plane_pixels(app)
    play_button(app).click()
    app.expect_answer(play_button(app), re.compile("Pause"))
    app.page.wait_for_function(
        """() => { const v = document.querySelectorAll(".st-key-train_metrics [data-testid='stMetricValue']");
                  return v.length === 4 && parseFloat(v[3].innerText) > 95; }""",
        timeout=60_000,
    )
    assert epoch(app) > 0
    assert plane_pixels(app) != first_picture
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile("Play"), timeout=30_000)
    app.wait_idle()
    # Paused, and what was still queued has played out: the picture is final.
    live = app.page.locator(LIVE)
    expect(live).to_have_attribute("data-playing", "0")
    expect(live).to_have_attribute("data-queued", "0")
    stopped = int(live.get_attribute("data-epoch"))
    expect(app.page.locator(METRIC_VALUES).first).to_have_text(f"{stopped:,}")
    assert accuracy(app) > 95
    # Pause stopped the training itself, not only the picture: one Step later the
    # network is exactly one epoch further (had it trained on, it would be more).
    app.widget("step").get_by_role("button").click()
    app.wait_idle()
    expect(live).to_have_attribute("data-epoch", str(stopped + 1))
    expect(app.page.locator(METRIC_VALUES).first).to_have_text(f"{stopped + 1:,}")
    expect(live).to_have_attribute("data-queued", "0")
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


def test_compare_mode_at_max_speed_plays_without_a_failed_request(app):
    """The compared networks' panels follow the play once their section is on screen (off
    screen they cost the server no redraw), at max speed, without a failed request."""
    app.open("training", "lang=en&speed=max&trn_compare=tanh,relu")
    views = app.page.locator(".trn-live")
    expect(views).to_have_count(3)  # the main view and one small view per activation
    section = app.page.locator(".st-key-trn_compare_section")
    expect(section).not_to_be_in_viewport()
    before = frames_drawn(app)
    play_button(app).click()
    app.wait_live(f"+v.framesDrawn >= {before + 5} && +v.epoch > 50")
    off_screen = max(int(views.nth(i).get_attribute("data-epoch")) for i in (1, 2))
    section.scroll_into_view_if_needed()
    app.page.wait_for_function(  # scrolled into view, both compared networks follow the play
        "(e0) => { const v = [...document.querySelectorAll('.st-key-trn_compare_section .trn-live')];"
        " return v.length === 2 && v.every((e) => +e.dataset.epoch > e0); }", arg=off_screen, timeout=60_000)
    play_button(app).click()
    app.wait_idle()
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors
    assert app.error_elements() == 0


def test_shared_link_opens_with_its_settings(app):
    app.open("training", "lang=zh&dataset=xor&activation=relu&hidden=3,3&lr=0.1&speed=max&noise=10&seed=7")
    expect(app.page.locator("h1").first).to_have_text(t("nav_training", "zh"))
    expect(app.page.locator(METRIC_LABELS)).to_have_text(
        [t(k, "zh") for k in ("trn_m_epoch", "trn_m_train_loss", "trn_m_test_loss", "trn_m_test_acc")])
    expect(app.widget("dataset").get_by_role("combobox")).to_have_value(t("trn_ds_xor", "zh"))
    expect(app.widget("activation").get_by_role("combobox")).to_have_value("ReLU")
    expect(app.widget("lr")).to_contain_text("0.1")
    expect(app.widget("speed")).to_contain_text(t("trn_speed_max", "zh"))
    expect(app.widget("trn_units_row_1").locator("[data-testid='stMarkdownContainer']")).to_have_text(
        t("trn_layer_units_short", "zh", i=2, units=3).replace("**", ""))
    for part in ("dataset=xor", "activation=relu", "hidden=3%2C3", "lr=0.1", "speed=max", "seed=7"):
        assert part in app.page.url or part.replace("%2C", ",") in app.page.url, (part, app.page.url)
    assert app.error_elements() == 0


def test_bad_link_shows_a_notice(app):
    app.open("training", "lang=en&lr=huge&activation=relu")
    expect(app.widget("url_notices")).to_contain_text("lr")
    expect(app.widget("activation").get_by_role("combobox")).to_have_value("ReLU")
    assert app.error_elements() == 0


def test_narrow_window_shows_the_boundary_and_play(browser, app_url):
    from tests.app_page import AppPage

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True)
    try:
        app = AppPage(context.new_page(), app_url)
        app.open("training", "lang=en")
        expect(play_button(app)).to_be_visible()
        picture = app.page.locator(PLANE)
        expect(picture).to_be_visible()
        box = picture.bounding_box()
        assert box["width"] >= 300, box  # the picture fills the phone's width
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # and stays on it
        play_button(app).click()
        app.page.wait_for_function(
            """() => { const v = document.querySelectorAll(".st-key-train_metrics [data-testid='stMetricValue']");
                      return v.length === 4 && parseInt(v[0].innerText) > 2; }""",
            timeout=60_000,
        )
        play_button(app).click()
        assert app.error_elements() == 0
        assert not app.failed_responses, app.failed_responses
    finally:
        context.close()
