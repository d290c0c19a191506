"""The feature-map page in Streamlit's AppTest: it runs in both languages, every widget
changes what is drawn, the URL restores the settings, and a bad upload gets a message."""

import hashlib
import io

import numpy as np
import pytest
from PIL import Image

from core.i18n import t
from core.lessons import feature_map as fm
from core.nn.activations import ACTIVATIONS, display_name
from core.present import numbers
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/feature_map.py"


def page(lang: str, **query: str):
    return run_page(PAGE, lang=lang, **query)


def pictures(at) -> list[str]:
    """One digest per picture (stage pictures, zooms, the collapse routes), in page order."""
    return [hashlib.sha256(img.url.encode()).hexdigest() for el in at.get("image") for img in el.proto.imgs]


def charts(at) -> list[str]:
    return [hashlib.sha256(c.proto.spec.encode() + c.proto.data.data).hexdigest() for c in at.get("vega_lite_chart")]


def formulas(at) -> list[str]:
    return [e.value for e in at.latex]


def drawn(at) -> tuple:
    return pictures(at), charts(at), formulas(at), [m.value for m in at.markdown]


def png(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def test_page_renders_in_each_language(lang):
    at = page(lang)
    assert_clean(at)
    assert at.title[0].value == t("fm_nav", lang)
    assert len(pictures(at)) == 12  # 4 stages, 4 zooms, 4 collapse routes
    assert len(charts(at)) == 4  # one histogram per stage
    assert len(formulas(at)) == 4  # conv, pool, act of the cell; the composed kernel
    assert any(t("fm_intro", lang)[:25] in m.value for m in at.markdown)
    assert any(t("fm_hint_relu", lang) == m.value for m in at.markdown)
    assert r"\text{ReLU}(" in formulas(at)[2]
    assert not at.warning
    assert set(at.query_params) == {"lang"}  # defaults are not written


# Each step changes one widget; the next step starts from the page the previous one left.
STEPS = [
    ("number_input", "fm_seed", 5, "fm_seed", "5"),
    ("selectbox", "fm_kernel", "outline", "fm_kernel", "outline"),
    ("slider", "fm_b", -1.0, "fm_b", "-1"),
    ("radio", "fm_pool", "avg", "fm_pool", "avg"),
    ("selectbox", "fm_act", "tanh", "fm_act", "tanh"),
    ("slider", "fm_r", 20, "fm_r", "20"),
    ("slider", "fm_c", 10, "fm_c", "10"),
    ("selectbox", "fm_k2", "sharpen", "fm_k2", "sharpen"),
    ("number_input", "fm_ke4", 3.0, "fm_k", "-1,-1,-1,-1,3,-1,-1,-1,-1"),
]


def test_every_widget_changes_what_is_drawn(lang):
    at = page(lang)
    for kind, key, value, url_key, url_value in STEPS:
        before = drawn(at)
        getattr(at, kind)(key=key).set_value(value).run()
        assert_clean(at)
        assert drawn(at) != before, f"{key} = {value!r} changed nothing"
        assert at.query_params[url_key] == url_value, key
        assert at.title[0].value == t("fm_nav", lang)  # the rerun kept the language
    # The kernel edit made the kernel the learner's own; picking a preset again loads it.
    assert at.selectbox(key="fm_kernel").value == fm.CUSTOM
    at.selectbox(key="fm_kernel").set_value("sobel_y").run()
    assert [at.number_input(key=f"fm_ke{i}").value for i in range(9)] == [-1, -2, -1, 0, 0, 0, 1, 2, 1]
    assert "fm_k" not in at.query_params and at.query_params["fm_kernel"] == "sobel_y"


def test_what_each_stage_shows_follows_the_activation(lang):
    at = page(lang, fm_act="sigmoid")
    stage_captions = [c.value for c in at.caption if "63×63" in c.value]
    assert len(stage_captions) == 2  # pooling, activation
    low, high = (float(v.replace("−", "-")) for v in _numbers(stage_captions[1]))
    assert 0 < low < high < 1  # sigmoid squashes into (0, 1)
    assert any(t("fm_hint_sigmoid", lang) == m.value for m in at.markdown)


def _numbers(text: str) -> list[str]:
    import re

    return re.findall(r"−?\d+(?:\.\d+)?", text.split("·", 1)[1])


def test_url_restores_every_setting(lang):
    query = dict(fm_seed="3", fm_kernel="custom", fm_k="0,1,0,1,-4,1,0,1,0", fm_b="0.5", fm_pool="avg",
                 fm_act="leaky_relu", fm_r="7", fm_c="50", fm_k2="sobel_y")
    at = page(lang, **query)
    assert_clean(at)
    assert not at.warning
    assert at.number_input(key="fm_seed").value == 3
    assert at.selectbox(key="fm_kernel").value == "custom"
    assert [at.number_input(key=f"fm_ke{i}").value for i in range(9)] == [0, 1, 0, 1, -4, 1, 0, 1, 0]
    assert at.slider(key="fm_b").value == 0.5
    assert at.radio(key="fm_pool").value == "avg"
    assert at.selectbox(key="fm_act").value == "leaky_relu"
    assert (at.slider(key="fm_r").value, at.slider(key="fm_c").value) == (7, 50)
    assert at.selectbox(key="fm_k2").value == "sobel_y"
    assert r"\tfrac{1}{4}" in formulas(at)[1]  # average pooling in the worked cell
    assert r"0 & 1 & 0 \\ 1 & -4 & 1" in formulas(at)[0]  # the custom kernel in the worked cell
    assert {k: at.query_params[k] for k in query} == query  # and it stays in the URL
    # The same settings, reached by the widgets, draw the same pictures.
    by_hand = page(lang)
    for kind, key, value in [("number_input", "fm_seed", 3), ("selectbox", "fm_kernel", "custom")]:
        getattr(by_hand, kind)(key=key).set_value(value).run()
    for i, v in enumerate([0, 1, 0, 1, -4, 1, 0, 1, 0]):
        by_hand.number_input(key=f"fm_ke{i}").set_value(float(v)).run()
    for kind, key, value in [("slider", "fm_b", 0.5), ("radio", "fm_pool", "avg"), ("selectbox", "fm_act", "leaky_relu"),
                             ("slider", "fm_r", 7), ("slider", "fm_c", 50), ("selectbox", "fm_k2", "sobel_y")]:
        getattr(by_hand, kind)(key=key).set_value(value).run()
    assert pictures(by_hand) == pictures(at)


def test_a_bad_url_value_falls_back_with_a_notice(lang):
    at = page(lang, fm_act="nonsense", fm_k="1,2", fm_kernel="custom", fm_r="99")
    assert not at.exception
    assert at.selectbox(key="fm_act").value == "relu"
    assert at.slider(key="fm_r").value == 14
    assert [at.number_input(key=f"fm_ke{i}").value for i in range(9)] == [-1, 0, 1, -2, 0, 2, -1, 0, 1]
    notices = " ".join(w.value for w in at.warning)
    assert "nonsense" in notices and "fm_k" in notices and "99" in notices
    assert len(pictures(at)) == 12


def test_uploads_good_and_bad(lang):
    at = page(lang, fm_src="upload")
    assert any(t("fm_upload_missing", lang) == i.value for i in at.info)
    shapes = pictures(at)
    assert len(shapes) == 12  # the page keeps working on the generated picture
    at.file_uploader(key="fm_upload").set_value(("notes.png", b"not a picture", "image/png")).run()
    assert not at.exception
    reason = t("fm_upload_err_format", lang)
    assert at.error[0].value == t("fm_upload_failed", lang, reason=reason)
    assert pictures(at) == shapes
    stripes = np.zeros((90, 90), dtype=np.uint8)
    stripes[:, ::10] = 255
    at.file_uploader(key="fm_upload").set_value(("stripes.png", png(stripes), "image/png")).run()
    assert_clean(at)
    assert any(t("fm_upload_ok", lang, size=fm.SIZE) == c.value for c in at.caption)
    assert pictures(at) != shapes


@pytest.mark.parametrize("act", ["identity", "relu"])
def test_the_collapse_sentence_follows_the_numbers(act):
    """Identity: still one convolution. ReLU on a blurred (non-negative) picture: changes
    nothing either, and the page says why instead of claiming a difference."""
    at = page("en", fm_act=act, fm_kernel="blur")
    text = " ".join(m.value for m in at.markdown)
    expected = "fm_act_gap_identity" if act == "identity" else "fm_act_gap_none"
    assert t(expected, "en", act="ReLU", gap="")[:30] in text
    assert t("fm_act_gap", "en", act="ReLU", gap="", n="", cells="", fit_max="", fit_rms="", scale="",
             changed="")[:40] not in text


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def both_orders_gaps(act: str, pool_modes=("max", "avg"), kernel="sobel_x", bias=0.0) -> dict[str, float]:
    """The two orders on the default picture, computed here without the page's pipeline:
    scipy's correlation, pooling by reshaping, the catalog's function."""
    from scipy import signal

    f = ACTIVATIONS[act]
    z = signal.correlate2d(fm.make_shapes_image(0), fm.kernel(kernel), mode="valid") + bias

    def blocks(v):  # 126×126 → 63 × 2 × 63 × 2: each 2×2 block on axes 1 and 3
        return v.reshape(v.shape[0] // 2, 2, v.shape[1] // 2, 2)

    pool = {"max": lambda v: blocks(v).max(axis=(1, 3)), "avg": lambda v: blocks(v).mean(axis=(1, 3))}
    return {p: float(np.max(np.abs(f.fn(pool[p](z), **f.params) - pool[p](f.fn(z, **f.params))))) for p in pool_modes}


@pytest.mark.parametrize(("act", "max_key", "avg_key"), [
    ("relu", "fm_order_max_same", "fm_order_avg_differs"),
    ("tanh", "fm_order_max_same", "fm_order_avg_differs"),
    ("gelu", "fm_order_max_differs", "fm_order_avg_differs"),
    ("identity", "fm_order_max_same", "fm_order_avg_same"),
])
def test_the_page_measures_what_the_order_of_pooling_and_activation_changes(lang, act, max_key, avg_key):
    """Issue 18, item 9: the usual CNN order is named, and both orders are compared on the
    learner's own settings; max pooling with a non-decreasing function gives the same map."""
    at = page(lang, fm_act=act)
    assert_clean(at)
    gaps = both_orders_gaps(act)
    name = display_name(act, lang)
    text = markdown_text(at)
    assert t("fm_order_intro", lang, act=name, cells=63 * 63, max_gap=numbers.text_with_residue(gaps["max"]),
             avg_gap=numbers.text_with_residue(gaps["avg"])) in text
    assert t(max_key, lang, act=name, max_gap=numbers.text_with_residue(gaps["max"]), ratio="4") in text
    assert t(avg_key, lang, act=name) in text
    if max_key == "fm_order_max_same":
        assert gaps["max"] == 0
    if avg_key == "fm_order_avg_differs":
        assert gaps["avg"] > 0.05


def collapse_fit(kernel: str, bias: float, act: str) -> tuple[float, float, float]:
    """The best 5×5 kernel + bias for k₂ ⋆ act(k₁ ⋆ x + b) (k₂ = blur, the default), by
    scipy's least squares on numpy's sliding windows: (max error, rms error, max |target|)."""
    from numpy.lib.stride_tricks import sliding_window_view
    from scipy import linalg, signal

    f = ACTIVATIONS[act]
    x = fm.make_shapes_image(0)
    first = signal.correlate2d(x, fm.kernel(kernel), mode="valid") + bias
    target = signal.correlate2d(f.fn(first, **f.params), fm.kernel("blur"), mode="valid")
    a = np.column_stack([sliding_window_view(x, (5, 5)).reshape(-1, 25), np.ones(target.size)])
    solution, *_ = linalg.lstsq(a, target.ravel())
    miss = np.abs(a @ solution - target.ravel())
    return float(miss.max()), float(np.sqrt(np.mean(miss**2))), float(np.abs(target).max())


@pytest.mark.parametrize(("query", "act"), [
    (dict(fm_kernel="blur", fm_b="-4", fm_act="leaky_relu"), "leaky_relu"),
    (dict(fm_kernel="blur", fm_b="4", fm_act="hardtanh"), "hardtanh"),
    (dict(fm_kernel="blur", fm_b="4", fm_act="softshrink"), "softshrink"),
])
def test_one_kernel_still_does_it_when_the_activation_is_affine_on_its_values(lang, query, act):
    """Issue 18, item 10: the activation changed every value, but one 5×5 kernel and a bias
    reproduce the result to rounding, and the page says so instead of "no single kernel"."""
    at = page(lang, **query)
    assert_clean(at)
    fit_max, _, _ = collapse_fit(query["fm_kernel"], float(query["fm_b"]), act)
    assert fit_max < 1e-12
    text = markdown_text(at)
    name = display_name(act, lang)
    head = t("fm_act_gap_affine", lang, act=name, changed="100", gap="", n=5, cells=124 * 124, fit_max="")
    assert head.split("**")[0] in text  # "{act} changed 100% of the values …"
    assert head.split("**")[-1] in text  # "… a straight line a·v + c …"
    verdict = t("fm_act_gap", lang, act=name, gap="", n=5, cells="", fit_max="", fit_rms="", scale="\0",
                changed="").split("\0")[1][:25]
    assert verdict.strip() and verdict not in text  # never ": no single kernel does …"


def test_no_single_kernel_is_claimed_from_the_fit_with_its_numbers(lang):
    at = page(lang)  # sobel_x, ReLU, k₂ = blur
    fit_max, fit_rms, scale = collapse_fit("sobel_x", 0.0, "relu")
    check = fm.collapse_check(fm.make_shapes_image(0), fm.kernel("sobel_x"), 0.0, fm.kernel("blur"), "relu")
    expected = t("fm_act_gap", lang, act=display_name("relu", lang), gap=numbers.text_with_residue(check.act_gap), n=5,
                 cells=124 * 124, fit_max=numbers.text_with_residue(fit_max), fit_rms=numbers.text_with_residue(fit_rms),
                 scale=numbers.text_with_residue(scale), changed=numbers.text(100 * check.changed, 1))
    assert expected in markdown_text(at)


def test_max_pooling_between_the_convolutions_breaks_the_collapse_too(lang):
    """Issue 18, item 11: not only an activation; the page measures both poolings between the
    two convolutions with the best single 8×8 kernel at stride 2 (computed here by scipy)."""
    from numpy.lib.stride_tricks import sliding_window_view
    from scipy import linalg, signal

    x = fm.make_shapes_image(0)
    windows = sliding_window_view(x, (8, 8))[::2, ::2][:61, :61].reshape(-1, 64)
    a = np.column_stack([windows, np.ones(len(windows))])
    fits = {}
    for pool in ("max", "avg"):
        z = signal.correlate2d(x, fm.kernel("sobel_x"), mode="valid")
        blocks = z.reshape(63, 2, 63, 2)
        pooled = blocks.max(axis=(1, 3)) if pool == "max" else blocks.mean(axis=(1, 3))
        target = signal.correlate2d(pooled, fm.kernel("blur"), mode="valid").ravel()
        solution, *_ = linalg.lstsq(a, target)
        fits[pool] = (np.abs(a @ solution - target).max(), np.abs(target).max())
    assert fits["avg"][0] < 1e-12 and fits["max"][0] > 0.5
    at = page(lang)
    note = [c.value for c in at.caption if t("fm_pool_note", lang, w=8, avg_fit="\0").split("\0")[0] in c.value]
    assert len(note) == 1
    assert t("fm_pool_note_max_breaks", lang, w=8, max_fit=numbers.text_with_residue(fits["max"][0]),
             max_scale=numbers.text_with_residue(fits["max"][1])) in note[0]
    intro = t("fm_collapse_intro", lang)
    assert intro in markdown_text(at) and ("max pooling" in intro or "最大池化" in intro)


def test_both_languages_say_the_two_routes_are_one_feature_map_and_one_operation(lang):
    """Issue 18, item 12: English said "the same map" (one function), Chinese "同一张图" (one
    picture). Both now say both: the same feature map here, the same operation on any picture."""
    words = {"en": ("same feature map", "any picture"), "zh": ("同一张特征图", "任何一张图片")}[lang]
    sentence = t("fm_linear_gap", lang, cells=124 * 124, gap="\0")
    assert all(word in sentence for word in words)
    at = page(lang)
    rendered = [m.value for m in at.markdown if sentence.split("\0")[0] in m.value]
    assert len(rendered) == 1 and all(word in rendered[0] for word in words)
    check = fm.collapse_check(fm.make_shapes_image(0), fm.kernel("sobel_x"), 0.0, fm.kernel("blur"), "relu")
    assert numbers.text_with_residue(check.linear_gap) in rendered[0] and check.linear_gap < 1e-12


def shared_cache_contents() -> dict[str, int]:
    """Bytes held per cached function in Streamlit's data caches, which every session shares."""
    from streamlit.runtime.caching import get_data_cache_stats_provider

    stats = get_data_cache_stats_provider().get_stats()
    return {s.cache_name: s.byte_length for family in stats.values() for s in family}


def test_an_upload_stays_in_its_own_session(lang):
    """Issue 18, item 13: the learner's picture (and everything drawn from it) is kept in this
    session's state, never in a cache another session could be served from; the help says
    what happens to it."""
    import streamlit as st

    st.cache_data.clear()
    at = page(lang, fm_src="upload")
    shapes = pictures(at)
    before = shared_cache_contents()
    stripes = np.zeros((90, 90), dtype=np.uint8)
    stripes[:, ::10] = 255
    at.file_uploader(key="fm_upload").set_value(("stripes.png", png(stripes), "image/png")).run()
    assert_clean(at)
    assert pictures(at) != shapes  # the page uses the upload …
    assert shared_cache_contents() == before  # … and no shared cache learned anything from it
    at.slider(key="fm_b").set_value(-0.5).run()  # a new setting on the upload: still not shared
    assert_clean(at)
    assert shared_cache_contents() == before
    # Another learner's session, on the same server, still sees the generated picture.
    other = page(lang, fm_src="upload")
    assert pictures(other) == shapes
    # The help says where the picture goes and how long it stays.
    help_text = at.file_uploader(key="fm_upload").help
    assert help_text == t("fm_upload_help", lang, size=fm.SIZE, max_bytes=fm.MAX_UPLOAD_BYTES)
    assert ("server" in help_text and "session" in help_text) if lang == "en" else "服务器" in help_text
    # It lives in this session's state, and only while it is in use.
    assert "_fm_own_picture" in at.session_state
    at.radio(key="fm_src").set_value("shapes").run()
    assert "_fm_own_picture" not in at.session_state and "_fm_own_stage" not in at.session_state


@pytest.mark.parametrize("query", [
    dict(fm_kernel="sobel_x"), dict(fm_kernel="outline"), dict(fm_kernel="blur"), dict(fm_kernel="sharpen"),
    dict(fm_kernel="custom", fm_k="1,1,1,1,1,1,1,1,1"), dict(fm_kernel="custom", fm_k="0,0,0,-1,1,0,0,0,0"),
])
def test_the_page_says_what_the_kernel_sum_means_and_that_it_is_not_flipped(lang, query):
    """Issue 18, item 14: cross-correlation (no flip) is named, and the kernel's sum, computed
    from the kernel shown, says what a flat patch gives: 0 (edge, signed output), the same
    value (non-negative entries summing to 1: the output stays in the picture's range)."""
    at = page(lang, **query)
    assert_clean(at)
    kern = np.array(fm.parse_kernel(query["fm_k"]) if "fm_k" in query else fm.KERNELS[query["fm_kernel"]])
    total = float(kern.sum())
    kind = ("zero_sum" if abs(total) < 1e-12 else "average" if abs(total - 1) < 1e-12 and (kern >= 0).all()
            else "unit_sum" if abs(total - 1) < 1e-12 else "scale")
    text = " ".join(c.value for c in at.caption) + " " + markdown_text(at)
    assert t("fm_kernel_sum", lang, total=numbers.text(total, 4)) in text
    assert t(f"fm_kernel_kind_{kind}", lang, total=numbers.text(total, 4)) in text
    assert {"blur": "average", "sobel_x": "zero_sum", "outline": "zero_sum", "sharpen": "unit_sum"}.get(
        query["fm_kernel"], kind) == kind
    cross = t("fm_cross_correlation", lang)
    assert cross in text and ("flips" in cross if lang == "en" else "翻转" in cross)


def test_chinese_sentences_run_on_without_a_space_after_the_full_stop():
    """Sentences joined into one paragraph: "。 " shows a gap a Chinese reader does not expect."""
    at = page("zh", fm_act="gelu")
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not [text for text in texts if "。 " in text]


def test_the_rare_branches_say_what_their_numbers_say(lang):
    """A kernel of zeros: every map is flat, so GELU (not monotonic) happens to commute with
    max pooling, max pooling happens to fold into one kernel, and the kernel note says so."""
    at = page(lang, fm_kernel="custom", fm_k="0,0,0,0,0,0,0,0,0", fm_act="gelu")
    assert_clean(at)
    name = display_name("gelu", lang)
    text = " ".join(c.value for c in at.caption) + " " + markdown_text(at)
    assert t("fm_order_max_same_here", lang, act=name) in text
    assert t("fm_order_avg_same", lang, act=name) in text
    assert t("fm_pool_note_max_fits", lang, w=8, max_fit="0") in text
    assert t("fm_kernel_kind_zero", lang) in text
