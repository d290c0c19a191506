"""What the activations page computes on the learner's range: curves, stretches of small
slope, the turning point, GELU's approximation errors, the step and the gradient through
depth (no Streamlit, no pictures: :mod:`core.present.activation_charts` draws these).

What is computed here and not in :mod:`core.nn.activations` / :mod:`core.lessons.activation_props`:

* the second derivative, for display only: central differences of the *closed-form*
  f' (see :func:`second_derivative`);
* saturation intervals with their ends refined between grid points
  (:func:`saturation_regions`);
* which stretches of small slope are saturation (they run on to ±∞) and which are
  only the neighbourhood of a point where f' = 0 (:func:`slope_regions`);
* where f turns (:func:`turning_point`) and how far GELU's two cheap forms are from the
  exact GELU (:func:`gelu_approximations`);
* the step against σ(k·x) (:func:`step_frame`, :func:`step_examples`) and the share of a
  gradient that n layers let through (:func:`depth_frame`).

Every function is pure (same arguments, same result), so the page can cache them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import brentq, minimize_scalar
from scipy.special import expit

from core.lessons.activation_props import (
    approximation_error,
    depth_factors,
    find_minimum,
    saturation_intervals,
    with_defaults,
)
from core.nn.activations import ACTIVATIONS, Activation

__all__ = [
    "FlatStretch",
    "N_POINTS",
    "curve_frame",
    "depth_frame",
    "gelu_approximations",
    "region_frame",
    "sample_grid",
    "saturation_frame",
    "saturation_regions",
    "second_derivative",
    "slope_regions",
    "step_examples",
    "step_frame",
    "turning_point",
]

# Odd, so that x = 0 (where most kinks and maxima are) is a grid point.
N_POINTS = 401


def sample_grid(half_width: float, n: int = N_POINTS) -> np.ndarray:
    """n evenly spaced points on [−half_width, half_width]; n odd puts 0 on the grid."""
    x = np.linspace(-half_width, half_width, n)
    if n % 2:
        x[n // 2] = 0.0  # exactly, not 1e-16
    return x


def second_derivative(act: Activation, params: Mapping | None, x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    r"""f''(x) for display, by central differences of the closed-form derivative:

    .. math:: f''(x) \approx \frac{f'(x + h) - f'(x - h)}{2h}, \qquad h = 10^{-4}

    The truncation error is h²·f'''/6 (≈1e-9 here) and the rounding error ≈ ε/h
    (≈1e-12), far below what a chart shows. Where f' jumps (a kink of f, within 2h of
    x) the quotient would be a spike of height ~1/h that means nothing: those points
    are NaN, and the chart leaves them out.
    """
    p = with_defaults(act, params)
    x = np.asarray(x, dtype=np.float64)
    d2 = (act.grad(x + h, **p) - act.grad(x - h, **p)) / (2.0 * h)
    for kink in act.kinks(**p):
        d2 = np.where(np.abs(x - kink) <= 2.0 * h, np.nan, d2)
    return d2


def curve_frame(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                n: int = N_POINTS, with_second: bool = False) -> pd.DataFrame:
    """Long table of the curves: one row per (function, x) with f, f' (and f'').

    Columns: ``key``, ``x``, ``f``, ``df`` and, with ``with_second``, ``d2f``.
    """
    x = sample_grid(half_width, n)
    parts = []
    for key in keys:
        act = ACTIVATIONS[key]
        p = with_defaults(act, (params_by_key or {}).get(key))
        part = {"key": key, "x": x, "f": act.fn(x, **p), "df": act.grad(x, **p)}
        if with_second:
            part["d2f"] = second_derivative(act, p, x)
        parts.append(pd.DataFrame(part))
    columns = ["key", "x", "f", "df"] + (["d2f"] if with_second else [])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


# ------------------------------------------------------------------------- saturation


def saturation_regions(act: Activation, params: Mapping | None, half_width: float, threshold: float,
                       n: int = 2001) -> tuple[tuple[float, float], ...]:
    """The x intervals of [−half_width, half_width] where |f'(x)| < threshold.

    A grid of ``n`` points finds the runs (``activation_props.saturation_intervals``);
    each end inside the range is then moved to where |f'| crosses the threshold, by
    Brent's method between the last grid point inside and the first outside (for a
    jump of f', e.g. ReLU's at 0, that is the jump). Ends at ±half_width stay there.
    """
    p = with_defaults(act, params)
    x = np.linspace(-half_width, half_width, n)
    small = np.abs(act.grad(x, **p)) < threshold
    runs = saturation_intervals(x, small)
    if not runs:
        return ()

    def excess(t: float) -> float:
        return float(abs(act.grad(t, **p)) - threshold)

    def refine(inside: float, outside: float) -> float:
        if excess(inside) < 0 <= excess(outside):
            return float(brentq(excess, inside, outside, xtol=1e-10))
        return inside

    step = x[1] - x[0]
    out = []
    for a, b in runs:
        lo = a if a <= x[0] else refine(a, a - step)
        hi = b if b >= x[-1] else refine(b, b + step)
        out.append((lo, hi))
    return tuple(out)


@dataclass(frozen=True)
class FlatStretch:
    """A stretch [x0, x1] of the range where |f'| < t, and what it is.

    ``kind``: "saturated" when |f'| stays below t from there on out to −∞ or +∞ (the
    tail of f, where a unit stops passing gradient for *every* input further out).
    A bounded stretch is not saturation; it is named by what sits inside it:
    "minimum" / "maximum" (f' changes sign at ``at``), "stationary" (f' touches 0 at
    ``at`` and keeps its sign, TanhShrink at 0), "dead" (f' = 0 all along: f is flat
    there, SoftShrink's dead zone) or "small" (|f'| small but never 0).
    """

    x0: float
    x1: float
    kind: str
    at: float = math.nan


def _small_out_to_infinity(act: Activation, p: dict, start: float, side: int, threshold: float) -> bool:
    """|f'| < threshold at every x beyond ``start`` on ``side`` (a geometric grid to 1e9)."""
    x = start + side * np.geomspace(1e-6, 1e9, 600) * max(1.0, abs(start))
    return bool(np.all(np.abs(act.grad(x, **p)) < threshold))


def _what_is_flat(act: Activation, p: dict, a: float, b: float) -> tuple[str, float]:
    """Classify a bounded stretch of small slope by the sign pattern of f' on it."""
    x = np.linspace(a, b, 401)
    d = act.grad(x, **p)
    if np.all(d == 0.0):
        return "dead", math.nan
    # A sign change between two neighbouring non-zero samples brackets a root of f'.
    nonzero = np.flatnonzero(d != 0.0)
    for j, k in zip(nonzero[:-1], nonzero[1:]):
        if d[j] * d[k] < 0:
            at = float(brentq(lambda t: float(act.grad(t, **p)), x[j], x[k], xtol=1e-12))
            return ("minimum" if d[j] < 0 else "maximum"), at
    i = int(np.argmin(np.abs(d)))
    lo, hi = x[max(i - 1, 0)], x[min(i + 1, len(x) - 1)]
    res = minimize_scalar(lambda t: abs(float(act.grad(t, **p))), bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-12})
    if abs(res.fun) < 1e-9 or d[i] == 0.0:
        return "stationary", float(x[i]) if d[i] == 0.0 else float(res.x)
    return "small", math.nan


def slope_regions(act: Activation, params: Mapping | None, half_width: float,
                  threshold: float) -> tuple[FlatStretch, ...]:
    """Every stretch of [−half_width, half_width] where |f'| < threshold, classified.

    Saturation is a property of the tails: a stretch that reaches the edge of the view
    and along which |f'| stays below the threshold all the way out to ±∞. GELU's
    stretch around its minimum is small only because f' passes through 0 there; on
    both sides the slope grows again, so it is named a minimum, not saturation.
    """
    p = with_defaults(act, params)
    out = []
    for a, b in saturation_regions(act, p, half_width, threshold):
        left = a <= -half_width and _small_out_to_infinity(act, p, a, -1, threshold)
        right = b >= half_width and _small_out_to_infinity(act, p, b, +1, threshold)
        if left or right:
            out += _split_tail(act, p, a, b, -1 if left else +1)
        else:
            out.append(FlatStretch(a, b, *_what_is_flat(act, p, a, b)))
    return tuple(out)


def _split_tail(act: Activation, p: dict, a: float, b: float, side: int) -> list:
    """A stretch that reaches a tail, cut off from a stationary point it may contain.

    With a high threshold the flat tail and the dip around a minimum can merge (SiLU at
    t = 0.1: |f'| < 0.1 on all of x < −0.91). The tail is where |f'| dies away towards
    ±∞, so the cut goes where |f'| peaks between the tail and the point where f' = 0.
    """
    x = np.linspace(a, b, 2001)
    d = act.grad(x, **p)
    nonzero = np.flatnonzero(d != 0.0)
    changes = [(j, k) for j, k in zip(nonzero[:-1], nonzero[1:]) if d[j] * d[k] < 0]
    if not changes:
        return [FlatStretch(a, b, "saturated")]
    if side < 0:
        j = changes[0][0]
        cut = float(x[int(np.argmax(np.abs(d[:j + 1])))])
        tail, rest = (a, cut), (cut, b)
    else:
        k = changes[-1][1]
        cut = float(x[k + int(np.argmax(np.abs(d[k:])))])
        tail, rest = (cut, b), (a, cut)
    parts = [FlatStretch(*rest, *_what_is_flat(act, p, *rest))]
    if tail[1] > tail[0]:
        parts.append(FlatStretch(*tail, "saturated"))
    return sorted(parts, key=lambda r: r.x0)


def region_frame(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                 threshold: float) -> pd.DataFrame:
    """Rows (key, x0, x1, kind, at): every function's stretches of small slope."""
    rows = [
        {"key": key, "x0": r.x0, "x1": r.x1, "kind": r.kind, "at": r.at}
        for key in keys
        for r in slope_regions(ACTIVATIONS[key], (params_by_key or {}).get(key), half_width, threshold)
    ]
    return pd.DataFrame(rows, columns=["key", "x0", "x1", "kind", "at"])


def saturation_frame(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                     threshold: float) -> pd.DataFrame:
    """Rows (key, x0, x1): the saturated stretches only, for shading."""
    frame = region_frame(keys, params_by_key, half_width, threshold)
    return frame.loc[frame["kind"] == "saturated", ["key", "x0", "x1"]].reset_index(drop=True)


# ------------------------------------------------------------------- where f turns


def turning_point(act: Activation, params: Mapping | None) -> tuple[float, float] | None:
    """(x, f(x)) where f stops falling and starts rising (its lowest point), or None.

    Searched on [−20, 20], which holds the minimum of every non-monotonic function here;
    a lowest value at the left end means f never turns (it is monotonic, or flat there).
    """
    x, f = find_minimum(act, params, (-20.0, 20.0), n=4001)
    return None if x <= -20.0 else (x, f)


def _gelu_sigmoid(x):
    """x·σ(1.702x): the sigmoid form of GELU given by Hendrycks & Gimpel (2016)."""
    x = np.asarray(x, dtype=np.float64)
    return x * expit(1.702 * x)


def gelu_approximations() -> dict[str, tuple[float, tuple[float, ...]]]:
    """How far GELU's two cheap forms are from the exact x·Φ(x): (max |error|, where).

    Keys: "tanh" (PyTorch's approximate='tanh', the registry's ``gelu_tanh``) and
    "sigmoid" (x·σ(1.702x)). Both errors are even functions of x, so each maximum sits
    at a pair ±x.
    """
    exact = ACTIVATIONS["gelu"].fn
    return {
        "tanh": approximation_error(ACTIVATIONS["gelu_tanh"].fn, exact),
        "sigmoid": approximation_error(_gelu_sigmoid, exact),
    }


# --------------------------------------------------------------------------- the step


def step_frame(k: float, half_width: float = 4.0, n: int = 801) -> pd.DataFrame:
    """The step H(x) and σ(k·x) on one grid: columns x, step, soft.

    As k grows, σ(kx) → H(x) for every x ≠ 0 (and σ(0) = ½ stays in between).
    """
    x = sample_grid(half_width, n)
    return pd.DataFrame({"x": x, "step": (x > 0).astype(np.float64), "soft": expit(k * x)})


def step_examples(k: float, xs: Sequence[float] = (-2.0, -0.5, -0.1, 0.1, 0.5, 2.0)) -> pd.DataFrame:
    r"""For a few inputs: the step's hard answer, σ(kx), and the slope d/dx σ(kx) = k·σ'(kx).

    The step's slope is 0 at every one of them: gradient descent gets no signal. The
    soft version always has a slope, but it concentrates near 0 as k grows (the maximum
    is k/4 at x = 0, while at |x| = 2 it is k·σ'(2k) → 0).
    """
    x = np.asarray(xs, dtype=np.float64)
    s = expit(k * x)
    return pd.DataFrame({
        "x": x,
        "step": (x > 0).astype(np.float64),
        "soft": s,
        "soft_slope": k * expit(k * x) * expit(-k * x),
        "step_slope": np.zeros_like(x),
    })


# ------------------------------------------------------------------- gradient and depth


def depth_frame(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, n_layers: int,
                spread: float) -> pd.DataFrame:
    r"""How much of a gradient an activation lets through n layers (n = 1..n_layers).

    Backpropagation through n layers multiplies the gradient by |f'(z_i)| once per layer
    (times the weights, left out here to isolate the activation), with the
    pre-activations z_i ~ N(0, s²) independent, s = ``spread``. With
    m = E|f'(z)| and q = P(f'(z) ≠ 0) (:func:`core.lessons.activation_props.depth_factors`,
    by quadrature, no sampling), the columns are, for every function alike:

    * ``factor`` = mⁿ: the mean of ∏|f'(z_i)| over all paths;
    * ``alive`` = qⁿ: the share of paths on which no factor is 0;
    * ``open`` = (m/q)ⁿ: the mean of the product over those paths (NaN if q = 0),

    so that factor = alive × open. ReLU: ½ⁿ = ½ⁿ × 1; Leaky ReLU: every path open.
    """
    rows = []
    n = np.arange(1, n_layers + 1)
    for key in keys:
        act = ACTIVATIONS[key]
        m, q = depth_factors(act, (params_by_key or {}).get(key), spread)
        open_factor = (m / q) ** n if q > 0 else np.full(n_layers, np.nan)
        rows.append(pd.DataFrame({"key": key, "n": n, "factor": m ** n, "alive": q ** n, "open": open_factor}))
    if not rows:
        return pd.DataFrame(columns=["key", "n", "factor", "alive", "open"])
    return pd.concat(rows, ignore_index=True)

