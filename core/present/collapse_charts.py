"""Altair charts of the linear-collapse page (no Streamlit here; texts come in as arguments).

Every picture of data uses the app's two markers: class 1 as blue circles, class 0 as
orange triangles, so colour-blind learners still have the shape.  Backgrounds are light
tints of the same two colours: the side a rule calls class 1 is light blue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.lessons.collapse import Line, circle_side, grid_values, zero_contour
from core.present import numbers
from core.present.theme import (
    CLASS0,
    CLASS0_LIGHT,
    CLASS1,
    CLASS1_LIGHT,
    MUTED,
    PRIMARY,
    TEXT,
    altair_config,
)

BOUNDARY = TEXT


def _independent(chart: alt.LayerChart, pad: bool = True) -> alt.LayerChart:
    """Separate colour scales for the tinted background and the markers.

    ``pad``: a view of exactly width × height, axes and legend added around it (a square
    plot stays square); charts that stretch to their column must not pad (they would
    overflow it)."""
    chart = chart.resolve_scale(color="independent", shape="independent")
    return chart.properties(autosize=alt.AutoSizeParams(type="pad")) if pad else chart


def _class_names(y, labels: Mapping[str, str]) -> np.ndarray:
    return np.where(np.asarray(y) == 1, labels["class1"], labels["class0"])


def _points_layer(df: pd.DataFrame, x: str, y: str, labels: Mapping[str, str], x_title: str, y_title: str,
                  x_domain, y_domain, size: int = 55) -> alt.Chart:
    domain = [labels["class1"], labels["class0"]]
    return (
        alt.Chart(df)
        .mark_point(filled=True, opacity=0.9, size=size, stroke="white", strokeWidth=0.6)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(domain=list(x_domain), nice=False, zero=False)),
            y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(domain=list(y_domain), nice=False, zero=False)),
            color=alt.Color("class:N", scale=alt.Scale(domain=domain, range=[CLASS1, CLASS0]),
                            legend=alt.Legend(title=None, orient="bottom", symbolSize=120)),
            shape=alt.Shape("class:N", scale=alt.Scale(domain=domain, range=["circle", "triangle-up"]),
                            legend=alt.Legend(title=None, orient="bottom", symbolSize=120)),
        )
    )


def _cells(fn: Callable[[np.ndarray], np.ndarray], lim: float, resolution: int,
           scale: Callable[[np.ndarray], np.ndarray] | None = None) -> pd.DataFrame:
    """Rectangles over [-lim, lim]², each coloured by the class :func:`circle_side` gives the
    value of fn at its centre (``scale``: the size of fn's terms, so rounding counts as 0)."""
    edges = np.linspace(-lim, lim, resolution + 1)
    centres = 0.5 * (edges[:-1] + edges[1:])
    gx, gy = np.meshgrid(centres, centres)
    P = np.column_stack([gx.ravel(), gy.ravel()])
    values = np.asarray(fn(P), dtype=np.float64)
    circle = circle_side(values, None if scale is None else scale(P))
    half = (edges[1] - edges[0]) / 2.0
    return pd.DataFrame({
        "x": gx.ravel() - half, "x2": gx.ravel() + half,
        "y": gy.ravel() - half, "y2": gy.ravel() + half,
        "side": np.where(circle, "1", "0"),
    })


def _half_planes(line: Line, lim: float) -> pd.DataFrame:
    """The two sides of ``line`` inside [-lim, lim]² as horizontal bands (exact, and a few
    hundred rows instead of thousands of grid cells): for each x2, x1 runs from ``lo`` to ``hi``."""
    x2 = np.linspace(-lim, lim, 201)
    if line.kind == "x1":
        cut = np.clip(line.slope * x2 + line.offset, -lim, lim)
        right = "1" if line.a > 0 else "0"  # a·x1 grows to the right
        left = "0" if right == "1" else "1"
        parts = [(x2, np.full_like(x2, -lim), cut, left), (x2, cut, np.full_like(x2, lim), right)]
    elif line.kind == "x2":
        cut = float(np.clip(line.offset, -lim, lim))
        above = "1" if line.c > 0 else "0"
        below = "0" if above == "1" else "1"
        low, high = x2[x2 <= cut], x2[x2 >= cut]
        parts = [(low, np.full_like(low, -lim), np.full_like(low, lim), below),
                 (high, np.full_like(high, -lim), np.full_like(high, lim), above)]
    else:
        parts = [(x2, np.full_like(x2, -lim), np.full_like(x2, lim), "1" if line.beta > 0 else "0")]
    frames = [pd.DataFrame({"y": ys, "lo": lo, "hi": hi, "side": side, "part": str(i)})
              for i, (ys, lo, hi, side) in enumerate(parts)]
    return pd.concat(frames, ignore_index=True)


def boundary_chart(X, y, fn: Callable[[np.ndarray], np.ndarray], labels: Mapping[str, str], *,
                   line: Line | None = None, lim: float = 1.0, resolution: int = 50, size: int = 330,
                   title: str = "", scale: Callable[[np.ndarray], np.ndarray] | None = None) -> alt.LayerChart:
    """The data over [-lim, lim]², the plane tinted by the sign of ``fn`` (fn > 0: light
    blue, the circle side), and the boundary fn = 0 drawn on top.

    With ``line`` (fn must then be that line's affine function) the tint is the two exact
    half-planes and the boundary the formula's line; otherwise the tint is a grid of cells
    and the boundary the contour of fn traced on a finer grid; ``scale`` (the size of fn's
    terms, see :func:`core.lessons.collapse.term_scale`) makes a value that is 0 up to rounding count
    as on the line, as everywhere else on the page."""
    side_colours = alt.Color("side:N", scale=alt.Scale(domain=["1", "0"], range=[CLASS1_LIGHT, CLASS0_LIGHT]), legend=None)
    if line is not None:
        background = (
            alt.Chart(_half_planes(line, lim))
            .mark_area(orient="horizontal", opacity=1.0)
            .encode(y=alt.Y("y:Q"), x=alt.X("lo:Q"), x2=alt.X2("hi"), color=side_colours, detail=alt.Detail("part:N"))
        )
    else:
        background = (
            alt.Chart(_cells(fn, lim, resolution, scale))
            .mark_rect(opacity=1.0, strokeWidth=0)
            .encode(x=alt.X("x:Q"), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2"), color=side_colours)
        )
    if line is not None:
        seg = line.segment(lim)
        rows = [] if seg is None else [seg]
    else:
        xs, ys, V = grid_values(fn, resolution=2 * resolution + 1, lim=lim)
        rows = zero_contour(xs, ys, V).tolist()
    # float dtype even when empty (no boundary in view), so Altair can infer the types.
    seg_df = pd.DataFrame(np.asarray(rows, dtype=np.float64).reshape(-1, 4), columns=["x", "y", "x2", "y2"])
    boundary = alt.Chart(seg_df).mark_rule(color=BOUNDARY, strokeWidth=2.6, strokeCap="round").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), x2=alt.X2("x2"), y2=alt.Y2("y2")
    )
    X = np.asarray(X, dtype=np.float64)
    df = pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "class": _class_names(y, labels)})
    points = _points_layer(df, "x1", "x2", labels, labels["x"], labels["y"], (-lim, lim), (-lim, lim))
    chart = _independent(alt.layer(background, boundary, points)).properties(width=size, height=size)
    if title:
        chart = chart.properties(title=title)
    return altair_config(chart)


def singular_values_chart(s: Sequence[float], rank: int, labels: Mapping[str, str], height: int = 240) -> alt.LayerChart:
    """Bars of the singular values σ1 ≥ σ2 ≥ …; those beyond the rank (rounding residue) in grey."""
    s = np.asarray(s, dtype=np.float64)
    df = pd.DataFrame({
        "i": [f"σ{i + 1}" for i in range(s.size)],
        "sigma": s,
        "kind": [labels["kept"] if i < rank else labels["zero"] for i in range(s.size)],
        "text": [numbers.significant_text(v, 3) for v in s],
    })
    base = alt.Chart(df).encode(
        x=alt.X("i:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sigma:Q", title=labels["y"]),
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        color=alt.Color("kind:N", scale=alt.Scale(domain=[labels["kept"], labels["zero"]], range=[PRIMARY, MUTED]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("i:N"), alt.Tooltip("sigma:Q", format=".3g")],
    )
    text = base.mark_text(dy=-7, color=TEXT, fontSize=12).encode(text=alt.Text("text:N"))
    return altair_config(alt.layer(bars, text).properties(height=height))


def threshold_chart(x, y, threshold: float, above_is_one: bool, labels: Mapping[str, str], height: int = 120) -> alt.LayerChart:
    """Points on the x axis with the best single threshold: the side it calls 'circle' in blue."""
    x = np.asarray(x, dtype=np.float64)
    lo, hi = -1.05, 1.05
    t = float(np.clip(threshold, lo, hi))
    sides = pd.DataFrame({
        "x": [lo, t], "x2": [t, hi],
        "side": ["0", "1"] if above_is_one else ["1", "0"],
    })
    shade = alt.Chart(sides).mark_rect().encode(
        x=alt.X("x:Q"), x2=alt.X2("x2"),
        color=alt.Color("side:N", scale=alt.Scale(domain=["1", "0"], range=[CLASS1_LIGHT, CLASS0_LIGHT]), legend=None),
    )
    rule = alt.Chart(pd.DataFrame({"x": [t]})).mark_rule(color=BOUNDARY, strokeWidth=2.6).encode(x=alt.X("x:Q"))
    df = pd.DataFrame({"x": x, "row": np.zeros_like(x), "class": _class_names(y, labels)})
    points = _points_layer(df, "x", "row", labels, labels["x"], "", (lo, hi), (-1, 1), size=70).encode(
        y=alt.Y("row:Q", title=None, axis=None, scale=alt.Scale(domain=[-1, 1]))
    )
    return altair_config(_independent(alt.layer(shade, rule, points), pad=False).properties(height=height))


def parabola_chart(x, y, W: float, B: float, labels: Mapping[str, str], height: int = 260) -> alt.LayerChart:
    """Each point lifted to (x, W·x² + B) on its parabola; the rule Y > 0 → circle is the line Y = 0."""
    x = np.asarray(x, dtype=np.float64)
    Y = W * x**2 + B
    grid = np.linspace(-1.0, 1.0, 201)
    curve_y = W * grid**2 + B
    top = float(max(curve_y.max(), 0.0))
    bottom = float(min(curve_y.min(), 0.0))
    pad = 0.12 * max(top - bottom, 0.2)
    y_domain = (bottom - pad, top + pad)
    sides = pd.DataFrame({"y": [0.0, y_domain[0]], "y2": [y_domain[1], 0.0], "side": ["1", "0"]})
    shade = alt.Chart(sides).mark_rect().encode(
        y=alt.Y("y:Q"), y2=alt.Y2("y2"),
        color=alt.Color("side:N", scale=alt.Scale(domain=["1", "0"], range=[CLASS1_LIGHT, CLASS0_LIGHT]), legend=None),
    )
    curve = alt.Chart(pd.DataFrame({"x": grid, "Y": curve_y})).mark_line(color=MUTED, strokeWidth=1.5).encode(
        x=alt.X("x:Q"), y=alt.Y("Y:Q")
    )
    zero = alt.Chart(pd.DataFrame({"Y": [0.0]})).mark_rule(color=BOUNDARY, strokeWidth=2.6).encode(y=alt.Y("Y:Q"))
    df = pd.DataFrame({"x": x, "Y": Y, "class": _class_names(y, labels)})
    points = _points_layer(df, "x", "Y", labels, labels["x"], labels["y"], (-1.05, 1.05), y_domain, size=70)
    return altair_config(_independent(alt.layer(shade, curve, zero, points), pad=False).properties(height=height))


def feature_space_chart(X, y, t: float, labels: Mapping[str, str], size: int = 300) -> alt.LayerChart:
    """The data in the bent space (z1, z2) = (x1², x2²) with the straight line z1 + z2 = t."""
    Z = np.asarray(X, dtype=np.float64) ** 2
    lim = 1.05
    grid = np.linspace(0.0, lim, 106)
    inside = pd.DataFrame({"z1": grid, "lo": 0.0, "hi": np.clip(t - grid, 0.0, None)})
    full = alt.Chart(pd.DataFrame({"x": [0.0], "x2": [lim], "y": [0.0], "y2": [lim]})).mark_rect(color=CLASS0_LIGHT).encode(
        x=alt.X("x:Q"), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2")
    )
    area = alt.Chart(inside).mark_area(color=CLASS1_LIGHT, opacity=1.0).encode(x=alt.X("z1:Q"), y=alt.Y("lo:Q"), y2=alt.Y2("hi"))
    end = min(t, lim)
    line = alt.Chart(pd.DataFrame({"x": [0.0], "y": [end], "x2": [end], "y2": [max(t - end, 0.0)]})).mark_rule(
        color=BOUNDARY, strokeWidth=2.6
    ).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), x2=alt.X2("x2"), y2=alt.Y2("y2"))
    df = pd.DataFrame({"z1": Z[:, 0], "z2": Z[:, 1], "class": _class_names(y, labels)})
    points = _points_layer(df, "z1", "z2", labels, labels["x"], labels["y"], (0.0, lim), (0.0, lim), size=40)
    return altair_config(_independent(alt.layer(full, area, line, points)).properties(width=size, height=size))


def circle_chart(X, y, radius: float, labels: Mapping[str, str], size: int = 300) -> alt.LayerChart:
    """The data in the original space with the circle x1² + x2² = radius² the bent line draws."""
    lim = 1.0
    r = float(radius)
    grid = np.linspace(-r, r, 241)
    half = np.sqrt(np.clip(r * r - grid**2, 0.0, None))
    full = alt.Chart(pd.DataFrame({"x": [-lim], "x2": [lim], "y": [-lim], "y2": [lim]})).mark_rect(color=CLASS0_LIGHT).encode(
        x=alt.X("x:Q"), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2")
    )
    disc = alt.Chart(pd.DataFrame({"x": grid, "lo": -half, "hi": half})).mark_area(color=CLASS1_LIGHT, opacity=1.0).encode(
        x=alt.X("x:Q"), y=alt.Y("lo:Q"), y2=alt.Y2("hi")
    )
    angles = np.linspace(0.0, 2.0 * np.pi, 241)
    ring = pd.DataFrame({"x": r * np.cos(angles), "y": r * np.sin(angles), "order": np.arange(angles.size)})
    outline = alt.Chart(ring).mark_line(color=BOUNDARY, strokeWidth=2.6).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), order=alt.Order("order:Q"))
    X = np.asarray(X, dtype=np.float64)
    df = pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "class": _class_names(y, labels)})
    points = _points_layer(df, "x1", "x2", labels, labels["x"], labels["y"], (-lim, lim), (-lim, lim), size=40)
    return altair_config(_independent(alt.layer(full, disc, outline, points)).properties(width=size, height=size))
