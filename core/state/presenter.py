"""Presenter mode: ``present=1`` on any page, for a projector at 1280×720.

One URL parameter shared by every page, parsed like the pages' own (``1/0``, ``on/off``, …);
a bad value falls back to "off" with the usual notice.  The mode is a session setting:
it is read from the URL when the URL names it and otherwise kept, because a page switch
through the navigation menu starts the next page with an empty query string.  No
Streamlit here; ``ui.presenter`` applies it.
"""

from __future__ import annotations

from core.state.urlparams import flag

#: ``?present=1``: presenter mode on.
PRESENT = flag("present", False)

#: The one presenter setting for type: every size a chart, a diagram or the live view
#: draws text at is multiplied by it on a projector (their smallest, 12 px, becomes 18).
TYPE_SCALE = 1.5
#: Body text on a projector, in CSS pixels (the page's own style, ``ui.presenter``).
BODY_PX = 20
#: The smallest text a chart or a diagram draws on a projector (12 px × TYPE_SCALE).
CHART_MIN_PX = 18
#: Text in a network drawing on a projector, in the drawing's own units (points of the
#: Graphviz layout, whose labels are laid out at 14-22 pt × TYPE_SCALE): the drawings are
#: shown at 0.9-1.1 times their natural size, so this is 19-24 px on screen.
DIAGRAM_TEXT = 21


def type_scale(presenting: bool) -> float:
    """The factor for drawn text: :data:`TYPE_SCALE` on a projector, else 1."""
    return TYPE_SCALE if presenting else 1.0


#: Containers whose key starts with this are secondary: hidden in presenter mode.
SECONDARY_PREFIX = "present_hide_"


def next_mode(raw: str | None, current: bool | None) -> tuple[bool, bool]:
    """``(presenting, ok)`` for this run.

    ``raw`` is the URL's ``present`` text (None: the URL does not say); ``current`` the
    session's mode (None: first run of the session).  A URL that says something wins, so
    a lesson link opened in a running session switches the mode; a URL that says nothing
    keeps the session's mode; a bad value turns the mode off and ``ok`` is False.
    """
    if raw is None:
        return bool(current), True
    value, ok = PRESENT.read(raw)
    return bool(value), ok


def sidebar_state(presenting: bool) -> str:
    """``st.set_page_config(initial_sidebar_state=...)``: collapsed on a projector."""
    return "collapsed" if presenting else "auto"


def query_value(presenting: bool) -> str | None:
    """What the URL carries for the mode: ``"1"`` when on; nothing (the default) when off."""
    return PRESENT.dump(True) if presenting else None


def secondary_key(name: str) -> str:
    """The container key of a secondary block (hidden in presenter mode)."""
    return SECONDARY_PREFIX + name



