"""Drawn data: the learner's clicked points become a data set like any other."""

import numpy as np
import pytest

from core.nn.datasets import MIN_ROWS, DatasetError, drawn_dataset, load_csv
from core.present.draw_views import STEPS, drawing_chart, lattice
from core.state import training as ts

SQUARE = [(-1.0, -1.0, 1), (1.0, 1.0, 0), (-1.0, 1.0, 1), (1.0, -1.0, 0), (0.25, -0.5, 1)]


def test_points_become_X_and_y_where_they_were_drawn():
    X, y = drawn_dataset(SQUARE)
    assert X.shape == (5, 2) and X.dtype == np.float64
    np.testing.assert_array_equal(X[4], [0.25, -0.5])
    assert y.tolist() == [1, 0, 1, 0, 1]


def test_points_outside_the_plane_are_clipped_into_it():
    X, _ = drawn_dataset([*SQUARE, (3.0, -7.0, 0)])
    np.testing.assert_array_equal(X[-1], [1.0, -1.0])


@pytest.mark.parametrize("points, code", [
    (SQUARE[: MIN_ROWS - 1], "too_few_rows"),
    ([(0.1 * i, 0.0, 1) for i in range(6)], "one_class"),
    ([*SQUARE, (float("nan"), 0.0, 1)], "not_finite"),
])
def test_a_drawing_that_cannot_train_says_why(points, code):
    with pytest.raises(DatasetError) as err:
        drawn_dataset(points)
    assert err.value.code == code


def test_the_download_reads_back_as_the_same_points():
    """The CSV is the upload's format: a drawing that spans the square comes back exactly
    (the upload scales each axis to [−1, 1], a no-op here), labels kept."""
    from ui.training.draw import drawn_csv

    X0, y0 = drawn_dataset(SQUARE)
    X, y, labels = load_csv(drawn_csv(SQUARE))
    np.testing.assert_allclose(X, X0, atol=1e-12)
    assert y.tolist() == y0.tolist() and labels == ("0", "1")


def test_the_click_lattice_is_fine_and_covers_the_plane():
    nodes = lattice()
    assert len(nodes) == STEPS**2
    assert nodes["x1"].min() == -1.0 and nodes["x2"].max() == 1.0
    spacing = np.diff(np.unique(nodes["x1"]))
    assert np.allclose(spacing, 2.0 / (STEPS - 1)) and spacing.max() <= 0.05 + 1e-12


def test_the_chart_draws_every_point_with_its_class():
    spec = drawing_chart(SQUARE, {"x1": "x1", "x2": "x2", "class1": "circle", "class0": "triangle"}).to_dict()
    rows = [r for data in spec["datasets"].values() for r in data if "label" in r]
    assert sorted((r["x1"], r["x2"], r["class"]) for r in rows) == sorted(
        (x1, x2, "circle" if c == 1 else "triangle") for x1, x2, c in SQUARE)


def test_a_new_drawing_restarts_training_and_an_unusable_one_trains_on_the_circle():
    state = {"dataset": ts.DRAW}
    assert ts.data_key(state, "abc") != ts.data_key(state, "abd")
    assert ts.data_key(state, None) == ts.data_key({"dataset": "circle"}, None)
