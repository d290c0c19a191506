"""Altair charts as Vega-Lite specs that are cheap to keep in ``st.cache_data`` and to draw.

A page caches ``vega_spec(chart)`` in a function of plain values and draws the result with
``st.vega_lite_chart(spec, ...)``: building an Altair chart and converting it costs tens of
milliseconds, drawing a cached spec a fraction of one.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

import altair as alt
import pandas as pd
import pyarrow as pa
from altair.vegalite.data import default_data_transformer

#: The data frames met while :func:`vega_spec` turns a chart into a spec, on this thread
#: (a server runs many learners' scripts at once, each on its own thread).
_frames = threading.local()


def _frames_as_named_data(data, **kwargs):
    """Altair's data transformer while :func:`vega_spec` runs: a data frame becomes a
    reference to a named dataset (kept aside, as the frame itself) instead of a list of
    row dicts; anywhere else, Altair's default."""
    found = getattr(_frames, "found", None)
    if found is None or not isinstance(data, pd.DataFrame):
        return default_data_transformer(data, **kwargs)
    if id(data) not in found:
        found[id(data)] = (_content_name(data), data)
    return {"name": found[id(data)][0]}


def _content_name(frame: pd.DataFrame) -> str:
    """A dataset name from the frame's columns and values, as Altair names its datasets:
    new data, a new spec, so the browser draws the chart anew."""
    digest = hashlib.md5(repr(list(frame.columns)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return f"data-{digest.hexdigest()}"


alt.data_transformers.register("app_named_frames", _frames_as_named_data)
alt.data_transformers.enable("app_named_frames")


# Altair's debug mode (its default) validates each schema object against the Vega-Lite
# schema as it is made, for earlier tracebacks (its own comment: it "slows things down"):
# one activations panel took ~62 ms of CPU to build here, ~45 ms without. The tests
# validate every spec the pages send (tests/app/test_chart_schema.py).
alt.utils.schemapi.disable_debug_mode()


def vega_spec(chart) -> dict:
    """The chart's Vega-Lite spec (``chart.to_dict()``), its datasets as Arrow tables.

    Altair turns each data frame into a list of row dicts (and ``st.vega_lite_chart``
    turns those back into Arrow on every call: ~7 ms for a few thousand rows, and a
    cached spec is drawn on every rerun). Here each frame goes straight to an Arrow table,
    once, when the spec is made: the browser receives the same data, and making the spec
    skips the rows (a fifth of the time to make the activations page's curves).

    Not validated against the Vega-Lite schema here (``validate=False``): checking a spec
    took about a fifth of the time to make it, on every cache miss a learner causes. The
    tests check every spec the pages send (``tests/app/test_chart_schema.py``)."""
    _frames.found = {}
    try:
        spec = chart.to_dict(validate=False)
        frames = _frames.found
    finally:
        _frames.found = None
    datasets = {name: pa.Table.from_pandas(pd.DataFrame(rows)) for name, rows in spec.pop("datasets", {}).items()}
    datasets.update((name, pa.Table.from_pandas(frame, preserve_index=False)) for name, frame in frames.values())
    if datasets:
        spec["datasets"] = datasets
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
