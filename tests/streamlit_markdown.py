"""What Streamlit's Markdown would make of a message: the oracle of the escaping tests.

Written from CommonMark and from Streamlit 1.67's frontend (``StreamlitMarkdown.*.js``),
not from ``core.markdown``, so that a test comparing the two can fail. Streamlit draws a
message in two steps, and a learner's text must not add markup to either:

1. parsing: a character that can open markup counts unless a backslash escapes it
   (CommonMark: a backslash before ASCII punctuation makes it literal) -> ``active``;
2. rewrites of the parsed text (escapes already resolved), done by Streamlit after
   parsing: links from bare URLs and e-mail addresses (GFM autolink literals), emoji
   shortcodes (``:smile:``, ``:streamlit:``), typographic arrows -> ``rewrites``; and one
   rewrite of the source before parsing, ``:material/`` -> ``:material_``.

A message that quotes a learner's value is safe when it has exactly the markup and the
rewrites of the same message quoting a harmless value (``x``).
"""

from __future__ import annotations

import re
import string
from collections import Counter

#: Characters that open inline markup in the middle of a line: escapes, code, emphasis,
#: strikethrough, links and images, raw HTML and autolinks, entities, LaTeX, Streamlit's
#: ``:name[…]`` directives and ``:material/…:`` icons, GFM tables, directive attributes.
MARKUP = set("\\`*_~[]!<>&$:|{}")
PUNCTUATION = set(string.punctuation)

#: Streamlit 1.67's rewrites of parsed text. JavaScript's ``\w`` is ASCII-only: re.ASCII.
REWRITES = {
    "url": re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII),
    "email": re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),
    "emoji": re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII),
    "arrow": re.compile(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?=\s|$)"),
}
#: Rewrites of the source, before parsing.
SOURCE_REWRITES = {
    "material": re.compile(re.escape(":material/")),
    "directive": re.compile(r":[a-z][a-z0-9-]*\["),
}


ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def active(source: str) -> Counter:
    """How many of each markup character the source has that no backslash escapes."""
    bare = ESCAPE.sub("", source)
    counts = Counter({char: bare.count(char) for char in MARKUP})
    counts["line break"] = bare.count("\n")
    return +counts  # drop the zeros


def text_view(source: str) -> str:
    """The text after parsing, as far as escapes go: each ``\\x`` becomes ``x``."""
    return ESCAPE.sub(r"\1", source)


def rewrites(source: str) -> Counter:
    """How often each of Streamlit's rewrites would fire on this message."""
    counts: Counter = Counter()
    for name, pattern in SOURCE_REWRITES.items():
        counts[name] += len(pattern.findall(source))
    text = text_view(source)
    for name, pattern in REWRITES.items():
        counts[name] += len(pattern.findall(text))
    return counts


def markup(source: str) -> Counter:
    """Everything Streamlit would treat as more than text in ``source``."""
    return active(source) + rewrites(source)
