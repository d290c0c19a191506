"""The live page as a class uses it: play, wait, pause, play again; several learners at once.

The three links below made the old page die with "Cached ForwardMsg MISS" when paused
after a while (a network that has stopped changing resent an identical large picture).
Each runs five times: Play, wait, Pause, Play again, Pause; the page must stay connected
with no error dialog, and no message may refer to a cached one (checked on the websocket
by the ``app`` fixture for every test).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import t

LIVE = ".st-key-trn_live .trn-live"
CRASHED_BEFORE = {
    "xor-relu-lr10": "dataset=xor&activation=relu&lr=10",
    "sigmoid-6x16": "activation=sigmoid&hidden=16,16,16,16,16,16",
    "sigmoid-4-2-2-2-2-2": "activation=sigmoid&hidden=4,2,2,2,2,2",
}


def play_button(app):
    return app.widget("play").get_by_role("button").first


def press_play(app, label: str = "Pause") -> None:
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile(f"{label}$"), timeout=30_000)


def shown_epoch(app) -> int:
    return int(app.page.locator(LIVE).get_attribute("data-epoch"))


def assert_healthy(app) -> None:
    assert app.connection_state() == "CONNECTED"
    assert app.page.locator("[role='dialog']").count() == 0
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


@pytest.mark.parametrize("attempt", range(5))
@pytest.mark.parametrize("query", CRASHED_BEFORE.values(), ids=CRASHED_BEFORE.keys())
def test_pause_after_a_while_and_play_again_stays_connected(app, query, attempt):
    app.open("training", f"lang=en&seed={attempt}&{query}")
    press_play(app)
    app.page.wait_for_timeout(7_000)
    press_play(app, "Play")
    app.wait_idle()
    paused_at = shown_epoch(app)
    press_play(app)
    # Playing again moves on from where it stopped (unless the network diverged and
    # the page paused itself, which it says in a notice).
    app.page.wait_for_function(
        f"""() => parseInt(document.querySelector("{LIVE}").dataset.epoch) > {paused_at}
                  || document.querySelector(".st-key-trn_divergence") !== null""",
        timeout=30_000)
    if play_button(app).inner_text().strip().endswith("Pause"):
        press_play(app, "Play")
    app.wait_idle()
    assert_healthy(app)


def test_figures_follow_the_frame_on_screen(app):
    """The metrics change with the picture (at frame rate, not once per server tick), and
    the epoch they show is always the epoch of the frame on screen."""
    app.open("training", "lang=en")
    press_play(app)
    app.page.wait_for_function(f"""() => parseInt(document.querySelector("{LIVE}").dataset.epoch) > 5""",
                               timeout=30_000)
    samples = app.page.evaluate(f"""() => new Promise((done) => {{
        const out = [], end = performance.now() + 2000;
        const look = () => {{
            const view = document.querySelector("{LIVE}");
            const metric = document.querySelector(".st-key-train_metrics [data-testid='stMetricValue']");
            out.push([view.dataset.epoch, metric.innerText.replace(/,/g, "").trim()]);
            if (performance.now() < end) requestAnimationFrame(look); else done(out);
        }};
        requestAnimationFrame(look);
    }})""")
    press_play(app, "Play")
    assert all(view == metric for view, metric in samples), samples[:20]
    assert len({view for view, _ in samples}) >= 8  # at least 4 updates a second
    assert_healthy(app)


def test_two_learners_train_at_once_without_cross_talk(browser, app_url):
    """Two browser sessions on one server, each with its own settings and language."""
    from tests.e2e.conftest import AppPage

    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, locale=loc)
                for loc in ("en-US", "zh-CN")]
    try:
        a, b = (AppPage(c.new_page(), app_url) for c in contexts)
        a.open("training", "lang=en&dataset=xor&activation=relu")
        b.open("training", "lang=zh&dataset=circle&activation=tanh&speed=5")
        press_play(a)
        press_play(b, t("trn_pause", "zh"))
        for learner in (a, b):
            learner.page.wait_for_function(
                f"""() => parseInt(document.querySelector("{LIVE}").dataset.epoch) > 20""", timeout=60_000)
        press_play(a, "Play")
        press_play(b, t("trn_play", "zh"))
        for learner in (a, b):
            learner.wait_idle()
        expect(a.widget("activation").get_by_role("combobox")).to_have_value("ReLU")
        expect(b.widget("activation").get_by_role("combobox")).to_have_value("Tanh")
        expect(a.page.locator(".st-key-train_metrics [data-testid='stMetricLabel']").first).to_have_text("Epoch")
        expect(b.page.locator(".st-key-train_metrics [data-testid='stMetricLabel']").first).to_have_text(
            t("trn_m_epoch", "zh"))
        assert "dataset=xor" in a.page.url and "dataset=xor" not in b.page.url
        # Each shows its own epoch, in step with its own figures.
        for learner in (a, b):
            metric = learner.page.locator(".st-key-train_metrics [data-testid='stMetricValue']").first
            expect(metric).to_have_text(f"{shown_epoch(learner):,}")
            assert_healthy(learner)
            assert not learner.cached_refs
    finally:
        for c in contexts:
            c.close()
