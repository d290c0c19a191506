r"""One training epoch of an :class:`~core.nn.mlp.MLP`, compiled into op tapes.

:class:`CompiledEpoch` is what the trainer drives::

    epoch = CompiledEpoch(model, X_train, y_train, X_test, y_test, optimizer,
                          loss="bce", penalty=make_penalty("l2", 1e-3), batch_size=10)
    metrics = epoch.evaluate()       # loss, accuracy, full-batch gradient and its norms
    epoch.train(order)               # one epoch of mini-batch steps, rows in this order

It computes exactly what :meth:`MLP.forward` / :meth:`MLP.backward` compute (the
tests hold it to that), but fast, because per-call overhead, not arithmetic, dominates
a tiny network:

* the whole epoch — forward, δ, backward and optimizer step for every mini-batch, in
  order — is one op tape (:mod:`core.nn.tape`) over buffers allocated once;
* each layer's ``W`` and ``b`` are used together as ``W̃ = [W; b]`` and every layer
  input carries a constant row of ones, so ``z = W̃ᵀ h̃`` is one matrix product and
  ``∂L/∂W̃ = h̃ δᵀ`` gives the weight and bias gradients in one product, written straight
  into the flat gradient vector (the optimizer's one BLAS call then updates all of θ);
* samples are *columns* here, ``(units, batch)``, the transpose of the reference path,
  so the rows a layer writes (all but the ones row) are one contiguous block;
* an activation whose catalog entry has fast ops (:class:`~core.nn.activations.FastOps`:
  tanh, sigmoid, ReLU and identity) is applied in place over z and takes its derivative
  from the stored *output* (1 − h², h(1 − h), [h > 0], 1), with the entry's own ops;
  every other activation (or any, with ``model.fast`` off) keeps its pre-activation
  and calls the registry's ``fn``/``grad``;
* an activation with a learned parameter (PReLU's slope a, one per hidden layer, at the
  end of θ) reads it from θ as the tape runs, so each step sees the value the last one
  left, and the backward pass adds ``Σ ∂L/∂h ⊙ ∂f/∂a(z)`` (the catalog's
  ``grad_learned``) into the gradient's slot for it; the optimizer then updates it with
  the weights, in the same call.

Evaluation runs one forward pass over train and test columns together; the backward
pass over the train columns then gives the mean gradient over the whole training set.
In full-batch mode that gradient *is* the next step, so :meth:`CompiledEpoch.train`
steps along the gradient of the latest :meth:`CompiledEpoch.evaluate`, and an epoch
costs one forward and one backward pass.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from core.nn.activations import FastOps
from core.nn.losses import Penalty, get_loss
from core.nn.mlp import MLP
from core.nn.optimizers import Optimizer
from core.nn.tape import Tape, run, scal

__all__ = ["Buffers", "CompiledEpoch", "Evaluation", "backward_ops", "columns_with_ones",
           "fast_ops", "forward_ops"]


def columns_with_ones(X) -> np.ndarray:
    """``X`` (n, d) → x̃ (d+1, n): samples as columns, a row of ones appended."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n, d), got shape {X.shape}")
    out = np.empty((X.shape[1] + 1, X.shape[0]))
    out[:-1] = X.T
    out[-1] = 1.0
    return out


def fast_ops(model: MLP) -> FastOps | None:
    """The ops the compiled pass applies and differentiates ``model``'s activation with:
    its catalog entry's fast ops (f in place, f' from the output) when it has some and
    ``model.fast`` is on; else ``None``, the generic route (z kept, ``fn``/``grad``)."""
    return model.act.fast if model.fast else None


class Buffers:
    """Work buffers for one forward + backward pass over ``m`` samples (columns).

    Per hidden layer k (0-based):
    ``outputs_aug[k]`` (units+1, m): h_k with a row of ones appended, the next layer's
    input; ``outputs[k]``: its first ``units`` rows, h_k itself (contiguous);
    ``preactivations[k]``: z_k (kept only on the generic route, which needs it);
    ``output_grads[k]``: ∂L/∂h_k = δ_{k+1} W_{k+1}ᵀ (times n), before ⊙ f'(z_k);
    ``slopes[k]``: scratch for f'. Per weight layer l: ``deltas[l]`` = δ_l
    (``deltas[-1]`` the output's). ``logits`` (1, m) is z_L; ``losses`` (1, m) the
    per-sample loss. ``fast``: the activation's fast ops (:func:`fast_ops`), or ``None``.
    """

    def __init__(self, hidden: tuple[int, ...], m: int, fast: FastOps | None,
                 forward_of: "Buffers | None" = None):
        self.m = m
        if forward_of is None:
            self.outputs_aug = []
            for units in hidden:
                a = np.empty((units + 1, m))
                a[units] = 1.0
                self.outputs_aug.append(a)
            keep_z = fast is None
            self.preactivations = [np.empty((k, m)) for k in hidden] if keep_z else None
            self.logits = np.empty((1, m))
            self.losses = np.empty((1, m))
        else:  # views of the first m columns: backprop over a prefix of the samples
            self.outputs_aug = [a[:, :m] for a in forward_of.outputs_aug]
            self.preactivations = (None if forward_of.preactivations is None
                                   else [z[:, :m] for z in forward_of.preactivations])
            self.logits = forward_of.logits[:, :m]
            self.losses = forward_of.losses[:, :m]
        self.outputs = [a[:-1] for a in self.outputs_aug]
        self.output_grads = [np.empty((k, m)) for k in hidden]
        # f' ≡ 1 (identity): δ_k is the back-propagated error itself: share the memory.
        same = fast is not None and fast.unit_slope
        self.deltas = [b if same else np.empty_like(b) for b in self.output_grads]
        self.deltas.append(np.empty((1, m)))
        self.slopes = [np.empty((k, m)) for k in hidden]

    def first_columns(self, stop: int, fast: FastOps | None) -> "Buffers":
        """Buffers whose forward part is the first ``stop`` columns of these (views),
        with backward buffers of their own."""
        hidden = tuple(h.shape[0] for h in self.outputs)
        return Buffers(hidden, stop, fast, forward_of=self)


class _Activation:
    """The registry's activation in one hidden layer, its parameters bound, as in-place ops.

    A learned parameter is bound as a 0-d view of its entry in θ, so every call reads
    the value the optimizer left there (``learned_grad`` is its slot in a gradient)."""

    def __init__(self, model: MLP, layer: int, grad: np.ndarray | None = None):
        self.act, self.params = model.act, dict(model.act_params)
        self.learned_grad = None
        if model.learned:
            self.params[model.learned] = model.slopes[layer:layer + 1].reshape(())
            if grad is not None:
                self.learned_grad = model.slope_view(grad)[layer:layer + 1].reshape(())

    def apply(self, z: np.ndarray, out: np.ndarray) -> None:
        """out ← f(z)."""
        np.copyto(out, self.act.fn(z, **self.params))

    def backprop(self, z: np.ndarray, dh: np.ndarray, out: np.ndarray) -> None:
        """out ← dh ⊙ f'(z); and ∂L/∂a ← Σ dh ⊙ ∂f/∂a(z) for a learned a."""
        np.multiply(dh, self.act.grad(z, **self.params), out)
        if self.learned_grad is not None:
            self.learned_grad[...] = np.vdot(dh, self.act.grad_learned(z, **self.params))


def forward_ops(model: MLP, x_aug: np.ndarray, buf: Buffers) -> Tape:
    """Ops for the forward pass on x̃ (d+1, m): fills ``buf``, the logits in ``buf.logits``."""
    fast = fast_ops(model)
    ops, prev = [], x_aug
    for k, wa in enumerate(model.augmented_weights[:-1]):
        h = buf.outputs[k]
        if fast is None:
            z = buf.preactivations[k]
            ops += [(np.dot, (wa.T, prev, z)),  # z = W̃ᵀ h̃
                    (_Activation(model, k).apply, (z, h))]  # h = f(z)
        else:
            ops.append((np.dot, (wa.T, prev, h)))  # z, overwritten in place by h = f(z):
            ops += fast.forward_ops(h)
        prev = buf.outputs_aug[k]
    ops.append((np.dot, (model.augmented_weights[-1].T, prev, buf.logits)))
    return ops


def backward_ops(model: MLP, x_aug: np.ndarray, buf: Buffers, grad: np.ndarray) -> Tape:
    """Ops that backprop ``buf.deltas[-1]`` down the layers into the flat gradient
    ``grad`` (shaped like θ: each layer's ∂/∂W̃, then any learned slopes' ∂/∂a)."""
    fast = fast_ops(model)
    grad_layers = model.layer_views(grad)
    ops = []
    for l in range(model.n_layers - 1, -1, -1):
        prev = buf.outputs_aug[l - 1] if l > 0 else x_aug
        d = buf.deltas[l]
        ops.append((np.dot, (prev, d.T, grad_layers[l])))  # ∂L/∂W̃_l = h̃_{l−1} δ_lᵀ
        if l == 0:
            break
        k = l - 1
        dh, h, s, dk = buf.output_grads[k], buf.outputs[k], buf.slopes[k], buf.deltas[k]
        ops.append((np.dot, (model.augmented_weights[l][:-1], d, dh)))  # ∂L/∂h = δ_l W_lᵀ
        if fast is None:  # δ = dh ⊙ f'(z), from the registry
            ops.append((_Activation(model, k, grad).backprop, (buf.preactivations[k], dh, dk)))
        else:  # δ = dh ⊙ f' from h (tanh: 1 − h²); none when f' ≡ 1 and dk is dh
            ops += fast.derivative_ops(dh, h, s, dk)
    return ops


class Evaluation(NamedTuple):
    """Metrics at the current weights (test values are NaN without test points)."""

    train_loss: float
    test_loss: float
    train_acc: float
    test_acc: float
    grad_norms: np.ndarray  # per layer ‖∂L/∂W_l‖_F, full training set, weights only


class CompiledEpoch:
    """An MLP, its data, a loss, a penalty and an optimizer, compiled for training.

    ``model`` is trained in place (its ``theta``); ``optimizer`` is an
    :class:`~core.nn.optimizers.Optimizer` for ``model.n_params`` entries, whose state
    this object keeps using across :meth:`configure` calls. Labels are 0/1.
    """

    def __init__(self, model: MLP, X_train, y_train, X_test, y_test, optimizer: Optimizer,
                 *, loss: str, penalty: Penalty, batch_size: int):
        self.model = model
        self.optimizer = optimizer
        n, n_test = len(y_train), len(y_test)
        if n == 0:
            raise ValueError("no training points")
        self.n_train, self.n_test = n, n_test
        x_all = columns_with_ones(np.concatenate((X_train, X_test)))
        y_all = np.concatenate((y_train, y_test)).astype(np.float64).reshape(1, -1)
        self._x_all, self._y_all = x_all, y_all  # train columns first, then test
        self._x_train, self._y_train = x_all[:, :n], y_all[:, :n]
        self._is_class1 = y_all > 0.5
        self._split = np.array([0, n] if n_test else [0])  # train columns, test columns
        self._correct = np.empty(y_all.shape, dtype=bool)
        self._fast = fast_ops(model)
        self._hidden = model.layer_sizes[1:-1]
        self._eval = Buffers(self._hidden, n + n_test, self._fast)
        self._eval_train = self._eval.first_columns(n, self._fast)
        size = model.n_params
        self.batch_gradient = np.zeros(size)  # Σ over a mini-batch (scaled at the step)
        self.gradient = np.zeros(size)  # mean over the training set, from evaluate()
        self._step_gradient = np.zeros(size)  # scaled gradient + penalty's
        self._squares = np.zeros(size)
        # reduceat boundaries [W_0 start, W_0 stop, W_1 start, ...]: the even segments
        # are the weight blocks (every W_l's stop < size, as its bias follows it).
        self._norm_bounds = np.array([i for s in model.weight_slices for i in s])
        self._x_shuffled = np.empty_like(self._x_train)
        self._y_shuffled = np.empty_like(self._y_train)
        self._batch_buffers: dict[int, Buffers] = {}
        self.configure(loss=loss, penalty=penalty, batch_size=batch_size)

    # ------------------------------------------------------------------ compiling

    @property
    def full_batch(self) -> bool:
        """True when one step per epoch uses the whole training set."""
        return self.batch_size >= self.n_train

    def configure(self, *, loss: str, penalty: Penalty, batch_size: int,
                  lr: float | None = None) -> None:
        """(Re)build the tapes for these settings (and learning rate, if given).

        Weights and optimizer state are kept: this is how settings change live.
        """
        if lr is not None:
            self.optimizer.lr = float(lr)
        self.loss, self.penalty = get_loss(loss), penalty
        self.batch_size = min(int(batch_size), self.n_train)
        model, buf = self.model, self._eval_train
        self._forward_all = forward_ops(model, self._x_all, self._eval)
        self._loss_all = self.loss.per_sample_ops(self._eval.logits, self._y_all,
                                                  self._eval.losses)
        self._gradient_tape = (
            self.loss.delta_ops(buf.logits, self._y_train, buf.deltas[-1])
            + backward_ops(model, self._x_train, buf, self.gradient)
            + [scal(1.0 / self.n_train, self.gradient)])
        if self.full_batch:
            self._epoch_tape = self._step_ops(self.gradient, 1.0)
        else:
            self._epoch_tape = self._mini_batch_tape()

    def _step_ops(self, g: np.ndarray, scale: float) -> Tape:
        """Ops for one optimizer step along ``scale·g`` plus the penalty's gradient."""
        theta = self.model.theta
        if not self.penalty.active:
            return self.optimizer.ops(theta, g, scale)
        out = self._step_gradient
        return (self.penalty.grad_ops(theta, self.model.weight_mask, g, scale, out)
                + self.optimizer.ops(theta, out, 1.0))

    def _mini_batch_tape(self) -> Tape:
        """Forward, δ, backward and step for every mini-batch of the shuffled copy of
        the training set, in order (the last batch may be narrower)."""
        n, bs, tape = self.n_train, self.batch_size, []
        for start in range(0, n, bs):
            width = min(bs, n - start)
            if width not in self._batch_buffers:
                self._batch_buffers[width] = Buffers(self._hidden, width, self._fast)
            buf = self._batch_buffers[width]
            x = self._x_shuffled[:, start:start + width]
            y = self._y_shuffled[:, start:start + width]
            tape += forward_ops(self.model, x, buf)
            tape += self.loss.delta_ops(buf.logits, y, buf.deltas[-1])
            tape += backward_ops(self.model, x, buf, self.batch_gradient)
            tape += self._step_ops(self.batch_gradient, 1.0 / width)
        return tape

    # ------------------------------------------------------------------ running

    def train(self, order=None) -> None:
        """One epoch. Mini-batches visit the training rows in ``order`` (a permutation
        of ``range(n_train)``). Full batch: one step along the gradient of the latest
        :meth:`evaluate` (``order`` is ignored) — evaluate after editing the weights."""
        if not self.full_batch:
            np.take(self._x_train, order, axis=1, out=self._x_shuffled)
            np.take(self._y_train, order, axis=1, out=self._y_shuffled)
        run(self._epoch_tape)

    def evaluate(self) -> Evaluation:
        """Loss and accuracy on train and test, and the mean gradient over the training
        set (into :attr:`gradient`) with its per-layer norms, at the current weights."""
        n, n_test = self.n_train, self.n_test
        run(self._forward_all)
        run(self._loss_all)
        sums = np.add.reduceat(self._eval.losses[0], self._split)  # one call, not two sums
        train_loss = sums[0] / n
        test_loss = sums[1] / n_test if n_test else np.nan
        correct = self._correct  # class 1 where z ≥ 0 (p ≥ ½)
        np.greater_equal(self._eval.logits, 0.0, correct)
        np.equal(correct, self._is_class1, correct)
        hits = correct[0]
        train_acc = np.count_nonzero(hits[:n]) / n
        test_acc = np.count_nonzero(hits[n:]) / n_test if n_test else np.nan
        run(self._gradient_tape)
        np.multiply(self.gradient, self.gradient, self._squares)
        norms = np.sqrt(np.add.reduceat(self._squares, self._norm_bounds)[::2])
        return Evaluation(float(train_loss), float(test_loss), float(train_acc),
                          float(test_acc), norms)
