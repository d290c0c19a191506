"""The hand-check texts show the model's numbers, and the warp chart has a panel per layer."""

from __future__ import annotations

import ast
import operator
import re

import numpy as np

from core.i18n import t
from core.lessons.neuron_math import model_steps, neuron_detail
from core.lessons.plane_warp import grid_lines, layer_images, projected_layers
from core.nn.mlp import MLP
from core.present import inside_views as iv
from core.present.numbers import significant_text


def _model():
    model = MLP([2, 3, 2, 1], "tanh", seed=1)
    rng = np.random.default_rng(2)
    model.params = [(W, rng.normal(0, 0.5, b.shape)) for W, b in model.params]
    return model


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def _arithmetic(node) -> float:
    """Evaluate +, −, ·, unary minus and numbers only (the printed sum, read as a learner would)."""
    if isinstance(node, ast.Expression):
        return _arithmetic(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_arithmetic(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    raise AssertionError(f"not plain arithmetic: {ast.dump(node)}")


def test_the_sum_text_evaluates_back_to_z():
    """Read the printed sum as arithmetic: it gives z up to the 4-digit rounding."""
    steps = model_steps(_model(), [0.4, -0.8])
    for step in steps:
        for j in range(step.z.size):
            text = iv.sum_text(step, j)
            expr = text.replace("−", "-").replace("·", "*")
            assert re.fullmatch(r"[-+*(). 0-9e]+", expr), expr
            value = _arithmetic(ast.parse(expr, mode="eval"))
            terms = step.weights[:, j].size + 1
            assert abs(value - step.z[j]) < 1e-3 * terms
            assert "(−" in text or not (step.inputs < 0).any()


def test_the_latex_shows_every_weight_input_and_the_bias():
    steps = model_steps(_model(), [0.4, -0.8])
    d = neuron_detail(steps, 3, 0)
    tex = iv.neuron_latex(d)
    for number in [*d.weights, *d.inputs, *d.products, d.bias, d.z, d.h]:
        assert significant_text(number).replace("−", "-") in tex
    assert tex.count("h^{(2)}") == 2 and "+ b" in tex and r"\sigma" in tex
    hidden = iv.neuron_latex(neuron_detail(steps, 1, 2), input_names=["x_{1}", "x_{1}^{2}"])
    assert r"\tanh" in hidden and "x_{1}^{2}" in hidden


def test_walk_table_has_a_row_per_neuron_and_ends_with_the_probability(lang):
    steps = model_steps(_model(), [0.1, 0.2])
    rows = iv.walk_table(steps, lang).splitlines()
    assert len(rows) == 2 + 3 + 2 + 1
    assert rows[-1].startswith("| " + t("ins_layer_output", lang))
    assert f"σ(z) = {significant_text(steps[-1].h[0])}" in rows[-1]


def test_warp_chart_draws_one_panel_per_hidden_layer(lang):
    model = MLP([2, 5, 2, 1], "relu", seed=0)
    lines = grid_lines(5, 10)
    panels = projected_layers(layer_images(model.params, "relu", lines))
    chart = iv.warp_chart(panels, lines, [5, 2], lang)
    titles = chart.to_dict()["facet"]["sort"]
    assert len(titles) == 2 and titles[1] == t("ins_warp_panel", lang, i=2, units=2)
    assert titles[0].startswith(t("ins_warp_panel", lang, i=1, units=5))
    frame = chart.data
    assert list(frame["t"].cat.categories) == titles
    # Each panel: its 10 lines (5 h + 5 v) × 10 samples, and 2 corners.
    assert (frame.groupby("p", observed=True).size() == 100 + 2).all()
    # The corners span a square around that panel's lines: a square grid stays square.
    for i, (flat, _) in enumerate(panels):
        corners = frame[(frame.p == i) & (frame.g == "k")][["u", "v"]].to_numpy()
        width, height = corners[1] - corners[0]
        assert abs(width - height) < 1e-3
        lo, hi = flat.reshape(-1, 2).min(axis=0), flat.reshape(-1, 2).max(axis=0)
        assert (corners[0] <= lo + 1e-3).all() and (corners[1] >= hi - 1e-3).all()
