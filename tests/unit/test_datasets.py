"""``core.nn.datasets``: the toy data sets, the train/test split and the CSV loader."""

import io
import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from core.nn.datasets import (
    DATASETS,
    ERROR_CODES,
    MAX_ROWS,
    MIN_ROWS,
    DatasetError,
    load_csv,
    make_dataset,
    read_csv,
    train_test_split,
)

NOISES = (0.0, 0.25, 1.0)


def linear_accuracy(X, y) -> float:
    """Training accuracy of the best (nearly unregularised) linear classifier."""
    return LogisticRegression(C=1e4, max_iter=5000).fit(X, y).score(X, y)


def neighbour_disagreement(X, y) -> float:
    """Fraction of points whose nearest other point has the other class: class overlap."""
    d = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    np.fill_diagonal(d, np.inf)
    return float(np.mean(y[d.argmin(axis=1)] != y))


# ----------------------------------------------------------------- make_dataset


def test_names_in_teaching_order():
    assert DATASETS[0] == "circle"
    assert set(DATASETS) == {"circle", "xor", "gauss", "spiral", "moons", "linear"}


@pytest.mark.parametrize("noise", NOISES)
@pytest.mark.parametrize("name", DATASETS)
def test_shapes_dtypes_ranges_classes(name, noise):
    X, y = make_dataset(name, n=301, noise=noise, seed=3)
    assert X.shape == (301, 2) and X.dtype == np.float64 and X.flags.c_contiguous
    assert y.shape == (301,) and np.issubdtype(y.dtype, np.integer)
    assert np.isfinite(X).all()
    assert X.min() >= -1.0 and X.max() <= 1.0
    assert set(np.unique(y)) == {0, 1}
    assert np.sum(y == 1) == 150  # n // 2 circles


@pytest.mark.parametrize("name", DATASETS)
def test_same_arguments_same_bytes_other_seed_other_data(name):
    X1, y1 = make_dataset(name, 200, 0.2, seed=7)
    X2, y2 = make_dataset(name, 200, 0.2, seed=7)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()
    X3, _ = make_dataset(name, 200, 0.2, seed=8)
    assert X1.tobytes() != X3.tobytes()


def test_classes_are_interleaved_not_sorted():
    _, y = make_dataset("circle", 200)
    assert 0 < np.sum(np.diff(y) != 0)
    assert not (np.all(y[:100] == 1) or np.all(y[:100] == 0))


def test_circle_has_a_gap_at_noise_zero():
    X, y = make_dataset("circle", 1000, 0.0, seed=1)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 0.5 < 0.7 <= r[y == 0].min()
    assert r[y == 0].min() > r[y == 1].max()


@pytest.mark.parametrize("name", ["circle", "xor", "spiral"])
def test_nonlinear_sets_defeat_every_line(name):
    X, y = make_dataset(name, 500, 0.0, seed=0)
    assert linear_accuracy(X, y) < 0.7


def test_moons_not_linearly_separable():
    X, y = make_dataset("moons", 500, 0.0, seed=0)
    assert linear_accuracy(X, y) < 0.95


@pytest.mark.parametrize("name", ["linear", "gauss"])
def test_linear_and_gauss_are_separable_by_a_line(name):
    X, y = make_dataset(name, 500, 0.0, seed=0)
    assert linear_accuracy(X, y) == 1.0


def test_linear_margin_around_its_line():
    X, y = make_dataset("linear", 500, 0.0, seed=0)
    normal = np.array([-0.5, 1.0]) / math.hypot(0.5, 1.0)
    dist = X @ normal - 0.1 / math.hypot(0.5, 1.0)
    assert (dist[y == 1] > 0.08).all() and (dist[y == 0] < -0.08).all()


@pytest.mark.parametrize("name", DATASETS)
def test_noise_increases_overlap(name):
    overlap = [neighbour_disagreement(*make_dataset(name, 400, noise, seed=2))
               for noise in (0.0, 0.5, 1.0)]
    assert overlap[0] < overlap[1] < overlap[2]
    assert overlap[2] > 0.1  # at 100 % the classes really mix


def test_noise_zero_circle_is_clean():
    X, y = make_dataset("circle", 400, 0.0, seed=2)
    assert neighbour_disagreement(X, y) == 0.0


@pytest.mark.parametrize("kwargs, code", [
    (dict(name="nope"), "unknown_dataset"),
    (dict(name="circle", noise=1.5), "bad_argument"),
    (dict(name="circle", noise=-0.1), "bad_argument"),
    (dict(name="circle", noise=float("nan")), "bad_argument"),
    (dict(name="circle", n=1), "bad_argument"),
])
def test_bad_arguments(kwargs, code):
    with pytest.raises(DatasetError) as info:
        make_dataset(**kwargs)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


# ----------------------------------------------------------------- train_test_split


def test_split_partitions_and_stratifies():
    X, y = make_dataset("circle", 501, 0.1, seed=4)
    Xtr, ytr, Xte, yte = train_test_split(X, y, 0.5, seed=1)
    assert len(Xtr) + len(Xte) == 501 and len(ytr) == len(Xtr)
    rows = {tuple(r) for r in np.concatenate((Xtr, Xte))}
    assert rows == {tuple(r) for r in X}
    for cls in (0, 1):  # each class split in half (± 1)
        assert abs(np.sum(ytr == cls) - np.sum(yte == cls)) <= 1


def test_split_fraction_and_determinism():
    X, y = make_dataset("xor", 400, 0.0, seed=0)
    a = train_test_split(X, y, 0.8, seed=5)
    b = train_test_split(X, y, 0.8, seed=5)
    c = train_test_split(X, y, 0.8, seed=6)
    assert len(a[0]) == 320 and len(a[2]) == 80
    assert all(u.tobytes() == v.tobytes() for u, v in zip(a, b))
    assert a[0].tobytes() != c[0].tobytes()


def test_split_keeps_rare_class_on_both_sides():
    X = np.zeros((12, 2))
    y = np.array([0] * 10 + [1] * 2)
    Xtr, ytr, Xte, yte = train_test_split(X, y, 0.9, seed=0)
    assert 1 in ytr and 1 in yte


@pytest.mark.parametrize("frac", [0.0, 1.0, -0.5, 2.0])
def test_split_rejects_bad_fraction(frac):
    X, y = make_dataset("circle", 50)
    with pytest.raises(DatasetError):
        train_test_split(X, y, frac)


# ----------------------------------------------------------------- load_csv

GOOD = "x1,x2,label\n0,0,cat\n2,4,dog\n1,1,cat\n2,0,dog\n"


def test_csv_string_labels_and_scaling():
    X, y, labels = load_csv(GOOD)
    assert labels == ("cat", "dog")
    assert y.tolist() == [0, 1, 0, 1] and y.dtype == np.int64
    assert X.dtype == np.float64 and X.shape == (4, 2)
    np.testing.assert_allclose(X, [[-1, -1], [1, 1], [0, -0.5], [1, -1]])
    assert X.min(axis=0).tolist() == [-1, -1] and X.max(axis=0).tolist() == [1, 1]


@pytest.mark.parametrize("source", [
    GOOD, GOOD.encode(), io.BytesIO(GOOD.encode()), io.StringIO(GOOD),
    ("\ufeff" + GOOD).encode("utf-8"),  # Excel's BOM
    GOOD.replace("\n", "\r\n"),
    GOOD.replace(",", ";"), GOOD.replace(",", "\t"),
    " X1 , x2 ,  LABEL \n0,0,cat\n2,4,dog\n\n1,1,cat\n2,0,dog\n\n",  # spaces, case, blanks
    "label,x2,x1,note\ncat,0,0,a\ndog,4,2,b\ncat,1,1,c\ndog,0,2,d\n",  # order, extra column
    'x1,x2,label\n"0",0,cat\n2,"4",dog\n1,1,"cat"\n2,0,dog,\n',  # quotes, trailing comma
])
def test_csv_accepts_every_reasonable_form(source):
    X, y, labels = load_csv(source)
    assert labels == ("cat", "dog")
    np.testing.assert_allclose(X, [[-1, -1], [1, 1], [0, -0.5], [1, -1]])


def test_csv_from_path(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert load_csv(path)[2] == ("cat", "dog")


@pytest.mark.parametrize("values, expected, labels", [
    (["-1", "1", "1", "-1"], [0, 1, 1, 0], ("-1", "1")),
    (["1", "0", "1.0", "0"], [1, 0, 1, 0], ("0", "1")),  # "1" and "1.0": one class
    (["5", "2", "5", "2"], [1, 0, 1, 0], ("2", "5")),
    (["circle", "triangle", "circle", "triangle"], [1, 0, 1, 0], ("triangle", "circle")),
    (["True", "False", "False", "True"], [1, 0, 0, 1], ("False", "True")),
    (["圆", "三角形", "圆", "三角形"], [1, 0, 1, 0], ("三角形", "圆")),
    (["b", "a", "b", "a"], [1, 0, 1, 0], ("a", "b")),
])
def test_csv_label_mapping(values, expected, labels):
    text = "x1,x2,label\n" + "".join(f"{i},{i * i},{v}\n" for i, v in enumerate(values))
    X, y, names = load_csv(text)
    assert y.tolist() == expected and names == labels


def test_csv_constant_column_becomes_zero():
    X, _, _ = load_csv("x1,x2,label\n3,1,a\n3,2,b\n3,5,a\n3,9,b\n")
    assert (X[:, 0] == 0).all()
    assert X[:, 1].min() == -1 and X[:, 1].max() == 1


def test_csv_huge_values_scale_without_overflow():
    X, _, _ = load_csv("x1,x2,label\n-1e308,1,a\n1e308,2,b\n0,3,a\n1e308,4,b\n")
    assert np.isfinite(X).all()
    np.testing.assert_allclose(X[:, 0], [-1, 1, 0, 1])


def test_csv_max_rows_is_allowed():
    rows = "".join(f"{i % 7},{i % 5},{i % 2}\n" for i in range(MAX_ROWS))
    X, y, _ = load_csv("x1,x2,label\n" + rows)
    assert X.shape == (MAX_ROWS, 2)


def _rows(n):
    return "".join(f"{i},{i},{'ab'[i % 2]}\n" for i in range(n))


MALFORMED = {
    "empty": ["", "   \n\n  \n", b""],
    "columns": ["a,b,c\n1,2,3\n", "x1,x2\n1,2\n", "x1,x2,label,label\n1,2,a,b\n",
                "1,2,a\n3,4,b\n5,6,a\n7,8,b\n"],
    "non_numeric": ["x1,x2,label\n1,2,a\n1,x,b\n1,2,a\n3,4,b\n",
                    "x1,x2,label\n1,,a\n2,1,b\n1,2,a\n3,4,b\n",
                    "x1,x2,label\n1,2,a\n1;5,3,b\n1,2,a\n3,4,b\n"],
    "not_finite": ["x1,x2,label\n1,nan,a\n2,1,b\n1,2,a\n3,4,b\n",
                   "x1,x2,label\ninf,1,a\n2,1,b\n1,2,a\n3,4,b\n",
                   "x1,x2,label\n1e999,1,a\n2,1,b\n1,2,a\n3,4,b\n"],
    "ragged": ["x1,x2,label\n1,2\n3,4,b\n", "x1,x2,label\n1,2,a,extra\n3,4,b\n"],
    "missing_label": ["x1,x2,label\n1,2,\n3,4,b\n1,2,a\n3,4,b\n"],
    "one_class": ["x1,x2,label\n" + "".join(f"{i},{i},a\n" for i in range(6))],
    "too_many_classes": ["x1,x2,label\n1,1,a\n2,2,b\n3,3,c\n4,4,a\n"],
    "too_many_rows": ["x1,x2,label\n" + _rows(MAX_ROWS + 1)],
    "too_few_rows": ["x1,x2,label\n", "x1,x2,label\n1,2,a\n3,4,b\n"],
    "encoding": [b"x1,x2,label\n1,2,\xff\xfe\n", "x1,x2,label\n1,2,中文\n".encode("gbk")],
    "unreadable": [12345, None],
}


@pytest.mark.parametrize("code, source", [(c, s) for c, ss in MALFORMED.items() for s in ss])
def test_csv_malformed_raises_dataset_error_with_code(code, source):
    with pytest.raises(DatasetError) as info:
        load_csv(source)
    assert info.value.code == code
    assert code in ERROR_CODES
    assert isinstance(info.value.details, dict)


def test_csv_error_details_point_at_the_problem():
    with pytest.raises(DatasetError) as info:
        load_csv("x1,x2,label\n1,2,a\n\n1,oops,b\n")
    assert info.value.details == {"line": 4, "column": "x2", "value": "oops"}
    with pytest.raises(DatasetError) as info:
        load_csv("Foo,x2\n1,2\n")
    assert info.value.details["found"] == ["Foo", "x2"]
    assert info.value.details["expected"] == ["x1", "x2", "label"]
    with pytest.raises(DatasetError) as info:
        load_csv("x1,x2,label\n" + "".join(f"{i},1,{i}\n" for i in range(9)))
    assert info.value.details["found"] == 9 and len(info.value.details["labels"]) == 5
    assert MIN_ROWS >= 2


def test_csv_file_that_fails_to_read():
    class Broken:
        def read(self, *args):
            raise OSError("disk on fire")

    with pytest.raises(DatasetError) as info:
        load_csv(Broken())
    assert info.value.code == "unreadable"


def test_csv_random_garbage_only_ever_raises_dataset_error():
    rng = np.random.default_rng(0)
    alphabet = list("x12,label\n;\t\"'. -e+nainf") + ["\x00", "\r"]
    for i in range(300):
        if i % 2:
            data = rng.integers(0, 256, rng.integers(0, 200)).astype(np.uint8).tobytes()
        else:
            data = "x1,x2,label\n" + "".join(rng.choice(alphabet, rng.integers(0, 120)))
        try:
            load_csv(data)
        except DatasetError as exc:
            assert exc.code in ERROR_CODES


# ----------------------------------------------------------------- the page's own file, back again


@pytest.mark.parametrize("name", DATASETS)
def test_the_data_set_download_reads_back_exactly(name):
    """dataset.csv (the training page's download) uploaded again gives the same points,
    classes and split, bit for bit: gauss and moons are not stretched, nothing re-split."""
    from core.present.exports import dataset_csv

    split = train_test_split(*make_dataset(name, n=300, noise=0.3, seed=4), 0.7, seed=4)
    data = read_csv(dataset_csv(split))
    assert not data.scaled and data.test is not None
    for ours, theirs in zip(split, data.split()):
        np.testing.assert_array_equal(ours, theirs)
        assert ours.dtype == theirs.dtype


def test_coordinates_in_the_square_are_kept_and_others_scaled():
    inside = "x1,x2,label\n0.5,-0.25,a\n0.1,0.2,b\n-0.3,0.4,a\n0.2,0.1,b\n"
    data = read_csv(inside)
    np.testing.assert_array_equal(data.X, [[0.5, -0.25], [0.1, 0.2], [-0.3, 0.4], [0.2, 0.1]])
    assert not data.scaled and data.test is None
    assert read_csv(inside.replace("0.5,", "1.5,")).scaled


@pytest.mark.parametrize("cells, code, details", [
    (["train", "test", "validate", "test"], "bad_split", {"line": 4, "value": "validate"}),
    (["train", "TRAIN", " train ", "train"], "split_one_part", {"part": "train"}),
    (["test"] * 4, "split_one_part", {"part": "test"}),
])
def test_a_bad_split_column_says_what_is_wrong(cells, code, details):
    text = "x1,x2,label,split\n" + "".join(f"0.{i},0.{i},{i % 2},{c}\n" for i, c in enumerate(cells))
    with pytest.raises(DatasetError) as caught:
        read_csv(text)
    assert caught.value.code == code and caught.value.details == details
