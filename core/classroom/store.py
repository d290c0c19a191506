"""A class's life: create it, join it, follow it, answer, end it; and the purge.

Every function here is one page action: one call, one short transaction (see
:mod:`core.classroom.schema`), on an SQLAlchemy ``Engine`` (or a ``Connection``); a
refusal is a :class:`~core.classroom.errors.ClassError` with a language-neutral code.
The teacher's actions are in :mod:`core.classroom.teacher`, the board, the quiz's gain
and the CSV in :mod:`core.classroom.results`.

What a learner can do is bound by their token (kept in their browser, stored only as a
hash): join, read the class's state and their own answers, and write their own answer
to the question that is open; they never read another learner's answer or name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, RowMapping, delete, func, insert, select, update

from core.classroom import limits
from core.classroom.access import (
    JOIN_RATE,
    SERVER_RATE,
    ClassState,
    answering,
    check_id,
    check_phase,
    class_by_code,
    class_query,
    learner_of,
    limited,
    live,
    note_activity,
    spent,
    state_of,
    take,
    teacher_class,
    touch,
)
from core.classroom.errors import ClassError
from core.classroom.names import normalize_nickname
from core.classroom.results import csv_of
from core.classroom.schema import answers, big_screens, classes, experiments, learners, networks, reveals, transaction
from core.classroom.tokens import hash_token, learner_token_hash, new_code, new_secret, normalize_code

__all__ = [
    "Learner",
    "LearnerView",
    "NewClass",
    "Purged",
    "class_state",
    "create_class",
    "end_class",
    "join_class",
    "purge_expired",
    "resume_class",
    "submit_answer",
]

Bind = Engine | Connection


@dataclass(frozen=True)
class NewClass:
    """A created class: the public ``code`` to project, and the teacher's ``secret`` (the
    control right and private resume token: never shown, never in a URL or a log)."""

    code: str
    secret: str

    def __repr__(self) -> str:  # a stray print or log line must not leak the secret
        return f"NewClass(code={self.code!r}, secret=…)"


@dataclass(frozen=True)
class Learner:
    """A learner as the class knows them: their ``number`` (1, 2, … in joining order, the
    anonymous label's number) and their cleaned nickname, or None."""

    number: int
    nickname: str | None


@dataclass(frozen=True)
class LearnerView:
    """What a learner's page reads every second or two: the class's state, who they are,
    and ``mine``: their own answers in the open phase, question id → option id (the
    open step's only, in ``step`` mode; every quiz answer, in ``pre``/``post``)."""

    state: ClassState
    learner: Learner
    mine: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Purged:
    """What a purge did: classes ``expired`` now (their learners and answers deleted),
    and old tombstones ``forgotten`` (their last row deleted)."""

    expired: int
    forgotten: int


# ----------------------------------------------------------------- create, resume, end


def _fresh_code(conn: Connection) -> str:
    """A code no class, live or remembered, has. 31⁸ codes for at most a few hundred
    classes: the first draw is new but for a chance of about 10⁻⁹."""
    for _ in range(20):
        code = new_code()
        if class_by_code(conn, code) is None:
            return code
    raise ClassError("full", what="codes", limit=limits.MAX_CLASSES)


def create_class(bind: Bind) -> NewClass:
    """Create a class: ``NewClass(code, secret)``. The store keeps the code and the
    secret's SHA-256, nothing about the teacher.

    Counts the creation against CREATE_RATE (``rate_limited``), does
    :func:`purge_expired`'s work (the opportunity to forget old classes), and refuses
    beyond MAX_CLASSES live classes (``full``, what="classes").
    """
    with transaction(bind, write=True) as conn:
        # The server-wide counter's row lock serialises creations: the count below is exact.
        take(conn, SERVER_RATE, "create", limits.CREATE_RATE, "classes")
        purge(conn)
        live_classes = conn.execute(select(func.count()).select_from(classes).where(
            classes.c.ended_at.is_(None), classes.c.active_at >= limits.now() - limits.EXPIRY_SECONDS)).scalar_one()
        if live_classes >= limits.MAX_CLASSES:
            raise ClassError("full", what="classes", limit=limits.MAX_CLASSES)
        made = NewClass(_fresh_code(conn), new_secret())
        moment = limits.now()
        conn.execute(insert(classes).values(
            code=made.code, secret_hash=hash_token(made.secret), mode="lobby", step=None, revealed=False,
            hide_nicknames=False, revision=0, next_number=1, join_window=0, joins_used=0,
            created_at=moment, active_at=moment))
    return made


def resume_class(bind: Bind, secret: object) -> ClassState:
    """The class a teacher's secret opens (the private resume link carries only the
    secret): its state, code included. ``forbidden`` if it opens none; ``ended`` /
    ``expired`` for a class that is over."""
    if not isinstance(secret, str) or not 0 < len(secret) <= limits.MAX_TOKEN:
        raise ClassError("forbidden")
    with transaction(bind) as conn:
        # Looking the hash up is not a timing oracle on the secret: a 256-bit secret's
        # hash tells nothing about the secret, and no prefix of it can be aimed at.
        row = conn.execute(class_query(classes.c.secret_hash == hash_token(secret), counts=True)).mappings().first()
        return state_of(live(row, missing="forbidden"))


def end_class(bind: Bind, code: object, secret: object, *, nicknames: bool = False,
              correct: Mapping[str, str] | None = None) -> str:
    """End the class: return its CSV (see :func:`core.classroom.results.export_csv`;
    ``nicknames`` and ``correct`` as there), then delete every learner, answer, reveal,
    network report and experiment of it, in the same transaction (a failure anywhere deletes nothing). What remains is
    a tombstone (code, secret hash, dates) for TOMBSTONE_DAYS, so late learners read
    ``ended``. The returned CSV is the last copy of the answers: the page offers
    :func:`~core.classroom.results.export_csv`'s download before it ends the class."""
    code = normalize_code(code)
    with transaction(bind, write=True) as conn:
        row = teacher_class(conn, code, secret)
        text = csv_of(conn, row["id"], nicknames=nicknames, correct=correct)
        forget(conn, [row["id"]], "ended")
    return text


def forget(conn: Connection, class_ids: Sequence[int], reason: str) -> None:
    """Delete the learners, answers, reveals, network reports and experiment of these
    classes and leave tombstones."""
    # Children first: no foreign key is left dangling.
    for table in (answers, reveals, big_screens, networks, experiments, learners):
        conn.execute(delete(table).where(table.c.class_id.in_(class_ids)))
    conn.execute(update(classes).where(classes.c.id.in_(class_ids)).values(
        mode="lobby", step=None, revealed=False, hide_nicknames=False, ended_at=limits.now(), end_reason=reason))


def purge(conn: Connection) -> Purged:
    """:func:`purge_expired` inside a transaction the caller holds."""
    moment = limits.now()
    stale = list(conn.execute(select(classes.c.id).where(
        classes.c.ended_at.is_(None), classes.c.active_at < moment - limits.EXPIRY_SECONDS)).scalars())
    if stale:
        forget(conn, stale, "expired")
    old = conn.execute(delete(classes).where(classes.c.ended_at < moment - limits.TOMBSTONE_SECONDS))
    return Purged(expired=len(stale), forgotten=old.rowcount)


def purge_expired(bind: Bind) -> Purged:
    """Expire every class without activity for EXPIRY_DAYS (delete its learners, answers,
    network reports and experiment, keep a tombstone) and delete tombstones older than TOMBSTONE_DAYS.

    Called by :func:`create_class` every time, and by the page when it starts; a class
    that has gone stale is refused as ``expired`` even before a purge removes its rows.
    """
    with transaction(bind, write=True) as conn:
        return purge(conn)


# ----------------------------------------------------------------- join


def _new_learner(conn: Connection, row: RowMapping, token_hash: str, nickname: str | None) -> Learner:
    """Seat a new learner: the next number, within MAX_LEARNERS_PER_CLASS."""
    number = row["next_number"]
    if number > limits.MAX_LEARNERS_PER_CLASS:
        raise ClassError("full", what="learners", limit=limits.MAX_LEARNERS_PER_CLASS)
    moment = limits.now()
    conn.execute(insert(learners).values(
        class_id=row["id"], token_hash=token_hash, number=number, nickname=nickname, removed=False,
        answers_used=0, rate_window=0, rate_used=0, joined_at=moment))
    conn.execute(update(classes).where(classes.c.id == row["id"]).values(
        next_number=classes.c.next_number + 1, active_at=moment))
    return Learner(number, nickname)


def _join(conn: Connection, code: str, token_hash: str, nickname: str | None) -> Learner | ClassError:
    """The join's transaction. A code that opens no live class is returned (not raised),
    so that the miss it counted is committed."""
    if spent(conn, SERVER_RATE, "miss", limits.MISS_RATE):
        raise limited("codes", limits.MISS_RATE)
    row = class_by_code(conn, code, lock="update")
    try:
        live(row)
    except ClassError as refusal:
        take(conn, SERVER_RATE, "miss", limits.MISS_RATE, "codes")
        return refusal
    take(conn, JOIN_RATE, row["id"], limits.JOIN_RATE, "joins")
    seat = conn.execute(select(learners).where(learners.c.class_id == row["id"],
                                               learners.c.token_hash == token_hash)).mappings().first()
    if seat is None:
        return _new_learner(conn, row, token_hash, nickname)
    if seat["removed"]:
        raise ClassError("removed")
    if nickname is not None and nickname != seat["nickname"]:
        conn.execute(update(learners).where(learners.c.id == seat["id"]).values(nickname=nickname))
    touch(conn, row["id"], always=True)
    return Learner(seat["number"], nickname if nickname is not None else seat["nickname"])


def join_class(bind: Bind, code: object, learner_token: object, nickname: object = None) -> Learner:
    """Join the class ``code`` as the browser holding ``learner_token``; a nickname is optional.

    The same token joining again is the same learner (same number; a new nickname
    replaces the old one, None keeps it). The nickname is cleaned by
    :func:`~core.classroom.names.normalize_nickname` (24 characters at most).
    Refusals: ``bad_code``, ``bad_token``, ``unknown_class``, ``ended``, ``expired``,
    ``removed``, ``rate_limited`` (JOIN_RATE per class; MISS_RATE of wrong codes on
    the server, and while that is spent every join waits), ``full`` (MAX_LEARNERS_PER_CLASS).
    """
    code, token_hash = normalize_code(code), learner_token_hash(learner_token)
    nickname = normalize_nickname(nickname)
    with transaction(bind, write=True) as conn:
        outcome = _join(conn, code, token_hash, nickname)
    if isinstance(outcome, ClassError):
        raise outcome
    return outcome


# ----------------------------------------------------------------- follow


def _mine(conn: Connection, learner_id: int, row: RowMapping) -> dict[str, str]:
    """The learner's own answers in the open phase (see :class:`LearnerView`)."""
    if row["mode"] == "lobby":
        return {}
    phase = "step" if row["mode"] == "step" else row["mode"]
    query = select(answers.c.question, answers.c.option_id).where(
        answers.c.learner_id == learner_id, answers.c.phase == phase)
    if phase == "step":
        query = query.where(answers.c.question == row["step"])
    return dict(conn.execute(query).all())


def class_state(bind: Bind, code: object, learner_token: object) -> LearnerView:
    """What the learner's page follows (a read: three indexed queries, no lock, no write).

    Refusals: ``bad_code``, ``bad_token``, ``not_joined`` (also for a code with no class:
    this call must not tell codes apart for someone who has not joined), ``removed``,
    ``ended``, ``expired``.
    """
    code, token_hash = normalize_code(code), learner_token_hash(learner_token)
    with transaction(bind) as conn:
        row = live(class_by_code(conn, code, counts=True), missing="not_joined")
        me = learner_of(conn, row["id"], token_hash)
        return LearnerView(state_of(row), Learner(me["number"], me["nickname"]),
                           _mine(conn, me["id"], row))


# ----------------------------------------------------------------- answer


def _check_open(row: RowMapping, phase: str, question: str) -> None:
    """A step's question takes answers while it is the open step and not revealed; a
    quiz's questions while that quiz is open. Else ``closed``."""
    if phase == "step":
        is_open = row["mode"] == "step" and row["step"] == question and not row["revealed"]
    else:
        is_open = row["mode"] == phase
    if not is_open:
        raise ClassError("closed", phase=phase, question=question)


def _store(conn: Connection, class_id: int, me: RowMapping, key: tuple[str, str], option: str) -> None:
    """Write the answer: replace the learner's earlier one, or add a row within their cap."""
    phase, question = key
    moment = limits.now()
    mine = (answers.c.learner_id == me["id"], answers.c.phase == phase, answers.c.question == question)
    if conn.execute(update(answers).where(*mine).values(option_id=option, answered_at=moment)).rowcount:
        return
    if me["answers_used"] >= limits.MAX_ANSWERS_PER_LEARNER:
        raise ClassError("full", what="answers", limit=limits.MAX_ANSWERS_PER_LEARNER)
    conn.execute(insert(answers).values(learner_id=me["id"], phase=phase, question=question,
                                        class_id=class_id, option_id=option, answered_at=moment))
    conn.execute(update(learners).where(learners.c.id == me["id"]).values(answers_used=learners.c.answers_used + 1))


def submit_answer(bind: Bind, code: object, learner_token: object, phase: object, question: object,
                  option: object) -> None:
    """The learner's answer ``option`` (an option id, e.g. ``"line"``, or a guessed
    number as a string) to ``question`` in ``phase`` (``step``, ``pre`` or ``post``).

    One answer per learner, phase and question: a new one replaces the old (the last
    counts). Only the token's own learner is written. Refusals: ``bad_code``,
    ``bad_token``, ``bad_argument`` (ids), ``not_joined``, ``removed``, ``ended``,
    ``expired``, ``closed`` (not the open step, revealed, or that quiz is not open),
    ``rate_limited`` (ANSWER_RATE), ``full`` (MAX_ANSWERS_PER_LEARNER).
    """
    code, token_hash = normalize_code(code), learner_token_hash(learner_token)
    key = (check_phase(phase), check_id("question", question))
    option = check_id("option", option)
    with transaction(bind, write=True) as conn:
        row = live(class_by_code(conn, code, lock="share"), missing="not_joined")
        # Membership first: a stranger must not learn from "closed" that a code exists.
        me = answering(conn, row["id"], token_hash)
        _check_open(row, *key)
        _store(conn, row["id"], me, key, option)
    if row["active_at"] < limits.now() - limits.ACTIVITY_RESOLUTION:
        note_activity(bind, row["id"])
