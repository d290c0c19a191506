"""Translation tables and lookup.

Every text the app shows lives in a table ``{key: {"en": ..., "zh": ...}}`` in one of the
modules under ``core/texts/`` (one module per page, plus ``common``).  This module merges
them and looks texts up.  Placeholders use ``str.format`` syntax, and both languages of a
key must use the same placeholders (a test checks it), so a translation can reorder words
but never lose a number.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"
LANG_NAMES: Mapping[str, str] = {"en": "English", "zh": "简体中文"}


def _load_tables() -> dict[str, dict[str, str]]:
    """Merge ``TEXTS`` of every module in ``core.texts``; a key defined twice is a bug."""
    from core import texts as texts_pkg

    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(texts_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"core.texts.{info.name}")
        table = getattr(module, "TEXTS", {})
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"text keys defined twice ({info.name}): {sorted(clash)}")
        merged.update(table)
    return merged


TEXTS: dict[str, dict[str, str]] = _load_tables()


def normalize_lang(value: object) -> str | None:
    """Map a language tag such as ``zh-CN``, ``zh_Hans`` or ``en-US`` to a supported code."""
    if not isinstance(value, str) or not value:
        return None
    tag = value.strip().lower().replace("_", "-")
    for lang in LANGS:
        if tag == lang or tag.startswith(lang + "-"):
            return lang
    return None


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, digits: int = 1) -> str:
    """A number in scientific notation as people write it: ``9.1 × 10⁻¹³``, ``2 × 10⁻¹⁴``
    (``digits`` decimals in the mantissa; ``0`` for 0; the exponent in superscripts)."""
    value = float(value)
    if value == 0.0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa.replace('-', '−')} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


class _TextFormatter(string.Formatter):
    """``str.format`` plus two format specs for sentences: ``{x:.0×}`` writes x as
    :func:`power_of_ten` with 0 decimals (``9 × 10⁻¹³``), where ``{x:.0e}`` would print
    ``9e-13``, which a beginner cannot read; ``{n:sup}`` writes an integer as an exponent
    (``0.25{n:sup}`` → ``0.25²⁰``), where ``^`` would look like code; ``{b:MB}`` writes a
    number of bytes in decimal megabytes (``5000000`` → ``5 MB``, as file sizes are shown);
    ``{n:|point|points}`` writes a count with its noun, singular for exactly one (English
    needs it, "1 point"; Chinese texts write ``{n} 个点`` and need no spec)."""

    def format_field(self, value, format_spec: str):
        if format_spec == "sup":
            return str(int(value)).translate(_SUPERSCRIPT)
        if format_spec.startswith("|"):
            _, one, many = format_spec.split("|")
            return f"{value:,} {one if value == 1 else many}"
        if format_spec == "MB":  # a missing detail shown as "—" stays "—"
            return f"{value / 1e6:g} MB" if isinstance(value, (int, float)) else str(value)
        if format_spec.endswith("×"):
            digits = format_spec[:-1].lstrip(".")
            return power_of_ten(value, int(digits) if digits else 1)
        return super().format_field(value, format_spec)


_FORMATTER = _TextFormatter()


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled into its placeholders.

    A missing key is a programming error and raises ``KeyError`` (the tests catch it);
    an unknown language falls back to English. Placeholders take ``str.format`` specs,
    ``.N×`` for a power of ten, ``sup`` for an exponent and ``MB`` for a size in bytes
    (:class:`_TextFormatter`).
    """
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return _FORMATTER.format(text, **values) if values else text


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
