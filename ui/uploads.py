"""Streamlit's file uploader speaks English ("Drag and drop file here", "Limit 1MB per
file", "Browse files") and the app cannot translate it: on other languages' pages, one
line under it says the same in the learner's language, with the limit read from the
server's configuration (``server.maxUploadSize``), so it never disagrees with the widget.
"""

from __future__ import annotations

import streamlit as st

from core.i18n import DEFAULT_LANG, t


def upload_limit_mb() -> int:
    """The largest file the server accepts, in MB (``server.maxUploadSize``)."""
    return int(st.get_option("server.maxUploadSize"))


def explain_uploader(lang: str) -> None:
    """Under a file uploader: what its English words say, unless the page is in English."""
    if lang != DEFAULT_LANG:
        st.caption(t("upload_hint", lang, mb=upload_limit_mb()))
