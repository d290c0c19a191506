"""The collapse page's settings that a learner types: the hidden widths of a random stack.

``"8,3,8"`` means three hidden layers of 8, 3 and 8 units (so four linear layers).
No Streamlit here: the page echoes what it could not use, and these say what it uses.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["format_widths", "parse_widths", "resize_widths"]


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
