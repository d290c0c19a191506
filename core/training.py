r"""Training loop, optimizers and a bounded history for the live-training page.

A :class:`Trainer` owns one :class:`~core.mlp.MLP`, its optimizer and the data, and
advances whole epochs per :meth:`Trainer.run` call (the page calls it from a fragment).

Optimizers (PyTorch's update rules and defaults; ``g`` is the mean gradient of the
batch objective, data loss plus penalty)::

    sgd       θ ← θ − lr·g
    momentum  v ← 0.9·v + g;  θ ← θ − lr·v                     (torch.optim.SGD, momentum=0.9)
    adam      m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t + 1
              θ ← θ − lr/(1−β1ᵗ) · m / (sqrt(v)/sqrt(1−β2ᵗ) + ε)
              β1 = 0.9, β2 = 0.999, ε = 1e-8                   (torch.optim.Adam)

L1/L2 are added to the gradient (coupled), so with Adam this is "Adam + L2", not AdamW.

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

Divergence: if a loss or any weight becomes NaN/±inf during an epoch, the weights
from the start of that epoch are restored, ``status`` becomes ``"diverged"``,
``diverged_at`` the epoch that failed, and :meth:`Trainer.run` does nothing more (it is
final: the optimizer's state is not restored; start a new Trainer, e.g. with a smaller
learning rate). No numpy warning escapes.

Speed: the whole epoch is compiled once into an "op tape" of numpy/BLAS calls over
preallocated buffers (see :mod:`core.mlp`) and replayed; only the shuffle, the
evaluation's few sums and the divergence check run as Python each epoch.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields, replace

import numpy as np
from scipy.special import expit

from core.activations import ACTIVATIONS
from core.mlp import INITS, LOSSES, MLP, REGS

try:  # BLAS level-1 calls: one in-place call per vector update, lowest overhead.
    from scipy.linalg.blas import daxpy as _daxpy, dscal as _dscal
except ImportError:  # pragma: no cover - a scipy without BLAS wrappers
    def _daxpy(x, y, n=None, a=1.0):
        y += a * x
        return y

    def _dscal(a, x):
        x *= a
        return x


def _axpy(a: float, x: np.ndarray, y: np.ndarray) -> None:
    """y += a·x in place (x, y contiguous float64)."""
    _daxpy(x, y, x.size, a)


def _scal(a: float, x: np.ndarray) -> None:
    """x *= a in place."""
    _dscal(a, x)


__all__ = [
    "History",
    "LIVE_FIELDS",
    "OPTIMIZERS",
    "STATUSES",
    "TrainConfig",
    "Trainer",
    "initial_params_for",
    "make_optimizer",
    "validate_config",
]

OPTIMIZERS = ("sgd", "momentum", "adam")
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


def validate_config(config: TrainConfig) -> TrainConfig:
    """Return ``config`` with ``hidden`` as a tuple of ints; ValueError if invalid."""
    hidden = tuple(int(h) for h in config.hidden)
    if len(hidden) > MAX_HIDDEN_LAYERS or any(not 1 <= h <= MAX_UNITS for h in hidden):
        raise ValueError(f"hidden must have ≤ {MAX_HIDDEN_LAYERS} layers of 1..{MAX_UNITS} "
                         f"units, got {config.hidden}")
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
    return replace(config, hidden=hidden, batch_size=int(config.batch_size))


# ------------------------------------------------------------------ optimizers


class SGD:
    """θ ← θ − lr·g."""

    def __init__(self, size: int, lr: float):
        self.lr = lr

    def step(self, theta: np.ndarray, g: np.ndarray, scale: float) -> None:
        """One update with gradient ``scale·g`` (``g`` may be overwritten)."""
        _axpy(-self.lr * scale, g, theta)

    def ops(self, theta: np.ndarray, g: np.ndarray, scale: float) -> list:
        """The same update as an op tape (rebuilt when lr changes)."""
        return [(_daxpy, (g, theta, g.size, -self.lr * scale))]


class Momentum:
    """PyTorch's SGD with momentum μ = 0.9 (no dampening, not Nesterov):
    v ← μ·v + g;  θ ← θ − lr·v (v starts at 0, so the first step is plain SGD)."""

    def __init__(self, size: int, lr: float, momentum: float = 0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = np.zeros(size)

    def step(self, theta: np.ndarray, g: np.ndarray, scale: float) -> None:
        self._run(self.ops(theta, g, scale))

    def ops(self, theta: np.ndarray, g: np.ndarray, scale: float) -> list:
        v = self.velocity
        return [(_dscal, (self.momentum, v)),  # v ← μ·v
                (_daxpy, (g, v, v.size, scale)),  # v ← v + g
                (_daxpy, (v, theta, v.size, -self.lr))]  # θ ← θ − lr·v

    @staticmethod
    def _run(ops: list) -> None:
        for f, args in ops:
            f(*args)


class Adam:
    """PyTorch's Adam (β1 0.9, β2 0.999, ε 1e-8, no weight decay, not AMSGrad)."""

    def __init__(self, size: int, lr: float, betas=(0.9, 0.999), eps: float = 1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self._tmp = np.zeros(size)

    def step(self, theta: np.ndarray, g: np.ndarray, scale: float) -> None:
        if scale != 1.0:
            _scal(scale, g)
        self.t += 1
        b1, b2, tmp = self.beta1, self.beta2, self._tmp
        _scal(b1, self.m)
        _axpy(1.0 - b1, g, self.m)  # m ← β1·m + (1−β1)·g
        np.multiply(g, g, tmp)
        _scal(b2, self.v)
        _axpy(1.0 - b2, tmp, self.v)  # v ← β2·v + (1−β2)·g²
        np.sqrt(self.v, tmp)
        np.divide(tmp, math.sqrt(1.0 - b2**self.t), tmp)
        np.add(tmp, self.eps, tmp)  # sqrt(v̂) + ε, as torch: sqrt(v)/sqrt(bc2) + ε
        np.divide(self.m, tmp, tmp)
        _axpy(-self.lr / (1.0 - b1**self.t), tmp, theta)

    def ops(self, theta: np.ndarray, g: np.ndarray, scale: float) -> list:
        """The step depends on the step count t, so the tape just calls it."""
        return [(self.step, (theta, g, scale))]


_OPTIMIZER_CLASSES = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, size: int, lr: float):
    """An optimizer for a flat parameter vector of ``size`` entries."""
    if name not in _OPTIMIZER_CLASSES:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {name!r}")
    return _OPTIMIZER_CLASSES[name](size, lr)


# ------------------------------------------------------------------ history


class History:
    """Per-epoch records in preallocated arrays, bounded by ``capacity`` points.

    Read as attributes or items (``h.train_loss``, ``h["train_loss"]``): read-only numpy
    views, oldest first: ``epoch`` (int64), ``train_loss``, ``test_loss``,
    ``train_acc``, ``test_acc`` (float64; test values are NaN without test points)
    and ``grad_norms`` (len, n_layers). When full, the older half is thinned by 2
    (every other point kept, epoch 0 always) and the newer half kept whole: memory stays
    bounded however long training runs, and recent epochs stay at full resolution.
    """

    KEYS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc", "grad_norms")
    _COLUMNS = ("train_loss", "test_loss", "train_acc", "test_acc")

    def __init__(self, capacity: int, n_layers: int):
        self.capacity = max(4, int(capacity))
        self._epoch = np.zeros(self.capacity, np.int64)
        self._values = np.zeros((len(self._COLUMNS), self.capacity))
        self._norms = np.zeros((self.capacity, n_layers))
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def _thin(self) -> None:
        half = self.capacity // 2
        keep = np.r_[0:half:2, half:self._len]
        k = len(keep)
        self._epoch[:k] = self._epoch[keep]
        self._values[:, :k] = self._values[:, keep]
        self._norms[:k] = self._norms[keep]
        self._len = k

    def append(self, epoch: int, values, norms) -> None:
        """Record one epoch: ``values`` = (train_loss, test_loss, train_acc, test_acc)."""
        if self._len == self.capacity:
            self._thin()
        i = self._len
        self._epoch[i] = epoch
        self._values[:, i] = values
        self._norms[i] = norms
        self._len = i + 1

    @staticmethod
    def _view(a: np.ndarray) -> np.ndarray:
        v = a.view()
        v.flags.writeable = False
        return v

    @property
    def epoch(self) -> np.ndarray:
        return self._view(self._epoch[: self._len])

    @property
    def grad_norms(self) -> np.ndarray:
        return self._view(self._norms[: self._len])

    def __getattr__(self, name: str):
        columns = type(self)._COLUMNS
        if name in columns:
            return self._view(self._values[columns.index(name), : self._len])
        raise AttributeError(name)

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self.KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def keys(self):
        return self.KEYS

    def as_dict(self) -> dict[str, np.ndarray]:
        """Independent copies of every record."""
        return {k: np.array(self[k]) for k in self.KEYS}


# ------------------------------------------------------------------ trainer


def initial_params_for(config: TrainConfig, seed: int | None = None, n_inputs: int = 2):
    """The initial ``(W, b)`` pairs a Trainer with ``config`` would start from.

    Compare mode: ``p0 = initial_params_for(cfg)`` then
    ``Trainer(replace(cfg, activation=a), ..., initial_params=p0)`` for every ``a``
    starts all networks from the same weights (``seed`` defaults to ``config.seed``).
    """
    config = validate_config(config)
    sizes = (n_inputs, *config.hidden, 1)
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

    Attributes: ``config``, ``model`` (the :class:`MLP`), ``epoch`` (epochs done),
    ``status`` ("ok" or "diverged"), ``diverged_at`` (epoch number or None),
    ``history`` (:class:`History`, epoch 0 = the initial weights).
    """

    def __init__(self, config: TrainConfig, X_train, y_train, X_test, y_test, *,
                 max_history: int = 2000, initial_params=None):
        self.config = validate_config(config)
        Xtr, ytr = _as_data(X_train, y_train, "train")
        if X_test is None or len(X_test) == 0:  # no test set: test metrics are NaN
            X_test, y_test = np.empty((0, Xtr.shape[1])), np.empty(0)
        Xte, yte = _as_data(X_test, y_test, "test")
        if Xtr.shape[0] == 0:
            raise ValueError("no training points")
        if Xte.shape[1] != Xtr.shape[1]:
            raise ValueError("train and test points have different dimensions")
        cfg = self.config
        self.model = MLP((Xtr.shape[1], *cfg.hidden, 1), cfg.activation, seed=cfg.seed,
                         init=cfg.init)
        if initial_params is not None:
            self.model.params = initial_params
        self._setup_data(Xtr, ytr, Xte, yte)
        self._optimizer = make_optimizer(cfg.optimizer, self.model.n_params, cfg.lr)
        self._rng = np.random.default_rng((cfg.seed, 1))  # its own stream: shuffling
        self.history = History(max_history, self.model.n_layers)
        self.epoch = 0
        self.status = "ok"
        self.diverged_at: int | None = None
        self._build_tapes()
        with np.errstate(all="ignore"):
            self._last = self._evaluate()
        self._record()

    # ------------------------------------------------------------------ setup

    def _setup_data(self, Xtr, ytr, Xte, yte) -> None:
        m = self.model
        n, n_test = Xtr.shape[0], Xte.shape[0]
        self._n_train, self._n_test = n, n_test
        X_all = np.concatenate((Xtr, Xte))
        y_all = np.concatenate((ytr, yte)).reshape(1, -1)
        self._XT_all = m._augment(X_all)  # train columns first, then test
        self._XT_train = self._XT_all[:, :n]
        self._y_all = y_all
        self._y_train = y_all[:, :n]
        self._sign_all = 1.0 - 2.0 * y_all  # BCE = softplus((1 − 2y)·z)
        self._ybool_all = y_all > 0.5
        N = n + n_test
        self._pass_eval = m._new_pass(N)
        self._pass_train = self._pass_eval.columns(n)
        self._loss_buf = np.empty((1, N))
        self._bool_buf = np.empty((1, N), dtype=bool)
        size = m.n_params
        self._g = np.zeros(size)  # mini-batch gradient (sum over the batch)
        self._g_full = np.zeros(size)  # mean gradient over the training set
        self._g_views = m._grad_views(self._g)
        self._g_full_views = m._grad_views(self._g_full)
        self._scratch = np.zeros(size)
        self._snapshot = np.zeros(size)
        # reduceat boundaries [W_0 start, W_0 stop, W_1 start, W_1 stop, ...]: the even
        # segments are the weight blocks (every W_l stop < len: its bias follows it).
        self._norm_idx = np.array([i for s in m._weight_slices for i in s])

    def _step_ops(self, g: np.ndarray, scale: float) -> list:
        """Ops for one optimizer step with gradient ``scale·g`` (+ the penalty's)."""
        cfg = self.config
        if cfg.reg != "none" and cfg.reg_rate > 0.0:
            return [(self._apply, (g, scale))]
        return self._optimizer.ops(self.model.theta, g, scale)

    def _build_tapes(self) -> None:
        """Compile the epoch into op tapes over preallocated buffers (see core.mlp).

        Mini-batch mode: one tape for the whole epoch (forward, δ, backward, step for
        every batch, in order) over the shuffled copy ``_XsT``/``_ys`` of the training
        data, which each epoch refills. Full batch: the step uses ``_g_full``, the
        gradient the evaluation just computed. Rebuilt whenever the config changes.
        """
        m, cfg, n = self.model, self.config, self._n_train
        bs = min(cfg.batch_size, n)
        self._full_batch = bs >= n
        ps = self._pass_train
        self._eval_forward = m._forward_ops(self._XT_all, self._pass_eval)
        self._eval_backward = (m._delta_ops(ps, self._y_train, cfg.loss)
                               + m._backward_ops(self._XT_train, ps, self._g_full_views)
                               + [(_dscal, (1.0 / n, self._g_full))])
        if self._full_batch:
            self._epoch_tape = self._step_ops(self._g_full, 1.0)
            return
        if not hasattr(self, "_XsT"):
            self._XsT = np.empty((self._XT_train.shape[0], n))
            self._ys = np.empty((1, n))
            self._batch_passes: dict[int, object] = {}
        tape = []
        for start in range(0, n, bs):
            width = min(bs, n - start)
            if width not in self._batch_passes:
                self._batch_passes[width] = m._new_pass(width)
            bp = self._batch_passes[width]
            xb = self._XsT[:, start:start + width]
            yb = self._ys[:, start:start + width]
            tape += m._forward_ops(xb, bp)
            tape += m._delta_ops(bp, yb, cfg.loss)
            tape += m._backward_ops(xb, bp, self._g_views)
            tape += self._step_ops(self._g, 1.0 / width)
        self._epoch_tape = tape

    # ------------------------------------------------------------------ config

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
        self._optimizer.lr = config.lr
        self._build_tapes()

    # ------------------------------------------------------------------ epochs

    def _apply(self, g: np.ndarray, scale: float) -> None:
        """Optimizer step with the gradient ``scale·g`` plus the penalty's gradient."""
        cfg = self.config
        if cfg.reg != "none" and cfg.reg_rate > 0.0:
            _scal(scale, g)
            self.model.add_penalty_grad(g, cfg.reg, cfg.reg_rate, self._scratch)
            scale = 1.0
        self._optimizer.step(self.model.theta, g, scale)

    def _train_epoch(self) -> None:
        if not self._full_batch:
            perm = self._rng.permutation(self._n_train)
            np.take(self._XT_train, perm, axis=1, out=self._XsT)
            np.take(self._y_train, perm, axis=1, out=self._ys)
        for f, args in self._epoch_tape:
            f(*args)

    def _evaluate(self) -> tuple:
        """Loss and accuracy on train and test, and the full-training-set gradient (into
        ``_g_full``), at the current weights, in one pass. Returns the metrics tuple
        ``(train_loss, test_loss, train_acc, test_acc, grad_norms)``."""
        n, n_test = self._n_train, self._n_test
        for f, args in self._eval_forward:
            f(*args)
        z = self._pass_eval.zout
        t, b = self._loss_buf, self._bool_buf
        if self.config.loss == "bce":
            np.multiply(z, self._sign_all, t)
            np.logaddexp(0.0, t, t)
            half = 1.0
        else:
            p = self._pass_eval.P
            expit(z, p)
            np.subtract(p, self._y_all, t)
            np.multiply(t, t, t)
            half = 0.5
        row = t[0]
        train_loss = half * row[:n].sum() / n
        test_loss = half * row[n:].sum() / n_test if n_test else math.nan
        np.greater_equal(z, 0.0, b)
        np.equal(b, self._ybool_all, b)
        brow = b[0]
        train_acc = int(np.count_nonzero(brow[:n])) / n
        test_acc = int(np.count_nonzero(brow[n:])) / n_test if n_test else math.nan
        for f, args in self._eval_backward:
            f(*args)
        sq = self._scratch
        np.multiply(self._g_full, self._g_full, sq)
        norms = np.sqrt(np.add.reduceat(sq, self._norm_idx)[::2])
        return float(train_loss), float(test_loss), train_acc, test_acc, norms

    def _record(self) -> None:
        self.history.append(self.epoch, self._last[:4], self._last[4])

    def _finite(self, metrics: tuple) -> bool:
        """No NaN/inf in the weights or in either loss (the divergence test)."""
        losses_ok = math.isfinite(metrics[0]) and (self._n_test == 0
                                                   or math.isfinite(metrics[1]))
        return losses_ok and bool(np.isfinite(self.model.theta).all())

    def run(self, epochs: int = 1, *, max_seconds: float | None = None) -> int:
        """Train up to ``epochs`` epochs; returns how many were completed.

        Stops early at divergence (the failing epoch is not counted and its weights are
        discarded) or once ``max_seconds`` have passed (checked after each epoch).
        """
        if self.diverged or epochs <= 0:
            return 0
        start = time.perf_counter()
        theta, snapshot = self.model.theta, self._snapshot
        done = 0
        with np.errstate(all="ignore"):
            if self._full_batch:  # weights may have been edited since: fresh gradient
                self._last = self._evaluate()
            for _ in range(int(epochs)):
                np.copyto(snapshot, theta)
                self._train_epoch()
                metrics = self._evaluate()
                if not self._finite(metrics):
                    np.copyto(theta, snapshot)
                    self.status = "diverged"
                    self.diverged_at = self.epoch + 1
                    self._last = self._evaluate()
                    break
                self._last = metrics
                self.epoch += 1
                self._record()
                done += 1
                if max_seconds is not None and time.perf_counter() - start > max_seconds:
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
        return np.array(self._last[4])
