"""``core.nn.trainer``: optimizer steps, learning, determinism, history, divergence."""

import dataclasses
import math

import numpy as np
import pytest

from core.nn.mlp import MLP
from core.nn.datasets import make_dataset, train_test_split
from core.nn.history import History
from core.nn.optimizers import make_optimizer
from core.nn.trainer import LIVE_FIELDS, TrainConfig, Trainer, initial_params_for


@pytest.fixture(scope="module")
def circle():
    X, y = make_dataset("circle", 500, noise=0.0, seed=0)
    return train_test_split(X, y, 0.5, seed=0)


def data(name, noise=0.0, n=500, seed=0):
    X, y = make_dataset(name, n, noise=noise, seed=seed)
    return train_test_split(X, y, 0.5, seed=seed)


def hidden_weights(trainer):
    return [(W.copy(), b.copy()) for W, b in trainer.model.params[:-1]]


# ----------------------------------------------------------------- steps by hand


def test_one_sgd_step_by_hand_logistic_regression():
    """[2, 1], W = (0.5, −0.25), b = 0.1, one sample x = (1, 2), y = 1, lr = 0.1.

    z = 0.5·1 − 0.25·2 + 0.1 = 0.1;  p = σ(0.1) = 0.52497918747894
    ∂L/∂z = p − y = −0.47502081252106
    ∂L/∂W = x·(p − y) = (−0.47502081252106, −0.95004162504212);  ∂L/∂b = −0.47502081252106
    W ← W − 0.1·∂L/∂W = (0.547502081252106, −0.154995837495788)
    b ← 0.1 + 0.047502081252106 = 0.147502081252106
    """
    cfg = TrainConfig(hidden=(), lr=0.1, batch_size=1)
    p0 = [(np.array([[0.5], [-0.25]]), np.array([0.1]))]
    t = Trainer(cfg, [[1.0, 2.0]], [1], None, None, initial_params=p0)
    assert t.run(1) == 1
    (W, b), = t.model.params
    np.testing.assert_allclose(W[:, 0], [0.547502081252106, -0.154995837495788], rtol=1e-14)
    np.testing.assert_allclose(b, [0.147502081252106], rtol=1e-14)


def test_one_sgd_step_by_hand_through_a_tanh_unit():
    """[1, 1, 1] tanh: x = 1, W1 = 0.5, b1 = 0, W2 = 1, b2 = 0, y = 0, lr = 1.

    h = tanh(0.5) = 0.46211715726000974;  z = W2·h = h;  p = σ(h) = 0.6135163043587272
    ∂L/∂z = p − 0 = 0.6135163043587272
    ∂L/∂W2 = h·p = 0.2835164105029219;  ∂L/∂b2 = p
    ∂L/∂h = W2·p = p;  ∂L/∂z1 = p·(1 − h²) = 0.4824985067005549 = ∂L/∂W1 = ∂L/∂b1 (x = 1)
    W1 ← 0.5 − 0.4824985067005549 = 0.017501493299445114;  b1 ← −0.4824985067005549
    W2 ← 1 − 0.2835164105029219 = 0.716483589497078;        b2 ← −0.6135163043587272
    """
    cfg = TrainConfig(hidden=(1,), activation="tanh", lr=1.0, batch_size=1)
    p0 = [(np.array([[0.5]]), np.array([0.0])), (np.array([[1.0]]), np.array([0.0]))]
    t = Trainer(cfg, [[1.0]], [0], None, None, initial_params=p0)
    t.run(1)
    (W1, b1), (W2, b2) = t.model.params
    expected = [0.017501493299445114, -0.4824985067005549, 0.716483589497078,
                -0.6135163043587272]
    np.testing.assert_allclose([W1[0, 0], b1[0], W2[0, 0], b2[0]], expected, rtol=1e-13)


@pytest.mark.parametrize("reg", ["none", "l2", "l1"])
@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_full_batch_epoch_is_one_gradient_step(circle, loss, reg):
    cfg = TrainConfig(hidden=(5, 3), lr=0.2, batch_size=10_000, loss=loss, reg=reg,
                      reg_rate=0.01)
    t = Trainer(cfg, *circle)
    model = MLP([2, 5, 3, 1], "tanh", seed=0)
    _, grads = model.loss_and_grads(circle[0], circle[1], loss, reg, 0.01)
    t.run(1)
    for (W, b), (dW, db), (W0, b0) in zip(t.model.params, grads, model.params):
        np.testing.assert_allclose(W, W0 - 0.2 * dW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(b, b0 - 0.2 * db, rtol=1e-12, atol=1e-15)


def test_momentum_and_adam_first_steps():
    g = np.array([0.5, -2.0, 1e-3])
    for name in ("sgd", "momentum"):  # first momentum step = plain SGD (v starts at 0)
        opt, theta = make_optimizer(name, 3, 0.1), np.zeros(3)
        opt.step(theta, g.copy(), 1.0)
        np.testing.assert_allclose(theta, -0.1 * g)
    opt, theta = make_optimizer("momentum", 3, 0.1), np.zeros(3)
    opt.step(theta, g.copy(), 1.0)
    opt.step(theta, g.copy(), 1.0)  # v = 0.9·g + g
    np.testing.assert_allclose(theta, -0.1 * g - 0.1 * 1.9 * g)
    opt, theta = make_optimizer("adam", 3, 0.1), np.zeros(3)
    opt.step(theta, g.copy(), 1.0)  # m̂ = g, v̂ = g²: step = lr·g/(|g| + ε)
    np.testing.assert_allclose(theta, -0.1 * g / (np.abs(g) + 1e-8), rtol=1e-12)
    opt2, theta2 = make_optimizer("adam", 3, 0.1), np.zeros(3)
    opt2.step(theta2, 4 * g, 0.25)  # the scale is applied before the moments
    np.testing.assert_allclose(theta2, theta, rtol=1e-12)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_matches_pytorch_full_batch(circle, optimizer):
    import torch  # a dev requirement: the independent reference for the optimizers

    cfg = TrainConfig(hidden=(4, 3), lr=0.05, batch_size=10_000, optimizer=optimizer)
    t = Trainer(cfg, *circle)
    layers = [torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 3),
              torch.nn.Tanh(), torch.nn.Linear(3, 1)]
    net = torch.nn.Sequential(*layers).double()
    with torch.no_grad():
        for lin, (W, b) in zip(net[::2], t.model.params):
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b.copy()))
    opt = {"sgd": lambda p: torch.optim.SGD(p, lr=0.05),
           "momentum": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9),
           "adam": lambda p: torch.optim.Adam(p, lr=0.05)}[optimizer](net.parameters())
    X, y = torch.from_numpy(circle[0]), torch.from_numpy(circle[1].astype(float))
    for _ in range(20):
        opt.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(net(X)[:, 0], y).backward()
        opt.step()
    t.run(20)
    for lin, (W, b) in zip(net[::2], t.model.params):
        np.testing.assert_allclose(W, lin.weight.detach().numpy().T, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(b, lin.bias.detach().numpy(), rtol=1e-9, atol=1e-12)


# ----------------------------------------------------------------- learning


def test_tanh_learns_the_circle(circle):
    t = Trainer(TrainConfig(hidden=(4, 2), activation="tanh"), *circle)
    t.run(300)
    assert t.metrics()["test_acc"] >= 0.98
    assert t.history.train_loss[-1] < 0.5 * t.history.train_loss[0]


def test_identity_cannot_learn_the_circle(circle):
    t = Trainer(TrainConfig(hidden=(4, 2), activation="identity"), *circle)
    t.run(300)
    assert t.metrics()["test_acc"] <= 0.70


def test_step_trains_nothing_before_it(circle):
    """With the step, no gradient reaches the hidden layers: their weights and biases
    stay exactly at their initial values; only the output layer can move, and a line
    through constant step outputs cannot separate the classes."""
    t = Trainer(TrainConfig(hidden=(4, 2), activation="step"), *circle)
    before = hidden_weights(t)
    out_before = t.model.params[-1][1].copy()
    t.run(200)
    for (W0, b0), (W, b) in zip(before, hidden_weights(t)):
        assert W.tobytes() == W0.tobytes() and b.tobytes() == b0.tobytes()
    assert not np.array_equal(t.model.params[-1][1], out_before)  # the output layer moved
    assert t.metrics()["test_acc"] <= 0.70
    assert (t.history.grad_norms[:, :-1] == 0).all()


@pytest.mark.parametrize("name, cfg, epochs, threshold", [
    ("xor", TrainConfig(hidden=(4,)), 200, 0.95),
    ("moons", TrainConfig(hidden=(8,), optimizer="adam", lr=0.03), 200, 0.95),
    ("spiral", TrainConfig(hidden=(8, 8), optimizer="adam", lr=0.03), 300, 0.90),
    ("gauss", TrainConfig(hidden=()), 50, 0.98),
    ("linear", TrainConfig(hidden=(), activation="identity"), 100, 0.98),
    ("circle", TrainConfig(hidden=(4, 2), optimizer="momentum"), 100, 0.98),
    ("circle", TrainConfig(hidden=(8,), activation="relu", optimizer="adam"), 100, 0.98),
    ("circle", TrainConfig(hidden=(4, 2), loss="mse", lr=0.1), 300, 0.95),
    ("circle", TrainConfig(hidden=(8, 8), activation="gelu", optimizer="adam"), 100, 0.98),
])
def test_suitable_networks_learn(name, cfg, epochs, threshold):
    t = Trainer(cfg, *data(name))
    t.run(epochs)
    assert t.metrics()["test_acc"] >= threshold, t.metrics()


def test_zeros_init_shows_the_symmetry_problem(circle):
    t = Trainer(TrainConfig(hidden=(4, 2), init="zeros"), *circle)
    t.run(50)
    for W, b in t.model.params[:-1]:
        assert not W.any() and not b.any()
    assert not t.model.params[-1][0].any()
    assert t.metrics()["test_acc"] <= 0.6


def test_regularisation_shrinks_weights(circle):
    norms = {}
    for reg in ("none", "l2", "l1"):
        t = Trainer(TrainConfig(hidden=(8, 8), reg=reg, reg_rate=0.01), *circle)
        t.run(100)
        norms[reg] = sum(np.abs(W).sum() for W, _ in t.model.params)
    assert norms["l2"] < norms["none"] and norms["l1"] < norms["none"]


# ----------------------------------------------------------------- determinism


def test_same_seeds_same_history_bit_for_bit(circle):
    cfg = TrainConfig(hidden=(6, 3), batch_size=7, optimizer="adam", seed=3)
    a, b = Trainer(cfg, *circle), Trainer(cfg, *circle)
    a.run(30)
    b.run(10)
    b.run(20)  # split into calls: same result
    ha, hb = a.history.as_dict(), b.history.as_dict()
    for key in ha:
        assert ha[key].tobytes() == hb[key].tobytes(), key
    assert a.model.theta.tobytes() == b.model.theta.tobytes()
    c = Trainer(dataclasses.replace(cfg, seed=4), *circle)
    c.run(30)
    assert c.history.train_loss.tobytes() != ha["train_loss"].tobytes()


def test_shuffle_matters_with_mini_batches(circle):
    a = Trainer(TrainConfig(hidden=(4,), batch_size=10), *circle)
    b = Trainer(TrainConfig(hidden=(4,), batch_size=10), *circle, initial_params=None)
    b._rng = np.random.default_rng(12345)  # another shuffle, same initial weights
    a.run(3)
    b.run(3)
    assert not np.array_equal(a.model.theta, b.model.theta)


def test_initial_params_for_compare_mode(circle):
    cfg = TrainConfig(hidden=(4, 2), seed=7)
    p0 = initial_params_for(cfg)
    trainers = [Trainer(dataclasses.replace(cfg, activation=a), *circle, initial_params=p0)
                for a in ("tanh", "relu", "sigmoid")]
    for t in trainers:
        for (W, b), (W0, b0) in zip(t.model.params, p0):
            assert np.array_equal(W, W0) and np.array_equal(b, b0)
    assert np.array_equal(Trainer(cfg, *circle).model.theta,
                          trainers[0].model.theta)  # same as the config's own init
    with pytest.raises(ValueError):
        Trainer(dataclasses.replace(cfg, hidden=(3,)), *circle, initial_params=p0)


# ----------------------------------------------------------------- history, metrics


def test_history_starts_at_epoch_zero_and_matches_metrics(circle):
    t = Trainer(TrainConfig(), *circle)
    assert len(t.history) == 1 and t.history.epoch.tolist() == [0]
    assert t.status == "ok" and not t.diverged and t.epoch == 0
    t.run(5)
    h = t.history
    assert h.epoch.tolist() == [0, 1, 2, 3, 4, 5]
    m = t.metrics()
    assert set(m) == {"epoch", "train_loss", "test_loss", "train_acc", "test_acc"}
    assert m["epoch"] == 5
    for key in ("train_loss", "test_loss", "train_acc", "test_acc"):
        assert h[key][-1] == m[key] and isinstance(m[key], float)
    assert h.grad_norms.shape == (6, 3) and (h.grad_norms >= 0).all()
    with pytest.raises(ValueError):
        h.train_loss[0] = 1.0  # read-only views


def test_metrics_agree_with_the_model(circle):
    t = Trainer(TrainConfig(hidden=(5,), loss="mse"), *circle)
    t.run(7)
    Xtr, ytr, Xte, yte = circle
    m = t.metrics()
    assert m["train_loss"] == pytest.approx(t.model.loss_and_grads(Xtr, ytr, "mse")[0])
    assert m["test_loss"] == pytest.approx(t.model.loss_and_grads(Xte, yte, "mse")[0])
    assert m["test_acc"] == np.mean(t.model.predict(Xte) == yte)
    _, grads = t.model.loss_and_grads(Xtr, ytr, "mse")
    np.testing.assert_allclose(t.history.grad_norms[-1], [np.linalg.norm(dW) for dW, _ in grads])
    np.testing.assert_allclose(t.grad_norms, t.history.grad_norms[-1])


def test_history_is_bounded_and_keeps_the_newest(circle):
    t = Trainer(TrainConfig(hidden=(3,), batch_size=250), *circle, max_history=16)
    for _ in range(40):
        t.run(25)
    h = t.history
    assert len(h) <= 17  # the start and 16 rows
    assert h.epoch[0] == 0 and h.epoch[-1] == 1000
    assert (np.diff(h.epoch) > 0).all()
    assert h.grad_norms.shape == (len(h), 2)


def _buckets(values, stride):
    """The record's rows worked out by hand from every epoch's value: epoch 0 alone, then
    epochs 1…s, s+1…2s, …; each row: its last epoch, its value there, min and max."""
    rows = [(0, 1, values[0], values[0], values[0])]
    for start in range(1, len(values), stride):
        chunk = values[start:start + stride]
        rows.append((start + len(chunk) - 1, len(chunk), chunk[-1], min(chunk), max(chunk)))
    return rows


@pytest.mark.parametrize("epochs, capacity", [(7, 8), (100, 8), (20_001, 500), (1234, 16)])
def test_history_keeps_every_epoch_at_one_even_stride_with_its_range(epochs, capacity):
    """Not "the older half thinned at every fill" (after 20,000 epochs with 500 slots that
    kept epochs 0 and 18,878 and nothing between): one stride for the whole run, each
    row with the minimum and maximum of the epochs it stands for."""
    rng = np.random.default_rng(epochs)
    loss = rng.uniform(0, 1, epochs).tolist()
    h = History(capacity, 1)
    for e, v in enumerate(loss):
        h.append(e, (v, -v, 0.5, 0.5), (2 * v,))
    assert len(h) <= capacity + 1
    expected = _buckets(loss, h.stride)
    assert h.epoch.tolist() == [row[0] for row in expected]
    assert h.count.tolist() == [row[1] for row in expected]
    assert h.train_loss.tolist() == [row[2] for row in expected]
    assert h.low("train_loss").tolist() == [row[3] for row in expected]
    assert h.high("train_loss").tolist() == [row[4] for row in expected]
    assert h.high("test_loss").tolist() == [-row[3] for row in expected]
    np.testing.assert_array_equal(h.high("grad_norms")[:, 0], [2 * row[4] for row in expected])
    # Contiguous: each row starts where the one before ended.
    assert (h.first[1:] == h.epoch[:-1] + 1).all()
    if epochs > capacity:
        assert h.stride > 1 and (h.count[1:-1] == h.stride).all()


def test_a_peak_between_kept_epochs_stays_in_the_band():
    h = History(500, 1)
    for e in range(20_000):
        acc = 0.984 if e == 271 else 0.54
        h.append(e, (1 - acc, 1 - acc, acc, acc), (1.0,))
    row = int(np.searchsorted(h.epoch, 271))
    assert h.first[row] <= 271 <= h.epoch[row]
    assert h.high("test_acc")[row] == 0.984 and h.test_acc[row] == 0.54


def test_merged_applies_the_same_pair_rule():
    h = History(64, 1)
    values = np.random.default_rng(0).uniform(0, 1, 1000)
    for e, v in enumerate(values):
        h.append(e, (v, v, v, v), (v,))
    m = h.merged(20)
    assert len(m["epoch"]) <= 20 and m["epoch"][0] == 0 and m["epoch"][-1] == 999
    assert (m["first"][1:] == m["epoch"][:-1] + 1).all() and m["count"].sum() == 1000
    for first, last, low, high in zip(m["first"], m["epoch"], m["train_loss_low"], m["train_loss_high"]):
        assert low == values[first:last + 1].min() and high == values[first:last + 1].max()


def test_without_test_points_the_test_band_stays_nan():
    h = History(4, 1)
    for e in range(20):
        h.append(e, (1.0, float("nan"), 0.5, float("nan")), (1.0,))
    assert np.isnan(h.low("test_loss")).all() and (h.low("train_loss") == 1.0).all()


def test_no_test_set(circle):
    t = Trainer(TrainConfig(), circle[0], circle[1], None, None)
    t.run(2)
    assert math.isnan(t.metrics()["test_loss"]) and math.isnan(t.metrics()["test_acc"])


# ----------------------------------------------------------------- live changes


def test_set_lr_keeps_state(circle):
    t = Trainer(TrainConfig(hidden=(4, 2)), *circle)
    t.run(5)
    theta = t.model.theta.copy()
    t.set_lr(0.3)
    assert t.config.lr == 0.3 and t.epoch == 5 and np.array_equal(t.model.theta, theta)
    t.run(5)
    assert t.epoch == 10 and t.history.epoch[-1] == 10
    u = Trainer(TrainConfig(hidden=(4, 2)), *circle)
    u.run(10)
    assert not np.array_equal(u.model.theta, t.model.theta)
    t.set_reg_rate(0.01)
    assert t.config.reg_rate == 0.01


def test_update_config_live_fields_only(circle):
    t = Trainer(TrainConfig(), *circle)
    t.run(2)
    t.update_config(dataclasses.replace(t.config, batch_size=250, loss="mse", reg="l2",
                                        reg_rate=0.001, lr=0.1))
    t.run(2)
    assert t.epoch == 4 and t.status == "ok"
    assert LIVE_FIELDS == {"lr", "reg", "reg_rate", "loss", "batch_size"}
    for change in (dict(hidden=(3,)), dict(activation="relu"), dict(optimizer="adam"),
                   dict(seed=1), dict(init="he")):
        new = dataclasses.replace(t.config, **change)
        assert not t.can_update(new)
        with pytest.raises(ValueError):
            t.update_config(new)


@pytest.mark.parametrize("change", [
    dict(activation="nope"), dict(lr=0.0), dict(lr=float("nan")), dict(batch_size=0),
    dict(optimizer="rmsprop"), dict(loss="hinge"), dict(reg="l3"), dict(reg_rate=-1.0),
    dict(hidden=(0,)), dict(hidden=(4,) * 20), dict(init="lecun"),
])
def test_invalid_configs(circle, change):
    with pytest.raises(ValueError):
        Trainer(TrainConfig(**change), *circle)


def test_run_respects_max_seconds(circle):
    """A clock that ticks 0.01 s per reading (0 at the start, 0.01 after the first epoch…):
    a budget of 0.05 s is first exceeded after the sixth epoch (0.06 s), so six run."""
    ticks = iter(range(10**6))
    t = Trainer(TrainConfig(), *circle)
    done = t.run(10**7, max_seconds=0.05, clock=lambda: next(ticks) * 0.01)
    assert done == 6
    assert t.epoch == done


# ----------------------------------------------------------------- divergence


@pytest.mark.parametrize("cfg", [
    TrainConfig(hidden=(8, 8, 8), activation="identity", lr=1.0, optimizer="momentum"),
    TrainConfig(hidden=(8, 8), activation="identity", lr=10.0),
    TrainConfig(hidden=(8, 8), activation="identity", lr=1e3, batch_size=250),
])
def test_divergence_is_a_state_not_an_exception(cfg):
    d = data("circle", n=200)
    t = Trainer(cfg, *d)
    done = t.run(300)  # the unit conftest turns any numpy warning into an error
    assert t.status == "diverged" and t.diverged
    assert t.diverged_at == done + 1 == t.epoch + 1
    assert np.isfinite(t.model.theta).all()
    twin = Trainer(cfg, *d)
    twin.run(t.diverged_at - 1)
    assert twin.model.theta.tobytes() == t.model.theta.tobytes()  # the pre-divergence copy
    assert t.run(10) == 0 and t.epoch == done
    assert len(t.history) == done + 1 and np.isfinite(t.history.train_loss).all()
    assert all(math.isfinite(v) for v in t.metrics().values())


def test_since_gives_exactly_the_rows_from_an_epoch_on():
    h = History(16, 2)
    for e in range(300):
        h.append(e, (e, -e, 0.5, 0.25), (e, 2 * e))
    whole = h.merged(len(h))
    for first in (0, 1, int(whole["first"][5]), int(whole["first"][-1])):
        part = h.since(first)
        keep = whole["first"] >= first
        assert set(part) == set(whole)
        for key in whole:
            np.testing.assert_array_equal(part[key], whole[key][keep], err_msg=f"{key} from {first}")
