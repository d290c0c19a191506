"""Every state-dependent sentence of the linear-collapse page follows the state.

Each test puts the page in a state (through the URL or a widget), computes from ``core``
what is true in that state, and checks that the page says that and not the alternatives.
"""

import re

import numpy as np
import pytest

from core import collapse as col
from core.activations import ACTIVATIONS
from core.datasets import make_dataset
from core.i18n import TEXTS, t
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/collapse.py"
P, Q = np.array([0.5, -0.5]), np.array([-0.8, 0.3])  # the page's default points


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "warning", "info", "success", "caption") for e in at.get(kind)]


def _said(at, key: str, lang: str = "en", **values) -> bool:
    """The sentence (a whole paragraph or part of one) is on the page."""
    sentence = t(key, lang, **values)
    return any(sentence in text for text in _texts(at))


def _template(text: str) -> re.Pattern:
    """A text of the tables as a pattern: its words exactly, any value in each placeholder."""
    parts = re.split(r"\{\w+\}", text)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.S)


def _said_any(at, prefix: str, lang: str = "en") -> list[str]:
    """Keys starting with ``prefix`` whose whole text (any placeholder values) is on the page."""
    texts = _texts(at)
    return sorted(key for key, entry in TEXTS.items()
                  if key.startswith(prefix) and any(_template(entry[lang]).search(text) for text in texts))


def _weights_query(w) -> dict[str, str]:
    return {name: repr(float(v)) for name, v in zip(col.WEIGHT_NAMES, w)}


def _metric(at, key: str, lang: str = "en") -> str:
    return {m.label: m.value for m in at.metric}[t(key, lang)]


def _pct(value: float) -> str:
    return f"{100.0 * value:.1f} %"


# --------------------------------------------------------------- the widths messages


def _hidden_used(at, lang: str = "en") -> str:
    """The hidden widths the stack really uses, read from the layer sizes the page prints."""
    head = t("col_sizes", lang, sizes="", depth="").split("**")[0]
    sizes_line = next(text for text in _texts(at) if text.startswith(head))
    sizes = sizes_line.split("**")[1].split(" → ")
    return ",".join(sizes[1:-1])


def _plain(markdown: str) -> str:
    """A message without Markdown escapes (how it reads on the page)."""
    return markdown.replace("\\", "")


@pytest.mark.parametrize(("query", "used", "noticed"), [
    ({"col_widths": "-3", "col_depth": "3"}, "8,3", True),
    ({"col_widths": "-3"}, "8,3,8", True),
    ({"col_widths": "5,2,7", "col_depth": "3"}, "5,2", True),
    ({"col_widths": "8,2,8,8"}, "8,2,8,8", False),
    ({"col_widths": "8,x", "col_depth": "99"}, "8,3,8", True),
])
def test_a_link_with_widths_uses_and_names_what_it_uses(query, used, noticed, lang):
    at = run_page(PAGE, lang=lang, **query)
    assert_clean(at)
    assert _hidden_used(at, lang) == used
    assert at.text_input(key="col_widths").value == used
    assert at.slider(key="col_depth").value == len(used.split(",")) + 1
    # What a notice says besides echoing the link's own value.
    said = [_plain(w.value).replace(query["col_widths"], "") for w in at.warning if "col_widths" in _plain(w.value)]
    if noticed:
        assert said and all(used in notice for notice in said), said
        if used != "8,3,8":
            assert not any("8,3,8" in notice for notice in said)
    else:
        assert not said


def test_typed_bad_widths_name_the_widths_really_used(lang):
    at = run_page(PAGE, lang=lang, col_depth="3")
    at.text_input(key="col_widths").set_value("8,x").run()
    assert_clean(at)
    used = _hidden_used(at, lang)
    assert len(used.split(",")) == at.slider(key="col_depth").value - 1 == 2
    (warning,) = [w.value for w in at.warning]
    assert warning == t("col_widths_bad", lang, value="8,x", depth=3, used=used)
    at.slider(key="col_depth").set_value(1).run()
    at.text_input(key="col_widths").set_value("*x*").run()
    assert_clean(at)
    assert _hidden_used(at, lang) == ""
    (warning,) = [w.value for w in at.warning]
    assert warning == t("col_widths_bad_one", lang, value=r"\*x\*", example="8,3,8")
