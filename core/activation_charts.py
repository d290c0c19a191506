"""Numbers and Altair charts for the activation-functions page (no Streamlit here).

The page reads its widgets, calls these functions and draws what they return; every
function is pure (same arguments, same result), so the page can cache them and the unit
tests can check them without a server.

What is computed here and not in :mod:`core.activations` / :mod:`core.activation_props`:

* the second derivative, for display only: central differences of the *closed-form*
  f' (see :func:`second_derivative`);
* saturation intervals with their ends refined between grid points
  (:func:`saturation_regions`);
* the output range for parameter values other than the defaults
  (:func:`output_range`), and Keras's defaults per parameter (:data:`KERAS_PARAM_DEFAULTS`);
* where |f'| reaches its maximum, as intervals (:func:`where_max_slope`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd
from scipy.optimize import brentq
from scipy.special import expit

from core.activation_props import active_path_factor, compute_properties, saturation_intervals, with_defaults
from core.activations import ACTIVATIONS, Activation
from core.theme import MUTED, SATURATION_SHADE, SERIES, TEXT, altair_config

__all__ = [
    "DEFAULT_FNS",
    "KERAS_PARAM_DEFAULTS",
    "K_LADDER",
    "MAX_OVERLAY",
    "N_POINTS",
    "PARAM_STEPS",
    "curve_chart",
    "curve_frame",
    "depth_chart",
    "depth_frame",
    "fmt",
    "output_range",
    "property_rows",
    "sample_grid",
    "saturation_regions",
    "second_derivative",
    "step_chart",
    "step_examples",
    "step_frame",
    "where_max_slope",
]

# The article's figure 08 shows these three: a good first picture.
DEFAULT_FNS = ("sigmoid", "tanh", "relu")
MAX_OVERLAY = 6
# Odd, so that x = 0 (where most kinks and maxima are) is a grid point.
N_POINTS = 401
# Steepness ladder for σ(k·x): roughly logarithmic from gentle to almost a step.
K_LADDER = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0)

# Slider step per parameter name (the ranges come from Activation.param_ranges).
PARAM_STEPS = {
    "negative_slope": 0.01,
    "alpha": 0.05,
    "beta": 0.1,
    "threshold": 1.0,
    "min_val": 0.05,
    "max_val": 0.05,
    "lambd": 0.05,
}

# Keras's default for each parameter the page lets the learner move; None means Keras
# has no such parameter (the value is fixed at the one given in the comment).
KERAS_PARAM_DEFAULTS: dict[tuple[str, str], str | None] = {
    ("leaky_relu", "negative_slope"): "0.3 (keras.layers.LeakyReLU), 0.2 (keras.activations.leaky_relu)",
    ("elu", "alpha"): "1.0",
    ("celu", "alpha"): "1.0",
    ("softplus", "beta"): None,  # Keras: ln(1 + e^x), β = 1
    ("softplus", "threshold"): None,  # Keras: no linear switch-over
    ("hardtanh", "min_val"): None,  # Keras hard_tanh: fixed at −1
    ("hardtanh", "max_val"): None,  # fixed at 1
    ("softshrink", "lambd"): "0.5 (threshold)",
    ("hardshrink", "lambd"): "0.5 (threshold)",
}


def fmt(value: float, digits: int = 2) -> str:
    """A short number for people: at most ``digits`` decimals, no trailing zeros, no −0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


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


def saturation_frame(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                     threshold: float) -> pd.DataFrame:
    """Rows (key, x0, x1): the saturated intervals of every function, for shading."""
    rows = [
        {"key": key, "x0": a, "x1": b}
        for key in keys
        for a, b in saturation_regions(ACTIVATIONS[key], (params_by_key or {}).get(key), half_width, threshold)
    ]
    return pd.DataFrame(rows, columns=["key", "x0", "x1"])


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

    The registry states the range at the default parameters; for the functions whose
    range moves with a parameter it is recomputed here from the formula.
    """
    p = with_defaults(act, params)
    lo, hi = act.range
    lo_in, hi_in = act.range_attained
    if act.key == "leaky_relu":
        slope = p["negative_slope"]
        lo, lo_in = (0.0, True) if slope == 0 else (-math.inf, False)
    elif act.key in ("elu", "celu"):
        lo, lo_in = -p["alpha"], False
    elif act.key == "hardtanh":
        lo, hi, lo_in, hi_in = p["min_val"], p["max_val"], True, True
    left = "[" if lo_in and math.isfinite(lo) else "("
    right = "]" if hi_in and math.isfinite(hi) else ")"
    return f"{left}{fmt(lo, 4)}, {fmt(hi, 4)}{right}"


def where_max_slope(x: np.ndarray, g: np.ndarray, rel_tol: float = 1e-9) -> tuple[tuple[float, float], ...]:
    """Where |f'| is (within ``rel_tol``) at its maximum on the grid, as intervals.

    An interval's ends are the last grid points *outside* it (so ReLU's reads 0 < x),
    or ±inf where it reaches the edge of the grid; a lone point is (x, x).
    """
    a = np.abs(g)
    top = a.max()
    runs = []
    mask = a >= top * (1.0 - rel_tol)
    for start, end in saturation_intervals(np.arange(len(x), dtype=np.float64), mask):
        s, e = int(start), int(end)
        if s == e and 0 < s < len(x) - 1:
            runs.append((float(x[s]), float(x[s])))
            continue
        lo = -math.inf if s == 0 else float(x[s - 1])
        hi = math.inf if e == len(x) - 1 else float(x[e + 1])
        runs.append((lo, hi))
    return tuple(runs)


def format_where(runs: Sequence[tuple[float, float]], everywhere: str) -> str:
    parts = []
    for lo, hi in runs:
        if lo == hi:
            parts.append(f"x = {fmt(lo)}")
        elif math.isinf(lo) and math.isinf(hi):
            parts.append(everywhere)
        elif math.isinf(lo):
            parts.append(f"x < {fmt(hi)}")
        elif math.isinf(hi):
            parts.append(f"x > {fmt(lo)}")
        else:
            parts.append(f"{fmt(lo)} < x < {fmt(hi)}")
    return ", ".join(parts)


def property_rows(keys: Sequence[str], params_by_key: Mapping[str, Mapping] | None, half_width: float,
                  threshold: float) -> list[dict]:
    """One dict per function with the facts the table shows, language-neutral.

    Computed (``compute_properties`` and this module, at the learner's parameters, on the
    x range shown): ``monotonic``, ``zero_centred``, ``max_grad``, ``max_grad_runs``,
    ``f0``, ``df0``, ``saturated`` (intervals of |f'| < threshold), ``range``.
    Stated by the registry: ``smoothness``, ``saturates``, ``paper``, ``torch``, ``keras``.
    Smoothness drops to C0 when the learner's parameters create a kink (ELU with α ≠ 1).
    """
    rows = []
    for key in keys:
        act = ACTIVATIONS[key]
        p = with_defaults(act, (params_by_key or {}).get(key))
        props = compute_properties(act, p, x_range=(-half_width, half_width), n=4001, threshold=threshold)
        x = np.union1d(np.linspace(-half_width, half_width, 4001), [0.0])
        smooth = act.smoothness
        if smooth in ("C1", "C∞") and act.kinks(**p):
            smooth = "C0"
        rows.append({
            "key": key,
            "range": output_range(act, p),
            "monotonic": props.monotonic,
            "zero_centred": props.zero_centred,
            "smoothness": smooth,
            "saturates": act.saturates,
            "saturated": saturation_regions(act, p, half_width, threshold),
            "max_grad": props.max_abs_grad,
            "max_grad_runs": where_max_slope(x, act.grad(x, **p)),
            "f0": props.f0,
            "df0": props.df0,
            "paper": act.paper,
            "torch": act.torch_name,
            "keras": act.keras_name,
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
                sigma: float, seed: int = 0, n_samples: int = 2000) -> pd.DataFrame:
    r"""How much of a gradient an activation lets through n layers (n = 1..n_layers).

    Backpropagation through n layers multiplies the gradient by f'(z_i) once per layer
    (times the weights, left out here to isolate the activation), with pre-activations
    z_i ~ N(0, σ²) i.i.d. (seeded). Columns:

    * ``factor``: the median of P_n = ∏|f'(z_i)| over the paths where no factor is 0
      ("where the units are active"). For the sigmoid, f' ≤ ¼, so P_n ≤ 0.25ⁿ; for
      ReLU it is exactly 1: an active ReLU passes the gradient on unchanged. NaN when
      f' is 0 on every draw (the step).
    * ``alive``: the share of paths with no zero factor, p_aliveⁿ with
      p_alive = P(f'(z) ≠ 0) (ReLU: ½ⁿ).

    The sampling is :func:`core.activation_props.active_path_factor`'s; this builds the
    long table the chart draws.
    """
    rows = []
    for key in keys:
        act = ACTIVATIONS[key]
        p = with_defaults(act, (params_by_key or {}).get(key))
        depth, factor, p_alive = active_path_factor(act, p, n_layers, sigma, n_samples, seed)
        rows.append(pd.DataFrame({"key": key, "n": depth, "factor": factor, "alive": p_alive ** depth}))
    if not rows:
        return pd.DataFrame(columns=["key", "n", "factor", "alive"])
    return pd.concat(rows, ignore_index=True)


# ------------------------------------------------------------------------------ charts


# The curves never wear the saturation colour, so a shaded stretch is never mistaken
# for a curve (SERIES[1] is the same vermillion as SATURATION_SHADE).
CURVE_COLOURS = tuple(c for c in SERIES if c.lower() != SATURATION_SHADE.lower())


def _series_scale(names: Sequence[str], extra: Sequence[tuple[str, str]] = ()) -> alt.Scale:
    domain = list(names) + [name for name, _ in extra]
    colours = [CURVE_COLOURS[i % len(CURVE_COLOURS)] for i in range(len(names))] + [c for _, c in extra]
    return alt.Scale(domain=domain, range=colours)


def saturated_stretches(frame: pd.DataFrame, value: str, threshold: float) -> pd.DataFrame:
    """The rows of ``frame`` where |f'| < threshold, with a ``seg`` id per unbroken run.

    Drawn as a wide, light halo under each curve, so that with several functions
    overlaid the learner sees *which* curve is flat where.
    """
    parts = []
    for key, sub in frame.groupby("key", sort=False):
        small = (sub["df"].abs() < threshold).to_numpy()
        run = np.cumsum(np.concatenate(([True], small[1:] != small[:-1])))
        part = sub.loc[small, ["key", "x", value]].assign(seg=[f"{key}-{r}" for r in run[small]])
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["key", "x", value, "seg"])
    return pd.concat(parts, ignore_index=True)


def curve_chart(frame: pd.DataFrame, value: str, names: Mapping[str, str], y_title: str,
                saturation: pd.DataFrame | None = None, saturation_label: str = "",
                threshold: float | None = None, height: int = 300) -> alt.LayerChart:
    """One panel (f, f' or f'') of the overlaid curves, with a hover readout.

    ``frame`` is :func:`curve_frame`'s output; ``value`` the column to draw; ``names``
    maps each key to its label (in the learner's language). Hovering anywhere puts a
    vertical rule at the nearest x, marks every curve there, and shows a tooltip with
    x, f(x), f'(x) (and f''(x) if present) of every chosen function. ``saturation``
    (rows key, x0, x1) is drawn as light shading behind the curves; with ``threshold``,
    the stretches of each curve where |f'| < threshold also get a light halo.
    """
    keys = list(dict.fromkeys(frame["key"]))
    labels = [names.get(k, k) for k in keys]
    long = frame.assign(series=frame["key"].map(lambda k: names.get(k, k)))
    colour = alt.Color("series:N", scale=_series_scale(labels), title=None,
                       legend=alt.Legend(orient="top", labelLimit=220, symbolStrokeWidth=3))
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
                         alt.Tooltip("x0:Q", format=".2f", title="x from"),
                         alt.Tooltip("x1:Q", format=".2f", title="x to")],
            )
        )
    if threshold is not None:
        halo = saturated_stretches(frame, value, threshold)
        if len(halo):
            halo = halo.assign(series=halo["key"].map(lambda k: names.get(k, k)))
            layers.append(
                alt.Chart(halo).mark_line(color=SATURATION_SHADE, opacity=0.35, strokeWidth=9, strokeCap="round",
                                          clip=True)
                .encode(x="x:Q", y=f"{value}:Q", detail="seg:N")
            )
    lines = alt.Chart(long).mark_line(strokeWidth=2.2, clip=True).encode(
        x=x_enc, y=alt.Y(f"{value}:Q", title=y_title), color=colour,
        detail="series:N",
    )
    layers.append(lines)
    layers.append(
        alt.Chart(long).mark_circle(size=45).encode(x="x:Q", y=f"{value}:Q", color=colour)
        .transform_filter(hover)
    )
    layers.append(
        alt.Chart(wide).mark_rule(color=MUTED, strokeWidth=1).encode(
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
                x_title: str, alive_title: str, height: int = 320):
    """The surviving gradient factor against depth n, log-scale y, plus the 0.25ⁿ line.

    Points with factor 0 or NaN (nothing gets through) are left out: a log axis has
    no place for 0.
    """
    keys = list(dict.fromkeys(frame["key"]))
    labels = [names.get(k, k) for k in keys]
    n_max = int(frame["n"].max()) if len(frame) else 1
    n = np.arange(1, n_max + 1)
    ref = pd.DataFrame({"n": n, "factor": 0.25 ** n, "alive": np.nan, "series": reference_label, "reference": True})
    data = frame.assign(series=frame["key"].map(lambda k: names.get(k, k)), reference=False)
    data = data[np.isfinite(data["factor"]) & (data["factor"] > 0)]
    long = pd.concat([data.drop(columns=["key"]), ref], ignore_index=True)
    colour = alt.Color("series:N", scale=_series_scale(labels, [(reference_label, MUTED)]), title=None,
                       legend=alt.Legend(orient="top", labelLimit=260, symbolStrokeWidth=3))
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
                 alt.Tooltip("alive:Q", title=alive_title, format=".1%")],
    )
    chart = alt.layer(base.mark_line(strokeWidth=2.2), base.mark_circle(size=28)).properties(height=height)
    return altair_config(chart)
