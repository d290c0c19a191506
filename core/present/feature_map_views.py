r"""Pictures of the feature-map lesson: stages in a diverging colour scale, histograms, LaTeX.

Every stage is drawn with the same rule, so the learner can compare them at a glance:
white is exactly 0, blue is negative, vermillion positive, and the colour's strength is
``|v| / s`` where ``s`` (the stage's largest ``|v|``) is printed under the picture.  ReLU's
output then has no blue at all; sigmoid's has no white (σ(0) = ½) and no blue; tanh's
keeps both.  The histograms colour their bars by the same rule, so each doubles as the
colour key of its picture.

Pictures are RGB uint8 arrays, enlarged by whole factors (nearest neighbour: one cell,
one flat square — a feature map is a grid of numbers, not a photograph), and sent as PNG
``data:`` URLs.  Colours come from ``core.theme``.  No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from core.lessons import feature_map as fm
from core.lessons.feature_map import CellWork, histogram
from core.present import numbers, theme
from core.present.training_views import data_url

NEGATIVE = theme.PRIMARY  # blue
POSITIVE = theme.SERIES[1]  # vermillion
HIGHLIGHT = theme.TEXT  # the outline around the cells of the worked example
DISPLAY = 384  # side, in pixels, a stage picture is enlarged to (at most)
ZOOM = 240  # side of a magnified crop around the worked cell

Rect = tuple[int, int, int, int]  # top, left, height, width, in cells of the stage


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


_STEPS = 510  # table entries per side: finer than the 255 steps a colour channel has


def _diverging_table() -> np.ndarray:
    """RGB uint8 for t = i / _STEPS − 1, i = 0 … 2·_STEPS: the colour rule, tabulated once."""
    t = (np.arange(2 * _STEPS + 1) / _STEPS - 1.0)[:, None]
    white = np.full(3, 255.0)
    end = np.where(t < 0, _rgb(NEGATIVE), _rgb(POSITIVE))
    return np.rint(white + np.abs(t) * (end - white)).astype(np.uint8)


_TABLE = _diverging_table()


def diverging_rgb(values: np.ndarray, limit: float) -> np.ndarray:
    """``values`` → RGB uint8: white at 0, towards blue below and vermillion above.

    ``t = clip(v / limit, −1, 1)``; the colour is ``white + |t| · (end − white)``, linear in
    sRGB, so equal steps in ``v`` are equal steps in colour on each side.  Looked up in a
    table of 1021 entries (t = 0 and ±1 exactly on it; within 1 of the formula elsewhere),
    about 3× faster than computing it per cell.
    """
    t = np.clip(np.asarray(values, dtype=np.float64) / float(limit), -1.0, 1.0)
    return _TABLE[np.rint((t + 1.0) * _STEPS).astype(np.intp)]


def _enlarge(rgb: np.ndarray, factor: int) -> np.ndarray:
    """Each cell becomes a ``factor``×``factor`` square.  (Two ``np.repeat``s: measured 3×
    faster than one copy of a broadcast view, and faster than Pillow's NEAREST resize.)"""
    return np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)


def _outline(img: np.ndarray, rect: Rect, factor: int, width: int) -> None:
    """Draw, in place, a frame of ``width`` pixels just outside the cells of ``rect``."""
    top, left, h, w = rect
    y0, x0, y1, x1 = top * factor - width, left * factor - width, (top + h) * factor, (left + w) * factor
    colour = _rgb(HIGHLIGHT).astype(np.uint8)
    rows, cols = img.shape[:2]
    for ys, xs in (((y0, y0 + width), (x0, x1 + width)), ((y1, y1 + width), (x0, x1 + width)),
                   ((y0, y1 + width), (x0, x0 + width)), ((y0, y1 + width), (x1, x1 + width))):
        img[max(ys[0], 0):min(ys[1], rows), max(xs[0], 0):min(xs[1], cols)] = colour


def stage_picture(values: np.ndarray, limit: float, highlights: Sequence[Rect] = ()) -> np.ndarray:
    """A stage enlarged to about ``DISPLAY`` pixels, with frames around ``highlights``."""
    factor = max(1, DISPLAY // max(values.shape))
    img = _enlarge(diverging_rgb(values, limit), factor)
    for rect in highlights:
        _outline(img, rect, factor, width=2)
    return _framed(img)


def _framed(img: np.ndarray) -> np.ndarray:
    """A 2-pixel grey frame around a picture, so a stage of zeros (white) still shows its edge
    (2, because the browser shrinks the picture to its column)."""
    out = np.pad(img, ((2, 2), (2, 2), (0, 0)))
    out[[0, 1, -2, -1], :] = out[:, [0, 1, -2, -1]] = _rgb(theme.MUTED).astype(np.uint8)
    return out


def zoom_picture(values: np.ndarray, limit: float, focus: Rect, margin: int,
                 highlights: Sequence[Rect] = ()) -> np.ndarray:
    """A magnified crop: ``focus`` plus ``margin`` cells around it, in the same colours."""
    top, left, h, w = focus
    r0, c0 = max(top - margin, 0), max(left - margin, 0)
    r1, c1 = min(top + h + margin, values.shape[0]), min(left + w + margin, values.shape[1])
    factor = max(1, ZOOM // max(r1 - r0, c1 - c0))
    img = _enlarge(diverging_rgb(values[r0:r1, c0:c1], limit), factor)
    for t, l, hh, ww in highlights:
        _outline(img, (t - r0, l - c0, hh, ww), factor, width=max(2, factor // 8))
    return _framed(img)


def picture_url(img: np.ndarray) -> str:
    """A picture as a PNG ``data:`` URL for ``st.image`` (no media files to expire)."""
    # zlib level 1: 3× faster than 6 for ~35% more bytes (~11 kB for a stage picture).
    return data_url(img, compress_level=1)


# ------------------------------------------------------------------ a page's worth


@dataclass(frozen=True)
class PipelineViews:
    """What the page draws for one setting: the stages, the worked cell, and per stage
    (picture, convolution, pooling, activation) its colour limit, statistics, picture,
    magnified crop around the worked cell and histogram."""

    stages: fm.Stages
    work: CellWork
    order: fm.OrderCheck
    limits: list[float]
    stats: list[fm.StageStats]
    pictures: list[str]
    zooms: list[str]
    histograms: list[pd.DataFrame]


def pipeline_views(image: np.ndarray, kern: np.ndarray, bias: float, pool: str, act: str,
                   row: int, col: int) -> PipelineViews:
    """Run the pipeline and draw every stage, framing the cells behind output (row, col):
    the 3×3 window in the picture, the 2×2 block in the convolution, the cell after."""
    stages = fm.run_pipeline(image, kern, bias, pool, act)
    work = fm.cell_work(image, kern, bias, pool, act, row, col)
    i, j = work.source
    window, block, cell = (i, j, 3, 3), (2 * row, 2 * col, 2, 2), (row, col, 1, 1)
    maps = (stages.image, stages.conv, stages.pooled, stages.activated)
    frames = (window, block, cell, cell)
    zoom_marks = ((window,), (block, (i, j, 1, 1)), (cell,), (cell,))
    limits = [fm.colour_limit(values) for values in maps]
    return PipelineViews(
        stages, work, fm.order_check(stages.conv, act), limits, [fm.stage_stats(values) for values in maps],
        [picture_url(stage_picture(v, s, (f,))) for v, s, f in zip(maps, limits, frames)],
        [picture_url(zoom_picture(v, s, f, 3, marks)) for v, s, f, marks in zip(maps, limits, frames, zoom_marks)],
        [histogram_frame(v, s) for v, s in zip(maps, limits)],
    )


@dataclass(frozen=True)
class CollapseViews:
    """The collapse check and its four pictures: two convolutions, one, with the
    activation between, and that minus one convolution."""

    check: fm.CollapseCheck
    pictures: list[str]
    pooling: dict[str, fm.KernelFit]  # pool -> best stride-2 kernel for k₂ ⋆ pool(k₁ ⋆ x + b)
    pooled_window: int  # its side


def collapse_views(image: np.ndarray, k1: np.ndarray, bias: float, k2: np.ndarray, act: str) -> CollapseViews:
    check = fm.collapse_check(image, k1, bias, k2, act)
    routes = (check.two_step, check.one_step, check.with_act, check.with_act - check.one_step)
    return CollapseViews(check, [picture_url(stage_picture(v, fm.colour_limit(v))) for v in routes],
                         fm.pooled_collapse(image, k1, bias, k2), fm.pooled_window(k1.shape, k2.shape)[0])


# ------------------------------------------------------------------ histograms


def histogram_frame(values: np.ndarray, limit: float, bins: int = 41) -> pd.DataFrame:
    """One row per bar: its edges ``x0``, ``x1``, its ``count`` and its ``colour``."""
    edges, counts = histogram(values, limit, bins)
    centres = (edges[:-1] + edges[1:]) / 2
    colours = ["#%02x%02x%02x" % tuple(int(c) for c in rgb) for rgb in diverging_rgb(centres, limit)]
    return pd.DataFrame({"x0": edges[:-1], "x1": edges[1:], "count": counts, "colour": colours})


def histogram_chart(frame: pd.DataFrame, x_title: str, y_title: str) -> alt.Chart:
    """Bars coloured as the picture is, outlined so the white bar at 0 shows.

    The count axis is ``symlog`` (logarithmic, but 0 allowed): a feature map is mostly
    flat background, so one bar near 0 holds ~90% of the cells, and on a linear axis the
    tails — the edges, where the activation matters — would be invisible.
    """
    chart = (
        alt.Chart(frame)
        .mark_bar(stroke=theme.MUTED, strokeWidth=0.6)
        .encode(
            x=alt.X("x0:Q", title=x_title, axis=alt.Axis(tickCount=5)),
            x2=alt.X2("x1:Q"),
            # stack=None: bars of different colours are side by side, not one pile.
            y=alt.Y("count:Q", title=y_title, scale=alt.Scale(type="symlog"), stack=None,
                    axis=alt.Axis(values=[0, 10, 100, 1000, 10000],
                                  labelExpr="datum.value >= 1000 ? datum.value / 1000 + 'k' : datum.value")),
            y2=alt.datum(0),  # a log-like axis has no automatic baseline: bars start at 0
            color=alt.Color("colour:N", scale=None),
            tooltip=[alt.Tooltip("x0:Q", format=".3f"), alt.Tooltip("x1:Q", format=".3f"), alt.Tooltip("count:Q")],
        )
        .properties(height=150)
    )
    return theme.altair_config(chart)


def histogram_spec(x_title: str, y_title: str) -> dict:
    """The histogram as a Vega-Lite spec *without* its data.

    Building an Altair chart costs tens of milliseconds; the spec depends only on the
    titles, so a page builds it once per language and hands each redraw's numbers
    (``histogram_frame``) to ``st.vega_lite_chart(frame, spec)``.
    """
    empty = pd.DataFrame({"x0": [0.0], "x1": [0.0], "count": [0], "colour": ["#ffffff"]})
    spec = histogram_chart(empty, x_title, y_title).to_dict(validate=False)  # the tests validate it
    spec.pop("datasets", None)
    spec.pop("data", None)
    return spec


# ------------------------------------------------------------------ LaTeX
# A number inside a formula is ``numbers.decimals``: KaTeX's own ASCII minus, 3 decimals
# unless said otherwise (the kernel keeps 4).


def _signed(value: float) -> str:
    """``+ 0.5`` or ``- 0.5``: a term added to a sum, its sign written once."""
    text = numbers.decimals(value, 3)
    return f"- {text[1:]}" if text.startswith("-") else f"+ {text}"


def matrix_latex(values: np.ndarray, digits: int = 3) -> str:
    rows = (" & ".join(numbers.decimals(v, digits) for v in row) for row in np.atleast_2d(values))
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def cell_latex(work: CellWork, kern: np.ndarray, bias: float, pool: str, act_name: str) -> list[str]:
    """The worked cell as three LaTeX blocks: window ⊙ kernel summed, the pooling, the act.

    Each result goes on its own line (``aligned``), the two matrices are set in
    ``\footnotesize`` and the bias continues on the next line, so a phone-wide column
    (358 px) holds the formula without cutting it: at normal size a window of 0.753s
    beside the blur kernel needs ~420 px.  The kernel keeps 4 decimals (blur's 1/16 =
    0.0625 is exact); the four terms of an average go two to a line.
    """
    b = _signed(bias)
    total, conv_value = numbers.decimals(work.products.sum(), 3), numbers.decimals(work.conv_value, 3)
    conv = (rf"\begin{{aligned}}&{{\footnotesize \sum {matrix_latex(work.window)} \odot {matrix_latex(kern, 4)}}}"
            rf"\\ &\qquad {b}"  # the bias on a line of its own: the matrices take a phone's width
            rf"\\ &= {total} {b} = {conv_value}\end{{aligned}}")
    values = [numbers.decimals(v, 3) for v in work.block.ravel()]
    if pool == "max":
        pooled = r"\max(" + r",\ ".join(values) + ")"
    else:
        terms = [f"({v})" if v.startswith("-") else v for v in values]
        pooled = rf"\tfrac{{1}}{{4}}\,({terms[0]} + {terms[1]}\\ &\quad + {terms[2]} + {terms[3]})"
    pooled_value = numbers.decimals(work.pooled, 3)
    pooled = rf"\begin{{aligned}}&{pooled}\\ &= {pooled_value}\end{{aligned}}"
    activated = rf"\text{{{act_name}}}({pooled_value}) = {numbers.decimals(work.activated, 4)}"
    return [conv, pooled, activated]


def kernel_latex(name: str, values: np.ndarray, digits: int = 4) -> str:
    """``name = [matrix]`` in KaTeX's ``\\footnotesize``, so a 5×5 kernel with entries like
    −0.125 fits a phone's width (measured: 394 px at normal size, 358 available)."""
    return rf"\footnotesize {name} = {matrix_latex(values, digits)}"
