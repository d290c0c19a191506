"""What the class page computes without Streamlit (``core.guide.class_views``)."""

from __future__ import annotations

import re

import pytest

from core.classroom.limits import ID_PATTERN
from core.classroom.results import Gain, QuizResults
from core.classroom.tokens import normalize_code
from core.guide import path as lp
from core.guide import class_views as cv

STACK, LINE, THRESHOLD = lp.STEPS_BY_KEY["stack"], lp.STEPS_BY_KEY["line"], lp.STEPS_BY_KEY["threshold"]


def test_a_choice_has_every_option_in_the_questions_order():
    bars = cv.bars(STACK, {"bend": 1, "line": 2})
    assert [(b.option, b.count) for b in bars] == [("line", 2), ("bend", 1), ("loop", 0)]
    assert [b.share for b in bars] == pytest.approx([2 / 3, 1 / 3, 0.0])
    assert all(b.right is None for b in bars)  # before the reveal nothing is marked


def test_after_the_reveal_the_right_option_is_marked():
    bars = cv.bars(STACK, {"bend": 1, "line": 2}, truth="line")
    assert [b.right for b in bars] == [True, False, False]


def test_guesses_are_ids_the_store_takes_and_bars_sort_by_value():
    for step, value in ((LINE, 45), (LINE, 100), (THRESHOLD, 0.9500000000000001), (THRESHOLD, 0.0)):
        option = cv.guess_id(step, value)
        assert re.fullmatch(ID_PATTERN, option)
        assert cv.guess_value(step, option) == pytest.approx(value)
    bars = cv.bars(LINE, {"70": 1, "5": 2, "100": 1})
    assert [b.option for b in bars] == ["5", "70", "100"]
    # Right within the step's tolerance of the measured value (70 % ± 5 points).
    marked = cv.bars(LINE, {"70": 1, "5": 2, "100": 1}, truth=0.70)
    assert [b.right for b in marked] == [False, True, False]
    with pytest.raises(TypeError):
        cv.guess_id(STACK, 1)


def test_gain_texts_say_dash_where_the_gain_is_undefined():
    assert cv.gain_text(Gain(n=3, total=3, right_pre=1, right_post=3)) == "1.00"
    assert cv.gain_text(Gain(n=3, total=3, right_pre=3, right_post=2)) == "—"  # pre = 100 %
    assert cv.gain_text(Gain(n=0, total=0, right_pre=0, right_post=0)) == "—"  # nobody took both


def test_gain_rows_follow_the_quiz():
    gain = Gain(n=2, total=2, right_pre=1, right_post=2)
    results = QuizResults(2, 2, {q.key: gain for q in lp.QUIZ}, Gain(2, 16, 8, 16))
    rows = cv.gain_rows(results)
    assert [r.question for r in rows] == list(lp.QUIZ_KEYS)
    assert (rows[0].pre, rows[0].post, rows[0].gain) == ("50%", "100%", "1.00")
    assert cv.correct_answers() == {q.key: q.answer for q in lp.QUIZ}


def test_the_join_link_carries_the_code_and_nothing_else():
    assert cv.join_link("http://127.0.0.1:8501/class?lang=zh&present=1", "ABCD2345") == \
        "http://127.0.0.1:8501/class?join=ABCD2345"
    assert cv.join_link("https://school.example/app/home", "ABCD2345") == \
        "https://school.example/app/class?join=ABCD2345"
    assert cv.join_link("", "ABCD2345") == "class?join=ABCD2345"


def test_the_projected_code_reads_back_as_the_code():
    assert cv.pretty_code("ABCD2345") == "ABCD-2345"
    assert normalize_code(cv.pretty_code("ABCD2345")) == "ABCD2345"


def test_the_qr_code_is_a_standalone_svg():
    svg = cv.qr_svg("http://127.0.0.1:8501/class?join=ABCD2345")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and svg.rstrip().endswith("</svg>")
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # drawn, not linked
    assert cv.qr_svg("x", scale=4) != cv.qr_svg("x", scale=8)


def test_the_resume_link_keeps_the_secret_in_the_fragment():
    link = cv.resume_link("http://127.0.0.1:8501/class?lang=zh", "s3cr3t_-token")
    assert link == "http://127.0.0.1:8501/class#resume=s3cr3t_-token"
    assert "?" not in link  # nothing a server (or its access log) would see
