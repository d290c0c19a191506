"""Properties of an activation computed from its numbers, not stated by hand.

The page shows them next to the stated metadata of :mod:`core.nn.activations`, and the
tests check that the two agree. Everything here is pure numpy/scipy: no Streamlit.

Each number is computed so that it is the true one, not an artefact of a grid:

* expectations over a normal input, E[g(Z)] with Z ~ N(0, s²), by adaptive quadrature
  cut at the kinks (:func:`gaussian_expectation`): the mean and spread of the output
  (:func:`output_moments`, which is what "zero-centred" means) and the mean gradient
  factor per layer (:func:`depth_factors`);
* extremes, found on a grid and polished with Brent's method, with one-sided limits at
  the kinks, so that a supremum that is approached but never reached is reported as
  such (:func:`slope_supremum`, :func:`find_minimum`, :func:`approximation_error`);
* what f' does in the tails: exactly 0 beyond a kink, or only tending to 0
  (:func:`tail_slopes`);
* the values f' takes on the whole real line, its lowest and highest, each reached or only
  approached (:func:`slope_range`): a negative lowest slope is what makes GELU, SiLU and
  Mish non-monotonic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from core.nn.activations import Activation

__all__ = [
    "DepthProfile",
    "Properties",
    "SlopeRange",
    "SlopeSup",
    "Tail",
    "ZERO_MEAN_TOL",
    "approximation_error",
    "compute_properties",
    "depth_factors",
    "find_minimum",
    "gaussian_expectation",
    "gradient_through_depth",
    "is_zero_centred",
    "output_moments",
    "saturation_intervals",
    "slope_range",
    "slope_supremum",
    "tail_slopes",
    "with_defaults",
]

# "Zero-centred" is shown as a mean to three decimals: a mean that rounds to 0 there is 0.
ZERO_MEAN_TOL = 5e-4


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


# ------------------------------------------------------------ expectations over N(0, s²)

_SQRT_2PI = math.sqrt(2.0 * math.pi)
# Beyond 8 standard deviations the normal density is below 1.3e-14 of its peak: kinks
# out there need no piece of their own, and the two tails are integrated to ±∞.
_CORE = 8.0


def gaussian_expectation(g: Callable[[float], float], s: float = 1.0, breaks: Iterable[float] = ()) -> float:
    r"""E[g(Z)] for Z ~ N(0, s²), by adaptive quadrature (scipy.integrate.quad):

    .. math:: \mathbb{E}[g(Z)] = \int_{-\infty}^{\infty} g(s\,u)\,\varphi(u)\,du,
              \qquad \varphi(u) = \frac{e^{-u^2/2}}{\sqrt{2\pi}}

    Integrating in u = z/s keeps the density one unit wide whatever s is. ``breaks`` are
    the z where g jumps or bends (the kinks of f): quadrature converges slowly across a
    jump, so [−8, 8] (in u) is cut there and every piece is integrated on its own.
    """
    if not s > 0:
        raise ValueError(f"s must be > 0, got {s}")
    cuts = sorted({float(b) / s for b in breaks if -_CORE < float(b) / s < _CORE})
    edges = [-math.inf, -_CORE, *cuts, _CORE, math.inf]

    def integrand(u: float) -> float:
        # quad maps ±∞ to huge u; the density is exactly 0 there, and s·u must not overflow.
        if abs(u) > 1e3:
            return 0.0
        return float(g(s * u)) * math.exp(-0.5 * u * u) / _SQRT_2PI

    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi > lo:
            total += quad(integrand, lo, hi, epsabs=1e-14, epsrel=1e-12, limit=200)[0]
    return total


def output_moments(act: Activation, params: Mapping | None = None, s: float = 1.0) -> tuple[float, float]:
    r"""Mean and standard deviation of f(Z) for Z ~ N(0, s²):

    .. math:: \mu = \mathbb{E}[f(Z)], \qquad \mathrm{sd} = \sqrt{\mathbb{E}[f(Z)^2] - \mu^2}

    In machine learning "zero-centred" is a statement about μ: a layer whose outputs
    average to 0 feeds the next layer inputs of both signs, so the gradients of that
    layer's weights do not all share one sign. SELU's two constants are the ones that
    make μ = 0 and sd = 1 for Z ~ N(0, 1) (self-normalising).
    """
    p = with_defaults(act, params)
    breaks = act.kinks(**p)
    mean = gaussian_expectation(lambda z: act.fn(z, **p), s, breaks)
    second = gaussian_expectation(lambda z: act.fn(z, **p) ** 2, s, breaks)
    return mean, math.sqrt(max(second - mean * mean, 0.0))


def is_zero_centred(mean: float) -> bool:
    """The mean output is 0 to the three decimals the page shows."""
    return abs(mean) < ZERO_MEAN_TOL


def depth_factors(act: Activation, params: Mapping | None = None, s: float = 1.0) -> tuple[float, float]:
    r"""The gradient factor of one layer: m = E|f'(Z)| and q = P(f'(Z) ≠ 0), Z ~ N(0, s²).

    Backpropagation through n layers multiplies the gradient by |f'(z_i)| once per layer
    (times the weights, left out to isolate the activation). With the z_i independent,
    the mean of the product over all paths factors, and so does the share of paths on
    which no factor is 0:

    .. math:: \mathbb{E}\Bigl[\prod_{i=1}^n |f'(Z_i)|\Bigr] = m^n = q^n \cdot (m/q)^n

    so mⁿ is (share of open paths) × (mean factor on an open path). ReLU: m = q = ½, so
    half the paths close at every layer and an open one carries the gradient whole;
    Leaky ReLU: q = 1 and m = (1 + slope)/2, every path stays open but shrinks.
    """
    p = with_defaults(act, params)
    breaks = act.kinks(**p)
    m = gaussian_expectation(lambda z: abs(act.grad(z, **p)), s, breaks)
    q = gaussian_expectation(lambda z: float(act.grad(z, **p) != 0.0), s, breaks)
    # A probability: quadrature may land an ulp outside [0, 1].
    return m, min(max(q, 0.0), 1.0)


# ------------------------------------------------------------------------- extremes


@dataclass(frozen=True)
class SlopeSup:
    """sup |f'(x)| over an interval, and where it is reached or only approached.

    ``value``: the supremum. ``attained``: some x of the interval has |f'(x)| = value.
    ``points``: isolated x where it is reached. ``stretches``: (lo, hi, lo_closed,
    hi_closed) where |f'| equals it all along; a stretch that reaches the edge of the
    interval is given to its true end (the next kink, or ±∞). ``limits``: (k, side,
    |f'(k)|) for a kink k that |f'| tends to the supremum at, from the left (side −1) or
    the right (+1), without reaching it: |f'(k)| is the value the kink rule gives there.
    """

    value: float
    attained: bool
    points: tuple = ()
    stretches: tuple = ()
    limits: tuple = ()


def _one_sided_limit(g: Callable, k: float, side: int) -> float:
    """lim g(x) as x → k from ``side``, g smooth there: linear extrapolation to k."""
    eps = 1e-7 * max(1.0, abs(k))
    return float(2.0 * g(k + side * eps) - g(k + 2.0 * side * eps))


def _bisect_edge(inside: Callable[[float], bool], x_in: float, x_out: float) -> float:
    """The boundary between a point where ``inside`` holds and one where it does not.

    Rounded to 1e-9, so that an edge at a round number (ELU's 0, Softplus's switch-over)
    lands on it and the kink rule there decides whether the edge belongs to the set.
    """
    for _ in range(80):
        mid = 0.5 * (x_in + x_out)
        if mid in (x_in, x_out):
            break
        if inside(mid):
            x_in = mid
        else:
            x_out = mid
    return round(x_in, 9) + 0.0


def _plateaus(x: np.ndarray, level: np.ndarray, ends: tuple, is_kink: tuple, inside: Callable,
              outer: tuple) -> list:
    """Runs of ≥ 2 grid points of one piece at the top level, as (lo, hi, lo_in, hi_in).

    An end inside the piece is found by bisection; an end at a kink is the kink (in the
    set if the kink rule puts it there); an end at the edge of the range runs on to
    ``outer`` (the next kink beyond the range, or ±∞), because on a piece where f' is
    constant it stays constant up to the next kink.
    """
    out = []
    for s, e in saturation_intervals(np.arange(len(x), dtype=float), level):
        s, e = int(s), int(e)
        if e == s:
            continue
        spans = []
        for idx, step, end, kink, far in ((s, -1, ends[0], is_kink[0], outer[0]),
                                          (e, +1, ends[1], is_kink[1], outer[1])):
            if 0 <= idx + step < len(x):
                edge = _bisect_edge(inside, float(x[idx]), float(x[idx + step]))
                spans.append((edge, inside(edge)))
            elif kink:
                spans.append((end, inside(end)))
            else:
                spans.append((far, math.isfinite(far) and inside(far)))
        out.append((spans[0][0], spans[1][0], spans[0][1], spans[1][1]))
    return out


def _merge_stretches(stretches: list) -> list:
    """Join stretches that meet at a point belonging to either of them."""
    merged = []
    for lo, hi, lo_in, hi_in in sorted(stretches):
        if merged and merged[-1][1] == lo and (merged[-1][3] or lo_in):
            prev = merged.pop()
            merged.append((prev[0], hi, prev[2], hi_in))
        else:
            merged.append((lo, hi, lo_in, hi_in))
    return merged


def _grid_peaks(v: np.ndarray, most: int = 8) -> list[int]:
    """Indices of the grid's local maxima near its top, ends included (TanhShrink's |f'|
    peaks at both ends of the range, GELU's at one interior point). A point inside a
    flat run is not a peak: the run is a plateau, found separately."""
    top = float(v.max())
    near = v >= top - 1e-6 * max(1.0, top)
    left = np.concatenate(([True], v[1:] > v[:-1]))   # strictly above its left neighbour
    right = np.concatenate((v[:-1] > v[1:], [True]))  # or its right one
    ge_left = np.concatenate(([True], v[1:] >= v[:-1]))
    ge_right = np.concatenate((v[:-1] >= v[1:], [True]))
    peaks = np.flatnonzero(near & ge_left & ge_right & (left | right))
    return [int(i) for i in peaks[:most]] or [int(np.argmax(v))]


def _distinct_points(found: list) -> list:
    """One x per cluster of candidates closer than 1e-6 (a grid point and its polished
    neighbour): the one with the larger |f'|, then the rounder one; rounded to 1e-9."""
    def roughness(x: float) -> float:
        return abs(x - round(x, 3))

    out = []
    for x, value in sorted(found):
        if out and abs(x - out[-1][0]) <= 1e-6 * max(1.0, abs(x)):
            px, pv = out[-1]
            higher = value > pv + 1e-12 * max(1.0, abs(pv))
            level = abs(value - pv) <= 1e-12 * max(1.0, abs(pv))
            if higher or (level and roughness(x) < roughness(px)):
                out[-1] = (x, value)
        else:
            out.append((x, value))
    return [round(x, 9) + 0.0 for x, _ in out]


def _covered(x: float, stretches: list) -> bool:
    return any(lo < x < hi or (x == lo and lo_in) or (x == hi and hi_in) for lo, hi, lo_in, hi_in in stretches)


def slope_supremum(act: Activation, params: Mapping | None = None, x_range: tuple = (-6.0, 6.0),
                   n: int = 801) -> SlopeSup:
    r"""The supremum of |f'| on ``x_range``, and where it is reached or approached.

    f' is smooth between kinks, so the range is cut at the kinks and on each piece the
    candidates are: the grid maximum polished by a bounded Brent search; the one-sided
    limits of |f'| at the piece's kink ends; the values at the range's ends. The kinks'
    own values (the page's kink rule) are candidates too. The supremum is the largest
    candidate; it is *attained* only where an actual point has that value. HardSwish on
    [−6, 6]: |f'| → 3/2 as x → 3⁻, but f'(3) = 1 by the kink rule: sup 3/2, not reached.
    """
    p = with_defaults(act, params)
    lo, hi = float(x_range[0]), float(x_range[1])

    def g(x):
        return np.abs(act.grad(x, **p))

    all_kinks = sorted({float(k) for k in act.kinks(**p)})
    kinks = [k for k in all_kinks if lo <= k <= hi]
    breaks = sorted({lo, hi, *kinks})
    cands = [(float(g(k)), "point", k) for k in kinks]
    pieces = []
    for a, b in zip(breaks[:-1], breaks[1:]):
        x = np.linspace(a, b, n)
        keep = np.ones(n, dtype=bool)
        keep[0], keep[-1] = a not in kinks, b not in kinks
        x = x[keep]
        v = g(x)
        pieces.append((a, b, x, v))
        for i in _grid_peaks(v):
            cands.append((float(v[i]), "point", float(x[i])))
            left, right = x[max(i - 1, 0)], x[min(i + 1, len(x) - 1)]
            if left < right:
                res = minimize_scalar(lambda t: -float(g(t)), bounds=(left, right), method="bounded",
                                      options={"xatol": 1e-12})
                # Next to a kink the search only creeps towards the one-sided limit below.
                if all(abs(res.x - k) > 1e-6 * max(1.0, abs(k)) for k in (a, b) if k in kinks):
                    cands.append((float(-res.fun), "point", float(res.x)))
        for end, side in ((a, +1), (b, -1)):
            if end in kinks:
                cands.append((_one_sided_limit(g, end, side), "limit", (end, side)))

    top = max(c[0] for c in cands)
    # Polished maxima are exact to ~1e-16 (a maximum is flat): a tight tolerance keeps a
    # grid point 1e-6 below the top from counting as a place where the top is reached.
    tol = 1e-12 * max(1.0, top)

    def at_top(x) -> bool:
        return bool(g(x) >= top - tol)

    stretches = []
    for a, b, x, v in pieces:
        before = [k for k in all_kinks if k < a]
        after = [k for k in all_kinks if k > b]
        outer = (before[-1] if before else -math.inf, after[0] if after else math.inf)
        stretches += _plateaus(x, v >= top - tol, (a, b), (a in kinks, b in kinks), at_top, outer)
    stretches = _merge_stretches(stretches)
    points = _distinct_points([(x, value) for value, kind, x in cands if kind == "point" and value >= top - tol])
    points = tuple(x for x in points if not _covered(x, stretches))
    ends = {e for s in stretches for e in s[:2]}
    limits = tuple(sorted({(k, side, float(g(k))) for value, kind, (k, side) in
                           (c for c in cands if c[1] == "limit")
                           if value >= top - tol and k not in points and k not in ends
                           and not _covered(k, stretches)}))
    return SlopeSup(value=float(top), attained=bool(points or stretches), points=points,
                    stretches=tuple(stretches), limits=limits)


def find_minimum(act: Activation, params: Mapping | None = None,
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


def approximation_error(approx: Callable, exact: Callable, x_range: tuple = (-10.0, 10.0),
                        n: int = 20001) -> tuple[float, tuple[float, ...]]:
    """max |approx(x) − exact(x)| on ``x_range``, and the x where it is reached.

    A grid finds the largest gaps, Brent polishes them; every peak within 1e-6 of the
    top is reported, so an even error (GELU's tanh form) gives both ±x.
    """
    x = np.linspace(x_range[0], x_range[1], n)

    def gap(t):
        return np.abs(np.asarray(approx(t), dtype=float) - np.asarray(exact(t), dtype=float))

    e = gap(x)
    # Only peaks near the top are worth polishing (the tails are rounding noise).
    near_top = e >= 0.5 * e.max()
    peaks = [i for i in range(1, n - 1) if near_top[i] and e[i] >= e[i - 1] and e[i] >= e[i + 1]]
    found = []
    for i in peaks or [int(np.argmax(e))]:
        lo, hi = x[max(i - 1, 0)], x[min(i + 1, n - 1)]
        res = minimize_scalar(lambda t: -float(gap(t)), bounds=(lo, hi), method="bounded",
                              options={"xatol": 1e-12})
        found.append((float(-res.fun), float(res.x)))
    top = max(v for v, _ in found)
    where = tuple(sorted(x_at for v, x_at in found if v >= top * (1 - 1e-6)))
    return top, where


# ------------------------------------------------------------- the range of f'


@dataclass(frozen=True)
class SlopeRange:
    """inf and sup of f' over the whole real line, and whether each is reached.

    ``low`` / ``high``: the infimum and the supremum of f'(x), x ∈ ℝ (at the kinks, the
    value the kink rule gives). ``low_attained`` / ``high_attained``: some finite x has
    f'(x) = low (high); otherwise f' only tends to it (σ' → 0 as x → ±∞; HardSwish' →
    3/2 as x → 3⁻). ``low == high``: f' is one number everywhere (identity, step).
    """

    low: float
    high: float
    low_attained: bool
    high_attained: bool

    @property
    def constant(self) -> bool:
        return self.low == self.high


#: f' has its interior extrema within this distance of 0 for every function here
#: (GELU' at ±√2, SiLU' at ≈ ±2.40, Mish' at ≈ −2.4 and 1.0); beyond it f' is monotonic
#: up to its limit, and the limit at ±∞ stands for that stretch.
_EXTREMA_WITHIN = 50.0
#: f' at ±∞ is read here: every f' in the catalog is stable for any finite float64 and
#: has reached its limit there to the last bit (σ'(−1e300) = 0, Softsign' underflows to 0).
_FAR = 1e300


def _piece_samples(a: float, b: float) -> np.ndarray:
    """A few interior points of the piece (a, b), spread over several scales."""
    if math.isinf(a) and math.isinf(b):
        return np.array([-3.0, -1.0, -0.3, 0.2, 0.7, 2.0])
    if math.isinf(a):
        return b - np.array([0.01, 0.1, 0.7, 2.0, 5.0])
    if math.isinf(b):
        return a + np.array([0.01, 0.1, 0.7, 2.0, 5.0])
    return a + (b - a) * np.array([0.05, 0.2, 0.45, 0.7, 0.95])


def _grid_extrema(g: Callable, a: float, b: float, n: int = 4001) -> list[float]:
    """Local minima and maxima of g strictly inside (a, b) ∩ [−50, 50], polished by Brent.

    The grid's own ends are not extrema: next to a kink the one-sided limit stands for
    them, and at ±50 the limit at ±∞ does. A flat run counts once, at its first point.
    A peak must stand out from a grid neighbour by more than rounding (1e-12, relative):
    where f' has all but reached its limit (tanh² at x ≈ 19, GELU' beyond 8), the last
    bits wobble or freeze, and those are not values f' takes.
    """
    lo, hi = max(a, -_EXTREMA_WITHIN), min(b, _EXTREMA_WITHIN)
    if not lo < hi:
        return []
    x = np.linspace(lo, hi, n)[1:-1]
    v = np.asarray(g(x), dtype=float)
    step = np.abs(np.diff(v))
    stands_out = np.maximum(step[:-1], step[1:]) > 1e-12 * np.maximum(1.0, np.abs(v[1:-1]))
    found = []
    for sign in (1.0, -1.0):  # maxima of g, then maxima of −g (its minima)
        w = sign * v
        peak = (w[1:-1] > w[:-2]) & (w[1:-1] >= w[2:]) & stands_out
        for i in np.flatnonzero(peak) + 1:
            res = minimize_scalar(lambda t: -sign * float(g(t)), bounds=(x[i - 1], x[i + 1]),
                                  method="bounded", options={"xatol": 1e-12})
            polished = -sign * float(res.fun)  # g at Brent's optimum
            found.append(sign * max(sign * polished, sign * float(v[i])))  # the better of the two
    return found


def _piece_candidates(g: Callable, a: float, b: float) -> tuple[list, list]:
    """(values f' reaches, values f' only tends to) on the open piece (a, b).

    f' is smooth inside a piece, so it is either one constant all along (a plateau:
    ReLU's 0 on x < 0) or its extremes on the piece are interior extrema and the limits
    at the two ends (one-sided at a kink, at ±∞ at the far ends).
    """
    samples = np.asarray(g(_piece_samples(a, b)), dtype=float)
    if np.all(samples == samples[0]):
        return [float(samples[0])], []
    limits = []
    for end, side in ((a, +1), (b, -1)):
        if math.isinf(end):
            limits.append(float(g(np.float64(math.copysign(_FAR, end)))))
        else:
            limits.append(_one_sided_limit(g, end, side))
    return _grid_extrema(g, a, b), limits


def slope_range(act: Activation, params: Mapping | None = None) -> SlopeRange:
    r"""inf and sup of f' on ℝ, each reached or only approached (:class:`SlopeRange`).

    The line is cut at the kinks (and at a jump of f, Softplus's switch to x); f' is
    smooth on each piece. The candidates are f' at the cuts (the kink rule), each
    piece's constant value or interior extrema (values f' takes), and the limits at the
    pieces' ends (values it may only approach). The extremes of the candidates are inf
    and sup; each is *attained* when a value f' takes lies within 1e-12 of it:

    .. math:: \inf_{x\in\mathbb{R}} f'(x) = \min(\text{values} \cup \text{limits}), \qquad
              \sup_{x\in\mathbb{R}} f'(x) = \max(\text{values} \cup \text{limits})
    """
    p = with_defaults(act, params)

    def g(x):
        return act.grad(x, **p)

    cuts = sorted({float(k) for k in act.kinks(**p)} | {float(j[0]) for j in act.jumps(**p)})
    reached = [float(g(np.float64(k))) for k in cuts]
    approached = []
    edges = [-math.inf, *cuts, math.inf]
    for a, b in zip(edges[:-1], edges[1:]):
        if a < b:
            values, limits = _piece_candidates(g, a, b)
            reached += values
            approached += limits
    low, high = min(reached + approached), max(reached + approached)

    def hit(target: float) -> bool:
        return any(abs(v - target) <= 1e-12 * max(1.0, abs(target)) for v in reached)

    # A limit within rounding of a value f' takes is that value (ELU' at 0⁻ and f'(0) = 1).
    if hit(low):
        low = min(v for v in reached if abs(v - low) <= 1e-12 * max(1.0, abs(low)))
    if hit(high):
        high = max(v for v in reached if abs(v - high) <= 1e-12 * max(1.0, abs(high)))
    return SlopeRange(float(low) + 0.0, float(high) + 0.0, hit(low), hit(high))


# ------------------------------------------------------------------------ the tails


@dataclass(frozen=True)
class Tail:
    """What f' does on one side of the real line.

    ``kind``: "zero" (f' = 0 for every x beyond ``edge``, and at ``edge`` too when
    ``closed``; ``edge`` = ±∞ on the far side means f' = 0 on the whole line),
    "vanishes" (f' → 0 without being 0) or "none" (f' does not tend to 0).
    """

    kind: str
    edge: float = math.nan
    closed: bool = False


def _zero_on(g: Callable, a: float, b: float) -> bool:
    """f' = 0 at every sample of the open piece (a, b) (either end may be infinite)."""
    if math.isinf(a) and math.isinf(b):
        x = np.concatenate([-np.geomspace(1e9, 1e-9, 200), [0.0], np.geomspace(1e-9, 1e9, 200)])
    elif math.isinf(a):
        x = b - np.geomspace(1e-9, 1e9, 400) * max(1.0, abs(b))
    elif math.isinf(b):
        x = a + np.geomspace(1e-9, 1e9, 400) * max(1.0, abs(a))
    else:
        x = np.linspace(a, b, 402)[1:-1]
    return bool(np.all(g(x) == 0.0))


def _tail(g: Callable, kinks: list, side: int) -> Tail:
    """Walk the pieces between kinks from the far end of ``side`` inwards."""
    edges = [-math.inf, *kinks, math.inf]
    pieces = list(zip(edges[:-1], edges[1:]))
    if side > 0:
        pieces.reverse()
    edge = None
    for a, b in pieces:
        if not _zero_on(g, a, b):
            break
        edge = a if side > 0 else b
    if edge is not None:
        closed = math.isfinite(edge) and bool(g(edge) == 0.0)
        return Tail("zero", edge, closed)
    far = np.abs(g(side * np.array([1e3, 1e6, 1e9])))
    if far[-1] < 1e-6 and far[-1] <= far[0]:
        return Tail("vanishes")
    return Tail("none")


def tail_slopes(act: Activation, params: Mapping | None = None) -> tuple[Tail, Tail]:
    """(left, right): whether f' is exactly 0 beyond a kink, tends to 0, or neither.

    This is saturation in the sense the word has for activations: the slope dies out
    for *every* input far enough on that side (ReLU: f' = 0 for every x ≤ 0 by the kink
    rule; sigmoid: f' → 0 as x → ±∞). A point where f' = 0 (GELU's minimum) is not.
    """
    p = with_defaults(act, params)

    def g(x):
        return np.abs(act.grad(x, **p))

    kinks = sorted({float(k) for k in act.kinks(**p)})
    return _tail(g, kinks, -1), _tail(g, kinks, +1)


# ------------------------------------------------------------------------ summary


@dataclass(frozen=True)
class Properties:
    """What f does, at given parameters.

    On ``x_range`` (sampled on ``n`` evenly spaced points, 0 included): ``f_min`` /
    ``f_max`` (and where), ``monotonic`` (non-decreasing within a rounding tolerance),
    ``saturation``: the runs where |f'| < ``threshold``, as (start, end) grid points.
    Exact on ``x_range``: ``slope_sup`` (:func:`slope_supremum`), with its value
    ``max_abs_grad`` = sup |f'| and whether it is ``max_abs_grad_attained``. ``f0`` = f(0), ``df0`` = f'(0) (PyTorch's
    value at a kink). For inputs Z ~ N(0, 1): ``mean_output`` = E[f(Z)], ``std_output``,
    and ``zero_centred``: the mean is 0 to three decimals.
    """

    x_range: tuple
    f_min: float
    x_at_min: float
    f_max: float
    x_at_max: float
    max_abs_grad: float
    max_abs_grad_attained: bool
    slope_sup: SlopeSup
    f0: float
    df0: float
    monotonic: bool
    mean_output: float
    std_output: float
    zero_centred: bool
    threshold: float
    saturation: tuple


def compute_properties(act: Activation, params: Mapping | None = None,
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
    i_min, i_max = int(np.argmin(f)), int(np.argmax(f))
    sup = slope_supremum(act, p, (lo, hi))
    mean, std = output_moments(act, p)
    return Properties(
        x_range=(lo, hi),
        f_min=float(f[i_min]), x_at_min=float(x[i_min]),
        f_max=float(f[i_max]), x_at_max=float(x[i_max]),
        max_abs_grad=sup.value, max_abs_grad_attained=sup.attained, slope_sup=sup,
        f0=float(act.fn(0.0, **p)), df0=float(act.grad(0.0, **p)),
        monotonic=bool(np.all(np.diff(f) >= -tol)),
        mean_output=mean, std_output=std, zero_centred=is_zero_centred(mean),
        threshold=float(threshold),
        saturation=saturation_intervals(x, np.abs(g) < threshold),
    )


# ------------------------------------------------------- Monte Carlo, for the tests


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
