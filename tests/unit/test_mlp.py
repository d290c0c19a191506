"""``core.nn.mlp``: forward pass, backprop (against central differences), init, losses."""

import numpy as np
import pytest
from scipy.special import expit

from core.nn.losses import data_loss
from core.nn.mlp import HE_ACTIVATIONS, MLP, auto_init
from core.nn.activations import ACTIVATIONS

SMOOTH_OR_KINKED = [k for k in ACTIVATIONS if k != "step"]
FAST = ["tanh", "sigmoid", "relu", "identity"]


def reference_forward(model: MLP, X):
    """Independent, textbook forward pass in the row convention: (zs, hs, logit)."""
    act = model.act
    h, zs, hs = np.asarray(X, float), [], []
    pairs = model.params
    for W, b in pairs[:-1]:
        z = h @ W + b
        h = act.fn(z, **model.act_params)
        zs.append(z)
        hs.append(h)
    W, b = pairs[-1]
    return zs, hs, (h @ W + b)[:, 0]


def flat(grads):
    return np.concatenate([np.concatenate([W.ravel(), b.ravel()]) for W, b in grads])


def numeric_gradient(model: MLP, X, y, loss, reg, rate, eps=1e-6):
    """Central differences of loss_and_grads' loss w.r.t. every parameter."""
    out = []
    for W, b in model.params:
        for arr in (W, b):
            g = np.zeros_like(arr)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + eps
                up = model.loss_and_grads(X, y, loss, reg, rate)[0]
                arr[idx] = old - eps
                down = model.loss_and_grads(X, y, loss, reg, rate)[0]
                arr[idx] = old
                g[idx] = (up - down) / (2 * eps)
            out.append(g.ravel())
    return np.concatenate(out)


def away_from_kinks(model: MLP, X, margin=1e-3) -> bool:
    kinks = np.array(model.act.kinks(**model.act_params), dtype=float)
    if kinks.size == 0:
        return True
    zs, _, _ = reference_forward(model, X)
    return all(np.min(np.abs(z[..., None] - kinks)) > margin for z in zs)


def sample_problem(act, sizes, seed):
    """A random network and batch whose pre-activations avoid the activation's kinks."""
    for attempt in range(50):
        rng = np.random.default_rng(1000 * seed + attempt)
        model = MLP(sizes, act, seed=seed + attempt)
        for W, b in model.params:  # non-zero biases: exercise their gradient too
            b[...] = rng.normal(0, 0.3, b.shape)
        X = rng.uniform(-1.5, 1.5, (9, sizes[0]))
        y = rng.integers(0, 2, 9)
        weights = np.concatenate([W.ravel() for W, _ in model.params])
        if away_from_kinks(model, X) and np.min(np.abs(weights)) > 1e-3:  # L1 kink at 0
            return model, X, y
    raise AssertionError("no kink-free sample found")


# ----------------------------------------------------------------- backprop


@pytest.mark.parametrize("reg, rate", [("none", 0.0), ("l2", 0.3), ("l1", 0.2)])
@pytest.mark.parametrize("loss", ["bce", "mse"])
@pytest.mark.parametrize("act", SMOOTH_OR_KINKED)
def test_backprop_matches_central_differences(act, loss, reg, rate):
    model, X, y = sample_problem(act, [2, 5, 3, 1], seed=len(act))
    value, grads = model.loss_and_grads(X, y, loss, reg, rate)
    assert np.isfinite(value)
    numeric = numeric_gradient(model, X, y, loss, reg, rate)
    np.testing.assert_allclose(flat(grads), numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("sizes", [[2, 1], [2, 4, 1], [3, 2, 2, 2, 1], [1, 1, 1]])
@pytest.mark.parametrize("act", ["tanh", "relu", "gelu", "sigmoid", "identity"])
def test_backprop_other_shapes(act, sizes):
    model, X, y = sample_problem(act, sizes, seed=sum(sizes))
    _, grads = model.loss_and_grads(X, y, "bce", "l2", 0.1)
    assert [(g.shape, gb.shape) for g, gb in grads] == [(W.shape, b.shape)
                                                        for W, b in model.params]
    numeric = numeric_gradient(model, X, y, "bce", "l2", 0.1)
    np.testing.assert_allclose(flat(grads), numeric, rtol=1e-5, atol=1e-8)


def test_logistic_regression_gradient_closed_form():
    model, X, y = sample_problem("tanh", [2, 1], seed=1)
    loss, [(dW, db)] = model.loss_and_grads(X, y)
    W, b = model.params[0]
    p = expit(X @ W + b)[:, 0]
    np.testing.assert_allclose(dW[:, 0], X.T @ (p - y) / len(y), rtol=1e-12)
    np.testing.assert_allclose(db, [np.mean(p - y)], rtol=1e-12)
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert loss == pytest.approx(bce, rel=1e-12)


@pytest.mark.parametrize("act", FAST)
def test_fast_activations_agree_with_the_registry(act):
    """tanh/sigmoid/relu/identity take derivatives from outputs, in place; the registry
    path (fast=False) must give the same numbers."""
    rng = np.random.default_rng(5)
    X = rng.uniform(-1, 1, (40, 2))
    y = rng.integers(0, 2, 40)
    fast = MLP([2, 6, 4, 1], act, seed=3, fast=True)
    slow = MLP([2, 6, 4, 1], act, seed=3, fast=False)
    np.testing.assert_allclose(fast.predict_proba(X), slow.predict_proba(X), rtol=1e-14)
    for a, b in zip(fast.hidden_outputs(X), slow.hidden_outputs(X)):
        np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-300)
    for loss in ("bce", "mse"):
        la, ga = fast.loss_and_grads(X, y, loss, "l2", 0.01)
        lb, gb = slow.loss_and_grads(X, y, loss, "l2", 0.01)
        assert la == pytest.approx(lb, rel=1e-13)
        np.testing.assert_allclose(flat(ga), flat(gb), rtol=1e-10, atol=1e-15)


def test_relu_derivative_at_zero_is_zero_like_pytorch():
    model = MLP([1, 1, 1], "relu", seed=0)
    model.params = [(np.array([[1.0]]), np.array([0.0])), (np.array([[2.0]]), np.array([0.0]))]
    _, grads = model.loss_and_grads(np.array([[0.0]]), np.array([1]))
    assert grads[0][0][0, 0] == 0.0 and grads[0][1][0] == 0.0


def test_step_passes_no_gradient_to_hidden_layers():
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (30, 2)), rng.integers(0, 2, 30)
    model = MLP([2, 4, 3, 1], "step", seed=0)
    _, grads = model.loss_and_grads(X, y)
    for dW, db in grads[:-1]:
        assert not dW.any() and not db.any()
    assert np.abs(grads[-1][1]).sum() > 0  # the output layer still learns


# ----------------------------------------------------------------- forward, losses


@pytest.mark.parametrize("act", ["tanh", "relu", "elu", "identity", "softsign"])
def test_forward_matches_reference(act):
    rng = np.random.default_rng(2)
    X = rng.uniform(-1, 1, (25, 2))
    model = MLP([2, 5, 4, 1], act, seed=9)
    zs, hs, logit = reference_forward(model, X)
    np.testing.assert_allclose(model.logits(X), logit, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(model.predict_proba(X), expit(logit), rtol=1e-13)
    for mine, ref in zip(model.hidden_outputs(X), hs):
        np.testing.assert_allclose(mine, ref, rtol=1e-13, atol=1e-15)
    assert model.predict(X).tolist() == (logit >= 0).astype(int).tolist()


def test_shapes_of_outputs():
    model = MLP([2, 4, 2, 1], "tanh")
    X = np.zeros((7, 2))
    assert model.predict_proba(X).shape == (7,)
    assert [h.shape for h in model.hidden_outputs(X)] == [(7, 4), (7, 2)]
    assert MLP([2, 1], "tanh").hidden_outputs(X) == []
    assert model.n_params == 3 * 4 + 5 * 2 + 3 * 1


def test_default_loss_is_mean_bce_without_penalty():
    rng = np.random.default_rng(4)
    X, y = rng.uniform(-1, 1, (50, 2)), rng.integers(0, 2, 50)
    model = MLP([2, 3, 1], "tanh", seed=1)
    p = model.predict_proba(X)
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
    assert model.loss_and_grads(X, y)[0] == pytest.approx(bce, rel=1e-12)
    mse = np.mean(0.5 * (p - y) ** 2)
    assert model.loss_and_grads(X, y, "mse")[0] == pytest.approx(mse, rel=1e-12)


def test_penalties_are_on_weights_only():
    model = MLP([2, 3, 1], "tanh", seed=1)
    for _, b in model.params:
        b[...] = 5.0  # biases must not count
    w = np.concatenate([W.ravel() for W, _ in model.params])
    assert model.penalty("l2", 0.4) == pytest.approx(0.4 * 0.5 * np.sum(w**2))
    assert model.penalty("l1", 0.4) == pytest.approx(0.4 * np.sum(np.abs(w)))
    assert model.penalty("none", 0.4) == 0.0
    X, y = np.zeros((3, 2)), np.array([0, 1, 1])
    base = model.loss_and_grads(X, y)[0]
    assert model.loss_and_grads(X, y, reg="l2", reg_rate=0.4)[0] == pytest.approx(
        base + model.penalty("l2", 0.4))
    _, g0 = model.loss_and_grads(X, y)
    _, g1 = model.loss_and_grads(X, y, reg="l1", reg_rate=0.4)
    for (w0, b0), (w1, b1), (W, _) in zip(g0, g1, model.params):
        np.testing.assert_allclose(w1 - w0, 0.4 * np.sign(W), atol=1e-15)
        np.testing.assert_array_equal(b1, b0)


def test_loss_is_stable_for_huge_logits():
    """Saturated outputs: the BCE from the logit stays finite, no warnings (the unit
    conftest turns warnings into errors)."""
    model = MLP([2, 1], "tanh")
    model.params = [(np.array([[1e6], [0.0]]), np.array([0.0]))]
    X, y = np.array([[1.0, 0.0], [-1.0, 0.0]]), np.array([0, 1])
    loss, grads = model.loss_and_grads(X, y)
    assert loss == pytest.approx(1e6)
    assert all(np.isfinite(g).all() for pair in grads for g in pair)
    assert data_loss(np.array([-800.0, 800.0]), np.array([0, 1])) == pytest.approx(0.0)


# ----------------------------------------------------------------- parameters, init


def test_params_are_views_and_can_be_assigned():
    model = MLP([2, 3, 1], "tanh", seed=0)
    W, b = model.params[0]
    W[0, 0] = 42.0
    assert model.params[0][0][0, 0] == 42.0 and 42.0 in model.theta
    snap = model.copy_params()
    W[0, 0] = 0.0
    assert snap[0][0][0, 0] == 42.0
    model.params = snap
    assert model.params[0][0][0, 0] == 42.0
    with pytest.raises(ValueError):
        model.params = [(np.zeros((2, 3)), np.zeros(3))]
    with pytest.raises(ValueError):
        model.params = [(np.zeros((3, 2)), np.zeros(2)), (np.zeros((3, 1)), np.zeros(1))]


def test_init_is_seeded():
    a, b, c = MLP([2, 8, 1], "tanh", seed=1), MLP([2, 8, 1], "tanh", seed=1), \
        MLP([2, 8, 1], "tanh", seed=2)
    assert a.theta.tobytes() == b.theta.tobytes() != c.theta.tobytes()


@pytest.mark.parametrize("act, expected", [("tanh", "glorot"), ("sigmoid", "glorot"),
                                           ("relu", "he"), ("gelu", "he"),
                                           ("identity", "glorot"), ("step", "glorot")])
def test_auto_init_by_activation(act, expected):
    assert auto_init(act) == expected
    assert MLP([2, 3, 1], act).init == expected
    assert HE_ACTIVATIONS <= set(ACTIVATIONS)


@pytest.mark.parametrize("init", ["glorot", "he"])
def test_init_limits_and_zero_biases(init):
    model = MLP([2, 16, 16, 1], "tanh", seed=0, init=init)
    for i, (W, b) in enumerate(model.params):
        fi, fo = W.shape
        hidden = i < model.n_layers - 1
        limit = np.sqrt(6 / fi) if init == "he" and hidden else np.sqrt(6 / (fi + fo))
        assert np.abs(W).max() <= limit
        assert np.abs(W).max() > 0.5 * limit  # really spread over the range
        assert not b.any()
    big = MLP([2, 64, 64, 1], "relu", seed=0, init="he").params[1][0]
    assert np.std(big) == pytest.approx(np.sqrt(2 / 64), rel=0.1)  # He variance 2/fan_in


def test_zeros_init_is_all_zero_and_only_the_output_bias_gets_a_gradient():
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (20, 2)), np.r_[np.ones(5), np.zeros(15)]
    model = MLP([2, 4, 3, 1], "tanh", init="zeros")
    assert not model.theta.any()
    _, grads = model.loss_and_grads(X, y)
    for dW, db in grads[:-1]:
        assert not dW.any() and not db.any()
    assert not grads[-1][0].any() and grads[-1][1][0] != 0


@pytest.mark.parametrize("kwargs", [
    dict(layer_sizes=[2, 3, 2]), dict(layer_sizes=[2]), dict(layer_sizes=[2, 0, 1]),
    dict(layer_sizes=[2, 1], activation="nope"), dict(layer_sizes=[2, 1], init="lecun"),
])
def test_bad_constructor_arguments(kwargs):
    kwargs.setdefault("activation", "tanh")
    with pytest.raises(ValueError):
        MLP(**kwargs)


def test_bad_loss_or_reg():
    model = MLP([2, 1], "tanh")
    X, y = np.zeros((2, 2)), np.array([0, 1])
    with pytest.raises(ValueError):
        model.loss_and_grads(X, y, loss="hinge")
    with pytest.raises(ValueError):
        model.loss_and_grads(X, y, reg="l3")
    with pytest.raises(ValueError):
        model.loss_and_grads(X, y[:1])


def test_activation_parameters_are_used():
    X = np.array([[-1.0, -1.0]])
    a = MLP([2, 3, 1], "leaky_relu", seed=0)
    b = MLP([2, 3, 1], "leaky_relu", seed=0, act_params={"negative_slope": 0.5})
    assert a.act_params == {"negative_slope": 0.01}
    assert not np.allclose(a.hidden_outputs(X)[0], b.hidden_outputs(X)[0])
    with pytest.raises(ValueError):
        MLP([2, 3, 1], "tanh", act_params={"alpha": 1.0})
