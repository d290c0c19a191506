"""The hand-worked forward pass equals the model's own, and its sums add up as shown."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest

from core.lessons.neuron_math import model_steps, neuron_detail, worked_steps
from core.nn.mlp import MLP


def _random_model(sizes, activation, seed):
    model = MLP(sizes, activation, seed=seed)
    rng = np.random.default_rng(seed + 100)
    # Non-zero biases everywhere, so a forgotten bias cannot go unnoticed.
    model.params = [(W, rng.normal(0.0, 0.5, b.shape)) for W, b in model.params]
    return model


@pytest.mark.parametrize("sizes, activation", [
    ([2, 1], "tanh"), ([2, 4, 1], "tanh"), ([2, 3, 2, 1], "relu"), ([2, 5, 1], "identity"),
    ([7, 4, 3, 1], "gelu"),  # a wider input: features, not just (x1, x2)
    ([3, 2, 1], "leaky_relu"),
])
def test_final_probability_is_the_models_prediction(sizes, activation):
    model = _random_model(sizes, activation, seed=3)
    rng = np.random.default_rng(7)
    for x in rng.uniform(-1.1, 1.1, (10, sizes[0])):
        steps = model_steps(model, x)
        assert len(steps) == len(sizes) - 1
        assert steps[-1].is_output and steps[-1].h.shape == (1,)
        assert abs(steps[-1].h[0] - model.predict_proba(x[None, :])[0]) < 1e-12
        # Each step's h is the next step's input; the first input is x itself.
        assert np.array_equal(steps[0].inputs, x)
        for a, b in pairwise(steps):
            assert np.array_equal(a.h, b.inputs)


def test_z_is_the_sum_of_the_shown_products_plus_the_shown_bias():
    model = _random_model([3, 4, 3, 1], "tanh", seed=11)
    steps = model_steps(model, [0.3, -0.7, 1.05])
    for layer, step in enumerate(steps, start=1):
        for unit in range(step.z.size):
            d = neuron_detail(steps, layer, unit)
            # Plain Python floats, one term at a time: no numpy in the reference.
            total = 0.0
            for w, h, shown in zip(d.weights.tolist(), d.inputs.tolist(), d.products.tolist()):
                assert shown == w * h
                total += w * h
            total += d.bias
            assert math.isclose(d.z, total, rel_tol=1e-12, abs_tol=1e-12)
            expected_h = 1.0 / (1.0 + math.exp(-d.z)) if d.is_output else math.tanh(d.z)
            assert math.isclose(d.h, expected_h, rel_tol=1e-12, abs_tol=1e-15)
            # The bias shown is the model's own.
            assert d.bias == float(model.params[layer - 1][1][unit])


def test_the_output_bias_is_shown():
    model = MLP([2, 1], "tanh", seed=0)
    b = model.params[0][1]
    b[:] = 0.75
    d = neuron_detail(model_steps(model, [0.0, 0.0]), 1, 0)
    assert d.is_output and d.bias == 0.75 and d.z == 0.75
    assert math.isclose(d.h, 1.0 / (1.0 + math.exp(-0.75)), rel_tol=1e-14)


def test_wrong_width_and_bad_neuron_are_refused():
    model = MLP([2, 3, 1], "tanh", seed=0)
    with pytest.raises(ValueError, match="takes 2 inputs"):
        worked_steps(model.params, "tanh", [1.0, 2.0, 3.0])
    steps = model_steps(model, [0.1, 0.2])
    with pytest.raises(ValueError):
        neuron_detail(steps, 3, 0)
    with pytest.raises(ValueError):
        neuron_detail(steps, 1, 3)
