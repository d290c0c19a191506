"""Input features and the downloads of the training page, in real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from core.i18n import t
from core.nn.datasets import load_csv
from core.state import network_file as nf
from tests.e2e.test_training_e2e import METRIC_VALUES, accuracy, play_button


def test_squared_features_let_a_linear_model_learn_the_circle(app):
    # The article's Y = W·X² + B: no hidden layer, no activation, fed x1² and x2².
    app.open("training", "lang=en&dataset=circle&features=x1sq,x2sq&hidden=&activation=identity")
    expect(app.widget("features")).to_contain_text("x₁²")
    expect(app.widget("features")).to_contain_text("x₂²")
    expect(app.page.get_by_text(t("trn_layers_none_features", "en"))).to_be_visible()
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile("Pause"))
    app.page.wait_for_function(
        """(sel) => { const v = document.querySelectorAll(sel);
                      return v.length === 4 && parseFloat(v[3].innerText) >= 90; }""",
        arg=METRIC_VALUES, timeout=60_000)
    play_button(app).click()
    expect(play_button(app)).to_have_text(re.compile("Play"))
    app.wait_idle()
    assert accuracy(app) >= 90
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors


def open_files_panel(app, lang: str):
    app.page.get_by_text(t("trn_sec_files", lang), exact=True).click()
    expect(app.widget("trn_dl_network")).to_be_visible()


def test_the_network_and_data_downloads_parse(app):
    app.open("training", "lang=zh&dataset=xor&activation=relu&features=x1,x2,x1x2")
    app.page.get_by_role("button", name=t("trn_step", "zh")).first.click()
    app.wait_idle()
    open_files_panel(app, "zh")
    with app.page.expect_download() as info:
        app.widget("trn_dl_network").get_by_role("button").click()
    download = info.value
    assert download.suggested_filename == "network.json"
    loaded = nf.loads(Path(download.path()).read_bytes())
    assert loaded.features == ("x1", "x2", "x1x2") and loaded.activation == "relu"
    assert loaded.settings["dataset"] == "xor" and loaded.epoch == 1
    with app.page.expect_download() as info:
        app.widget("trn_dl_data").get_by_role("button").click()
    X, y, _ = load_csv(Path(info.value.path()).read_bytes())
    assert X.shape == (500, 2) and set(y.tolist()) == {0, 1}
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
