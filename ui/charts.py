"""Altair charts as Vega-Lite specs that are cheap to keep in ``st.cache_data`` and to draw.

A page caches ``vega_spec(chart)`` in a function of plain values and draws the result with
``st.vega_lite_chart(spec, ...)``: building an Altair chart and converting it costs tens of
milliseconds, drawing a cached spec a fraction of one.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pyarrow as pa


def vega_spec(chart) -> dict:
    """The chart's Vega-Lite spec (``chart.to_dict()``), its datasets as Arrow tables.

    ``to_dict`` inlines every dataset as a list of row dicts, and ``st.vega_lite_chart``
    turns each dataset into Arrow on every call: ~7 ms for a list of a few thousand rows
    (a cached spec is drawn on every rerun), ~0.3 ms for an Arrow table. So the rows
    become tables once, when the spec is made, through the data frame Streamlit would
    build from them: the chart receives the same Arrow data."""
    spec = chart.to_dict()
    if "datasets" in spec:
        spec["datasets"] = {name: pa.Table.from_pandas(pd.DataFrame(rows)) for name, rows in spec["datasets"].items()}
    return spec


def pairs(mapping: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A dict of texts as sorted ``(key, text)`` pairs: hashable, so it can key a cache
    (``dict(pairs(m)) == m``)."""
    return tuple(sorted(mapping.items()))


#: Text sizes a chart's config gets before the presenter's scale, where the chart set
#: none (Vega's own defaults, 10-11 px, would stay small on a projector).
BASE_FONT_SIZES = {"axis": {"labelFontSize": 12, "titleFontSize": 13},
                   "legend": {"labelFontSize": 12, "titleFontSize": 12},
                   "header": {"labelFontSize": 12, "titleFontSize": 13},
                   "title": {"fontSize": 14, "subtitleFontSize": 12}, "text": {"fontSize": 12}}


def _scaled(node, scale: float):
    """A copy of a spec's JSON part with every font size multiplied by ``scale``."""
    if isinstance(node, dict):
        return {key: (value * scale if key.lower().endswith("fontsize") and isinstance(value, (int, float))
                      else _scaled(value, scale)) for key, value in node.items()}
    if isinstance(node, list):
        return [_scaled(value, scale) for value in node]
    return node


def presented(spec: dict, scale: float) -> dict:
    """``spec`` with its text ``scale`` times larger (presenter mode); ``spec`` itself at
    scale 1. Only the JSON part is copied: the datasets (Arrow tables) are shared."""
    if scale == 1.0:
        return spec
    body = {key: value for key, value in spec.items() if key != "datasets"}
    config = body["config"] = dict(body.get("config", {}))  # the cached spec stays as it was
    for section, sizes in BASE_FONT_SIZES.items():
        part = config.get(section) if isinstance(config.get(section), dict) else {}
        config[section] = {**sizes, **part}
    out = _scaled(body, scale)
    if "datasets" in spec:
        out["datasets"] = spec["datasets"]
    return out


def draw(spec: dict, data=None, **kwargs):
    """``st.vega_lite_chart`` of ``spec`` (and ``data``), its text at the presenter's scale."""
    import streamlit as st

    from ui import presenter

    return st.vega_lite_chart(data, presented(spec, presenter.type_scale()), **kwargs)
