r"""Input features: what the network is fed, computed from the point ``(x1, x2)``.

The article's way out of a straight boundary is to *bend the input*: feed ``X²``
instead of ``X`` and the same linear model ``Y = W·X² + B`` draws a curve. Here the
learner picks any of

==========  ===========  ==========================================
key         label        value at the point (x1, x2)
==========  ===========  ==========================================
``x1``      x₁           x1
``x2``      x₂           x2
``x1sq``    x₁²          x1²
``x2sq``    x₂²          x2²
``x1x2``    x₁x₂         x1·x2
``sinx1``   sin(x₁)      sin x1
``sinx2``   sin(x₂)      sin x2
==========  ===========  ==========================================

and the network's input layer has one unit per chosen feature, in this (canonical)
order. Why it works: with ``x1sq, x2sq`` and no hidden layer the logit is
``z = w1·x1² + w2·x2² + b``, and ``z = 0`` is an ellipse (a circle when ``w1 = w2``),
so a *linear* model separates the article's circle data.

Everything that evaluates a network on the plane expands the plane's points with
:func:`expand` and the same keys the network was trained on. The values stay in
[-1, 1] for points of [-1, 1]² (sin 1 ≈ 0.84), so no rescaling is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["DEFAULT_FEATURES", "FEATURES", "Feature", "canonical", "expand"]


@dataclass(frozen=True)
class Feature:
    """One input feature: its URL key, its label (en/zh), its formula (LaTeX) and value."""

    key: str
    label: dict[str, str]
    latex: str
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray]


def _same(label: str) -> dict[str, str]:
    return {"en": label, "zh": label}


#: The registry, in canonical order (the order of the network's input units).
FEATURES: dict[str, Feature] = {f.key: f for f in (
    Feature("x1", _same("x₁"), r"x_{1}", lambda x1, x2: x1),
    Feature("x2", _same("x₂"), r"x_{2}", lambda x1, x2: x2),
    Feature("x1sq", _same("x₁²"), r"x_{1}^2", lambda x1, x2: x1 * x1),
    Feature("x2sq", _same("x₂²"), r"x_{2}^2", lambda x1, x2: x2 * x2),
    Feature("x1x2", _same("x₁x₂"), r"x_{1} x_{2}", lambda x1, x2: x1 * x2),
    Feature("sinx1", _same("sin(x₁)"), r"\sin x_{1}", lambda x1, x2: np.sin(x1)),
    Feature("sinx2", _same("sin(x₂)"), r"\sin x_{2}", lambda x1, x2: np.sin(x2)),
)}
DEFAULT_FEATURES: tuple[str, ...] = ("x1", "x2")


def canonical(keys: Sequence[str]) -> tuple[str, ...]:
    """``keys`` as a tuple in the registry's order; ValueError if empty, unknown or repeated."""
    keys = tuple(keys)
    unknown = [k for k in keys if k not in FEATURES]
    if not keys or unknown or len(set(keys)) != len(keys):
        raise ValueError(f"features must be distinct keys of {tuple(FEATURES)}, got {keys}")
    return tuple(k for k in FEATURES if k in keys)


def expand(X, keys: Sequence[str] = DEFAULT_FEATURES) -> np.ndarray:
    """The feature matrix of the points ``X`` (n, 2): float64 (n, len(keys)), column j =
    feature ``keys[j]``. ``keys`` must be canonical (see :func:`canonical`)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"points must be (n, 2), got {X.shape}")
    keys = tuple(keys)
    if keys == DEFAULT_FEATURES:
        return np.ascontiguousarray(X)
    x1, x2 = X[:, 0], X[:, 1]
    out = np.empty((X.shape[0], len(keys)))
    for j, key in enumerate(keys):
        out[:, j] = FEATURES[key].fn(x1, x2)
    return out
