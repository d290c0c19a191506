r"""What training minimises: a data loss ``L`` plus a weight penalty ``R``.

The network ends in one logit ``z`` per sample; ``p = σ(z) = 1 / (1 + e^{−z})`` is the
probability of class 1 and ``y ∈ {0, 1}`` the label. Over a batch of ``n`` samples::

    L = (1/n) Σ_i ℓ(z_i, y_i)        the mean of a per-sample loss ℓ
    δ_i = ∂ℓ/∂z_i = n · ∂L/∂z_i      what backprop starts from (the engine sums δ over
                                     the batch and divides by n once, at the step)

Data losses (:data:`LOSSES`)
----------------------------
* ``"bce"``, binary cross-entropy, computed from the logit so it never takes log 0::

      ℓ = −y·log p − (1−y)·log(1−p) = softplus((1 − 2y)·z)
      δ = p − y

  (for y = 1: −log σ(z) = log(1 + e^{−z}) = softplus(−z); for y = 0: softplus(z).)
* ``"mse"``, squared error of the probability, with the ½ that TensorFlow Playground
  uses (its ``SQUARE`` error is ½(output − target)²)::

      ℓ = ½ (p − y)²
      δ = (p − y) · p(1 − p)       (σ'(z) = p(1 − p))

Weight penalties (:data:`REGS`; weights only, biases are never penalised)
-------------------------------------------------------------------------
* ``"l2"``: ``R = rate · ½ Σ W²``, ``∂R/∂W = rate · W``
* ``"l1"``: ``R = rate · Σ |W|``, ``∂R/∂W = rate · sign(W)`` (0 at W = 0)
* ``"none"``: ``R = 0``

The penalty is added to the gradient before the optimizer sees it (coupled), so with
Adam this is "Adam + L2", not AdamW.

Each loss and each penalty is one class holding its value and its derivative side by
side, twice: as plain functions (readable; the reference path and the tests use them)
and as tape ops over preallocated buffers (:mod:`core.nn.tape`; the compiled epoch uses
them). The tests check both forms against each other and against central differences.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from core.nn.tape import Tape, axpy

__all__ = [
    "LOSSES", "LOSS_BY_NAME", "PENALTY_BY_NAME", "REGS", "BinaryCrossEntropy",
    "HalfSquaredError", "L1", "L2", "Loss", "NoPenalty", "Penalty", "data_loss",
    "get_loss", "make_penalty",
]


# ------------------------------------------------------------------ data losses


class Loss:
    """A per-sample loss ℓ(z, y) of the logit and its δ = ∂ℓ/∂z (see the module doc).

    Functions take 1-D or (1, n) float arrays and return fresh arrays. Ops write into
    ``out`` (same shape as ``z``; it must not alias ``z`` or ``y``); they read ``z`` and
    ``y`` when the tape runs, so the buffers may be refilled between runs.
    """

    name = ""

    def per_sample(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """ℓ_i for every sample."""
        raise NotImplementedError

    def delta(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """δ_i = ∂ℓ_i/∂z_i for every sample."""
        raise NotImplementedError

    def value(self, z: np.ndarray, y: np.ndarray) -> float:
        """The mean loss L over the samples."""
        return float(np.mean(self.per_sample(np.asarray(z, float), np.asarray(y, float))))

    def per_sample_ops(self, z: np.ndarray, y: np.ndarray, out: np.ndarray) -> Tape:
        """Ops writing ℓ_i into ``out``."""
        raise NotImplementedError

    def delta_ops(self, z: np.ndarray, y: np.ndarray, out: np.ndarray) -> Tape:
        """Ops writing δ_i into ``out``."""
        raise NotImplementedError


class BinaryCrossEntropy(Loss):
    r"""ℓ = softplus((1 − 2y)·z) = −y·log p − (1−y)·log(1−p);  δ = p − y."""

    name = "bce"

    def per_sample(self, z, y):
        return np.logaddexp(0.0, (1.0 - 2.0 * y) * z)  # softplus, never log 0

    def delta(self, z, y):
        return expit(z) - y

    def per_sample_ops(self, z, y, out):
        return [(np.multiply, (y, -2.0, out)),
                (np.add, (out, 1.0, out)),  # 1 − 2y: +1 for a triangle, −1 for a circle
                (np.multiply, (out, z, out)),
                (np.logaddexp, (0.0, out, out))]  # softplus(s·z) = log(1 + e^{s·z})

    def delta_ops(self, z, y, out):
        return [(expit, (z, out)),  # p
                (np.subtract, (out, y, out))]  # p − y


class HalfSquaredError(Loss):
    r"""ℓ = ½ (p − y)²;  δ = (p − y) · p(1 − p), with p = σ(z)."""

    name = "mse"

    def per_sample(self, z, y):
        return 0.5 * (expit(z) - y) ** 2

    def delta(self, z, y):
        p = expit(z)
        return (p - y) * (p * (1.0 - p))

    def per_sample_ops(self, z, y, out):
        return [(expit, (z, out)),
                (np.subtract, (out, y, out)),  # p − y
                (np.multiply, (out, out, out)),
                (np.multiply, (out, 0.5, out))]

    def delta_ops(self, z, y, out):
        p, q = np.empty_like(out), np.empty_like(out)  # scratch, allocated once per tape
        return [(expit, (z, p)),
                (np.subtract, (1.0, p, q)),
                (np.multiply, (p, q, q)),  # σ'(z) = p(1 − p)
                (np.subtract, (p, y, out)),
                (np.multiply, (out, q, out))]  # (p − y)·p(1 − p)


#: name → loss, in the order the page offers them.
LOSS_BY_NAME: dict[str, Loss] = {loss.name: loss for loss in (BinaryCrossEntropy(),
                                                               HalfSquaredError())}
LOSSES = tuple(LOSS_BY_NAME)


def get_loss(name: str) -> Loss:
    """The loss called ``name``; ValueError for an unknown one."""
    try:
        return LOSS_BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(f"loss must be one of {LOSSES}, got {name!r}") from None


def data_loss(z, y, loss: str = "bce") -> float:
    """Mean loss ``L`` from logits ``z`` and labels ``y`` (1-D)."""
    return get_loss(loss).value(z, y)


# ------------------------------------------------------------------ weight penalties


class Penalty:
    """A penalty R(θ) on the weight entries of a flat parameter vector θ.

    ``mask`` is 1 on the entries of θ that are weights and 0 on the biases. Build one
    with :func:`make_penalty`; ``rate`` is its strength.
    """

    name = ""

    def __init__(self, rate: float = 0.0):
        self._rate = float(rate)
        self._rate_mask = (None, None)  # (mask, rate·mask): one per penalty, not per op

    @property
    def rate(self) -> float:
        """The penalty's strength (fixed: make a new penalty for another rate)."""
        return self._rate

    @property
    def active(self) -> bool:
        """False when R is identically 0 (no penalty, or rate 0): skip it."""
        return self.rate != 0.0

    def rate_mask(self, mask: np.ndarray) -> np.ndarray:
        """``rate·mask`` (rate on weights, 0 on biases), computed once for ``mask``: a
        mini-batch tape holds one step per batch, and they can all share it."""
        if self._rate_mask[0] is not mask:
            self._rate_mask = (mask, self.rate * mask)
        return self._rate_mask[1]

    def value(self, theta: np.ndarray, mask: np.ndarray) -> float:
        """R(θ)."""
        raise NotImplementedError

    def grad(self, theta: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """∂R/∂θ (0 on the biases)."""
        raise NotImplementedError

    def grad_ops(self, theta, mask, g, scale: float, out) -> Tape:
        """Ops for ``out ← scale·g + ∂R/∂θ``: the gradient the optimizer steps along.

        ``theta``, ``g`` and ``out`` are contiguous vectors of θ's size; ``rate``,
        ``mask`` and ``scale`` are baked into the ops.
        """
        raise NotImplementedError


class NoPenalty(Penalty):
    """R = 0."""

    name = "none"

    @property
    def active(self) -> bool:
        return False

    def value(self, theta, mask):
        return 0.0

    def grad(self, theta, mask):
        return np.zeros_like(theta)

    def grad_ops(self, theta, mask, g, scale, out):
        return [(np.multiply, (g, float(scale), out))]


class L2(Penalty):
    r"""R = rate · ½ Σ W²;  ∂R/∂W = rate · W."""

    name = "l2"

    def value(self, theta, mask):
        w = theta * mask
        return float(self.rate * 0.5 * np.dot(w, w))

    def grad(self, theta, mask):
        return self.rate * (theta * mask)

    def grad_ops(self, theta, mask, g, scale, out):
        return [(np.multiply, (theta, self.rate_mask(mask), out)),  # rate·W
                axpy(scale, g, out)]


class L1(Penalty):
    r"""R = rate · Σ |W|;  ∂R/∂W = rate · sign(W) (0 at W = 0, as PyTorch's sign)."""

    name = "l1"

    def value(self, theta, mask):
        return float(self.rate * np.abs(theta * mask).sum())

    def grad(self, theta, mask):
        return self.rate * np.sign(theta * mask)

    def grad_ops(self, theta, mask, g, scale, out):
        return [(np.sign, (theta, out)),
                (np.multiply, (out, self.rate_mask(mask), out)),  # rate·sign(W)
                axpy(scale, g, out)]


#: name → penalty class, in the order the page offers them.
PENALTY_BY_NAME: dict[str, type[Penalty]] = {cls.name: cls for cls in (NoPenalty, L1, L2)}
REGS = tuple(PENALTY_BY_NAME)


def make_penalty(name: str, rate: float = 0.0) -> Penalty:
    """The penalty called ``name`` with strength ``rate``; ValueError for an unknown one."""
    try:
        cls = PENALTY_BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(f"reg must be one of {REGS}, got {name!r}") from None
    return cls(rate)
