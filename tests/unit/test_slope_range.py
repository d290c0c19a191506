"""The values f′ takes on the whole line (issue 18, item 20): computed by
``core.lessons.activation_props.slope_range`` and checked here against independent
references: mpmath (f written from its closed form, differentiated by mpmath at 30
digits, extrema where mpmath's f″ has a root) for the smooth non-monotonic functions,
and the closed forms of the piecewise ones."""

import math

import mpmath as mp
import numpy as np
import pytest

import core.present.activation_charts as ac
from core.lessons.activation_props import SlopeRange, slope_range
from core.nn.activations import ACTIVATIONS, SELU_ALPHA, SELU_SCALE

pytestmark = pytest.mark.filterwarnings("error")

mp.mp.dps = 30


def _mp_functions():
    """f itself, in mpmath, from each closed form (never from the catalog's derivatives)."""
    k = mp.sqrt(2 / mp.pi)
    return {
        "gelu": lambda x: x * mp.ncdf(x),
        "gelu_tanh": lambda x: x / 2 * (1 + mp.tanh(k * (x + mp.mpf("0.044715") * x**3))),
        "silu": lambda x: x / (1 + mp.exp(-x)),
        "mish": lambda x: x * mp.tanh(mp.log(1 + mp.exp(x))),
    }


def _mp_slope_extremes(f):
    """(min f′, max f′) of a smooth f whose f′ tends to 0 at −∞ and 1 at +∞: the roots
    of f″ found by a sign scan on [−8, 8] and polished by mpmath's findroot."""
    def d1(x):
        return mp.diff(f, x)

    def d2(x):
        return mp.diff(f, x, 2)

    grid = [mp.mpf(-8) + mp.mpf(16) * i / 160 for i in range(161)]
    values = [d2(x) for x in grid]
    stationary = [mp.findroot(d2, (a, b), solver="anderson")
                  for a, b, va, vb in zip(grid, grid[1:], values, values[1:]) if va * vb < 0]
    slopes = [d1(x) for x in stationary] + [mp.mpf(0), mp.mpf(1)]  # with the limits at ∓∞
    return float(min(slopes)), float(max(slopes))


@pytest.mark.parametrize("key", ["gelu", "gelu_tanh", "silu", "mish"])
def test_non_monotonic_slopes_match_mpmath(key):
    low, high = _mp_slope_extremes(_mp_functions()[key])
    r = slope_range(ACTIVATIONS[key])
    assert r.low == pytest.approx(low, abs=1e-12)
    assert r.high == pytest.approx(high, abs=1e-12)
    assert r.low < 0 and r.low_attained and r.high_attained  # reached at a finite x


def test_the_issues_numbers():
    """GELU′ and SiLU′ go below 0: ≈ −0.129 and ≈ −0.100 (issue 18, item 20)."""
    assert slope_range(ACTIVATIONS["gelu"]).low == pytest.approx(-0.129, abs=5e-4)
    assert slope_range(ACTIVATIONS["silu"]).low == pytest.approx(-0.100, abs=5e-4)
    # GELU′ is lowest at x = −√2: Φ(−√2) − √2·φ(√2), in closed form.
    exact = 0.5 * math.erfc(1.0) - math.sqrt(2.0) * math.exp(-1.0) / math.sqrt(2.0 * math.pi)
    assert slope_range(ACTIVATIONS["gelu"]).low == pytest.approx(exact, abs=1e-14)


# The closed forms: (low, reached, high, reached) of f′ on ℝ at the defaults.
CLOSED_FORMS = {
    "identity": (1.0, True, 1.0, True),
    "step": (0.0, True, 0.0, True),
    "sigmoid": (0.0, False, 0.25, True),  # σ′ = σ(1 − σ) ≤ ¼ at 0, → 0 at ±∞
    "tanh": (0.0, False, 1.0, True),
    "relu": (0.0, True, 1.0, True),
    "leaky_relu": (0.01, True, 1.0, True),
    "elu": (0.0, False, 1.0, True),  # αeˣ → 0 at −∞; 1 for x > 0
    "selu": (0.0, False, SELU_SCALE * SELU_ALPHA, True),  # scale·α at 0 (the kink rule)
    "celu": (0.0, False, 1.0, True),
    "softplus": (0.0, False, 1.0, True),  # 1 beyond PyTorch's threshold
    "softsign": (0.0, False, 1.0, True),  # 1/(1 + |x|)², 1 at 0
    "hardtanh": (0.0, True, 1.0, True),
    "hardsigmoid": (0.0, True, 1.0 / 6.0, True),
    "hardswish": (-0.5, False, 1.5, False),  # x/3 + ½ on (−3, 3); 0 and 1 at the kinks
    "relu6": (0.0, True, 1.0, True),
    "logsigmoid": (0.0, False, 1.0, False),  # σ(−x) ∈ (0, 1)
    "tanhshrink": (0.0, True, 1.0, False),  # tanh² ∈ [0, 1)
    "softshrink": (0.0, True, 1.0, True),
    "hardshrink": (0.0, True, 1.0, True),
    "prelu": (0.25, True, 1.0, True),  # a (where it starts) for x ≤ 0, 1 beyond
}


@pytest.mark.parametrize("key", list(ACTIVATIONS))
def test_every_function_has_its_range_of_slopes(key):
    r = slope_range(ACTIVATIONS[key])
    if key in CLOSED_FORMS:
        low, low_in, high, high_in = CLOSED_FORMS[key]
        assert (r.low, r.low_attained, r.high, r.high_attained) == (
            pytest.approx(low, abs=1e-12), low_in, pytest.approx(high, abs=1e-12), high_in)
    # Whatever the function: a dense grid never leaves the interval, and comes close to its ends.
    far = np.geomspace(60.0, 1e300, 300)  # Softsign′ = 1/(1 + |x|)² dies out slowly
    kinks = np.array(ACTIVATIONS[key].kinks(), dtype=float)
    near = np.concatenate([kinks, kinks - 1e-9, kinks + 1e-9])  # HardSwish′ → ±… next to ±3
    x = np.concatenate([np.linspace(-60.0, 60.0, 240001), -far, far, near])
    g = ACTIVATIONS[key].grad(x)
    assert r.low - 1e-12 <= g.min() <= r.low + 1e-6
    assert r.high - 1e-6 <= g.max() <= r.high + 1e-12


@pytest.mark.parametrize("key, params, expected", [
    ("elu", {"alpha": 2.0}, (0.0, False, 2.0, True)),  # 2eˣ on x ≤ 0 reaches 2 at 0
    ("elu", {"alpha": 0.5}, (0.0, False, 1.0, True)),
    ("leaky_relu", {"negative_slope": 0.0}, (0.0, True, 1.0, True)),
    ("leaky_relu", {"negative_slope": 1.0}, (1.0, True, 1.0, True)),  # the identity
    ("hardtanh", {"min_val": 0.0, "max_val": 0.0}, (0.0, True, 0.0, True)),  # flat everywhere
    ("softplus", {"beta": 0.1}, (0.0, False, 1.0, True)),  # the switch moves to x = 200
    ("prelu", {"a": -0.5}, (-0.5, True, 1.0, True)),  # a learned a may go negative
])
def test_the_range_follows_the_parameters(key, params, expected):
    r = slope_range(ACTIVATIONS[key], params)
    low, low_in, high, high_in = expected
    assert (r.low, r.low_attained, r.high, r.high_attained) == (
        pytest.approx(low, abs=1e-12), low_in, pytest.approx(high, abs=1e-12), high_in)


def test_the_interval_is_written_with_its_brackets():
    assert ac.format_slope_range(SlopeRange(0.0, 0.25, False, True)) == "(0, 0.25]"
    assert ac.format_slope_range(SlopeRange(-0.5, 1.5, False, False)) == "(−0.5, 1.5)"
    assert ac.format_slope_range(slope_range(ACTIVATIONS["gelu"])) == "[−0.1289, 1.1289]"
    assert ac.format_slope_range(SlopeRange(1.0, 1.0, True, True)) == "1"
