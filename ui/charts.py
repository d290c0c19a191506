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
