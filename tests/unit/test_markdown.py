"""A learner's text inside the app's Markdown reads as exactly that text, never as markup."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.present.markdown import REPLACEMENT, WORD_JOINER, code, literal
from tests.streamlit_markdown import active, markup, rewrites, text_view

HOSTILE = [
    "**BOLD** [click here](https://example.com) :red[red]",
    "<script>alert(1)</script> &amp; &#60;",
    "`code` ~~gone~~ _it_ $x^2$ $$y$$",
    ":material/home: :smile: :streamlit: :+1:",
    "www.example.com mail@example.com http://x.org",
    "a -> b <- c -- d >= e <= f ~= g",
    "![img](x.png) [ref]: https://example.com",
    "line one\n\n    indented code\n# heading\n- item\n> quote",
    "| a | b |\n|---|---|",
    "\\*not bold\\* trailing backslash\\",
]


def shown(value: str) -> str:
    """What the learner reads: the text after parsing, without the invisible joiners."""
    return text_view(literal(value)).replace(WORD_JOINER, "")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_carry_no_markup(value):
    escaped = literal(value)
    assert markup(escaped) == {}, (value, escaped)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_read_as_typed(value):
    assert shown(value) == " ".join(value.split())


def test_the_issues_link_is_text():
    escaped = literal("**BOLD** [click here](https://example.com) :red[red]")
    assert "](" not in escaped and "**" not in escaped and ":red[" not in escaped
    assert shown("**BOLD** [click here](https://example.com) :red[red]") == (
        "**BOLD** [click here](https://example.com) :red[red]")


def test_plain_values_stay_readable():
    assert literal("8,x") == "8,x"
    assert literal("relu6") == "relu6"
    assert literal("大于零") == "大于零"


def test_limit_cuts_and_marks_the_cut():
    assert literal("abcdefghij", limit=5) == "abcd…"
    assert literal("abcde", limit=5) == "abcde"
    assert len(literal("x" * 1000, limit=60)) == 60


def test_controls_and_bidi_overrides_are_made_visible():
    assert literal("a\x00b\u202ec\u2060d") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d"


def test_code_is_for_the_apps_own_names():
    assert code("lr") == "`lr`"
    assert code("relu,tanh") == "`relu,tanh`"
    assert active(code("a`b")) == {}  # a backtick never opens a broken code span


def test_the_oracle_sees_markup():
    """Guard the guard: unescaped text does trip the oracle, and the joiner is what stops a rewrite."""
    assert active("**BOLD**")["*"] == 4
    assert rewrites("see https://example.com")["url"] == 1
    assert rewrites("see https\\:\\/\\/example\\.com")["url"] == 1  # escaping alone is not enough
    assert rewrites(":smile:")["emoji"] == 1
    assert rewrites("a -> b")["arrow"] == 1
    assert rewrites(":material/home:")["material"] == 1


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
       | st.text(alphabet="*_[]()<>!`~$&:#|{}\\/.-@+=wWhtps \n\t%", max_size=80))
def test_any_text_is_literal(value):
    """Any text at all: no markup, no rewrite, and the learner reads what was typed."""
    escaped = literal(value)
    assert markup(escaped) == {}, (value, escaped)
    assert shown(value) == "".join(map(visible, " ".join(value.split())))


#: Characters that move or hide other text: controls, bidirectional marks, embeddings,
#: overrides and isolates, and the joiner that literal itself uses.
HIDING = {chr(c) for c in [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2060]}


def visible(char: str) -> str:
    return REPLACEMENT if unicodedata.category(char) == "Cc" or char in HIDING else char


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("marks, tag", [("*", "em"), ("**", "strong")])
def test_lesson_labels_render_as_emphasis_without_stray_asterisks(lang, marks, tag):
    """The teacher notes' and the predictions' labels, rendered by a CommonMark parser
    (the rules Streamlit's frontend follows): emphasis, and no asterisk left in the text."""
    import re

    from markdown_it import MarkdownIt

    from core.i18n import t
    from core.guide.views import labelled

    for key in ("lesson_teacher_ask", "lesson_teacher_see", "lesson_predict"):
        label = t(key, lang)
        html = MarkdownIt("commonmark").render(labelled(f"{marks}{label}{marks}", "如果网络内部 / If the numbers"))
        assert f"<{tag}>" in html, html
        assert "*" not in re.sub(r"<[^>]+>", "", html), html
