r"""A small multilayer perceptron in numpy, written for speed on tiny networks.

The network
-----------
Rows of ``X`` are samples. With ``h_0 = x`` and hidden layers ``l = 1 … L−1``::

    z_l = h_{l−1} @ W_l + b_l        W_l: (fan_in, fan_out), b_l: (fan_out,)
    h_l = f(z_l)                     f: the chosen activation (ACTIVATIONS[key])
    z_L = h_{L−1} @ W_L + b_L        one output unit: the logit
    p   = σ(z_L) = 1 / (1 + e^{−z_L})   the probability of class 1 (circles)

``layer_sizes = [2, 4, 2, 1]`` means 2 inputs, hidden layers of 4 and 2 units, one
output; ``[2, 1]`` (no hidden layer) is logistic regression.

Losses (mean over the n samples of a batch)
-------------------------------------------
* ``"bce"``: binary cross-entropy, computed from the logit so it never takes log 0::

      L = (1/n) Σ [ −y·log p − (1−y)·log(1−p) ] = (1/n) Σ softplus((1 − 2y)·z)
      ∂L/∂z = (p − y) / n

* ``"mse"``: squared error of the probability, with the ½ that TensorFlow Playground
  uses (its ``SQUARE`` error is ½(output − target)²)::

      L = (1/n) Σ ½ (p − y)²
      ∂L/∂z = (p − y)·p·(1 − p) / n

Regularisation (weights only; biases are never penalised)
--------------------------------------------------------
* ``"l2"``: ``R = rate · ½ Σ W²``, ``∂R/∂W = rate · W``
* ``"l1"``: ``R = rate · Σ |W|``, ``∂R/∂W = rate · sign(W)`` (0 at W = 0)

:meth:`MLP.loss_and_grads` returns the objective ``L + R`` and its gradient (with the
default ``reg="none"`` that is the plain mean BCE). The trainer's history reports the
data loss ``L`` alone, so curves with and without regularisation compare.

Backward pass (the chain rule, layer by layer, from the output down)::

    δ_L = ∂L/∂z_L
    ∂L/∂W_l = h_{l−1}ᵀ δ_l,   ∂L/∂b_l = Σ_rows δ_l
    δ_{l−1} = (δ_l W_lᵀ) ⊙ f'(z_{l−1})

Initialisation (seeded by ``numpy.random.default_rng(seed)``, layer by layer)
------------------------------------------------------------------------------
* ``"glorot"`` (Xavier uniform): ``W ~ U(−a, a)``, ``a = sqrt(6 / (fan_in + fan_out))``
  — keeps the variance of tanh/sigmoid-like signals steady through the layers.
* ``"he"`` (Kaiming uniform): ``a = sqrt(6 / fan_in)`` — ReLU-like units zero half
  their inputs, so they need twice the variance.
* ``"zeros"``: every weight 0. All hidden units stay identical (the symmetry problem):
  with zero outgoing weights no gradient reaches the hidden layers at all, and only
  the output bias learns.
* ``"auto"``: ``"he"`` for the ReLU family (see :data:`HE_ACTIVATIONS`), otherwise
  ``"glorot"``. The output layer (a sigmoid) always uses Glorot unless ``"zeros"``.

Biases start at 0.

How it is fast
--------------
Per-call overhead, not arithmetic, dominates tiny networks, so:

* all parameters live in one flat vector ``theta`` (an optimizer step is one BLAS
  call); ``params`` hands out ``(W, b)`` *views* into it;
* each layer stores ``W`` and ``b`` together as ``W̃ = [W; b]`` ((fan_in+1, fan_out)),
  and activations carry a constant row of ones, so ``z = W̃ᵀ h̃`` is one matrix
  product and ``∂L/∂W̃ = h̃ δᵀ`` gives weight and bias gradients in one product;
* internally activations are stored transposed, ``(units, batch)``, so the part a
  layer writes (all rows but the ones row) is contiguous;
* work buffers are allocated once per batch width and reused (``out=`` everywhere);
* a training step is "compiled" once into an op tape, a list of ``(numpy function,
  buffers)`` pairs replayed every batch (see ``_forward_ops``), so almost no Python
  runs between the numpy calls;
* tanh, sigmoid, ReLU and identity take their derivative from the stored *output*
  (1 − h², h(1 − h), [h > 0], 1), in place. Every other activation goes through the
  registry's ``fn``/``grad`` on the stored pre-activation; the tests check that both
  routes agree.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.special import expit

from core.activations import ACTIVATIONS

__all__ = ["HE_ACTIVATIONS", "INITS", "LOSSES", "MLP", "REGS", "auto_init"]

INITS = ("auto", "glorot", "he", "zeros")
LOSSES = ("bce", "mse")
REGS = ("none", "l1", "l2")

#: Activations that zero (or nearly zero) negative inputs: He initialisation suits them.
HE_ACTIVATIONS = frozenset({
    "relu", "leaky_relu", "elu", "celu", "gelu", "gelu_tanh", "silu", "mish",
    "softplus", "relu6", "hardswish",
})

# Activations whose derivative is computed from the stored output, in place.
_FAST = ("tanh", "sigmoid", "relu", "identity")


def auto_init(activation: str) -> str:
    """The initialisation ``init="auto"`` picks for ``activation``: "he" or "glorot"."""
    return "he" if activation in HE_ACTIVATIONS else "glorot"


class _Pass:
    """Work buffers for one forward + backward pass over ``m`` samples (columns).

    ``A[k]`` is hidden layer k's output with a row of ones appended, (units+1, m);
    ``top[k]`` is its first ``units`` rows (contiguous); ``Z[k]`` the pre-activation
    (only kept for activations that need it); ``D[l]`` is δ of weight layer l;
    ``dA[k]`` = δ_{k+1} W_{k+1}ᵀ before the derivative; ``T``, ``P`` scratch.
    """

    __slots__ = ("m", "A", "top", "Z", "zout", "D", "dA", "T", "P", "Q")

    def __init__(self, hidden: tuple[int, ...], m: int, keep_z: bool, fold_identity: bool):
        self.m = m
        self.A = []
        for k in hidden:
            a = np.empty((k + 1, m))
            a[k] = 1.0
            self.A.append(a)
        self.top = [a[:-1] for a in self.A]
        self.Z = [np.empty((k, m)) for k in hidden] if keep_z else None
        self.zout = np.empty((1, m))
        self.dA = [np.empty((k, m)) for k in hidden]
        # With identity, δ = dA: let them share memory and skip the copy.
        hidden_d = self.dA if fold_identity else [np.empty((k, m)) for k in hidden]
        self.D = list(hidden_d) + [np.empty((1, m))]
        self.T = [np.empty((k, m)) for k in hidden]
        self.P = np.empty((1, m))
        self.Q = np.empty((1, m))

    def columns(self, stop: int) -> "_Pass":
        """A pass whose forward buffers are the first ``stop`` columns of this one's,
        with fresh backward buffers: backprop over a prefix of the samples."""
        sub = object.__new__(_Pass)
        sub.m = stop
        sub.A = [a[:, :stop] for a in self.A]
        sub.top = [t[:, :stop] for t in self.top]
        sub.Z = [z[:, :stop] for z in self.Z] if self.Z is not None else None
        sub.zout = self.zout[:, :stop]
        sub.dA = [np.empty((d.shape[0], stop)) for d in self.dA]
        fold = len(self.dA) > 0 and self.D[0] is self.dA[0]
        sub.D = (list(sub.dA) if fold else [np.empty((d.shape[0], stop)) for d in self.dA])
        sub.D.append(np.empty((1, stop)))
        sub.T = [np.empty((t.shape[0], stop)) for t in self.T]
        sub.P = np.empty((1, stop))
        sub.Q = np.empty((1, stop))
        return sub


class MLP:
    """Fully connected network with one sigmoid output (see the module docstring).

    ``MLP(layer_sizes, activation, seed=0, init="auto", act_params=None, fast=True)``:
    ``activation`` is a key of ``ACTIVATIONS`` used by every hidden layer;
    ``act_params`` overrides its parameters (e.g. ``{"negative_slope": 0.1}``);
    ``fast=False`` routes tanh/sigmoid/relu/identity through the registry too.
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
        self._kind = activation if (fast and activation in _FAST) else "generic"
        self._build_views()
        self._initialise(np.random.default_rng(seed))
        self._passes: dict[int, _Pass] = {}

    # ------------------------------------------------------------------ parameters

    def _build_views(self) -> None:
        """One flat ``theta``; per layer W̃ = [W; b] (fan_in+1, fan_out) views into it."""
        sizes = self.layer_sizes
        self.shapes = [(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
        total = sum((fi + 1) * fo for fi, fo in self.shapes)
        self.theta = np.zeros(total)
        self._Wa, self._WaT, self._W, self._b = [], [], [], []
        self._weight_mask = np.zeros(total)
        self._weight_slices = []  # (start, stop) of each layer's W inside theta
        start = 0
        for fi, fo in self.shapes:
            stop = start + (fi + 1) * fo
            wa = self.theta[start:stop].reshape(fi + 1, fo)
            self._Wa.append(wa)
            self._WaT.append(wa.T)
            self._W.append(wa[:-1])
            self._b.append(wa[-1])
            self._weight_mask[start:start + fi * fo] = 1.0
            self._weight_slices.append((start, start + fi * fo))
            start = stop
        self.n_layers = len(self.shapes)

    def _initialise(self, rng: np.random.Generator) -> None:
        if self.init == "zeros":
            return
        last = self.n_layers - 1
        for i, (fi, fo) in enumerate(self.shapes):
            if self.init == "he" and i < last:
                limit = np.sqrt(6.0 / fi)
            else:
                limit = np.sqrt(6.0 / (fi + fo))
            self._W[i][...] = rng.uniform(-limit, limit, (fi, fo))

    @property
    def params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """``[(W, b), …]``: views into ``theta`` — writing into them changes the model.

        Use :meth:`copy_params` for a snapshot. Assigning a list of ``(W, b)`` pairs of
        the same shapes copies the values in.
        """
        return list(zip(self._W, self._b))

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
        for i, (W, b) in enumerate(checked):
            self._W[i][...] = W
            self._b[i][...] = b

    def copy_params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """A snapshot of ``params`` (independent copies)."""
        return [(W.copy(), b.copy()) for W, b in self.params]

    @property
    def n_params(self) -> int:
        return int(self.theta.size)

    # ------------------------------------------------------------------ internals

    def _new_pass(self, m: int) -> _Pass:
        return _Pass(self.layer_sizes[1:-1], m, keep_z=self._kind == "generic",
                     fold_identity=self._kind == "identity")

    def _pass(self, m: int) -> _Pass:
        """Cached buffers for width ``m`` (a few widths at most are kept)."""
        ps = self._passes.get(m)
        if ps is None:
            if len(self._passes) >= 4:
                self._passes.clear()
            ps = self._passes[m] = self._new_pass(m)
        return ps

    @staticmethod
    def _augment(X) -> np.ndarray:
        """``X`` (n, d) → x̃ᵀ (d+1, n): samples as columns, a row of ones appended."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n, d), got shape {X.shape}")
        out = np.empty((X.shape[1] + 1, X.shape[0]))
        out[:-1] = X.T
        out[-1] = 1.0
        return out

    # An "op tape" is a list of ``(function, args)`` pairs over preallocated buffers:
    # running it is ``for f, a in tape: f(*a)``. Building the list once and replaying
    # it every batch removes most of the Python overhead around the ~20 tiny numpy
    # calls a batch needs (about 20 % of an epoch for an [8, 8] network).

    def _apply_fn(self, z: np.ndarray, out: np.ndarray) -> None:
        np.copyto(out, self.act.fn(z, **self.act_params))

    def _apply_grad(self, z: np.ndarray, dA: np.ndarray, out: np.ndarray) -> None:
        np.multiply(dA, self.act.grad(z, **self.act_params), out)

    def _forward_ops(self, XT: np.ndarray, ps: _Pass) -> list:
        """Ops for the forward pass on x̃ᵀ (d+1, m): fills ``ps``, logits in ``ps.zout``."""
        ops, prev, kind, WaT = [], XT, self._kind, self._WaT
        for k in range(len(ps.A)):
            top = ps.top[k]
            if kind == "generic":
                ops.append((np.dot, (WaT[k], prev, ps.Z[k])))  # z = W̃ᵀ h̃
                ops.append((self._apply_fn, (ps.Z[k], top)))  # h = f(z)
            else:
                ops.append((np.dot, (WaT[k], prev, top)))  # z, overwritten by h = f(z):
                if kind == "tanh":
                    ops.append((np.tanh, (top, top)))
                elif kind == "relu":  # np.maximum keeps NaN visible (fmax would hide it)
                    ops.append((functools.partial(np.maximum, out=top), (top, 0.0)))
                elif kind == "sigmoid":
                    ops.append((expit, (top, top)))
            prev = ps.A[k]
        ops.append((np.dot, (WaT[-1], prev, ps.zout)))
        return ops

    def _delta_ops(self, ps: _Pass, y_row: np.ndarray, loss: str) -> list:
        """Ops for δ_L = n·∂L/∂z_L (not yet divided by n) into ``ps.D[-1]``."""
        d, p, q = ps.D[-1], ps.P, ps.Q
        if loss == "bce":
            return [(expit, (ps.zout, d)),  # p
                    (np.subtract, (d, y_row, d))]  # p − y
        if loss == "mse":
            return [(expit, (ps.zout, p)),
                    (np.multiply, (p, p, q)),
                    (np.subtract, (p, q, q)),  # p(1 − p)
                    (np.subtract, (p, y_row, d)),
                    (np.multiply, (d, q, d))]  # (p − y)·p(1 − p)
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")

    def _backward_ops(self, XT: np.ndarray, ps: _Pass, gWa: list[np.ndarray]) -> list:
        """Ops that backprop ``ps.D[-1]`` down the layers into the ∂/∂W̃ views ``gWa``."""
        ops, kind = [], self._kind
        for l in range(self.n_layers - 1, -1, -1):
            prev = ps.A[l - 1] if l > 0 else XT
            d = ps.D[l]
            ops.append((np.dot, (prev, d.T, gWa[l])))  # ∂L/∂W̃_l = h̃_{l−1} δ_lᵀ
            if l == 0:
                break
            k = l - 1
            dA, h, t, dk = ps.dA[k], ps.top[k], ps.T[k], ps.D[k]
            ops.append((np.dot, (self._W[l], d, dA)))  # δ_l W_lᵀ (transposed layout)
            if kind == "tanh":  # f' = 1 − h²:  δ = dA − dA·h²
                ops += [(np.multiply, (h, h, t)), (np.multiply, (t, dA, t)),
                        (np.subtract, (dA, t, dk))]
            elif kind == "relu":  # f' = [h > 0]  (ReLU'(0) = 0, as PyTorch)
                ops += [(np.sign, (h, t)), (np.multiply, (dA, t, dk))]
            elif kind == "sigmoid":  # f' = h(1 − h) = h − h²
                ops += [(np.multiply, (h, h, t)), (np.subtract, (h, t, t)),
                        (np.multiply, (dA, t, dk))]
            elif kind == "generic":
                ops.append((self._apply_grad, (ps.Z[k], dA, dk)))
            # identity: f' = 1 and D[k] is dA already (shared buffer)
        return ops

    @staticmethod
    def _run(ops: list) -> None:
        for f, args in ops:
            f(*args)

    def _forward(self, XT: np.ndarray, ps: _Pass) -> np.ndarray:
        """Run the forward pass now; returns the logits (1, m) (a buffer of ``ps``)."""
        self._run(self._forward_ops(XT, ps))
        return ps.zout

    def _grad_views(self, g: np.ndarray) -> list[np.ndarray]:
        """Per-layer (fan_in+1, fan_out) views of a flat gradient shaped like theta."""
        views, start = [], 0
        for fi, fo in self.shapes:
            stop = start + (fi + 1) * fo
            views.append(g[start:stop].reshape(fi + 1, fo))
            start = stop
        return views

    def _unflatten(self, g: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        return [(v[:-1], v[-1]) for v in self._grad_views(g)]

    def penalty(self, reg: str = "none", reg_rate: float = 0.0) -> float:
        """R(W): ``rate·½ΣW²`` (l2), ``rate·Σ|W|`` (l1), 0 (none); biases excluded."""
        if reg == "none" or reg_rate == 0.0:
            return 0.0
        w = self.theta * self._weight_mask
        if reg == "l2":
            return float(reg_rate * 0.5 * np.dot(w, w))
        if reg == "l1":
            return float(reg_rate * np.abs(w).sum())
        raise ValueError(f"reg must be one of {REGS}, got {reg!r}")

    def add_penalty_grad(self, g: np.ndarray, reg: str, reg_rate: float,
                         scratch: np.ndarray | None = None) -> None:
        """``g += ∂R/∂theta`` in place (zero on the bias entries)."""
        if reg == "none" or reg_rate == 0.0:
            return
        t = np.empty_like(self.theta) if scratch is None else scratch
        if reg == "l2":
            np.multiply(self.theta, self._weight_mask, t)
        elif reg == "l1":
            np.sign(self.theta, t)
            np.multiply(t, self._weight_mask, t)
        else:
            raise ValueError(f"reg must be one of {REGS}, got {reg!r}")
        t *= reg_rate
        g += t

    # ------------------------------------------------------------------ public API

    def logits(self, X) -> np.ndarray:
        """z_L for every row of ``X``: shape (n,)."""
        XT = self._augment(X)
        with np.errstate(all="ignore"):  # a diverging network gives inf/NaN, quietly
            return self._forward(XT, self._pass(XT.shape[1]))[0].copy()

    def predict_proba(self, X) -> np.ndarray:
        """p = σ(z_L), the probability of class 1, for every row of ``X``: shape (n,)."""
        return expit(self.logits(X))  # expit(±inf) = 1/0, expit(NaN) = NaN: no warning

    def predict(self, X) -> np.ndarray:
        """Class 1 where p ≥ ½ (z_L ≥ 0), else 0: int64 (n,)."""
        return (self.logits(X) >= 0.0).astype(np.int64)

    def hidden_outputs(self, X) -> list[np.ndarray]:
        """Every hidden neuron's output: one (n, units) array per hidden layer."""
        XT = self._augment(X)
        ps = self._pass(XT.shape[1])
        with np.errstate(all="ignore"):
            self._forward(XT, ps)
        return [np.ascontiguousarray(t.T) for t in ps.top]

    def loss_and_grads(self, X, y, loss: str = "bce", reg: str = "none",
                       reg_rate: float = 0.0):
        """``(loss, grads)`` on the batch ``(X, y)``; ``grads`` shaped like ``params``.

        ``loss`` is the mean data loss (see the module docstring) plus the penalty
        ``R`` when ``reg`` is not "none"; ``grads`` is the gradient of that same number.
        The arrays are fresh (safe to keep).
        """
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        if reg not in REGS:
            raise ValueError(f"reg must be one of {REGS}, got {reg!r}")
        XT = self._augment(X)
        y_row = np.asarray(y, dtype=np.float64).reshape(1, -1)
        n = XT.shape[1]
        if y_row.shape[1] != n or n == 0:
            raise ValueError("X and y must have the same, non-zero number of rows")
        ps = self._new_pass(n)
        with np.errstate(all="ignore"):
            z = self._forward(XT, ps)
            value = data_loss(z[0], y_row[0], loss)
            g = np.zeros_like(self.theta)
            self._run(self._delta_ops(ps, y_row, loss)
                      + self._backward_ops(XT, ps, self._grad_views(g)))
            g /= n
            self.add_penalty_grad(g, reg, reg_rate)
            value += self.penalty(reg, reg_rate)
        return float(value), self._unflatten(g)


def data_loss(z: np.ndarray, y: np.ndarray, loss: str = "bce") -> float:
    """Mean loss from logits ``z`` and labels ``y`` (1-D): BCE or ½-MSE (see above)."""
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if loss == "bce":
        return float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))
    if loss == "mse":
        return float(np.mean(0.5 * (expit(z) - y) ** 2))
    raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
