"""The training page's input features and its save / load panel, under AppTest."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from core.i18n import t
from core.nn.datasets import load_csv, make_dataset, train_test_split
from core.nn.trainer import Trainer
from core.state import network_file as nf
from core.state import training as ts
from tests.app.conftest import assert_clean, run_page
from tests.app.test_training_page import boundary, live

PAGE = "app_pages/training.py"


def page(lang="en", **query):
    at = run_page(PAGE, lang=lang, **query)
    assert_clean(at)
    return at


def network_drawing(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def trainer(at):
    return at.session_state["trn_session"].trainer


def test_the_features_widget_changes_the_inputs_and_the_drawing(lang):
    at = page(lang)
    before = boundary(at)
    assert at.multiselect(key="features").value == ["x1", "x2"]
    assert 'label="x₁"' in network_drawing(at) and 'label="x₁²"' not in network_drawing(at)
    at.multiselect(key="features").set_value(["x2sq", "x1sq", "x1"]).run()
    assert_clean(at)
    assert at.session_state["features"] == ["x1", "x1sq", "x2sq"]  # kept in canonical order
    assert trainer(at).features == ("x1", "x1sq", "x2sq")
    assert trainer(at).model.layer_sizes[0] == 3
    assert 'label="x₁²"' in network_drawing(at) and 'label="x₂"' not in network_drawing(at)
    assert boundary(at) != before
    assert at.query_params["features"] == "x1,x1sq,x2sq"


def test_an_empty_choice_goes_back_to_x1_x2():
    at = page(features="x1sq")
    at.multiselect(key="features").set_value([]).run()
    assert_clean(at)
    assert at.multiselect(key="features").value == ["x1", "x2"]
    assert trainer(at).features == ("x1", "x2")
    assert "features" not in at.query_params  # the default: nothing in the link


def test_the_url_sets_the_features_and_a_bad_list_gets_the_notice(lang):
    at = page(lang, features="x2sq,x1sq", hidden="", activation="identity")
    assert at.multiselect(key="features").value == ["x1sq", "x2sq"]
    assert trainer(at).model.layer_sizes == (2, 1)
    # "Only a straight line" is no longer true: the texts say what the features do instead.
    assert [i.value for i in at.info] == [t("trn_hint_identity_features", lang)]
    assert any(c.value == t("trn_layers_none_features", lang) for c in at.caption)
    plain = page(lang, hidden="", activation="identity")
    assert [i.value for i in plain.info] == [t("trn_hint_identity", lang)]
    assert any(c.value == t("trn_layers_none", lang) for c in plain.caption)
    for raw in ("x1,x3", ""):
        bad = run_page(PAGE, lang=lang, features=raw)
        assert not bad.exception
        assert len(bad.warning) == 1 and "`features`" in bad.warning[0].value
        assert bad.multiselect(key="features").value == ["x1", "x2"]


# ------------------------------------------------------------------ save and load

SAVED = {**ts.DEFAULTS, "dataset": "xor", "noise": 10, "n": 300, "seed": 7, "hidden": [3],
         "activation": "relu", "lr": 0.1, "batch": 20, "optimizer": "momentum",
         "features": ["x1", "x2", "x1x2"], "trn_discretize": True}


@pytest.fixture(scope="module")
def saved():
    X, y = make_dataset("xor", 300, 0.1, 7)
    tr = Trainer(ts.build_config(SAVED), *train_test_split(X, y, 0.5, 7))
    tr.run(12)
    return tr, nf.dumps(tr.model, tr.features, tr.epoch, SAVED).encode()


def upload(at, data: bytes, name: str = "network.json"):
    at.file_uploader(key="trn_netfile").set_value((name, data, "application/json")).run()
    return at


def test_loading_a_network_sets_the_widgets_and_the_weights(saved, lang):
    source, data = saved
    at = upload(page(lang), data)
    assert_clean(at)
    assert at.selectbox(key="dataset").value == "xor"
    assert at.selectbox(key="activation").value == "relu"
    assert at.select_slider(key="lr").value == 0.1
    assert at.selectbox(key="optimizer").value == "momentum"
    assert at.multiselect(key="features").value == ["x1", "x2", "x1x2"]
    assert at.toggle(key="trn_discretize").value is True
    assert at.session_state["hidden"] == [3]
    loaded = trainer(at)
    assert loaded.epoch == 0 and loaded.features == ("x1", "x2", "x1x2")
    for (W, b), (W0, b0) in zip(loaded.model.params, source.model.params):
        assert np.array_equal(W, W0) and np.array_equal(b, b0)
    assert len(at.success) == 1 and "3 → 3 → 1" in at.success[0].value
    assert at.query_params["activation"] == "relu"
    # Reset goes back to the loaded weights, not to the seed's.
    at.button(key="step").click().run()
    at.button(key="reset").click().run()
    for (W, _), (W0, _) in zip(trainer(at).model.params, source.model.params):
        assert np.array_equal(W, W0)
    assert live(at)["history"]["epoch"] == [0]


def broken(data: bytes, change) -> bytes:
    doc = json.loads(data)
    change(doc)
    return json.dumps(doc).encode()


BAD = {
    "malformed": lambda data: data[:50],
    "schema": lambda data: broken(data, lambda d: d.update(schema="something-else")),
    "version": lambda data: broken(data, lambda d: d.update(version=7)),
    "field": lambda data: broken(data, lambda d: d["activation"].update(name="nope")),
    "shape": lambda data: broken(data, lambda d: d["layers"][0]["biases"].pop()),
}


@pytest.mark.parametrize("code", BAD)
def test_each_bad_file_shows_its_message_and_the_page_keeps_working(saved, code, lang):
    _, data = saved
    at = page(lang)
    before = trainer(at).model.copy_params()
    upload(at, BAD[code](data), "bad.json")
    assert not at.exception
    assert len(at.error) == 1
    with pytest.raises(nf.NetworkFileError) as caught:
        nf.loads(BAD[code](data))
    assert at.error[0].value == t(f"trn_netfile_{code}", lang, **caught.value.details)
    assert at.selectbox(key="activation").value == ts.DEFAULTS["activation"]
    for (W, _), (W0, _) in zip(trainer(at).model.params, before):
        assert np.array_equal(W, W0)
    at.button(key="step").click().run()
    assert trainer(at).epoch == 1


DOWNLOADS = ("trn_dl_data", "trn_dl_network", "trn_dl_boundary", "trn_dl_history")


def made(at, key: str) -> bytes:
    """The file the button ``key`` handed to the browser on the run after its press."""
    from ui.browser_download import made_key

    file = at.session_state[made_key(key)]
    assert file["sent"]  # the run after the press drew it for the browser
    return base64.b64decode(file["b64"])


def test_the_downloads_are_offered(lang):
    at = page(lang)
    assert [at.button(key=k).label for k in DOWNLOADS] == [t(k, lang) for k in DOWNLOADS]


def test_each_download_is_the_page_at_the_moment_it_is_pressed(lang):
    """Pressed after two steps, the files are that network, its data and its history."""
    at = page(lang, dataset="xor", activation="relu")
    for _ in range(2):
        at.button(key="step").click().run()
    for key in DOWNLOADS:
        at.button(key=key).click().run()
        assert_clean(at)
    loaded = nf.loads(made(at, "trn_dl_network"))
    assert loaded.epoch == 2 and loaded.activation == "relu" and loaded.settings["dataset"] == "xor"
    for (W, b), (W1, b1) in zip(loaded.params, trainer(at).model.params):
        assert np.array_equal(W, W1) and np.array_equal(b, b1)
    X, y, _ = load_csv(made(at, "trn_dl_data"))
    assert X.shape[1] == 2 and set(y.tolist()) == {0, 1}
    assert made(at, "trn_dl_boundary")[:8] == b"\x89PNG\r\n\x1a\n"
    history = made(at, "trn_dl_history").decode("utf-8").splitlines()
    assert [row.split(",")[0] for row in history[1:]] == ["0", "1", "2"]  # the start, then each epoch
