"""Pure helpers of the live-training page: URL parameters, config, charts, drawings.

No Streamlit here (a test enforces it): the page reads widgets, calls these functions
and draws what they return, so everything below is unit-tested without a server.

The page's public interface is its URL (``…/training?dataset=circle&hidden=4,2``):
:data:`PARAMS` declares every key, its default and its parser.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from core import urlparams as up
from core.activations import ACTIVATIONS, display_name
from core.boundary import LIM, evaluate_neurons, png_bytes, render_neuron_map
from core.datasets import DATASETS, DatasetError
from core.i18n import TEXTS, placeholders, t
from core.mlp import INITS, LOSSES, REGS
from core.live_frames import Frame, encode_points, pack
from core.markdown import literal
from core.theme import CLASS0, CLASS1, FONT, GRID, MUTED, SERIES, TEXT, altair_config
from core.training import OPTIMIZERS, TrainConfig
from core.training_session import FRAME_RATE, compare_configs, compare_init  # noqa: F401

# ------------------------------------------------------------------ choices

#: The learner's own file is one more "data set" (its bytes never go in the URL).
UPLOAD = "upload"
DATASET_OPTIONS = (*DATASETS, UPLOAD)
#: Playground's learning-rate ladder (log scale).
LR_LADDER = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 2, 5, 10, 20, 30, 50, 100, 250, 500, 1000)
#: Epochs per frame; "max" = as many as fit in the frame's time budget.
SPEEDS = ("1", "2", "5", "10", "20", "50", "100", "max")
MAX_LAYERS = 6
MAX_UNITS = 16
COMPARE_MAX = 4

#: Seconds between two server ticks of the live view while training. Each tick carries
#: the frames of the time since the last one (``core.training_session.FRAME_RATE`` a
#: second), which the browser plays back; it also keeps the four live figures in step
#: with the frame on screen (so they change at frame rate), and after any page run (a
#: setting changed, Pause) it plays what it still holds quickly, so a tick this long
#: costs no responsiveness. Every tick is a Streamlit run, whose own cost (~8 ms of
#: server CPU here, whatever it carries) is then paid once a second per learner.
TICK_SECONDS = 1.0
#: At speed "max" a tick is mostly training (its whole CPU budget), and a click on Pause
#: waits for the tick in progress: shorter ticks keep the page answering quickly.
MAX_SPEED_TICK_SECONDS = 0.25
#: Seconds between two refreshes of the compare panels while training.
COMPARE_SECONDS = 1.0
#: The network drawing and the neuron maps change slowly: refreshed less often still.
INSIDE_SECONDS = 3.0
#: Resolution of the probability grid sent per frame (cells per side).
LIVE_GRID = 100
#: Every this many ticks the points and the colours travel again, so a view that the
#: browser had to rebuild mid-play fills in again by itself.
RESEND_EVERY = 16

# Defaults measured against the real Trainer (circle, hidden 4,2, noise 0, 500 points,
# 50 % training): Adam at 0.03 with batches of 10 reaches 99 % test accuracy in ~10
# epochs with tanh and ~30 with sigmoid (a few ms at speed max), and at speed 1 still
# takes a couple of seconds to watch. Seed 5 is one where tanh, sigmoid, ReLU, ELU and
# leaky ReLU all succeed (with seed 0 the 4-2 sigmoid net sticks in a local minimum).
DEFAULTS = {
    "dataset": "circle", "noise": 0, "n": 500, "ratio": 50, "seed": 5, "hidden": [4, 2],
    "activation": "tanh", "init": "auto", "lr": 0.03, "batch": 10, "optimizer": "adam",
    "loss": "bce", "reg": "none", "reg_rate": 0.0, "speed": "1",
    "trn_show_test": False, "trn_discretize": False, "trn_compare": [],
}


def _integer_in(key: str, options: Sequence[int], default: int) -> up.Param:
    """One integer of a ladder (e.g. batch sizes)."""

    def parse(raw: str) -> int:
        value = int(raw)
        if value not in options:
            raise ValueError(raw)
        return value

    return up.Param(key, default, parse)


def _step_of(key: str, low: int, high: int, step: int, default: int) -> up.Param:
    """An integer in [low, high] on the slider's grid (a multiple of ``step`` from low)."""

    def parse(raw: str) -> int:
        value = int(raw)
        if not low <= value <= high or (value - low) % step:
            raise ValueError(raw)
        return value

    return up.Param(key, default, parse)


D = DEFAULTS
PARAMS: list[up.Param] = [
    up.choice("dataset", DATASET_OPTIONS, D["dataset"]),
    _step_of("noise", 0, 100, 5, D["noise"]),
    _step_of("n", 50, 2000, 10, D["n"]),
    _step_of("ratio", 10, 90, 10, D["ratio"]),
    up.integer("seed", 0, 99_999, D["seed"]),
    up.integers("hidden", D["hidden"], low=1, high=MAX_UNITS, max_len=MAX_LAYERS),
    up.choice("activation", tuple(ACTIVATIONS), D["activation"]),
    up.choice("init", INITS, D["init"]),
    up.number_in("lr", LR_LADDER, D["lr"]),
    _integer_in("batch", BATCH_SIZES, D["batch"]),
    up.choice("optimizer", OPTIMIZERS, D["optimizer"]),
    up.choice("loss", LOSSES, D["loss"]),
    up.choice("reg", REGS, D["reg"]),
    up.number_in("reg_rate", REG_RATES, D["reg_rate"]),
    up.choice("speed", SPEEDS, D["speed"]),
    up.flag("trn_show_test", D["trn_show_test"]),
    up.flag("trn_discretize", D["trn_discretize"]),
    up.choices("trn_compare", tuple(ACTIVATIONS), D["trn_compare"], min_len=0, max_len=COMPARE_MAX),
]
PARAMS_BY_KEY = {p.key: p for p in PARAMS}


# ------------------------------------------------------------------ labels


def activation_label(key: str, lang: str) -> str:
    """Display name of an activation: the catalog's, the same on every page."""
    return display_name(key, lang)


def option_label(prefix: str, value: str, lang: str) -> str:
    """Translated label of a language-neutral option (``trn_opt_adam`` …)."""
    return t(f"trn_{prefix}_{value}", lang)


def format_lr(value: float) -> str:
    return up.format_number(value)


def format_speed(value: str, lang: str) -> str:
    return t("trn_speed_max", lang) if value == "max" else value


def format_loss(value: float) -> str:
    """Three significant digits; tiny losses in scientific notation (never a bare 0)."""
    if not math.isfinite(value):
        return "—"
    return f"{value:.3f}" if abs(value) >= 0.001 or value == 0 else f"{value:.1e}"


def format_percent(value: float) -> str:
    """``0.992`` → ``99.2%``."""
    return "—" if not math.isfinite(value) else f"{100.0 * value:.1f}%"


#: Characters of one detail of a CSV error (a cell, the header) the message quotes.
DETAIL_CHARS = 80


def dataset_error_message(error: DatasetError, lang: str) -> str:
    """The learner-facing sentence for a :class:`DatasetError` (every code has one).

    Every detail is escaped: it may quote the learner's file (a cell, a label, the
    header), and a cell such as ``[click](https://…)`` must read as text, not as a link.
    """
    details = {}
    for name, value in error.details.items():
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        details[name] = literal(value, DETAIL_CHARS)
    key = f"trn_err_{error.code}"
    if key not in TEXTS:  # a code this page does not know yet: still a sentence
        key, details = "trn_err_unreadable", {"reason": literal(error.code, DETAIL_CHARS)}
    # A detail the error did not carry reads as "—" rather than a raw {placeholder}.
    for name in placeholders(TEXTS[key]["en"]) - details.keys():
        details[name] = "—"
    reason = t(key, lang, **details)
    return t("trn_upload_failed", lang, reason=reason)


def upload_ok_message(n: int, labels: Sequence[str], lang: str) -> str:
    """The caption of a good upload; its class names come from the file, so they are escaped."""
    label0, label1 = (literal(label, DETAIL_CHARS) for label in labels)
    return t("trn_upload_ok", lang, n=n, label0=label0, label1=label1)


# ------------------------------------------------------------------ config


def speed_epochs(speed: str) -> int | None:
    """Epochs per frame, or None for "max" (as many as the time budget allows)."""
    return None if speed == "max" else int(speed)


def tick_seconds(speed: str) -> float:
    """Seconds between two ticks of the live view while playing at ``speed``."""
    return MAX_SPEED_TICK_SECONDS if speed == "max" else TICK_SECONDS


def build_config(state: Mapping) -> TrainConfig:
    """The Trainer's config from the page's settings (session state or a dict)."""
    get = lambda key: state.get(key, DEFAULTS[key])  # noqa: E731
    return TrainConfig(
        hidden=tuple(int(h) for h in get("hidden")),
        activation=get("activation"),
        init=get("init"),
        lr=float(get("lr")),
        batch_size=int(get("batch")),
        optimizer=get("optimizer"),
        loss=get("loss"),
        reg=get("reg"),
        reg_rate=float(get("reg_rate")),
        seed=int(get("seed")),
    )


def data_key(state: Mapping, upload_digest: str | None = None) -> tuple:
    """Everything that decides the points: when it changes, training starts over."""
    get = lambda key: state.get(key, DEFAULTS[key])  # noqa: E731
    if get("dataset") == UPLOAD and upload_digest:
        return (UPLOAD, upload_digest, get("ratio"), get("seed"))
    name = DATASETS[0] if get("dataset") == UPLOAD else get("dataset")
    return (name, get("noise"), get("n"), get("ratio"), get("seed"))


def recovery_lr(lr: float) -> float:
    """A learning rate that should not diverge: three rungs down the ladder, at most 0.03."""
    lower = [r for r in LR_LADDER if r < lr]
    target = lower[-3] if len(lower) >= 3 else LR_LADDER[0]
    return min(target, DEFAULTS["lr"])


def change_layers(hidden: Sequence[int], delta: int) -> list[int]:
    """Add (copying the last layer's width, or 4) or remove the last hidden layer."""
    hidden = list(hidden)
    if delta > 0 and len(hidden) < MAX_LAYERS:
        hidden.append(hidden[-1] if hidden else 4)
    elif delta < 0 and hidden:
        hidden.pop()
    return hidden


def change_units(hidden: Sequence[int], layer: int, delta: int) -> list[int]:
    """One neuron more or fewer in ``layer`` (kept within 1…MAX_UNITS)."""
    hidden = list(hidden)
    if 0 <= layer < len(hidden):
        hidden[layer] = min(MAX_UNITS, max(1, hidden[layer] + delta))
    return hidden


# ------------------------------------------------------------------ the live view

#: The live view's colours and font: the app's theme, sent to the browser once.
LIVE_STYLE = {"class0": CLASS0, "class1": CLASS1, "text": TEXT, "muted": MUTED, "grid": GRID,
              "series": list(SERIES), "font": FONT}
#: Points of history sent to a view that starts drawing (it adds frames from then on).
HISTORY_POINTS = 400
#: The compare panels' small loss curves are sent whole every refresh: fewer points.
COMPARE_HISTORY_POINTS = 120


def frame_texts(frame: Frame) -> list[str]:
    """The four live figures of a frame as the metrics show them."""
    train_loss, test_loss, _, test_acc = frame.figures
    return [f"{frame.epoch:,}", format_loss(train_loss), format_loss(test_loss), format_percent(test_acc)]


def live_labels(lang: str, n_layers: int) -> dict:
    """The words the live view draws: chart titles, axes, legends, the picture's alt text."""
    return {
        "plane": t("trn_boundary_alt", lang), "epoch": t("trn_c_epoch", lang),
        "loss_title": t("trn_curves_loss", lang), "loss": t("trn_c_loss", lang),
        "train": t("trn_c_train", lang), "test": t("trn_c_test", lang),
        "accuracy_title": t("trn_curves_accuracy", lang), "accuracy": t("trn_c_accuracy", lang),
        "grad_title": t("trn_grad_title", lang), "grad": t("trn_c_grad", lang),
        "layers": layer_names(n_layers, lang),
    }


def _finite_or_none(values) -> list:
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=float)]


def history_header(history, limit: int = HISTORY_POINTS) -> dict:
    """The curves so far, thinned to at most ``limit`` points (first and last kept)."""
    idx = _thin(len(history), limit)
    return {
        "epoch": [int(e) for e in np.asarray(history.epoch)[idx]],
        "train_loss": _finite_or_none(np.asarray(history.train_loss)[idx]),
        "test_loss": _finite_or_none(np.asarray(history.test_loss)[idx]),
        "test_acc": _finite_or_none(np.asarray(history.test_acc)[idx]),
        "grad": [_finite_or_none(row) for row in np.asarray(history.grad_norms)[idx]],
    }


def live_payload(trainer, frames: Sequence[Frame], *, run: str, lang: str, split,
                 playing: bool = False, full: bool = True, catch_up: bool = True,
                 show_test: bool = False, discretize: bool = False, compact: bool = False,
                 charts: Sequence[str] = ("loss", "accuracy", "grad"), metrics: str | None = None,
                 codec: str = "deflate", history_points: int = HISTORY_POINTS,
                 tick: float = TICK_SECONDS) -> bytes:
    """One update of a live view (see ``core.live_frames``).

    ``full`` also sends what the view keeps between updates (points, colours, words,
    the history so far): on every page run, since the browser may have just built the
    view. A tick while playing sends only its frames. ``catch_up``: the learner just did
    something (a page run), so the view plays the frames it still holds quickly and
    shows the newest state without delay.
    """
    header = {"v": 1, "run": run, "playing": bool(playing), "catch_up": bool(catch_up),
              "fps": FRAME_RATE, "tick": tick, "lim": LIM, "show_test": bool(show_test),
              "discretize": bool(discretize), "compact": bool(compact), "charts": list(charts),
              "texts": [frame_texts(f) for f in frames]}
    if metrics:
        header["metrics"] = metrics
    points = None
    if full:
        Xtr, ytr, Xte, yte = split
        points = encode_points(Xtr, ytr, Xte, yte)
        header["style"] = LIVE_STYLE
        header["labels"] = live_labels(lang, trainer.model.n_layers)
        header["history"] = history_header(trainer.history, history_points)
    return pack(header, frames, points=points, lut=full, codec=codec)


# ------------------------------------------------------------------ charts


#: Up to this many epochs the curves also mark each point.
SHORT_HISTORY = 12


def _thin(n: int, limit: int = 200) -> np.ndarray:
    """Indices of at most ``limit`` roughly evenly spaced points, first and last kept."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(int))


def curves_frame(history, lang: str) -> pd.DataFrame:
    """Long table of the loss curves: epoch, value, series (train / test), finite only."""
    idx = _thin(len(history))
    epoch = np.asarray(history.epoch)[idx]
    parts = []
    for key, label in (("train_loss", t("trn_c_train", lang)), ("test_loss", t("trn_c_test", lang))):
        values = np.asarray(history[key], dtype=float)[idx]
        ok = np.isfinite(values)
        parts.append(pd.DataFrame({"epoch": epoch[ok], "value": values[ok], "series": label}))
    return pd.concat(parts, ignore_index=True)


def loss_chart(history, lang: str, height: int = 240, title: str | None = None):
    """Train and test loss over the epochs (two lines)."""
    df = curves_frame(history, lang)
    train, test = t("trn_c_train", lang), t("trn_c_test", lang)
    chart = (
        alt.Chart(df, height=height, title=title or alt.Undefined)
        .mark_line(strokeWidth=2, clip=True, point=_points_if_short(df["epoch"]))
        .encode(
            x=alt.X("epoch:Q", title=t("trn_c_epoch", lang), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("value:Q", title=t("trn_c_loss", lang), scale=alt.Scale(zero=True)),
            color=alt.Color("series:N", title=t("trn_c_set", lang),
                            scale=alt.Scale(domain=[train, test], range=[SERIES[0], SERIES[1]]),
                            legend=alt.Legend(orient="top", direction="horizontal", title=None)),
            strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=[train, test], range=[[1, 0], [5, 3]]),
                                      legend=None),
        )
    )
    return altair_config(chart)


def _points_if_short(epochs) -> bool:
    """Mark each point while there are only a few epochs: a line through one point (at
    epoch 0, or after a divergence on the first epoch) would draw nothing at all."""
    return int(pd.Series(epochs).nunique()) <= SHORT_HISTORY


def accuracy_chart(history, lang: str, height: int = 160):
    """Test accuracy over the epochs, 0 … 100 %, with the 50 % line of guessing."""
    idx = _thin(len(history))
    acc = np.asarray(history.test_acc, dtype=float)[idx]
    epoch = np.asarray(history.epoch)[idx]
    ok = np.isfinite(acc)
    df = pd.DataFrame({"epoch": epoch[ok], "accuracy": acc[ok]})
    line = alt.Chart(df, height=height).mark_line(strokeWidth=2, color=SERIES[2],
                                                  point=_points_if_short(df["epoch"])).encode(
        x=alt.X("epoch:Q", title=t("trn_c_epoch", lang), axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("accuracy:Q", title=t("trn_c_accuracy", lang),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%", values=[0, 0.5, 1], titleFontSize=11)),
    )
    chance = alt.Chart(pd.DataFrame({"y": [0.5]})).mark_rule(color=MUTED, strokeDash=[2, 3]).encode(y="y:Q")
    return altair_config(alt.layer(chance, line))


#: Norms below this are drawn at this value: log scales cannot show 0 (the step activation).
GRAD_FLOOR = 1e-12


def layer_names(n_layers: int, lang: str) -> list[str]:
    """``layer 1 … layer k`` for the hidden weight layers, then ``output``."""
    names = [t("trn_c_layer_n", lang, i=i + 1) for i in range(n_layers - 1)]
    return names + [t("trn_c_output", lang)]


def grad_frame(history, lang: str) -> pd.DataFrame:
    idx = _thin(len(history))
    norms = np.asarray(history.grad_norms, dtype=float)[idx]
    epoch = np.asarray(history.epoch)[idx]
    names = layer_names(norms.shape[1] if norms.ndim == 2 else 1, lang)
    parts = []
    for j, name in enumerate(names):
        v = norms[:, j] if norms.ndim == 2 else np.zeros(0)
        ok = np.isfinite(v)
        parts.append(pd.DataFrame({"epoch": epoch[ok], "norm": np.maximum(v[ok], GRAD_FLOOR), "layer": name}))
    return pd.concat(parts, ignore_index=True)


def grad_chart(history, lang: str, height: int = 240):
    """Per-layer gradient norm over the epochs, log y: vanishing gradients at a glance."""
    df = grad_frame(history, lang)
    names = list(dict.fromkeys(df["layer"])) or layer_names(1, lang)
    colours = [SERIES[i % len(SERIES)] for i in range(len(names))]
    chart = alt.Chart(df, height=height).mark_line(strokeWidth=2, clip=True,
                                                   point=_points_if_short(df["epoch"])).encode(
        x=alt.X("epoch:Q", title=t("trn_c_epoch", lang), axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("norm:Q", title=t("trn_c_grad", lang), scale=alt.Scale(type="log"),
                axis=alt.Axis(format="~e")),
        color=alt.Color("layer:N", title=t("trn_c_layer", lang), sort=names,
                        scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(orient="top", direction="horizontal", title=None, columns=4)),
    )
    return altair_config(chart)


# ------------------------------------------------------------------ the network drawing


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def network_dot(params, lang: str, max_width: float = 6.0) -> str:
    """Graphviz DOT of the network: one node per unit, one edge per weight.

    Edge colour is the weight's sign (blue positive, orange negative, as the classes),
    pen width grows with ``|w|`` relative to the largest weight (0.3 … ``max_width``),
    and small weights fade, so the connections that matter stand out.
    """
    weights = [np.asarray(W, dtype=float) for W, _ in params]
    finite = [np.abs(W[np.isfinite(W)]) for W in weights]
    biggest = max((float(a.max()) for a in finite if a.size), default=0.0) or 1.0
    n_layers = len(weights)
    lines = [
        "digraph network {",
        '  graph [rankdir=LR, splines=line, nodesep=0.12, ranksep=1.1, bgcolor="transparent"];',
        f'  node [shape=circle, style=filled, fillcolor="#FFFFFF", color="{MUTED}", fontcolor="{TEXT}", '
        'fontname="Helvetica", fontsize=10, width=0.42, fixedsize=true, penwidth=1.2];',
        '  edge [arrowhead=none];',
    ]

    def node(layer: int, unit: int) -> str:
        return f"n{layer}_{unit}"

    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    for layer, size in enumerate(sizes):
        lines.append(f"  subgraph cluster_{layer} {{ style=invis; rank=same;")
        for unit in range(size):
            if layer == 0:
                label, fill = f"x{unit + 1}", "#F3F6F9"
            elif layer == n_layers:
                label, fill = "p", "#F3F6F9"
            else:
                label, fill = "", "#FFFFFF"
            lines.append(f'    {node(layer, unit)} [label="{label}", fillcolor="{fill}"];')
        lines.append("  }")
    for layer, W in enumerate(weights):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                w = float(W[i, j])
                w = 0.0 if not math.isfinite(w) else w
                share = min(abs(w) / biggest, 1.0)
                width = 0.3 + (max_width - 0.3) * share
                rgb = _hex_to_rgb(CLASS1 if w >= 0 else CLASS0)
                alpha = int(round(255 * (0.25 + 0.75 * share)))
                colour = "#{:02X}{:02X}{:02X}{:02X}".format(*rgb, alpha)
                lines.append(
                    f'  {node(layer, i)} -> {node(layer + 1, j)} '
                    f'[color="{colour}", penwidth={width:.2f}, tooltip="w = {w:.3g}"];'
                )
    lines.append("}")
    return "\n".join(lines)


# ------------------------------------------------------------------ neuron maps


def neuron_value_range(activation: str) -> tuple[float, float] | None:
    """Fixed colour range for bounded activations (so 'saturated' looks saturated):
    the catalog's ``picture_range``; None scales each picture to its own values."""
    act = ACTIVATIONS.get(activation)
    return act.picture_range if act is not None else None


def neuron_strips(model, tile: int = 72, gap: int = 6, r: int = 40, dead=None) -> list[np.ndarray]:
    """One picture per hidden layer: its neurons' maps stacked top to bottom.

    Laid out by layer like the Playground: the page shows the strips side by side,
    layer 1 on the left. Each tile is the neuron's output over the plane. ``dead`` maps a
    layer (1 = the first) to its dead units (0-based), whose tiles are crossed out
    (a dead unit's map is flat, which would otherwise look like a blank).
    """
    maps = evaluate_neurons(model, r=r)
    vrange = neuron_value_range(model.activation)
    dead = dead or {}
    strips = []
    for layer, values in enumerate(maps, start=1):
        units = values.shape[0]
        strip = np.full((units * tile + (units - 1) * gap, tile, 3), 255, dtype=np.uint8)
        for u in range(units):
            top = u * (tile + gap)
            strip[top:top + tile] = render_neuron_map(values[u], size=tile, vrange=vrange)
            if u in dead.get(layer, ()):
                _cross_out(strip[top:top + tile])
        strips.append(strip)
    return strips


def _cross_out(tile: np.ndarray) -> None:
    """Grey the tile and draw an ✕ across it, in place."""
    size = tile.shape[0]
    tile[...] = (0.45 * tile + 0.55 * 200).astype(np.uint8)
    i = np.arange(size)
    ink = np.array(_hex_to_rgb(TEXT), dtype=np.uint8)
    for w in (-1, 0, 1):  # 3 px thick
        j = np.clip(i + w, 0, size - 1)
        tile[i, j] = ink
        tile[i, size - 1 - j] = ink


def data_url(img: np.ndarray, compress_level: int = 6) -> str:
    """An RGB picture as a PNG ``data:`` URL (what the page hands to ``st.image``)."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(img, compress_level)).decode("ascii")
