r"""How a gradient becomes a step: SGD, momentum and Adam, with PyTorch's rules and defaults.

``g`` is the mean gradient of the batch objective (data loss plus penalty, see
:mod:`core.nn.losses`); every optimizer updates the flat parameter vector θ in place::

    sgd       θ ← θ − lr·g                          (torch.optim.SGD)
    momentum  v ← μ·v + g;  θ ← θ − lr·v             (torch.optim.SGD, momentum=0.9)
              μ = 0.9; v starts at 0, so the first step is plain SGD
    adam      t ← t + 1
              m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²
              θ ← θ − lr/(1−β1ᵗ) · m / (sqrt(v)/sqrt(1−β2ᵗ) + ε)
              β1 = 0.9, β2 = 0.999, ε = 1e-8        (torch.optim.Adam)

Momentum lets steps build up along a direction the gradient keeps pointing to. Adam
divides each coordinate's step by a running estimate of that coordinate's gradient
size, so every weight moves at a similar pace whatever the scale of its gradient; the
bias corrections ``1/(1−βᵗ)`` undo the pull towards 0 of moments that start at 0.

One interface: ``make_optimizer(name, size, lr)`` gives an :class:`Optimizer` whose
:meth:`~Optimizer.ops` returns the update as tape ops (:mod:`core.nn.tape`) and whose
:meth:`~Optimizer.step` runs it once. The ops bake in ``lr`` and the gradient's scale:
after changing ``lr``, build them again. Adam's step count lives in the tape as one tiny
op that advances ``t`` and writes the two bias corrections into preallocated scalars.
"""

from __future__ import annotations

import math

import numpy as np

from core.nn.tape import Tape, axpy, run, scal

__all__ = ["OPTIMIZERS", "OPTIMIZER_BY_NAME", "SGD", "Adam", "Momentum", "Optimizer",
           "make_optimizer"]


class Optimizer:
    """Updates a flat parameter vector of ``size`` entries with learning rate ``lr``."""

    name = ""

    def __init__(self, size: int, lr: float):
        self.size = int(size)
        self.lr = float(lr)

    def ops(self, theta: np.ndarray, g: np.ndarray, scale: float) -> Tape:
        """Ops for one update along the gradient ``scale·g`` (``g`` may be overwritten).

        ``theta`` and ``g`` are contiguous float64 vectors of ``size`` entries.
        """
        raise NotImplementedError

    def step(self, theta: np.ndarray, g: np.ndarray, scale: float = 1.0) -> None:
        """One update now (builds the ops and runs them once)."""
        run(self.ops(theta, g, scale))


class SGD(Optimizer):
    """θ ← θ − lr·g."""

    name = "sgd"

    def ops(self, theta, g, scale):
        return [axpy(-self.lr * scale, g, theta)]


class Momentum(Optimizer):
    """PyTorch's SGD with momentum μ = 0.9 (no dampening, not Nesterov):
    v ← μ·v + g;  θ ← θ − lr·v."""

    name = "momentum"

    def __init__(self, size: int, lr: float, momentum: float = 0.9):
        super().__init__(size, lr)
        self.momentum = float(momentum)
        self.velocity = np.zeros(self.size)

    def ops(self, theta, g, scale):
        v = self.velocity
        return [scal(self.momentum, v),  # v ← μ·v
                axpy(scale, g, v),  # v ← v + g
                axpy(-self.lr, v, theta)]  # θ ← θ − lr·v


class Adam(Optimizer):
    """PyTorch's Adam (β1 0.9, β2 0.999, ε 1e-8, no weight decay, not AMSGrad)."""

    name = "adam"

    def __init__(self, size: int, lr: float, betas=(0.9, 0.999), eps: float = 1e-8):
        super().__init__(size, lr)
        self.beta1, self.beta2 = (float(b) for b in betas)
        self.eps = float(eps)
        self.t = 0
        self.m = np.zeros(self.size)
        self.v = np.zeros(self.size)
        self.scratch = np.zeros(self.size)
        # Written by advance() each step and read by the ops that follow it: the
        # two numbers that change with t, in arrays so the tape needs no rebuilding.
        self.eps_c = np.zeros(())  # ε·sqrt(1 − β2ᵗ)
        self.neg_step = np.zeros(())  # −lr·sqrt(1 − β2ᵗ) / (1 − β1ᵗ)

    def advance(self) -> None:
        """t ← t + 1 and the bias corrections for the new t (the tape's one Python op).

        ``lr/(1−β1ᵗ) · m / (sqrt(v)/c + ε)`` with ``c = sqrt(1−β2ᵗ)`` is, multiplied
        through by c, ``lr·c/(1−β1ᵗ) · m / (sqrt(v) + ε·c)``: one scalar on each side.
        """
        self.t += 1
        c = math.sqrt(1.0 - self.beta2 ** self.t)
        self.eps_c[...] = self.eps * c
        self.neg_step[...] = -self.lr * c / (1.0 - self.beta1 ** self.t)

    def ops(self, theta, g, scale):
        b1, b2, m, v, tmp = self.beta1, self.beta2, self.m, self.v, self.scratch
        return [
            (self.advance, ()),
            scal(b1, m), axpy((1.0 - b1) * scale, g, m),  # m ← β1·m + (1−β1)·ĝ, ĝ = scale·g
            (np.multiply, (g, g, tmp)),
            scal(b2, v), axpy((1.0 - b2) * scale * scale, tmp, v),  # v ← β2·v + (1−β2)·ĝ²
            (np.sqrt, (v, tmp)),
            (np.add, (tmp, self.eps_c, tmp)),
            (np.divide, (m, tmp, tmp)),
            (np.multiply, (tmp, self.neg_step, tmp)),
            (np.add, (theta, tmp, theta)),  # θ ← θ − lr·c/(1−β1ᵗ) · m/(sqrt(v) + ε·c)
        ]


#: name → optimizer class, in the order the page offers them.
OPTIMIZER_BY_NAME: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Momentum, Adam)}
OPTIMIZERS = tuple(OPTIMIZER_BY_NAME)


def make_optimizer(name: str, size: int, lr: float) -> Optimizer:
    """An optimizer for a flat parameter vector of ``size`` entries."""
    try:
        cls = OPTIMIZER_BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {name!r}") from None
    return cls(size, lr)
