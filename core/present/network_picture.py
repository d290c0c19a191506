"""The network as the Playground draws it: every unit a small map of what it computes
over the plane, every weight a line between two maps.

One SVG (no Graphviz, no browser code): the maps are PNG tiles inside it, so the page
shows it with ``st.markdown`` and it scales to its column. Columns left to right: the
input features (each feature's value over the plane), the hidden layers (each neuron's
output), the output (the network's P(class 1), the plane's own colours).

A line's colour is its weight's sign (blue positive, orange negative, as the classes);
its width grows with ``|w|`` relative to the largest weight of the network
(``MIN_LINE`` … ``MAX_LINE`` tile-widths) and its opacity from 0.2 to 0.9, so the
connections that matter stand out. A weight that is not finite is drawn as 0.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Sequence

import numpy as np

from core.nn.features import DEFAULT_FEATURES, FEATURES
from core.nn.plane import evaluate_neurons, grid_inputs
from core.present.boundary import LIM, png_bytes, render_neuron_map
from core.present.theme import MUTED, TEXT, WEIGHT_NEGATIVE, WEIGHT_POSITIVE

__all__ = ["NetworkPicture", "network_picture", "network_svg"]

#: Grid points (and pixels) per side of each map; the browser scales the tile to the
#: ~25-55 px it gets on screen, smoothly. 6 layers of 16 maps stay ~0.15 MB a refresh.
MAP_R = 20
#: Between the columns of maps, in tile widths: room for the lines to fan out.
COLUMN_GAP = 1.25
#: Between two maps of a column, in tile widths.
ROW_GAP = 0.22
MIN_LINE, MAX_LINE = 0.02, 0.16
#: The input labels' type (in tile widths) and the room each character takes: the
#: room on the left is the longest label's (``sin(x₁)`` needs twice ``x₁``'s).
LABEL_SIZE = 0.42
CHAR_WIDTH = 0.6 * LABEL_SIZE


class NetworkPicture:
    """What the drawing shows, computed once: the maps as PNG tiles and the weights."""

    def __init__(self, columns: list[list[bytes]], weights: list[np.ndarray], labels: list[str],
                 dead: dict[int, Sequence[int]] | None = None):
        self.columns = columns  # per column, one PNG per unit
        self.weights = weights  # weights[k]: (units of column k, units of column k + 1)
        self.labels = labels  # the input column's labels
        self.dead = dead or {}  # hidden layer (1 = first) -> its dead units (0-based)


def _tile(values, vrange=None) -> bytes:
    return png_bytes(render_neuron_map(values, size=MAP_R, vrange=vrange), 9)


def network_picture(model, features: Sequence[str] = DEFAULT_FEATURES, lang: str = "en",
                    vrange: tuple[float, float] | None = None,
                    dead: dict[int, Sequence[int]] | None = None) -> NetworkPicture:
    """Every unit's map of ``model`` (fed ``features``) over the plane, and its weights.

    Input maps are each feature's value (its own colour scale, symmetric about 0);
    hidden maps use ``vrange`` (a bounded activation's range, so "saturated" looks
    saturated) or their own scale; the output map is P(class 1) from 0 (orange) to 1
    (blue).
    """
    features = tuple(features)
    inputs = grid_inputs(MAP_R, LIM, features)
    columns = [[_tile(inputs[:, i]) for i in range(inputs.shape[1])]]
    for layer in evaluate_neurons(model, r=MAP_R, features=features):
        columns.append([_tile(unit, vrange) for unit in layer])
    # A diverged network's NaN output is "don't know" (white), as on the plane.
    columns.append([_tile(np.nan_to_num(model.predict_proba(inputs), nan=0.5), (0.0, 1.0))])
    weights = [np.asarray(W, dtype=float) for W, _ in model.params]
    labels = ([FEATURES[key].label[lang] for key in features] if len(features) == inputs.shape[1]
              else [f"x{i + 1}" for i in range(inputs.shape[1])])
    return NetworkPicture(columns, weights, labels, dead)


def _layout(picture: NetworkPicture) -> tuple[list[list[tuple[float, float]]], float, float]:
    """Each tile's top-left corner (in tile widths) and the drawing's width and height.
    Every column is centred on the tallest."""
    heights = [len(col) + (len(col) - 1) * ROW_GAP for col in picture.columns]
    tallest = max(heights)
    label_room = 0.2 + CHAR_WIDTH * max((len(label) for label in picture.labels), default=0)
    spots = []
    for k, col in enumerate(picture.columns):
        x = label_room + k * (1 + COLUMN_GAP)
        top = (tallest - heights[k]) / 2
        spots.append([(x, top + u * (1 + ROW_GAP)) for u in range(len(col))])
    width = label_room + len(picture.columns) * (1 + COLUMN_GAP) - COLUMN_GAP + 0.1
    return spots, width, tallest


def network_svg(picture: NetworkPicture, title: str) -> str:
    """The picture as one SVG element, ``title`` its accessible name; it scales to the width
    of what holds it (``viewBox``), never wider than ``MAX_TILE_PX`` per tile."""
    spots, width, height = _layout(picture)
    finite = [np.abs(W[np.isfinite(W)]) for W in picture.weights]
    biggest = max((float(a.max()) for a in finite if a.size), default=0.0) or 1.0
    lines = {True: [], False: []}  # by the weight's sign: one stroke colour per group
    for k, W in enumerate(picture.weights):
        for i in range(W.shape[0]):
            x1, y1 = spots[k][i]
            for j in range(W.shape[1]):
                x2, y2 = spots[k + 1][j]
                w = float(W[i, j]) if math.isfinite(float(W[i, j])) else 0.0
                share = min(abs(w) / biggest, 1.0)
                lines[w >= 0].append(
                    f'<line x1="{x1 + 1:.2f}" y1="{y1 + 0.5:.2f}" x2="{x2:.2f}" y2="{y2 + 0.5:.2f}" '
                    f'stroke-width="{MIN_LINE + (MAX_LINE - MIN_LINE) * share:.3f}" '
                    f'stroke-opacity="{0.2 + 0.7 * share:.2f}"/>')
    parts = [f'<g stroke="{WEIGHT_POSITIVE}">{"".join(lines[True])}</g>',
             f'<g stroke="{WEIGHT_NEGATIVE}">{"".join(lines[False])}</g>']
    for k, column in enumerate(picture.columns):
        for u, png in enumerate(column):
            x, y = spots[k][u]
            src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            parts.append(f'<image x="{x:.2f}" y="{y:.2f}" width="1" height="1" href="{src}" '
                         'preserveAspectRatio="none"/>')
            parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="1" height="1" fill="none" '
                         f'stroke="{MUTED}" stroke-width="0.03"/>')
            if 0 < k < len(picture.columns) - 1 and u in picture.dead.get(k, ()):
                parts.append(f'<path d="M{x:.3f},{y:.3f}l1,1M{x + 1:.3f},{y:.3f}l-1,1" '
                             f'stroke="{TEXT}" stroke-width="0.06"/>')
    for u, label in enumerate(picture.labels):
        x, y = spots[0][u]
        parts.append(f'<text x="{x - 0.12:.3f}" y="{y + 0.5:.3f}" text-anchor="end" '
                     f'dominant-baseline="central" font-size="{LABEL_SIZE}" fill="{TEXT}">{html.escape(label)}</text>')
    # Never wider than MAX_TILE_PX a tile: a one-layer network stays a small picture.
    max_px = MAX_TILE_PX * width
    viewbox = f'viewBox="-0.05 -0.05 {width + 0.1:.3f} {height + 0.1:.3f}"'
    size = f'style="width:100%;max-width:{max_px:.0f}px;height:auto"'
    return (f'<svg class="trn-net" role="img" aria-label="{html.escape(title)}" {viewbox} {size} '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


#: The largest a tile is drawn, in CSS pixels.
MAX_TILE_PX = 56
