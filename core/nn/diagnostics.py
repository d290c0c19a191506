r"""What is going on inside a training network, in words a learner can act on.

A stalled network looks like a broken app: the picture stops changing, accuracy sits at
50 %, the neuron maps go blank. :func:`diagnose` finds the usual reasons from the
network and its training data, with the numbers to say them:

* **no gradient at all** — the activation's slope is 0 everywhere it is defined (the
  step): δ = (δ_next·Wᵀ) ⊙ f′(z) = 0 in every hidden layer, whatever the weights or the
  learning rate, so only the output layer learns. Reported instead of "dead units".
* **dead units** — a hidden unit whose slope f′(z) is 0 at every training point (a
  ReLU whose input is negative everywhere). No gradient passes through it:
  δ = (δ_next·Wᵀ) ⊙ f′(z) = 0, so its incoming weights get no gradient of the loss. In
  the first hidden layer its input is the data, which never changes, so it stays dead;
  in a later layer its input is the layer before, which keeps learning, so it can come
  back (ReLU, hidden 4,4, SGD at 0.3, seed 0: a unit of layer 2 dead at epoch 1 is alive
  at epoch 4).
* **saturated units** — a unit whose slope is almost 0 on average over the training
  points (a sigmoid or tanh pushed far out): the mean of |f′(z)| over the points is
  below :data:`SATURATED_SHARE` of the function's largest slope. It still learns, but
  very slowly.
* **identical units** — all units of a layer have the same incoming weights and bias.
  They then compute the same output and receive the same update, so they stay twins
  forever: the symmetry that "all zeros" initialisation never breaks.
* **a flat loss** — the training loss has moved by less than 0.1 % over the last
  :data:`FLAT_EPOCHS` epochs while the training accuracy is below 95 %.

The forward pass here is the plain one, ``z_l = h_{l−1} W_l + b_l``, ``h_l = f(z_l)``,
written from the model's public ``params``: it is read-only and independent of the
trainer's compiled one.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field

import numpy as np

from core.nn.activations import ACTIVATIONS

__all__ = ["FLAT_EPOCHS", "Finding", "diagnose", "hidden_preactivations", "unit_slopes"]

#: Epochs of history a flat loss is judged over.
FLAT_EPOCHS = 200
#: A unit whose mean |f′| is below this share of the function's largest slope is saturated.
SATURATED_SHARE = 0.01


@dataclass(frozen=True)
class Finding:
    """One thing worth telling the learner: ``code`` names it, ``layers`` maps a hidden
    layer (1 = the first) to its units concerned (0-based), ``numbers`` fill the text."""

    code: str
    layers: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(units) for units in self.layers.values())


def hidden_preactivations(model, X) -> list[np.ndarray]:
    """z of every hidden layer for the rows of ``X``: one (n, units) array per layer
    (each layer with its own parameters: a PReLU layer's learned a)."""
    act = ACTIVATIONS[model.activation]
    h, out = np.asarray(X, dtype=np.float64), []
    with np.errstate(all="ignore"):
        for (W, b), params in zip(model.params[:-1], model.hidden_params):
            z = h @ W + b
            out.append(z)
            h = act.fn(z, **params)
    return out


def unit_slopes(model, X) -> list[np.ndarray]:
    """|f′(z)| of every hidden unit at every row of ``X``: one (n, units) array per layer."""
    act = ACTIVATIONS[model.activation]
    with np.errstate(all="ignore"):
        return [np.abs(act.grad(z, **params))
                for z, params in zip(hidden_preactivations(model, X), model.hidden_params)]


def _largest_slope(model) -> float:
    """max |f′| of the activation, read off a wide grid (the tests check it for sigmoid: ¼);
    with a learned a, the largest over the layers."""
    return max((_largest_slope_of(model.activation, tuple(sorted((k, float(v)) for k, v in params.items())))
                for params in model.hidden_params), default=0.0)


@functools.lru_cache(maxsize=512)
def _largest_slope_of(activation: str, params: tuple) -> float:
    # Depends on the function and its parameters only: a class of learners diagnosing
    # their networks every few seconds asks the same few questions (4,001 derivatives each).
    x = np.linspace(-10.0, 10.0, 4001)
    with np.errstate(all="ignore"):
        return float(np.nanmax(np.abs(ACTIVATIONS[activation].grad(x, **dict(params)))))


def _dead_and_saturated(model, X) -> tuple[dict, dict]:
    dead, saturated = {}, {}
    largest = _largest_slope(model)
    for layer, slopes in enumerate(unit_slopes(model, X), start=1):
        finite = np.where(np.isfinite(slopes), slopes, 0.0)
        never = np.flatnonzero((finite == 0.0).all(axis=0))
        if never.size:
            dead[layer] = [int(u) for u in never]
        weak = np.flatnonzero(finite.mean(axis=0) < SATURATED_SHARE * largest)
        weak = [int(u) for u in weak if u not in set(never)]
        if weak and largest > 0:
            saturated[layer] = weak
    return dead, saturated


#: Units whose weights differ by less than this (relative to the largest weight) are
#: twins: floating-point rounding leaves differences of ~1e-15, and they do not grow.
TWIN_TOLERANCE = 1e-9


def _identical_layers(model) -> tuple[dict, float]:
    """Hidden layers (≥ 2 units) whose units all have the same incoming weights and bias,
    and the largest difference between two such units' weights."""
    twins, widest = {}, 0.0
    for layer, (W, b) in enumerate(model.params[:-1], start=1):
        if W.shape[1] < 2:
            continue
        wb = np.vstack((W, b))
        diff = float(np.abs(wb - wb[:, :1]).max())
        if diff <= TWIN_TOLERANCE * (1.0 + float(np.abs(wb).max())):
            twins[layer] = list(range(W.shape[1]))
            widest = max(widest, diff)
    return twins, widest


def _flat_loss(history) -> dict | None:
    epochs = np.asarray(history.epoch)
    if len(epochs) < 2 or epochs[-1] - epochs[0] < FLAT_EPOCHS:
        return None
    start = int(np.searchsorted(epochs, epochs[-1] - FLAT_EPOCHS))
    loss = np.asarray(history.train_loss)[start:]
    acc = float(np.asarray(history.train_acc)[-1])
    if not np.isfinite(loss).all() or acc >= 0.95:
        return None
    change = float(abs(loss[-1] - loss[0]) / max(abs(loss[0]), 1e-12))
    if change >= 1e-3:
        return None
    return {"epochs": int(epochs[-1] - epochs[start]), "loss": float(loss[-1]), "accuracy": acc}


def diagnose(model, X_train, history=None) -> list[Finding]:
    """Everything worth saying about ``model`` on its training points (and its history)."""
    findings = []
    if len(model.params) > 1 and _largest_slope(model) == 0.0:
        findings.append(Finding("no_gradient", {}, {"layers": len(model.params) - 1}))
    elif len(model.params) > 1:
        dead, saturated = _dead_and_saturated(model, X_train)
        twins, widest = _identical_layers(model)
        units = sum(W.shape[1] for W, _ in model.params[:-1])
        if dead:
            findings.append(Finding("dead_units", dead, {"units": units}))
        if saturated:
            findings.append(Finding("saturated_units", saturated, {"units": units, "share": SATURATED_SHARE}))
        if twins:
            findings.append(Finding("identical_units", twins, {"layers": len(twins), "difference": widest}))
    flat = _flat_loss(history) if history is not None else None
    if flat:
        findings.append(Finding("flat_loss", {}, flat))
    return findings
