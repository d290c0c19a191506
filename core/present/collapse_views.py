r"""The linear-collapse lesson drawn: the 2-3-1 network as Graphviz DOT, and its algebra as LaTeX.

The numbers come from :mod:`core.lessons.collapse`; this module only writes them down:
the diagram (edge colour by the weight's sign, width by its size) and the derivation
the page typesets step by step, with the learner's own weights.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.lessons.collapse import Line, boundary_231, coefficients_231
from core.present import numbers
from core.present.theme import (
    MUTED,
    NODE_FILL,
    OUTPUT_FILL,
    WEIGHT_NEGATIVE,
    WEIGHT_POSITIVE,
)

# ------------------------------------------------------------------------ the diagram


def weight_label(number: int, value: float) -> str:
    """``w3=-0.5`` on an opaque white box (an HTML-like DOT label), so an edge that passes
    under a label is hidden there instead of striking through its digits."""
    return (f'<<table border="0" cellborder="0" cellpadding="1" cellspacing="0" bgcolor="white">'
            f'<tr><td>w{number}={numbers.decimals(value, 2)}</td></tr></table>>')


def _edge_label(tail: str, number: int, value: float) -> str:
    """Where an edge's weight sits.

    The six input edges cross half-way between the layers, so their labels sit on the
    edge itself a third of the way from the input, where the three edges of one input
    have already fanned apart (``labelangle=0`` keeps the label centred on its own edge,
    off its neighbours). The three output edges never cross: a plain centred label.
    """
    label = weight_label(number, value)
    if tail.startswith("input"):
        return f"taillabel={label}, labeldistance=4.6, labelangle=0"
    return f"label={label}"


def network_dot(w: Sequence[float], positive: str = WEIGHT_POSITIVE, negative: str = WEIGHT_NEGATIVE,
                muted: str = MUTED, font_scale: float = 1.0) -> str:
    """Graphviz DOT source of the 2-3-1 network, every edge labelled with its weight.

    Edge thickness grows with |w|; colour tells the sign (solid for positive, dashed
    orange for negative (the training page's colours too), so the sign survives a grey-scale projector; dotted grey for 0).
    ``font_scale`` (presenter mode) enlarges the labels and the circles around them, not the
    spacing: the drawing is stretched to its column, so larger type relative to the layout is
    what makes it larger on screen.
    """
    w = [float(v) for v in w]
    edges = [
        ("input1", "h1", 1), ("input2", "h1", 2),
        ("input1", "h2", 3), ("input2", "h2", 4),
        ("input1", "h3", 5), ("input2", "h3", 6),
        ("h1", "Output", 7), ("h2", "Output", 8), ("h3", "Output", 9),
    ]
    lines = [
        "digraph network {",
        '  graph [rankdir=LR, splines=line, nodesep=0.6, ranksep=1.5, ordering=out, bgcolor="transparent"];',
        f'  node [shape=circle, width={0.8 * font_scale:.2f}, fixedsize=true, style=filled, fillcolor="{NODE_FILL}", '
        f'color="{muted}", fontname="Helvetica", fontsize={14 * font_scale:g}];',
        f'  edge [fontname="Helvetica", fontsize={16 * font_scale:g}, arrowsize=0.6];',
        "  { rank=same; input1; input2; }",
        "  { rank=same; h1; h2; h3; }",
        f'  Output [fillcolor="{OUTPUT_FILL}"];',
    ]
    for tail, head, number in edges:
        value = w[number - 1]
        # Three looks, not two: a weight of 0 is neither sign, and the caption says so.
        colour = positive if value > 0 else negative if value < 0 else muted
        style = "solid" if value > 0 else "dashed" if value < 0 else "dotted"
        width = 0.8 + 1.2 * min(abs(value), 2.0)
        lines.append(
            f'  {tail} -> {head} [{_edge_label(tail, number, value)}, '
            f'color="{colour}", fontcolor="{colour}", style={style}, penwidth={width:.2f}];'
        )
    lines.append("}")
    return "\n".join(lines)


# ------------------------------------------------------------------------ the LaTeX
# A number in a formula is ``numbers.latex``: residue shown, not rounded away.

IN1 = r"\text{input}_1"
IN2 = r"\text{input}_2"
OUT = r"\text{Output}"
A_SYM = "w_1w_7 + w_3w_8 + w_5w_9"
C_SYM = "w_2w_7 + w_4w_8 + w_6w_9"


def _factor(value: float) -> str:
    """A number as a factor in a product: negatives in parentheses."""
    text = numbers.latex(value)
    return f"({text})" if text.startswith("-") else text


def _combo(terms: Sequence[tuple[float, str]]) -> str:
    """``c1·s1 + c2·s2 …`` with the signs folded in (``1.2·x − 0.4·y``); symbol "1" is a constant."""
    out = ""
    for index, (coef, symbol) in enumerate(terms):
        text = numbers.latex(coef)
        negative = text.startswith("-")
        magnitude = text[1:] if negative else text
        term = magnitude if symbol == "1" else rf"{magnitude}\cdot {symbol}"
        if index == 0:
            out += ("-" if negative else "") + term
        else:
            out += (" - " if negative else " + ") + term
    return out


combo_latex = _combo


def aligned(rows: Sequence[str]) -> str:
    """Rows of an ``aligned`` block: long formulas broken into lines stay readable on a phone."""
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _signed_products(terms: Sequence[tuple[float, str]], first: bool) -> str:
    r"""``0.8\,(…) - 0.6\,(…)``: each coefficient's sign in front of its bracket."""
    out = ""
    for index, (coef, body) in enumerate(terms):
        text = numbers.latex(coef)
        negative = text.startswith("-")
        magnitude = text[1:] if negative else text
        if index == 0 and first:
            sign = "-" if negative else ""
        else:
            sign = " - " if negative else " + "
        out += rf"{sign}{magnitude}\,({body})"
    return out


def derivation_231(w: Sequence[float] | None = None) -> list[tuple[str, str]]:
    """The article's derivation as ``[(step, latex), …]``, in symbols (``w`` None) or numbers.

    Steps: ``hidden``, ``output``, ``expand``, ``regroup``, (numbers only: ``collapsed``),
    ``boundary``.  The boundary step follows :func:`boundary_231`'s case.
    """
    if w is None:
        return [
            ("hidden", aligned([rf"h_1 &= w_1\,{IN1} + w_2\,{IN2}", rf"h_2 &= w_3\,{IN1} + w_4\,{IN2}",
                                rf"h_3 &= w_5\,{IN1} + w_6\,{IN2}"])),
            ("output", rf"{OUT} = w_7\,h_1 + w_8\,h_2 + w_9\,h_3"),
            ("expand", aligned([rf"{OUT} &= w_7\,(w_1\,{IN1} + w_2\,{IN2})", rf"&\quad + w_8\,(w_3\,{IN1} + w_4\,{IN2})",
                                rf"&\quad + w_9\,(w_5\,{IN1} + w_6\,{IN2})"])),
            ("regroup", aligned([rf"{OUT} &= {IN1}\,({A_SYM})", rf"&\quad + {IN2}\,({C_SYM})"])),
            ("boundary", aligned([rf"{OUT} = 0 &\iff {IN1} = -\,{IN2}\cdot\dfrac{{{C_SYM}}}{{{A_SYM}}}",
                                  rf"&\qquad ({A_SYM} \neq 0)"])),
        ]
    w = [float(v) for v in w]
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = w
    a, c = coefficients_231(w)
    line = boundary_231(w)
    a_txt = "0" if line.kind != "x1" else numbers.latex(a)
    c_txt = "0" if line.kind == "none" or (line.kind == "x1" and line.c == 0.0) else numbers.latex(c)
    hidden = [_combo([(w1, IN1), (w2, IN2)]), _combo([(w3, IN1), (w4, IN2)]), _combo([(w5, IN1), (w6, IN2)])]
    expand = [
        rf"{OUT} &= {_signed_products([(w7, hidden[0])], first=True)}",
        rf"&\quad {_signed_products([(w8, hidden[1])], first=False)}",
        rf"&\quad {_signed_products([(w9, hidden[2])], first=False)}",
    ]
    products_a = rf"{_factor(w1)}\cdot {_factor(w7)} + {_factor(w3)}\cdot {_factor(w8)} + {_factor(w5)}\cdot {_factor(w9)}"
    products_c = rf"{_factor(w2)}\cdot {_factor(w7)} + {_factor(w4)}\cdot {_factor(w8)} + {_factor(w6)}\cdot {_factor(w9)}"
    steps = [
        ("hidden", aligned([rf"h_1 &= {hidden[0]}", rf"h_2 &= {hidden[1]}", rf"h_3 &= {hidden[2]}"])),
        ("output", rf"{OUT} = {_combo([(w7, 'h_1'), (w8, 'h_2'), (w9, 'h_3')])}"),
        ("expand", aligned(expand)),
        ("regroup", aligned([rf"{OUT} &= {IN1}\,({products_a})", rf"&\quad + {IN2}\,({products_c})"])),
    ]
    if line.kind == "x1":
        collapsed = _combo([(a, IN1), (line.c, IN2)]) if line.c != 0.0 else rf"{a_txt}\cdot {IN1}"
        steps.append(("collapsed", rf"{OUT} = {collapsed}"))
        fraction = rf"\dfrac{{{c_txt}}}{{{a_txt}}}"
        steps.append(("boundary", aligned([rf"{OUT} = 0 &\iff {IN1} = -\,{IN2}\cdot{fraction}",
                                           rf"&\iff {IN1} = {_combo([(line.slope, IN2)])}"])))
    elif line.kind == "x2":
        steps.append(("collapsed", rf"{OUT} = 0\cdot {IN1} + {_combo([(c, IN2)])}"))
        steps.append(("boundary", aligned([rf"{A_SYM} &= 0", rf"{OUT} = 0 &\iff {IN2} = 0"])))
    else:
        steps.append(("collapsed", rf"{OUT} = 0\cdot {IN1} + 0\cdot {IN2} \equiv 0"))
        steps.append(("boundary", aligned([rf"{A_SYM} &= 0", rf"{C_SYM} &= 0", rf"\Rightarrow\quad {OUT} &\equiv 0"])))
    return steps


ARTICLE_FORMULA = rf"{IN1} = {IN2}\cdot\dfrac{{w_2w_7 + w_4w_8 + w_6w_9}}{{-w_2w_7 + w_4w_8 + w_6w_9}}"


def point_latex(p) -> str:
    return "(" + ",\\ ".join(numbers.latex(v) for v in p) + ")"


def additivity_latex(a, b, k: float, nums: dict[str, float], biased: bool) -> tuple[str, str, str, str]:
    """``(additivity, its gap, homogeneity, its gap)``: two ``aligned`` blocks of the numbers of
    :func:`additivity_231`, each followed by the difference that should be 0 (or −β, (1−k)β)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    k_txt = _factor(k)
    additivity = aligned([
        rf"f(\mathbf a) &= f{point_latex(a)} = {numbers.latex(nums['fa'])}",
        rf"f(\mathbf b) &= f{point_latex(b)} = {numbers.latex(nums['fb'])}",
        rf"f(\mathbf a + \mathbf b) &= f{point_latex(a + b)} = {numbers.latex(nums['fab'])}",
        rf"f(\mathbf a) + f(\mathbf b) &= {numbers.latex(nums['fa_plus_fb'])}",
    ])
    add_gap = (rf"f(\mathbf a + \mathbf b) - \big(f(\mathbf a) + f(\mathbf b)\big) = {numbers.latex(nums['add_gap'])}"
               + (r" = -\beta" if biased else ""))
    homogeneity = aligned([
        rf"f(\mathbf a) &= {numbers.latex(nums['fa'])}",
        rf"f({k_txt}\,\mathbf a) &= f{point_latex(k * a)} = {numbers.latex(nums['fka'])}",
        rf"{k_txt}\cdot f(\mathbf a) &= {numbers.latex(nums['k_fa'])}",
    ])
    hom_gap = (rf"f({k_txt}\,\mathbf a) - {k_txt}\cdot f(\mathbf a) = {numbers.latex(nums['hom_gap'])}"
               + (rf" = (1 - {k_txt})\,\beta" if biased else ""))
    return additivity, add_gap, homogeneity, hom_gap


def matrix_latex(M, digits: int = 2) -> str:
    """A matrix (or a vector, as one row) as a LaTeX bmatrix."""
    M = np.atleast_2d(np.asarray(M, dtype=np.float64))
    rows = [" & ".join(numbers.latex(v, digits) if abs(v) >= 0.5 * 10 ** -digits else "0" for v in row) for row in M]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def linear_text(a: float, c: float) -> str:
    """``a · input1 + c · input2`` as plain text with the sign folded in (for prose)."""
    c_txt = numbers.latex(c)
    sign, magnitude = ("−", c_txt[1:]) if c_txt.startswith("-") else ("+", c_txt)
    a_txt = numbers.latex(a)
    a_txt = "−" + a_txt[1:] if a_txt.startswith("-") else a_txt
    return f"{a_txt} · input1 {sign} {magnitude} · input2"


def line_latex(line: Line) -> str:
    """The boundary of a :class:`Line` as an equation: x1 = m·x2 + q, x2 = q, or 'Output ≡ β'."""
    if line.kind == "x1":
        rhs = _combo([(line.slope, IN2)]) if line.slope != 0.0 else ""
        offset = numbers.latex(line.offset)
        if offset != "0":
            if rhs:
                rhs += f" - {offset[1:]}" if offset.startswith("-") else f" + {offset}"
            else:
                rhs = offset
        return rf"{IN1} = {rhs or '0'}"
    if line.kind == "x2":
        return rf"{IN2} = {numbers.latex(line.offset)}"
    return rf"{OUT} \equiv {numbers.latex(line.beta)}"
