"""The feature-map page in a real browser: it draws, a new activation redraws its stage and
the sentences that depend on it, and an upload is used by this tab."""

import io
import re

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from core.i18n import t

IMAGES = "[data-testid='stImage'] img"


def stage_image(app, k: int):
    """The picture of stage k (0 picture, 1 convolution, 2 pooling, 3 activation)."""
    return app.widget(f"fm_stage_{k}").locator(IMAGES)


def expect_drawn_clean(app, lang: str) -> None:
    """The page as it opened: its title, its twelve pictures (the last stage's a PNG), its
    four charts and its formulas, nothing failed. (The tests below open the page once and
    check this first: a page load is most of an e2e test's CPU.) The two sections below the
    pipeline are drawn first, as if the learner had scrolled to them."""
    expect(app.page.locator("h1").first).to_have_text(t("fm_nav", lang))
    app.draw_every_section()
    expect(app.page.locator(IMAGES)).to_have_count(12)
    expect(stage_image(app, 3)).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    expect(app.page.locator("[data-testid='stVegaLiteChart']")).to_have_count(4)
    expect(app.page.locator(".katex").first).to_be_visible()
    assert app.error_elements() == 0
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors


def test_the_page_draws_and_changing_the_activation_redraws_the_activation_stage(app):
    app.open("feature-map", "lang=en")
    expect_drawn_clean(app, "en")
    expect(stage_image(app, 3)).to_have_attribute("src", re.compile(r"^data:image/png"))
    before = [stage_image(app, k).get_attribute("src") for k in range(4)]
    app.select_option("fm_act", "Tanh")
    expect(app.page).to_have_url(re.compile(r"fm_act=tanh"))
    expect(stage_image(app, 3)).not_to_have_attribute("src", before[3])
    expect(app.page.get_by_text(t("fm_hint_tanh", "en"))).to_be_visible()
    # Convolution and pooling come before the activation: they stay as they were.
    for k in range(3):
        expect(stage_image(app, k)).to_have_attribute("src", before[k])
    tanh = stage_image(app, 3).get_attribute("src")
    app.select_option("fm_act", "Sigmoid")
    expect(stage_image(app, 3)).not_to_have_attribute("src", tanh)
    expect(stage_image(app, 3)).not_to_have_attribute("src", before[3])
    assert app.error_elements() == 0
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors


def test_the_page_draws_in_chinese_and_the_order_note_follows_the_activation(app):
    """Issue 18, item 9, in the browser: ReLU and max pooling commute; GELU does not."""
    app.open("feature-map", "lang=zh")
    expect_drawn_clean(app, "zh")
    relu = t("fm_order_max_same", "zh", act="ReLU", ratio="4")
    expect(app.page.get_by_text(relu[:30])).to_be_visible()
    app.select_option("fm_act", "GELU")
    expect(app.page).to_have_url(re.compile(r"fm_act=gelu"))
    expect(app.page.get_by_text(t("fm_order_max_differs", "zh", act="GELU", max_gap="")[:25])).to_be_visible()
    expect(app.page.get_by_text(relu[:30])).to_have_count(0)
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


def test_an_upload_is_drawn_in_this_tab(app):
    """Issue 18, item 13, in the browser: the picture goes to the server, comes back drawn, and
    the page keeps working (the per-session path, not the shared cache)."""
    app.open("feature-map", "lang=en&fm_src=upload")
    expect(app.page.get_by_text(t("fm_upload_missing", "en"))).to_be_visible()
    before = stage_image(app, 0).get_attribute("src")
    stripes = np.zeros((90, 90), dtype=np.uint8)
    stripes[:, ::10] = 255
    buf = io.BytesIO()
    Image.fromarray(stripes).save(buf, format="PNG")
    app.widget("fm_upload").locator("input[type=file]").set_input_files(
        files=[{"name": "stripes.png", "mimeType": "image/png", "buffer": buf.getvalue()}])
    expect(app.page.get_by_text(t("fm_upload_ok", "en", size=128))).to_be_visible()
    expect(stage_image(app, 0)).not_to_have_attribute("src", before)
    app.draw_every_section()
    expect(app.page.locator(IMAGES)).to_have_count(12)
    assert app.error_elements() == 0
    assert not app.failed_responses, app.failed_responses
    assert not app.console_errors, app.console_errors
