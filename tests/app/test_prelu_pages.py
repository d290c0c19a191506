"""PReLU on the pages that do not train (issue 18, item 19): on the activations page its
slope a is a slider like any parameter; the feature map and the random stack of the
collapse page use a without learning it, and say which a."""

from __future__ import annotations

import numpy as np

import core.present.activation_charts as ac
from core.i18n import t
from core.lessons.activation_props import slope_range
from core.nn.activations import ACTIVATIONS, display_name
from tests.app.conftest import assert_clean, run_page
from tests.app.test_activations_page import all_charts, prop_cell


def test_the_activations_page_has_a_slider_for_a(lang):
    at = run_page("app_pages/activations.py", lang=lang, fn="prelu")
    assert_clean(at)
    slider = at.slider(key="act_prelu_a")
    assert slider.value == 0.25 and (slider.min, slider.max) == (-1.0, 1.0)
    assert prop_cell(at, lang, "act_prop_torch", "prelu") == "nn.PReLU(num_parameters=1, init=0.25)"
    assert prop_cell(at, lang, "act_prop_slope_range", "prelu") == "[0.25, 1]"
    before = all_charts(at)
    slider.set_value(-0.4).run()
    assert_clean(at)
    assert all_charts(at) != before
    assert prop_cell(at, lang, "act_prop_torch", "prelu") == "nn.PReLU(num_parameters=1, init=-0.4)"
    r = slope_range(ACTIVATIONS["prelu"], {"a": -0.4})
    assert prop_cell(at, lang, "act_prop_slope_range", "prelu") == t(
        "act_slope_negative", lang, interval=ac.format_slope_range(r))
    assert at.query_params["act_prelu_a"] == "-0.4"


def test_the_activations_page_spells_prelus_formulas():
    at = run_page("app_pages/activations.py", fn="prelu")
    shown = " ".join(e.value for e in at.latex)
    assert r"\mathrm{PReLU}'(0) := a" in shown and r"\partial a" in shown


def _note(lang: str, value: str = "0.25") -> str:
    return t("act_learned_fixed", lang, act=display_name("prelu", lang), param="a", value=value)


def test_the_feature_map_says_prelu_keeps_its_starting_slope(lang):
    at = run_page("app_pages/feature_map.py", lang=lang, fm_act="prelu")
    assert_clean(at)
    assert _note(lang) in [c.value for c in at.caption]
    plain = run_page("app_pages/feature_map.py", lang=lang, fm_act="leaky_relu")
    assert _note(lang) not in [c.value for c in plain.caption]


def test_the_random_stack_says_prelu_keeps_its_starting_slope(lang):
    at = run_page("app_pages/collapse.py", lang=lang, col_act="prelu")
    assert_clean(at)
    assert _note(lang) in [c.value for c in at.caption]


def test_the_feature_map_computes_prelu_at_a_quarter():
    from core.lessons.feature_map import activate

    x = np.array([-2.0, -0.5, 0.0, 1.5])
    np.testing.assert_array_equal(activate(x, "prelu"), [-0.5, -0.125, 0.0, 1.5])
