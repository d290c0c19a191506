"""The activations page's legend: HTML that wraps, every function in full, the charts' colours."""

import re

from core.lessons import activation_curves as lc
from core.present import activation_charts as ac
from core.present.theme import MUTED

NAMES = ["Sigmoid", "Tanh", "ReLU", "SoftShrink", "SELU", "Mish", "GELU (tanh)", "<b>&"]


def test_every_entry_is_there_in_full_and_never_split():
    out = ac.legend_html(ac.series_colours(NAMES))
    spans = re.findall(r'<span style="white-space:nowrap[^"]*">(.*?)</span>', out)
    assert len(spans) == len(NAMES)
    for span, name in zip(spans, NAMES):
        label = span.split("&nbsp;", 1)[1]
        assert label == name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Entries are separated by plain spaces, so the browser may wrap between them.
    assert "</span> <span" in out


def test_each_entry_has_the_colour_its_curve_is_drawn_in():
    frame = lc.curve_frame(["sigmoid", "tanh", "relu"], None, 3.0, n=11)
    names = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU"}
    spec = ac.curve_chart(frame, "f", names, "f(x)").to_dict()
    scales = [layer["encoding"]["color"]["scale"] for layer in spec["layer"]
              if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"]]
    drawn = dict(zip(scales[0]["domain"], scales[0]["range"]))
    out = ac.legend_html(ac.series_colours(list(names.values())))
    shown = dict((name, colour) for colour, name in
                 re.findall(r'stroke="(#[0-9A-Fa-f]{6})"[^>]*/></svg>&nbsp;([^<]+)</span>', out))
    assert shown == drawn


def test_the_chart_can_leave_its_legend_to_the_page():
    frame = lc.curve_frame(["sigmoid", "tanh"], None, 3.0, n=11)
    names = {"sigmoid": "Sigmoid", "tanh": "Tanh"}
    with_legend = ac.curve_chart(frame, "f", names, "f(x)").to_dict()
    without = ac.curve_chart(frame, "f", names, "f(x)", legend=False).to_dict()
    legends = lambda spec: [layer["encoding"]["color"].get("legend", "absent") for layer in spec["layer"]  # noqa: E731
                            if "color" in layer.get("encoding", {})]
    assert any(isinstance(v, dict) for v in legends(with_legend))
    assert legends(without) and all(v is None for v in legends(without))


def test_a_reference_entry_can_be_dashed():
    out = ac.legend_html([("Sigmoid", "#000000"), ("0.25ⁿ", MUTED)], dashed=["0.25ⁿ"])
    assert out.count("stroke-dasharray") == 1
    assert out.index("stroke-dasharray") > out.index("Sigmoid")
