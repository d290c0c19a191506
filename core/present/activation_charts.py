"""Numbers and Altair charts for the activation-functions page (no Streamlit here).

The page reads its widgets, calls these functions and draws what they return; every
function is pure (same arguments, same result), so the page can cache them and the unit
tests can check them without a server.

What is computed here and not in :mod:`core.nn.activations` / :mod:`core.lessons.activation_props`:

* the second derivative, for display only: central differences of the *closed-form*
  f' (see :func:`second_derivative`);
* saturation intervals with their ends refined between grid points
  (:func:`saturation_regions`);
* which stretches of small slope are saturation (they run on to ±∞) and which are
  only the neighbourhood of a point where f' = 0 (:func:`slope_regions`);
* the output range for parameter values other than the defaults, as text
  (:func:`output_range`, by the catalog's rule), and the PyTorch and Keras calls that
  compute the curve drawn (:func:`torch_spelling`, :func:`keras_spelling`; Keras's side
  of each parameter is in the catalog, gathered in :data:`KERAS_PARAMS`);
* how far GELU's two cheap forms are from the exact GELU (:func:`gelu_approximations`).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from scipy.optimize import brentq, minimize_scalar
from scipy.special import expit

from core.lessons.activation_props import (
    SlopeRange,
    SlopeSup,
    Tail,
    approximation_error,
    compute_properties,
    depth_factors,
    find_minimum,
    saturation_intervals,
    slope_range,
    tail_slopes,
    with_defaults,
)
from core.nn.activations import ACTIVATIONS, Activation, KerasParam
from core.present import numbers
from core.present.theme import MUTED, SATURATION_SHADE, SERIES, TEXT, altair_config

__all__ = [
    "DEFAULT_FNS",
    "FlatStretch",
    "KERAS_PARAMS",
    "K_LADDER",
    "KerasParam",
    "MAX_OVERLAY",
    "N_POINTS",
    "PARAM_STEPS",
    "curve_chart",
    "curve_frame",
    "depth_chart",
    "depth_frame",
    "fmt",
    "fmt_percent",
    "format_points",
    "format_slope_range",
    "format_sup",
    "format_tails",
    "gelu_approximations",
    "keras_spelling",
    "output_range",
    "property_rows",
    "region_frame",
    "sample_grid",
    "saturation_regions",
    "second_derivative",
    "slope_regions",
    "step_chart",
    "step_examples",
    "step_frame",
    "torch_spelling",
]

# The article's figure 08 shows these three: a good first picture.
DEFAULT_FNS = ("sigmoid", "tanh", "relu")
MAX_OVERLAY = 6
# Odd, so that x = 0 (where most kinks and maxima are) is a grid point.
N_POINTS = 401
# Steepness ladder for σ(k·x): roughly logarithmic from gentle to almost a step.
K_LADDER = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0)

# Read from the catalog (each activation's ParamSpec), keyed the way the page asks:
# the slider step per parameter name (tests/unit/test_catalog.py checks that a name has
# one step, whichever function it belongs to), and Keras's side of each
# (function, parameter) (see core.nn.activations.KerasParam).
PARAM_STEPS: dict[str, float] = {
    name: spec.step for act in ACTIVATIONS.values() for name, spec in act.param_specs.items()
}
KERAS_PARAMS: dict[tuple[str, str], KerasParam] = {
    (act.key, name): spec.keras for act in ACTIVATIONS.values() for name, spec in act.param_specs.items()
}


#: A short number for people (see :mod:`core.present.numbers`).
fmt = numbers.text


def fmt_percent(share: float) -> str:
    """A share as a percentage with at most one decimal: 50%, 99.9%, 100%."""
    return f"{fmt(100.0 * share, 1)}%"


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


def format_intervals(intervals: Sequence[tuple[float, float]], half_width: float) -> str:
    """"x < −2.89, x > 2.89" style; an end at the edge of the view reads as unbounded."""
    parts = []
    for a, b in intervals:
        left, right = a <= -half_width, b >= half_width
        if left and right:
            parts.append(f"{fmt(-half_width)} ≤ x ≤ {fmt(half_width)}")
        elif left:
            parts.append(f"x < {fmt(b)}")
        elif right:
            parts.append(f"x > {fmt(a)}")
        elif math.isclose(a, b, abs_tol=1e-9):
            parts.append(f"x = {fmt(a)}")
        else:
            parts.append(f"{fmt(a)} < x < {fmt(b)}")
    return ", ".join(parts)


# ------------------------------------------------------------------------- properties


def output_range(act: Activation, params: Mapping | None = None) -> str:
    """The output range as interval text, e.g. "(0, 1)", "[0, ∞)", "(−α, ∞)" in numbers.

    The catalog states the range at the default parameters, and for the functions whose
    range moves with a parameter, the rule (``Activation.range_at``).
    """
    (lo, hi), (lo_in, hi_in) = act.range_at(**with_defaults(act, params))
    left = "[" if lo_in and math.isfinite(lo) else "("
    right = "]" if hi_in and math.isfinite(hi) else ")"
    return f"{left}{fmt(lo, 4)}, {fmt(hi, 4)}{right}"


def _stretch_text(lo: float, hi: float, lo_in: bool, hi_in: bool, everywhere: str) -> str:
    if math.isinf(lo) and math.isinf(hi):
        return everywhere
    if math.isinf(lo):
        return f"x {'≤' if hi_in else '<'} {fmt(hi, 4)}"
    if math.isinf(hi):
        return f"x {'≥' if lo_in else '>'} {fmt(lo, 4)}"
    return f"{fmt(lo, 4)} {'≤' if lo_in else '<'} x {'≤' if hi_in else '<'} {fmt(hi, 4)}"


def format_points(xs: Sequence[float], digits: int = 4) -> str:
    """"x = 1.4142", or "x = ±2.2" for a pair symmetric about 0."""
    xs = sorted(xs)
    if len(xs) == 2 and xs[1] > 0 and math.isclose(xs[0], -xs[1], rel_tol=1e-6, abs_tol=1e-9):
        return f"x = ±{fmt(xs[1], digits)}"
    return ", ".join(f"x = {fmt(x, digits)}" for x in xs)


def format_sup(sup: SlopeSup, everywhere: str) -> tuple[str, str]:
    """Where sup |f'| is reached or approached, and |f'| at the kinks it is only approached at.

    ("x > 0", "") for ReLU; ("x → 3⁻", "|f′(3)| = 1") for HardSwish, whose slope tends
    to 3/2 as x → 3 from the left while the kink rule gives f′(3) = 1.
    """
    parts = [format_points(sup.points)] if sup.points else []
    parts += [_stretch_text(*s, everywhere) for s in sup.stretches]
    parts += [f"x → {fmt(k, 4)}{'⁻' if side < 0 else '⁺'}" for k, side, _ in sup.limits]
    values = ", ".join(f"|f′({fmt(k, 4)})| = {fmt(v, 4)}" for k, _, v in sup.limits)
    return ", ".join(parts), values


def format_slope_range(r: SlopeRange) -> str:
    """The values of f′ on the whole line as an interval: "[−0.1289, 1.129]", "(0, 0.25]".

    A square bracket: that end is a value f′ takes; a round one: f′ only tends to it (as
    in the output range). A constant f′ (the identity, the step) is the one number; the
    page words it."""
    if r.constant:
        return fmt(r.low, 4)
    left = "[" if r.low_attained else "("
    right = "]" if r.high_attained else ")"
    return f"{left}{fmt(r.low, 4)}, {fmt(r.high, 4)}{right}"


def format_tails(left: Tail, right: Tail) -> tuple[tuple[str, str], ...]:
    """The tails as (code, where) pairs for the page to word: ("zero", "x ≤ 0"),
    ("vanishes", "x → −∞"), ("everywhere", ""); empty when f' dies out on neither side."""
    if left.kind == right.kind == "zero" and (
            left.edge > right.edge or (left.edge == right.edge and (left.closed or right.closed))):
        return (("everywhere", ""),)
    out = []
    if left.kind == "zero":
        out.append(("zero", f"x {'≤' if left.closed else '<'} {fmt(left.edge, 4)}"))
    elif left.kind == "vanishes":
        out.append(("vanishes", "x → −∞"))
    if right.kind == "zero":
        out.append(("zero", f"x {'≥' if right.closed else '>'} {fmt(right.edge, 4)}"))
    elif right.kind == "vanishes":
        out.append(("vanishes", "x → +∞"))
    return tuple(out)


def _py_number(value: float) -> str:
    """A parameter as Python source: 0.25, 1.0, -1.0 (a slider's 0.15000000000000002 as 0.15)."""
    return repr(round(float(value), 6) + 0.0)


def torch_spelling(act: Activation, params: Mapping | None) -> str:
    """The PyTorch module that computes the curve drawn: ``nn.LeakyReLU(negative_slope=0.25)``."""
    text = act.torch_name
    for name, value in with_defaults(act, params).items():
        arg = act.torch_arg(name)  # PReLU's a is set by init=
        text = re.sub(rf"\b{arg}=[^,)]+", f"{arg}={_py_number(value)}", text)
    return text


def keras_spelling(act: Activation, params: Mapping | None) -> tuple[str | None, tuple]:
    """Keras's spelling of the curve drawn, and what Keras cannot reproduce of it.

    Returns ``(text, missing)``: ``text`` is the registry's Keras name with the learner's
    values in Keras's own arguments (None when Keras has no such function); ``missing``
    lists ``(parameter, fixed)`` for every parameter Keras has no argument for whose value
    it cannot match: set away from the value Keras always uses (``fixed``), or, when
    Keras has nothing like it (``fixed`` None), moved from PyTorch's default.
    """
    if act.keras_name is None:
        return None, ()
    text, missing = act.keras_name, []
    for name, value in with_defaults(act, params).items():
        kp = KERAS_PARAMS[(act.key, name)]
        if kp.name is not None:
            written = kp.template.format(_py_number(value))  # an initializer for PReLU's a
            text = re.sub(rf"\b{kp.name}=[^,)]+", lambda _: f"{kp.name}={written}", text)
        elif kp.fixed is not None:
            if value != kp.fixed:
                missing.append((name, kp.fixed))
        elif value != act.params[name]:
            missing.append((name, None))
    return text, tuple(missing)


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


def property_rows(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                  threshold: float) -> list[dict]:
    """One dict per function with the facts the table shows, language-neutral.

    All computed at the learner's parameters. On the x range shown: ``monotonic``,
    ``max_grad`` (a :class:`SlopeSup`: the exact supremum of |f'| and where it is
    reached or approached), ``saturated`` (the stretches where |f'| < threshold out to
    ±∞). For inputs z ~ N(0, 1): ``mean``, ``std`` and ``zero_centred`` (the mean is 0).
    On the whole line: ``minimum`` ((x, f(x)) of the turning point, or None), ``tails``
    (:func:`format_tails`), ``range``, ``slope_range`` (a :class:`SlopeRange`: the lowest
    and highest f', each reached or approached), ``f0``, ``df0``; ``torch`` and ``keras`` spell the
    curve drawn. Stated by the registry: ``smoothness`` (it drops to C0 when the
    learner's parameters create a kink, ELU with α ≠ 1; it is ``("jump", x, size)``
    where f jumps, Softplus at βx = threshold) and ``papers``.
    """
    rows = []
    for key in keys:
        act = ACTIVATIONS[key]
        p = with_defaults(act, (params_by_key or {}).get(key))
        props = compute_properties(act, p, x_range=(-half_width, half_width), n=4001, threshold=threshold)
        smooth = act.smoothness
        if smooth in ("C1", "C∞") and act.kinks(**p):
            smooth = "C0"
        jumps = act.jumps(**p)
        if jumps:  # smooth on each side, but f itself jumps: say where and how far
            smooth = ("jump", *jumps[0])
        rows.append({
            "key": key,
            "range": output_range(act, p),
            "monotonic": props.monotonic,
            "zero_centred": props.zero_centred,
            "mean": props.mean_output,
            "std": props.std_output,
            "minimum": turning_point(act, p),
            "smoothness": smooth,
            "tails": format_tails(*tail_slopes(act, p)),
            "saturated": tuple((r.x0, r.x1) for r in slope_regions(act, p, half_width, threshold)
                               if r.kind == "saturated"),
            "max_grad": props.slope_sup,
            "slope_range": slope_range(act, p),
            "f0": props.f0,
            "df0": props.df0,
            "papers": act.papers,
            "torch": torch_spelling(act, p),
            "keras": keras_spelling(act, p),
        })
    return rows


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


# ------------------------------------------------------------------------------ charts


# The curves never wear the saturation colour, so a shaded stretch is never mistaken
# for a curve (SERIES[1] is the same vermillion as SATURATION_SHADE).
CURVE_COLOURS = tuple(c for c in SERIES if c.lower() != SATURATION_SHADE.lower())


def series_colours(names: Sequence[str]) -> list[tuple[str, str]]:
    """``(label, colour)`` of each curve, in order: the colours the charts draw them in."""
    return [(name, CURVE_COLOURS[i % len(CURVE_COLOURS)]) for i, name in enumerate(names)]


def _series_scale(names: Sequence[str], extra: Sequence[tuple[str, str]] = ()) -> alt.Scale:
    pairs = series_colours(names) + list(extra)
    return alt.Scale(domain=[name for name, _ in pairs], range=[colour for _, colour in pairs])


def legend_html(entries: Sequence[tuple[str, str]], dashed: Sequence[str] = ()) -> str:
    """A legend as HTML that wraps like text: one ``(label, colour)`` per entry, each a
    short line in its colour and its label, never split; labels HTML-escaped.

    Vega-Lite lays a top legend out in one row and the chart clips what does not fit
    ("SoftShrin…", the rest gone); the browser wraps this one onto more lines instead,
    at any width.  Entries named in ``dashed`` get a dashed line (a reference curve).
    """
    items = []
    for label, colour in entries:
        dash = ' stroke-dasharray="5 4"' if label in dashed else ""
        line = (f'<svg width="1.6em" height="0.8em" viewBox="0 0 20 10" style="vertical-align:0.05em" '
                f'aria-hidden="true"><line x1="1" y1="5" x2="19" y2="5" stroke="{colour}" stroke-width="3.2"'
                f'{dash}/></svg>')
        items.append(f'<span style="white-space:nowrap;margin-right:1.1em">{line}&nbsp;{html.escape(label)}</span>')
    return '<div class="act-legend" style="line-height:1.8">' + " ".join(items) + "</div>"


def saturated_stretches(frame: pd.DataFrame, value: str, saturation: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` inside a saturated stretch of their own function, with a
    ``seg`` id per stretch.

    Drawn as a wide, light halo under each curve, so that with several functions
    overlaid the learner sees *which* curve is saturated where. The stretches are
    :func:`saturation_frame`'s, so the halo and the shading always agree.
    """
    parts = []
    for i, row in enumerate(saturation.itertuples(index=False)):
        inside = (frame["key"] == row.key) & (frame["x"] >= row.x0) & (frame["x"] <= row.x1)
        if inside.any():
            parts.append(frame.loc[inside, ["key", "x", value]].assign(seg=f"{row.key}-{i}"))
    if not parts:
        return pd.DataFrame(columns=["key", "x", value, "seg"])
    return pd.concat(parts, ignore_index=True)


def curve_chart(frame: pd.DataFrame, value: str, names: Mapping[str, str], y_title: str,
                saturation: pd.DataFrame | None = None, saturation_label: str = "",
                halo: pd.DataFrame | None = None, height: int = 300,
                range_labels: tuple[str, str] = ("x from", "x to"), legend: bool = True) -> alt.LayerChart:
    """One panel (f, f' or f'') of the overlaid curves, with a hover readout.

    ``frame`` is :func:`curve_frame`'s output; ``value`` the column to draw; ``names``
    maps each key to its label (in the learner's language). Hovering anywhere puts a
    vertical rule at the nearest x, marks every curve there, and shows a tooltip with
    x, f(x), f'(x) (and f''(x) if present) of every chosen function. ``saturation``
    (rows key, x0, x1: the saturated stretches) is drawn as light shading behind the
    curves; ``halo`` (rows of the same kind) draws a light halo along those stretches of
    each curve, so the f chart can carry the halo without the shading.
    ``range_labels`` title the band's tooltip rows (its two ends), in the learner's language.
    ``legend=False``: no legend in the chart (the page draws :func:`legend_html` once).
    """
    keys = list(dict.fromkeys(frame["key"]))
    labels = [names.get(k, k) for k in keys]
    long = frame.assign(series=frame["key"].map(lambda k: names.get(k, k)))
    colour = alt.Color("series:N", scale=_series_scale(labels), title=None,
                       legend=alt.Legend(orient="top", labelLimit=220, symbolStrokeWidth=3) if legend else None)
    x_enc = alt.X("x:Q", title="x", scale=alt.Scale(nice=False))

    # One row per x with every function's values: the tooltip of the hover rule.
    value_cols = [c for c in ("f", "df", "d2f") if c in frame]
    glyph = {"f": "f(x)", "df": "f′(x)", "d2f": "f″(x)"}
    wide = pd.DataFrame({"x": frame.loc[frame["key"] == keys[0], "x"].to_numpy()}) if keys else pd.DataFrame({"x": []})
    tooltip = [alt.Tooltip("x:Q", title="x", format=".2f")]
    for i, key in enumerate(keys):
        sub = frame.loc[frame["key"] == key]
        for col in value_cols:
            field = f"{col}_{i}"
            wide[field] = sub[col].to_numpy()
            tooltip.append(alt.Tooltip(f"{field}:Q", title=f"{names.get(key, key)} · {glyph[col]}", format=".4f"))

    hover = alt.selection_point(name=f"hover_{value}", fields=["x"], nearest=True, on="pointerover",
                                clear="pointerout", empty=False)
    layers = []
    if saturation is not None and len(saturation):
        sat = saturation.assign(series=saturation["key"].map(lambda k: names.get(k, k)))
        layers.append(
            # Light enough that two or three overlapping bands stay readable.
            alt.Chart(sat).mark_rect(color=SATURATION_SHADE, opacity=0.07).encode(
                x="x0:Q", x2="x1:Q",
                tooltip=[alt.Tooltip("series:N", title=saturation_label),
                         alt.Tooltip("x0:Q", format=".2f", title=range_labels[0]),
                         alt.Tooltip("x1:Q", format=".2f", title=range_labels[1])],
            )
        )
    if halo is not None and len(halo):
        glow = saturated_stretches(frame, value, halo)
        if len(glow):
            layers.append(
                alt.Chart(glow).mark_line(color=SATURATION_SHADE, opacity=0.35, strokeWidth=9, strokeCap="round",
                                          clip=True)
                .encode(x="x:Q", y=f"{value}:Q", detail="seg:N")
            )
    lines = alt.Chart(long).mark_line(strokeWidth=2.2, clip=True).encode(
        x=x_enc, y=alt.Y(f"{value}:Q", title=y_title), color=colour,
        detail="series:N",
    )
    layers.append(lines)
    # The hover marks (the dots and the rule under the pointer) are aids for the pointer,
    # not part of the picture: left out of the accessibility tree (aria=False), whose
    # readers get the table of values and the listed stretches instead.
    layers.append(
        alt.Chart(long).mark_circle(size=45, aria=False).encode(x="x:Q", y=f"{value}:Q", color=colour)
        .transform_filter(hover)
    )
    layers.append(
        alt.Chart(wide).mark_rule(color=MUTED, strokeWidth=1, aria=False).encode(
            x="x:Q", opacity=alt.condition(hover, alt.value(0.8), alt.value(0.0)), tooltip=tooltip,
        ).add_params(hover)
    )
    chart = alt.layer(*layers).properties(height=height)
    return altair_config(chart)


def step_chart(frame: pd.DataFrame, k: float, step_label: str, soft_label: str, height: int = 260):
    """The step (dashed) and σ(k·x) on the same axes."""
    long = pd.concat([
        pd.DataFrame({"x": frame["x"], "y": frame["step"], "series": step_label, "hard": True}),
        pd.DataFrame({"x": frame["x"], "y": frame["soft"], "series": soft_label, "hard": False}),
    ], ignore_index=True)
    colour = alt.Color("series:N", scale=alt.Scale(domain=[step_label, soft_label], range=[TEXT, SERIES[0]]),
                       title=None, legend=alt.Legend(orient="top", labelLimit=260))
    # A field of its own for the dash: sharing "series" with the colour legend makes
    # Vega-Lite merge two legends, one of them disabled, and warn.
    dash = alt.StrokeDash("hard:N", scale=alt.Scale(domain=[True, False], range=[[6, 4], [1, 0]]), legend=None)
    chart = alt.Chart(long).mark_line(strokeWidth=2.4).encode(
        x=alt.X("x:Q", title="x", scale=alt.Scale(nice=False), axis=alt.Axis(format="~g")),
        y=alt.Y("y:Q", title=None, scale=alt.Scale(domain=[-0.05, 1.05]), axis=alt.Axis(format="~g")),
        color=colour, strokeDash=dash,
        tooltip=[alt.Tooltip("series:N", title=" "), alt.Tooltip("x:Q", format=".2f"),
                 alt.Tooltip("y:Q", format=".3f", title="f(x)")],
    ).properties(height=height)
    return altair_config(chart)


def depth_chart(frame: pd.DataFrame, names: Mapping[str, str], reference_label: str, y_title: str,
                x_title: str, alive_title: str, open_title: str, height: int = 320, legend: bool = True):
    """The mean gradient factor mⁿ against depth n, log-scale y, plus the 0.25ⁿ line.

    The tooltip of each point also gives the share of open paths qⁿ and the mean factor
    on them (m/q)ⁿ (:func:`depth_frame`). Points with factor 0 (nothing gets through)
    are left out: a log axis has no place for 0.
    """
    keys = list(dict.fromkeys(frame["key"]))
    labels = [names.get(k, k) for k in keys]
    n_max = int(frame["n"].max()) if len(frame) else 1
    n = np.arange(1, n_max + 1)
    ref = pd.DataFrame({"n": n, "factor": 0.25 ** n, "alive": np.nan, "open": np.nan, "series": reference_label,
                        "reference": True})
    data = frame.assign(series=frame["key"].map(lambda k: names.get(k, k)), reference=False)
    data = data[np.isfinite(data["factor"]) & (data["factor"] > 0)]
    long = pd.concat([data.drop(columns=["key"]), ref], ignore_index=True)
    colour = alt.Color("series:N", scale=_series_scale(labels, [(reference_label, MUTED)]), title=None,
                       legend=alt.Legend(orient="top", labelLimit=260, symbolStrokeWidth=3) if legend else None)
    base = alt.Chart(long).encode(
        x=alt.X("n:Q", title=x_title, scale=alt.Scale(domain=[1, n_max], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d")),
        # Plain decimals down to 0.01, then powers of ten (1e-6, not 0.000001).
        y=alt.Y("factor:Q", title=y_title, scale=alt.Scale(type="log"),
                axis=alt.Axis(labelExpr="datum.value >= 0.01 ? format(datum.value, '~g') : format(datum.value, '.0e')")),
        color=colour,
        strokeDash=alt.StrokeDash("reference:N", scale=alt.Scale(domain=[False, True], range=[[1, 0], [5, 4]]),
                                  legend=None),
        tooltip=[alt.Tooltip("series:N", title=" "), alt.Tooltip("n:Q", title=x_title),
                 alt.Tooltip("factor:Q", title=y_title, format=".3~e"),
                 alt.Tooltip("alive:Q", title=alive_title, format=".1%"),
                 alt.Tooltip("open:Q", title=open_title, format=".3~e")],
    )
    chart = alt.layer(base.mark_line(strokeWidth=2.2), base.mark_circle(size=28)).properties(height=height)
    return altair_config(chart)
