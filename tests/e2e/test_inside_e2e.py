"""The training page's look inside, in real Chromium: check a neuron by hand after some
training, move the point and see the numbers follow; the plane, one panel per layer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from core.i18n import t

PROB = ".st-key-ins_prob"
METRIC_VALUES = ".st-key-train_metrics [data-testid='stMetricValue']"


def play_button(app):
    return app.widget("play").get_by_role("button").first


def open_expander(app, title: str) -> None:
    """Open the expander and wait for the runs it causes (its section comes on screen, and
    the page reruns to draw it): a click while a run redraws the buttons can be lost."""
    app.page.locator("[data-testid='stExpander'] summary").filter(has_text=title).click()
    app.wait_idle()


def test_check_a_neuron_by_hand_while_training_and_paused(app):
    app.open("training", "lang=en&dataset=circle&activation=tanh&hidden=3,2")
    open_expander(app, t("ins_check_title", "en"))
    prob = app.page.locator(PROB)
    expect(prob).to_contain_text(re.compile(r"At \(0\.5, −0\.3\) the network says p = 0\.\d+"))
    untrained = prob.inner_text()
    # While training plays, the numbers follow on the slow clock, with no click.
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile("Pause"))
    expect(prob).not_to_have_text(untrained)
    app.page.wait_for_function(
        f"""() => {{ const v = document.querySelectorAll("{METRIC_VALUES}");
                  return v.length === 4 && parseInt(v[0].innerText.replace(/,/g, "")) > 20; }}""")
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile("Play"))
    app.wait_idle()
    expect(prob).to_contain_text(re.compile(r"p = 0\.\d+"))
    before = prob.inner_text()
    # Paused: moving the point changes the numbers at once.
    field = app.widget("ins_x1").locator("input")
    field.fill("-0.9")
    field.press("Enter")
    expect(prob).to_contain_text("At (−0.9, −0.3)")
    after = prob.inner_text()
    assert re.search(r"p = 0\.\d+", after) and after.split("p = ")[1] != before.split("p = ")[1]
    # The worked formula shows the output's bias and its sigmoid.
    expect(app.page.locator(".katex").first).to_contain_text("σ")
    assert not app.console_errors, app.console_errors
    assert not app.failed_responses, app.failed_responses


def test_the_plane_layer_by_layer_in_chinese(app):
    app.open("training", "lang=zh&dataset=circle&activation=relu&hidden=4,2")
    open_expander(app, t("ins_warp_title", "zh"))
    chart = app.page.locator(".st-key-ins_warp [data-testid='stVegaLiteChart']")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("第 2 隐藏层")
    expect(chart).to_contain_text("第 1 隐藏层")
    # Both views open: moving the point redraws the page once (the warp view marks it).
    open_expander(app, t("ins_check_title", "zh"))
    field = app.widget("ins_x2").locator("input")
    field.fill("0.8")
    field.press("Enter")
    expect(app.page.locator(PROB)).to_contain_text("(0.5, 0.8)")
    expect(chart).to_be_visible()
    assert not app.console_errors, app.console_errors
