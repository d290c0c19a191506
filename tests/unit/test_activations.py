"""The math of ``core.nn.activations``: values, derivatives, kinks, stability, shapes.

Every derivative is checked against central differences; values against independent
references (scipy, closed forms, published figures, and mpmath at 50 digits when it
is installed); PyTorch's conventions at kinks against a table taken from its backward
kernels (aten/src/ATen/native/cpu/Activation.cpp, cuda/ActivationHardswishKernel.cu).
"""

import math
from decimal import Decimal

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.special import erf, expit, lambertw, ndtr

from core.nn.activations import ACTIVATIONS, SELU_ALPHA, SELU_SCALE, get

pytestmark = pytest.mark.filterwarnings("error")

KEYS = list(ACTIVATIONS)

# Parameter sets per parametrised activation: the defaults plus values a learner can
# reach with the page's sliders (and beyond).
PARAM_SETS = {
    "leaky_relu": [{"negative_slope": s} for s in (0.0, 0.01, 0.2, 1.0)],
    "elu": [{"alpha": a} for a in (0.1, 1.0, 2.5)],
    "celu": [{"alpha": a} for a in (0.1, 1.0, 2.5)],
    "softplus": [{"beta": 1.0, "threshold": 20.0}, {"beta": 0.5, "threshold": 20.0},
                 {"beta": 2.0, "threshold": 5.0}, {"beta": 10.0, "threshold": 20.0}],
    "hardtanh": [{"min_val": -1.0, "max_val": 1.0}, {"min_val": -2.0, "max_val": 0.5},
                 {"min_val": 0.0, "max_val": 6.0}],
    "softshrink": [{"lambd": v} for v in (0.0, 0.5, 1.5)],
    "hardshrink": [{"lambd": v} for v in (0.0, 0.5, 1.5)],
}


def _cases():
    for key in KEYS:
        for params in PARAM_SETS.get(key, [{}]):
            full = {**ACTIVATIONS[key].params, **params}
            label = ",".join(f"{k}={v}" for k, v in params.items())
            yield pytest.param(key, full, id=f"{key}[{label}]" if label else key)


CASES = list(_cases())

EXTREMES = np.array([-1e308, -1e10, -710.0, -50.0, -1e-300, 0.0, 1e-300, 50.0,
                     710.0, 1e10, 1e308])


def _breaks(key, params):
    """Where f or f' jumps: the kinks, and softplus's switch to the identity."""
    points = list(ACTIVATIONS[key].kinks(**params))
    if key == "softplus":
        points.append(params["threshold"] / params["beta"])
    return np.array(points, dtype=float)


# ------------------------------------------------------------------ registry contract


def test_required_keys_present():
    required = {"identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
                "selu", "celu", "gelu", "gelu_tanh", "silu", "mish", "softplus",
                "softsign", "hardtanh", "hardsigmoid", "hardswish", "relu6",
                "logsigmoid", "tanhshrink", "softshrink", "hardshrink"}
    assert required <= set(ACTIVATIONS)


def test_teaching_order_starts_with_the_article():
    assert KEYS[:5] == ["identity", "step", "sigmoid", "tanh", "relu"]


@pytest.mark.parametrize("key", KEYS)
def test_key_field_matches_registry_key(key):
    assert ACTIVATIONS[key].key == key
    assert get(key) is ACTIVATIONS[key]


def test_get_unknown_key_names_the_known_ones():
    with pytest.raises(KeyError, match="relu"):
        get("nope")


@pytest.mark.parametrize(
    "key, expected",
    [("identity", {}), ("step", {}), ("sigmoid", {}), ("tanh", {}), ("relu", {}),
     ("leaky_relu", {"negative_slope": 0.01}), ("elu", {"alpha": 1.0}), ("selu", {}),
     ("celu", {"alpha": 1.0}), ("gelu", {}), ("gelu_tanh", {}), ("silu", {}),
     ("mish", {}), ("softplus", {"beta": 1.0, "threshold": 20.0}), ("softsign", {}),
     ("hardtanh", {"min_val": -1.0, "max_val": 1.0}), ("hardsigmoid", {}),
     ("hardswish", {}), ("relu6", {}), ("logsigmoid", {}), ("tanhshrink", {}),
     ("softshrink", {"lambd": 0.5}), ("hardshrink", {"lambd": 0.5})])
def test_defaults_are_pytorchs(key, expected):
    assert ACTIVATIONS[key].params == expected


@pytest.mark.parametrize("key", KEYS)
def test_function_defaults_agree_with_params(key):
    """Calling fn(x) without parameters is the same as fn(x, **params)."""
    act = ACTIVATIONS[key]
    x = np.linspace(-7, 7, 57)
    np.testing.assert_array_equal(act.fn(x), act.fn(x, **act.params))
    np.testing.assert_array_equal(act.grad(x), act.grad(x, **act.params))
    np.testing.assert_array_equal(act(x), act.fn(x))
    np.testing.assert_array_equal(act.derivative(x), act.grad(x))


@pytest.mark.parametrize("key", KEYS)
def test_functions_carry_their_math_in_a_docstring(key):
    act = ACTIVATIONS[key]
    assert act.fn.__doc__ and act.grad.__doc__


# ------------------------------------------------------------------------ derivatives


@pytest.mark.parametrize("key, params", CASES)
def test_derivative_matches_central_differences(key, params):
    act = ACTIVATIONS[key]
    rng = np.random.default_rng(1234)
    x = np.concatenate([rng.uniform(-8, 8, 400), rng.normal(0, 1, 200),
                        rng.uniform(-60, 60, 100)])
    breaks = _breaks(key, params)
    if breaks.size:
        x = x[np.min(np.abs(x[:, None] - breaks[None, :]), axis=1) > 1e-3]
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    fd = (act.fn(x + h, **params) - act.fn(x - h, **params)) / (2 * h)
    g = act.grad(x, **params)
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize(
    "key, params, x, expected",
    [
        ("relu", {}, 0.0, 0.0),                      # threshold_backward: x <= 0 -> 0
        ("leaky_relu", {}, 0.0, 0.01),               # x > 0 ? 1 : slope
        ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2),
        ("relu6", {}, 0.0, 0.0),                     # hardtanh(0, 6) backward
        ("relu6", {}, 6.0, 0.0),
        ("hardtanh", {}, -1.0, 0.0),                 # x <= min || x >= max -> 0
        ("hardtanh", {}, 1.0, 0.0),
        ("hardtanh", {"min_val": -2.0, "max_val": 0.5}, 0.5, 0.0),
        ("elu", {}, 0.0, 1.0),                       # x <= 0 -> alpha * exp(x)
        ("elu", {"alpha": 2.0}, 0.0, 2.0),
        ("selu", {}, 0.0, SELU_SCALE * SELU_ALPHA),
        ("celu", {"alpha": 2.0}, 0.0, 1.0),          # exp(x / alpha) at 0
        ("hardsigmoid", {}, -3.0, 0.0),              # 1/6 strictly inside (-3, 3)
        ("hardsigmoid", {}, 3.0, 0.0),
        ("hardswish", {}, -3.0, 0.0),                # CPU autograd: x <= -3 ? 0 : x < 3 ? x/3+1/2 : 1
        ("hardswish", {}, 3.0, 1.0),
        ("softshrink", {}, 0.5, 0.0),                # -l <= x <= l -> 0
        ("softshrink", {}, -0.5, 0.0),
        ("hardshrink", {}, 0.5, 0.0),
        ("hardshrink", {}, -0.5, 0.0),
        ("softshrink", {"lambd": 0.0}, 0.0, 0.0),
        ("step", {}, 0.0, 0.0),
        ("softplus", {}, 20.0, expit(20.0)),         # beta*x > threshold is strict
    ],
)
def test_derivative_at_kinks_follows_pytorch(key, params, x, expected):
    act = ACTIVATIONS[key]
    assert act.grad(x, **{**act.params, **params}) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("key, x, expected", [
    ("step", 0.0, 0.0), ("step", 1e-300, 1.0), ("step", -1e-300, 0.0),
    ("hardshrink", 0.5, 0.0), ("hardshrink", -0.5, 0.0), ("hardshrink", 0.5000001, 0.5000001),
    ("softshrink", 0.5, 0.0), ("relu6", 6.0, 6.0), ("hardsigmoid", 3.0, 1.0),
    ("hardswish", -3.0, 0.0), ("hardswish", 3.0, 3.0),
])
def test_values_at_kinks(key, x, expected):
    assert ACTIVATIONS[key].fn(x) == expected


def test_step_derivative_is_zero_everywhere():
    x = np.linspace(-10, 10, 1001)
    assert np.all(ACTIVATIONS["step"].grad(x) == 0.0)


# --------------------------------------------------------------- reference values


X = np.linspace(-12, 12, 2401)


def test_sigmoid_is_expit():
    np.testing.assert_array_equal(ACTIVATIONS["sigmoid"].fn(X), expit(X))


def test_tanh_is_twice_sigmoid_of_twice_x_minus_one():
    np.testing.assert_allclose(ACTIVATIONS["tanh"].fn(X), 2 * expit(2 * X) - 1,
                               rtol=0, atol=1e-15)


def test_gelu_matches_erf_definition():
    np.testing.assert_allclose(ACTIVATIONS["gelu"].fn(X), 0.5 * X * (1 + erf(X / np.sqrt(2))),
                               rtol=1e-15, atol=2e-15)  # the erf form cancels for x < 0
    # Φ(x) far in the left tail inherits the rounding of x/√2 amplified by x²
    # (~1e-14 relative at x = −12), in scipy's ndtr as in erfc: allow for both.
    np.testing.assert_allclose(ACTIVATIONS["gelu"].fn(X), X * ndtr(X), rtol=5e-14)


def test_gelu_left_tail_keeps_relative_precision():
    """1 + erf(x/√2) cancels for x ≪ 0; x·Φ(x) must not."""
    x = np.array([-10.0, -20.0, -30.0, -37.0])
    np.testing.assert_allclose(ACTIVATIONS["gelu"].fn(x), x * ndtr(x), rtol=1e-12)


def test_gelu_tanh_is_close_to_exact_gelu():
    diff = np.abs(ACTIVATIONS["gelu_tanh"].fn(X) - ACTIVATIONS["gelu"].fn(X))
    assert diff.max() < 1e-3


def test_gelu_tanh_matches_its_formula():
    k = math.sqrt(2 / math.pi)
    ref = 0.5 * X * (1 + np.tanh(k * (X + 0.044715 * X**3)))
    np.testing.assert_allclose(ACTIVATIONS["gelu_tanh"].fn(X), ref, rtol=0, atol=1e-15)


def test_selu_constants_to_full_precision():
    assert SELU_ALPHA == float(Decimal("1.6732632423543772848170429916717"))
    assert SELU_SCALE == float(Decimal("1.0507009873554804934193349852946"))


def test_selu_constants_match_klambauer_closed_form():
    """α01 and λ01 from the fixed-point equations (Klambauer et al. 2017, eq. 14)."""
    from scipy.special import erfc
    e, c = math.e, erfc(1 / math.sqrt(2))
    alpha = -math.sqrt(2 / math.pi) / (c * math.exp(0.5) - 1)
    lam = ((1 - c * math.sqrt(e)) * math.sqrt(2 * math.pi)
           * (2 * erfc(math.sqrt(2)) * e**2 + math.pi * c**2 * e
              - 2 * (2 + math.pi) * c * math.sqrt(e) + math.pi + 2) ** -0.5)
    assert SELU_ALPHA == pytest.approx(alpha, rel=1e-14)
    assert SELU_SCALE == pytest.approx(lam, rel=1e-14)


def test_selu_is_scaled_elu():
    elu = ACTIVATIONS["elu"]
    np.testing.assert_allclose(ACTIVATIONS["selu"].fn(X), SELU_SCALE * elu.fn(X, alpha=SELU_ALPHA),
                               rtol=1e-15)


def test_celu_with_alpha_one_is_elu():
    np.testing.assert_array_equal(ACTIVATIONS["celu"].fn(X), ACTIVATIONS["elu"].fn(X))


def test_celu_scales_elu():
    """CELU(x; α) = α·ELU(x/α; 1) for x ≤ 0."""
    xn = X[X <= 0]
    np.testing.assert_allclose(ACTIVATIONS["celu"].fn(xn, alpha=2.5),
                               2.5 * ACTIVATIONS["elu"].fn(xn / 2.5), rtol=1e-14)


def test_relu6_is_hardtanh_0_6():
    np.testing.assert_array_equal(ACTIVATIONS["relu6"].fn(X),
                                  ACTIVATIONS["hardtanh"].fn(X, min_val=0.0, max_val=6.0))


def test_hardsigmoid_and_hardswish_from_relu6():
    r6 = ACTIVATIONS["relu6"].fn(X + 3)
    np.testing.assert_allclose(ACTIVATIONS["hardsigmoid"].fn(X), r6 / 6, rtol=1e-15, atol=1e-16)
    np.testing.assert_allclose(ACTIVATIONS["hardswish"].fn(X), X * r6 / 6, rtol=1e-15, atol=1e-16)


def test_logsigmoid_is_log_of_sigmoid():
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(ACTIVATIONS["logsigmoid"].fn(x), -np.logaddexp(0.0, -x), rtol=1e-15)
    xn = x[x <= 0]  # log(σ(x)) itself loses precision where σ(x) ≈ 1
    np.testing.assert_allclose(ACTIVATIONS["logsigmoid"].fn(xn), np.log(expit(xn)), rtol=1e-14)


def test_mish_matches_naive_formula_where_that_is_safe():
    x = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(ACTIVATIONS["mish"].fn(x), x * np.tanh(np.log1p(np.exp(x))),
                               rtol=1e-14, atol=1e-300)


def test_silu_matches_formula():
    np.testing.assert_allclose(ACTIVATIONS["silu"].fn(X), X / (1 + np.exp(-X)), rtol=1e-15)


@pytest.mark.parametrize("key, f0, df0", [
    ("sigmoid", 0.5, 0.25), ("tanh", 0.0, 1.0), ("gelu", 0.0, 0.5), ("gelu_tanh", 0.0, 0.5),
    ("silu", 0.0, 0.5), ("mish", 0.0, 0.6), ("softplus", math.log(2), 0.5),
    ("logsigmoid", -math.log(2), 0.5), ("softsign", 0.0, 1.0), ("identity", 0.0, 1.0),
    ("hardsigmoid", 0.5, 1 / 6), ("hardswish", 0.0, 0.5), ("tanhshrink", 0.0, 0.0),
    ("elu", 0.0, 1.0), ("celu", 0.0, 1.0), ("relu", 0.0, 0.0),
])
def test_value_and_slope_at_zero(key, f0, df0):
    act = ACTIVATIONS[key]
    assert act.fn(0.0) == pytest.approx(f0, abs=1e-16, rel=1e-15)
    assert act.grad(0.0) == pytest.approx(df0, abs=1e-16, rel=1e-15)


@pytest.mark.parametrize("key, x_min, f_min", [
    ("gelu", -0.7518, -0.1700),   # Hendrycks & Gimpel; widely quoted
    ("silu", -1.2785, -0.2785),   # Ramachandran et al. (Swish, β = 1)
    ("mish", -1.1924, -0.3088),   # Misra 2019
])
def test_published_minima(key, x_min, f_min):
    act = ACTIVATIONS[key]
    res = minimize_scalar(lambda t: float(act.fn(t)), bounds=(-3, 0), method="bounded",
                          options={"xatol": 1e-10})
    assert res.x == pytest.approx(x_min, abs=1e-4)
    assert res.fun == pytest.approx(f_min, abs=1e-4)
    assert act.range[0] == pytest.approx(res.fun, abs=1e-14)  # stated range agrees
    assert act.range[0] <= res.fun


def test_silu_minimum_is_minus_lambert_w():
    """SiLU'(x) = 0 ⇔ x = −1 − W(1/e), where SiLU(x) = x + 1 = −W(1/e)."""
    w = float(lambertw(1 / math.e).real)
    act = ACTIVATIONS["silu"]
    assert act.fn(-1 - w) == pytest.approx(-w, rel=1e-15)
    assert act.grad(-1 - w) == pytest.approx(0.0, abs=1e-15)
    assert act.range[0] == pytest.approx(-w, rel=1e-15)


def test_softplus_reverts_to_identity_above_threshold_like_pytorch():
    sp = ACTIVATIONS["softplus"]
    assert sp.fn(20.5) == 20.5 and sp.grad(20.5) == 1.0
    assert sp.fn(20.0) == pytest.approx(math.log1p(math.exp(20.0)), rel=1e-15)
    assert sp.fn(19.9) == pytest.approx(math.log1p(math.exp(19.9)), rel=1e-15)
    assert sp.grad(19.9) == pytest.approx(expit(19.9), rel=1e-15)
    # beta scales the switch point: beta*x > threshold.
    assert sp.fn(10.5, beta=2.0, threshold=20.0) == 10.5
    assert sp.fn(9.9, beta=2.0, threshold=20.0) == pytest.approx(
        math.log1p(math.exp(19.8)) / 2, rel=1e-15)
    assert sp.fn(3.0, beta=2.0, threshold=5.0) == 3.0


def test_softplus_beta_sharpens_towards_relu():
    x = np.linspace(-5, 5, 101)
    sp = ACTIVATIONS["softplus"]
    err = [np.abs(sp.fn(x, beta=b, threshold=20.0) - np.maximum(x, 0)).max()
           for b in (1.0, 4.0, 16.0)]
    assert err[0] > err[1] > err[2]
    assert err[2] <= math.log(2) / 16 + 1e-15


def test_softplus_rejects_non_positive_beta():
    with pytest.raises(ValueError):
        ACTIVATIONS["softplus"].fn(1.0, beta=0.0)


@pytest.mark.parametrize("key, params", [
    ("celu", {"alpha": 0.0}), ("hardtanh", {"min_val": 1.0, "max_val": -1.0}),
    ("softshrink", {"lambd": -1.0}), ("hardshrink", {"lambd": -0.1}),
])
def test_invalid_parameters_raise(key, params):
    act = ACTIVATIONS[key]
    with pytest.raises(ValueError):
        act.fn(0.3, **{**act.params, **params})
    with pytest.raises(ValueError):
        act.grad(0.3, **{**act.params, **params})


def test_tanhshrink_near_zero_keeps_relative_precision():
    """x − tanh x cancels for small x; the series branch does not."""
    ts = ACTIVATIONS["tanhshrink"]
    for x in (1e-8, 1e-5, 1e-3, 0.05):
        ref = x**3 / 3 - 2 * x**5 / 15 + 17 * x**7 / 315 - 62 * x**9 / 2835
        assert ts.fn(x) == pytest.approx(ref, rel=1e-13)
        assert ts.fn(-x) == pytest.approx(-ref, rel=1e-13)
    # Continuous across the switch between the series and the direct formula.
    assert ts.fn(0.1 - 1e-15) == pytest.approx(ts.fn(0.1), rel=1e-12)


def test_derivative_tails_keep_relative_precision():
    assert ACTIVATIONS["sigmoid"].grad(-700.0) == pytest.approx(math.exp(-700.0), rel=1e-12)
    assert ACTIVATIONS["sigmoid"].grad(700.0) == pytest.approx(math.exp(-700.0), rel=1e-12)
    assert ACTIVATIONS["tanh"].grad(20.0) == pytest.approx(1 / math.cosh(20.0) ** 2, rel=1e-12)
    assert ACTIVATIONS["logsigmoid"].grad(40.0) == pytest.approx(expit(-40.0), rel=1e-15)


# Precision against 50-digit references (mpmath, from requirements-dev.txt).

def _mp_reference(key, x):
    import mpmath as mp
    mp.mp.dps = 50
    x = mp.mpf(x)
    sp = mp.log1p(mp.exp(x))
    return float({
        "sigmoid": 1 / (1 + mp.exp(-x)),
        "tanh": mp.tanh(x),
        "elu": x if x > 0 else mp.expm1(x),
        "selu": mp.mpf("1.0507009873554804934193349852946")
        * (x if x > 0 else mp.mpf("1.6732632423543772848170429916717") * mp.expm1(x)),
        "gelu": x * mp.ncdf(x),
        "gelu_tanh": x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3))),
        "silu": x / (1 + mp.exp(-x)),
        "mish": x * mp.tanh(sp),
        "softplus": sp if x <= 20 else x,
        "softsign": x / (1 + abs(x)),
        "logsigmoid": -mp.log1p(mp.exp(-x)),
        "tanhshrink": x - mp.tanh(x),
    }[key])


@pytest.mark.parametrize("key", ["sigmoid", "tanh", "elu", "selu", "gelu", "gelu_tanh",
                                 "silu", "mish", "softplus", "softsign", "logsigmoid",
                                 "tanhshrink"])
def test_values_to_float64_precision(key):
    act = ACTIVATIONS[key]
    points = [-300.0, -40.0, -8.5, -1.3, -0.2, -1e-6, 1e-9, 0.07, 0.4, 2.2, 9.0, 19.5, 35.0]
    got = act.fn(np.array(points))
    for x, y in zip(points, got):
        ref = _mp_reference(key, x)
        assert y == pytest.approx(ref, rel=2e-14, abs=1e-300), (key, x)


# ------------------------------------------------------------------------ stability


def _param_extremes(key):
    act = ACTIVATIONS[key]
    sets = [dict(act.params)] + PARAM_SETS.get(key, [])
    for name, (lo, hi) in act.param_ranges.items():
        for v in (lo, hi):
            candidate = {**act.params, name: v}
            if key == "hardtanh" and candidate["min_val"] > candidate["max_val"]:
                continue
            if key == "celu" and v == 0:
                continue
            sets.append(candidate)
    return sets


@pytest.mark.parametrize("key", KEYS)
def test_finite_and_silent_for_extreme_inputs(key):
    act = ACTIVATIONS[key]
    rng = np.random.default_rng(7)
    huge = rng.choice([-1.0, 1.0], 300) * 10.0 ** rng.uniform(-300, 308, 300)
    x = np.concatenate([EXTREMES, huge])
    for params in _param_extremes(key):
        params = {**act.params, **params}
        f, g = act.fn(x, **params), act.grad(x, **params)
        assert np.all(np.isfinite(f)), (key, params)
        assert np.all(np.isfinite(g)), (key, params)


@pytest.mark.parametrize("key, x, f, df", [
    ("sigmoid", -1e308, 0.0, 0.0), ("sigmoid", 1e308, 1.0, 0.0),
    ("tanh", -1e308, -1.0, 0.0), ("tanh", 1e308, 1.0, 0.0),
    ("softplus", 1e308, 1e308, 1.0), ("softplus", -1e308, 0.0, 0.0),
    ("softplus", 710.0, 710.0, 1.0), ("softplus", -710.0, 0.0, 0.0),
    ("logsigmoid", -1e308, -1e308, 1.0), ("logsigmoid", 1e308, 0.0, 0.0),
    ("relu", 1e308, 1e308, 1.0), ("relu", -1e308, 0.0, 0.0),
    ("leaky_relu", -1e308, -1e306, 0.01),
    ("elu", -1e308, -1.0, 0.0), ("celu", -1e308, -1.0, 0.0),
    ("selu", -1e308, -SELU_SCALE * SELU_ALPHA, 0.0), ("selu", 1e308, SELU_SCALE * 1e308, SELU_SCALE),
    ("gelu", 1e308, 1e308, 1.0), ("gelu", -1e308, 0.0, 0.0),
    ("gelu_tanh", 1e308, 1e308, 1.0), ("gelu_tanh", -1e308, 0.0, 0.0),
    ("silu", 1e308, 1e308, 1.0), ("silu", -1e308, 0.0, 0.0),
    ("mish", 1e308, 1e308, 1.0), ("mish", -1e308, 0.0, 0.0),
    ("mish", -710.0, 0.0, 0.0),
    ("softsign", 1e308, 1.0, 0.0), ("softsign", -1e308, -1.0, 0.0),
    ("hardswish", 1e308, 1e308, 1.0), ("tanhshrink", 1e308, 1e308, 1.0),
    ("softshrink", -1e308, -1e308, 1.0), ("hardshrink", 1e308, 1e308, 1.0),
    ("gelu", 1e-300, 0.5e-300, 0.5), ("sigmoid", -1e-300, 0.5, 0.25),
])
def test_limits(key, x, f, df):
    act = ACTIVATIONS[key]
    assert act.fn(x) == pytest.approx(f, rel=1e-15, abs=1e-300)
    assert act.grad(x) == pytest.approx(df, rel=1e-15, abs=1e-300)


def test_celu_with_tiny_alpha_is_silent():
    x = np.array([-1e308, -1.0, 0.0, 1.0, 1e308])
    act = ACTIVATIONS["celu"]
    for alpha in (1e-3, 1e-100):
        assert np.all(np.isfinite(act.fn(x, alpha=alpha)))
        assert np.all(np.isfinite(act.grad(x, alpha=alpha)))


def test_softplus_extreme_beta_is_silent():
    x = np.array([-1e308, -1.0, 0.0, 1.0, 1e308])
    act = ACTIVATIONS["softplus"]
    for beta, thr in ((1e-3, 20.0), (1e3, 20.0), (1.0, 1e4), (1.0, -5.0)):
        assert np.all(np.isfinite(act.fn(x, beta=beta, threshold=thr)))
        assert np.all(np.isfinite(act.grad(x, beta=beta, threshold=thr)))


# --------------------------------------------------------------------------- shapes


@pytest.mark.parametrize("key", KEYS)
def test_scalars_and_zero_d_give_float64(key):
    act = ACTIVATIONS[key]
    for x in (0.7, -2, np.float32(1.5), np.array(0.3), np.array(-4.0)):
        for out in (act.fn(x), act.grad(x)):
            assert type(out) is np.float64, (key, x, type(out))


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("shape", [(0,), (5,), (3, 4), (2, 3, 2)])
def test_shapes_preserved_and_input_untouched(key, shape):
    act = ACTIVATIONS[key]
    x = np.random.default_rng(3).normal(0, 3, shape)
    before = x.copy()
    f, g = act.fn(x), act.grad(x)
    assert f.shape == shape and g.shape == shape
    assert f.dtype == np.float64 and g.dtype == np.float64
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(f, x)
    assert not np.shares_memory(g, x)


@pytest.mark.parametrize("key", KEYS)
def test_lists_and_int_arrays_are_accepted(key):
    act = ACTIVATIONS[key]
    ref = act.fn(np.array([-2.0, 0.0, 3.0]))
    np.testing.assert_array_equal(act.fn([-2, 0, 3]), ref)
    np.testing.assert_array_equal(act.fn(np.array([-2, 0, 3])), ref)


def test_outputs_are_writable_arrays():
    """A caller may update an output in place (e.g. the MLP) without touching state."""
    g = ACTIVATIONS["identity"].grad(np.zeros((2, 2)))
    g += 1.0
    assert np.all(ACTIVATIONS["identity"].grad(np.zeros((2, 2))) == 1.0)
