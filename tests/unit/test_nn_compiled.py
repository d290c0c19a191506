"""``core.nn``: the compiled epoch against the plain reference path, and the package's
rules (no private member reached across modules, short functions)."""

import ast
from pathlib import Path

import numpy as np
import pytest

from core.nn.activations import ACTIVATIONS as CATALOG
from core.nn.activations import FROM_OUTPUT
from core.nn.compiled import Buffers, CompiledEpoch, fast_ops, forward_ops
from core.nn.losses import LOSSES, make_penalty
from core.nn.mlp import MLP
from core.nn.optimizers import OPTIMIZERS, make_optimizer
from tests.unit.test_nn_losses import TEXTBOOK

NN = Path(__file__).resolve().parents[2] / "core" / "nn"
# tanh/sigmoid/relu/identity take f' from the output in the compiled pass; gelu and elu
# go through the registry (the "generic" route), as does tanh with fast=False; PReLU
# goes through it too, and learns its slope a (one per hidden layer, at the end of θ).
ACTIVATIONS = [("tanh", True), ("sigmoid", True), ("relu", True), ("identity", True),
               ("gelu", True), ("elu", True), ("tanh", False), ("prelu", True)]


def flat(grads):
    return np.concatenate([np.concatenate([W.ravel(), b.ravel()]) for W, b in grads])


# ----------------------------------------------------------------- compiled == reference


def problem(act, fast, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (30, 2))
    y = (X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5).astype(float)
    model = MLP([2, 5, 3, 1], act, seed=seed, fast=fast)
    for _, b in model.params:  # non-zero biases: exercise their gradient too
        b[...] = rng.normal(0, 0.3, b.shape)
    model.slopes = rng.uniform(0.1, 0.4, model.slopes.size)  # PReLU: a different a per layer
    return model, X[:23], y[:23], X[23:], y[23:]


def reference_epoch(model, X, y, order, batch, loss, reg, rate, optimizer, lr):
    """One epoch the plain way: loss_and_gradient per mini-batch, then a textbook step."""
    opt = TEXTBOOK[optimizer](lr)
    for start in range(0, len(order), batch):
        rows = order[start:start + batch]
        _, g = model.loss_and_gradient(X[rows], y[rows], loss, reg, rate)
        opt.step(model.theta, g)


@pytest.mark.parametrize("batch", [5, 100])
@pytest.mark.parametrize("reg, rate", [("none", 0.0), ("l2", 0.05), ("l1", 0.02)])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("act, fast", ACTIVATIONS)
def test_compiled_epoch_equals_the_reference_path(act, fast, loss, optimizer, reg, rate,
                                                 batch):
    compiled_model, Xtr, ytr, Xte, yte = problem(act, fast)
    reference, *_ = problem(act, fast)
    lr = 0.05
    epoch = CompiledEpoch(compiled_model, Xtr, ytr, Xte, yte,
                          make_optimizer(optimizer, compiled_model.n_params, lr),
                          loss=loss, penalty=make_penalty(reg, rate), batch_size=batch)
    order = np.random.default_rng(7).permutation(len(ytr))
    with np.errstate(all="ignore"):
        epoch.evaluate()  # full batch steps along the gradient of the latest evaluation
        epoch.train(order)
        full = len(ytr) if epoch.full_batch else batch
        reference_epoch(reference, Xtr, ytr, order, full, loss, reg, rate, optimizer, lr)
    np.testing.assert_allclose(compiled_model.theta, reference.theta, rtol=1e-12, atol=1e-12)

    metrics = epoch.evaluate()  # the metrics after the epoch, from the reference path
    value, grads = reference.loss_and_grads(Xtr, ytr, loss)
    assert metrics.train_loss == pytest.approx(value, rel=1e-12, abs=1e-15)
    assert metrics.test_loss == pytest.approx(reference.loss_and_grads(Xte, yte, loss)[0],
                                              rel=1e-12, abs=1e-15)
    assert metrics.train_acc == np.mean(reference.predict(Xtr) == ytr)
    assert metrics.test_acc == np.mean(reference.predict(Xte) == yte)
    np.testing.assert_allclose(epoch.gradient, reference.loss_and_gradient(Xtr, ytr, loss)[1],
                               rtol=1e-12, atol=1e-14)
    assert np.array_equal(flat(grads), reference.loss_and_gradient(Xtr, ytr, loss)[1][:len(flat(grads))])
    np.testing.assert_allclose(metrics.grad_norms, [np.linalg.norm(dW) for dW, _ in grads],
                               rtol=1e-12, atol=1e-14)


def test_configure_keeps_weights_and_optimizer_state():
    model, Xtr, ytr, Xte, yte = problem("tanh", True)
    opt = make_optimizer("adam", model.n_params, 0.01)
    epoch = CompiledEpoch(model, Xtr, ytr, Xte, yte, opt, loss="bce",
                          penalty=make_penalty("none"), batch_size=4)
    epoch.train(np.arange(len(ytr)))
    steps, theta = opt.t, model.theta.copy()
    epoch.configure(loss="mse", penalty=make_penalty("l2", 0.1), batch_size=8, lr=0.02)
    assert opt.t == steps and opt.lr == 0.02 and np.array_equal(model.theta, theta)
    epoch.train(np.arange(len(ytr)))
    assert opt.t == steps + 3  # 23 rows in batches of 8


# ----------------------------------------------------------------- the package's rules


def _sources():
    """Every app module: the engine is where it mattered first, but the rules hold for all."""
    root = NN.parents[1]
    return sorted({*NN.parent.rglob("*.py"), *(root / "app_pages").glob("*.py"), *(root / "ui").rglob("*.py")})


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(NN.parents[1])))
def test_no_private_member_is_reached_from_outside(path):
    """``x._name`` only on ``self``/``cls``/``type(self)``; no ``_name`` imported."""
    offences = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and not node.attr.startswith("__"):
            owner = node.value
            own = (isinstance(owner, ast.Name) and owner.id in ("self", "cls")) or (
                isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name)
                and owner.func.id == "type")
            if not own:
                offences.append(f"line {node.lineno}: .{node.attr}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("core"):
            offences += [f"line {node.lineno}: imports {a.name}" for a in node.names
                         if a.name.startswith("_") and not a.name.startswith("__")]
    assert not offences, offences


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(NN.parents[1])))
def test_functions_are_short(path):
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > 80]
    assert not long, long


# ----------------------------------------------------------------- one place per activation


def _activation_keys_in(path: Path) -> list[str]:
    from core.nn.activations import ACTIVATIONS

    return [f"line {node.lineno}: {node.value!r}"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and node.value in ACTIVATIONS]


@pytest.mark.parametrize("name", ["compiled.py", "plane.py"])
def test_the_engine_names_no_activation(name):
    """The fast path is read from the catalog entry (its ``fast`` ops): no activation's
    key is written in the code that runs it."""
    assert _activation_keys_in(NN / name) == []


def test_the_name_check_sees_a_key(tmp_path):
    path = tmp_path / "route.py"
    path.write_text('if model.activation == "tanh":\n    pass\n', encoding="utf-8")
    assert _activation_keys_in(path) == ["line 1: 'tanh'"]


@pytest.mark.parametrize("key", FROM_OUTPUT)
@pytest.mark.parametrize("batch", [5, 100])
def test_the_fast_ops_train_as_the_generic_route(key, batch):
    """Every activation with fast ops: the same epoch and gradient as the same model
    differentiated through the registry (``fast=False``)."""
    models, epochs = [], []
    for fast in (True, False):
        model, Xtr, ytr, Xte, yte = problem(key, fast)
        epoch = CompiledEpoch(model, Xtr, ytr, Xte, yte, make_optimizer("adam", model.n_params, 0.05),
                              loss="bce", penalty=make_penalty("l2", 0.01), batch_size=batch)
        epoch.evaluate()
        epoch.train(np.random.default_rng(7).permutation(len(ytr)))
        models.append(model)
        epochs.append(epoch)
    assert fast_ops(models[0]) is CATALOG[key].fast and fast_ops(models[1]) is None
    np.testing.assert_allclose(models[0].theta, models[1].theta, rtol=1e-12, atol=1e-13)
    fast_eval, generic_eval = (e.evaluate() for e in epochs)
    np.testing.assert_allclose(epochs[0].gradient, epochs[1].gradient, rtol=1e-10, atol=1e-13)
    assert fast_eval.train_loss == pytest.approx(generic_eval.train_loss, rel=1e-12)


@pytest.mark.parametrize("key", FROM_OUTPUT)
def test_the_fast_route_keeps_no_z_and_shares_delta_only_for_a_unit_slope(key):
    fast = CATALOG[key].fast
    buf = Buffers((5, 3), 4, fast)
    assert buf.preactivations is None
    assert [d is g for d, g in zip(buf.deltas, buf.output_grads)] == [fast.unit_slope] * 2
    generic = Buffers((5, 3), 4, None)
    assert generic.preactivations is not None
    assert not any(d is g for d, g in zip(generic.deltas, generic.output_grads))


def test_the_fast_route_is_the_entrys_ops():
    """A model whose activation has no fast ops, or with ``fast`` off, takes the generic
    route; and the compiled tape holds the entry's own ops."""
    assert fast_ops(MLP([2, 3, 1], "gelu")) is None
    assert fast_ops(MLP([2, 3, 1], "tanh", fast=False)) is None
    model = MLP([2, 3, 1], "tanh")
    x = np.ones((3, 4))
    buf = Buffers((3,), 4, fast_ops(model))
    tape = forward_ops(model, x, buf)
    assert [f for f, _ in tape] == [np.dot, np.tanh, np.dot]


def test_the_pages_network_limits_lie_inside_the_engines():
    from core.nn import trainer
    from core.state import training as ts

    assert 1 <= ts.MAX_LAYERS <= trainer.MAX_HIDDEN_LAYERS
    assert 1 <= ts.MAX_UNITS <= trainer.MAX_UNITS
    trainer.validate_config(trainer.TrainConfig(hidden=(ts.MAX_UNITS,) * ts.MAX_LAYERS))
