"""Presenter mode (``present=1``) for every page: one call in the entry script.

``start`` decides the mode before the page config is set (the sidebar starts collapsed on
a projector), ``decorate`` injects the presenter's style once per run and draws the small
control that leaves the mode.  Pages mark secondary blocks with
``st.container(key=core.state.presenter.secondary_key(...))``; the style hides them.
"""

from __future__ import annotations

import streamlit as st

from core.state import presenter as pm
from core.state.urlparams import BadValue, fallback_text
from ui import add_notices, tr, url_value

_MODE_KEY = "_present"
EXIT_KEY = "present_exit"

#: Presenter style. Secondary blocks hidden with their layout wrapper (an empty wrapper
#: would still take a gap). Type for the back of a room: 1rem is the presenter's body
#: size, and Streamlit's own small texts (captions, labels, buttons, selected values,
#: slider ticks, metric labels), which it sets in pixels, are raised to it; headings scale
#: from it. The page starts near the top; the header bar is see-through, so the title can
#: sit in its band, and the exit control sits in the header bar, so neither takes room
#: from the page. The live view of the training page is capped so that the plane ends
#: above the bottom of the screen with the buttons and the four numbers above it.
#: Network drawings: Streamlit sets every text in a Graphviz chart to 0.6rem, whatever the
#: DOT says; inside the SVG a CSS size is in the drawing's own units, so it grows and
#: shrinks with the drawing (see DIAGRAM_TEXT).
_SMALL_TEXT = ", ".join(f'[data-testid="stMain"] {selector}' for selector in (
    '[data-testid="stCaptionContainer"] p', '[data-testid="stCaptionContainer"]',
    '[data-testid="stWidgetLabel"] p', 'button p', '[data-testid="stMetricLabel"] p',
    '[data-baseweb="select"] div', 'input', 'textarea', '[data-testid="stSliderThumbValue"]',
    '[data-testid="stSliderTickBarMin"]', '[data-testid="stSliderTickBarMax"]',
    '[data-testid="stMarkdownContainer"]', '[data-testid="stMarkdownContainer"] p',
    '[data-testid="stMarkdownContainer"] li',
    '[data-testid="stExpander"] summary p', '[data-testid="stTab"] p', 'label p',
    '[data-testid="stRadio"] label div', '[data-testid="stTable"] td', '[data-testid="stTable"] th',
    '[data-testid="stMultiSelect"] [data-baseweb="tag"] span', '[data-testid="stMultiSelectTagsContainer"] span',
    '[data-testid="stCode"] pre', '[data-testid="stCode"] code', '[data-testid="stCode"] span',
))
PRESENTER_CSS = f"""
<style>
html {{ font-size: {pm.BODY_PX}px; }}
{_SMALL_TEXT} {{ font-size: {pm.BODY_PX}px; }}
[data-testid="stMain"] code {{ font-size: 1em; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 0.5rem; padding-bottom: 2rem; }}
header[data-testid="stHeader"] {{ background: transparent; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0.6rem; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.4rem; padding: 0 0 0.4rem 0; }}
[data-testid="stMainBlockContainer"] h2 {{ font-size: 1.8rem; }}
[data-testid="stMainBlockContainer"] h3 {{ font-size: 1.45rem; }}
[class*="st-key-{pm.SECONDARY_PREFIX}"],
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-{pm.SECONDARY_PREFIX}"]) {{ display: none !important; }}
[data-testid="stMain"] .st-key-train_metrics [data-testid="stMetricValue"],
[data-testid="stMain"] .st-key-train_metrics [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p
{{ font-size: 2.4rem; line-height: 1.2; }}
.trn-live:not(.trn-live-compact) {{ max-width: calc((100vh - 15.5rem) * 5 / 3 + 1.5rem); }}
[data-testid="stGraphVizChart"] svg text {{ font-size: {pm.DIAGRAM_TEXT}px; }}
.st-key-{EXIT_KEY} {{ position: fixed; top: 0.55rem; right: 3.5rem; z-index: 999991; width: auto; }}
.st-key-{EXIT_KEY} button p {{ font-size: 1rem; }}
</style>
"""


def start() -> bool:
    """This run's mode, from the URL when it says, else the session's; kept in the URL."""
    raw = url_value(pm.PRESENT.key)
    presenting, ok = pm.next_mode(raw, st.session_state.get(_MODE_KEY))
    if not ok:
        add_notices([BadValue(pm.PRESENT.key, raw, fallback_text(pm.PRESENT))])
    st.session_state[_MODE_KEY] = presenting
    _write(presenting)
    return presenting


def presenting() -> bool:
    """Whether this session is in presenter mode."""
    return bool(st.session_state.get(_MODE_KEY))


def type_scale() -> float:
    """This session's factor for text drawn by charts, diagrams and the live view."""
    return pm.type_scale(presenting())


def _write(presenting: bool) -> None:
    value = pm.query_value(presenting)
    if value is None:
        if pm.PRESENT.key in st.query_params:
            del st.query_params[pm.PRESENT.key]
    else:
        st.query_params[pm.PRESENT.key] = value


def _leave() -> None:
    st.session_state[_MODE_KEY] = False
    _write(False)


def decorate() -> None:
    """In presenter mode: the presenter's style and the control that leaves the mode."""
    if not presenting():
        return
    st.html(PRESENTER_CSS)
    st.button(tr("present_exit"), key=EXIT_KEY, icon=":material/close_fullscreen:", type="secondary",
              on_click=_leave, help=tr("present_exit_help"))


def secondary(name: str):
    """A container hidden in presenter mode (the teacher says it; the picture gets the room)."""
    return st.container(key=pm.secondary_key(name))
