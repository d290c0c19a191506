"""The training page's look inside: a neuron checked by hand, the plane layer by layer."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from core.i18n import t
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/training.py"


def page(lang="en", opened=True, **query):
    """The training page with both expanders opened (a closed one draws nothing)."""
    at = run_page(PAGE, lang=lang, **query)
    if opened:
        at.session_state["ins_check_open"] = True
        at.session_state["ins_warp_open"] = True
        at.run()
    assert_clean(at)
    # No widget complains about its state (the page's own diagnoses may warn).
    assert not [w.value for w in at.warning if "Session State" in w.value]
    return at


def expander_labels(at) -> list[str]:
    return [e.label for e in at.expander]


def probability(at) -> str:
    """The sentence with the output probability (the only Markdown that says "p = ")."""
    found = [m.value for m in at.markdown if "**p = " in m.value]
    assert len(found) == 1, found
    return found[0]


def latex(at) -> str:
    return at.latex[0].value


def test_both_views_render_in_each_language(lang):
    at = page(lang, hidden="3,2")
    labels = expander_labels(at)
    assert t("ins_check_title", lang) in labels and t("ins_warp_title", lang) in labels
    words = t("ins_verdict_circle", lang), t("ins_verdict_triangle", lang)
    assert any(w in probability(at) for w in words)
    # The output (the default neuron) shows its bias: the formula ends in "+ b".
    assert "+ b" in latex(at) and r"\sigma" in latex(at)
    assert t("ins_layer_output", lang) in next(m.value for m in at.markdown if "|" in m.value)


def test_changing_the_point_or_the_neuron_changes_the_numbers():
    at = page("en", hidden="3,2")
    before_p, before_tex = probability(at), latex(at)
    at.number_input(key="ins_x1").set_value(-0.9).run()
    assert_clean(at)
    assert probability(at) != before_p and "−0.9" in probability(at)
    assert latex(at) != before_tex
    at.selectbox(key="ins_layer").set_value(1).run()
    assert_clean(at)
    assert r"x_{1}" in latex(at) and r"\tanh" in latex(at)
    first = latex(at)
    at.selectbox(key="ins_unit").set_value(2).run()
    assert latex(at) != first and "h^{(1)}_{3}" in latex(at)


def test_removing_layers_keeps_a_valid_neuron():
    at = page("en", hidden="3,2")
    at.selectbox(key="ins_layer").set_value(2).run()
    at.selectbox(key="ins_unit").set_value(1).run()
    at.button(key="trn_layers_less").click().run()
    at.button(key="trn_layers_less").click().run()
    assert_clean(at)
    assert at.selectbox(key="ins_layer").value == 1  # only the output is left
    assert r"x_{1}" in latex(at) and "+ b" in latex(at)


def _panels(at) -> list[str]:
    """The panel titles in order, checked against the panels the data actually hold."""
    proto = at.get("vega_lite_chart")[0].proto
    titles = json.loads(proto.spec)["facet"]["sort"]
    (dataset,) = proto.datasets
    table = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    assert sorted(set(table["t"].astype(str))) == sorted(titles)
    return titles


def test_the_warp_view_draws_one_panel_per_hidden_layer(lang):
    at = page(lang, hidden="4,2,1", activation="relu")
    titles = _panels(at)
    assert titles == [t("ins_warp_panel_pca", lang, i=1, units=4, kept=titles[0].split()[-1]),
                      t("ins_warp_panel", lang, i=2, units=2), t("ins_warp_panel_one", lang, i=3)]


def test_closed_expanders_compute_nothing():
    at = page("en", opened=False, hidden="3,2")
    labels = expander_labels(at)
    assert t("ins_check_title", "en") in labels and t("ins_warp_title", "en") in labels
    assert not at.latex and not at.get("vega_lite_chart")
    assert not [m for m in at.markdown if "**p = " in m.value]


def test_no_hidden_layer_says_so():
    at = page("en", hidden="")
    assert any(c.value == t("ins_warp_none", "en") for c in at.caption)
    assert not at.get("vega_lite_chart")


def test_the_chosen_point_survives_closing_and_reopening():
    at = page("en", hidden="3,2")
    at.number_input(key="ins_x2").set_value(0.7).run()
    at.session_state["ins_check_open"] = False
    at.run()
    assert not at.latex
    at.session_state["ins_check_open"] = True
    at.run()
    assert_clean(at)
    assert "At (0.5, 0.7)" in probability(at)


def _chosen_mark(at) -> list[tuple[float, float]]:
    (dataset,) = at.get("vega_lite_chart")[0].proto.datasets
    table = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    marks = table[table["g"] == "m"]
    return list(zip(marks["u"].round(3), marks["v"].round(3)))


def test_the_warp_view_marks_the_chosen_point_and_follows_it():
    """With identity and one 2-unit layer, the mark sits at h = x·W + b, read from the
    hand check's own table (the model's parameters, independently of the chart code)."""
    at = page("en", hidden="2", activation="identity")
    before = _chosen_mark(at)
    assert len(before) == 1
    at.number_input(key="ins_x1").set_value(-1.0).run()
    assert_clean(at)
    after = _chosen_mark(at)
    assert after != before
    z = [float(r.split("|")[4].replace("−", "-")) for r in next(
        m.value for m in at.markdown if "|" in m.value).splitlines()[2:4]]
    assert abs(after[0][0] - z[0]) < 2e-3 and abs(after[0][1] - z[1]) < 2e-3


def test_with_features_the_formula_names_them_and_p_is_the_networks():
    """features=x1sq,x2sq: the first neuron's formula reads w·x₁² + w·x₂² + b, and the p shown
    is what the trained network itself says at that point."""
    import re

    at = page(hidden="2", features="x1sq,x2sq")
    at.selectbox(key="ins_layer").set_value(1).run()
    assert "x_{1}^2" in latex(at) and "x_{2}^2" in latex(at)
    trainer = at.session_state["trn_session"].trainer
    point = np.array([[at.session_state[k] for k in ("ins_x1", "ins_x2")]], dtype=float)
    expected = float(trainer.model.predict_proba(trainer.inputs(point))[0])
    shown = float(re.search(r"p = ([0-9.]+)", probability(at)).group(1))
    assert shown == pytest.approx(expected, abs=5e-4)
