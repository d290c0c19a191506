"""Stated metadata of ``core.nn.activations`` against properties computed from the numbers,
and the helpers of ``core.activation_props``."""

import dataclasses
import inspect
import math

import numpy as np
import pytest

from core.lessons.activation_props import (
    DepthProfile,
    compute_properties,
    find_minimum,
    gradient_through_depth,
    saturation_intervals,
)
from core.nn.activations import (
    ACTIVATIONS,
    SATURATION_CODES,
    SMOOTHNESS_CODES,
    Activation,
    Paper,
)

pytestmark = pytest.mark.filterwarnings("error")

KEYS = list(ACTIVATIONS)
WIDE = (-50.0, 50.0)


@pytest.fixture(scope="module")
def wide_props():
    return {k: compute_properties(a, x_range=WIDE, n=20001) for k, a in ACTIVATIONS.items()}


# ----------------------------------------------------------------- completeness


# Fields that may legitimately be empty: no Keras equivalent (None), no formula to add
# about Keras, no kink to explain, no parameters, a range that does not move with them,
# no fixed colour range for pictures, no derivative from the output.
OPTIONAL = {"keras_name", "keras_note_latex", "kink_convention_latex", "kink_points",
            "params", "param_specs", "param_ranges", "kink_fn", "range_fn", "more_papers",
            "picture_range", "fast", "jump_fn", "learned", "grad_learned"}


@pytest.mark.parametrize("key", KEYS)
def test_every_metadata_field_is_filled(key):
    act = ACTIVATIONS[key]
    for f in dataclasses.fields(Activation):
        value = getattr(act, f.name)
        if f.name in OPTIONAL:
            continue
        assert value is not None and value != "" and value != (), (key, f.name)
    assert isinstance(act.name, str) and act.name.strip()
    assert isinstance(act.formula_latex, str) and "x" in act.formula_latex
    assert isinstance(act.derivative_latex, str) and "'" in act.derivative_latex
    assert act.smoothness in SMOOTHNESS_CODES
    assert act.saturates in SATURATION_CODES
    assert isinstance(act.monotonic, bool) and isinstance(act.zero_centred, bool)
    assert len(act.range) == 2 and act.range[0] < act.range[1]
    assert len(act.range_attained) == 2 and all(isinstance(b, bool) for b in act.range_attained)
    assert isinstance(act.paper, Paper)
    assert act.paper.authors and act.paper.title and act.paper.url.startswith("https://")
    assert 1940 <= act.paper.year <= 2025
    assert act.torch_name.startswith(("nn.", "torch."))
    assert act.keras_name is None or act.keras_name.startswith("keras.")
    assert all(isinstance(k, float) for k in act.kink_points)
    assert act.has_kinks == bool(act.kink_points)
    if act.has_kinks:
        assert act.kink_convention_latex, key


@pytest.mark.parametrize("key", KEYS)
def test_params_match_signatures_and_slider_ranges(key):
    act = ACTIVATIONS[key]
    for func in (act.fn, act.grad):
        sig = inspect.signature(inspect.unwrap(func))
        defaults = {n: p.default for n, p in sig.parameters.items() if n != "x"}
        assert defaults == act.params, (key, func.__name__)
    assert set(act.param_ranges) <= set(act.params)
    for name, (lo, hi) in act.param_ranges.items():
        assert lo <= act.params[name] <= hi, (key, name)


@pytest.mark.parametrize("key", [k for k in KEYS if ACTIVATIONS[k].params])
def test_torch_name_shows_the_defaults(key):
    act = ACTIVATIONS[key]
    for name, value in act.params.items():
        assert f"{act.torch_arg(name)}={value}" in act.torch_name


def test_keras_names_note_differing_defaults():
    assert "negative_slope=0.3" in ACTIVATIONS["leaky_relu"].keras_name
    assert "0.2" in ACTIVATIONS["leaky_relu"].keras_note_latex
    assert "approximate=False" in ACTIVATIONS["gelu"].keras_name
    assert "approximate=True" in ACTIVATIONS["gelu_tanh"].keras_name
    assert "0.2x" in ACTIVATIONS["hardsigmoid"].keras_note_latex  # Keras 2's version
    assert ACTIVATIONS["step"].keras_name is None


def test_names_are_unique():
    names = [a.name for a in ACTIVATIONS.values()]
    assert len(names) == len(set(names))


# ------------------------------------------------------ stated vs computed: range


@pytest.mark.parametrize("key", KEYS)
def test_stated_range_contains_computed_range(key, wide_props):
    act, p = ACTIVATIONS[key], wide_props[key]
    lo, hi = act.range
    assert lo <= p.f_min and p.f_max <= hi, (key, p.f_min, p.f_max)
    extreme = act.fn(np.array([-1e308, -1e6, 1e6, 1e308]))
    assert np.all((lo <= extreme) & (extreme <= hi)), key


@pytest.mark.parametrize("key", KEYS)
def test_stated_range_is_tight(key, wide_props):
    """A finite end is approached (attained where stated); an infinite one is unbounded."""
    act, p = ACTIVATIONS[key], wide_props[key]
    lo, hi = act.range
    far = act.fn(np.array([-1e8, 1e8]))
    f_min, f_max = min(p.f_min, far.min(), find_minimum(act)[1]), max(p.f_max, far.max())
    if math.isinf(lo):
        assert f_min < -1e5, key
    else:
        # attained: to rounding; approached only (softsign: 1 - 1e-8 at 1e8): closely
        assert f_min == pytest.approx(lo, abs=1e-12 if act.range_attained[0] else 1e-7), key
    if math.isinf(hi):
        assert f_max > 1e5, key
    else:
        assert f_max == pytest.approx(hi, abs=1e-12 if act.range_attained[1] else 1e-7), key


@pytest.mark.parametrize("key", KEYS)
def test_range_attained_flags(key):
    """Not attained: every moderate x stays strictly inside; attained: some x hits it."""
    act = ACTIVATIONS[key]
    x = np.linspace(-15, 15, 30001)
    f = act.fn(x)
    lowest = min(f.min(), find_minimum(act)[1])  # polishes the minimum of a dip
    for end, attained, hit in ((act.range[0], act.range_attained[0], lowest),
                               (act.range[1], act.range_attained[1], f.max())):
        if math.isinf(end):
            assert not attained
        elif attained:
            assert hit == pytest.approx(end, abs=1e-12), key
        else:
            assert hit != end, key


# ------------------------------------------- stated vs computed: shape of the curve


@pytest.mark.parametrize("key", KEYS)
def test_monotonic_flag_agrees(key, wide_props):
    assert wide_props[key].monotonic == ACTIVATIONS[key].monotonic


@pytest.mark.parametrize("key", KEYS)
def test_zero_centred_flag_agrees(key, wide_props):
    assert wide_props[key].zero_centred == ACTIVATIONS[key].zero_centred


@pytest.mark.parametrize("key", KEYS)
def test_saturation_code_agrees_with_the_tails(key):
    act = ACTIVATIONS[key]
    flat_left, flat_right = np.abs(act.grad(np.array([-50.0, 50.0]))) < 1e-3
    expected = {(False, False): "none", (True, False): "negative",
                (False, True): "positive", (True, True): "both"}[(flat_left, flat_right)]
    assert act.saturates == expected


@pytest.mark.parametrize("key", KEYS)
def test_smoothness_agrees_with_kinks(key):
    """C-1: f jumps at a kink; C0: f continuous, f' jumps; C1/C∞: no kinks at all."""
    act = ACTIVATIONS[key]
    if act.smoothness in ("C1", "C∞"):
        assert not act.has_kinks
        return
    assert act.has_kinks
    eps = 1e-9
    k = np.array(act.kink_points)
    jumps = np.abs(act.fn(k + eps) - act.fn(k - eps))
    slope_jumps = np.abs(act.grad(k + 1e-6) - act.grad(k - 1e-6))
    if act.smoothness == "C-1":
        assert np.any(jumps > 1e-3)
    else:
        assert np.all(jumps < 1e-6) and np.all(slope_jumps > 1e-3)


@pytest.mark.parametrize("key, params, expected", [
    ("elu", {"alpha": 1.0}, ()), ("elu", {"alpha": 2.0}, (0.0,)),
    ("hardtanh", {"min_val": -2.0, "max_val": 0.5}, (-2.0, 0.5)),
    ("softshrink", {"lambd": 1.5}, (-1.5, 1.5)), ("hardshrink", {}, (-0.5, 0.5)),
    ("relu", {}, (0.0,)), ("sigmoid", {}, ()),
])
def test_kinks_follow_the_parameters(key, params, expected):
    assert ACTIVATIONS[key].kinks(**params) == expected


def test_elu_is_c1_only_at_alpha_one():
    elu = ACTIVATIONS["elu"]
    for alpha, jump in ((1.0, 0.0), (2.0, 1.0)):
        left, right = elu.grad(-1e-12, alpha=alpha), elu.grad(1e-12, alpha=alpha)
        assert abs(right - left) == pytest.approx(jump, abs=1e-9)


# -------------------------------------------------------------- compute_properties


@pytest.mark.parametrize("key, f0, df0, max_g, attained", [
    ("sigmoid", 0.5, 0.25, 0.25, True), ("tanh", 0.0, 1.0, 1.0, True),
    ("softsign", 0.0, 1.0, 1.0, True), ("selu", 0.0, 1.0507009873554805 * 1.6732632423543772,
                                       1.0507009873554805 * 1.6732632423543772, True),
    # sup 3/2 as x → 3⁻, but f'(3) = 1 by the kink rule: never reached.
    ("hardswish", 0.0, 0.5, 1.5, False), ("softplus", math.log(2), 0.5, None, None),
])
def test_compute_properties_known_values(key, f0, df0, max_g, attained):
    p = compute_properties(ACTIVATIONS[key])
    assert p.f0 == pytest.approx(f0, abs=1e-16)
    assert p.df0 == pytest.approx(df0, rel=1e-15)
    if max_g is not None:
        assert p.max_abs_grad == pytest.approx(max_g, rel=1e-9)
        assert p.max_abs_grad_attained is attained


def test_compute_properties_samples_zero_and_respects_params():
    p = compute_properties(ACTIVATIONS["leaky_relu"], params={"negative_slope": 0.2},
                           x_range=(-5, 5), n=10)  # 0 is not on this grid: it is added
    assert p.df0 == 0.2 and p.f_min == pytest.approx(-1.0)
    p = compute_properties(ACTIVATIONS["hardtanh"], params={"min_val": -2.0, "max_val": 3.0})
    assert (p.f_min, p.f_max) == (-2.0, 3.0)


def test_saturation_regions_of_sigmoid_and_relu():
    sig = compute_properties(ACTIVATIONS["sigmoid"], x_range=(-6, 6), threshold=0.01)
    # σ'(x) = 0.01 at |x| = ln((1 + √(1 − 0.04))/(1 − √(1 − 0.04))) / 1 ≈ 4.5841.
    edge = math.log((1 + math.sqrt(0.96)) / (1 - math.sqrt(0.96)))
    (a0, a1), (b0, b1) = sig.saturation
    assert a0 == -6.0 and b1 == 6.0
    assert a1 == pytest.approx(-edge, abs=5e-3) and b0 == pytest.approx(edge, abs=5e-3)
    relu = compute_properties(ACTIVATIONS["relu"], x_range=(-6, 6))
    assert relu.saturation == ((-6.0, 0.0),)  # ReLU'(0) = 0: the dead side includes 0
    assert compute_properties(ACTIVATIONS["identity"]).saturation == ()
    assert compute_properties(ACTIVATIONS["step"], x_range=(-1, 1)).saturation == ((-1.0, 1.0),)


def test_saturation_intervals_helper():
    x = np.arange(8.0)
    mask = np.array([1, 1, 0, 0, 1, 0, 1, 1], dtype=bool)
    assert saturation_intervals(x, mask) == ((0.0, 1.0), (4.0, 4.0), (6.0, 7.0))
    assert saturation_intervals(x, np.zeros(8, bool)) == ()


@pytest.mark.parametrize("key, x_min, f_min", [
    ("gelu", -0.7518, -0.1700), ("silu", -1.2785, -0.2785), ("mish", -1.1924, -0.3088),
    ("hardswish", -1.5, -0.375),
])
def test_find_minimum(key, x_min, f_min):
    x, f = find_minimum(ACTIVATIONS[key])
    assert x == pytest.approx(x_min, abs=1e-4) and f == pytest.approx(f_min, abs=1e-4)
    assert f >= ACTIVATIONS[key].range[0]


def test_find_minimum_of_monotonic_function_is_the_left_end():
    assert find_minimum(ACTIVATIONS["tanh"], x_range=(-2, 2)) == (-2.0, pytest.approx(math.tanh(-2)))


# ------------------------------------------------------------ gradient_through_depth


def test_depth_profile_shapes_and_types():
    d = gradient_through_depth(ACTIVATIONS["tanh"], n_layers=7, n_samples=50, rng=1)
    assert isinstance(d, DepthProfile)
    assert list(d.depth) == list(range(1, 8))
    for arr in (d.median, d.mean, d.geometric_mean, d.nonzero_fraction, d.median_nonzero):
        assert arr.shape == (7,) and arr.dtype == np.float64


def test_sigmoid_gradient_vanishes_at_least_as_fast_as_quarter_power():
    n = np.arange(1, 31)
    d = gradient_through_depth(ACTIVATIONS["sigmoid"], n_layers=30, sigma=1.0, rng=0)
    assert np.all(d.median <= 0.25**n * (1 + 1e-12))
    assert np.all(d.mean <= 0.25**n * (1 + 1e-12))
    # With tiny pre-activations every factor is σ'(0) = 1/4: the bound is reached.
    tiny = gradient_through_depth(ACTIVATIONS["sigmoid"], n_layers=30, sigma=1e-4, rng=0)
    np.testing.assert_allclose(tiny.median, 0.25**n, rtol=1e-6)


def test_relu_passes_gradient_unchanged_where_active():
    n = np.arange(1, 9)
    d = gradient_through_depth(ACTIVATIONS["relu"], n_layers=8, n_samples=40000, rng=0)
    np.testing.assert_array_equal(d.median_nonzero, np.ones(8))
    np.testing.assert_allclose(d.nonzero_fraction, 0.5**n, atol=0.01)
    np.testing.assert_allclose(d.mean, d.nonzero_fraction)  # P_n is 0 or 1
    assert d.median[-1] == 0.0 and d.geometric_mean[-1] == 0.0


def test_identity_keeps_the_gradient_whole():
    d = gradient_through_depth(ACTIVATIONS["identity"], n_layers=10, n_samples=10, rng=0)
    for arr in (d.median, d.mean, d.geometric_mean, d.nonzero_fraction, d.median_nonzero):
        np.testing.assert_array_equal(arr, np.ones(10))


def test_geometric_mean_is_exp_of_mean_log_slope():
    d = gradient_through_depth(ACTIVATIONS["tanh"], n_layers=5, sigma=1.0, n_samples=200000, rng=3)
    rate = d.geometric_mean[0]
    np.testing.assert_allclose(d.geometric_mean, rate ** np.arange(1, 6), rtol=0.02)


def test_depth_is_reproducible_and_accepts_a_generator():
    act = ACTIVATIONS["gelu"]
    a = gradient_through_depth(act, n_layers=5, n_samples=100, rng=42)
    b = gradient_through_depth(act, n_layers=5, n_samples=100, rng=np.random.default_rng(42))
    np.testing.assert_array_equal(a.median, b.median)
    c = gradient_through_depth(act, n_layers=5, n_samples=100, rng=43)
    assert not np.array_equal(a.mean, c.mean)


def test_very_deep_stacks_do_not_warn():
    d = gradient_through_depth(ACTIVATIONS["sigmoid"], n_layers=800, n_samples=50, rng=0)
    assert np.all(np.isfinite(d.median)) and d.median[-1] == 0.0  # underflows, silently
    # SELU's slope is up to 1.76 > 1: 2000 layers would overflow; it saturates instead.
    d = gradient_through_depth(ACTIVATIONS["selu"], n_layers=2000, sigma=3.0, n_samples=50, rng=0)
    assert np.all(np.isfinite(d.mean)) and np.all(np.isfinite(d.geometric_mean))


def test_depth_params_are_used():
    slope = gradient_through_depth(ACTIVATIONS["leaky_relu"], {"negative_slope": 0.5},
                                   n_layers=3, n_samples=1000, rng=0)
    assert np.all(slope.nonzero_fraction == 1.0)
    assert np.all(slope.median >= 0.5 ** np.arange(1, 4))


@pytest.mark.parametrize("kwargs", [{"n_layers": 0}, {"n_samples": 0}, {"sigma": 0.0}])
def test_depth_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        gradient_through_depth(ACTIVATIONS["relu"], **kwargs)


# ---------------------------------------------------------------- page-facing sanity


def _balanced(latex: str) -> bool:
    depth = 0
    for i, ch in enumerate(latex):
        if ch in "{}" and i and latex[i - 1] == "\\":
            continue  # \{ and \} are literal braces
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and latex.count(r"\begin{") == latex.count(r"\end{")


@pytest.mark.parametrize("key", KEYS)
def test_latex_is_well_formed(key):
    act = ACTIVATIONS[key]
    for latex in (act.formula_latex, act.derivative_latex, act.kink_convention_latex,
                  act.keras_note_latex):
        assert _balanced(latex), (key, latex)


@pytest.mark.parametrize("key", KEYS)
def test_activation_pickles(key):
    """st.cache_data hashes its arguments by pickling: an Activation must survive it."""
    import pickle
    act = ACTIVATIONS[key]
    clone = pickle.loads(pickle.dumps(act))
    x = np.linspace(-4, 4, 9)
    np.testing.assert_array_equal(clone.fn(x), act.fn(x))
    assert clone.kinks(**act.params) == act.kinks(**act.params)


@pytest.mark.parametrize("beta, threshold", [(1.0, 20.0), (1.0, 1.0), (2.0, 3.0), (0.5, 5.0)])
def test_softplus_jump_is_where_and_as_large_as_pytorchs_switch_makes_it(beta, threshold):
    """Measured from f on either side of x = threshold/β (not from the formula for the gap)."""
    act = ACTIVATIONS["softplus"]
    ((at, size),) = act.jumps(beta=beta, threshold=threshold)
    assert at == pytest.approx(threshold / beta)
    x_below = at - 1e-12
    below, above = act.fn(np.array([x_below, at + 1e-9]), beta=beta, threshold=threshold)
    measured = float(below) - x_below  # just above, f(x) = x: the gap to the line y = x
    assert float(above) == pytest.approx(at + 1e-9)
    assert size == pytest.approx(measured, rel=1e-6, abs=1e-15)


def test_the_table_says_softplus_jumps_only_with_its_numbers():
    from core.present.activation_charts import property_rows

    (row,) = property_rows(("softplus",), {"softplus": {"threshold": 1.0}}, 6.0, 0.05)
    kind, at, size = row["smoothness"]
    assert kind == "jump" and at == 1.0 and size > 0.3
    (relu,) = property_rows(("relu",), {}, 6.0, 0.05)
    assert relu["smoothness"] == "C0"
