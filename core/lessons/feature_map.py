r"""The activation on a CNN feature map: convolution → pooling → activation, in numbers.

The article is a CNN primer and opens with this step: what comes out of the pooling
(down-sampling) layer does not go straight into the next convolution, it first goes
through an activation function.  This module computes every stage of that pipeline on a
grey picture, the arithmetic of one output cell, and the reason the activation is there:
without it, two convolutions are one convolution.

**Convolution** is computed the way every deep-learning library computes it: as a
*cross-correlation* (the kernel is not flipped), stride 1, no padding ("valid")::

    z[i, j] = b + Σ_a Σ_c k[a, c] · x[i + a, j + c],     0 ≤ i ≤ H − kh,  0 ≤ j ≤ W − kw

so a 128×128 picture and a 3×3 kernel give a 126×126 feature map.  (A mathematician's
convolution flips the kernel first, ``k[kh − 1 − a, kw − 1 − c]``; deep learning keeps the
name and drops the flip, which only mirrors kernels that are learned anyway.)

**What the kernel's sum says.**  On a flat patch, every pixel ``v``, the sum factors:
``Σ k[a, c] · v = v · Σ k``.  So a kernel that sums to 0 (an edge detector) gives 0 on
every flat patch, whatever its brightness, and answers only to change, with a sign: it
has both positive and negative entries.  A kernel of non-negative entries that sums to 1
(a blur) is a weighted average, so each output lies between the darkest and the
brightest pixel of its window: the map stays in the picture's range (before the bias).
Sum 1 with a negative entry (sharpen) keeps flat patches but overshoots at edges.

**Pooling**, 2×2 with stride 2; an odd last row or column is dropped (PyTorch's default,
``ceil_mode=False``)::

    p[r, s] = max (or mean) of z[2r : 2r + 2, 2s : 2s + 2]

**Activation**, elementwise: ``y[r, s] = act(p[r, s])`` with any function of
``core.nn.activations.ACTIVATIONS`` at its default (PyTorch's) parameters.

**The order.**  The article pools, then activates; most CNNs (AlexNet, VGG) activate
right after the convolution and pool after that.  For max pooling and a non-decreasing
``f`` the two orders agree exactly::

    z_j ≤ max_i z_i  ⇒  f(z_j) ≤ f(max_i z_i)   for every j,   so   max_i f(z_i) = f(max_i z_i)

(the largest input is still the largest after ``f``, and it is the same number).  For
average pooling, ``¼ Σ f(z_i) = f(¼ Σ z_i)`` holds only when ``f`` is affine over the
block's four values; a convex ``f`` such as ReLU gives ``¼ Σ f(z_i) ≥ f(¼ Σ z_i)``
(Jensen).  A non-monotonic ``f`` (GELU, SiLU, Mish) can break even the max.

**The collapse.**  Two convolutions in a row, ``y = k₁ ⋆ x + b₁`` then ``z = k₂ ⋆ y + b₂``::

    z[i, j] = b₂ + Σ_{c,d} k₂[c, d] · (b₁ + Σ_{a,e} k₁[a, e] · x[i + c + a, j + d + e])
            = (b₂ + b₁ · Σ k₂) + Σ_{u,v} K[u, v] · x[i + u, j + v],
    K[u, v] = Σ_{a + c = u, e + d = v} k₁[a, e] · k₂[c, d]

``K`` is the full (flipped, true) convolution ``k₁ * k₂``: 5×5 for two 3×3 kernels.  So
two convolutions without an activation between them are one convolution with a larger
kernel — the article's "any chain of linear functions is one linear function", on the CNN
the article is about.  Put ``act`` between them, ``z = k₂ ⋆ act(k₁ ⋆ x + b₁) + b₂``, and
the sum no longer factors: ``act(y)`` is not a fixed weighted sum of the pixels (unless
``act`` happens to be affine, ``a·v + c``, on every value it is given — ReLU on
non-negative inputs, leaky ReLU on negative ones, hardtanh where it is flat).

**Is it still one convolution?**  Comparing with ``K`` is not enough: leaky ReLU on
negative values multiplies them by 0.01, far from ``K ⋆ x + B``, yet it is the
convolution ``0.01·K`` plus a bias.  The honest test asks for the *best* single kernel
``Q`` (the size of ``K``) and bias ``c`` on the page's own picture, by least squares::

    min over Q, c of  Σ_{i,j} (Q ⋆ x + c − target)[i, j]²

one unknown per kernel entry plus one for the bias, one equation per output cell.  If
even the best fit misses by more than rounding, no single kernel does what the two
convolutions do, on this picture and so in general.  With pooling between the two
convolutions the output cell (i, j) reads an (2·kh₂ + kh₁ − 1)-wide window of the
picture at stride 2, so the fit is one such kernel applied with stride 2: average
pooling (a 2×2 convolution of weights ¼, stride 2) fits it exactly, max pooling does not.
No Streamlit here.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.nn.activations import ACTIVATIONS

SIZE = 128  # side of the picture the page works on
KERNEL_LIMIT = 10.0  # |entry| of a kernel the learner types
POOLS = ("max", "avg")
MAX_UPLOAD_BYTES = 10_000_000  # a phone's photo (12 MP, 3-8 MB) fits; the server's guard is larger
MAX_UPLOAD_PIXELS = 4096 * 4096  # checked before decoding: a small file can declare a huge picture

# Classic 3×3 kernels, as cross-correlation kernels (row index = y, going down).
KERNELS: dict[str, tuple[tuple[float, ...], ...]] = {
    "sobel_x": ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)),  # dark → bright, left to right: positive
    "sobel_y": ((-1, -2, -1), (0, 0, 0), (1, 2, 1)),  # dark → bright, top to bottom: positive
    "outline": ((-1, -1, -1), (-1, 8, -1), (-1, -1, -1)),  # Laplacian: sums to 0, flat areas → 0
    "sharpen": ((0, -1, 0), (-1, 5, -1), (0, -1, 0)),  # identity + outline: sums to 1
    "blur": ((1 / 16, 2 / 16, 1 / 16), (2 / 16, 4 / 16, 2 / 16), (1 / 16, 2 / 16, 1 / 16)),  # Gaussian
    "identity": ((0, 0, 0), (0, 1, 0), (0, 0, 0)),
}
CUSTOM = "custom"
KERNEL_CHOICES = (*KERNELS, CUSTOM)


#: Relative size below which a difference is floating-point rounding, not mathematics
#: (rounding of float64 sums here is ~1e-16 of the values; a real difference is ≥ 1e-6).
ROUNDING = 1e-9


def negligible(difference: float, scale: float) -> bool:
    """Whether ``difference`` is rounding next to values of size ``scale`` (``ROUNDING``)."""
    return difference <= ROUNDING * max(float(scale), np.finfo(np.float64).tiny)


class UploadError(ValueError):
    """A picture that cannot be used; ``code`` (language-neutral) names why.

    Codes: ``empty``, ``too_big`` (bytes), ``too_many_pixels``, ``format`` (not a PNG or
    JPEG picture), ``unreadable`` (a PNG or JPEG that does not decode, e.g. truncated).
    """

    CODES = ("empty", "too_big", "too_many_pixels", "format", "unreadable")

    def __init__(self, code: str):
        assert code in self.CODES, code
        self.code = code
        super().__init__(code)


# ------------------------------------------------------------------ pictures


def kernel(name: str) -> np.ndarray:
    """A preset kernel as a fresh float64 (3, 3) array."""
    return np.array(KERNELS[name], dtype=np.float64)


def parse_kernel(text: str) -> tuple[float, ...]:
    """Nine comma-separated finite numbers in ±KERNEL_LIMIT, row by row; else ValueError."""
    values = tuple(float(part) for part in text.split(","))
    if len(values) != 9 or not all(math.isfinite(v) and abs(v) <= KERNEL_LIMIT for v in values):
        raise ValueError(text)
    return values


def make_shapes_image(seed: int, size: int = SIZE, supersample: int = 4) -> np.ndarray:
    """A grey picture of circles and triangles, float64 (size, size) in [0, 1].

    One to three of each, their size, position, rotation and brightness drawn from
    ``seed``; background 0.  Shapes are placed without overlapping (up to 200 tries each,
    then the shape is left out), and drawn on a ``supersample``× finer grid that is then
    averaged, so edges are smooth and an edge detector sees edges, not stair steps.
    Same seed, same bytes.
    """
    rng = np.random.default_rng(seed)
    kinds = ["circle"] * int(rng.integers(1, 4)) + ["triangle"] * int(rng.integers(1, 4))
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    fine = size * supersample
    coords = (np.arange(fine) + 0.5) / fine  # subpixel centres in [0, 1]
    y, x = np.meshgrid(coords, coords, indexing="ij")
    canvas = np.zeros((fine, fine))
    placed: list[tuple[float, float, float]] = []
    for kind in kinds:
        for _ in range(200):
            r = float(rng.uniform(0.09, 0.18))
            cx, cy = (float(v) for v in rng.uniform(r + 0.02, 1 - r - 0.02, size=2))
            if all(math.hypot(cx - px, cy - py) > r + pr + 0.04 for px, py, pr in placed):
                break
        else:
            continue
        placed.append((cx, cy, r))
        level = float(rng.uniform(0.55, 1.0))
        # Only the shape's bounding box can be inside it: test those subpixels alone.
        box = np.s_[max(int((cy - r) * fine) - 1, 0):int((cy + r) * fine) + 2,
                    max(int((cx - r) * fine) - 1, 0):int((cx + r) * fine) + 2]
        if kind == "circle":
            inside = (x[box] - cx) ** 2 + (y[box] - cy) ** 2 <= r**2
        else:
            inside = _inside_triangle(x[box], y[box], cx, cy, r, float(rng.uniform(0, 2 * math.pi)))
        canvas[box][inside] = level
    return canvas.reshape(size, supersample, size, supersample).mean(axis=(1, 3))


def _inside_triangle(x, y, cx, cy, r, turn) -> np.ndarray:
    """Points inside the equilateral triangle with circumradius ``r`` turned by ``turn``.

    A point is inside a convex polygon whose vertices run counter-clockwise when it is
    on the left of every edge: the cross product (v₂ − v₁) × (p − v₁) is ≥ 0 for each.
    """
    angles = turn + np.array([0.0, 2.0, 4.0]) * math.pi / 3
    vx, vy = cx + r * np.cos(angles), cy + r * np.sin(angles)
    inside = np.ones_like(x, dtype=bool)
    for k in range(3):
        ax, ay, bx, by = vx[k], vy[k], vx[(k + 1) % 3], vy[(k + 1) % 3]
        inside &= (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0
    return inside


def image_from_upload(data: bytes, size: int = SIZE) -> np.ndarray:
    """The learner's PNG or JPEG as grey float64 (size, size) in [0, 1]; else UploadError.

    Turned upright by its EXIF orientation, transparent parts laid on white, converted to
    grey (ITU-R 601 luma, Pillow's ``L``), cropped to the central square and resized with
    area averaging (``BOX``) when shrinking.  16-bit greys keep their full range.
    """
    if not data:
        raise UploadError("empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in ("PNG", "JPEG"):
                    raise UploadError("format")
                if img.width * img.height > MAX_UPLOAD_PIXELS:
                    raise UploadError("too_many_pixels")
                grey = _grey(ImageOps.exif_transpose(img))
    except UploadError:
        raise
    except UnidentifiedImageError as error:
        raise UploadError("format") from error
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise UploadError("too_many_pixels") from error
    except (OSError, ValueError, SyntaxError, EOFError) as error:  # truncated or corrupt data
        raise UploadError("unreadable") from error
    h, w = grey.shape
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = Image.fromarray(grey[top:top + side, left:left + side].astype(np.float32), mode="F")
    resample = Image.Resampling.BOX if side >= size else Image.Resampling.BILINEAR
    out = np.asarray(square.resize((size, size), resample), dtype=np.float64)
    return np.clip(out, 0.0, 1.0)


def _grey(img) -> np.ndarray:
    """A decoded Pillow picture as grey float64 in [0, 1] (alpha composited on white)."""
    if img.mode.startswith("I"):  # 16/32-bit grey: Pillow's "L" would clip it at 255
        values = np.asarray(img, dtype=np.float64)
        top = 65535.0 if values.max(initial=0) <= 65535 else float(values.max())
        return np.clip(values / top, 0.0, 1.0)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        img = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    return np.asarray(img.convert("L"), dtype=np.float64) / 255.0


@dataclass(frozen=True)
class KernelFacts:
    """What a kernel's numbers promise before it touches a picture (module doc, "What the
    kernel's sum says").

    ``total`` is Σ k; ``kind`` is ``"zero_sum"`` (Σ k = 0: flat → 0, signed output),
    ``"average"`` (Σ k = 1 and every entry ≥ 0: output within the window's range),
    ``"unit_sum"`` (Σ k = 1 with a negative entry: flat patches kept, edges overshoot),
    ``"scale"`` (a flat patch of brightness v comes out as Σ k · v) or ``"zero"`` (every
    entry 0: the map is the bias alone).  "= 0" and "= 1" are
    up to rounding (``ROUNDING`` of Σ |k|), so nine typed tenths still sum to 0.9, not 1.
    """

    total: float
    kind: str

    KINDS = ("zero_sum", "average", "unit_sum", "scale", "zero")


def kernel_facts(kern: np.ndarray) -> KernelFacts:
    k = np.asarray(kern, dtype=np.float64)
    total, size = float(k.sum()), float(np.abs(k).sum())
    if size == 0:
        return KernelFacts(0.0, "zero")
    if negligible(abs(total), size):
        return KernelFacts(0.0, "zero_sum")
    if negligible(abs(total - 1.0), size):
        return KernelFacts(1.0, "average" if np.all(k >= 0) else "unit_sum")
    return KernelFacts(total, "scale")


# ------------------------------------------------------------------ the three stages


def correlate(image: np.ndarray, kern: np.ndarray, bias: float = 0.0) -> np.ndarray:
    """``z = kern ⋆ image + bias``: cross-correlation, stride 1, no padding (see module doc).

    Written as one shifted, scaled copy of the picture per kernel entry — kh·kw array
    operations instead of a Python loop over pixels, and the same result as summing each
    window.
    """
    x = np.asarray(image, dtype=np.float64)
    k = np.asarray(kern, dtype=np.float64)
    (kh, kw), (h, w) = k.shape, x.shape
    if kh > h or kw > w:
        raise ValueError(f"kernel {k.shape} larger than the picture {x.shape}")
    oh, ow = h - kh + 1, w - kw + 1
    out = np.full((oh, ow), float(bias))
    for a in range(kh):
        for c in range(kw):
            out += k[a, c] * x[a:a + oh, c:c + ow]
    return out


def pool2x2(z: np.ndarray, mode: str) -> np.ndarray:
    """2×2 pooling, stride 2: the max or the mean of each block (odd edge dropped)."""
    if mode not in POOLS:
        raise ValueError(mode)
    h, w = z.shape[0] // 2, z.shape[1] // 2
    blocks = np.asarray(z, dtype=np.float64)[: 2 * h, : 2 * w].reshape(h, 2, w, 2)
    return blocks.max(axis=(1, 3)) if mode == "max" else blocks.mean(axis=(1, 3))


def activate(values: np.ndarray, key: str) -> np.ndarray:
    """``act(values)`` elementwise, at the function's default (PyTorch's) parameters."""
    act = ACTIVATIONS[key]
    return np.asarray(act.fn(np.asarray(values, dtype=np.float64), **act.params), dtype=np.float64)


@dataclass(frozen=True)
class Stages:
    """Every stage of the pipeline: picture → convolution → pooling → activation."""

    image: np.ndarray
    conv: np.ndarray
    pooled: np.ndarray
    activated: np.ndarray


def run_pipeline(image: np.ndarray, kern: np.ndarray, bias: float, pool: str, act: str) -> Stages:
    """Convolution (with ``bias``), 2×2 pooling, then the activation, in the article's order."""
    conv = correlate(image, kern, bias)
    pooled = pool2x2(conv, pool)
    return Stages(np.asarray(image, dtype=np.float64), conv, pooled, activate(pooled, act))


# ------------------------------------------------------------------ the order: pool, then act?

@dataclass(frozen=True)
class OrderCheck:
    """The article's order ``act(pool(z))`` against the usual CNN order ``pool(act(z))``.

    ``gaps[pool]`` is ``max |act(pool(z)) − pool(act(z))|`` over the output cells and
    ``same[pool]`` says whether that is rounding only; ``monotonic`` is the catalog's
    "non-decreasing on the whole real line" (the condition for max to commute);
    ``cells`` counts the output cells and ``work_ratio`` how many more cells the
    activation touches when it comes first (conv cells / pooled cells).
    """

    gaps: dict[str, float]
    same: dict[str, bool]
    monotonic: bool
    cells: int
    work_ratio: float


def order_check(conv: np.ndarray, act: str) -> OrderCheck:
    """Both orders on the convolution map ``conv``, for both poolings (module doc, "The order")."""
    activated = activate(conv, act)
    gaps, same = {}, {}
    for pool in POOLS:
        article, usual = activate(pool2x2(conv, pool), act), pool2x2(activated, pool)
        gaps[pool] = float(np.max(np.abs(article - usual)))
        same[pool] = negligible(gaps[pool], max(float(np.max(np.abs(article))), float(np.max(np.abs(usual)))))
    pooled_cells = (conv.shape[0] // 2) * (conv.shape[1] // 2)
    return OrderCheck(gaps, same, ACTIVATIONS[act].monotonic, pooled_cells, conv.size / pooled_cells)


# ------------------------------------------------------------------ one cell, in numbers


@dataclass(frozen=True)
class CellWork:
    """The computation of output cell (row, col), every number from the stages' inputs.

    ``source`` is the convolution cell whose window is shown: the one max-pooling picked
    (the first in reading order on a tie), or the top-left of the block for average
    pooling, where all four count equally.
    """

    row: int
    col: int
    source: tuple[int, int]
    window: np.ndarray  # 3×3 picture values under the kernel at ``source``
    products: np.ndarray  # window · kernel, elementwise
    conv_value: float  # Σ products + bias
    block: np.ndarray  # the 2×2 convolution values pooled into the cell
    pooled: float
    activated: float


def cell_work(image: np.ndarray, kern: np.ndarray, bias: float, pool: str, act: str, row: int, col: int) -> CellWork:
    """Recompute output cell (row, col) by hand: window × kernel, sum, pool, act."""
    k = np.asarray(kern, dtype=np.float64)
    kh, kw = k.shape
    x = np.asarray(image, dtype=np.float64)
    top, left = 2 * row, 2 * col
    block = np.array(
        [[float(np.sum(x[i:i + kh, j:j + kw] * k) + bias) for j in (left, left + 1)] for i in (top, top + 1)]
    )
    if pool == "max":
        flat = int(np.argmax(block))  # first maximum in reading order
        pooled = float(block.max())
    else:
        flat, pooled = 0, float(block.mean())
    i, j = top + flat // 2, left + flat % 2
    window = x[i:i + kh, j:j + kw].copy()
    products = window * k
    return CellWork(row, col, (i, j), window, products, float(products.sum() + bias), block, pooled,
                    float(activate(np.array(pooled), act)))


# ------------------------------------------------------------------ the collapse


def compose_kernels(k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
    """``K`` with ``k₂ ⋆ (k₁ ⋆ x) = K ⋆ x``: the full convolution ``k₁ * k₂`` (module doc).

    Each product k₁[a, e]·k₂[c, d] lands on the pixel offset (a + c, e + d) it reads.
    """
    k1, k2 = np.asarray(k1, dtype=np.float64), np.asarray(k2, dtype=np.float64)
    out = np.zeros((k1.shape[0] + k2.shape[0] - 1, k1.shape[1] + k2.shape[1] - 1))
    for c in range(k2.shape[0]):
        for d in range(k2.shape[1]):
            out[c:c + k1.shape[0], d:d + k1.shape[1]] += k2[c, d] * k1
    return out


def composed_bias(b1: float, k2: np.ndarray, b2: float = 0.0) -> float:
    """``B = b₂ + b₁ · Σ k₂``: the first bias, carried through the second kernel."""
    return float(b2 + b1 * np.sum(k2))


@dataclass(frozen=True)
class CollapseCheck:
    """Two convolutions against one, without and with an activation between them."""

    composed: np.ndarray  # K, (kh1 + kh2 − 1) × (kw1 + kw2 − 1)
    bias: float  # B
    two_step: np.ndarray  # k₂ ⋆ (k₁ ⋆ x + b₁)
    one_step: np.ndarray  # K ⋆ x + B
    with_act: np.ndarray  # k₂ ⋆ act(k₁ ⋆ x + b₁)
    linear_gap: float  # max |two_step − one_step|: rounding only
    act_gap: float  # max |with_act − one_step|
    changed: float  # share of the first map's values that act changed
    fit: KernelFit  # the best single kernel of K's size (+ bias) for with_act


def collapse_check(image: np.ndarray, k1: np.ndarray, b1: float, k2: np.ndarray, act: str) -> CollapseCheck:
    """Compute both routes, how far apart they end, and the best single kernel for the
    route with the activation (module doc, "The collapse" and "Is it still one convolution?")."""
    first = correlate(image, k1, b1)
    activated = activate(first, act)
    big, bias = compose_kernels(k1, k2), composed_bias(b1, k2)
    two_step, one_step = correlate(first, k2), correlate(image, big, bias)
    with_act = correlate(activated, k2)
    return CollapseCheck(big, bias, two_step, one_step, with_act, float(np.max(np.abs(two_step - one_step))),
                         float(np.max(np.abs(with_act - one_step))), changed_share(first, activated),
                         fit_one_kernel(image, with_act, big.shape))


def pooled_window(k1_shape: tuple[int, int], k2_shape: tuple[int, int]) -> tuple[int, int]:
    """The window of the picture behind one cell of ``k₂ ⋆ pool(k₁ ⋆ x)``: ``2·kh₂ + kh₁ − 1``.

    Cell i reads pooled rows i … i + kh₂ − 1, which read convolution rows 2i … 2i + 2kh₂ − 1,
    which read picture rows 2i … 2i + 2kh₂ + kh₁ − 2: the window starts at 2i (stride 2).
    """
    return tuple(2 * n2 + n1 - 1 for n1, n2 in zip(k1_shape, k2_shape))


def pooled_collapse(image: np.ndarray, k1: np.ndarray, b1: float, k2: np.ndarray) -> dict[str, KernelFit]:
    """For each pooling, the best single stride-2 kernel for ``k₂ ⋆ pool(k₁ ⋆ x + b₁)``
    (module doc, "Is it still one convolution?"): average pooling folds in, max does not."""
    first = correlate(image, k1, b1)
    window = pooled_window(np.shape(k1), np.shape(k2))
    return {pool: fit_one_kernel(image, correlate(pool2x2(first, pool), k2), window, stride=2) for pool in POOLS}


@dataclass(frozen=True)
class KernelFit:
    """The least-squares single kernel + bias for a target map, and how far it misses.

    ``max_error`` and ``rms_error`` are the largest and the root-mean-square
    ``|Q ⋆ x + c − target|`` over the cells; ``scale`` is the largest ``|target|``, the
    size the errors are judged against; ``exact``: the miss is rounding (``ROUNDING``).
    """

    kernel: np.ndarray
    bias: float
    max_error: float
    rms_error: float
    scale: float

    @property
    def exact(self) -> bool:
        return negligible(self.max_error, self.scale)


def design_matrix(image: np.ndarray, shape: tuple[int, int], out: tuple[int, int], stride: int = 1) -> np.ndarray:
    """One row per output cell, one column per kernel entry (what it multiplies: the pixel
    at that offset of the cell's window) and a last column of ones (the bias), so that
    ``A @ [Q.ravel(), c] == correlate(image, Q, c)`` read with ``stride``."""
    x = np.asarray(image, dtype=np.float64)
    (kh, kw), (oh, ow) = shape, out
    if stride * (oh - 1) + kh > x.shape[0] or stride * (ow - 1) + kw > x.shape[1]:
        raise ValueError(f"{out} cells of a {shape} kernel at stride {stride} do not fit in {x.shape}")
    columns = [x[a:a + stride * (oh - 1) + 1:stride, c:c + stride * (ow - 1) + 1:stride].ravel()
               for a in range(kh) for c in range(kw)]
    return np.column_stack([*columns, np.ones(oh * ow)])


def fit_one_kernel(image: np.ndarray, target: np.ndarray, shape: tuple[int, int], stride: int = 1) -> KernelFit:
    """The kernel ``Q`` of ``shape`` and bias ``c`` closest to ``target`` in least squares
    (module doc, "Is it still one convolution?").  ``numpy.linalg.lstsq`` solves it by
    SVD, so a picture whose pixels are dependent (a flat background) still gets the
    smallest solution, and the residual is what it is either way."""
    t = np.asarray(target, dtype=np.float64)
    a = design_matrix(image, shape, t.shape, stride)
    solution, *_ = np.linalg.lstsq(a, t.ravel(), rcond=None)
    miss = np.abs(a @ solution - t.ravel())
    return KernelFit(solution[:-1].reshape(shape), float(solution[-1]), float(miss.max()),
                     float(np.sqrt(np.mean(miss**2))), float(np.max(np.abs(t))))


# ------------------------------------------------------------------ what the numbers say


@dataclass(frozen=True)
class StageStats:
    """Range and sign shares of one stage (shares in [0, 1])."""

    low: float
    high: float
    negative: float
    zero: float
    positive: float


def stage_stats(values: np.ndarray) -> StageStats:
    v = np.asarray(values, dtype=np.float64)
    return StageStats(float(v.min()), float(v.max()), float(np.mean(v < 0)), float(np.mean(v == 0)),
                      float(np.mean(v > 0)))


def changed_share(before: np.ndarray, after: np.ndarray) -> float:
    """The share of cells an elementwise function changed (beyond 1e-12 relative rounding)."""
    return float(np.mean(~np.isclose(after, before, rtol=1e-12, atol=1e-12)))


def colour_limit(values: np.ndarray) -> float:
    """The half-width ``s`` of a colour scale centred on 0 that holds every value: max |v|.

    1 for an all-zero map, so a blank stage draws white instead of dividing by zero.
    """
    top = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return top if top > 0 else 1.0


def histogram(values: np.ndarray, limit: float, bins: int = 41) -> tuple[np.ndarray, np.ndarray]:
    """``(edges, counts)`` over [−limit, limit]; an odd ``bins`` puts 0 in a bin's middle,
    so the spike of a ReLU's zeros sits in one bar, not split over two."""
    edges = np.linspace(-limit, limit, bins + 1)
    counts, _ = np.histogram(np.asarray(values, dtype=np.float64), bins=edges)
    return edges, counts


def kernel_values(choice: str, custom: Sequence[float]) -> np.ndarray:
    """The kernel in use: a preset, or the learner's nine numbers (row by row)."""
    return kernel(choice) if choice in KERNELS else np.asarray(custom, dtype=np.float64).reshape(3, 3)
