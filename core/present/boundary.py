"""The decision-boundary picture: a network's probability over the plane, as an RGB image.

Geometry
--------
The data live in [-1, 1]²; the picture shows the square [-LIM, LIM]² (LIM = 1.1, a
margin like TensorFlow Playground's) so markers on the edge of the data are whole.
:func:`grid_points` gives the centres of an r × r grid of cells over that square in
image order: row 0 is the *top* (largest x2), columns go left to right in x1, so
``probs.reshape(r, r)`` is already the picture.

Colours (colour-blind safe, and readable in grey scale)
-------------------------------------------------------
The background is a diverging map of p = P(class 1): orange (Okabe–Ito #E69F00,
class 0, triangles) at p = 0, white at p = ½, blue (#0072B2, class 1, circles) at
p = 1, as light tints so the markers stand out. It is a precomputed 256-entry lookup
table, :data:`LUT`; ``discretize=True`` shows only its two ends, split at p = ½.

Markers carry the class twice, by colour and by shape: class 1 a circle, class 0 a
triangle. Training points are filled with the class colour and outlined in dark grey;
test points are hollow: white inside a thick ring of the class colour. Each marker is
a pre-rasterised, anti-aliased stamp, blended into the picture with numpy for all points
of a kind at once.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib

import numpy as np

from core.nn.plane import LIM

__all__ = [
    "LIM",
    "LUT",
    "CLASS0_RGB",
    "CLASS1_RGB",
    "marker_stamp",
    "png_bytes",
    "prob_to_rgb",
    "render_boundary",
    "render_neuron_map",
    "to_pixels",
]

CLASS0_RGB = np.array([230, 159, 0], dtype=np.float64)  # orange, triangles
CLASS1_RGB = np.array([0, 114, 178], dtype=np.float64)  # blue, circles
OUTLINE_RGB = np.array([31, 41, 51], dtype=np.float64)  # dark grey (the app's text colour)
WHITE_RGB = np.array([255, 255, 255], dtype=np.float64)
TRIANGLE_INRADIUS = 0.75  # × radius: equilateral triangle with the circle's area
TINT = 0.62  # how far the background goes from white towards the class colour


def _make_lut() -> np.ndarray:
    """256 colours: orange tint (p = 0) → white (p = ½) → blue tint (p = 1)."""
    t = np.linspace(-1.0, 1.0, 256)[:, None]  # 2p − 1
    towards = np.where(t < 0, CLASS0_RGB, CLASS1_RGB)
    rgb = WHITE_RGB + TINT * np.abs(t) * (towards - WHITE_RGB)
    lut = np.rint(rgb).astype(np.uint8)
    lut.flags.writeable = False
    return lut


#: The background colour for p = i / 255.
LUT = _make_lut()


def prob_to_rgb(p) -> np.ndarray:
    """Background colour(s) for probabilities ``p``: uint8 (..., 3)."""
    return LUT[_lut_index(np.asarray(p, dtype=np.float64))]


def _lut_index(p: np.ndarray) -> np.ndarray:
    # NaN (a diverged network) maps to white, the colour of "don't know".
    q = np.nan_to_num(p, nan=0.5)
    return np.rint(np.clip(q, 0.0, 1.0) * 255.0).astype(np.intp)


# --------------------------------------------------------------------- pixels


def to_pixels(X, size: int, lim: float = LIM) -> tuple[np.ndarray, np.ndarray]:
    """Pixel coordinates (column, row) of data points in a size × size picture."""
    X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
    scale = size / (2.0 * lim)
    return (X[:, 0] + lim) * scale - 0.5, (lim - X[:, 1]) * scale - 0.5



# --------------------------------------------------------------------- resampling


@functools.lru_cache(maxsize=32)
def _bilinear_map(r: int, size: int):
    """Source cells and weights for resampling r cells onto size pixels (cell centres)."""
    s = (np.arange(size) + 0.5) * (r / size) - 0.5
    s = np.clip(s, 0.0, r - 1)
    i0 = np.floor(s).astype(np.intp)
    i1 = np.minimum(i0 + 1, r - 1)
    w = (s - i0).astype(np.float32)
    return i0, i1, w


def _resize(grid: np.ndarray, size: int, smooth: bool) -> np.ndarray:
    """Resample a (r, r) grid to (size, size): bilinear, or nearest if not smooth.

    float32 and ``np.take`` along one axis at a time: ~5x faster than float64 fancy
    indexing for a 100 → 400 upscale, and plenty precise for 256 colours.
    """
    grid = np.asarray(grid, dtype=np.float32)
    r = grid.shape[0]
    if r == size:
        return grid
    if not smooth:
        idx = np.minimum((np.arange(size) * r) // size, r - 1)
        return np.take(np.take(grid, idx, axis=0), idx, axis=1)
    i0, i1, w = _bilinear_map(r, size)
    a = np.take(grid, i0, axis=0)
    b = np.take(grid, i1, axis=0)
    b -= a
    b *= w[:, None]
    a += b  # (size, r): rows interpolated
    lo = np.take(a, i0, axis=1)
    hi = np.take(a, i1, axis=1)
    hi -= lo
    hi *= w
    lo += hi
    return lo


def _colour(unit: np.ndarray, size: int, smooth: bool, discretize: bool = False) -> np.ndarray:
    """(r, r) values in [0, 1] (NaN → ½) → (size, size, 3) uint8 through the LUT."""
    unit = np.clip(np.nan_to_num(unit, nan=0.5), 0.0, 1.0)
    big = _resize(unit, size, smooth)
    if discretize:
        idx = (big >= 0.5).view(np.uint8) * np.uint8(255)
    else:
        big *= np.float32(255.0)
        big += np.float32(0.5)
        idx = big.astype(np.uint8)  # truncation of x + ½: rounding, x ≥ 0
    return np.take(LUT, idx, axis=0)


# --------------------------------------------------------------------- markers


def _coverage(inside, radius: float, sub: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Anti-aliased coverage of a shape: ``inside(dx, dy)`` on sub × sub samples/pixel.

    Returns pixel offsets (dy, dx) from the centre pixel and the coverage of each.
    """
    half = int(np.ceil(radius * 2.0 * TRIANGLE_INRADIUS)) + 1
    ax = np.arange(-half, half + 1)
    offs = (np.arange(sub) + 0.5) / sub - 0.5
    fine = (ax[:, None] + offs[None, :]).ravel()  # sample positions along one axis
    fy, fx = np.meshgrid(fine, fine, indexing="ij")
    cov = inside(fx, fy).reshape(len(ax), sub, len(ax), sub).mean(axis=(1, 3))
    dy, dx = np.meshgrid(ax, ax, indexing="ij")
    return dy, dx, cov


def _circle_inside(radius: float, shrink: float = 0.0):
    """Disc of ``radius`` less a border of ``shrink`` pixels."""
    rr = max(radius - shrink, 0.0) ** 2
    return lambda x, y: (x * x + y * y <= rr).astype(np.float64)


def _triangle_inside(radius: float, shrink: float = 0.0):
    """Equilateral triangle pointing up (image rows grow downwards), centroid at 0,
    inradius 0.75·radius (the same area as the circle of ``radius``), less a border
    of ``shrink`` pixels measured perpendicular to the edges."""
    inradius = max(TRIANGLE_INRADIUS * radius - shrink, 0.0)
    c, s = 0.5, np.sqrt(3.0) / 2.0

    def inside(x, y):
        d = np.maximum(np.maximum(y, s * x - c * y), -s * x - c * y)
        return (d <= inradius).astype(np.float64)

    return inside


_SHAPES = {"circle": _circle_inside, "triangle": _triangle_inside}


@functools.lru_cache(maxsize=64)
def marker_stamp(shape: str, radius: float, shrinks: tuple = (0.0, 1.0)) -> tuple:
    """A pre-rasterised marker: ``(dy, dx, cover)`` for the pixels it touches.

    ``dy``, ``dx`` (k,) are pixel offsets from the centre pixel; ``cover`` (len(shrinks),
    k) the anti-aliased coverage of the shape shrunk by each border width in
    ``shrinks`` (nested layers: outline, fill, …). Read-only, cached.
    """
    make = _SHAPES[shape]
    layers = []
    for shrink in shrinks:
        dy, dx, cov = _coverage(make(radius, shrink), radius)
        layers.append(cov)
    cover = np.minimum.accumulate(np.array(layers), axis=0)  # inner never exceeds outer
    keep = cover[0] > 0
    out = (dy[keep], dx[keep], cover[:, keep])
    for arr in out:
        arr.flags.writeable = False
    return out


@functools.lru_cache(maxsize=64)
def _premultiplied(shape: str, radius: float, shrinks: tuple, colours: tuple):
    """Per stamp pixel: the background weight ``1 − cover₀`` and the painted colour
    ``Σ colourᵢ·(coverᵢ − coverᵢ₊₁)`` (float32), so blending is one multiply-add."""
    dy, dx, cover = marker_stamp(shape, radius, shrinks)
    nxt = np.vstack((cover[1:], np.zeros((1, cover.shape[1]))))
    paint = (cover - nxt).T @ np.array(colours, dtype=np.float64)  # (k, 3)
    return dy, dx, (1.0 - cover[0]).astype(np.float32), paint.astype(np.float32)


def _blit(img: np.ndarray, cols, rows, stamp) -> None:
    """Blend a premultiplied stamp at every (col, row) into ``img`` (H, W, 3 uint8).

    One gather and one scatter for all the points. Where markers of one call overlap,
    one of them wins (no double blending), which reads fine at these sizes.
    """
    if len(cols) == 0:
        return
    H, W, _ = img.shape
    dy, dx, keep_bg, paint = stamp
    r = np.rint(rows).astype(np.intp)[:, None] + dy[None, :]
    c = np.rint(cols).astype(np.intp)[:, None] + dx[None, :]
    keep_bg = np.broadcast_to(keep_bg, r.shape)
    paint = np.broadcast_to(paint, (*r.shape, 3))
    inside = (r >= 0) & (r < H) & (c >= 0) & (c < W)
    if inside.all():
        flat = (r * W + c).ravel()
        keep_bg, paint = keep_bg.reshape(-1), paint.reshape(-1, 3)
    else:
        flat, keep_bg, paint = (r * W + c)[inside], keep_bg[inside], paint[inside]
    pix = img.reshape(-1, 3)
    out = pix[flat] * keep_bg[:, None]
    out += paint
    out += np.float32(0.5)
    pix[flat] = out.astype(np.uint8)


def _default_radius(size: int) -> float:
    return max(2.5, size / 90.0)


def _marker_style(shape: str, rgb, radius: float, test: bool):
    """Training: filled with the class colour, 1-px dark outline. Test: hollow — a
    thick ring of the class colour around a white centre (about half the shape)."""
    colour = tuple(rgb)
    if test:
        inradius = radius * (1.0 if shape == "circle" else TRIANGLE_INRADIUS)
        ring = max(1.2, 0.5 * inradius)
        return _premultiplied(shape, radius, (0.0, ring), (colour, tuple(WHITE_RGB)))
    return _premultiplied(shape, radius, (0.0, 1.0), (tuple(OUTLINE_RGB), colour))


def _draw_points(img, X, y, size, lim, radius, test: bool) -> None:
    if X is None or len(X) == 0:
        return
    cols, rows = to_pixels(X, size, lim)
    y = np.asarray(y).reshape(-1)
    for cls, shape, rgb in ((0, "triangle", CLASS0_RGB), (1, "circle", CLASS1_RGB)):
        sel = y == cls
        _blit(img, cols[sel], rows[sel], _marker_style(shape, rgb, radius, test))


# --------------------------------------------------------------------- pictures


def render_boundary(probs_grid, X_train=None, y_train=None, X_test=None, y_test=None,
                    size: int = 400, discretize: bool = False, lim: float = LIM,
                    smooth: bool = True, marker_radius: float | None = None) -> np.ndarray:
    """The decision-boundary picture: uint8 (size, size, 3), ready for ``st.image``.

    ``probs_grid`` is (r, r) (or r·r) P(class 1) on :func:`grid_points`(r, lim); it is
    resampled to ``size`` pixels (bilinear if ``smooth``), coloured through :data:`LUT`
    (only its two ends, split at ½, if ``discretize``), then training points (filled)
    and test points (hollow) are drawn on top.
    """
    p = np.asarray(probs_grid, dtype=np.float64)
    r = int(round(np.sqrt(p.size)))
    if r * r != p.size:
        raise ValueError(f"probs_grid must be square, got {p.shape}")
    img = _colour(p.reshape(r, r), int(size), smooth, discretize)
    radius = _default_radius(size) if marker_radius is None else float(marker_radius)
    _draw_points(img, X_train, y_train, size, lim, radius, test=False)
    _draw_points(img, X_test, y_test, size, lim, radius, test=True)
    return img


def render_neuron_map(values, size: int = 64, vrange: tuple[float, float] | None = None,
                      smooth: bool = True) -> np.ndarray:
    """A small picture of one neuron's output over the grid, no points: uint8 (size, size, 3).

    ``values`` (r, r) or r·r in :func:`grid_points` order. ``vrange = (lo, hi)`` maps lo to
    orange, the midpoint to white and hi to blue (e.g. (-1, 1) for tanh, (0, 1) for a
    sigmoid); by default the map is symmetric about 0 and scaled by max |value|, so any
    range is shown with full contrast and the sign stays readable.
    """
    v = np.asarray(values, dtype=np.float64)
    r = int(round(np.sqrt(v.size)))
    if r * r != v.size:
        raise ValueError(f"values must be square, got {v.shape}")
    v = np.nan_to_num(v.reshape(r, r), nan=0.0, posinf=0.0, neginf=0.0)
    if vrange is None:
        scale = float(np.max(np.abs(v))) if v.size else 0.0
        lo, hi = (-scale, scale) if scale > 0 else (-1.0, 1.0)
    else:
        lo, hi = (float(x) for x in vrange)
    span = hi - lo if hi > lo else 1.0
    return _colour((v - lo) / span, int(size), smooth)


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(tag + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)


def png_bytes(img: np.ndarray, compress_level: int = 1, pillow: bool = False) -> bytes:
    """PNG-encode an RGB uint8 picture (H, W, 3).

    By default a minimal encoder (no row filter, zlib at ``compress_level``): for a
    400 px boundary it takes ~2 ms and ~75 KB, where Pillow's adaptive row filtering
    takes ~7 ms for ~115 KB — and the page encodes one picture per frame.
    ``pillow=True`` uses Pillow instead. Both decode to the same pixels (tested).
    """
    img = np.ascontiguousarray(img, dtype=np.uint8)
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError(f"expected an (H, W, 3) image, got {img.shape}")
    if pillow:
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(img, "RGB").save(buf, format="PNG", compress_level=compress_level)
        return buf.getvalue()
    h, w, _ = img.shape
    raw = np.zeros((h, w * 3 + 1), dtype=np.uint8)  # each row: filter byte 0, then RGB
    raw[:, 1:] = img.reshape(h, w * 3)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(raw.tobytes(), compress_level))
            + _png_chunk(b"IEND", b""))
