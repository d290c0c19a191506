r"""What each hidden layer does to the plane: a grid of straight lines, and its images.

Draw ``n`` horizontal and ``n`` vertical lines across the square [−LIM, LIM]², each
sampled at ``samples`` points, and push every point through the network. After hidden
layer l the grid lives in ℝ^{units_l}; :func:`layer_images` returns those images.

* A linear layer (identity activation) is an affine map ``h ↦ h·W + b``: it sends
  straight lines to straight lines and parallel lines to parallel lines (the direction
  ``d`` of a line becomes ``d·W`` whatever the point). Stacked, still affine: the
  collapse of the linear-collapse page, seen.
* tanh (or any smooth squashing function) bends the lines but never tears them: a
  continuous map keeps neighbours together.
* ReLU zeroes the negative side of each unit: the image lies in the non-negative
  orthant, and parts of the plane are folded onto its faces.

Projection to the page's two dimensions
---------------------------------------
A 2-unit layer is drawn as it is; a 1-unit layer on the axis h₁ (with 0 as the second
coordinate: the whole plane squeezed onto one line). A wider layer is projected onto
its image's first two principal components: with ``Y`` the image points (rows),
``μ`` their mean and ``Y − μ = U S Vᵀ``, the picture is ``(Y − μ) V[:, :2]`` — the plane
(in the layer's space) that keeps the most of the grid's spread. The projection is
*fitted once per layer and per picture* on the grid's image and then applied to the data
points too, and it is affine, so it keeps lines straight and parallel lines parallel:
what looks bent in the picture is bent in the layer. (Each principal direction's sign
is fixed so its largest entry is positive, so the picture does not flip between frames
for no reason.) :attr:`Projection.kept` is the share of the spread the two directions keep.

The network's input need not be the raw point: ``to_inputs`` maps the (n, 2) points of
the plane to the network's input vectors (features such as x1², sin x1), so the same
pictures work whatever the input width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.nn.activations import ACTIVATIONS
from core.nn.mlp import per_layer_params
from core.nn.plane import LIM

__all__ = ["GridLines", "Projection", "collinearity_residual", "fit_projection", "grid_lines",
           "hidden_images", "layer_images", "projected_layers"]


@dataclass(frozen=True)
class GridLines:
    """``points`` (n_lines, samples, 2): line k's samples in order; ``family[k]`` is
    ``"h"`` (x2 constant, drawn left to right) or ``"v"`` (x1 constant, bottom to top)."""

    points: np.ndarray
    family: tuple[str, ...]

    @property
    def flat(self) -> np.ndarray:
        """All sample points as rows (n_lines·samples, 2)."""
        return self.points.reshape(-1, 2)


def grid_lines(n: int = 11, samples: int = 50, lim: float = LIM) -> GridLines:
    """``n`` horizontal then ``n`` vertical lines over [−lim, lim]², evenly spaced."""
    levels = np.linspace(-lim, lim, n)
    along = np.linspace(-lim, lim, samples)
    horizontal = np.stack([np.column_stack((along, np.full(samples, c))) for c in levels])
    vertical = np.stack([np.column_stack((np.full(samples, c), along)) for c in levels])
    return GridLines(points=np.concatenate([horizontal, vertical]), family=("h",) * n + ("v",) * n)


def hidden_images(params, activation: str, X, act_params: dict | list | None = None) -> list[np.ndarray]:
    """Each hidden layer's output ``h_l`` for the rows of ``X`` (the network's inputs):
    ``h_l = f(h_{l−1} @ W_l + b_l)``; the output layer is not included. ``act_params``:
    one dict for every layer, or one per hidden layer (a PReLU network's learned a,
    :attr:`core.nn.mlp.MLP.hidden_params`)."""
    act = ACTIVATIONS[activation]
    hidden = list(params)[:-1]
    h = np.asarray(X, dtype=np.float64)
    images = []
    with np.errstate(all="ignore"):
        for (W, b), kwargs in zip(hidden, per_layer_params(activation, act_params, len(hidden))):
            h = np.asarray(act.fn(h @ np.asarray(W) + np.asarray(b), **kwargs), dtype=np.float64)
            images.append(h)
    return images


def layer_images(params, activation: str, lines: GridLines, act_params: dict | list | None = None,
                 to_inputs: Callable[[np.ndarray], np.ndarray] | None = None) -> list[np.ndarray]:
    """The grid's image after each hidden layer: one (n_lines, samples, units) array each."""
    X = lines.flat if to_inputs is None else to_inputs(lines.flat)
    n_lines, samples = lines.points.shape[:2]
    return [h.reshape(n_lines, samples, -1) for h in hidden_images(params, activation, X, act_params)]


@dataclass(frozen=True)
class Projection:
    """The affine map ``y ↦ (y − mean) @ basis`` to 2-D (see the module docstring).

    ``kept``: the share of the image's variance the picture keeps (1.0 for ≤ 2 units).
    ``method``: ``"direct"`` (2 units), ``"line"`` (1 unit) or ``"pca"``.
    """

    mean: np.ndarray
    basis: np.ndarray
    kept: float
    method: str

    def __call__(self, Y: np.ndarray) -> np.ndarray:
        Y = np.asarray(Y, dtype=np.float64)
        return (Y - self.mean) @ self.basis


def fit_projection(Y: np.ndarray) -> Projection:
    """The projection of points ``Y`` (rows, any width) to 2-D used by the pictures."""
    Y = np.asarray(Y, dtype=np.float64).reshape(-1, np.shape(Y)[-1])
    units = Y.shape[1]
    if units <= 2:
        basis = np.eye(units, 2)  # 1 unit: (h1, 0); 2 units: as they are
        return Projection(np.zeros(units), basis, 1.0, "line" if units == 1 else "direct")
    finite = Y[np.isfinite(Y).all(axis=1)]
    if finite.shape[0] < 2:
        return Projection(np.zeros(units), np.eye(units, 2), 0.0, "pca")
    mean = finite.mean(axis=0)
    _, s, vt = np.linalg.svd(finite - mean, full_matrices=False)
    basis = vt[:2].T.copy()
    for k in range(2):  # a fixed sign: the largest entry of each direction is positive
        if basis[np.argmax(np.abs(basis[:, k])), k] < 0:
            basis[:, k] *= -1.0
    total = float(np.sum(s**2))
    kept = float(np.sum(s[:2] ** 2) / total) if total > 0 else 1.0
    return Projection(mean, basis, kept, "pca")


def projected_layers(images: list[np.ndarray]) -> list[tuple[np.ndarray, Projection]]:
    """Each layer's image drawn in 2-D: ``(points (n_lines, samples, 2), projection)``."""
    out = []
    for image in images:
        projection = fit_projection(image.reshape(-1, image.shape[-1]))
        out.append((projection(image), projection))
    return out


def collinearity_residual(points: np.ndarray) -> float:
    """How far ``points`` (rows, any width) are from one straight line, relative to their
    extent: the second singular value of the centred points over the first (0 for a
    straight line; 0 also for points that all coincide)."""
    P = np.asarray(points, dtype=np.float64)
    s = np.linalg.svd(P - P.mean(axis=0), compute_uv=False)
    return float(s[1] / s[0]) if s.size > 1 and s[0] > 0 else 0.0
