"""Pictures of the guided path: each step's small illustration, from the numbers of its reveal.

The path reuses the pages' own picture and chart builders (the boundary picture of the
training page, the collapse page's squared-space chart, the activations page's step and
depth charts) at the size of a step card; only its small curve chart is its own. Texts come in
as arguments, already translated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np

from core.i18n import LANGS, t
from core.guide import path as lp
from core.lessons import activation_curves as lc
from core.present import activation_charts as ac
from core.present.boundary import render_boundary
from core.present.collapse_charts import feature_space_chart
from core.present.theme import TEXT, altair_config

#: Side of a step's boundary picture, in pixels (two fit side by side on a phone).
PICTURE = 240
#: Half-width of the x range of the curves.
HALF_WIDTH = 6.0
CHART_HEIGHT = 220


def plane_picture(X, y, probs=None, size: int = PICTURE) -> np.ndarray:
    """The points on the plane (uint8 RGB); tinted by ``probs`` (P(circle) on the boundary
    picture's grid), or on white when there is no rule yet."""
    grid = np.full((2, 2), 0.5) if probs is None else np.asarray(probs, dtype=np.float64)
    return render_boundary(grid, X, y, size=size, discretize=probs is not None)


def squared_space_chart(X, y, t: float, labels: Mapping[str, str], size: int = PICTURE):
    """The points at (x₁², x₂²) and the straight cut x₁² + x₂² = t."""
    return feature_space_chart(X, y, t, labels, size=size)


def curves_chart(keys: Sequence[str], value: str, names: Mapping[str, str], y_title: str,
                 height: int = CHART_HEIGHT):
    """f (``value="f"``) or f′ (``"df"``) of a few activations at their default parameters.

    Smaller than the activations page's chart and without its hover readout; its y axis
    leaves room above and below the curves, so a constant slope of 1 is not hidden in the
    chart's top edge."""
    frame = lc.curve_frame(keys, None, HALF_WIDTH)
    frame = frame.assign(series=frame["key"].map(lambda k: names.get(k, k)))
    lo, hi = float(frame[value].min()), float(frame[value].max())
    pad = 0.1 * max(hi - lo, 1.0)
    scale = alt.Scale(domain=[names.get(k, k) for k in keys], range=list(ac.CURVE_COLOURS[: len(keys)]))
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", symbolStrokeWidth=3))
    chart = alt.Chart(frame).mark_line(strokeWidth=2.6).encode(
        x=alt.X("x:Q", title="x", scale=alt.Scale(nice=False)),
        y=alt.Y(f"{value}:Q", title=y_title, scale=alt.Scale(domain=[lo - pad, hi + pad], nice=False),
                axis=alt.Axis(tickCount=5, format="~g")),
        color=colour, detail="series:N",
    )
    return altair_config(chart.properties(height=height))


def step_vs_sigmoid_chart(k: float, step_label: str, soft_label: str, height: int = CHART_HEIGHT):
    """The step and σ(k·x)."""
    return ac.step_chart(lc.step_frame(k), k, step_label, soft_label, height=height)


def depth_chart(keys: Sequence[str], depth: int, names: Mapping[str, str], labels: Mapping[str, str],
                height: int = CHART_HEIGHT + 40):
    """What is left of a gradient after 1…``depth`` layers, inputs ~ N(0, 1)."""
    frame = lc.depth_frame(keys, None, depth, 1.0)
    chart = ac.depth_chart(frame, names, labels["reference"], labels["factor"], labels["layers"],
                           labels["alive"], labels["open"], height=height)
    # Four entries do not fit one row of a step card's picture column: two rows of two.
    return chart.configure_legend(columns=2, labelColor=TEXT, labelFontSize=12)


def labelled(label: str, text: str) -> str:
    """``label text`` in Markdown, the label emphasised by its ``*``/``**`` markers.

    A Chinese label ends in a full-width colon with no space after it ("向全班提问："), and
    CommonMark does not close ``*向全班提问：*如果…``: a closing ``*`` after punctuation
    must be followed by a space or punctuation, and a CJK character is neither, so the
    asterisks would show. The colon therefore goes after the closing markers
    (``*向全班提问*：如果…``), where the emphasis closes before punctuation."""
    core = label.strip("*_")
    marks = label[: len(label) - len(label.lstrip("*_"))]
    if core.endswith("："):
        return f"{marks}{core[:-1]}{marks[::-1]}：{text}"
    return f"{label} {text}"


def lesson_links_markdown(base: str = "http://localhost:8501") -> str:
    """The README's list of lesson links: one per step, with the teacher's notes in both
    languages (numbers computed, so ``tools/lesson_links.py`` rewrites the list when they change)."""
    lines = []
    for i, (step, (_, url)) in enumerate(zip(lp.STEPS, lp.lesson_links(base)), start=1):
        values = lp.reveal(step.key).values
        titles = " · ".join(t(f"lesson_{step.key}_title", lang) for lang in LANGS)
        lines.append(f"{i}. **{titles}** — <{url}>")
        for lang in LANGS:
            for part in ("ask", "see"):
                label, note = t(f"lesson_teacher_{part}", lang), t(f"lesson_{step.key}_{part}", lang, **values)
                lines.append(f"   - {labelled(label, note)}")
    return "\n".join(lines) + "\n"
