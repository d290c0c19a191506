"""A trained network as a file: the training page's "Network (JSON)" download and upload.

Schema ``activation-dashboard/network``, version 2 (UTF-8 JSON, one object)::

    {
      "schema": "activation-dashboard/network",
      "version": 2,
      "architecture": {"inputs": 2, "hidden": [4, 2], "outputs": 1,
                       "output_activation": "sigmoid"},
      "features": ["x1", "x2"],                 # core.nn.features keys, one per input
      "activation": {"name": "tanh", "params": {}},   # every hidden layer's activation
      "layers": [                               # one per weight layer, input side first
        {"weights": [[w11, w12, w13, w14], [w21, …]],  # fan_in rows × fan_out columns
         "biases": [b1, b2, b3, b4]},
        …
      ],                                        # PReLU: each hidden layer also has "a" (below)
      "epoch": 120,                             # epochs trained when saved
      "settings": {"dataset": "circle", "noise": 0, …}  # every URL setting of the page
    }

The network computes, with rows as points, ``h_l = f(h_{l−1} · W_l + b_l)`` for the
hidden layers and ``p = σ(h_{L−1} · W_L + b_L)`` (:mod:`core.nn.mlp`), where ``h_0`` is
the point's features in the order of ``"features"``. ``inputs = len(features)``.
Numbers are written with Python's shortest round-trip ``repr``, so reading a file back
gives the very same float64 weights (the same predictions, bit for bit).

A PReLU network learns its negative slope (:mod:`core.nn.mlp`): each *hidden* layer of
its file also holds ``"a": [a_l]``, the learned slope, a list of one number as the
``weight`` of PyTorch's ``nn.PReLU()`` (shape ``[1]``, one per layer); ``h_l = h·W + b``
where positive, ``a_l·(h·W + b)`` elsewhere. ``activation.params.a`` stays the slope
every layer started from (0.25). No other layer, and no other activation, has an
``"a"``.

Version 1 (before PReLU learned its slope) is read too: it is version 2 without any
``"a"``, and a PReLU network in it starts from ``activation.params.a``, the slope it
was trained with.

``settings`` holds every key of :data:`core.state.training.PARAMS` with the value the
page had (the same values its URL spells, as JSON numbers, strings, booleans and lists).
On reading, each is checked with that key's URL parser; a key the file lacks takes the
page's default (unknown keys are ignored), and ``hidden``, ``activation`` and
``features`` are taken from the network itself.

Every way a file can be wrong raises :class:`NetworkFileError` with one ``code`` of
:data:`ERROR_CODES` (the page translates it) and details for the message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from core.nn.activations import ACTIVATIONS
from core.nn.features import FEATURES, canonical
from core.state.training import DEFAULTS, PARAMS, PARAMS_BY_KEY

__all__ = ["ERROR_CODES", "MAX_BYTES", "READABLE_VERSIONS", "SCHEMA", "VERSION", "NetworkFile",
           "NetworkFileError", "dumps", "loads"]

SCHEMA = "activation-dashboard/network"
VERSION = 2
#: Versions :func:`loads` reads (1: no learned slopes).
READABLE_VERSIONS = (1, 2)
#: A page network (6 layers of 16 units) is ~30 kB; anything far larger is not one.
MAX_BYTES = 1_000_000
ERROR_CODES = (
    "malformed",  # not UTF-8 JSON, or not an object: details detail
    "schema",  # another schema: details found, expected
    "version",  # another version: details found, expected
    "field",  # a missing or invalid field: details field
    "shape",  # weights that do not fit the architecture: details field, expected, found
    "slope",  # a PReLU layer's "a" that is not one finite number in a list: details field, found
    "too_large",  # more than MAX_BYTES: details max_bytes
)


class NetworkFileError(ValueError):
    """A network file this page cannot use; ``code`` in :data:`ERROR_CODES`."""

    def __init__(self, code: str, **details):
        super().__init__(f"{code}: {details}")
        self.code = code
        self.details = details


@dataclass(frozen=True)
class NetworkFile:
    """What a file holds: the network, and the settings that produced it."""

    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    params: list = field(repr=False)  # [(W, b), …] float64
    epoch: int = 0
    settings: dict = field(default_factory=dict)
    #: A PReLU network's learned slope per hidden layer (float64), or None: none stored
    #: (another activation, or a version-1 file).
    slopes: np.ndarray | None = field(default=None, repr=False)

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (len(self.features), *self.hidden, 1)


# ------------------------------------------------------------------ writing


def _json_value(key: str, value):
    """A setting as its URL parser reads it back (plain Python types, JSON-ready)."""
    param = PARAMS_BY_KEY[key]
    return param.parse(param.dump(value))


def dumps(model, features, epoch: int, settings: Mapping) -> str:
    """The JSON text of ``model`` (an :class:`core.nn.mlp.MLP` fed ``features``), trained
    ``epoch`` epochs with the page settings ``settings`` (a missing one: its default)."""
    features = canonical(features)
    sizes = tuple(model.layer_sizes)
    if sizes[0] != len(features):
        raise ValueError(f"the model has {sizes[0]} inputs but {len(features)} features")
    page = {p.key: _json_value(p.key, settings.get(p.key, DEFAULTS[p.key])) for p in PARAMS}
    page.update(hidden=list(sizes[1:-1]), activation=model.activation, features=list(features))
    document = {
        "schema": SCHEMA,
        "version": VERSION,
        "architecture": {"inputs": sizes[0], "hidden": list(sizes[1:-1]), "outputs": 1,
                         "output_activation": "sigmoid"},
        "features": list(features),
        "activation": {"name": model.activation,
                       "params": {k: float(v) for k, v in model.act_params.items()}},
        "layers": _layer_entries(model),
        "epoch": int(epoch),
        "settings": page,
    }
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False)


def _layer_entries(model) -> list[dict]:
    """Each layer's weights and biases, and a hidden PReLU layer's learned slope."""
    layers = [{"weights": np.asarray(W, dtype=np.float64).tolist(),
               "biases": np.asarray(b, dtype=np.float64).tolist()} for W, b in model.params]
    for layer, a in zip(layers, model.slopes):  # empty unless the activation learns a slope
        layer["a"] = [float(a)]
    return layers


# ------------------------------------------------------------------ reading


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _document(data) -> dict:
    """The file's top-level object; ``malformed`` / ``too_large`` otherwise."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise NetworkFileError("too_large", max_bytes=MAX_BYTES)
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise NetworkFileError("malformed", detail="not UTF-8") from None
    except (ValueError, RecursionError) as error:
        raise NetworkFileError("malformed", detail=str(error)[:80]) from None
    if not isinstance(document, dict):
        raise NetworkFileError("malformed", detail="not a JSON object")
    return document


def _check_header(document: dict) -> int:
    """The file's version (one of :data:`READABLE_VERSIONS`)."""
    if document.get("schema") != SCHEMA:
        raise NetworkFileError("schema", found=json.dumps(document.get("schema"))[:60], expected=SCHEMA)
    version = document.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise NetworkFileError("version", found=json.dumps(version)[:20],
                               expected=", ".join(str(v) for v in READABLE_VERSIONS))
    return version


def _field(document: Mapping, path: str, kind: type):
    """``document[path]`` if it is a ``kind``; the ``field`` error otherwise."""
    value = document.get(path.rsplit(".", 1)[-1]) if isinstance(document, Mapping) else None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise NetworkFileError("field", field=path)
    return value


def _architecture(document: dict) -> tuple[tuple[str, ...], tuple[int, ...], str]:
    """``(features, hidden, activation)``, each checked against what the page can build."""
    features = _field(document, "features", list)
    try:
        if features != list(canonical(features)):
            raise ValueError
    except (ValueError, TypeError):
        raise NetworkFileError("field", field="features") from None
    arch = _field(document, "architecture", dict)
    hidden = _field(arch, "architecture.hidden", list)
    within_page = PARAMS_BY_KEY["hidden"]  # the page's limits: 0–6 layers of 1–16 units
    try:
        if not all(isinstance(h, int) and not isinstance(h, bool) for h in hidden) or \
                within_page.parse(within_page.dump(hidden)) != hidden:
            raise ValueError
    except (ValueError, TypeError):
        raise NetworkFileError("field", field="architecture.hidden") from None
    if arch.get("inputs") != len(features):
        raise NetworkFileError("shape", field="architecture.inputs", expected=len(features),
                               found=json.dumps(arch.get("inputs"))[:20])
    if arch.get("outputs") != 1:
        raise NetworkFileError("field", field="architecture.outputs")
    activation = _field(document, "activation", dict)
    name = _field(activation, "activation.name", str)
    if name not in ACTIVATIONS:
        raise NetworkFileError("field", field="activation.name")
    _check_act_params(name, activation.get("params", {}))
    return tuple(features), tuple(hidden), name


def _check_act_params(name: str, params) -> None:
    """The page trains every activation with the catalog's parameters: a file must say so."""
    expected = ACTIVATIONS[name].params
    ok = isinstance(params, dict) and params.keys() == expected.keys() and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isclose(v, expected[k])
        for k, v in params.items())
    if not ok:
        raise NetworkFileError("field", field="activation.params")


def _matrix(value, path: str, shape: tuple[int, ...]) -> np.ndarray:
    """A list (of lists) of finite numbers of exactly ``shape``, as float64."""
    if not isinstance(value, list) or not _all_numbers(value):
        raise NetworkFileError("field", field=path)
    try:
        array = np.array(value, dtype=np.float64)
    except ValueError:  # ragged rows
        raise NetworkFileError("shape", field=path, expected=_shape_text(shape), found="?") from None
    if array.shape != shape:
        raise NetworkFileError("shape", field=path, expected=_shape_text(shape),
                               found=_shape_text(array.shape))
    if not np.isfinite(array).all():  # e.g. 1e999, which JSON reads as infinity
        raise NetworkFileError("field", field=path)
    return array


def _all_numbers(value) -> bool:
    """Every leaf of nested lists is a JSON number (not a string, a boolean, an object)."""
    if isinstance(value, list):
        return all(_all_numbers(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(str(s) for s in shape) if shape else "1"


def _layers(document: dict, sizes: tuple[int, ...]) -> list:
    layers = _field(document, "layers", list)
    if len(layers) != len(sizes) - 1:
        raise NetworkFileError("shape", field="layers", expected=len(sizes) - 1, found=len(layers))
    params = []
    for i, (layer, fan_in, fan_out) in enumerate(zip(layers, sizes[:-1], sizes[1:])):
        if not isinstance(layer, dict):
            raise NetworkFileError("field", field=f"layers[{i}]")
        W = _matrix(layer.get("weights"), f"layers[{i}].weights", (fan_in, fan_out))
        b = _matrix(layer.get("biases"), f"layers[{i}].biases", (fan_out,))
        params.append((W, b))
    return params


def _slopes(layers: list, activation: str, version: int) -> np.ndarray | None:
    """A version-2 PReLU file's learned slopes, one per hidden layer; None otherwise.

    Each hidden layer of a PReLU network holds ``"a": [a]``: ``slope`` error when it is
    missing or is not one finite number in a list; ``field`` error for an ``"a"`` in a
    layer that has none (the output layer, another activation, a version-1 file)."""
    learned = ACTIVATIONS[activation].learned if version >= 2 else None
    hidden = len(layers) - 1
    slopes = []
    for i, layer in enumerate(layers):
        path = f"layers[{i}].{learned or 'a'}"
        if learned is None or i == hidden:
            if "a" in layer:
                raise NetworkFileError("field", field=f"layers[{i}].a")
            continue
        value = layer.get(learned)
        ok = (isinstance(value, list) and len(value) == 1 and isinstance(value[0], (int, float))
              and not isinstance(value[0], bool) and math.isfinite(value[0]))
        if not ok:
            found = "—" if value is None else json.dumps(value)[:40]
            raise NetworkFileError("slope", field=path, found=found)
        slopes.append(float(value[0]))
    return np.array(slopes) if learned else None


def _settings(document: dict) -> dict:
    """Every page setting: the file's, each checked by its URL parser, or the default."""
    raw = document.get("settings", {})
    if not isinstance(raw, dict):
        raise NetworkFileError("field", field="settings")
    settings = {}
    for param in PARAMS:
        if param.key not in raw:
            settings[param.key] = DEFAULTS[param.key]
            continue
        value = raw[param.key]
        try:
            parsed = param.parse(param.dump(value))
        except (ValueError, TypeError, OverflowError, AttributeError):
            raise NetworkFileError("field", field=f"settings.{param.key}") from None
        if parsed != value or type(parsed) is not type(value) and not isinstance(parsed, float):
            raise NetworkFileError("field", field=f"settings.{param.key}")
        settings[param.key] = parsed
    return settings


def loads(data) -> NetworkFile:
    """Read a network file (bytes or text); :class:`NetworkFileError` if it is unusable."""
    document = _document(data)
    version = _check_header(document)
    features, hidden, activation = _architecture(document)
    sizes = (len(features), *hidden, 1)
    params = _layers(document, sizes)
    slopes = _slopes(document["layers"], activation, version)
    epoch = document.get("epoch", 0)
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 0:
        raise NetworkFileError("field", field="epoch")
    settings = _settings(document)
    settings.update(hidden=list(hidden), activation=activation, features=list(features))
    return NetworkFile(features, hidden, activation, params, epoch, settings, slopes)


def feature_labels(features, lang: str) -> str:
    """``x₁², x₂²``: the features as the page names them."""
    return ", ".join(FEATURES[k].label[lang] for k in features)
