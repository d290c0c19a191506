r"""The plane the data live on, and what a network computes over it.

The data live in [-1, 1]²; pictures show the square [-LIM, LIM]² (LIM = 1.1, a margin
like TensorFlow Playground's) so markers on the edge of the data are whole.
:func:`grid_points` gives the centres of an r × r grid of cells over that square in
image order: row 0 is the *top* (largest x2), columns go left to right in x1, so
``probs.reshape(r, r)`` is already the picture.

:class:`GridProbe` is the live view's fast way to the same probabilities, as bytes:
``q = round(255·p)`` evaluated in float32 with p = σ(z) = ½ + ½·tanh(z / 2), within one
step (1/255) of the float64 model (tested), because float32 ``tanh`` is ~5x faster
here and a byte keeps 8 bits anyway. A :class:`Frame` is one moment of training as the
live view shows it.

A network fed other features than ``(x1, x2)`` (:mod:`core.nn.features`) is evaluated
on the same grid expanded the same way: every function here takes ``features``, the
keys the network was trained on (``trainer.features``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from core.nn.features import DEFAULT_FEATURES, expand

__all__ = ["LIM", "Frame", "GridProbe", "evaluate_grid", "evaluate_neurons", "grid_inputs", "grid_points"]

LIM = 1.1


# --------------------------------------------------------------------- the grid


@functools.lru_cache(maxsize=16)
def grid_points(r: int = 100, lim: float = LIM) -> np.ndarray:
    """Centres of an r × r grid of cells over [-lim, lim]², image order: (r·r, 2).

    Row ``i`` (top to bottom) has x2 = lim − (i + ½)·2lim/r; column ``j`` has
    x1 = −lim + (j + ½)·2lim/r. Read-only and cached.
    """
    r = int(r)
    c = -lim + (np.arange(r) + 0.5) * (2.0 * lim / r)
    x1, x2 = np.meshgrid(c, c[::-1])
    pts = np.column_stack((x1.ravel(), x2.ravel()))
    pts.flags.writeable = False
    return pts


@functools.lru_cache(maxsize=16)
def grid_inputs(r: int = 100, lim: float = LIM, features: tuple[str, ...] = DEFAULT_FEATURES) -> np.ndarray:
    """What a network fed ``features`` sees at the grid's points: (r·r, len(features)).

    Read-only and cached (the grid of a given size never changes)."""
    pts = grid_points(int(r), lim)
    if tuple(features) == DEFAULT_FEATURES:
        return pts
    out = expand(pts, tuple(features))
    out.flags.writeable = False
    return out


def evaluate_grid(model, r: int = 100, lim: float = LIM,
                  features: tuple[str, ...] = DEFAULT_FEATURES) -> np.ndarray:
    """The model's P(class 1) over the r × r grid, in one batched pass: (r, r)."""
    return model.predict_proba(grid_inputs(r, lim, tuple(features))).reshape(r, r)


def evaluate_neurons(model, r: int = 48, lim: float = LIM,
                     features: tuple[str, ...] = DEFAULT_FEATURES) -> list[np.ndarray]:
    """Every hidden neuron's output over the grid: one (units, r, r) array per layer."""
    outs = model.hidden_outputs(grid_inputs(r, lim, tuple(features)))
    return [h.T.reshape(h.shape[1], r, r) for h in outs]


# ------------------------------------------------------------------ the grid


class GridProbe:
    """The network's P(class 1) on an ``r × r`` grid, as bytes, fast (float32).

    ``GridProbe(r)(model, features)`` → uint8 ``(r, r)``: ``round(255·p)``, NaN (a
    diverged network) as 128, the colour of "don't know". The expanded grid of each
    feature set is made once and kept (float32, transposed). Reads only the model's public face
    (``params``, ``act``, ``layer_params``: a PReLU layer's own learned a), so it works for
    any :class:`core.nn.mlp.MLP`.
    """

    def __init__(self, r: int = 100, lim: float = LIM):
        self.r = int(r)
        self.lim = float(lim)
        self._xT: dict[tuple[str, ...], np.ndarray] = {}  # features → (d, r·r) float32
        self._out = np.empty(self.r * self.r, dtype=np.float32)

    def _inputs(self, features: tuple[str, ...]) -> np.ndarray:
        if features not in self._xT:
            pts = grid_inputs(self.r, self.lim, features)
            self._xT[features] = np.ascontiguousarray(pts.T, dtype=np.float32)
        return self._xT[features]

    def __call__(self, model, features: tuple[str, ...] = DEFAULT_FEATURES) -> np.ndarray:
        h = self._inputs(tuple(features))
        last = len(model.params) - 1
        with np.errstate(all="ignore"):
            for i, (W, b) in enumerate(model.params):
                z = W.T.astype(np.float32) @ h
                z += b.astype(np.float32)[:, None]
                h = z if i == last else self._activate(model, z, i)
            p = self._out
            np.multiply(h[0], np.float32(0.5), out=p)
            np.tanh(p, out=p)  # 2p − 1
            p *= np.float32(127.5)
            p += np.float32(128.0)  # 255·p + ½: truncation rounds
            np.clip(p, 0.0, 255.0, out=p)
            p[np.isnan(p)] = 128.0
        return p.astype(np.uint8).reshape(self.r, self.r)

    @staticmethod
    def _activate(model, z: np.ndarray, layer: int) -> np.ndarray:
        """f(z) for hidden layer ``layer``: in place in float32 when the catalog entry has
        fast ops (their ``forward32``; sigmoid as ½ + ½·tanh(z/2)), else the entry's
        ``fn`` in float64 with the layer's parameters, back to float32."""
        fast = model.act.fast
        if fast is not None:
            return fast.forward32(z)
        out = model.act.fn(z.astype(np.float64), **model.layer_params(layer))
        return np.asarray(out, dtype=np.float32)


# ------------------------------------------------------------------ frames


@dataclass
class Frame:
    """One picture of training: the state after ``epoch`` epochs.

    ``figures`` = (train loss, test loss, train accuracy, test accuracy); ``grad_norms``
    the per-layer ‖∂L/∂W_l‖ (layer 1 first); ``grid`` the uint8 probability grid.
    """

    epoch: int
    figures: tuple[float, float, float, float]
    grad_norms: tuple[float, ...]
    grid: np.ndarray = field(repr=False)
