"""The activation on a CNN feature map: picture → convolution → pooling → activation.

Thin on purpose: widgets -> ``core.lessons.feature_map`` (the math) and
``core.present.feature_map_views`` (the pictures), cached here -> draw.  The generated
picture's views go in ``st.cache_data`` (pure, the same for everyone); a learner's upload,
and everything drawn from it, stays in that learner's ``st.session_state``, never in a
cache another session could be served from.
URL keys: fm_src, fm_seed, fm_kernel, fm_k (the custom kernel, 9 numbers), fm_b, fm_pool,
fm_act, fm_r, fm_c, fm_k2.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import streamlit as st

from core.i18n import TEXTS, t
from core.lessons import feature_map as fm
from core.nn.activations import ACTIVATIONS
from core.present import feature_map_views as fv
from core.present import numbers
from core.present.labels import activation_name
from core.state import feature_map as sf
from ui import (
    charts,
    current_lang,
    presenter,
    restore_from_url,
    show_code,
    show_url_notices,
    write_to_url,
)
from ui import controls as ctl
from ui.uploads import explain_uploader
from ui.visibility import section

ss = st.session_state
OUT, SOURCES, KERNEL_PARAM, PARAMS, P = sf.OUT, sf.SOURCES, sf.KERNEL_PARAM, sf.PARAMS, sf.PARAMS_BY_KEY
EDITOR = [f"fm_ke{i}" for i in range(9)]  # the kernel editor's nine number inputs


def sentences(lang: str, *parts: str) -> str:
    """Sentences run on as one paragraph: a space after an English full stop, none after a
    Chinese one (“。 ” shows a gap a Chinese reader does not expect)."""
    return ("" if lang == "zh" else " ").join(parts)


def labels(prefix: str, lang: str):
    """A format_func for language-neutral option values; takes the language now, because
    Streamlit (and AppTest) may call it outside a script run."""
    return lambda value: t(f"{prefix}{value}", lang)


# ------------------------------------------------------------------ cached pure work


@st.cache_data(max_entries=32, show_spinner=False)
def shapes_image(seed: int) -> np.ndarray:
    return fm.make_shapes_image(seed)


def stage_views(image: np.ndarray, kern: tuple, bias: float, pool: str, act: str, row: int,
                col: int) -> fv.PipelineViews:
    """Everything the pipeline and cell sections draw, for one setting (pictures as URLs)."""
    return fv.pipeline_views(image, np.reshape(kern, (3, 3)), bias, pool, act, row, col)


def collapse_views(image: np.ndarray, kern: tuple, bias: float, k2: str, act: str) -> fv.CollapseViews:
    return fv.collapse_views(image, np.reshape(kern, (3, 3)), bias, fm.kernel(k2), act)


# The generated picture's views are the same for every learner: one cache for all sessions.
SHARED = {
    "stage": st.cache_data(max_entries=32, show_spinner=False)(stage_views),
    "collapse": st.cache_data(max_entries=16, show_spinner=False)(collapse_views),
}
PLAIN = {"stage": stage_views, "collapse": collapse_views}


@st.cache_data(max_entries=4, show_spinner=False)
def histogram_spec(x_title: str, y_title: str) -> dict:
    return fv.histogram_spec(x_title, y_title)


# ------------------------------------------------------------------ the learner's own picture

OWN = "_fm_own"  # prefix of the session-state slots that hold an upload and its views


def own_value(slot: str, token: tuple, compute: Callable[[], object]):
    """``compute()`` kept in this session's state under ``slot`` until ``token`` changes.

    One entry per slot: the page needs the views of the current setting only, and a
    session's memory should not grow with every slider move.
    """
    held = ss.get(f"{OWN}_{slot}")
    if held is None or held[0] != token:
        held = ss[f"{OWN}_{slot}"] = (token, compute())
    return held[1]


def own_picture(data: bytes) -> np.ndarray:
    """The learner's upload, grey and resized, decoded once per file; UploadError as it comes."""
    digest = hashlib.sha256(data).hexdigest()
    kept = own_value("picture", (digest,), lambda: _decode(data))
    if isinstance(kept, fm.UploadError):
        raise kept
    return kept


def _decode(data: bytes):
    """The picture, or the error itself, so that a bad file is not decoded again on every rerun."""
    try:
        return fm.image_from_upload(data)
    except fm.UploadError as error:
        return error


def forget_own_picture() -> None:
    """Drop the upload and its views from this session (the learner went back to the shapes)."""
    for key in [k for k in ss if isinstance(k, str) and k.startswith(OWN)]:
        del ss[key]


def views_for(kind: str, image: np.ndarray, own: bool, *args):
    """The ``kind`` views ("stage" or "collapse") of one setting: from the cache every session
    shares for the generated picture, from this session's own slot for an upload (the
    picture's digest is part of the slot's token)."""
    if not own:
        return SHARED[kind](image, *args)
    token = (hashlib.sha256(image.tobytes()).hexdigest(), *args)
    return own_value(kind, token, lambda: PLAIN[kind](image, *args))


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
    kern = fm.kernel_values(ss["fm_kernel"], ss["fm_k"])
    st.caption(kernel_sum_note(kern, lang))
    return tuple(float(v) for v in kern.ravel())


def kernel_sum_note(kern: np.ndarray, lang: str) -> str:
    """What the kernel's sum says a flat patch becomes, from the kernel in use."""
    facts = fm.kernel_facts(kern)
    total = numbers.text(facts.total, 4)
    return sentences(lang, t("fm_kernel_sum", lang, total=total), t(f"fm_kernel_kind_{facts.kind}", lang, total=total))


# ------------------------------------------------------------------ sections


def picture_source(lang: str) -> tuple[np.ndarray, bool]:
    """The source radio, then the seed or the uploader (with its messages); returns the
    picture and whether it is the learner's own (kept out of every shared cache)."""
    st.radio(t("fm_src_label", lang), SOURCES, format_func=labels("fm_src_", lang), key="fm_src",
             horizontal=True, persist_state="session")
    if ss["fm_src"] == "shapes":
        forget_own_picture()
        st.number_input(t("fm_seed_label", lang), 0, 9999, step=1, key="fm_seed", help=t("fm_seed_help", lang),
                        persist_state="session")
        return shapes_image(int(ss["fm_seed"])), False
    file = st.file_uploader(t("fm_upload_label", lang), type=["png", "jpg", "jpeg"], key="fm_upload",
                            help=t("fm_upload_help", lang, size=fm.SIZE, **upload_limits("too_big")))
    explain_uploader(lang, fm.MAX_UPLOAD_BYTES)
    if file is None:
        forget_own_picture()
        st.info(t("fm_upload_missing", lang), icon=":material/upload_file:")
    else:
        try:
            image = own_picture(file.getvalue())
        except fm.UploadError as error:
            reason = t(f"fm_upload_err_{error.code}", lang, **upload_limits(error.code))
            st.error(t("fm_upload_failed", lang, reason=reason), icon=":material/broken_image:")
        else:
            st.caption(t("fm_upload_ok", lang, size=fm.SIZE))
            return image, True
    return shapes_image(int(ss["fm_seed"])), False


def upload_limits(code: str) -> dict:
    """The numbers an upload error quotes, from the limits the code enforces."""
    if code == "too_many_pixels":
        return {"limit": round(fm.MAX_UPLOAD_PIXELS / 1e6, 1)}
    if code == "too_big":
        return {"max_bytes": fm.MAX_UPLOAD_BYTES}
    return {}


def controls(lang: str) -> tuple[np.ndarray, bool, tuple[float, ...]]:
    """The control panel; returns the picture, whether it is the learner's own, and the
    kernel (the rest is in session state)."""
    with st.container(border=True, key="fm_controls"):
        left, mid, right = st.columns([1.1, 1, 1.1], gap="large")
        with left:
            image, own = picture_source(lang)
        with mid:
            kern = kernel_controls(lang)
        with right:
            ctl.slider(P["fm_b"], t("fm_bias_label", lang), step=0.1, help=t("fm_bias_help", lang))
            ctl.radio(P["fm_pool"], t("fm_pool_label", lang), format_func=labels("fm_pool_", lang), horizontal=True)
            ctl.selectbox(P["fm_act"], t("fm_act_label", lang), format_func=lambda k: activation_name(k, lang),
                          help=t("fm_act_help", lang))
            learned_note(ss["fm_act"], lang)
    return image, own, kern


def learned_note(key: str, lang: str) -> None:
    """PReLU learns its slope in a network; this page trains nothing: say which a it uses."""
    act = ACTIVATIONS[key]
    if act.learned:
        st.caption(t("act_learned_fixed", lang, act=activation_name(key, lang), param=act.learned,
                     value=numbers.text(act.params[act.learned], 4)))


def pipeline_section(views: fv.PipelineViews, act: str, lang: str) -> None:
    st.subheader(t("fm_pipeline_heading", lang))
    spec = histogram_spec(t("fm_hist_x", lang), t("fm_hist_y", lang))
    titles = ("fm_stage_image", "fm_stage_conv", "fm_stage_pool", "fm_stage_act")
    maps = (views.stages.image, views.stages.conv, views.stages.pooled, views.stages.activated)
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column.container(key=f"fm_stage_{k}"):
            st.markdown(f"**{t(titles[k], lang)}**")
            st.image(views.pictures[k], width="stretch", alt=t(titles[k], lang))
            stats = views.stats[k]
            st.caption(t("fm_stage_caption", lang, rows=maps[k].shape[0], cols=maps[k].shape[1],
                         low=numbers.text(stats.low, 3), high=numbers.text(stats.high, 3)))
            charts.draw(spec, data=views.histograms[k], width="stretch")
    st.caption(t("fm_pipeline_caption", lang))
    before, after = views.stats[2], views.stats[3]
    changed = fm.changed_share(views.stages.pooled, views.stages.activated)
    pct = lambda share: numbers.text(100 * share, 1)  # noqa: E731 - a local formatter, read once below
    st.markdown(t("fm_effect", lang, act=activation_name(act, lang), neg_before=pct(before.negative),
                  zero_before=pct(before.zero), low_before=numbers.text(before.low, 3),
                  high_before=numbers.text(before.high, 3), neg_after=pct(after.negative),
                  zero_after=pct(after.zero), low_after=numbers.text(after.low, 3),
                  high_after=numbers.text(after.high, 3), changed=pct(changed)))
    if f"fm_hint_{act}" in TEXTS:
        st.markdown(t(f"fm_hint_{act}", lang))
    order_note(views.order, act, lang)


def order_note(order: fm.OrderCheck, act: str, lang: str) -> None:
    """The article's order against the usual one, measured; each sentence chosen by the numbers."""
    name = activation_name(act, lang)
    gaps = {pool: numbers.text_with_residue(gap) for pool, gap in order.gaps.items()}
    st.markdown(t("fm_order_intro", lang, act=name, cells=order.cells, max_gap=gaps["max"], avg_gap=gaps["avg"]))
    if not order.same["max"]:
        max_key = "fm_order_max_differs"
    else:  # the general law when the catalog says non-decreasing, a coincidence of these values otherwise
        max_key = "fm_order_max_same" if order.monotonic else "fm_order_max_same_here"
    avg_key = "fm_order_avg_same" if order.same["avg"] else "fm_order_avg_differs"
    st.markdown(sentences(lang, t(max_key, lang, act=name, max_gap=gaps["max"],
                                  ratio=numbers.text(order.work_ratio, 2)),
                          t(avg_key, lang, act=name)))


def heading(title: str, intro: str, lang: str) -> None:
    st.subheader(t(title, lang))
    st.markdown(t(intro, lang))


def cell_section(views: fv.PipelineViews, kern: tuple, bias: float, pool: str, act: str, lang: str) -> None:
    left, right = st.columns(2, gap="large")
    ctl.slider(P["fm_r"], t("fm_row_label", lang), step=1, where=left)
    ctl.slider(P["fm_c"], t("fm_col_label", lang), step=1, where=right)
    titles = ("fm_zoom_image", "fm_zoom_conv", "fm_zoom_pool", "fm_zoom_act")
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column:
            st.image(views.zooms[k], caption=t(titles[k], lang), width="stretch", alt=t(titles[k], lang))
    work = views.work
    lines = fv.cell_latex(work, np.reshape(kern, (3, 3)), bias, pool, ACTIVATIONS[act].name.split(" (")[0])
    st.markdown(t("fm_step_conv", lang, i=work.source[0], j=work.source[1]))
    st.latex(lines[0])
    st.caption(t("fm_cross_correlation", lang))
    st.markdown(t(f"fm_step_pool_{pool}", lang))
    st.latex(lines[1])
    st.markdown(t("fm_step_act", lang))
    st.latex(lines[2])


def collapse_section(image: np.ndarray, own: bool, kern: tuple, bias: float, act: str, lang: str) -> None:
    ctl.selectbox(P["fm_k2"], t("fm_k2_label", lang), format_func=labels("fm_kernel_", lang))
    views = views_for("collapse", image, own, kern, bias, ss["fm_k2"], act)
    check = views.check
    n = check.composed.shape[0]
    st.markdown(t("fm_composed", lang, n=n, bias=numbers.text(check.bias, 4)))
    st.latex(fv.kernel_latex("K", check.composed))  # 4 decimals: blur's 1/16 = 0.0625 is exact
    name = activation_name(act, lang)
    titles = (t("fm_route_two", lang), t("fm_route_one", lang), t("fm_route_act", lang, act=name),
              t("fm_route_diff", lang, act=name))
    for k, column in enumerate(st.columns(4, gap="medium")):
        with column.container(key=f"fm_route_{k}"):
            st.image(views.pictures[k], caption=titles[k], width="stretch", alt=titles[k])
    st.markdown(t("fm_linear_gap", lang, cells=check.one_step.size,
                  gap=numbers.text_with_residue(check.linear_gap)))
    st.markdown(act_gap_sentence(check, act, lang))
    st.caption(pool_note(views, lang))


def pool_note(views: fv.CollapseViews, lang: str) -> str:
    """Pooling between the two convolutions, measured by the best single stride-2 kernel."""
    avg, top, w = views.pooling["avg"], views.pooling["max"], views.pooled_window
    max_key = "fm_pool_note_max_fits" if top.exact else "fm_pool_note_max_breaks"
    return sentences(lang, t("fm_pool_note", lang, w=w, avg_fit=numbers.text_with_residue(avg.max_error)),
                     t(max_key, lang, w=w, max_fit=numbers.text_with_residue(top.max_error),
                       max_scale=numbers.text_with_residue(top.scale)))


def act_gap_sentence(check: fm.CollapseCheck, act: str, lang: str) -> str:
    """What the activation between the convolutions did, decided by the least-squares fit of
    one kernel (not by "did it change anything": an affine change keeps one convolution)."""
    name, gap = activation_name(act, lang), numbers.text_with_residue(check.act_gap)
    if act == "identity":
        return t("fm_act_gap_identity", lang, gap=gap)
    fit = check.fit
    values = dict(act=name, gap=gap, n=check.composed.shape[0], cells=check.with_act.size,
                  fit_max=numbers.text_with_residue(fit.max_error), fit_rms=numbers.text_with_residue(fit.rms_error),
                  scale=numbers.text_with_residue(fit.scale), changed=numbers.text(100 * check.changed, 1))
    if not fit.exact:
        return t("fm_act_gap", lang, **values)
    return t("fm_act_gap_none" if check.changed == 0 else "fm_act_gap_affine", lang, **values)


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
    image, own, kern = controls(lang)
    bias, pool, act = float(ss["fm_b"]), ss["fm_pool"], ss["fm_act"]
    stage = views_for("stage", image, own, kern, bias, pool, act, int(ss["fm_r"]), int(ss["fm_c"]))
    pipeline_section(stage, act, lang)
    # Below the pipeline, each section is drawn when the learner comes near it
    # (ui.visibility.section): the first load draws the four stages.
    section("part_fm_cell", lambda: heading("fm_cell_heading", "fm_cell_intro", lang),
            lambda: cell_section(stage, kern, bias, pool, act, lang))
    section("part_fm_collapse", lambda: heading("fm_collapse_heading", "fm_collapse_intro", lang),
            lambda: collapse_section(image, own, kern, bias, act, lang))
    st.caption(t("fm_code_caption", lang))
    show_code([fm.correlate, fm.pool2x2, fm.activate, fm.compose_kernels], key="fm_code")
    write_url()


main()
