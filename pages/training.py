"""Placeholder until the page lands."""

import streamlit as st

from ui import tr

st.title(tr("nav_training"))
