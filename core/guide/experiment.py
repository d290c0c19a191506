r"""The teacher's experiment: training settings for the whole class, read as a link is.

The teacher writes the settings as a training-page query, the part of a link after
``?`` (``activation=relu&hidden=4``), for everyone, or two of them for a split
(``{"a": "activation=identity", "b": "activation=tanh"}``: side ``a`` for learners with
an odd number, ``b`` for even; :mod:`core.classroom.experiments`). **An experiment is a
whole training page**: the keys the query sets, and the page's default for every other
key, exactly what a learner sees who opens ``…/training?<query>`` in a new tab. So the
class trains one thing, and in a split the two halves differ only in what the two
queries set.

Reading a query, in order (each refusal a :class:`~core.classroom.errors.ClassError`):

1. its form: ``key=value`` pairs joined by ``&`` (percent-encoding as in a URL; a
   leading ``?`` is allowed), each key one of the training page's URL keys
   (``core.state.training.PARAMS``), at most once: else ``bad_setting`` (``key``);
2. each value through that key's URL parser, by the very function the page reads a link
   with (:func:`core.state.urlparams.restore`); but where a link falls back to the
   default with a notice, an experiment is refused: ``bad_setting`` (``key``);
3. its cost (:func:`training_cost`) against the class's cap
   (:data:`MAX_EXPERIMENT_COST <core.classroom.limits.MAX_EXPERIMENT_COST>`): else
   ``too_costly`` (``cost``, ``limit``).

What is stored is canonical: the keys whose value is not the default, in the page's
order, each written as the page writes it into its own URL (so ``hidden=4%2C2``,
``activation=RELU`` and ``activation=relu&noise=0`` are stored as ``hidden=4,2``,
``activation=relu`` and ``activation=relu``).

**The cost** of a query is the share of one CPU core one learner's training asks for
at its speed, estimated from the settings alone::

    cost = epochs per second × (1 + compared activations) × seconds per epoch
    epochs per second = epochs per frame × FRAME_RATE (30); speed "max" counts as the
                        fastest numeric speed (100): it trains for all the CPU it is given
    seconds per epoch = 20 µs + 7 µs × optimizer steps × weight layers
                        + 0.7 ns × weights × training points + 70 ns × points

with ``optimizer steps`` = ⌈training points / batch⌉, ``weight layers`` = hidden layers
+ 1, ``weights`` = every weight and bias of the network, ``training points`` =
``n × ratio / 100`` (an uploaded file counts as the largest the page reads,
``core.nn.datasets.MAX_ROWS`` points; a drawn set, a click a point, as the largest
generated one, 2,000). The per-step term is Python's and numpy's
overhead for each mini-batch and layer, which dominates small networks; the weights ×
points term the arithmetic, which dominates large ones. The constants were fitted to
the compiled epoch (``core.nn.compiled``) on the development machine over 71 settings
(0-6 hidden layers of up to 16, 100-2,000 points, batches of 1-1,000): the estimate is
within ±60 % of the measured time, 20 % for half of them, which is enough for a cap
that separates settings a class can train from settings tens of times too heavy.
The activation's own cost (a few percent between tanh and ReLU) is left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import Connection, Engine

from core.classroom import experiments, limits
from core.classroom.access import ClassState
from core.classroom.errors import ClassError
from core.nn.datasets import MAX_ROWS
from core.nn.features import DEFAULT_FEATURES
from core.nn.session import FRAME_RATE
from core.state import urlparams as up
from core.state.training import DEFAULTS, PARAMS, PARAMS_BY_KEY, SPEEDS, UPLOAD, DRAW, speed_epochs

__all__ = [
    "EPOCH_SECONDS",
    "POINT_SECONDS",
    "STEP_LAYER_SECONDS",
    "WEIGHT_POINT_SECONDS",
    "ExperimentSettings",
    "canonical_query",
    "check_settings",
    "class_experiment",
    "parse_settings",
    "set_experiment",
    "settings_of",
    "training_cost",
]

Bind = Engine | Connection

#: The cost model's constants (module docstring): CPU seconds per epoch, per optimizer
#: step and weight layer, per weight and training point, per point.
EPOCH_SECONDS = 20e-6
STEP_LAYER_SECONDS = 7e-6
WEIGHT_POINT_SECONDS = 0.7e-9
POINT_SECONDS = 70e-9
#: The epochs per frame speed "max" is counted at: the fastest numeric speed.
MAX_SPEED_EPOCHS = max(speed_epochs(s) for s in SPEEDS if s != "max")
#: A query longer than this is not read at all (a canonical one is at most ~300 characters;
#: percent-encoding and spaces may double what a teacher pastes).
MAX_QUERY_INPUT = 2 * limits.MAX_EXPERIMENT_CHARS
_SHOWN_KEY = re.compile(r"[A-Za-z0-9_]{1,32}")


# ----------------------------------------------------------------- reading a query


def _bad_setting(key: str, side: str) -> ClassError:
    """``bad_setting`` naming ``key`` only when it is a plain word (it is echoed to the teacher)."""
    return ClassError("bad_setting", key=key if _SHOWN_KEY.fullmatch(key) else "…", side=side)


def _pairs(query: str, side: str) -> list[tuple[str, str]]:
    """The query's (key, value) pairs, decoded as a browser's link is; ``bad_setting`` for
    a field that is not ``key=value``, an unknown key or a key given twice."""
    query = query.strip().removeprefix("?")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        field_ = next((part for part in query.split("&") if "=" not in part), "")
        raise _bad_setting(field_, side) from None
    seen: set[str] = set()
    for key, _ in pairs:
        if key not in PARAMS_BY_KEY or key in seen:
            raise _bad_setting(key, side)
        seen.add(key)
    return pairs


def parse_settings(query: object, side: str = experiments.EVERYONE) -> dict[str, Any]:
    """The settings a query sets, ``{key: value}`` as the training page holds them
    (``{"activation": "relu", "hidden": [4]}``), read by the page's own link parser;
    ``bad_setting`` (``key``, ``side``) for anything a link would not carry as written,
    ``bad_argument`` for a query that is not a string or is over MAX_QUERY_INPUT."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_INPUT:
        raise ClassError("bad_argument", name="settings", value=type(query).__name__)
    raw = dict(_pairs(query, side))
    values, bad = up.restore([PARAMS_BY_KEY[key] for key in raw], raw.get)
    if bad:
        raise _bad_setting(bad[0].key, side)
    return values


def settings_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """The whole training page an experiment makes: ``values`` over the page's defaults."""
    page = {key: (list(value) if isinstance(value, list) else value) for key, value in DEFAULTS.items()}
    page.update(values)
    return page


def canonical_query(values: Mapping[str, Any]) -> str:
    """``values`` as the page writes them into its URL: the keys whose value is not the
    default, in the page's order (``activation=relu&hidden=4``)."""
    return urlencode([(p.key, p.dump(values[p.key])) for p in PARAMS
                      if p.key in values and values[p.key] != p.default], safe=",")


# ----------------------------------------------------------------- the cost


#: Points an uploaded file is counted at: the most the page reads.
UPLOAD_POINTS = MAX_ROWS
#: Points a drawn set is counted at: the most a generated set has. A drawing is a click
#: a point and stays far below it; the page would read up to MAX_ROWS of them.
DRAW_POINTS = PARAMS_BY_KEY["n"].high


def _training_points(page: Mapping[str, Any]) -> tuple[int, int]:
    """(all points, training points) of the page's data."""
    points = {UPLOAD: UPLOAD_POINTS, DRAW: DRAW_POINTS}.get(page["dataset"], int(page["n"]))
    return points, max(1, round(points * int(page["ratio"]) / 100))


def _weights(hidden: list[int], inputs: int) -> int:
    """Weights and biases of a network ``inputs`` → hidden → 1."""
    sizes = (inputs, *hidden, 1)
    return sum((fan_in + 1) * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def epoch_seconds(page: Mapping[str, Any]) -> float:
    """Estimated CPU seconds of one epoch of the page's network (module docstring)."""
    points, training = _training_points(page)
    hidden = list(page["hidden"])
    steps = math.ceil(training / int(page["batch"]))
    weights = _weights(hidden, len(page["features"] or DEFAULT_FEATURES))
    return (EPOCH_SECONDS + STEP_LAYER_SECONDS * steps * (len(hidden) + 1)
            + WEIGHT_POINT_SECONDS * weights * training + POINT_SECONDS * points)


def training_cost(values: Mapping[str, Any]) -> float:
    """The share of one CPU core one learner's training asks for with these settings (any
    key missing: the page's default), at their speed (module docstring)."""
    page = settings_of(values)
    epochs = speed_epochs(page["speed"]) or MAX_SPEED_EPOCHS
    networks = 1 + len(page["trn_compare"])
    return epochs * FRAME_RATE * networks * epoch_seconds(page)


# ----------------------------------------------------------------- checking and storing


def check_settings(query: object, side: str = experiments.EVERYONE) -> str:
    """The canonical query of ``query`` if a class may train it: read as a link
    (:func:`parse_settings`), then held to MAX_EXPERIMENT_COST (``too_costly``)."""
    values = parse_settings(query, side)
    cost = training_cost(values)
    if cost > limits.MAX_EXPERIMENT_COST:
        raise ClassError("too_costly", cost=round(cost, 3), limit=limits.MAX_EXPERIMENT_COST, side=side)
    return canonical_query(values)


def _sides(settings: object) -> dict[str, object] | None:
    """``settings`` as sides: a query for everyone, a split ``{"a": …, "b": …}``, or None."""
    if settings is None:
        return None
    if isinstance(settings, str):
        return {experiments.EVERYONE: settings}
    if isinstance(settings, Mapping) and set(settings) == set(experiments.SPLIT):
        return {side: settings[side] for side in experiments.SPLIT}
    raise ClassError("bad_argument", name="settings", value=type(settings).__name__)


def set_experiment(bind: Bind, code: object, secret: object, settings: object) -> ClassState:
    """Set the class's experiment: ``settings`` a training-page query for everyone
    (``"activation=relu&hidden=4"``), a split ``{"a": query, "b": query}`` (side a: odd
    learner numbers, b: even), or None to clear it (learners keep what they have).

    Each query is read as a link and held to the cost cap (:func:`check_settings`), and
    stored canonical; a teacher action (the class's ``revision`` grows). Refusals:
    ``bad_argument`` (not one of the three forms), ``bad_setting``, ``too_costly``, and
    the store's: ``forbidden``, ``ended``, ``expired``.
    """
    sides = _sides(settings)
    canonical = None if sides is None else {side: check_settings(query, side) for side, query in sides.items()}
    return experiments.store_experiment(bind, code, secret, canonical)


@dataclass(frozen=True)
class ExperimentSettings:
    """What a learner's training page applies, once per ``revision``: ``side`` (``all``,
    ``a`` or ``b``), the canonical ``query``, and ``settings``: every key of the training
    page with its value (the query's, else the default), as the page holds them."""

    revision: int
    side: str
    query: str
    settings: dict[str, Any]


def class_experiment(bind: Bind, code: object, learner_token: object) -> ExperimentSettings | None:
    """The experiment the learner holding ``learner_token`` should train with, or None
    when the class has none (or has one this version of the app cannot read: the learner
    keeps their settings). The page applies it when its ``revision`` is not the one it
    applied last. Refusals as :func:`core.classroom.experiments.experiment_for`'s."""
    found = experiments.experiment_for(bind, code, learner_token)
    if found is None:
        return None
    try:
        values = parse_settings(found.query, found.side)
    except ClassError:
        return None
    return ExperimentSettings(found.revision, found.side, found.query, settings_of(values))
