"""``core.fair_share``: the process-wide CPU budget shared by the learners playing."""

import threading

import pytest

from core.fair_share import FairShare


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_learner_gets_the_capacity_times_the_elapsed_time():
    share = FairShare(capacity=0.6, clock=Clock())
    assert share.grant("a", 1.0) == pytest.approx(0.6)
    assert share.grant("a", 0.5) == pytest.approx(0.3)


def test_learners_share_evenly_and_nobody_gets_nothing():
    clock = Clock()
    share = FairShare(capacity=0.5, window=2.0, clock=clock)
    grants = [share.grant(name, 1.0) for name in "abcdefghij"]
    assert grants[-1] == pytest.approx(0.05)  # ten playing: a tenth each
    assert share.playing == 10
    assert min(share.grant(name, 1.0) for name in "abcdefghij") > 0


def test_the_total_never_exceeds_the_capacity():
    clock = Clock()
    share = FairShare(capacity=0.6, clock=clock)
    for name in "abcd":
        share.grant(name, 1.0)
    total = sum(share.grant(name, 1.0) for name in "abcd")
    assert total == pytest.approx(0.6)


def test_a_learner_who_stops_ticking_leaves_after_the_window():
    clock = Clock()
    share = FairShare(capacity=1.0, window=2.0, clock=clock)
    share.grant("gone", 1.0)
    clock.now = 1.0
    assert share.grant("here", 1.0) == pytest.approx(0.5)
    clock.now = 3.5  # "gone" last ticked 3.5 s ago
    assert share.grant("here", 1.0) == pytest.approx(1.0)


def test_leave_returns_the_share_at_once():
    share = FairShare(capacity=1.0, clock=Clock())
    share.grant("a", 1.0)
    share.grant("b", 1.0)
    share.leave("b")
    assert share.grant("a", 1.0) == pytest.approx(1.0)
    share.leave("never-played")  # harmless


def test_many_threads_at_once():
    share = FairShare(capacity=1.0)
    grants = []

    def learner(name):
        for _ in range(200):
            grants.append(share.grant(name, 0.01))

    threads = [threading.Thread(target=learner, args=(f"t{i}",)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(grants) == 1600 and all(0 < g <= 0.01 for g in grants)


def test_capacity_must_be_a_fraction_of_a_core():
    with pytest.raises(ValueError):
        FairShare(capacity=0)
    with pytest.raises(ValueError):
        FairShare(capacity=1.5)
