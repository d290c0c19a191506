"""core.present.numbers: one rounding rule, spelled for prose and for formulas."""

import math
import re
from pathlib import Path

import pytest

from core.present import numbers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, digits, expected", [
    (1.0, 2, "1"), (0.125, 2, "0.12"), (-0.5, 2, "−0.5"), (-0.0001, 2, "0"), (2.5e-17, 4, "0"), (-0.0, 2, "0"),
    (0.25, 2, "0.25"), (-2.5, 2, "−2.5"),
    (float("inf"), 2, "∞"), (-math.inf, 2, "−∞"), (float("nan"), 2, "—"), (None, 2, "—"), (123.456, 1, "123.5"),
])
def test_text(value, digits, expected):
    assert numbers.text(value, digits) == expected


@pytest.mark.parametrize("value, digits, expected", [
    (1.0, 4, "1"), (-0.25, 4, "-0.25"), (0.0, 4, "0"), (-0.0, 4, "0"),
    (3e-17, 4, r"3.0 \times 10^{-17}"), (-4.2e-9, 4, r"-4.2 \times 10^{-9}"), (0.00005, 4, "0.0001"),
])
def test_latex_keeps_residue_visible(value, digits, expected):
    assert numbers.latex(value, digits) == expected


def test_prose_zero_means_rounded_but_formula_zero_means_exact():
    """The two spellings agree wherever the number shows at ``digits`` decimals."""
    for value in (0.5, -1.75, 12.0, 0.0301):
        assert numbers.text(value, 4).replace("−", "-") == numbers.latex(value, 4)


def test_percent_drops_trailing_zeros():
    assert numbers.percent(0.5) == "50%" and numbers.percent(0.99865) == "99.9%" and numbers.percent(1.0) == "100%"


@pytest.mark.parametrize("value, digits, expected", [
    (0.0712, 3, "0.071"), (-0.5, 3, "−0.5"), (0.0, 3, "0"), (2.220446049250313e-16, 3, "2.2 × 10⁻¹⁶"),
    (-4e-5, 3, "−4.0 × 10⁻⁵"), (0.0004, 4, "0.0004"),
])
def test_text_with_residue_never_rounds_a_difference_to_zero(value, digits, expected):
    assert numbers.text_with_residue(value, digits) == expected


@pytest.mark.parametrize("value, text", [
    (0.123456, "0.1235"), (-2.5, "−2.5"), (12345.6, "1.235×10^4"), (0.0, "0"),
    (float("nan"), "—"), (float("-inf"), "−∞"), (-1.5e-7, "−1.5×10^−7"), (-0.0, "0"),
])
def test_significant_text_rounds_to_four_significant_digits(value, text):
    assert numbers.significant_text(value) == text


@pytest.mark.parametrize("value, tex", [
    (-2.5, "-2.5"), (12345.6, r"1.235\times 10^{4}"), (-1.5e-7, r"-1.5\times 10^{-7}"), (math.inf, r"\infty"),
    (float("nan"), r"\text{NaN}"),
])
def test_significant_latex_is_the_same_number_in_latex(value, tex):
    assert numbers.significant_latex(value) == tex


def test_latex_rounds_to_four_decimals():
    assert numbers.latex(2.0300000000000002) == "2.03"
    assert numbers.latex(-0.0) == "0" and numbers.latex(-1e-20, 4).startswith("-1.0 \\times 10^{-20")
    assert numbers.latex(0.75862068) == "0.7586"
    assert numbers.latex(3.0) == "3"


def test_scientific_text():
    assert numbers.scientific_text(0.0) == "0"
    assert numbers.scientific_text(2.220446049250313e-16) == "2.2 × 10⁻¹⁶"
    assert numbers.scientific_text(-3.5e-17) == "−3.5 × 10⁻¹⁷"  # a true minus sign, as in all prose


def test_percent_one_decimal_keeps_its_width():
    assert numbers.percent_one_decimal(0.992) == "99.2%" and numbers.percent_one_decimal(0.5) == "50.0%"
    assert numbers.percent_one_decimal(0.7) == "70.0%"


def test_whole_percent_and_fixed_say_dash_for_no_value():
    assert numbers.whole_percent(1 / 3) == "33%" and numbers.whole_percent(1.0) == "100%"
    assert numbers.whole_percent(None) == "—" and numbers.whole_percent(float("nan")) == "—"
    assert numbers.fixed(1.0, 2) == "1.00" and numbers.fixed(-0.25, 2) == "−0.25"
    assert numbers.fixed(-0.001, 2) == "0.00"  # never "−0.00"
    assert numbers.fixed(None) == "—" and numbers.fixed(float("inf")) == "—"


def test_file_number_round_trips_and_leaves_non_finite_blank():
    for value in (0.1, 2.0, -1e-300, 1 / 3, 123456789.125):
        assert float(numbers.file_number(value)) == value
    assert numbers.file_number(float("nan")) == "" and numbers.file_number(float("-inf")) == ""
    assert numbers.percent_one_decimal(float("nan")) == "—"


def test_loss():
    assert numbers.loss(0.69314) == "0.693"
    assert numbers.loss(1.2e-7) == "1.2e-07"
    assert numbers.loss(float("inf")) == "—"


def test_exact_text():
    assert numbers.exact_text(0.00001) == "1e-05" and numbers.exact_text(3.0) == "3"


#: Format specs in an f-string that write a number for people to read (``{x:.2f}``,
#: ``{share:.0%}``, ``{v:.3g}``, ``{v:.1e}``). The sentences in ``core/texts`` carry their
#: own specs (a translator moves the number, not its spelling); everywhere else, a number
#: for the reader goes through ``core/present/numbers.py``.
DISPLAY_SPEC = re.compile(r"\{[^{}\"']*:[+,]?\.?\d*[fe%g]\}")
#: Where a spec writes for a machine, not a reader: Graphviz attributes (``penwidth=1.50``)
#: and SVG ones (``x1="1.30"``, ``d="M1.30,0.50…"``), geometry no one reads as a number.
GRAPHVIZ_ATTRIBUTE = re.compile(r"[a-z]+=\{[^{}]*:")
SVG_ATTRIBUTE = re.compile(r'[a-z][\w-]*="[^"]*\{[^{}"]*:')
#: ... and these lines: a guessed number as the store's option id, the drawn points' CSV.
MACHINE_LINES = {
    ("core/guide/class_views.py", 'return f"{float(value):g}"'),
    ("ui/training/draw.py", 'f"{x1:.6g},{x2:.6g},{int(label)}"'),
}
#: The words floor (below this one) spells a power of ten and a size in MB itself.
MACHINE_FILES = {"core/i18n.py"}


def test_numbers_for_the_reader_are_written_by_the_numbers_module():
    offenders = []
    for folder in ("core", "ui", "app_pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("core/texts/") or rel == "core/present/numbers.py" or rel in MACHINE_FILES:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                machine = GRAPHVIZ_ATTRIBUTE.search(line) or SVG_ATTRIBUTE.search(line) or any(
                    rel == where and snippet in line for where, snippet in MACHINE_LINES)
                quoted_in_a_docstring = "``" in line
                if DISPLAY_SPEC.search(line) and not machine and not quoted_in_a_docstring:
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
