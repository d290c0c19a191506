"""``core.fair_share``: the process-wide CPU budget shared by the learners playing."""

import threading

import pytest

from core.nn.fair_share import FairShare


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_learner_gets_the_core_less_its_overhead():
    share = FairShare(core=0.8, overhead=0.05, clock=Clock())
    assert share.grant("a", 1.0) == pytest.approx(0.75)
    assert share.grant("a", 0.5) == pytest.approx(0.375)


def test_learners_share_evenly_and_nobody_gets_nothing():
    clock = Clock()
    share = FairShare(core=0.8, overhead=0.03, floor=0.005, window=2.0, clock=clock)
    grants = [share.grant(name, 1.0) for name in "abcdefghij"]
    assert grants[-1] == pytest.approx((0.8 - 0.3) / 10)  # ten playing
    assert share.playing == 10
    crowd = [share.grant(f"l{i}", 1.0) for i in range(40)]
    assert crowd[-1] == pytest.approx(0.005)  # fifty playing: the floor, never zero


def test_the_training_together_never_takes_more_than_the_core_has_left():
    clock = Clock()
    share = FairShare(core=0.85, overhead=0.02, clock=clock)
    for n in (1, 4, 20):
        names = [f"{n}-{i}" for i in range(n)]
        for name in names:
            share.grant(name, 1.0)
        total = sum(share.grant(name, 1.0) for name in names)
        assert total <= 0.85 - 0.02 * n + 1e-12
        clock.now += 10.0  # everyone leaves before the next class


def test_a_learner_who_stops_ticking_leaves_after_the_window():
    clock = Clock()
    share = FairShare(core=1.0, overhead=0.0, window=2.0, clock=clock)
    share.grant("gone", 1.0)
    clock.now = 1.0
    assert share.grant("here", 1.0) == pytest.approx(0.5)
    clock.now = 3.5  # "gone" last ticked 3.5 s ago
    assert share.grant("here", 1.0) == pytest.approx(1.0)


def test_leave_returns_the_share_at_once():
    share = FairShare(core=1.0, overhead=0.0, clock=Clock())
    share.grant("a", 1.0)
    share.grant("b", 1.0)
    share.leave("b")
    assert share.grant("a", 1.0) == pytest.approx(1.0)
    share.leave("never-played")  # harmless


def test_many_threads_at_once():
    share = FairShare()
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


@pytest.mark.parametrize("kwargs", [{"core": 0}, {"core": 1.5}, {"overhead": 0.9}, {"floor": 0}])
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        FairShare(**kwargs)
