"""What the class page shows, computed without Streamlit: answer ids of guesses, the
board's bars, the quiz's gain table, the join link and its QR code.

The store (``core.classroom``) counts option ids; the lesson (``core.guide.path``)
knows the questions and the right answers. This module joins the two for the page:
the bars of one step in the question's own order (a guess: by value), which one is
right once revealed, and the gain of every quiz question with "—" where it is undefined.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

import segno

from core.classroom.results import Gain, QuizResults
from core.guide import path as lp
from core.present import numbers

#: The URL parameter of a join link (``…/class?join=ABCD2345``).
JOIN = "join"
#: The class page's URL path.
CLASS_PATH = "class"


def guess_id(step: lp.Step, value: float) -> str:
    """A guessed number as the option id the store keeps: ``"45"`` for 45 %, ``"0.95"``."""
    if not isinstance(step.question, lp.Guess):
        raise TypeError(f"step {step.key} asks for a choice, not a guess")
    return f"{float(value):g}"


def guess_value(step: lp.Step, option: str) -> float | None:
    """The number an answer id stands for (None when it is not one)."""
    try:
        return float(option)
    except ValueError:
        return None


def is_right(step: lp.Step, option: str, truth: str | float) -> bool:
    """Whether the answer id ``option`` is right by the lesson's own rule (a guess within
    its tolerance of the measured value)."""
    q = step.question
    if isinstance(q, lp.Choice):
        return option == truth
    value = guess_value(step, option)
    return value is not None and lp.is_right(step, value, truth)


@dataclass(frozen=True)
class Bar:
    """One bar of the board: an answer id, how many chose it, their share of the answers,
    and whether it is right (None before the reveal)."""

    option: str
    count: int
    share: float
    right: bool | None


def bars(step: lp.Step, distribution: Mapping[str, int], truth: str | float | None = None) -> list[Bar]:
    """The board's bars for one step: every option of a choice, in the question's order
    (options nobody chose get 0); the values guessed, low to high. ``truth`` (after the
    reveal) marks the right ones."""
    total = sum(distribution.values())
    if isinstance(step.question, lp.Choice):
        options = list(step.question.options) + sorted(set(distribution) - set(step.question.options))
    else:
        options = sorted(distribution, key=lambda o: (guess_value(step, o) is None, guess_value(step, o) or 0.0, o))
    return [Bar(o, distribution.get(o, 0), distribution.get(o, 0) / total if total else 0.0,
                None if truth is None else is_right(step, o, truth)) for o in options]


def correct_answers() -> dict[str, str]:
    """The quiz's right option per question: what ``quiz_results`` and the CSV need."""
    return {q.key: q.answer for q in lp.QUIZ}


def gain_text(gain: Gain) -> str:
    """Hake's ⟨g⟩ with two decimals, or "—" (nobody took both quizzes, or pre = 100 %)."""
    return numbers.fixed(gain.gain, 2)


@dataclass(frozen=True)
class GainRow:
    question: str
    pre: str
    post: str
    gain: str


def gain_rows(results: QuizResults) -> list[GainRow]:
    """One row per quiz question in the lesson's order, then none: the page adds the
    overall line itself (with its N)."""
    return [GainRow(q.key, numbers.whole_percent(results.questions[q.key].pre), numbers.whole_percent(results.questions[q.key].post),
                    gain_text(results.questions[q.key])) for q in lp.QUIZ if q.key in results.questions]


def pretty_code(code: str) -> str:
    """A code as projected: two groups of four (``ABCD-2345``); typing it with or
    without the dash works."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def join_link(base: str, code: str) -> str:
    """The join link of a class: the class page with ``join=CODE``, on the app's own
    address ``base`` (the URL the teacher's browser shows; any page of the app). No
    language: each learner's page follows their own browser."""
    query = urlencode({JOIN: code})
    return urljoin(base, f"{CLASS_PATH}?{query}") if base else f"{CLASS_PATH}?{query}"


def resume_link(base: str, secret: str) -> str:
    """The teacher's private resume link: the class page with the secret in the URL's
    ``#fragment``, which browsers never send to a server (so no access log sees it); the
    page reads it once and the address bar drops it."""
    page = urljoin(base, CLASS_PATH) if base else CLASS_PATH
    return f"{page}#resume={secret}"


def qr_svg(text: str, scale: int = 8) -> str:
    """The QR code of ``text`` as an SVG document (segno, no network), dark on white
    with the standard quiet zone, error correction M (a projector's glare, a phone far away)."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="svg", scale=scale, dark="#000000", light="#ffffff",
                                                  border=4, xmldecl=False, svgclass=None, lineclass=None)
    return out.getvalue().decode("utf-8")
