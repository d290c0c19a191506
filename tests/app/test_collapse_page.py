"""The linear-collapse page under Streamlit's AppTest: renders, reacts, restores from the URL."""

import pyarrow as pa
import pytest

from core.i18n import t
from core.lessons import collapse as col
from core.present import numbers
from tests.app.conftest import assert_clean, chart_texts, run_page

PAGE = "app_pages/collapse.py"


def _latex(at) -> list[str]:
    return [element.value for element in at.latex]


def _charts(at) -> list[str]:
    return [element.proto.spec for element in at.get("vega_lite_chart")]


def _drawn(at) -> list[tuple[str, tuple[bytes, ...]]]:
    """Each chart as the browser receives it: its spec and its datasets (Arrow bytes)."""
    return [(c.proto.spec, tuple(d.data.data for d in c.proto.datasets)) for c in at.get("vega_lite_chart")]


def _rows(chart) -> list[list[dict]]:
    """The rows of each of a chart's datasets."""
    return [pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets]


def _weights(at) -> tuple[float, ...]:
    return tuple(at.slider(key=name).value for name in col.WEIGHT_NAMES)


def test_page_renders_in_each_language(lang):
    at = run_page(PAGE, lang=lang)
    assert_clean(at)
    assert at.title[0].value == t("col_title", lang)
    assert [h.value for h in at.header][0] == t("col_h_network", lang)
    assert len(at.get("vega_lite_chart")) == 8
    assert len(at.get("graphviz_chart")) == 1
    assert any("2.03" in latex and "1.54" in latex for latex in _latex(at))
    assert _weights(at) == col.DEFAULT_WEIGHTS
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("col_feature_accuracy", lang)] == "100.0%"
    assert metrics[t("col_rank", lang)] == "3"  # default widths 8,3,8


def test_changing_a_weight_changes_the_derivation_and_the_picture(lang):
    at = run_page(PAGE, lang=lang)
    latex_before, charts_before = _latex(at), _charts(at)
    dot_before = at.get("graphviz_chart")[0].proto.spec
    at.slider(key="w1").set_value(-0.3).run()
    assert_clean(at)
    assert at.title[0].value == t("col_title", lang)
    latex_after = _latex(at)
    assert latex_after != latex_before
    a, c = col.coefficients_231((-0.3, *col.DEFAULT_WEIGHTS[1:]))
    assert any(numbers.latex(a) in latex for latex in latex_after)
    assert _charts(at)[0] != charts_before[0]
    assert at.get("graphviz_chart")[0].proto.spec != dot_before
    assert "w1=-0.3" in at.get("graphviz_chart")[0].proto.spec
    assert at.query_params["w1"] in ("-0.3", ["-0.3"])


def test_a_cached_chart_follows_the_weights_there_and_back():
    """The charts are cached: a new w1 must draw the boundary of the new weights (not a
    stale entry), and the old w1 the very chart of before; the charts that do not depend
    on the weights stay as they were."""
    at = run_page(PAGE)
    first = _drawn(at)
    at.slider(key="w1").set_value(1.0).run()
    assert_clean(at)
    changed = _drawn(at)
    assert changed[0] != first[0]
    assert changed[1:] == first[1:]
    segment = col.boundary_231((1.0, *col.DEFAULT_WEIGHTS[1:])).segment(1.0)
    rules = [rows for rows in _rows(at.get("vega_lite_chart")[0]) if len(rows) == 1 and "x2" in rows[0]]
    assert [tuple(rules[0][0][k] for k in ("x", "y", "x2", "y2"))] == [pytest.approx(segment)]
    at.slider(key="w1").set_value(col.DEFAULT_WEIGHTS[0]).run()
    assert _drawn(at) == first


def test_the_chinese_charts_after_an_english_run_are_in_chinese():
    """Cached charts carry their texts: switching the language on the same state draws
    every chart with the Chinese names, none left over from the English run."""
    at = run_page(PAGE, lang="en")
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert_clean(at)
    texts = [chart_texts(chart) for chart in at.get("vega_lite_chart")]
    assert len(texts) == 8
    english = {t(key, "en") for key in ("col_class1", "col_class0", "col_sv_kept", "col_sv_axis")}
    assert not any(shown & english for shown in texts)
    assert t("col_sv_axis", "zh") in texts[1]  # the singular values
    classes = {t("col_class1", "zh"), t("col_class0", "zh")}
    assert all(classes <= shown for shown in texts[:1] + texts[2:])


def test_random_and_reset_buttons():
    at = run_page(PAGE)
    at.button(key="col_random").click().run()
    assert_clean(at)
    randomised = _weights(at)
    assert randomised != col.DEFAULT_WEIGHTS
    assert all(-2.0 <= v <= 2.0 for v in randomised)
    changed = [name for name, v, d in zip(col.WEIGHT_NAMES, randomised, col.DEFAULT_WEIGHTS) if v != d]
    assert all(name in at.query_params for name in changed)
    at.button(key="col_reset").click().run()
    assert_clean(at)
    assert _weights(at) == col.DEFAULT_WEIGHTS
    assert not any(name in at.query_params for name in col.WEIGHT_NAMES)


def test_degenerate_examples_are_explained(lang):
    at = run_page(PAGE, lang=lang)
    at.button(key="col_ex_horizontal").click().run()
    assert_clean(at)
    assert _weights(at) == col.EXAMPLES["horizontal"]
    a, c = col.coefficients_231(col.EXAMPLES["horizontal"])
    assert any(w.value == t("col_case_x2", lang, c=numbers.latex(c)) for w in at.warning)
    at.button(key="col_ex_silent").click().run()
    assert_clean(at)
    assert col.why_silent_231(col.EXAMPLES["silent"])[0] == "cancel"  # nine non-zero weights
    assert any(w.value == t("col_case_none_cancel", lang, zeros="") for w in at.warning)
    assert any(r"\equiv 0" in latex for latex in _latex(at))


def test_url_restores_the_weights_and_settings():
    at = run_page(PAGE, w1="0.5", w2="-1.2", w9="2", col_depth="3", col_widths="5,2", col_act="relu", col_bias="1")
    assert_clean(at)
    assert at.slider(key="w1").value == 0.5 and at.slider(key="w2").value == -1.2 and at.slider(key="w9").value == 2.0
    assert at.slider(key="col_depth").value == 3 and at.text_input(key="col_widths").value == "5,2"
    assert at.selectbox(key="col_act").value == "relu"
    assert at.toggle(key="col_bias").value is True
    a, c = col.coefficients_231((0.5, -1.2, *col.DEFAULT_WEIGHTS[2:8], 2.0))
    assert any(numbers.latex(a) in latex for latex in _latex(at))
    assert {m.label: m.value for m in at.metric}[t("col_rank", "en")] == "2"
    assert any(r"\beta" in latex for latex in _latex(at))


@pytest.mark.parametrize("query", [{"w1": "abc"}, {"w3": "7"}, {"col_depth": "99"}, {"col_widths": "8,x"},
                                   {"col_act": "nope"}, {"col_k": "nan"}])
def test_bad_url_values_give_a_notice(query):
    at = run_page(PAGE, **query)
    assert_clean(at)
    name = next(iter(query))
    notices = [w.value for w in at.warning]
    assert any(name in notice for notice in notices), notices
    assert at.get("vega_lite_chart")


def test_url_with_depth_and_widths_that_disagree_is_made_consistent():
    at = run_page(PAGE, col_depth="3", col_widths="8,3,8")
    assert_clean(at)
    assert at.text_input(key="col_widths").value == "8,3"


def test_depth_and_widths_stay_in_step():
    at = run_page(PAGE)
    at.text_input(key="col_widths").set_value("8,2,8,8").run()
    assert_clean(at)
    assert at.slider(key="col_depth").value == 5
    assert {m.label: m.value for m in at.metric}[t("col_rank", "en")] == "2"
    at.slider(key="col_depth").set_value(2).run()
    assert at.text_input(key="col_widths").value == "8"
    at.slider(key="col_depth").set_value(1).run()
    assert_clean(at)
    assert at.text_input(key="col_widths").value == ""
    assert any(i.value == t("col_depth_one", "en") for i in at.info)


def test_bad_widths_warn_and_keep_working():
    at = run_page(PAGE)
    at.text_input(key="col_widths").set_value("8,x").run()
    assert_clean(at)
    assert any("8,x" in w.value for w in at.warning)
    assert at.get("vega_lite_chart")


def test_activation_and_seed_change_the_pictures():
    at = run_page(PAGE)
    before = _charts(at)
    at.selectbox(key="col_act").set_value("relu").run()
    assert_clean(at)
    after = _charts(at)
    # Chart order: 2-3-1 boundary, singular values, linear stack, bent stack, then the x² charts.
    assert after[3] != before[3] and after[2] == before[2]
    at.number_input(key="col_seed").set_value(3).run()
    assert _charts(at)[2] != after[2]


def test_additivity_inputs_change_the_numbers():
    at = run_page(PAGE)
    before = _latex(at)
    at.number_input(key="col_k").set_value(-1.5).run()
    assert_clean(at)
    assert any(r"f((-1.5)\,\mathbf a)" in latex for latex in _latex(at))
    assert _latex(at) != before
    at.number_input(key="col_p1").set_value(2.0).run()
    assert_clean(at)


@pytest.mark.parametrize("page, module", [("app_pages/collapse.py", "collapse"), ("app_pages/activations.py", "activations"),
                                          ("app_pages/feature_map.py", "feature_map"),
                                          ("app_pages/training.py", "training")])
def test_every_ranged_widget_accepts_exactly_what_its_url_accepts(page, module):
    """One spec per control: a slider or number box spans the URL parameter's range, and a link
    just outside that range is refused (so no link sets a value the widget cannot show)."""
    import importlib

    from tests.app.conftest import run_page as run

    params = importlib.import_module(f"core.state.{module}").PARAMS
    query = {"fn": "elu,selu,leaky_relu"} if module == "activations" else {}
    at = run(page, lang="en", **query)
    widgets = {w.key: w for kind in ("slider", "number_input") for w in at.get(kind)}
    checked = 0
    for param in params:
        if param.low is None or param.key not in widgets:
            continue
        proto = widgets[param.key].proto
        assert (proto.min, proto.max) == (param.low, param.high), param.key
        span = param.high - param.low
        assert not param.read(str(param.high + span))[1] and not param.read(str(param.low - span))[1]
        checked += 1
    assert checked >= {"collapse": 20, "activations": 6, "feature_map": 4, "training": 4}[module]
    for param in params:  # and a choice offers as many options as its URL accepts
        if param.options is not None and param.key in {w.key for w in at.get("selectbox")}:
            assert len(at.selectbox(key=param.key).options) == len(param.options), param.key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_section_is_drawn_once_the_learner_comes_to_it_and_stays_drawn(lang):
    """Without a browser to report what is on screen, the page draws its first section and,
    of every other one, its heading and a placeholder saying it is on its way; a section
    the learner has come to is drawn, and stays drawn in later runs."""
    from ui.visibility import DRAW_ALL, SEEN

    at = run_page(PAGE, lang=lang)
    del at.session_state[DRAW_ALL]
    at.run()
    assert_clean(at)
    headings = [h.value for h in at.header]
    for key in ("col_h_network", "col_h_algebra", "col_h_boundary", "col_h_depth", "col_h_bend"):
        assert t(key, lang) in headings, key
    assert not at.get("vega_lite_chart") and not at.latex  # every chart and formula is further down
    assert [c.value for c in at.caption].count(t("section_pending", lang)) == 7
    at.session_state[SEEN] = {"part_col_boundary"}
    at.run()
    assert len(at.get("vega_lite_chart")) == 1  # the boundary over the data
    assert [c.value for c in at.caption].count(t("section_pending", lang)) == 6
    at.slider(key="w1").set_value(0.5).run()
    assert len(at.get("vega_lite_chart")) == 1 and "part_col_boundary" in at.session_state[SEEN]
