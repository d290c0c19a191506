"""What the training page says about training, checked against the trainer itself.

Each test backs a sentence of ``core/texts/training.py`` (named in its docstring): if
the trainer ever behaves otherwise, the sentence has become false.
"""

import numpy as np
import pytest

from core.lessons.collapse import collapse
from core.nn.datasets import make_dataset, train_test_split
from core.nn.trainer import TrainConfig, Trainer
from core.state import training as ts


@pytest.fixture(scope="module")
def circle():
    X, y = make_dataset("circle", 500, noise=0.0, seed=5)
    return train_test_split(X, y, 0.5, seed=5)


def test_step_freezes_the_hidden_layers_and_only_the_output_learns(circle):
    """trn_try, trn_hint_step: the hidden layers never move; the output layer learns."""
    t = Trainer(TrainConfig(hidden=(4, 2), activation="step", optimizer="adam", seed=5), *circle)
    before = t.model.copy_params()
    loss0 = t.metrics()["train_loss"]
    t.run(100)
    after = t.model.params
    for (W0, b0), (W1, b1) in zip(before[:-1], after[:-1]):
        np.testing.assert_array_equal(W1, W0)
        np.testing.assert_array_equal(b1, b0)
    assert np.abs(after[-1][0] - before[-1][0]).max() > 0.05
    assert t.metrics()["train_loss"] != loss0


def test_identity_is_one_affine_map_and_no_line_separates_the_circle(circle):
    """trn_try, trn_hint_identity: the network is one affine map (a straight boundary),
    and accuracy stays far from 100 %."""
    t = Trainer(TrainConfig(hidden=(4, 2), activation="identity", optimizer="adam", seed=5), *circle)
    t.run(300)
    W, b = collapse([W for W, _ in t.model.params], [b for _, b in t.model.params])
    X = np.random.default_rng(1).uniform(-1, 1, (50, 2))
    np.testing.assert_allclose(t.model.logits(X), (X @ W + b).ravel(), rtol=1e-10, atol=1e-12)
    assert t.metrics()["test_acc"] < 0.75


def test_vanishing_gradients_stop_sgd_but_not_adam(circle):
    """trn_try, trn_grad_caption: with 6 sigmoid layers layer 1's gradient is tiny; with SGD
    it then barely moves, with Adam (each step divided by the gradient's size) it moves."""
    moved = {}
    for optimizer in ("sgd", "adam"):
        t = Trainer(TrainConfig(hidden=(4, 2, 2, 2, 2, 2), activation="sigmoid", optimizer=optimizer,
                                lr=0.03, seed=5), *circle)
        W0 = t.model.params[0][0].copy()
        t.run(200)
        assert t.grad_norms[0] < 1e-4 and t.grad_norms[0] < t.grad_norms[-1] / 10
        moved[optimizer] = np.linalg.norm(t.model.params[0][0] - W0) / np.linalg.norm(W0)
    assert moved["sgd"] < 1e-3 and moved["adam"] > 0.1, moved


def test_unbounded_identity_with_sgd_at_rate_10_blows_up(circle):
    """trn_try: identity with SGD at learning rate 10 diverges."""
    t = Trainer(TrainConfig(hidden=(4, 2), activation="identity", optimizer="sgd", lr=10.0, seed=5), *circle)
    t.run(50)
    assert t.diverged


def test_zeros_leave_the_units_of_a_layer_identical(circle):
    """trn_init_help: with all zeros every unit of a layer stays the same."""
    t = Trainer(TrainConfig(hidden=(4, 3), activation="tanh", init="zeros", optimizer="adam", seed=5), *circle)
    t.run(50)
    for W, b in t.model.params[:-1]:
        assert np.abs(W - W[:, :1]).max() == 0 and np.abs(b - b[0]).max() == 0


def _spiral_run(settings: dict, epochs: int) -> float:
    """Test accuracy after ``epochs`` epochs of the training page with ``settings`` on the spiral."""
    from core.guide.path import training_split

    state = {**ts.DEFAULTS, "dataset": "spiral", **settings}
    trainer = Trainer(ts.build_config(state), *training_split(state))
    trainer.run(epochs)
    return trainer.metrics()["test_acc"]


@pytest.mark.parametrize("seed", [0, 1, 5, 7, 8])
def test_the_spiral_is_beyond_the_default_network_and_the_recipe_learns_it(seed):
    """trn_beyond: at the defaults the spiral stays far below 95 %; the offered recipe
    (hidden 16,16, ReLU, learning rate 0.01) passes it within a thousand epochs (seeds 1, 7
    and 8 are where the earlier recipe, 8,8,8 tanh, fell short on another CPU's rounding)."""
    need = ts.BEYOND["spiral"]
    assert ts.beyond_network({**ts.DEFAULTS, "dataset": "spiral"}) == need
    assert ts.beyond_network({**ts.DEFAULTS, "dataset": "spiral", **need["recipe"]}) is None
    assert _spiral_run({"seed": seed}, 1000) < 0.8
    assert _spiral_run({"seed": seed, **need["recipe"]}, 1000) >= 0.95
