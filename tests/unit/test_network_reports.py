"""A learner's network as the class sees it (``core.guide.network_reports``): the boundary
picture and its orientation, the record's validation, the text and its strict reading,
the page's report from a real trainer, the store round trip, and the gallery's groups."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from core.classroom import limits, networks, store
from core.classroom.errors import ClassError
from core.guide import network_reports as nr
from core.nn.datasets import make_dataset, train_test_split
from core.nn.features import FEATURES
from core.nn.plane import GridProbe, grid_points
from core.nn.trainer import TrainConfig, Trainer
from tests.unit.test_class_store import refused, seat


def a_report(**changes) -> nr.NetworkReport:
    fields = dict(epoch=120, test_accuracy=0.984, test_loss=0.061, activation="relu", hidden=(4, 2),
                  dataset="circle", features=("x1", "x2"), diverged=False,
                  boundary=bytes(range(256)) * 4)
    fields.update(changes)
    return nr.NetworkReport(**fields)


def bad_report(call, *args, **kwargs) -> tuple[str, str]:
    """(field, problem) of the ``bad_report`` refusal of ``call``."""
    with pytest.raises(ClassError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == "bad_report", caught.value
    return caught.value.details["field"], caught.value.details["problem"]


# ----------------------------------------------------------------- the boundary


def test_a_grid_of_the_live_size_is_averaged_over_each_cells_area():
    """100 → 32 is not a whole ratio: the oracle repeats every cell 8 × 8 (800 × 800) and
    averages blocks of 25 × 25, each exactly one report cell's area."""
    grid = np.random.default_rng(3).integers(0, 256, (100, 100), dtype=np.uint8)
    fine = np.repeat(np.repeat(grid.astype(float), 8, axis=0), 8, axis=1)
    expected = np.rint(fine.reshape(32, 25, 32, 25).mean(axis=(1, 3)))
    got = np.frombuffer(nr.boundary_from_grid(grid), dtype=np.uint8).reshape(32, 32)
    assert np.array_equal(got, expected)


def test_a_grid_twice_the_size_becomes_the_means_of_its_two_by_two_blocks():
    p = np.random.default_rng(4).random((64, 64))
    expected = np.rint(255 * p.reshape(32, 2, 32, 2).mean(axis=(1, 3)))
    assert np.array_equal(np.frombuffer(nr.boundary_from_grid(p), dtype=np.uint8), expected.ravel())


def test_bytes_and_probabilities_give_the_same_picture_and_nan_is_dont_know():
    assert set(nr.boundary_from_grid(np.full((100, 100), 200, dtype=np.uint8))) == {200}
    assert set(nr.boundary_from_grid(np.full((7, 7), 0.25))) == {64}  # 63.75
    assert set(nr.boundary_from_grid(np.full((100, 100), np.nan))) == {128}  # GridProbe's "don't know"
    assert set(nr.boundary_from_grid(np.array([[1.0 + 1e-12]]))) == {255}  # a rounding error is clipped
    assert len(nr.boundary_from_grid(np.zeros((5, 5)))) == nr.BOUNDARY_BYTES == 1024  # smaller: spread out


def test_the_picture_keeps_the_planes_orientation_top_row_is_the_largest_x2():
    """P(class 1) = 1 where x2 > 0 (the top half) and x1 < 0 (the left half)."""
    pts = grid_points(100)
    p = ((pts[:, 1] > 0) & (pts[:, 0] < 0)).astype(float).reshape(100, 100)
    picture = np.frombuffer(nr.boundary_from_grid(p), dtype=np.uint8).reshape(32, 32)
    assert picture[0, 0] == 255 and picture[0, -1] == 0 and picture[-1, 0] == 0 and picture[-1, -1] == 0
    assert (picture[:15, :15] == 255).all() and (picture[17:, :] == 0).all()


@pytest.mark.parametrize("grid", [np.zeros(100), np.zeros((100, 99)), np.zeros((0, 0)),
                                  np.array([["a"]]), [[None]]])
def test_a_grid_that_is_not_a_square_of_numbers_is_refused(grid):
    assert bad_report(nr.boundary_from_grid, grid)[0] == "boundary"


# ----------------------------------------------------------------- the record


def test_a_report_takes_numpy_numbers_as_python_ones():
    report = a_report(epoch=np.int64(3), test_accuracy=np.float32(0.5), diverged=np.bool_(True),
                      hidden=[np.int64(16)] * 6, features=["x1", "x2", "x1sq"], boundary=bytearray(1024))
    assert (report.epoch, report.test_accuracy, report.diverged, report.hidden) == (3, 0.5, True, (16,) * 6)
    assert type(report.epoch) is int and type(report.hidden[0]) is int and isinstance(report.boundary, bytes)
    assert report.features == ("x1", "x2", "x1sq") and report.grid.shape == (32, 32)
    assert a_report(hidden=(), dataset="draw", test_accuracy=None, test_loss=None).hidden == ()


@pytest.mark.parametrize(("changes", "expected"), [
    ({"epoch": -1}, ("epoch", "range")), ({"epoch": True}, ("epoch", "type")), ({"epoch": 1.0}, ("epoch", "type")),
    ({"epoch": 10**9 + 1}, ("epoch", "range")),
    ({"test_accuracy": 1.01}, ("test_accuracy", "range")), ({"test_accuracy": -0.1}, ("test_accuracy", "range")),
    ({"test_accuracy": float("nan")}, ("test_accuracy", "range")), ({"test_accuracy": "0.9"}, ("test_accuracy", "type")),
    ({"test_loss": float("inf")}, ("test_loss", "range")), ({"test_loss": -1e-9}, ("test_loss", "range")),
    ({"activation": "nosuch"}, ("activation", "range")), ({"activation": 7}, ("activation", "type")),
    ({"hidden": (4, 17)}, ("hidden", "range")), ({"hidden": (4,) * 7}, ("hidden", "range")),
    ({"hidden": (0,)}, ("hidden", "range")), ({"hidden": (4.0,)}, ("hidden", "type")),
    ({"hidden": "4,2"}, ("hidden", "type")), ({"dataset": "mnist"}, ("dataset", "range")),
    ({"features": ("x2", "x1")}, ("features", "range")), ({"features": ()}, ("features", "range")),
    ({"features": ("x1", "x1")}, ("features", "range")), ({"features": ("x1,x2",)}, ("features", "range")),
    ({"features": "x1"}, ("features", "type")), ({"diverged": 0}, ("diverged", "type")),
    ({"boundary": bytes(1023)}, ("boundary", "size")), ({"boundary": "\0" * 1024}, ("boundary", "type")),
])
def test_a_report_is_made_only_valid(changes, expected):
    assert bad_report(a_report, **changes) == expected


# ----------------------------------------------------------------- the text


def test_the_text_is_the_documented_json_and_reads_back_the_same():
    report = a_report()
    text = nr.encode(report)
    document = json.loads(text)
    assert list(document) == list(nr.KEYS) and document["version"] == 1
    assert document["hidden"] == [4, 2] and document["features"] == ["x1", "x2"] and document["diverged"] is False
    assert base64.b64decode(document["boundary"]) == report.boundary and len(document["boundary"]) == 1368
    assert text.isascii() and " " not in text and 1400 < len(text) < 1700
    assert nr.decode(text) == report and nr.decode(text.encode()) == report
    assert nr.decode(nr.encode(a_report(test_accuracy=None, test_loss=None))).test_accuracy is None


def test_the_longest_report_fits_the_stores_cap():
    longest = a_report(epoch=10**9, test_accuracy=1 / 3, test_loss=1e300 / 7, hidden=(16,) * 6,
                       activation=max(nr.ACTIVATIONS, key=len), dataset="upload", features=tuple(FEATURES))
    assert len(nr.encode(longest)) < limits.MAX_REPORT_CHARS


def mutated(change) -> str:
    document = json.loads(nr.encode(a_report()))
    change(document)
    return json.dumps(document)


def without(key):
    return lambda d: d.pop(key)


def setting(key, value):
    return lambda d: d.__setitem__(key, value)


@pytest.mark.parametrize("key", nr.KEYS)
def test_every_key_is_required(key):
    assert bad_report(nr.decode, mutated(without(key))) == (key, "missing")


@pytest.mark.parametrize(("change", "expected"), [
    (setting("extra", 1), ("report", "unknown")),
    (setting("version", 2), ("version", "version")), (setting("version", True), ("version", "version")),
    (setting("epoch", "3"), ("epoch", "type")), (setting("epoch", 3.0), ("epoch", "type")),
    (setting("epoch", None), ("epoch", "type")),
    (setting("test_accuracy", "0.9"), ("test_accuracy", "type")), (setting("test_accuracy", 1.5), ("test_accuracy", "range")),
    (setting("test_loss", True), ("test_loss", "type")),
    (setting("hidden", "4,2"), ("hidden", "type")), (setting("hidden", [4, 2.0]), ("hidden", "type")),
    (setting("hidden", [17]), ("hidden", "range")), (setting("features", "x1"), ("features", "type")),
    (setting("activation", "RELU"), ("activation", "range")), (setting("dataset", None), ("dataset", "type")),
    (setting("diverged", 0), ("diverged", "type")), (setting("diverged", "false"), ("diverged", "type")),
    (setting("boundary", "!!!!"), ("boundary", "malformed")), (setting("boundary", 42), ("boundary", "type")),
    (setting("boundary", base64.b64encode(bytes(1023)).decode()), ("boundary", "size")),
    (setting("boundary", base64.b64encode(bytes(1025)).decode()), ("boundary", "size")),
    (setting("boundary", base64.b64encode(bytes(1024)).decode().rstrip("=")[:-1]), ("boundary", "malformed")),
])
def test_a_wrong_value_is_refused_with_its_field_and_problem(change, expected):
    assert bad_report(nr.decode, mutated(change)) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("not json", "malformed"), ("[1, 2]", "malformed"), ('"a string"', "malformed"), ("", "malformed"),
    (nr.encode(a_report()).replace('"epoch":120', '"epoch":120,"epoch":121'), "malformed"),
    (nr.encode(a_report()).replace('"test_loss":0.061', '"test_loss":NaN'), "malformed"),
    (nr.encode(a_report()).replace('"circle"', '"c\u00efrcle"'), "malformed"),
    (nr.encode(a_report()) + " " * (limits.MAX_REPORT_CHARS - 1000), "too_large"),
    (None, "type"), (42, "type"), (b"\xff", "malformed"),
])
def test_text_that_is_not_a_report_is_refused(text, problem):
    assert bad_report(nr.decode, text) == ("report", problem)


# ----------------------------------------------------------------- the page's report


def test_the_pages_report_of_a_real_network():
    X, y = make_dataset("circle", n=200, seed=1)
    trainer = Trainer(TrainConfig(hidden=(4,), activation="relu", optimizer="adam", lr=0.03, seed=5),
                      *train_test_split(X, y, 0.5, seed=5))
    trainer.run(30)
    grid = GridProbe(100)(trainer.model, trainer.features)
    settings = {"activation": "relu", "hidden": [4], "dataset": "circle"}  # features: the default
    report = nr.network_report(settings, trainer.metrics(), grid, diverged=trainer.diverged)
    assert (report.epoch, report.activation, report.hidden, report.features) == (30, "relu", (4,), ("x1", "x2"))
    assert report.test_accuracy == trainer.metrics()["test_acc"] > 0.8
    # The circles (class 1) are in the middle of the picture, the triangles around them.
    assert report.grid[14:18, 14:18].mean() > 200 and report.grid[0, 0] < 60
    lost = nr.network_report(settings, {"epoch": 7, "test_acc": float("nan"), "test_loss": float("inf")},
                             np.full((100, 100), np.nan), diverged=True)
    assert (lost.test_accuracy, lost.test_loss, lost.diverged, set(lost.boundary)) == (None, None, True, {128})


# ----------------------------------------------------------------- through the store


def test_a_learners_report_reaches_the_teachers_gallery(store_engine, clock):
    made = store.create_class(store_engine)
    ada, bob = seat(store_engine, made, 2, "Ada")
    assert nr.report_network(store_engine, made.code, ada, a_report(epoch=5))
    assert not nr.report_network(store_engine, made.code, ada, a_report(epoch=6))  # too soon
    networks.store_network_report(store_engine, made.code, bob, '{"version":1}')  # not a report
    clock.move(3)
    gallery = nr.class_networks(store_engine, made.code, made.secret)
    assert gallery.networks == (nr.LearnerNetwork(1, "Ada", 3.0, a_report(epoch=5)),) and gallery.unreadable == 1
    assert bad_report(nr.report_network, store_engine, made.code, ada, "{}") == ("report", "type")
    refused("forbidden", nr.class_networks, store_engine, made.code, "not the secret")


# ----------------------------------------------------------------- the gallery's groups


def network(number: int, activation: str, accuracy: float | None, age: float, diverged: bool = False):
    return nr.LearnerNetwork(number, None, age, a_report(activation=activation, test_accuracy=accuracy,
                                                         diverged=diverged))


GALLERY = [network(1, "relu", 0.90, 8.0), network(2, "tanh", 0.95, 30.0), network(3, "relu", None, 2.0, True),
           network(4, "tanh", 0.50, 4.0), network(5, "relu", 0.80, 6.0), network(6, "tanh", 0.70, 1.0),
           network(7, "identity", None, 0.5)]


def test_groups_best_first_by_median_test_accuracy():
    groups = nr.gallery_groups(GALLERY, "best")
    lines = [(g.activation, g.count, g.median_accuracy, g.diverged, g.newest_age) for g in groups]
    # relu: median of 0.90 and 0.80 (the diverged one reports none); tanh: of 0.95, 0.50, 0.70.
    assert lines == [("relu", 3, pytest.approx(0.85), 1, 2.0), ("tanh", 3, 0.70, 0, 1.0),
                     ("identity", 1, None, 0, 0.5)]
    assert [n.number for n in groups[0].networks] == [1, 5, 3] and [n.number for n in groups[1].networks] == [2, 6, 4]


def test_groups_newest_first_by_their_latest_report():
    groups = nr.gallery_groups(GALLERY, "newest")
    assert [g.activation for g in groups] == ["identity", "tanh", "relu"]
    assert [n.number for n in groups[1].networks] == [6, 4, 2]


def test_equal_medians_put_the_larger_group_first():
    tied = [network(1, "tanh", 0.9, 1.0), network(2, "relu", 0.9, 1.0), network(3, "relu", 0.9, 1.0)]
    assert [g.activation for g in nr.gallery_groups(tied)] == ["relu", "tanh"]
    assert nr.gallery_groups([]) == []
    with pytest.raises(ValueError):
        nr.gallery_groups(GALLERY, "random")
