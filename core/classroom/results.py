"""What the teacher reads: the live board, the quiz's gain, the learner list, the CSV.

Every function checks the teacher's secret (:func:`core.classroom.access.teacher_class`)
and reads in one transaction without writing. The board gives counts only: how many
joined, how many answered, how many chose each option (and that only from
MIN_FOR_DISTRIBUTION answers on), never who answered what.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, select

from core.classroom import limits
from core.classroom.access import ClassState, check_id, check_phase, state_of, teacher_class
from core.classroom.errors import ClassError
from core.classroom.schema import answers, learners, transaction
from core.classroom.tokens import normalize_code

__all__ = [
    "Board",
    "Gain",
    "LearnerEntry",
    "QuizResults",
    "board",
    "csv_of",
    "export_csv",
    "learner_list",
    "quiz_results",
]

Bind = Engine | Connection
#: Rows of the CSV come in the lesson's order: the quiz before, the steps, the quiz after.
PHASE_ORDER = {"pre": 0, "step": 1, "post": 2}


# ----------------------------------------------------------------- the live board


@dataclass(frozen=True)
class Board:
    """The teacher's board for one question (by default the open one).

    ``answered``: learners who answered ``question`` in ``phase``; ``distribution``:
    option id → how many chose it, or None while fewer than MIN_FOR_DISTRIBUTION
    answered (options nobody chose are absent: the page knows the question's options).
    In a quiz (``pre``/``post``) with no question given, ``per_question`` counts the
    answers to each question and ``answered`` the learners who answered at least one.
    """

    state: ClassState
    phase: str | None
    question: str | None
    answered: int
    distribution: dict[str, int] | None
    per_question: dict[str, int]


def _distribution(conn: Connection, class_id: int, phase: str, question: str) -> tuple[int, dict[str, int] | None]:
    """(answered, distribution) of one question: one grouped count on the board's index."""
    counts = dict(conn.execute(
        select(answers.c.option_id, func.count()).where(
            answers.c.class_id == class_id, answers.c.phase == phase, answers.c.question == question)
        .group_by(answers.c.option_id)).all())
    answered = sum(counts.values())
    return answered, (counts if answered >= limits.MIN_FOR_DISTRIBUTION else None)


def _quiz_progress(conn: Connection, class_id: int, phase: str) -> tuple[int, dict[str, int]]:
    """(learners who answered any question, answers per question) of a quiz phase."""
    mine = (answers.c.class_id == class_id, answers.c.phase == phase)
    per_question = dict(conn.execute(select(answers.c.question, func.count()).where(*mine)
                                     .group_by(answers.c.question)).all())
    took = conn.execute(select(func.count(func.distinct(answers.c.learner_id))).where(*mine)).scalar_one()
    return took, per_question


def board(bind: Bind, code: object, secret: object, phase: object = None, question: object = None) -> Board:
    """The board: the class's state and the counts of one question (``phase`` and
    ``question`` given), or of what is open (the step, or the quiz). Cheap enough to
    read every second: two indexed queries (three in a quiz). ``forbidden`` without
    the right secret."""
    code = normalize_code(code)
    if question is not None:
        phase, question = check_phase(phase), check_id("question", question)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False, counts=True)
        state = state_of(row)
        if question is None and state.mode == "step":
            phase, question = "step", state.step
        if question is not None:
            answered, distribution = _distribution(conn, row["id"], phase, question)
            return Board(state, phase, question, answered, distribution, {})
        if state.mode in ("pre", "post"):
            took, per_question = _quiz_progress(conn, row["id"], state.mode)
            return Board(state, state.mode, None, took, None, per_question)
        return Board(state, None, None, 0, None, {})


# ----------------------------------------------------------------- the quiz's gain


@dataclass(frozen=True)
class Gain:
    """Right answers before and after among the same learners, and Hake's normalised gain.

    ``n`` learners took both quizzes; ``total`` answers are counted in each (``n`` for
    one question, ``n`` × questions for the whole quiz; an unanswered question counts
    as wrong). ``pre`` and ``post`` are shares in [0, 1]; the gain
    ⟨g⟩ = (post − pre) / (1 − pre) = (right_post − right_pre) / (total − right_pre),
    computed from the counts so that "pre = 100 %" is an exact test: None then (the
    page shows "—"), and None when nobody took both.
    """

    n: int
    total: int
    right_pre: int
    right_post: int

    @property
    def pre(self) -> float | None:
        return self.right_pre / self.total if self.total else None

    @property
    def post(self) -> float | None:
        return self.right_post / self.total if self.total else None

    @property
    def gain(self) -> float | None:
        room = self.total - self.right_pre
        return (self.right_post - self.right_pre) / room if self.total and room else None


@dataclass(frozen=True)
class QuizResults:
    """The class's quiz: ``took_pre`` / ``took_post`` learners answered at least one
    question of that quiz; ``questions`` maps each question id to its :class:`Gain` and
    ``overall`` is the whole quiz's, all over the same ``n`` learners who took both."""

    took_pre: int
    took_post: int
    questions: dict[str, Gain]
    overall: Gain


def _checked(correct: Mapping[str, str]) -> dict[str, str]:
    """The right answers, question id → option id, each an id; ``bad_argument`` else."""
    if not isinstance(correct, Mapping):
        raise ClassError("bad_argument", name="correct", value=type(correct).__name__)
    return {check_id("question", q): check_id("option", o) for q, o in correct.items()}


def gains(chosen: Mapping[str, Mapping[int, Mapping[str, str]]], correct: Mapping[str, str]) -> QuizResults:
    """The arithmetic of :func:`quiz_results` on plain data: ``chosen[phase][learner]
    [question]`` = option id. Separate from the database so it can be checked by hand."""
    both = sorted(set(chosen.get("pre", {})) & set(chosen.get("post", {})))

    def right(phase: str, question: str) -> int:
        return sum(1 for who in both if chosen[phase][who].get(question) == correct[question])

    questions = {q: Gain(len(both), len(both), right("pre", q), right("post", q)) for q in correct}
    overall = Gain(len(both), len(both) * len(correct), sum(g.right_pre for g in questions.values()),
                   sum(g.right_post for g in questions.values()))
    return QuizResults(len(chosen.get("pre", {})), len(chosen.get("post", {})), questions, overall)


def quiz_results(bind: Bind, code: object, secret: object, correct: Mapping[str, str]) -> QuizResults:
    """The quiz before and after: per question and overall, the share right before and
    after and the class's normalised gain with its N, counting only learners who took
    both quizzes (:class:`Gain`). ``correct`` maps each question id to its right option
    id (the lesson's content stays out of the store); answers to other ids are ignored."""
    code, correct = normalize_code(code), _checked(correct)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False)
        found = conn.execute(select(answers.c.phase, answers.c.learner_id, answers.c.question, answers.c.option_id)
                             .where(answers.c.class_id == row["id"], answers.c.phase.in_(("pre", "post")),
                                    answers.c.question.in_(list(correct)))).all()
    chosen: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for phase, who, question, option in found:
        chosen[phase][who][question] = option
    return gains(chosen, correct)


# ----------------------------------------------------------------- learners and the CSV


@dataclass(frozen=True)
class LearnerEntry:
    """A learner on the teacher's list (to remove one): number, nickname or None."""

    number: int
    nickname: str | None


def learner_list(bind: Bind, code: object, secret: object) -> tuple[LearnerEntry, ...]:
    """The class's learners (removed ones left out), by number. Nicknames are plain
    text; the page hides them on the projector when the class's flag says so."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False)
        found = conn.execute(select(learners.c.number, learners.c.nickname)
                             .where(learners.c.class_id == row["id"], learners.c.removed.is_(False))
                             .order_by(learners.c.number)).all()
    return tuple(LearnerEntry(number, nickname) for number, nickname in found)


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (or tab, CR) would make
    Excel or LibreOffice read a nickname such as ``=HYPERLINK(…)`` as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(conn: Connection, class_id: int) -> list[tuple]:
    found = conn.execute(select(learners.c.number, learners.c.nickname, answers.c.phase, answers.c.question,
                                answers.c.option_id, answers.c.answered_at)
                         .join(learners, learners.c.id == answers.c.learner_id)
                         .where(answers.c.class_id == class_id)).all()
    return sorted(found, key=lambda r: (r[0], PHASE_ORDER.get(r[2], 9), r[3]))


def csv_of(conn: Connection, class_id: int, *, nicknames: bool = False,
           correct: Mapping[str, str] | None = None) -> str:
    """:func:`export_csv` inside a transaction the caller holds (``end_class`` uses it)."""
    correct = _checked(correct) if correct is not None else None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", *(["nickname"] if nicknames else []), "phase", "question", "option",
                     *(["correct"] if correct is not None else []), "answered_at"])
    for number, nickname, phase, question, option, answered_at in _csv_rows(conn, class_id):
        mark = []
        if correct is not None:
            judged = phase in ("pre", "post") and question in correct
            mark = [("1" if option == correct[question] else "0") if judged else ""]
        writer.writerow([number, *([spreadsheet_safe(nickname or "")] if nicknames else []), phase, question,
                         option, *mark, datetime.fromtimestamp(answered_at, UTC).isoformat(timespec="seconds")])
    return out.getvalue()


def export_csv(bind: Bind, code: object, secret: object, *, nicknames: bool = False,
               correct: Mapping[str, str] | None = None) -> str:
    """The class's answers as CSV text (UTF-8 when encoded; RFC 4180 quoting), one row
    per learner, phase and question answered: ``learner`` (their number), ``nickname``
    (only with ``nicknames=True``; empty when they gave none), ``phase`` (``pre``,
    ``step``, ``post``), ``question``, ``option`` (the option id), ``correct`` (only
    when ``correct`` maps the quiz's question ids to right option ids: 1 or 0 on quiz
    rows, empty on step rows) and ``answered_at`` (ISO 8601, UTC, to the second).
    Learners who answered nothing have no row."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False)
        return csv_of(conn, row["id"], nicknames=nicknames, correct=correct)
