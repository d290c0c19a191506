"""Toy 2-D data sets for the training page, and a loader for the learner's own CSV.

Every data set lives in the square [-1, 1]²: ``X`` is float64 ``(n, 2)``, ``y`` is int64
``(n,)`` with values in {0, 1}. Class 1 is drawn as blue circles, class 0 as orange
triangles (the article's picture). Half the points (``n // 2``) are class 1.

Noise
-----
``noise`` is a fraction in [0, 1] (the page shows 0..100 %). For every data set it
*moves* the points: each point gets a Gaussian displacement with standard deviation
``NOISE_SCALE * noise`` (0.4 at 100 %) on each axis, after its class has been decided
from the clean position. So at high noise the classes really overlap, and a perfect
test accuracy is no longer possible. Finally ``X`` is clipped into [-1, 1]² (points
pushed out of the square pile up on its edge rather than disappear).

All randomness comes from ``numpy.random.default_rng(seed)``: the same arguments give
the same bytes; another seed gives other points.
"""

from __future__ import annotations

import csv
import io
import math
import os

from dataclasses import dataclass

import numpy as np

__all__ = [
    "DATASETS",
    "DatasetError",
    "ERROR_CODES",
    "DRAW_LIMIT",
    "MAX_BYTES",
    "MAX_ROWS",
    "MIN_ROWS",
    "drawn_dataset",
    "NOISE_SCALE",
    "CsvData",
    "load_csv",
    "read_csv",
    "make_dataset",
    "train_test_split",
]


#: Standard deviation of the displacement at noise = 1 (100 %), per axis.
NOISE_SCALE = 0.4

#: The CSV loader's limits.
MAX_ROWS = 10_000
MIN_ROWS = 4
MAX_BYTES = 5_000_000

#: Every ``DatasetError.code`` this module raises (the page translates them).
ERROR_CODES = (
    "unknown_dataset",  # make_dataset: details name, known
    "bad_argument",  # make_dataset / train_test_split: details name, value
    "unreadable",  # the source could not be read at all: details reason
    "too_large",  # more than MAX_BYTES bytes: details max_bytes
    "encoding",  # not UTF-8: details position (byte offset)
    "empty",  # nothing but blank lines
    "columns",  # header lacks x1, x2, label (or repeats one): details found, expected
    "ragged",  # a row with a different number of fields: details line, expected, found
    "non_numeric",  # x1/x2 not a number: details line, column, value
    "not_finite",  # x1/x2 is NaN or ±inf: details line, column, value
    "missing_label",  # an empty label cell: details line
    "too_few_rows",  # fewer than MIN_ROWS data rows: details found, min
    "too_many_rows",  # more than MAX_ROWS data rows: details max
    "one_class",  # a single label value: details label
    "too_many_classes",  # more than two label values: details found, labels (first 5)
    "bad_split",  # a split cell that is neither train nor test: details line, value
    "split_one_part",  # a split column naming only one part: details part
)


class DatasetError(ValueError):
    """Bad data, described by a language-neutral ``code`` and a ``details`` dict.

    ``code`` is one of :data:`ERROR_CODES`; ``details`` carries what a message needs
    (``line`` is the 1-based line of the file, the header being line 1).
    """

    def __init__(self, code: str, **details):
        self.code = code
        self.details = details
        super().__init__(f"{code}: {details}" if details else code)


# ------------------------------------------------------------------ the generators


def _polar(r: np.ndarray, angle: np.ndarray) -> np.ndarray:
    return np.column_stack((r * np.cos(angle), r * np.sin(angle)))


def _circle(rng: np.random.Generator, n1: int, n0: int):
    """Class 1 uniform in the disc r ≤ 0.5; class 0 uniform in the ring 0.7 ≤ r ≤ 1.

    The gap 0.5 < r < 0.7 is empty at noise 0. ``r = sqrt(u)`` scaling makes the density
    uniform in area (a uniform ``r`` would crowd the centre).
    """
    r1 = 0.5 * np.sqrt(rng.uniform(0.0, 1.0, n1))
    r0 = np.sqrt(rng.uniform(0.7**2, 1.0, n0))
    a = rng.uniform(0.0, 2.0 * np.pi, n1 + n0)
    return _polar(r1, a[:n1]), _polar(r0, a[n1:])


def _xor(rng: np.random.Generator, n1: int, n0: int):
    """Uniform in the four quadrants, 0.05 away from both axes; class 1 where x1·x2 > 0."""

    def quadrant_points(count: int, same_sign: bool) -> np.ndarray:
        mag = rng.uniform(0.05, 1.0, (count, 2))
        s1 = rng.choice((-1.0, 1.0), count)
        s2 = s1 if same_sign else -s1
        return mag * np.column_stack((s1, s2))

    return quadrant_points(n1, True), quadrant_points(n0, False)


def _gauss(rng: np.random.Generator, n1: int, n0: int):
    """Two round Gaussian clusters, σ = 0.15: class 1 at (0.4, 0.4), class 0 at (−0.4, −0.4)."""
    return (rng.normal(0.4, 0.15, (n1, 2)), rng.normal(-0.4, 0.15, (n0, 2)))


def _moons(rng: np.random.Generator, n1: int, n0: int):
    """Two interleaving half circles (as scikit-learn's make_moons), scaled by 0.6.

    Upper moon (class 0): (cos t, sin t); lower moon (class 1): (1 − cos t, 0.5 − sin t),
    t uniform in [0, π]; then shifted by (−0.5, −0.25) and scaled by 0.6 into the square.
    """
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    upper = np.column_stack((np.cos(t0), np.sin(t0)))
    lower = np.column_stack((1.0 - np.cos(t1), 0.5 - np.sin(t1)))
    shift = np.array([0.5, 0.25])
    return 0.6 * (lower - shift), 0.6 * (upper - shift)


def _spiral(rng: np.random.Generator, n1: int, n0: int):
    """Two arms of an Archimedean spiral, half a turn apart (TensorFlow Playground's).

    t uniform in [0, 1]: r = 0.05 + 0.9·t, angle = 1.75 turns · t (+ π for class 0).
    """

    def arm(count: int, phase: float) -> np.ndarray:
        t = rng.uniform(0.0, 1.0, count)
        return _polar(0.05 + 0.9 * t, 1.75 * 2.0 * np.pi * t + phase)

    return arm(n1, 0.0), arm(n0, np.pi)


def _linear(rng: np.random.Generator, n1: int, n0: int):
    """Uniform in the square, split by the line x2 = 0.5·x1 + 0.1 with a margin.

    Class 1 above the line. Points closer than 0.08 (perpendicular) to the line are
    redrawn, so at noise 0 a straight line separates the classes with room to spare.
    """
    normal = np.array([-0.5, 1.0]) / math.hypot(0.5, 1.0)
    offset = 0.1 / math.hypot(0.5, 1.0)
    above, below = [], []
    have1 = have0 = 0
    while have1 < n1 or have0 < n0:
        cand = rng.uniform(-1.0, 1.0, (2 * (n1 + n0) + 16, 2))
        dist = cand @ normal - offset
        above.append(cand[dist > 0.08])
        below.append(cand[dist < -0.08])
        have1 += len(above[-1])
        have0 += len(below[-1])
    return np.concatenate(above)[:n1], np.concatenate(below)[:n0]


#: The generators, in teaching order: the article's picture first, then harder ones,
#: and the linearly separable one last (it is the article's figure 02, a special case).
#: A new data set is a generator and a line here, and its name in both languages in
#: ``core/texts/training.py`` (``trn_ds_<key>``; a test asks for it).
_GENERATORS = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "moons": _moons,
    "spiral": _spiral,
    "linear": _linear,
}
#: Data set keys in teaching order (URL values, option values).
DATASETS = tuple(_GENERATORS)


def make_dataset(name: str, n: int = 500, noise: float = 0.0, seed: int = 0):
    """Return ``(X, y)``: ``n`` points of data set ``name`` (see :data:`DATASETS`).

    * ``circle``: class 1 in the disc r ≤ 0.5, class 0 in the ring 0.7 ≤ r ≤ 1 (a gap
      at noise 0); no straight line separates them.
    * ``xor``: class 1 in the quadrants where x1·x2 > 0, class 0 in the other two.
    * ``gauss``: two Gaussian clusters, class 1 at (0.4, 0.4), class 0 at (−0.4, −0.4).
    * ``moons``: two interleaving half circles.
    * ``spiral``: two interleaved spiral arms (1.75 turns).
    * ``linear``: separable by the line x2 = 0.5·x1 + 0.1, margin 0.08.

    ``noise`` in [0, 1] displaces every point by N(0, (0.4·noise)²) per axis (the class
    stays the one of the clean position); ``X`` is then clipped into [-1, 1]². The rows
    are shuffled, so the classes interleave.
    """
    if name not in _GENERATORS:
        raise DatasetError("unknown_dataset", name=str(name), known=list(DATASETS))
    n = int(n)
    if n < 2:
        raise DatasetError("bad_argument", name="n", value=n)
    noise = float(noise)
    if not 0.0 <= noise <= 1.0:  # also rejects NaN
        raise DatasetError("bad_argument", name="noise", value=noise)
    rng = np.random.default_rng(seed)
    n1 = n // 2
    x1, x0 = _GENERATORS[name](rng, n1, n - n1)
    X = np.concatenate((x1, x0)).astype(np.float64)
    y = np.concatenate((np.ones(n1, np.int64), np.zeros(n - n1, np.int64)))
    if noise > 0.0:
        X += rng.normal(0.0, NOISE_SCALE * noise, X.shape)
    order = rng.permutation(n)
    X = np.clip(X[order], -1.0, 1.0)
    return np.ascontiguousarray(X), y[order]


def train_test_split(X, y, train_fraction: float = 0.5, seed: int = 0):
    """Split into ``(X_train, y_train, X_test, y_test)``, stratified by class.

    Each class contributes ``round(train_fraction · count)`` points to the training set
    (at least one to each side when it has two or more), chosen by a permutation from
    ``default_rng(seed)``; both parts come back shuffled. Same arguments, same bytes.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    frac = float(train_fraction)
    if not 0.0 < frac < 1.0:
        raise DatasetError("bad_argument", name="train_fraction", value=frac)
    rng = np.random.default_rng(seed)
    train_idx, test_idx = [], []
    for cls in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == cls))
        k = int(round(frac * len(idx)))
        if len(idx) >= 2:
            k = min(max(k, 1), len(idx) - 1)
        train_idx.append(idx[:k])
        test_idx.append(idx[k:])
    tr = rng.permutation(np.concatenate(train_idx)) if train_idx else np.empty(0, int)
    te = rng.permutation(np.concatenate(test_idx)) if test_idx else np.empty(0, int)
    return X[tr], y[tr], X[te], y[te]


# ------------------------------------------------------------------- the CSV loader

_REQUIRED = ("x1", "x2", "label")

# Label pairs whose meaning is known: (class 0, class 1), compared case-insensitively.
# Anything else is ordered numerically (all labels numbers) or alphabetically.
_KNOWN_PAIRS = (
    ("triangle", "circle"),
    ("triangles", "circles"),
    ("三角形", "圆"),
    ("三角形", "圆形"),
    ("false", "true"),
    ("no", "yes"),
    ("neg", "pos"),
    ("negative", "positive"),
)


def _read_bytes(source) -> bytes | str:
    """Bytes or text from bytes, text, a path, or a (binary or text) file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[: MAX_BYTES + 1])
    if isinstance(source, str):
        return source
    try:
        if isinstance(source, os.PathLike):
            with open(source, "rb") as fh:
                return fh.read(MAX_BYTES + 1)
        if hasattr(source, "getvalue"):  # BytesIO, StringIO, Streamlit's UploadedFile
            data = source.getvalue()
        elif hasattr(source, "read"):
            data = source.read(MAX_BYTES + 1)
        else:
            raise DatasetError("unreadable", reason=type(source).__name__)
    except DatasetError:
        raise
    except (OSError, ValueError, TypeError) as exc:
        raise DatasetError("unreadable", reason=type(exc).__name__) from None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data[: MAX_BYTES + 1])
    if isinstance(data, str):
        return data
    raise DatasetError("unreadable", reason=type(data).__name__)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        if len(data) > MAX_BYTES:
            raise DatasetError("too_large", max_bytes=MAX_BYTES)
        return data.removeprefix("\ufeff")
    if len(data) > MAX_BYTES:
        raise DatasetError("too_large", max_bytes=MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError("encoding", position=int(exc.start)) from None


def _sniff_delimiter(text: str) -> str:
    """Comma, unless the first non-blank line has none but a semicolon or a tab."""
    for line in text.splitlines():
        if line.strip():
            for delim in (",", ";", "\t"):
                if delim in line:
                    return delim
            break
    return ","


def _header_index(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    index = {}
    for req in _REQUIRED:
        hits = [i for i, h in enumerate(names) if h == req]
        if len(hits) != 1:
            raise DatasetError("columns", found=[h.strip() for h in header],
                               expected=list(_REQUIRED))
        index[req] = hits[0]
    return index


def _parse_number(text: str, line: int, column: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise DatasetError("non_numeric", line=line, column=column,
                           value=text.strip()[:40]) from None
    if not math.isfinite(value):
        raise DatasetError("not_finite", line=line, column=column, value=text.strip()[:40])
    return value


def _rows(text: str):
    """Yield ``(line, fields)`` for every non-blank row; csv errors become DatasetError."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                yield reader.line_num, fields
    except csv.Error as exc:
        raise DatasetError("unreadable", reason=str(exc)[:80], line=reader.line_num) from None


#: The optional ``split`` column's values (any case), as the data set download writes them.
SPLIT_VALUES = ("train", "test")


def _split_index(header: list[str]) -> int | None:
    names = [h.strip().lower() for h in header]
    return names.index("split") if names.count("split") == 1 else None


def _parse_split(fields: list[str], index: int | None, line: int) -> bool | None:
    """True for a test row, False for a training row, None without a split column."""
    if index is None:
        return None
    value = fields[index].strip()
    if value.lower() not in SPLIT_VALUES:
        raise DatasetError("bad_split", line=line, value=value[:40])
    return value.lower() == "test"


def _parse_rows(rows, width: int, index: dict[str, int], split_at: int | None = None):
    xs, labels, tests = [], [], []
    for line, fields in rows:
        if len(fields) != width:
            # Trailing empty fields (a spreadsheet's stray commas) are harmless.
            if len(fields) < width or any(f.strip() for f in fields[width:]):
                raise DatasetError("ragged", line=line, expected=width, found=len(fields))
        if len(xs) >= MAX_ROWS:
            raise DatasetError("too_many_rows", max=MAX_ROWS)
        x1 = _parse_number(fields[index["x1"]], line, "x1")
        x2 = _parse_number(fields[index["x2"]], line, "x2")
        label = fields[index["label"]].strip()
        if not label:
            raise DatasetError("missing_label", line=line)
        xs.append((x1, x2))
        labels.append(label)
        tests.append(_parse_split(fields, split_at, line))
    return xs, labels, tests


def _as_number(label: str) -> float | None:
    try:
        value = float(label)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _classes(labels: list[str]):
    """Map label strings to 0/1; return ``(y, (label0, label1))``.

    If every label is a number, labels are compared as numbers ("1" and "1.0" are one
    class) and the larger is class 1 (so 0/1 and -1/1 keep their meaning). Otherwise
    labels are compared as stripped strings (case matters), a known pair such as
    triangle/circle or false/true is honoured, and otherwise the alphabetically first
    label is class 0. The returned names are the first spelling met in the file.
    """
    numbers = [_as_number(s) for s in labels]
    keys = numbers if all(v is not None for v in numbers) else labels
    first_spelling: dict = {}
    for key, text in zip(keys, labels):
        first_spelling.setdefault(key, text)
    distinct = list(first_spelling)
    if len(distinct) == 1:
        raise DatasetError("one_class", label=labels[0])
    if len(distinct) > 2:
        raise DatasetError("too_many_classes", found=len(distinct),
                           labels=[first_spelling[k] for k in distinct[:5]])
    order = sorted(distinct)
    if keys is labels:
        lowered = {k.lower() for k in distinct}
        for neg, pos in _KNOWN_PAIRS:
            if lowered == {neg, pos}:
                order = sorted(distinct, key=lambda k: k.lower() == pos)
                break
    positive = order[1]
    y = np.fromiter((k == positive for k in keys), dtype=np.int64, count=len(keys))
    return y, (first_spelling[order[0]], first_spelling[order[1]])


def _scale_columns(X: np.ndarray) -> np.ndarray:
    """Per-axis min-max scaling into [-1, 1]; a constant column becomes 0.

    Halving before subtracting keeps ``max − min`` finite even for ±1e308.
    """
    lo = X.min(axis=0) / 2.0
    span = X.max(axis=0) / 2.0 - lo
    out = np.zeros_like(X)
    ok = span > 0
    out[:, ok] = (X[:, ok] / 2.0 - lo[ok]) / span[ok] * 2.0 - 1.0
    return np.clip(out, -1.0, 1.0)


@dataclass(frozen=True)
class CsvData:
    """A CSV file's points: ``X`` (n, 2) in [-1, 1]², ``y`` in {0, 1}, the ``labels`` as
    written (class 0's, class 1's), ``test`` (n,) bools from its ``split`` column or None
    without one, and ``scaled``: whether the coordinates had to be rescaled."""

    X: np.ndarray
    y: np.ndarray
    labels: tuple[str, str]
    test: np.ndarray | None
    scaled: bool

    def split(self):
        """``(X_train, y_train, X_test, y_test)`` by the file's own split column."""
        if self.test is None:
            raise ValueError("the file has no split column")
        return self.X[~self.test], self.y[~self.test], self.X[self.test], self.y[self.test]


def _into_square(X: np.ndarray) -> tuple[np.ndarray, bool]:
    """Coordinates already in [-1, 1]² are kept as they are (a file this app wrote, or drawn
    points, come back where they were); any other data is min-max scaled per axis."""
    if np.all(np.abs(X) <= 1.0):
        return X, False
    return _scale_columns(X), True


def read_csv(source) -> CsvData:
    """Read the learner's 2-D data as :class:`CsvData` (see :func:`load_csv` for the format).

    An optional ``split`` column (``train`` or ``test`` in any case, as the page's data
    set download writes it) fixes which rows are test points; a file that lists only one
    of the two parts, or another value, is an error. Raises :class:`DatasetError` only.
    """
    try:
        text = _decode(_read_bytes(source))
        rows = _rows(text)
        first = next(rows, None)
        if first is None:
            raise DatasetError("empty")
        _, header = first
        index = _header_index(header)
        split_at = _split_index(header)
        xs, labels, tests = _parse_rows(rows, len(header), index, split_at)
        if len(xs) < MIN_ROWS:
            raise DatasetError("too_few_rows", found=len(xs), min=MIN_ROWS)
        y, names = _classes(labels)
        X, scaled = _into_square(np.asarray(xs, dtype=np.float64))
        test = None if split_at is None else np.asarray(tests, dtype=bool)
        if test is not None and (test.all() or not test.any()):
            raise DatasetError("split_one_part", part="test" if test.all() else "train")
    except DatasetError:
        raise
    except Exception as exc:  # a defect here must still reach the page as a message
        raise DatasetError("unreadable", reason=type(exc).__name__) from None
    return CsvData(X, y, names, test, scaled)


def load_csv(source):
    """Read the learner's 2-D data: ``(X, y, labels)``.

    ``source`` is the file's bytes, its text (a ``str`` is the CSV text, not a path),
    a ``pathlib.Path``, or a file object (binary or text, e.g. Streamlit's
    ``UploadedFile``). The file is UTF-8 (a BOM is fine), comma-separated (or ``;`` /
    tab, detected from the header line), with a header naming the columns ``x1``,
    ``x2`` and ``label`` in any order and any case, surrounding spaces ignored; other
    columns are ignored; blank lines are skipped.

    ``X`` is float64 ``(n, 2)`` in [-1, 1]²: kept as written when every coordinate is
    already there, else min-max scaled per axis (a constant column becomes 0); ``y`` is
    int64 in {0, 1}; ``labels`` is ``(name of class 0, name of class 1)`` as written in
    the file (see :func:`_classes` for which is which). :func:`read_csv` also returns the
    file's own train/test split, if it has one.

    Raises :class:`DatasetError` (never anything else) with a code from
    :data:`ERROR_CODES` for every malformed file.
    """
    data = read_csv(source)
    return data.X, data.y, data.labels


#: Drawn points lie in the plane the page draws, [−1, 1]² (the built-in sets' square).
DRAW_LIMIT = 1.0


def drawn_dataset(points) -> tuple[np.ndarray, np.ndarray]:
    """The learner's drawn points as ``(X, y)``, like :func:`make_dataset`'s.

    ``points`` is a sequence of ``(x1, x2, label)``, label 1 for a circle and 0 for a
    triangle. Coordinates are clipped into [−DRAW_LIMIT, DRAW_LIMIT]² and are not
    rescaled (what the learner drew is where it trains). Raises :class:`DatasetError`
    ``too_few_rows`` below :data:`MIN_ROWS` points, ``one_class`` when one class is
    missing (nothing to separate), ``too_many_rows`` above :data:`MAX_ROWS`, and
    ``not_finite`` for a coordinate that is not a finite number.
    """
    rows = [tuple(p) for p in points]
    if len(rows) < MIN_ROWS:
        raise DatasetError("too_few_rows", found=len(rows), min=MIN_ROWS)
    if len(rows) > MAX_ROWS:
        raise DatasetError("too_many_rows", max=MAX_ROWS)
    X = np.array([(float(r[0]), float(r[1])) for r in rows], dtype=np.float64)
    if not np.all(np.isfinite(X)):
        line = int(np.argmax(~np.all(np.isfinite(X), axis=1))) + 1
        raise DatasetError("not_finite", line=line, column="x1/x2", value="—")
    y = np.array([1 if int(r[2]) == 1 else 0 for r in rows], dtype=np.int64)
    if y.min() == y.max():
        raise DatasetError("one_class", label="1" if y[0] == 1 else "0")
    return np.clip(X, -DRAW_LIMIT, DRAW_LIMIT), y
