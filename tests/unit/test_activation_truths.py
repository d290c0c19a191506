"""What the activations page teaches, checked against references that do not share its code.

Each test here would have failed on a sentence the page used to show (issue 9): the
depth chart comparing a conditioned ReLU line with unconditioned ones, "zero-centred"
meaning f(0) = 0, minima shaded as saturation, HardSwish's slope "reached" at 3, the
PyTorch/Keras rows ignoring the learner's parameters, Keras's softplus said to have a
fixed switch-over. The references are closed forms, published constants,
scipy.integrate/scipy.optimize on formulas written out here, Monte Carlo, and PyTorch.
"""

import math

import numpy as np
import pytest
import torch
from scipy.integrate import quad
from scipy.optimize import brentq, minimize_scalar
from scipy.special import expit, lambertw, ndtr

import core.present.activation_charts as ac
from core.lessons import activation_curves as lc
from core.lessons.activation_props import (
    ZERO_MEAN_TOL,
    depth_factors,
    find_minimum,
    output_moments,
    slope_supremum,
    tail_slopes,
)
from core.nn.activations import ACTIVATIONS, SELU_ALPHA, SELU_SCALE

pytestmark = pytest.mark.filterwarnings("error")

KEYS = list(ACTIVATIONS)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
NON_MONOTONIC = ["gelu", "gelu_tanh", "silu", "mish", "hardswish"]


def phi(x):
    return math.exp(-0.5 * x * x) * INV_SQRT_2PI


def normal_mean(g, s=1.0):
    """E[g(Z)], Z ~ N(0, s²), by plain quad on [−12s, 12s] with the kinks as points."""
    return quad(lambda z: g(z) * phi(z / s) / s, -12 * s, 12 * s, limit=400,
                points=[-6.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 6.0])[0]


# ------------------------------------------------- item 4: zero-centred is about the mean


@pytest.mark.parametrize("key, mean, sd", [
    ("identity", 0.0, 1.0),
    ("step", 0.5, 0.5),
    ("sigmoid", 0.5, None),
    ("tanh", 0.0, None),
    ("relu", INV_SQRT_2PI, math.sqrt(0.5 - INV_SQRT_2PI**2)),
    ("leaky_relu", 0.99 * INV_SQRT_2PI, None),
    ("gelu", 1.0 / (2.0 * math.sqrt(math.pi)), None),  # Stein: E[ZΦ(Z)] = E[φ(Z)]
    ("elu", INV_SQRT_2PI + math.exp(0.5) * ndtr(-1.0) - 0.5, None),
    # Klambauer et al. (2017) chose α and scale so that N(0, 1) maps to mean 0, variance 1.
    ("selu", 0.0, 1.0),
    ("hardsigmoid", 0.5, None),
    ("softsign", 0.0, None),
])
def test_output_moments_closed_forms(key, mean, sd):
    m, s = output_moments(ACTIVATIONS[key])
    assert m == pytest.approx(mean, abs=1e-9)
    if sd is not None:
        assert s == pytest.approx(sd, abs=1e-7)


def test_silu_mean_by_steins_lemma():
    """E[Z·σ(Z)] = E[σ'(Z)] (Stein): the mean of SiLU from a different integral."""
    expected = normal_mean(lambda z: expit(z) * expit(-z))
    assert output_moments(ACTIVATIONS["silu"])[0] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("key", KEYS)
def test_output_moments_agree_with_plain_quadrature(key):
    act = ACTIVATIONS[key]
    mean = normal_mean(lambda z: float(act(z)))
    second = normal_mean(lambda z: float(act(z)) ** 2)
    m, s = output_moments(act)
    assert m == pytest.approx(mean, abs=1e-7)
    assert s == pytest.approx(math.sqrt(max(second - mean**2, 0.0)), abs=1e-6)


@pytest.mark.parametrize("key", KEYS)
def test_zero_centred_means_mean_output_zero(key):
    """The stated flag and the table's yes/no both follow the mean output, nothing else."""
    m, _ = output_moments(ACTIVATIONS[key])
    assert ACTIVATIONS[key].zero_centred == (abs(m) < ZERO_MEAN_TOL)
    (row,) = ac.property_rows([key], {}, 6.0, 0.05)
    assert row["zero_centred"] == (abs(row["mean"]) < ZERO_MEAN_TOL)


def test_f0_zero_and_both_signs_is_not_zero_centred():
    """The old definition called these zero-centred; their mean outputs say otherwise."""
    for key in ("leaky_relu", "gelu", "silu", "mish", "elu", "hardswish"):
        act = ACTIVATIONS[key]
        assert act(0.0) == 0.0 and act(-2.0) < 0.0 < act(2.0)
        assert output_moments(act)[0] > 0.1, key
        assert not act.zero_centred


def test_selu_is_self_normalising_and_elu_is_not():
    mean, sd = output_moments(ACTIVATIONS["selu"])
    assert abs(mean) < 1e-8 and sd == pytest.approx(1.0, abs=1e-8)
    mean, sd = output_moments(ACTIVATIONS["elu"])
    assert abs(mean) > 0.1 and abs(sd - 1.0) > 0.1
    # A Monte Carlo estimate, for a reference with no quadrature in it.
    z = np.random.default_rng(0).standard_normal(2_000_000)
    out = SELU_SCALE * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0)))
    assert abs(out.mean()) < 3e-3 and abs(out.std() - 1.0) < 3e-3


def test_zero_centred_follows_the_parameters():
    (ht,) = ac.property_rows(["hardtanh"], {"hardtanh": {"min_val": -2.0, "max_val": 0.5}}, 6.0, 0.05)
    assert not ht["zero_centred"]
    # E[clip(Z, a, b)] = a·Φ(a) + b·(1 − Φ(b)) + φ(a) − φ(b)
    a, b = -2.0, 0.5
    assert ht["mean"] == pytest.approx(a * ndtr(a) + b * (1 - ndtr(b)) + phi(a) - phi(b), abs=1e-9)


# -------------------------------------------- item 3: the depth chart draws one quantity


@pytest.mark.parametrize("spread", [0.3, 1.0, 2.5])
@pytest.mark.parametrize("key, slope", [("relu", None), ("leaky_relu", 0.01), ("leaky_relu", 0.3), ("elu", 1.0),
                                        ("hardsigmoid", None), ("identity", None)])
def test_depth_factor_closed_forms(key, slope, spread):
    params = {"negative_slope": slope} if key == "leaky_relu" else {"alpha": slope} if key == "elu" else {}
    m, q = depth_factors(ACTIVATIONS[key], params, spread)
    s = spread
    expected = {
        "relu": (0.5, 0.5),
        "leaky_relu": ((1 + (slope or 0)) / 2, 1.0),
        "elu": (0.5 + (slope or 1) * math.exp(s * s / 2) * ndtr(-s), 1.0),  # E[e^Z; Z<0]
        "hardsigmoid": ((2 * ndtr(3 / s) - 1) / 6, 2 * ndtr(3 / s) - 1),
        "identity": (1.0, 1.0),
    }[key]
    assert (m, q) == (pytest.approx(expected[0], abs=1e-9), pytest.approx(expected[1], abs=1e-9))


@pytest.mark.parametrize("key", KEYS)
def test_depth_factors_agree_with_sampling(key):
    act = ACTIVATIONS[key]
    z = np.random.default_rng(1).normal(0.0, 1.3, 1_000_000)
    g = np.abs(act.grad(z))
    m, q = depth_factors(act, None, 1.3)
    se = g.std() / math.sqrt(g.size)
    assert abs(m - g.mean()) < 5 * se + 1e-12
    assert abs(q - (g > 0).mean()) < 5 * math.sqrt(q * (1 - q) / g.size) + 1e-12


def _depth_line(key, params, spread):
    return lc.depth_frame([key], {key: params}, 20, spread)["factor"].to_numpy()


@pytest.mark.parametrize("bigger, smaller", [
    (("leaky_relu", {}), ("relu", {})),
    (("leaky_relu", {"negative_slope": 0.2}), ("leaky_relu", {})),
    (("identity", {}), ("relu", {})),
    (("identity", {}), ("tanh", {})),
    (("elu", {"alpha": 2.0}), ("elu", {})),
])
@pytest.mark.parametrize("spread", [0.5, 1.0, 3.0])
def test_a_larger_slope_everywhere_draws_a_higher_line(bigger, smaller, spread):
    """|f'_A| ≥ |f'_B| at every x: whatever one quantity the chart draws, A is not below B.

    The old chart drew ReLU at 1 and Leaky ReLU at 1e-20 after 20 layers.
    """
    x = np.linspace(-30, 30, 60001)
    (ka, pa), (kb, pb) = bigger, smaller
    slope_a = np.abs(ACTIVATIONS[ka].grad(x, **{**ACTIVATIONS[ka].params, **pa}))
    slope_b = np.abs(ACTIVATIONS[kb].grad(x, **{**ACTIVATIONS[kb].params, **pb}))
    assert np.all(slope_a >= slope_b)
    assert np.all(_depth_line(ka, pa, spread) >= _depth_line(kb, pb, spread) * (1 - 1e-9))


@pytest.mark.parametrize("key", ["relu", "leaky_relu", "relu6", "hardswish", "softshrink", "tanh"])
def test_depth_mean_is_open_share_times_open_mean(key):
    frame = lc.depth_frame([key], {}, 12, 1.7)
    np.testing.assert_allclose(frame["factor"], frame["alive"] * frame["open"], rtol=1e-12)


# ----------------------------------------------- item 11: minima are not saturation


def _stationary_point(key):
    """x* with f'(x*) = 0 on the negative side, by brentq on the closed-form f'."""
    grad = ACTIVATIONS[key].grad
    return brentq(lambda t: float(grad(t)), -2.5, -0.3, xtol=1e-14)


@pytest.mark.parametrize("key", NON_MONOTONIC)
@pytest.mark.parametrize("threshold", [0.01, 0.05, 0.1])
def test_the_stretch_around_a_minimum_is_not_saturation(key, threshold):
    x_star = _stationary_point(key)
    regions = lc.slope_regions(ACTIVATIONS[key], None, 6.0, threshold)
    around = [r for r in regions if r.x0 <= x_star <= r.x1]
    assert len(around) == 1
    assert around[0].kind == "minimum" and around[0].at == pytest.approx(x_star, abs=1e-9)
    shaded = lc.saturation_frame([key], {}, 6.0, threshold)
    assert not ((shaded["x0"] <= x_star) & (x_star <= shaded["x1"])).any()


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("threshold", [0.01, 0.05, 0.25])
def test_every_saturated_stretch_stays_flat_out_to_infinity(key, threshold):
    act = ACTIVATIONS[key]
    for r in lc.slope_regions(act, None, 6.0, threshold):
        far = np.geomspace(6.0, 1e7, 3000)
        if r.kind == "saturated":
            out = -far if r.x0 <= -6.0 else far
            if r.x0 <= -6.0 and r.x1 >= 6.0:
                out = np.concatenate([-far, far])
            assert np.all(np.abs(act.grad(out)) < threshold), (key, r)
        else:  # bounded: the slope comes back on both sides
            assert r.x0 > -6.0 and r.x1 < 6.0, (key, r)
            assert abs(act.grad(r.x0 - 0.05)) >= threshold or abs(act.grad(r.x1 + 0.05)) >= threshold


def test_a_tail_merged_with_a_minimum_is_cut_where_the_slope_peaks():
    """SiLU at t = 0.1: |f'| < 0.1 on all of x < −0.91; the tail ends where |f'| peaks."""
    silu = ACTIVATIONS["silu"]
    peak = minimize_scalar(lambda t: float(silu.grad(t)), bounds=(-4.0, -1.3), method="bounded").x
    assert abs(silu.grad(peak)) < 0.1
    tail, dip = lc.slope_regions(silu, None, 6.0, 0.1)
    assert tail.kind == "saturated" and tail.x0 == -6.0 and tail.x1 == pytest.approx(peak, abs=0.01)
    assert dip.kind == "minimum" and dip.at == pytest.approx(_stationary_point("silu"), abs=1e-9)


def test_other_flat_stretches_are_named_for_what_they_are():
    (tanhshrink,) = lc.slope_regions(ACTIVATIONS["tanhshrink"], None, 6.0, 0.05)
    assert tanhshrink.kind == "stationary" and tanhshrink.at == 0.0
    (dead,) = lc.slope_regions(ACTIVATIONS["softshrink"], None, 6.0, 0.05)
    assert dead.kind == "dead" and (dead.x0, dead.x1) == (pytest.approx(-0.5), pytest.approx(0.5))


@pytest.mark.parametrize("key", KEYS)
def test_tails_agree_with_the_stated_saturation(key):
    left, right = tail_slopes(ACTIVATIONS[key])
    dies = (left.kind != "none", right.kind != "none")
    code = {(False, False): "none", (True, False): "negative", (False, True): "positive", (True, True): "both"}
    assert code[dies] == ACTIVATIONS[key].saturates


@pytest.mark.parametrize("key, left, right", [
    ("relu", ("zero", 0.0, True), ("none",)),
    ("relu6", ("zero", 0.0, True), ("zero", 6.0, True)),
    ("hardswish", ("zero", -3.0, True), ("none",)),
    ("hardsigmoid", ("zero", -3.0, True), ("zero", 3.0, True)),
    ("sigmoid", ("vanishes",), ("vanishes",)),
    ("gelu", ("vanishes",), ("none",)),
    ("logsigmoid", ("none",), ("vanishes",)),
    ("leaky_relu", ("none",), ("none",)),
])
def test_tails_are_exactly_zero_or_only_tend_to_zero(key, left, right):
    act = ACTIVATIONS[key]
    got = tail_slopes(act)
    for tail, want, side in ((got[0], left, -1), (got[1], right, +1)):
        assert tail.kind == want[0]
        if want[0] == "zero":
            assert tail.edge == want[1] and tail.closed is want[2]
            beyond = want[1] + side * np.geomspace(1e-12, 1e12, 500)
            assert np.all(act.grad(beyond) == 0.0)  # every x, not "large" x
            assert act.grad(want[1] - side * 1e-9) != 0.0  # and not one step further in
        if want[0] == "vanishes":
            assert np.all(act.grad(side * np.geomspace(1, 20, 100)) != 0.0)


def test_tails_follow_the_parameters():
    assert tail_slopes(ACTIVATIONS["leaky_relu"], {"negative_slope": 0.0})[0].kind == "zero"
    (row,) = ac.property_rows(["leaky_relu"], {"leaky_relu": {"negative_slope": 0.0}}, 6.0, 0.05)
    assert row["tails"] == (("zero", "x ≤ 0"),)
    (row,) = ac.property_rows(["step"], {}, 6.0, 0.05)
    assert row["tails"] == (("everywhere", ""),)


# --------------------------------------------- item 12: extremes exact, "sup" when not reached


def test_hardswish_slope_supremum_is_approached_not_reached():
    act = ACTIVATIONS["hardswish"]
    sup = slope_supremum(act)
    # On (−3, 3) f'(x) = x/3 + 1/2 → 3/2 as x → 3⁻; f'(3) = 1 (PyTorch's CPU kernel).
    assert sup.value == pytest.approx(1.5, abs=1e-12)
    assert not sup.attained and sup.limits == ((3.0, -1, 1.0),)
    assert act.grad(3.0) == 1.0
    x = np.linspace(-6, 6, 2_000_001)
    assert np.abs(act.grad(x)).max() < 1.5  # no point reaches it
    # On a range that stops short of the kink the largest slope is an ordinary maximum.
    short = slope_supremum(act, None, (-2.0, 2.0))
    assert short.attained and short.points == (2.0,) and short.value == pytest.approx(2 / 3 + 0.5)


def test_gelu_and_silu_slope_maxima_against_the_formulas():
    # GELU'' = φ(x)(2 − x²): the largest slope is at √2.
    sup = slope_supremum(ACTIVATIONS["gelu"])
    r2 = math.sqrt(2.0)
    assert sup.value == pytest.approx(ndtr(r2) + r2 * phi(r2), abs=1e-12)
    assert sup.points == (pytest.approx(r2, abs=1e-6),)
    # SiLU'' = σ'(x)(2 + x(1 − 2σ(x))): its positive root.
    x_star = brentq(lambda x: 2 + x * (1 - 2 * expit(x)), 1.0, 4.0, xtol=1e-14)
    sup = slope_supremum(ACTIVATIONS["silu"])
    assert sup.points == (pytest.approx(x_star, abs=1e-6),)
    assert sup.value == pytest.approx(expit(x_star) * (1 + x_star * expit(-x_star)), abs=1e-12)


def test_mish_slope_maximum_against_pytorch_autograd():
    def slope(t):
        x = torch.tensor(t, dtype=torch.float64, requires_grad=True)
        torch.nn.functional.mish(x).backward()
        return float(x.grad)

    res = minimize_scalar(lambda t: -slope(t), bounds=(0.5, 3.0), method="bounded", options={"xatol": 1e-10})
    sup = slope_supremum(ACTIVATIONS["mish"])
    assert sup.value == pytest.approx(-res.fun, abs=1e-10)
    assert sup.points == (pytest.approx(res.x, abs=1e-5),)


@pytest.mark.parametrize("key, params, stretches, points", [
    ("relu", {}, ((0.0, math.inf, False, False),), ()),
    ("elu", {}, ((0.0, math.inf, True, False),), ()),  # f'(0) = α = 1: x ≥ 0
    ("elu", {"alpha": 2.0}, (), (0.0,)),  # the kink rule gives α = 2 at 0
    ("hardtanh", {}, ((-1.0, 1.0, False, False),), ()),
    ("identity", {}, ((-math.inf, math.inf, False, False),), ()),
    ("selu", {}, (), (0.0,)),
    ("softshrink", {}, ((-math.inf, -0.5, False, False), (0.5, math.inf, False, False)), ()),
])
def test_where_the_largest_slope_is_reached(key, params, stretches, points):
    sup = slope_supremum(ACTIVATIONS[key], params)
    assert sup.attained and sup.points == points and not sup.limits
    assert sup.stretches == stretches


def test_every_place_the_largest_slope_is_reached_is_named():
    """TanhShrink's |f'| = tanh²(x) is largest at both ends of the range, not only at one."""
    sup = slope_supremum(ACTIVATIONS["tanhshrink"])
    assert sup.points == (-6.0, 6.0) and sup.value == pytest.approx(math.tanh(6.0) ** 2, abs=1e-15)
    assert ac.format_sup(sup, "all") == ("x = ±6", "")
    assert slope_supremum(ACTIVATIONS["tanh"]).points == (0.0,)


def test_a_stretch_runs_to_its_true_end_beyond_the_view():
    sup = slope_supremum(ACTIVATIONS["relu6"], None, (-4.0, 4.0))
    assert sup.stretches == ((0.0, 6.0, False, False),)  # 0 < x < 6, not "x > 0"


@pytest.mark.parametrize("key", KEYS)
def test_sup_bounds_a_dense_grid_and_is_reached_only_when_said(key):
    act = ACTIVATIONS[key]
    sup = slope_supremum(act)
    x = np.linspace(-6, 6, 1_200_001)
    g = np.abs(act.grad(x))
    assert g.max() <= sup.value * (1 + 1e-12) + 1e-15
    # The grid gets close to it, or it is reached at a point the grid misses (SELU's kink).
    assert g.max() >= sup.value - 1e-5 or any(abs(act.grad(p)) == sup.value for p in sup.points)
    for p in sup.points:
        assert abs(act.grad(p)) == pytest.approx(sup.value, rel=1e-9)
    for lo, hi, lo_in, hi_in in sup.stretches:
        inside = x[(x > lo) & (x < hi)]
        assert np.all(np.abs(act.grad(inside)) >= sup.value * (1 - 1e-9))
        for end, closed in ((lo, lo_in), (hi, hi_in)):
            if math.isfinite(end):
                assert (abs(act.grad(end)) >= sup.value * (1 - 1e-9)) == closed, (key, end)
    if not sup.attained:
        assert g.max() < sup.value


# ---------------------------------------------- say more: minima and approximations


@pytest.mark.parametrize("key", NON_MONOTONIC)
def test_turning_point_is_where_the_slope_is_zero(key):
    x, f = lc.turning_point(ACTIVATIONS[key], None)
    x_star = _stationary_point(key)
    assert x == pytest.approx(x_star, abs=1e-6)
    assert f == pytest.approx(float(ACTIVATIONS[key](x_star)), abs=1e-12)


def test_turning_points_closed_forms():
    w = float(lambertw(1 / math.e).real)
    x, f = lc.turning_point(ACTIVATIONS["silu"], None)  # x = −1 − W(1/e), f = −W(1/e)
    assert x == pytest.approx(-1 - w, abs=1e-7) and f == pytest.approx(-w, abs=1e-12)
    x, f = lc.turning_point(ACTIVATIONS["hardswish"], None)
    assert x == pytest.approx(-1.5, abs=1e-7) and f == pytest.approx(-0.375, abs=1e-12)


@pytest.mark.parametrize("key", [k for k in KEYS if ACTIVATIONS[k].monotonic])
def test_monotonic_functions_have_no_turning_point(key):
    assert lc.turning_point(ACTIVATIONS[key], None) is None
    assert find_minimum(ACTIVATIONS[key], None, (-20.0, 20.0))[0] == -20.0


def test_gelu_approximation_errors_against_a_dense_grid():
    x = np.linspace(-10, 10, 4_000_001)
    exact = x * ndtr(x)
    tanh_form = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    sigmoid_form = x * expit(1.702 * x)
    got = lc.gelu_approximations()
    for name, approx in (("tanh", tanh_form), ("sigmoid", sigmoid_form)):
        err = np.abs(approx - exact)
        value, where = got[name]
        assert value == pytest.approx(err.max(), rel=1e-6)
        x_max = abs(x[np.argmax(err)])
        assert len(where) == 2 and where[0] == pytest.approx(-where[1], abs=1e-6)  # an even error
        assert where[1] == pytest.approx(x_max, abs=1e-4)
    assert got["tanh"][0] < 1e-3 < got["sigmoid"][0]


# --------------------------------------------------- item 14 and 5: PyTorch and Keras


@pytest.mark.parametrize("key", [k for k in KEYS if ACTIVATIONS[k].params])
def test_torch_row_run_in_pytorch_draws_the_learners_curve(key):
    """The table's PyTorch cell, executed by PyTorch, reproduces the curve at the learner's values."""
    act = ACTIVATIONS[key]
    rng = np.random.default_rng(7)
    params = {name: round(float(rng.uniform(*act.param_ranges.get(name, (0.0, 1.0)))), 2) for name in act.params}
    if key == "hardtanh":
        params = {"min_val": -1.7, "max_val": 0.6}
    (row,) = ac.property_rows([key], {key: params}, 6.0, 0.05)
    for name, value in params.items():
        assert f"{act.torch_arg(name)}={value!r}" in row["torch"]
    module = eval(row["torch"], {"nn": torch.nn, "torch": torch})  # noqa: S307 - our own string
    x = np.linspace(-6, 6, 241)
    ours = act.fn(x, **params)
    # PReLU's module holds a learnable weight (float32 unless told): float64, and no graph.
    theirs = module.double()(torch.tensor(x, dtype=torch.float64)).detach().numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_keras_row_uses_keras_arguments_and_says_what_keras_cannot():
    (leaky,) = ac.property_rows(["leaky_relu"], {"leaky_relu": {"negative_slope": 0.25}}, 6.0, 0.05)
    assert leaky["keras"] == ("keras.layers.LeakyReLU(negative_slope=0.25)", ())
    (shrink,) = ac.property_rows(["softshrink"], {"softshrink": {"lambd": 1.2}}, 6.0, 0.05)
    assert shrink["keras"] == ("keras.activations.soft_shrink(x, threshold=1.2)", ())
    (sp,) = ac.property_rows(["softplus"], {"softplus": {"beta": 2.0, "threshold": 5.0}}, 6.0, 0.05)
    assert sp["keras"] == ("keras.activations.softplus", (("beta", 1.0), ("threshold", None)))
    (sp,) = ac.property_rows(["softplus"], {}, 6.0, 0.05)
    assert sp["keras"] == ("keras.activations.softplus", ())


def _keras_reference(key, x):
    """Keras 3's formulas, written out: softplus = ln(1 + eˣ); hard_tanh = clip(x, −1, 1)."""
    return {"softplus": np.logaddexp(0.0, x), "hardtanh": np.clip(x, -1.0, 1.0)}[key]


def test_keras_fixed_values_are_true_and_softplus_has_no_switch_over():
    x = np.linspace(-15, 15, 3001)
    for (key, name), kp in ac.KERAS_PARAMS.items():
        if kp.name is None and kp.fixed is not None:
            act = ACTIVATIONS[key]
            ours = act.fn(x, **{**act.params, name: kp.fixed})
            np.testing.assert_allclose(ours, _keras_reference(key, x), rtol=1e-15, atol=0)
    # PyTorch switches to x above its threshold; Keras never does: at x = 21 PyTorch's
    # default gives exactly 21, Keras gives 21 + ln(1 + e⁻²¹). So Keras's softplus is not
    # "PyTorch's with the threshold fixed at 20": it has no threshold at all.
    sp = ACTIVATIONS["softplus"]
    assert sp.fn(21.0) == 21.0 and np.logaddexp(0.0, 21.0) > 21.0
    kp = ac.KERAS_PARAMS[("softplus", "threshold")]
    assert kp.name is None and kp.fixed is None


# --------------------------------------------------------------- item 6 and papers


def test_second_derivative_is_not_the_curvature():
    """f'' and the curvature |f''|/(1 + f'²)^{3/2} differ wherever f' ≠ 0."""
    act = ACTIVATIONS["tanh"]
    x = np.array([0.3, 0.8, 1.5])
    d2 = lc.second_derivative(act, None, x)
    t = np.tanh(x)
    np.testing.assert_allclose(d2, -2 * t * (1 - t * t), atol=1e-8)  # f'' of tanh
    curvature = np.abs(d2) / (1 + act.grad(x) ** 2) ** 1.5
    assert np.all(curvature < 0.96 * np.abs(d2))


def test_functions_found_twice_cite_both_origins():
    relu = ACTIVATIONS["relu"].papers
    assert [p.year for p in relu] == [2010, 2011] and "Glorot" in relu[1].authors
    silu = ACTIVATIONS["silu"].papers
    assert len(silu) == 3 and [p.year for p in silu] == sorted(p.year for p in silu)
    assert "Ramachandran" in silu[-1].authors and "Elfwing" in silu[1].authors
    assert all(a.papers[0] is a.paper for a in ACTIVATIONS.values())


def test_the_spread_and_the_sigmoid_have_different_symbols():
    """σ is the sigmoid on this page; the depth section's spread is s, in both languages."""
    from core.i18n import TEXTS

    depth_texts = ("act_depth_intro", "act_spread_label", "act_depth_caption", "act_depth_y", "act_depth_line")
    for key in depth_texts:
        for lang, text in TEXTS[key].items():
            assert "σ" not in text, (key, lang)
    for lang in ("en", "zh"):
        assert "N(0, s²)" in TEXTS["act_spread_label"][lang] and "N(0, s²)" in TEXTS["act_depth_intro"][lang]
