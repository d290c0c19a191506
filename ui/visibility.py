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

from collections.abc import Callable

import streamlit as st

from ui import tr
from ui.after_input import AFTER_INPUT_JS

#: While a section is drawn, the page holds what the learner is reading where it is: the
#: first heading on the screen keeps its place until the run the report starts has ended
#: and the page has been still for a second (at most 10 s), and lets go at once
#: when the learner scrolls, clicks or types. The browser's own scroll anchoring does not
#: survive a Streamlit run: a section drawn just above the screen pushed the one in view
#: a screen down. A lesson link's jump (``ui.page_aids``) uses the same hold for its
#: heading: ``window.__holdView.at(id, ms)`` holds the heading with ``id`` at the top (as
#: close as the page's length lets it) until the page has been still for 2.5 s with no run
#: going on (at most ``ms``): charts above it take their heights after the run that drew
#: them, on a busy laptop a second or more later.
HOLD_VIEW_JS = """if (!window.__holdView) {
  // The first heading on the screen (or, with none on it, the last one above): a section
  // drawn above it grows out of sight, one drawn below it leaves it where it is.
  const heading = () => {
    let above = null;
    for (const h of document.querySelectorAll("[data-testid='stMain'] :is(h1, h2, h3)[id]")) {
      const top = h.getBoundingClientRect().top;
      if (top >= 0) return top < window.innerHeight ? { id: h.id, top } : above;
      above = { id: h.id, top };
    }
    return above;
  };
  let hold = null;
  const INPUT = ["wheel", "touchstart", "mousedown", "keydown"];
  const release = () => { hold = null; for (const t of INPUT) document.removeEventListener(t, release, true); };
  // Each frame: the held heading back to its place; let go once the page has been still
  // for ``quiet`` ms after a run (``ran``: a run was seen, or none is awaited), or at ``until``.
  const frame = () => {
    if (!hold) return;
    const now = performance.now(), el = document.getElementById(hold.id);
    const app = document.querySelector("[data-testid='stApp']");
    const running = !app || app.getAttribute("data-test-script-state") !== "notRunning";
    if (el) {
      const moved = el.getBoundingClientRect().top - hold.top;
      if (hold.toTop) {
        // A jump's heading goes to the top again whenever it moved: the page may have been
        // too short for it at first (the sections below it not drawn yet).
        if (Math.abs(moved) > 2) { el.scrollIntoView({ block: "start" }); hold.stillSince = null; }
        hold.top = el.getBoundingClientRect().top;
      } else if (Math.abs(moved) > 1) { hold.main.scrollTop += moved; hold.stillSince = null; }
    }
    if (running) { hold.ran = true; hold.stillSince = null; }
    else if (hold.ran && hold.stillSince === null) hold.stillSince = now;
    if (now > hold.until || (hold.stillSince !== null && now - hold.stillSince > hold.quiet)) return release();
    requestAnimationFrame(frame);
  };
  const start = (id, top, main, ms, awaitRun, quiet, toTop) => {
    const first = hold === null;
    hold = { id, top, main, until: performance.now() + ms, ran: !awaitRun, quiet, toTop, stillSince: null };
    if (!first) return;
    for (const t of INPUT) document.addEventListener(t, release, { capture: true, passive: true });
    requestAnimationFrame(frame);
  };
  window.__holdView = () => {
    const main = document.querySelector("[data-testid='stMain']");
    // At the top of the page nothing above the screen can grow: nothing to hold, and the
    // hold's check on every frame (a layout each) cost a page's load ~0.1 s of script.
    if (!main || (hold === null && main.scrollTop === 0)) return;
    const mark = heading();
    if (mark) start(mark.id, mark.top, main, 10000, true, 1000, false);
  };
  window.__holdView.at = (id, ms) => {
    const main = document.querySelector("[data-testid='stMain']"), el = document.getElementById(id);
    if (main && el) start(id, el.getBoundingClientRect().top, main, ms, false, 2500, true);
  };
  window.__holdView.release = release;
  window.__holdView.holding = () => hold !== null;
}
"""

#: The browser reports a change of visibility, with a margin so a section just below the
#: screen starts ticking before it scrolls in. A report waits until 0.6 s after the
#: learner's last click or key (``ui.after_input``): a click on Play scrolls the page, a
#: section leaves the screen, and a report sent at once could drop the click.
VISIBILITY_JS = AFTER_INPUT_JS + HOLD_VIEW_JS + """export default function (component) {
  const { parentElement, setStateValue, data } = component;
  const section = parentElement.closest(`.st-key-${data.section}`) || parentElement.parentElement;
  if (parentElement.__visibility && parentElement.__visibility.section === section) return;
  if (parentElement.__visibility) parentElement.__visibility.observer.disconnect();
  // The server starts from "not visible": only a section that is (or comes) on screen
  // reports, so a page whose sections start below the fold costs no extra run.
  let last = false, seen = false, waiting = false, reports = 0;
  // ``once``: a section drawn when reached reports "near" and never takes it back. Two
  // sections reached at once report in two messages; the run that draws the first pushed
  // the second away again, and its "not near" reached the server before any run had seen
  // its "near": it stayed undrawn. Its report is a count, not ``true``: the server draws
  // the section and stops mounting this reporter, so a section still waiting 3 s after its
  // report (a report lost among several at once: seen once in ~30 loads with every
  // section reached together) reports again, as a new value, while near.
  const reportOnce = () => {
    if (!seen || last) return;
    last = true;
    window.__holdView();
    setStateValue("visible", ++reports);
    const again = () => {
      // Drawn (its placeholder gone; the reporter stays mounted until the next run), or
      // the reporter is gone: nothing to ask for. A repeat after the section was drawn
      // only reran the page, and redrew a list the learner had just opened.
      if (!parentElement.isConnected || !section.querySelector("[class*='st-key-pending_']")) return;
      if (seen) setStateValue("visible", ++reports);
      setTimeout(again, 3000);
    };
    setTimeout(again, 3000);
  };
  const report = () => {
    waiting = false;
    if (data.once) return reportOnce();
    if (seen !== last) { last = seen; setStateValue("visible", seen); }
  };
  // The root is the element the page scrolls in (Streamlit's main area, not the window):
  // a scrolling ancestor clips what the window sees, margin and all, so with the window as
  // root a section below the screen never counted as near it.
  let root = section.parentElement;
  while (root && !/(auto|scroll)/.test(getComputedStyle(root).overflowY)) root = root.parentElement;
  // A section drawn when reached reports once the browser is idle (at most 2 s later):
  // on a page's load, the run that draws the sections just below the first screen then
  // comes after the first screen is drawn, not while the browser is still drawing it.
  const idle = (go) => (data.once && window.requestIdleCallback) ? requestIdleCallback(go, { timeout: 2000 }) : go();
  const observer = new IntersectionObserver((entries) => {
    seen = entries.some((e) => e.isIntersecting);
    if (!waiting) { waiting = true; idle(() => window.__afterInput(report)); }
  }, { root, rootMargin: data.margin || "200px 0px 200px 0px" });
  observer.observe(section);
  parentElement.__visibility = { observer, section };
}"""

_component = st.components.v2.component("page_section_visibility", js=VISIBILITY_JS, isolate_styles=False)


def _changed() -> None:
    """A change of visibility reruns the page (a state value needs a callback)."""


def visible(section: str, margin: str | None = None, once: bool = False) -> bool:
    """Mount the reporter inside the container with key ``section``; True while it is on
    (or within ``margin`` of) the screen (False until the browser has said so). ``margin``
    is an ``IntersectionObserver`` root margin (top right bottom left); 200 px above and
    below by default. ``once``: the browser reports "visible" once and never takes it back,
    and the page keeps what the learner reads in place while the section is drawn
    (``HOLD_VIEW_JS``)."""
    result = _component(key=f"{section}_visibility", data={"section": section, "margin": margin, "once": once},
                        on_visible_change=_changed, default={"visible": False})
    return bool(result.get("visible", False))


# ------------------------------------------------------------------ drawn when reached

#: Session keys: the sections this learner has come to (drawn from then on), and a switch
#: that draws every section at once. ``AppTest`` runs the page with no browser to report
#: what is on screen, so its runs set the switch (``tests/app/conftest.py``).
SEEN, DRAW_ALL = "_sections_seen", "_sections_draw_all"

#: How far ahead a section is drawn: while it is within one screen below the screen (the
#: learner scrolling down finds it drawn) or half a screen above it (after a jump to a
#: heading further down, scrolling back up).
AHEAD = "50% 0px 100% 0px"


def reached(section: str) -> bool:
    """Whether to draw the body of the section in the container with key ``section`` (a
    key that starts with ``part_``, see ``PENDING_CSS``): once
    the learner has come near it, and from then on in this session (a drawn section stays
    drawn, so scrolling back and forth costs nothing).

    A long page drew every chart and formula on its first load, most of them screens
    below what the learner sees (the collapse page: 5.7 s of the browser's CPU, against
    2.2 s for its first section alone). Until the section is reached, the page shows its
    heading and a placeholder (:func:`pending`)."""
    seen = st.session_state.setdefault(SEEN, set())
    if section in seen or st.session_state.get(DRAW_ALL):
        return True
    if visible(section, margin=AHEAD, once=True):
        seen.add(section)
        return True
    return False


#: The placeholder holds the room of a drawn section, roughly: with a heading alone, every
#: section below would fit on the screen at once and all be drawn. (At most 40rem: on a
#: very tall window, a few screens' worth of sections are drawn at once.) A section not
#: drawn yet (its container's key starts with ``part_``) takes no part in the browser's
#: scroll anchoring: the browser keeps the first thing on screen where it is while the
#: page above it grows, and a placeholder at the screen's top edge, about to be replaced,
#: was that thing: the section drawn above the screen pushed what the learner was reading
#: a screen down.
PENDING_CSS = """
[class*="st-key-pending_"] { min-height: min(60vh, 40rem); }
[class*="st-key-part_"]:has([class*="st-key-pending_"]) { overflow-anchor: none; }
"""


def pending(section: str) -> None:
    """The placeholder of a section not drawn yet: a line saying it is on its way."""
    with st.container(key=f"pending_{section}"):
        st.caption(tr("section_pending"))


def section(key: str, head: Callable[[], None], body: Callable[[], None]) -> None:
    """A section of a long page in the container with ``key`` (``part_…``): ``head`` (its
    heading, its first sentence) always, so links to its heading and the browser's
    search find it; ``body`` once the learner has come near it (:func:`reached`)."""
    with st.container(key=key):
        head()
        if reached(key):
            body()
        else:
            pending(key)
