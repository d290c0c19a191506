"""The training page's layout as one instrument: its style, sent first in the page (the
live view's own stylesheet comes with its library, at the end of the page, too late to
lay out what comes before it)."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

__all__ = ["instrument_style"]

_CSS = re.sub(r"/\*.*?\*/", "", (Path(__file__).with_name("instrument.css")).read_text(encoding="utf-8"),
              flags=re.S).strip()


def instrument_style() -> None:
    """The controls' row, the instrument's columns (the picture first on a phone) and the
    phone's tighter top, as a ``<style>`` (draws nothing)."""
    st.html(f"<style>{_CSS}</style>")
