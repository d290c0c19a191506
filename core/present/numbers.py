"""How the app writes a number for people: one rule for rounding, two spellings.

Both round to at most ``digits`` decimals, drop trailing zeros and never show "−0":

* :func:`text` for prose, tables and chart labels: a true minus sign (−), "∞" for
  infinities and "—" for a missing value;
* :func:`latex` for formulas: a value too small to show at ``digits`` decimals but not
  zero (rounding residue, say 3e-17) is written ``3.0 \\times 10^{-17}`` rather than
  rounded away, so "0" on the page always means exactly zero.

And one that does not round: :func:`exact_text`, for a number a link or a file carries.
"""

from __future__ import annotations

import math


def decimals(value: float, digits: int) -> str:
    """``value`` with at most ``digits`` decimals, no trailing zeros, no "-0" (ASCII minus)."""
    text_ = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text_ in ("-0", "", "0") else text_


def text(value: float | None, digits: int = 2) -> str:
    """A short number for prose: ``text(-0.5) == "−0.5"``, ``text(1.0) == "1"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return decimals(value, digits).replace("-", "−")


def latex(value: float, digits: int = 4) -> str:
    """A number for a formula; tiny non-zero values in scientific notation."""
    value = float(value)
    if value != 0.0 and abs(value) < 0.5 * 10.0 ** (-digits):
        mantissa, exponent = f"{value:.1e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return decimals(value, digits)


def significant(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits for prose (a learned parameter, whose
    size is not known in advance): ``significant(-0.123456) == "−0.1235"``; "—" when it
    is not finite (a diverged network)."""
    value = float(value)
    if not math.isfinite(value):
        return "—"
    return f"{value + 0.0:.{digits}g}".replace("-", "−")


def exact_text(value: float) -> str:
    """The shortest text that reads back as the same float (``0.03``, not
    ``0.030000000000000002``; ``2``, not ``2.0``): a number in a link or a file."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
