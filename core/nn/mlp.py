r"""A small multilayer perceptron: its parameters, and a plain forward and backward pass.

The network
-----------
Rows of ``X`` are samples. With ``h_0 = x`` and hidden layers ``l = 1 … L−1``::

    z_l = h_{l−1} @ W_l + b_l        W_l: (fan_in, fan_out), b_l: (fan_out,)
    h_l = f(z_l)                     f: the chosen activation (ACTIVATIONS[key])
    z_L = h_{L−1} @ W_L + b_L        one output unit: the logit
    p   = σ(z_L) = 1 / (1 + e^{−z_L})   the probability of class 1 (circles)

``layer_sizes = [2, 4, 2, 1]`` means 2 inputs, hidden layers of 4 and 2 units, one
output; ``[2, 1]`` (no hidden layer) is logistic regression.

The loss ``L`` (mean over the batch) and the penalty ``R`` are defined, with their
derivatives, in :mod:`core.nn.losses`. :meth:`MLP.loss_and_grads` returns the objective
``L + R`` and its gradient (with the default ``reg="none"`` that is the plain mean BCE).

Backward pass: the chain rule, layer by layer, from the output down
--------------------------------------------------------------------
``δ_l = ∂L/∂z_l`` is how much the loss changes with layer l's pre-activation::

    δ_L = ∂L/∂z_L = δ(z_L, y) / n               (the loss's δ, see core.nn.losses)
    ∂L/∂W_l = h_{l−1}ᵀ δ_l,   ∂L/∂b_l = Σ_rows δ_l
    δ_{l−1} = (δ_l W_lᵀ) ⊙ f'(z_{l−1})          z_{l−1} reaches L only through h_{l−1}

This module does exactly that, in plain numpy (:meth:`MLP.forward`,
:meth:`MLP.backward`): it is the reference. Training runs a compiled version of the
same passes (:mod:`core.nn.compiled`), and the tests check that the two agree.

A learned activation parameter: PReLU's slope
----------------------------------------------
PReLU, ``f(z) = z`` for z > 0 and ``a·z`` otherwise, *learns* its slope ``a`` (He et
al. 2015). As PyTorch's ``nn.PReLU()`` (``num_parameters=1``), every hidden layer l has
one ``a_l``, shared by its units, starting at the catalog's default 0.25. It reaches the
loss through every unit and every sample of its layer, so its gradient is a sum::

    ∂L/∂a_l = Σ_{samples, units} (∂L/∂h_l) ⊙ ∂f/∂a(z_l),    ∂f/∂a(z) = min(0, z)

where ``∂L/∂h_l = δ_{l+1} W_{l+1}ᵀ`` is the same back-propagated error that gives
``δ_l = (∂L/∂h_l) ⊙ f'(z_l)``, with ``f'(z) = 1`` for z > 0 and ``a_l`` otherwise. The
catalog says which parameter is learned and gives ∂f/∂a (``Activation.learned``,
``grad_learned``), so nothing here is PReLU's own.

Initialisation (seeded by ``numpy.random.default_rng(seed)``, layer by layer)
------------------------------------------------------------------------------
* ``"glorot"`` (Xavier uniform): ``W ~ U(−a, a)``, ``a = sqrt(6 / (fan_in + fan_out))``
  — keeps the variance of tanh/sigmoid-like signals steady through the layers.
* ``"he"`` (Kaiming uniform): ``a = sqrt(6 / fan_in)`` — ReLU-like units zero half
  their inputs, so they need twice the variance.
* ``"zeros"``: every weight 0. The units of a layer then compute the same value and get
  the same update, so they stay identical (the symmetry problem). What else moves
  depends on f(0): with f(0) = 0 (tanh, ReLU, identity) every hidden value is 0, so no
  weight gets a gradient and only the output bias learns; with f(0) ≠ 0 (sigmoid: ½)
  the output weights get a gradient, pass one back, and the hidden weights grow, but
  each layer still acts as one unit.
* ``"auto"``: ``"he"`` for the ReLU family (the catalog's :data:`core.nn.activations.HE_ACTIVATIONS`), otherwise
  ``"glorot"``. The output layer (a sigmoid) always uses Glorot unless ``"zeros"``.

Biases start at 0.

Storage
-------
All parameters live in one flat vector ``theta`` (an optimizer step is then one BLAS
call, and SGD, momentum and Adam update a learned slope exactly as they update a
weight). Layer l occupies ``W̃_l = [W_l; b_l]``, a (fan_in+1, fan_out) block of it: its
weights row by row, then its bias. ``params`` hands out ``(W, b)`` views into it, as it
always has; a PReLU network's slopes follow the last layer's block, one per hidden layer,
and ``slopes`` hands them out (an empty array for every other activation, whose
``theta`` is exactly the layers' blocks).

The penalties (L1, L2) are on the weights W only: not on the biases, and not on the
slopes. He et al. (2015, §2.1) train a without weight decay because decay pulls a
towards 0, that is, PReLU towards ReLU; PyTorch's documentation of ``nn.PReLU`` says the
same. (An optimizer's own ``weight_decay`` in PyTorch would decay every parameter,
slopes included; this app has none.)
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from core.nn.activations import ACTIVATIONS, HE_ACTIVATIONS, auto_init
from core.nn.losses import get_loss, make_penalty

__all__ = ["HE_ACTIVATIONS", "INITS", "MLP", "auto_init", "per_layer_params"]

INITS = ("auto", "glorot", "he", "zeros")



def per_layer_params(activation: str, act_params, n_hidden: int) -> list[dict]:
    """The activation's parameters in each of ``n_hidden`` hidden layers, defaults filled in.

    ``act_params``: None (the defaults), one dict for every layer, or a list of one dict
    per layer (:attr:`MLP.hidden_params`: a PReLU layer's own learned a). For code that
    computes a network's pass from its ``params`` without the model."""
    defaults = ACTIVATIONS[activation].params
    if act_params is None or isinstance(act_params, dict):
        return [{**defaults, **(act_params or {})}] * n_hidden
    per_layer = list(act_params)
    if len(per_layer) != n_hidden:
        raise ValueError(f"expected parameters for {n_hidden} hidden layers, got {len(per_layer)}")
    return [{**defaults, **p} for p in per_layer]


class MLP:
    """Fully connected network with one sigmoid output (see the module docstring).

    ``MLP(layer_sizes, activation, seed=0, init="auto", act_params=None, fast=True)``:
    ``activation`` is a key of ``ACTIVATIONS`` used by every hidden layer;
    ``act_params`` overrides its parameters (e.g. ``{"negative_slope": 0.1}``);
    ``fast=False`` tells compiled code not to use the activation's fast ops (its catalog
    entry's ``fast``: f in place, f' from the output, as for tanh/sigmoid/relu/identity),
    but the registry's ``fn``/``grad`` like every other activation.
    """

    def __init__(self, layer_sizes, activation: str = "tanh", seed: int = 0,
                 init: str = "auto", act_params: dict | None = None, fast: bool = True):
        sizes = tuple(int(s) for s in layer_sizes)
        if len(sizes) < 2 or min(sizes) < 1 or sizes[-1] != 1:
            raise ValueError(f"layer_sizes must be [inputs, hidden..., 1], got {sizes}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        self.layer_sizes = sizes
        self.activation = activation
        self.act = ACTIVATIONS[activation]
        unknown = set(act_params or {}) - set(self.act.params)
        if unknown:
            raise ValueError(f"{activation} has no parameter(s) {sorted(unknown)}")
        self.act_params = {**self.act.params, **(act_params or {})}
        self.init = auto_init(activation) if init == "auto" else init
        self.fast = bool(fast)
        self.shapes = [(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
        self.n_layers = len(self.shapes)
        #: The parameter of the activation the network learns (PReLU's "a"), or None.
        self.learned = self.act.learned
        self._layers_size = sum((fi + 1) * fo for fi, fo in self.shapes)
        n_slopes = self.n_layers - 1 if self.learned else 0
        self.theta = np.zeros(self._layers_size + n_slopes)
        self.augmented_weights = self.layer_views(self.theta)
        self.weight_slices = self._weight_slices()
        self.weight_mask = np.zeros_like(self.theta)
        for start, stop in self.weight_slices:
            self.weight_mask[start:stop] = 1.0
        self.weight_mask.flags.writeable = False  # the slopes' entries stay 0: no penalty
        self._initialise(np.random.default_rng(seed))
        if self.learned:  # where nn.PReLU(init=…) starts; drawing no random numbers keeps
            self.slopes = np.full(n_slopes, self.act_params[self.learned])  # W as ReLU's

    # ------------------------------------------------------------------ parameters

    def layer_views(self, flat: np.ndarray) -> list[np.ndarray]:
        """Per-layer ``W̃ = [W; b]`` (fan_in+1, fan_out) views into a vector shaped like
        ``theta`` (``theta`` itself, or a gradient)."""
        views, start = [], 0
        for fi, fo in self.shapes:
            stop = start + (fi + 1) * fo
            views.append(flat[start:stop].reshape(fi + 1, fo))
            start = stop
        return views

    def _weight_slices(self) -> list[tuple[int, int]]:
        """``(start, stop)`` of each layer's W inside ``theta`` (its b follows it)."""
        slices, start = [], 0
        for fi, fo in self.shapes:
            slices.append((start, start + fi * fo))
            start += (fi + 1) * fo
        return slices

    def _initialise(self, rng: np.random.Generator) -> None:
        if self.init == "zeros":
            return
        last = self.n_layers - 1
        for i, (fi, fo) in enumerate(self.shapes):
            if self.init == "he" and i < last:
                limit = np.sqrt(6.0 / fi)
            else:
                limit = np.sqrt(6.0 / (fi + fo))
            self.augmented_weights[i][:-1] = rng.uniform(-limit, limit, (fi, fo))

    @property
    def params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """``[(W, b), …]``: views into ``theta`` — writing into them changes the model.

        Use :meth:`copy_params` for a snapshot. Assigning a list of ``(W, b)`` pairs of
        the same shapes copies the values in.
        """
        return [(wa[:-1], wa[-1]) for wa in self.augmented_weights]

    @params.setter
    def params(self, pairs) -> None:
        pairs = list(pairs)
        if len(pairs) != self.n_layers:
            raise ValueError(f"expected {self.n_layers} (W, b) pairs, got {len(pairs)}")
        checked = []
        for (fi, fo), pair in zip(self.shapes, pairs):
            W, b = (np.asarray(a, dtype=np.float64) for a in pair)
            if W.shape != (fi, fo) or b.shape != (fo,):
                raise ValueError(f"expected W {(fi, fo)} and b {(fo,)}, "
                                 f"got {W.shape} and {b.shape}")
            checked.append((W, b))
        for wa, (W, b) in zip(self.augmented_weights, checked):
            wa[:-1] = W
            wa[-1] = b

    def copy_params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """A snapshot of ``params`` (independent copies)."""
        return [(W.copy(), b.copy()) for W, b in self.params]

    def slope_view(self, flat: np.ndarray) -> np.ndarray:
        """The learned slopes' entries of a vector shaped like ``theta``: one per hidden
        layer, a view (empty when the activation learns nothing)."""
        return flat[self._layers_size:]

    @property
    def slopes(self) -> np.ndarray:
        """Each hidden layer's learned parameter (PReLU's ``a``), layer 1 first: a view
        into ``theta`` of shape (hidden layers,), or ``(0,)`` when nothing is learned.
        Assigning copies the values in (the same shape, finite)."""
        return self.slope_view(self.theta)

    @slopes.setter
    def slopes(self, values) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        view = self.slopes
        if values.shape != view.shape:
            raise ValueError(f"expected {view.size} learned slope(s), got {values.size}")
        view[:] = values

    def layer_params(self, layer: int) -> dict:
        """The activation's parameters in hidden layer ``layer`` (0 = the first): the
        fixed ones, and the layer's learned slope as a float."""
        if not self.learned:
            return self.act_params
        return {**self.act_params, self.learned: float(self.slopes[layer])}

    @property
    def hidden_params(self) -> list[dict]:
        """:meth:`layer_params` of every hidden layer, layer 1 first."""
        return [self.layer_params(k) for k in range(self.n_layers - 1)]

    @property
    def n_params(self) -> int:
        return int(self.theta.size)

    # ------------------------------------------------------------------ penalty

    def penalty(self, reg: str = "none", reg_rate: float = 0.0) -> float:
        """R(W): ``rate·½ΣW²`` (l2), ``rate·Σ|W|`` (l1), 0 (none); biases excluded."""
        penalty = make_penalty(reg, reg_rate)
        return penalty.value(self.theta, self.weight_mask) if penalty.active else 0.0

    def add_penalty_grad(self, g: np.ndarray, reg: str, reg_rate: float,
                         scratch: np.ndarray | None = None) -> None:
        """``g += ∂R/∂theta`` in place (zero on the bias entries); ``scratch`` is unused
        and kept for older callers."""
        penalty = make_penalty(reg, reg_rate)
        if penalty.active:
            g += penalty.grad(self.theta, self.weight_mask)

    # ------------------------------------------------------------------ the reference path

    def forward(self, X) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """The forward pass on the rows of ``X``: ``(zs, hs)``.

        ``zs[l]`` is layer l+1's pre-activation (n, fan_out), the last one the logits
        (n, 1); ``hs[l]`` is the input of layer l+1: ``hs[0] = X``, then each hidden
        layer's output. Kept whole because the backward pass reads them.
        """
        h = _as_rows(X)
        zs, hs = [], [h]
        for l, (W, b) in enumerate(self.params):
            z = h @ W + b
            zs.append(z)
            if l < self.n_layers - 1:
                h = self.act.fn(z, **self.layer_params(l))
                hs.append(h)
        return zs, hs

    def backward(self, zs, hs, delta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Backprop ``delta`` = ∂L/∂z_L (n, 1) through the pass ``(zs, hs)`` of
        :meth:`forward`: ``[(∂L/∂W_l, ∂L/∂b_l), …]`` shaped like ``params``."""
        return self.backward_all(zs, hs, delta)[0]

    def backward_all(self, zs, hs, delta: np.ndarray):
        """:meth:`backward`, and ∂L/∂a of every hidden layer's learned slope (an array
        shaped like ``slopes``): ``(pairs, slope_grads)``."""
        grads, slope_grads = [], np.zeros(self.slopes.size)
        for l in range(self.n_layers - 1, -1, -1):
            W = self.params[l][0]
            grads.append((hs[l].T @ delta, delta.sum(axis=0)))  # h_{l−1}ᵀ δ_l, Σ δ_l
            if l > 0:
                dh = delta @ W.T  # ∂L/∂h_{l−1}
                p = self.layer_params(l - 1)
                if self.learned:  # ∂L/∂a_{l−1} = Σ ∂L/∂h ⊙ ∂f/∂a(z_{l−1})
                    slope_grads[l - 1] = np.sum(dh * self.act.grad_learned(zs[l - 1], **p))
                delta = dh * self.act.grad(zs[l - 1], **p)  # δ_{l−1} = ∂L/∂h ⊙ f'(z_{l−1})
        return grads[::-1], slope_grads

    def logits(self, X) -> np.ndarray:
        """z_L for every row of ``X``: shape (n,)."""
        with np.errstate(all="ignore"):  # a diverging network gives inf/NaN, quietly
            return self.forward(X)[0][-1][:, 0]

    def predict_proba(self, X) -> np.ndarray:
        """p = σ(z_L), the probability of class 1, for every row of ``X``: shape (n,)."""
        return expit(self.logits(X))  # expit(±inf) = 1/0, expit(NaN) = NaN: no warning

    def predict(self, X) -> np.ndarray:
        """Class 1 where p ≥ ½ (z_L ≥ 0), else 0: int64 (n,)."""
        return (self.logits(X) >= 0.0).astype(np.int64)

    def hidden_outputs(self, X) -> list[np.ndarray]:
        """Every hidden neuron's output: one (n, units) array per hidden layer."""
        with np.errstate(all="ignore"):
            return self.forward(X)[1][1:]

    def loss_and_grads(self, X, y, loss: str = "bce", reg: str = "none",
                       reg_rate: float = 0.0):
        """``(loss, grads)`` on the batch ``(X, y)``; ``grads`` shaped like ``params``.

        ``loss`` is the mean data loss (see :mod:`core.nn.losses`) plus the penalty
        ``R`` when ``reg`` is not "none"; ``grads`` is the gradient of that same number.
        The arrays are fresh (safe to keep). A PReLU network's ∂/∂a is in
        :meth:`loss_and_gradient`.
        """
        value, g = self.loss_and_gradient(X, y, loss, reg, reg_rate)
        return value, [(wa[:-1], wa[-1]) for wa in self.layer_views(g)]

    def loss_and_gradient(self, X, y, loss: str = "bce", reg: str = "none",
                          reg_rate: float = 0.0):
        """``(loss, g)``: :meth:`loss_and_grads`' number and its whole gradient as one
        fresh vector shaped like ``theta`` (layers' blocks, then the slopes' ∂L/∂a:
        ``slope_view(g)``), what an optimizer steps along."""
        loss_fn, penalty = get_loss(loss), make_penalty(reg, reg_rate)
        X = _as_rows(X)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        n = X.shape[0]
        if y.shape[0] != n or n == 0:
            raise ValueError("X and y must have the same, non-zero number of rows")
        g = np.empty_like(self.theta)
        with np.errstate(all="ignore"):
            zs, hs = self.forward(X)
            z = zs[-1][:, 0]
            value = loss_fn.value(z, y)
            pairs, slope_grads = self.backward_all(zs, hs, loss_fn.delta(z, y)[:, None] / n)
            for wa, (dW, db) in zip(self.layer_views(g), pairs):
                wa[:-1], wa[-1] = dW, db
            self.slope_view(g)[:] = slope_grads
            if penalty.active:  # zero on the biases and the slopes (the weight mask)
                value += penalty.value(self.theta, self.weight_mask)
                g += penalty.grad(self.theta, self.weight_mask)
        return float(value), g


def _as_rows(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n, d), got shape {X.shape}")
    return X
