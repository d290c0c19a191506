"""Linear collapse: stacked linear layers are one affine map, so they draw one straight line.

Follows the article: the 2-3-1 network with the learner's weights, its algebra, the
boundary over the circle data, additivity/homogeneity, the constant gradient; then any
depth and width (and an activation that bends the boundary); then the x² way out.
"""


import numpy as np
import streamlit as st

from core.lessons import collapse as col
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset
from core.present import collapse_views as cv
from core.present import numbers
from core.present.labels import activation_name
from core.present.collapse_charts import (
    boundary_chart,
    circle_chart,
    feature_space_chart,
    parabola_chart,
    singular_values_chart,
    threshold_chart,
)
from core.present.markdown import literal
from core.state import collapse as cs
from ui import (
    charts,
    controls,
    current_lang,
    presenter,
    restore_from_url,
    show_code,
    show_url_notices,
    tr,
    url_value,
    write_to_url,
)
from ui.charts import pairs, vega_spec
from ui.visibility import section

N_POINTS = 300
P = cs.PARAMS_BY_KEY


def _restore_depth_and_widths() -> None:
    """Depth and widths from a shared link, consistent with each other.

    A link with widths but no (valid) depth gets the depth of its widths; a link whose widths
    do not fit its depth keeps the depth and fits the widths, with a notice saying which."""
    if "col_widths" in st.session_state:
        return  # the learner's own, this session
    raw = url_value("col_widths")
    depth_raw = url_value("col_depth")
    if raw is not None and (depth_raw is None or not cs.DEPTH.read(depth_raw)[1]):
        try:
            st.session_state["col_depth"] = len(cs.parse_widths(raw)) + 1
        except ValueError:
            pass
    restore_from_url([cs.widths_param(int(st.session_state["col_depth"]), raw)])


@st.cache_data(max_entries=2)
def circle_data():
    """The article's picture and the best any straight line can do on it (same for everyone)."""
    X, y = make_dataset("circle", n=N_POINTS, seed=0)
    return X, y, col.best_line(X, y)


@st.cache_data(max_entries=2)
def bend_1d():
    x, y = col.points_1d()
    return x, y, col.best_threshold(x, y)


def _set_weights(values) -> None:
    for name, value in zip(col.WEIGHT_NAMES, values):
        st.session_state[name] = float(value)


def _random_weights() -> None:
    _set_weights(col.random_weights_231(np.random.default_rng()))


def _depth_changed() -> None:
    """Keep the widths text in step with the depth: depth − 1 hidden layers."""
    try:
        widths = cs.parse_widths(st.session_state["col_widths"])
    except ValueError:
        widths = cs.parse_widths(cs.DEFAULT_WIDTHS)
    st.session_state["col_widths"] = cs.format_widths(cs.resize_widths(widths, st.session_state["col_depth"]))


def _widths_changed() -> None:
    try:
        widths = cs.parse_widths(st.session_state["col_widths"])
    except ValueError:
        return  # the page shows a warning and keeps the last good depth
    st.session_state["col_widths"] = cs.format_widths(widths)
    st.session_state["col_depth"] = len(widths) + 1


# The page's charts are cached as finished Vega-Lite specs (as on the activations page):
# building one with Altair and converting it costs ~85 ms, and most reruns change one
# chart at most. Each cached function takes the numbers that determine its chart, never
# a function: st.cache_data hashes a function by its code, not by the weights it closes
# over, so two boundaries would share one entry. Texts come in translated: each language
# has its own entries.


def _labels(x: str = "input₁", y: str = "input₂") -> tuple[tuple[str, str], ...]:
    """The chart texts, translated, as the sorted pairs a cached chart takes."""
    return pairs({"class1": tr("col_class1"), "class0": tr("col_class0"), "x": x, "y": y})


def _warn_bad_widths(value: str, depth: int, used: list[int]) -> None:
    """Say what is wrong with the typed widths and which widths the stack really uses."""
    value = literal(value, 40)
    if used:
        st.warning(tr("col_widths_bad", value=value, depth=depth, used=cs.format_widths(used)),
                   icon=":material/warning:")
    else:
        st.warning(tr("col_widths_bad_one", value=value, example=cs.DEFAULT_WIDTHS), icon=":material/warning:")


# ------------------------------------------------------------------ the 2-3-1 network


def network_section() -> tuple[tuple[float, ...], col.Line]:
    """The 2-3-1 network with the learner's nine weights; returns the weights and its boundary."""
    st.header(tr("col_h_network"), divider="gray", anchor="network")
    st.write(tr("col_network_intro"))
    left, right = st.columns([1.15, 1], gap="large")
    with right:
        st.markdown(f"**{tr('col_weights_hidden')}**")
        for row, (first, second) in enumerate((("w1", "w2"), ("w3", "w4"), ("w5", "w6"))):
            for column, name in zip(st.columns(2), (first, second)):
                source = "input1" if name in ("w1", "w3", "w5") else "input2"
                controls.slider(P[name], f"{name} · {source} → h{row + 1}", step=0.1, format="%.2f", where=column)
        st.markdown(f"**{tr('col_weights_output')}**")
        for column, name, hidden in zip(st.columns(3), ("w7", "w8", "w9"), ("h1", "h2", "h3")):
            controls.slider(P[name], f"{name} · {hidden} → Output", step=0.1, format="%.2f", where=column)
        with st.container(horizontal=True, key="col_buttons"):
            st.button(tr("col_random"), key="col_random", on_click=_random_weights, icon=":material/casino:")
            st.button(tr("col_reset"), key="col_reset", on_click=_set_weights, args=(col.DEFAULT_WEIGHTS,),
                      icon=":material/restart_alt:")
            st.button(tr("col_ex_horizontal"), key="col_ex_horizontal", on_click=_set_weights,
                      args=(col.EXAMPLES["horizontal"],), icon=":material/horizontal_rule:")
            st.button(tr("col_ex_silent"), key="col_ex_silent", on_click=_set_weights,
                      args=(col.EXAMPLES["silent"],), icon=":material/block:")
    w = tuple(float(st.session_state[name]) for name in col.WEIGHT_NAMES)
    with left:
        st.graphviz_chart(cv.network_dot(w, font_scale=presenter.type_scale()), width="stretch")
        st.caption(tr("col_diagram_caption"))
    return w, col.boundary_231(w)


# ---------------------------------------------------------------------- the algebra


def algebra_section(w, line: col.Line) -> None:
    """The derivation in symbols, then with the learner's numbers, and what it leaves."""
    st.subheader(tr("col_in_symbols"))
    for step, latex in cv.derivation_231():
        st.markdown(tr(f"col_step_{step}"))
        st.latex(latex)
    st.subheader(tr("col_with_numbers"))
    for step, latex in cv.derivation_231(w):
        # The last step solves Output = 0, and what can be solved for depends on the weights.
        key = f"col_step_{step}" if step != "boundary" or line.kind == "x1" else f"col_step_boundary_{line.kind}"
        st.markdown(tr(key))
        st.latex(latex)
    if line.kind == "x1":
        st.success(tr("col_case_x1", slope=numbers.latex(line.slope)), icon=":material/straighten:")
    elif line.kind == "x2":
        st.warning(tr("col_case_x2", c=numbers.latex(line.c)), icon=":material/horizontal_rule:")
    else:
        reason, zeros = col.why_silent_231(w)
        st.warning(tr(f"col_case_none_{reason}", zeros=tr("col_list_sep").join(zeros)), icon=":material/block:")
    with st.container(border=True, key="col_article_note"):
        st.markdown(tr("col_article_note"))
        st.latex(cv.ARTICLE_FORMULA)
        article = col.article_slope_231(w)
        if line.kind == "x1" and article is not None:
            st.markdown(tr("col_article_numbers", article=numbers.latex(article), correct=numbers.latex(line.slope)))


# ------------------------------------------------------------------ proof by numbers


def proof_section(w, line: col.Line) -> None:
    """10 000 random inputs through the stack and through the one affine map: the gap."""
    inputs = np.random.default_rng(0).uniform(-10.0, 10.0, (10_000, 2))
    stacked = col.forward_231(w, inputs)
    W_one, b_one = col.collapse(col.stack_231(w))
    gap = np.abs(stacked - (inputs @ W_one + b_one)[:, 0])
    max_diff = float(np.max(gap))
    # Rounding is relative to the numbers added up, not to the result (which may be ~0).
    relative_diff = float(np.max(gap / np.maximum(col.term_scale_231(w, inputs), 1e-300)))
    m1, m2 = st.columns([1, 2])
    m1.metric(tr("col_max_diff"), numbers.scientific_text(max_diff))
    expr = cv.linear_text(line.a, line.c)
    if max_diff == 0.0:  # no rounding to speak of (e.g. every weight 0)
        m2.write(tr("col_proof_exact", n="10 000", expr=expr))
    else:
        m2.write(tr("col_proof_text", n="10 000", expr=expr, ratio=numbers.scientific_text(relative_diff)))


# ------------------------------------------------------------ the boundary over data


@st.cache_data(max_entries=64, show_spinner=False)
def network_boundary_spec(w: tuple[float, ...], X, y, labels: tuple) -> dict:
    """The 2-3-1 network with weights ``w`` over the data: the sides of its line
    a·x₁ + c·x₂ = 0 (:func:`core.lessons.collapse.boundary_231`) and the line itself."""
    return vega_spec(boundary_chart(X, y, lambda points: col.forward_231(w, points), dict(labels),
                                    line=col.boundary_231(w)))


def boundary_section(w, line: col.Line, X, y, best) -> None:
    """The learner's line over the circle data, against the best any line can do."""
    own_outputs = col.forward_231(w, X)
    own_accuracy = col.sign_accuracy(own_outputs, y, col.term_scale_231(w, X))
    chart_col, text_col = st.columns([1.1, 1], gap="large")
    with chart_col:
        charts.draw(network_boundary_spec(w, X, y, _labels()), width="content", key="col_boundary_chart")
    with text_col:
        st.write(tr("col_boundary_text"))
        if line.kind != "none":
            st.write(tr("col_boundary_line"))
        k1, k2 = st.columns(2)
        k1.metric(tr("col_own_accuracy"), numbers.percent_one_decimal(own_accuracy))
        k2.metric(tr("col_best_accuracy"), numbers.percent_one_decimal(best.accuracy))
        circles = float(np.mean(y == 1))
        st.caption(tr("col_best_caption", directions=best.directions, n=len(y),
                      circles=numbers.percent_one_decimal(circles),
                      guess=numbers.percent_one_decimal(max(circles, 1.0 - circles))))
        if line.kind == "none":
            residue = float(np.max(np.abs(own_outputs)))
            share = numbers.percent_one_decimal(float(np.mean(y == 0)))
            if residue == 0.0:
                st.write(tr("col_boundary_none_exact", share=share))
            else:
                st.write(tr("col_boundary_none_rounding", share=share, residue=numbers.scientific_text(residue)))


# ------------------------------------------------------- additivity and homogeneity


def additivity_section(w, line: col.Line) -> None:
    """f(a + b) = f(a) + f(b) and f(k·a) = k·f(a) with the learner's points; biases break it."""
    for column, key, label in zip(st.columns(5), ("col_a1", "col_a2", "col_b1", "col_b2", "col_k"),
                                  ("a₁", "a₂", "b₁", "b₂", "k")):
        controls.number_input(P[key], label, step=0.1, format="%.2f", where=column)
    biased = controls.toggle(P["col_bias"], tr("col_bias_toggle"))
    point_a = (st.session_state["col_a1"], st.session_state["col_a2"])
    point_b = (st.session_state["col_b1"], st.session_state["col_b2"])
    k = float(st.session_state["col_k"])
    biases = (*col.HIDDEN_BIASES, col.OUTPUT_BIAS) if biased else None
    nums = col.additivity_231(w, point_a, point_b, k, biases)
    add_col, hom_col = st.columns(2)
    add_latex, add_gap, hom_latex, hom_gap = cv.additivity_latex(point_a, point_b, k, nums, biased)
    add_col.latex(add_latex)
    add_col.latex(add_gap)
    hom_col.latex(hom_latex)
    hom_col.latex(hom_gap)
    if biased:
        _bias_explained(w, line, biases, nums["beta"])
    else:
        st.write(tr("col_additivity_text"))


def _bias_explained(w, line: col.Line, biases, beta: float) -> None:
    """With biases the map is affine: f(x) = a·x₁ + c·x₂ + β, and where its line moves."""
    b_line = col.boundary_231(w, biases)
    st.markdown(tr("col_bias_text", b1=numbers.latex(biases[0]), b2=numbers.latex(biases[1]),
                   b3=numbers.latex(biases[2]), b4=numbers.latex(biases[3]), beta=numbers.latex(beta)))
    if b_line.kind == "none":
        st.markdown(tr("col_bias_constant"))
    else:
        st.markdown(tr("col_bias_moved" if beta != 0.0 else "col_bias_origin"))
    f_latex = rf"f(\mathbf x) &= {cv.combo_latex([(line.a, cv.IN1), (line.c, cv.IN2), (beta, '1')])}"
    # With no line there is nothing to solve: f is the constant β.
    solved = (rf"f(\mathbf x) &\equiv {numbers.latex(beta)}" if b_line.kind == "none"
              else r"f(\mathbf x) = 0 &\iff " + cv.line_latex(b_line))
    st.latex(cv.aligned([f_latex, solved]))


# -------------------------------------------------------- the same slope everywhere


def _gradient_rows(g_p, g_q, wrt: str = r"\mathbf x", digits: int = 4) -> str:
    def vec(g):
        return "(" + ",\\ ".join(numbers.latex(v, digits) for v in col.resolved(g)) + ")"

    return cv.aligned([rf"\nabla_{{{wrt}}}\,{cv.OUT}(\mathbf p) &= {vec(g_p)}",
                       rf"\nabla_{{{wrt}}}\,{cv.OUT}(\mathbf q) &= {vec(g_q)}"])


def _weights_gradient_key(p, q, g_p, g_q) -> str:
    if np.array_equal(p, q):
        return "col_grad_weights_same_point"
    return "col_grad_weights_equal" if col.gradients_agree(g_p, g_q) else "col_grad_weights_differ"


def _tanh_gradient_key(w, p, q, g_p, g_q) -> str:
    """Which sentence is true of the tanh network's two gradients."""
    if not col.gradients_agree(g_p, g_q):
        return "col_gradient_tanh"
    if np.array_equal(p, q):
        return "col_gradient_tanh_same_point"
    if col.hidden_silent_231(w):
        return "col_gradient_tanh_silent"
    if np.array_equal(q, -p):
        return "col_gradient_tanh_mirror"
    return "col_gradient_tanh_equal"


def gradient_section(w, line: col.Line) -> None:
    """∂Output/∂x at two points: equal for the linear net, not for tanh; ∂Output/∂w differs."""
    for column, key, label in zip(st.columns(4), ("col_p1", "col_p2", "col_q1", "col_q2"), ("p₁", "p₂", "q₁", "q₂")):
        controls.number_input(P[key], label, step=0.1, format="%.2f", where=column)
    p = np.array([st.session_state["col_p1"], st.session_state["col_p2"]], dtype=float)
    q = np.array([st.session_state["col_q1"], st.session_state["col_q2"]], dtype=float)
    W1, W2 = col.stack_231(w)
    tanh = ACTIVATIONS["tanh"]

    def linear_net(points):
        return col.forward_231(w, points)

    def tanh_net(points):
        return col.forward(np.atleast_2d(points), [W1, W2], activation=tanh)[..., 0]

    def weight_gradient(point):
        """∂Output/∂(w1…w9) at ``point``, measured by nudging each weight (not from the formula)."""
        return col.gradient(lambda weights: col.forward_231(weights, point), w)

    g_lin_p, g_lin_q = col.gradient(linear_net, p), col.gradient(linear_net, q)
    g_w_p, g_w_q = weight_gradient(p), weight_gradient(q)
    g_tanh_p, g_tanh_q = col.gradient(tanh_net, p), col.gradient(tanh_net, q)
    st.markdown(tr("col_grad_linear_label"))
    st.latex(_gradient_rows(g_lin_p, g_lin_q))
    st.write(tr("col_gradient_linear", a=numbers.latex(line.a), c=numbers.latex(line.c)))
    st.markdown(tr("col_grad_weights_label"))
    st.latex(_gradient_rows(g_w_p, g_w_q, wrt=r"w", digits=2))
    st.write(tr(_weights_gradient_key(p, q, g_w_p, g_w_q)))
    st.markdown(tr("col_grad_tanh_label"))
    st.latex(_gradient_rows(g_tanh_p, g_tanh_q))
    st.write(tr(_tanh_gradient_key(w, p, q, g_tanh_p, g_tanh_q)))


# ------------------------------------------------------------ any depth, any width


def depth_controls() -> tuple[int, list[int], int]:
    """Depth, widths and seed of the random stack; returns ``(depth, hidden widths, seed)``."""
    d1, d2, d3 = st.columns([2, 2, 1])
    controls.slider(P["col_depth"], tr("col_depth"), step=1, on_change=_depth_changed, where=d1)
    d2.text_input(tr("col_widths"), key="col_widths", on_change=_widths_changed, help=tr("col_widths_help"),
                  persist_state="session")
    controls.number_input(P["col_seed"], tr("col_seed"), step=1, where=d3)
    depth = int(st.session_state["col_depth"])
    try:
        hidden = cs.parse_widths(st.session_state["col_widths"])
        if len(hidden) != depth - 1:
            raise ValueError(st.session_state["col_widths"])
    except ValueError:
        hidden = cs.fitted_widths(depth)
        _warn_bad_widths(str(st.session_state["col_widths"]), depth, hidden)
    return depth, hidden, int(st.session_state["col_seed"])


@st.cache_data(max_entries=32, show_spinner=False)
def singular_values_spec(singular, rank: int, labels: tuple) -> dict:
    """Bars of σ1 ≥ σ2 ≥ … of the collapsed matrix, those beyond its rank in grey."""
    return vega_spec(singular_values_chart(singular, rank, dict(labels)))


def rank_section(depth: int, hidden: list[int], seed: int) -> None:
    """A random stack collapses to one matrix, whose rank is at most the narrowest layer."""
    sizes = [col.RANK_IO, *hidden, col.RANK_IO]
    weights, stack_biases = col.random_stack(sizes, seed=seed)
    W_all, b_all = col.collapse(weights, stack_biases)
    rank, singular = col.rank_report(W_all)
    probe = np.random.default_rng(1).uniform(-1.0, 1.0, (2000, col.RANK_IO))
    stack_diff = float(np.max(np.abs(col.forward(probe, weights, stack_biases) - (probe @ W_all + b_all))))
    st.markdown(tr("col_sizes", sizes=" → ".join(str(s) for s in sizes), depth=depth))
    n1, n2, n3 = st.columns(3)
    n1.metric(tr("col_rank"), f"{rank}")
    n2.metric(tr("col_min_width"), f"{min(sizes)}")
    n3.metric(tr("col_stack_diff"), numbers.scientific_text(stack_diff))
    mat_col, sv_col = st.columns([1.1, 1], gap="large")
    with mat_col:
        st.latex(r"W = W_1 W_2 \cdots W_{" + str(depth) + "}")
        st.latex(cv.matrix_latex(W_all))
        st.latex(r"b = " + cv.matrix_latex(b_all))
    with sv_col:
        labels = pairs({"kept": tr("col_sv_kept"), "zero": tr("col_sv_zero"), "y": tr("col_sv_axis")})
        charts.draw(singular_values_spec(singular, rank, labels), width="stretch", key="col_sv_chart")
    st.write(tr("col_rank_text", rank=rank, narrow=min(sizes)))
    if rank < len(singular):
        st.write(tr("col_rank_lost", lost=len(singular) - rank, io=len(singular)))
    else:
        st.write(tr("col_rank_full", io=len(singular)))


class _SmallStack:
    """The 2-…-1 stack of the contrast: the same random weights, linear or with ``activation``
    (None: no activation, for the linear stack alone)."""

    def __init__(self, hidden: list[int], seed: int, activation=None):
        self.hidden, self.seed = tuple(hidden), seed
        self.sizes = [2, *hidden, 1]
        self.weights, self.biases = col.random_stack(self.sizes, seed=seed)
        self.activation = activation
        W, b = col.collapse(self.weights, self.biases)
        self.line = col.line_from_coefficients(W[0, 0], W[1, 0], b[0], tol_a=1e-12, tol_c=1e-12)

    def linear(self, points):
        return col.forward(points, self.weights, self.biases)[:, 0]

    def bent(self, points):
        return col.forward(points, self.weights, self.biases, activation=self.activation)[:, 0]

    def linear_scale(self, points):
        return col.term_scale(points, self.weights, self.biases)[:, 0]

    def bent_scale(self, points):
        return col.term_scale(points, self.weights, self.biases, activation=self.activation)[:, 0]


@st.cache_data(max_entries=32, show_spinner=False)
def bent_shape(hidden: tuple[int, ...], seed: int, act: str) -> col.BoundaryShape:
    """The boundary of the stack with activation ``act``, measured on a grid
    (:func:`core.lessons.collapse.boundary_shape`): as costly as its chart, and the same
    on every rerun that keeps the widths, the seed and the activation."""
    stack = _SmallStack(list(hidden), seed, ACTIVATIONS[act])
    return col.boundary_shape(stack.bent, scale=stack.bent_scale)


def _contrast_sentences(stack: _SmallStack, depth: int) -> list[str]:
    """What is true of the two pictures in this state: the left line (in view or not), and
    the right boundary as measured (absent, straight, barely bent, bent)."""
    left = "col_contrast_left_outside" if stack.line.segment(1.0) is None else "col_contrast_left"
    sentences = [tr(left)]
    if depth == 1:
        return sentences  # col_depth_one says it: no hidden layer, no activation
    name = activation_name(stack.activation.key, current_lang())
    if stack.activation.key == "identity":
        return [*sentences, tr("col_contrast_identity")]
    shape = bent_shape(stack.hidden, stack.seed, stack.activation.key)
    if shape.kind == "slight":
        return [*sentences, tr("col_contrast_slight", act=name, dev=numbers.latex(shape.deviation, 4))]
    return [*sentences, tr(f"col_contrast_{shape.kind}", act=name)]


@st.cache_data(max_entries=32, show_spinner=False)
def linear_stack_spec(X, y, hidden: tuple[int, ...], seed: int, labels: tuple) -> dict:
    """The random 2-…-1 stack without activation over the data: one affine map, so the
    sides of one line, drawn from the collapsed W and b."""
    stack = _SmallStack(list(hidden), seed)
    return vega_spec(boundary_chart(X, y, stack.linear, dict(labels), line=stack.line, size=300))


@st.cache_data(max_entries=32, show_spinner=False)
def bent_stack_spec(X, y, hidden: tuple[int, ...], seed: int, act: str, labels: tuple) -> dict:
    """The same stack with activation ``act`` after each hidden layer: the sign of its
    output on a grid and the contour where it is 0 (0 up to rounding, see ``bent_scale``)."""
    stack = _SmallStack(list(hidden), seed, ACTIVATIONS[act])
    return vega_spec(boundary_chart(X, y, stack.bent, dict(labels), size=300, scale=stack.bent_scale))


def contrast_section(X, y, depth: int, hidden: list[int], seed: int) -> None:
    """The same random stack without and with an activation: a line, then a bent boundary."""
    st.subheader(tr("col_h_contrast"))
    st.write(tr("col_contrast_intro"))
    controls.selectbox(P["col_act"], tr("col_act"), format_func=lambda k: activation_name(k, current_lang()))
    stack = _SmallStack(hidden, seed, ACTIVATIONS[st.session_state["col_act"]])
    name = activation_name(stack.activation.key, current_lang())
    labels = _labels(x="x₁", y="x₂")
    s1, s2 = st.columns(2, gap="large")
    with s1:
        st.markdown(f"**{tr('col_linear_stack')}**")
        charts.draw(linear_stack_spec(X, y, stack.hidden, seed, labels), width="content",
                           key="col_linear_chart")
        accuracy = col.sign_accuracy(stack.linear(X), y, stack.linear_scale(X))
        st.caption(tr("col_stack_accuracy", acc=numbers.percent_one_decimal(accuracy)))
    with s2:
        st.markdown(f"**{tr('col_bent_stack', act=name)}**")
        charts.draw(bent_stack_spec(X, y, stack.hidden, seed, stack.activation.key, labels),
                           width="content", key="col_bent_chart")
        accuracy = col.sign_accuracy(stack.bent(X), y, stack.bent_scale(X))
        st.caption(tr("col_stack_accuracy", acc=numbers.percent_one_decimal(accuracy)))
    st.caption(tr("col_contrast_sizes", sizes=" → ".join(str(s) for s in stack.sizes)))
    if stack.activation.learned:  # PReLU: a random, untrained stack uses the starting slope
        learned = stack.activation.learned
        st.caption(tr("act_learned_fixed", act=name, param=learned,
                      value=numbers.latex(stack.activation.params[learned])))
    if depth == 1:
        st.info(tr("col_depth_one"), icon=":material/info:")
    for sentence in _contrast_sentences(stack, depth):  # one paragraph each: no joining rule to get wrong in Chinese
        st.write(sentence)


# ----------------------------------------------------------------- bending the input


@st.cache_data(max_entries=4, show_spinner=False)
def threshold_spec(x, y, threshold: float, above_is_one: bool, labels: tuple) -> dict:
    """The points on a line and the best single threshold, its circle side in blue."""
    return vega_spec(threshold_chart(x, y, threshold, above_is_one, dict(labels)))


@st.cache_data(max_entries=64, show_spinner=False)
def parabola_spec(x, y, W: float, B: float, labels: tuple) -> dict:
    """Each point lifted to (x, W·x² + B), and the line Y = 0 that now separates them."""
    return vega_spec(parabola_chart(x, y, W, B, dict(labels)))


def bend_1d_section() -> None:
    """Points on a line: no threshold separates them, Y = W·x² + B does."""
    st.subheader(tr("col_h_bend_1d"))
    x1d, y1d, best_1d = bend_1d()
    t1, t2 = st.columns(2, gap="large")
    with t1:
        st.markdown(tr("col_threshold_title", inner=numbers.latex(col.INNER_1D), outer=numbers.latex(col.OUTER_1D)))
        charts.draw(threshold_spec(x1d, y1d, best_1d.threshold, best_1d.above_is_one, _labels(x="x", y="")),
                           width="stretch", key="col_threshold_chart")
        st.metric(tr("col_best_threshold"), numbers.percent_one_decimal(best_1d.accuracy))
    with t2:
        st.markdown(tr("col_parabola_title"))
        s_w, s_b = st.columns(2)
        controls.slider(P["col_sq_w"], "W", step=0.1, format="%.1f", where=s_w)
        controls.slider(P["col_sq_b"], "B", step=0.05, format="%.2f", where=s_b)
        W_sq, B_sq = float(st.session_state["col_sq_w"]), float(st.session_state["col_sq_b"])
        charts.draw(parabola_spec(x1d, y1d, W_sq, B_sq, _labels(x="x", y="Y = W·x² + B")),
                           width="stretch", key="col_parabola_chart")
        # Y = W·x² + B adds two terms: |W|·x² + |B| is the size rounding is measured against.
        accuracy = col.sign_accuracy(W_sq * x1d**2 + B_sq, y1d, abs(W_sq) * x1d**2 + abs(B_sq))
        st.metric(tr("col_parabola_accuracy"), numbers.percent_one_decimal(accuracy))
    cut = col.parabola_cut(W_sq, B_sq)
    if cut is None:
        st.write(tr("col_bend_1d_flat"))
    else:
        st.write(tr("col_bend_1d_down" if W_sq < 0 else "col_bend_1d_up", r=numbers.latex(cut, 2)))


@st.cache_data(max_entries=4, show_spinner=False)
def feature_space_spec(X, y, t: float, labels: tuple) -> dict:
    """The data at (x₁², x₂²) and the straight line z₁ + z₂ = t."""
    return vega_spec(feature_space_chart(X, y, t, dict(labels)))


@st.cache_data(max_entries=4, show_spinner=False)
def circle_spec(X, y, radius: float, labels: tuple) -> dict:
    """The data in (x₁, x₂) and the circle x₁² + x₂² = radius² that line is."""
    return vega_spec(circle_chart(X, y, radius, dict(labels)))


def bend_2d_section(X, y) -> None:
    """The circle in (x₁², x₂²) is split by a straight line: a circle back in (x₁, x₂)."""
    st.subheader(tr("col_h_bend_2d"))
    separator = col.circle_separator(X, y)
    radius = float(np.sqrt(max(separator.threshold, 0.0)))
    f1, f2 = st.columns(2, gap="large")
    with f1:
        st.markdown(tr("col_feature_title", t=numbers.latex(separator.threshold, 3)))
        charts.draw(feature_space_spec(X, y, separator.threshold, _labels(x="x₁²", y="x₂²")),
                           width="content", key="col_feature_chart")
    with f2:
        st.markdown(tr("col_circle_title", r=numbers.latex(radius, 3)))
        charts.draw(circle_spec(X, y, radius, _labels(x="x₁", y="x₂")), width="content",
                           key="col_circle_chart")
    st.metric(tr("col_feature_accuracy"), numbers.percent_one_decimal(separator.accuracy))
    st.write(tr("col_bend_2d_text"))


def next_steps() -> None:
    st.divider()
    st.write(tr("col_next"))
    n_left, n_right = st.columns(2)
    n_left.page_link("app_pages/activations.py", label=tr("nav_activations"), icon=":material/show_chart:")
    n_right.page_link("app_pages/training.py", label=tr("nav_training"), icon=":material/model_training:")
    show_code([col.collapse, col.boundary_231, col.best_line, col.circle_separator], key="col_code")


def part(name: str, heading: str, body, anchor: str | None = None, intro: str | None = None) -> None:
    """One section of the page: its heading (and first sentence) always, its body once the
    learner has come near it (:func:`ui.visibility.section`): the page's first load draws
    only what is on its first screens."""
    def head() -> None:
        st.header(heading, divider="gray", anchor=anchor)
        if intro is not None:
            st.write(intro)

    section(f"part_col_{name}", head, body)


def depth_part(X, y) -> None:
    depth, hidden, seed = depth_controls()
    rank_section(depth, hidden, seed)
    contrast_section(X, y, depth, hidden, seed)


def bend_part(X, y) -> None:
    bend_1d_section()
    bend_2d_section(X, y)


def main() -> None:
    restore_from_url(cs.PARAMS)
    _restore_depth_and_widths()
    show_url_notices()
    st.title(tr("col_title"))
    with presenter.secondary("col_lead"):  # hidden in presenter mode
        st.write(tr("col_lead"))
    w, line = network_section()
    X, y, best = circle_data()
    part("algebra", tr("col_h_algebra"), lambda: algebra_section(w, line))
    part("proof", tr("col_h_proof"), lambda: proof_section(w, line))
    part("boundary", tr("col_h_boundary"), lambda: boundary_section(w, line, X, y, best))
    part("additivity", tr("col_h_additivity"), lambda: additivity_section(w, line),
         intro=tr("col_additivity_intro"))
    part("gradient", tr("col_h_gradient"), lambda: gradient_section(w, line), anchor="gradient",
         intro=tr("col_gradient_intro"))
    part("depth", tr("col_h_depth"), lambda: depth_part(X, y), anchor="depth",
         intro=tr("col_depth_intro", io=col.RANK_IO))
    part("bend", tr("col_h_bend"), lambda: bend_part(X, y), anchor="bend", intro=tr("col_bend_intro"))
    next_steps()
    write_to_url([*cs.PARAMS, cs.widths_param(int(st.session_state["col_depth"]))])


main()
