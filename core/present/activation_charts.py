"""Text and Altair charts for the activations page (no Streamlit here).

The page reads its widgets, has :mod:`core.lessons.activation_curves` and
:mod:`core.lessons.activation_props` compute, and draws what these functions make of the
numbers; every function is pure (same arguments, same result), so the page can cache them
and the unit tests can check them without a server.

What is written here:

* the facts of the properties table, language-neutral (:func:`property_rows`), and the
  text of its cells: intervals, points, the supremum of |f'|, the values of f', the tails;
* the output range for parameter values other than the defaults, as text
  (:func:`output_range`, by the catalog's rule), and the PyTorch and Keras calls that
  compute the curve drawn (:func:`torch_spelling`, :func:`keras_spelling`; Keras's side
  of each parameter is in the catalog, gathered in :data:`KERAS_PARAMS`);
* the charts: the curves with their saturated stretches, the step, the gradient through
  depth, and the legend the page draws once above a row of them.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.lessons.activation_curves import slope_regions, turning_point
from core.lessons.activation_props import (
    SlopeRange,
    SlopeSup,
    Tail,
    compute_properties,
    slope_range,
    tail_slopes,
    with_defaults,
)
from core.nn.activations import ACTIVATIONS, Activation, KerasParam
from core.present import numbers
from core.present.theme import MUTED, SATURATION_SHADE, SERIES, TEXT, altair_config

__all__ = [
    "CURVE_COLOURS",
    "KERAS_PARAMS",
    "curve_chart",
    "depth_chart",
    "format_intervals",
    "format_points",
    "format_slope_range",
    "format_sup",
    "format_tails",
    "keras_spelling",
    "legend_html",
    "output_range",
    "property_rows",
    "saturated_stretches",
    "series_colours",
    "step_chart",
    "torch_spelling",
]

# Read from the catalog (each activation's ParamSpec), keyed the way the page asks:
# Keras's side of each (function, parameter) (see core.nn.activations.KerasParam).
KERAS_PARAMS: dict[tuple[str, str], KerasParam] = {
    (act.key, name): spec.keras for act in ACTIVATIONS.values() for name, spec in act.param_specs.items()
}


def format_intervals(intervals: Sequence[tuple[float, float]], half_width: float) -> str:
    """"x < −2.89, x > 2.89" style; an end at the edge of the view reads as unbounded."""
    parts = []
    for a, b in intervals:
        left, right = a <= -half_width, b >= half_width
        if left and right:
            parts.append(f"{numbers.text(-half_width)} ≤ x ≤ {numbers.text(half_width)}")
        elif left:
            parts.append(f"x < {numbers.text(b)}")
        elif right:
            parts.append(f"x > {numbers.text(a)}")
        elif math.isclose(a, b, abs_tol=1e-9):
            parts.append(f"x = {numbers.text(a)}")
        else:
            parts.append(f"{numbers.text(a)} < x < {numbers.text(b)}")
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
    return f"{left}{numbers.text(lo, 4)}, {numbers.text(hi, 4)}{right}"


def _stretch_text(lo: float, hi: float, lo_in: bool, hi_in: bool, everywhere: str) -> str:
    if math.isinf(lo) and math.isinf(hi):
        return everywhere
    if math.isinf(lo):
        return f"x {'≤' if hi_in else '<'} {numbers.text(hi, 4)}"
    if math.isinf(hi):
        return f"x {'≥' if lo_in else '>'} {numbers.text(lo, 4)}"
    return f"{numbers.text(lo, 4)} {'≤' if lo_in else '<'} x {'≤' if hi_in else '<'} {numbers.text(hi, 4)}"


def format_points(xs: Sequence[float], digits: int = 4) -> str:
    """"x = 1.4142", or "x = ±2.2" for a pair symmetric about 0."""
    xs = sorted(xs)
    if len(xs) == 2 and xs[1] > 0 and math.isclose(xs[0], -xs[1], rel_tol=1e-6, abs_tol=1e-9):
        return f"x = ±{numbers.text(xs[1], digits)}"
    return ", ".join(f"x = {numbers.text(x, digits)}" for x in xs)


def format_sup(sup: SlopeSup, everywhere: str) -> tuple[str, str]:
    """Where sup |f'| is reached or approached, and |f'| at the kinks it is only approached at.

    ("x > 0", "") for ReLU; ("x → 3⁻", "|f′(3)| = 1") for HardSwish, whose slope tends
    to 3/2 as x → 3 from the left while the kink rule gives f′(3) = 1.
    """
    parts = [format_points(sup.points)] if sup.points else []
    parts += [_stretch_text(*s, everywhere) for s in sup.stretches]
    parts += [f"x → {numbers.text(k, 4)}{'⁻' if side < 0 else '⁺'}" for k, side, _ in sup.limits]
    values = ", ".join(f"|f′({numbers.text(k, 4)})| = {numbers.text(v, 4)}" for k, _, v in sup.limits)
    return ", ".join(parts), values


def format_slope_range(r: SlopeRange) -> str:
    """The values of f′ on the whole line as an interval: "[−0.1289, 1.129]", "(0, 0.25]".

    A square bracket: that end is a value f′ takes; a round one: f′ only tends to it (as
    in the output range). A constant f′ (the identity, the step) is the one number; the
    page words it."""
    if r.constant:
        return numbers.text(r.low, 4)
    left = "[" if r.low_attained else "("
    right = "]" if r.high_attained else ")"
    return f"{left}{numbers.text(r.low, 4)}, {numbers.text(r.high, 4)}{right}"


def format_tails(left: Tail, right: Tail) -> tuple[tuple[str, str], ...]:
    """The tails as (code, where) pairs for the page to word: ("zero", "x ≤ 0"),
    ("vanishes", "x → −∞"), ("everywhere", ""); empty when f' dies out on neither side."""
    if left.kind == right.kind == "zero" and (
            left.edge > right.edge or (left.edge == right.edge and (left.closed or right.closed))):
        return (("everywhere", ""),)
    out = []
    if left.kind == "zero":
        out.append(("zero", f"x {'≤' if left.closed else '<'} {numbers.text(left.edge, 4)}"))
    elif left.kind == "vanishes":
        out.append(("vanishes", "x → −∞"))
    if right.kind == "zero":
        out.append(("zero", f"x {'≥' if right.closed else '>'} {numbers.text(right.edge, 4)}"))
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
    :func:`~core.lessons.activation_curves.saturation_frame`'s, so the halo and the
    shading always agree.
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

    ``frame`` is :func:`~core.lessons.activation_curves.curve_frame`'s output; ``value``
    the column to draw; ``names`` maps each key to its label (in the learner's language).
    Hovering anywhere puts a vertical rule at the nearest x, marks every curve there, and
    shows a tooltip with x, f(x), f'(x) (and f''(x) if present) of every chosen function.
    ``saturation`` (rows key, x0, x1: the saturated stretches) is drawn as light shading
    behind the curves; ``halo`` (rows of the same kind) draws a light halo along those
    stretches of each curve, so the f chart can carry the halo without the shading.
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
                x=alt.X("x0:Q"), x2=alt.X2("x1"),
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
                .encode(x=alt.X("x:Q"), y=alt.Y(f"{value}:Q"), detail=alt.Detail("seg:N"))
            )
    lines = alt.Chart(long).mark_line(strokeWidth=2.2, clip=True).encode(
        x=x_enc, y=alt.Y(f"{value}:Q", title=y_title), color=colour,
        detail=alt.Detail("series:N"),
    )
    layers.append(lines)
    # The hover marks (the dots and the rule under the pointer) are aids for the pointer,
    # not part of the picture: left out of the accessibility tree (aria=False), whose
    # readers get the table of values and the listed stretches instead.
    layers.append(
        alt.Chart(long).mark_circle(size=45, aria=False).encode(x=alt.X("x:Q"), y=alt.Y(f"{value}:Q"), color=colour)
        .transform_filter(hover)
    )
    layers.append(
        alt.Chart(wide).mark_rule(color=MUTED, strokeWidth=1, aria=False).encode(
            x=alt.X("x:Q"), opacity=alt.OpacityValue(0.0, condition={"param": hover.name, "value": 0.8, "empty": False}),
            tooltip=tooltip,
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
    on them (m/q)ⁿ (:func:`~core.lessons.activation_curves.depth_frame`). Points with
    factor 0 (nothing gets through) are left out: a log axis has no place for 0.
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
