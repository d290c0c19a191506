"""A download button whose file is made when pressed and handed over by the browser.

Why not ``st.download_button`` with a callable (a "deferred" download)? Streamlit makes
the file when the button is pressed and keeps it in its media store only until two script
runs have finished, of any session on the server: its orphan sweep runs after every run,
fragment runs included, and the first sweep marks the new file, the second deletes it.
A page that is playing (the training page's fragments tick several times a second), or a
class (every learner's page follows the teacher with a fragment every 1.5 s, so a class
of 30 finishes some 20 runs a second), sweeps it away before the browser has fetched it,
and the browser's download says "canceled": seen on a teacher's CSV in a full test run
under load, and on a learner's ``network.json`` while training (1 in 10 on this 2-core
machine with a second program busy).

Here the button is an ordinary ``st.button``: its callback makes the file (current when
pressed, like the deferred download), and the run that follows hands its bytes to a tiny
component next to the button, which turns them into a Blob and downloads it in the
browser, inside the click's user activation (Chromium allows a download without a prompt
for 5 s after a click). Nothing is left on the server for a sweep to delete; the bytes go
over the page's WebSocket once.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

import streamlit as st

#: Once per page: the last download each id asked for (a rerun draws the same data again,
#: and a download must happen once per press).
DOWNLOAD_JS = """export default function (component) {
  const d = component.data || {};
  window.__downloaded = window.__downloaded || new Set();
  if (!d.id || window.__downloaded.has(d.id)) return;
  window.__downloaded.add(d.id);
  const raw = atob(d.b64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: d.mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = d.name;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}"""

_file = st.components.v2.component("browser_download", js=DOWNLOAD_JS, isolate_styles=False)

#: The component draws nothing; its element container would still add a gap to its row
#: (in the page's CSS, ``ui.page_aids``).
DOWNLOAD_CSS = "[class*='st-key-_download_'] { display: none; }"


def made_key(key: str) -> str:
    """Session key of the file the button ``key`` made last (``{"id", "name", "mime",
    "b64", "sent"}``): tests read it to check what the learner received."""
    return f"_download_made_{key}"


def made_file(key: str) -> bytes | None:
    """The bytes the button ``key`` made last in this session, or None."""
    made = st.session_state.get(made_key(key))
    return base64.b64decode(made["b64"]) if made else None


def _make(key: str, make: Callable[[], bytes | str | None], file_name: str, mime: str) -> None:
    """Callback of the button: make the file now (what the page holds when pressed)."""
    data = make()
    if data is None:  # nothing to save: the page says why
        st.session_state.pop(made_key(key), None)
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    st.session_state[made_key(key)] = {"id": secrets.token_hex(6), "name": file_name, "mime": mime,
                                       "b64": base64.b64encode(data).decode("ascii"), "sent": False}


def download_button(label: str, make: Callable[[], bytes | str | None], *, file_name: str, mime: str, key: str,
                    help: str | None = None, width: str = "content", disabled: bool = False,
                    icon: str = ":material/download:") -> None:
    """A button labelled ``label``; pressing it calls ``make`` (bytes, or text sent as
    UTF-8; None when there is nothing to save and the page says why) and the browser
    saves the result as ``file_name``. ``key`` names the button
    (its CSS class is ``st-key-<key>``, as any widget's)."""
    st.button(label, key=key, on_click=_make, args=(key, make, file_name, mime), help=help, width=width,
              disabled=disabled, icon=icon)
    made = st.session_state.get(made_key(key))
    data = {}
    if made and not made["sent"]:  # the run right after the press: hand the bytes over, once
        data = {k: made[k] for k in ("id", "name", "mime", "b64")}
    _file(key=f"_download_{key}", data=data)
    # Marked sent only once the component's message is on its way: a rerun asked for in
    # the meantime (fast reruns) stops this run inside that call, before the message goes,
    # and the next run must send the file again; marked before, the press was lost. (A
    # data download that never came was seen once in a suite run under a CPU hog: this,
    # or the click's few seconds of user activation running out before the file came.)
    # The browser downloads each id once, so a file sent twice is saved once.
    if data:
        made["sent"] = True
