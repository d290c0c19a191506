"""The guided path and the quiz on the home page, in both languages, through Streamlit's AppTest.

A learner commits to an answer before the reveal; right or wrong, the reveal explains with
the computed numbers; progress survives a visit to another page; the step's button opens
its page with exactly the step's settings, even when the learner had other settings there.
"""

from __future__ import annotations

import pytest
from altair.vegalite.v6.schema.core import Root

from core.i18n import t
from core.guide import path as lp
from core.state import training as ts
from tests.app.conftest import assert_clean, chart_texts, run_page, sent_specs

HOME = "app_pages/home.py"
STATIONS = ("before", *lp.STEP_KEYS, "after")


def go_to(at, name: str):
    """Pick a station of the path with its pill."""
    at.button_group(key="lesson_picker").set_value(STATIONS.index(name)).run()
    assert_clean(at)
    return at


def texts(at) -> list[str]:
    """Every text the page shows: Markdown, captions, the bodies of alerts, the progress bar's."""
    shown = [e.value for kind in ("markdown", "caption", "success", "warning", "info") for e in at.get(kind)]
    return shown + [bar.proto.text for bar in at.get("progress")]


def shows(at, text: str) -> bool:
    return any(text in value for value in texts(at))


def check(at, key: str, answer):
    """Commit ``answer`` to step ``key`` and press Check."""
    widget = at.radio(key=f"lesson_q_{key}") if isinstance(lp.STEPS_BY_KEY[key].question, lp.Choice) \
        else at.slider(key=f"lesson_q_{key}")
    widget.set_value(answer)
    at.button(key=f"lesson_check_{key}").click().run()
    assert_clean(at)
    return at


def why(key: str, lang: str) -> str:
    return t(f"lesson_{key}_why", lang, **lp.reveal(key).values)


# ------------------------------------------------------------------ the steps


@pytest.mark.parametrize("right", [False, True], ids=["wrong", "right"])
def test_a_choice_step_explains_after_a_right_and_a_wrong_answer(lang, right):
    at = go_to(run_page(lang=lang), "answer")
    assert not shows(at, why("answer", lang))  # nothing is revealed before the answer
    answer = "tanh" if right else "identity"
    check(at, "answer", answer)
    verdict = t("lesson_right" if right else "lesson_wrong", lang)
    box = at.success if right else at.warning
    assert any(verdict in b.value for b in box)
    assert shows(at, why("answer", lang))
    values = lp.reveal("answer").values
    assert shows(at, f"{values['tanh_acc']:.1%}") and shows(at, f"{values['identity_acc']:.1%}")
    assert shows(at, t("lesson_your_answer", lang, answer=t(f"lesson_answer_opt_{answer}", lang)))


@pytest.mark.parametrize(("guess", "right"), [(50, False), (70, True)])
def test_a_guess_step_compares_the_guess_with_the_measured_number(lang, guess, right):
    at = go_to(run_page(lang=lang), "line")
    check(at, "line", guess)
    measured = t("lesson_measured_percent", lang, value=lp.reveal("line").truth)
    box = at.success if right else at.warning
    assert any(measured in b.value for b in box)
    assert shows(at, why("line", lang)) and shows(at, "70.0%")


def test_every_step_reveals_its_explanation(lang):
    """Walk the whole path with Next, answering each step with its question's first option."""
    at = go_to(run_page(lang=lang), "line")
    charts = 0
    for key in lp.STEP_KEYS:
        q = lp.STEPS_BY_KEY[key].question
        check(at, key, q.options[0] if isinstance(q, lp.Choice) else q.start)
        assert shows(at, why(key, lang)), key
        for spec in sent_specs(at):  # the lesson's charts are valid Vega-Lite too
            Root.validate(spec)
            charts += 1
        assert at.button(key=f"lesson_go_{key}")  # the way to its page
        at.button(key="lesson_next").click().run()
    assert at.session_state["_lesson_station"] == STATIONS.index("after")
    assert shows(at, t("lesson_progress", lang, done=8, total=8))
    assert any(t("lesson_all_done", lang) in s.value for s in at.success)
    assert charts >= 3


def test_the_step_charts_follow_the_language():
    """The pictures are cached with their texts: after the English page, the same stations
    in Chinese draw the Chinese labels (the step chart's series, the depth chart's axis)."""
    at = go_to(run_page(lang="en"), "threshold")
    go_to(at, "care")
    check(at, "care", lp.STEPS_BY_KEY["care"].question.options[0])  # the depth chart
    (depth,) = at.get("vega_lite_chart")
    assert t("lesson_care_layers", "en") in chart_texts(depth)
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert_clean(at)
    (depth,) = at.get("vega_lite_chart")
    assert t("lesson_care_layers", "zh") in chart_texts(depth)
    assert t("lesson_care_layers", "en") not in chart_texts(depth)
    (step,) = go_to(at, "threshold").get("vega_lite_chart")
    assert t("lesson_threshold_step", "zh") in chart_texts(step)
    assert t("lesson_threshold_step", "en") not in chart_texts(step)


def test_check_without_an_answer_asks_for_one(lang):
    at = go_to(run_page(lang=lang), "stack")
    at.button(key="lesson_check_stack").click().run()
    assert any(t("lesson_pick_first", lang) in w.value for w in at.warning)
    assert not shows(at, why("stack", lang)) and "stack" not in at.session_state["_lesson_answers"]


def test_progress_survives_a_page_switch_and_start_over_clears_it():
    at = go_to(run_page(lang="zh"), "stack")
    check(at, "stack", "line")
    assert shows(at, t("lesson_progress", "zh", done=1, total=8))
    at.switch_page("app_pages/collapse.py").run()
    assert_clean(at)
    assert at.title[0].value == t("col_title", "zh")
    at.switch_page(HOME).run()
    assert_clean(at)
    assert shows(at, t("lesson_progress", "zh", done=1, total=8))
    assert at.session_state["_lesson_station"] == STATIONS.index("stack")
    assert shows(at, why("stack", "zh"))  # the reveal is still there, the answer kept
    at.button(key="lesson_restart").click().run()
    assert shows(at, t("lesson_progress", "zh", done=0, total=8))
    assert at.session_state["_lesson_station"] == 0 and at.session_state["_lesson_answers"] == {}


# ------------------------------------------------------------------ the quiz


def answer_quiz(at, phase: str, answers: dict):
    for key, option in answers.items():
        at.radio(key=f"lesson_quiz_{phase}_{key}").set_value(option)
    at.button(key=f"FormSubmitter:lesson_quiz_{phase}_form-{t('lesson_quiz_check', at.session_state['_lang'])}").click()
    at.run()
    assert_clean(at)
    return at


def test_the_quiz_before_gives_only_the_score_and_after_explains(lang):
    """Before the lesson: the score alone (the explanations hold what the steps ask the
    learner to predict). After it: every answer explained, and the change."""
    right = {q.key: q.answer for q in lp.QUIZ}
    wrong = {q.key: next(o for o in q.options if o != q.answer) for q in lp.QUIZ}
    values = lp.quiz_values()
    at = run_page(lang=lang)  # the path starts at the quiz
    before = {**wrong, **dict(list(right.items())[:2])}
    answer_quiz(at, "before", before)
    assert shows(at, t("lesson_quiz_score", lang, right=2, total=len(lp.QUIZ)))
    assert shows(at, t("lesson_quiz_later", lang))
    for q in lp.QUIZ:  # nothing given away
        assert not shows(at, t(f"lesson_quiz_{q.key}_why", lang, **values)), q.key
        right_is = t("lesson_quiz_right_is", lang, answer=t(f"lesson_quiz_{q.key}_{q.answer}", lang, **values))
        assert not shows(at, right_is), q.key
    go_to(at, "after")
    answer_quiz(at, "after", {**right, "vanish": wrong["vanish"]})
    for q in lp.QUIZ:  # every answer explained, right or wrong
        assert shows(at, t(f"lesson_quiz_{q.key}_why", lang, **values)), q.key
    assert shows(at, t("lesson_your_answer", lang, answer=t(f"lesson_quiz_vanish_{wrong['vanish']}", lang)))
    n = len(lp.QUIZ)
    assert shows(at, t("lesson_quiz_score", lang, right=n - 1, total=n))
    assert shows(at, t("lesson_quiz_compare", lang, before=2, after=n - 1, total=n))


def test_the_quiz_options_come_in_the_learners_order_and_another_after(lang):
    at = run_page(lang=lang)
    seed = at.session_state["_lesson_quiz_seed"]
    for q in lp.QUIZ:
        shown = at.radio(key=f"lesson_quiz_before_{q.key}").options
        expected = lp.quiz_options(q, seed, "before")
        assert list(shown) == [t(f"lesson_quiz_{q.key}_{o}", lang, **lp.quiz_values()) for o in expected]
    go_to(at, "after")
    for q in lp.QUIZ:
        shown = at.radio(key=f"lesson_quiz_after_{q.key}").options
        expected = lp.quiz_options(q, seed, "after")
        assert list(shown) == [t(f"lesson_quiz_{q.key}_{o}", lang, **lp.quiz_values()) for o in expected]
        assert expected != lp.quiz_options(q, seed, "before")


def test_unanswered_quiz_questions_count_as_not_known():
    at = answer_quiz(run_page(lang="en"), "before", {"negative": "tanh"})
    assert shows(at, t("lesson_quiz_score", "en", right=1, total=len(lp.QUIZ)))
    go_to(at, "after")
    answer_quiz(at, "after", {"negative": "tanh"})
    assert shows(at, t("lesson_your_answer", "en", answer=t("lesson_quiz_unanswered", "en")))


# ------------------------------------------------------------------ the links


def test_the_step_button_opens_the_page_with_the_steps_settings_over_the_learners_own():
    """The learner trained ReLU at lr 0.1 on XOR; the step's button still shows its own setting."""
    at = run_page("app_pages/training.py", lang="en", activation="relu", lr="0.1", dataset="xor")
    assert at.session_state["activation"] == "relu"
    at.switch_page(HOME).run()
    go_to(at, "answer")
    at.button(key="lesson_go_answer").click().run()
    assert_clean(at)
    assert at.title[0].value == t("nav_training", "en")
    settings = {**ts.DEFAULTS, **lp.link_settings(lp.STEPS_BY_KEY["answer"])}
    for key in ("activation", "lr", "dataset", "trn_compare"):
        assert at.session_state[key] == settings[key], key
    assert "present" not in at.query_params  # a learner keeps their sidebar


def test_the_step_button_keeps_presenter_mode():
    at = run_page(HOME, lang="en", present="1")
    go_to(at, "answer")
    at.button(key="lesson_go_answer").click().run()
    assert_clean(at)
    assert at.title[0].value == t("nav_training", "en")
    assert at.query_params.get("present") == "1"


@pytest.mark.parametrize("step", lp.STEPS, ids=lambda s: s.key)
def test_every_lesson_link_sets_up_its_page_without_a_notice(step):
    at = run_page(step.link.script, lang="en", **step.link.params())
    assert_clean(at)
    notices = at.session_state["_url_notices"] if "_url_notices" in at.session_state else []
    assert not notices, notices  # every value of the link was valid for its page
    for key, raw in step.link.query:
        value = at.session_state[key]
        shown = ",".join(map(str, value)) if isinstance(value, list) else value
        assert str(shown) == raw or float(shown) == float(raw), (key, raw, value)


def test_the_threshold_pictures_say_their_own_k(lang):
    """k = 1 under the picture before the answer, k = 50 after it; the text names no k."""
    at = go_to(run_page(lang=lang), "threshold")
    assert shows(at, t("lesson_threshold_before", lang, k=1.0))
    assert not shows(at, t("lesson_threshold_after", lang, k=lp.STEEP_K))
    check(at, "threshold", 0.5)
    assert shows(at, t("lesson_threshold_after", lang, k=lp.STEEP_K))
    assert not shows(at, t("lesson_threshold_before", lang, k=1.0))
    assert not any("k = 1 " in text or text.endswith("k = 1") or "k = 1。" in text or "k = 1." in text
                   for text in texts(at))
