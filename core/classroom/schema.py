"""The class store's tables, its schema version, and how a transaction is opened.

Eight tables, all named ``class_*`` so they can share a database with anything else:

``class_schema``
    one row: the schema's :data:`SCHEMA_VERSION`.
``class_limits``
    one row per server-wide rate (``create``: classes created; ``miss``: joins with a
    code that opens no live class): the current window and how much of it is used.
``class_rooms``
    one row per class: its code, the SHA-256 of the teacher's secret, what is open
    (``mode``: ``lobby``, ``step``, ``pre``, ``post``; ``step``: the current step's id;
    ``revealed``), the hide-nicknames flag, a ``revision`` that grows with every
    teacher action, the counters the caps and rates need, and its times (created, last
    activity, ended). Ended and expired classes keep only this row (a tombstone: code,
    secret hash, dates, why it ended) for TOMBSTONE_DAYS, then it goes too.
``class_learners``
    one row per learner of a class: the SHA-256 of their browser's token, their number
    in the class, their nickname (or NULL), when they joined, whether the teacher
    removed them, and their answer counters.
``class_answers``
    one row per learner, phase (``step``, ``pre``, ``post``) and question: the option
    id chosen (a language-neutral string such as ``line``) and when; a new answer to the
    same question replaces the old one (the last one counts).
``class_reveals``
    the steps of a class whose answer has been revealed (they take no more answers).
``class_networks``
    one row per learner who trains on the training page while in the class: their
    network's latest report (epoch, test accuracy and loss, activation, layers, data
    set, features, and its decision boundary as a 32 × 32 picture; the text
    ``core.guide.network_reports.encode`` writes) and when it came. Each report
    replaces the one before: only the latest counts.
``class_experiments``
    one row per class whose teacher set an experiment: the training settings every
    learner gets (or one set for odd learner numbers and one for even), as canonical
    training-page queries, and a ``revision`` that grows with each experiment set, so a
    page applies each once.
``class_big_screens``
    one row per class whose teacher put a learner's network on the big screen: which
    learner, and that learner's whole network (the text of a network file) as their
    page last sent it.

No IP address, user agent, e-mail or real name is stored; a nickname is whatever the
learner typed (cleaned, 24 characters at most), and optional. Times are seconds since
the epoch (UTC) as floating-point numbers.

Engines: SQLite (a file; WAL mode so replicas on one machine share it) or PostgreSQL.
:func:`prepare_engine` attaches what SQLite needs to every new connection; every store
function calls it, and the page may call it first. Each store function is one short
transaction (:func:`transaction`). On SQLite one writer goes at a time (``BEGIN
IMMEDIATE``; the threads of one process queue on a lock of their own first). On
PostgreSQL a writer locks the class's row first and a learner's row second, never the
other way, so concurrent writers wait instead of deadlocking: teacher actions and joins
lock the class row for writing, answers only share it (answers of different learners go
side by side; a reveal waits for the answers in flight, and answers after it see it).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    event,
    exc,
    inspect,
    select,
    text,
)
from sqlalchemy.schema import CreateIndex, CreateTable

from core.classroom import limits
from core.classroom.errors import ClassError

__all__ = [
    "LIMIT_NAMES",
    "SCHEMA_VERSION",
    "UPGRADABLE",
    "answers",
    "classes",
    "ensure_schema",
    "experiments",
    "big_screens",
    "learners",
    "limits_table",
    "metadata",
    "networks",
    "prepare_engine",
    "reveals",
    "schema_info",
    "transaction",
]

#: Raise it with every change of the tables, and teach :func:`ensure_schema` the step.
#: 2: ``class_networks`` and ``class_experiments`` added; 3: ``class_big_screens``.
SCHEMA_VERSION = 3
#: Older versions :func:`ensure_schema` brings up to date in place. Every step so far only
#: added tables, so creating the missing ones is the whole upgrade (a step that changes
#: a table will need its own ``ALTER TABLE`` here).
UPGRADABLE = (1, 2)
#: The rows of ``class_limits``: one per server-wide rate.
LIMIT_NAMES = ("create", "miss")
ID = 32  # the width of a question/option/phase id (limits.ID_PATTERN)

metadata = MetaData()

schema_info = Table(
    "class_schema", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("id = 1", name="class_schema_one_row"),
)

limits_table = Table(
    "class_limits", metadata,
    Column("name", String(16), primary_key=True),
    Column("window_start", BigInteger, nullable=False),
    Column("used", Integer, nullable=False),
)

classes = Table(
    "class_rooms", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(limits.CODE_LENGTH), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("mode", String(8), nullable=False),
    Column("step", String(ID)),
    Column("revealed", Boolean, nullable=False),
    Column("hide_nicknames", Boolean, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("next_number", Integer, nullable=False),
    Column("join_window", BigInteger, nullable=False),
    Column("joins_used", Integer, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("active_at", Float, nullable=False),
    Column("ended_at", Float),
    Column("end_reason", String(8)),
    Index("ix_class_rooms_active_at", "active_at"),
    Index("ix_class_rooms_ended_at", "ended_at"),
)

learners = Table(
    "class_learners", metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("nickname", String(limits.MAX_NICKNAME)),
    Column("removed", Boolean, nullable=False),
    Column("answers_used", Integer, nullable=False),
    Column("rate_window", BigInteger, nullable=False),
    Column("rate_used", Integer, nullable=False),
    Column("joined_at", Float, nullable=False),
    UniqueConstraint("class_id", "token_hash", name="uq_class_learners_token"),
    UniqueConstraint("class_id", "number", name="uq_class_learners_number"),
)

answers = Table(
    "class_answers", metadata,
    Column("learner_id", ForeignKey("class_learners.id", ondelete="CASCADE"), primary_key=True),
    Column("phase", String(4), primary_key=True),
    Column("question", String(ID), primary_key=True),
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), nullable=False),
    Column("option_id", String(ID), nullable=False),
    Column("answered_at", Float, nullable=False),
    # The board's query: count one question's answers by option, in one class.
    Index("ix_class_answers_question", "class_id", "phase", "question", "option_id"),
)

reveals = Table(
    "class_reveals", metadata,
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), primary_key=True),
    Column("question", String(ID), primary_key=True),
)

networks = Table(
    "class_networks", metadata,
    Column("learner_id", ForeignKey("class_learners.id", ondelete="CASCADE"), primary_key=True),
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), nullable=False),
    Column("report", String(limits.MAX_REPORT_CHARS), nullable=False),
    Column("reported_at", Float, nullable=False),
    # The teacher's gallery reads one class's networks every few seconds.
    Index("ix_class_networks_class", "class_id"),
)

experiments = Table(
    "class_experiments", metadata,
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), primary_key=True),
    Column("revision", Integer, nullable=False),
    # Everyone's settings, or side a's (odd learner numbers) when split; NULL: no experiment.
    Column("settings_a", String(limits.MAX_EXPERIMENT_CHARS)),
    # Side b's settings (even learner numbers); NULL: not split.
    Column("settings_b", String(limits.MAX_EXPERIMENT_CHARS)),
    Column("set_at", Float, nullable=False),
)

big_screens = Table(
    "class_big_screens", metadata,
    Column("class_id", ForeignKey("class_rooms.id", ondelete="CASCADE"), primary_key=True),
    # The learner whose network the teacher put on the big screen.
    Column("learner_id", ForeignKey("class_learners.id", ondelete="CASCADE"), nullable=False),
    Column("asked_at", Float, nullable=False),
    # Their whole network (a network file's text), once their page has sent it; NULL before.
    Column("network", String(limits.MAX_NETWORK_CHARS)),
    Column("sent_at", Float),
)

# ----------------------------------------------------------------- connections

#: Execution option marking a connection whose transaction will write.
WRITE_OPTION = "classroom_write"
#: SQLite waits this long for another writer before giving up (then: ``unavailable``).
SQLITE_BUSY_MS = 10_000
# The errors that mean "the database is not there" (refused, closed, timed out, locked
# beyond busy_timeout), as opposed to a bug in a statement.
_DOWN = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)
_PREPARE_LOCK = threading.Lock()
_WRITERS: weakref.WeakKeyDictionary[Engine, threading.BoundedSemaphore] = weakref.WeakKeyDictionary()
#: PostgreSQL write transactions of one process at a time (SQLite: one). SQLAlchemy's
#: default pool holds 5 connections and opens up to 10 more: reads keep the rest.
WRITERS_PER_PROCESS = 4
#: Seconds a writer waits in that queue (SQLAlchemy's pool waits as long for a connection).
WRITER_WAIT = 30.0


def _sqlite_connect(dbapi_connection, _record) -> None:
    """Per new SQLite connection: take over transactions (pysqlite's own BEGIN comes
    late and deferred), wait for writers instead of failing, keep foreign keys, and use
    the write-ahead log (readers never block the writer; safe for replicas on one machine)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    _use_wal(cursor)
    # In WAL mode NORMAL loses at most the last transactions on a power cut, never the file.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _use_wal(cursor, pause: float = 0.01) -> None:
    """Switch the file to the write-ahead log (kept in the file: a no-op once done).

    While another connection holds the write lock, the switch fails at once with
    "database is locked": SQLite does not wait for it with ``busy_timeout``. Replicas
    opening a fresh file together met that (once in a full suite run), so the switch is
    tried again until ``SQLITE_BUSY_MS`` has passed, as a statement would wait."""
    deadline = time.monotonic() + SQLITE_BUSY_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)


def _sqlite_begin(conn: Connection) -> None:
    """A writing transaction takes SQLite's write lock at BEGIN: a deferred one that read
    first would fail at once ("database is locked") if another writer went in between,
    without waiting for busy_timeout."""
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def prepare_engine(engine: Engine) -> Engine:
    """Attach the SQLite pragmas and transaction handling to ``engine`` (once; nothing
    to do for other databases) and return it. Connections the pool opened before are
    dropped, so every connection has them. Safe to call from many threads."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _sqlite_connect):
        return engine
    with _PREPARE_LOCK:
        if not event.contains(engine, "connect", _sqlite_connect):
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            engine.dispose()
    return engine


@contextmanager
def _writers(engine: Engine) -> Iterator[None]:
    """The engine's writers' queue, so that readers always find a pooled connection.

    SQLite lets one writer in at a time and makes the others retry in its busy handler,
    which sleeps in steps of up to 100 ms: the threads of one process (one Streamlit
    server) queue on a Python lock instead, woken as soon as it is free; only other
    processes (replicas) meet SQLite's own wait. PostgreSQL takes writers side by side,
    but a burst of answers would hold every connection of the pool while the teacher's
    board waits for one: at most WRITERS_PER_PROCESS write at once, the rest queue here.
    A writer that waits WRITER_WAIT seconds gives up: ``unavailable`` (reason ``busy``).
    """
    with _PREPARE_LOCK:
        if engine not in _WRITERS:
            _WRITERS[engine] = threading.BoundedSemaphore(1 if engine.dialect.name == "sqlite"
                                                          else WRITERS_PER_PROCESS)
        queue = _WRITERS[engine]
    if not queue.acquire(timeout=WRITER_WAIT):
        raise ClassError("unavailable", reason="busy")
    try:
        yield
    finally:
        queue.release()


@contextmanager
def transaction(bind: Engine | Connection, *, write: bool = False) -> Iterator[Connection]:
    """One transaction on ``bind``, committed when the block ends, rolled back on error.

    With an Engine: a pooled connection and a transaction of its own (``write`` makes it
    ``BEGIN IMMEDIATE`` on SQLite, and queues behind the process's other writers;
    without ``write``, PostgreSQL runs the statements in autocommit, which at its READ
    COMMITTED level reads the same). With a Connection: its transaction if one is open
    (the caller commits), else a new one (on SQLite, prepare its engine first). A database that cannot be reached raises
    ``ClassError("unavailable")``, with the driver's error as its ``__cause__``.
    """
    try:
        if isinstance(bind, Connection):
            if bind.in_transaction():
                yield bind
            else:
                with bind.begin():
                    yield bind
            return
        prepare_engine(bind)
        with _writers(bind) if write else nullcontext(), bind.connect() as conn:
            if write:
                conn.execution_options(**{WRITE_OPTION: True})
            elif bind.dialect.name == "postgresql":
                # At READ COMMITTED every statement sees its own snapshot, in a transaction
                # or not: a read gains nothing from BEGIN and COMMIT but two round trips.
                conn.execution_options(isolation_level="AUTOCOMMIT")
            with conn.begin():
                yield conn
    except _DOWN as error:
        raise ClassError("unavailable", reason=type(error.orig if isinstance(error, exc.DBAPIError)
                                                    else error).__name__) from error


# ----------------------------------------------------------------- creating the schema

# pg_advisory_xact_lock key: any fixed 64-bit number, the same in every replica.
_SCHEMA_LOCK = 0x636C617373  # "class"


def _found_version(conn: Connection) -> int | None:
    """The schema version in the database, or None before the tables exist."""
    if not inspect(conn).has_table(schema_info.name):
        return None
    return conn.execute(select(schema_info.c.version).where(schema_info.c.id == 1)).scalar()


def _create(conn: Connection) -> None:
    """Create every table and index that is missing, then the version and limit rows."""
    for table in metadata.sorted_tables:
        conn.execute(CreateTable(table, if_not_exists=True))
        for index in sorted(table.indexes, key=lambda i: i.name):
            conn.execute(CreateIndex(index, if_not_exists=True))
    conn.execute(schema_info.delete())
    conn.execute(schema_info.insert().values(id=1, version=SCHEMA_VERSION))
    have = set(conn.execute(select(limits_table.c.name)).scalars())
    for name in LIMIT_NAMES:
        if name not in have:
            conn.execute(limits_table.insert().values(name=name, window_start=0, used=0))


def ensure_schema(bind: Engine | Connection) -> None:
    """Create the store's tables on first use; do nothing when they are there.

    Idempotent, and safe when replicas call it at the same moment: the check and the
    creation run in one transaction that holds SQLite's write lock, or a PostgreSQL
    advisory lock (PostgreSQL's ``CREATE TABLE IF NOT EXISTS`` alone races on its
    catalog). A database of an older version in :data:`UPGRADABLE` is upgraded in the
    same transaction (its classes and answers kept); one written by any other schema
    version raises ``ClassError("schema", found=…, expected=SCHEMA_VERSION)``.
    """
    with transaction(bind, write=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        found = _found_version(conn)
        if found is None or found in UPGRADABLE:
            _create(conn)
        elif found != SCHEMA_VERSION:
            raise ClassError("schema", found=found, expected=SCHEMA_VERSION)
