r"""Frames of the live view as numbers: what the server sends, what the browser draws.

The live-training picture is drawn by the learner's browser (``ui/live_view``): the
server sends, per tick, a few *frames* — the epoch, the four live figures, the per-layer
gradient norms and the network's probability over the plane as an ``r × r`` grid of
bytes — and the browser plays them back at display rate. Numbers, not pictures: a
frame is ~2 kB compressed instead of a 63 kB PNG, and the browser draws the points as
vector shapes, crisp at any size.

The grid
--------
Cell centres as :func:`core.present.boundary.grid_points` (row 0 is the top, x2 largest), and
``p`` quantised to a byte: ``q = round(255·p)``, so the browser's colour lookup is the
same 256-entry table (:data:`core.present.boundary.LUT`). It is evaluated in float32 with

    p = σ(z) = ½ + ½·tanh(z / 2)

because float32 ``tanh`` is ~5x faster than float64 here and a byte keeps 8 bits
anyway: the result is within one step (1/255) of the float64 model (tested).

The payload (one ``bytes`` value per tick, little-endian)
--------------------------------------------------------
::

    b"TRL1" | uint32 n | n bytes of UTF-8 JSON (the header) | body

The header says where its binary parts lie in the body (``[offset, length]``):
``grids`` (``count`` frames of ``r·r`` bytes), ``points`` (5 bytes a point: int16 x1,
int16 x2 in units of 1/32767, one byte of flags: bit 0 the class, bit 1 "test point")
and ``lut`` (256 RGB colours). Grids are stored as differences along each row
(the first cell of a row as is), which turns a smooth picture into small numbers, and
with ``codec = "deflate"`` the grid block is zlib-compressed (the browser inflates it
with ``DecompressionStream("deflate")``; ``"raw"`` for a browser without one).
Numbers that are not finite are sent as ``null`` (JSON has no NaN).

:func:`unpack` is the reference decoder: the tests check the encoder against it and
the browser code follows it step by step.
"""

from __future__ import annotations

import json
import math
import struct
import zlib

import numpy as np

from core.nn.plane import Frame
from core.present.boundary import LUT

__all__ = [
    "CODECS",
    "MAGIC",
    "encode_points",
    "pack",
    "unpack",
]

MAGIC = b"TRL1"
CODECS = ("deflate", "raw")
_POINT_SCALE = 32767.0


def _finite(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _frame_header(frame: Frame) -> list:
    return [int(frame.epoch), *(_finite(v) for v in frame.figures),
            [_finite(v) for v in frame.grad_norms]]


def _row_delta(grids: np.ndarray) -> np.ndarray:
    """Each row as its first byte, then differences mod 256 (undone by a prefix sum)."""
    out = grids.copy()
    out[..., 1:] = np.diff(grids, axis=-1)  # uint8 arithmetic wraps: mod 256
    return out


def _undo_row_delta(deltas: np.ndarray) -> np.ndarray:
    return np.cumsum(deltas, axis=-1, dtype=np.uint64).astype(np.uint8)


def encode_points(X, y, X_test=None, y_test=None) -> bytes:
    """Training and test points as 5 bytes each: int16 x1, int16 x2, flags (see module)."""
    parts = []
    for XX, yy, test in ((X, y, False), (X_test, y_test, True)):
        if XX is None or len(XX) == 0:
            continue
        XX = np.clip(np.asarray(XX, dtype=np.float64), -1.0, 1.0)
        rec = np.zeros(len(XX), dtype=[("x1", "<i2"), ("x2", "<i2"), ("flags", "u1")])
        rec["x1"] = np.rint(XX[:, 0] * _POINT_SCALE)
        rec["x2"] = np.rint(XX[:, 1] * _POINT_SCALE)
        rec["flags"] = (np.asarray(yy).reshape(-1) > 0).astype(np.uint8) | (2 if test else 0)
        parts.append(rec.tobytes())
    return b"".join(parts)


def pack(header: dict, frames: list[Frame] = (), *, points: bytes | None = None,
         lut: bool = False, codec: str = "deflate", level: int = 1) -> bytes:
    """One tick's payload: ``header`` (JSON-able; ``frames``, ``grids``, ``points`` and
    ``lut`` are filled in here) and the binary body. See the module docstring."""
    if codec not in CODECS:
        raise ValueError(f"codec must be one of {CODECS}, got {codec!r}")
    header = dict(header)
    body = bytearray()

    def put(blob: bytes) -> list[int]:
        start = len(body)
        body.extend(blob)
        return [start, len(blob)]

    frames = list(frames)
    header["frames"] = [_frame_header(f) for f in frames]
    if frames:
        grids = np.stack([f.grid for f in frames]).astype(np.uint8, copy=False)
        block = _row_delta(grids).tobytes()
        if codec == "deflate":
            block = zlib.compress(block, level)
        header["grids"] = {"r": int(grids.shape[-1]), "count": len(frames), "codec": codec,
                           "at": put(block)}
    if points is not None:
        header["points"] = {"n": len(points) // 5, "at": put(points)}
    if lut:
        header["lut"] = put(LUT.tobytes())
    text = json.dumps(header, allow_nan=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + struct.pack("<I", len(text)) + text + bytes(body)


def unpack(payload: bytes) -> dict:
    """The reference decoder: the header, with ``grids`` (count, r, r) uint8,
    ``points`` (structured array) and ``lut`` (256, 3) decoded from the body."""
    if payload[:4] != MAGIC:
        raise ValueError("not a live-view payload")
    (n,) = struct.unpack_from("<I", payload, 4)
    header = json.loads(payload[8:8 + n].decode("utf-8"))
    body = memoryview(payload)[8 + n:]

    def get(at) -> bytes:
        start, length = at
        return bytes(body[start:start + length])

    if "grids" in header:
        g = header["grids"]
        block = get(g["at"])
        if g["codec"] == "deflate":
            block = zlib.decompress(block)
        deltas = np.frombuffer(block, dtype=np.uint8).reshape(g["count"], g["r"], g["r"])
        header["grids"] = _undo_row_delta(deltas)
    if "points" in header:
        header["points"] = np.frombuffer(
            get(header["points"]["at"]), dtype=[("x1", "<i2"), ("x2", "<i2"), ("flags", "u1")])
    if "lut" in header:
        header["lut"] = np.frombuffer(get(header["lut"]), dtype=np.uint8).reshape(256, 3)
    return header
