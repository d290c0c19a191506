"""``core.nn``: the loss and penalty registries against central differences and the
textbook formulas; the optimizers' tapes against textbook updates."""

import numpy as np
import pytest
from scipy.special import expit

from core.nn.losses import LOSS_BY_NAME, LOSSES, REGS, get_loss, make_penalty
from core.nn.mlp import MLP
from core.nn.optimizers import OPTIMIZERS, make_optimizer
from core.nn.tape import run

# ----------------------------------------------------------------- textbook optimizers


class TextbookSGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, theta, g):
        theta -= self.lr * g


class TextbookMomentum(TextbookSGD):
    def __init__(self, lr):
        super().__init__(lr)
        self.v = 0.0

    def step(self, theta, g):
        self.v = 0.9 * self.v + g
        theta -= self.lr * self.v


class TextbookAdam(TextbookSGD):
    def __init__(self, lr, b1=0.9, b2=0.999, eps=1e-8):
        super().__init__(lr)
        self.b1, self.b2, self.eps, self.t, self.m, self.v = b1, b2, eps, 0, 0.0, 0.0

    def step(self, theta, g):
        self.t += 1
        self.m = self.b1 * self.m + (1 - self.b1) * g
        self.v = self.b2 * self.v + (1 - self.b2) * g * g
        m_hat = self.m / (1 - self.b1 ** self.t)
        v_hat = self.v / (1 - self.b2 ** self.t)
        theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


TEXTBOOK = {"sgd": TextbookSGD, "momentum": TextbookMomentum, "adam": TextbookAdam}


# ----------------------------------------------------------------- losses


LOGITS = np.array([-30.0, -6.0, -2.5, -1.0, -0.3, 0.0, 0.2, 0.9, 2.0, 5.5, 25.0])


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("label", [0.0, 1.0])
def test_loss_delta_matches_central_differences(name, label):
    loss, z = get_loss(name), LOGITS
    y = np.full_like(z, label)
    h = 1e-6
    numeric = (loss.per_sample(z + h, y) - loss.per_sample(z - h, y)) / (2 * h)
    np.testing.assert_allclose(loss.delta(z, y), numeric, rtol=1e-6, atol=1e-9)
    # δ = n·∂L/∂z: the derivative of the mean, times n
    n = z.size
    for i in range(n):
        up, down = z.copy(), z.copy()
        up[i] += h
        down[i] -= h
        d_mean = (loss.value(up, y) - loss.value(down, y)) / (2 * h)
        assert n * d_mean == pytest.approx(loss.delta(z, y)[i], rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("name", LOSSES)
def test_loss_ops_equal_the_functions(name):
    loss = get_loss(name)
    rng = np.random.default_rng(3)
    z = rng.normal(0, 3, (1, 40))
    y = rng.integers(0, 2, (1, 40)).astype(float)
    out = np.empty_like(z)
    run(loss.per_sample_ops(z, y, out))
    np.testing.assert_allclose(out, loss.per_sample(z, y), rtol=1e-15)
    run(loss.delta_ops(z, y, out))
    np.testing.assert_allclose(out, loss.delta(z, y), rtol=1e-15, atol=1e-300)
    assert loss.value(z, y) == pytest.approx(np.mean(loss.per_sample(z, y)), rel=1e-15)


def test_losses_are_the_textbook_ones_and_never_take_log_zero():
    z = np.array([-3.0, -0.5, 0.0, 1.5, 4.0])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    p = expit(z)
    bce = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    np.testing.assert_allclose(LOSS_BY_NAME["bce"].per_sample(z, y), bce, rtol=1e-14)
    np.testing.assert_allclose(LOSS_BY_NAME["mse"].per_sample(z, y), 0.5 * (p - y) ** 2)
    huge = np.array([-800.0, 800.0, -800.0, 800.0])
    labels = np.array([0.0, 1.0, 1.0, 0.0])
    np.testing.assert_allclose(LOSS_BY_NAME["bce"].per_sample(huge, labels), [0, 0, 800, 800])
    with pytest.raises(ValueError):
        get_loss("hinge")


# ----------------------------------------------------------------- penalties


@pytest.mark.parametrize("name", REGS)
def test_penalty_gradient_matches_central_differences(name):
    model = MLP([2, 4, 3, 1], "tanh", seed=2)
    theta, mask = model.theta, model.weight_mask
    theta += 0.1 * np.sign(theta) + (1 - mask) * 0.7  # weights away from 0, biases not 0
    penalty = make_penalty(name, 0.3)
    h, numeric = 1e-6, np.zeros_like(theta)
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + h
        up = penalty.value(theta, mask)
        theta[i] = old - h
        down = penalty.value(theta, mask)
        theta[i] = old
        numeric[i] = (up - down) / (2 * h)
    grad = penalty.grad(theta, mask)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)
    assert not grad[mask == 0].any()  # biases are never penalised
    g, out = np.linspace(-1, 1, theta.size), np.empty_like(theta)
    run(penalty.grad_ops(theta, mask, g, 0.25, out))
    np.testing.assert_allclose(out, 0.25 * g + grad, rtol=1e-15, atol=1e-17)


def test_penalty_registry():
    assert REGS == ("none", "l1", "l2")
    assert not make_penalty("l2", 0.0).active and not make_penalty("none", 1.0).active
    assert make_penalty("l1", 0.1).active
    # one rate·mask per penalty, however many steps (batches) a tape holds
    penalty, theta, mask = make_penalty("l2", 0.1), np.ones(4), np.array([1.0, 1, 0, 1])
    first, second = (penalty.grad_ops(theta, mask, theta, s, np.empty(4)) for s in (0.5, 1))
    assert first[0][1][1] is second[0][1][1]
    np.testing.assert_array_equal(first[0][1][1], [0.1, 0.1, 0, 0.1])
    with pytest.raises(ValueError):
        make_penalty("l3", 0.1)


# ----------------------------------------------------------------- optimizers


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizer_tapes_follow_the_textbook(name):
    """The compiled update, replayed from one tape over several steps (Adam's step
    count and bias corrections advance inside the tape), equals the textbook rule."""
    rng = np.random.default_rng(1)
    theta, g = rng.normal(size=7), np.empty(7)
    reference, ref_theta = TEXTBOOK[name](0.1), theta.copy()
    opt = make_optimizer(name, 7, 0.1)
    tape = opt.ops(theta, g, 0.5)
    for _ in range(4):
        grad = rng.normal(size=7)
        g[...] = 2.0 * grad  # the tape's scale halves it back
        run(tape)
        reference.step(ref_theta, grad)
    np.testing.assert_allclose(theta, ref_theta, rtol=1e-13, atol=1e-15)


def test_unknown_optimizer():
    assert OPTIMIZERS == ("sgd", "momentum", "adam")
    with pytest.raises(ValueError):
        make_optimizer("rmsprop", 3, 0.1)
