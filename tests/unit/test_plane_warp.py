"""The grid's images: straight and parallel through linear layers, bent by tanh, folded by ReLU."""

from __future__ import annotations

import numpy as np
import pytest

from core.lessons.plane_warp import (
    collinearity_residual,
    fit_projection,
    grid_lines,
    layer_images,
    projected_layers,
)
from core.nn.mlp import MLP
from core.nn.plane import LIM


def _distance_from_chord(points: np.ndarray) -> float:
    """Largest distance of the points from the straight line through the first and the
    last one, relative to that chord's length (plain geometry, independent of the SVD)."""
    a, b = points[0], points[-1]
    d = b - a
    length = np.linalg.norm(d)
    rel = points - a
    along = rel @ d / length**2
    off = rel - along[:, None] * d
    return float(np.max(np.linalg.norm(off, axis=1)) / length)


def _model(sizes, activation, seed=0, scale=1.0):
    model = MLP(sizes, activation, seed=seed)
    rng = np.random.default_rng(seed)
    model.params = [(W * scale, rng.normal(0, 0.3, b.shape)) for W, b in model.params]
    return model


def test_the_grid_is_straight_lines_across_the_square():
    lines = grid_lines(11, 50)
    assert lines.points.shape == (22, 50, 2) and lines.family == ("h",) * 11 + ("v",) * 11
    assert np.allclose(lines.points[:11, :, 1].std(axis=1), 0)  # horizontal: x2 fixed
    assert np.allclose(lines.points[11:, :, 0].std(axis=1), 0)
    assert lines.flat.min() == -LIM and lines.flat.max() == LIM


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 5, 1], [2, 8, 3, 2, 1], [2, 1, 1]])
def test_identity_layers_keep_lines_straight_and_parallel(sizes):
    model = _model(sizes, "identity", seed=4, scale=2.0)
    lines = grid_lines()
    images = layer_images(model.params, "identity", lines)
    assert [im.shape for im in images] == [(22, 50, u) for u in sizes[1:-1]]
    for image, (flat, _) in zip(images, projected_layers(images)):
        for k in range(22):
            assert collinearity_residual(image[k]) < 1e-9
            if sizes[1:-1] != [1] and np.ptp(flat[k], axis=0).max() > 1e-9:
                assert _distance_from_chord(flat[k]) < 1e-9  # the picture too
        # Parallel: every line of a family has the same direction (up to length).
        for family in (slice(0, 11), slice(11, 22)):
            d = image[family, -1] - image[family, 0]
            d = d / np.linalg.norm(d, axis=1, keepdims=True)
            assert np.allclose(np.abs(d @ d[0]), 1.0, atol=1e-9)


def test_tanh_bends_a_line():
    """Steep tanh units: a grid line through the middle crosses their curved part."""
    model = MLP([2, 2, 1], "tanh", seed=0)
    model.params = [(np.array([[3.0, 0.5], [0.0, 2.0]]), np.array([0.0, 0.2])), model.params[1]]
    image = layer_images(model.params, "tanh", grid_lines())[0]
    bends = [_distance_from_chord(image[k]) for k in range(22)]
    assert max(bends) > 0.05
    # Bends without tearing: consecutive samples stay close (each step ≤ Lipschitz × step).
    steps = np.linalg.norm(np.diff(image, axis=1), axis=2)
    assert steps.max() <= 3.5 * (2 * LIM / 49) + 1e-12


def test_relu_images_lie_in_the_non_negative_orthant_and_fold():
    model = _model([2, 6, 3, 1], "relu", seed=2)
    images = layer_images(model.params, "relu", grid_lines())
    for image in images:
        assert image.min() >= 0.0
    assert (images[0] == 0.0).any()  # some of the plane lands on a face: folded


def test_wide_layer_projection_is_affine_and_keeps_the_most_spread():
    rng = np.random.default_rng(1)
    Y = rng.normal(size=(300, 5)) * np.array([5.0, 3.0, 0.1, 0.1, 0.1])
    p = fit_projection(Y)
    assert p.method == "pca" and 0.99 < p.kept <= 1.0
    # Affine: the image of a midpoint is the midpoint of the images.
    a, b = rng.normal(size=(2, 5))
    assert np.allclose(p((a + b) / 2), (p(a) + p(b)) / 2, atol=1e-12)
    # The two kept directions are the two wide axes (numpy's own covariance as reference).
    eigvals, eigvecs = np.linalg.eigh(np.cov(Y.T))
    top = eigvecs[:, np.argsort(eigvals)[::-1][:2]]
    assert np.allclose(np.abs(top.T @ p.basis), np.eye(2), atol=1e-9)


def test_two_and_one_unit_layers_are_drawn_as_they_are():
    Y = np.array([[1.0, 2.0], [3.0, -4.0]])
    assert np.array_equal(fit_projection(Y)(Y), Y)
    one = fit_projection(np.array([[1.5], [-2.0]]))
    assert np.array_equal(one(np.array([[1.5], [-2.0]])), [[1.5, 0.0], [-2.0, 0.0]])


def test_inputs_can_be_features_of_the_plane():
    """The net may read (x1, x2, x1²): the grid goes through ``to_inputs`` first."""
    model = _model([3, 2, 1], "identity", seed=5)
    lines = grid_lines(5, 20)
    def feats(P):
        return np.column_stack((P, P[:, 0] ** 2))
    image = layer_images(model.params, "identity", lines, to_inputs=feats)[0]
    W, b = model.params[0]
    assert np.allclose(image.reshape(-1, 2), feats(lines.flat) @ W + b, atol=1e-12)
    # x1² bends the horizontal lines even through a linear layer.
    assert max(_distance_from_chord(image[k]) for k in range(5)) > 1e-3
