"""ui.charts: the cached form of a chart is its Vega-Lite spec with the same rows, as Arrow."""

import pyarrow as pa
import pytest

from core.lessons import collapse as col
from core.nn.datasets import make_dataset
from core.present.collapse_charts import boundary_chart, circle_chart
from ui.charts import pairs, vega_spec

LABELS = {"class1": "circles", "class0": "triangles", "x": "x1", "y": "x2"}
X, Y = make_dataset("circle", n=60, seed=0)


def _line_chart(w):
    return boundary_chart(X, Y, lambda P: col.forward_231(w, P), LABELS, line=col.boundary_231(w))


def _same_but_dataset_names(ours, altairs, names: dict) -> None:
    """``ours`` is ``altairs`` where each ``{"name": …}`` data reference may be renamed;
    ``names`` collects the renaming (Altair's name → ours), one to one."""
    if isinstance(altairs, dict):
        assert isinstance(ours, dict) and ours.keys() == altairs.keys()
        if set(altairs) == {"name"} and isinstance(altairs["name"], str) and altairs["name"].startswith("data-"):
            assert names.setdefault(altairs["name"], ours["name"]) == ours["name"]
            return
        for key in altairs:
            _same_but_dataset_names(ours[key], altairs[key], names)
    elif isinstance(altairs, list):
        assert isinstance(ours, list) and len(ours) == len(altairs)
        for a, b in zip(ours, altairs):
            _same_but_dataset_names(a, b, names)
    else:
        assert ours == altairs


def _two_layers_one_frame_with_gaps():
    """A frame with a missing value and an index of its own, shared by two layers, and a
    second frame: each frame is one dataset, its rows as Altair would write them."""
    import altair as alt
    import numpy as np
    import pandas as pd

    shared = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [1.5, np.nan, -2.0], "g": ["a", "b", "a"]}, index=[7, 3, 5])
    other = pd.DataFrame({"x": [0.5], "label": ["圆圈"]})
    line = alt.Chart(shared).mark_line().encode(x="x:Q", y="y:Q")
    dots = alt.Chart(shared).mark_point().encode(x="x:Q", y="y:Q", color="g:N")
    text = alt.Chart(other).mark_text().encode(x="x:Q", text="label:N")
    return alt.layer(line, dots, text)


@pytest.mark.parametrize("chart", [
    _line_chart(col.DEFAULT_WEIGHTS),
    _line_chart(col.EXAMPLES["silent"]),  # no line in view: an empty dataset
    circle_chart(X, Y, 0.6, LABELS),
    _two_layers_one_frame_with_gaps(),
], ids=["line", "no line", "circle", "shared frame, gaps"])
def test_the_spec_is_to_dict_with_each_dataset_as_a_table_of_its_rows(chart):
    """Against Altair's own ``to_dict()``: the same spec, each dataset an Arrow table of
    the very rows Altair inlines (missing values as null, the frame's index left out)."""
    inline = chart.to_dict()
    spec = vega_spec(chart)
    names: dict[str, str] = {}
    _same_but_dataset_names({k: v for k, v in spec.items() if k != "datasets"},
                            {k: v for k, v in inline.items() if k != "datasets"}, names)
    assert sorted(names) == sorted(inline["datasets"])  # every dataset is referred to
    assert sorted(names.values()) == sorted(spec["datasets"])  # and nothing else is sent
    for name, rows in inline["datasets"].items():
        table = spec["datasets"][names[name]]
        assert isinstance(table, pa.Table)
        assert table.to_pylist() == rows


def test_texts_become_hashable_pairs_and_back():
    texts = {"x": "x₁", "class1": "圆圈（第 1 类）", "class0": "三角形（第 0 类）"}
    assert pairs(texts) == tuple(sorted(texts.items()))
    assert dict(pairs(texts)) == texts
    assert hash(pairs(texts)) == hash(pairs(dict(reversed(texts.items()))))


def test_presenter_scale_raises_every_chart_text_to_at_least_18_px():
    """One presenter setting (core.state.presenter.TYPE_SCALE) makes the smallest chart
    text 18 px: sizes the chart set are scaled, sizes it left to Vega get a base first."""
    from core.state.presenter import TYPE_SCALE
    from ui.charts import presented

    spec = {"mark": "line", "config": {"axis": {"labelFontSize": 12}},
            "layer": [{"mark": {"type": "text", "fontSize": 12}}], "datasets": {"d": object()}}
    out = presented(spec, TYPE_SCALE)
    sizes = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lower().endswith("fontsize"):
                    sizes.append(value)
                elif key != "datasets":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(out)
    assert sizes and min(sizes) >= 18
    assert out["layer"][0]["mark"]["fontSize"] == 18 and out["config"]["legend"]["labelFontSize"] == 18
    assert out["datasets"] is spec["datasets"]  # shared, not copied
    assert spec["config"] == {"axis": {"labelFontSize": 12}}  # the cached spec is left alone
    assert presented(spec, 1.0) is spec


_CURVES_CHART = """
import core.present.activation_charts as ac
from core.lessons import activation_curves as lc
keys = ("sigmoid", "relu", "elu")
frame = lc.curve_frame(keys, {"elu": {"alpha": 0.7}}, 5.0, with_second=True)
regions = lc.region_frame(keys, {"elu": {"alpha": 0.7}}, 5.0, 0.05)
sat = regions.loc[regions["kind"] == "saturated", ["key", "x0", "x1"]].reset_index(drop=True)
chart = ac.curve_chart(frame, "df", {k: k.upper() for k in keys}, "f'(x)", sat, "flat", halo=sat)
"""


def test_charts_are_built_as_stock_altair_builds_them():
    """ui.charts turns off Altair's checks while a chart is built (its debug mode): the
    spec is the one stock Altair makes, in a fresh interpreter that never imports
    ui.charts, with validation."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (f"import sys, json; sys.path.insert(0, {str(root)!r})\n{_CURVES_CHART}\n"
              "assert 'ui.charts' not in sys.modules\n"
              "print(json.dumps(chart.to_dict(validate=True), sort_keys=True))")
    stock = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root)
    made = {}
    exec(_CURVES_CHART, made)  # noqa: S102 - the same source in both interpreters
    assert json.loads(json.dumps(made["chart"].to_dict(), sort_keys=True)) == json.loads(stock.stdout)
