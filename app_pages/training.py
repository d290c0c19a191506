"""Live training: press Play and watch a small network bend its boundary around the data.

Thin by design: settings come from widgets (seeded from the URL); one
``core.nn.session.TrainingSession`` per learner owns the networks and plays,
pauses, steps and resets them; ``core.state.training`` and ``core.present.training_views`` turn its settings and state into what is
drawn.

The live view is drawn by the browser (``ui.live_view``): a fragment ticks every
``TICK_SECONDS`` while playing, takes the frames of the time since the last tick (made
ahead by the process's training worker, ``core.nn.worker.WORKER``, within the server's
budget, ``core.nn.fair_share.CLASSROOM``; the first tick after Play makes its own), and
sends them as numbers, which the browser plays back at display rate. Slower fragments refresh the
compare panels and the neuron maps. The Play/Pause button is outside the fragments,
because only a full rerun can change a fragment's ``run_every``.
"""

from __future__ import annotations

import functools
import hashlib
import time
import uuid

import numpy as np
import streamlit as st

from core.nn import session as session_mod
from core.nn.datasets import (
    DATASETS,
    MAX_BYTES,
    DatasetError,
    make_dataset,
    read_csv,
    train_test_split,
)
from core.nn.diagnostics import diagnose
from core.nn.fair_share import CLASSROOM
from core.nn.worker import WORKER
from core.nn.features import FEATURES, expand
from core.nn.session import TrainingSession
from core.nn.trainer import Trainer
from core.present import numbers
from core.present import training_views as tv
from core.present.network_picture import network_picture, network_svg
from core.present.labels import activation_name
from core.state import training as ts
from core.state.presenter import secondary_key
from ui import (
    controls,
    current_lang,
    presenter,
    restore_from_url,
    show_code,
    show_url_notices,
    tr,
    write_to_url,
)
from ui.live_view import live_view, load_live_view
from ui.picture_picker import picked, picture_picker
from ui.svg_view import svg_view
from ui.training import class_link
from ui.training.draw import draw_panel
from ui.training.files import features_select, files_section, linear_text
from ui.training.inside import inside_views
from ui.training.instrument import instrument_style
from ui.uploads import explain_uploader
from ui.visibility import visible

ss = st.session_state
P = ts.PARAMS_BY_KEY
METRIC_KEYS = ("trn_m_epoch", "trn_m_train_loss", "trn_m_test_loss", "trn_m_test_acc")
#: The curves beside the live plane. On a projector, at presenter type sizes, two fit
#: beside the plane; the gradient flow gives way (leaving presenter mode shows it).
LIVE_CHARTS = ("loss", "accuracy", "grad")
LIVE_CHARTS_PRESENTING = ("loss", "accuracy")


# ------------------------------------------------------------------ data


@st.cache_data(max_entries=32, show_spinner=False)
def generated_split(name: str, n: int, noise: int, ratio: int, seed: int):
    """The points of a built-in data set, split into train and test (shared by sessions)."""
    X, y = make_dataset(name, n, noise / 100.0, seed)
    return train_test_split(X, y, ratio / 100.0, seed)


def uploaded_split(data: bytes, ratio: int, seed: int):
    """The learner's CSV, parsed and split (by its own split column if it has one, else by
    the ratio); raises DatasetError. Kept in this learner's session only: an upload is
    never served from a cache other sessions share."""
    key = (hashlib.sha256(data).hexdigest(), ratio, seed)
    kept = ss.get("_trn_upload_parsed")
    if kept is None or kept[0] != key:
        csv = read_csv(data)
        split = csv.split() if csv.test is not None else train_test_split(csv.X, csv.y, ratio / 100.0, seed)
        ss["_trn_upload_parsed"] = kept = (key, (split, csv))
    return kept[1]


def current_data(lang: str, canvas):
    """``(split, digest)``; for an upload also draws its widget and its messages, for a
    drawing its panel (in ``canvas``, on the page: the sidebar is too narrow to draw in)."""
    if ss["dataset"] == ts.DRAW:
        st.caption(tr("trn_draw_where"))
        with canvas:
            split, digest = draw_panel(ss["ratio"], ss["seed"])
        if split is not None:
            return split, digest
        return generated_split(DATASETS[0], ss["n"], ss["noise"], ss["ratio"], ss["seed"]), None
    if ss["dataset"] != ts.UPLOAD:
        return generated_split(ss["dataset"], ss["n"], ss["noise"], ss["ratio"], ss["seed"]), None
    file = st.file_uploader(tr("trn_upload"), type=["csv", "txt"], key="trn_upload",
                            help=tr("trn_upload_help"))
    explain_uploader(lang, MAX_BYTES)
    if file is not None:
        data = file.getvalue()
        try:
            split, csv = uploaded_split(data, ss["ratio"], ss["seed"])
        except DatasetError as error:
            st.error(tv.dataset_error_message(error, lang), icon=":material/error:")
        else:
            st.caption(tv.upload_ok_message(len(csv.y), csv.labels, lang))
            if csv.scaled:
                st.caption(tr("trn_upload_scaled"))
            if csv.test is not None:
                st.caption(tr("trn_upload_own_split", train=int((~csv.test).sum()), test=int(csv.test.sum())))
            return split, hashlib.sha256(data).hexdigest()[:16]
    else:
        st.info(tr("trn_upload_missing"), icon=":material/upload_file:")
    return generated_split(DATASETS[0], ss["n"], ss["noise"], ss["ratio"], ss["seed"]), None


def options(prefix: str, lang: str):
    """A format_func for language-neutral option values (``adam`` → "Adam").

    It takes the language now, not when called: AppTest (and Streamlit) may call it
    outside a script run, where the session's language is not at hand.
    """
    return lambda value: tv.option_label(prefix, value, lang)


# ------------------------------------------------------------------ the learner's session


def session() -> TrainingSession:
    """This learner's networks and transport state (one per browser session)."""
    if "trn_session" not in ss:
        ss["trn_session"] = TrainingSession(grid=ts.LIVE_GRID)
        ss["trn_learner"] = uuid.uuid4().hex
    return ss["trn_session"]


def locked(run):
    """``run`` while holding this learner's session (``TrainingSession.lock``): a page run
    and a fragment's run never touch the network at the same time."""

    @functools.wraps(run)
    def holding(*args, **kwargs):
        with session().lock:
            return run(*args, **kwargs)

    return holding


def press_play(play: bool) -> None:
    """Play or pause, as the button said when the learner pressed it.

    The button carries its own meaning rather than toggling: a second press on a stale
    "Pause" (the server was slow to redraw it) or a click Streamlit delivers twice
    still pauses, instead of flipping the learner's training back on.
    """
    sess = session()
    if play and not sess.playing:
        sess.play()
    elif not play:
        sess.pause()


def request_step() -> None:
    session().step()


def request_reset() -> None:
    session().reset()


def recover() -> None:
    """Divergence's one-click way back: a safe learning rate, epoch 0."""
    ss["lr"] = ts.recovery_lr(ss["lr"])
    session().reset()


def next_seed() -> None:
    ss["seed"] = (int(ss["seed"]) + 1) % 100_000


def set_hidden(hidden: list[int]) -> None:
    ss["hidden"] = hidden


# ------------------------------------------------------------------ sidebar: every setting


def data_settings(lang: str, canvas):
    """The data expander (a drawing goes in ``canvas``); returns ``(split, upload_digest)``."""
    with st.expander(tr("trn_sec_data"), expanded=True, icon=":material/scatter_plot:"):
        controls.selectbox(P["dataset"], tr("trn_dataset"), format_func=options("ds", lang))
        uploading = ss["dataset"] in (ts.UPLOAD, ts.DRAW)
        split, upload_digest = current_data(lang, canvas)
        controls.slider(P["noise"], tr("trn_noise"), disabled=uploading)
        controls.slider(P["n"], tr("trn_n"), disabled=uploading)
        controls.slider(P["ratio"], tr("trn_ratio"))
        with st.container(horizontal=True, vertical_alignment="bottom"):
            controls.number_input(P["seed"], tr("trn_seed"), step=1, help=tr("trn_seed_help"), width="stretch")
            st.button("", key="trn_regen", on_click=next_seed, help=tr("trn_regen_help"),
                      icon=":material/casino:")
        controls.toggle(P["trn_show_test"], tr("trn_show_test"))
        controls.toggle(P["trn_discretize"], tr("trn_discretize"), help=tr("trn_discretize_help"))
    return split, upload_digest


def network_settings(lang: str) -> None:
    """What is set once about the network (its shape is set in the instrument)."""
    with st.expander(tr("trn_sec_network"), expanded=True, icon=":material/hub:"):
        controls.selectbox(P["init"], tr("trn_init"), format_func=options("init", lang), help=tr("trn_init_help"))


def network_layers() -> None:
    """How many hidden layers, with its − and + (as the Playground's, above the drawing)."""
    hidden = list(ss["hidden"])
    with st.container(horizontal=True, wrap=False, vertical_alignment="center", key="trn_layers_row"):
        st.markdown(f"**{tr('trn_layers', count=len(hidden))}**", width="stretch")
        st.button("", key="trn_layers_less", icon=":material/remove:", help=tr("trn_remove_layer"),
                  disabled=not hidden, on_click=set_hidden, args=(ts.change_layers(hidden, -1),))
        st.button("", key="trn_layers_more", icon=":material/add:", help=tr("trn_add_layer"),
                  disabled=len(hidden) >= ts.MAX_LAYERS, on_click=set_hidden,
                  args=(ts.change_layers(hidden, +1),))
    if not hidden:
        st.caption(linear_text("trn_layers_none"))


def network_units() -> None:
    """Each hidden layer's width with its − and +, small, side by side where they fit (six
    rows of them would push the drawing off a laptop's screen)."""
    hidden = list(ss["hidden"])
    with st.container(horizontal=True, wrap=True, gap="small", key="trn_units"):
        for i, units in enumerate(hidden):
            with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small",
                              key=f"trn_units_row_{i}", width="content"):
                st.markdown(tr("trn_layer_units_short", i=i + 1, units=units), width="content")
                st.button("", key=f"trn_less_{i}", icon=":material/remove:", help=tr("trn_fewer_units", i=i + 1),
                          disabled=units <= 1, on_click=set_hidden, args=(ts.change_units(hidden, i, -1),))
                st.button("", key=f"trn_more_{i}", icon=":material/add:", help=tr("trn_more_units", i=i + 1),
                          disabled=units >= ts.MAX_UNITS, on_click=set_hidden,
                          args=(ts.change_units(hidden, i, +1),))


def training_settings(lang: str) -> None:
    with st.expander(tr("trn_sec_training"), expanded=True, icon=":material/tune:"):
        controls.select_slider(P["batch"], tr("trn_batch"))
        controls.selectbox(P["optimizer"], tr("trn_optimizer"), format_func=options("opt", lang))
        controls.selectbox(P["loss"], tr("trn_loss"), format_func=options("loss", lang))
        controls.selectbox(P["reg"], tr("trn_reg"), format_func=options("reg", lang))
        controls.select_slider(P["reg_rate"], tr("trn_reg_rate"), format_func=numbers.exact_text,
                               disabled=ss["reg"] == "none")


# ------------------------------------------------------------------ the instrument


def pick_dataset() -> None:
    """The data pictures' callback: the picture pressed becomes the data set."""
    value = picked("trn_data_pick")
    if value in DATASETS:
        ss["dataset"] = value


def data_panel(lang: str) -> None:
    """The data sets as pictures (the chosen one marked) and the input features."""
    with st.container(key="trn_data_panel"):
        st.markdown(f"**{tr('trn_sec_data')}**")
        picture_picker([(name, tv.option_label("ds", name, lang), tv.dataset_thumbnail(name)) for name in DATASETS],
                       ss["dataset"] if ss["dataset"] in DATASETS else None,
                       tr("trn_instrument_data_pick"), key="trn_data_pick", on_pick=pick_dataset)
        features_select(lang)


def network_panel(split, lang: str, playing: bool, findings: bool = True) -> None:
    """The network's shape, and the network drawn as the Playground draws it: every
    neuron's map, every weight a line, and under it what is going wrong in it (dead units,
    twins, a stalled loss), if ``findings``: one fragment on the slow clock while playing
    (one run every few seconds per learner, not two)."""
    with st.container(key="trn_network_panel"):
        network_layers()
        network_units()

        @st.fragment(run_every=slow_every() if playing else None)
        @locked
        def picture() -> None:
            model = session().trainer.model
            dead = next((f.layers for f in current_findings(split) if f.code == "dead_units"), {})
            drawing = network_picture(model, session().trainer.features, lang,
                                      vrange=tv.neuron_value_range(model.activation), dead=dead)
            alt = tr("trn_instrument_network_alt", layers=len(model.layer_sizes) - 2)
            with st.container(key="trn_network_picture"):
                svg_view(network_svg(drawing, alt), key="trn_network_svg")
            st.caption(tr("trn_instrument_network"))
            if findings:
                findings_list(split)

        picture()


def instrument(split, lang: str, sess: TrainingSession) -> None:
    """Data, network and the live picture side by side, as one instrument (a projector in
    presenter mode gets the picture alone, the rest one click away below it)."""
    if presenter.presenting():
        output_panel(split, lang, sess)
        findings_section(split, sess.playing)
        with st.expander(tr("trn_instrument_more"), icon=":material/hub:", key="trn_instrument_more"):
            data_panel(lang)
            network_panel(split, lang, sess.playing, findings=False)
        return
    with st.container(key="trn_instrument"):
        data, network, output = st.columns([1.05, 1.9, 4.0], gap="medium")
        with output, st.container(key="trn_output_panel"):
            output_panel(split, lang, sess)
        with data:
            data_panel(lang)
        with network:
            network_panel(split, lang, sess.playing)


def output_panel(split, lang: str, sess: TrainingSession) -> None:
    divergence_notice(sess.trainer)
    beyond_notice(lang)
    live_section(split, lang)


# ------------------------------------------------------------------ transport bar


def transport_bar(playing: bool, lang: str) -> None:
    """Play/Pause, Step, Reset and the settings a teacher changes most, above the picture:
    one row that wraps (on a phone, the buttons above the three settings)."""
    with st.container(horizontal=True, wrap=True, vertical_alignment="bottom", gap="medium", key="trn_controls"):
        with st.container(horizontal=True, gap="small", key="trn_transport", width="content"):
            st.button(tr("trn_pause") if playing else tr("trn_play"), key="play", type="primary",
                      icon=":material/pause:" if playing else ":material/play_arrow:",
                      on_click=press_play, args=(not playing,), help=tr("trn_play_help"))
            st.button(tr("trn_step"), key="step", icon=":material/skip_next:", on_click=request_step,
                      help=tr("trn_step_help"))
            st.button(tr("trn_reset"), key="reset", icon=":material/restart_alt:", on_click=request_reset,
                      help=tr("trn_reset_help"))
        controls.selectbox(P["activation"], tr("trn_activation"), format_func=lambda v: activation_name(v, lang),
                           width=170)
        controls.select_slider(P["lr"], tr("trn_lr"), format_func=numbers.exact_text, width=170)
        controls.select_slider(P["speed"], tr("trn_speed"), format_func=lambda v: tv.format_speed(v, lang),
                               help=tr("trn_speed_help"), width=220)


def use_recipe(recipe: dict) -> None:
    """The beyond-the-network hint's button: the settings that learn the data set, epoch 0."""
    for key, value in recipe.items():
        ss[key] = list(value) if isinstance(value, list) else value


def beyond_notice(lang: str) -> None:
    """When the data set is beyond the network (the spiral on 4,2), say so and offer a
    setting that learns it: otherwise the picture just stops near 70 % and says nothing."""
    need = ts.beyond_network(ss)
    if need is None:
        return
    recipe = need["recipe"]
    with st.container(key="trn_beyond"):
        st.info(tr("trn_beyond", dataset=tv.option_label("ds", ss["dataset"], lang), layers=need["layers"],
                   units=need["units"]), icon=":material/lightbulb:")
        st.button(tr("trn_beyond_use", hidden=", ".join(map(str, recipe["hidden"])),
                     activation=activation_name(recipe["activation"], lang), lr=numbers.exact_text(recipe["lr"])),
                  key="trn_beyond_use", on_click=use_recipe, args=(recipe,), icon=":material/auto_fix_high:")


def divergence_notice(trainer: Trainer) -> None:
    if trainer.diverged:
        with st.container(key="trn_divergence"):
            st.error(tr("trn_diverged", epoch=trainer.diverged_at, lr=numbers.exact_text(trainer.config.lr)),
                     icon=":material/warning:")
            st.button(tr("trn_recover", lr=numbers.exact_text(ts.recovery_lr(ss["lr"]))), key="trn_recover",
                      on_click=recover, type="primary", icon=":material/healing:")
    elif ss["activation"] in ("identity", "step"):
        hint = linear_text("trn_hint_identity") if ss["activation"] == "identity" else tr("trn_hint_step")
        with st.container(key=secondary_key("trn_hint")):  # the presenter says it; the picture keeps its room
            st.info(hint, icon=":material/lightbulb:")


# ------------------------------------------------------------------ the live view


def tick_frames(sess: TrainingSession) -> list:
    """This tick's frames: training for the time since the last tick, within this
    learner's share of the server (and the training it did, reported to the share)."""
    learner = ss["trn_learner"]
    if not sess.playing:
        CLASSROOM.leave(learner)
        WORKER.forget(learner)
        return []
    elapsed = sess.since_last_tick(time.monotonic(), first=ts.tick_seconds(ss["speed"]))
    budget = CLASSROOM.grant(learner, elapsed)
    if WORKER.watching(learner):
        budget = 0.0  # the worker trained for this tick: take its frames (one made here if none)
    start = time.thread_time()
    frames = sess.tick(elapsed, ts.speed_epochs(ss["speed"]), budget)
    CLASSROOM.spent(time.thread_time() - start)
    if sess.playing:
        WORKER.watch(learner, sess, ts.speed_epochs(ss["speed"]), tick_every())
    return frames


def tick_every() -> float:
    """Seconds between two ticks while playing: the speed's, longer when the class is large."""
    return CLASSROOM.tick_seconds(ts.tick_seconds(ss["speed"]))


def slow_every() -> float:
    """Seconds between two refreshes of the slow views (findings, neuron maps, slopes),
    longer when the class is large, as the ticks are."""
    return CLASSROOM.tick_seconds(ts.INSIDE_SECONDS)


def live_metrics(frame) -> None:
    """The four live figures, as Streamlit metrics: readable text for everyone (and for
    tests). Drawn by the page run; while playing, the live view keeps them in step with
    the frame on screen, so a tick need not send them."""
    with st.container(key="train_metrics", horizontal=True, gap="medium"):
        for key, text in zip(METRIC_KEYS, tv.frame_texts(frame)):
            st.metric(tr(key), text)


def live_section(split, lang: str) -> None:
    """The live figures and the live view, which ticks (in a fragment) while playing."""
    sess = session()
    live_metrics(sess.frame())
    ss["_trn_page_run"] = True

    ss["_trn_tick_every"] = every = tick_every()

    @st.fragment(run_every=every if sess.playing else None)
    @locked
    def live() -> None:
        sess = session()
        full = ss.pop("_trn_page_run", False)
        was_playing = sess.playing
        frames = tick_frames(sess)
        if sess.playing:
            class_link.follow(sess, frames[-1] if frames else None)  # paused: class_section does it
        # Diverged (show the notice, flip the button), or the class's size asks for
        # another tick interval: only a page run can change a fragment's interval.
        if (was_playing and not sess.playing) or (sess.playing and tick_every() != ss["_trn_tick_every"]):
            st.rerun(scope="app")
        ticks = ss["_trn_ticks"] = ss.get("_trn_ticks", 0) + 1
        run = f"{ss['trn_learner']}-{sess.run_id}"
        everything = full or ticks % ts.RESEND_EVERY == 0
        # The record's new rows (or all of it, when the view starts over or it re-strided).
        history, ss["_trn_history_sent"] = tv.history_update(
            sess.trainer.history, None if everything else ss.get("_trn_history_sent"), run)
        payload = tv.live_payload(
            sess.trainer, frames or [sess.frame()], run=run, lang=lang, split=split, playing=sess.playing,
            full=everything, catch_up=full, show_test=ss["trn_show_test"], discretize=ss["trn_discretize"],
            metrics="train_metrics", codec="raw" if ss.get("trn_raw_frames") else "deflate",
            tick=ss["_trn_tick_every"], history=history, type_scale=presenter.type_scale(),
            charts=LIVE_CHARTS_PRESENTING if presenter.presenting() else LIVE_CHARTS)
        if live_view(payload, key="trn_live"):
            ss["trn_raw_frames"] = True

    live()
    if sess.trainer.model.learned:
        learned_slopes(sess.playing)
    st.caption(tv.legend_html(tr("trn_boundary_caption")), unsafe_allow_html=True)  # marks as big as the text
    st.caption(tr("trn_grad_caption") + " " + tr("trn_grad_zero"))
    st.caption(tr("trn_try"))


def class_section(playing: bool) -> None:
    """A learner in a class: while paused, the class's clock runs here (a step or a
    reset is reported, a new experiment is noticed); while playing, the live tick runs it."""
    if class_link.membership() is None:
        return

    @st.fragment(run_every=None if playing else class_link.REPORT_SECONDS)
    @locked
    def class_watch() -> None:
        sess = session()
        if not sess.playing:
            class_link.follow(sess)

    class_watch()


def learned_slopes(playing: bool) -> None:
    """PReLU's learned slope of each hidden layer, read from the model: a caption of its
    own, on the slow clock of the inside views (a network without one draws nothing)."""

    @st.fragment(run_every=slow_every() if playing else None)
    @locked
    def slopes() -> None:
        model = session().trainer.model
        if not model.learned:  # the settings changed under a running fragment
            return
        start = numbers.significant(model.act_params[model.learned], 4)
        with st.container(key="trn_slopes"):
            st.caption(tr("trn_slopes", slopes=tv.slopes_text(model.slopes, current_lang()), start=start))

    slopes()


def findings_text(finding) -> str:
    """One diagnosis in words, with the layers and units it concerns (1-based)."""
    if finding.code == "identical_units":
        where = tr("trn_diag_and").join(tr("trn_diag_layer", layer=layer) for layer in finding.layers)
        return tr("trn_diag_identical_units", where=where, difference=numbers.scientific_text(finding.numbers['difference'], 0))
    if finding.code == "flat_loss":
        n = finding.numbers
        return tr("trn_diag_flat_loss", epochs=f"{n['epochs']:,}", loss=numbers.loss(n["loss"]),
                  accuracy=numbers.percent_one_decimal(n["accuracy"]))
    if finding.code == "no_gradient":
        return tr("trn_diag_no_gradient", **finding.numbers)
    where = tr("trn_diag_then").join(
        tr("trn_diag_where", layer=layer, units=tr("trn_diag_and").join(str(u + 1) for u in units))
        for layer, units in finding.layers.items())
    text = tr(f"trn_diag_{finding.code}", count=finding.count, where=where, **finding.numbers)
    if finding.code == "dead_units":
        # Whether they can come back depends on where they are: layer 1 sees the fixed data.
        parts = [text]
        parts += [tr("trn_diag_dead_first")] if 1 in finding.layers else []
        parts += [tr("trn_diag_dead_later")] if any(layer > 1 for layer in finding.layers) else []
        text = " ".join([*parts, tr("trn_diag_dead_advice")])
    return text


#: While playing, a diagnosis this recent serves the other slow view too (both refresh
#: every few seconds; diagnosing took a seventh of the server with 100 learners playing).
FINDINGS_REUSE_SECONDS = 1.5


def current_findings(split):
    """The diagnosis of the network as it is now; the findings and the neuron maps both
    ask for it on the same slow clock, so it is made once per run and epoch."""
    sess = session()
    trainer = sess.trainer
    now, kept = time.monotonic(), ss.get("_trn_findings")
    fresh = kept is not None and kept[0] == (sess.run_id, id(trainer)) and (
        kept[1] == trainer.epoch or (sess.playing and now - kept[2] < FINDINGS_REUSE_SECONDS))
    if not fresh:
        kept = ((sess.run_id, id(trainer)), trainer.epoch, now,
                diagnose(trainer.model, trainer.inputs(split[0]), trainer.history))
        ss["_trn_findings"] = kept
    return kept[3]


def findings_list(split) -> None:
    """What is going on, in words: dead or saturated units, twins, a stalled loss."""
    with st.container(key="trn_findings"):
        for finding in current_findings(split):
            st.warning(findings_text(finding), icon=":material/troubleshoot:")


def findings_section(split, playing: bool) -> None:
    """The findings on their own slow clock (presenter mode: the network's drawing, which
    carries them otherwise, is folded away)."""

    @st.fragment(run_every=slow_every() if playing else None)
    @locked
    def findings() -> None:
        findings_list(split)

    findings()


def inside_section(split, lang: str, playing: bool) -> None:
    """The neuron maps and the network drawing: refreshed on the slow clock while playing,
    and only while on screen (rendering every neuron's map costs the server most)."""
    with st.container(key="trn_inside"):
        st.divider()
        st.subheader(tr("trn_tab_inside"))
        on_screen = visible("trn_inside")
        inside_views_fragment(split, lang, slow_every() if playing and on_screen else None)


def inside_views_fragment(split, lang: str, every: float | None) -> None:
    @st.fragment(run_every=every)
    @locked
    def inside() -> None:
        trainer = session().trainer
        dead = next((f.layers for f in current_findings(split) if f.code == "dead_units"), {})
        inside_left, inside_right = st.columns([3, 2], gap="large")
        with inside_left:
            st.markdown(f"**{tr('trn_neurons_title')}**")
            if trainer.model.layer_sizes[1:-1]:
                strips = tv.neuron_strips(trainer.model, dead=dead, features=trainer.features)
                cols = st.columns(len(strips) + 1)
                for i, strip in enumerate(strips):
                    cols[i].image(tv.data_url(strip), caption=tr("trn_layer_n", i=i + 1),
                                  alt=tr("trn_neurons_alt", i=i + 1))
                st.caption(tr("trn_neurons_caption") + (" " + tr("trn_neurons_dead") if dead else ""))
            else:
                st.caption(tr("trn_neurons_none"))
        with inside_right:
            st.markdown(f"**{tr('trn_network_title')}**")
            st.graphviz_chart(tv.network_dot(trainer.model.params, lang, features=trainer.features,
                                             font_scale=presenter.type_scale()),
                              width="stretch")
            st.caption(tr("trn_network_caption"))

    inside()


def compare_footer(trainer: Trainer, m) -> str:
    """A compared network's epoch and accuracy; a diverged one says when it diverged and
    that the picture is its last finite state (the epoch before)."""
    values = {"epoch": f"{m['epoch']:,}", "acc": numbers.percent_one_decimal(m["test_acc"])}
    if trainer.diverged:
        return tr("trn_compare_metric_diverged", diverged_at=f"{trainer.diverged_at:,}", **values)
    return tr("trn_compare_metric", **values)


def compare_section(split, lang: str, playing: bool) -> None:
    """Compared networks train with the main one; their panels refresh while playing only
    when there are some (two or more) and they are on screen."""
    with st.container(key="trn_compare_section"):
        st.divider()
        st.subheader(tr("trn_compare_title"), anchor="compare")
        controls.multiselect(P["trn_compare"], tr("trn_compare"), max_selections=ts.COMPARE_MAX,
                             format_func=lambda v: activation_name(v, lang),
                             placeholder=tr("trn_compare_placeholder"))
        ticking = playing and len(session().compared) >= 2 and visible("trn_compare_section")
        compare_panels(split, lang, ts.COMPARE_SECONDS if ticking else None)


def compare_panels(split, lang: str, every: float | None) -> None:
    @st.fragment(run_every=every)
    @locked
    def compare() -> None:
        sess = session()
        trainers = sess.compared
        if len(trainers) < 2:
            st.caption(tr("trn_compare_need_two"))
            return
        init = session_mod.compare_init(sess.trainer.config)
        st.caption(tr("trn_compare_caption", init=tr(f"trn_init_{init}")))
        for i, (col, trainer) in enumerate(zip(st.columns(len(trainers)), trainers)):
            with col:
                m = trainer.metrics()
                name = activation_name(trainer.config.activation, lang)
                st.markdown(f"**{name}**" + (f" · :red[{tr('trn_compare_diverged')}]" if trainer.diverged else ""))
                payload = tv.live_payload(
                    trainer, [sess.frame(trainer)], run=f"{ss['trn_learner']}-{sess.run_id}-{i}",
                    lang=lang, split=split, show_test=ss["trn_show_test"],
                    discretize=ss["trn_discretize"], compact=True, charts=("loss",),
                    codec="raw" if ss.get("trn_raw_frames") else "deflate",
                    history_points=tv.COMPARE_HISTORY_POINTS, tick=ts.COMPARE_SECONDS,
                    type_scale=presenter.type_scale())
                live_view(payload, key=f"trn_compare_view_{i}")
                footer = compare_footer(trainer, m)
                if trainer.model.learned:  # a PReLU panel: its own learned slopes
                    footer += " · " + tr("trn_compare_slopes", slopes=tv.slopes_text(trainer.model.slopes, lang))
                st.caption(footer)

    compare()


# ------------------------------------------------------------------ the page


@locked
def main() -> None:
    lang = current_lang()
    restore_from_url(ts.PARAMS)
    class_link.apply_experiment()  # the teacher's settings, once, before the widgets read theirs
    sess = session()
    instrument_style()
    st.title(tr("nav_training"))
    with st.container(key=secondary_key("trn_lead")):  # hidden in presenter mode
        st.markdown(tr("trn_lead"))
    show_url_notices()
    class_link.notices()
    canvas = st.container()  # the drawing panel, when the learner draws their own points
    with st.sidebar:
        split, upload_digest = data_settings(lang, canvas)
        network_settings(lang)
        training_settings(lang)
    sess.sync(ts.build_config(ss), split, ts.data_key(ss, upload_digest), ss["trn_compare"])
    files_section(sess, split, lang)
    transport_bar(sess.playing, lang)
    instrument(split, lang, sess)
    class_section(sess.playing)
    inside_section(split, lang, sess.playing)
    features = sess.trainer.features
    inside_views(lambda: session().trainer.model, split, lang, sess.playing,
                 to_inputs=lambda X: expand(np.atleast_2d(X), features),
                 input_names=[FEATURES[key].latex for key in features])
    compare_section(split, lang, sess.playing)
    show_code([TrainingSession.tick, Trainer.run, ts.build_config], key="trn_code")
    write_to_url(ts.PARAMS)
    load_live_view()


main()
