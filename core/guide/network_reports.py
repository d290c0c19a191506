r"""A learner's network as the class sees it: the report, its boundary picture, its text,
and the gallery's groups.

While a learner of a class trains, the training page sends a :class:`NetworkReport` at
most every 2 s (:func:`report_network`); the teacher's gallery reads the latest of each
learner (:func:`class_networks`) and draws every boundary as a thumbnail, grouped by
activation (:func:`gallery_groups`). The store (:mod:`core.classroom.networks`) keeps a
report as text and never reads inside it; what a report may hold is checked here, with
the training page's own catalogs and bounds (``core.state.training``), because the class
store's floor does not know them.

**The boundary** is a 32 × 32 picture of the network's P(class 1) over the plane, as
1,024 bytes, row-major: ``q = round(255·p)``, so **0 is surely class 0 (a triangle),
255 surely class 1 (a circle)** and 128 "don't know" (also what a diverged network's NaN
becomes). Its orientation is the live view's (:mod:`core.nn.plane`): row 0 is the top
(largest x₂), columns go left to right in x₁, over the square [−LIM, LIM]², so it is
drawn as it is. :func:`boundary_from_grid` makes it from the live page's grid (any
r × r, bytes or probabilities) by area averaging: each of the 32 × 32 cells is the mean
of the part of the r × r grid it covers, fractional cells weighted by the area they
share, so no detail is dropped between samples and a 100 × 100 grid loses only its
resolution.

**The text** (:func:`encode`, :func:`decode`) is one line of ASCII JSON, at most
``MAX_REPORT_CHARS`` (4,096) characters, ~1,550 in practice::

    {"version":1,"epoch":120,"test_accuracy":0.984,"test_loss":0.061,"activation":"relu",
     "hidden":[4,2],"dataset":"circle","features":["x1","x2"],"diverged":false,
     "boundary":"<the 1,024 bytes in standard base64, with padding: 1,368 characters>"}

Every key is required and no other is allowed; ``test_accuracy`` and ``test_loss`` may
be null (not measured yet, or not finite). :func:`decode` is strict: any wrong type,
size, value outside its range or catalog, unknown or missing key, duplicated key,
non-standard number (NaN, Infinity) or oversize text raises
``ClassError("bad_report", field=…, problem=…)`` (``problem``: ``type``, ``range``,
``size``, ``missing``, ``unknown``, ``malformed``, ``too_large`` or ``version``).
"""

from __future__ import annotations

import base64
import functools
import binascii
import json
import math
import numbers
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from core.classroom import limits, networks
from core.classroom.access import ClassState
from core.classroom.errors import ClassError
from core.nn.activations import ACTIVATIONS
from core.state.training import DATASET_OPTIONS, DEFAULTS, PARAMS_BY_KEY

__all__ = [
    "BOUNDARY_BYTES",
    "BOUNDARY_SIDE",
    "FORMAT_VERSION",
    "GALLERY_ORDERS",
    "ClassNetworks",
    "GalleryGroup",
    "LearnerNetwork",
    "NetworkReport",
    "boundary_from_grid",
    "class_networks",
    "decode",
    "encode",
    "gallery_groups",
    "network_report",
    "report_network",
    "report_networks",
]

#: Cells per side of a report's boundary picture: a thumbnail among 30 to 100 on a
#: projector needs no more, and 1 kB a report every 2 s is little for the store.
BOUNDARY_SIDE = 32
BOUNDARY_BYTES = BOUNDARY_SIDE * BOUNDARY_SIDE
FORMAT_VERSION = 1
#: Far beyond any lesson (speed max trains a few thousand epochs a second); a bound so
#: that a number in a report is never a 4,000-digit integer.
MAX_EPOCH = 10**9
#: The keys of the text, in the order :func:`encode` writes them.
KEYS = ("version", "epoch", "test_accuracy", "test_loss", "activation", "hidden", "dataset", "features",
        "diverged", "boundary")


def _bad(name: str, problem: str) -> ClassError:
    return ClassError("bad_report", field=name, problem=problem)


# ----------------------------------------------------------------- the record


def _integer(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _bad(name, "type")
    if not low <= int(value) <= high:
        raise _bad(name, "range")
    return int(value)


def _measure(name: str, value: object, high: float) -> float | None:
    """None, or a finite float in [0, high]."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _bad(name, "type")
    value = float(value)
    if not (math.isfinite(value) and 0.0 <= value <= high):
        raise _bad(name, "range")
    return value


def _key_of(name: str, value: object, catalog: Iterable[str]) -> str:
    if not isinstance(value, str):
        raise _bad(name, "type")
    if value not in catalog:
        raise _bad(name, "range")
    return value


def _through_link_parser(name: str, value: object, kind: type) -> tuple:
    """A list setting (hidden layers, features) as a tuple, if the training link's own
    parser reads it back unchanged: the same bounds, catalog and order as a link."""
    accepted = numbers.Integral if kind is int else kind
    if not isinstance(value, (tuple, list)) or not all(
            isinstance(v, accepted) and not isinstance(v, bool) for v in value):
        raise _bad(name, "type")
    param = PARAMS_BY_KEY[name]
    try:
        ok = param.parse(param.dump([kind(v) for v in value])) == [kind(v) for v in value]
    except (ValueError, TypeError):
        ok = False
    if not ok:
        raise _bad(name, "range")
    return tuple(kind(v) for v in value)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise _bad(name, "type")
    return bool(value)


def _boundary(value: object) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise _bad("boundary", "type")
    value = bytes(value)
    if len(value) != BOUNDARY_BYTES:
        raise _bad("boundary", "size")
    return value


@dataclass(frozen=True)
class NetworkReport:
    """One learner's network at one moment, as the class sees it.

    ``epoch`` (0 … 10⁹), ``test_accuracy`` (in [0, 1]) and ``test_loss`` (finite, ≥ 0),
    each None when not known; ``activation`` (a key of ``core.nn.activations.ACTIVATIONS``),
    ``hidden`` (units per hidden layer, within the training link's bounds: 0-6 layers of
    1-16), ``dataset`` (a data set key, or ``upload`` / ``draw``), ``features`` (keys of
    ``core.nn.features.FEATURES``, at least one, in the registry's order), ``diverged``,
    and ``boundary``: the 32 × 32 picture (module docstring), 1,024 bytes.

    Made only valid: anything else raises ``ClassError("bad_report", field, problem)``.
    Numbers of numpy types are taken as the Python numbers they are.
    """

    epoch: int
    test_accuracy: float | None
    test_loss: float | None
    activation: str
    hidden: tuple[int, ...]
    dataset: str
    features: tuple[str, ...]
    diverged: bool
    boundary: bytes = field(repr=False)

    def __post_init__(self):
        checked = {
            "epoch": _integer("epoch", self.epoch, 0, MAX_EPOCH),
            "test_accuracy": _measure("test_accuracy", self.test_accuracy, 1.0),
            "test_loss": _measure("test_loss", self.test_loss, math.inf),
            "activation": _key_of("activation", self.activation, ACTIVATIONS),
            "hidden": _through_link_parser("hidden", self.hidden, int),
            "dataset": _key_of("dataset", self.dataset, DATASET_OPTIONS),
            "features": _through_link_parser("features", self.features, str),
            "diverged": _flag("diverged", self.diverged),
            "boundary": _boundary(self.boundary),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    @property
    def grid(self) -> np.ndarray:
        """The boundary as a read-only uint8 array (32, 32), row 0 at the top."""
        return np.frombuffer(self.boundary, dtype=np.uint8).reshape(BOUNDARY_SIDE, BOUNDARY_SIDE)


# ----------------------------------------------------------------- the boundary


@functools.lru_cache(maxsize=8)
def _area_weights(r: int, side: int = BOUNDARY_SIDE) -> np.ndarray:
    """(side, r): row i holds the share of output cell i that each input cell covers.

    On a line of length r, output cell i spans [i·r/side, (i+1)·r/side) and input cell j
    spans [j, j+1); their overlap over the output cell's length is the weight, so each row
    sums to 1 and ``W @ g @ W.T`` averages g over each output cell's area."""
    edges = np.arange(side + 1) * (r / side)
    j = np.arange(r)
    overlap = np.minimum(edges[1:, None], j + 1) - np.maximum(edges[:-1, None], j)
    weights = np.clip(overlap, 0.0, None) * (side / r)
    weights.flags.writeable = False
    return weights


def boundary_from_grid(grid) -> bytes:
    """The report's 1,024-byte boundary from the page's square grid of P(class 1).

    ``grid``: r × r (any r ≥ 1), row 0 at the top as :mod:`core.nn.plane` makes it;
    either uint8 bytes as :class:`core.nn.plane.GridProbe` gives them (0-255), or
    probabilities in [0, 1] as :func:`core.nn.plane.evaluate_grid` gives them (NaN, a
    diverged network's, is "don't know": ½; values a rounding error outside [0, 1] are
    clipped). Area-averaged down (or up) to 32 × 32, rounded to bytes. Anything but a
    non-empty square grid of numbers: ``ClassError("bad_report", field="boundary")``.
    """
    g = np.asarray(grid)
    if g.ndim != 2 or g.shape[0] != g.shape[1] or g.shape[0] < 1:
        raise _bad("boundary", "size")
    if g.dtype == np.uint8:
        values = g.astype(np.float64)
    elif np.issubdtype(g.dtype, np.floating):
        p = np.where(np.isnan(g), 0.5, g).astype(np.float64)
        values = 255.0 * np.clip(p, 0.0, 1.0)
    else:
        raise _bad("boundary", "type")
    weights = _area_weights(g.shape[0])
    averaged = weights @ values @ weights.T
    return np.clip(np.rint(averaged), 0, 255).astype(np.uint8).tobytes()


def _known(value) -> float | None:
    """A metric as a report holds it: None for a missing or non-finite one."""
    if value is None or isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value) if math.isfinite(value) else None


def network_report(settings: Mapping, metrics: Mapping, grid, *, diverged: bool) -> NetworkReport:
    """The report of the training page's network: ``settings`` the page's (its state: the
    data set, activation, hidden layers and features; a missing one is the default),
    ``metrics`` the trainer's (:meth:`core.nn.trainer.Trainer.metrics`: ``epoch``,
    ``test_acc``, ``test_loss``; a NaN or infinite one is sent as None), ``grid`` the live
    view's probability grid (:func:`boundary_from_grid`), ``diverged`` the trainer's."""
    get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
    accuracy = _known(metrics.get("test_acc"))
    return NetworkReport(
        epoch=metrics.get("epoch", 0), test_accuracy=accuracy, test_loss=_known(metrics.get("test_loss")),
        activation=get("activation"), hidden=tuple(get("hidden")), dataset=get("dataset"),
        features=tuple(get("features")), diverged=diverged, boundary=boundary_from_grid(grid))


# ----------------------------------------------------------------- the text


def encode(report: NetworkReport) -> str:
    """The report as the store keeps it: one line of ASCII JSON (module docstring)."""
    if not isinstance(report, NetworkReport):
        raise _bad("report", "type")
    document = {
        "version": FORMAT_VERSION, "epoch": report.epoch, "test_accuracy": report.test_accuracy,
        "test_loss": report.test_loss, "activation": report.activation, "hidden": list(report.hidden),
        "dataset": report.dataset, "features": list(report.features), "diverged": report.diverged,
        "boundary": base64.b64encode(report.boundary).decode("ascii"),
    }
    return json.dumps(document, separators=(",", ":"), allow_nan=False)


def _object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different (json keeps the last of a duplicate)."""
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("a key appears twice")
    return document


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _document(text: object) -> dict:
    """The text's JSON object, its keys exactly :data:`KEYS`."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("ascii")
        except UnicodeDecodeError:
            raise _bad("report", "malformed") from None
    if not isinstance(text, str):
        raise _bad("report", "type")
    if len(text) > limits.MAX_REPORT_CHARS:
        raise _bad("report", "too_large")
    try:
        if not text.isascii():
            raise ValueError("not ASCII")
        document = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise _bad("report", "malformed") from None
    if not isinstance(document, dict):
        raise _bad("report", "malformed")
    if set(document) - set(KEYS):
        raise _bad("report", "unknown")
    for key in KEYS:
        if key not in document:
            raise _bad(key, "missing")
    return document


def _json_list(name: str, value: object) -> tuple:
    if not isinstance(value, list):
        raise _bad(name, "type")
    return tuple(value)


def decode(text: object) -> NetworkReport:
    """The report :func:`encode` wrote (str, or ASCII bytes); strict: anything else raises
    ``ClassError("bad_report", field, problem)`` (module docstring)."""
    document = _document(text)
    version = document["version"]
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise _bad("version", "version")
    for name in ("epoch", "test_accuracy", "test_loss"):  # JSON floats for counts, strings for numbers: no
        value = document[name]
        if isinstance(value, bool) or not (value is None or isinstance(value, int if name == "epoch" else (int, float))):
            raise _bad(name, "type")
    boundary = document["boundary"]
    if not isinstance(boundary, str):
        raise _bad("boundary", "type")
    try:
        raw = base64.b64decode(boundary, validate=True)
    except (binascii.Error, ValueError):
        raise _bad("boundary", "malformed") from None
    return NetworkReport(
        epoch=document["epoch"], test_accuracy=document["test_accuracy"], test_loss=document["test_loss"],
        activation=document["activation"], hidden=_json_list("hidden", document["hidden"]),
        dataset=document["dataset"], features=_json_list("features", document["features"]),
        diverged=document["diverged"], boundary=raw)


# ----------------------------------------------------------------- the store, for the pages


def report_network(bind, code: object, learner_token: object, report: NetworkReport) -> bool:
    """Send ``report`` as the latest network of the learner holding ``learner_token``:
    True if stored, False if dropped because the last one came less than
    MIN_REPORT_SECONDS ago (quietly: the next one lands). Refusals as
    :func:`core.classroom.networks.store_network_report`'s; ``bad_report`` for anything
    but a :class:`NetworkReport`."""
    return networks.store_network_report(bind, code, learner_token, encode(report))


def report_networks(bind, reports: Sequence[tuple]) -> list:
    """Several learners' reports, ``(code, learner_token, report)`` each (and a fourth
    item, the learner's whole network as a network file's text, when the big screen
    wants it), in one transaction (:func:`core.classroom.networks.store_network_reports`):
    per report, True (stored), False (too soon after the last) or the ClassError that
    refused it."""
    return networks.store_network_reports(bind, [(code, token, encode(report), *whole)
                                                 for code, token, report, *whole in reports])


@dataclass(frozen=True)
class LearnerNetwork:
    """One learner's network in the gallery: their ``number``, their ``nickname`` (None
    when they gave none or the class hides nicknames), ``age`` (seconds since it was
    reported) and the ``report``."""

    number: int
    nickname: str | None
    age: float
    report: NetworkReport


@dataclass(frozen=True)
class ClassNetworks:
    """The class's state and its learners' latest networks, by learner number.
    ``unreadable``: stored reports that no longer decode (written by another version of
    the app), left out."""

    state: ClassState
    networks: tuple[LearnerNetwork, ...]
    unreadable: int = 0


@functools.lru_cache(maxsize=4096)
def _decoded(text: str) -> NetworkReport:
    """:func:`decode`, remembered: a board reads every report every second, and a report
    that has not changed since (a paused network) is the same text. The reports are
    frozen, so one may be shared; a refusal is not remembered (it raises again)."""
    return decode(text)


def class_networks(bind, code: object, secret: object) -> ClassNetworks:
    """The teacher's gallery: every learner's latest network (a read; cheap enough every
    few seconds: one indexed query). Refusals as
    :func:`core.classroom.networks.network_rows`'s (``forbidden`` without the secret)."""
    read = networks.network_rows(bind, code, secret)
    found, unreadable = [], 0
    for row in read.rows:
        try:
            found.append(LearnerNetwork(row.number, row.nickname, row.age, _decoded(row.report)))
        except ClassError:
            unreadable += 1
    return ClassNetworks(read.state, tuple(found), unreadable)


# ----------------------------------------------------------------- the gallery's groups

#: How the gallery sorts: ``best`` (highest median test accuracy first), ``newest``
#: (the group with the most recent report first).
GALLERY_ORDERS = ("best", "newest")


@dataclass(frozen=True)
class GalleryGroup:
    """The networks of one activation: ``count`` of them, ``median_accuracy`` (the median
    test accuracy of those that report one, diverged ones included: a diverged network
    keeps the weights it had before it failed; None when none does), ``diverged`` how many
    diverged, ``newest_age`` the age of the group's most recent report, and ``networks``
    in the group's order (best: by accuracy, high first; newest: most recent first)."""

    activation: str
    count: int
    median_accuracy: float | None
    diverged: int
    newest_age: float
    networks: tuple[LearnerNetwork, ...]


def _by_accuracy(network: LearnerNetwork) -> tuple:
    accuracy = network.report.test_accuracy
    return (accuracy is None, -(accuracy or 0.0), network.number)


def _by_age(network: LearnerNetwork) -> tuple:
    return (network.age, network.number)


def _group(activation: str, members: list[LearnerNetwork], order: str) -> GalleryGroup:
    accuracies = [n.report.test_accuracy for n in members if n.report.test_accuracy is not None]
    return GalleryGroup(
        activation=activation, count=len(members),
        median_accuracy=statistics.median(accuracies) if accuracies else None,
        diverged=sum(n.report.diverged for n in members), newest_age=min(n.age for n in members),
        networks=tuple(sorted(members, key=_by_accuracy if order == "best" else _by_age)))


def gallery_groups(networks_: Iterable[LearnerNetwork], order: str = "best") -> list[GalleryGroup]:
    """The gallery's lines: the networks grouped by activation, one :class:`GalleryGroup`
    each, sorted by ``order`` (:data:`GALLERY_ORDERS`): ``best`` puts the highest median
    test accuracy first (groups without one last; ties: more networks first, then the
    activation's key), ``newest`` the group whose latest report is most recent first
    (ties: the activation's key). A pure function: the page only formats its numbers."""
    if order not in GALLERY_ORDERS:
        raise ValueError(f"order must be one of {GALLERY_ORDERS}, got {order!r}")
    members: dict[str, list[LearnerNetwork]] = defaultdict(list)
    for network in networks_:
        members[network.report.activation].append(network)
    groups = [_group(activation, found, order) for activation, found in members.items()]
    if order == "best":
        key = lambda g: (g.median_accuracy is None, -(g.median_accuracy or 0.0), -g.count, g.activation)  # noqa: E731
    else:
        key = lambda g: (g.newest_age, g.activation)  # noqa: E731
    return sorted(groups, key=key)
