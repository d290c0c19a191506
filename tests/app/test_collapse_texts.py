"""Every state-dependent sentence of the linear-collapse page follows the state.

Each test puts the page in a state (through the URL or a widget), computes from ``core``
what is true in that state, and checks that the page says that and not the alternatives.
"""

import re

import numpy as np
import pytest

from core.i18n import TEXTS, t
from core.lessons import collapse as col
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset
from core.present import collapse_views as cv
from core.present import numbers
from core.present.markdown import literal
from core.state import collapse as cs
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/collapse.py"
P, Q = np.array([0.5, -0.5]), np.array([-0.8, 0.3])  # the page's default points


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "warning", "info", "success", "caption") for e in at.get(kind)]


def _said(at, key: str, lang: str = "en", **values) -> bool:
    """The sentence (a whole paragraph or part of one) is on the page."""
    sentence = t(key, lang, **values)
    return any(sentence in text for text in _texts(at))


def _template(text: str) -> re.Pattern:
    """A text of the tables as a pattern: its words exactly, any value in each placeholder."""
    parts = re.split(r"\{\w+\}", text)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.S)


def _said_any(at, prefix: str, lang: str = "en") -> list[str]:
    """Keys starting with ``prefix`` whose whole text (any placeholder values) is on the page."""
    texts = _texts(at)
    return sorted(key for key, entry in TEXTS.items()
                  if key.startswith(prefix) and any(_template(entry[lang]).search(text) for text in texts))


def _weights_query(w) -> dict[str, str]:
    return {name: repr(float(v)) for name, v in zip(col.WEIGHT_NAMES, w)}


def _metric(at, key: str, lang: str = "en") -> str:
    return {m.label: m.value for m in at.metric}[t(key, lang)]


def _pct(value: float) -> str:
    return f"{100.0 * value:.1f}%"


# ------------------------------------------------------- item 8: the right-hand picture


def _contrast_stack(activation: str, seed: int = 0, hidden=(8, 3, 8)):
    weights, biases = col.random_stack([2, *hidden, 1], seed=seed)
    act = ACTIVATIONS[activation]
    fn = lambda P: col.forward(P, weights, biases, act)[:, 0]  # noqa: E731
    scale = lambda P: col.term_scale(P, weights, biases, act)[:, 0]  # noqa: E731
    return col.boundary_shape(fn, scale=scale)


@pytest.mark.parametrize("activation", ["identity", "tanh", "relu", "hardtanh"])
def test_the_right_hand_sentence_follows_the_measured_boundary(activation, lang):
    at = run_page(PAGE, lang=lang, col_act=activation)
    assert_clean(at)
    shape = _contrast_stack(activation)
    said = set(_said_any(at, "col_contrast_", lang)) - {"col_contrast_intro", "col_contrast_sizes",
                                                          "col_contrast_left", "col_contrast_left_outside"}
    if activation == "identity":
        assert shape.kind in ("straight", "none")  # the fact the sentence relies on
        assert said == {"col_contrast_identity"}
    else:
        assert said == {f"col_contrast_{shape.kind}"}, (shape, said)
    assert ("col_contrast_bent" in said) == (shape.kind == "bent" and activation != "identity")


def test_identity_never_claims_a_bend_for_any_seed():
    for seed in (0, 7, 42):
        at = run_page(PAGE, col_act="identity", col_seed=str(seed))
        assert_clean(at)
        assert _contrast_stack("identity", seed).kind in ("straight", "none")
        assert not _said_any(at, "col_contrast_bent") and not _said_any(at, "col_contrast_slight")
        assert _said(at, "col_contrast_identity")


def _left_line_in_view(seed: int) -> bool:
    weights, biases = col.random_stack([2, 8, 3, 8, 1], seed=seed)
    W, b = col.collapse(weights, biases)
    return col.line_from_coefficients(W[0, 0], W[1, 0], b[0], tol_a=1e-12, tol_c=1e-12).segment(1.0) is not None


def test_the_left_sentence_says_when_the_line_is_outside_the_square():
    outside = next(seed for seed in range(1000) if not _left_line_in_view(seed))
    at = run_page(PAGE, col_seed=str(outside))
    assert_clean(at)
    assert _said_any(at, "col_contrast_left") == ["col_contrast_left", "col_contrast_left_outside"]
    at = run_page(PAGE)
    assert _left_line_in_view(0)
    assert _said_any(at, "col_contrast_left") == ["col_contrast_left"]


# ------------------------------------------------ item 8: no boundary, and why (2-3-1)


@pytest.mark.parametrize("w", [col.EXAMPLES["silent"], (0.0,) * 9, (1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, -1.0, 0.5)],
                         ids=["cancel", "all-zero", "partial"])
def test_the_no_boundary_warning_says_why(w, lang):
    at = run_page(PAGE, lang=lang, **_weights_query(w))
    assert_clean(at)
    assert col.boundary_231(w).kind == "none"
    zeros = [name for name, v in zip(col.WEIGHT_NAMES, w) if v == 0.0]  # counted here, not by the page
    said = _said_any(at, "col_case_none_", lang)
    if not zeros:
        assert said == ["col_case_none_cancel"]
    else:
        assert "col_case_none_cancel" not in said and len(said) == 1
        assert any(t("col_list_sep", lang).join(zeros) in warning.value for warning in at.warning)
    # The last derivation step does not pretend to solve for input1 (only the symbolic one does).
    assert [m.value for m in at.markdown].count(t("col_step_boundary", lang)) == 1
    assert _said(at, "col_step_boundary_none", lang)


def test_the_horizontal_case_solves_for_input2(lang):
    at = run_page(PAGE, lang=lang, **_weights_query(col.EXAMPLES["horizontal"]))
    assert col.boundary_231(col.EXAMPLES["horizontal"]).kind == "x2"
    assert _said(at, "col_step_boundary_x2", lang)
    assert [m.value for m in at.markdown].count(t("col_step_boundary", lang)) == 1  # only in symbols


# ------------------------------------------------- item 15: no boundary scores the triangles


def test_no_boundary_scores_exactly_the_share_of_triangles(lang):
    at = run_page(PAGE, lang=lang)
    at.button(key="col_ex_silent").click().run()
    assert_clean(at)
    X, y = make_dataset("circle", n=300, seed=0)
    triangles = float(np.mean(y == 0))
    assert _metric(at, "col_own_accuracy", lang) == _pct(triangles)
    # The bare sign rule would have scored the rounding residues (the 48.0 % of the issue).
    assert col.sign_accuracy(col.forward_231(col.EXAMPLES["silent"], X), y) != triangles
    residue = float(np.max(np.abs(col.forward_231(col.EXAMPLES["silent"], X))))
    assert _said(at, "col_boundary_none_rounding", lang, share=_pct(triangles), residue=numbers.scientific_text(residue))
    assert not _said(at, "col_boundary_line", lang)


def test_all_zero_weights_score_the_triangles_and_say_exactly_zero():
    at = run_page(PAGE, **_weights_query((0.0,) * 9))
    _, y = make_dataset("circle", n=300, seed=0)
    assert _metric(at, "col_own_accuracy") == _pct(float(np.mean(y == 0)))
    assert _said(at, "col_boundary_none_exact", share=_pct(float(np.mean(y == 0))))


# -------------------------------------------------------- item 7: which gradient


def _gradient_latex(at, wrt: str) -> list[str]:
    return [e.value for e in at.latex if rf"\nabla_{{{wrt}}}" in e.value]


def test_weight_gradient_is_shown_and_differs_between_p_and_q(lang):
    at = run_page(PAGE, lang=lang)
    assert_clean(at)
    g_p, g_q = (col.weight_gradient_231(col.DEFAULT_WEIGHTS, x) for x in (P, Q))  # the chain rule
    assert not col.gradients_agree(g_p, g_q)
    (latex,) = _gradient_latex(at, "w")
    rows = [row.split("&= (")[1].rsplit(")", 1)[0].split(r",\ ") for row in latex.split(r"\\")]
    shown = np.array([[float(v) for v in row] for row in rows])
    np.testing.assert_allclose(shown, [g_p, g_q], atol=0.006)  # two decimals on the page
    assert _said(at, "col_grad_weights_differ", lang)
    assert not _said(at, "col_grad_weights_equal", lang)
    assert "∂Output/∂input" in t("col_gradient_intro", lang)


def test_gradient_sentences_when_p_equals_q():
    at = run_page(PAGE, col_q1="0.5", col_q2="-0.5")
    assert_clean(at)
    assert _said(at, "col_grad_weights_same_point") and _said(at, "col_gradient_tanh_same_point")
    assert not _said(at, "col_grad_weights_differ") and not _said(at, "col_gradient_tanh")


@pytest.mark.parametrize(("w", "weights_key", "tanh_key"), [
    ((0.0,) * 9, "col_grad_weights_equal", "col_gradient_tanh_silent"),
    ((1.2, 0.4, -0.5, 0.9, 0.7, -1.2, 0.0, 0.0, 0.0), "col_grad_weights_differ", "col_gradient_tanh_silent"),
    (col.DEFAULT_WEIGHTS, "col_grad_weights_differ", "col_gradient_tanh"),
])
def test_gradient_sentences_follow_the_weights(w, weights_key, tanh_key):
    at = run_page(PAGE, **_weights_query(w))
    assert_clean(at)
    agree = col.gradients_agree(*(col.weight_gradient_231(w, x) for x in (P, Q)))
    assert agree == (weights_key == "col_grad_weights_equal")
    assert col.hidden_silent_231(w) == (tanh_key == "col_gradient_tanh_silent")
    assert _said_any(at, "col_grad_weights_") == sorted(["col_grad_weights_label", weights_key])
    assert _said_any(at, "col_gradient_tanh") == [tanh_key]


def test_mirrored_points_give_the_tanh_network_equal_gradients():
    at = run_page(PAGE, col_q1="-0.5", col_q2="0.5")
    assert_clean(at)
    assert _said_any(at, "col_gradient_tanh") == ["col_gradient_tanh_mirror"]
    assert _said(at, "col_grad_weights_differ")


@pytest.mark.parametrize("w", [col.DEFAULT_WEIGHTS, col.EXAMPLES["silent"]], ids=["default", "silent"])
def test_linear_gradient_rows_show_what_the_sentence_says(w):
    """'Both are (a, c)': the measured rows must show those numbers, not 1e-10 of measuring noise."""
    at = run_page(PAGE, **_weights_query(w))
    line = col.boundary_231(w)
    a, c = numbers.latex(line.a), numbers.latex(line.c)
    (latex,) = [e.value for e in at.latex if r"\nabla_{\mathbf x}" in e.value and "mathbf p" in e.value][:1]
    for row in latex.split(r"\\"):
        assert row.split("&= ")[1].startswith(f"({a},\\ {c})"), row
    assert _said(at, "col_gradient_linear", a=a, c=c)


@pytest.mark.parametrize(("w", "key"), [(col.DEFAULT_WEIGHTS, "col_proof_text"), ((0.0,) * 9, "col_proof_exact")])
def test_proof_sentence_says_rounding_only_when_there_is_some(w, key):
    at = run_page(PAGE, **_weights_query(w))
    inputs = np.random.default_rng(0).uniform(-10.0, 10.0, (10_000, 2))  # the page's inputs
    W, b = col.collapse(col.stack_231(w))
    diff = np.abs(col.forward_231(w, inputs) - (inputs @ W + b)[:, 0])
    assert (float(diff.max()) == 0.0) == (key == "col_proof_exact")
    assert _said_any(at, "col_proof_") == [key]
    if key == "col_proof_text":
        ratio = float(np.max(diff / col.term_scale_231(w, inputs)))
        assert 0.0 < ratio < 1e-15  # rounding, as the sentence says
        assert _said(at, key, n="10 000", expr=cv.linear_text(*col.coefficients_231(w)), ratio=numbers.scientific_text(ratio))


# ----------------------------------------------------------- biases, rank, parabola


@pytest.mark.parametrize(("w", "key"), [
    (col.DEFAULT_WEIGHTS, "col_bias_moved"),
    ((1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 0.0), "col_bias_origin"),
    (col.EXAMPLES["silent"], "col_bias_constant"),
])
def test_bias_sentence_follows_beta_and_the_line(w, key):
    at = run_page(PAGE, col_bias="1", **_weights_query(w))
    assert_clean(at)
    biases = (*col.HIDDEN_BIASES, col.OUTPUT_BIAS)
    line, beta = col.boundary_231(w, biases), col.collapsed_bias_231(w, biases)
    expected = "col_bias_constant" if line.kind == "none" else "col_bias_moved" if beta != 0.0 else "col_bias_origin"
    assert expected == key
    said = [k for k in ("col_bias_moved", "col_bias_origin", "col_bias_constant") if _said(at, k)]
    assert said == [key]


@pytest.mark.parametrize("widths", ["8,3,8", "8,8,8"])
def test_rank_sentence_mentions_grey_bars_only_when_there_are_some(widths):
    at = run_page(PAGE, col_widths=widths)
    assert_clean(at)
    W, _ = col.collapse(*col.random_stack([col.RANK_IO, *cs.parse_widths(widths), col.RANK_IO], seed=0))
    rank, s = col.rank_report(W)
    if rank < len(s):
        assert _said(at, "col_rank_lost", lost=len(s) - rank, io=len(s)) and not _said(at, "col_rank_full", io=len(s))
    else:
        assert _said(at, "col_rank_full", io=len(s)) and not _said_any(at, "col_rank_lost")


@pytest.mark.parametrize(("W", "B"), [(-2.0, 0.5), (2.0, -0.5), (-2.0, -0.5), (0.0, 0.0), (-0.5, 0.75)])
def test_parabola_sentence_follows_w_and_b(W, B):
    at = run_page(PAGE, col_sq_w=str(W), col_sq_b=str(B))
    assert_clean(at)
    x = np.linspace(-1.0, 1.0, 4001)
    signs = np.sign(W * x**2 + B)
    changes = int(np.count_nonzero(np.diff(signs[signs != 0])))
    said = _said_any(at, "col_bend_1d_")
    if changes == 0:
        assert said == ["col_bend_1d_flat"]
    else:
        cut = col.parabola_cut(W, B)
        key = "col_bend_1d_down" if W < 0 else "col_bend_1d_up"
        assert said == [key] and _said(at, key, r=numbers.latex(cut, 2))


# --------------------------------------------------------------- the widths messages


def _hidden_used(at, lang: str = "en") -> str:
    """The hidden widths the stack really uses, read from the layer sizes the page prints."""
    head = t("col_sizes", lang, sizes="", depth="").split("**")[0]
    sizes_line = next(text for text in _texts(at) if text.startswith(head))
    sizes = sizes_line.split("**")[1].split(" → ")
    return ",".join(sizes[1:-1])


def _plain(markdown: str) -> str:
    """A message without Markdown escapes (how it reads on the page)."""
    return markdown.replace("\\", "")


@pytest.mark.parametrize(("query", "used", "noticed"), [
    ({"col_widths": "-3", "col_depth": "3"}, "8,3", True),
    ({"col_widths": "-3"}, "8,3,8", True),
    ({"col_widths": "5,2,7", "col_depth": "3"}, "5,2", True),
    ({"col_widths": "8,2,8,8"}, "8,2,8,8", False),
    ({"col_widths": "8,x", "col_depth": "99"}, "8,3,8", True),
])
def test_a_link_with_widths_uses_and_names_what_it_uses(query, used, noticed, lang):
    at = run_page(PAGE, lang=lang, **query)
    assert_clean(at)
    assert _hidden_used(at, lang) == used
    assert at.text_input(key="col_widths").value == used
    assert at.slider(key="col_depth").value == len(used.split(",")) + 1
    # What a notice says besides echoing the link's own value.
    said = [_plain(w.value).replace(query["col_widths"], "") for w in at.warning if "col_widths" in _plain(w.value)]
    if noticed:
        assert said and all(used in notice for notice in said), said
        if used != "8,3,8":
            assert not any("8,3,8" in notice for notice in said)
    else:
        assert not said


def test_typed_bad_widths_name_the_widths_really_used(lang):
    at = run_page(PAGE, lang=lang, col_depth="3")
    at.text_input(key="col_widths").set_value("8,x").run()
    assert_clean(at)
    used = _hidden_used(at, lang)
    assert len(used.split(",")) == at.slider(key="col_depth").value - 1 == 2
    (warning,) = [w.value for w in at.warning]
    assert warning == t("col_widths_bad", lang, value="8,x", depth=3, used=used)
    at.slider(key="col_depth").set_value(1).run()
    at.text_input(key="col_widths").set_value("*x*").run()
    assert_clean(at)
    assert _hidden_used(at, lang) == ""
    (warning,) = [w.value for w in at.warning]
    assert warning == t("col_widths_bad_one", lang, value=literal("*x*"), example="8,3,8")


@pytest.mark.parametrize("widths", ["8,2,8", "16,16,16", "8,3,8"])
def test_rank_sentence_names_the_narrowest_width_it_measures(widths, lang):
    """Not "a layer of width 3" whatever the widths: the sentence's numbers are the stack's."""
    at = run_page(PAGE, lang=lang, col_widths=widths)
    assert_clean(at)
    sizes = [col.RANK_IO, *cs.parse_widths(widths), col.RANK_IO]
    W, _ = col.collapse(*col.random_stack(sizes, seed=0))
    rank, _ = col.rank_report(W)
    assert _said(at, "col_rank_text", lang, rank=rank, narrow=min(sizes))
    sentence = t("col_rank_text", lang, rank=rank, narrow=min(sizes))
    if min(sizes) != 3:
        assert "3" not in sentence.replace(str(rank), "").replace(str(min(sizes)), "")
