"""The live page as a class uses it: play, wait, pause, play again; several learners at once.

The three links below made the old page die with "Cached ForwardMsg MISS" when paused
after a while (a network that has stopped changing resent an identical large picture).
Each is played twice in one session: Play, a while (counted in the server's ticks
that reach the page, not in seconds), Pause, Play again, Pause; the page must stay connected with no error
dialog, and no message may refer to a cached one (checked on the websocket by the
``app`` fixture for every test). The cause is shut off in the config (no message is
cacheable: ``tests/app/test_no_cached_messages.py``); these are the crashes' own links,
played as a learner played them, on one seed each (a second seed per link doubled the
suite's longest tests, about 60 s of CPU, for the same check).
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
    app.expect_answer(play_button(app), re.compile(f"{label}$"))


def shown_epoch(app) -> int:
    return int(app.page.locator(LIVE).get_attribute("data-epoch"))


def assert_healthy(app) -> None:
    assert app.connection_state() == "CONNECTED"
    assert app.page.locator("[role='dialog']").count() == 0
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


#: Each link is played on this seed for ``ROUNDS`` rounds of Play, a while, Pause, Play
#: again, Pause in one session (a long-lived page is where the race struck).
SEED = 0
ROUNDS = 2
#: "A while": this many server ticks while playing (a tick a second), in which a network
#: that has stopped changing resends the same state.
A_WHILE_TICKS = 2


def diverged(app) -> bool:
    return app.page.locator(".st-key-trn_divergence").count() > 0


def wait_for_epoch_past(app, epoch: int) -> None:
    """Until the frame on screen is past ``epoch``, or the network diverged (the page
    paused itself and says so in a notice)."""
    app.page.wait_for_function(
        f"""() => {{ const view = document.querySelector("{LIVE}");
                    return (view !== null && parseInt(view.dataset.epoch) > {epoch})
                           || document.querySelector(".st-key-trn_divergence") !== null; }}""",
        timeout=60_000)


def pause_if_playing(app) -> None:
    if not diverged(app):
        press_play(app, "Play")
    app.wait_live("v.playing === '0'")  # the view may be re-mounting: two for a moment
    app.wait_idle()


@pytest.mark.long  # a minute or more: started first
@pytest.mark.parametrize("query", CRASHED_BEFORE.values(), ids=CRASHED_BEFORE.keys())
def test_pause_after_a_while_and_play_again_stays_connected(app, query):
    app.open("training", f"lang=en&seed={SEED}&{query}")
    for _ in range(ROUNDS):
        if diverged(app):
            app.widget("reset").get_by_role("button").click()
            app.wait_idle()
        start = shown_epoch(app)
        ticks = int(app.page.locator(LIVE).get_attribute("data-payloads"))
        press_play(app)
        wait_for_epoch_past(app, start)
        app.wait_live(f"+v.payloads >= {ticks + A_WHILE_TICKS} || v.playing === '0'")
        pause_if_playing(app)
        paused_at = shown_epoch(app)
        if not diverged(app):
            press_play(app)
            # Playing again moves on from where it stopped.
            wait_for_epoch_past(app, paused_at)
            pause_if_playing(app)
        assert_healthy(app)


def test_figures_follow_the_frame_on_screen(app):
    """The metrics change with the picture (at frame rate, not once per server tick), and
    the epoch they show is always the epoch of the frame on screen."""
    app.open("training", "lang=en")
    press_play(app)
    app.wait_live("+v.epoch > 5")
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
    from tests.app_page import AppPage

    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, locale=loc)
                for loc in ("en-US", "zh-CN")]
    try:
        a, b = (AppPage(c.new_page(), app_url) for c in contexts)
        a.open("training", "lang=en&dataset=xor&activation=relu")
        b.open("training", "lang=zh&dataset=circle&activation=tanh&speed=5")
        press_play(a)
        press_play(b, t("trn_pause", "zh"))
        for learner in (a, b):
            learner.wait_live("+v.epoch > 20")
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
        # Each shows its own epoch, in step with its own figures, once what was still
        # queued has played out.
        for learner in (a, b):
            expect(learner.page.locator(LIVE)).to_have_attribute("data-playing", "0")
            expect(learner.page.locator(LIVE)).to_have_attribute("data-queued", "0")
            metric = learner.page.locator(".st-key-train_metrics [data-testid='stMetricValue']").first
            expect(metric).to_have_text(f"{shown_epoch(learner):,}")
            assert_healthy(learner)
            assert not learner.cached_refs
    finally:
        for c in contexts:
            c.close()
