"""Whether a section of the page is on the learner's screen: views nobody sees cost nothing.

A fragment that ticks while training plays (the neuron maps, the compare panels) costs
the server a script run every few seconds for every learner, whether or not the learner
has scrolled to it; in a class of 60 those runs were most of the server's work. This
small component sits inside a section and tells the server, through its one state value,
whether the section is in (or near) the viewport (an ``IntersectionObserver`` in the
browser). The page ticks the section's fragment only while it is visible; scrolling it
into view reruns the page once, and the fragment starts ticking again.

Until the browser reports, a section counts as not visible: one that starts below the
fold then costs no run at all, and one on screen reports at once (one page run).
"""

from __future__ import annotations

import streamlit as st

from ui.after_input import AFTER_INPUT_JS

#: The browser reports a change of visibility, with a margin so a section just below the
#: screen starts ticking before it scrolls in. A report waits until 0.6 s after the
#: learner's last click or key (``ui.after_input``): a click on Play scrolls the page, a
#: section leaves the screen, and a report sent at once could drop the click.
VISIBILITY_JS = AFTER_INPUT_JS + """export default function (component) {
  const { parentElement, setStateValue, data } = component;
  const section = parentElement.closest(`.st-key-${data.section}`) || parentElement.parentElement;
  if (parentElement.__visibility && parentElement.__visibility.section === section) return;
  if (parentElement.__visibility) parentElement.__visibility.observer.disconnect();
  // The server starts from "not visible": only a section that is (or comes) on screen
  // reports, so a page whose sections start below the fold costs no extra run.
  let last = false, seen = false, waiting = false;
  const report = () => {
    waiting = false;
    if (seen !== last) { last = seen; setStateValue("visible", seen); }
  };
  const observer = new IntersectionObserver((entries) => {
    seen = entries.some((e) => e.isIntersecting);
    if (!waiting) { waiting = true; window.__afterInput(report); }
  }, { rootMargin: "200px 0px 200px 0px" });
  observer.observe(section);
  parentElement.__visibility = { observer, section };
}"""

_component = st.components.v2.component("page_section_visibility", js=VISIBILITY_JS, isolate_styles=False)


def _changed() -> None:
    """A change of visibility reruns the page (a state value needs a callback)."""


def visible(section: str) -> bool:
    """Mount the reporter inside the container with key ``section``; True while it is on
    (or within 200 px of) the screen (False until the browser has said so)."""
    result = _component(key=f"{section}_visibility", data={"section": section}, on_visible_change=_changed,
                        default={"visible": False})
    return bool(result.get("visible", False))
