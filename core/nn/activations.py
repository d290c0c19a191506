"""Activation functions, their derivatives and what a learner needs to know about them.

This file is the catalog: each activation is one section below, in teaching order
(the article's functions first): its function ``f``, its derivative ``d_f``, and one
:class:`Activation` entry that says everything else about it. Everything the app
derives from an activation (slider ranges and steps, Keras's side of each parameter,
the initialisation ``init="auto"`` picks, the colour range of a neuron's picture, its
name on every page) is read from that entry; nothing about one activation is written
anywhere else. To add an activation, write one more section: ``tests/unit/test_catalog.py``
fails until the entry is complete.

``ACTIVATIONS`` maps a stable, language-neutral key (``"relu"``) to an
:class:`Activation`. Every activation has

* ``fn(x, **params)`` and ``grad(x, **params)``: element-wise on float64 arrays of any
  shape (Python scalars and 0-d arrays give an ``np.float64``). Both are written from
  their closed forms, never by finite differences, and are stable for every finite
  float64 input, ``±1e308`` included: no overflow/invalid warnings, no NaN.
* ``params``: the defaults, which are PyTorch's; parameter names are PyTorch's too.
  Each parameter is declared once, as a :class:`ParamSpec` (default, slider range and
  step, Keras's side of it).
* metadata for the page: LaTeX for the formula and its derivative, the output range,
  monotonicity, smoothness, saturation, the paper, the PyTorch and Keras spellings,
  the display name in English and Chinese. Prose lives with the page (it owns the
  translations); the codes here are language-neutral.

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

from core.nn.tape import Tape

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "FROM_OUTPUT",
    "FastOps",
    "HE_ACTIVATIONS",
    "INIT_FAMILIES",
    "KerasParam",
    "Paper",
    "ParamSpec",
    "SATURATION_CODES",
    "SELU_ALPHA",
    "SELU_SCALE",
    "SMOOTHNESS_CODES",
    "auto_init",
    "display_name",
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
_INF = math.inf

# Language-neutral codes; the page translates them.
SMOOTHNESS_CODES = ("C-1", "C0", "C1", "C∞")  # C-1: discontinuous (the step)
SATURATION_CODES = ("none", "negative", "positive", "both")

# How a hidden layer's weights start when the learner leaves init on "auto".
# "he" (Kaiming, variance 2/fan_in) for units that zero, or nearly zero, negative inputs:
# they pass on about half the signal, so the weights start twice as large.
# "glorot" (Xavier, variance 2/(fan_in + fan_out)) for the rest.
INIT_FAMILIES = ("he", "glorot")


# ----------------------------------------------------------------- what an entry holds


@dataclass(frozen=True)
class Paper:
    """Where the function comes from (or the paper that made it known)."""

    authors: str
    title: str
    year: int
    url: str


@dataclass(frozen=True)
class KerasParam:
    """Keras's side of one PyTorch parameter.

    ``name``: Keras's argument for it, with Keras's ``default`` (as text for the help);
    ``None`` when Keras has no such argument. Then ``fixed`` is the value Keras always
    uses, or ``None`` when Keras's formula has nothing like the parameter at all
    (Softplus's ``threshold``: Keras computes ln(1 + eˣ) for every x, it never switches
    to the identity). ``template``: how a value is written for that argument, where
    Keras wants more than a number (PReLU's starting slope is an initializer).
    """

    name: str | None
    default: str | None = None
    fixed: float | None = None
    template: str = "{}"


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of an activation: PyTorch's default, the page's slider, Keras's side.

    The slider runs from ``low`` to ``high`` in steps of ``step``; the default lies inside.
    ``torch``: PyTorch's argument for the parameter when it is not the parameter's own
    name: PReLU's slope ``a`` is learned, and PyTorch's constructor only sets where it
    starts (``nn.PReLU(init=0.25)``).
    """

    default: float
    low: float
    high: float
    step: float
    keras: KerasParam
    torch: str | None = None

    def torch_arg(self, name: str) -> str:
        """The argument that sets this parameter in the PyTorch spelling."""
        return self.torch or name


# Functions of the parameters (kinks, output range) are module-level functions, not
# lambdas, so that an Activation can be pickled (and hashed by st.cache_data).
KinkFn = Callable[..., tuple]
RangeFn = Callable[..., tuple]


@dataclass(frozen=True, kw_only=True)
class FastOps:
    r"""An activation's fast path: f in place, f' from the output, as tape ops.

    For the few units whose derivative is a cheap function of the output y = f(x)
    (σ' = y(1 − y)), a training engine can keep each layer's output h and not its input
    z: compute h = f(z) in place over z, and f' from h. Like a loss
    (:mod:`core.nn.losses`), the record holds the math twice: readable, and as ops over
    preallocated buffers (:mod:`core.nn.tape`) that :mod:`core.nn.compiled` puts on its
    tape. The tests hold each form to the entry's ``fn`` and ``grad``.

    * ``grad_from_output(y)``: f'(x) in terms of y = f(x), element-wise like ``grad``.
    * ``forward_ops(h)``: ops for h ← f(h) in place on a float64 buffer (it holds z
      when the tape runs).
    * ``derivative_ops(dh, h, scratch, out)``: ops for out ← dh ⊙ f'(x), f' taken from
      h = f(x); ``scratch`` (h's shape) is theirs to overwrite. ``out`` must not alias
      ``h`` or ``scratch``; it may be ``dh`` itself.
    * ``unit_slope``: f' ≡ 1 (identity): δ is ∂L/∂h itself, so an engine may give the
      two the same memory, and then ``derivative_ops`` has nothing to do.
    * ``forward32(z)``: f(z) in place on a float32 array, which it returns: the plane's
      probe (:class:`core.nn.plane.GridProbe`) draws the picture in float32.

    The ops take no parameters: only an activation without parameters has fast ops.
    Module-level functions, not lambdas, so that the entry can be pickled.
    """

    grad_from_output: Callable
    forward_ops: Callable[[np.ndarray], Tape]
    derivative_ops: Callable[..., Tape]
    forward32: Callable[[np.ndarray], np.ndarray]
    unit_slope: bool = False


@dataclass(frozen=True, eq=False, kw_only=True)
class Activation:
    """One activation function and everything the app says about it.

    ``fn(x, **params)`` / ``grad(x, **params)`` are element-wise; ``params`` holds the
    defaults (PyTorch's). Treat ``params`` as read-only: copy it before changing it.

    Who it is:

    * ``key``: stable and language-neutral (URLs, option values); ``name`` / ``name_zh``:
      what every page calls it, in English / in Chinese (:func:`display_name`).

    The math:

    * ``fast``: a :class:`FastOps`, for the few units whose f' is a cheap function of
      the output y = f(x) (σ' = y(1 − y)): f in place and f' from the output, as ops
      for a training engine that stores outputs, not inputs (:mod:`core.nn.compiled`),
      and f in float32 for the plane's picture. ``None`` for the others.
    * ``learned``: the parameter a network *learns* beside its weights, one value per
      hidden layer (PReLU's slope ``a``, as PyTorch's ``nn.PReLU()`` with its default
      ``num_parameters=1``); its ``params`` default is where it starts. ``None``: every
      parameter is fixed while training. ``grad_learned(x, **params)``: ∂f/∂(that
      parameter), element-wise; the engine sums ∂L/∂h ⊙ ∂f/∂a over a layer's units and
      samples to get ∂L/∂a (:mod:`core.nn.mlp`).
    * ``param_specs``: one :class:`ParamSpec` per parameter. ``params`` (the defaults)
      and ``param_ranges`` (the slider ranges) are derived from it.
    * ``init_family``: "he" or "glorot" (:data:`INIT_FAMILIES`): what ``init="auto"``
      picks for a hidden layer of these units (:func:`auto_init`).

    Metadata (language-neutral; the page translates the codes):

    * ``formula_latex`` / ``derivative_latex``: for ``st.latex``, in terms of ``x`` and
      the PyTorch parameter names.
    * ``kink_convention_latex``: the derivative used where f is not differentiable.
    * ``range``: (low, high) of the output at the default parameters, ±inf allowed;
      ``range_attained``: whether each end is reached by some finite x. ``range_fn``:
      for a range that moves with the parameters, params -> (range, range_attained)
      (:meth:`range_at`).
    * ``picture_range``: the fixed colour range of a neuron's picture on the training
      page, for bounded units (so that "saturated" looks saturated); ``None``: each
      picture is scaled to its own values.
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
      :meth:`kinks` gives them for other parameter values (``kink_fn``).
    """

    key: str
    name: str
    name_zh: str
    fn: Callable
    grad: Callable
    fast: FastOps | None = None
    learned: str | None = None
    grad_learned: Callable | None = None
    param_specs: dict = field(default_factory=dict)
    init_family: str
    formula_latex: str
    derivative_latex: str
    kink_convention_latex: str = ""
    kink_points: tuple = ()
    kink_fn: KinkFn | None = None
    jump_fn: Callable | None = None
    range: tuple
    range_attained: tuple
    range_fn: RangeFn | None = None
    picture_range: tuple | None = None
    monotonic: bool
    zero_centred: bool
    smoothness: str
    saturates: str
    paper: Paper
    more_papers: tuple = ()
    torch_name: str
    keras_name: str | None
    keras_note_latex: str = ""
    # Derived from param_specs.
    params: dict = field(init=False)
    param_ranges: dict = field(init=False)

    def __post_init__(self):
        specs = self.param_specs
        object.__setattr__(self, "params", {n: s.default for n, s in specs.items()})
        object.__setattr__(self, "param_ranges", {n: (s.low, s.high) for n, s in specs.items()})

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

    def jumps(self, **params) -> tuple[tuple[float, float], ...]:
        """``((x, size), ...)``: where f jumps, and by how much, for these parameters.

        Only Softplus has one: PyTorch's switch to x at βx = threshold, a jump of
        ln(1 + e^{−threshold})/β (2.1e-9 at the defaults, 0.31 at threshold 1)."""
        if self.jump_fn is None:
            return ()
        return tuple(self.jump_fn(**{**self.params, **params}))

    def range_at(self, **params) -> tuple[tuple, tuple]:
        """(range, range_attained) for these parameters (defaults filled in)."""
        if self.range_fn is None:
            return self.range, self.range_attained
        return self.range_fn(**{**self.params, **params})

    def __call__(self, x, **params):
        """f(x) with the defaults filled in."""
        return self.fn(x, **{**self.params, **params})

    def derivative(self, x, **params):
        """f'(x) with the defaults filled in."""
        return self.grad(x, **{**self.params, **params})

    def torch_arg(self, name: str) -> str:
        """PyTorch's argument for the parameter ``name`` (``init`` for PReLU's ``a``)."""
        return self.param_specs[name].torch_arg(name)


# The papers the entries cite, by a short name (some are cited by several entries).
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
    "he2015": Paper("K. He, X. Zhang, S. Ren, J. Sun",
                    "Delving Deep into Rectifiers: Surpassing Human-Level Performance on "
                    "ImageNet Classification", 2015, "https://arxiv.org/abs/1502.01852"),
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


_ENTRIES: list[Activation] = []


def _register(act: Activation) -> None:
    """Add an entry to the catalog (in the order of this file: the teaching order)."""
    if any(a.key == act.key for a in _ENTRIES):
        raise ValueError(f"activation {act.key!r} registered twice")
    _ENTRIES.append(act)


# ======================================================================= the catalog
#
# One section per activation: f, f', then its entry. The order of the sections is the
# order of the registry (and of the page's menus).


# ----------------------------------------------------------------------- identity

@_elementwise
def identity(x):
    r"""f(x) = x."""
    return x.copy()


@_elementwise
def d_identity(x):
    r"""f'(x) = 1: the same slope whatever the input."""
    return np.ones_like(x)


@_elementwise
def d_identity_from_output(y):
    r"""f'(x) = 1, whatever the output."""
    return np.ones_like(y)


def _identity_forward_ops(h):
    """h = f(z) = z: nothing to do."""
    return []


def _identity_derivative_ops(dh, h, scratch, out):
    """f' = 1: out ← dh; nothing to do when out is dh (the memory an engine shares)."""
    return [] if out is dh else [(np.copyto, (out, dh))]


def _identity_forward32(z):
    """f(z) = z."""
    return z


_register(Activation(
    key="identity", name="Identity (linear)", name_zh="恒等函数（线性）",
    fn=identity, grad=d_identity,
    fast=FastOps(grad_from_output=d_identity_from_output, forward_ops=_identity_forward_ops,
                 derivative_ops=_identity_derivative_ops, forward32=_identity_forward32,
                 unit_slope=True),
    init_family="glorot",
    formula_latex=r"f(x) = x",
    derivative_latex=r"f'(x) = 1",
    range=(-_INF, _INF), range_attained=(False, False),
    monotonic=True, zero_centred=True, smoothness="C∞", saturates="none",
    paper=_PAPERS["widrow"],
    torch_name="nn.Identity()", keras_name="keras.activations.linear",
))


# --------------------------------------------------------------------------- step

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


_register(Activation(
    key="step", name="Step (Heaviside)", name_zh="阶跃函数",
    fn=step, grad=d_step,
    init_family="glorot",
    formula_latex=r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative_latex=r"f'(x) = 0 \quad (x \neq 0)",
    kink_convention_latex=r"f(0) = 0,\; f'(0) := 0", kink_points=(0.0,),
    range=(0.0, 1.0), range_attained=(True, True), picture_range=(0.0, 1.0),
    monotonic=True, zero_centred=False, smoothness="C-1", saturates="both",
    paper=_PAPERS["mcculloch"],
    torch_name="torch.heaviside(x, values=torch.tensor(0.))", keras_name=None,
))


# ------------------------------------------------------------------------ sigmoid

@_elementwise
def sigmoid(x):
    r"""σ(x) = 1 / (1 + e^{−x}) (scipy.special.expit: no overflow for any x)."""
    return expit(x)


@_elementwise
def d_sigmoid(x):
    r"""σ'(x) = σ(x)(1 − σ(x)) = σ(x)σ(−x); at most 1/4, at x = 0."""
    return _dsigmoid(x)


@_elementwise
def d_sigmoid_from_output(y):
    r"""σ'(x) = y(1 − y), y = σ(x)."""
    return y * (1.0 - y)


def _sigmoid_forward_ops(h):
    """h ← σ(h) in place (expit)."""
    return [(expit, (h, h))]


def _sigmoid_derivative_ops(dh, h, scratch, out):
    """f' = h(1 − h) = h − h²:  out ← dh·(h − h²)."""
    return [(np.multiply, (h, h, scratch)), (np.subtract, (h, scratch, scratch)),
            (np.multiply, (dh, scratch, out))]


def _sigmoid_forward32(z):
    """σ(z) = ½ + ½·tanh(z/2), float32 all the way (float32 tanh is fast)."""
    z *= np.float32(0.5)
    np.tanh(z, out=z)
    z *= np.float32(0.5)
    z += np.float32(0.5)
    return z


_register(Activation(
    key="sigmoid", name="Sigmoid", name_zh="Sigmoid",
    fn=sigmoid, grad=d_sigmoid,
    fast=FastOps(grad_from_output=d_sigmoid_from_output, forward_ops=_sigmoid_forward_ops,
                 derivative_ops=_sigmoid_derivative_ops, forward32=_sigmoid_forward32),
    init_family="glorot",
    formula_latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_latex=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    range=(0.0, 1.0), range_attained=(False, False), picture_range=(0.0, 1.0),
    monotonic=True, zero_centred=False, smoothness="C∞", saturates="both",
    paper=_PAPERS["rumelhart"],
    torch_name="nn.Sigmoid()", keras_name="keras.activations.sigmoid",
))


# --------------------------------------------------------------------------- tanh

@_elementwise
def tanh(x):
    r"""tanh(x) = (eˣ − e^{−x}) / (eˣ + e^{−x}) = 2σ(2x) − 1."""
    return np.tanh(x)


@_elementwise
def d_tanh(x):
    r"""tanh'(x) = 1 − tanh²(x) = sech²(x); at most 1, at x = 0."""
    return _sech2(x)


@_elementwise
def d_tanh_from_output(y):
    r"""tanh'(x) = 1 − y², y = tanh(x)."""
    return 1.0 - y * y


def _tanh_forward_ops(h):
    """h ← tanh(h) in place."""
    return [(np.tanh, (h, h))]


def _tanh_derivative_ops(dh, h, scratch, out):
    """f' = 1 − h²:  out ← dh − dh·h²."""
    return [(np.multiply, (h, h, scratch)), (np.multiply, (scratch, dh, scratch)),
            (np.subtract, (dh, scratch, out))]


def _tanh_forward32(z):
    """tanh(z) in place."""
    return np.tanh(z, out=z)


_register(Activation(
    key="tanh", name="Tanh", name_zh="Tanh",
    fn=tanh, grad=d_tanh,
    fast=FastOps(grad_from_output=d_tanh_from_output, forward_ops=_tanh_forward_ops,
                 derivative_ops=_tanh_derivative_ops, forward32=_tanh_forward32),
    init_family="glorot",
    formula_latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
    derivative_latex=r"\tanh'(x) = 1 - \tanh^2(x)",
    range=(-1.0, 1.0), range_attained=(False, False), picture_range=(-1.0, 1.0),
    monotonic=True, zero_centred=True, smoothness="C∞", saturates="both",
    paper=_PAPERS["lecun"],
    torch_name="nn.Tanh()", keras_name="keras.activations.tanh",
))


# --------------------------------------------------------------------------- ReLU

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
def d_relu_from_output(y):
    r"""ReLU'(x) = 1 if y > 0 else 0, y = ReLU(x) (y = 0 at x = 0: ReLU'(0) = 0)."""
    return (y > 0).astype(np.float64)


def _relu_forward_ops(h):
    """h ← max(h, 0) in place (np.maximum keeps NaN visible; fmax would hide it)."""
    return [(functools.partial(np.maximum, out=h), (h, 0.0))]


def _relu_derivative_ops(dh, h, scratch, out):
    """f' = [h > 0] = sign(h), as h ≥ 0 (ReLU'(0) = 0, as PyTorch):  out ← dh·sign(h)."""
    return [(np.sign, (h, scratch)), (np.multiply, (dh, scratch, out))]


def _relu_forward32(z):
    """max(z, 0) in place."""
    return np.maximum(z, np.float32(0.0), out=z)


_register(Activation(
    key="relu", name="ReLU", name_zh="ReLU",
    fn=relu, grad=d_relu,
    fast=FastOps(grad_from_output=d_relu_from_output, forward_ops=_relu_forward_ops,
                 derivative_ops=_relu_derivative_ops, forward32=_relu_forward32),
    init_family="he",
    formula_latex=r"\mathrm{ReLU}(x) = \max(0, x)",
    derivative_latex=r"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}",
    kink_convention_latex=r"\mathrm{ReLU}'(0) := 0", kink_points=(0.0,),
    range=(0.0, _INF), range_attained=(True, False),
    monotonic=True, zero_centred=False, smoothness="C0", saturates="negative",
    # Nair & Hinton brought it to RBMs; Glorot et al. showed it trains deep nets.
    paper=_PAPERS["nair"], more_papers=(_PAPERS["glorot2011"],),
    torch_name="nn.ReLU()", keras_name="keras.activations.relu",
))


# --------------------------------------------------------------------- Leaky ReLU

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


def _leaky_relu_range(negative_slope):
    """(−∞, ∞), or [0, ∞) when the slope is 0 (then it is ReLU)."""
    low = (0.0, True) if negative_slope == 0 else (-_INF, False)
    return (low[0], _INF), (low[1], False)


_register(Activation(
    key="leaky_relu", name="Leaky ReLU", name_zh="Leaky ReLU",
    fn=leaky_relu, grad=d_leaky_relu,
    param_specs={
        "negative_slope": ParamSpec(0.01, low=0.0, high=1.0, step=0.01, keras=KerasParam(
            "negative_slope", "0.3 (keras.layers.LeakyReLU), 0.2 (keras.activations.leaky_relu)")),
    },
    init_family="he",
    formula_latex=r"f(x) = \begin{cases} x & x > 0 \\ \text{negative\_slope}\cdot x & x \le 0 \end{cases}",
    derivative_latex=r"f'(x) = \begin{cases} 1 & x > 0 \\ \text{negative\_slope} & x < 0 \end{cases}",
    kink_convention_latex=r"f'(0) := \text{negative\_slope}", kink_points=(0.0,),
    range=(-_INF, _INF), range_attained=(False, False), range_fn=_leaky_relu_range,
    monotonic=True, zero_centred=False, smoothness="C0", saturates="none",
    paper=_PAPERS["maas"],
    torch_name="nn.LeakyReLU(negative_slope=0.01)",
    keras_name="keras.layers.LeakyReLU(negative_slope=0.3)",
    keras_note_latex=r"\text{keras.activations.leaky\_relu}(x,\ \text{negative\_slope}=0.2)",
))


# -------------------------------------------------------------------------- PReLU

@_elementwise
def prelu(x, a=0.25):
    r"""PReLU(x) = x if x > 0 else a·x = max(0, x) + a·min(0, x).

    Leaky ReLU whose negative slope ``a`` the network learns (He et al. 2015): one ``a``
    per hidden layer, starting at 0.25, updated by the optimizer like any weight. Here,
    as a curve, ``a`` is just a number.
    """
    return np.where(x > 0, x, a * x)


@_elementwise
def d_prelu(x, a=0.25):
    r"""∂PReLU/∂x = 1 if x > 0 else a.

    PyTorch prelu_backward: ``x > 0 ? grad : weight·grad``, so the derivative at 0 is a.
    """
    return np.where(x > 0, 1.0, a)


@_elementwise
def d_prelu_da(x, a=0.25):
    r"""∂PReLU/∂a = 0 if x > 0 else x, i.e. min(0, x) (it does not depend on a).

    PyTorch prelu_backward's weight gradient: ``x > 0 ? 0 : x·grad``, summed over every
    element that shares the one ``a``.
    """
    del a  # the catalog's functions all take the parameters; this one needs none of them
    return np.minimum(x, 0.0)


def _prelu_range(a):
    """(−∞, ∞) for a > 0; [0, ∞) for a ≤ 0 (a·x ≥ 0 for x ≤ 0, 0 reached at x = 0)."""
    low = (0.0, True) if a <= 0 else (-_INF, False)
    return (low[0], _INF), (low[1], False)


_register(Activation(
    key="prelu", name="PReLU", name_zh="PReLU",
    fn=prelu, grad=d_prelu, learned="a", grad_learned=d_prelu_da,
    param_specs={
        # A learned a may leave [0, 1] (He et al. report a few negative ones): the slider
        # shows both sides.
        "a": ParamSpec(0.25, low=-1.0, high=1.0, step=0.01, torch="init", keras=KerasParam(
            "alpha_initializer", "'zeros'", template="keras.initializers.Constant({})")),
    },
    init_family="he",  # He et al. derived their initialisation in this very paper
    formula_latex=r"\mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
    derivative_latex=(r"\mathrm{PReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x < 0 \end{cases},"
                      r"\quad \frac{\partial\,\mathrm{PReLU}}{\partial a}(x) = \min(0,\ x)"),
    kink_convention_latex=r"\mathrm{PReLU}'(0) := a", kink_points=(0.0,),
    range=(-_INF, _INF), range_attained=(False, False), range_fn=_prelu_range,
    monotonic=True, zero_centred=False, smoothness="C0", saturates="none",
    paper=_PAPERS["he2015"],
    torch_name="nn.PReLU(num_parameters=1, init=0.25)",
    # Keras starts a at 0 and learns one a per unit unless told to share it; shared
    # across the units (axis 1 of a dense layer's output) it is PyTorch's one a per layer.
    keras_name="keras.layers.PReLU(alpha_initializer='zeros', shared_axes=[1])",
))


# ---------------------------------------------------------------------------- ELU

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


def _elu_kinks(alpha):
    """ELU is C¹ only at α = 1; otherwise its slope jumps from α to 1 at 0."""
    return () if alpha == 1.0 else (0.0,)


def _elu_range(alpha):
    """(−α, ∞): the negative side tends to −α (ELU and CELU alike)."""
    return (-alpha, _INF), (False, False)


_register(Activation(
    key="elu", name="ELU", name_zh="ELU",
    fn=elu, grad=d_elu,
    param_specs={
        "alpha": ParamSpec(1.0, low=0.1, high=3.0, step=0.05, keras=KerasParam("alpha", "1.0")),
    },
    init_family="he",
    formula_latex=r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_latex=r"\mathrm{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
    kink_convention_latex=r"\mathrm{ELU}'(0) := \alpha", kink_fn=_elu_kinks,
    range=(-1.0, _INF), range_attained=(False, False), range_fn=_elu_range,
    monotonic=True, zero_centred=False, smoothness="C1", saturates="negative",
    paper=_PAPERS["clevert"],
    torch_name="nn.ELU(alpha=1.0)", keras_name="keras.activations.elu(x, alpha=1.0)",
))


# --------------------------------------------------------------------------- SELU

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


_register(Activation(
    key="selu", name="SELU", name_zh="SELU",
    fn=selu, grad=d_selu,
    init_family="glorot",
    formula_latex=(r"\mathrm{SELU}(x) = \text{scale} \begin{cases} x & x > 0 \\ "
                   r"\alpha\,(e^{x} - 1) & x \le 0 \end{cases},\quad "
                   r"\alpha \approx 1.6733,\ \text{scale} \approx 1.0507"),
    derivative_latex=(r"\mathrm{SELU}'(x) = \text{scale} \begin{cases} 1 & x > 0 \\ "
                      r"\alpha\, e^{x} & x \le 0 \end{cases}"),
    kink_convention_latex=r"\mathrm{SELU}'(0) := \text{scale}\cdot\alpha \approx 1.7581",
    kink_points=(0.0,),
    range=(-SELU_SCALE * SELU_ALPHA, _INF), range_attained=(False, False),
    monotonic=True, zero_centred=True, smoothness="C0", saturates="negative",
    paper=_PAPERS["klambauer"],
    torch_name="nn.SELU()", keras_name="keras.activations.selu",
))


# --------------------------------------------------------------------------- CELU

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


_register(Activation(
    key="celu", name="CELU", name_zh="CELU",
    fn=celu, grad=d_celu,
    param_specs={
        "alpha": ParamSpec(1.0, low=0.1, high=3.0, step=0.05, keras=KerasParam("alpha", "1.0")),
    },
    init_family="he",
    formula_latex=r"\mathrm{CELU}(x) = \max(0, x) + \min\!\bigl(0,\ \alpha\,(e^{x/\alpha} - 1)\bigr)",
    derivative_latex=r"\mathrm{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    range=(-1.0, _INF), range_attained=(False, False), range_fn=_elu_range,
    monotonic=True, zero_centred=False, smoothness="C1", saturates="negative",
    paper=_PAPERS["barron"],
    torch_name="nn.CELU(alpha=1.0)", keras_name="keras.activations.celu(x, alpha=1.0)",
))


# --------------------------------------------------------------------------- GELU

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


# The lowest values of the non-monotonic smooth units (the low end of their range),
# found by solving f'(x) = 0 (brentq) and rounded *down* at the 15th digit, so that the
# stated range contains every float64 value f can return. GELU's is at x ≈ −0.75179.
_GELU_MIN = -0.169971207479904

_register(Activation(
    key="gelu", name="GELU", name_zh="GELU",
    fn=gelu, grad=d_gelu,
    init_family="he",
    formula_latex=r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)",
    derivative_latex=r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x),\quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    range=(_GELU_MIN, _INF), range_attained=(True, False),
    monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
    paper=_PAPERS["hendrycks"],
    torch_name="nn.GELU(approximate='none')",
    keras_name="keras.activations.gelu(x, approximate=False)",
))


# ------------------------------------------------------------- GELU (tanh approx.)

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


_GELU_TANH_MIN = -0.1700407505712541  # at x ≈ −0.75246 (see _GELU_MIN)

_register(Activation(
    key="gelu_tanh", name="GELU (tanh approx.)", name_zh="GELU（tanh 近似）",
    fn=gelu_tanh, grad=d_gelu_tanh,
    init_family="he",
    formula_latex=r"f(x) = \frac{x}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)",
    derivative_latex=(r"f'(x) = \frac{1}{2}\bigl(1 + \tanh u\bigr) + \frac{x}{2}\,"
                      r"\operatorname{sech}^2 u \cdot \sqrt{2/\pi}\,(1 + 0.134145\,x^2),"
                      r"\quad u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)"),
    range=(_GELU_TANH_MIN, _INF), range_attained=(True, False),
    monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
    paper=_PAPERS["hendrycks"],
    torch_name="nn.GELU(approximate='tanh')",
    keras_name="keras.activations.gelu(x, approximate=True)",
))


# --------------------------------------------------------------------------- SiLU

@_elementwise
def silu(x):
    r"""SiLU(x) = x·σ(x) (also called Swish with β = 1)."""
    return x * expit(x)


@_elementwise
def d_silu(x):
    r"""SiLU'(x) = σ(x)(1 + x(1 − σ(x))) = σ(x) + x·σ(x)σ(−x)."""
    return expit(x) + x * _dsigmoid(x)


_SILU_MIN = -0.278464542761074  # −W(1/e) at x = −1 − W(1/e) ≈ −1.27846, W = Lambert W

_register(Activation(
    key="silu", name="SiLU (Swish)", name_zh="SiLU (Swish)",
    fn=silu, grad=d_silu,
    init_family="he",
    formula_latex=r"\mathrm{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
    derivative_latex=r"\mathrm{SiLU}'(x) = \sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr)",
    range=(_SILU_MIN, _INF), range_attained=(True, False),
    monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
    # Named SiLU by Hendrycks & Gimpel, used by Elfwing et al., found again by a
    # search over activations and named Swish by Ramachandran et al.
    paper=_PAPERS["hendrycks"], more_papers=(_PAPERS["elfwing"], _PAPERS["ramachandran"]),
    torch_name="nn.SiLU()", keras_name="keras.activations.silu",
))


# --------------------------------------------------------------------------- Mish

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


_MISH_MIN = -0.308843413017251  # at x ≈ −1.19243 (see _GELU_MIN)

_register(Activation(
    key="mish", name="Mish", name_zh="Mish",
    fn=mish, grad=d_mish,
    init_family="he",
    formula_latex=r"\mathrm{Mish}(x) = x\,\tanh\bigl(\ln(1 + e^{x})\bigr)",
    derivative_latex=(r"\mathrm{Mish}'(x) = \tanh\bigl(\mathrm{sp}(x)\bigr) + x\,\sigma(x)\,"
                      r"\operatorname{sech}^2\bigl(\mathrm{sp}(x)\bigr),\quad \mathrm{sp}(x) = \ln(1 + e^{x})"),
    range=(_MISH_MIN, _INF), range_attained=(True, False),
    monotonic=False, zero_centred=False, smoothness="C∞", saturates="negative",
    paper=_PAPERS["misra"],
    torch_name="nn.Mish()", keras_name="keras.activations.mish",
))


# ----------------------------------------------------------------------- Softplus

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


def _softplus_jumps(beta, threshold):
    """f(x) = ln(1 + e^{βx})/β just below x = threshold/β, and x just above: the gap is
    (ln(1 + e^{t}) − t)/β = ln(1 + e^{−t})/β with t = threshold."""
    return ((threshold / beta, float(np.log1p(np.exp(-threshold))) / beta),)


_register(Activation(
    key="softplus", name="Softplus", name_zh="Softplus",
    fn=softplus, grad=d_softplus, jump_fn=_softplus_jumps,
    param_specs={
        "beta": ParamSpec(1.0, low=0.1, high=10.0, step=0.1, keras=KerasParam(None, fixed=1.0)),
        "threshold": ParamSpec(20.0, low=1.0, high=50.0, step=1.0, keras=KerasParam(None)),
    },
    init_family="he",
    formula_latex=(r"\mathrm{Softplus}(x) = \begin{cases} \frac{1}{\beta}\ln\bigl(1 + e^{\beta x}\bigr) "
                   r"& \beta x \le \text{threshold} \\ x & \beta x > \text{threshold} \end{cases}"),
    derivative_latex=(r"\mathrm{Softplus}'(x) = \begin{cases} \sigma(\beta x) & \beta x \le \text{threshold} "
                      r"\\ 1 & \beta x > \text{threshold} \end{cases}"),
    range=(0.0, _INF), range_attained=(False, False),
    monotonic=True, zero_centred=False, smoothness="C∞", saturates="negative",
    paper=_PAPERS["dugas"],
    torch_name="nn.Softplus(beta=1.0, threshold=20.0)",
    keras_name="keras.activations.softplus", keras_note_latex=r"\ln(1 + e^{x})",
))


# ----------------------------------------------------------------------- Softsign

@_elementwise
def softsign(x):
    r"""Softsign(x) = x / (1 + |x|)."""
    return x / (1.0 + np.abs(x))


@_elementwise
def d_softsign(x):
    r"""Softsign'(x) = 1 / (1 + |x|)²: squared after dividing, so it never overflows."""
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


_register(Activation(
    key="softsign", name="Softsign", name_zh="Softsign",
    fn=softsign, grad=d_softsign,
    init_family="glorot",
    formula_latex=r"\mathrm{Softsign}(x) = \frac{x}{1 + |x|}",
    derivative_latex=r"\mathrm{Softsign}'(x) = \frac{1}{(1 + |x|)^2}",
    range=(-1.0, 1.0), range_attained=(False, False), picture_range=(-1.0, 1.0),
    # C1 but not C2 at 0 (f'' jumps from +2 to -2); C1 is what the page shows.
    monotonic=True, zero_centred=True, smoothness="C1", saturates="both",
    paper=_PAPERS["glorot"],
    torch_name="nn.Softsign()", keras_name="keras.activations.softsign",
))


# ----------------------------------------------------------------------- HardTanh

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


def _hardtanh_kinks(min_val, max_val):
    return (float(min_val), float(max_val))


def _hardtanh_range(min_val, max_val):
    """[min_val, max_val], both ends reached."""
    return (min_val, max_val), (True, True)


_register(Activation(
    key="hardtanh", name="HardTanh", name_zh="HardTanh",
    fn=hardtanh, grad=d_hardtanh,
    param_specs={
        "min_val": ParamSpec(-1.0, low=-3.0, high=0.0, step=0.05, keras=KerasParam(None, fixed=-1.0)),
        "max_val": ParamSpec(1.0, low=0.0, high=3.0, step=0.05, keras=KerasParam(None, fixed=1.0)),
    },
    init_family="glorot",
    formula_latex=(r"\mathrm{HardTanh}(x) = \begin{cases} \text{min\_val} & x < \text{min\_val} \\ "
                   r"x & \text{min\_val} \le x \le \text{max\_val} \\ \text{max\_val} & x > \text{max\_val} \end{cases}"),
    derivative_latex=(r"\mathrm{HardTanh}'(x) = \begin{cases} 1 & \text{min\_val} < x < \text{max\_val} "
                      r"\\ 0 & \text{otherwise} \end{cases}"),
    kink_convention_latex=r"f'(\text{min\_val}) = f'(\text{max\_val}) := 0",
    kink_points=(-1.0, 1.0), kink_fn=_hardtanh_kinks,
    range=(-1.0, 1.0), range_attained=(True, True), range_fn=_hardtanh_range,
    picture_range=(-1.0, 1.0),
    monotonic=True, zero_centred=True, smoothness="C0", saturates="both",
    paper=_PAPERS["collobert"],
    torch_name="nn.Hardtanh(min_val=-1.0, max_val=1.0)",
    keras_name="keras.activations.hard_tanh",
))


# -------------------------------------------------------------------- HardSigmoid

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


_register(Activation(
    key="hardsigmoid", name="HardSigmoid", name_zh="HardSigmoid",
    fn=hardsigmoid, grad=d_hardsigmoid,
    init_family="glorot",
    formula_latex=(r"\mathrm{HardSigmoid}(x) = \frac{\mathrm{ReLU6}(x + 3)}{6} = "
                   r"\begin{cases} 0 & x \le -3 \\ 1 & x \ge 3 \\ x/6 + 1/2 & \text{otherwise} \end{cases}"),
    derivative_latex=r"\mathrm{HardSigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & |x| > 3 \end{cases}",
    kink_convention_latex=r"f'(\pm 3) := 0", kink_points=(-3.0, 3.0),
    range=(0.0, 1.0), range_attained=(True, True), picture_range=(0.0, 1.0),
    monotonic=True, zero_centred=False, smoothness="C0", saturates="both",
    paper=_PAPERS["howard"],
    torch_name="nn.Hardsigmoid()", keras_name="keras.activations.hard_sigmoid",
    # Keras 2 (tf.keras <= 2.15) used a different slope: clip(0.2x + 0.5, 0, 1).
    keras_note_latex=r"\text{Keras 2: } \max\bigl(0, \min(1,\ 0.2x + 0.5)\bigr)",
))


# ---------------------------------------------------------------------- HardSwish

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


_register(Activation(
    key="hardswish", name="HardSwish", name_zh="HardSwish",
    fn=hardswish, grad=d_hardswish,
    init_family="he",
    formula_latex=(r"\mathrm{HardSwish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6} = "
                   r"\begin{cases} 0 & x \le -3 \\ x & x \ge 3 \\ x(x + 3)/6 & \text{otherwise} \end{cases}"),
    derivative_latex=(r"\mathrm{HardSwish}'(x) = \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 "
                      r"\\ 1 & x \ge 3 \end{cases}"),
    kink_convention_latex=r"f'(-3) := 0,\; f'(3) := 1", kink_points=(-3.0, 3.0),
    range=(-0.375, _INF), range_attained=(True, False),
    monotonic=False, zero_centred=False, smoothness="C0", saturates="negative",
    paper=_PAPERS["howard"],
    torch_name="nn.Hardswish()", keras_name="keras.activations.hard_silu",
))


# -------------------------------------------------------------------------- ReLU6

@_elementwise
def relu6(x):
    r"""ReLU6(x) = min(max(0, x), 6) (PyTorch: hardtanh(x, 0, 6))."""
    return np.clip(x, 0.0, 6.0)


@_elementwise
def d_relu6(x):
    r"""ReLU6'(x) = 1 for 0 < x < 6, else 0; at 0 and at 6 it is 0 (hardtanh_backward)."""
    return ((x > 0.0) & (x < 6.0)).astype(np.float64)


_register(Activation(
    key="relu6", name="ReLU6", name_zh="ReLU6",
    fn=relu6, grad=d_relu6,
    init_family="he",
    formula_latex=r"\mathrm{ReLU6}(x) = \min\bigl(\max(0, x),\ 6\bigr)",
    derivative_latex=r"\mathrm{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x < 0 \text{ or } x > 6 \end{cases}",
    kink_convention_latex=r"f'(0) = f'(6) := 0", kink_points=(0.0, 6.0),
    range=(0.0, 6.0), range_attained=(True, True),
    monotonic=True, zero_centred=False, smoothness="C0", saturates="both",
    paper=_PAPERS["krizhevsky"],
    torch_name="nn.ReLU6()", keras_name="keras.activations.relu6",
))


# --------------------------------------------------------------------- LogSigmoid

@_elementwise
def logsigmoid(x):
    r"""LogSigmoid(x) = ln σ(x) = −softplus(−x) (scipy.special.log_expit)."""
    return log_expit(x)


@_elementwise
def d_logsigmoid(x):
    r"""LogSigmoid'(x) = 1 − σ(x) = σ(−x)."""
    return expit(-x)


_register(Activation(
    key="logsigmoid", name="LogSigmoid", name_zh="LogSigmoid",
    fn=logsigmoid, grad=d_logsigmoid,
    init_family="glorot",
    formula_latex=r"\mathrm{LogSigmoid}(x) = \ln \sigma(x) = -\ln\bigl(1 + e^{-x}\bigr)",
    derivative_latex=r"\mathrm{LogSigmoid}'(x) = 1 - \sigma(x) = \sigma(-x)",
    range=(-_INF, 0.0), range_attained=(False, False),
    monotonic=True, zero_centred=False, smoothness="C∞", saturates="positive",
    paper=_PAPERS["torch7"],
    torch_name="nn.LogSigmoid()", keras_name="keras.activations.log_sigmoid",
))


# --------------------------------------------------------------------- TanhShrink

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


_register(Activation(
    key="tanhshrink", name="TanhShrink", name_zh="TanhShrink",
    fn=tanhshrink, grad=d_tanhshrink,
    init_family="glorot",
    formula_latex=r"\mathrm{TanhShrink}(x) = x - \tanh(x)",
    derivative_latex=r"\mathrm{TanhShrink}'(x) = \tanh^2(x)",
    range=(-_INF, _INF), range_attained=(False, False),
    monotonic=True, zero_centred=True, smoothness="C∞", saturates="none",
    paper=_PAPERS["torch7"],
    torch_name="nn.Tanhshrink()", keras_name="keras.activations.tanh_shrink",
))


# ------------------------------------------------------ SoftShrink and HardShrink

def _check_lambd(lambd):
    if lambd < 0:
        raise ValueError(f"shrink needs lambd >= 0, got {lambd}")


def _shrink_kinks(lambd):
    return (-float(lambd), float(lambd))


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


_register(Activation(
    key="softshrink", name="SoftShrink", name_zh="SoftShrink",
    fn=softshrink, grad=d_softshrink,
    param_specs={
        "lambd": ParamSpec(0.5, low=0.0, high=2.0, step=0.05, keras=KerasParam("threshold", "0.5")),
    },
    init_family="glorot",
    formula_latex=(r"\mathrm{SoftShrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ "
                   r"x + \lambda & x < -\lambda \\ 0 & \text{otherwise} \end{cases}"),
    derivative_latex=r"\mathrm{SoftShrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    kink_convention_latex=r"f'(\pm\lambda) := 0", kink_points=(-0.5, 0.5), kink_fn=_shrink_kinks,
    range=(-_INF, _INF), range_attained=(False, False),
    monotonic=True, zero_centred=True, smoothness="C0", saturates="none",
    paper=_PAPERS["donoho"],
    torch_name="nn.Softshrink(lambd=0.5)",
    keras_name="keras.activations.soft_shrink(x, threshold=0.5)",
))


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


_register(Activation(
    key="hardshrink", name="HardShrink", name_zh="HardShrink",
    fn=hardshrink, grad=d_hardshrink,
    param_specs={
        "lambd": ParamSpec(0.5, low=0.0, high=2.0, step=0.05, keras=KerasParam("threshold", "0.5")),
    },
    init_family="glorot",
    formula_latex=r"\mathrm{HardShrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & \text{otherwise} \end{cases}",
    derivative_latex=r"\mathrm{HardShrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    kink_convention_latex=r"f'(\pm\lambda) := 0", kink_points=(-0.5, 0.5), kink_fn=_shrink_kinks,
    range=(-_INF, _INF), range_attained=(False, False),
    # Jumps at ±λ (from 0 to ±λ): discontinuous when λ > 0.
    monotonic=True, zero_centred=True, smoothness="C-1", saturates="none",
    paper=_PAPERS["donoho"],
    torch_name="nn.Hardshrink(lambd=0.5)",
    keras_name="keras.activations.hard_shrink(x, threshold=0.5)",
))


# ==================================================================== derived from it


ACTIVATIONS: dict[str, Activation] = {a.key: a for a in _ENTRIES}

#: Activations whose entry asks for He initialisation (init_family "he").
HE_ACTIVATIONS = frozenset(k for k, a in ACTIVATIONS.items() if a.init_family == "he")

#: Activations with fast ops (:class:`FastOps`): f in place, f' from the stored output.
FROM_OUTPUT = tuple(k for k, a in ACTIVATIONS.items() if a.fast is not None)


def auto_init(activation: str) -> str:
    """The initialisation ``init="auto"`` picks for ``activation``: "he" or "glorot"."""
    return "he" if activation in HE_ACTIVATIONS else "glorot"


def display_name(key: str, lang: str) -> str:
    """What every page calls the activation, in ``lang`` ("en" or "zh"; else English)."""
    act = get(key)
    return act.name_zh if lang == "zh" else act.name


def get(key: str) -> Activation:
    """The activation for ``key``; a KeyError names the known keys."""
    try:
        return ACTIVATIONS[key]
    except KeyError:
        raise KeyError(f"unknown activation {key!r}; known: {', '.join(ACTIVATIONS)}") from None
