r"""The "inside the network" views as text and charts (no Streamlit here).

* :func:`neuron_latex` — one neuron's formula, then the same formula with the current
  numbers, then its value: ``z = Σ wᵢ·hᵢ + b``, ``h = f(z)`` (σ for the output).
* :func:`walk_table` — the whole forward pass of one point as a Markdown table, one row
  per neuron, layer after layer, down to the output probability.
* :func:`warp_chart` — the grid's image after each hidden layer, one small Altair panel
  per layer (see :mod:`core.lessons.plane_warp`).

Numbers are rounded to 4 significant digits (:func:`fmt`): enough to check a sum with a
calculator, few enough to read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.i18n import t
from core.lessons.neuron_math import LayerStep, NeuronDetail
from core.lessons.plane_warp import GridLines, Projection
from core.present.theme import CLASS0, CLASS1, SERIES, altair_config

#: Colours of the two line families: green and purple, apart from the classes' blue/orange.
FAMILY_COLOURS = (SERIES[2], SERIES[3])
#: A KaTeX line carries at most this many products before it wraps.
TERMS_PER_LINE = 4

_LATEX_NAMES = {"tanh": r"\tanh", "sigmoid": r"\sigma", "relu": r"\operatorname{ReLU}"}


def fmt(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, with a true minus sign; ``—`` for NaN."""
    value = float(value)
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}×10^{int(exponent)}"
    return text.replace("-", "−")


def _tex(value: float) -> str:
    """A number for LaTeX: ``fmt``'s text, negative numbers in parentheses (so ``w·h``
    never reads as a subtraction), ``10^{k}`` braced."""
    text = fmt(value).replace("−", "-").replace("∞", r"\infty").replace("—", r"\text{NaN}")
    if "×10^" in text:
        mantissa, exponent = text.split("×10^")
        text = rf"{mantissa}\times 10^{{{exponent}}}"
    return f"({text})" if text.startswith("-") else text


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
    rows.append(f"&= {_tex(d.z)}")
    f = activation_tex(d.activation)
    rows.append(f"{h} &= {f}({z}) = {f}({_tex(d.z)}) = {_tex(d.h)}")
    return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"


def _factor(value: float) -> str:
    """A number as the second factor of a product: in parentheses when negative."""
    text = fmt(value)
    return f"({text})" if text.startswith("−") else text


def sum_text(step: LayerStep, unit: int) -> str:
    """``w₁·h₁ + w₂·h₂ + … + b`` with the numbers, as plain text: a negative weight or bias
    after the first term is written as a subtraction, a negative input in parentheses."""
    weights = step.weights[:, unit]
    terms = [f"{fmt(w)}·{_factor(x)}" for w, x in zip(weights, step.inputs)]
    return " + ".join(terms + [fmt(step.biases[unit])]).replace("+ −", "− ")


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
        for j in range(step.z.size):
            cells = [name, str(j + 1), sum_text(step, j), fmt(step.z[j]), f"{f}(z) = {fmt(step.h[j])}"]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def probability_text(p: float, x1: float, x2: float, lang: str) -> str:
    if not math.isfinite(p):
        verdict = t("ins_verdict_unknown", lang)
    else:
        verdict = t("ins_verdict_circle" if p >= 0.5 else "ins_verdict_triangle", lang)
    return t("ins_prob", lang, x1=fmt(x1), x2=fmt(x2), p=fmt(p), verdict=verdict)


# ------------------------------------------------------------------ the plane, layer by layer


def panel_title(i: int, units: int, projection: Projection, lang: str) -> str:
    if projection.method == "pca":
        return t("ins_warp_panel_pca", lang, i=i, units=units, kept=f"{100 * projection.kept:.1f}%")
    return t("ins_warp_panel", lang, i=i, units=units)


def _square_domain(points: np.ndarray) -> tuple[list[float], list[float]]:
    """Equal ranges on both axes (a square stays a square), around the finite points."""
    finite = points[np.isfinite(points).all(axis=1)]
    if finite.size == 0:
        return [-1.0, 1.0], [-1.0, 1.0]
    lo, hi = finite.min(axis=0), finite.max(axis=0)
    centre, half = (lo + hi) / 2, max(float(np.max(hi - lo)) / 2 * 1.08, 1e-6)
    return [centre[0] - half, centre[0] + half], [centre[1] - half, centre[1] + half]


def _lines_frame(flat: np.ndarray, lines: GridLines, lang: str) -> pd.DataFrame:
    n_lines, samples = flat.shape[:2]
    family = np.repeat([t(f"ins_warp_family_{f}", lang) for f in lines.family], samples)
    return pd.DataFrame({"u": flat[..., 0].ravel(), "v": flat[..., 1].ravel(),
                         "line": np.repeat(np.arange(n_lines), samples),
                         "order": np.tile(np.arange(samples), n_lines), "family": family})


def _panel(flat: np.ndarray, lines: GridLines, title: str, lang: str, points=None, size: int = 220):
    x_dom, y_dom = _square_domain(flat.reshape(-1, 2))
    families = [t("ins_warp_family_h", lang), t("ins_warp_family_v", lang)]
    axis = dict(title=None, labelFontSize=10)
    x = alt.X("u:Q", scale=alt.Scale(domain=x_dom, nice=False, zero=False), axis=alt.Axis(**axis))
    y = alt.Y("v:Q", scale=alt.Scale(domain=y_dom, nice=False, zero=False), axis=alt.Axis(**axis))
    chart = alt.Chart(_lines_frame(flat, lines, lang)).mark_line(strokeWidth=1.2, opacity=0.85, clip=True).encode(
        x=x, y=y, detail="line:N", order="order:Q",
        color=alt.Color("family:N", scale=alt.Scale(domain=families, range=list(FAMILY_COLOURS)),
                        legend=alt.Legend(title=None, orient="bottom")))
    if points is not None:
        xy, y_cls = points
        names = [t("ins_warp_class1", lang), t("ins_warp_class0", lang)]
        df = pd.DataFrame({"u": xy[:, 0], "v": xy[:, 1], "class": np.where(np.asarray(y_cls) == 1, *names)})
        dots = alt.Chart(df).mark_point(filled=True, size=18, opacity=0.7, clip=True).encode(
            x=x, y=y,
            color=alt.Color("class:N", scale=alt.Scale(domain=names, range=[CLASS1, CLASS0]),
                            legend=alt.Legend(title=None, orient="bottom")),
            shape=alt.Shape("class:N", scale=alt.Scale(domain=names, range=["circle", "triangle-up"]),
                            legend=alt.Legend(title=None, orient="bottom")))
        chart = alt.layer(chart, dots).resolve_scale(color="independent", shape="independent")
    return chart.properties(width=size, height=size, title=title)


def warp_chart(panels: Sequence[tuple[np.ndarray, Projection]], lines: GridLines, units: Sequence[int],
               lang: str, points: Sequence[tuple[np.ndarray, np.ndarray]] | None = None, columns: int = 3):
    """One panel per hidden layer: ``panels[i]`` = (projected grid (n_lines, samples, 2),
    its projection); ``points[i]`` = (projected data points, their classes), optional."""
    charts = [_panel(flat, lines, panel_title(i + 1, units[i], proj, lang), lang,
                     None if points is None else points[i])
              for i, (flat, proj) in enumerate(panels)]
    return altair_config(alt.concat(*charts, columns=columns))
