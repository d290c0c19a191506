"""``core.live_frames``: the live view's grid and its payload, against independent references."""

import json
import struct
import zlib

import numpy as np
import pytest

from core.nn.mlp import MLP
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset, train_test_split
from core.nn.plane import Frame, GridProbe, grid_points
from core.present.boundary import LUT
from core.present.live_frames import MAGIC, encode_points, pack, unpack
from core.nn.trainer import TrainConfig, Trainer


@pytest.fixture(scope="module")
def split():
    X, y = make_dataset("circle", 300, noise=0.1, seed=3)
    return train_test_split(X, y, 0.5, seed=3)


def reference_bytes(model, r):
    """round(255·p) from the float64 model, p = σ(z): the independent reference."""
    z = model.logits(grid_points(r))
    p = 0.5 * (1.0 + np.tanh(0.5 * z))  # σ(z) written another way
    return np.rint(np.clip(p, 0.0, 1.0) * 255.0).reshape(r, r)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_grid_is_within_one_step_of_the_float64_model(activation, split):
    trainer = Trainer(TrainConfig(hidden=(5, 3), activation=activation, seed=4), *split)
    trainer.run(3)
    got = GridProbe(40)(trainer.model)
    assert got.dtype == np.uint8 and got.shape == (40, 40)
    assert np.abs(got.astype(int) - reference_bytes(trainer.model, 40)).max() <= 1


def test_grid_rows_run_top_to_bottom_and_columns_left_to_right():
    """A network whose output grows with x1 and with x2: bright at the top right."""
    model = MLP([2, 1], "identity", seed=0)
    model.params = [(np.array([[8.0], [4.0]]), np.array([0.0]))]
    g = GridProbe(20)(model).astype(int)
    assert g[0, -1] > 250 and g[-1, 0] < 5  # top right ≈ class 1, bottom left ≈ class 0
    assert (np.diff(g, axis=1) >= 0).all() and (np.diff(g, axis=0) <= 0).all()


def test_a_diverged_network_draws_the_colour_of_dont_know():
    model = MLP([2, 2, 1], "tanh", seed=0)
    model.params = [(np.full((2, 2), np.nan), np.zeros(2)), (np.ones((2, 1)), np.zeros(1))]
    assert (GridProbe(8)(model) == 128).all()


def frames_of(n, r=12, seed=0):
    rng = np.random.default_rng(seed)
    return [Frame(epoch=e, figures=(0.5, float("nan"), 0.75, 1.0), grad_norms=(1e-3, float("inf")),
                  grid=rng.integers(0, 256, (r, r), dtype=np.uint8)) for e in range(n)]


@pytest.mark.parametrize("codec", ["deflate", "raw"])
def test_payload_round_trips(codec, split):
    frames = frames_of(5)
    points = encode_points(*split)
    payload = pack({"run": "x", "playing": True}, frames, points=points, lut=True, codec=codec)
    got = unpack(payload)
    assert got["run"] == "x" and got["playing"] is True
    np.testing.assert_array_equal(got["grids"], np.stack([f.grid for f in frames]))
    assert got["frames"][0] == [0, 0.5, None, 0.75, 1.0, [1e-3, None]]  # NaN/inf → null
    np.testing.assert_array_equal(got["lut"], LUT)
    assert len(got["points"]) == len(split[0]) + len(split[2])


def test_payload_layout_is_what_the_browser_reads():
    """Magic, little-endian header length, JSON, then the body at the stated offsets."""
    frames = frames_of(2, r=4)
    payload = pack({"run": "r"}, frames, codec="deflate")
    assert payload[:4] == MAGIC
    (n,) = struct.unpack("<I", payload[4:8])
    header = json.loads(payload[8:8 + n])
    start, length = header["grids"]["at"]
    block = zlib.decompress(payload[8 + n + start:8 + n + start + length])
    rows = np.frombuffer(block, np.uint8).reshape(2, 4, 4).astype(int)
    expected = np.stack([f.grid for f in frames]).astype(int)
    # each row: first byte as is, then differences mod 256 (a prefix sum undoes them)
    np.testing.assert_array_equal(rows[..., 0], expected[..., 0])
    np.testing.assert_array_equal(rows[..., 1:], np.diff(expected, axis=-1) % 256)


def test_points_are_five_bytes_each_with_class_and_test_flags():
    X = np.array([[1.0, -1.0], [0.5, 0.25]])
    data = encode_points(X, [1, 0], X[:1], [0])
    assert len(data) == 15
    x1, x2, flags = struct.unpack_from("<hhB", data, 0)
    assert (x1, x2, flags) == (32767, -32767, 1)  # class 1, training
    assert struct.unpack_from("<hhB", data, 10)[2] == 2  # class 0, test


def test_json_never_carries_nan():
    payload = pack({"run": "n"}, frames_of(1))
    n = struct.unpack("<I", payload[4:8])[0]
    assert b"NaN" not in payload[8:8 + n] and b"Infinity" not in payload[8:8 + n]


def test_unknown_codec_and_foreign_bytes_are_refused():
    with pytest.raises(ValueError):
        pack({}, frames_of(1), codec="gzip")
    with pytest.raises(ValueError):
        unpack(b"PNG\x00" + bytes(8))
