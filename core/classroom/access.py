"""Who may do what: the lookups every store function starts with, and the rate counters.

All of them run inside a transaction the caller opened (:func:`core.classroom.schema.
transaction`). The rule for locks, so that writers wait instead of deadlocking: a
writing transaction locks the class's row first, a learner's row second, and never
asks more of a row it holds (an answer shares the class row and never writes it: its
activity is noted in a transaction of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, RowMapping, Select, Table, and_, case, func, not_, select, update

from core.classroom import limits
from core.classroom.errors import ClassError
from core.classroom.schema import answers, classes, learners, limits_table, transaction
from core.classroom.tokens import same_hash

__all__ = [
    "ANSWER_RATE",
    "JOIN_RATE",
    "MODES",
    "PHASES",
    "SERVER_RATE",
    "ClassState",
    "Rate",
    "answering",
    "check_id",
    "check_phase",
    "class_by_code",
    "class_query",
    "gone",
    "is_stale",
    "learner_of",
    "limited",
    "live",
    "note_activity",
    "spent",
    "state_of",
    "take",
    "teacher_class",
    "touch",
    "window",
]

_ID = re.compile(limits.ID_PATTERN)
_NO_CLASS = "0" * 64  # a SHA-256 no secret has (as far as anyone will ever know)
#: What the class may have open: nothing, a lesson step, the quiz before or after.
MODES = ("lobby", "step", "pre", "post")
#: Answer phases: a lesson step's question, the quiz before, the quiz after.
PHASES = ("step", "pre", "post")


def check_id(name: str, value: object) -> str:
    """``value`` if it is an id (limits.ID_PATTERN), else ``ClassError("bad_argument")``."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        shown = value[:40] if isinstance(value, str) else type(value).__name__
        raise ClassError("bad_argument", name=name, value=shown)
    return value


def check_phase(phase: object) -> str:
    """One of :data:`PHASES`, or ``ClassError("bad_argument")``."""
    if phase not in PHASES:
        raise ClassError("bad_argument", name="phase", value=str(phase)[:40])
    return phase


# ----------------------------------------------------------------- classes


def class_query(*where, counts: bool = False) -> Select:
    """SELECT of the class rows matching ``where``; with ``counts``, also the two numbers
    of :class:`ClassState` (``joined``, ``answered``) as correlated subqueries, so that a
    page's state is one round trip to the database."""
    columns = [classes]
    if counts:
        joined = select(func.count()).select_from(learners).where(
            learners.c.class_id == classes.c.id, learners.c.removed.is_(False)).correlate(classes)
        answered = select(func.count()).select_from(answers).where(
            answers.c.class_id == classes.c.id, answers.c.phase == "step",
            answers.c.question == classes.c.step).correlate(classes)
        columns += [joined.scalar_subquery().label("joined"),
                    case((classes.c.mode == "step", answered.scalar_subquery()), else_=0).label("answered")]
    return select(*columns).where(*where)


def class_by_code(conn: Connection, code: str, *, lock: str | None = None, counts: bool = False) -> RowMapping | None:
    """The class row with this (normalised) code, live or not (``counts``: see
    :func:`class_query`). ``lock="update"`` holds it for writing until the transaction
    ends (PostgreSQL: FOR NO KEY UPDATE), ``"share"`` keeps it from changing meanwhile
    (FOR SHARE); SQLite's BEGIN IMMEDIATE already holds the whole database."""
    query = class_query(classes.c.code == code, counts=counts)
    if lock == "update":
        query = query.with_for_update(key_share=True, of=classes)
    elif lock == "share":
        query = query.with_for_update(read=True, of=classes)
    return conn.execute(query).mappings().first()


def is_stale(row: RowMapping) -> bool:
    """No activity for EXPIRY_DAYS: expired, even before a purge deletes its rows."""
    return row["active_at"] < limits.now() - limits.EXPIRY_SECONDS


def live(row: RowMapping | None, missing: str = "unknown_class") -> RowMapping:
    """The class row if the class is live; else ``ClassError`` ``missing`` (no such class),
    ``ended`` or ``expired``."""
    if row is None:
        raise ClassError(missing)
    if row["ended_at"] is not None:
        raise gone(row["end_reason"])
    if is_stale(row):
        raise gone("expired")
    return row


def gone(reason: str) -> ClassError:
    """The error for a class that ended (``ended``) or expired (``expired``)."""
    return ClassError("expired", days=limits.EXPIRY_DAYS) if reason == "expired" else ClassError("ended")


def teacher_class(conn: Connection, code: object, secret: object, *, lock: bool = True,
                  counts: bool = False) -> RowMapping:
    """The live class that ``secret`` opens, locked for writing by default (``counts``:
    see :func:`class_query`).

    An unknown code and a wrong secret give the same ``forbidden`` (the answer must not
    tell a forger which codes exist); an ended or expired class, once the secret is
    right, gives ``ended`` / ``expired``.
    """
    row = class_by_code(conn, code, lock="update" if lock else None, counts=counts) if isinstance(code, str) else None
    # Hash the secret even for an unknown code, so the two refusals also take the same time.
    if not same_hash(row["secret_hash"] if row else _NO_CLASS, secret) or row is None:
        raise ClassError("forbidden")
    return live(row)


def touch(conn: Connection, class_id: int, *, always: bool = False) -> None:
    """Record activity (it postpones expiry). Answers write it at most once per
    ACTIVITY_RESOLUTION seconds (``always=False``): they are many, expiry counts days."""
    moment = limits.now()
    query = update(classes).where(classes.c.id == class_id).values(active_at=moment)
    if not always:
        query = query.where(classes.c.active_at < moment - limits.ACTIVITY_RESOLUTION)
    conn.execute(query)


def note_activity(bind: Engine | Connection, class_id: int) -> None:
    """Postpone the class's expiry after a learner's write (an answer, a network report):
    a transaction of its own, after the write's, since those only share the class's row;
    best effort (the write is in, and the next one tries again)."""
    try:
        with transaction(bind, write=True) as conn:
            touch(conn, class_id)
    except ClassError:
        pass


# ----------------------------------------------------------------- learners


def learner_of(conn: Connection, class_id: int, token_hash: str) -> RowMapping:
    """The learner of this class with this token; ``not_joined`` or ``removed`` else."""
    row = conn.execute(select(learners).where(learners.c.class_id == class_id,
                                              learners.c.token_hash == token_hash)).mappings().first()
    if row is None:
        raise ClassError("not_joined")
    if row["removed"]:
        raise ClassError("removed")
    return row


# ----------------------------------------------------------------- the state a page follows


@dataclass(frozen=True)
class ClassState:
    """What every page of a class follows (a learner's page polls it every second or two).

    ``mode``: ``lobby`` (nothing open), ``step`` (the lesson step ``step``'s question),
    ``pre`` / ``post`` (the quiz before / after). ``revealed``: the current step's answer
    is revealed (it takes no more answers). ``revision`` grows with every teacher
    action, so a page can tell "nothing changed" from one number. ``joined``: learners
    in the class (removed ones not counted); ``answered``: how many of them answered
    the open step (0 in the quiz and the lobby).
    """

    code: str
    mode: str
    step: str | None
    revealed: bool
    revision: int
    hide_nicknames: bool
    joined: int
    answered: int


def state_of(row: RowMapping) -> ClassState:
    """The :class:`ClassState` of a class row read with ``counts`` (:func:`class_query`)."""
    return ClassState(code=row["code"], mode=row["mode"], step=row["step"], revealed=bool(row["revealed"]),
                      revision=row["revision"], hide_nicknames=bool(row["hide_nicknames"]),
                      joined=row["joined"], answered=row["answered"])


# ----------------------------------------------------------------- rates


@dataclass(frozen=True)
class Rate:
    """A fixed-window counter held in two columns of one row (``table.key == key``)."""

    table: Table
    key: str
    window: str
    used: str


#: The counters the store keeps, by where they live.
SERVER_RATE = Rate(limits_table, "name", "window_start", "used")
JOIN_RATE = Rate(classes, "id", "join_window", "joins_used")
ANSWER_RATE = Rate(learners, "id", "rate_window", "rate_used")


def window(seconds: float) -> int:
    """The number of the current window of ``seconds``."""
    return int(limits.now() // seconds)


def _counting(rate: Rate, budget: tuple[int, float]) -> tuple:
    """(the window is not full yet, the new counter values): a fixed window's arithmetic."""
    limit, seconds = budget
    current = window(seconds)
    win, used = rate.table.c[rate.window], rate.table.c[rate.used]
    return not_(and_(win == current, used >= limit)), {used: case((win == current, used + 1), else_=1), win: current}


def limited(what: str, budget: tuple[int, float]) -> ClassError:
    """The refusal for a spent ``budget`` of ``what`` (the page says how long to wait)."""
    return ClassError("rate_limited", what=what, limit=budget[0], seconds=int(budget[1]))


def take(conn: Connection, rate: Rate, key: object, budget: tuple[int, float], what: str) -> None:
    """Count one event against ``budget`` = (limit, seconds) on the row ``key``, or raise
    ``rate_limited`` (and count nothing) when the window's limit is used up. One UPDATE:
    the row's lock makes it exact under concurrent writers."""
    room, values = _counting(rate, budget)
    if conn.execute(update(rate.table).where(rate.table.c[rate.key] == key, room).values(values)).rowcount != 1:
        raise limited(what, budget)


def answering(conn: Connection, class_id: int, token_hash: str) -> RowMapping:
    """The learner about to answer (``id``, ``answers_used``): one UPDATE … RETURNING finds
    them by token, counts the answer against ANSWER_RATE and locks their row; then
    ``not_joined``, ``removed`` or ``rate_limited`` when it finds no row."""
    room, values = _counting(ANSWER_RATE, limits.ANSWER_RATE)
    found = conn.execute(update(learners).where(
        learners.c.class_id == class_id, learners.c.token_hash == token_hash, learners.c.removed.is_(False), room)
        .values(values).returning(learners.c.id, learners.c.answers_used)).mappings().first()
    if found is None:
        learner_of(conn, class_id, token_hash)  # not_joined, removed
        raise limited("answers", limits.ANSWER_RATE)
    return found


def spent(conn: Connection, rate: Rate, key: object, budget: tuple[int, float]) -> bool:
    """Is this window's budget used up (without counting anything)?"""
    limit, seconds = budget
    row = conn.execute(select(rate.table.c[rate.window], rate.table.c[rate.used])
                       .where(rate.table.c[rate.key] == key)).first()
    return row is not None and row[0] == window(seconds) and row[1] >= limit
