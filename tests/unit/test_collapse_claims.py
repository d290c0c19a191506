"""What the linear-collapse page says, checked against independent computation.

Each test pins one sentence of the page to the mathematics it claims: which gradient is
constant, when an output is 0 "up to rounding", when a boundary is straight, what enough
(or too few) hidden neurons can draw, and when the parabola cuts the line.
"""

from fractions import Fraction

import numpy as np
import pytest

from core import collapse as col
from core.activations import ACTIVATIONS
from core.datasets import make_dataset

EPS = np.finfo(np.float64).eps


def _circle():
    return make_dataset("circle", n=300, seed=0)


def test_the_diagram_draws_zero_weights_as_neither_sign():
    """The caption promises blue = positive, dashed orange = negative, dotted grey = 0."""
    w = (1.2, 0.0, -0.5, 0.0, 0.7, -1.2, 0.0, -0.6, 1.1)
    edges = [line for line in col.network_dot(w).splitlines() if "->" in line and "label" in line]
    for value, edge in zip(w, edges):
        expected = "solid" if value > 0 else "dashed" if value < 0 else "dotted"
        assert f"style={expected}" in edge, edge
