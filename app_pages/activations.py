"""Activation functions: curves, slopes, parameters, properties, the step, and depth.

Thin on purpose: widgets -> the numbers (``core.lessons.activation_curves``) and their text
and charts (``core.present.activation_charts``), pure and cached here -> draw.
URL keys: fn, act_x, act_f2, act_sat, act_k, act_layers, act_spread (the spread s of the
layer inputs) and one per parameter (act_<function>_<parameter>).
"""

from typing import NamedTuple

import streamlit as st

import core.present.activation_charts as ac
from core.lessons import activation_curves as lc
from core.nn.activations import ACTIVATIONS
from core.present import numbers
from core.present.labels import activation_name
from core.present.theme import MUTED
from core.state import activations as sa
from ui import (
    charts,
    controls,
    current_lang,
    presenter,
    restore_from_url,
    show_code,
    show_url_notices,
    tr,
    write_to_url,
)
from ui.charts import vega_spec
from ui.visibility import section

KEYS = list(ACTIVATIONS)
P = sa.PARAMS_BY_KEY


def params_of(key: str) -> dict:
    """The learner's parameter values for one function (the sliders' session state)."""
    act = ACTIVATIONS[key]
    return {p: float(st.session_state.get(f"act_{key}_{p}", default)) for p, default in act.params.items()}


def reset_defaults() -> None:
    """Callback: runs before the widgets are drawn, so it may set their state."""
    for key, slider in sa.PARAM_SLIDERS.items():
        st.session_state[key] = slider.param.default
    for key in sa.RESET_KEYS:
        st.session_state[key] = sa.DEFAULTS[key]


def keras_help(fn: str, param: str) -> str:
    """Keras's side of one slider, for its (?) help."""
    kp = ac.KERAS_PARAMS[(fn, param)]
    if kp.name is not None:
        return tr("act_keras_default", name=kp.name, value=kp.default)
    if kp.fixed is not None:
        return tr("act_keras_fixed", value=numbers.text(kp.fixed, 4))
    return tr(f"act_keras_absent_{fn}_{param}")


def keras_cell(spelling: tuple) -> str:
    """The Keras row: the call that draws this curve, or what Keras cannot do of it."""
    text, missing = spelling
    if text is None:
        return tr("act_keras_missing")
    if not missing:
        return text
    what = tr("act_list_sep").join(
        tr("act_keras_cannot_absent", param=p) if fixed is None
        else tr("act_keras_cannot_fixed", param=p, value=numbers.text(fixed, 4))
        for p, fixed in missing
    )
    return f"{text} ({tr('act_keras_differs', what=what)})"


def sup_cells(sup) -> tuple[str, str]:
    """The "largest |f′|" row and the "where" row: "sup … never reached" when it is not."""
    where, values = ac.format_sup(sup, tr("act_everywhere"))
    if sup.attained:
        return numbers.text(sup.value, 4), where
    return tr("act_sup_value", v=numbers.text(sup.value, 4)), tr("act_sup_where", where=where, values=values)


def slope_range_cell(r) -> str:
    """The values of f′ on the whole line, and what a negative lowest slope means."""
    if r.constant:
        return tr("act_slope_constant", v=numbers.text(r.low, 4))
    text = ac.format_slope_range(r)
    return tr("act_slope_negative", interval=text) if r.low < 0 else text


def tails_cell(tails: tuple) -> str:
    if not tails:
        return tr("act_sat_none")
    return tr("act_list_sep").join(tr(f"act_tail_{code}", where=where) if where else tr(f"act_tail_{code}")
                                   for code, where in tails)


def region_line(row, half: float) -> str:
    """One stretch of small slope, worded by what it is (saturation or a point where f′ = 0)."""
    where = ac.format_intervals([(row.x0, row.x1)], half)
    if row.kind == "saturated":
        return tr("act_region_saturated", where=where)
    return tr(f"act_region_{row.kind}", where=where, at=numbers.text(row.at, 4))


def papers_text(papers) -> str:
    items = "; ".join(f"{p.authors} ({p.year}), [{p.title}]({p.url})" for p in papers)
    return tr("act_papers" if len(papers) > 1 else "act_paper", papers=items)


# Cached pure computations: the arguments are plain values, so the cache key is exactly
# (functions, parameters, range, ...). Parameters travel as sorted tuples.
@st.cache_data(max_entries=64, show_spinner=False)
def curves(keys: tuple, params: tuple, half: float, second: bool):
    return lc.curve_frame(keys, {k: dict(v) for k, v in params}, half, with_second=second)


@st.cache_data(max_entries=64, show_spinner=False)
def regions(keys: tuple, params: tuple, half: float, threshold: float):
    return lc.region_frame(keys, {k: dict(v) for k, v in params}, half, threshold)


def saturated(frame):
    """Only the saturated stretches: the ones the charts shade."""
    return frame.loc[frame["kind"] == "saturated", ["key", "x0", "x1"]].reset_index(drop=True)


@st.cache_data(max_entries=64, show_spinner=False)
def properties(keys: tuple, params: tuple, half: float, threshold: float):
    return ac.property_rows(keys, {k: dict(v) for k, v in params}, half, threshold)


@st.cache_data(max_entries=64, show_spinner=False)
def depth(keys: tuple, params: tuple, layers: int, spread: float):
    return lc.depth_frame(keys, {k: dict(v) for k, v in params}, layers, spread)


@st.cache_data(max_entries=1, show_spinner=False)
def gelu_errors() -> dict:
    return lc.gelu_approximations()


# Charts as finished Vega-Lite specs (their datasets as Arrow tables: ``ui.charts.vega_spec``):
# building an Altair chart and turning it into a spec costs tens of milliseconds, far more
# than the numbers behind it, so a rerun that changes nothing a chart depends on reuses its
# spec. Labels are arguments: each language has its own entries.
@st.cache_data(max_entries=64, show_spinner=False)
def curve_spec(keys: tuple, params: tuple, half: float, second: bool, value: str, names: tuple, y_title: str,
               threshold: float, sat_labels: tuple, shade: bool) -> dict:
    frame = curves(keys, params, half, second)
    sat = saturated(regions(keys, params, half, threshold))
    return vega_spec(ac.curve_chart(frame, value, dict(names), y_title, sat if shade else None, sat_labels[0],
                                    halo=sat if value in ("f", "df") else None, range_labels=sat_labels[1:],
                                    legend=False))


@st.cache_data(max_entries=32, show_spinner=False)
def step_spec(steep: float, step_label: str, soft_label: str) -> dict:
    return vega_spec(ac.step_chart(lc.step_frame(steep), steep, step_label, soft_label))


@st.cache_data(max_entries=64, show_spinner=False)
def depth_spec(keys: tuple, params: tuple, layers: int, spread: float, names: tuple, labels: tuple) -> dict:
    return vega_spec(ac.depth_chart(depth(keys, params, layers, spread), dict(names), *labels, legend=False))


# ------------------------------------------------------------------ controls


def controls_section() -> None:
    """Which functions, the x range, the saturation threshold, f″ on or off, Reset."""
    with st.container(border=True, key="act_controls"):
        left, right = st.columns([3, 2], gap="large")
        controls.multiselect(P["fn"], tr("act_fn_label", max=sa.MAX_OVERLAY),
                             format_func=lambda k: activation_name(k, current_lang()),
                             max_selections=sa.MAX_OVERLAY, placeholder=tr("act_fn_placeholder"),
                             help=tr("act_fn_help"), where=left)
        controls.slider(P["act_x"], tr("act_x_label"), step=1, format="±%d", where=right)
        left, mid, right = st.columns([3, 1, 1], gap="large", vertical_alignment="bottom")
        controls.slider(P["act_sat"], tr("act_sat_label"), step=0.01, help=tr("act_sat_help"), where=left)
        controls.toggle(P["act_f2"], tr("act_f2_label"), help=tr("act_f2_help"), where=mid)
        right.button(tr("act_reset"), key="act_reset", on_click=reset_defaults, help=tr("act_reset_help"),
                     icon=":material/restart_alt:")


class Choice(NamedTuple):
    """What the learner compares: functions, their parameters, the x range and threshold."""

    keys: tuple
    params: tuple  # ((key, ((parameter, value), ...)), ...): hashable, a cache key
    names: dict
    half: float
    threshold: float

    @property
    def names_key(self) -> tuple:
        return tuple(self.names.items())


def parameter_sliders(chosen: list[str]) -> None:
    """One slider per parameter of the chosen functions, with PyTorch's and Keras's defaults."""
    tunable = [(key, slider) for key, slider in sa.PARAM_SLIDERS.items() if slider.fn in chosen]
    if not tunable:
        return
    st.subheader(tr("act_params_heading"))
    st.caption(tr("act_params_caption"))
    columns = st.columns(min(len(tunable), 3), gap="large")
    lang = current_lang()
    for i, (key, (fn, p, param)) in enumerate(tunable):
        controls.slider(
            param, f"{activation_name(fn, lang)} · {p}", step=sa.PARAM_STEPS.get(p, (param.high - param.low) / 100),
            help=tr("act_param_help", torch=numbers.text(param.default, 4), keras=keras_help(fn, p)),
            where=columns[i % len(columns)],
        )


def curves_section(c: Choice) -> None:
    """f, f′ (and f″) side by side, saturated stretches shaded, then listed in words."""
    show_f2 = bool(st.session_state["act_f2"])
    sat_labels = (tr("act_sat_tooltip", t=numbers.text(c.threshold)), tr("act_sat_from"), tr("act_sat_to"))
    panels = [("f", "act_chart_f", "f(x)"), ("df", "act_chart_df", "f′(x)")]
    if show_f2:
        panels.append(("d2f", "act_chart_d2f", "f″(x)"))
    # One legend for the row of panels, wrapping like text: every function in full.
    st.markdown(ac.legend_html(ac.series_colours(list(c.names.values()))), unsafe_allow_html=True)
    for column, (value, title_key, y_title) in zip(st.columns(len(panels), gap="medium"), panels):
        with column:
            st.markdown(f"**{tr(title_key)}**")
            spec = curve_spec(c.keys, c.params, c.half, show_f2, value, c.names_key, y_title, c.threshold,
                              sat_labels, value == "df")
            charts.draw(spec, width="stretch")
    st.caption(tr("act_hover_caption", t=numbers.text(c.threshold)))
    by_key = {k: [] for k in c.keys}
    for row in regions(c.keys, c.params, c.half, c.threshold).itertuples():
        by_key[row.key].append(region_line(row, c.half))
    lines = [f"- **{c.names[k]}**: {tr('act_list_sep').join(by_key[k]) or tr('act_nowhere')}" for k in c.keys]
    st.markdown(tr("act_sat_list_heading", t=numbers.text(c.threshold)) + "\n" + "\n".join(lines))


def _formula_notes(key: str) -> None:
    """GELU's two approximations, measured: their largest error and where."""
    if key == "gelu":
        err = gelu_errors()
        st.caption(tr("act_gelu_approx", tanh_err=numbers.significant_text(err['tanh'][0], 2),
                      tanh_at=ac.format_points(err["tanh"][1], 2), sig_err=numbers.significant_text(err['sigmoid'][0], 2),
                      sig_at=ac.format_points(err["sigmoid"][1], 2)))
    elif key == "gelu_tanh":
        err = gelu_errors()["tanh"]
        st.caption(tr("act_gelu_tanh_error", err=numbers.significant_text(err[0], 2), at=ac.format_points(err[1], 2)))


def formulas_section(c: Choice) -> None:
    """Each function's f and f′ in LaTeX, its kink convention, Keras's difference, its paper."""
    for start in range(0, len(c.keys), 2):
        for column, key in zip(st.columns(2, gap="medium"), c.keys[start:start + 2]):
            act = ACTIVATIONS[key]
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{c.names[key]}**")
                # A ",\quad where …" tail goes on its own line: narrow screens keep the
                # main formula readable without scrolling.
                for formula in (act.formula_latex, act.derivative_latex):
                    for part in formula.split(r",\quad"):
                        st.latex(part.strip())
                if act.kink_convention_latex:
                    st.caption(tr("act_kink_caption"))
                    st.latex(act.kink_convention_latex)
                if act.keras_note_latex:
                    st.caption(tr("act_keras_note_caption"))
                    st.latex(act.keras_note_latex)
                _formula_notes(key)
                st.caption(papers_text(act.papers))


def _property_labels(threshold: float) -> list[tuple[str, str]]:
    return [
        ("range", tr("act_prop_range")), ("monotonic", tr("act_prop_monotonic")),
        ("zero_centred", tr("act_prop_zero")), ("mean", tr("act_prop_mean")), ("std", tr("act_prop_std")),
        ("minimum", tr("act_prop_minimum")), ("smoothness", tr("act_prop_smooth")),
        ("tails", tr("act_prop_saturates")), ("saturated", tr("act_prop_saturated", t=numbers.text(threshold))),
        ("max_grad", tr("act_prop_maxgrad")), ("max_grad_where", tr("act_prop_maxgrad_at")),
        ("slope_range", tr("act_prop_slope_range")),
        ("f0", tr("act_prop_f0")), ("df0", tr("act_prop_df0")), ("papers", tr("act_prop_paper")),
        ("torch", tr("act_prop_torch")), ("keras", tr("act_prop_keras")),
    ]


def _property_formats(half: float) -> dict:
    """How each property is written in the table (by field; plain ``str`` otherwise)."""
    yes_no = {True: tr("act_yes"), False: tr("act_no")}
    smooth = {"C-1": tr("act_smooth_discontinuous"), "C0": tr("act_smooth_c0"), "C1": tr("act_smooth_c1"),
              "C∞": tr("act_smooth_cinf")}
    return {
        "monotonic": yes_no.get, "zero_centred": yes_no.get,
        "smoothness": lambda v: (tr("act_smooth_jump", at=numbers.text(v[1], 4), size=numbers.significant_text(v[2], 2))
                                 if isinstance(v, tuple) else smooth[v]),
        "mean": lambda v: numbers.text(v, 3), "std": lambda v: numbers.text(v, 3),
        "f0": lambda v: numbers.text(v, 4), "df0": lambda v: numbers.text(v, 4),
        "minimum": lambda v: f"x = {numbers.text(v[0], 4)}, f = {numbers.text(v[1], 4)}" if v else tr("act_min_none"),
        "tails": tails_cell,
        "slope_range": slope_range_cell,
        "saturated": lambda v: ac.format_intervals(v, half) or tr("act_nowhere"),
        "papers": lambda v: "; ".join(f"{p.authors} ({p.year})" for p in v),
        "keras": keras_cell,
    }


def properties_section(c: Choice) -> None:
    """One column per function: range, monotonic, mean output, smoothness, saturation, ..."""
    labels = _property_labels(c.threshold)
    shown = _property_formats(c.half)
    rows = [{**r, **dict(zip(("max_grad", "max_grad_where"), sup_cells(r["max_grad"])))}
            for r in properties(c.keys, c.params, c.half, c.threshold)]
    table = {
        tr("act_prop_header"): [label for _, label in labels],
        **{c.names[r["key"]]: [shown.get(field, str)(r[field]) for field, _ in labels] for r in rows},
    }
    st.table(table, hide_index=True)
    st.caption(tr("act_props_caption", a=numbers.text(c.half)))
    for r in rows:
        if r["key"] == "selu":
            st.markdown(tr("act_selu_note", mean=numbers.text(r["mean"], 3), std=numbers.text(r["std"], 3)))


def step_heading() -> None:
    st.subheader(tr("act_step_heading"), anchor="step")
    st.markdown(tr("act_step_intro"))


def step_section() -> None:
    """The step against a sigmoid of steepness k: values and slopes at a few points."""
    controls.select_slider(P["act_k"], tr("act_k_label"), format_func=numbers.text)
    steep = float(st.session_state["act_k"])
    chart_col, table_col = st.columns([1, 1], gap="large")
    with chart_col:
        soft_label = tr("act_soft_series", k=numbers.text(steep))
        charts.draw(step_spec(steep, tr("act_step_series"), soft_label), width="stretch")
    with table_col:
        ex = lc.step_examples(steep)
        st.table(
            {
                tr("act_col_x"): [numbers.text(v) for v in ex["x"]],
                tr("act_col_step"): [numbers.whole_percent(v) for v in ex["step"]],
                tr("act_col_soft"): [numbers.percent_one_decimal(v) for v in ex["soft"]],
                tr("act_col_step_slope"): [numbers.text(v, 3) for v in ex["step_slope"]],
                tr("act_col_soft_slope"): [numbers.text(v, 3) for v in ex["soft_slope"]],
            },
            hide_index=True,
        )
    slope_at_2 = float(lc.step_examples(steep, (2.0,))["soft_slope"].iloc[0])
    st.markdown(tr("act_step_why", peak=numbers.text(steep / 4, 3), at2=numbers.significant_text(slope_at_2, 2)))


def depth_heading() -> None:
    st.subheader(tr("act_depth_heading"), anchor="depth")
    st.markdown(tr("act_depth_intro"))


def depth_section(c: Choice | None) -> None:
    """The gradient through n layers: the product of n slopes, per function."""
    left, right = st.columns(2, gap="large")
    controls.slider(P["act_layers"], tr("act_layers_label"), step=1, where=left)
    controls.slider(P["act_spread"], tr("act_spread_label"), step=0.1, where=right)
    if c is None:
        st.info(tr("act_empty"), icon=":material/touch_app:")
        return
    layers, spread = int(st.session_state["act_layers"]), float(st.session_state["act_spread"])
    dframe = depth(c.keys, c.params, layers, spread)
    labels = (tr("act_depth_ref"), tr("act_depth_y"), tr("act_depth_x"), tr("act_depth_alive"),
              tr("act_depth_open"))
    st.markdown(ac.legend_html(ac.series_colours(list(c.names.values())) + [(labels[0], MUTED)],
                               dashed=[labels[0]]), unsafe_allow_html=True)
    charts.draw(depth_spec(c.keys, c.params, layers, spread, c.names_key, labels), width="stretch")
    # One layer's numbers: m (the mean factor), q (share of units passing), m/q.
    first = dframe[dframe["n"] == 1].set_index("key")
    blocked = [c.names[k] for k in c.keys if not first.loc[k, "factor"] > 0]
    rates = [
        "- " + tr("act_depth_line", name=c.names[k], m=numbers.text(first.loc[k, "factor"], 3),
                  q=numbers.percent(first.loc[k, "alive"]), mq=numbers.text(first.loc[k, "open"], 3))
        for k in c.keys if first.loc[k, "factor"] > 0
    ]
    if rates:
        st.markdown("\n".join(rates))
    if blocked:
        st.caption(tr("act_depth_blocked", names=", ".join(blocked)))
    st.caption(tr("act_depth_caption"))
    st.caption(tr("act_code_caption"))
    show_code([f for k in c.keys for f in (ACTIVATIONS[k].fn, ACTIVATIONS[k].grad)], key="act_code")


def main() -> None:
    restore_from_url(sa.PARAMS)
    st.title(tr("nav_activations"))
    show_url_notices()
    with presenter.secondary("act_intro"):  # hidden in presenter mode
        st.markdown(tr("act_intro"))
    controls_section()
    chosen = [k for k in st.session_state.get("fn", []) if k in ACTIVATIONS]
    choice = None
    if not chosen:
        st.info(tr("act_empty"), icon=":material/touch_app:")
    else:
        parameter_sliders(chosen)
        keys = tuple(chosen)
        choice = Choice(keys, tuple((k, tuple(sorted(params_of(k).items()))) for k in keys),
                        {k: activation_name(k, current_lang()) for k in keys}, float(st.session_state["act_x"]),
                        float(st.session_state["act_sat"]))
        curves_section(choice)
        # Below the curves, each section is drawn when the learner comes near it
        # (ui.visibility.section): the first load draws the curves and their controls.
        section("part_act_formulas", lambda: st.subheader(tr("act_formulas_heading")),
                lambda: formulas_section(choice))
        section("part_act_props", lambda: st.subheader(tr("act_props_heading")), lambda: properties_section(choice))
    section("part_act_step", step_heading, step_section)
    section("part_act_depth", depth_heading, lambda: depth_section(choice))
    write_to_url(sa.PARAMS)


main()
