"""Live training: press Play and watch a small network bend its boundary around the data.

Thin by design: settings come from widgets (seeded from the URL), the work is done by
``core.training.Trainer`` (one call per frame) and ``core.boundary`` (one image per
frame), and the charts and drawings come from ``core.training_views``.

Per-user state lives in ``st.session_state`` (the Trainer objects); two fragments redraw
while training: a fast one (the boundary and the four live numbers, every 0.1 s) and a
slow one per secondary view (curves and compare every 1.5 s, neurons and network every
3 s), because every chart the browser redraws costs frames of the live picture.
The Play/Pause button is outside the fragments, because only a full rerun can change a
fragment's ``run_every``.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from core import training_views as tv
from core.activations import ACTIVATIONS
from core.boundary import evaluate_grid, render_boundary
from core.datasets import DATASETS, DatasetError, load_csv, make_dataset, train_test_split
from core.mlp import INITS, LOSSES, REGS
from core.training import OPTIMIZERS, Trainer
from ui import current_lang, restore_from_url, show_code, show_url_notices, tr, write_to_url

ss = st.session_state
lang = current_lang()
restore_from_url(tv.PARAMS)
ss.setdefault("trn_playing", False)

BOUNDARY_PX = 500  # rendered size of the main picture (the browser scales it to the column)
COMPARE_PX = 260


# ------------------------------------------------------------------ data


@st.cache_data(max_entries=32, show_spinner=False)
def generated_split(name: str, n: int, noise: int, ratio: int, seed: int):
    """The points of a built-in data set, split into train and test (shared by sessions)."""
    X, y = make_dataset(name, n, noise / 100.0, seed)
    return train_test_split(X, y, ratio / 100.0, seed)


@st.cache_data(max_entries=8, show_spinner=False)
def uploaded_split(data: bytes, ratio: int, seed: int):
    """The learner's CSV, parsed and split; raises DatasetError (errors are not cached)."""
    X, y, labels = load_csv(data)
    return train_test_split(X, y, ratio / 100.0, seed), labels, len(y)


def current_data():
    """``(split, digest)``; for an upload also draws its widget and its messages."""
    if ss["dataset"] != tv.UPLOAD:
        return generated_split(ss["dataset"], ss["n"], ss["noise"], ss["ratio"], ss["seed"]), None
    file = st.file_uploader(tr("trn_upload"), type=["csv", "txt"], key="trn_upload",
                            help=tr("trn_upload_help"))
    if file is not None:
        data = file.getvalue()
        try:
            split, labels, n = uploaded_split(data, ss["ratio"], ss["seed"])
        except DatasetError as error:
            st.error(tv.dataset_error_message(error, lang), icon=":material/error:")
        else:
            st.caption(tr("trn_upload_ok", n=n, label0=labels[0], label1=labels[1]))
            return split, hashlib.sha256(data).hexdigest()[:16]
    else:
        st.info(tr("trn_upload_missing"), icon=":material/upload_file:")
    return generated_split(DATASETS[0], ss["n"], ss["noise"], ss["ratio"], ss["seed"]), None


def options(prefix: str):
    """A format_func for language-neutral option values (``adam`` → "Adam").

    It takes the language now, not when called: AppTest (and Streamlit) may call it
    outside a script run, where the session's language is not at hand.
    """
    return lambda value: tv.option_label(prefix, value, lang)


# ------------------------------------------------------------------ callbacks


def toggle_play() -> None:
    ss["trn_playing"] = not ss["trn_playing"]


def request_step() -> None:
    ss["trn_playing"] = False
    ss["trn_pending_step"] = True


def request_reset() -> None:
    ss["trn_playing"] = False
    ss["trn_trainer"] = None
    ss["trn_cmp"] = None


def recover() -> None:
    """Divergence's one-click way back: a safe learning rate, epoch 0."""
    ss["lr"] = tv.recovery_lr(ss["lr"])
    request_reset()


def next_seed() -> None:
    ss["seed"] = (int(ss["seed"]) + 1) % 100_000


def set_hidden(hidden: list[int]) -> None:
    ss["hidden"] = hidden


# ------------------------------------------------------------------ header


st.title(tr("nav_training"))
st.markdown(tr("trn_lead"))
show_url_notices()

# ------------------------------------------------------------------ sidebar: every setting

with st.sidebar:
    with st.expander(tr("trn_sec_data"), expanded=True, icon=":material/scatter_plot:"):
        st.selectbox(tr("trn_dataset"), tv.DATASET_OPTIONS, key="dataset", persist_state="session",
                     format_func=options("ds"))
        uploading = ss["dataset"] == tv.UPLOAD
        split, upload_digest = current_data()
        st.slider(tr("trn_noise"), 0, 100, step=5, key="noise", persist_state="session", disabled=uploading)
        st.slider(tr("trn_n"), 50, 2000, step=10, key="n", persist_state="session", disabled=uploading)
        st.slider(tr("trn_ratio"), 10, 90, step=10, key="ratio", persist_state="session")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.number_input(tr("trn_seed"), 0, 99_999, step=1, key="seed", persist_state="session",
                            help=tr("trn_seed_help"), width="stretch")
            st.button("", key="trn_regen", on_click=next_seed, help=tr("trn_regen_help"),
                      icon=":material/casino:")
        st.toggle(tr("trn_show_test"), key="trn_show_test", persist_state="session")
        st.toggle(tr("trn_discretize"), key="trn_discretize", persist_state="session",
                  help=tr("trn_discretize_help"))

    with st.expander(tr("trn_sec_network"), expanded=True, icon=":material/hub:"):
        hidden = list(ss["hidden"])
        with st.container(horizontal=True, wrap=False, vertical_alignment="center", key="trn_layers_row"):
            st.markdown(f"**{tr('trn_layers', count=len(hidden))}**", width="stretch")
            st.button("", key="trn_layers_less", icon=":material/remove:", help=tr("trn_remove_layer"),
                      disabled=not hidden, on_click=set_hidden, args=(tv.change_layers(hidden, -1),))
            st.button("", key="trn_layers_more", icon=":material/add:", help=tr("trn_add_layer"),
                      disabled=len(hidden) >= tv.MAX_LAYERS, on_click=set_hidden,
                      args=(tv.change_layers(hidden, +1),))
        for i, units in enumerate(hidden):
            with st.container(horizontal=True, wrap=False, vertical_alignment="center", key=f"trn_units_row_{i}"):
                st.markdown(tr("trn_layer_units", i=i + 1, units=units), width="stretch")
                st.button("", key=f"trn_less_{i}", icon=":material/remove:", help=tr("trn_fewer_units", i=i + 1),
                          disabled=units <= 1, on_click=set_hidden, args=(tv.change_units(hidden, i, -1),))
                st.button("", key=f"trn_more_{i}", icon=":material/add:", help=tr("trn_more_units", i=i + 1),
                          disabled=units >= tv.MAX_UNITS, on_click=set_hidden,
                          args=(tv.change_units(hidden, i, +1),))
        if not hidden:
            st.caption(tr("trn_layers_none"))
        st.selectbox(tr("trn_init"), INITS, key="init", persist_state="session",
                     format_func=options("init"))

    with st.expander(tr("trn_sec_training"), expanded=True, icon=":material/tune:"):
        st.select_slider(tr("trn_batch"), tv.BATCH_SIZES, key="batch", persist_state="session")
        st.selectbox(tr("trn_optimizer"), OPTIMIZERS, key="optimizer", persist_state="session",
                     format_func=options("opt"))
        st.selectbox(tr("trn_loss"), LOSSES, key="loss", persist_state="session",
                     format_func=options("loss"))
        st.selectbox(tr("trn_reg"), REGS, key="reg", persist_state="session",
                     format_func=options("reg"))
        st.select_slider(tr("trn_reg_rate"), tv.REG_RATES, key="reg_rate", persist_state="session",
                         format_func=tv.format_lr, disabled=ss["reg"] == "none")

# ------------------------------------------------------------------ transport bar + quick settings

with st.container(horizontal=True, key="trn_transport"):
    playing = ss["trn_playing"]
    st.button(tr("trn_pause") if playing else tr("trn_play"), key="play", type="primary",
              icon=":material/pause:" if playing else ":material/play_arrow:",
              on_click=toggle_play, help=tr("trn_play_help"))
    st.button(tr("trn_step"), key="step", icon=":material/skip_next:", on_click=request_step,
              help=tr("trn_step_help"))
    st.button(tr("trn_reset"), key="reset", icon=":material/restart_alt:", on_click=request_reset,
              help=tr("trn_reset_help"))


# ------------------------------------------------------------------ the trainers


def sync_trainers() -> None:
    """Keep the trainers in step with the settings.

    A change of data or architecture (hidden, activation, init, optimizer, seed) starts
    over; a change of learning rate, batch size, loss or regularisation is applied to
    the running network, as a learner expects.
    """
    config = tv.build_config(ss)
    key = tv.data_key(ss, upload_digest)
    trainer = ss.get("trn_trainer")
    if trainer is None or ss.get("trn_data_key") != key or not trainer.can_update(config):
        ss["trn_trainer"] = Trainer(config, *split)
        ss["trn_data_key"] = key
        ss["trn_cmp"] = None
    elif trainer.config != config:
        trainer.update_config(config)

    compare = list(ss["trn_compare"])
    cmp = ss.get("trn_cmp")
    if len(compare) < 2:
        ss["trn_cmp"] = None
        return
    configs, p0 = tv.compare_configs(config, compare)
    fresh = (cmp is None or cmp["key"] != (key, tuple(compare))
             or not all(t.can_update(c) for t, c in zip(cmp["trainers"], configs)))
    if fresh:
        ss["trn_cmp"] = {"key": (key, tuple(compare)),
                         "trainers": [Trainer(c, *split, initial_params=p0) for c in configs]}
    else:
        for t, c in zip(cmp["trainers"], configs):
            if t.config != c:
                t.update_config(c)


sync_trainers()
if ss.pop("trn_pending_step", False):
    ss["trn_trainer"].run(1)
    for t in (ss["trn_cmp"] or {}).get("trainers", []):
        t.run(1)


def compare_trainers() -> list[Trainer]:
    return list((ss.get("trn_cmp") or {}).get("trainers", []))


def advance() -> None:
    """One frame of training: a fixed number of epochs, or at speed "max" as many as fit
    in ``MAX_FRAME_TRAIN`` seconds (the Trainer stops itself when the time is spent).
    Compared networks follow the main one to the same epoch, sharing the time slice."""
    main = ss["trn_trainer"]
    others = compare_trainers()
    epochs = tv.speed_epochs(ss["speed"])
    budget = tv.MAX_FRAME_TRAIN / (1 + len(others))
    if epochs is None:
        main.run(10**9, max_seconds=budget)
    else:
        main.run(epochs)
    for t in others:
        behind = main.epoch - t.epoch
        if behind > 0:
            t.run(behind, max_seconds=budget if epochs is None else None)


# ------------------------------------------------------------------ divergence

main_trainer = ss["trn_trainer"]
if main_trainer.diverged:
    ss["trn_playing"] = False
    with st.container(key="trn_divergence"):
        st.error(tr("trn_diverged", epoch=main_trainer.diverged_at, lr=tv.format_lr(main_trainer.config.lr)),
                 icon=":material/warning:")
        st.button(tr("trn_recover", lr=tv.format_lr(tv.recovery_lr(ss["lr"]))), key="trn_recover",
                  on_click=recover, type="primary", icon=":material/healing:")
elif ss["activation"] in ("identity", "step"):
    st.info(tr(f"trn_hint_{ss['activation']}"), icon=":material/lightbulb:")

playing = ss["trn_playing"]


def boundary_picture(trainer: Trainer, size: int, show_test: bool, discretize: bool) -> str:
    """The boundary as a ``data:`` URL for ``st.image``.

    Inline, not a media file: a fragment that redraws an image ten times a second makes
    Streamlit delete each frame's file as soon as the next one exists, and a browser
    that asks a moment late gets a 404 (a broken frame). A data URL cannot go missing.
    """
    Xtr, ytr, Xte, yte = split
    probs = evaluate_grid(trainer.model, r=100)
    img = render_boundary(probs, Xtr, ytr, Xte if show_test else None, yte if show_test else None,
                          size=size, discretize=discretize)
    return tv.data_url(img)


# ------------------------------------------------------------------ the live view (fast)

left, right = st.columns([3, 2], gap="large")

with left:

    @st.fragment(run_every=tv.FRAME_SECONDS if playing else None)
    def live_view() -> None:
        if ss["trn_playing"]:
            advance()
            if ss["trn_trainer"].diverged:
                ss["trn_playing"] = False
                st.rerun(scope="app")
        trainer = ss["trn_trainer"]
        m = trainer.metrics()
        with st.container(key="train_metrics", horizontal=True, gap="medium"):
            st.metric(tr("trn_m_epoch"), f"{m['epoch']:,}")
            st.metric(tr("trn_m_train_loss"), tv.format_loss(m["train_loss"]))
            st.metric(tr("trn_m_test_loss"), tv.format_loss(m["test_loss"]))
            st.metric(tr("trn_m_test_acc"), tv.format_percent(m["test_acc"]))
        with st.container(key="trn_boundary"):
            st.image(boundary_picture(trainer, BOUNDARY_PX, ss["trn_show_test"], ss["trn_discretize"]),
                     width="stretch", alt=tr("trn_boundary_alt"))

    live_view()
    st.caption(tr("trn_boundary_caption"))
    st.caption(tr("trn_try"))

# ------------------------------------------------------------------ secondary views (slow)

slow = tv.SLOW_SECONDS if playing else None

with right:
    # The settings a teacher changes most, next to the picture (the rest is in the sidebar).
    st.selectbox(tr("trn_activation"), tuple(ACTIVATIONS), key="activation", persist_state="session",
                 format_func=lambda v: tv.activation_label(v, lang))
    quick = st.columns(2, vertical_alignment="bottom", gap="medium")
    quick[0].select_slider(tr("trn_lr"), tv.LR_LADDER, key="lr", persist_state="session", format_func=tv.format_lr)
    quick[1].select_slider(tr("trn_speed"), tv.SPEEDS, key="speed", persist_state="session",
                           format_func=lambda v: tv.format_speed(v, lang), help=tr("trn_speed_help"))

    @st.fragment(run_every=slow)
    def curves_view() -> None:
        history = ss["trn_trainer"].history
        st.markdown(f"**{tr('trn_curves_title')}**")
        st.altair_chart(tv.loss_chart(history, lang), width="stretch")
        st.altair_chart(tv.accuracy_chart(history, lang), width="stretch")
        st.markdown(f"**{tr('trn_grad_title')}**")
        st.altair_chart(tv.grad_chart(history, lang), width="stretch")
        st.caption(tr("trn_grad_caption") + " " + tr("trn_grad_zero"))

    curves_view()

st.divider()
st.subheader(tr("trn_tab_inside"))


@st.fragment(run_every=tv.INSIDE_SECONDS if playing else None)
def inside_view() -> None:
    trainer = ss["trn_trainer"]
    inside_left, inside_right = st.columns([3, 2], gap="large")
    with inside_left:
        st.markdown(f"**{tr('trn_neurons_title')}**")
        if trainer.model.layer_sizes[1:-1]:
            strips = tv.neuron_strips(trainer.model)
            cols = st.columns(len(strips) + 1)
            for i, strip in enumerate(strips):
                cols[i].image(tv.data_url(strip), caption=tr("trn_layer_n", i=i + 1))
        else:
            st.caption(tr("trn_neurons_none"))
        st.caption(tr("trn_neurons_caption"))
    with inside_right:
        st.markdown(f"**{tr('trn_network_title')}**")
        st.graphviz_chart(tv.network_dot(trainer.model.params, lang), width="stretch")
        st.caption(tr("trn_network_caption"))


inside_view()

# ------------------------------------------------------------------ compare mode

st.divider()
st.subheader(tr("trn_compare_title"))
st.multiselect(tr("trn_compare"), tuple(ACTIVATIONS), key="trn_compare", persist_state="session",
               max_selections=tv.COMPARE_MAX, format_func=lambda v: tv.activation_label(v, lang),
               placeholder=tr("trn_compare_placeholder"))


@st.fragment(run_every=slow)
def compare_view() -> None:
    trainers = compare_trainers()
    if len(trainers) < 2:
        st.caption(tr("trn_compare_need_two"))
        return
    init = tv.compare_init(ss["trn_trainer"].config)
    st.caption(tr("trn_compare_caption", init=tr(f"trn_init_{init}")))
    cols = st.columns(len(trainers))
    for col, trainer in zip(cols, trainers):
        with col:
            m = trainer.metrics()
            name = tv.activation_label(trainer.config.activation, lang)
            st.markdown(f"**{name}**" + (f" · :red[{tr('trn_compare_diverged')}]" if trainer.diverged else ""))
            st.image(boundary_picture(trainer, COMPARE_PX, ss["trn_show_test"], ss["trn_discretize"]),
                     width="stretch")
            st.caption(tr("trn_compare_metric", epoch=f"{m['epoch']:,}", acc=tv.format_percent(m["test_acc"])))
            st.altair_chart(tv.loss_chart(trainer.history, lang, height=180), width="stretch")


compare_view()

show_code([Trainer.run, tv.build_config, tv.compare_configs], key="trn_code")
write_to_url(tv.PARAMS)
