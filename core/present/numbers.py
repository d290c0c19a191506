r"""How the app writes a number: every spelling here, each named for what it makes.

Rounded to at most ``digits`` decimals, trailing zeros dropped, never "−0":

* :func:`text` for prose, tables and chart labels: a true minus sign (−), "∞" for
  infinities and "—" for a missing value;
* :func:`text_with_residue` for a measured difference in prose: as :func:`text`, but a
  value too small to show at ``digits`` decimals and not zero (rounding residue, say
  2.2e-16) is written as a power of ten (:func:`scientific_text`), so "0" in a sentence
  always means exactly zero;
* :func:`latex` for formulas, with the same care for residue (``3.0 \times 10^{-17}``);
* :func:`decimals`, the rule itself with an ASCII minus: what KaTeX and Graphviz labels
  take as they are.

To significant digits, for numbers whose size is not known in advance:

* :func:`significant` for a learned parameter: "—" when it is not finite (a diverged network);
* :func:`significant_text` and :func:`significant_latex` for a network's numbers worked by
  hand: any size, a power of ten as ``×10^k``, infinities as "∞".

And :func:`scientific_text` (``2.1 × 10⁻¹⁷``), the percentages :func:`percent` (``50%``,
``99.9%``), :func:`percent_one_decimal` (``50.0%``) and :func:`whole_percent` (``33%``),
:func:`fixed` (``1.00``), a loss (:func:`loss`), and two that do not round:
:func:`exact_text`, for a number a link carries, and :func:`file_number`, for a CSV cell.

A percentage is written the same way in both languages and everywhere in the app: no
space before the sign (``99.2%``), as Chinese and English school texts print it and as
the sentences' own ``{share:.1%}`` format spec makes it.
"""

from __future__ import annotations

import math

# The power-of-ten spelling lives with the words: the sentences' own ``{x:.1×}`` format
# spec uses it, and the words sit on the floor below this one.
from core.i18n import power_of_ten

__all__ = [
    "decimals",
    "exact_text",
    "file_number",
    "fixed",
    "latex",
    "loss",
    "percent",
    "percent_one_decimal",
    "scientific_text",
    "significant",
    "significant_latex",
    "significant_text",
    "text",
    "text_with_residue",
    "whole_percent",
]


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


def _below_digits(value: float, digits: int) -> bool:
    """Not zero, yet |value| < ½·10⁻ᵈ: rounding to ``digits`` decimals would print 0."""
    return value != 0.0 and abs(value) < 0.5 * 10.0 ** (-digits)


def text_with_residue(value: float, digits: int = 3) -> str:
    """A measured difference for prose: ``0.071``; a non-zero value too small for ``digits``
    decimals (rounding residue) as ``2.2 × 10⁻¹⁶``, so "0" on the page means exactly 0."""
    if _below_digits(value, digits):
        return scientific_text(value)
    return text(value, digits)


def scientific_text(value: float, digits: int = 1) -> str:
    """A small number for prose as people write it: ``2.1 × 10⁻¹⁷`` (``digits`` decimals in
    the mantissa, a true minus sign, ``0`` for 0)."""
    return power_of_ten(value, digits)


def latex(value: float, digits: int = 4) -> str:
    """A number for a formula; tiny non-zero values in scientific notation."""
    value = float(value)
    if _below_digits(value, digits):
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


def significant_text(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, with a true minus sign, ``×10^k`` where
    Python would write ``e``, "∞" for an infinity and "—" for NaN: ``−1.5×10^−7``.

    Enough digits to check a sum with a calculator, few enough to read.
    """
    value = float(value) + 0.0  # −0.0 (a product with 0) prints as 0
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text_ = f"{value:.{digits}g}"
    if "e" in text_:
        mantissa, exponent = text_.split("e")
        text_ = f"{mantissa}×10^{int(exponent)}"
    return text_.replace("-", "−")


def significant_latex(value: float, digits: int = 4) -> str:
    """:func:`significant_text` for LaTeX: ASCII minus, ``10^{k}`` braced, ``\\infty``,
    ``\\text{NaN}``."""
    text_ = (significant_text(value, digits).replace("−", "-").replace("∞", r"\infty")
             .replace("—", r"\text{NaN}"))
    if "×10^" in text_:
        mantissa, exponent = text_.split("×10^")
        text_ = rf"{mantissa}\times 10^{{{exponent}}}"
    return text_


def percent(share: float, digits: int = 1) -> str:
    """A share as a percentage with at most ``digits`` decimals: 50%, 99.9%, 100%."""
    return f"{text(100.0 * share, digits)}%"


def percent_one_decimal(share: float) -> str:
    """A share as a percentage with exactly one decimal, so a figure that changes keeps its
    width: ``0.992`` → ``99.2%``; "—" when it is not finite."""
    if not math.isfinite(share):
        return "—"
    return f"{100.0 * share:.1f}%"


def whole_percent(share: float | None) -> str:
    """A share as a whole percentage (``1/3`` → ``33%``), "—" when there is none: a class's
    counts, where a decimal would claim more than a few dozen answers can say."""
    return "—" if share is None or not math.isfinite(share) else f"{share:.0%}"


def fixed(value: float | None, digits: int = 2) -> str:
    """Exactly ``digits`` decimals (``1`` → ``1.00``), "—" when there is no value: a
    statistic whose precision is part of what it says, such as Hake's gain ⟨g⟩."""
    if value is None or not math.isfinite(value):
        return "—"
    # + 0.0 turns a rounded −0.0 into 0.0: never "−0.00".
    return f"{round(value, digits) + 0.0:.{digits}f}".replace("-", "−")


def loss(value: float) -> str:
    """A loss to three decimals; tiny losses in scientific notation (never a bare 0)."""
    if not math.isfinite(value):
        return "—"
    return f"{value:.3f}" if abs(value) >= 0.001 or value == 0 else f"{value:.1e}"


def file_number(value: float) -> str:
    """A number in a CSV file: Python's shortest round-tripping ``repr`` of the float
    (``0.1``, ``2.0``), empty when it is not finite, so a spreadsheet reads a blank cell
    instead of a word."""
    value = float(value)
    return repr(value) if math.isfinite(value) else ""


def exact_text(value: float) -> str:
    """The shortest text that reads back as the same float (``0.03``, not
    ``0.030000000000000002``; ``2``, not ``2.0``): a number in a link or a file."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
