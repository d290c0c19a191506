"""Under every file uploader, one line in the learner's language says what the page takes.

Streamlit's uploader speaks English ("Drag and drop file here", "Browse files") and
states the *server's* limit (``server.maxUploadSize``, a generous guard), which is not
the page's: a file over the server's limit is refused in the browser with a reason in a
tooltip, so the guard is set above every page's own limit and the page itself refuses a
file that is too large, with a message that says why. The widget's "Limit … MB" line
is hidden (``UPLOADER_CSS``) and this line states the page's own limit instead.
"""

from __future__ import annotations

import streamlit as st

from core.i18n import DEFAULT_LANG, t

#: Hides the uploader's "Limit 20MB per file • CSV" line (the page states its own limit).
UPLOADER_CSS = "[data-testid='stFileUploaderDropzoneInstructions'] small { display: none; }"


def upload_limit_mb() -> int:
    """The largest file the server accepts at all, in MB (``server.maxUploadSize``)."""
    return int(st.get_option("server.maxUploadSize"))


def explain_uploader(lang: str, max_bytes: int) -> None:
    """Under a file uploader: the page's own limit, and on other languages' pages what the
    widget's English words say."""
    key = "upload_limit" if lang == DEFAULT_LANG else "upload_hint"
    st.caption(t(key, lang, max_bytes=max_bytes))
