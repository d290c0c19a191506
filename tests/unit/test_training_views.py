"""The training page's pure helpers: URL specs, config, charts, drawings, compare mode."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from core.i18n import TEXTS
from core.nn import session as session_mod
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import (
    ERROR_CODES,
    DatasetError,
    load_csv,
    make_dataset,
    train_test_split,
)
from core.present import numbers
from core.present import training_views as tv
from core.present.labels import activation_name
from core.present.markdown import WORD_JOINER
from core.state import training as ts
from core.nn.trainer import TrainConfig, Trainer
from tests.streamlit_markdown import markup, text_view

P = ts.PARAMS_BY_KEY

VALID = {
    "dataset": [("circle", "circle"), ("XOR", "xor"), ("upload", "upload"), ("spiral", "spiral")],
    "noise": [("0", 0), ("35", 35), ("100", 100)],
    "n": [("50", 50), ("500", 500), ("2000", 2000), ("130", 130)],
    "ratio": [("10", 10), ("50", 50), ("90", 90)],
    "seed": [("0", 0), ("99999", 99999)],
    "hidden": [("4,2", [4, 2]), ("", []), ("16", [16]), ("1,2,3,4,5,6", [1, 2, 3, 4, 5, 6])],
    "activation": [("identity", "identity"), ("step", "step"), ("ReLU", "relu"), ("gelu_tanh", "gelu_tanh")],
    "init": [("auto", "auto"), ("he", "he"), ("zeros", "zeros")],
    "lr": [("0.03", 0.03), ("10", 10.0), ("1e-5", 0.00001), ("0.3", 0.3)],
    "batch": [("1", 1), ("10", 10), ("1000", 1000)],
    "optimizer": [("sgd", "sgd"), ("momentum", "momentum"), ("adam", "adam")],
    "loss": [("bce", "bce"), ("mse", "mse")],
    "reg": [("none", "none"), ("l1", "l1"), ("l2", "l2")],
    "reg_rate": [("0", 0.0), ("0.001", 0.001), ("10", 10.0)],
    "speed": [("1", "1"), ("100", "100"), ("max", "max"), ("MAX", "max")],
    "trn_show_test": [("1", True), ("off", False)],
    "trn_discretize": [("true", True), ("0", False)],
    "trn_compare": [("tanh,relu", ["tanh", "relu"]), ("identity,step,sigmoid,relu", ["identity", "step", "sigmoid", "relu"])],
    # Listed in any order, kept in the registry's (canonical) order.
    "features": [("x1,x2", ["x1", "x2"]), ("x2sq,x1sq", ["x1sq", "x2sq"]),
                 ("sinx2,x1x2,x1", ["x1", "x1x2", "sinx2"]),
                 ("x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2", ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"])],
}
BAD = {
    "dataset": ["circles", "", "../etc"],
    "noise": ["-5", "101", "7", "x"],
    "n": ["49", "2001", "55", "abc"],
    "ratio": ["0", "95", "55"],
    "seed": ["-1", "100000", "1.5"],
    "hidden": ["4,,2", "0", "17", "1,2,3,4,5,6,7", "a,b"],
    "activation": ["swish2", "", "relu;drop"],
    "init": ["xavier", "random"],
    "lr": ["0.02", "100", "nan", "inf", "-0.03"],
    "batch": ["0", "7", "1001"],
    "optimizer": ["rmsprop"],
    "loss": ["hinge"],
    "reg": ["l3"],
    "reg_rate": ["0.002", "-1", "nan"],
    "speed": ["0", "3", "fast", "1000"],
    "trn_show_test": ["maybe"],
    "trn_discretize": ["2"],
    "trn_compare": ["tanh,tanh", "tanh,relu,sigmoid,elu,selu", "tanh,nope"],
    "features": ["", "x3", "x1,x1", "x1,cosx1", ","],
}


def test_every_param_is_covered():
    assert set(P) == set(VALID) == set(BAD)
    assert [p.key for p in ts.PARAMS][:15] == ["dataset", "noise", "n", "ratio", "seed", "hidden", "activation",
                                               "init", "lr", "batch", "optimizer", "loss", "reg", "reg_rate", "speed"]


@pytest.mark.parametrize("key,raw,expected", [(k, raw, v) for k, pairs in VALID.items() for raw, v in pairs])
def test_valid_values_parse(key, raw, expected):
    value, ok = P[key].read(raw)
    assert ok and value == expected
    # The value written back to the URL reads back as itself.
    assert P[key].read(P[key].dump(value)) == (value, True)


@pytest.mark.parametrize("key,raw", [(k, raw) for k, raws in BAD.items() for raw in raws])
def test_bad_values_fall_back_to_the_default(key, raw):
    value, ok = P[key].read(raw)
    assert not ok and value == P[key].default


def test_defaults_are_valid_widget_values():
    d = ts.DEFAULTS
    assert d["lr"] in ts.LR_LADDER and d["batch"] in ts.BATCH_SIZES and d["speed"] in ts.SPEEDS
    assert d["reg_rate"] in ts.REG_RATES and d["dataset"] == "circle"
    assert all(P[k].default == v for k, v in d.items())


def test_build_config_and_data_key():
    state = {**ts.DEFAULTS, "hidden": [3], "activation": "relu", "lr": 0.1, "batch": 30}
    cfg = ts.build_config(state)
    assert cfg == TrainConfig(hidden=(3,), activation="relu", init="auto", lr=0.1, batch_size=30,
                              optimizer="adam", loss="bce", reg="none", reg_rate=0.0, seed=5)
    assert ts.build_config({}) == ts.build_config(ts.DEFAULTS)
    base = ts.data_key(ts.DEFAULTS)
    assert ts.data_key({**ts.DEFAULTS, "lr": 3.0}) == base
    assert ts.data_key({**ts.DEFAULTS, "noise": 10}) != base
    # An upload without a file trains on the circle; with one, its digest decides.
    assert ts.data_key({**ts.DEFAULTS, "dataset": "upload"}) == base
    assert ts.data_key({**ts.DEFAULTS, "dataset": "upload"}, "abc")[1] == "abc"


def test_layer_and_unit_changes_stay_in_range():
    assert ts.change_layers([4, 2], +1) == [4, 2, 2]
    assert ts.change_layers([], +1) == [4]
    assert ts.change_layers([4], -1) == []
    assert ts.change_layers([], -1) == []
    assert ts.change_layers([1] * 6, +1) == [1] * 6
    assert ts.change_units([4, 2], 1, +1) == [4, 3]
    assert ts.change_units([16], 0, +1) == [16]
    assert ts.change_units([1], 0, -1) == [1]


def test_recovery_lr_is_lower_and_safe():
    assert ts.recovery_lr(10.0) == 0.03
    assert ts.recovery_lr(0.03) == 0.001
    assert ts.recovery_lr(0.00001) == 0.00001
    assert all(ts.recovery_lr(lr) <= lr for lr in ts.LR_LADDER)


def test_formats():
    assert tv.format_speed("max", "zh") == "最快" and tv.format_speed("5", "en") == "5"
    assert ts.speed_epochs("max") is None and ts.speed_epochs("20") == 20


def test_every_option_has_a_label_in_both_languages():
    for lang in ("en", "zh"):
        for name in ts.DATASET_OPTIONS:
            assert f"trn_ds_{name}" in TEXTS
        for key in ACTIVATIONS:
            assert activation_name(key, lang)
        assert activation_name("step", "zh") != activation_name("step", "en")


@pytest.mark.parametrize("code", ERROR_CODES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_dataset_error_has_a_message(code, lang):
    message = tv.dataset_error_message(DatasetError(code), lang)
    assert "{" not in message and len(message) > 20
    assert f"trn_err_{code}" in TEXTS


def test_dataset_error_message_fills_details():
    with pytest.raises(DatasetError) as info:
        load_csv(b"x1,x2,label\n1,2,a\n3,4,b\n5,6,c\n7,8,d\n")
    text = tv.dataset_error_message(info.value, "en")
    assert "4 different values" in text and "a, b, c, d" in text
    assert "无法使用" in tv.dataset_error_message(info.value, "zh")
    assert "something_new" in shown(tv.dataset_error_message(DatasetError("something_new"), "en"))  # never a crash


def shown(message: str) -> str:
    """What the learner reads of a Markdown message (escapes resolved, joiners dropped)."""
    return text_view(message).replace(WORD_JOINER, "")


HOSTILE = "**BOLD** [click here](https://example.com) :red[red]"


@pytest.mark.parametrize("csv", [
    f"x1,x2,label\n1,2,a\n3,{HOSTILE},b\n".encode(),  # non_numeric: quotes the cell
    f"x1,x2,label\n1,2,{HOSTILE}\n3,4,{HOSTILE}\n5,6,{HOSTILE}\n7,8,{HOSTILE}\n".encode(),  # one_class
    "x1,x2,label\n1,2,a\n3,4,b\n5,6,<b>c</b>\n7,8,a\n".encode(),  # too_many_classes: lists the labels
    f"x1,{HOSTILE},label\n1,2,a\n".encode(),  # columns: quotes the header
])
def test_csv_errors_quote_the_file_as_text(csv, lang):
    """A file's cells, labels and header are the learner's text: shown, never rendered."""
    with pytest.raises(DatasetError) as info:
        load_csv(csv)
    message = tv.dataset_error_message(info.value, lang)
    harmless = DatasetError(info.value.code, **{k: "x" for k in info.value.details})
    assert markup(message) == markup(tv.dataset_error_message(harmless, lang)), message
    quoted = [x for v in info.value.details.values() for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
    assert any(not x.isalnum() for x in quoted) and all(x in shown(message) for x in quoted), (quoted, message)


def test_upload_caption_quotes_the_labels_as_text(lang):
    message = tv.upload_ok_message(40, (HOSTILE, "<script>x</script>"), lang)
    assert markup(message) == markup(tv.upload_ok_message(40, ("a", "b"), lang))
    assert HOSTILE in shown(message) and "<script>x</script>" in shown(message)


@pytest.fixture(scope="module")
def trainer():
    X, y = make_dataset("circle", 200, 0.0, 5)
    t = Trainer(TrainConfig(hidden=(4, 2), optimizer="adam"), *train_test_split(X, y, 0.5, 5))
    t.run(5)
    return t


def test_network_dot(trainer):
    dot = tv.network_dot(trainer.model.params, "en")
    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert dot.count("tooltip=") == 2 * 4 + 4 * 2 + 2 * 1  # one drawn edge per weight
    assert 'label="x₁"' in dot and 'label="x₂"' in dot and 'label="p"' in dot
    assert "#0072B2" in dot and "#E69F00" in dot  # both signs occur
    assert "penwidth=6.00" in dot  # the largest weight is the widest line
    # No hidden layer, and a weight that is not finite, still draw.
    dot = tv.network_dot([(np.array([[np.nan], [1.0]]), np.zeros(1))], "en")
    assert dot.count("tooltip=") == 2


def test_network_dot_orders_units_top_down_and_labels_them_large(trainer):
    """x1 above x2 (and every layer's units in order): an invisible chain inside each
    rank fixes the order; the labels are set in a large type, not ~6 px."""
    import re

    dot = tv.network_dot(trainer.model.params, "en")
    assert "n0_0 -> n0_1 [style=invis];" in dot
    assert "n1_0 -> n1_1 -> n1_2 -> n1_3 [style=invis];" in dot
    assert "n2_0 -> n2_1 [style=invis];" in dot
    assert dot.index('n0_0 [label="x₁"') < dot.index('n0_1 [label="x₂"')
    (size,) = re.findall(r"node \[.*fontsize=(\d+)", dot)
    assert int(size) >= 16
    # A one-unit layer has no chain (an edge to itself would be a loop).
    dot = tv.network_dot([(np.array([[1.0], [1.0]]), np.zeros(1))], "en")
    assert "n1_0 -> n1_0" not in dot and "invis" in dot


def test_network_dot_draws_the_features_as_inputs():
    p0 = [(np.ones((3, 1)), np.zeros(1))]
    dot = tv.network_dot(p0, "zh", features=("x1sq", "x2sq", "sinx1"))
    inputs = [line for line in dot.splitlines() if line.strip().startswith("n0_") and "->" not in line]
    assert [line.split('label="')[1].split('"')[0] for line in inputs] == ["x₁²", "x₂²", "sin(x₁)"]
    # A network whose width does not match the features keeps plain numbered inputs.
    assert 'label="x3"' in tv.network_dot(p0, "en")


def test_neuron_strips_layout(trainer):
    strips = tv.neuron_strips(trainer.model, tile=20, gap=4, r=10)
    assert [s.shape for s in strips] == [(4 * 20 + 3 * 4, 20, 3), (2 * 20 + 4, 20, 3)]
    assert all(s.dtype == np.uint8 for s in strips)


def test_data_url_is_a_png():
    url = tv.data_url(np.zeros((8, 8, 3), np.uint8))
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_configs_share_initial_weights():
    cfg = TrainConfig(hidden=(4, 2), activation="tanh", init="auto", optimizer="adam", seed=3)
    acts = ["tanh", "relu", "identity"]
    configs, p0 = session_mod.compare_configs(cfg, acts)
    assert [c.activation for c in configs] == acts
    assert {c.init for c in configs} == {"glorot"}  # auto resolved once, from tanh
    X, y = make_dataset("circle", 100, 0.0, 3)
    split = train_test_split(X, y, 0.5, 3)
    trainers = [Trainer(c, *split, initial_params=p0) for c in configs]
    for t in trainers[1:]:
        for (W0, b0), (W1, b1) in zip(trainers[0].model.params, t.model.params):
            np.testing.assert_array_equal(W0, W1)
            np.testing.assert_array_equal(b0, b1)
    assert session_mod.compare_init(TrainConfig(activation="relu")) == "he"
    assert session_mod.compare_init(TrainConfig(activation="relu", init="zeros")) == "zeros"


# ------------------------------------------------------------------ the live view's payload


def _session(n=120):
    from core.nn.datasets import make_dataset, train_test_split
    from core.nn.session import TrainingSession

    X, y = make_dataset("circle", n, noise=0.0, seed=1)
    split = train_test_split(X, y, 0.5, seed=1)
    s = TrainingSession(grid=16)
    s.sync(TrainConfig(hidden=(3,), seed=1), split, ("circle",))
    return s, split


def test_frame_texts_are_what_the_metrics_show():
    s, _ = _session()
    for _ in range(3):
        s.step()
    f = s.frame()
    m = s.trainer.metrics()
    assert tv.frame_texts(f) == ["3", numbers.loss(m["train_loss"]), numbers.loss(m["test_loss"]),
                                 numbers.percent_one_decimal(m["test_acc"])]


def test_a_page_run_sends_everything_a_tick_only_its_frames():
    from core.present.live_frames import unpack

    s, split = _session()
    full = unpack(tv.live_payload(s.trainer, [s.frame()], run="r", lang="zh", split=split, tick=1.0))
    assert {"points", "lut", "style", "labels", "history"} <= full.keys()
    assert full["labels"]["loss_title"] == tv.t("trn_curves_loss", "zh")
    assert full["labels"]["layers"] == tv.layer_names(2, "zh")
    assert len(full["points"]) == 120
    s.play()
    frames = s.tick(0.2, 1, 10.0)
    tick = unpack(tv.live_payload(s.trainer, frames, run="r", lang="zh", split=split, tick=1.0, playing=True,
                                  full=False, catch_up=False))
    assert not {"points", "lut", "style", "labels", "history"} & tick.keys()
    assert tick["grids"].shape == (len(frames), 16, 16)
    assert [row[0] for row in tick["frames"]] == [f.epoch for f in frames]
    assert tick["texts"] == [tv.frame_texts(f) for f in frames]


def test_history_is_thinned_keeping_the_first_and_last_epoch():
    s, _ = _session()
    s.trainer.run(1000)
    h = tv.history_header(s.trainer.history, limit=50)
    assert len(h["epoch"]) <= 50 and h["epoch"][0] == 0 and h["epoch"][-1] == 1000
    assert len(h["grad"][0]) == 2 and all(len(row) == 2 for row in h["grad"])


def test_legend_draws_both_marks_one_text_height_tall_in_the_class_colours():
    from core.present.theme import CLASS0, CLASS1

    for lang in ("en", "zh"):
        out = tv.legend_html(TEXTS["trn_boundary_caption"][lang])
        assert out.count("<svg") == 2 and "●" not in out.replace('aria-label="●"', "")
        assert out.count('width="1em" height="1em"') == 2
        circle, triangle = out.index("<circle"), out.index("<polygon")
        assert circle < triangle  # the caption names circles first
        assert f'fill="{CLASS1}"' in out[circle:triangle] and f'fill="{CLASS0}"' in out[triangle:]


def test_legend_escapes_the_text_around_the_marks():
    out = tv.legend_html("<b>x</b> ● & ▲")
    assert out.startswith("&lt;b&gt;x&lt;/b&gt; <svg") and " &amp; <svg" in out


def _view_takes(curves: dict | None, h: dict) -> dict:
    """What live_view.js's takeHistory does with a payload's rows (written again here)."""
    if h["replace"] or curves is None:
        return {k: list(v) for k, v in h.items() if k != "replace"}
    keep = len(curves["first"])
    while keep and curves["first"][keep - 1] >= h["first"][0]:
        keep -= 1
    return {k: curves[k][:keep] + list(h[k]) for k in curves}


def test_ticks_leave_the_view_with_the_whole_record_at_one_stride():
    """Tick after tick, full record or new rows: the view ends with exactly the server's
    record (every epoch once, contiguous rows, one stride), at speed 1 and at speed max."""
    from core.nn.history import History

    for per_tick in (1, 7, 400):
        h, sent, curves = History(64, 1), None, None
        epoch = 0
        for tick in range(60):
            for _ in range(per_tick if tick else 1):
                h.append(epoch, (epoch, epoch, 0.5, 0.5), (1.0,))
                epoch += 1
            payload, sent = tv.history_update(h, None if tick % 25 == 0 else sent, "run")
            curves = _view_takes(curves, payload)
        table = h.merged(len(h))
        assert curves["epoch"] == table["epoch"].tolist(), per_tick
        assert curves["train_loss_hi"] == table["train_loss_high"].tolist()
        assert all(f == e + 1 for f, e in zip(curves["first"][1:], curves["epoch"][:-1]))
