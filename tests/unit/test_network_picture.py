"""The network drawn as the Playground draws it (core.present.network_picture): one map per
unit, one line per weight, each line's colour and width read from its weight."""

from __future__ import annotations

import base64
import re
import struct

import numpy as np
import pytest

from core.nn.features import FEATURES
from core.nn.mlp import MLP
from core.present.network_picture import MAP_R, MAX_LINE, MIN_LINE, network_picture, network_svg
from core.present.theme import WEIGHT_NEGATIVE, WEIGHT_POSITIVE
from core.present.training_views import dataset_thumbnail

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_MAGIC)
    return struct.unpack(">II", png[16:24])


def lines_of(svg: str, colour: str) -> list[dict]:
    group = re.search(f'<g stroke="{colour}">(.*?)</g>', svg).group(1)
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', line)) for line in re.findall(r"<line [^>]*/>", group)]


@pytest.mark.parametrize("sizes", [[2, 4, 2, 1], [2, 1], [5, 3, 1], [2, 16, 16, 16, 16, 16, 16, 1]])
def test_one_map_per_unit_and_one_line_per_weight(sizes):
    model = MLP(sizes, seed=3)
    features = ("x1", "x2", "x1sq", "x2sq", "x1x2")[:sizes[0]]
    picture = network_picture(model, features)
    assert [len(column) for column in picture.columns] == sizes
    assert all(png_size(tile) == (MAP_R, MAP_R) for column in picture.columns for tile in column)
    svg = network_svg(picture, "the network")
    assert svg.count("<image ") == sum(sizes)
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    assert len(lines_of(svg, WEIGHT_POSITIVE)) + len(lines_of(svg, WEIGHT_NEGATIVE)) == weights
    assert 'aria-label="the network"' in svg and 'role="img"' in svg


def test_each_line_reads_its_weight():
    """Sign -> colour, |w| / max |w| -> width between MIN_LINE and MAX_LINE; the largest
    weight gets the widest line, a zero the thinnest; a NaN weight is drawn as zero."""
    model = MLP([2, 2, 1], seed=0)
    W1 = np.array([[2.0, -1.0], [0.0, np.nan]])
    W2 = np.array([[-0.5], [4.0]])
    model.params = [(W1, np.zeros(2)), (W2, np.zeros(1))]
    svg = network_svg(network_picture(model), "n")
    positive = sorted(float(line["stroke-width"]) for line in lines_of(svg, WEIGHT_POSITIVE))
    negative = sorted(float(line["stroke-width"]) for line in lines_of(svg, WEIGHT_NEGATIVE))
    share = lambda w: MIN_LINE + (MAX_LINE - MIN_LINE) * abs(w) / 4.0  # noqa: E731
    # Positive: 2, 0, NaN (as 0), 4; negative: -1, -0.5.
    assert positive == pytest.approx(sorted([share(2), share(0), share(0), share(4)]), abs=1e-3)
    assert negative == pytest.approx(sorted([share(1), share(0.5)]), abs=1e-3)


def decode(png: bytes) -> np.ndarray:
    from io import BytesIO

    from PIL import Image

    return np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=int)


def test_the_input_maps_are_the_features_and_the_output_map_the_prediction():
    """x1's map grows left to right (orange to blue), x2's bottom to top; the output map is
    blue where the network says class 1 (a network with a large positive x1 weight: right)."""
    model = MLP([2, 1], seed=0)
    model.params = [(np.array([[8.0], [0.0]]), np.zeros(1))]
    picture = network_picture(model)
    x1, x2 = (decode(tile) for tile in picture.columns[0])
    output = decode(picture.columns[-1][0])
    blue = lambda img: img[..., 2] - img[..., 0]  # noqa: E731 - blue minus red
    assert blue(x1)[:, -1].mean() > 100 > -100 > blue(x1)[:, 0].mean()
    assert blue(x2)[0].mean() > 100 > -100 > blue(x2)[-1].mean()  # row 0 is the top of the plane
    assert blue(output)[:, -1].mean() > 100 > -100 > blue(output)[:, 0].mean()
    assert picture.labels == [FEATURES["x1"].label["en"], FEATURES["x2"].label["en"]]


def test_a_diverged_network_is_drawn_as_dont_know():
    """NaN weights: every line at its thinnest (drawn as 0) and the output map white, the
    plane's colour for P = 1/2, not the orange of P = 0."""
    model = MLP([2, 3, 1], seed=0)
    model.params = [(np.full((2, 3), np.nan), np.zeros(3)), (np.full((3, 1), np.nan), np.zeros(1))]
    picture = network_picture(model)
    svg = network_svg(picture, "n")
    widths = {float(line["stroke-width"]) for line in lines_of(svg, WEIGHT_POSITIVE)}
    assert widths == {MIN_LINE} and not lines_of(svg, WEIGHT_NEGATIVE)
    output = decode(picture.columns[-1][0])
    assert (output > 235).all(), output.min()


def test_a_dead_unit_is_crossed_out_in_its_layer_only():
    model = MLP([2, 3, 3, 1], seed=1)
    crossed = network_svg(network_picture(model, dead={2: [1]}), "n")
    plain = network_svg(network_picture(model), "n")
    assert crossed.count("<path ") == 1 and plain.count("<path ") == 0


@pytest.mark.parametrize("name", ["circle", "xor", "gauss", "moons", "spiral", "linear"])
def test_each_data_set_has_its_own_picture(name):
    url = dataset_thumbnail(name)
    png = base64.b64decode(url.removeprefix("data:image/png;base64,"))
    assert png_size(png) == (96, 96)
    others = {dataset_thumbnail(other) for other in ("circle", "xor", "gauss", "moons", "spiral", "linear")}
    assert len(others) == 6
    img = decode(png)
    # Points of both classes are drawn: some clearly blue pixels and some clearly orange.
    assert ((img[..., 2] - img[..., 0]) > 80).sum() > 50
    assert ((img[..., 0] - img[..., 2]) > 80).sum() > 50

