"""Input features: the registry's values, and the article's claim made live — with x₁², x₂²
a model with no hidden layer separates the circle, with x₁, x₂ it cannot."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.nn.datasets import make_dataset, train_test_split
from core.nn.features import FEATURES, canonical, expand
from core.nn.plane import GridProbe, evaluate_grid, evaluate_neurons, grid_points
from core.nn.session import TrainingSession
from core.nn.trainer import Trainer
from core.state import training as ts

POINTS = np.array([[0.5, -0.25], [-1.0, 1.0], [0.0, 0.3]])
# Each feature at each point, written out by hand from its formula.
BY_HAND = {
    "x1": [0.5, -1.0, 0.0], "x2": [-0.25, 1.0, 0.3], "x1sq": [0.25, 1.0, 0.0],
    "x2sq": [0.0625, 1.0, 0.09], "x1x2": [-0.125, -1.0, 0.0],
    "sinx1": [math.sin(0.5), math.sin(-1.0), 0.0], "sinx2": [math.sin(-0.25), math.sin(1.0), math.sin(0.3)],
}


def test_every_feature_has_labels_in_both_languages_and_a_value():
    assert tuple(FEATURES) == ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")
    for key, feature in FEATURES.items():
        assert feature.label["en"] and feature.label["zh"] and feature.latex
        np.testing.assert_allclose(expand(POINTS, (key,))[:, 0], BY_HAND[key], rtol=0, atol=1e-15)


def test_expand_stacks_columns_in_the_order_given():
    keys = canonical(["sinx2", "x1", "x1x2"])
    assert keys == ("x1", "x1x2", "sinx2")
    out = expand(POINTS, keys)
    assert out.shape == (3, 3)
    np.testing.assert_allclose(out, np.column_stack([BY_HAND[k] for k in keys]), atol=1e-15)


@pytest.mark.parametrize("bad", [(), ("x3",), ("x1", "x1")])
def test_canonical_rejects_empty_unknown_and_repeated(bad):
    with pytest.raises(ValueError):
        canonical(bad)


def circle_split():
    X, y = make_dataset("circle", 500, 0.0, 5)
    return train_test_split(X, y, 0.5, 5)


def linear_config(features):
    return ts.build_config({"hidden": [], "activation": "identity", "features": list(features)})


def test_squares_let_a_linear_model_solve_the_circle():
    trainer = Trainer(linear_config(["x1sq", "x2sq"]), *circle_split())
    assert trainer.model.layer_sizes == (2, 1)  # two inputs: x1², x2²; no hidden layer
    trainer.run(100)
    assert trainer.metrics()["test_acc"] >= 0.95
    # The boundary is the ellipse w1·x1² + w2·x2² + b = 0: the model *is* that formula.
    (W, b), = trainer.model.params
    X_test = circle_split()[2]
    z = W[0, 0] * X_test[:, 0] ** 2 + W[1, 0] * X_test[:, 1] ** 2 + b[0]
    np.testing.assert_allclose(trainer.model.predict_proba(trainer.inputs(X_test)),
                               1 / (1 + np.exp(-z)), rtol=1e-12)


@pytest.mark.parametrize("hidden", [[], [4, 2]])
def test_without_features_a_linear_model_cannot(hidden):
    """x1, x2 alone: any stack of identity layers is one line, far from the circle."""
    config = ts.build_config({"hidden": hidden, "activation": "identity", "features": ["x1", "x2"]})
    trainer = Trainer(config, *circle_split())
    best = 0.0
    for _ in range(6):
        trainer.run(50)
        best = max(best, trainer.metrics()["test_acc"])
    assert best <= 0.70


def test_the_plane_is_evaluated_on_the_same_features():
    features = ("x1sq", "x2sq", "x1x2")
    trainer = Trainer(ts.build_config({"hidden": [3], "features": list(features)}), *circle_split())
    trainer.run(5)
    pts = grid_points(20)
    direct = trainer.model.predict_proba(expand(pts, features)).reshape(20, 20)
    np.testing.assert_allclose(evaluate_grid(trainer.model, 20, features=features), direct, rtol=1e-12)
    hidden = np.tanh(expand(pts, features) @ trainer.model.params[0][0] + trainer.model.params[0][1])
    np.testing.assert_allclose(evaluate_neurons(trainer.model, 20, features=features)[0],
                               hidden.T.reshape(3, 20, 20), rtol=1e-12)
    probe = GridProbe(20)(trainer.model, features)
    assert np.abs(probe.astype(int) - np.round(255 * direct)).max() <= 1


def test_the_session_draws_frames_with_the_features():
    sess = TrainingSession(grid=30)
    config = linear_config(["x1sq", "x2sq"])
    split = circle_split()
    sess.sync(config, split, ("circle",))
    for _ in range(3):
        sess.step()
    expected = evaluate_grid(sess.trainer.model, 30, features=("x1sq", "x2sq"))
    assert np.abs(sess.frame().grid.astype(int) - np.round(255 * expected)).max() <= 1
    # Changing the features starts training over with another input width.
    assert sess.sync(linear_config(["x1", "x2", "x1sq"]), split, ("circle",))
    assert sess.trainer.model.layer_sizes == (3, 1) and sess.epoch == 0


def test_compared_networks_are_fed_the_same_features():
    sess = TrainingSession(grid=16)
    config = ts.build_config({"hidden": [3], "features": ["x1", "x2", "x1x2"]})
    sess.sync(config, circle_split(), ("circle",), compare=("tanh", "relu"))
    sess.step()
    for t in sess.compared:
        assert t.features == ("x1", "x2", "x1x2") and t.model.layer_sizes == (3, 3, 1)
        expected = evaluate_grid(t.model, 16, features=t.features)
        assert np.abs(sess.frame(t).grid.astype(int) - np.round(255 * expected)).max() <= 1
