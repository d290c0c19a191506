"""The live-training page under AppTest: every control, Step/Reset, divergence, URL, upload."""

from __future__ import annotations

import hashlib

import numpy as np

import pytest

from core.i18n import t
from core.present.live_frames import unpack
from core.state import training as ts
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/training.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def live_views(at) -> list[dict]:
    """The decoded payloads of every live view on the page (main first, then compare)."""
    return [unpack(e.proto.bytes) for e in at.get("bidi_component")
            if e.proto.component_name == "trn_live_view"]


def live(at) -> dict:
    return live_views(at)[0]


def boundary(at) -> str:
    """A digest of everything the main picture is drawn from: the newest probability
    grid, the points and how they are shown. It changes exactly when the picture does."""
    h = live(at)
    drawn = (h["grids"][-1].tobytes(), h["points"].tobytes(), h["show_test"], h["discretize"])
    return hashlib.sha256(repr(drawn).encode()).hexdigest()


def click(at, key: str, lang: str = "en"):
    """Press a button (``lang`` is kept for call sites that name it; the app keeps the language)."""
    at.button(key=key).click().run()


def set_value(at, kind: str, key: str, value, lang: str = "en"):
    getattr(at, kind)(key=key).set_value(value).run()


def page(lang="en", **query):
    at = run_page(PAGE, lang=lang, **query)
    assert_clean(at)
    return at


def test_renders_in_each_language(lang):
    at = page(lang)
    labels = [t(k, lang) for k in ("trn_m_epoch", "trn_m_train_loss", "trn_m_test_loss", "trn_m_test_acc")]
    assert list(metrics(at)) == labels
    assert metrics(at)[labels[0]] == "0"
    assert metrics(at)[labels[3]].endswith("%")
    assert at.button(key="play").label == t("trn_play", lang)
    view = live(at)
    # The view is told everything it draws, in the learner's language.
    assert view["texts"] == [list(metrics(at).values())]
    assert view["labels"]["loss_title"] == t("trn_curves_loss", lang)
    assert view["charts"] == ["loss", "accuracy", "grad"]
    assert view["grids"].shape == (1, ts.LIVE_GRID, ts.LIVE_GRID)
    assert view["history"]["epoch"] == [0] and view["playing"] is False
    assert len(view["points"]) == 500


def test_step_advances_one_epoch_and_reset_returns_to_zero(lang):
    at = page(lang)
    epoch = t("trn_m_epoch", lang)
    before = boundary(at)
    click(at, "step", lang)
    assert_clean(at)
    assert metrics(at)[epoch] == "1"
    assert boundary(at) != before
    click(at, "step", lang)
    assert metrics(at)[epoch] == "2"
    click(at, "reset", lang)
    assert metrics(at)[epoch] == "0"
    assert boundary(at) == before  # same data, same starting weights


def test_play_toggles_and_pause_label(lang):
    at = page(lang)
    click(at, "play", lang)
    assert at.session_state["trn_session"].playing is True
    assert at.button(key="play").label == t("trn_pause", lang)
    assert live(at)["playing"] is True and live(at)["catch_up"] is True
    click(at, "play", lang)
    assert at.session_state["trn_session"].playing is False


# Controls that change the picture at once (data, architecture, display).
IMMEDIATE = [
    ("selectbox", "dataset", "xor"),
    ("slider", "noise", 30),
    ("slider", "n", 200),
    ("slider", "ratio", 80),
    ("number_input", "seed", 11),
    ("toggle", "trn_show_test", True),
    ("toggle", "trn_discretize", True),
    ("selectbox", "activation", "relu"),
    ("selectbox", "init", "zeros"),
]
# Controls that change how the network learns: visible after one epoch.
AFTER_A_STEP = [
    ("select_slider", "lr", 1.0),
    ("select_slider", "batch", 250),
    ("selectbox", "optimizer", "sgd"),
    ("selectbox", "loss", "mse"),
]


@pytest.mark.parametrize("kind,key,value", IMMEDIATE, ids=[c[1] for c in IMMEDIATE])
def test_every_data_and_network_control_changes_the_picture(kind, key, value, lang):
    at = page(lang)
    before = boundary(at)
    set_value(at, kind, key, value, lang)
    assert_clean(at)
    assert boundary(at) != before
    assert at.query_params[key] == ts.PARAMS_BY_KEY[key].dump(value)
    assert at.button(key="play").label == t("trn_play", lang)  # still in the learner's language


@pytest.mark.parametrize("kind,key,value", AFTER_A_STEP, ids=[c[1] for c in AFTER_A_STEP])
def test_every_training_control_changes_what_is_learned(kind, key, value, lang):
    at = page(lang)
    click(at, "step", lang)
    baseline = boundary(at)
    at = page(lang)
    set_value(at, kind, key, value, lang)
    click(at, "step", lang)
    assert_clean(at)
    assert boundary(at) != baseline


def test_regularisation_changes_what_is_learned():
    at = page(lr="1")
    click(at, "step", "en")
    baseline = boundary(at)
    at = page(lr="1")
    set_value(at, "selectbox", "reg", "l2", "en")
    assert at.select_slider(key="reg_rate").disabled is False
    set_value(at, "select_slider", "reg_rate", 1.0, "en")
    click(at, "step", "en")
    assert_clean(at)
    assert boundary(at) != baseline


def test_learning_rate_and_speed_keep_training_going():
    at = page()
    for _ in range(3):
        click(at, "step", "en")
    set_value(at, "select_slider", "lr", 0.1, "en")
    set_value(at, "select_slider", "speed", "max", "en")
    assert metrics(at)["Epoch"] == "3"
    assert at.query_params["speed"] == "max" and at.query_params["lr"] == "0.1"
    # …while a change of architecture starts over.
    set_value(at, "selectbox", "activation", "sigmoid", "en")
    assert metrics(at)["Epoch"] == "0"


def test_layer_buttons_edit_hidden():
    at = page()
    click(at, "trn_layers_more", "en")
    assert at.session_state["hidden"] == [4, 2, 2]
    click(at, "trn_more_0", "en")
    click(at, "trn_less_2", "en")
    assert at.session_state["hidden"] == [5, 2, 1]
    assert at.query_params["hidden"] == "5,2,1"
    for _ in range(3):
        click(at, "trn_layers_less", "en")
    assert_clean(at)
    assert at.session_state["hidden"] == []
    assert at.query_params["hidden"] == ""
    assert metrics(at)["Epoch"] == "0"


def test_divergence_pauses_with_a_message_and_a_way_back(lang):
    at = page(lang, activation="identity", optimizer="sgd", lr="10")
    click(at, "step", lang)
    assert not at.exception
    assert any(t("trn_diverged", lang, epoch=1, lr="10") == e.value for e in at.error)
    assert at.session_state["trn_session"].playing is False
    assert live(at)["frames"][0][0] == 0  # the last good state (epoch 0), not a blank
    click(at, "trn_recover", lang)
    assert_clean(at)
    assert at.select_slider(key="lr").value == 0.03
    assert metrics(at)[t("trn_m_epoch", lang)] == "0"
    click(at, "step", lang)
    assert_clean(at)


def test_url_restores_every_setting():
    query = dict(dataset="moons", noise="20", n="300", ratio="70", seed="42", hidden="3,3,2",
                 activation="relu", init="he", lr="0.1", batch="20", optimizer="momentum", loss="mse",
                 reg="l2", reg_rate="0.01", speed="max", trn_show_test="1", trn_discretize="1",
                 trn_compare="tanh,relu")
    at = page("zh", **query)
    for key, raw in query.items():
        assert at.session_state[key] == ts.PARAMS_BY_KEY[key].parse(raw), key
    assert at.selectbox(key="dataset").value == "moons"
    assert at.slider(key="noise").value == 20
    assert at.select_slider(key="lr").value == 0.1
    assert at.select_slider(key="speed").value == "max"
    assert at.multiselect(key="trn_compare").value == ["tanh", "relu"]
    assert not at.get("url_notices") and not at.warning
    # Compare mode: one small view per activation below the main one.
    assert [v["charts"] for v in live_views(at)] == [["loss", "accuracy", "grad"], ["loss"], ["loss"]]


def test_bad_url_values_show_the_notice(lang):
    at = run_page(PAGE, lang=lang, lr="abc", hidden="4,99", activation="swish2")
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert len(notices) == 1  # one compact notice, not one warning per bad value
    assert all(f"`{key}`" in notices[0] for key in ("lr", "hidden", "activation")) and "swish2" in notices[0]
    assert at.session_state["hidden"] == [4, 2]
    assert metrics(at)[t("trn_m_epoch", lang)] == "0"


def test_compare_mode_trains_in_step():
    at = page(trn_compare="tanh,identity,step")
    click(at, "step", "en")
    assert_clean(at)
    trainers = at.session_state["trn_session"].compared
    assert [tr.epoch for tr in trainers] == [1, 1, 1]
    assert [tr.config.activation for tr in trainers] == ["tanh", "identity", "step"]


GOOD_CSV = b"x1,x2,label\n" + b"".join(
    f"{i % 7},{(i * 3) % 5},{'circle' if i % 2 else 'triangle'}\n".encode() for i in range(40))


def test_upload_good_and_bad_csv(lang):
    at = page(lang, dataset="upload")
    assert any(t("trn_upload_missing", lang) == i.value for i in at.info)
    at.file_uploader(key="trn_upload").set_value(("mine.csv", GOOD_CSV, "text/csv")).run()
    assert_clean(at)
    assert any("40" in c.value for c in at.caption)
    good = boundary(at)
    bad = b"x1,x2,label\n1,2,a\n3,4,b\n5,oops,a\n6,7,b\n"
    at.file_uploader(key="trn_upload").set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert len(at.error) == 1 and "oops" in at.error[0].value
    assert t("trn_upload_failed", lang, reason="")[:6] in at.error[0].value
    assert boundary(at) != good  # back on the circle, still drawing
    assert metrics(at)[t("trn_m_epoch", lang)] == "0"


def warnings_in(at) -> list[str]:
    return [w.value for w in at.warning]


def test_a_dead_network_says_so_and_marks_its_dead_units(lang):
    at = page(lang, dataset="xor", activation="relu", lr="10")
    assert not any(t("trn_diag_dead_units", lang, count=0, units=0, where="")[:8] in w for w in warnings_in(at))
    at.session_state["trn_session"].trainer.run(300)  # what a few seconds of Play do
    at.run()
    assert_clean(at)
    dead = [w for w in warnings_in(at) if w.startswith(t("trn_diag_dead_units", lang, count=0, units=0, where="")[:2])]
    from core.nn.datasets import make_dataset, train_test_split
    from core.nn.diagnostics import diagnose

    X_train = train_test_split(*make_dataset("xor", 500, 0.0, 5), 0.5, 5)[0]
    model = at.session_state["trn_session"].trainer.model
    finding = next(f for f in diagnose(model, X_train) if f.code == "dead_units")
    assert any(f"{finding.count}" in w and f"{finding.numbers['units']}" in w for w in dead), dead
    assert any(t("trn_neurons_dead", lang) in c.value for c in at.caption)


def test_all_zeros_shows_the_twins(lang):
    at = page(lang, init="zeros")
    click(at, "step", lang)
    twins = [w for w in warnings_in(at) if t("trn_diag_layer", lang, layer=1) in w]
    assert twins, warnings_in(at)
    at = page(lang)  # Glorot: no twins, nothing to say
    click(at, "step", lang)
    assert not warnings_in(at)


def test_the_initialisation_is_explained(lang):
    at = page(lang)
    assert at.selectbox(key="init").help == t("trn_init_help", lang)


def test_the_step_activation_says_no_gradient_reaches_the_hidden_layers(lang):
    """Not "dead units, try a smaller learning rate": the step has no slope anywhere."""
    at = page(lang, activation="step")
    warnings = warnings_in(at)
    assert any(w.startswith(t("trn_diag_no_gradient", lang, layers=2)[:12]) for w in warnings), warnings
    assert t("trn_diag_no_gradient", lang, layers=2) in warnings
    assert not any(t("trn_diag_dead_advice", lang) in w for w in warnings)


def test_dead_units_in_later_layers_are_said_to_be_able_to_come_back(lang):
    at = page(lang, activation="relu", hidden="4,4", optimizer="sgd", lr="0.3", seed="0")
    click(at, "step", lang)
    found = [w for w in warnings_in(at) if t("trn_diag_dead_advice", lang) in w]
    assert found, warnings_in(at)
    assert t("trn_diag_dead_later", lang) in found[0] and t("trn_diag_dead_first", lang) not in found[0]


def test_a_diverged_compare_panel_says_when_and_which_state_it_shows(lang):
    at = page(lang, lr="3", optimizer="sgd", trn_compare="identity,tanh")
    click(at, "step", lang)
    identity = at.session_state["trn_session"].compared[0]
    assert identity.diverged and identity.epoch == identity.diverged_at - 1
    expected = t("trn_compare_metric_diverged", lang, diverged_at=f"{identity.diverged_at:,}",
                 epoch=f"{identity.epoch:,}", acc=identity_percent(identity))
    assert expected in [c.value for c in at.caption]


def identity_percent(trainer) -> str:
    from core.present import numbers

    return numbers.percent_one_decimal(trainer.metrics()["test_acc"])


def test_without_hidden_layers_no_caption_describes_hidden_maps(lang):
    at = page(lang, features="x1sq,x2sq", hidden="", activation="identity")
    captions = [c.value for c in at.caption]
    assert t("trn_neurons_none", lang) in captions
    assert not any(t("trn_neurons_caption", lang) in c for c in captions)


def test_the_pages_own_data_file_uploads_back_to_the_same_points_and_split(lang):
    """Download dataset.csv on gauss, upload it: the same points, classes and split."""
    from core.present.exports import dataset_csv

    at = page(lang, dataset="gauss", noise="30")
    split = at.session_state["trn_session"].split
    at.selectbox(key="dataset").set_value("upload").run()
    at.file_uploader(key="trn_upload").set_value(("dataset.csv", dataset_csv(split), "text/csv")).run()
    assert_clean(at)
    for ours, back in zip(split, at.session_state["trn_session"].split):
        np.testing.assert_array_equal(ours, back)
    captions = [c.value for c in at.caption]
    assert t("trn_upload_own_split", lang, train=len(split[1]), test=len(split[3])) in captions
    assert t("trn_upload_scaled", lang) not in captions


def test_the_spiral_beyond_the_network_is_said_and_one_click_fixes_it(lang):
    at = page(lang, dataset="spiral")
    need = ts.BEYOND["spiral"]
    said = t("trn_beyond", lang, dataset=t("trn_ds_spiral", lang), layers=need["layers"], units=need["units"])
    assert said in [i.value for i in at.info]
    at.button(key="trn_beyond_use").click().run()
    assert_clean(at)
    recipe = need["recipe"]
    assert at.session_state["hidden"] == recipe["hidden"] and at.session_state["lr"] == recipe["lr"]
    assert at.session_state["activation"] == recipe["activation"]
    assert said not in [i.value for i in at.info]
    assert at.query_params["hidden"] == ",".join(map(str, recipe["hidden"]))
    assert at.query_params["lr"] == str(recipe["lr"])
    circle = page(lang)  # the circle is within reach: nothing to say
    assert not circle.get("button") or all(b.key != "trn_beyond_use" for b in circle.button)
