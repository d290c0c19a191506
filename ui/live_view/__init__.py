"""The live-training view: a small ``st.components.v2`` component of this app.

The server sends numbers (``core.live_frames``: a payload of frames per tick); the
browser draws them on canvases (``live_view.js``) and plays them back at display rate.
Inline JS and CSS, no iframe, nothing fetched from elsewhere: it works offline, on
Community Cloud and behind a proxy alike.

Streamlit sends a component's code with every message that updates it. So the code
comes in two parts: the library (``live_view.js`` and its CSS), mounted once per page
run by :func:`load_live_view` outside the live fragment, and a few lines
(:data:`MOUNT_JS`) that every tick's :func:`live_view` carries and that hand the data to
the library. A tick is then its data and ~400 bytes of code, not 19 kB.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

__all__ = ["GALLERY_JS", "MOUNT_JS", "gallery", "load_live_view", "live_view"]

_HERE = Path(__file__).parent


def compact_source(text: str) -> str:
    """JS source without whole-line ``//`` comments, indentation and blank lines.

    Line breaks stay, so no statement is joined to the next; a ``//`` inside a line
    (in a string, say) is left alone.
    """
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def _css_without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S).strip()


LIBRARY_JS = compact_source((_HERE / "live_view.js").read_text(encoding="utf-8"))
CSS = _css_without_comments((_HERE / "live_view.css").read_text(encoding="utf-8"))

#: What each tick carries: wait for the library (it may load a moment later), then
#: let it draw. The registry is made the same way as in live_view.js.
MOUNT_JS = """export default function (component) {
const w = window;
const registry = w.__trainingLiveView || (w.__trainingLiveView = (() => {
let resolve; const ready = new Promise((r) => { resolve = r; }); return { ready, resolve }; })());
registry.ready.then((render) => render(component));
}"""

#: The class board's gallery: the same wait, then the library's gallery drawing.
GALLERY_JS = """export default function (component) {
const w = window;
const registry = w.__classGallery || (w.__classGallery = (() => {
let resolve; const ready = new Promise((r) => { resolve = r; }); return { ready, resolve }; })());
registry.ready.then((draw) => draw(component));
}"""

_library = st.components.v2.component("trn_live_view_library", js=LIBRARY_JS, css=CSS,
                                      isolate_styles=False)
_view = st.components.v2.component("trn_live_view", js=MOUNT_JS, isolate_styles=False)
_gallery = st.components.v2.component("class_gallery", js=GALLERY_JS, isolate_styles=False)


def _nothing() -> None:
    """The view's one state value needs a callback to be allowed; there is no work."""


def load_live_view() -> None:
    """Mount the view's library (code and style; it draws nothing). Once per page run,
    outside any fragment, before or after the views."""
    _library(key="trn_live_view_library", width="stretch", height="content")


def live_view(payload: bytes, key: str) -> bool:
    """Draw (or update) a live view with ``payload``; True if this browser asked for
    uncompressed frames (it has no ``DecompressionStream``)."""
    result = _view(key=key, data=payload, on_raw_change=_nothing, width="stretch")
    return bool(result.get("raw"))


def gallery(data: dict, key: str) -> None:
    """Draw (or update) the class's gallery: ``data`` as
    :func:`core.guide.class_views.gallery_data` makes it. The page mounts the library too
    (:func:`load_live_view`)."""
    _gallery(key=key, data=data, width="stretch")
