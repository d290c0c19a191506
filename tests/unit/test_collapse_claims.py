"""What the linear-collapse page says, checked against independent computation.

Each test pins one sentence of the page to the mathematics it claims: which gradient is
constant, when an output is 0 "up to rounding", when a boundary is straight, what enough
(or too few) hidden neurons can draw, and when the parabola cuts the line.
"""

from fractions import Fraction

import numpy as np
import pytest

from core.lessons import collapse as col
from core.nn.mlp import MLP
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset
from core.present import collapse_views as cv

EPS = np.finfo(np.float64).eps


def _circle():
    return make_dataset("circle", n=300, seed=0)


# ------------------------------------------------- item 7: which gradient is constant


@pytest.mark.parametrize("seed", range(4))
def test_input_gradient_is_constant_but_weight_gradient_depends_on_the_input(seed):
    rng = np.random.default_rng(seed)
    w = np.array(col.random_weights_231(rng))
    p, q = rng.uniform(-2, 2, 2), rng.uniform(-2, 2, 2)

    def out(weights, x):
        return col.forward_231(weights, x)

    # ∂Output/∂input, by central differences: the same at p and q.
    gx_p = col.gradient(lambda x: out(w, x), p)
    gx_q = col.gradient(lambda x: out(w, x), q)
    np.testing.assert_allclose(gx_p, gx_q, atol=1e-8)
    # ∂Output/∂weights: the chain rule (weight_gradient_231) agrees with central differences
    # on the weights, and it is not the same at p and q.
    for x in (p, q):
        measured = col.gradient(lambda v, x=x: out(v, x), w)
        np.testing.assert_allclose(col.weight_gradient_231(w, x), measured, atol=1e-8)
    gw_p, gw_q = col.weight_gradient_231(w, p), col.weight_gradient_231(w, q)
    assert np.max(np.abs(gw_p - gw_q)) > 0.01
    assert not col.gradients_agree(gw_p, gw_q) and col.gradients_agree(gx_p, gx_q)


def test_weight_gradients_agree_at_two_points_only_without_output_weights():
    """The page's claim: equal weight gradients at p ≠ q need w7 = w8 = w9 = 0."""
    p, q = np.array([0.5, -0.5]), np.array([-0.8, 0.3])
    rng = np.random.default_rng(3)
    for _ in range(50):
        w = np.round(rng.uniform(-2, 2, 9), 1) * (rng.uniform(size=9) < 0.6)
        if col.gradients_agree(col.weight_gradient_231(w, p), col.weight_gradient_231(w, q)):
            assert np.all(w[6:] == 0.0), w
            for j in (6, 7, 8):  # and the page's advice works: any non-zero output weight separates them
                v = w.copy()
                v[j] = 0.1
                assert not col.gradients_agree(col.weight_gradient_231(v, p), col.weight_gradient_231(v, q))
    zero_out = (1.2, 0.4, -0.5, 0.9, 0.7, -1.2, 0.0, 0.0, 0.0)
    assert not col.gradients_agree(col.weight_gradient_231(zero_out, p), col.weight_gradient_231(zero_out, q))
    assert col.gradients_agree(col.weight_gradient_231((0.0,) * 9, p), col.weight_gradient_231((0.0,) * 9, q))


def test_a_measured_zero_slope_is_shown_as_zero():
    """Central differences leave ~1e-10 of noise on a slope that is exactly 0 (a = c = 0)."""
    w = col.EXAMPLES["silent"]
    g = col.gradient(lambda x: col.forward_231(w, x), np.array([0.5, -0.5]))
    assert np.all(np.abs(g) < 1e-8)
    assert np.array_equal(col.resolved(g), [0.0, 0.0])
    g = col.gradient(lambda x: col.forward_231(col.DEFAULT_WEIGHTS, x), np.array([0.5, -0.5]))
    np.testing.assert_allclose(col.resolved(g), col.coefficients_231(col.DEFAULT_WEIGHTS), atol=1e-8)


def test_tanh_gradient_agrees_at_mirrored_points_and_is_zero_for_silent_hidden_neurons():
    w = col.DEFAULT_WEIGHTS
    W1, W2 = col.stack_231(w)

    def tanh_net(weights):
        A, B = col.stack_231(weights)
        return lambda x: col.forward(np.atleast_2d(x), [A, B], activation=ACTIVATIONS["tanh"])[..., 0]

    net = tanh_net(w)
    p = np.array([0.5, -0.5])
    assert col.gradients_agree(col.gradient(net, p), col.gradient(net, -p))  # tanh′ is even
    assert not col.gradients_agree(col.gradient(net, p), col.gradient(net, np.array([-0.8, 0.3])))
    silent = (0.0, 0.0, 1.0, -1.0, 0.5, 0.5, 2.0, 0.0, 0.0)  # h1 gets nothing; h2, h3 go nowhere
    assert col.hidden_silent_231(silent) and not col.hidden_silent_231(w)
    X = np.random.default_rng(0).uniform(-3, 3, (200, 2))
    assert np.all(tanh_net(silent)(X) == 0.0)


# ------------------------------------------ item 15: zero up to rounding is on the line


def test_exact_arithmetic_confirms_the_silent_example_is_zero_and_float_is_rounding():
    """Fractions hold the float weights exactly: the true output of the stored weights is
    tiny, the float64 one is off by rounding only, and both are within the tolerance."""
    w = col.EXAMPLES["silent"]
    X, _ = _circle()
    computed = col.forward_231(w, X)
    scale = col.term_scale_231(w, X)
    fw = [Fraction(v) for v in w]
    for x, value, s in zip(X[:40], computed[:40], scale[:40]):
        x1, x2 = Fraction(x[0]), Fraction(x[1])
        h = [fw[0] * x1 + fw[1] * x2, fw[2] * x1 + fw[3] * x2, fw[4] * x1 + fw[5] * x2]
        exact = fw[6] * h[0] + fw[7] * h[1] + fw[8] * h[2]
        assert abs(float(exact)) <= 1e-15 * s  # 0 on paper; decimal weights are not exact in binary
        assert abs(value - float(exact)) <= 8 * EPS * s  # the rounding bound term_scale promises
    assert np.all(col.on_line(computed, scale))


def test_a_network_with_no_boundary_calls_every_point_a_triangle():
    X, y = _circle()
    triangles = float(np.mean(y == 0))
    for w in (col.EXAMPLES["silent"], (0.0,) * 9, (1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, -1.0, 0.5)):
        assert col.boundary_231(w).kind == "none"
        values = col.forward_231(w, X)
        assert col.sign_accuracy(values, y, col.term_scale_231(w, X)) == triangles
    # The bug this fixes: by the bare sign, rounding residues of +2e-16 became circles.
    silent = col.forward_231(col.EXAMPLES["silent"], X)
    assert np.any(silent > 0.0) and col.sign_accuracy(silent, y) != triangles


@pytest.mark.parametrize("seed", range(6))
def test_the_tolerance_changes_no_real_answer(seed):
    rng = np.random.default_rng(seed)
    X, y = _circle()
    w = col.random_weights_231(rng)
    values = col.forward_231(w, X)
    np.testing.assert_array_equal(col.circle_side(values, col.term_scale_231(w, X)), values > 0.0)
    weights, biases = col.random_stack([2, 8, 3, 1], seed=seed)
    act = ACTIVATIONS["tanh"]
    bent = col.forward(X, weights, biases, act)[:, 0]
    np.testing.assert_array_equal(col.circle_side(bent, col.term_scale(X, weights, biases, act)[:, 0]), bent > 0.0)


def test_term_scale_bounds_every_partial_sum_of_a_linear_stack():
    weights, biases = col.random_stack([3, 5, 4, 2], seed=1)
    X = np.random.default_rng(2).uniform(-2, 2, (100, 3))
    scale = col.term_scale(X, weights, biases)
    assert scale.shape == (100, 2)
    assert np.all(np.abs(col.forward(X, weights, biases)) <= scale * (1 + 1e-12))
    # With biases off and |x| = 1 everywhere, the scale is the product of |W| matrices.
    ones = np.ones((1, 3))
    np.testing.assert_allclose(col.term_scale(ones, weights), ones @ np.abs(weights[0]) @ np.abs(weights[1])
                               @ np.abs(weights[2]))


def test_beta_residue_counts_as_zero():
    biases = (*col.HIDDEN_BIASES, col.OUTPUT_BIAS)  # (0.3, −0.2, 0.5), 0.1
    # β = −0.3 + 0.2 + 0 + 0.1 is 0 on paper, 2.8e-17 in float64: the page must say β = 0.
    w = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 0.0)
    raw = -1.0 * 0.3 + (-1.0) * (-0.2) + 0.0 * 0.5 + 0.1
    assert raw != 0.0 and col.collapsed_bias_231(w, biases) == 0.0
    line = col.boundary_231(w, biases)
    assert line.kind == "x1" and line.offset == 0.0  # through the origin
    assert col.collapsed_bias_231(col.DEFAULT_WEIGHTS, biases) == pytest.approx(0.8 * 0.3 + 0.12 + 0.55 + 0.1)


def test_why_silent():
    assert col.why_silent_231(col.EXAMPLES["silent"]) == ("cancel", ())
    assert col.why_silent_231((0.0,) * 9) == ("vanish", col.WEIGHT_NAMES)
    assert col.why_silent_231((1, 2, 3, 4, 5, 6, 0, 0, 0)) == ("vanish", ("w7", "w8", "w9"))
    assert col.why_silent_231((1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, -1.0, 0.5)) == ("partial", ("w5", "w6"))


# ---------------------------------------------------- item 8: the shape of a boundary


def _stack_fn(sizes, seed, activation):
    weights, biases = col.random_stack(sizes, seed=seed)
    act = ACTIVATIONS[activation]
    return (lambda P: col.forward(P, weights, biases, act)[:, 0],
            lambda P: col.term_scale(P, weights, biases, act)[:, 0])


def test_boundary_shape_of_known_functions():
    line = col.line_from_coefficients(1.3, -0.7, 0.2)
    assert col.boundary_shape(line.side).kind == "straight"
    circle = col.boundary_shape(lambda P: 0.36 - (P**2).sum(axis=1))
    assert circle.kind == "bent" and circle.deviation == pytest.approx(0.6, abs=0.05)
    # Boundary points lie on the true boundary (bisection on the function, not interpolation).
    pts = col.boundary_points(lambda P: 0.36 - (P**2).sum(axis=1))
    np.testing.assert_allclose(np.hypot(pts[:, 0], pts[:, 1]), 0.6, atol=1e-9)
    assert col.boundary_shape(lambda P: P[:, 0] - 5.0).kind == "none"
    # A jump along one line (the step function) is a straight boundary, found exactly.
    step = col.boundary_shape(lambda P: np.heaviside(P[:, 0] + 0.3 * P[:, 1] - 0.1, 0.0) - 0.5)
    assert step.kind == "straight"
    # A nearly linear function bends, but by less than a pixel.
    slight = col.boundary_shape(lambda P: P[:, 0] - 0.004 * P[:, 1] ** 2)
    assert slight.kind == "slight"


@pytest.mark.parametrize("seed", range(3))
def test_identity_keeps_the_stack_straight(seed):
    fn, scale = _stack_fn([2, 8, 3, 8, 1], seed, "identity")
    assert col.boundary_shape(fn, scale=scale).kind in ("straight", "none")


def test_a_non_linear_activation_may_or_may_not_bend_the_boundary():
    shapes = [_stack_fn([2, 8, 3, 8, 1], seed, "tanh") for seed in range(4)]
    kinds = {col.boundary_shape(fn, scale=scale).kind for fn, scale in shapes}
    assert "bent" in kinds
    # ReLU on a stack whose units all stay in their linear piece over the square: straight.
    # z = x·W1 + 3 > 1.8 on the square, so Output = z1 − z2 + 0.1 = 0.5·x1 − 0.8·x2 + 0.1 there.
    weights = [np.array([[1.0, 0.5], [0.2, 1.0]]), np.array([[1.0], [-1.0]])]
    biases = [np.array([3.0, 3.0]), np.array([0.1])]
    fn = lambda P: col.forward(P, weights, biases, ACTIVATIONS["relu"])[:, 0]  # noqa: E731
    assert col.boundary_shape(fn).kind == "straight"


# ---------------------------- item 9: what a network can represent, and what it finds


def test_enough_relu_units_represent_the_circle():
    """An octagon of 8 ReLU units: Output = ε − Σ relu(u_j·x − r), positive exactly inside."""
    X, y = _circle()
    r_in, r_out = np.hypot(*X[y == 1].T).max(), np.hypot(*X[y == 0].T).min()
    r = 0.55
    assert r_in < r and r / np.cos(np.pi / 8) < r_out  # the octagon fits in the gap
    angles = np.arange(8) * np.pi / 4
    U = np.stack([np.cos(angles), np.sin(angles)])  # (2, 8)
    weights = [U, -np.ones((8, 1))]
    biases = [np.full(8, -r), np.array([1e-6])]
    out = col.forward(X, weights, biases, ACTIVATIONS["relu"])[:, 0]
    assert col.sign_accuracy(out, y) == 1.0
    assert col.best_line(X, y).accuracy < 0.8


@pytest.mark.parametrize("seed", range(5))
def test_one_hidden_tanh_neuron_draws_only_a_straight_line(seed):
    X, y = _circle()
    fn, scale = _stack_fn([2, 1, 1], seed, "tanh")
    assert col.boundary_shape(fn, scale=scale).kind in ("straight", "none")
    # The best line is searched over 720 directions: allow what a finer search could add.
    assert col.sign_accuracy(fn(X), y) <= col.best_line(X, y).accuracy + 0.02


def test_training_from_a_symmetric_start_never_finds_the_circle():
    """Eight tanh units could enclose the circles, but started identical they get identical
    gradients, stay identical, and act as one unit: gradient descent ends on a straight line."""
    X, y = _circle()
    model = MLP([2, 8, 1], "tanh", seed=0)
    column, out = np.array([[0.7], [-0.4]]), 0.3
    model.params = [(np.repeat(column, 8, axis=1), np.full(8, 0.1)), (np.full((8, 1), out), np.zeros(1))]
    for _ in range(300):
        _, grads = model.loss_and_grads(X, y)
        model.params = [(W - 0.5 * gW, b - 0.5 * gb) for (W, b), (gW, gb) in zip(model.params, grads)]
    W1, b1 = model.params[0]
    np.testing.assert_allclose(W1, np.repeat(W1[:, :1], 8, axis=1), rtol=1e-12)
    np.testing.assert_allclose(b1, b1[0], rtol=1e-12)
    assert np.max(np.abs(W1[:, 0] - column[:, 0])) > 0.01  # it did train
    assert col.boundary_shape(model.logits).kind in ("straight", "none")
    accuracy = float(np.mean((model.logits(X) > 0) == (y == 1)))
    assert accuracy <= col.best_line(X, y).accuracy + 0.02 < 1.0


# ------------------------------------------------------------- the parabola's cuts


@pytest.mark.parametrize("W", np.round(np.arange(-3.0, 3.01, 0.5), 2))
@pytest.mark.parametrize("B", np.round(np.arange(-1.0, 1.01, 0.25), 2))
def test_parabola_cut_matches_the_sign_changes(W, B):
    x = np.linspace(-1.0, 1.0, 20001)[1:-1]
    Y = W * x**2 + B
    changes = np.flatnonzero(np.diff(np.sign(Y)) != 0)
    cut = col.parabola_cut(W, B)
    if cut is None:
        assert len(np.unique(np.sign(Y[Y != 0]))) <= 1
    else:
        roots = np.roots([W, 0.0, B])
        np.testing.assert_allclose(sorted(np.abs(roots.real)), [cut, cut], atol=1e-12)
        assert len(changes) >= 2 and np.allclose(np.abs(x[changes]), cut, atol=2e-4)


def test_the_diagram_draws_zero_weights_as_neither_sign():
    """The caption promises blue = positive, dashed orange = negative, dotted grey = 0."""
    w = (1.2, 0.0, -0.5, 0.0, 0.7, -1.2, 0.0, -0.6, 1.1)
    edges = [line for line in cv.network_dot(w).splitlines() if "->" in line and "label" in line]
    for value, edge in zip(w, edges):
        expected = "solid" if value > 0 else "dashed" if value < 0 else "dotted"
        assert f"style={expected}" in edge, edge
