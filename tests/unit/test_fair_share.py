"""``core.nn.fair_share``: the process-wide CPU budget shared by the learners playing."""

import threading

import pytest

from core.nn import fair_share as fs
from core.nn.fair_share import FairShare


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_learner_gets_the_core_less_the_overhead():
    share = FairShare(core=0.8, overhead=0.05, clock=Clock(), cpu=Clock())
    assert share.grant("a", 1.0) == pytest.approx(0.75)
    assert share.grant("a", 0.5) == pytest.approx(0.375)


def test_learners_share_evenly_and_nobody_gets_nothing():
    clock = Clock()
    share = FairShare(core=0.8, overhead=0.3, floor=0.005, window=2.0, clock=clock, cpu=Clock())
    grants = [share.grant(name, 1.0) for name in "abcdefghij"]
    assert grants[-1] == pytest.approx((0.8 - 0.3) / 10)  # ten playing
    assert share.playing == 10
    crowd = [share.grant(f"l{i}", 1.0) for i in range(200)]
    assert crowd[-1] == pytest.approx(0.005)  # 210 playing: the floor, never zero


def test_the_training_together_never_takes_more_than_the_core_has_left():
    clock = Clock()
    share = FairShare(core=0.85, overhead=0.25, clock=clock, cpu=Clock())
    for n in (1, 4, 20):
        names = [f"{n}-{i}" for i in range(n)]
        for name in names:
            share.grant(name, 1.0)
        total = sum(share.grant(name, 1.0) for name in names)
        assert total <= 0.85 - 0.25 + 1e-12
        clock.now += 10.0  # everyone leaves before the next class


def test_the_overhead_is_measured_from_the_process_cpu_less_the_training():
    """CPU 0.9 s a second of which 0.6 s is reported training: overhead 0.3 (smoothed)."""
    clock, cpu = Clock(), Clock()
    share = FairShare(core=0.85, clock=clock, cpu=cpu)
    assert share.overhead == 0.0
    for _ in range(20):
        clock.now += fs.SAMPLE_SECONDS
        cpu.now += 0.9 * fs.SAMPLE_SECONDS
        share.spent(0.6 * fs.SAMPLE_SECONDS)
        share.grant("a", fs.SAMPLE_SECONDS)
    assert share.overhead == pytest.approx(0.3, rel=1e-3)
    assert share.grant("a", 1.0) == pytest.approx(0.85 - share.overhead)


def test_ticks_lengthen_while_the_overhead_is_over_its_share_and_come_back():
    clock, cpu = Clock(), Clock()
    share = FairShare(core=1.0, clock=clock, cpu=cpu)

    def second(overhead: float) -> None:
        clock.now += fs.SAMPLE_SECONDS
        cpu.now += overhead * fs.SAMPLE_SECONDS
        share.grant("a", fs.SAMPLE_SECONDS)

    assert share.tick_seconds(1.0) == 1.0
    for _ in range(10):
        second(0.9)  # far over 40 % of the core: doubling, up to the cap
    assert share.tick_seconds(1.0) == fs.MAX_TICK_FACTOR
    for _ in range(10):
        second(0.35)  # under 40 %, but twice that is not under 3/4 of it: stays
    assert share.tick_seconds(1.0) == fs.MAX_TICK_FACTOR
    for _ in range(10):
        second(0.05)  # light: back to the usual tick
    assert share.tick_seconds(1.0) == 1.0
    assert share.tick_seconds(0.25) == 0.25


def test_a_learner_who_stops_ticking_leaves_after_the_window():
    clock = Clock()
    share = FairShare(core=1.0, overhead=0.0, window=2.0, clock=clock, cpu=Clock())
    share.grant("gone", 1.0)
    clock.now = 0.5
    assert share.grant("here", 1.0) == pytest.approx(0.5)
    clock.now = 3.0  # "gone" last ticked 3 s ago
    assert share.grant("here", 1.0) == pytest.approx(1.0)


def test_leave_returns_the_share_at_once():
    share = FairShare(core=1.0, overhead=0.0, clock=Clock(), cpu=Clock())
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
            share.spent(0.001)

    threads = [threading.Thread(target=learner, args=(f"t{i}",)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(grants) == 1600 and all(0 < g <= 0.01 for g in grants)


@pytest.mark.parametrize("kwargs", [{"core": 0}, {"core": 1.5}, {"floor": 0}, {"floor": 0.9, "core": 0.5}])
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        FairShare(**kwargs)
