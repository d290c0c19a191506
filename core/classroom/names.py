"""Nicknames: cleaned once when they come in, stored as given, never interpreted.

A nickname is optional; without one a learner is shown as an anonymous label built from
their number in the class ("Learner 7", "学员 7"), in each reader's own language, so the
store keeps only the number. A nickname is text, never Markdown or HTML: the store keeps
``**x**`` or ``<b>x</b>`` as those very characters, and the page must show it as plain
text (``st.text``, or escaped); the CSV guards against spreadsheet formulas on export.
"""

from __future__ import annotations

import unicodedata

from core.classroom import limits
from core.classroom.errors import ClassError
from core.i18n import t

__all__ = ["INVISIBLE", "display_name", "normalize_nickname"]

# Control (Cc), format (Cf: the bidi overrides LRO/RLO/PDF, the isolates, zero-width
# space/joiners, BOM), surrogate (Cs: cannot even be stored as UTF-8) and private-use
# (Co) characters. A bidi override in a name would reverse the text after it on the
# teacher's board; zero-width characters make two names look the same.
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
# Letters that draw as nothing (Hangul fillers, Khmer inherent vowels, the combining
# grapheme joiner): a name made of them looks empty.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5")


def _kept(ch: str) -> str:
    """What one character becomes: itself, a space (any separator or line break), or nothing."""
    category = unicodedata.category(ch)
    if category[0] == "Z" or ch in "\t\n\r\v\f\x85":
        return " "
    if category in _DROP_CATEGORIES or ch in INVISIBLE:
        return ""
    return ch


def normalize_nickname(nickname: object) -> str | None:
    """The nickname as stored, or None for "no nickname".

    NFC-normalised; control, format (bidi overrides and isolates, zero-width), surrogate,
    private-use and invisible filler characters removed; any run of spaces or line breaks
    one space; ends trimmed; cut to :data:`MAX_NICKNAME <core.classroom.limits.MAX_NICKNAME>`
    characters (only the first MAX_NICKNAME_INPUT are looked at). Right-to-left letters,
    emoji, Markdown and HTML characters stay as typed. Idempotent.
    ``ClassError("bad_argument")`` for something that is not a string.
    """
    if nickname is None:
        return None
    if not isinstance(nickname, str):
        raise ClassError("bad_argument", name="nickname", value=type(nickname).__name__)
    text = unicodedata.normalize("NFC", nickname[: limits.MAX_NICKNAME_INPUT])
    text = "".join(_kept(ch) for ch in text)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    # A prefix of an NFC string can compose further (never grow), so cut until stable.
    while len(text) > limits.MAX_NICKNAME:
        text = unicodedata.normalize("NFC", text[: limits.MAX_NICKNAME]).rstrip()
    return text or None


def display_name(nickname: str | None, number: int, lang: str, *, hidden: bool = False) -> str:
    """What a screen shows for a learner: the nickname, or "Learner 7" in ``lang`` when
    there is none or the teacher hides nicknames (``hidden``). Plain text: show it with
    ``st.text`` or escape it, never as Markdown or HTML."""
    if nickname and not hidden:
        return nickname
    return t("class_learner_label", lang, n=number)
