"""The network file: exact round trip, every kind of bad file its own error; the exports."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.i18n import t
from core.nn.datasets import load_csv, make_dataset, train_test_split
from core.nn.features import expand
from core.nn.plane import grid_points
from core.nn.trainer import Trainer
from core.present import exports
from core.state import network_file as nf
from core.state import training as ts

SETTINGS = {**ts.DEFAULTS, "hidden": [3, 2], "activation": "leaky_relu", "features": ["x1", "x2", "x1x2"],
            "lr": 0.1, "batch": 30, "optimizer": "momentum", "reg": "l2", "reg_rate": 0.001, "seed": 42,
            "noise": 15, "speed": "max", "trn_show_test": True, "trn_compare": ["tanh", "relu"]}


@pytest.fixture(scope="module")
def split():
    X, y = make_dataset("xor", 200, 0.15, 42)
    return train_test_split(X, y, 0.5, 42)


@pytest.fixture(scope="module")
def trained(split):
    trainer = Trainer(ts.build_config(SETTINGS), *split)
    trainer.run(30)
    return trainer


@pytest.fixture(scope="module")
def document(trained):
    return json.loads(nf.dumps(trained.model, trained.features, trained.epoch, SETTINGS))


def text(document) -> str:
    return json.dumps(document)


def test_the_file_carries_the_documented_schema(document, trained):
    assert document["schema"] == "activation-dashboard/network" and document["version"] == 2
    assert all("a" not in layer for layer in document["layers"])  # only PReLU learns a slope
    assert document["architecture"] == {"inputs": 3, "hidden": [3, 2], "outputs": 1, "output_activation": "sigmoid"}
    assert document["features"] == ["x1", "x2", "x1x2"]
    assert document["activation"] == {"name": "leaky_relu", "params": {"negative_slope": 0.01}}
    assert [np.shape(layer["weights"]) for layer in document["layers"]] == [(3, 3), (3, 2), (2, 1)]
    assert document["epoch"] == 30
    assert set(document["settings"]) == {p.key for p in ts.PARAMS}  # every setting of the page
    assert document["settings"]["lr"] == 0.1 and document["settings"]["trn_compare"] == ["tanh", "relu"]


def test_round_trip_restores_the_exact_network_and_settings(trained, split):
    loaded = nf.loads(nf.dumps(trained.model, trained.features, trained.epoch, SETTINGS).encode())
    assert loaded.settings == {p.key: SETTINGS[p.key] for p in ts.PARAMS}
    assert loaded.layer_sizes == (3, 3, 2, 1) and loaded.epoch == 30
    again = Trainer(ts.build_config(loaded.settings), *split, initial_params=loaded.params)
    pts = grid_points(50)
    for a, b in zip(again.model.params, trained.model.params):
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])  # bit for bit
    p_loaded = again.model.predict_proba(expand(pts, loaded.features))
    p_trained = trained.model.predict_proba(expand(pts, trained.features))
    np.testing.assert_allclose(p_loaded, p_trained, rtol=0, atol=1e-12)


def test_missing_settings_take_the_defaults_and_the_network_decides_its_shape(document):
    doc = json.loads(text(document))
    doc["settings"] = {"lr": 0.3, "hidden": [9], "activation": "tanh"}
    loaded = nf.loads(text(doc))
    assert loaded.settings["lr"] == 0.3 and loaded.settings["dataset"] == ts.DEFAULTS["dataset"]
    assert loaded.settings["hidden"] == [3, 2] and loaded.settings["activation"] == "leaky_relu"


def edited(document, change):
    doc = json.loads(text(document))
    change(doc)
    return text(doc)


def set_path(doc, path, value):
    *parents, last = path
    for key in parents:
        doc = doc[key]
    doc[last] = value


BAD_FILES = {
    "not JSON": ("malformed", lambda d: "{not json"),
    "truncated": ("malformed", lambda d: text(d)[:-40]),
    "a list": ("malformed", lambda d: "[1, 2]"),
    "NaN weight": ("malformed", lambda d: text(d).replace("0.01}", "NaN}", 1)),
    "latin-1 bytes": ("malformed", lambda d: "{\"schema\": \"\xe9\"}".encode("latin-1")),
    "other schema": ("schema", lambda d: edited(d, lambda x: set_path(x, ["schema"], "tf-playground"))),
    "no schema": ("schema", lambda d: edited(d, lambda x: x.pop("schema"))),
    "version 3": ("version", lambda d: edited(d, lambda x: set_path(x, ["version"], 3))),
    "a slope in a leaky ReLU network": ("field", lambda d: edited(d, lambda x: set_path(x, ["layers", 0, "a"], [0.2]))),
    "version as text": ("version", lambda d: edited(d, lambda x: set_path(x, ["version"], "1"))),
    "no layers": ("field", lambda d: edited(d, lambda x: x.pop("layers"))),
    "unknown activation": ("field", lambda d: edited(d, lambda x: set_path(x, ["activation", "name"], "swish2"))),
    "changed activation parameter": ("field", lambda d: edited(
        d, lambda x: set_path(x, ["activation", "params"], {"negative_slope": 0.2}))),
    "unknown feature": ("field", lambda d: edited(d, lambda x: set_path(x, ["features"], ["x1", "x3", "x1x2"]))),
    "features out of order": ("field", lambda d: edited(d, lambda x: set_path(x, ["features"], ["x1x2", "x1", "x2"]))),
    "hidden beyond the page": ("field", lambda d: edited(d, lambda x: set_path(x, ["architecture", "hidden"], [3, 40]))),
    "bad setting": ("field", lambda d: edited(d, lambda x: set_path(x, ["settings", "lr"], 0.02))),
    "setting of the wrong type": ("field", lambda d: edited(d, lambda x: set_path(x, ["settings", "trn_show_test"], 1))),
    "huge weight": ("field", lambda d: edited(d, lambda x: set_path(x, ["layers", 0, "biases", 0], 1e300))
                    .replace("1e+300", "1e999")),
    "boolean bias": ("field", lambda d: edited(d, lambda x: set_path(x, ["layers", 0, "biases", 0], True))),
    "ragged rows": ("shape", lambda d: edited(d, lambda x: x["layers"][0]["weights"][1].pop())),
    "text weight": ("field", lambda d: edited(d, lambda x: set_path(x, ["layers", 0, "weights", 0, 0], "big"))),
    "inputs do not match the features": ("shape", lambda d: edited(d, lambda x: set_path(x, ["architecture", "inputs"], 2))),
    "a layer too few": ("shape", lambda d: edited(d, lambda x: x["layers"].pop())),
    "wrong weight shape": ("shape", lambda d: edited(d, lambda x: x["layers"][1]["weights"].pop())),
    "wrong bias length": ("shape", lambda d: edited(d, lambda x: x["layers"][0]["biases"].append(0.5))),
    "too large": ("too_large", lambda d: " " * (nf.MAX_BYTES + 1)),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_each_bad_file_gets_its_own_error(document, case):
    code, make = BAD_FILES[case]
    with pytest.raises(nf.NetworkFileError) as caught:
        nf.loads(make(document))
    assert caught.value.code == code
    # Its message exists in both languages and fills every placeholder.
    for lang in ("en", "zh"):
        message = t(f"trn_netfile_{code}", lang, **caught.value.details)
        assert message and "{" not in message


def test_every_error_code_has_a_message():
    for code in nf.ERROR_CODES:
        assert t(f"trn_netfile_{code}", "en") != t(f"trn_netfile_{code}", "zh")


# ------------------------------------------------------------------ the other downloads


def test_the_data_set_csv_reads_back_through_the_upload(split):
    X, y = make_dataset("circle", 120, 0.0, 3)
    s = train_test_split(X, y, 0.5, 3)
    data = exports.dataset_csv(s)
    assert data.decode().splitlines()[0] == "x1,x2,label,split"
    X_back, y_back, labels = load_csv(data)
    X_all, y_all = np.vstack([s[0], s[2]]), np.concatenate([s[1], s[3]])
    assert labels == ("0", "1") and np.array_equal(y_back, y_all)
    # The points lie in [-1, 1]² already: they come back exactly, not rescaled.
    np.testing.assert_array_equal(X_back, X_all)


def test_the_history_csv_has_one_row_per_record_row_with_its_stride_and_band(trained):
    rows = exports.history_csv(trained.history).decode().splitlines()
    assert rows[0] == ("epoch,epochs,train_loss,train_loss_min,train_loss_max,test_loss,test_loss_min,"
                       "test_loss_max,test_accuracy,test_accuracy_min,test_accuracy_max")
    assert len(rows) == len(trained.history) + 1
    last = rows[-1].split(",")
    assert int(last[0]) == trained.epoch and int(last[1]) == trained.history.count[-1]
    h = trained.history
    assert float(last[2]) == h.train_loss[-1] and float(last[8]) == h.test_acc[-1]
    assert float(last[3]) == h.low("train_loss")[-1] and float(last[10]) == h.high("test_acc")[-1]
    epochs = [int(r.split(",")[1]) for r in rows[1:]]
    assert sum(epochs) == trained.epoch + 1  # every epoch, the start included, exactly once


def test_the_boundary_png_is_a_png_of_the_asked_size(trained, split):
    data = exports.boundary_png(trained.model, trained.features, split, size=120, r=30)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (120, 120)


def test_a_session_starts_from_loaded_weights_and_reset_returns_to_them(trained, split):
    from dataclasses import replace

    from core.nn.session import TrainingSession

    loaded = nf.loads(nf.dumps(trained.model, trained.features, trained.epoch, SETTINGS))
    config = ts.build_config(loaded.settings)
    sess = TrainingSession(grid=20)
    sess.sync(config, split, ("xor",))
    run = sess.run_id
    sess.start_from(loaded.params)
    assert sess.run_id > run and sess.epoch == 0

    def same_as_loaded() -> bool:
        return all(np.array_equal(W, L) for (W, _), (L, _) in zip(sess.trainer.model.params, loaded.params))

    assert same_as_loaded()
    sess.step()
    assert sess.epoch == 1 and not same_as_loaded()
    sess.reset()
    assert sess.epoch == 0 and same_as_loaded()
    # A learning-rate change keeps them; a new architecture starts from the seed again.
    sess.sync(replace(config, lr=0.3), split, ("xor",))
    sess.reset()
    assert same_as_loaded()
    sess.sync(replace(config, activation="tanh"), split, ("xor",))
    sess.reset()
    assert not same_as_loaded()
    # Weights of another shape do not fit, and leave the session as it was.
    sess.start_from(loaded.params)
    with pytest.raises(ValueError):
        sess.start_from(loaded.params[:-1])
    sess.reset()
    assert same_as_loaded()


# ------------------------------------------------------------------ PReLU's learned slopes (version 2)

PRELU_SETTINGS = {**SETTINGS, "activation": "prelu", "optimizer": "adam", "reg": "l2", "reg_rate": 0.001}


@pytest.fixture(scope="module")
def prelu_trained(split):
    trainer = Trainer(ts.build_config(PRELU_SETTINGS), *split)
    trainer.run(40)
    assert np.all(trainer.model.slopes != 0.25)  # it learned them
    return trainer


@pytest.fixture(scope="module")
def prelu_document(prelu_trained):
    t = prelu_trained
    return json.loads(nf.dumps(t.model, t.features, t.epoch, PRELU_SETTINGS))


def test_a_prelu_file_holds_each_hidden_layers_learned_slope(prelu_document, prelu_trained):
    layers = prelu_document["layers"]
    assert [layer.get("a") for layer in layers] == [[float(a)] for a in prelu_trained.model.slopes] + [None]
    assert prelu_document["activation"] == {"name": "prelu", "params": {"a": 0.25}}  # where they started


def test_a_prelu_network_round_trips_bit_for_bit(prelu_trained, prelu_document, split):
    loaded = nf.loads(text(prelu_document))
    assert np.array_equal(loaded.slopes, prelu_trained.model.slopes)
    again = Trainer(ts.build_config(loaded.settings), *split, initial_params=loaded.params,
                    initial_slopes=loaded.slopes)
    pts = expand(grid_points(50), loaded.features)
    assert np.array_equal(again.model.theta, prelu_trained.model.theta)
    assert np.array_equal(again.model.predict_proba(pts), prelu_trained.model.predict_proba(pts))


def test_version_1_files_still_load(document, prelu_document):
    old = json.loads(text(document))
    old["version"] = 1
    loaded = nf.loads(text(old))
    assert loaded.slopes is None and loaded.activation == "leaky_relu" and len(loaded.params) == 3
    # A version-1 PReLU network had no learned slope: it starts from the one it had (0.25).
    old = json.loads(text(prelu_document))
    old["version"] = 1
    for layer in old["layers"]:
        layer.pop("a", None)
    loaded = nf.loads(text(old))
    assert loaded.activation == "prelu" and loaded.slopes is None
    assert nf.loads(text(prelu_document)).slopes.shape == (2,)


def _slope(layer, value):
    def change(doc):
        if value is None:
            doc["layers"][layer].pop("a")
        else:
            doc["layers"][layer]["a"] = value
    return change


BAD_SLOPES = {
    "two slopes in a layer": ("slope", _slope(0, [0.2, 0.3]), "[0.2, 0.3]"),
    "a bare number": ("slope", _slope(1, 0.25), "0.25"),
    "a nested list": ("slope", _slope(0, [[0.25]]), "[[0.25]]"),
    "no slope": ("slope", _slope(1, None), "—"),
    "a text slope": ("slope", _slope(0, ["0.25"]), '["0.25"]'),
    "a boolean slope": ("slope", _slope(0, [True]), "[true]"),
    "an infinite slope": ("slope", _slope(0, [1e300]), "[Infinity]"),
    "a slope on the output layer": ("field", _slope(2, [0.25]), None),
}


@pytest.mark.parametrize("case", BAD_SLOPES)
def test_a_wrong_slope_is_refused_with_a_clear_message(prelu_document, case):
    code, change, found = BAD_SLOPES[case]
    data = text(json.loads(edited(prelu_document, change))) if case != "an infinite slope" else \
        edited(prelu_document, change).replace("1e+300", "1e999")
    with pytest.raises(nf.NetworkFileError) as caught:
        nf.loads(data)
    assert caught.value.code == code
    if found is not None:
        assert caught.value.details["found"] == found
    for lang in ("en", "zh"):
        message = t(f"trn_netfile_{code}", lang, **caught.value.details)
        assert "{" not in message and caught.value.details["field"] in message
    if code == "slope":
        assert "PReLU" in t("trn_netfile_slope", "en", **caught.value.details)
        assert "斜率" in t("trn_netfile_slope", "zh", **caught.value.details)
