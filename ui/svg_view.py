"""A drawing of ours (an SVG string the app made) put in the page as it is: a tiny
``st.components.v2`` component that sets it as the content of one element.

``st.markdown(svg, unsafe_allow_html=True)`` turns each of the drawing's hundreds of
elements into a React element on every run (a parser in JavaScript, then React); here
the browser's own parser reads it once per change, and an unchanged drawing is left
alone. ``st.html`` would sanitise it (and drops the SVG). Only for markup the app
itself writes: nothing a learner typed goes in unescaped.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["svg_view"]

SVG_JS = """export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(".svg-view");
  if (!box) { box = document.createElement("div"); box.className = "svg-view"; parentElement.appendChild(box); }
  if (box.__svg !== data) { box.__svg = data; box.innerHTML = data; }
}"""

_component = st.components.v2.component("svg_view", js=SVG_JS, isolate_styles=False)


def svg_view(svg: str, key: str) -> None:
    """Show ``svg`` (markup the app made) in the page; redrawn only when it changes."""
    _component(key=key, data=svg, width="stretch")
