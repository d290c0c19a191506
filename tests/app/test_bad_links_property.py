"""Bad links through the four real pages (``AppTest``), property-based.

How the issue's "≥ 10,000 query strings across all pages" is counted: the bulk, 10,000
query strings, goes through the parser and the notice without a server in
``tests/unit/test_bad_links_property.py``. Here each of ``EXAMPLES`` query strings
carries every documented key of all four pages (about ninety, the README's table), about
half of them poisoned, and runs the home, activations, collapse and training pages in
one session: one ``AppTest`` run per page (an example costs 2-5 s on two cores, so ten
examples, about 450 bad values, keep this test under a minute). On every page: no exception, one notice
(never one warning per key), naming every bad key met so far with its value escaped,
and with no more markup than the same notice quoting ``x``.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core.nn.activations import ACTIVATIONS
from core.present.markdown import code, literal
from core.state import training as ts
from core.state import urlparams as up
from tests.app.conftest import new_app
from tests.streamlit_markdown import markup
from tests.url_fuzz import query_batches

EXAMPLES = 10
NOTICE_ICON = ":material/link_off:"

ACTIVATION_KEYS = ["fn", "act_x", "act_f2", "act_sat", "act_k", "act_layers", "act_spread",
                   *(f"act_{fn}_{p}" for fn, act in ACTIVATIONS.items() for p in act.params)]
COLLAPSE_KEYS = [*(f"w{i}" for i in range(1, 10)), "col_bias", "col_a1", "col_a2", "col_b1", "col_b2", "col_k",
                 "col_p1", "col_p2", "col_q1", "col_q2", "col_depth", "col_widths", "col_seed", "col_act",
                 "col_sq_w", "col_sq_b"]
TRAINING_KEYS = [p.key for p in ts.PARAMS]
PAGES = [("app_pages/activations.py", ACTIVATION_KEYS), ("app_pages/collapse.py", COLLAPSE_KEYS),
         ("app_pages/training.py", TRAINING_KEYS)]
ALL_KEYS = [key for _, keys in PAGES for key in keys]
#: ``lang`` values and whether the app can use them (``normalize_lang``'s contract).
LANG_VALUES = {"en": True, "zh": True, "zh-CN": True, "EN_us": True, "fr": False, "": False,
               "**zh**": False, "[en](https://example.com)": False, "<b>zh</b>": False}


def notice_of(at: AppTest):
    notices = [w for w in at.warning if w.proto.icon == NOTICE_ICON]
    assert len(notices) <= 1, [w.value for w in notices]
    return notices[0].value if notices else None


def check_page(at: AppTest, expected: dict[str, str], lang: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    message = notice_of(at)
    if not expected:
        assert message is None
        return
    stored = at.session_state["_url_notices"]
    assert {item.key: item.raw for item in stored} == expected
    assert message == up.bad_link_message(stored, lang)
    limit = up.ONE_VALUE_CHARS if len(expected) == 1 else up.LISTED_VALUE_CHARS
    for key, raw in expected.items():
        assert code(key) in message and literal(raw, limit) in message, (key, raw, message)
    harmless = [dataclasses.replace(item, raw="x") for item in stored]
    assert markup(message) == markup(up.bad_link_message(harmless, lang)), message


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(query_batches(ALL_KEYS, {}, 1), st.sampled_from(sorted(LANG_VALUES)))
def test_random_links_through_every_page(batch, lang_value):
    query = batch[0]
    at = new_app()
    at.query_params.update(query.as_dict())
    at.query_params["lang"] = lang_value
    lang = lang_value.lower()[:2] if LANG_VALUES[lang_value] else "en"
    expected = {} if LANG_VALUES[lang_value] else {"lang": lang_value}
    at.run()  # the home page: only ``lang`` can be bad there
    check_page(at, expected, lang)
    for page, keys in PAGES:
        expected |= {key: value for key, value in query.bad.items() if key in keys}
        at.switch_page(page).run()
        check_page(at, expected, lang)
