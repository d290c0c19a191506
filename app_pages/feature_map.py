"""The activation on a CNN feature map: picture → convolution → pooling → activation.

Thin on purpose: widgets -> ``core.lessons.feature_map`` (the math) and
``core.present.feature_map_views`` (the pictures), cached here -> draw.
URL keys: fm_src, fm_seed, fm_kernel, fm_k (the custom kernel, 9 numbers), fm_b, fm_pool,
fm_act, fm_r, fm_c, fm_k2.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.i18n import TEXTS, t
from core.lessons import feature_map as fm
from core.nn.activations import ACTIVATIONS, display_name
from core.present import feature_map_views as fv
from core.state import feature_map as sf
from ui import controls as ctl
from ui import (
    current_lang,
    presenter,
    restore_from_url,
    show_code,
    show_url_notices,
    write_to_url,
)
from ui.uploads import explain_uploader, upload_limit_mb

ss = st.session_state
OUT, SOURCES, KERNEL_PARAM, PARAMS, P = sf.OUT, sf.SOURCES, sf.KERNEL_PARAM, sf.PARAMS, sf.PARAMS_BY_KEY
EDITOR = [f"fm_ke{i}" for i in range(9)]  # the kernel editor's nine number inputs


def act_label(key: str, lang: str) -> str:
    """An activation's name in ``lang``: the catalog's, as on every page."""
    return display_name(key, lang)


def labels(prefix: str, lang: str):
    """A format_func for language-neutral option values; takes the language now, because
    Streamlit (and AppTest) may call it outside a script run."""
    return lambda value: t(f"{prefix}{value}", lang)


# ------------------------------------------------------------------ cached pure work


@st.cache_data(max_entries=32, show_spinner=False)
def shapes_image(seed: int) -> np.ndarray:
    return fm.make_shapes_image(seed)


@st.cache_data(max_entries=8, show_spinner=False)
def uploaded_image(data: bytes) -> np.ndarray:
    """The learner's picture, grey and resized; raises UploadError (errors are not cached)."""
    return fm.image_from_upload(data)


@st.cache_data(max_entries=32, show_spinner=False)
def stage_views(image: np.ndarray, kern: tuple, bias: float, pool: str, act: str, row: int,
                col: int) -> fv.PipelineViews:
    """Everything the pipeline and cell sections draw, for one setting (pictures as URLs)."""
    return fv.pipeline_views(image, np.reshape(kern, (3, 3)), bias, pool, act, row, col)


@st.cache_data(max_entries=16, show_spinner=False)
def collapse_views(image: np.ndarray, kern: tuple, bias: float, k2: str, act: str) -> fv.CollapseViews:
    return fv.collapse_views(image, np.reshape(kern, (3, 3)), bias, fm.kernel(k2), act)


@st.cache_data(max_entries=4, show_spinner=False)
def histogram_spec(x_title: str, y_title: str) -> dict:
    return fv.histogram_spec(x_title, y_title)


# ------------------------------------------------------------------ the kernel editor


def _load_editor(values) -> None:
    for key, value in zip(EDITOR, np.ravel(values)):
        ss[key] = float(value)


def _on_kernel_choice() -> None:
    """A preset fills the editor; "custom" keeps what the editor shows and makes it the kernel."""
    if ss["fm_kernel"] in fm.KERNELS:
        _load_editor(fm.kernel(ss["fm_kernel"]))
    else:
        ss["fm_k"] = tuple(float(ss[key]) for key in EDITOR)


def _on_kernel_edit() -> None:
    """Editing any number makes the kernel the learner's own."""
    ss["fm_k"] = tuple(float(ss[key]) for key in EDITOR)
    ss["fm_kernel"] = fm.CUSTOM


def kernel_controls(lang: str) -> tuple[float, ...]:
    """The kernel select box and its 3×3 editor; returns the kernel in use, row by row."""
    if any(key not in ss for key in EDITOR):
        _load_editor(fm.kernel_values(ss["fm_kernel"], ss["fm_k"]))
    ctl.selectbox(P["fm_kernel"], t("fm_kernel_label", lang), format_func=labels("fm_kernel_", lang),
                  on_change=_on_kernel_choice, help=t("fm_kernel_help", lang))
    for r in range(3):
        with st.container(horizontal=True, wrap=False, gap="small", key=f"fm_kernel_row{r}"):
            for c in range(3):
                st.number_input(t("fm_kernel_cell", lang, row=r + 1, col=c + 1), -fm.KERNEL_LIMIT,
                                fm.KERNEL_LIMIT, step=0.5, format="%.4g", key=EDITOR[3 * r + c],
                                on_change=_on_kernel_edit, label_visibility="collapsed", persist_state="session")
    return tuple(float(v) for v in fm.kernel_values(ss["fm_kernel"], ss["fm_k"]).ravel())


# ------------------------------------------------------------------ sections


def picture_source(lang: str) -> np.ndarray:
    """The source radio, then the seed or the uploader (with its messages); returns the picture."""
    st.radio(t("fm_src_label", lang), SOURCES, format_func=labels("fm_src_", lang), key="fm_src",
             horizontal=True, persist_state="session")
    if ss["fm_src"] == "shapes":
        st.number_input(t("fm_seed_label", lang), 0, 9999, step=1, key="fm_seed", help=t("fm_seed_help", lang),
                        persist_state="session")
        return shapes_image(int(ss["fm_seed"]))
    file = st.file_uploader(t("fm_upload_label", lang), type=["png", "jpg", "jpeg"], key="fm_upload",
                            help=t("fm_upload_help", lang, size=fm.SIZE), max_upload_size=upload_limit_mb())
    explain_uploader(lang)
    if file is None:
        st.info(t("fm_upload_missing", lang), icon=":material/upload_file:")
    else:
        try:
            image = uploaded_image(file.getvalue())
        except fm.UploadError as error:
            reason = t(f"fm_upload_err_{error.code}", lang, **upload_limits(error.code))
            st.error(t("fm_upload_failed", lang, reason=reason), icon=":material/broken_image:")
        else:
            st.caption(t("fm_upload_ok", lang, size=fm.SIZE))
            return image
    return shapes_image(int(ss["fm_seed"]))


def upload_limits(code: str) -> dict:
    """The numbers an upload error quotes, from the limits the code enforces."""
    if code == "too_many_pixels":
        return {"limit": round(fm.MAX_UPLOAD_PIXELS / 1e6, 1)}
    if code == "too_big":
        return {"mb": fm.MAX_UPLOAD_BYTES / 1e6 if fm.MAX_UPLOAD_BYTES % 1_000_000 else fm.MAX_UPLOAD_BYTES // 1_000_000}
    return {}


def controls(lang: str) -> tuple[np.ndarray, tuple[float, ...]]:
    """The control panel; returns the picture and the kernel (the rest is in session state)."""
    with st.container(border=True, key="fm_controls"):
        left, mid, right = st.columns([1.1, 1, 1.1], gap="large")
        with left:
            image = picture_source(lang)
        with mid:
            kern = kernel_controls(lang)
        with right:
            ctl.slider(P["fm_b"], t("fm_bias_label", lang), step=0.1, help=t("fm_bias_help", lang))
            ctl.radio(P["fm_pool"], t("fm_pool_label", lang), format_func=labels("fm_pool_", lang), horizontal=True)
            ctl.selectbox(P["fm_act"], t("fm_act_label", lang), format_func=lambda k: act_label(k, lang),
                          help=t("fm_act_help", lang))
            learned_note(ss["fm_act"], lang)
    return image, kern


def learned_note(key: str, lang: str) -> None:
    """PReLU learns its slope in a network; this page trains nothing: say which a it uses."""
    act = ACTIVATIONS[key]
    if act.learned:
        st.caption(t("act_learned_fixed", lang, act=act_label(key, lang), param=act.learned,
                     value=fv.fmt(act.params[act.learned], 4)))


def pipeline_section(views: fv.PipelineViews, act: str, lang: str) -> None:
    st.subheader(t("fm_pipeline_heading", lang))
    spec = histogram_spec(t("fm_hist_x", lang), t("fm_hist_y", lang))
    titles = ("fm_stage_image", "fm_stage_conv", "fm_stage_pool", "fm_stage_act")
    maps = (views.stages.image, views.stages.conv, views.stages.pooled, views.stages.activated)
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column.container(key=f"fm_stage_{k}"):
            st.markdown(f"**{t(titles[k], lang)}**")
            st.image(views.pictures[k], width="stretch")
            stats = views.stats[k]
            st.caption(t("fm_stage_caption", lang, rows=maps[k].shape[0], cols=maps[k].shape[1],
                         low=fv.fmt(stats.low, 3), high=fv.fmt(stats.high, 3)))
            st.vega_lite_chart(views.histograms[k], spec, width="stretch")
    st.caption(t("fm_pipeline_caption", lang))
    before, after = views.stats[2], views.stats[3]
    changed = fm.changed_share(views.stages.pooled, views.stages.activated)
    pct = lambda share: fv.fmt(100 * share, 1)  # noqa: E731 - a local formatter, read once below
    st.markdown(t("fm_effect", lang, act=act_label(act, lang), neg_before=pct(before.negative),
                  zero_before=pct(before.zero), low_before=fv.fmt(before.low, 3), high_before=fv.fmt(before.high, 3),
                  neg_after=pct(after.negative), zero_after=pct(after.zero), low_after=fv.fmt(after.low, 3),
                  high_after=fv.fmt(after.high, 3), changed=pct(changed)))
    if f"fm_hint_{act}" in TEXTS:
        st.markdown(t(f"fm_hint_{act}", lang))


def cell_section(views: fv.PipelineViews, kern: tuple, bias: float, pool: str, act: str, lang: str) -> None:
    st.subheader(t("fm_cell_heading", lang))
    st.markdown(t("fm_cell_intro", lang))
    left, right = st.columns(2, gap="large")
    ctl.slider(P["fm_r"], t("fm_row_label", lang), step=1, where=left)
    ctl.slider(P["fm_c"], t("fm_col_label", lang), step=1, where=right)
    titles = ("fm_zoom_image", "fm_zoom_conv", "fm_zoom_pool", "fm_zoom_act")
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column:
            st.image(views.zooms[k], caption=t(titles[k], lang), width="stretch")
    work = views.work
    lines = fv.cell_latex(work, np.reshape(kern, (3, 3)), bias, pool, ACTIVATIONS[act].name.split(" (")[0])
    st.markdown(t("fm_step_conv", lang, i=work.source[0], j=work.source[1]))
    st.latex(lines[0])
    st.markdown(t(f"fm_step_pool_{pool}", lang))
    st.latex(lines[1])
    st.markdown(t("fm_step_act", lang))
    st.latex(lines[2])


def collapse_section(image: np.ndarray, kern: tuple, bias: float, act: str, lang: str) -> None:
    st.subheader(t("fm_collapse_heading", lang))
    st.markdown(t("fm_collapse_intro", lang))
    ctl.selectbox(P["fm_k2"], t("fm_k2_label", lang), format_func=labels("fm_kernel_", lang))
    views = collapse_views(image, kern, bias, ss["fm_k2"], act)
    check = views.check
    n = check.composed.shape[0]
    st.markdown(t("fm_composed", lang, n=n, bias=fv.fmt(check.bias, 4)))
    st.latex(fv.kernel_latex("K", check.composed))  # 4 decimals: blur's 1/16 = 0.0625 is exact
    name = act_label(act, lang)
    titles = (t("fm_route_two", lang), t("fm_route_one", lang), t("fm_route_act", lang, act=name),
              t("fm_route_diff", lang, act=name))
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column.container(key=f"fm_route_{k}"):
            st.image(views.pictures[k], caption=titles[k], width="stretch")
    gap = f"{check.linear_gap:.1e}"
    st.markdown(t("fm_linear_gap", lang, cells=check.one_step.size, gap=gap))
    if act == "identity":
        st.markdown(t("fm_act_gap_identity", lang, gap=f"{check.act_gap:.1e}"))
    elif check.changed == 0:
        st.markdown(t("fm_act_gap_none", lang, act=name, gap=f"{check.act_gap:.1e}"))
    else:
        st.markdown(t("fm_act_gap", lang, act=name, gap=fv.fmt(check.act_gap, 4), changed=fv.fmt(100 * check.changed, 1)))
    st.caption(t("fm_pool_note", lang))


def write_url() -> None:
    """Every non-default setting; the custom kernel's numbers only while it is in use."""
    write_to_url([p for p in PARAMS if p is not KERNEL_PARAM])
    if ss["fm_kernel"] == fm.CUSTOM:
        write_to_url([KERNEL_PARAM])
    elif KERNEL_PARAM.key in st.query_params:
        del st.query_params[KERNEL_PARAM.key]


def main() -> None:
    lang = current_lang()
    restore_from_url(sf.PARAMS)
    st.title(t("fm_nav", lang))
    show_url_notices()
    with presenter.secondary("fm_intro"):  # hidden in presenter mode
        st.markdown(t("fm_intro", lang))
    image, kern = controls(lang)
    bias, pool, act = float(ss["fm_b"]), ss["fm_pool"], ss["fm_act"]
    views = stage_views(image, kern, bias, pool, act, int(ss["fm_r"]), int(ss["fm_c"]))
    pipeline_section(views, act, lang)
    cell_section(views, kern, bias, pool, act, lang)
    collapse_section(image, kern, bias, act, lang)
    st.caption(t("fm_code_caption", lang))
    show_code([fm.correlate, fm.pool2x2, fm.activate, fm.compose_kernels], key="fm_code")
    write_url()


main()
