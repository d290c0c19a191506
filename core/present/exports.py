"""The training page's downloads, as bytes: the data set, the boundary, the loss history.

(The network itself is :mod:`core.state.network_file`.) No Streamlit here.

* :func:`dataset_csv` — every point, in the format :func:`core.nn.datasets.read_csv`
  reads: a header ``x1,x2,label,split``, one point per row, ``label`` 1 for the circles
  (class 1) and 0 for the triangles, ``split`` ``train`` or ``test``. Numbers are written
  with their shortest round-trip text, and the points lie in [-1, 1]², so the upload
  gives back the same points, classes and split, bit for bit.
* :func:`boundary_png` — the picture the page shows: the network's P(class 1) over the
  plane (its inputs expanded into its features) with the points on top.
* :func:`history_csv` — one row per row of the record (:mod:`core.nn.history`): ``epoch``
  (the row's last epoch), ``epochs`` (how many it stands for: its stride), then for the
  train loss, the test loss and the test accuracy the value at ``epoch`` and the lowest
  and highest over the row's epochs (empty cells where there is no test set).
"""

from __future__ import annotations

import io

import numpy as np

from core.nn.plane import evaluate_grid
from core.present import numbers
from core.present.boundary import png_bytes, render_boundary

__all__ = ["boundary_png", "dataset_csv", "history_csv"]


def dataset_csv(split) -> bytes:
    """``split = (X_train, y_train, X_test, y_test)`` as CSV bytes (UTF-8)."""
    X_train, y_train, X_test, y_test = split
    out = io.StringIO()
    out.write("x1,x2,label,split\n")
    for X, y, part in ((X_train, y_train, "train"), (X_test, y_test, "test")):
        for (x1, x2), label in zip(np.asarray(X, dtype=np.float64), np.asarray(y)):
            out.write(f"{numbers.file_number(x1)},{numbers.file_number(x2)},{int(label)},{part}\n")
    return out.getvalue().encode("utf-8")


def boundary_png(model, features, split, size: int = 600, r: int = 150,
                 show_test: bool = True, discretize: bool = False) -> bytes:
    """The decision boundary of ``model`` (fed ``features``) with the points, as PNG bytes."""
    X_train, y_train, X_test, y_test = split
    probs = evaluate_grid(model, r, features=tuple(features))
    test = (X_test, y_test) if show_test else (None, None)
    img = render_boundary(probs, X_train, y_train, *test, size=size, discretize=discretize)
    return png_bytes(img, compress_level=6)


#: The figures of the history file: (column name, the record's name for it).
HISTORY_FIGURES = (("train_loss", "train_loss"), ("test_loss", "test_loss"), ("test_accuracy", "test_acc"))


def history_csv(history) -> bytes:
    """A :class:`core.nn.history.History` as CSV bytes: every row, its stride and its band."""
    columns = [history.epoch, history.count]
    header = ["epoch", "epochs"]
    for name, key in HISTORY_FIGURES:
        columns += [history[key], history.low(key), history.high(key)]
        header += [name, f"{name}_min", f"{name}_max"]
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in zip(*columns):
        out.write(f"{int(row[0])},{int(row[1])}," + ",".join(numbers.file_number(v) for v in row[2:]) + "\n")
    return out.getvalue().encode("utf-8")
