"""The class's networks in the store (``core.classroom.networks``), on SQLite and PostgreSQL:
one row per learner, the latest report counts, the rate, who may write and read, and
that ending, expiring, purging and removing leave no network behind.

The store keeps a report's text without reading it; the text used here is any short
ASCII (what a report *is* is tested in ``test_network_reports.py``).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, select

from core.classroom import limits, networks, store, teacher
from core.classroom.schema import ensure_schema, learners
from core.classroom.schema import networks as network_table
from core.classroom.tokens import new_learner_token
from tests.unit.test_class_store import query_plans, refused, seat

report = networks.store_network_report


def rows(engine, made) -> list[tuple]:
    """(number, nickname, age, report) of every network the teacher's read returns."""
    return [(r.number, r.nickname, r.age, r.report) for r in networks.network_rows(engine, made.code, made.secret).rows]


def count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(network_table)).scalar()


# ----------------------------------------------------------------- one row per learner


def test_a_batch_stores_each_learner_and_a_refusal_stops_no_other(store_engine, clock):
    """A process's writer sends its learners' reports together: each is stored as alone,
    the sooner one dropped, a removed learner's and a bad code's refused, the rest kept."""
    made, other = store.create_class(store_engine), store.create_class(store_engine)
    ada, bob, cy = seat(store_engine, made, 3)
    (dee,) = seat(store_engine, other, 1)
    assert report(store_engine, made.code, cy, "cy-0")
    teacher.remove_learner(store_engine, made.code, made.secret, 2)
    clock.move(limits.MIN_REPORT_SECONDS / 2)
    results = networks.store_network_reports(store_engine, [
        (made.code, ada, "ada-1"), (made.code, bob, "bob-1"), ("??", ada, "x"),
        (other.code, dee, "dee-1"), (made.code, cy, "cy-too-soon")])
    assert results[0] is True and results[3] is True and results[4] is False
    assert results[1].code == "removed" and results[2].code == "bad_code"
    assert [(r[0], r[3]) for r in rows(store_engine, made)] == [(1, "ada-1"), (3, "cy-0")]
    assert [r[3] for r in rows(store_engine, other)] == ["dee-1"]
    assert networks.store_network_reports(store_engine, []) == []


def test_each_learner_has_one_network_and_the_latest_report_counts(store_engine, clock):
    made = store.create_class(store_engine)
    ada, bob, cy = seat(store_engine, made, 3, "Ada")
    assert report(store_engine, made.code, bob, "bob-1") and report(store_engine, made.code, ada, "ada-1")
    clock.move(5)
    assert report(store_engine, made.code, ada, "ada-2")
    clock.move(1)
    assert rows(store_engine, made) == [(1, "Ada", 1.0, "ada-2"), (2, "Ada", 6.0, "bob-1")]
    assert count(store_engine) == 2  # cy never reported: no row


def test_a_report_sooner_than_the_rate_is_dropped_quietly(store_engine, clock):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    assert report(store_engine, made.code, token, "first")
    clock.move(limits.MIN_REPORT_SECONDS - 0.1)
    assert report(store_engine, made.code, token, "too soon") is False
    clock.move(0.1)
    assert report(store_engine, made.code, token, "on time")
    assert [r[3] for r in rows(store_engine, made)] == ["on time"]
    clock.move(-3600)  # a replica whose clock is behind: the stored time is "in the future"
    assert report(store_engine, made.code, token, "clock behind")
    assert [r[3] for r in rows(store_engine, made)] == ["clock behind"]


def test_two_tabs_of_one_learner_reporting_at_once_store_one_report(store_engine):
    """The learner's row is locked first: no second INSERT of the same row, no error."""
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    start = threading.Barrier(6)

    def send(i: int) -> bool:
        start.wait()
        return report(store_engine, made.code, token, f"tab-{i}")

    with ThreadPoolExecutor(6) as pool:
        stored = list(pool.map(send, range(6)))
    assert stored.count(True) == 1 and count(store_engine) == 1
    assert rows(store_engine, made)[0][3] == f"tab-{stored.index(True)}"


def test_a_class_reporting_at_once_keeps_one_network_each(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 30)
    with ThreadPoolExecutor(12) as pool:
        stored = list(pool.map(lambda i: report(store_engine, made.code, tokens[i], f"n{i + 1}"), range(30)))
    assert all(stored)
    assert [(r[0], r[3]) for r in rows(store_engine, made)] == [(i, f"n{i}") for i in range(1, 31)]


# ----------------------------------------------------------------- who may write and read


def test_only_a_joined_learner_of_a_live_class_reports(store_engine):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    refused("not_joined", report, store_engine, made.code, new_learner_token(), "x")
    refused("not_joined", report, store_engine, "ABCDEFGH", token, "x")  # no oracle of codes
    refused("bad_token", report, store_engine, made.code, "short", "x")
    refused("bad_code", report, store_engine, "ABC", token, "x")
    store.end_class(store_engine, made.code, made.secret)
    refused("ended", report, store_engine, made.code, token, "x")
    assert count(store_engine) == 0


@pytest.mark.parametrize(("text", "problem"), [
    ("x" * (limits.MAX_REPORT_CHARS + 1), "too_large"), ("é", "type"), ("a\nb", "type"), (b"{}", "type"),
    (None, "type"), (42, "type")])
def test_the_store_keeps_only_short_printable_ascii(store_engine, text, problem):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    error = refused("bad_report", report, store_engine, made.code, token, text)
    assert error.details == {"field": "report", "problem": problem}
    assert count(store_engine) == 0
    assert report(store_engine, made.code, token, "x" * limits.MAX_REPORT_CHARS)  # the cap itself fits


def test_the_gallery_leaves_nicknames_out_while_the_class_hides_them(store_engine):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1, "Ada")[0]
    report(store_engine, made.code, token, "r")
    teacher.hide_nicknames(store_engine, made.code, made.secret)
    read = networks.network_rows(store_engine, made.code, made.secret)
    assert read.state.hide_nicknames and [(r.number, r.nickname) for r in read.rows] == [(1, None)]
    teacher.hide_nicknames(store_engine, made.code, made.secret, False)
    assert [r.nickname for r in networks.network_rows(store_engine, made.code, made.secret).rows] == ["Ada"]


def test_reading_the_networks_writes_nothing_and_needs_the_secret(store_engine):
    made, other = store.create_class(store_engine), store.create_class(store_engine)
    report(store_engine, made.code, seat(store_engine, made, 1)[0], "r")
    with store_engine.connect() as conn:
        before = conn.execute(select(network_table)).all()
    networks.network_rows(store_engine, made.code, made.secret)
    refused("forbidden", networks.network_rows, store_engine, made.code, other.secret)
    with store_engine.connect() as conn:
        assert conn.execute(select(network_table)).all() == before


# ----------------------------------------------------------------- nothing left behind


def test_a_removed_learners_network_goes_and_they_cannot_report_again(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 2)
    for token in tokens:
        report(store_engine, made.code, token, "r")
    teacher.remove_learner(store_engine, made.code, made.secret, 1)
    assert [r[0] for r in rows(store_engine, made)] == [2] and count(store_engine) == 1
    refused("removed", report, store_engine, made.code, tokens[0], "again")


def test_expiry_deletes_the_networks_and_reports_keep_a_class_alive(store_engine, clock):
    quiet, busy = store.create_class(store_engine), store.create_class(store_engine)
    report(store_engine, quiet.code, seat(store_engine, quiet, 1)[0], "quiet")
    trainer = seat(store_engine, busy, 1)[0]
    for _ in range(3):  # 21 days in all, a report every week: busy lives on
        clock.move(7 * limits.DAY)
        assert report(store_engine, busy.code, trainer, "busy")
    assert store.purge_expired(store_engine) == store.Purged(expired=1, forgotten=0)
    with store_engine.connect() as conn:
        assert conn.execute(select(network_table.c.report)).scalars().all() == ["busy"]
    refused("expired", report, store_engine, quiet.code, trainer, "x")


def test_the_rows_per_class_stay_within_the_cap(store_engine, monkeypatch):
    """Every learner reporting many times leaves one network row each: the cap's count."""
    monkeypatch.setattr(limits, "MAX_LEARNERS_PER_CLASS", 3)
    monkeypatch.setattr(limits, "MIN_REPORT_SECONDS", 0.0)
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 3)
    for _ in range(4):
        for token in tokens:
            report(store_engine, made.code, token, "r")
    with store_engine.connect() as conn:
        held = sum(conn.execute(select(func.count()).select_from(t)).scalar() for t in (learners, network_table))
    assert held == 3 * 2


# ----------------------------------------------------------------- cheap enough to poll


def test_reports_and_the_gallery_search_indexes_and_never_scan_a_table(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'class.sqlite3'}")
    ensure_schema(engine)
    made = store.create_class(engine)
    tokens = seat(engine, made, 3)

    def poll() -> None:
        for token in tokens * 2:  # the first report inserts, the second (too soon) looks and leaves
            report(engine, made.code, token, "r")
        networks.network_rows(engine, made.code, made.secret)

    plans = query_plans(engine, poll)
    assert plans and not [p for p in plans if p.startswith("SCAN")], plans


# ----------------------------------------------------------------- the big screen


def test_the_big_screen_keeps_only_the_chosen_learners_whole_network(store_engine, clock):
    """The teacher picks learner 2: the learners' pages learn whose network is wanted (a
    token hash), only that learner's whole network is kept, even from a report that came
    too soon for the gallery; choosing nobody, or removing the learner, clears it."""
    from core.classroom.tokens import learner_token_hash

    made, other = store.create_class(store_engine), store.create_class(store_engine)
    ada, bob = seat(store_engine, made, 2)
    (cy,) = seat(store_engine, other, 1)
    assert networks.big_screen(store_engine, made.code, made.secret) is None
    assert networks.big_screen_token(store_engine, made.code) is None
    networks.put_on_big_screen(store_engine, made.code, made.secret, 2)
    assert networks.big_screen_token(store_engine, made.code) == learner_token_hash(bob)
    assert networks.big_screen_token(store_engine, other.code) is None
    assert networks.big_screen(store_engine, made.code, made.secret) == networks.BigScreen(2, None, None)
    networks.store_network_reports(store_engine, [(made.code, ada, "a", "ada-net"), (made.code, bob, "b", "bob-net"),
                                                  (other.code, cy, "c", "cy-net")])
    clock.move(limits.MIN_REPORT_SECONDS / 2)
    assert networks.store_network_reports(store_engine, [(made.code, bob, "b2", "bob-net-2")]) == [False]
    clock.move(1.0)
    assert networks.big_screen(store_engine, made.code, made.secret) == networks.BigScreen(2, "bob-net-2", 1.0)
    networks.put_on_big_screen(store_engine, made.code, made.secret, None)
    assert networks.big_screen(store_engine, made.code, made.secret) is None
    networks.put_on_big_screen(store_engine, made.code, made.secret, 2)
    teacher.remove_learner(store_engine, made.code, made.secret, 2)
    assert networks.big_screen(store_engine, made.code, made.secret) is None
    assert networks.big_screen_token(store_engine, made.code) is None


def test_the_big_screen_refuses_what_it_should(store_engine):
    made = store.create_class(store_engine)
    (ada,) = seat(store_engine, made, 1)
    refused("forbidden", networks.put_on_big_screen, store_engine, made.code, "not-the-secret-at-all", 1)
    refused("forbidden", networks.big_screen, store_engine, made.code, "not-the-secret-at-all")
    refused("not_joined", networks.put_on_big_screen, store_engine, made.code, made.secret, 7)
    refused("bad_argument", networks.put_on_big_screen, store_engine, made.code, made.secret, True)
    networks.put_on_big_screen(store_engine, made.code, made.secret, 1)
    too_large = "x" * (limits.MAX_NETWORK_CHARS + 1)
    (result,) = networks.store_network_reports(store_engine, [(made.code, ada, "a", too_large)])
    assert result.code == "bad_report" and result.details == {"field": "network", "problem": "too_large"}
    (result,) = networks.store_network_reports(store_engine, [(made.code, ada, "a", "网络")])
    assert result.details["problem"] == "type"
    store.end_class(store_engine, made.code, made.secret)
    with store_engine.connect() as conn:
        from core.classroom.schema import big_screens
        assert conn.execute(select(func.count()).select_from(big_screens)).scalar() == 0
