"""The numbers and charts of the activation-functions page, checked by independent means."""

import json
import math

import numpy as np
import pytest
from scipy.optimize import bisect

import core.present.activation_charts as ac
from core.lessons import activation_curves as lc
from core.lessons.activation_props import gradient_through_depth, slope_supremum
from core.nn.activations import ACTIVATIONS
from core.state import activations as sa

NAMES = {k: a.name for k, a in ACTIVATIONS.items()}


def _spec(chart) -> dict:
    return chart.to_dict()


def _dataset_values(spec: dict) -> list:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


# ----------------------------------------------------------------------------- grid


def test_grid_is_symmetric_and_contains_zero():
    x = lc.sample_grid(6.0)
    assert len(x) == lc.N_POINTS
    assert x[0] == -6.0 and x[-1] == 6.0
    assert 0.0 in x
    np.testing.assert_allclose(x, -x[::-1], atol=1e-15)


def test_curve_frame_matches_the_registry():
    frame = lc.curve_frame(["relu", "leaky_relu"], {"leaky_relu": {"negative_slope": 0.2}}, 3.0)
    assert set(frame["key"]) == {"relu", "leaky_relu"}
    leaky = frame[frame["key"] == "leaky_relu"]
    np.testing.assert_allclose(leaky["f"], np.where(leaky["x"] > 0, leaky["x"], 0.2 * leaky["x"]))
    np.testing.assert_allclose(leaky["df"], np.where(leaky["x"] > 0, 1.0, 0.2))
    assert "d2f" not in frame


def test_empty_selection_gives_empty_frames():
    assert lc.curve_frame([], {}, 6.0).empty
    assert lc.depth_frame([], {}, 5, 1.0).empty
    assert lc.saturation_frame([], {}, 6.0, 0.05).empty
    assert lc.region_frame([], {}, 6.0, 0.05).empty


# ------------------------------------------------------------------ second derivative


@pytest.mark.parametrize("key", ["sigmoid", "tanh", "gelu", "silu", "mish", "softplus", "elu", "softsign", "selu"])
def test_second_derivative_matches_finite_differences_of_f(key):
    """Independent check: the three-point stencil on f itself, not on f'."""
    act = ACTIVATIONS[key]
    x = np.linspace(-4.0, 4.0, 161)
    kinks = np.array(act.kinks() or [np.inf])
    x = x[np.min(np.abs(x[:, None] - kinks[None, :]), axis=1) > 0.05]
    x = x[np.abs(x) > 0.05]  # softsign: f'' jumps at 0; ELU: f'' jumps at 0 too
    h = 1e-3
    expected = (act(x + h) - 2 * act(x) + act(x - h)) / h**2
    np.testing.assert_allclose(lc.second_derivative(act, None, x), expected, atol=2e-5)


def test_second_derivative_closed_forms():
    x = np.linspace(-3, 3, 61)
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(lc.second_derivative(ACTIVATIONS["sigmoid"], None, x), s * (1 - s) * (1 - 2 * s), atol=1e-8)
    t = np.tanh(x)
    np.testing.assert_allclose(lc.second_derivative(ACTIVATIONS["tanh"], None, x), -2 * t * (1 - t**2), atol=1e-8)


def test_second_derivative_is_blank_at_kinks_only():
    x = lc.sample_grid(6.0)
    d2 = lc.second_derivative(ACTIVATIONS["relu"], None, x)
    assert np.isnan(d2[x == 0.0]).all()
    assert np.isfinite(d2[x != 0.0]).all() and np.all(d2[x != 0.0] == 0.0)
    d2 = lc.second_derivative(ACTIVATIONS["hardtanh"], {"min_val": -2.0, "max_val": 0.5}, x)
    assert np.isnan(d2[np.isclose(x, -2.0)]).all() and np.isnan(d2[np.isclose(x, 0.5)]).all()
    assert np.isfinite(d2[np.abs(x - 0.5) > 0.01][np.abs(x[np.abs(x - 0.5) > 0.01] + 2) > 0.01]).all()


# ---------------------------------------------------------------------- saturation


@pytest.mark.parametrize("threshold", [0.01, 0.05, 0.2])
def test_sigmoid_saturation_matches_closed_form(threshold):
    """σ'(x) = 1/(4·cosh²(x/2)) < t  ⇔  |x| > 2·arccosh(1/(2√t))."""
    edge = 2 * math.acosh(1 / (2 * math.sqrt(threshold)))
    regions = lc.saturation_regions(ACTIVATIONS["sigmoid"], None, 8.0, threshold)
    assert len(regions) == 2
    (a0, b0), (a1, b1) = regions
    assert a0 == -8.0 and b1 == 8.0
    assert b0 == pytest.approx(-edge, abs=1e-8)
    assert a1 == pytest.approx(edge, abs=1e-8)


def test_tanh_saturation_matches_an_independent_bisection():
    def excess(x):
        return (1 - math.tanh(x) ** 2) - 0.05

    edge = bisect(excess, 0.0, 6.0, xtol=1e-12)
    (_, b0), (a1, _) = lc.saturation_regions(ACTIVATIONS["tanh"], None, 6.0, 0.05)
    assert a1 == pytest.approx(edge, abs=1e-8) and b0 == pytest.approx(-edge, abs=1e-8)


def test_saturation_of_piecewise_functions():
    assert lc.saturation_regions(ACTIVATIONS["relu"], None, 6.0, 0.05) == ((-6.0, pytest.approx(0.0, abs=1e-9)),)
    assert lc.saturation_regions(ACTIVATIONS["identity"], None, 6.0, 0.05) == ()
    assert lc.saturation_regions(ACTIVATIONS["step"], None, 6.0, 0.05) == ((-6.0, 6.0),)
    # A leak above the threshold: never saturated; below it: saturated for x < 0.
    assert lc.saturation_regions(ACTIVATIONS["leaky_relu"], {"negative_slope": 0.1}, 6.0, 0.05) == ()
    assert len(lc.saturation_regions(ACTIVATIONS["leaky_relu"], None, 6.0, 0.05)) == 1


def test_saturation_text():
    assert ac.format_intervals(((-6.0, -2.887), (2.887, 6.0)), 6.0) == "x < −2.89, x > 2.89"
    assert ac.format_intervals(((-6.0, 6.0),), 6.0) == "−6 ≤ x ≤ 6"
    assert ac.format_intervals(((-1.65, -1.35),), 6.0) == "−1.65 < x < −1.35"


# ---------------------------------------------------------------------- properties


def test_property_rows_for_the_articles_functions():
    rows = {r["key"]: r for r in ac.property_rows(["sigmoid", "tanh", "relu"], {}, 6.0, 0.05)}
    sig, tanh, relu = rows["sigmoid"], rows["tanh"], rows["relu"]
    assert sig["range"] == "(0, 1)" and tanh["range"] == "(−1, 1)" and relu["range"] == "[0, ∞)"
    assert sig["max_grad"].value == pytest.approx(0.25) and sig["max_grad"].points == (0.0,)
    assert tanh["max_grad"].value == pytest.approx(1.0) and tanh["df0"] == pytest.approx(1.0)
    assert relu["max_grad"].stretches == ((0.0, math.inf, False, False),)  # "x > 0"
    assert ac.format_sup(relu["max_grad"], "all") == ("x > 0", "")
    assert sig["f0"] == 0.5 and not sig["zero_centred"] and tanh["zero_centred"]
    assert all(r["monotonic"] for r in rows.values())
    assert relu["smoothness"] == "C0" and relu["tails"] == (("zero", "x ≤ 0"),)
    assert sig["tails"] == (("vanishes", "x → −∞"), ("vanishes", "x → +∞"))


def test_properties_follow_the_parameters():
    (elu,) = ac.property_rows(["elu"], {"elu": {"alpha": 2.0}}, 6.0, 0.05)
    assert elu["range"] == "(−2, ∞)"
    assert elu["smoothness"] == "C0"  # α ≠ 1: the slope jumps from 2 to 1 at 0
    assert elu["df0"] == pytest.approx(2.0)
    (ht,) = ac.property_rows(["hardtanh"], {"hardtanh": {"min_val": -2.0, "max_val": 0.5}}, 6.0, 0.05)
    assert ht["range"] == "[−2, 0.5]"
    (gelu,) = ac.property_rows(["gelu"], {}, 6.0, 0.05)
    assert not gelu["monotonic"]


def test_format_sup_everywhere_points_and_limits():
    ident = slope_supremum(ACTIVATIONS["identity"])
    assert ac.format_sup(ident, "all") == ("all", "")
    assert ac.format_sup(slope_supremum(ACTIVATIONS["tanh"]), "all") == ("x = 0", "")
    assert ac.format_sup(slope_supremum(ACTIVATIONS["hardswish"]), "all") == ("x → 3⁻", "|f′(3)| = 1")
    assert ac.format_points([-2.0, 2.0]) == "x = ±2" and ac.format_points([1.5]) == "x = 1.5"


def test_keras_params_cover_every_slider():
    for key, act in ACTIVATIONS.items():
        for name in act.params:
            assert (key, name) in ac.KERAS_PARAMS
            assert name in sa.PARAM_STEPS
            kp = ac.KERAS_PARAMS[(key, name)]
            if kp.name is not None:  # the argument appears in the registry's Keras spelling
                assert f"{kp.name}=" in act.keras_name and kp.default


# ----------------------------------------------------------------------------- step


@pytest.mark.parametrize("k", [0.5, 5.0, 100.0])
def test_step_examples(k):
    ex = lc.step_examples(k)
    assert list(ex["step"]) == [0, 0, 0, 1, 1, 1]
    assert (ex["step_slope"] == 0).all()
    s = 1 / (1 + np.exp(-k * ex["x"]))
    np.testing.assert_allclose(ex["soft"], s)
    np.testing.assert_allclose(ex["soft_slope"], k * s * (1 - s), atol=1e-12)


def test_sigmoid_of_kx_becomes_the_step():
    far = []
    for k in sa.K_LADDER:
        frame = lc.step_frame(k)
        away = np.abs(frame["x"]) > 0.2
        far.append(float(np.max(np.abs(frame["soft"] - frame["step"])[away])))
    assert far == sorted(far, reverse=True)
    assert far[-1] < 1e-8


# ---------------------------------------------------------------------------- depth


def test_sigmoid_with_tiny_spread_loses_a_quarter_per_layer():
    frame = lc.depth_frame(["sigmoid"], {}, 30, 1e-4)
    np.testing.assert_allclose(frame["factor"], 0.25 ** np.arange(1, 31), rtol=1e-6)
    np.testing.assert_allclose(frame["alive"], 1.0, rtol=1e-12)


def test_sigmoid_never_beats_the_reference():
    frame = lc.depth_frame(["sigmoid"], {}, 20, 2.0)
    assert (frame["factor"] <= 0.25 ** frame["n"] * (1 + 1e-12)).all()


def test_relu_mean_is_the_open_share_times_one():
    frame = lc.depth_frame(["relu"], {}, 30, 1.0)
    n = frame["n"].to_numpy()
    np.testing.assert_allclose(frame["factor"], 0.5 ** n, rtol=1e-9)
    np.testing.assert_allclose(frame["alive"], 0.5 ** n, rtol=1e-9)
    np.testing.assert_allclose(frame["open"], 1.0, rtol=1e-9)


@pytest.mark.parametrize("key, spread", [("tanh", 1.5), ("gelu", 1.0), ("relu", 2.0), ("hardswish", 3.0)])
def test_depth_agrees_with_monte_carlo(key, spread):
    """The quadrature against the sampled mean of the product (an independent estimate)."""
    ours = lc.depth_frame([key], {}, 3, spread)
    mc = gradient_through_depth(ACTIVATIONS[key], None, n_layers=3, sigma=spread, n_samples=400_000, rng=3)
    np.testing.assert_allclose(ours["factor"], mc.mean, rtol=0.02)
    np.testing.assert_allclose(ours["alive"], mc.nonzero_fraction, atol=0.005)


def test_depth_is_deterministic_and_step_blocks_everything():
    a = lc.depth_frame(["tanh", "step"], {}, 10, 1.0)
    b = lc.depth_frame(["tanh", "step"], {}, 10, 1.0)
    assert a.equals(b)
    step = a[a["key"] == "step"]
    assert (step["factor"] == 0).all() and (step["alive"] == 0).all() and step["open"].isna().all()


# --------------------------------------------------------------------------- charts


def test_curve_chart_contains_the_chosen_series_and_a_hover():
    keys = ["sigmoid", "gelu"]
    frame = lc.curve_frame(keys, {}, 6.0, with_second=True)
    sat = lc.saturation_frame(keys, {}, 6.0, 0.05)
    spec = _spec(ac.curve_chart(frame, "df", NAMES, "f′(x)", sat, "saturated", halo=sat))
    text = json.dumps(spec, ensure_ascii=False)
    assert NAMES["sigmoid"] in text and NAMES["gelu"] in text and NAMES["relu"] not in text
    assert "hover_df" in text and "pointerover" in text
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["scale"]["domain"] == [NAMES["sigmoid"], NAMES["gelu"]]
    # The hover tooltip lists every function's f, f' and f''.
    titles = [t["title"] for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])
              if isinstance(t, dict) and "title" in t]
    assert f"{NAMES['gelu']} · f″(x)" in titles and f"{NAMES['sigmoid']} · f′(x)" in titles
    # Saturation shading: the rectangles of both functions are in the data.
    assert any(layer["mark"]["type"] == "rect" for layer in spec["layer"] if isinstance(layer.get("mark"), dict))


def test_curves_never_use_the_saturation_colour():
    from core.present.theme import SATURATION_SHADE

    frame = lc.curve_frame(list(ACTIVATIONS)[:6], {}, 6.0)
    spec = _spec(ac.curve_chart(frame, "f", NAMES, "f(x)"))
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert SATURATION_SHADE not in colour["scale"]["range"]
    assert len(set(colour["scale"]["range"])) == 6


def test_changing_a_parameter_changes_the_chart():
    a = ac.curve_chart(lc.curve_frame(["elu"], {"elu": {"alpha": 1.0}}, 6.0), "f", NAMES, "f")
    b = ac.curve_chart(lc.curve_frame(["elu"], {"elu": {"alpha": 2.5}}, 6.0), "f", NAMES, "f")
    assert _spec(a) != _spec(b)


def test_depth_chart_has_the_reference_and_skips_zeros():
    frame = lc.depth_frame(["sigmoid", "step"], {}, 8, 1.0)
    spec = _spec(ac.depth_chart(frame, NAMES, "0.25ⁿ", "factor", "n", "alive", "open"))
    rows = _dataset_values(spec)
    assert {r["series"] for r in rows} == {NAMES["sigmoid"], "0.25ⁿ"}
    ref = sorted((r["n"], r["factor"]) for r in rows if r["series"] == "0.25ⁿ")
    assert ref[-1] == (8, pytest.approx(0.25**8))
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"


def test_step_chart_has_both_curves():
    spec = _spec(ac.step_chart(lc.step_frame(10.0), 10.0, "step", "soft"))
    assert {r["series"] for r in _dataset_values(spec)} == {"step", "soft"}
