r"""The training loop of the live page: a :class:`Trainer`, its config and its history.

A :class:`Trainer` owns one :class:`~core.nn.mlp.MLP`, its optimizer and the data, and
advances whole epochs per :meth:`Trainer.run` call (the page calls it from a fragment).
The arithmetic of an epoch lives in :class:`~core.nn.compiled.CompiledEpoch`; the loss
and penalty in :mod:`core.nn.losses`; the update rules in :mod:`core.nn.optimizers`.

One epoch = one pass over the training set in mini-batches of ``batch_size`` after a
seeded shuffle (the last batch may be smaller); ``batch_size >= n_train`` means one
full-batch step per epoch (no shuffle needed).

After every epoch the trainer evaluates, in one vectorised pass over train and test
points together: the mean data loss (without the penalty, so curves compare across
regularisation settings), the accuracy (class 1 where p ≥ ½), and the gradient of
the mean training loss over the *full training set* at the new weights, whose per-layer
Frobenius norms ``‖∂L/∂W_l‖`` (weights only, no biases) are the vanishing-gradient
view. In full-batch mode that same gradient is the next epoch's step, so an epoch costs
one forward and one backward pass.

A PReLU network's slopes (one a per hidden layer) live in the model's θ with the
weights: the optimizer steps them, a divergence restores them, and
``trainer.model.slopes`` reads them.

Divergence: if a loss or any weight becomes NaN/±inf during an epoch, the weights
from the start of that epoch are restored, ``status`` becomes ``"diverged"``,
``diverged_at`` the epoch that failed, and :meth:`Trainer.run` does nothing more (it is
final: the optimizer's state is not restored; start a new Trainer, e.g. with a smaller
learning rate). No numpy warning escapes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace

import numpy as np

from core.nn.activations import ACTIVATIONS
from core.nn.compiled import CompiledEpoch, Evaluation
from core.nn.features import DEFAULT_FEATURES, canonical, expand
from core.nn.history import History
from core.nn.losses import LOSSES, REGS, make_penalty
from core.nn.mlp import INITS, MLP
from core.nn.optimizers import OPTIMIZERS, make_optimizer

__all__ = [
    "History", "LIVE_FIELDS", "MAX_HIDDEN_LAYERS", "MAX_UNITS", "STATUSES", "TrainConfig",
    "Trainer", "initial_params_for", "validate_config",
]

STATUSES = ("ok", "diverged")
#: Config fields that may change mid-training without a reset (:meth:`Trainer.update_config`).
LIVE_FIELDS = frozenset({"lr", "reg", "reg_rate", "loss", "batch_size"})
MAX_HIDDEN_LAYERS = 8
MAX_UNITS = 64


@dataclass(frozen=True)
class TrainConfig:
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    init: str = "auto"  # auto | glorot | he | zeros
    lr: float = 0.03
    batch_size: int = 10
    optimizer: str = "sgd"  # sgd | momentum | adam
    loss: str = "bce"  # bce | mse
    reg: str = "none"  # none | l1 | l2
    reg_rate: float = 0.0
    seed: int = 0  # weights and shuffling
    features: tuple[str, ...] = DEFAULT_FEATURES  # keys of core.nn.features.FEATURES


def validate_config(config: TrainConfig) -> TrainConfig:
    """Return ``config`` with ``hidden`` as a tuple of ints; ValueError if invalid."""
    hidden = tuple(int(h) for h in config.hidden)
    if len(hidden) > MAX_HIDDEN_LAYERS or any(not 1 <= h <= MAX_UNITS for h in hidden):
        raise ValueError(f"hidden must have ≤ {MAX_HIDDEN_LAYERS} layers of 1..{MAX_UNITS} "
                         f"units, got {config.hidden}")
    try:
        features = canonical(config.features)
    except ValueError:
        raise ValueError(f"invalid features: {config.features!r}") from None
    checks = (
        (config.activation in ACTIVATIONS, "activation"),
        (config.init in INITS, "init"),
        (config.optimizer in OPTIMIZERS, "optimizer"),
        (config.loss in LOSSES, "loss"),
        (config.reg in REGS, "reg"),
        (math.isfinite(config.lr) and config.lr > 0, "lr"),
        (int(config.batch_size) >= 1, "batch_size"),
        (math.isfinite(config.reg_rate) and config.reg_rate >= 0, "reg_rate"),
    )
    for ok, name in checks:
        if not ok:
            raise ValueError(f"invalid {name}: {getattr(config, name)!r}")
    return replace(config, hidden=hidden, batch_size=int(config.batch_size), features=features)


# ------------------------------------------------------------------ trainer


def initial_params_for(config: TrainConfig, seed: int | None = None, n_inputs: int | None = None):
    """The initial ``(W, b)`` pairs a Trainer with ``config`` would start from.

    Compare mode: ``p0 = initial_params_for(cfg)`` then
    ``Trainer(replace(cfg, activation=a), ..., initial_params=p0)`` for every ``a``
    starts all networks from the same weights (``seed`` defaults to ``config.seed``).
    """
    config = validate_config(config)
    sizes = (n_inputs or len(config.features), *config.hidden, 1)
    seed = config.seed if seed is None else seed
    return MLP(sizes, config.activation, seed=seed, init=config.init).copy_params()


def _as_data(X, y, name: str):
    X = np.ascontiguousarray(X, dtype=np.float64)
    y = np.asarray(y).reshape(-1)
    if X.ndim != 2 or X.shape[0] != y.shape[0]:
        raise ValueError(f"{name}: X must be (n, d) with n labels, got {X.shape}, {y.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError(f"{name}: labels must be 0 or 1")
    return X, y.astype(np.float64)


class Trainer:
    """Trains an MLP built from ``config`` on ``(X_train, y_train)``; see the module doc.

    The points are ``(n, 2)``; the network is fed their features (``config.features``,
    expanded once here, so an epoch costs what it did): :meth:`inputs` gives the matrix
    the model sees for any points. With the default ``("x1", "x2")`` the points are fed
    as they are (of any width).

    ``initial_params`` (``(W, b)`` pairs) and ``initial_slopes`` (PReLU's a per hidden
    layer) replace the seeded start, e.g. with a loaded network.

    Attributes: ``config``, ``model`` (the :class:`MLP`), ``epoch`` (epochs done),
    ``status`` ("ok" or "diverged"), ``diverged_at`` (epoch number or None),
    ``history`` (:class:`History`, epoch 0 = the initial weights).
    """

    def __init__(self, config: TrainConfig, X_train, y_train, X_test, y_test, *,
                 max_history: int = 512, initial_params=None, initial_slopes=None):
        self.config = cfg = validate_config(config)
        Xtr, ytr = _as_data(X_train, y_train, "train")
        if X_test is None or len(X_test) == 0:  # no test set: test metrics are NaN
            X_test, y_test = np.empty((0, Xtr.shape[1])), np.empty(0)
        Xte, yte = _as_data(X_test, y_test, "test")
        Xtr, Xte = self.inputs(Xtr), self.inputs(Xte)
        if Xtr.shape[0] == 0:
            raise ValueError("no training points")
        if Xte.shape[1] != Xtr.shape[1]:
            raise ValueError("train and test points have different dimensions")
        self.model = MLP((Xtr.shape[1], *cfg.hidden, 1), cfg.activation, seed=cfg.seed,
                         init=cfg.init)
        if initial_params is not None:
            self.model.params = initial_params
        if initial_slopes is not None:  # a loaded PReLU network's learned a, per layer
            self.model.slopes = initial_slopes
        optimizer = make_optimizer(cfg.optimizer, self.model.n_params, cfg.lr)
        self._compiled = CompiledEpoch(
            self.model, Xtr, ytr, Xte, yte, optimizer, loss=cfg.loss,
            penalty=make_penalty(cfg.reg, cfg.reg_rate), batch_size=cfg.batch_size)
        self._rng = np.random.default_rng((cfg.seed, 1))  # its own stream: shuffling
        self._snapshot = np.zeros(self.model.n_params)
        self.history = History(max_history, self.model.n_layers)
        self.epoch = 0
        self.status = "ok"
        self.diverged_at: int | None = None
        with np.errstate(all="ignore"):
            self._last = self._compiled.evaluate()
        self._record()

    # ------------------------------------------------------------------ config

    @property
    def features(self) -> tuple[str, ...]:
        return self.config.features

    def inputs(self, X) -> np.ndarray:
        """What the network is fed for the points ``X``: their features (see
        :mod:`core.nn.features`), or ``X`` itself with the default features."""
        if self.config.features == DEFAULT_FEATURES:
            return np.ascontiguousarray(X, dtype=np.float64)
        return expand(X, self.config.features)

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"

    def set_lr(self, lr: float) -> None:
        """Change the learning rate, keeping weights, optimizer state and history."""
        self.update_config(replace(self.config, lr=float(lr)))

    def set_reg_rate(self, reg_rate: float) -> None:
        """Change the regularisation rate, keeping the training state."""
        self.update_config(replace(self.config, reg_rate=float(reg_rate)))

    def can_update(self, config: TrainConfig) -> bool:
        """True if ``config`` differs from the current one only in :data:`LIVE_FIELDS`."""
        config = validate_config(config)
        return all(f.name in LIVE_FIELDS
                   or getattr(config, f.name) == getattr(self.config, f.name)
                   for f in fields(TrainConfig))

    def update_config(self, config: TrainConfig) -> None:
        """Apply a config that differs only in :data:`LIVE_FIELDS` (lr, reg, reg_rate,
        loss, batch_size) without resetting; ValueError for any other change."""
        config = validate_config(config)
        if not self.can_update(config):
            raise ValueError("only lr, reg, reg_rate, loss and batch_size change live; "
                             "other changes need a new Trainer")
        self.config = config
        self._compiled.configure(loss=config.loss, batch_size=config.batch_size,
                                 penalty=make_penalty(config.reg, config.reg_rate),
                                 lr=config.lr)

    # ------------------------------------------------------------------ epochs

    def _record(self) -> None:
        self.history.append(self.epoch, self._last[:4], self._last.grad_norms)

    def _finite(self, metrics: Evaluation) -> bool:
        """No NaN/inf in the weights or in either loss (the divergence test)."""
        losses_ok = math.isfinite(metrics.train_loss) and (
            self._compiled.n_test == 0 or math.isfinite(metrics.test_loss))
        return losses_ok and bool(np.isfinite(self.model.theta).all())

    def run(self, epochs: int = 1, *, max_seconds: float | None = None,
            clock: Callable[[], float] = time.perf_counter) -> int:
        """Train up to ``epochs`` epochs; returns how many were completed.

        Stops early at divergence (the failing epoch is not counted and its weights are
        discarded) or once ``max_seconds`` have passed on ``clock`` (read before the first
        epoch and after each one).
        """
        if self.diverged or epochs <= 0:
            return 0
        start = clock()
        compiled, rng = self._compiled, self._rng
        theta, snapshot, n = self.model.theta, self._snapshot, compiled.n_train
        done = 0
        with np.errstate(all="ignore"):
            if compiled.full_batch:  # weights may have been edited since: fresh gradient
                self._last = compiled.evaluate()
            for _ in range(int(epochs)):
                np.copyto(snapshot, theta)
                compiled.train(None if compiled.full_batch else rng.permutation(n))
                metrics = compiled.evaluate()
                if not self._finite(metrics):
                    np.copyto(theta, snapshot)
                    self.status = "diverged"
                    self.diverged_at = self.epoch + 1
                    self._last = compiled.evaluate()
                    break
                self._last = metrics
                self.epoch += 1
                self._record()
                done += 1
                if max_seconds is not None and clock() - start > max_seconds:
                    break
        return done

    def metrics(self) -> dict:
        """The latest record: epoch, train_loss, test_loss, train_acc, test_acc."""
        tl, vl, ta, va, _ = self._last
        return {"epoch": self.epoch, "train_loss": tl, "test_loss": vl,
                "train_acc": ta, "test_acc": va}

    @property
    def grad_norms(self) -> np.ndarray:
        """Latest per-layer ‖∂L/∂W_l‖_F (full training set), layer 1 first."""
        return np.array(self._last.grad_norms)
