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

from core.i18n import t
from core.present.markdown import code, literal
from core.present.numbers import exact_text


@dataclass(frozen=True)
class Param:
    """One URL parameter: ``parse`` turns the URL text into a value or raises ValueError.

    The same spec sets up the widget (``ui.controls``): ``low``/``high`` are a number's
    bounds, ``options`` a choice's options, so each control's range is written once.
    """

    key: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str
    low: Any = None
    high: Any = None
    step: Any = None
    options: tuple | None = None

    def read(self, raw: str | None) -> tuple[Any, bool]:
        """``(value, ok)``: the parsed value, or the default and False when ``raw`` is bad."""
        if raw is None:
            return self.default, True
        try:
            return self.parse(raw.strip()), True
        except (ValueError, TypeError, OverflowError):
            return self.default, False


@dataclass(frozen=True)
class BadValue:
    """A URL parameter the page could not use: what the link said, and what is used instead.

    ``fallback`` is the value used instead, as URL text; empty when that value is empty
    (no comparison, no hidden layer), which a notice reads as "the default". ``allowed``
    says what the key takes, when that is short to say: ``("range", low, high)`` or
    ``("one_of", option, …)``; empty otherwise.
    """

    key: str
    raw: str
    fallback: str
    allowed: tuple = ()


#: A choice with more options than this is not listed in a notice (the page's control shows them).
LISTED_OPTIONS = 8


def allowed_values(param: Param) -> tuple:
    """What ``param`` takes, for a notice: a number's range, or a short choice's options."""
    if param.low is not None and param.high is not None:
        return ("range", param.low, param.high)
    single = param.dump is str or param.dump is exact_text  # a list's dump joins with commas
    if param.options and single and len(param.options) <= LISTED_OPTIONS:
        return ("one_of", *(param.dump(option) for option in param.options))
    return ()


def allowed_text(allowed: tuple, lang: str) -> str:
    """" It must be between −2 and 2." for a notice ("" when nothing short can be said)."""
    if not allowed:
        return ""
    if allowed[0] == "range":
        return t("url_allowed_range", lang, low=exact_text(allowed[1]), high=exact_text(allowed[2]))
    return t("url_allowed_options", lang, options=t("url_list_sep", lang).join(code(o) for o in allowed[1:]))


def fallback_text(param: Param) -> str:
    """The default of ``param`` as the learner would type it in the URL."""
    return "" if param.default is None else param.dump(param.default)


def restore(params: Sequence[Param], raw_of: Callable[[str], str | None]) -> tuple[dict[str, Any], list[BadValue]]:
    """Read every parameter from the URL: ``({key: value}, [the values that were bad])``.

    ``raw_of(key)`` is the URL's text for ``key``, or None when the link does not have it.
    """
    values: dict[str, Any] = {}
    bad: list[BadValue] = []
    for param in params:
        raw = raw_of(param.key)
        values[param.key], ok = param.read(raw)
        if not ok:
            bad.append(BadValue(param.key, raw, fallback_text(param), allowed_values(param)))
    return values, bad


#: Characters of each bad value a notice shows: one value may be long (a whole pasted
#: sentence); in a list of many, each gets less room, so the notice stays a few lines.
ONE_VALUE_CHARS = 60
LISTED_VALUE_CHARS = 24


def bad_link_message(bad: Sequence[BadValue], lang: str) -> str:
    """One notice for every bad value of a link, in ``lang``; every echoed value escaped.

    One bad value gets a sentence; several get one sentence and a compact list (ten bad
    values used to be ten full-width warnings that pushed the page below the fold).
    """
    if len(bad) == 1:
        item = bad[0]
        fallback = (t("url_fallback_value", lang, value=code(item.fallback)) if item.fallback
                    else t("url_fallback_default", lang))
        return t("url_bad_one", lang, name=code(item.key), value=literal(item.raw, ONE_VALUE_CHARS),
                 fallback=fallback) + allowed_text(item.allowed, lang)
    # One item reads the same in both languages: key = “value” → default.
    items = t("url_list_sep", lang).join(
        f"{code(item.key)} = “{literal(item.raw, LISTED_VALUE_CHARS)}” → "
        + (code(item.fallback) if item.fallback else t("url_fallback_default", lang))
        for item in bad
    )
    return t("url_bad_many", lang, count=len(bad), items=items)


def choice(key: str, options: Sequence[str], default: str) -> Param:
    """One of ``options`` (case-insensitive in the URL, canonical in the app)."""
    by_lower = {option.lower(): option for option in options}

    def parse(raw: str) -> str:
        if raw.lower() not in by_lower:
            raise ValueError(raw)
        return by_lower[raw.lower()]

    return Param(key, default, parse, options=tuple(options))


def choices(key: str, options: Sequence[str], default: Sequence[str], *, min_len: int = 1, max_len: int | None = None) -> Param:
    """A comma-separated list of distinct options, e.g. ``fn=relu,tanh``."""
    one = choice(key, options, options[0]).parse

    def parse(raw: str) -> list[str]:
        items = [one(part) for part in raw.split(",") if part.strip()]
        if len(set(items)) != len(items) or len(items) < min_len or (max_len and len(items) > max_len):
            raise ValueError(raw)
        return items

    return Param(key, list(default), parse, ",".join, options=tuple(options))


def integer(key: str, low: int, high: int, default: int) -> Param:
    """An integer in ``[low, high]``."""

    def parse(raw: str) -> int:
        value = int(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return Param(key, default, parse, low=low, high=high)


def number(key: str, low: float, high: float, default: float) -> Param:
    """A finite float in ``[low, high]``."""

    def parse(raw: str) -> float:
        value = float(raw)
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(raw)
        return value

    return Param(key, default, parse, exact_text, low=low, high=high)


def number_in(key: str, options: Sequence[float], default: float) -> Param:
    """One of a ladder of numbers (e.g. learning rates), matched to 1e-9 relative."""

    def parse(raw: str) -> float:
        value = float(raw)
        for option in options:
            if math.isclose(value, option, rel_tol=1e-9, abs_tol=0.0):
                return option
        raise ValueError(raw)

    return Param(key, default, parse, exact_text, options=tuple(options))


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


