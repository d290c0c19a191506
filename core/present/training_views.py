"""What the live-training page shows, as plain data: labels, formatted figures, the live
view's payload, the network drawing and the neuron maps.

No Streamlit here (a test enforces it): the page hands these to Streamlit. The page's
settings (URL parameters, config) are in :mod:`core.state.training`, a floor above.
"""

from __future__ import annotations

import base64
import functools
import html
import math
from collections.abc import Sequence

import numpy as np

from core.i18n import TEXTS, placeholders, t
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import DatasetError, make_dataset
from core.nn.features import DEFAULT_FEATURES, FEATURES
from core.nn.plane import Frame, evaluate_neurons
from core.nn.session import FRAME_RATE
from core.present.boundary import LIM, png_bytes, render_boundary, render_neuron_map
from core.present.live_frames import encode_points, pack
from core.present import numbers
from core.present.markdown import literal
from core.present.theme import (
    CLASS0,
    CLASS1,
    FONT,
    GRID,
    MUTED,
    NODE_FILL,
    SERIES,
    TEXT,
    WEIGHT_NEGATIVE,
    WEIGHT_POSITIVE,
)

# ------------------------------------------------------------------ labels


def option_label(prefix: str, value: str, lang: str) -> str:
    """Translated label of a language-neutral option (``trn_opt_adam`` …)."""
    return t(f"trn_{prefix}_{value}", lang)


def format_speed(value: str, lang: str) -> str:
    return t("trn_speed_max", lang) if value == "max" else value


def slopes_text(slopes, lang: str) -> str:
    """A PReLU network's learned slopes as the page names them: "layer 1 0.2314, layer 2
    0.3102" (4 significant digits, from the model's own numbers)."""
    return t("trn_slopes_sep", lang).join(
        t("trn_slope_layer", lang, i=i, a=numbers.significant(a, 4)) for i, a in enumerate(slopes, start=1))


#: Characters of one detail of a CSV error (a cell, the header) the message quotes.
DETAIL_CHARS = 80


def dataset_error_message(error: DatasetError, lang: str) -> str:
    """The learner-facing sentence for a :class:`DatasetError` (every code has one).

    Every detail is escaped: it may quote the learner's file (a cell, a label, the
    header), and a cell such as ``[click](https://…)`` must read as text, not as a link.
    """
    details = {}
    for name, value in error.details.items():
        if isinstance(value, int) and not isinstance(value, bool):  # a count or a size: a
            details[name] = value  # number keeps its type for the text's format ({max_bytes:MB})
            continue
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
    return [f"{frame.epoch:,}", numbers.loss(train_loss), numbers.loss(test_loss),
            numbers.percent_one_decimal(test_acc)]


def live_labels(lang: str, n_layers: int) -> dict:
    """The words the live view draws: chart titles, axes, legends, the picture's alt text."""
    return {
        "plane": t("trn_boundary_alt", lang), "epoch": t("trn_c_epoch", lang),
        "announce": t("trn_live_announce", lang),
        "loss_title": t("trn_curves_loss", lang), "loss": t("trn_c_loss", lang),
        "train": t("trn_c_train", lang), "test": t("trn_c_test", lang),
        "accuracy_title": t("trn_curves_accuracy", lang), "accuracy": t("trn_c_accuracy", lang),
        "grad_title": t("trn_grad_title", lang), "grad": t("trn_c_grad", lang),
        "layers": layer_names(n_layers, lang),
    }


def _finite_or_none(values) -> list:
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=float)]


#: The figures the curves draw: (name in the payload, name in the record).
CURVE_FIGURES = (("train_loss", "train_loss"), ("test_loss", "test_loss"), ("test_acc", "test_acc"),
                 ("grad", "grad_norms"))


def _rows_payload(table: dict, rows, replace: bool) -> dict:
    """Rows of a record table for the view: each figure with its band (``_lo``, ``_hi``),
    and ``first`` so the view can tell contiguous rows from a gap."""
    out = {"replace": replace, "epoch": [int(e) for e in table["epoch"][rows]],
           "first": [int(e) for e in table["first"][rows]]}
    for name, key in CURVE_FIGURES:
        for suffix, column in (("", key), ("_lo", f"{key}_low"), ("_hi", f"{key}_high")):
            values = np.asarray(table[column])[rows]
            out[name + suffix] = ([_finite_or_none(row) for row in values] if values.ndim == 2
                                  else _finite_or_none(values))
    return out


def history_header(history, limit: int = HISTORY_POINTS) -> dict:
    """The whole record, in at most ``limit`` rows (merged in pairs: ``History.merged``);
    the view replaces its curves with it."""
    table = history.merged(limit)
    return _rows_payload(table, slice(None), replace=True)


def history_update(history, sent, run: str, limit: int = HISTORY_POINTS) -> tuple[dict, tuple]:
    """What a tick sends of the record, and what the view then holds.

    ``sent`` is what the previous payload left the view with: ``(run, stride, first
    epoch of its last row)``, or None. The same run at the same stride gets only the rows
    from that last row on (it may have grown since, and the view drops it before adding
    these); a new run, a first payload or a record that has doubled its stride gets the
    whole record. Returns ``(history payload, new sent)``."""
    if sent is None or sent[0] != run or sent[1] != history.stride:
        payload = history_header(history, limit)
    else:
        payload = _rows_payload(history.since(sent[2]), slice(None), replace=False)
    return payload, (run, history.stride, payload["first"][-1])


def live_payload(trainer, frames: Sequence[Frame], *, run: str, lang: str, split, tick: float,
                 playing: bool = False, full: bool = True, catch_up: bool = True,
                 show_test: bool = False, discretize: bool = False, compact: bool = False,
                 charts: Sequence[str] = ("loss", "accuracy", "grad"), metrics: str | None = None,
                 codec: str = "deflate", history_points: int = HISTORY_POINTS,
                 history: dict | None = None, type_scale: float = 1.0) -> bytes:
    """One update of a live view (see ``core.live_frames``).

    ``full`` also sends what the view keeps between updates (points, colours, words,
    the whole record): on every page run, since the browser may have just built the
    view. A tick while playing sends its frames and ``history``, the record's new rows
    (:func:`history_update`). ``catch_up``: the learner just did something (a page run),
    so the view plays the frames it still holds quickly and shows the newest state
    without delay. ``tick``: the seconds until the next update (the view spreads the frames
over it). ``type_scale`` multiplies the view's text sizes (presenter mode).
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
        header["style"] = {**LIVE_STYLE, "scale": float(type_scale)}
        header["labels"] = live_labels(lang, trainer.model.n_layers)
    if history is not None:
        header["history"] = history
    elif full:
        header["history"] = history_header(trainer.history, history_points)
    return pack(header, frames, points=points, lut=full, codec=codec)


# ------------------------------------------------------------------ curves


def layer_names(n_layers: int, lang: str) -> list[str]:
    """``layer 1 … layer k`` for the hidden weight layers, then ``output``."""
    names = [t("trn_c_layer_n", lang, i=i + 1) for i in range(n_layers - 1)]
    return names + [t("trn_c_output", lang)]


# ------------------------------------------------------------------ the network drawing


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def network_dot(params, lang: str, max_width: float = 6.0,
                features: Sequence[str] = DEFAULT_FEATURES, font_scale: float = 1.0) -> str:
    """Graphviz DOT of the network: one node per unit, one edge per weight.

    The input nodes are the features the network is fed (``x₁``, ``x₁²``, ``sin(x₁)`` …,
    :mod:`core.nn.features`), labelled in ``lang``; a network whose input width does not
    match ``features`` (a test network) gets plain ``x1``, ``x2`` … labels.

    Edge colour is the weight's sign (blue positive, orange negative, as the classes),
    pen width grows with ``|w|`` relative to the largest weight (0.3 … ``max_width``),
    and small weights fade, so the connections that matter stand out. ``font_scale``
    (presenter mode) enlarges the labels and their circles, not the spacing.
    """
    weights = [np.asarray(W, dtype=float) for W, _ in params]
    finite = [np.abs(W[np.isfinite(W)]) for W in weights]
    biggest = max((float(a.max()) for a in finite if a.size), default=0.0) or 1.0
    n_layers = len(weights)
    lines = [
        "digraph network {",
        # Close ranks and large type: the drawing is scaled to a narrow column, so its
        # width in inches decides how big its labels end up on screen.
        '  graph [rankdir=LR, splines=line, nodesep=0.14, ranksep=0.55, bgcolor="transparent"];',
        f'  node [shape=circle, style=filled, fillcolor="#FFFFFF", color="{MUTED}", fontcolor="{TEXT}", '
        f'fontname="Helvetica", fontsize={22 * font_scale:g}, width={0.56 * font_scale:.2f}, fixedsize=true, '
        'penwidth=1.2];',
        '  edge [arrowhead=none];',
    ]

    def node(layer: int, unit: int) -> str:
        return f"n{layer}_{unit}"

    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    inputs = (_feature_labels(features, lang) if len(features) == sizes[0]
              else [f"x{unit + 1}" for unit in range(sizes[0])])
    for layer, size in enumerate(sizes):
        lines.append(f"  subgraph layer_{layer} {{ rank=same;")
        for unit in range(size):
            if layer == 0:
                lines.append(f'    {node(layer, unit)} [label="{inputs[unit]}", fillcolor="{NODE_FILL}", '
                             'shape=box, style="rounded,filled", fixedsize=false, width=0.42, height=0.32];')
                continue
            label, fill = ("p", NODE_FILL) if layer == n_layers else ("", "#FFFFFF")
            lines.append(f'    {node(layer, unit)} [label="{label}", fillcolor="{fill}"];')
        # Unit 1 on top, then 2, …: invisible edges inside the rank fix the order, which
        # the crossing minimiser would otherwise choose (it drew x2 above x1).
        chain = " -> ".join(node(layer, unit) for unit in range(size))
        if size > 1:
            lines.append(f"    {chain} [style=invis];")
        lines.append("  }")
    for layer, W in enumerate(weights):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                w = float(W[i, j])
                w = 0.0 if not math.isfinite(w) else w
                share = min(abs(w) / biggest, 1.0)
                width = 0.3 + (max_width - 0.3) * share
                rgb = _hex_to_rgb(WEIGHT_POSITIVE if w >= 0 else WEIGHT_NEGATIVE)
                alpha = int(round(255 * (0.25 + 0.75 * share)))
                colour = "#{:02X}{:02X}{:02X}{:02X}".format(*rgb, alpha)
                lines.append(
                    f'  {node(layer, i)} -> {node(layer + 1, j)} '
                    f'[color="{colour}", penwidth={width:.2f}, tooltip="w = {numbers.significant_text(w, 3)}"];'
                )
    lines.append("}")
    return "\n".join(lines)


def _feature_labels(features: Sequence[str], lang: str) -> list[str]:
    """The input nodes' labels (the registry's, quotes stripped for DOT)."""
    return [FEATURES[key].label[lang].replace('"', "") for key in features]


# ------------------------------------------------------------------ neuron maps


def neuron_value_range(activation: str) -> tuple[float, float] | None:
    """Fixed colour range for bounded activations (so 'saturated' looks saturated):
    the catalog's ``picture_range``; None scales each picture to its own values."""
    act = ACTIVATIONS.get(activation)
    return act.picture_range if act is not None else None


def neuron_strips(model, tile: int = 72, gap: int = 6, r: int = 40, dead=None,
                  features: Sequence[str] = DEFAULT_FEATURES) -> list[np.ndarray]:
    """One picture per hidden layer: its neurons' maps stacked top to bottom.

    Laid out by layer like the Playground: the page shows the strips side by side,
    layer 1 on the left. Each tile is the neuron's output over the plane. ``dead`` maps a
    layer (1 = the first) to its dead units (0-based), whose tiles are crossed out
    (a dead unit's map is flat, which would otherwise look like a blank).
    """
    maps = evaluate_neurons(model, r=r, features=tuple(features))
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


# ------------------------------------------------------------------ the plane's legend

#: The plane's marks as inline SVG one text-height tall, filled with the class colours
#: as on the plane: the glyphs ● and ▲ are drawn by the font at a fraction of the text's
#: height (the triangle ~3 px), too small to find from the back of a room.
_LEGEND_MARKS = {
    "●": '<circle cx="5" cy="5" r="4.3" fill="{fill}" stroke="{edge}" stroke-width="0.8"/>',
    "▲": '<polygon points="5,0.6 9.5,9.2 0.5,9.2" fill="{fill}" stroke="{edge}" stroke-width="0.8"/>',
}


def legend_mark_svg(glyph: str) -> str:
    """The inline SVG for ``●`` (class 1, circles) or ``▲`` (class 0, triangles), 1em square."""
    fill = CLASS1 if glyph == "●" else CLASS0
    shape = _LEGEND_MARKS[glyph].format(fill=fill, edge=TEXT)
    return (f'<svg role="img" aria-label="{glyph}" width="1em" height="1em" viewBox="0 0 10 10" '
            f'style="vertical-align:-0.12em">{shape}</svg>')


def legend_html(text: str) -> str:
    """``text`` (a translated caption) HTML-escaped, with each ● and ▲ drawn as its mark."""
    escaped = html.escape(text, quote=False)
    for glyph in _LEGEND_MARKS:
        escaped = escaped.replace(glyph, legend_mark_svg(glyph))
    return escaped


# ------------------------------------------------------------------ the data sets as pictures

#: Points in a data set's thumbnail: its shape at a glance, not every point.
THUMBNAIL_POINTS = 160


@functools.lru_cache(maxsize=None)
def dataset_thumbnail(name: str, size: int = 96) -> str:
    """A small picture of data set ``name`` (no noise, seed 0) as a PNG ``data:`` URL: its
    points on the plane's "don't know" white, as the Playground shows its data sets."""
    X, y = make_dataset(name, n=THUMBNAIL_POINTS, noise=0.0, seed=0)
    img = render_boundary(np.full((2, 2), 0.5), X, y, size=size, marker_radius=size / 40)
    return data_url(img, compress_level=9)
