"""The training page with PReLU (issue 18, item 19): the learned slope of each hidden
layer is shown, and the hand check, the layer warp, compare mode and the network file
use the learned values, not the default 0.25."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from core.i18n import t
from core.nn.datasets import make_dataset, train_test_split
from core.nn.trainer import Trainer
from core.present import numbers
from core.present import training_views as tv
from core.state import network_file as nf
from core.state import training as ts
from tests.app.conftest import assert_clean, run_page
from tests.app.test_training_inside import _chosen_mark, latex, probability
from tests.app.test_training_inside import page as inside_page

PAGE = "app_pages/training.py"


def model(at):
    return at.session_state["trn_session"].trainer.model


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def slopes_caption(at, lang) -> str:
    m = model(at)
    return t("trn_slopes", lang, slopes=tv.slopes_text(m.slopes, lang), start="0.25")


def test_the_page_shows_each_layers_learned_slope(lang):
    at = run_page(PAGE, lang=lang, activation="prelu", hidden="3,2")
    assert_clean(at)
    assert model(at).slopes.tolist() == [0.25, 0.25]
    assert slopes_caption(at, lang) in captions(at)
    for _ in range(3):
        at.button(key="step").click().run()
    assert_clean(at)
    slopes = model(at).slopes
    assert np.all(slopes != 0.25)  # learned, and the caption says the model's numbers
    caption = slopes_caption(at, lang)
    assert caption in captions(at)
    for i, a in enumerate(slopes, start=1):
        assert t("trn_slope_layer", lang, i=i, a=numbers.significant(a, 4)) in caption


def test_other_activations_show_no_slope(lang):
    at = run_page(PAGE, lang=lang, activation="leaky_relu")
    assert_clean(at)
    assert not [c for c in captions(at) if t("trn_slope_layer", lang, i=1, a="") in c]


def test_the_hand_check_uses_the_learned_slope():
    at = inside_page("en", activation="prelu", hidden="3,2")
    model(at).slopes = [0.7, -0.3]  # far from the default: a default-a computation would show
    at.selectbox(key="ins_layer").set_value(2).run()
    assert_clean(at)
    assert r"a^{(2)}" in latex(at) and r";\ -0.3)" in latex(at)
    table = next(m.value for m in at.markdown if "|" in m.value)
    assert "prelu(z; a = 0.7)" in table and "prelu(z; a = −0.3)" in table
    point = np.array([[at.session_state["ins_x1"], at.session_state["ins_x2"]]])
    expected = float(model(at).predict_proba(point)[0])
    shown = float(re.search(r"p = ([0-9.]+)", probability(at)).group(1))
    assert shown == pytest.approx(expected, abs=5e-4)
    assert t("ins_learned_note", "en") in captions(at)


def test_the_layer_warp_uses_the_learned_slope():
    """One 2-unit PReLU layer: the chosen point's mark sits at prelu(x·W + b) with the
    layer's learned a, computed here from the parameters."""
    at = inside_page("en", activation="prelu", hidden="2")
    model(at).slopes = [-0.6]
    (W, b), _ = model(at).params
    # A point where a unit's z is negative, so that the slope matters there.
    grid = [(u, v) for u in np.linspace(-1, 1, 9) for v in np.linspace(-1, 1, 9)]
    x = np.array(next(p for p in grid if np.any(np.array(p) @ W + b < -0.1)))
    at.number_input(key="ins_x1").set_value(float(x[0])).run()
    at.number_input(key="ins_x2").set_value(float(x[1])).run()
    assert_clean(at)
    z = x @ W + b
    expected = np.where(z > 0, z, -0.6 * z)
    (mark,) = _chosen_mark(at)
    np.testing.assert_allclose(mark, expected, atol=2e-3)


def test_compare_mode_trains_prelu_and_shows_its_slopes(lang):
    at = run_page(PAGE, lang=lang, trn_compare="prelu,relu")
    assert_clean(at)
    at.button(key="step").click().run()
    assert_clean(at)
    prelu = at.session_state["trn_session"].compared[0]
    assert prelu.config.activation == "prelu" and prelu.epoch == 1
    expected = t("trn_compare_slopes", lang, slopes=tv.slopes_text(prelu.model.slopes, lang))
    assert any(expected in c for c in captions(at))


SAVED = {**ts.DEFAULTS, "activation": "prelu", "hidden": [3, 2], "seed": 3}


@pytest.fixture(scope="module")
def saved():
    X, y = make_dataset("circle", 500, 0.0, 3)
    trainer = Trainer(ts.build_config(SAVED), *train_test_split(X, y, 0.5, 3))
    trainer.run(15)
    return trainer, nf.dumps(trainer.model, trainer.features, trainer.epoch, SAVED).encode()


def upload(at, data: bytes):
    at.file_uploader(key="trn_netfile").set_value(("network.json", data, "application/json")).run()
    return at


def test_loading_a_prelu_network_restores_its_slopes(saved, lang):
    source, data = saved
    at = upload(run_page(PAGE, lang=lang), data)
    assert_clean(at)
    assert at.selectbox(key="activation").value == "prelu"
    assert np.array_equal(model(at).slopes, source.model.slopes)
    assert slopes_caption(at, lang) in captions(at)
    at.button(key="step").click().run()
    at.button(key="reset").click().run()  # Reset returns to the loaded slopes
    assert np.array_equal(model(at).slopes, source.model.slopes)


def test_a_file_with_a_wrong_slope_is_refused_in_the_learners_language(saved, lang):
    _, data = saved
    doc = json.loads(data)
    doc["layers"][1]["a"] = [0.2, 0.3]
    at = upload(run_page(PAGE, lang=lang), json.dumps(doc).encode())
    assert not at.exception
    expected = t("trn_netfile_slope", lang, field="layers[1].a", found="[0.2, 0.3]")
    assert [e.value for e in at.error] == [expected]
    assert at.selectbox(key="activation").value == ts.DEFAULTS["activation"]
