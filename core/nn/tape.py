r"""The op tape: how the engine runs a training step with almost no Python in it.

On a tiny network (a few hundred weights) a step is ~20 numpy calls on arrays of a few
dozen numbers; each call costs about a microsecond of overhead and almost nothing of
arithmetic. Python around those calls — attribute look-ups, branches, temporary
arrays — would cost as much again. So the engine *compiles* a step once:

* every array it needs (activations, δs, gradients, optimizer state) is allocated
  before training starts, and every call writes into one of them (``out=``);
* the calls are recorded as a list of ``(function, args)`` pairs, the *tape*;
* training replays the tape: ``for f, args in tape: f(*args)``.

A tape is only valid while its buffers and the constants baked into it (the learning
rate, the batch width) stay the same: change a setting, build the tape again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["Op", "Tape", "axpy", "run", "scal"]

#: One recorded call: ``function(*args)``.
Op = tuple[Callable, tuple]
Tape = list[Op]

try:  # BLAS level-1: one in-place call per vector update, the lowest overhead there is.
    from scipy.linalg.blas import daxpy as _daxpy
    from scipy.linalg.blas import dscal as _dscal
except ImportError:  # pragma: no cover - a scipy without BLAS wrappers
    def _daxpy(x, y, n=None, a=1.0):
        y += a * x
        return y

    def _dscal(a, x):
        x *= a
        return x


def axpy(a: float, x: np.ndarray, y: np.ndarray) -> Op:
    """The op ``y ← y + a·x`` (x, y contiguous float64 vectors; ``a`` baked in)."""
    return (_daxpy, (x, y, x.size, float(a)))


def scal(a: float, x: np.ndarray) -> Op:
    """The op ``x ← a·x`` in place (``a`` baked in)."""
    return (_dscal, (float(a), x))


def run(tape: Sequence[Op]) -> None:
    """Replay ``tape`` once, in order."""
    for f, args in tape:
        f(*args)
