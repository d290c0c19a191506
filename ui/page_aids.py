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

import streamlit as st

from core.present.theme import CAPTION
from ui import tr

PAGE_CSS = f"""
<style>
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


def page_aids() -> None:
    """The style and the formula aid, in the sidebar: they draw nothing, and there they
    take no room (nor a gap) from the page."""
    with st.sidebar:
        st.html(PAGE_CSS)
        _formulas(key="page_formula_aid", data={"label": tr("formula_label")})
