"""The big screen reads a learner's network as a network file and draws it from its weights."""

from __future__ import annotations

import numpy as np
import pytest

from core.guide.big_screen import network_picture
from core.nn.mlp import MLP
from core.nn.plane import evaluate_grid
from core.state import network_file as nf


@pytest.mark.parametrize("activation, hidden, features", [
    ("tanh", (4, 4), ("x1", "x2")),
    ("prelu", (3,), ("x1", "x2", "x1x2")),
    ("identity", (), ("x1", "x2", "x1sq", "x2sq")),
])
def test_the_picture_is_the_networks_probability_on_the_plane(activation, hidden, features):
    """Against the float64 evaluation of the same network (core.nn.plane.evaluate_grid):
    round(255·p) at every one of the r × r points, within one step of rounding."""
    model = MLP((len(features), *hidden, 1), activation, seed=5)
    text = nf.dumps(model, features, 12, {"dataset": "xor", "activation": activation})
    loaded, picture = network_picture(text, 24)
    assert loaded.epoch == 12 and loaded.activation == activation and loaded.features == features
    got = np.frombuffer(picture, np.uint8).reshape(24, 24).astype(float)
    want = np.rint(255 * evaluate_grid(model, 24, features=features))
    assert np.abs(got - want).max() <= 1


@pytest.mark.parametrize("text, code", [("{", "malformed"), ('{"format": "something else"}', "schema")])
def test_a_file_that_is_not_a_network_is_refused_as_a_network_file_would_be(text, code):
    with pytest.raises(nf.NetworkFileError) as caught:
        network_picture(text)
    with pytest.raises(nf.NetworkFileError) as uploaded:
        nf.loads(text)
    assert caught.value.code == uploaded.value.code == code
