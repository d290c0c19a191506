"""The activation-functions page in Streamlit's AppTest: it runs, reacts, and reads its URL."""

import hashlib

import pytest

import core.present.activation_charts as ac
from core.i18n import t
from core.lessons import activation_curves as lc
from core.lessons.activation_props import depth_factors, output_moments, slope_range, slope_supremum
from core.nn.activations import ACTIVATIONS, display_name
from core.present import numbers
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/activations.py"


def charts(at) -> list:
    return at.get("vega_lite_chart")


def fingerprint(chart) -> str:
    """Spec and data of one Vega-Lite chart: equal fingerprints, same drawing."""
    digest = hashlib.sha256(chart.proto.spec.encode())
    for dataset in chart.proto.datasets:
        digest.update(dataset.data.data)
    return digest.hexdigest()


def all_charts(at) -> list[str]:
    return [fingerprint(c) for c in charts(at)]


def latex(at) -> list[str]:
    """The LaTeX shown, without the $$ … $$ that st.latex wraps it in."""
    return [e.value.strip().removeprefix("$$").removesuffix("$$").strip() for e in at.latex]


def test_page_renders_in_each_language(lang):
    at = run_page(PAGE, lang=lang)
    assert_clean(at)
    assert at.title[0].value == t("nav_activations", lang)
    assert at.multiselect(key="fn").value == ["sigmoid", "tanh", "relu"]
    # f, f', the step and the depth chart.
    assert len(charts(at)) == 4
    assert ACTIVATIONS["sigmoid"].formula_latex in latex(at)
    assert any(t("act_intro", lang)[:20] in m.value for m in at.markdown)
    assert len(at.table) == 2  # properties, step examples
    assert not at.warning


def test_changing_the_functions_redraws_and_rewrites_the_formulas(lang):
    at = run_page(PAGE, lang=lang)
    before_charts, before_latex = all_charts(at), latex(at)
    at.multiselect(key="fn").set_value(["gelu", "elu"]).run()
    assert_clean(at)
    assert all_charts(at)[0] != before_charts[0]
    assert ACTIVATIONS["gelu"].formula_latex in latex(at) and latex(at) != before_latex
    assert at.query_params["fn"] == "gelu,elu"
    assert at.title[0].value == t("nav_activations", lang)  # the rerun kept the language
    assert at.slider(key="act_elu_alpha").value == 1.0


def test_a_parameter_slider_changes_the_curves(lang):
    at = run_page(PAGE, lang=lang, fn="leaky_relu")
    slider = at.slider(key="act_leaky_relu_negative_slope")
    assert slider.value == 0.01
    assert "0.3" in slider.help  # Keras's default is named
    before = all_charts(at)
    slider.set_value(0.25).run()
    assert_clean(at)
    after = all_charts(at)
    assert after[0] != before[0] and after[1] != before[1]
    assert at.query_params["act_leaky_relu_negative_slope"] == "0.25"


def test_reset_restores_the_defaults(lang):
    at = run_page(PAGE, lang=lang, fn="elu", act_x="3")
    at.slider(key="act_elu_alpha").set_value(2.0).run()
    at.button(key="act_reset").click().run()
    assert_clean(at)
    assert at.slider(key="act_elu_alpha").value == 1.0
    assert at.slider(key="act_x").value == 6
    assert "act_elu_alpha" not in at.query_params and "act_x" not in at.query_params


def test_x_range_threshold_and_second_derivative(lang):
    at = run_page(PAGE, lang=lang)
    before = all_charts(at)
    at.slider(key="act_x").set_value(12).run()
    assert all_charts(at)[0] != before[0]
    before = all_charts(at)
    at.slider(key="act_sat").set_value(0.2).run()
    assert all_charts(at)[1] != before[1]  # the shading of f'
    at.toggle(key="act_f2").set_value(True).run()
    assert_clean(at)
    assert len(charts(at)) == 5
    assert at.query_params["act_f2"] == "1" and at.query_params["act_x"] == "12"


def test_step_steepness_changes_the_step_chart_and_table(lang):
    at = run_page(PAGE, lang=lang)
    step_chart = lambda: fingerprint(charts(at)[2])  # noqa: E731
    before_chart, before_table = step_chart(), at.table[1].value.to_dict()
    at.select_slider(key="act_k").set_value(50.0).run()
    assert_clean(at)
    assert step_chart() != before_chart
    assert at.table[1].value.to_dict() != before_table
    assert at.query_params["act_k"] == "50"


def test_layers_and_spread_change_the_depth_chart(lang):
    at = run_page(PAGE, lang=lang)
    depth_chart = lambda: fingerprint(charts(at)[-1])  # noqa: E731
    before = depth_chart()
    at.slider(key="act_layers").set_value(5).run()
    after_layers = depth_chart()
    at.slider(key="act_spread").set_value(3.0).run()
    assert_clean(at)
    assert len({before, after_layers, depth_chart()}) == 3


def test_url_restores_the_settings(lang):
    at = run_page(PAGE, lang=lang, fn="relu,tanh", act_x="10", act_k="20", act_layers="7", act_f2="1",
                  act_spread="2")
    assert_clean(at)
    assert at.multiselect(key="fn").value == ["relu", "tanh"]
    assert at.slider(key="act_x").value == 10
    assert at.select_slider(key="act_k").value == 20.0
    assert at.slider(key="act_layers").value == 7
    assert at.slider(key="act_spread").value == 2.0
    assert at.toggle(key="act_f2").value is True
    assert ACTIVATIONS["relu"].formula_latex in latex(at)
    assert ACTIVATIONS["sigmoid"].formula_latex not in latex(at)


def test_bad_url_values_show_the_notice(lang):
    at = run_page(PAGE, lang=lang, fn="nonsense", act_x="999", act_k="7")
    assert_clean(at)
    assert at.multiselect(key="fn").value == ["sigmoid", "tanh", "relu"]
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1  # one compact notice, not one warning per bad value
    assert all(f"`{key}`" in warnings[0] for key in ("fn", "act_x", "act_k")) and "nonsense" in warnings[0]
    assert at.slider(key="act_x").value == 6


def test_empty_selection_explains_instead_of_crashing(lang):
    at = run_page(PAGE, lang=lang)
    at.multiselect(key="fn").set_value([]).run()
    assert_clean(at)
    assert [i.value for i in at.info] == [t("act_empty", lang)] * 2
    assert len(charts(at)) == 1  # only the step chart, which needs no choice
    assert not at.table[1:]  # no properties table


def test_too_many_functions_in_the_url_fall_back():
    at = run_page(PAGE, fn="relu,tanh,sigmoid,gelu,elu,selu,silu")
    assert_clean(at)
    assert at.multiselect(key="fn").value == ["sigmoid", "tanh", "relu"]
    assert at.warning


def test_every_function_draws_with_the_second_derivative():
    keys = list(ACTIVATIONS)
    for start in range(0, len(keys), 6):
        group = keys[start:start + 6]
        at = run_page(PAGE, fn=",".join(group), act_f2="1", act_x="20")
        assert_clean(at)
        assert not at.warning, [w.value for w in at.warning]
        assert len(charts(at)) == 5


def test_a_function_that_blocks_every_gradient_is_explained():
    at = run_page(PAGE, fn="step")
    assert_clean(at)
    blocked = t("act_depth_blocked", "en", names=display_name("step", "en"))
    assert blocked in [c.value for c in at.caption]


# ------------------------------------------------------- issue 9: the texts follow the state


def prop_cell(at, lang: str, prop_key: str, fn_key: str, **values) -> str:
    """One cell of the properties table: the row labelled ``prop_key``, the column of ``fn_key``."""
    frame = at.table[0].value
    header = t("act_prop_header", lang)
    name = display_name(fn_key, lang)
    row = frame[frame[header] == t(prop_key, lang, **values)]
    assert len(row) == 1, (prop_key, list(frame[header]))
    return str(row[name].iloc[0])


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_torch_and_keras_rows_spell_the_learners_parameters(lang):
    at = run_page(PAGE, lang=lang, fn="leaky_relu")
    assert prop_cell(at, lang, "act_prop_torch", "leaky_relu") == "nn.LeakyReLU(negative_slope=0.01)"
    at.slider(key="act_leaky_relu_negative_slope").set_value(0.25).run()
    assert_clean(at)
    assert prop_cell(at, lang, "act_prop_torch", "leaky_relu") == "nn.LeakyReLU(negative_slope=0.25)"
    assert prop_cell(at, lang, "act_prop_keras", "leaky_relu") == "keras.layers.LeakyReLU(negative_slope=0.25)"


def test_keras_row_says_what_keras_cannot_do(lang):
    at = run_page(PAGE, lang=lang, fn="softplus", act_softplus_beta="2")
    assert_clean(at)
    what = t("act_keras_cannot_fixed", lang, param="beta", value="1")
    assert prop_cell(at, lang, "act_prop_keras", "softplus") == (
        f"keras.activations.softplus ({t('act_keras_differs', lang, what=what)})")
    assert t("act_keras_absent_softplus_threshold", lang) in at.slider(key="act_softplus_threshold").help


def test_hardswish_slope_is_a_supremum_not_a_maximum(lang):
    at = run_page(PAGE, lang=lang, fn="hardswish")
    assert_clean(at)
    sup = slope_supremum(ACTIVATIONS["hardswish"])
    assert not sup.attained
    assert prop_cell(at, lang, "act_prop_maxgrad", "hardswish") == t("act_sup_value", lang, v=numbers.text(sup.value, 4))
    where, values = ac.format_sup(sup, "")
    assert prop_cell(at, lang, "act_prop_maxgrad_at", "hardswish") == t("act_sup_where", lang, where=where,
                                                                         values=values)


def test_minimum_is_named_not_shaded_and_its_place_is_given(lang):
    at = run_page(PAGE, lang=lang, fn="gelu")
    assert_clean(at)
    x, f = lc.turning_point(ACTIVATIONS["gelu"], None)
    assert prop_cell(at, lang, "act_prop_minimum", "gelu") == f"x = {numbers.text(x, 4)}, f = {numbers.text(f, 4)}"
    (region,) = [r for r in lc.slope_regions(ACTIVATIONS["gelu"], None, 6.0, 0.05) if r.kind == "minimum"]
    line = t("act_region_minimum", lang, where=ac.format_intervals([(region.x0, region.x1)], 6.0),
             at=numbers.text(region.at, 4))
    assert line in markdown_text(at)
    assert region.at == pytest.approx(x, abs=1e-6)


def test_relu_tail_is_zero_for_every_negative_x(lang):
    at = run_page(PAGE, lang=lang, fn="relu")
    assert prop_cell(at, lang, "act_prop_saturates", "relu") == t("act_tail_zero", lang, where="x ≤ 0")


def test_zero_centred_row_and_the_selu_note_show_computed_moments(lang):
    at = run_page(PAGE, lang=lang, fn="selu,gelu")
    assert_clean(at)
    for key, centred in (("selu", True), ("gelu", False)):
        mean, std = output_moments(ACTIVATIONS[key])
        assert prop_cell(at, lang, "act_prop_mean", key) == numbers.text(mean, 3)
        assert prop_cell(at, lang, "act_prop_std", key) == numbers.text(std, 3)
        assert prop_cell(at, lang, "act_prop_zero", key) == t("act_yes" if centred else "act_no", lang)
    assert t("act_selu_note", lang, mean="0", std="1") in markdown_text(at)


def test_depth_lines_compare_one_quantity(lang):
    at = run_page(PAGE, lang=lang, fn="relu,leaky_relu")
    assert_clean(at)
    text = markdown_text(at)
    for key, params in (("relu", {}), ("leaky_relu", {})):
        m, q = depth_factors(ACTIVATIONS[key], params, 1.0)
        name = display_name(key, lang)
        assert t("act_depth_line", lang, name=name, m=numbers.text(m, 3), q=numbers.percent(q), mq=numbers.text(m / q, 3)) in text
    assert depth_factors(ACTIVATIONS["leaky_relu"])[0] > depth_factors(ACTIVATIONS["relu"])[0]


def test_second_derivative_chart_is_named_for_what_it_is(lang):
    at = run_page(PAGE, lang=lang, fn="tanh", act_f2="1")
    assert_clean(at)
    assert f"**{t('act_chart_d2f', lang)}**" in [m.value for m in at.markdown]
    assert at.toggle(key="act_f2").help == t("act_f2_help", lang)


def test_papers_of_a_function_found_twice_are_all_cited(lang):
    at = run_page(PAGE, lang=lang, fn="silu")
    captions = [c.value for c in at.caption]
    assert any(all(p.url in c for p in ACTIVATIONS["silu"].papers) for c in captions)


def test_numbers_in_the_table_are_rounded_for_people(lang):
    at = run_page(PAGE, lang=lang, fn="selu,softplus")
    selu, softplus = ACTIVATIONS["selu"], ACTIVATIONS["softplus"]
    assert prop_cell(at, lang, "act_prop_df0", "selu") == numbers.text(float(selu.grad(0.0)), 4) == "1.7581"
    assert prop_cell(at, lang, "act_prop_f0", "softplus") == numbers.text(float(softplus(0.0)), 4) == "0.6931"


def test_the_table_gives_the_whole_range_of_f_prime(lang):
    """GELU′ and SiLU′ dip below 0 (issue 18, item 20): the table shows both ends, computed."""
    at = run_page(PAGE, lang=lang, fn="gelu,silu,sigmoid,identity")
    assert_clean(at)
    for key in ("gelu", "silu"):
        r = slope_range(ACTIVATIONS[key])
        assert r.low < -0.09
        cell = prop_cell(at, lang, "act_prop_slope_range", key)
        assert cell == t("act_slope_negative", lang, interval=ac.format_slope_range(r))
        assert cell.startswith(f"[{numbers.text(r.low, 4)}, ")
    assert prop_cell(at, lang, "act_prop_slope_range", "sigmoid") == "(0, 0.25]"
    assert prop_cell(at, lang, "act_prop_slope_range", "identity") == t("act_slope_constant", lang, v="1")
