"""``core.nn.worker`` and ``TrainingSession.make_ahead``: training between the ticks.

The worker must not change what a learner sees: frames made ahead are the frames the
tick would have made (same epochs, same weights, same pictures), they are thrown away
when the network changes other than by playing on, and a tick still delivers at least
one frame when none was made. The worker itself keeps pace with real time, skips a
session a script run holds, forgets learners whose ticks stopped, and reports its
training to the process's budget.
"""

import threading
import time
import weakref

import numpy as np
import pytest

from core.nn.datasets import make_dataset, train_test_split
from core.nn.fair_share import FairShare
from core.nn.session import FRAME_RATE, TrainingSession
from core.nn.trainer import TrainConfig
from core.nn.worker import LEAD, STALE_TICKS, TrainingWorker

CFG = TrainConfig(hidden=(4, 2), activation="tanh", optimizer="adam", lr=0.03, batch_size=10, seed=5)


@pytest.fixture(scope="module")
def split():
    X, y = make_dataset("circle", 200, noise=0.0, seed=5)
    return train_test_split(X, y, 0.5, seed=5)


def playing(split, config=CFG):
    s = TrainingSession(grid=20)
    s.sync(config, split, ("circle",))
    s.play()
    return s


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, t=100.0):
        self.t = t

    def __call__(self):
        return self.t


def test_frames_made_ahead_are_the_frames_a_tick_would_make(split):
    alone, helped = playing(split), playing(split)
    by_tick = alone.tick(0.5, 2, budget=10.0)
    for _ in range(7):
        helped.make_ahead(2)
    assert helped.ahead == 7
    by_worker = helped.tick(0.5, 2, budget=0.0)  # no budget: only what was made ahead, and more if none
    assert [f.epoch for f in by_worker] == [f.epoch for f in by_tick][:7] == [2, 4, 6, 8, 10, 12, 14]
    for a, b in zip(by_tick, by_worker):
        np.testing.assert_array_equal(a.grid, b.grid)
        assert a.figures == b.figures
    # the rest of the tick's frames were not made: it does not pile up a debt either
    assert helped.ahead == 0 and len(helped.tick(0.1, 2, budget=0.0)) == 1


def test_a_tick_takes_no_more_than_its_time_and_keeps_the_rest(split):
    s = playing(split)
    for _ in range(10):
        s.make_ahead(1)
    frames = s.tick(0.1, 1, budget=0.0)
    assert [f.epoch for f in frames] == [1, 2, 3]  # 0.1 s at 30 frames/s
    assert s.ahead == 7
    assert [f.epoch for f in s.tick(0.1, 1, budget=0.0)] == [4, 5, 6]


@pytest.mark.parametrize("change", [
    lambda s, split: s.pause(),
    lambda s, split: s.reset(),
    lambda s, split: s.step(),
    lambda s, split: s.sync(TrainConfig(**{**CFG.__dict__, "lr": 0.1}), split, ("circle",)),
    lambda s, split: s.sync(TrainConfig(**{**CFG.__dict__, "activation": "relu"}), split, ("circle",)),
    lambda s, split: s.sync(CFG, split, ("circle",), ("tanh", "relu")),
])
def test_frames_made_ahead_go_when_the_network_changes(split, change):
    s = playing(split)
    for _ in range(5):
        s.make_ahead(1)
    change(s, split)
    assert s.ahead == 0


def test_a_change_of_speed_does_not_hand_out_frames_of_the_old_speed(split):
    s = playing(split)
    for _ in range(3):
        s.make_ahead(1)
    frames = s.tick(0.1, 5, budget=10.0)
    assert [f.epoch for f in frames] == [8, 13, 18]  # from epoch 3, five epochs a frame


def test_speed_max_takes_the_slices_made_ahead(split):
    s = playing(split)
    for _ in range(4):
        s.make_ahead(None, slice_seconds=0.002)
    frames = s.tick(1.0, None, budget=0.0)
    assert len(frames) == 4 and s.ahead == 0
    assert [f.epoch for f in frames] == sorted({f.epoch for f in frames})  # each slice further on


def test_nothing_is_made_ahead_while_paused(split):
    s = playing(split)
    s.pause()
    s.make_ahead(1)
    assert (s.ahead, s.epoch) == (0, 0)


def test_a_diverging_network_hands_over_its_frames_and_stops(split):
    s = playing(split, TrainConfig(**{**CFG.__dict__, "activation": "identity", "optimizer": "sgd", "lr": 40.0}))
    made = 0
    while not s.diverged and made < 500:
        s.make_ahead(1)
        made += 1
    assert s.diverged
    frames = s.tick(1.0, 1, budget=0.0)
    assert len(frames) == made and not s.playing


# ------------------------------------------------------------------ the worker


def test_the_worker_keeps_pace_with_real_time(split):
    clock = Clock()
    worker = TrainingWorker(FairShare(overhead=0.0), clock=clock)
    s = playing(split)
    s.since_last_tick(clock(), first=1.0)  # a tick just now
    worker._watched["a"] = _watched(s, 1, clock())
    for _ in range(100):
        worker.visit()
    assert s.ahead == int(LEAD * FRAME_RATE)  # only the lead: the next tick is not due
    clock.t += 0.5
    for _ in range(100):
        worker.visit()
    assert s.ahead == int((0.5 + LEAD) * FRAME_RATE)


def test_the_worker_gives_every_learner_one_frame_per_pass(split):
    clock = Clock()
    worker = TrainingWorker(FairShare(overhead=0.0), clock=clock)
    sessions = [playing(split) for _ in range(3)]
    for i, s in enumerate(sessions):
        s.since_last_tick(clock() - 1.0, first=1.0)
        worker._watched[str(i)] = _watched(s, 1, clock())
    assert worker.visit() is True
    assert [s.ahead for s in sessions] == [1, 1, 1]


def test_the_worker_skips_a_session_a_script_run_holds(split):
    clock = Clock()
    worker = TrainingWorker(FairShare(overhead=0.0), clock=clock)
    s = playing(split)
    s.since_last_tick(clock() - 1.0, first=1.0)
    worker._watched["a"] = _watched(s, 1, clock())
    held = threading.Event()
    release = threading.Event()

    def script_run():
        with s.lock:
            held.set()
            release.wait(5)

    t = threading.Thread(target=script_run)
    t.start()
    held.wait(5)
    try:
        assert worker.visit() is False and s.ahead == 0
    finally:
        release.set()
        t.join()
    assert worker.visit() is True and s.ahead == 1


def test_the_worker_forgets_learners_whose_ticks_stopped_or_who_are_gone(split):
    clock = Clock()
    worker = TrainingWorker(FairShare(overhead=0.0), clock=clock)
    stale, gone = playing(split), playing(split)
    worker._watched["stale"] = _watched(stale, 1, clock(), every=1.0)
    worker._watched["gone"] = _watched(gone, 1, clock())
    del gone
    clock.t += STALE_TICKS * 1.0 + 1.5
    worker.visit()
    assert not worker.watching("stale") and not worker.watching("gone")


def test_the_worker_reports_its_training_to_the_budget(split):
    share = FairShare(overhead=0.0)
    clock = Clock()
    worker = TrainingWorker(share, clock=clock)
    s = playing(split)
    s.since_last_tick(clock() - 1.0, first=1.0)
    worker._watched["a"] = _watched(s, 1, clock())
    for _ in range(10):
        worker.visit()
    assert share._trained > 0


def test_the_worker_thread_trains_a_watched_learner(split):
    worker = TrainingWorker(FairShare(overhead=0.0))
    s = playing(split)
    s.since_last_tick(time.monotonic(), first=1.0)
    worker.watch("a", s, 1, every=1.0)
    deadline = time.monotonic() + 10
    while s.ahead < int(LEAD * FRAME_RATE) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert s.ahead >= int(LEAD * FRAME_RATE)
    worker.forget("a")
    assert not worker.watching("a")


def _watched(session, speed, seen, every=1.0):
    from core.nn.worker import _Watched

    return _Watched(weakref.ref(session), speed, every, seen)
