"""The entry file routes, the home page speaks the chosen language, and the switch works."""

import sys

import numpy as np
from streamlit.testing.v1 import AppTest

from core.i18n import t
from core.lessons import collapse as col
from core.state.urlparams import BadValue, bad_link_message
from tests.app.conftest import ENTRY, assert_clean, run_page


def test_home_renders_in_each_language(lang):
    at = run_page(lang=lang)
    assert_clean(at)
    assert at.title[0].value == t("app_title", lang)
    assert at.sidebar.selectbox(key="lang").value == lang


def test_switching_language_translates_the_page():
    at = run_page(lang="en")
    assert at.title[0].value == t("app_title", "en")
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert_clean(at)
    assert at.title[0].value == t("app_title", "zh")


def test_bad_language_in_url_falls_back_to_english_and_says_so():
    at = run_page(lang="klingon")
    assert_clean(at)
    assert at.title[0].value == t("app_title", "en")
    assert [w.value for w in at.warning] == [bad_link_message([BadValue("lang", "klingon", "en", ("one_of", "en", "zh"))], "en")]
    assert at.query_params["lang"] == "en"


def test_bad_language_falls_back_to_the_browsers():
    """?lang=fr from a Chinese browser: the page is in Chinese, and the notice says so, in Chinese."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.context["locale"] = "zh-CN"
    at.query_params["lang"] = "fr"
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("app_title", "zh")
    assert [w.value for w in at.warning] == [bad_link_message([BadValue("lang", "fr", "zh", ("one_of", "en", "zh"))], "zh")]


def test_an_old_python_gets_one_clear_sentence(monkeypatch):
    """On Python 3.10 the entry file stops before importing anything that needs 3.11."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    monkeypatch.setattr(sys, "version_info", (3, 10, 12, "final", 0))
    monkeypatch.setattr(sys, "version", "3.10.12 (main) [GCC]")
    at.run()
    monkeypatch.undo()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This app needs Python 3.11 or newer; it is running on Python 3.10.12. "
        "· 本应用需要 Python 3.11 或更高版本，当前运行的是 Python 3.10.12。"]
    assert not at.title  # stopped before the navigation ran a page


def test_language_survives_a_page_switch_and_reruns():
    at = run_page("app_pages/activations.py", lang="zh")
    at.run()
    at.run()
    assert_clean(at)
    assert at.session_state["_lang"] == "zh"
    assert at.title[0].value == t("nav_activations", "zh")


def test_the_collapse_card_calls_a_stack_with_biases_affine(lang):
    """Layers with biases collapse to x·W + b with b ≠ 0: not linear (f(0) ≠ 0, and
    f(a + b) ≠ f(a) + f(b)), but affine. The card must not call it a linear map."""
    weights, biases = col.random_stack([2, 3, 1], seed=0)
    W, b = col.collapse(weights, biases)

    def f(x):
        return col.forward(np.atleast_2d(x), weights, biases)[0, 0]

    assert np.all(b != 0.0) and f([0.0, 0.0]) != 0.0
    assert abs(f([1.0, 1.0]) - (f([1.0, 0.0]) + f([0.0, 1.0]))) > 1e-3
    at = run_page(lang=lang)
    assert_clean(at)
    card = t("home_card_collapse", lang)
    assert any(m.value == card for m in at.markdown)
    assert {"en": "affine", "zh": "仿射"}[lang] in card and "x·W + b" in card


def test_the_teachers_links_are_sent_only_when_opened(lang):
    """Closed, the teacher's section sends nothing for the browser to draw; opened, each
    lesson step's link in this language and presenter mode, ready to copy."""
    from core.guide import path as lp

    at = run_page(lang=lang)
    assert_clean(at)
    assert [c.value for c in at.code] == []
    at.session_state["lesson_teacher"] = True  # the teacher opens it
    at.run()
    assert_clean(at)
    links = [c.value for c in at.code]
    assert len(links) == len(lp.STEPS)
    for link, step in zip(links, lp.STEPS):
        assert link.endswith(step.link.url(lang=lang)), (link, step.key)
        assert f"lang={lang}" in link and "present=1" in link
    at.session_state["lesson_teacher"] = False
    at.run()
    assert [c.value for c in at.code] == []
