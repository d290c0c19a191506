"""A PReLU network learns one slope a per hidden layer (issue 18, item 19).

The references are independent of our code: PyTorch's autograd on ``nn.PReLU`` (one
weight per layer, as ``nn.PReLU()``), its optimizers, and central differences of the
loss in a. The compiled epoch is held to the reference pass in ``test_nn_compiled``.
"""

import numpy as np
import pytest
import torch

from core.nn.compiled import CompiledEpoch
from core.nn.datasets import make_dataset, train_test_split
from core.nn.losses import make_penalty
from core.nn.mlp import MLP
from core.nn.optimizers import make_optimizer
from core.nn.trainer import TrainConfig, Trainer

pytestmark = pytest.mark.filterwarnings("error")

SIZES = [2, 5, 3, 1]


def prelu_problem(seed=0, n=40):
    rng = np.random.default_rng(seed)
    model = MLP(SIZES, "prelu", seed=seed)
    for _, b in model.params:
        b[...] = rng.normal(0, 0.3, b.shape)
    model.slopes = [0.31, -0.12]  # learned values differ from the start and by layer
    X = rng.uniform(-1.5, 1.5, (n, 2))
    y = (X[:, 0] ** 2 + X[:, 1] ** 2 < 1.0).astype(float)
    return model, X, y


def torch_twin(model: MLP) -> torch.nn.Sequential:
    """The same network in PyTorch (float64): Linear, PReLU (one weight), …, Linear."""
    layers = []
    for k, (W, b) in enumerate(model.params):
        lin = torch.nn.Linear(*W.shape, dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b.copy()))
        layers.append(lin)
        if k < model.n_layers - 1:
            layers.append(torch.nn.PReLU(init=float(model.slopes[k]), dtype=torch.float64))
            with torch.no_grad():  # init= is rounded through float32; the value itself
                layers[-1].weight.fill_(float(model.slopes[k]))
    return torch.nn.Sequential(*layers)


def torch_flat(net: torch.nn.Sequential, grads: bool = False) -> np.ndarray:
    """The net's parameters (or their .grad) in our θ order: [W; b] per layer, then the slopes."""
    def get(t):
        return (t.grad if grads else t).detach().numpy()

    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    prelus = [m for m in net if isinstance(m, torch.nn.PReLU)]
    blocks = [np.vstack([get(m.weight).T, get(m.bias)[None, :]]).ravel() for m in linears]
    return np.concatenate(blocks + [get(m.weight) for m in prelus])


def torch_loss(net, X, y, loss):
    z = net(torch.from_numpy(X))[:, 0]
    yt = torch.from_numpy(y)
    if loss == "bce":
        return torch.nn.functional.binary_cross_entropy_with_logits(z, yt)
    return (0.5 * (torch.sigmoid(z) - yt) ** 2).mean()  # the app's ½(p − y)²


# ------------------------------------------------------------------ the model holds a


def test_one_slope_per_hidden_layer_at_the_end_of_theta():
    model = MLP(SIZES, "prelu", seed=3)
    blocks = sum((fi + 1) * fo for fi, fo in model.shapes)
    assert model.n_params == blocks + 2
    np.testing.assert_array_equal(model.slopes, [0.25, 0.25])  # nn.PReLU()'s init
    assert np.shares_memory(model.slopes, model.theta)
    assert model.hidden_params == [{"a": 0.25}, {"a": 0.25}]
    # The weights are ReLU's with the same seed: the slopes draw no random numbers.
    relu = MLP(SIZES, "relu", seed=3)
    for (W, b), (W2, b2) in zip(model.params, relu.params):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)
    assert MLP(SIZES, "prelu", act_params={"a": 0.1}).slopes.tolist() == [0.1, 0.1]
    with pytest.raises(ValueError, match="slope"):
        model.slopes = [0.1, 0.2, 0.3]


@pytest.mark.parametrize("act", ["tanh", "relu", "leaky_relu", "gelu"])
def test_other_networks_are_as_before(act):
    """``params`` is the list of (W, b) pairs it always was, θ holds exactly them."""
    model = MLP(SIZES, act, seed=1)
    assert model.n_params == sum((fi + 1) * fo for fi, fo in model.shapes)
    assert model.slopes.shape == (0,) and model.learned is None
    assert model.hidden_params == [model.act_params] * 2
    X = np.random.default_rng(0).normal(size=(7, 2))
    y = np.arange(7) % 2
    value, grads = model.loss_and_grads(X, y)
    value2, g = model.loss_and_gradient(X, y)
    assert value == value2
    flat = np.concatenate([np.concatenate([dW.ravel(), db.ravel()]) for dW, db in grads])
    assert np.array_equal(flat, g)


def test_the_forward_pass_uses_each_layers_slope():
    model, X, _ = prelu_problem()
    net = torch_twin(model)
    ours = model.predict_proba(X)
    theirs = torch.sigmoid(net(torch.from_numpy(X))[:, 0]).detach().numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-15)
    # A different slope in layer 2 changes the prediction: it is used, not the default.
    model.slopes = [0.31, 0.9]
    assert not np.allclose(model.predict_proba(X), ours)


# ------------------------------------------------------------------ ∂L/∂a


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_gradient_matches_pytorch_autograd(loss):
    model, X, y = prelu_problem(seed=2)
    net = torch_twin(model)
    torch_loss(net, X, y, loss).backward()
    value, g = model.loss_and_gradient(X, y, loss)
    assert value == pytest.approx(torch_loss(net, X, y, loss).item(), rel=1e-13)
    np.testing.assert_allclose(g, torch_flat(net, grads=True), rtol=1e-11, atol=1e-14)
    assert np.all(np.abs(model.slope_view(g)) > 1e-4)  # a real gradient, not zeros


@pytest.mark.parametrize("reg, rate", [("none", 0.0), ("l2", 0.3), ("l1", 0.2)])
def test_gradient_in_a_matches_central_differences(reg, rate):
    model, X, y = prelu_problem(seed=4)
    zs, _ = model.forward(X)
    assert all(np.min(np.abs(z)) > 1e-4 for z in zs[:-1])  # away from the kink at 0
    _, g = model.loss_and_gradient(X, y, "bce", reg, rate)
    eps = 1e-6
    for k in range(model.slopes.size):
        a = model.slopes[k]
        model.slopes[k] = a + eps
        up = model.loss_and_gradient(X, y, "bce", reg, rate)[0]
        model.slopes[k] = a - eps
        down = model.loss_and_gradient(X, y, "bce", reg, rate)[0]
        model.slopes[k] = a
        assert model.slope_view(g)[k] == pytest.approx((up - down) / (2 * eps), rel=1e-6, abs=1e-9)


def test_penalties_leave_the_slopes_alone():
    """L1/L2 are on the weights: a penalty changes neither the gradient in a nor, when a
    changes, the penalty itself (He et al. 2015 train a without weight decay)."""
    model, X, y = prelu_problem(seed=5)
    _, plain = model.loss_and_gradient(X, y)
    for reg in ("l1", "l2"):
        _, penalised = model.loss_and_gradient(X, y, "bce", reg, 0.5)
        np.testing.assert_array_equal(model.slope_view(penalised), model.slope_view(plain))
        assert not np.array_equal(penalised, plain)
        before = model.penalty(reg, 0.5)
        model.slopes = [5.0, -3.0]
        assert model.penalty(reg, 0.5) == before
        model.slopes = [0.31, -0.12]
    assert np.all(model.slope_view(model.weight_mask) == 0.0)


# ------------------------------------------------------------------ the optimizers


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_mini_batch_steps_match_torch_optim(optimizer):
    """A few epochs of mini-batches (the compiled engine) against torch.optim on the same
    batches: W, b and every layer's a move alike."""
    model, X, y = prelu_problem(seed=6, n=30)
    net = torch_twin(model)
    lr, batch = 0.05, 7
    opt = {"sgd": lambda p: torch.optim.SGD(p, lr=lr),
           "momentum": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
           "adam": lambda p: torch.optim.Adam(p, lr=lr)}[optimizer](net.parameters())
    epoch = CompiledEpoch(model, X[:24], y[:24], X[24:], y[24:], make_optimizer(optimizer, model.n_params, lr),
                          loss="bce", penalty=make_penalty("none"), batch_size=batch)
    rng = np.random.default_rng(1)
    for _ in range(3):
        order = rng.permutation(24)
        epoch.train(order)
        for start in range(0, 24, batch):
            rows = order[start:start + batch]
            opt.zero_grad()
            torch_loss(net, X[rows], y[rows], "bce").backward()
            opt.step()
    np.testing.assert_allclose(model.theta, torch_flat(net), rtol=1e-10, atol=1e-12)
    assert not np.allclose(model.slopes, [0.31, -0.12])


def test_trainer_full_batch_adam_matches_torch():
    X, y = make_dataset("circle", 200, noise=0.0, seed=0)
    split = train_test_split(X, y, 0.5, seed=0)
    t = Trainer(TrainConfig(hidden=(4, 3), activation="prelu", lr=0.05, batch_size=10_000,
                            optimizer="adam"), *split)
    net = torch_twin(t.model)
    opt = torch.optim.Adam(net.parameters(), lr=0.05)
    Xtr, ytr = split[0], split[1].astype(float)
    for _ in range(15):
        opt.zero_grad()
        torch_loss(net, Xtr, ytr, "bce").backward()
        opt.step()
    t.run(15)
    np.testing.assert_allclose(t.model.theta, torch_flat(net), rtol=1e-9, atol=1e-12)


def test_prelu_learns_the_circle_and_its_slopes_move():
    X, y = make_dataset("circle", 500, noise=0.0, seed=5)
    split = train_test_split(X, y, 0.5, seed=5)
    t = Trainer(TrainConfig(hidden=(4, 2), activation="prelu", lr=0.03, optimizer="adam", seed=5), *split)
    t.run(200)
    assert t.metrics()["test_acc"] >= 0.95
    assert np.all(np.abs(t.model.slopes - 0.25) > 1e-3)


def test_divergence_restores_the_slopes_too():
    X, y = make_dataset("circle", 200, noise=0.0, seed=0)
    split = train_test_split(X, y, 0.5, seed=0)
    t = Trainer(TrainConfig(hidden=(4, 2), activation="prelu", lr=1e6, optimizer="sgd", batch_size=10_000), *split)
    t.run(50)
    assert t.diverged and np.all(np.isfinite(t.model.slopes))


# ------------------------------------------------------------------ every reader of the model


def test_the_live_grid_uses_each_layers_slope():
    from core.nn.plane import GridProbe, grid_points

    model, _, _ = prelu_problem(seed=7)
    model.slopes = [0.9, -0.6]
    p = model.predict_proba(grid_points(30))
    reference = np.rint(np.clip(p, 0.0, 1.0) * 255.0).reshape(30, 30)
    assert np.abs(GridProbe(30)(model).astype(int) - reference).max() <= 1


def test_diagnostics_read_each_layers_slope():
    from core.nn.diagnostics import hidden_preactivations, unit_slopes

    model, X, _ = prelu_problem(seed=8)
    model.slopes = [0.5, -0.2]
    zs, _ = model.forward(X)
    for z, got, z_ref, a in zip(hidden_preactivations(model, X), unit_slopes(model, X), zs, model.slopes):
        np.testing.assert_array_equal(z, z_ref)
        np.testing.assert_array_equal(got, np.where(z_ref > 0, 1.0, abs(a)))


def test_a_session_starts_from_loaded_slopes_and_reset_returns_to_them():
    from core.nn.session import TrainingSession

    X, y = make_dataset("circle", 200, noise=0.0, seed=0)
    split = train_test_split(X, y, 0.5, seed=0)
    cfg = TrainConfig(hidden=(4, 2), activation="prelu", optimizer="adam", seed=5)
    sess = TrainingSession(grid=10)
    sess.sync(cfg, split, "circle")
    params = sess.trainer.model.copy_params()
    sess.start_from(params, [0.7, -0.1])
    np.testing.assert_array_equal(sess.trainer.model.slopes, [0.7, -0.1])
    sess.step()
    assert not np.array_equal(sess.trainer.model.slopes, [0.7, -0.1])  # learned
    sess.reset()
    np.testing.assert_array_equal(sess.trainer.model.slopes, [0.7, -0.1])
    sess.sync(cfg, split, "circle", compare=("prelu", "relu"))  # compare restarts from them too
    np.testing.assert_array_equal(sess.trainer.model.slopes, [0.7, -0.1])
    np.testing.assert_array_equal(sess.compared[0].model.slopes, [0.25, 0.25])
