"""URL parameters: the public, shareable state of a page.

A teacher shares ``…/training?dataset=circle&hidden=4,2&activation=relu``; each page
declares its parameters here as ``Param`` specs (key, default, parser).  Parsing is strict:
a value that is not exactly valid raises ``ValueError`` and the page falls back to the
default with a notice.  No Streamlit here, so every parser is unit-tested.

Why not Streamlit's ``bind="query-params"``: it writes a select box's *formatted* label
to the URL, and our labels are translated, so the same setting would have a different URL
in each language.  Values here stay language-neutral (``tanh``, not 双曲正切).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    """One URL parameter: ``parse`` turns the URL text into a value or raises ValueError."""

    key: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str

    def read(self, raw: str | None) -> tuple[Any, bool]:
        """``(value, ok)``: the parsed value, or the default and False when ``raw`` is bad."""
        if raw is None:
            return self.default, True
        try:
            return self.parse(raw.strip()), True
        except (ValueError, TypeError, OverflowError):
            return self.default, False


def choice(key: str, options: Sequence[str], default: str) -> Param:
    """One of ``options`` (case-insensitive in the URL, canonical in the app)."""
    by_lower = {option.lower(): option for option in options}

    def parse(raw: str) -> str:
        if raw.lower() not in by_lower:
            raise ValueError(raw)
        return by_lower[raw.lower()]

    return Param(key, default, parse)


def choices(key: str, options: Sequence[str], default: Sequence[str], *, min_len: int = 1, max_len: int | None = None) -> Param:
    """A comma-separated list of distinct options, e.g. ``fn=relu,tanh``."""
    one = choice(key, options, options[0]).parse

    def parse(raw: str) -> list[str]:
        items = [one(part) for part in raw.split(",") if part.strip()]
        if len(set(items)) != len(items) or len(items) < min_len or (max_len and len(items) > max_len):
            raise ValueError(raw)
        return items

    return Param(key, list(default), parse, ",".join)


def integer(key: str, low: int, high: int, default: int) -> Param:
    """An integer in ``[low, high]``."""

    def parse(raw: str) -> int:
        value = int(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return Param(key, default, parse)


def number(key: str, low: float, high: float, default: float) -> Param:
    """A finite float in ``[low, high]``."""

    def parse(raw: str) -> float:
        value = float(raw)
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(raw)
        return value

    return Param(key, default, parse, format_number)


def number_in(key: str, options: Sequence[float], default: float) -> Param:
    """One of a ladder of numbers (e.g. learning rates), matched to 1e-9 relative."""

    def parse(raw: str) -> float:
        value = float(raw)
        for option in options:
            if math.isclose(value, option, rel_tol=1e-9, abs_tol=0.0):
                return option
        raise ValueError(raw)

    return Param(key, default, parse, format_number)


def integers(key: str, default: Sequence[int], *, low: int, high: int, max_len: int, allow_empty: bool = True) -> Param:
    """A comma-separated list of integers in ``[low, high]``, e.g. ``hidden=4,2``."""

    def parse(raw: str) -> list[int]:
        parts = [part.strip() for part in raw.split(",")] if raw.strip() else []
        values = [int(part) for part in parts]
        if len(values) > max_len or (not values and not allow_empty) or any(not low <= v <= high for v in values):
            raise ValueError(raw)
        return values

    return Param(key, list(default), parse, lambda values: ",".join(str(v) for v in values))


def flag(key: str, default: bool) -> Param:
    """A yes/no switch: ``1/0``, ``true/false``, ``yes/no``, ``on/off``."""
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}

    def parse(raw: str) -> bool:
        if raw.lower() not in words:
            raise ValueError(raw)
        return words[raw.lower()]

    return Param(key, default, parse, lambda value: "1" if value else "0")


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float (``0.03``, not ``0.030000000000000002``)."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
