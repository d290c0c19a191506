"""A row of small pictures to choose from, as the Playground picks its data sets: an
``st.components.v2`` component of this app (inline JS and CSS, nothing fetched).

Each picture is a button (``aria-pressed`` on the chosen one, its name as the button's
accessible name and tooltip); a press sends the picture's value once (a trigger), which
the page's callback turns into a setting before the page runs again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

__all__ = ["picture_picker"]

_HERE = Path(__file__).parent
_component = st.components.v2.component(
    "picture_picker", js=(_HERE / "picture_picker.js").read_text(encoding="utf-8"),
    css=(_HERE / "picture_picker.css").read_text(encoding="utf-8"), isolate_styles=False)


def picked(key: str):
    """In the picker's callback: the value just picked (None if there is none)."""
    state = st.session_state.get(key)
    return state.get("pick") if isinstance(state, dict) else None


def picture_picker(items: Sequence[tuple[str, str, str]], chosen: str | None, label: str, key: str,
                   on_pick: Callable[[], None]) -> None:
    """Draw the pictures ``items`` = ``(value, name, image URL)``; ``chosen`` is marked.
    ``on_pick`` runs when one is pressed (read it with :func:`picked`)."""
    data = {"label": label, "chosen": chosen,
            "items": [{"value": value, "label": name, "src": src} for value, name, src in items]}
    _component(key=key, data=data, on_pick_change=on_pick, width="stretch")
