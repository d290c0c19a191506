"""Properties of an activation computed from its numbers, not stated by hand.

The page shows them next to the stated metadata of :mod:`core.activations`, and the
tests check that the two agree. Everything here is pure numpy/scipy: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from core.activations import Activation

__all__ = [
    "DepthProfile",
    "Properties",
    "compute_properties",
    "find_minimum",
    "active_path_factor",
    "with_defaults",
    "gradient_through_depth",
    "saturation_intervals",
]


@dataclass(frozen=True)
class Properties:
    """What the curve of f does on ``x_range`` (sampled on ``n`` evenly spaced points).

    ``f_min``/``f_max`` (and where they occur), ``max_abs_grad`` = max |f'| and where,
    ``f0`` = f(0) and ``df0`` = f'(0) (PyTorch's convention at a kink), ``monotonic``
    (non-decreasing within a rounding tolerance), ``zero_centred`` (f(0) = 0 and f
    takes both signs on the interval), ``saturation``: the intervals where
    |f'| < ``threshold``, as (start, end) pairs of grid points.
    """

    x_range: tuple
    f_min: float
    x_at_min: float
    f_max: float
    x_at_max: float
    max_abs_grad: float
    x_at_max_abs_grad: float
    f0: float
    df0: float
    monotonic: bool
    zero_centred: bool
    threshold: float
    saturation: tuple


def with_defaults(act: Activation, params: Mapping | None) -> dict:
    """The activation's PyTorch defaults, overridden by ``params``."""
    return {**act.params, **(params or {})}


def saturation_intervals(x: np.ndarray, small: np.ndarray) -> tuple:
    """The maximal runs of consecutive grid points where ``small`` is True.

    Returns ((x_start, x_end), ...), with x_start == x_end for a lone point.
    """
    small = np.asarray(small, dtype=bool)
    if not small.any():
        return ()
    # Pad with False so every run has a rising and a falling edge.
    edges = np.diff(np.concatenate(([False], small, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    return tuple((float(x[s]), float(x[e])) for s, e in zip(starts, ends))


def compute_properties(act: Activation, params: dict | None = None,
                       x_range: tuple = (-6.0, 6.0), n: int = 4001,
                       threshold: float = 0.01) -> Properties:
    """Sample f and f' on ``n`` points of ``x_range`` (0 is always sampled) and measure.

    Monotonic means f(x_{k+1}) ≥ f(x_k) − tol for every neighbour pair, with tol a few
    ulps of |f| (so a flat, saturated stretch counts as non-decreasing).
    """
    p = with_defaults(act, params)
    lo, hi = float(x_range[0]), float(x_range[1])
    x = np.union1d(np.linspace(lo, hi, n), [0.0] if lo <= 0.0 <= hi else [])
    f = act.fn(x, **p)
    g = act.grad(x, **p)
    tol = 1e-12 * np.maximum(1.0, np.abs(f[1:]))
    i_min, i_max, i_g = int(np.argmin(f)), int(np.argmax(f)), int(np.argmax(np.abs(g)))
    f0 = float(act.fn(0.0, **p))
    return Properties(
        x_range=(lo, hi),
        f_min=float(f[i_min]), x_at_min=float(x[i_min]),
        f_max=float(f[i_max]), x_at_max=float(x[i_max]),
        max_abs_grad=float(abs(g[i_g])), x_at_max_abs_grad=float(x[i_g]),
        f0=f0, df0=float(act.grad(0.0, **p)),
        monotonic=bool(np.all(np.diff(f) >= -tol)),
        zero_centred=bool(f0 == 0.0 and f.min() < 0.0 < f.max()),
        threshold=float(threshold),
        saturation=saturation_intervals(x, np.abs(g) < threshold),
    )


def find_minimum(act: Activation, params: dict | None = None,
                 x_range: tuple = (-6.0, 6.0), n: int = 2001) -> tuple[float, float]:
    """(x*, f(x*)) of the global minimum of f on ``x_range``.

    A grid finds the basin, then a bounded Brent search polishes it to ~1e-10 in x.
    At an end of the interval (a monotonic f) the grid point is returned as is.
    """
    p = with_defaults(act, params)
    x = np.linspace(x_range[0], x_range[1], n)
    f = act.fn(x, **p)
    i = int(np.argmin(f))
    if i in (0, n - 1):
        return float(x[i]), float(f[i])
    res = minimize_scalar(lambda t: float(act.fn(t, **p)), bounds=(x[i - 1], x[i + 1]),
                          method="bounded", options={"xatol": 1e-12})
    return float(res.x), float(res.fun)


@dataclass(frozen=True)
class DepthProfile:
    """How much of a gradient survives n layers of one activation (n = 1..n_layers).

    ``median``, ``mean``, ``geometric_mean``: of P_n over sample paths;
    ``nonzero_fraction``: share of paths where P_n > 0 (for ReLU, all units active:
    ≈ 2⁻ⁿ); ``median_nonzero``: median of P_n over those paths (NaN if there are none),
    which shows that ReLU passes the gradient through unchanged where it is active.
    """

    depth: np.ndarray
    median: np.ndarray
    mean: np.ndarray
    geometric_mean: np.ndarray
    nonzero_fraction: np.ndarray
    median_nonzero: np.ndarray


_LOG_MAX = 709.0


def _as_generator(rng) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(0 if rng is None else rng)


def gradient_through_depth(act: Activation, params: dict | None = None,
                           n_layers: int = 20, sigma: float = 1.0,
                           n_samples: int = 2000, rng=None) -> DepthProfile:
    r"""The factor an activation contributes to a gradient after n layers.

    Backpropagation through n layers multiplies the gradient by f'(z_i) once per layer
    (times the weights, which we leave out to isolate the activation). Draw the
    pre-activations z_i i.i.d. from N(0, σ²) and follow ``n_samples`` paths:

    .. math:: P_n = \prod_{i=1}^{n} |f'(z_i)|, \qquad n = 1, \dots, n_{\text{layers}}

    For the sigmoid, f' ≤ 1/4, so P_n ≤ 0.25ⁿ: the gradient vanishes geometrically
    (tanh: f' ≤ 1, still < 1 away from 0). For ReLU, f' ∈ {0, 1}: P_n is 1 on the paths
    where every unit is active and 0 elsewhere. The geometric mean over paths is
    exp(n·E[ln|f'(z)|]): the typical per-layer factor raised to the n-th power.

    Products are accumulated as sums of logarithms, so deep stacks do not underflow
    before the last step. ``rng`` is a numpy Generator or a seed (default 0).
    """
    if n_layers < 1 or n_samples < 1:
        raise ValueError("n_layers and n_samples must be at least 1")
    if not sigma > 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    p = with_defaults(act, params)
    z = _as_generator(rng).normal(0.0, sigma, size=(n_samples, n_layers))
    g = np.abs(act.grad(z, **p))
    dead = np.logical_or.accumulate(g == 0.0, axis=1)
    log_p = np.cumsum(np.log(np.where(g > 0.0, g, 1.0)), axis=1)
    # exp(709) is the largest float64 power of e: slopes > 1 (SELU, HardSwish) must not
    # overflow in very deep stacks, so the product saturates at ~8e307 instead.
    log_p = np.minimum(log_p, _LOG_MAX)
    prod = np.where(dead, 0.0, np.exp(log_p))
    alive = ~dead
    return DepthProfile(
        depth=np.arange(1, n_layers + 1),
        median=np.median(prod, axis=0),
        mean=prod.mean(axis=0),
        geometric_mean=np.where(dead.any(axis=0), 0.0, np.exp(log_p.mean(axis=0))),
        nonzero_fraction=alive.mean(axis=0),
        median_nonzero=_masked_median(prod, alive),
    )


def _masked_median(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Column-wise median of ``values`` where ``mask`` holds; NaN for an empty column."""
    out = np.full(values.shape[1], np.nan)
    for j in range(values.shape[1]):
        col = values[mask[:, j], j]
        if col.size:
            out[j] = np.median(col)
    return out


def _alive_pool(act: Activation, p: dict, sigma: float, size: int, rng: np.random.Generator,
                max_rounds: int = 40) -> tuple[np.ndarray, float]:
    """``size`` draws of |f'(z)|, z ~ N(0, σ²) conditioned on f'(z) ≠ 0, and P(f'(z) ≠ 0).

    The first round is ``size`` plain draws (so for a function that never blocks, the
    pool is exactly those draws, in order); the zeros are dropped and more rounds are
    drawn until the pool is full. Returns an empty pool if f' is 0 on every draw.
    """
    g = np.abs(act.grad(rng.normal(0.0, sigma, size=size), **p))
    p_alive = float(np.mean(g > 0.0))
    pool = [g[g > 0.0]]
    have = pool[0].size
    rounds = 0
    while 0 < have < size and rounds < max_rounds:
        more = np.abs(act.grad(rng.normal(0.0, sigma, size=size), **p))
        pool.append(more[more > 0.0])
        have += pool[-1].size
        rounds += 1
    out = np.concatenate(pool)
    return (out[:size] if out.size >= size else np.empty(0)), p_alive


def active_path_factor(act: Activation, params: dict | None = None, n_layers: int = 20,
                       sigma: float = 1.0, n_samples: int = 2000, rng=None):
    r"""The gradient factor of n layers along the paths where every unit is active.

    Returns ``(depth, factor, p_alive)``: ``factor[n-1]`` is the median over
    ``n_samples`` paths of :math:`P_n = \prod_{i \le n} |f'(z_i)|` with the z_i drawn
    i.i.d. from N(0, σ²) *conditioned on* f'(z_i) ≠ 0, and ``p_alive`` = P(f'(z) ≠ 0), so
    a path stays active through n layers with probability p_aliveⁿ (ReLU: ½ⁿ).

    Unlike :func:`gradient_through_depth`'s ``median_nonzero``, which follows
    unconditioned paths and is undefined once no path survives (ReLU past ~11 layers of
    2,000 paths), the active paths are drawn directly. For a function whose slope is
    never 0 (sigmoid, tanh, …) the draws, and so the numbers, are the same. ``factor``
    is NaN when f' is 0 on every draw (the step). Products are sums of logs, clipped
    to float64's exponent range, so neither a slope > 1 (SELU) nor a tiny one overflows.
    """
    p = with_defaults(act, params)
    pool, p_alive = _alive_pool(act, p, sigma, n_samples * n_layers, _as_generator(rng))
    depth = np.arange(1, n_layers + 1)
    if not pool.size:
        return depth, np.full(n_layers, np.nan), p_alive
    log_p = np.cumsum(np.log(pool.reshape(n_samples, n_layers)), axis=1)
    return depth, np.exp(np.clip(np.median(log_p, axis=0), -745.0, 709.0)), p_alive
