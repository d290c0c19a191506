"""Every page, both languages, loads clean (no error element, no console error, no failed
request, its own name marked in the navigation) and is checked by axe-core (Deque's rules, the engine browsers'
own accessibility audits use) in the e2e browser; and the training page played from the
keyboard alone.

axe-core comes bundled in the ``axe-playwright-python`` wheel (a dev requirement), so no
download happens at test time. The test scrolls the whole page first: Streamlit draws
images below the fold only when they come near the screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.i18n import t
from core.state.pages import PAGES as APP_PAGES

PAGES = tuple(page.url_path for page in APP_PAGES)
NAV_KEYS = {page.url_path: page.title for page in APP_PAGES}
#: What fails the test: axe's two worst levels (``moderate`` and ``minor`` are reported).
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(app) -> list[dict]:
    app.page.evaluate(axe_source())
    return app.page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => [n.html.slice(0, 160), (n.failureSummary || "").slice(0, 240)]) }));
    }""")


def settle(app) -> None:
    """Everything drawn (every section, as if scrolled through), every lazily drawn image
    reached, the formula aid at work."""
    app.draw_every_section()
    app.wait_drawn()
    app.page.mouse.wheel(0, 100_000)
    app.page.wait_for_function("() => window.__formulaAid !== undefined")
    app.page.wait_for_function("""() => [...document.querySelectorAll('.katex-display')]
                                          .every((box) => box.hasAttribute('tabindex'))""")
    app.page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stImage"]')]
                                          .every((box) => box.querySelector('img') !== null)""")
    # Streamlit fades elements in; mid-fade a caption is paler than it will be.
    app.page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_every_page_loads_clean_and_has_no_serious_accessibility_violation(app, path, lang):
    """One load per page and language for both checks (a page load is most of an e2e
    test's CPU): what a learner meets on arrival, then what axe finds once all is drawn."""
    app.open(path, f"lang={lang}")
    assert app.error_elements() == 0
    expect(app.page.locator("[data-testid='stSidebarNav'] a[aria-current='page']")).to_contain_text(
        t(NAV_KEYS[path], lang))
    settle(app)
    found = [v for v in violations(app) if v["impact"] in BLOCKING]
    assert not found, found
    assert not app.console_errors, app.console_errors
    assert not app.failed_responses, app.failed_responses


def test_training_is_played_paused_and_stepped_from_the_keyboard(app):
    app.open("training", "lang=en")
    live = app.page.locator(".st-key-trn_live .trn-live")
    play = app.widget("play").get_by_role("button").first
    play.focus()
    app.page.keyboard.press("Enter")
    expect(play).to_have_text(re.compile("Pause$"))
    app.wait_live("+v.epoch > 3")
    app.widget("play").get_by_role("button").first.focus()
    app.page.keyboard.press("Space")
    expect(play).to_have_text(re.compile("Play$"))
    app.wait_idle()  # the button is drawn before the view's last payload of the same run
    expect(live).to_have_attribute("data-queued", "0")
    expect(live).to_have_attribute("data-playing", "0")
    paused = int(live.get_attribute("data-epoch"))
    app.widget("step").get_by_role("button").first.focus()
    app.page.keyboard.press("Enter")
    expect(live).to_have_attribute("data-epoch", str(paused + 1))
    # A screen reader hears the settled picture's figures.
    spoken = app.page.locator(".trn-live .trn-live-sr[aria-live='polite']").first
    expect(spoken).to_contain_text(f"Epoch {paused + 1:,}:")
    expect(spoken).to_contain_text("test accuracy")
    app.widget("reset").get_by_role("button").first.focus()
    app.page.keyboard.press("Enter")
    expect(live).to_have_attribute("data-epoch", "0")
    assert t("trn_play", "en") in play.inner_text()
