"""The training page's input features widget and its save / export / reload panel.

Kept out of ``app_pages/training.py`` so that page stays a list of sections: it calls
:func:`features_select` in its network settings and :func:`files_section` once, right
after the session has been synchronised with the settings.

Loading a network file happens in the uploader's ``on_change`` callback, which runs
before any widget is drawn: that is the only moment the settings widgets can be given
the file's values. The weights wait in session state until :func:`files_section`, after
``TrainingSession.sync`` has built a network of the file's shape, and then replace its
initial weights.
"""

from __future__ import annotations

import streamlit as st

from core.nn.features import DEFAULT_FEATURES, FEATURES, canonical
from core.nn.session import TrainingSession
from core.present import exports
from core.present.labels import activation_name
from core.state import network_file as nf
from core.state import training as ts
from ui import controls, tr
from ui.browser_download import download_button
from ui.uploads import explain_uploader

ss = st.session_state
_PENDING = "_trn_netfile_pending"  # a loaded NetworkFile waiting for its weights to go in
_MESSAGE = "_trn_netfile_message"  # ("success" | "error", text key, values)


# ------------------------------------------------------------------ input features


def _canonical_features() -> None:
    """Keep the chosen features in the registry's order (the URL spells them so). An
    empty choice goes back to x₁, x₂: a network needs an input, and an empty list in
    the URL would read as a bad link."""
    chosen = list(ss.get("features") or [])
    ss["features"] = list(canonical(chosen)) if chosen else list(DEFAULT_FEATURES)


def features_select(lang: str) -> None:
    """The input-features multiselect (URL key ``features``)."""
    controls.multiselect(ts.PARAMS_BY_KEY["features"], tr("trn_features"),
                         format_func=lambda key: FEATURES[key].label[lang], on_change=_canonical_features,
                         placeholder=tr("trn_features_placeholder"), help=tr("trn_features_help"))


def linear_text(key: str) -> str:
    """``key``'s text, or its ``_features`` variant when the input is bent: "a single
    straight line" is only true of a linear model over x₁ and x₂."""
    chosen = tuple(ss.get("features") or DEFAULT_FEATURES)
    return tr(key if chosen == DEFAULT_FEATURES else f"{key}_features")


# ------------------------------------------------------------------ loading


def _load_network() -> None:
    """The uploader's callback: read the file, put its settings into the widgets."""
    file = ss.get("trn_netfile")
    ss.pop(_MESSAGE, None)
    if file is None:
        return
    try:
        loaded = nf.loads(file.getvalue())
    except nf.NetworkFileError as error:
        ss[_MESSAGE] = ("error", f"trn_netfile_{error.code}", error.details)
        return
    ss.update(loaded.settings)
    ss[_PENDING] = loaded


def _apply_pending(sess: TrainingSession, lang: str) -> None:
    """Put a loaded network's weights into the session's (just synchronised) network."""
    loaded = ss.pop(_PENDING, None)
    if loaded is None:
        return
    try:
        sess.start_from(loaded.params, loaded.slopes)
    except ValueError:  # the settings could not take the file's shape
        ss[_MESSAGE] = ("error", "trn_netfile_field", {"field": "architecture"})
        return
    layers = " → ".join(str(s) for s in loaded.layer_sizes)
    ss[_MESSAGE] = ("success", "trn_load_ok", {
        "layers": layers, "features": nf.feature_labels(loaded.features, lang),
        "activation": activation_name(loaded.activation, lang), "epoch": f"{loaded.epoch:,}"})
    if loaded.settings.get("dataset") == ts.UPLOAD:
        ss[_MESSAGE][2]["note"] = True


def _message() -> None:
    message = ss.get(_MESSAGE)
    if not message:
        return
    kind, key, values = message
    values = {k: v for k, v in values.items() if k != "note"}
    if kind == "error":
        st.error(tr(key, **values), icon=":material/error:")
        return
    st.success(tr(key, **values), icon=":material/check_circle:")
    if message[2].get("note"):
        st.caption(tr("trn_load_data_note"))


# ------------------------------------------------------------------ the panel


def _downloads(sess: TrainingSession, split) -> None:
    """Four downloads, each made when pressed (the network of that moment, even while
    it plays) and saved by the browser (``ui.browser_download``: a file left in
    Streamlit's media store was swept away by the playing page's own fragment runs
    before the browser fetched it). The settings are read now: they only change with a
    page run, and the press's callback runs before the page is drawn again."""
    settings = {p.key: ss.get(p.key, ts.DEFAULTS[p.key]) for p in ts.PARAMS}

    def network() -> str:
        t = sess.trainer
        return nf.dumps(t.model, t.features, t.epoch, settings)

    def boundary() -> bytes:
        t = sess.trainer
        return exports.boundary_png(t.model, t.features, split, show_test=True,
                                    discretize=bool(settings["trn_discretize"]))

    buttons = (
        ("trn_dl_data", lambda: exports.dataset_csv(split), "dataset.csv", "text/csv", "trn_dl_data_help"),
        ("trn_dl_network", network, "network.json", "application/json", "trn_dl_network_help"),
        ("trn_dl_boundary", boundary, "boundary.png", "image/png", None),
        ("trn_dl_history", lambda: exports.history_csv(sess.trainer.history), "loss_history.csv",
         "text/csv", "trn_dl_history_help"),
    )
    for key, data, name, mime, help_key in buttons:
        download_button(tr(key), data, file_name=name, mime=mime, key=key, width="stretch",
                        help=tr(help_key) if help_key else None)


def files_section(sess: TrainingSession, split, lang: str) -> None:
    """The sidebar's "Save and load" panel; call it after ``sess.sync``."""
    _apply_pending(sess, lang)
    with st.sidebar, st.expander(tr("trn_sec_files"), expanded=False, icon=":material/save:"):
        _downloads(sess, split)
        st.file_uploader(tr("trn_load_network"), type=["json"], key="trn_netfile",
                         on_change=_load_network, help=tr("trn_load_network_help"))
        explain_uploader(lang, nf.MAX_BYTES)
        _message()
