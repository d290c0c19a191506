"""The collapse page's settings: its URL parameters (:data:`PARAMS`, each also the spec of
its widget) and the hidden widths of a random stack that a learner types.

``"8,3,8"`` means three hidden layers of 8, 3 and 8 units (so four linear layers).
No Streamlit here: the page echoes what it could not use, and these say what it uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.lessons import collapse as col
from core.nn.activations import ACTIVATIONS
from core.state import urlparams as up

__all__ = ["DEFAULT_WIDTHS", "DEPTH", "PARAMS", "PARAMS_BY_KEY", "fitted_widths", "format_widths",
           "parse_widths", "resize_widths", "widths_param"]

DEFAULT_WIDTHS = "8,3,8"
#: Linear layers in the random stack (the widths param depends on it: see widths_param).
DEPTH = up.integer("col_depth", 1, 10, 4)

#: Every URL parameter but the widths, in page order. Ranges here are the widgets' ranges.
PARAMS = [up.number(name, *col.WEIGHT_RANGE, default) for name, default in zip(col.WEIGHT_NAMES, col.DEFAULT_WEIGHTS)]
PARAMS += [
    up.number("col_a1", -5.0, 5.0, 0.5), up.number("col_a2", -5.0, 5.0, -1.0),
    up.number("col_b1", -5.0, 5.0, 0.3), up.number("col_b2", -5.0, 5.0, 0.8),
    up.number("col_k", -10.0, 10.0, 2.5), up.flag("col_bias", False),
    up.number("col_p1", -5.0, 5.0, 0.5), up.number("col_p2", -5.0, 5.0, -0.5),
    up.number("col_q1", -5.0, 5.0, -0.8), up.number("col_q2", -5.0, 5.0, 0.3),
    DEPTH, up.integer("col_seed", 0, 9999, 0),
    up.choice("col_act", list(ACTIVATIONS), "tanh"),
    up.number("col_sq_w", -3.0, 3.0, -2.0), up.number("col_sq_b", -1.0, 1.0, 0.5),
]
PARAMS_BY_KEY = {p.key: p for p in PARAMS}


def parse_widths(text: str, *, low: int = 1, high: int = 16, max_len: int = 9) -> list[int]:
    """Hidden widths from text such as ``"8, 3, 8"`` (empty: no hidden layer). ValueError if bad."""
    text = (text or "").strip()
    if not text:
        return []
    parts = [part.strip() for part in text.replace("，", ",").split(",")]
    if any(not part.isdigit() for part in parts):
        raise ValueError(text)
    values = [int(part) for part in parts]
    if len(values) > max_len or any(not low <= v <= high for v in values):
        raise ValueError(text)
    return values


def format_widths(widths: Sequence[int]) -> str:
    return ",".join(str(int(v)) for v in widths)


def resize_widths(widths: Sequence[int], depth: int, fill: int = 8) -> list[int]:
    """Hidden widths for ``depth`` linear layers (depth − 1 hidden layers): cut, or repeat the last."""
    widths = list(widths)
    need = max(int(depth) - 1, 0)
    pad = widths[-1] if widths else fill
    return (widths + [pad] * need)[:need]


def fitted_widths(depth: int, raw: str | None = None) -> list[int]:
    """The widths a stack of ``depth`` linear layers uses when a link's ``raw`` widths cannot be
    used as they are: those widths cut or extended to depth − 1 (the depth wins), or the
    default widths so fitted when ``raw`` is missing, empty or not a list of widths."""
    try:
        widths = parse_widths(raw or "")
    except ValueError:
        widths = []
    return resize_widths(widths or parse_widths(DEFAULT_WIDTHS), depth)


def widths_param(depth: int, raw: str | None = None) -> up.Param:
    """Hidden widths as canonical text ("8,3,8"), exactly depth − 1 of them.

    The fallback is what the page will really use (see :func:`fitted_widths`), so the
    notice for a bad link names the widths the learner then sees, not some other default."""

    def parse(text: str) -> str:
        widths = parse_widths(text)
        if len(widths) != depth - 1:
            raise ValueError(text)
        return format_widths(widths)

    return up.Param("col_widths", format_widths(fitted_widths(depth, raw)), parse)
