"""The class store under bad input, time, crowds and failure, on SQLite and PostgreSQL.

Hostile nicknames; the caps and rates (shrunk by monkeypatching the named limits, the
clock moved by replacing ``limits.now``); expiry; many threads answering at once (every
answer counted exactly once); replicas creating the schema at the same moment; and the
database going away in the middle of a class (``unavailable``, then back).
"""

from __future__ import annotations

import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, select

from core.classroom import limits, results, schema, store, teacher
from core.classroom.errors import ClassError
from core.classroom.names import normalize_nickname
from core.classroom.schema import answers, ensure_schema, learners, limits_table, reveals, schema_info
from core.classroom.tokens import new_learner_token
from tests.unit.test_class_store import refused, seat

# ----------------------------------------------------------------- hostile nicknames

HOSTILE = {
    "10 kB": "A" * 10_240,
    "markdown": "**bold** _it_ [link](javascript:alert(1)) `code` # title",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "rtl override": "\u202egnp.exe\u202c Bob",
    "bidi isolates": "\u2067مرحبا\u2069 \u2066x\u2069",
    "arabic and hebrew": "مرحبا שלום",
    "zero width": "A\u200bd\u200ca\u200d\ufeff",
    "controls and newlines": "Ada\x00\x07\n\r\tLovelace\x1b[31m",
    "only invisible": "\u200b\u200e\u202e\u3164 \t",
    "decomposed accents": "Jose\u0301 Zoe\u0308",
    "emoji": "🦊 learner 🚀",
    "lone surrogate": "x\ud800y",
    "line separator": "a\u2028b\u2029c",
    "zalgo": "Z" + "\u0336\u0334" * 500,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_nicknames_are_stored_cleaned_and_as_text(store_engine, name):
    raw = HOSTILE[name]
    made = store.create_class(store_engine)
    learner = store.join_class(store_engine, made.code, new_learner_token(), raw)
    expected = normalize_nickname(raw)
    assert learner.nickname == expected
    listed = results.learner_list(store_engine, made.code, made.secret)
    assert [entry.nickname for entry in listed] == [expected]
    if expected is not None:
        assert 0 < len(expected) <= limits.MAX_NICKNAME
        assert not {unicodedata.category(c) for c in expected} & {"Cc", "Cf", "Cs", "Co"}
        assert unicodedata.is_normalized("NFC", expected)


def test_markup_in_a_nickname_is_kept_as_characters():
    assert normalize_nickname("<b>x</b>") == "<b>x</b>"
    assert normalize_nickname("**x**") == "**x**"
    assert normalize_nickname("\u202egnp.exe") == "gnp.exe"
    assert normalize_nickname(HOSTILE["only invisible"]) is None
    assert normalize_nickname(HOSTILE["controls and newlines"]) == "Ada Lovelace[31m"
    assert normalize_nickname(HOSTILE["decomposed accents"]) == "José Zoë"


# ----------------------------------------------------------------- caps and rates


def test_class_creation_is_rate_limited_and_capped(store_engine, monkeypatch, clock):
    monkeypatch.setattr(limits, "CREATE_RATE", (3, 3600.0))
    monkeypatch.setattr(limits, "MAX_CLASSES", 4)
    made = [store.create_class(store_engine) for _ in range(3)]
    error = refused("rate_limited", store.create_class, store_engine)
    assert error.details == {"what": "classes", "limit": 3, "seconds": 3600}
    clock.move(3600)
    made.append(store.create_class(store_engine))
    refused("full", store.create_class, store_engine)
    store.end_class(store_engine, made[0].code, made[0].secret)  # an ended class frees its place
    store.create_class(store_engine)


def test_wrong_codes_are_rate_limited_for_the_whole_server(store_engine, monkeypatch, clock):
    monkeypatch.setattr(limits, "MISS_RATE", (3, 60.0))
    made = store.create_class(store_engine)
    for _ in range(3):
        refused("unknown_class", store.join_class, store_engine, "ABCDEFGH", new_learner_token())
    # The budget is spent: a right code waits too, or the answer would tell codes apart.
    refused("rate_limited", store.join_class, store_engine, "ABCDEFGH", new_learner_token())
    refused("rate_limited", store.join_class, store_engine, made.code, new_learner_token())
    clock.move(60)
    assert store.join_class(store_engine, made.code, new_learner_token()).number == 1


def test_joins_of_a_class_are_rate_limited_and_capped(store_engine, monkeypatch, clock):
    monkeypatch.setattr(limits, "JOIN_RATE", (4, 60.0))
    monkeypatch.setattr(limits, "MAX_LEARNERS_PER_CLASS", 3)
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    for _ in range(3):  # a reload joins again: it counts
        store.join_class(store_engine, made.code, token)
    refused("rate_limited", store.join_class, store_engine, made.code, token)
    clock.move(60)
    seat(store_engine, made, 2)
    error = refused("full", store.join_class, store_engine, made.code, new_learner_token())
    assert error.details == {"what": "learners", "limit": 3}
    assert store.join_class(store_engine, made.code, token).number == 1  # a seated learner still comes back


def test_answers_are_rate_limited_and_capped(store_engine, monkeypatch, clock):
    monkeypatch.setattr(limits, "ANSWER_RATE", (5, 60.0))
    monkeypatch.setattr(limits, "MAX_ANSWERS_PER_LEARNER", 3)
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    for question in ("q1", "q2", "q3"):
        store.submit_answer(store_engine, made.code, token, "pre", question, "a")
    refused("full", store.submit_answer, store_engine, made.code, token, "pre", "q4", "a")
    store.submit_answer(store_engine, made.code, token, "pre", "q1", "b")  # a change needs no new row
    store.submit_answer(store_engine, made.code, token, "pre", "q1", "c")  # 5 written; the refusal did not count
    refused("rate_limited", store.submit_answer, store_engine, made.code, token, "pre", "q2", "b")
    clock.move(60)
    store.submit_answer(store_engine, made.code, token, "pre", "q2", "b")
    view = store.class_state(store_engine, made.code, token)
    assert view.mine == {"q1": "c", "q2": "b", "q3": "a"}


def test_rows_per_class_are_held_by_the_caps_on_learners_answers_and_reveals(store_engine, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LEARNERS_PER_CLASS", 2)
    monkeypatch.setattr(limits, "MAX_ANSWERS_PER_LEARNER", 2)
    monkeypatch.setattr(limits, "MAX_REVEALS_PER_CLASS", 1)
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 2)
    refused("full", store.join_class, store_engine, made.code, new_learner_token())
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    for token in tokens:
        for question in ("q1", "q2"):
            store.submit_answer(store_engine, made.code, token, "pre", question, "a")
        error = refused("full", store.submit_answer, store_engine, made.code, token, "pre", "q3", "a")
        assert error.details == {"what": "answers", "limit": 2}
    teacher.open_step(store_engine, made.code, made.secret, "s1")
    teacher.reveal(store_engine, made.code, made.secret)
    teacher.open_step(store_engine, made.code, made.secret, "s2")
    refused("full", teacher.reveal, store_engine, made.code, made.secret)
    with store_engine.connect() as conn:
        rows = sum(conn.execute(select(func.count()).select_from(t)).scalar() for t in (learners, answers, reveals))
    # MAX_ROWS_PER_CLASS's formula at the shrunk limits (less the class's own row): full, not beyond.
    assert rows == 2 * (1 + 2) + 1
    teacher.remove_learner(store_engine, made.code, made.secret, 2)  # frees the learner's answers
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(answers)).scalar() == 2


@pytest.mark.parametrize("bad", [None, "", "a b", "x" * 33, "<b>", "é", 7, "line\n"])
def test_ids_are_short_plain_strings(store_engine, bad):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    refused("bad_argument", store.submit_answer, store_engine, made.code, token, "pre", "q1", bad)
    refused("bad_argument", store.submit_answer, store_engine, made.code, token, "pre", bad, "a")
    refused("bad_argument", store.submit_answer, store_engine, made.code, token, bad or "quiz", "q1", "a")
    refused("bad_argument", teacher.open_step, store_engine, made.code, made.secret, bad)


# ----------------------------------------------------------------- expiry


def test_a_class_expires_after_fourteen_days_without_activity(store_engine, clock):
    made, busy = store.create_class(store_engine), store.create_class(store_engine)
    token = seat(store_engine, made, 1, "Ada")[0]
    busy_token = seat(store_engine, busy, 1)[0]
    clock.move(10 * limits.DAY)
    teacher.open_quiz(store_engine, busy.code, busy.secret, "pre")  # activity: busy lives 14 days from now
    clock.move(4 * limits.DAY + 1)
    assert limits.EXPIRY_DAYS == 14
    error = refused("expired", store.class_state, store_engine, made.code, token)  # before any purge
    assert error.details == {"days": 14}
    refused("expired", store.join_class, store_engine, made.code, new_learner_token())
    refused("expired", teacher.open_step, store_engine, made.code, made.secret, "line")
    assert store.purge_expired(store_engine) == store.Purged(expired=1, forgotten=0)
    with store_engine.connect() as conn:
        assert conn.execute(select(learners.c.nickname)).scalars().all() == [None]  # busy's learner only
    store.submit_answer(store_engine, busy.code, busy_token, "pre", "q1", "a")
    refused("expired", store.join_class, store_engine, made.code, new_learner_token())  # the tombstone says so
    clock.move(limits.TOMBSTONE_DAYS * limits.DAY + 1)
    store.create_class(store_engine)  # a creation purges: busy expires, made's tombstone goes
    refused("unknown_class", store.join_class, store_engine, made.code, new_learner_token())
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(answers)).scalar() == 0


def test_answers_keep_a_class_alive(store_engine, clock):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    for _ in range(3):
        clock.move(7 * limits.DAY)
        store.submit_answer(store_engine, made.code, token, "pre", "q1", "a")
    assert store.purge_expired(store_engine) == store.Purged(0, 0)
    assert store.class_state(store_engine, made.code, token).state.mode == "pre"


# ----------------------------------------------------------------- crowds


def test_concurrent_answers_are_each_counted_exactly_once(store_engine):
    """40 learners, each answering 4 quiz questions and changing one, from 16 threads."""
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 40)
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    questions = ("q1", "q2", "q3", "q4")

    def answer(i: int) -> None:
        for question in questions:
            store.submit_answer(store_engine, made.code, tokens[i], "pre", question, "a")
        store.submit_answer(store_engine, made.code, tokens[i], "pre", questions[i % 4], "b")

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(answer, range(40)))
    for k, question in enumerate(questions):
        board = results.board(store_engine, made.code, made.secret, "pre", question)
        assert (board.answered, board.distribution) == (40, {"a": 30, "b": 10}), question
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(answers)).scalar() == 160
        assert conn.execute(select(learners.c.answers_used)).scalars().all() == [4] * 40


def test_concurrent_joins_get_distinct_numbers(store_engine):
    made = store.create_class(store_engine)
    with ThreadPoolExecutor(16) as pool:
        seated = list(pool.map(lambda _: store.join_class(store_engine, made.code, new_learner_token()), range(50)))
    assert sorted(s.number for s in seated) == list(range(1, 51))


def test_a_step_reveal_racing_answers_leaves_no_answer_after_it(store_engine):
    """Answers that arrive as the teacher reveals are either in before the reveal or refused."""
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 30)
    teacher.open_step(store_engine, made.code, made.secret, "stack")
    outcomes = []

    def answer(token: str) -> None:
        try:
            store.submit_answer(store_engine, made.code, token, "step", "stack", "line")
            outcomes.append("in")
        except ClassError as error:
            outcomes.append(error.code)

    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(answer, t) for t in tokens]
        state = teacher.reveal(store_engine, made.code, made.secret)
        [f.result() for f in futures]
    assert set(outcomes) <= {"in", "closed"}
    board = results.board(store_engine, made.code, made.secret)
    assert board.answered == outcomes.count("in") >= state.answered


def test_replicas_creating_the_schema_at_once_create_it_once(empty_store):
    engines = [empty_store.engine() for _ in range(4)]
    start = threading.Barrier(len(engines))

    def create(engine):
        start.wait()
        ensure_schema(engine)

    with ThreadPoolExecutor(len(engines)) as pool:
        list(pool.map(create, engines))
    with engines[0].connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema_info)).scalar() == 1
        assert sorted(conn.execute(select(limits_table.c.name)).scalars()) == ["create", "miss"]


def test_a_replica_opening_a_fresh_sqlite_file_while_another_writes_waits_for_it(tmp_path):
    """Switching a file to the write-ahead log fails at once while another connection holds
    the write lock (SQLite does not wait for it with busy_timeout): the replica that opened
    the file second now waits for the first, as its statements do."""
    import sqlite3

    path = tmp_path / "class.sqlite3"
    # In SQLite's default journal, as a fresh file is; committed later from a timer's thread.
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("CREATE TABLE t (i INTEGER)")
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO t VALUES (1)")
    probe = sqlite3.connect(path, isolation_level=None, timeout=5)
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # SQLite's own behaviour: no wait
        probe.execute("PRAGMA journal_mode = WAL")
    probe.close()
    threading.Timer(0.3, lambda: first.execute("COMMIT")).start()
    engine = create_engine(f"sqlite:///{path}")
    started = time.monotonic()
    ensure_schema(engine)  # connects (the switch), then creates the store's tables
    assert time.monotonic() - started >= 0.25  # it waited for the first writer
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.execute(select(func.count()).select_from(schema_info)).scalar() == 1
    engine.dispose()
    first.close()


# ----------------------------------------------------------------- the database goes away


def test_an_unreachable_sqlite_file_is_unavailable(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'folder' / 'class.sqlite3'}")
    error = refused("unavailable", ensure_schema, engine)
    assert error.details == {"reason": "OperationalError"}
    refused("unavailable", store.create_class, engine)
    engine.dispose()


def test_the_database_going_away_mid_class_is_unavailable_then_back(postgres_server):
    """A PostgreSQL server of its own (stopping the worker's would break other tests)."""
    from tests.pg_server import PostgresServer

    server = PostgresServer(postgres_server.bindir)
    server.start()
    engine = create_engine(server.url, pool_pre_ping=False)
    try:
        ensure_schema(engine)
        made = store.create_class(engine)
        token = seat(engine, made, 1)[0]
        teacher.open_step(engine, made.code, made.secret, "stack")
        server.stop()
        for call, args in ((store.class_state, (made.code, token)),
                           (store.submit_answer, (made.code, token, "step", "stack", "line")),
                           (results.board, (made.code, made.secret)),
                           (teacher.reveal, (made.code, made.secret)),
                           (store.create_class, ())):
            error = refused("unavailable", call, engine, *args)
            assert set(error.details) == {"reason"}
        server.start()
        deadline = time.monotonic() + 30
        while True:  # the pool drops its dead connections and opens new ones
            try:
                store.submit_answer(engine, made.code, token, "step", "stack", "line")
                break
            except ClassError as error:
                assert error.code == "unavailable" and time.monotonic() < deadline
        assert results.board(engine, made.code, made.secret).answered == 1
    finally:
        engine.dispose()
        server.remove()


def test_writers_queue_and_readers_pass_them(empty_store, monkeypatch):
    """A writer that holds the process's writing turn makes the next wait (then give up:
    ``unavailable``, reason ``busy``) while reads go on: the board never queues behind answers."""
    monkeypatch.setattr(schema, "WRITERS_PER_PROCESS", 1)
    monkeypatch.setattr(schema, "WRITER_WAIT", 0.3)
    engine = empty_store.engine()
    ensure_schema(engine)
    made = store.create_class(engine)
    token = seat(engine, made, 1)[0]
    holding, release = threading.Event(), threading.Event()

    def hold():
        with schema.transaction(engine, write=True):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        error = refused("unavailable", teacher.open_step, engine, made.code, made.secret, "line")
        assert error.details == {"reason": "busy"}
        assert results.board(engine, made.code, made.secret).state.joined == 1
        assert store.class_state(engine, made.code, token).learner.number == 1
    finally:
        release.set()
        holder.join()
    assert teacher.open_step(engine, made.code, made.secret, "line").step == "line"
