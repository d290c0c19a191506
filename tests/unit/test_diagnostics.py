"""``core.nn.diagnostics``: the reasons a network stalls, found from the network itself."""

import numpy as np
import pytest

from core.nn.mlp import MLP
from core.nn.datasets import make_dataset, train_test_split
from core.nn.diagnostics import (
    FLAT_EPOCHS,
    SATURATED_SHARE,
    diagnose,
    hidden_preactivations,
    unit_slopes,
)
from core.nn.trainer import TrainConfig, Trainer


def split(name="circle", seed=5):
    X, y = make_dataset(name, 300, noise=0.0, seed=seed)
    return train_test_split(X, y, 0.5, seed=seed)


def codes(findings):
    return {f.code: f for f in findings}


def test_preactivations_match_an_independent_forward_pass():
    model = MLP([2, 3, 2, 1], "tanh", seed=1)
    X = np.random.default_rng(0).uniform(-1, 1, (7, 2))
    (W1, b1), (W2, b2), _ = model.params
    z1 = X @ W1 + b1
    z2 = np.tanh(z1) @ W2 + b2
    got = hidden_preactivations(model, X)
    np.testing.assert_allclose(got[0], z1, rtol=1e-14)
    np.testing.assert_allclose(got[1], z2, rtol=1e-14)
    np.testing.assert_allclose(unit_slopes(model, X)[0], 1 - np.tanh(z1) ** 2, rtol=1e-14)


def test_a_relu_unit_with_negative_input_everywhere_is_dead_and_stays_dead():
    data = split()
    model = MLP([2, 3, 1], "relu", seed=0)
    W, b = model.params[0]
    b[1] = -100.0  # unit 2: z < 0 at every point of [-1, 1]²
    trainer = Trainer(TrainConfig(hidden=(3,), activation="relu", seed=0), *data,
                      initial_params=model.copy_params())
    found = codes(diagnose(trainer.model, data[0]))
    assert found["dead_units"].layers == {1: [1]}
    before = trainer.model.copy_params()[0]
    trainer.run(20)
    after = trainer.model.params[0]
    np.testing.assert_array_equal(after[0][:, 1], before[0][:, 1])  # no gradient, no update
    assert after[1][1] == before[1][1]


def test_xor_relu_at_learning_rate_10_is_found_dead():
    data = split("xor")
    t = Trainer(TrainConfig(hidden=(4, 2), activation="relu", optimizer="adam", lr=10.0, seed=5), *data)
    t.run(300)
    found = codes(diagnose(t.model, data[0], t.history))
    assert "dead_units" in found and found["dead_units"].count >= 2
    assert t.metrics()["test_acc"] < 0.7


def test_saturated_tanh_units_are_found():
    data = split()
    t = Trainer(TrainConfig(hidden=(4, 2), activation="tanh", optimizer="adam", lr=10.0, seed=5), *data)
    t.run(300)
    found = codes(diagnose(t.model, data[0]))
    slopes = unit_slopes(t.model, data[0])
    for layer, units in found["saturated_units"].layers.items():
        assert (slopes[layer - 1][:, units].mean(axis=0) < 0.01).all()  # tanh's largest slope is 1
    # A mean, not "at every point": some of these units are steep at some training point,
    # so a text claiming "at every training point" would be false.
    steepest = max(float(slopes[layer - 1][:, units].max()) for layer, units in found["saturated_units"].layers.items())
    assert steepest > SATURATED_SHARE
    assert found["saturated_units"].numbers["share"] == SATURATED_SHARE


def test_all_zeros_makes_twins_that_stay_twins():
    data = split()
    t = Trainer(TrainConfig(hidden=(4, 2), activation="sigmoid", init="zeros", optimizer="adam", seed=5), *data)
    t.run(100)
    found = codes(diagnose(t.model, data[0]))
    assert found["identical_units"].layers.keys() >= {2}
    W, b = t.model.params[1]
    assert np.abs(W - W[:, :1]).max() < 1e-9 and np.abs(b - b[0]).max() < 1e-9
    glorot = Trainer(TrainConfig(hidden=(4, 2), activation="sigmoid", optimizer="adam", seed=5), *data)
    assert "identical_units" not in codes(diagnose(glorot.model, data[0]))


def test_a_flat_loss_is_a_stall_and_a_learning_one_is_not():
    data = split()
    stalled = Trainer(TrainConfig(hidden=(4, 2, 2, 2, 2, 2), activation="sigmoid", optimizer="sgd", seed=5), *data)
    stalled.run(FLAT_EPOCHS + 50)
    flat = codes(diagnose(stalled.model, data[0], stalled.history))["flat_loss"]
    assert flat.numbers["epochs"] >= FLAT_EPOCHS and flat.numbers["accuracy"] < 0.95
    learning = Trainer(TrainConfig(hidden=(4, 2), activation="tanh", optimizer="adam", seed=5), *data)
    learning.run(FLAT_EPOCHS + 50)
    assert diagnose(learning.model, data[0], learning.history) == []


def test_too_short_a_history_is_not_judged():
    data = split()
    t = Trainer(TrainConfig(hidden=(4, 2, 2, 2, 2, 2), activation="sigmoid", optimizer="sgd", seed=5), *data)
    t.run(FLAT_EPOCHS // 2)
    assert "flat_loss" not in codes(diagnose(t.model, data[0], t.history))


@pytest.mark.parametrize("hidden", [(), (1,)])
def test_nothing_to_say_about_logistic_regression_or_a_single_unit(hidden):
    data = split()
    t = Trainer(TrainConfig(hidden=hidden, activation="tanh", seed=1), *data)
    assert "identical_units" not in codes(diagnose(t.model, data[0]))


def test_a_dead_unit_past_the_first_layer_can_come_back():
    """Its input is the layer before, which keeps learning (ReLU, hidden 4,4, SGD 0.3)."""
    data = split(seed=0)
    t = Trainer(TrainConfig(hidden=(4, 4), activation="relu", optimizer="sgd", lr=0.3, batch_size=10, seed=0), *data)
    dead_over_time = []
    for _ in range(10):
        t.run(1)
        found = codes(diagnose(t.model, data[0]))
        dead_over_time.append(found["dead_units"].layers if "dead_units" in found else {})
    first = next(i for i, layers in enumerate(dead_over_time) if layers)
    assert set(dead_over_time[first]) == {2}  # dead in layer 2 …
    assert any(not layers for layers in dead_over_time[first + 1:])  # … and alive again


def test_the_step_has_no_gradient_anywhere_and_is_not_called_dead():
    """Every hidden unit has slope 0 at epoch 0: the finding is "no gradient", which a
    smaller learning rate cannot help, not "dead units"."""
    data = split()
    t = Trainer(TrainConfig(hidden=(4, 2), activation="step", seed=5), *data)
    found = codes(diagnose(t.model, data[0]))
    assert set(found) == {"no_gradient"} and found["no_gradient"].numbers == {"layers": 2}
    before = [W.copy() for W, _ in t.model.params[:-1]]
    t.run(20)
    for W0, (W, _) in zip(before, t.model.params[:-1]):
        np.testing.assert_array_equal(W, W0)  # the hidden layers never move


@pytest.mark.parametrize("activation, f0_is_zero", [("tanh", True), ("relu", True), ("sigmoid", False)])
def test_all_zeros_moves_what_f_of_zero_lets_it(activation, f0_is_zero):
    """f(0) = 0: only the output bias learns. f(0) ≠ 0: the hidden weights grow, yet every
    layer's units stay twins (mlp.py's docstring)."""
    data = split()
    t = Trainer(TrainConfig(hidden=(4, 2), activation=activation, init="zeros", optimizer="adam", seed=5), *data)
    t.run(100)
    weights = [W for W, _ in t.model.params]
    if f0_is_zero:
        assert all(not W.any() for W in weights) and t.model.params[-1][1].any()
    else:
        assert np.abs(weights[0]).max() > 0.01  # from exactly 0
        for W in weights[:-1]:
            assert np.abs(W - W[:, :1]).max() < 1e-9
