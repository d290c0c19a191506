"""Text the learner typed, shown inside the app's Markdown exactly as typed.

Streamlit draws every message (``st.warning``, ``st.error``, ``st.caption`` …) as Markdown,
with extras of its own. A value from the address bar or from an uploaded CSV file that is
pasted into such a message as it is becomes markup: ``[click here](https://example.com)``
turns into a live link inside the app's own notice, ``:red[…]`` into coloured text,
``**…**`` into bold. :func:`literal` turns such a value back into plain text.

Two kinds of markup have to be defused, because Streamlit builds the page in two steps:

1. *Syntax* (CommonMark, GFM, Streamlit's ``:name[…]`` directives and ``$…$`` LaTeX):
   CommonMark lets a backslash escape any ASCII punctuation character, and an escaped
   character is always literal text, never emphasis, a link, code, an HTML tag or an
   entity. Every character that can start markup gets a backslash.
2. *Rewrites of the parsed text*: after parsing, Streamlit searches the plain text for
   ``https://…``, ``www.…`` and ``name@host.org`` (and makes them links, escaped or not),
   ``:smile:`` and ``:streamlit:`` (pictures) and `` -> `` (an arrow). Every one of these
   patterns needs one of the escaped characters right after a letter or a space, so an
   invisible WORD JOINER (U+2060) in front of each escaped character breaks them all,
   without changing what the learner sees.

Line breaks would end the message's paragraph (and a blank line followed by four spaces
starts a code block), so each run of white space becomes one space. Control characters
and the bidirectional overrides, which can reorder the message's own words on screen,
become U+FFFD.
"""

from __future__ import annotations

#: ASCII characters that can start Markdown, HTML, a Streamlit directive, LaTeX, or one of
#: the text rewrites above (``/`` because Streamlit rewrites ``:material/`` in the source
#: before parsing). ``,``, ``;``, ``%``, ``?``, quotes and the like never do, and stay as
#: they are, so an echoed ``8,x`` still reads ``8,x``.
SPECIAL = frozenset("\\`*_[](){}<>!#|~$&:-.@/")
WORD_JOINER = "\u2060"
REPLACEMENT = "\ufffd"
#: Left-to-right / right-to-left embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _visible(char: str) -> str:
    """One character, with controls (which would move or hide text) made visible."""
    if char == WORD_JOINER or char in BIDI_CONTROLS or ord(char) < 32 or 127 <= ord(char) < 160:
        return REPLACEMENT
    return char


def literal(value: object, limit: int | None = None) -> str:
    """``value`` as Markdown that Streamlit shows as exactly these characters.

    ``limit`` cuts the text to that many characters first (marked with "…"), so a long
    value cannot fill the screen.
    """
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    out = []
    for char in text:
        if char in SPECIAL:
            out.append(WORD_JOINER + "\\" + char)
        else:
            out.append(_visible(char))
    return "".join(out)


def code(value: str) -> str:
    """One of the app's own names (a URL key, a default value) as inline code.

    Only for text the app wrote; the learner's text goes through :func:`literal`.
    """
    text = " ".join(str(value).split())
    # A backtick would end the code span early: never in the app's names, but if one
    # ever is, the text is shown escaped rather than broken.
    return literal(text) if "`" in text or not text else f"`{text}`"
