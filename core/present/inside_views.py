r"""The "inside the network" views as text and charts (no Streamlit here).

* :func:`neuron_latex` — one neuron's formula, then the same formula with the current
  numbers, then its value: ``z = Σ wᵢ·hᵢ + b``, ``h = f(z)`` (σ for the output).
* :func:`walk_table` — the whole forward pass of one point as a Markdown table, one row
  per neuron, layer after layer, down to the output probability.
* :func:`warp_chart` — the grid's image after each hidden layer, one small Altair panel
  per layer (see :mod:`core.lessons.plane_warp`).

Numbers are rounded to 4 significant digits (:func:`core.present.numbers.significant_text`):
enough to check a sum with a calculator, few enough to read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.i18n import t
from core.lessons.neuron_math import LayerStep, NeuronDetail
from core.lessons.plane_warp import GridLines, Projection
from core.present import numbers
from core.present.numbers import significant_latex, significant_text
from core.present.theme import CLASS0, CLASS1, SERIES, altair_config

#: Colours of the two line families: green and purple, apart from the classes' blue/orange.
FAMILY_COLOURS = (SERIES[2], SERIES[3])
#: A KaTeX line carries at most this many products before it wraps.
TERMS_PER_LINE = 4

_LATEX_NAMES = {"tanh": r"\tanh", "sigmoid": r"\sigma", "relu": r"\operatorname{ReLU}"}


def _tex(value: float, paren: bool = True) -> str:
    """A number for LaTeX (:func:`~core.present.numbers.significant_latex`); negative
    numbers in parentheses when ``paren`` (inside a sum of products, so ``w·h`` never reads
    as a subtraction)."""
    text = significant_latex(value)
    return f"({text})" if paren and text.startswith("-") else text


def activation_tex(name: str) -> str:
    return _LATEX_NAMES.get(name, r"\operatorname{" + name.replace("_", r"\_") + "}")


def input_symbol(layer: int, i: int, input_names: Sequence[str] | None = None) -> str:
    """The symbol of input ``i`` (from 0) of ``layer`` (from 1): x₁, x₂ … into the first
    layer (or the feature names given), h^{(l−1)}_i into the others."""
    if layer == 1:
        if input_names is not None:
            return input_names[i]
        return f"x_{{{i + 1}}}"
    return f"h^{{({layer - 1})}}_{{{i + 1}}}"


def _wrapped(terms: list[str], lead: str) -> list[str]:
    """``terms`` joined with ``+``, ``TERMS_PER_LINE`` to an aligned line."""
    lines = []
    for start in range(0, len(terms), TERMS_PER_LINE):
        chunk = " + ".join(terms[start:start + TERMS_PER_LINE])
        lines.append((lead if start == 0 else "&\\quad + ") + chunk)
    return lines


def neuron_latex(d: NeuronDetail, input_names: Sequence[str] | None = None) -> str:
    """The neuron's formula, its numbers, its value (a KaTeX ``aligned`` block)."""
    z = "z" if d.is_output else f"z^{{({d.layer})}}_{{{d.unit + 1}}}"
    h = "p" if d.is_output else f"h^{{({d.layer})}}_{{{d.unit + 1}}}"
    n = d.weights.size
    symbols = [f"w_{{{i + 1}}}\\,{input_symbol(d.layer, i, input_names)}" for i in range(n)]
    numbers = [f"{_tex(w)}\\cdot{_tex(x)}" for w, x in zip(d.weights, d.inputs)]
    products = [_tex(p) for p in d.products]
    rows = _wrapped(symbols + ["b"], f"{z} &= ")
    rows += _wrapped(numbers + [_tex(d.bias)], "&= ")
    rows += _wrapped(products + [_tex(d.bias)], "&= ")
    rows.append(f"&= {_tex(d.z, paren=False)}")
    f = activation_tex(d.activation)
    # A learned parameter (PReLU's slope) is the layer's own: written beside z, with its value.
    names = [f"{name}^{{({d.layer})}}" for name in d.learned]
    values = [_tex(v, paren=False) for v in d.learned.values()]
    args = "".join(f";\\ {n}" for n in names)
    nums = "".join(f";\\ {v}" for v in values)
    rows.append(f"{h} &= {f}({z}{args}) = {f}({_tex(d.z, paren=False)}{nums}) = {_tex(d.h, paren=False)}")
    return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"


def _factor(value: float) -> str:
    """A number as the second factor of a product: in parentheses when negative."""
    text = significant_text(value)
    return f"({text})" if text.startswith("−") else text


def sum_text(step: LayerStep, unit: int) -> str:
    """``w₁·h₁ + w₂·h₂ + … + b`` with the numbers, as plain text: a negative weight or bias
    after the first term is written as a subtraction, a negative input in parentheses."""
    weights = step.weights[:, unit]
    terms = [f"{significant_text(w)}·{_factor(x)}" for w, x in zip(weights, step.inputs)]
    return " + ".join(terms + [significant_text(step.biases[unit])]).replace("+ −", "− ")


def layer_name(layer: int, n_layers: int, lang: str) -> str:
    return t("ins_layer_output", lang) if layer == n_layers else t("ins_layer_hidden", lang, i=layer)


def walk_table(steps: Sequence[LayerStep], lang: str) -> str:
    """Every neuron of every layer, in order, as one Markdown table."""
    head = [t("ins_layer", lang), t("ins_col_neuron", lang), t("ins_col_sum", lang),
            t("ins_col_z", lang), t("ins_col_h", lang)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for step in steps:
        name = layer_name(step.layer, len(steps), lang)
        f = "σ" if step.is_output else step.activation
        learned = "".join(f"; {k} = {significant_text(v)}" for k, v in step.learned.items())  # PReLU's a
        for j in range(step.z.size):
            cells = [name, str(j + 1), sum_text(step, j), significant_text(step.z[j]),
                     f"{f}(z{learned}) = {significant_text(step.h[j])}"]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def probability_text(p: float, x1: float, x2: float, lang: str) -> str:
    if not math.isfinite(p):
        verdict = t("ins_verdict_unknown", lang)
    else:
        verdict = t("ins_verdict_circle" if p >= 0.5 else "ins_verdict_triangle", lang)
    return t("ins_prob", lang, x1=significant_text(x1), x2=significant_text(x2), p=significant_text(p),
             verdict=verdict)


# ------------------------------------------------------------------ the plane, layer by layer


def panel_title(i: int, units: int, projection: Projection, lang: str) -> str:
    if projection.method == "pca":
        return t("ins_warp_panel_pca", lang, i=i, units=units, kept=numbers.percent_one_decimal(projection.kept))
    if units == 1:
        return t("ins_warp_panel_one", lang, i=i)
    return t("ins_warp_panel", lang, i=i, units=units)


def _square_domain(points: np.ndarray) -> tuple[list[float], list[float]]:
    """Equal ranges on both axes (a square stays a square), around the finite points."""
    finite = points[np.isfinite(points).all(axis=1)]
    if finite.size == 0:
        return [-1.0, 1.0], [-1.0, 1.0]
    lo, hi = finite.min(axis=0), finite.max(axis=0)
    centre, half = (lo + hi) / 2, max(float(np.max(hi - lo)) / 2 * 1.08, 1e-6)
    return [centre[0] - half, centre[0] + half], [centre[1] - half, centre[1] + half]


def _warp_frame(panels, titles: Sequence[str], lines: GridLines, points, marks=None) -> pd.DataFrame:
    """Every panel's lines, points and corners in one table (one data set for the chart):
    ``p`` panel, ``t`` its title, ``u``/``v`` coordinates, ``l`` line (−1: not a line),
    ``o`` order along the line, ``g`` group: ``h``/``v`` line family, ``c1``/``c0``
    class, ``m`` the learner's chosen point, ``k`` an invisible corner of the panel's square (so each panel's own scales
    span a square: a square grid stays square). Coordinates rounded to 4 decimals (far
    below a pixel) to keep the message small."""
    parts = []
    for i, (flat, _) in enumerate(panels):
        n_lines, samples = flat.shape[:2]
        parts.append(pd.DataFrame({
            "p": i, "u": flat[..., 0].ravel(), "v": flat[..., 1].ravel(),
            "l": np.repeat(np.arange(n_lines), samples), "o": np.tile(np.arange(samples), n_lines),
            "g": np.repeat(np.asarray(lines.family), samples)}))
        if points is not None:
            xy, y_cls = points[i]
            parts.append(pd.DataFrame({"p": i, "u": xy[:, 0], "v": xy[:, 1], "l": -1, "o": 0,
                                       "g": np.where(np.asarray(y_cls) == 1, "c1", "c0")}))
        if marks is not None:
            parts.append(pd.DataFrame({"p": i, "u": marks[i][:1, 0], "v": marks[i][:1, 1], "l": -1, "o": 0, "g": "m"}))
        x_dom, y_dom = _square_domain(flat.reshape(-1, 2))
        parts.append(pd.DataFrame({"p": i, "u": x_dom, "v": y_dom, "l": -1, "o": 0, "g": "k"}))
    frame = pd.concat(parts, ignore_index=True)
    frame[["u", "v"]] = frame[["u", "v"]].round(4).astype(np.float32)
    frame = frame.astype({"p": np.int8, "l": np.int16, "o": np.int16, "g": "category"})
    frame["t"] = pd.Categorical.from_codes(frame["p"].to_numpy(), categories=list(titles))
    return frame


def _label_expr(names: dict[str, str]) -> str:
    """A Vega expression that shows a code's translated name in a legend."""
    expr = json.dumps("")
    for code, name in names.items():
        expr = f"datum.label === {json.dumps(code)} ? {json.dumps(name)} : ({expr})"
    return expr


def _legend(names: dict[str, str]) -> alt.Legend:
    return alt.Legend(title=None, orient="bottom", labelExpr=_label_expr(names))


def _layers(lang: str, with_points: bool):
    """One panel's marks: the grid's lines, the data points, the invisible corners."""
    x = alt.X("u:Q", scale=alt.Scale(nice=False, zero=False), axis=alt.Axis(title=None, labelFontSize=10))
    y = alt.Y("v:Q", scale=alt.Scale(nice=False, zero=False), axis=alt.Axis(title=None, labelFontSize=10))
    families = {"h": t("ins_warp_family_h", lang), "v": t("ins_warp_family_v", lang)}
    layers = [alt.Chart().transform_filter(alt.datum.l >= 0).mark_line(strokeWidth=1.2, opacity=0.85).encode(
        x=x, y=y, detail=alt.Detail("l:N"), order=alt.Order("o:Q"),
        color=alt.Color("g:N", scale=alt.Scale(domain=list(families), range=list(FAMILY_COLOURS)),
                        legend=_legend(families)))]
    if with_points:
        classes = {"c1": t("ins_warp_class1", lang), "c0": t("ins_warp_class0", lang)}
        layers.append(alt.Chart().transform_filter("datum.g === 'c0' || datum.g === 'c1'")
                      .mark_point(filled=True, size=18, opacity=0.7).encode(
            x=x, y=y,
            color=alt.Color("g:N", scale=alt.Scale(domain=list(classes), range=[CLASS1, CLASS0]),
                            legend=_legend(classes)),
            shape=alt.Shape("g:N", scale=alt.Scale(domain=list(classes), range=["circle", "triangle-up"]),
                            legend=_legend(classes))))
    layers.append(alt.Chart().transform_filter(alt.datum.g == "m").mark_point(
        shape="diamond", size=110, filled=True, color="#000000", stroke="white", strokeWidth=1.5).encode(x=x, y=y))
    layers.append(alt.Chart().transform_filter(alt.datum.g == "k").mark_point(opacity=0).encode(x=x, y=y))
    return alt.layer(*layers).resolve_scale(color="independent", shape="independent")


def warp_chart(panels: Sequence[tuple[np.ndarray, Projection]], lines: GridLines, units: Sequence[int],
               lang: str, points: Sequence[tuple[np.ndarray, np.ndarray]] | None = None, columns: int = 3,
               size: int = 220, marks: Sequence[np.ndarray] | None = None):
    """One panel per hidden layer: ``panels[i]`` = (projected grid (n_lines, samples, 2),
    its projection); ``points[i]`` = (projected data points, their classes), optional;
    ``marks[i]`` = the learner's chosen point in that panel (1, 2), drawn as a black diamond.

    One faceted chart over one table, each panel with its own scales: Altair builds a
    chart of many sub-charts by deep-copying them again and again (a second of server
    CPU for six concatenated panels, measured), a facet costs one panel."""
    titles = [panel_title(i + 1, units[i], proj, lang) for i, (_, proj) in enumerate(panels)]
    chart = _layers(lang, points is not None).properties(width=size, height=size).facet(
        facet=alt.Facet("t:N", sort=titles, header=alt.Header(title=None, labelFontSize=13,
                                                              labelFontWeight="bold", labelAnchor="start")),
        columns=columns, data=_warp_frame(panels, titles, lines, points, marks),
    ).resolve_scale(x="independent", y="independent")
    return altair_config(chart)
