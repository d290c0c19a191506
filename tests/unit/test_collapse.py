"""core.lessons.collapse: stacked linear layers collapse, the 2-3-1 algebra, the boundary, the best line, x²."""

import itertools
import math

import numpy as np
import pytest

from core.lessons import collapse as col
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset
from core.present import collapse_views as cv
from core.present.collapse_charts import (
    boundary_chart,
    circle_chart,
    feature_space_chart,
    parabola_chart,
    singular_values_chart,
    threshold_chart,
)
from core.state import collapse as cs

LABELS = {"class1": "circles", "class0": "triangles", "x": "x1", "y": "x2"}


# ------------------------------------------------------------------------ collapse


@pytest.mark.parametrize(
    "sizes",
    [[2, 1], [3, 5, 2], [2, 3, 1], [4, 8, 3, 8, 4], [6, 2, 6], [5, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3], [1, 4, 1]],
    ids=lambda s: "-".join(map(str, s)),
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_collapse_equals_the_forward_pass(sizes, seed):
    weights, biases = col.random_stack(sizes, seed=seed)
    W, b = col.collapse(weights, biases)
    assert W.shape == (sizes[0], sizes[-1]) and b.shape == (sizes[-1],)
    X = np.random.default_rng(seed + 100).uniform(-3.0, 3.0, (200, sizes[0]))
    stacked = col.forward(X, weights, biases)
    one = X @ W + b
    assert np.max(np.abs(stacked - one)) <= 1e-12 * max(1.0, np.max(np.abs(stacked)))


def test_collapse_without_biases_is_linear_and_rejects_bad_shapes():
    weights, _ = col.random_stack([3, 4, 2], seed=5)
    W, b = col.collapse(weights)
    assert np.array_equal(b, np.zeros(2))
    np.testing.assert_allclose(W, weights[0] @ weights[1], rtol=1e-14)
    W2, b2 = col.collapse(weights, [None, np.ones(2)])
    np.testing.assert_allclose(b2, np.ones(2))
    with pytest.raises(ValueError):
        col.collapse([np.ones((2, 3)), np.ones((4, 1))])
    with pytest.raises(ValueError):
        col.collapse([np.ones((2, 3))], [np.ones(2)])
    with pytest.raises(ValueError):
        col.collapse([])


def test_forward_with_identity_activation_is_the_linear_stack():
    weights, biases = col.random_stack([2, 5, 3, 1], seed=3)
    X = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    np.testing.assert_allclose(col.forward(X, weights, biases, ACTIVATIONS["identity"]), col.forward(X, weights, biases))
    bent = col.forward(X, weights, biases, ACTIVATIONS["tanh"])
    assert np.max(np.abs(bent - col.forward(X, weights, biases))) > 1e-3


def test_random_stack_is_seeded():
    a = col.random_stack([2, 8, 1], seed=4)
    b = col.random_stack([2, 8, 1], seed=4)
    c = col.random_stack([2, 8, 1], seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(a[0] + a[1], b[0] + b[1]))
    assert not np.array_equal(a[0][0], c[0][0])


# --------------------------------------------------------------------- the 2-3-1 net


def test_231_coefficients_by_hand():
    # DEFAULT_WEIGHTS = (1.2, 0.4, -0.5, 0.9, 0.7, -1.2, 0.8, -0.6, 1.1)
    a, c = col.coefficients_231(col.DEFAULT_WEIGHTS)
    assert a == pytest.approx(1.2 * 0.8 + (-0.5) * (-0.6) + 0.7 * 1.1) and a == pytest.approx(2.03)
    assert c == pytest.approx(0.4 * 0.8 + 0.9 * (-0.6) + (-1.2) * 1.1) and c == pytest.approx(-1.54)
    w = (1, 2, 3, 4, 5, 6, 7, 8, 9)
    assert col.coefficients_231(w) == (1 * 7 + 3 * 8 + 5 * 9, 2 * 7 + 4 * 8 + 6 * 9)
    assert float(col.forward_231(w, [1.0, 0.0])) == 76.0
    assert float(col.forward_231(w, [0.0, 1.0])) == 100.0


@pytest.mark.parametrize("seed", range(5))
def test_231_matrices_agree_with_neuron_by_neuron(seed):
    rng = np.random.default_rng(seed)
    w = col.random_weights_231(rng)
    W, b = col.collapse(col.stack_231(w))
    a, c = col.coefficients_231(w)
    np.testing.assert_allclose(W[:, 0], [a, c], rtol=1e-14, atol=1e-15)
    X = rng.uniform(-10, 10, (500, 2))
    np.testing.assert_allclose(col.forward_231(w, X), (X @ W + b)[:, 0], rtol=1e-12, atol=1e-12)


def test_random_weights_are_on_the_slider_grid_and_never_zero():
    for seed in range(20):
        w = col.random_weights_231(np.random.default_rng(seed))
        assert len(w) == 9 and all(-2.0 <= v <= 2.0 and v != 0.0 for v in w)
        assert all(abs(v * 10 - round(v * 10)) < 1e-9 for v in w)


def test_derivation_with_numbers_shows_the_numbers():
    steps = dict(cv.derivation_231(col.DEFAULT_WEIGHTS))
    assert "2.03" in steps["collapsed"] and "1.54" in steps["collapsed"]
    assert "0.7586" in steps["boundary"]
    assert r"(-0.5)\cdot (-0.6)" in steps["regroup"]
    symbols = dict(cv.derivation_231())
    assert "w_1w_7 + w_3w_8 + w_5w_9" in symbols["regroup"] and "w_2w_7 + w_4w_8 + w_6w_9" in symbols["boundary"]
    other = dict(cv.derivation_231((0.5,) * 9))
    assert other["collapsed"] != steps["collapsed"]


# --------------------------------------------------------------------- the boundary


@pytest.mark.parametrize("seed", range(8))
def test_points_on_the_printed_line_have_output_zero(seed):
    rng = np.random.default_rng(seed)
    w = col.random_weights_231(rng)
    line = col.boundary_231(w)
    assert line.kind == "x1"
    assert line.slope == pytest.approx(-col.coefficients_231(w)[1] / col.coefficients_231(w)[0])
    x2 = rng.uniform(-5, 5, 100)
    on_line = np.column_stack([line.slope * x2 + line.offset, x2])
    scale = np.max(np.abs(col.forward_231(w, rng.uniform(-5, 5, (100, 2)))))
    assert np.max(np.abs(col.forward_231(w, on_line))) <= 1e-12 * scale
    # Off the line, the sign of the output is the side of the line.
    X = rng.uniform(-1, 1, (300, 2))
    assert np.array_equal(np.sign(col.forward_231(w, X)), np.sign(line.side(X)))
    # The drawn segment lies on the line and inside the square.
    seg = line.segment(1.0)
    if seg is not None:
        x1a, x2a, x1b, x2b = seg
        for p, q in ((x1a, x2a), (x1b, x2b)):
            assert -1 - 1e-12 <= p <= 1 + 1e-12 and -1 - 1e-12 <= q <= 1 + 1e-12
            assert p == pytest.approx(line.slope * q + line.offset)


def test_the_latex_boundary_is_the_line_of_the_numbers():
    w = col.DEFAULT_WEIGHTS
    line = col.boundary_231(w)
    printed = float(dict(cv.derivation_231(w))["boundary"].split("=")[-1].split(r"\cdot")[0])
    assert printed == pytest.approx(line.slope, abs=1e-4)
    assert float(col.forward_231(w, [printed * 0.7, 0.7])) == pytest.approx(0.0, abs=1e-4)


def test_denominator_zero_gives_the_horizontal_axis():
    w = col.EXAMPLES["horizontal"]
    a, c = col.coefficients_231(w)
    assert a == 0.0 and c != 0.0
    line = col.boundary_231(w)
    assert line.kind == "x2" and line.offset == 0.0
    x1 = np.linspace(-3, 3, 11)
    assert np.all(col.forward_231(w, np.column_stack([x1, np.zeros_like(x1)])) == 0.0)
    assert np.all(np.abs(col.forward_231(w, np.column_stack([x1, np.full_like(x1, 0.5)]))) > 0.1)
    assert line.segment(1.0) == (-1.0, 0.0, 1.0, 0.0)
    assert "input}_2 = 0" in dict(cv.derivation_231(w))["boundary"]


def test_both_zero_means_no_boundary_at_all():
    w = col.EXAMPLES["silent"]
    assert all(v != 0.0 for v in w)
    line = col.boundary_231(w)
    assert line.kind == "none" and line.segment() is None
    X = np.random.default_rng(0).uniform(-10, 10, (1000, 2))
    assert np.max(np.abs(col.forward_231(w, X))) <= 1e-13
    assert r"\equiv 0" in dict(cv.derivation_231(w))["boundary"]


def test_decimal_cancellation_with_float_residue_counts_as_zero():
    # a = 0.1·0.7 + 0.2·0.7 − 0.3·0.7 is 0 on paper, ~1e-17 in floating point.
    w = (0.1, 0.5, 0.2, 0.5, -0.3, 0.5, 0.7, 0.7, 0.7)
    a, _ = col.coefficients_231(w)
    assert a != 0.0 and abs(a) < 1e-15
    assert col.boundary_231(w).kind == "x2"


def test_line_from_coefficients_cases_and_biases():
    assert col.line_from_coefficients(2.0, 1.0, 1.0).kind == "x1"
    line = col.line_from_coefficients(2.0, 1.0, 1.0)
    assert (line.slope, line.offset) == (-0.5, -0.5)
    flat = col.line_from_coefficients(0.0, 4.0, 2.0)
    assert flat.kind == "x2" and flat.offset == -0.5
    none = col.line_from_coefficients(0.0, 0.0, 3.0)
    assert none.kind == "none" and np.all(none.side(np.zeros((3, 2))) == 3.0)
    vertical = col.line_from_coefficients(2.0, 0.0, -1.0)
    assert vertical.kind == "x1" and vertical.slope == 0.0 and vertical.segment() == (0.5, -1.0, 0.5, 1.0)
    assert col.line_from_coefficients(1.0, 0.0, -5.0).segment() is None  # x1 = 5: outside the square


def test_biased_231_boundary_is_still_a_line():
    w = col.DEFAULT_WEIGHTS
    biases = (*col.HIDDEN_BIASES, col.OUTPUT_BIAS)
    line = col.boundary_231(w, biases)
    beta = col.collapsed_bias_231(w, biases)
    assert beta == pytest.approx(0.8 * 0.3 + (-0.6) * (-0.2) + 1.1 * 0.5 + 0.1)
    x2 = np.linspace(-2, 2, 9)
    pts = np.column_stack([line.slope * x2 + line.offset, x2])
    assert np.max(np.abs(col.forward_231(w, pts, biases))) < 1e-12
    assert "input}_1 = " in cv.line_latex(line)


def test_article_formula_differs_from_the_correct_one():
    w = col.DEFAULT_WEIGHTS
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = w
    expected = (w2 * w7 + w4 * w8 + w6 * w9) / (-w2 * w7 + w4 * w8 + w6 * w9)
    assert col.article_slope_231(w) == pytest.approx(expected)
    assert col.article_slope_231(w) != pytest.approx(col.boundary_231(w).slope)
    # Points on the article's line are not where Output = 0.
    article = col.article_slope_231(w)
    assert abs(float(col.forward_231(w, [article, 1.0]))) > 0.1


# ------------------------------------------------------- additivity and the gradient


def test_additivity_and_homogeneity():
    w = col.DEFAULT_WEIGHTS
    nums = col.additivity_231(w, (0.5, -1.0), (0.3, 0.8), 2.5)
    assert abs(nums["add_gap"]) < 1e-14 and abs(nums["hom_gap"]) < 1e-14
    biases = (*col.HIDDEN_BIASES, col.OUTPUT_BIAS)
    nb = col.additivity_231(w, (0.5, -1.0), (0.3, 0.8), 2.5, biases)
    assert nb["add_gap"] == pytest.approx(-nb["beta"]) and nb["hom_gap"] == pytest.approx((1 - 2.5) * nb["beta"])
    lines = cv.additivity_latex((0.5, -1.0), (0.3, 0.8), 2.5, nb, biased=True)
    assert any(r"-\beta" in line for line in lines)


def test_gradient_is_constant_for_the_linear_network_only():
    w = col.DEFAULT_WEIGHTS
    a, c = col.coefficients_231(w)
    W1, W2 = col.stack_231(w)
    for point in ([0.5, -0.5], [-0.8, 0.3], [3.0, 4.0]):
        np.testing.assert_allclose(col.gradient(lambda p: col.forward_231(w, p), point), [a, c], atol=1e-8)

    def tanh_net(p):
        return col.forward(np.atleast_2d(p), [W1, W2], activation=ACTIVATIONS["tanh"])[..., 0]

    g1 = col.gradient(tanh_net, [0.5, -0.5])
    g2 = col.gradient(tanh_net, [-0.8, 0.3])
    assert np.max(np.abs(g1 - g2)) > 0.05


# ---------------------------------------------------------------------------- rank


@pytest.mark.parametrize("hidden", [[8, 3, 8], [2], [8, 8, 1, 8], [5, 5], [], [16, 16, 16, 16, 16, 16, 16, 16, 16]])
def test_rank_never_exceeds_the_narrowest_layer(hidden):
    sizes = [col.RANK_IO, *hidden, col.RANK_IO]
    weights, biases = col.random_stack(sizes, seed=7)
    W, _ = col.collapse(weights, biases)
    rank, s = col.rank_report(W)
    assert rank <= min(sizes)
    assert rank == min(sizes)  # Gaussian weights: the cap is reached (with probability 1)
    assert np.all(s[rank:] < 1e-10 * s[0])
    assert np.array_equal(s, np.sort(s)[::-1])


def test_narrow_layer_anywhere_caps_the_rank():
    for position in range(3):
        hidden = [8, 8, 8]
        hidden[position] = 2
        W, _ = col.collapse(*col.random_stack([col.RANK_IO, *hidden, col.RANK_IO], seed=position))
        assert col.rank_report(W)[0] == 2


def test_widths_parsing_and_resizing():
    assert cs.parse_widths("8, 3,8") == [8, 3, 8]
    assert cs.parse_widths("") == [] and cs.parse_widths("  ") == []
    assert cs.parse_widths("8，3") == [8, 3]  # a Chinese comma is fine
    for bad in ("8,,3", "x", "0", "17", "-1", "1.5", ",".join(["2"] * 10)):
        with pytest.raises(ValueError):
            cs.parse_widths(bad)
    assert cs.format_widths([8, 3, 8]) == "8,3,8"
    assert cs.resize_widths([8, 3, 8], 2) == [8]
    assert cs.resize_widths([8, 3], 5) == [8, 3, 3, 3]
    assert cs.resize_widths([], 3) == [8, 8]
    assert cs.resize_widths([4], 1) == []


# ----------------------------------------------------------------------- best line


def _brute_force_best_line(X, y):
    """Every line through two points, each of the two on either side, both orientations."""
    n = len(y)
    best = max(np.mean(y == 1), np.mean(y == 0))
    for i, j in itertools.combinations(range(n), 2):
        d = X[j] - X[i]
        normal = np.array([-d[1], d[0]])
        side = (X - X[i]) @ normal
        for si, sj in itertools.product((True, False), repeat=2):
            above = side > 0
            above[i], above[j] = si, sj
            acc = np.mean(above == (y == 1))
            best = max(best, acc, 1 - acc)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_best_line_matches_brute_force_on_small_sets(seed):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (11, 2))
    y = rng.integers(0, 2, 11)
    expected = _brute_force_best_line(X, y)
    exact = col.best_line(X, y, angles=col.exact_angles(X))
    assert exact.accuracy == pytest.approx(expected)
    # The reported line really achieves the reported accuracy.
    assert col.sign_accuracy(exact.as_line().side(X), y) == pytest.approx(exact.accuracy)
    grid = col.best_line(X, y, n_angles=720)
    assert grid.accuracy <= exact.accuracy + 1e-12


def test_best_line_on_the_circle_is_far_from_perfect_and_deterministic():
    X, y = make_dataset("circle", n=300, seed=0)
    best = col.best_line(X, y)
    assert best == col.best_line(X, y)
    assert 0.5 <= best.accuracy <= 0.8
    assert col.sign_accuracy(best.as_line().side(X), y) == pytest.approx(best.accuracy)
    # On a subset, the 720-direction grid is within a point or two of the provable optimum.
    Xs, ys = X[:80], y[:80]
    exact = col.best_line(Xs, ys, angles=col.exact_angles(Xs))
    grid = col.best_line(Xs, ys)
    assert exact.accuracy - 2 / 80 <= grid.accuracy <= exact.accuracy + 1e-12


def test_best_line_on_separable_data_is_perfect():
    X, y = make_dataset("linear", n=200, seed=1)
    assert col.best_line(X, y).accuracy == 1.0


def test_best_threshold_known_cases_and_ties():
    t = col.best_threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])
    assert t.accuracy == 1.0 and 0.2 < t.threshold < 0.8 and t.above_is_one
    t = col.best_threshold([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])
    assert t.accuracy == 1.0 and not t.above_is_one
    # Equal values cannot be split: at best 3 of 4.
    assert col.best_threshold([0.5, 0.5, 0.5, 0.9], [0, 1, 1, 1]).accuracy == 0.75


# ---------------------------------------------------------------------- x² features


def test_one_dimensional_points_need_the_square():
    x, y = col.points_1d()
    assert set(np.unique(y)) == {0, 1}
    assert np.all(np.abs(x[y == 1]) < 0.4) and np.all(np.abs(x[y == 0]) > 0.6 - 0.011)
    assert col.best_threshold(x, y).accuracy <= 0.8
    assert col.best_threshold(x**2, y).accuracy == 1.0
    assert col.sign_accuracy(-2.0 * x**2 + 0.5, y) == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_circle_is_separable_in_the_squared_space(seed):
    X, y = make_dataset("circle", n=500, seed=seed)
    sep = col.circle_separator(X, y)
    assert sep.accuracy == 1.0 and not sep.above_is_one
    assert 0.5**2 < sep.threshold < 0.7**2
    Z = col.square_features(X)
    assert col.sign_accuracy(sep.threshold - Z.sum(axis=1), y) == 1.0
    assert col.best_line(X, y).accuracy < 0.8  # while no line in the original space comes close


# --------------------------------------------------------------- contour and pictures


def test_zero_contour_of_a_linear_function_is_its_line():
    line = col.line_from_coefficients(1.3, -0.7, 0.2)
    xs, ys, V = col.grid_values(line.side, resolution=31)
    segments = col.zero_contour(xs, ys, V)
    assert len(segments) > 10
    ends = segments.reshape(-1, 2)
    np.testing.assert_allclose(line.side(ends), 0.0, atol=1e-12)


def test_zero_contour_of_a_circle():
    xs, ys, V = col.grid_values(lambda P: (P**2).sum(axis=1) - 0.36, resolution=81)
    ends = col.zero_contour(xs, ys, V).reshape(-1, 2)
    np.testing.assert_allclose(np.hypot(ends[:, 0], ends[:, 1]), 0.6, atol=2e-3)


def test_zero_contour_saddle_gives_two_segments():
    xs, ys = np.array([0.0, 1.0]), np.array([0.0, 1.0])
    V = np.array([[1.0, -1.0], [-1.0, 1.0]])  # V[i, j]: row i is y
    assert col.zero_contour(xs, ys, V).shape == (2, 4)


def test_network_dot_labels_every_edge_with_its_weight():
    dot = cv.network_dot(col.DEFAULT_WEIGHTS)
    assert dot.count("->") == 9
    for name, value in zip(col.WEIGHT_NAMES, ("1.2", "0.4", "-0.5", "0.9", "0.7", "-1.2", "0.8", "-0.6", "1.1")):
        assert f'>{name}={value}<' in dot
    for edge in ("input1 -> h1", "input2 -> h1", "input1 -> h3", "input2 -> h3", "h2 -> Output"):
        assert edge in dot
    assert dot.count("dashed") == 3  # w3, w6, w8 are negative
    assert cv.network_dot((0.0,) * 9).count('>w1=0<') == 1


def test_network_dot_keeps_weight_labels_off_the_crossing_edges():
    """The six input edges cross half-way: their labels sit on their own edge near the
    input (centred on it, labelangle=0), on an opaque box; the output edges' labels are
    ordinary centred labels; h1, h2, h3 keep their order."""
    import re

    dot = cv.network_dot(col.DEFAULT_WEIGHTS)
    assert "ordering=out" in dot
    edges = {m.group(1): m.group(2) for m in re.finditer(r"^  (\w+ -> \w+) \[(.*)\];$", dot, re.M)}
    assert len(edges) == 9
    for edge, attrs in edges.items():
        number = 1 + list(edges).index(edge)
        assert cv.weight_label(number, col.DEFAULT_WEIGHTS[number - 1]) in attrs
        assert 'bgcolor="white"' in attrs
        if edge.startswith("input"):
            assert attrs.startswith("taillabel=") and "labelangle=0" in attrs and "labeldistance=" in attrs
        else:
            assert attrs.startswith("label=") and "taillabel" not in attrs and "headlabel" not in attrs


def test_charts_build():
    X, y = make_dataset("circle", n=60, seed=0)
    w = col.DEFAULT_WEIGHTS
    chart = boundary_chart(X, y, lambda P: col.forward_231(w, P), LABELS, line=col.boundary_231(w))
    spec = chart.to_dict()
    assert len(spec["layer"]) == 3
    weights, biases = col.random_stack([2, 4, 1], seed=0)
    bent = boundary_chart(X, y, lambda P: col.forward(P, weights, biases, ACTIVATIONS["tanh"])[:, 0], LABELS)
    assert bent.to_dict()["layer"]
    sv = singular_values_chart(np.array([3.0, 1.0, 1e-16]), 2, {"kept": "k", "zero": "z", "y": "s"})
    assert sv.to_dict()
    x1, y1 = col.points_1d()
    assert threshold_chart(x1, y1, 0.5, True, LABELS).to_dict()
    assert parabola_chart(x1, y1, -2.0, 0.5, LABELS).to_dict()
    assert feature_space_chart(X, y, 0.36, LABELS).to_dict()
    assert circle_chart(X, y, 0.6, LABELS).to_dict()
    assert math.isfinite(col.sign_accuracy(col.forward_231(w, X), y))


def test_plain_text_and_latex_combinations():
    assert cv.linear_text(2.03, -1.54) == "2.03 · input1 − 1.54 · input2"
    assert cv.linear_text(0.0, 2.5) == "0 · input1 + 2.5 · input2"
    assert cv.combo_latex([(2.0, "x"), (-0.5, "1")]) == r"2\cdot x - 0.5"


@pytest.mark.parametrize("line", [col.line_from_coefficients(2.0, -1.0, 0.3), col.line_from_coefficients(-1.0, 3.0, 0.0),
                                  col.line_from_coefficients(0.0, -2.0, 0.5), col.line_from_coefficients(0.0, 0.0, 1.0),
                                  col.line_from_coefficients(1.0, 0.0, -3.0)])
def test_half_planes_are_coloured_by_the_sign(line):
    from core.present.collapse_charts import _half_planes

    bands = _half_planes(line, 1.0)
    assert np.all(bands["lo"] <= bands["hi"] + 1e-12)
    # The middle of each band that has width lies on the side its colour claims.
    wide = bands[bands["hi"] - bands["lo"] > 1e-6]
    mid = np.column_stack([(wide["lo"] + wide["hi"]) / 2, wide["y"]])
    off_line = np.abs(line.side(mid)) > 1e-9  # a band edge exactly on the line belongs to both
    assert np.array_equal((line.side(mid) > 0)[off_line], (wide["side"].to_numpy() == "1")[off_line])
