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


@pytest.mark.parametrize("chart", [
    _line_chart(col.DEFAULT_WEIGHTS),
    _line_chart(col.EXAMPLES["silent"]),  # no line in view: an empty dataset
    circle_chart(X, Y, 0.6, LABELS),
], ids=["line", "no line", "circle"])
def test_the_spec_is_to_dict_with_each_dataset_as_a_table_of_its_rows(chart):
    inline = chart.to_dict()
    spec = vega_spec(chart)
    assert {k: v for k, v in spec.items() if k != "datasets"} == {k: v for k, v in inline.items() if k != "datasets"}
    assert spec["datasets"].keys() == inline["datasets"].keys()
    for name, rows in inline["datasets"].items():
        assert isinstance(spec["datasets"][name], pa.Table)
        assert spec["datasets"][name].to_pylist() == rows


def test_texts_become_hashable_pairs_and_back():
    texts = {"x": "x₁", "class1": "圆圈（第 1 类）", "class0": "三角形（第 0 类）"}
    assert pairs(texts) == tuple(sorted(texts.items()))
    assert dict(pairs(texts)) == texts
    assert hash(pairs(texts)) == hash(pairs(dict(reversed(texts.items()))))
