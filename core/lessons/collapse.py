r"""Linear collapse: why stacked linear layers are still one affine map (linear without biases).

Row convention (as :mod:`core.nn.mlp`): rows of ``X`` are samples and a layer computes
``h ← h @ W_l + b_l`` with ``W_l`` of shape ``(fan_in, fan_out)``.  Without an
activation, a stack of ``L`` such layers is

.. math::

    f(x) = (\dots((x W_1 + b_1) W_2 + b_2) \dots) W_L + b_L = x\,W + b,
    \qquad W = W_1 W_2 \cdots W_L,
    \qquad b = (\dots(b_1 W_2 + b_2) W_3 + \dots) W_L + b_L,

one affine map (linear when every ``b_l = 0``).  Consequences the page shows:

* the decision boundary ``f(x) = 0`` of a 2-input, 1-output stack is one straight line;
* ``rank W ≤ min_l width_l``: a narrow layer anywhere caps what the whole stack can do;
* ``∂f/∂x = Wᵀ`` is the same at every input (the article's fourth problem), while the
  gradient with respect to the weights, the one training follows, does depend on x.

The article's 2-3-1 network (no biases, weights numbered as in the article)::

    h1 = w1·input1 + w2·input2        Output = w7·h1 + w8·h2 + w9·h3
    h2 = w3·input1 + w4·input2             = input1·(w1w7 + w3w8 + w5w9)
    h3 = w5·input1 + w6·input2             + input2·(w2w7 + w4w8 + w6w9)

so, writing ``a = w1w7 + w3w8 + w5w9`` and ``c = w2w7 + w4w8 + w6w9``, the boundary
``Output = 0`` is ``input1 = −input2·c/a`` when ``a ≠ 0``; the horizontal line
``input2 = 0`` when ``a = 0 ≠ c``; and nothing at all when ``a = c = 0`` (the network then
outputs 0 everywhere).

Also here: the best accuracy any straight line reaches on a data set (an exhaustive
sweep over directions and thresholds), and the x² feature maps of the article's figures
04–05 that let a line separate what it could not.  No Streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BestLine",
    "BoundaryShape",
    "DEFAULT_WEIGHTS",
    "EXAMPLES",
    "HIDDEN_BIASES",
    "INNER_1D",
    "Line",
    "ON_LINE_RTOL",
    "OUTER_1D",
    "OUTPUT_BIAS",
    "RANK_IO",
    "SLIGHT_TOL",
    "STRAIGHT_TOL",
    "Threshold",
    "WEIGHT_NAMES",
    "WEIGHT_RANGE",
    "additivity_231",
    "article_slope_231",
    "best_line",
    "best_threshold",
    "boundary_231",
    "boundary_points",
    "boundary_shape",
    "circle_separator",
    "circle_side",
    "coefficients_231",
    "collapse",
    "collapsed_bias_231",
    "exact_angles",
    "forward",
    "forward_231",
    "gradient",
    "gradients_agree",
    "grid_values",
    "hidden_silent_231",
    "line_from_coefficients",
    "on_line",
    "parabola_cut",
    "points_1d",
    "random_stack",
    "random_weights_231",
    "rank_report",
    "resolved",
    "sign_accuracy",
    "square_features",
    "stack_231",
    "term_scale",
    "term_scale_231",
    "weight_gradient_231",
    "why_silent_231",
    "zero_contour",
]

# ----------------------------------------------------------------- the 2-3-1 network

WEIGHT_NAMES = tuple(f"w{i}" for i in range(1, 10))
WEIGHT_RANGE = (-2.0, 2.0)
#: Not degenerate, mixed signs, and a boundary at a pleasant angle (input1 ≈ 0.76·input2).
DEFAULT_WEIGHTS = (1.2, 0.4, -0.5, 0.9, 0.7, -1.2, 0.8, -0.6, 1.1)
#: Weight sets for the degenerate cases: a = 0 (boundary input2 = 0), a = c = 0 (no boundary).
EXAMPLES = {
    "horizontal": (1.0, 1.0, 1.0, 0.5, -1.0, 0.5, 1.0, 1.0, 2.0),
    "silent": (1.0, 0.5, 0.5, -1.0, -1.0, 1.0, -0.4, -1.2, -1.0),
}
#: The biases the additivity section adds to the 2-3-1 network (hidden b1..b3, output b4).
HIDDEN_BIASES = (0.3, -0.2, 0.5)
OUTPUT_BIAS = 0.1


def stack_231(w: Sequence[float]) -> list[np.ndarray]:
    """The 2-3-1 network as matrices in the row convention: ``[W1 (2×3), W2 (3×1)]``.

    Column j of ``W1`` holds the two weights into hidden neuron j+1:
    ``W1 = [[w1, w3, w5], [w2, w4, w6]]``, ``W2 = [[w7], [w8], [w9]]``.
    """
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (9,):
        raise ValueError(f"need 9 weights, got shape {w.shape}")
    W1 = np.array([[w[0], w[2], w[4]], [w[1], w[3], w[5]]])
    W2 = w[6:9].reshape(3, 1).copy()
    return [W1, W2]


def forward_231(w: Sequence[float], X, biases: Sequence[float] | None = None) -> np.ndarray:
    """Output of the 2-3-1 network neuron by neuron, written as the article writes it.

    ``biases`` is ``None`` (the article's network) or ``(b1, b2, b3, b4)``: b1..b3 added
    to h1..h3, b4 to the output.  Deliberately not a matrix product, so it is an
    independent check of :func:`collapse`.
    """
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = (float(v) for v in w)
    b1, b2, b3, b4 = (0.0, 0.0, 0.0, 0.0) if biases is None else (float(v) for v in biases)
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[..., 0], X[..., 1]
    h1 = w1 * x1 + w2 * x2 + b1
    h2 = w3 * x1 + w4 * x2 + b2
    h3 = w5 * x1 + w6 * x2 + b3
    return w7 * h1 + w8 * h2 + w9 * h3 + b4


def coefficients_231(w: Sequence[float]) -> tuple[float, float]:
    """``(a, c)`` with Output = a·input1 + c·input2: a = w1w7+w3w8+w5w9, c = w2w7+w4w8+w6w9."""
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = (float(v) for v in w)
    return w1 * w7 + w3 * w8 + w5 * w9, w2 * w7 + w4 * w8 + w6 * w9


def _coefficient_scales(w: Sequence[float]) -> tuple[float, float]:
    """Sizes of the terms of a and c: a sum of products is 'zero' relative to these."""
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = (abs(float(v)) for v in w)
    return w1 * w7 + w3 * w8 + w5 * w9, w2 * w7 + w4 * w8 + w6 * w9


def collapsed_bias_231(w: Sequence[float], biases: Sequence[float], rtol: float = 1e-12) -> float:
    """β = w7·b1 + w8·b2 + w9·b3 + b4: the constant of the biased 2-3-1 network.

    Exactly 0 when the terms cancel up to rounding (|β| ≤ rtol · Σ|terms|), as a and c are
    in :func:`boundary_231`, so the page never calls a residue of 1e-17 "β ≠ 0"."""
    b1, b2, b3, b4 = (float(v) for v in biases)
    terms = (float(w[6]) * b1, float(w[7]) * b2, float(w[8]) * b3, b4)
    beta = sum(terms)
    return 0.0 if abs(beta) <= rtol * sum(abs(t) for t in terms) else beta


def hidden_silent_231(w: Sequence[float]) -> bool:
    """Every hidden neuron has both input weights 0 or its output weight 0.

    Then each term w_{6+j}·f(h_j) is 0 for an activation with f(0) = 0 (tanh): the network
    outputs 0 for every input, and its gradient is 0 everywhere."""
    w = [float(v) for v in w]
    return all((w[2 * j] == 0.0 and w[2 * j + 1] == 0.0) or w[6 + j] == 0.0 for j in range(3))


def random_weights_231(rng: np.random.Generator, low: float = -2.0, high: float = 2.0) -> tuple[float, ...]:
    """Nine weights uniform in ``[low, high]``, rounded to 0.1 (the sliders' step), never 0."""
    values = np.round(rng.uniform(low, high, 9), 1)
    values[values == 0.0] = 0.1
    return tuple(float(v) for v in values)


# ---------------------------------------------------------------------- the boundary


@dataclass(frozen=True)
class Line:
    """The set ``a·x1 + c·x2 + β = 0``, solved the way the page explains it.

    ``kind``:

    * ``"x1"``: ``x1 = slope·x2 + offset`` (a ≠ 0; slope = −c/a, offset = −β/a);
    * ``"x2"``: ``x2 = offset`` (a = 0 ≠ c; offset = −β/c), a horizontal line;
    * ``"none"``: a = c = 0: the output is the constant β, there is no boundary.
    """

    kind: str
    a: float
    c: float
    beta: float = 0.0
    slope: float = 0.0
    offset: float = 0.0

    def side(self, X) -> np.ndarray:
        """``a·x1 + c·x2 + β`` at each row of X (its sign says which side)."""
        X = np.asarray(X, dtype=np.float64)
        a = 0.0 if self.kind == "none" else self.a
        c = 0.0 if self.kind == "none" else self.c
        return a * X[..., 0] + c * X[..., 1] + self.beta

    def segment(self, lim: float = 1.0) -> tuple[float, float, float, float] | None:
        """The part of the line inside ``[-lim, lim]²`` as ``(x1, x2, x1_end, x2_end)``, or None."""
        if self.kind == "none":
            return None
        if self.kind == "x2":
            return (-lim, self.offset, lim, self.offset) if abs(self.offset) <= lim else None
        # x1 = slope·x2 + offset: clip x2 to the range where x1 stays in [-lim, lim].
        lo, hi = -lim, lim
        if self.slope != 0.0:
            t1 = (-lim - self.offset) / self.slope
            t2 = (lim - self.offset) / self.slope
            lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
        elif abs(self.offset) > lim:
            return None
        if lo > hi:
            return None
        return (self.slope * lo + self.offset, lo, self.slope * hi + self.offset, hi)


def line_from_coefficients(a: float, c: float, beta: float = 0.0, *, tol_a: float = 0.0, tol_c: float = 0.0) -> Line:
    """Solve ``a·x1 + c·x2 + β = 0`` for x1 if possible, else for x2, else say there is no line.

    ``|a| ≤ tol_a`` counts as a = 0 (and so for c): a sum of products of decimal weights
    that cancels on paper leaves a rounding residue such as 1e-17 in floating point.
    """
    a, c, beta = float(a), float(c), float(beta)
    a_zero = abs(a) <= tol_a
    c_zero = abs(c) <= tol_c
    if not a_zero:
        return Line("x1", a, 0.0 if c_zero else c, beta, slope=0.0 if c_zero else -c / a, offset=-beta / a)
    if not c_zero:
        return Line("x2", 0.0, c, beta, offset=-beta / c)
    return Line("none", 0.0, 0.0, beta)


def boundary_231(w: Sequence[float], biases: Sequence[float] | None = None, rtol: float = 1e-12) -> Line:
    """The boundary ``Output = 0`` of the 2-3-1 network (with optional biases b1..b4)."""
    a, c = coefficients_231(w)
    sa, sc = _coefficient_scales(w)
    beta = 0.0 if biases is None else collapsed_bias_231(w, biases)
    return line_from_coefficients(a, c, beta, tol_a=rtol * sa, tol_c=rtol * sc)


def article_slope_231(w: Sequence[float]) -> float | None:
    """The slope the article's printed formula gives: (w2w7+w4w8+w6w9)/(−w2w7+w4w8+w6w9).

    For comparison only (it is wrong); None where its denominator is 0.
    """
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = (float(v) for v in w)
    den = -w2 * w7 + w4 * w8 + w6 * w9
    if abs(den) <= 1e-12 * (abs(w2 * w7) + abs(w4 * w8) + abs(w6 * w9)):
        return None
    return (w2 * w7 + w4 * w8 + w6 * w9) / den


# ------------------------------------------------- classifying: 0 up to rounding is 0

#: An output smaller than this fraction of the numbers summed into it is 0 up to rounding:
#: the point is *on* the boundary.  A float64 sum is off by a few 1e-16 of its terms, far
#: below this; and this is 100 × the tolerance under which :func:`boundary_231` calls a or
#: c zero, so when the page says "no boundary, Output ≡ 0" every point is on the line.
ON_LINE_RTOL = 1e-10


def term_scale(X, weights: Sequence, biases: Sequence | None = None, activation=None,
               params: dict | None = None) -> np.ndarray:
    r"""How large the numbers are that :func:`forward` adds up into each output.

    The stack run on ``|x|`` with ``|W_l|`` and ``|b_l|``.  For a linear stack this bounds
    every partial sum, so the rounding error of the forward pass is at most a few machine
    epsilons times it (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1:
    :math:`|fl(x^\top y) - x^\top y| \le \gamma_n\, |x|^\top |y|`).  After a hidden layer
    with activation f the scale s becomes ``max(|f(s)|, |f(−s)|)``, which bounds |f(z)| for
    every |z| ≤ s when f is monotone (and is the right size when it is not).
    """
    s = np.abs(np.asarray(X, dtype=np.float64))
    fn = None
    if activation is not None:
        fn = getattr(activation, "fn", activation)
        act_params = dict(getattr(activation, "params", {}) or {})
        act_params.update(params or {})
    last = len(weights) - 1
    for index, Wl in enumerate(weights):
        s = s @ np.abs(np.asarray(Wl, dtype=np.float64))
        if biases is not None and biases[index] is not None:
            s = s + np.abs(np.asarray(biases[index], dtype=np.float64))
        if fn is not None and index < last:
            s = np.maximum(np.abs(fn(s, **act_params)), np.abs(fn(-s, **act_params)))
    return s


def _stack_biases_231(biases: Sequence[float] | None):
    """``(b1, b2, b3, b4)`` as the per-layer bias vectors of :func:`stack_231`."""
    if biases is None:
        return None
    b = [float(v) for v in biases]
    return [np.array(b[:3]), np.array(b[3:4])]


def term_scale_231(w: Sequence[float], X, biases: Sequence[float] | None = None) -> np.ndarray:
    """:func:`term_scale` of the 2-3-1 network: Σ|w_out|·(|w_in|·|x| + |b_hidden|) + |b4| per row."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    return term_scale(X, stack_231(w), _stack_biases_231(biases))[:, 0]


def circle_side(values, scale=None) -> np.ndarray:
    """The page's one rule: class 1 (circle) where the output is above 0 by more than rounding.

    ``scale`` is the :func:`term_scale` of each value (None: an exact comparison).  A value
    with ``|value| ≤ ON_LINE_RTOL·scale`` is on the line; being on the line is not being
    above 0, so such a point is called a triangle (class 0), the same as ``value ≤ 0``.
    """
    values = np.asarray(values, dtype=np.float64)
    if scale is None:
        return values > 0.0
    return values > ON_LINE_RTOL * np.asarray(scale, dtype=np.float64)


def on_line(values, scale) -> np.ndarray:
    """Where ``|value| ≤ ON_LINE_RTOL · scale``: zero up to rounding (see :func:`circle_side`)."""
    return np.abs(np.asarray(values, dtype=np.float64)) <= ON_LINE_RTOL * np.asarray(scale, dtype=np.float64)


def sign_accuracy(values, y, scale=None) -> float:
    """Share of points where the rule of :func:`circle_side` gets the class right."""
    side = circle_side(np.asarray(values, dtype=np.float64).reshape(-1),
                       None if scale is None else np.asarray(scale, dtype=np.float64).reshape(-1))
    y = np.asarray(y).reshape(-1)
    return float(np.mean(side == (y == 1)))


def why_silent_231(w: Sequence[float]) -> tuple[str, tuple[str, ...]]:
    """Why both sums a and c are 0, for the page to say the right thing.

    Returns ``(reason, zero_weights)`` with ``zero_weights`` the names of the weights equal to 0:

    * ``"cancel"``: all nine weights are non-zero and their products cancel;
    * ``"partial"``: some weights are 0 and the remaining non-zero products cancel;
    * ``"vanish"``: each of the six products w1w7, w3w8, w5w9, w2w7, w4w8, w6w9 has a factor 0,
      so there is nothing to cancel.
    """
    w = [float(v) for v in w]
    zeros = tuple(name for name, value in zip(WEIGHT_NAMES, w) if value == 0.0)
    products = [w[i] * w[6 + i // 2] for i in range(6)]  # w1w7, w2w7, w3w8, w4w8, w5w9, w6w9
    if not zeros:
        return "cancel", zeros
    if all(p == 0.0 for p in products):
        return "vanish", zeros
    return "partial", zeros


def additivity_231(w, a, b, k: float, biases=None) -> dict[str, float]:
    """The numbers of f(a+b) vs f(a)+f(b) and f(k·a) vs k·f(a) for the 2-3-1 network.

    Without biases both gaps are 0 up to rounding.  With biases the map is affine,
    f(x) = g(x) + β with g linear, so f(a+b) − f(a) − f(b) = −β and f(ka) − k·f(a) = (1−k)·β.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    k = float(k)

    def f(x):
        return float(forward_231(w, x, biases))

    out = {"fa": f(a), "fb": f(b), "fab": f(a + b), "fka": f(k * a)}
    out["fa_plus_fb"] = out["fa"] + out["fb"]
    out["k_fa"] = k * out["fa"]
    out["add_gap"] = out["fab"] - out["fa_plus_fb"]
    out["hom_gap"] = out["fka"] - out["k_fa"]
    out["beta"] = 0.0 if biases is None else collapsed_bias_231(w, biases)
    return out


def gradient(fn: Callable[[np.ndarray], np.ndarray], point, h: float = 1e-6) -> np.ndarray:
    """∂fn/∂x at ``point`` by central differences (measured, not assumed): error O(h²)."""
    point = np.asarray(point, dtype=np.float64)
    grad = np.empty_like(point)
    for i in range(point.size):
        step = np.zeros_like(point)
        step[i] = h
        grad[i] = (np.asarray(fn(point + step)).item() - np.asarray(fn(point - step)).item()) / (2.0 * h)
    return grad


def weight_gradient_231(w: Sequence[float], x) -> np.ndarray:
    r"""∂Output/∂(w1, …, w9) at one input x, by the chain rule through the article's network.

    .. math::

        \frac{\partial\,\text{Output}}{\partial w_1} = w_7 x_1,\;
        \frac{\partial\,\text{Output}}{\partial w_2} = w_7 x_2,\;\dots,\;
        \frac{\partial\,\text{Output}}{\partial w_6} = w_9 x_2,\qquad
        \frac{\partial\,\text{Output}}{\partial w_{6+j}} = h_j.

    Unlike ∂Output/∂input = (a, c), every entry moves with x: this is the gradient that
    back-propagation hands to the weights (times ∂loss/∂Output), and it depends on the input
    even when the network is linear.
    """
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = (float(v) for v in w)
    x1, x2 = (float(v) for v in np.asarray(x, dtype=np.float64).reshape(2))
    h1, h2, h3 = w1 * x1 + w2 * x2, w3 * x1 + w4 * x2, w5 * x1 + w6 * x2
    return np.array([w7 * x1, w7 * x2, w8 * x1, w8 * x2, w9 * x1, w9 * x2, h1, h2, h3])


#: What :func:`gradient` can resolve: with h = 1e-6, rounding in f (≈ 1e-16·|f|) becomes
#: ≈ 1e-10·|f| in the difference quotient; below 1e-8 a measured slope is noise.
GRADIENT_RESOLUTION = 1e-8


def resolved(g) -> np.ndarray:
    """A measured gradient with the entries below :data:`GRADIENT_RESOLUTION` set to 0, so a
    slope that is 0 is shown as 0, not as the 1e-10 of noise the measurement leaves."""
    g = np.asarray(g, dtype=np.float64)
    return np.where(np.abs(g) < GRADIENT_RESOLUTION, 0.0, g)


def gradients_agree(g_p, g_q, rtol: float = 1e-6) -> bool:
    """Two measured gradients equal up to the error of :func:`gradient`'s central differences
    (O(h²) plus rounding/h, about 1e-10 of their size), with a wide margin."""
    g_p, g_q = np.asarray(g_p, dtype=np.float64), np.asarray(g_q, dtype=np.float64)
    size = 1.0 + max(float(np.max(np.abs(g_p))), float(np.max(np.abs(g_q))))
    return bool(np.all(np.abs(g_p - g_q) <= rtol * size))


# ------------------------------------------------------------ stacks of any depth


def collapse(weights: Sequence, biases: Sequence | None = None) -> tuple[np.ndarray, np.ndarray]:
    r"""The single ``(W, b)`` equivalent to a stack of linear layers (row convention).

    ``weights[l]`` has shape ``(fan_in, fan_out)``, ``biases[l]`` shape ``(fan_out,)``
    (``biases`` None, or an entry None, means zeros).  Returns
    ``W = W_1 W_2 ⋯ W_L`` and ``b = (⋯(b_1 W_2 + b_2) W_3 ⋯) W_L + b_L`` so that the stack
    computes ``x @ W + b`` for every ``x``.
    """
    if len(weights) == 0:
        raise ValueError("a stack needs at least one layer")
    if biases is not None and len(biases) != len(weights):
        raise ValueError("one bias vector per layer")
    W = None
    b = None
    for index, Wl in enumerate(weights):
        Wl = np.asarray(Wl, dtype=np.float64)
        if Wl.ndim != 2:
            raise ValueError(f"layer {index + 1}: a weight matrix must be 2-D, got shape {Wl.shape}")
        bl = None if biases is None or biases[index] is None else np.asarray(biases[index], dtype=np.float64)
        if bl is None:
            bl = np.zeros(Wl.shape[1])
        if bl.shape != (Wl.shape[1],):
            raise ValueError(f"layer {index + 1}: bias shape {bl.shape}, expected ({Wl.shape[1]},)")
        if W is None:
            W, b = Wl.copy(), bl.copy()
            continue
        if W.shape[1] != Wl.shape[0]:
            raise ValueError(f"layer {index + 1}: {Wl.shape[0]} inputs, but the layer before has {W.shape[1]} outputs")
        # The whole stack so far is x ↦ x W + b; one more layer maps it to (x W + b) W_l + b_l.
        W = W @ Wl
        b = b @ Wl + bl
    return W, b


def forward(X, weights: Sequence, biases: Sequence | None = None, activation=None, params: dict | None = None) -> np.ndarray:
    """Run the stack layer by layer; ``activation`` (an ``Activation`` or a function) after
    every layer except the last.  ``None`` means a purely linear stack."""
    h = np.asarray(X, dtype=np.float64)
    act = None
    if activation is not None:
        fn = getattr(activation, "fn", activation)
        act_params = dict(getattr(activation, "params", {}) or {})
        act_params.update(params or {})

        def act(z):
            return fn(z, **act_params)

    last = len(weights) - 1
    for index, Wl in enumerate(weights):
        h = h @ np.asarray(Wl, dtype=np.float64)
        if biases is not None and biases[index] is not None:
            h = h + np.asarray(biases[index], dtype=np.float64)
        if act is not None and index < last:
            h = act(h)
    return h


def random_stack(sizes: Sequence[int], seed: int = 0, gain: float = 2.0, bias_scale: float = 0.5):
    """Random weights and biases for layer sizes ``[n_in, h1, …, n_out]``, from ``default_rng(seed)``.

    ``W_l ~ N(0, gain² / fan_in)``: big enough that an activation after each hidden
    layer visibly bends the boundary over [-1, 1]² (a tanh fed tiny numbers is nearly
    linear).  ``b_l ~ U(−bias_scale, bias_scale)``.
    """
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"bad layer sizes {sizes}")
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        weights.append(rng.normal(0.0, gain / math.sqrt(fan_in), (fan_in, fan_out)))
        biases.append(rng.uniform(-bias_scale, bias_scale, fan_out))
    return weights, biases


#: Inputs and outputs of the stack whose rank the page shows (a 2→…→1 stack always has rank ≤ 1).
RANK_IO = 6


def rank_report(W) -> tuple[int, np.ndarray]:
    """``(rank, singular values)`` of W; rank with numpy's default tolerance
    (σ_max · max(shape) · machine ε), so rounding residue like 1e-16 does not count."""
    W = np.asarray(W, dtype=np.float64)
    s = np.linalg.svd(W, compute_uv=False)
    tol = (s.max() if s.size else 0.0) * max(W.shape) * np.finfo(np.float64).eps
    return int(np.sum(s > tol)), s


# ---------------------------------------------------------------- best straight line


@dataclass(frozen=True)
class Threshold:
    """Best rule 'class 1 where value > threshold' (or '<' when ``above_is_one`` is False)."""

    accuracy: float
    threshold: float
    above_is_one: bool


@dataclass(frozen=True)
class BestLine:
    """Best line ``u·x = threshold`` with u = (cos angle, sin angle); class 1 on the side
    given by ``above_is_one``; ``directions`` is how many directions were searched."""

    accuracy: float
    angle: float
    threshold: float
    above_is_one: bool
    directions: int

    def as_line(self) -> Line:
        """The line as a :class:`Line`, oriented so that side > 0 is class 1."""
        sign = 1.0 if self.above_is_one else -1.0
        a, c = sign * math.cos(self.angle), sign * math.sin(self.angle)
        return line_from_coefficients(a, c, -sign * self.threshold, tol_a=1e-12, tol_c=1e-12)


def _sweep(S: np.ndarray, y: np.ndarray):
    """For each row of projections S (k, n): the best threshold split.

    Sort each row; a threshold between sorted positions j−1 and j (j = 0..n) puts the
    first j points below.  'Class 1 above' is right for the class-0 points below plus
    the class-1 points above; the other orientation is right for the rest.  Ties in S
    cannot be split, so only j where the sorted value changes (and 0, n) are allowed.
    Returns (best correct count, j, above_is_one, sorted S) per row.
    """
    k, n = S.shape
    order = np.argsort(S, axis=1, kind="stable")
    Ss = np.take_along_axis(S, order, axis=1)
    ys = y[order]
    zeros_below = np.concatenate([np.zeros((k, 1)), np.cumsum(ys == 0, axis=1)], axis=1)
    ones_below = np.concatenate([np.zeros((k, 1)), np.cumsum(ys == 1, axis=1)], axis=1)
    ones_total = ones_below[:, -1:]
    correct_up = zeros_below + (ones_total - ones_below)  # class 1 above the threshold
    correct_down = n - correct_up
    allowed = np.ones((k, n + 1), dtype=bool)
    allowed[:, 1:n] = Ss[:, 1:] > Ss[:, :-1]
    correct = np.where(allowed, np.maximum(correct_up, correct_down), -1)
    j = np.argmax(correct, axis=1)
    rows = np.arange(k)
    best = correct[rows, j]
    above = correct_up[rows, j] >= correct_down[rows, j]
    return best, j, above, Ss


def _threshold_at(Ss_row: np.ndarray, j: int) -> float:
    n = Ss_row.size
    if j == 0:
        return float(Ss_row[0]) - 1.0
    if j == n:
        return float(Ss_row[-1]) + 1.0
    return 0.5 * (float(Ss_row[j - 1]) + float(Ss_row[j]))


def best_threshold(values, y) -> Threshold:
    """The best single threshold on a 1-D feature (every split between sorted values)."""
    values = np.asarray(values, dtype=np.float64).reshape(1, -1)
    y = np.asarray(y).reshape(-1)
    best, j, above, Ss = _sweep(values, y)
    return Threshold(float(best[0]) / y.size, _threshold_at(Ss[0], int(j[0])), bool(above[0]))


def exact_angles(X) -> np.ndarray:
    """Directions that cover every way a line can split X (for small X: O(n²) angles).

    The order of the projections u·x changes only where u ⟂ (x_i − x_j); one angle inside
    each arc between those critical angles sees every order, hence every split.
    """
    X = np.asarray(X, dtype=np.float64)
    i, j = np.triu_indices(len(X), k=1)
    d = X[j] - X[i]
    critical = np.mod(np.arctan2(d[:, 1], d[:, 0]) + np.pi / 2.0, np.pi)
    critical = np.unique(np.concatenate([critical, [0.0]]))
    nxt = np.concatenate([critical[1:], [critical[0] + np.pi]])
    return 0.5 * (critical + nxt)


def best_line(X, y, n_angles: int = 720, angles=None, chunk: int = 512) -> BestLine:
    """The most accurate straight line on (X, y): every threshold along each direction.

    Directions: ``n_angles`` evenly spaced in [0, π) (both orientations are tried for
    each), or the given ``angles`` (e.g. :func:`exact_angles` for a provably best line on
    a small set).  Deterministic; ties keep the first direction.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).reshape(-1)
    if angles is None:
        angles = np.arange(n_angles) * (np.pi / n_angles)
    angles = np.asarray(angles, dtype=np.float64)
    best = (-1, 0.0, 0.0, True)
    for start in range(0, angles.size, chunk):
        part = angles[start : start + chunk]
        U = np.stack([np.cos(part), np.sin(part)])  # (2, k)
        S = (X @ U).T  # (k, n)
        count, j, above, Ss = _sweep(S, y)
        r = int(np.argmax(count))
        if count[r] > best[0]:
            best = (int(count[r]), float(part[r]), _threshold_at(Ss[r], int(j[r])), bool(above[r]))
    count, angle, threshold, above = best
    return BestLine(count / y.size, angle, threshold, above, int(angles.size))


# -------------------------------------------------------------- pictures over a grid


def grid_values(fn: Callable[[np.ndarray], np.ndarray], resolution: int = 60, lim: float = 1.0):
    """``(xs, ys, V)``: fn at the vertices of a resolution × resolution grid over [-lim, lim]²;
    ``V[i, j] = fn((xs[j], ys[i]))``."""
    xs = np.linspace(-lim, lim, resolution)
    ys = np.linspace(-lim, lim, resolution)
    gx, gy = np.meshgrid(xs, ys)
    V = np.asarray(fn(np.column_stack([gx.ravel(), gy.ravel()])), dtype=np.float64).reshape(resolution, resolution)
    return xs, ys, V


def zero_contour(xs, ys, V) -> np.ndarray:
    """Segments ``(k, 4)`` = (x, y, x_end, y_end) of the curve V = 0 (marching squares).

    Each grid cell whose corners change sign gets a segment between the points where
    linear interpolation along its edges crosses 0; a saddle (four crossings) is split
    by the sign of the cell's mean.  Exact for a linear V: its contour is a straight line.
    """
    xs, ys, V = np.asarray(xs, float), np.asarray(ys, float), np.asarray(V, float)
    segments = []
    pos = V > 0
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            corners = ((xs[j], ys[i], V[i, j]), (xs[j + 1], ys[i], V[i, j + 1]),
                       (xs[j + 1], ys[i + 1], V[i + 1, j + 1]), (xs[j], ys[i + 1], V[i + 1, j]))
            signs = (pos[i, j], pos[i, j + 1], pos[i + 1, j + 1], pos[i + 1, j])
            if all(signs) or not any(signs):
                continue
            crossings = []
            for e in range(4):
                (x0, y0, v0), (x1, y1, v1) = corners[e], corners[(e + 1) % 4]
                if signs[e] != signs[(e + 1) % 4]:
                    t = v0 / (v0 - v1)
                    crossings.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
            if len(crossings) == 2:
                segments.append((*crossings[0], *crossings[1]))
            elif len(crossings) == 4:
                centre_pos = np.mean([corner[2] for corner in corners]) > 0
                # Crossing e sits on the edge after corner e; pair them so the segments
                # separate the corners whose sign differs from the centre's.
                if centre_pos == signs[0]:
                    pairs = ((0, 1), (2, 3))
                else:
                    pairs = ((3, 0), (1, 2))
                for p, q in pairs:
                    segments.append((*crossings[p], *crossings[q]))
    return np.asarray(segments, dtype=np.float64).reshape(-1, 4)


#: Largest distance (in units of the half-width of the square) at which boundary points still
#: count as one straight line: far above the bisection's error, far below a pixel.
STRAIGHT_TOL = 1e-6
#: A boundary that strays less than this from a line bends by under about a pixel on the page.
SLIGHT_TOL = 5e-3


@dataclass(frozen=True)
class BoundaryShape:
    """What the boundary ``fn = 0`` looks like inside [-lim, lim]².

    ``kind``: ``"none"`` (no point of the square changes class), ``"straight"`` (every
    boundary point within ``STRAIGHT_TOL·lim`` of one line), ``"slight"`` (within
    ``SLIGHT_TOL·lim``: bent, but by less than the eye sees) or ``"bent"``.
    ``deviation``: the largest distance of a boundary point from the best-fitting line.
    """

    kind: str
    deviation: float
    points: int


def boundary_points(fn: Callable[[np.ndarray], np.ndarray], lim: float = 1.0, resolution: int = 61, *,
                    scale: Callable[[np.ndarray], np.ndarray] | None = None, iterations: int = 48) -> np.ndarray:
    """Points ``(k, 2)`` where the class of :func:`circle_side` changes along the edges of a grid.

    Each grid edge whose two ends get different classes holds a boundary point; bisection
    on ``fn`` itself (not on an interpolation) pins it down to ``edge / 2**iterations``, so
    the points lie on the true boundary even where fn jumps (the step function).
    """

    def side(P):
        return circle_side(fn(P), None if scale is None else scale(P))

    xs = np.linspace(-lim, lim, resolution)
    gx, gy = np.meshgrid(xs, xs)
    grid = np.stack([gx, gy], axis=-1)  # grid[i, j] = (xs[j], xs[i])
    pos = side(grid.reshape(-1, 2)).reshape(resolution, resolution)
    starts, ends = [], []
    for a, b, pa, pb in ((grid[:, :-1], grid[:, 1:], pos[:, :-1], pos[:, 1:]),
                         (grid[:-1, :], grid[1:, :], pos[:-1, :], pos[1:, :])):
        changed = pa != pb
        starts.append(a[changed])
        ends.append(b[changed])
    lo, hi = np.concatenate(starts), np.concatenate(ends)
    if lo.size == 0:
        return np.zeros((0, 2))
    lo_side = side(lo)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        same = side(mid) == lo_side
        lo = np.where(same[:, None], mid, lo)
        hi = np.where(same[:, None], hi, mid)
    return 0.5 * (lo + hi)


def boundary_shape(fn: Callable[[np.ndarray], np.ndarray], lim: float = 1.0, resolution: int = 61, *,
                   scale: Callable[[np.ndarray], np.ndarray] | None = None) -> BoundaryShape:
    """Is the boundary of ``fn`` inside the square absent, straight, or bent?  Measured:
    the boundary points of :func:`boundary_points`, their best-fitting line (total least
    squares: the smallest singular direction of the centred points), the largest distance."""
    P = boundary_points(fn, lim, resolution, scale=scale)
    if len(P) == 0:
        return BoundaryShape("none", 0.0, 0)
    centred = P - P.mean(axis=0)
    normal = np.linalg.svd(centred, full_matrices=False)[2][-1]
    deviation = float(np.max(np.abs(centred @ normal)))
    if deviation <= STRAIGHT_TOL * lim:
        kind = "straight"
    elif deviation <= SLIGHT_TOL * lim:
        kind = "slight"
    else:
        kind = "bent"
    return BoundaryShape(kind, deviation, len(P))


# ------------------------------------------------------------- bending the input: x²


#: The 1-D picture: circles where |x| < INNER_1D, triangles where |x| > OUTER_1D.
INNER_1D = 0.4
OUTER_1D = 0.6


def points_1d(n: int = 40, inner: float = INNER_1D, outer: float = OUTER_1D, seed: int = 0):
    """``(x, y)``: n points on [-1, 1]; class 1 where |x| < inner, class 0 where |x| > outer.

    Half the points in each class, evenly spread (jittered) so the picture is tidy.
    """
    rng = np.random.default_rng(seed)
    n1 = n // 2
    n0 = n - n1
    x1 = np.linspace(-inner, inner, n1 + 2)[1:-1]
    half = (n0 + 1) // 2
    right = np.linspace(outer, 1.0, half + 1)[1:]
    left = -np.linspace(outer, 1.0, n0 - half + 1)[1:]
    x0 = np.concatenate([left, right])
    x = np.concatenate([x1, x0])
    x = x + rng.uniform(-0.01, 0.01, x.size)
    x = np.clip(x, -1.0, 1.0)
    y = np.concatenate([np.ones(n1, np.int64), np.zeros(n0, np.int64)])
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def parabola_cut(W: float, B: float, lim: float = 1.0) -> float | None:
    """The r in (0, lim) where Y = W·x² + B changes sign (at x = ±r), or None.

    W·r² + B = 0 gives r² = −B/W: a cut needs W and B of opposite signs with |B| < |W|·lim².
    B = 0 only touches 0 at x = 0 without changing sign, so it is no cut.
    """
    W, B = float(W), float(B)
    if W == 0.0 or B == 0.0 or (W > 0.0) == (B > 0.0):
        return None
    r = math.sqrt(-B / W)
    return r if r < lim else None


def square_features(X) -> np.ndarray:
    """The article's bend, applied to each input: x ↦ x² (element-wise)."""
    return np.asarray(X, dtype=np.float64) ** 2


def circle_separator(X, y) -> Threshold:
    """Best threshold t on z1 + z2 = x1² + x2²: the line z1 + z2 = t in the squared space,
    which is the circle x1² + x2² = t back in the original space."""
    Z = square_features(X)
    return best_threshold(Z.sum(axis=1), y)
