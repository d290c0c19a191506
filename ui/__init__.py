"""Streamlit helpers shared by the pages: language, translated text, URL state, code view.

Pages stay thin: they read widgets, call ``core`` and draw.  Everything a page needs
from Streamlit more than once lives here; everything that does not need Streamlit lives
in ``core``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence

import streamlit as st

from core.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, normalize_lang, t
from core.state import urlparams as up
from core.state.urlparams import BadValue, Param

LANG_KEY = "lang"
_LANG_STORE = "_lang"
_NOTICES_KEY = "_url_notices"


def choose_language() -> str:
    """Draw the sidebar language switch and return the chosen language code.

    First visit: the URL's ``lang`` wins, else the browser's locale (``st.context.locale``),
    else English.  The choice is written back to the URL on every run, so it survives page
    switches and travels with a shared link.

    The language is kept in a plain session key (``_LANG_STORE``), copied into the widget
    before it is drawn and back from it when the learner changes it: a widget's own state
    is dropped by Streamlit on any run in which its value is not reported, and the
    language must never silently fall back to English.
    """
    if _LANG_STORE not in st.session_state:
        asked = url_value(LANG_KEY)
        lang = normalize_lang(asked) or normalize_lang(st.context.locale) or DEFAULT_LANG
        st.session_state[_LANG_STORE] = lang
        if asked is not None and normalize_lang(asked) is None:
            # ?lang=fr: the page falls back to the browser's language (or English), and says so.
            add_notices([BadValue(LANG_KEY, asked, lang, ("one_of", *LANGS))])
    st.session_state[LANG_KEY] = st.session_state[_LANG_STORE]
    with st.sidebar:
        st.selectbox(
            t("lang_label", current_lang()),
            options=LANGS,
            format_func=LANG_NAMES.__getitem__,
            key=LANG_KEY,
            on_change=_remember_language,
        )
    st.query_params[LANG_KEY] = current_lang()
    return current_lang()


def _remember_language() -> None:
    st.session_state[_LANG_STORE] = st.session_state[LANG_KEY]


def current_lang() -> str:
    """The language of this session (English until the switch has run)."""
    return normalize_lang(st.session_state.get(_LANG_STORE)) or DEFAULT_LANG


def tr(key: str, /, **values: object) -> str:
    """``core.i18n.t`` in the session's language."""
    return t(key, current_lang(), **values)


def url_value(key: str) -> str | None:
    """The raw value of a URL parameter, or None (first value when it is repeated)."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


def restore_from_url(params: Sequence[Param]) -> None:
    """Seed each widget's session state from the URL, once, before the widgets are drawn.

    A key already in session state belongs to the learner (they have touched the page this
    session), so the URL does not override it.  A bad URL value falls back to the default
    and leaves a translated notice, shown by ``show_url_notices`` until dismissed.
    """
    fresh = [param for param in params if param.key not in st.session_state]
    values, bad = up.restore(fresh, url_value)
    st.session_state.update(values)
    add_notices(bad)


def add_notices(bad: Sequence[BadValue]) -> None:
    """Remember bad URL values for the notice ``show_url_notices`` draws (a key noticed again
    replaces its old entry): also for a value checked outside ``restore_from_url``, as the
    language and presenter mode are."""
    if not bad:
        return
    new_keys = {item.key for item in bad}
    kept = [item for item in st.session_state.get(_NOTICES_KEY, []) if item.key not in new_keys]
    st.session_state[_NOTICES_KEY] = kept + list(bad)


def write_to_url(params: Sequence[Param]) -> None:
    """Put each non-default setting in the address bar, so the page can be shared as it is."""
    for param in params:
        value = st.session_state.get(param.key, param.default)
        if value == param.default:
            if param.key in st.query_params:
                del st.query_params[param.key]
        else:
            st.query_params[param.key] = param.dump(value)


def show_url_notices() -> None:
    """Tell the learner, in one compact notice, which parts of the link could not be used."""
    bad = st.session_state.get(_NOTICES_KEY)
    if not bad:
        return
    with st.container(key="url_notices"):
        st.warning(up.bad_link_message(bad, current_lang()), icon=":material/link_off:")
        if st.button(tr("dismiss"), key="dismiss_url_notices", type="tertiary"):
            st.session_state[_NOTICES_KEY] = []
            st.rerun()


def show_code(objects: Iterable[object], key: str) -> None:
    """An expander with the real source of the given functions or classes.

    The source is sent only while the expander is open (``on_change="rerun"``): a closed
    expander's content is still drawn by the browser, and highlighting a page's code
    blocks was the largest part of its load's JavaScript (a quarter on the collapse page).
    A fragment, so opening it reruns only itself."""
    objects = tuple(objects)

    @st.fragment
    def code_view() -> None:
        box = st.expander(tr("show_code"), icon=":material/code:", key=key, on_change="rerun")
        if box.open:
            with box:
                for obj in objects:
                    st.code(inspect.getsource(obj), language="python")

    code_view()
