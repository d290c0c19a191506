"""Activation functions, their derivatives and what a learner needs to know about them.

``ACTIVATIONS`` maps a stable, language-neutral key (``"relu"``) to an
:class:`Activation`. Every activation has

* ``fn(x, **params)`` and ``grad(x, **params)``: element-wise on float64 arrays of any
  shape (Python scalars and 0-d arrays give an ``np.float64``). Both are written from
  their closed forms, never by finite differences, and are stable for every finite
  float64 input, ``±1e308`` included: no overflow/invalid warnings, no NaN.
* ``params``: the defaults, which are PyTorch's; parameter names are PyTorch's too.
* metadata for the page: LaTeX for the formula and its derivative, the output range,
  monotonicity, smoothness, saturation, the paper, the PyTorch and Keras spellings.
  Prose lives with the page (it owns the translations); the codes here are
  language-neutral.

Derivatives at kinks follow PyTorch's autograd (``tools/autograd/derivatives.yaml``
and the backward kernels in ``aten/src/ATen/native/cpu/Activation.cpp`` and
``aten/src/ATen/native/cuda/Activation*.cu``); each derivative's docstring quotes the
kernel's condition.

Why not ``np.exp`` everywhere: ``np.where(c, a, b)`` evaluates both branches, so an
``exp`` in the branch that is *not* taken still overflows (and warns) for large inputs.
Every ``exp`` below gets an argument that cannot overflow, or is replaced by a
scipy.special function (``expit``, ``log_expit``, ``erfc``) that is stable by design.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.special import erfc, expit, log_expit

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "Paper",
    "SATURATION_CODES",
    "SELU_ALPHA",
    "SELU_SCALE",
    "SMOOTHNESS_CODES",
    "get",
]

# SELU's constants (Klambauer et al. 2017), as in PyTorch, to float64 precision:
# alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# sqrt(2/pi) and the cubic coefficient of the tanh approximation of GELU.
_GELU_K = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# Language-neutral codes; the page translates them.
SMOOTHNESS_CODES = ("C-1", "C0", "C1", "C∞")  # C-1: discontinuous (the step)
SATURATION_CODES = ("none", "negative", "positive", "both")


# --------------------------------------------------------------------------- plumbing


def _elementwise(func: Callable) -> Callable:
    """Accept scalars, lists and arrays; compute in float64; never mutate the input.

    A 0-d result (Python scalar or 0-d array in) comes back as ``np.float64``.
    """

    @functools.wraps(func)
    def wrapper(x, **params):
        arr = np.asarray(x, dtype=np.float64)
        out = np.asarray(func(arr, **params), dtype=np.float64)
        if out.shape != arr.shape:  # constant derivatives, e.g. identity's
            out = np.broadcast_to(out, arr.shape).copy()
        return np.float64(out[()]) if out.ndim == 0 else out

    return wrapper


def _dsigmoid(x: np.ndarray) -> np.ndarray:
    """σ'(x) = σ(x)·σ(−x): accurate on both tails, unlike σ(1 − σ) near σ ≈ 1."""
    return expit(x) * expit(-x)


def _sech2(x: np.ndarray) -> np.ndarray:
    """sech²(x) = 4σ(2x)σ(−2x); the clip keeps 2x finite (sech² is 0 there anyway)."""
    xc = np.clip(x, -1e3, 1e3)
    return 4.0 * _dsigmoid(2.0 * xc)


def _softplus_exact(x: np.ndarray) -> np.ndarray:
    """ln(1 + eˣ) without overflow: logaddexp(0, x)."""
    return np.logaddexp(0.0, x)


# ------------------------------------------------------------------- the activations


@_elementwise
def identity(x):
    r"""f(x) = x."""
    return x.copy()


@_elementwise
def d_identity(x):
    r"""f'(x) = 1: the same slope whatever the input."""
    return np.ones_like(x)


@_elementwise
def step(x):
    r"""Heaviside step: f(x) = 1 if x > 0 else 0, so f(0) = 0 (torch.heaviside(x, 0))."""
    return (x > 0).astype(np.float64)


@_elementwise
def d_step(x):
    r"""f'(x) = 0 wherever it is defined (x ≠ 0); 0 is returned at x = 0 as well.

    This is why a step cannot be trained by gradient descent: no signal flows back.
    """
    return np.zeros_like(x)


@_elementwise
def sigmoid(x):
    r"""σ(x) = 1 / (1 + e^{−x}) (scipy.special.expit: no overflow for any x)."""
    return expit(x)


@_elementwise
def d_sigmoid(x):
    r"""σ'(x) = σ(x)(1 − σ(x)) = σ(x)σ(−x); at most 1/4, at x = 0."""
    return _dsigmoid(x)


@_elementwise
def tanh(x):
    r"""tanh(x) = (eˣ − e^{−x}) / (eˣ + e^{−x}) = 2σ(2x) − 1."""
    return np.tanh(x)


@_elementwise
def d_tanh(x):
    r"""tanh'(x) = 1 − tanh²(x) = sech²(x); at most 1, at x = 0."""
    return _sech2(x)


@_elementwise
def relu(x):
    r"""ReLU(x) = max(0, x)."""
    return np.where(x > 0, x, 0.0)


@_elementwise
def d_relu(x):
    r"""ReLU'(x) = 1 if x > 0 else 0.

    PyTorch: threshold_backward(grad, result, 0) passes the gradient where the
    *output* > 0, so ReLU'(0) = 0.
    """
    return (x > 0).astype(np.float64)


@_elementwise
def leaky_relu(x, negative_slope=0.01):
    r"""LeakyReLU(x) = x if x > 0 else negative_slope·x."""
    return np.where(x > 0, x, negative_slope * x)


@_elementwise
def d_leaky_relu(x, negative_slope=0.01):
    r"""LeakyReLU'(x) = 1 if x > 0 else negative_slope.

    PyTorch leaky_relu_backward: ``x > 0 ? grad : grad * negative_slope``, so the
    derivative at 0 is negative_slope.
    """
    return np.where(x > 0, 1.0, negative_slope)


@_elementwise
def elu(x, alpha=1.0):
    r"""ELU(x) = x if x > 0 else α(eˣ − 1); expm1 is exact for small |x|."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


@_elementwise
def d_elu(x, alpha=1.0):
    r"""ELU'(x) = 1 if x > 0 else α·eˣ.

    PyTorch elu_backward (is_result=False): ``x <= 0 ? grad·α·exp(x) : grad``, so the
    derivative at 0 is α (continuous there only when α = 1).
    """
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


@_elementwise
def selu(x):
    r"""SELU(x) = scale·(x if x > 0 else α(eˣ − 1)), α ≈ 1.6733, scale ≈ 1.0507."""
    return SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0)))


@_elementwise
def d_selu(x):
    r"""SELU'(x) = scale if x > 0 else scale·α·eˣ.

    PyTorch: elu_backward with scale and α, ``x <= 0`` branch at 0, so
    SELU'(0) = scale·α ≈ 1.7581.
    """
    return SELU_SCALE * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(x, 0.0)))


def _celu_neg_arg(x, alpha):
    """x/α on the negative side, clamped so that the division cannot overflow.

    Below x/α = −800, exp(x/α) is 0 in float64 anyway.
    """
    return np.maximum(np.minimum(x, 0.0), -800.0 * alpha) / alpha


def _check_celu(alpha):
    # PyTorch only rejects alpha == 0; a negative alpha turns CELU upside down on the
    # left and is no use for teaching, so it is refused here too.
    if alpha <= 0:
        raise ValueError(f"CELU needs alpha > 0, got {alpha}")


@_elementwise
def celu(x, alpha=1.0):
    r"""CELU(x) = max(0, x) + min(0, α(e^{x/α} − 1))."""
    _check_celu(alpha)
    return np.where(x > 0, x, alpha * np.expm1(_celu_neg_arg(x, alpha)))


@_elementwise
def d_celu(x, alpha=1.0):
    r"""CELU'(x) = 1 if x > 0 else e^{x/α}.

    PyTorch: CELU is ELU with input_scale 1/α; elu_backward takes the ``x <= 0``
    branch at 0, giving e⁰ = 1 (continuous: CELU is C¹ for every α).
    """
    _check_celu(alpha)
    return np.where(x > 0, 1.0, np.exp(_celu_neg_arg(x, alpha)))


@_elementwise
def gelu(x):
    r"""GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), exact (PyTorch approximate='none').

    Φ(x) is computed as ½erfc(−x/√2), which keeps its relative precision in the
    left tail where 1 + erf(·) would cancel.
    """
    return x * (0.5 * erfc(-x * _INV_SQRT2))


@_elementwise
def d_gelu(x):
    r"""GELU'(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π) (PyTorch: cdf + x·pdf)."""
    xc = np.clip(x, -40.0, 40.0)  # φ(±40) = 0 in float64; avoids x² overflow
    return 0.5 * erfc(-x * _INV_SQRT2) + xc * _INV_SQRT_2PI * np.exp(-0.5 * xc * xc)


def _gelu_tanh_inner(x):
    """u = √(2/π)(x + 0.044715x³), on x clipped so x³ cannot overflow (tanh(u) = ±1)."""
    xc = np.clip(x, -1e3, 1e3)
    return xc, _GELU_K * (xc + _GELU_C * xc**3)


@_elementwise
def gelu_tanh(x):
    r"""GELU ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (PyTorch approximate='tanh').

    Written as x·σ(2u), since ½(1 + tanh u) = σ(2u) keeps the left tail accurate.
    """
    _, u = _gelu_tanh_inner(x)
    return x * expit(2.0 * u)


@_elementwise
def d_gelu_tanh(x):
    r"""d/dx[½x(1 + tanh u)] = ½(1 + tanh u) + ½x·sech²(u)·u',
    u' = √(2/π)(1 + 3·0.044715x²)."""
    xc, u = _gelu_tanh_inner(x)
    du = _GELU_K * (1.0 + 3.0 * _GELU_C * xc * xc)
    return expit(2.0 * u) + 0.5 * xc * _sech2(u) * du


@_elementwise
def silu(x):
    r"""SiLU(x) = x·σ(x) (also called Swish with β = 1)."""
    return x * expit(x)


@_elementwise
def d_silu(x):
    r"""SiLU'(x) = σ(x)(1 + x(1 − σ(x))) = σ(x) + x·σ(x)σ(−x)."""
    return expit(x) + x * _dsigmoid(x)


@_elementwise
def mish(x):
    r"""Mish(x) = x·tanh(softplus(x)), softplus(x) = ln(1 + eˣ) (no threshold, as torch)."""
    return x * np.tanh(_softplus_exact(x))


@_elementwise
def d_mish(x):
    r"""Mish'(x) = tanh(sp(x)) + x·σ(x)·sech²(sp(x)), sp = softplus.

    Same formula as PyTorch's mish_backward: ``t + x·σ(x)·(1 − t²)``, t = tanh(sp(x)).
    """
    t = np.tanh(_softplus_exact(x))
    return t + x * expit(x) * (1.0 - t * t)


def _softplus_parts(x, beta, threshold):
    """β·x (clipped so it cannot overflow) and the mask where PyTorch goes linear."""
    if beta <= 0:
        raise ValueError(f"softplus needs beta > 0, got {beta}")
    bound = 1e300 / max(beta, 1.0)
    bx = beta * np.clip(x, -bound, bound)
    return bx, bx > threshold


@_elementwise
def softplus(x, beta=1.0, threshold=20.0):
    r"""Softplus(x) = (1/β)·ln(1 + e^{βx}), and x itself where βx > threshold.

    PyTorch reverts to the identity above the threshold (the two differ by at most
    ~2e-9 at the default threshold 20). ln(1 + e^{βx}) is computed as
    logaddexp(0, βx): no overflow whatever the threshold.
    """
    bx, linear = _softplus_parts(x, beta, threshold)
    return np.where(linear, x, np.logaddexp(0.0, bx) / beta)


@_elementwise
def d_softplus(x, beta=1.0, threshold=20.0):
    r"""Softplus'(x) = σ(βx), and 1 where βx > threshold.

    PyTorch softplus_backward: ``βx > threshold ? grad : grad·z/(z + 1)``, z = e^{βx}.
    """
    bx, linear = _softplus_parts(x, beta, threshold)
    return np.where(linear, 1.0, expit(bx))


@_elementwise
def softsign(x):
    r"""Softsign(x) = x / (1 + |x|)."""
    return x / (1.0 + np.abs(x))


@_elementwise
def d_softsign(x):
    r"""Softsign'(x) = 1 / (1 + |x|)²: squared after dividing, so it never overflows."""
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


def _check_bounds(min_val, max_val):
    if min_val > max_val:
        raise ValueError(f"hardtanh needs min_val <= max_val, got {min_val} > {max_val}")


@_elementwise
def hardtanh(x, min_val=-1.0, max_val=1.0):
    r"""HardTanh(x) = min_val if x < min_val, max_val if x > max_val, else x."""
    _check_bounds(min_val, max_val)
    return np.clip(x, min_val, max_val)


@_elementwise
def d_hardtanh(x, min_val=-1.0, max_val=1.0):
    r"""HardTanh'(x) = 1 strictly inside (min_val, max_val), else 0.

    PyTorch hardtanh_backward: ``x <= min_val || x >= max_val ? 0 : grad``, so the
    derivative at both corners is 0.
    """
    _check_bounds(min_val, max_val)
    return ((x > min_val) & (x < max_val)).astype(np.float64)


@_elementwise
def relu6(x):
    r"""ReLU6(x) = min(max(0, x), 6) (PyTorch: hardtanh(x, 0, 6))."""
    return np.clip(x, 0.0, 6.0)


@_elementwise
def d_relu6(x):
    r"""ReLU6'(x) = 1 for 0 < x < 6, else 0; at 0 and at 6 it is 0 (hardtanh_backward)."""
    return ((x > 0.0) & (x < 6.0)).astype(np.float64)


@_elementwise
def hardsigmoid(x):
    r"""HardSigmoid(x) = ReLU6(x + 3)/6 = 0 if x ≤ −3, 1 if x ≥ 3, else x/6 + 1/2."""
    return np.clip(x / 6.0 + 0.5, 0.0, 1.0)


@_elementwise
def d_hardsigmoid(x):
    r"""HardSigmoid'(x) = 1/6 for −3 < x < 3, else 0.

    PyTorch hardsigmoid_backward: ``(x > -3 && x < 3) ? grad/6 : 0``: 0 at ±3.
    """
    return np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0)


@_elementwise
def hardswish(x):
    r"""HardSwish(x) = x·ReLU6(x + 3)/6 = 0 if x ≤ −3, x if x ≥ 3, else x(x + 3)/6."""
    return x * np.clip(x / 6.0 + 0.5, 0.0, 1.0)


@_elementwise
def d_hardswish(x):
    r"""HardSwish'(x) = 0 if x ≤ −3, x/3 + 1/2 if −3 < x < 3, 1 if x ≥ 3.

    At the kinks we report what PyTorch's autograd gives on the CPU (its vectorised
    kernel, the one a learner's laptop runs): 0 at x = −3 and 1 at x = 3, the outer
    pieces' slopes (checked against torch 2.13 in tests/unit/test_activations_torch.py).
    PyTorch is not self-consistent here: its CUDA and scalar kernels use the middle
    piece's slope (−1/2 at −3, 3/2 at 3).
    """
    mid = np.clip(x, -3.0, 3.0) / 3.0 + 0.5
    return np.where(x <= -3.0, 0.0, np.where(x < 3.0, mid, 1.0))


@_elementwise
def logsigmoid(x):
    r"""LogSigmoid(x) = ln σ(x) = −softplus(−x) (scipy.special.log_expit)."""
    return log_expit(x)


@_elementwise
def d_logsigmoid(x):
    r"""LogSigmoid'(x) = 1 − σ(x) = σ(−x)."""
    return expit(-x)


# x − tanh x = Σ c_k x^(2k+1) for |x| < π/2; these are its first seven terms.
# Below |x| = 0.1 they give full float64 precision where x − tanh(x) would cancel.
_TANHSHRINK_SERIES = (
    1.0 / 3.0,
    -2.0 / 15.0,
    17.0 / 315.0,
    -62.0 / 2835.0,
    1382.0 / 155925.0,
    -21844.0 / 6081075.0,
    929569.0 / 638512875.0,
)


def _tanhshrink_small(x):
    """x − tanh x by its Taylor series (Horner in x²), for small |x|."""
    x2 = x * x
    acc = np.zeros_like(x)
    for c in reversed(_TANHSHRINK_SERIES):
        acc = acc * x2 + c
    return acc * x2 * x


@_elementwise
def tanhshrink(x):
    r"""TanhShrink(x) = x − tanh(x) (series near 0, where the subtraction cancels)."""
    small = np.abs(x) < 0.1
    xs = np.where(small, x, 0.0)
    return np.where(small, _tanhshrink_small(xs), x - np.tanh(x))


@_elementwise
def d_tanhshrink(x):
    r"""TanhShrink'(x) = 1 − sech²(x) = tanh²(x)."""
    t = np.tanh(x)
    return t * t


def _check_lambd(lambd):
    if lambd < 0:
        raise ValueError(f"shrink needs lambd >= 0, got {lambd}")


@_elementwise
def softshrink(x, lambd=0.5):
    r"""SoftShrink(x) = x − λ if x > λ, x + λ if x < −λ, else 0."""
    _check_lambd(lambd)
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


@_elementwise
def d_softshrink(x, lambd=0.5):
    r"""SoftShrink'(x) = 1 if |x| > λ else 0.

    PyTorch softshrink_backward: ``(x >= -λ && x <= λ) ? 0 : grad``: 0 at ±λ.
    """
    _check_lambd(lambd)
    return (np.abs(x) > lambd).astype(np.float64)


@_elementwise
def hardshrink(x, lambd=0.5):
    r"""HardShrink(x) = x if |x| > λ else 0."""
    _check_lambd(lambd)
    return np.where(np.abs(x) > lambd, x, 0.0)


@_elementwise
def d_hardshrink(x, lambd=0.5):
    r"""HardShrink'(x) = 1 if |x| > λ else 0 (hardshrink_backward: 0 at ±λ)."""
    _check_lambd(lambd)
    return (np.abs(x) > lambd).astype(np.float64)


# ------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Paper:
    """Where the function comes from (or the paper that made it known)."""

    authors: str
    title: str
    year: int
    url: str


# Kinks that move with the parameters: params -> x positions. Module-level functions,
# not lambdas, so that an Activation can be pickled (and hashed by st.cache_data).
KinkFn = Callable[..., tuple]


def _elu_kinks(alpha):
    """ELU is C¹ only at α = 1; otherwise its slope jumps from α to 1 at 0."""
    return () if alpha == 1.0 else (0.0,)


def _hardtanh_kinks(min_val, max_val):
    return (float(min_val), float(max_val))


def _shrink_kinks(lambd):
    return (-float(lambd), float(lambd))


@dataclass(frozen=True, eq=False)
class Activation:
    """One activation function and what the page says about it.

    ``fn(x, **params)`` / ``grad(x, **params)`` are element-wise; ``params`` holds the
    defaults (PyTorch's). Treat ``params`` as read-only: copy it before changing it.

    Metadata (language-neutral; the page translates the codes):

    * ``formula_latex`` / ``derivative_latex``: for ``st.latex``, in terms of ``x`` and
      the PyTorch parameter names.
    * ``kink_convention_latex``: the derivative used where f is not differentiable.
    * ``range``: (low, high) of the output at the default parameters, ±inf allowed;
      ``range_attained``: whether each end is reached by some finite x.
    * ``monotonic``: non-decreasing on the whole real line (at the defaults).
    * ``zero_centred``: the mean output E[f(Z)] for inputs Z ~ N(0, 1) is 0 (to three
      decimals). That is what the term means in machine learning: f(0) = 0 is not
      enough (GELU: f(0) = 0, but its mean output is 1/(2√π) ≈ 0.28).
    * ``smoothness``: one of ``SMOOTHNESS_CODES`` ("C-1" = discontinuous).
    * ``saturates``: one of ``SATURATION_CODES``: on which side f' → 0.
    * ``paper``: a :class:`Paper`; ``more_papers``: further origins, for a function
      found twice (ReLU for RBMs, then for deep nets; SiLU, then Swish).
    * ``torch_name``: the PyTorch module with its defaults.
    * ``keras_name``: the Keras 3 spelling with Keras's defaults, or ``None`` if Keras
      has no built-in equivalent. ``keras_note_latex``: a formula (no prose) where a
      Keras spelling or version differs, e.g. Keras 2's hard sigmoid; often empty.
    * ``kink_points``: x where f is not differentiable, at the defaults;
      :meth:`kinks` gives them for other parameter values.
    * ``param_ranges``: a sensible (low, high) slider range per parameter.
    """

    key: str
    name: str
    fn: Callable
    grad: Callable
    params: dict
    formula_latex: str
    derivative_latex: str
    kink_convention_latex: str
    range: tuple
    range_attained: tuple
    monotonic: bool
    zero_centred: bool
    smoothness: str
    saturates: str
    paper: Paper
    torch_name: str
    keras_name: str | None
    keras_note_latex: str
    kink_points: tuple
    param_ranges: dict = field(default_factory=dict)
    kink_fn: KinkFn | None = None
    more_papers: tuple = ()

    @property
    def papers(self) -> tuple:
        """Every paper to cite, the first origin first."""
        return (self.paper, *self.more_papers)

    @property
    def has_kinks(self) -> bool:
        """True when f is not differentiable somewhere (at the defaults)."""
        return len(self.kink_points) > 0

    def kinks(self, **params) -> tuple:
        """x where f is not differentiable, for these parameters (defaults filled in)."""
        if self.kink_fn is None:
            return self.kink_points
        return tuple(self.kink_fn(**{**self.params, **params}))

    def __call__(self, x, **params):
        """f(x) with the defaults filled in."""
        return self.fn(x, **{**self.params, **params})

    def derivative(self, x, **params):
        """f'(x) with the defaults filled in."""
        return self.grad(x, **{**self.params, **params})


_INF = math.inf

# Minima of the non-monotonic smooth units (the low end of their range), found by
# solving f'(x) = 0 (brentq) and rounded *down* at the 15th digit, so that the stated
# range contains every float64 value f can return:
#   GELU   at x ≈ −0.75179, GELU (tanh) at x ≈ −0.75246,
#   SiLU   at x = −1 − W(1/e) ≈ −1.27846 (value −W(1/e), W = Lambert W),
#   Mish   at x ≈ −1.19243.
_GELU_MIN = -0.169971207479904
_GELU_TANH_MIN = -0.1700407505712541
_SILU_MIN = -0.278464542761074
_MISH_MIN = -0.308843413017251

_PAPERS = {
    "widrow": Paper("B. Widrow, M. E. Hoff", "Adaptive Switching Circuits", 1960,
                    "https://doi.org/10.21236/ad0241531"),
    "mcculloch": Paper("W. S. McCulloch, W. Pitts",
                       "A logical calculus of the ideas immanent in nervous activity",
                       1943, "https://doi.org/10.1007/BF02478259"),
    "rumelhart": Paper("D. E. Rumelhart, G. E. Hinton, R. J. Williams",
                       "Learning representations by back-propagating errors", 1986,
                       "https://doi.org/10.1038/323533a0"),
    "lecun": Paper("Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller", "Efficient BackProp",
                   1998, "https://doi.org/10.1007/3-540-49430-8_2"),
    "nair": Paper("V. Nair, G. E. Hinton",
                  "Rectified Linear Units Improve Restricted Boltzmann Machines", 2010,
                  "https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf"),
    "glorot2011": Paper("X. Glorot, A. Bordes, Y. Bengio", "Deep Sparse Rectifier Neural Networks",
                        2011, "https://proceedings.mlr.press/v15/glorot11a.html"),
    "maas": Paper("A. L. Maas, A. Y. Hannun, A. Y. Ng",
                  "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013,
                  "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf"),
    "clevert": Paper("D.-A. Clevert, T. Unterthiner, S. Hochreiter",
                     "Fast and Accurate Deep Network Learning by Exponential Linear "
                     "Units (ELUs)", 2015, "https://arxiv.org/abs/1511.07289"),
    "klambauer": Paper("G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter",
                       "Self-Normalizing Neural Networks", 2017,
                       "https://arxiv.org/abs/1706.02515"),
    "barron": Paper("J. T. Barron", "Continuously Differentiable Exponential Linear Units",
                    2017, "https://arxiv.org/abs/1704.07483"),
    "hendrycks": Paper("D. Hendrycks, K. Gimpel", "Gaussian Error Linear Units (GELUs)",
                       2016, "https://arxiv.org/abs/1606.08415"),
    "elfwing": Paper("S. Elfwing, E. Uchibe, K. Doya",
                     "Sigmoid-Weighted Linear Units for Neural Network Function "
                     "Approximation in Reinforcement Learning", 2017,
                     "https://arxiv.org/abs/1702.03118"),
    "ramachandran": Paper("P. Ramachandran, B. Zoph, Q. V. Le", "Searching for Activation Functions",
                          2017, "https://arxiv.org/abs/1710.05941"),
    "misra": Paper("D. Misra", "Mish: A Self Regularized Non-Monotonic Activation Function",
                   2019, "https://arxiv.org/abs/1908.08681"),
    "dugas": Paper("C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia",
                   "Incorporating Second-Order Functional Knowledge for Better Option "
                   "Pricing", 2000,
                   "https://proceedings.neurips.cc/paper/2000/hash/"
                   "44968aece94f667e4095002d140b5896-Abstract.html"),
    "glorot": Paper("X. Glorot, Y. Bengio",
                    "Understanding the difficulty of training deep feedforward neural "
                    "networks", 2010,
                    "https://proceedings.mlr.press/v9/glorot10a.html"),
    "collobert": Paper("R. Collobert", "Large Scale Machine Learning (PhD thesis)", 2004,
                       "https://ronan.collobert.com/pub/matos/2004_phdthesis_lip6.pdf"),
    "krizhevsky": Paper("A. Krizhevsky", "Convolutional Deep Belief Networks on CIFAR-10",
                        2010, "https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf"),
    "howard": Paper("A. Howard et al.", "Searching for MobileNetV3", 2019,
                    "https://arxiv.org/abs/1905.02244"),
    "torch7": Paper("R. Collobert, K. Kavukcuoglu, C. Farabet",
                    "Torch7: A Matlab-like Environment for Machine Learning", 2011,
                    "https://ronan.collobert.com/pub/matos/2011_torch7_nipsw.pdf"),
    "donoho": Paper("D. L. Donoho, I. M. Johnstone",
                    "Ideal spatial adaptation by wavelet shrinkage", 1994,
                    "https://doi.org/10.1093/biomet/81.3.425"),
}


def _build() -> dict[str, Activation]:
    """The registry, in teaching order: the article's functions first."""
    acts = [
        Activation(
            key="identity", name="Identity (linear)", fn=identity, grad=d_identity,
            params={},
            formula_latex=r"f(x) = x",
            derivative_latex=r"f'(x) = 1",
            kink_convention_latex=r"",
            range=(-_INF, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=True, smoothness="C∞", saturates="none",
            paper=_PAPERS["widrow"],
            torch_name="nn.Identity()", keras_name='keras.activations.linear',
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="step", name="Step (Heaviside)", fn=step, grad=d_step, params={},
            formula_latex=r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
            derivative_latex=r"f'(x) = 0 \quad (x \neq 0)",
            kink_convention_latex=r"f(0) = 0,\; f'(0) := 0",
            range=(0.0, 1.0), range_attained=(True, True),
            monotonic=True, zero_centred=False, smoothness="C-1", saturates="both",
            paper=_PAPERS["mcculloch"],
            torch_name="torch.heaviside(x, values=torch.tensor(0.))", keras_name=None,
            keras_note_latex="", kink_points=(0.0,),
        ),
        Activation(
            key="sigmoid", name="Sigmoid", fn=sigmoid, grad=d_sigmoid, params={},
            formula_latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
            derivative_latex=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
            kink_convention_latex="",
            range=(0.0, 1.0), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C∞", saturates="both",
            paper=_PAPERS["rumelhart"],
            torch_name="nn.Sigmoid()", keras_name="keras.activations.sigmoid",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="tanh", name="Tanh", fn=tanh, grad=d_tanh, params={},
            formula_latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
            derivative_latex=r"\tanh'(x) = 1 - \tanh^2(x)",
            kink_convention_latex="",
            range=(-1.0, 1.0), range_attained=(False, False),
            monotonic=True, zero_centred=True, smoothness="C∞", saturates="both",
            paper=_PAPERS["lecun"],
            torch_name="nn.Tanh()", keras_name="keras.activations.tanh",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="relu", name="ReLU", fn=relu, grad=d_relu, params={},
            formula_latex=r"\mathrm{ReLU}(x) = \max(0, x)",
            derivative_latex=r"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}",
            kink_convention_latex=r"\mathrm{ReLU}'(0) := 0",
            range=(0.0, _INF), range_attained=(True, False),
            monotonic=True, zero_centred=False, smoothness="C0", saturates="negative",
            # Nair & Hinton brought it to RBMs; Glorot et al. showed it trains deep nets.
            paper=_PAPERS["nair"], more_papers=(_PAPERS["glorot2011"],),
            torch_name="nn.ReLU()", keras_name="keras.activations.relu",
            keras_note_latex="", kink_points=(0.0,),
        ),
        Activation(
            key="leaky_relu", name="Leaky ReLU", fn=leaky_relu, grad=d_leaky_relu,
            params={"negative_slope": 0.01},
            formula_latex=r"f(x) = \begin{cases} x & x > 0 \\ \text{negative\_slope}\cdot x & x \le 0 \end{cases}",
            derivative_latex=r"f'(x) = \begin{cases} 1 & x > 0 \\ \text{negative\_slope} & x < 0 \end{cases}",
            kink_convention_latex=r"f'(0) := \text{negative\_slope}",
            range=(-_INF, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C0", saturates="none",
            paper=_PAPERS["maas"],
            torch_name="nn.LeakyReLU(negative_slope=0.01)",
            keras_name="keras.layers.LeakyReLU(negative_slope=0.3)",
            keras_note_latex=r"\text{keras.activations.leaky\_relu}(x,\ \text{negative\_slope}=0.2)",
            kink_points=(0.0,), param_ranges={"negative_slope": (0.0, 1.0)},
        ),
        Activation(
            key="elu", name="ELU", fn=elu, grad=d_elu, params={"alpha": 1.0},
            formula_latex=r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
            derivative_latex=r"\mathrm{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
            kink_convention_latex=r"\mathrm{ELU}'(0) := \alpha",
            range=(-1.0, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C1", saturates="negative",
            paper=_PAPERS["clevert"],
            torch_name="nn.ELU(alpha=1.0)", keras_name="keras.activations.elu(x, alpha=1.0)",
            keras_note_latex="", kink_points=(),
            param_ranges={"alpha": (0.1, 3.0)},
            kink_fn=_elu_kinks,
        ),
        Activation(
            key="selu", name="SELU", fn=selu, grad=d_selu, params={},
            formula_latex=(r"\mathrm{SELU}(x) = \text{scale} \begin{cases} x & x > 0 \\ "
                           r"\alpha\,(e^{x} - 1) & x \le 0 \end{cases},\quad "
                           r"\alpha \approx 1.6733,\ \text{scale} \approx 1.0507"),
            derivative_latex=(r"\mathrm{SELU}'(x) = \text{scale} \begin{cases} 1 & x > 0 \\ "
                              r"\alpha\, e^{x} & x \le 0 \end{cases}"),
            kink_convention_latex=r"\mathrm{SELU}'(0) := \text{scale}\cdot\alpha \approx 1.7581",
            range=(-SELU_SCALE * SELU_ALPHA, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=True, smoothness="C0", saturates="negative",
            paper=_PAPERS["klambauer"],
            torch_name="nn.SELU()", keras_name="keras.activations.selu",
            keras_note_latex="", kink_points=(0.0,),
        ),
        Activation(
            key="celu", name="CELU", fn=celu, grad=d_celu, params={"alpha": 1.0},
            formula_latex=r"\mathrm{CELU}(x) = \max(0, x) + \min\!\bigl(0,\ \alpha\,(e^{x/\alpha} - 1)\bigr)",
            derivative_latex=r"\mathrm{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
            kink_convention_latex="",
            range=(-1.0, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C1", saturates="negative",
            paper=_PAPERS["barron"],
            torch_name="nn.CELU(alpha=1.0)", keras_name="keras.activations.celu(x, alpha=1.0)",
            keras_note_latex="", kink_points=(),
            param_ranges={"alpha": (0.1, 3.0)},
        ),
        Activation(
            key="gelu", name="GELU", fn=gelu, grad=d_gelu, params={},
            formula_latex=r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)",
            derivative_latex=r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x),\quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
            kink_convention_latex="",
            range=(_GELU_MIN, _INF), range_attained=(True, False),
            monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
            paper=_PAPERS["hendrycks"],
            torch_name="nn.GELU(approximate='none')",
            keras_name="keras.activations.gelu(x, approximate=False)",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="gelu_tanh", name="GELU (tanh approx.)", fn=gelu_tanh, grad=d_gelu_tanh,
            params={},
            formula_latex=r"f(x) = \frac{x}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)",
            derivative_latex=(r"f'(x) = \frac{1}{2}\bigl(1 + \tanh u\bigr) + \frac{x}{2}\,"
                              r"\operatorname{sech}^2 u \cdot \sqrt{2/\pi}\,(1 + 0.134145\,x^2),"
                              r"\quad u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)"),
            kink_convention_latex="",
            range=(_GELU_TANH_MIN, _INF), range_attained=(True, False),
            monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
            paper=_PAPERS["hendrycks"],
            torch_name="nn.GELU(approximate='tanh')",
            keras_name="keras.activations.gelu(x, approximate=True)",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="silu", name="SiLU (Swish)", fn=silu, grad=d_silu, params={},
            formula_latex=r"\mathrm{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
            derivative_latex=r"\mathrm{SiLU}'(x) = \sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr)",
            kink_convention_latex="",
            range=(_SILU_MIN, _INF), range_attained=(True, False),
            monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
            # Named SiLU by Hendrycks & Gimpel, used by Elfwing et al., found again by a
            # search over activations and named Swish by Ramachandran et al.
            paper=_PAPERS["hendrycks"], more_papers=(_PAPERS["elfwing"], _PAPERS["ramachandran"]),
            torch_name="nn.SiLU()", keras_name="keras.activations.silu",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="mish", name="Mish", fn=mish, grad=d_mish, params={},
            formula_latex=r"\mathrm{Mish}(x) = x\,\tanh\bigl(\ln(1 + e^{x})\bigr)",
            derivative_latex=(r"\mathrm{Mish}'(x) = \tanh\bigl(\mathrm{sp}(x)\bigr) + x\,\sigma(x)\,"
                              r"\operatorname{sech}^2\bigl(\mathrm{sp}(x)\bigr),\quad \mathrm{sp}(x) = \ln(1 + e^{x})"),
            kink_convention_latex="",
            range=(_MISH_MIN, _INF), range_attained=(True, False),
            monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
            paper=_PAPERS["misra"],
            torch_name="nn.Mish()", keras_name="keras.activations.mish",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="softplus", name="Softplus", fn=softplus, grad=d_softplus,
            params={"beta": 1.0, "threshold": 20.0},
            formula_latex=(r"\mathrm{Softplus}(x) = \begin{cases} \frac{1}{\beta}\ln\bigl(1 + e^{\beta x}\bigr) "
                           r"& \beta x \le \text{threshold} \\ x & \beta x > \text{threshold} \end{cases}"),
            derivative_latex=(r"\mathrm{Softplus}'(x) = \begin{cases} \sigma(\beta x) & \beta x \le \text{threshold} "
                              r"\\ 1 & \beta x > \text{threshold} \end{cases}"),
            kink_convention_latex="",
            range=(0.0, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C∞", saturates="negative",
            paper=_PAPERS["dugas"],
            torch_name="nn.Softplus(beta=1.0, threshold=20.0)",
            keras_name="keras.activations.softplus",
            keras_note_latex=r"\ln(1 + e^{x})", kink_points=(),
            param_ranges={"beta": (0.1, 10.0), "threshold": (1.0, 50.0)},
        ),
        Activation(
            key="softsign", name="Softsign", fn=softsign, grad=d_softsign, params={},
            formula_latex=r"\mathrm{Softsign}(x) = \frac{x}{1 + |x|}",
            derivative_latex=r"\mathrm{Softsign}'(x) = \frac{1}{(1 + |x|)^2}",
            kink_convention_latex="",
            range=(-1.0, 1.0), range_attained=(False, False),
            # C1 but not C2 at 0 (f'' jumps from +2 to -2); C1 is what the page shows.
            monotonic=True, zero_centred=True, smoothness="C1", saturates="both",
            paper=_PAPERS["glorot"],
            torch_name="nn.Softsign()", keras_name="keras.activations.softsign",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="hardtanh", name="HardTanh", fn=hardtanh, grad=d_hardtanh,
            params={"min_val": -1.0, "max_val": 1.0},
            formula_latex=(r"\mathrm{HardTanh}(x) = \begin{cases} \text{min\_val} & x < \text{min\_val} \\ "
                           r"x & \text{min\_val} \le x \le \text{max\_val} \\ \text{max\_val} & x > \text{max\_val} \end{cases}"),
            derivative_latex=(r"\mathrm{HardTanh}'(x) = \begin{cases} 1 & \text{min\_val} < x < \text{max\_val} "
                              r"\\ 0 & \text{otherwise} \end{cases}"),
            kink_convention_latex=r"f'(\text{min\_val}) = f'(\text{max\_val}) := 0",
            range=(-1.0, 1.0), range_attained=(True, True),
            monotonic=True, zero_centred=True, smoothness="C0", saturates="both",
            paper=_PAPERS["collobert"],
            torch_name="nn.Hardtanh(min_val=-1.0, max_val=1.0)",
            keras_name="keras.activations.hard_tanh",
            keras_note_latex="", kink_points=(-1.0, 1.0),
            param_ranges={"min_val": (-3.0, 0.0), "max_val": (0.0, 3.0)},
            kink_fn=_hardtanh_kinks,
        ),
        Activation(
            key="hardsigmoid", name="HardSigmoid", fn=hardsigmoid, grad=d_hardsigmoid,
            params={},
            formula_latex=(r"\mathrm{HardSigmoid}(x) = \frac{\mathrm{ReLU6}(x + 3)}{6} = "
                           r"\begin{cases} 0 & x \le -3 \\ 1 & x \ge 3 \\ x/6 + 1/2 & \text{otherwise} \end{cases}"),
            derivative_latex=r"\mathrm{HardSigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & |x| > 3 \end{cases}",
            kink_convention_latex=r"f'(\pm 3) := 0",
            range=(0.0, 1.0), range_attained=(True, True),
            monotonic=True, zero_centred=False, smoothness="C0", saturates="both",
            paper=_PAPERS["howard"],
            torch_name="nn.Hardsigmoid()", keras_name="keras.activations.hard_sigmoid",
            # Keras 2 (tf.keras <= 2.15) used a different slope: clip(0.2x + 0.5, 0, 1).
            keras_note_latex=r"\text{Keras 2: } \max\bigl(0, \min(1,\ 0.2x + 0.5)\bigr)",
            kink_points=(-3.0, 3.0),
        ),
        Activation(
            key="hardswish", name="HardSwish", fn=hardswish, grad=d_hardswish, params={},
            formula_latex=(r"\mathrm{HardSwish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6} = "
                           r"\begin{cases} 0 & x \le -3 \\ x & x \ge 3 \\ x(x + 3)/6 & \text{otherwise} \end{cases}"),
            derivative_latex=(r"\mathrm{HardSwish}'(x) = \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 "
                              r"\\ 1 & x \ge 3 \end{cases}"),
            kink_convention_latex=r"f'(-3) := 0,\; f'(3) := 1",
            range=(-0.375, _INF), range_attained=(True, False),
            monotonic=False, zero_centred=False, smoothness="C0", saturates="negative",
            paper=_PAPERS["howard"],
            torch_name="nn.Hardswish()", keras_name="keras.activations.hard_silu",
            keras_note_latex="", kink_points=(-3.0, 3.0),
        ),
        Activation(
            key="relu6", name="ReLU6", fn=relu6, grad=d_relu6, params={},
            formula_latex=r"\mathrm{ReLU6}(x) = \min\bigl(\max(0, x),\ 6\bigr)",
            derivative_latex=r"\mathrm{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x < 0 \text{ or } x > 6 \end{cases}",
            kink_convention_latex=r"f'(0) = f'(6) := 0",
            range=(0.0, 6.0), range_attained=(True, True),
            monotonic=True, zero_centred=False, smoothness="C0", saturates="both",
            paper=_PAPERS["krizhevsky"],
            torch_name="nn.ReLU6()", keras_name="keras.activations.relu6",
            keras_note_latex="", kink_points=(0.0, 6.0),
        ),
        Activation(
            key="logsigmoid", name="LogSigmoid", fn=logsigmoid, grad=d_logsigmoid,
            params={},
            formula_latex=r"\mathrm{LogSigmoid}(x) = \ln \sigma(x) = -\ln\bigl(1 + e^{-x}\bigr)",
            derivative_latex=r"\mathrm{LogSigmoid}'(x) = 1 - \sigma(x) = \sigma(-x)",
            kink_convention_latex="",
            range=(-_INF, 0.0), range_attained=(False, False),
            monotonic=True, zero_centred=False, smoothness="C∞", saturates="positive",
            paper=_PAPERS["torch7"],
            torch_name="nn.LogSigmoid()", keras_name="keras.activations.log_sigmoid",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="tanhshrink", name="TanhShrink", fn=tanhshrink, grad=d_tanhshrink,
            params={},
            formula_latex=r"\mathrm{TanhShrink}(x) = x - \tanh(x)",
            derivative_latex=r"\mathrm{TanhShrink}'(x) = \tanh^2(x)",
            kink_convention_latex="",
            range=(-_INF, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=True, smoothness="C∞", saturates="none",
            paper=_PAPERS["torch7"],
            torch_name="nn.Tanhshrink()", keras_name="keras.activations.tanh_shrink",
            keras_note_latex="", kink_points=(),
        ),
        Activation(
            key="softshrink", name="SoftShrink", fn=softshrink, grad=d_softshrink,
            params={"lambd": 0.5},
            formula_latex=(r"\mathrm{SoftShrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ "
                           r"x + \lambda & x < -\lambda \\ 0 & \text{otherwise} \end{cases}"),
            derivative_latex=r"\mathrm{SoftShrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
            kink_convention_latex=r"f'(\pm\lambda) := 0",
            range=(-_INF, _INF), range_attained=(False, False),
            monotonic=True, zero_centred=True, smoothness="C0", saturates="none",
            paper=_PAPERS["donoho"],
            torch_name="nn.Softshrink(lambd=0.5)",
            keras_name="keras.activations.soft_shrink(x, threshold=0.5)",
            keras_note_latex="", kink_points=(-0.5, 0.5),
            param_ranges={"lambd": (0.0, 2.0)},
            kink_fn=_shrink_kinks,
        ),
        Activation(
            key="hardshrink", name="HardShrink", fn=hardshrink, grad=d_hardshrink,
            params={"lambd": 0.5},
            formula_latex=r"\mathrm{HardShrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & \text{otherwise} \end{cases}",
            derivative_latex=r"\mathrm{HardShrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
            kink_convention_latex=r"f'(\pm\lambda) := 0",
            range=(-_INF, _INF), range_attained=(False, False),
            # Jumps at ±λ (from 0 to ±λ): discontinuous when λ > 0.
            monotonic=True, zero_centred=True, smoothness="C-1", saturates="none",
            paper=_PAPERS["donoho"],
            torch_name="nn.Hardshrink(lambd=0.5)",
            keras_name="keras.activations.hard_shrink(x, threshold=0.5)",
            keras_note_latex="", kink_points=(-0.5, 0.5),
            param_ranges={"lambd": (0.0, 2.0)},
            kink_fn=_shrink_kinks,
        ),
    ]
    return {a.key: a for a in acts}


ACTIVATIONS: dict[str, Activation] = _build()


def get(key: str) -> Activation:
    """The activation for ``key``; a KeyError names the known keys."""
    try:
        return ACTIVATIONS[key]
    except KeyError:
        raise KeyError(f"unknown activation {key!r}; known: {', '.join(ACTIVATIONS)}") from None
