"""The training page's look inside the network: a neuron checked by hand, and what each
hidden layer does to the plane.

Two expanders, drawn only while open, each by a fragment that reruns on the slow
``INSIDE_SECONDS`` clock while training plays, and only when asked (a widget change, a
page run) while paused: a forward pass of one point and of ~1,100 grid points is cheap,
but the warp chart costs tens of milliseconds of server CPU (Altair) and the live view
must keep its frame rate.

The network's input is the raw point (x1, x2) unless the page passes ``to_inputs`` (the
point → the network's input vector, e.g. with features) and ``input_names`` (their
LaTeX symbols).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import streamlit as st

from core.lessons.neuron_math import model_steps, neuron_detail
from core.lessons.plane_warp import (
    grid_lines,
    hidden_images,
    layer_images,
    projected_layers,
)
from core.nn.plane import LIM
from core.present import inside_views as iv
from core.present.numbers import significant_text
from core.state.training import INSIDE_SECONDS
from ui import tr

ss = st.session_state
#: Shown data points per panel at most (a chart of thousands of marks redraws slowly).
MAX_POINTS = 300
DEFAULT_POINT = (0.5, -0.3)


def inside_views(get_model: Callable, split, lang: str, playing: bool,
                 to_inputs: Callable[[np.ndarray], np.ndarray] | None = None,
                 input_names: Sequence[str] | None = None) -> None:
    """Both views. ``get_model()`` returns the learner's current MLP (read on every
    fragment run: Reset replaces it); ``split`` = (X_train, y_train, X_test, y_test) in the plane."""
    every = INSIDE_SECONDS if playing else None
    # The expanders tell whether they are open (``on_change="rerun"``): a closed one
    # computes and sends nothing, so the views cost a learner nothing until asked for.
    check = st.expander(tr("ins_check_title"), icon=":material/calculate:", key="ins_check_open",
                        on_change="rerun")
    if check.open:
        with check:
            st.caption(tr("ins_check_lead"))
            st.fragment(run_every=every)(_neuron_check)(get_model, lang, to_inputs, input_names)
    warp = st.expander(tr("ins_warp_title"), icon=":material/grid_on:", key="ins_warp_open", on_change="rerun")
    if warp.open:
        with warp:
            st.caption(tr("ins_warp_lead"))
            st.fragment(run_every=every)(_plane_warp)(get_model, split, lang, to_inputs)


# ------------------------------------------------------------------ a neuron by hand


def _choose_neuron(sizes: Sequence[int], lang: str) -> tuple[int, int, float, float]:
    """The layer (1 = first hidden … len(sizes)−1 = output), unit and point widgets."""
    n_layers = len(sizes) - 1
    layers = list(range(1, n_layers + 1))
    if ss.get("ins_layer") not in layers:  # the net lost layers since the last choice
        ss["ins_layer"] = n_layers
    units = list(range(sizes[ss["ins_layer"]]))
    if ss.get("ins_unit") not in units:
        ss["ins_unit"] = 0
    cols = st.columns(4)
    layer = cols[0].selectbox(tr("ins_layer"), layers, key="ins_layer", persist_state="session",
                              format_func=lambda l: iv.layer_name(l, n_layers, lang))
    unit = cols[1].selectbox(tr("ins_unit"), units, key="ins_unit", persist_state="session", disabled=len(units) == 1,
                             format_func=lambda j: tr("ins_unit_n", j=j + 1))
    point_help = tr("ins_point_help", lo=significant_text(-LIM), hi=significant_text(LIM))
    x1 = cols[2].number_input(tr("ins_x1"), -LIM, LIM, DEFAULT_POINT[0], step=0.1, format="%.2f",
                              key="ins_x1", persist_state="session", help=point_help, on_change=_point_moved)
    x2 = cols[3].number_input(tr("ins_x2"), -LIM, LIM, DEFAULT_POINT[1], step=0.1, format="%.2f",
                              key="ins_x2", persist_state="session", help=point_help, on_change=_point_moved)
    return layer, unit, float(x1), float(x2)


def _point_moved() -> None:
    ss["_ins_point_moved"] = True


def _neuron_check(get_model: Callable, lang: str, to_inputs, input_names) -> None:
    if ss.pop("_ins_point_moved", False) and ss.get("ins_warp_open"):
        # The warp view marks the chosen point too: redraw it as well (the page, once).
        st.rerun(scope="app")
    model = get_model()
    layer, unit, x1, x2 = _choose_neuron(model.layer_sizes, lang)
    point = np.array([[x1, x2]])
    x = (point if to_inputs is None else to_inputs(point))[0]
    if x.size != model.layer_sizes[0]:
        st.info(tr("ins_inputs_differ", width=model.layer_sizes[0]), icon=":material/info:")
        return
    steps = model_steps(model, x)
    with st.container(key="ins_prob"):
        st.markdown(iv.probability_text(steps[-1].h[0], x1, x2, lang))
    st.markdown(f"**{tr('ins_formula_title')}** · {iv.layer_name(layer, len(steps), lang)}"
                f" · {tr('ins_unit_n', j=unit + 1)}")
    st.latex(iv.neuron_latex(neuron_detail(steps, layer, unit), input_names))
    st.markdown(f"**{tr('ins_walk_title')}**")
    with st.container(key="ins_walk"):
        st.markdown(iv.walk_table(steps, lang))
    st.caption(tr("ins_walk_caption"))
    if model.learned:  # its own caption: a sentence appended with " " reads wrong in Chinese
        st.caption(tr("ins_learned_note"))


# ------------------------------------------------------------------ the plane, layer by layer


def _plane_warp(get_model: Callable, split, lang: str, to_inputs) -> None:
    model = get_model()
    hidden = list(model.layer_sizes[1:-1])
    if not hidden:
        st.caption(tr("ins_warp_none"))
        return
    show_points = st.toggle(tr("ins_warp_points"), key="ins_warp_points", value=True, persist_state="session")
    lines = grid_lines()
    # Every layer with its own parameters: a PReLU layer's learned a, not the default.
    panels = projected_layers(layer_images(model.params, model.activation, lines, model.hidden_params, to_inputs))
    points = None
    if show_points:  # the training points (shuffled by the split: the first ones are a sample)
        X, y = split[0][:MAX_POINTS], split[1][:MAX_POINTS]
        inputs = X if to_inputs is None else to_inputs(X)
        images = hidden_images(model.params, model.activation, inputs, model.hidden_params)
        points = [(proj(h), y) for h, (_, proj) in zip(images, panels)]
    # The point chosen in the hand check, so its h of each layer can be found in the picture.
    chosen = np.array([[ss.get("ins_x1", DEFAULT_POINT[0]), ss.get("ins_x2", DEFAULT_POINT[1])]])
    chosen_images = hidden_images(model.params, model.activation,
                                  chosen if to_inputs is None else to_inputs(chosen), model.hidden_params)
    marks = [proj(h) for h, (_, proj) in zip(chosen_images, panels)]
    with st.container(key="ins_warp"):
        st.altair_chart(iv.warp_chart(panels, lines, hidden, lang, points, marks=marks), width="content")
    st.caption(tr("ins_warp_caption"))
