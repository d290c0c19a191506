"""What every page gets, whatever it draws: readable captions and formulas a keyboard can scroll.

Called once per run by the entry script (``streamlit_app.py``), before the page.

* :func:`page_aids` puts both in place. The style: small grey text at a contrast a reader
  can use (WCAG's 4.5:1, checked by the axe e2e test: Streamlit draws captions at 60 %
  opacity, 4.0:1); a formula wider than its column gets a soft fade on the
  side it continues, so a learner on a phone sees that it scrolls.
* The formula aid: KaTeX puts a wide formula in a box that scrolls sideways; a box
  that scrolls must take the keyboard's focus, or a keyboard user cannot read the rest
  of it. A small script gives each such box ``tabindex="0"`` and a label, and marks the
  ones that overflow (for the fade), as the page draws them.
"""

from __future__ import annotations

import re
import secrets

import streamlit as st

from core.present.theme import CAPTION
from core.guide.path import AT
from ui import tr, url_value
from ui.browser_download import DOWNLOAD_CSS
from ui.uploads import UPLOADER_CSS
from ui.visibility import HOLD_VIEW_JS, PENDING_CSS

PAGE_CSS = f"""
<style>
{UPLOADER_CSS}
{DOWNLOAD_CSS}
{PENDING_CSS}
/* On a phone, a chart drawn at its own size (a square plane, 400 px with its axes) is
   scaled down to fit the column, never cut off at the edge. Only there: on a projector
   its type must keep its size (presenter mode's 18 px). */
@media (max-width: 640px) {{
  [data-testid="stVegaLiteChart"], [data-testid="stVegaLiteChart"] .vega-embed {{ max-width: 100%; }}
  [data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks {{
    max-width: 100%; height: auto !important;
  }}
}}
[data-testid="stCaptionContainer"] {{ opacity: 1; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ color: {CAPTION}; }}
/* A disabled control's label: still paler than an active one, but readable (Streamlit's
   is 2.3:1 on the sidebar). */
label[data-testid="stWidgetLabel"][disabled] p {{ color: {CAPTION}; }}
.katex-display.formula-scrolls {{
  -webkit-mask-image: linear-gradient(to right, #000 calc(100% - 2.5rem), transparent);
  mask-image: linear-gradient(to right, #000 calc(100% - 2.5rem), transparent);
}}
.katex-display.formula-scrolls.formula-at-end {{ -webkit-mask-image: none; mask-image: none; }}
.katex-display:focus-visible {{ outline: 2px solid currentColor; outline-offset: 2px; }}
</style>
"""

#: Installed once per browser tab; finds formula boxes as they appear and as they resize.
FORMULA_JS = """export default function (component) {
  const label = component.data && component.data.label;
  const w = window;
  w.__formulaLabel = label || w.__formulaLabel || "";
  if (w.__formulaAid) { w.__formulaAid(); return; }
  const mark = (box) => {
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", w.__formulaLabel);
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("formula-scrolls", scrolls);
    box.classList.toggle("formula-at-end", scrolls && box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  };
  const sweep = () => document.querySelectorAll(".katex-display").forEach(mark);
  let pending = false;
  const soon = () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; sweep(); }); } };
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  w.addEventListener("resize", soon);
  document.addEventListener("scroll", (e) => {
    if (e.target.classList && e.target.classList.contains("katex-display")) mark(e.target);
  }, true);
  w.__formulaAid = soon;
  soon();
}"""

_formulas = st.components.v2.component("page_formula_aid", js=FORMULA_JS, isolate_styles=False)

#: Scrolls once to the element with the given id, as soon as the page has drawn it (a
#: lesson step followed inside the app lands on its section; a URL's #anchor does that by
#: itself). Each request has its own nonce, so a later run does not scroll again. The
#: heading appears before the charts above it have their heights (on a busy server,
#: seconds later), so the page keeps the heading where it put it until the page has
#: settled (``ui.visibility.HOLD_VIEW_JS``; at most 30 s), and lets go at once when the
#: learner scrolls, clicks or types. (It checked the heading on every frame for 30 s: a
#: layout a frame on a learner's laptop, and a scroll that shut any list opened then.)
SCROLL_JS = HOLD_VIEW_JS + """export default function (component) {
  const { anchor, nonce } = component.data || {};
  const w = window;
  if (!anchor || !nonce || w.__scrolledNonce === nonce) return;
  w.__scrolledNonce = nonce;
  // The heading may not be drawn yet (the page's first run is still arriving): look for it
  // on each frame, for up to 10 s, unless the learner has moved on. Then it goes to the
  // top and is held there while the page around it settles (``ui.visibility``'s hold:
  // sections drawn as they are reached grow the page above and below it).
  const until = performance.now() + 10000;
  let moved = false;
  const INPUT = ["wheel", "touchstart", "mousedown", "keydown"];
  const learner = () => { moved = true; };
  for (const type of INPUT) w.document.addEventListener(type, learner, { capture: true, passive: true, once: true });
  const look = () => {
    const target = w.document.getElementById(anchor);
    if (target && !moved) {
      w.__holdView.release();  // a section's hold gives way to the jump
      target.scrollIntoView({ block: "start" });
      w.__holdView.at(anchor, 30000);
    } else if (!moved && performance.now() < until) {
      requestAnimationFrame(look);
    }
  };
  look();
}"""

_scroll = st.components.v2.component("page_scroll_to", js=SCROLL_JS, isolate_styles=False)

#: Session keys: the section to scroll to once (set by the lesson's step buttons), and the
#: lesson step a learner came from (for the way back).
SCROLL_TO, LESSON_RETURN = "_scroll_to", "_lesson_return"
HOME_PAGE = "app_pages/home.py"


def page_aids(on_home: bool) -> None:
    """The style, the formula aid and a pending scroll, in the sidebar: they draw nothing,
    and there they take no room (nor a gap) from the page; with them, the way back to the
    lesson step the learner came from (away from the home page)."""
    with st.sidebar:
        st.html(PAGE_CSS)
        _formulas(key="page_formula_aid", data={"label": tr("formula_label")})
        scroll_from_url()
        _scroll(key="page_scroll_to", data=st.session_state.pop(SCROLL_TO, None) or {})
        lesson_return(on_home)


#: What an ``at`` value may be: a heading's anchor (lowercase words and hyphens).
ANCHOR = re.compile(r"[a-z][a-z0-9-]{0,39}")


def scroll_from_url() -> None:
    """``?at=<anchor>`` (a lesson link): scroll there once, and take it out of the address
    bar, so a later visit or a shared link of the page's own settings opens at the top."""
    raw = url_value(AT)
    if raw is None:
        return
    del st.query_params[AT]
    if ANCHOR.fullmatch(raw):
        scroll_once(raw)


def scroll_once(anchor: str) -> None:
    """Scroll to ``anchor`` (a heading's id) on the next page run, once."""
    if anchor:
        st.session_state[SCROLL_TO] = {"anchor": anchor, "nonce": secrets.token_hex(8)}


def lesson_return(on_home: bool) -> None:
    """"Back to the lesson" while away from it after following a step's button."""
    step = st.session_state.get(LESSON_RETURN)
    if on_home:
        st.session_state.pop(LESSON_RETURN, None)
    elif step is not None:
        if st.button(tr("lesson_return", n=step), key="lesson_return", icon=":material/arrow_back:",
                     width="stretch"):
            st.switch_page(HOME_PAGE)
