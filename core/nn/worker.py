"""One thread that trains every playing learner's network between their ticks.

Why one thread. A Streamlit server is one process, and its script threads share one
interpreter lock. When every learner's tick trained in its own script thread, 30 ticks
training at once paid for the lock at every one of the thousands of small numpy calls an
epoch makes: measured here, one frame (an epoch and its 100 × 100 grid) cost 0.24 ms of
CPU in one thread and 1.6 ms with 30 threads training side by side, 2.1 ms with 100
(``python tests/bench/bench_training.py --only threads``). The ticks also came in bursts (a class
presses Play together), so the core was full for a moment and idle the rest.

So the training moves out of the ticks. :data:`WORKER` visits the learners who are
playing in turn and makes, for each, the next frame its next tick will take
(:meth:`TrainingSession.make_ahead <core.nn.session.TrainingSession.make_ahead>`): at
most the frames of the time since that learner's last tick, plus :data:`LEAD` seconds,
so it keeps pace with real time and never runs far ahead. A tick then only takes the
frames made for it (and makes one itself if there are none, so every tick delivers).
Under overload each pass still gives every learner one frame: all slow down evenly.

The worker spends at most what the process's budget leaves for training,
``core − overhead`` of a core (:class:`core.nn.fair_share.FairShare`, whose overhead is
measured), and reports what it trained to it; the page runs keep the rest. A learner whose
ticks stop coming (a closed tab, a paused view) is dropped after :data:`STALE_TICKS` tick
intervals; a session that is gone is dropped too (the worker holds only a weak reference).
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass

from core.nn.fair_share import CLASSROOM, FairShare
from core.nn.session import FRAME_RATE, MAX_CATCH_UP, MAX_SPEED_FRAME_RATE, TrainingSession

__all__ = ["LEAD", "STALE_TICKS", "TrainingWorker", "WORKER"]

#: Seconds of frames made ahead of the time since the last tick: a tick that comes a
#: little late (ticks are timers in a busy browser) finds its frames ready.
LEAD = 0.3
#: A learner with no tick for this many tick intervals (plus a second) is no longer trained.
STALE_TICKS = 2
#: The least CPU seconds one visit trains at speed "max" before it makes a frame.
MIN_MAX_SPEED_SLICE = 0.005
#: The worker's CPU is counted over windows of this many seconds.
BUDGET_WINDOW = 0.25


@dataclass
class _Watched:
    session: weakref.ref
    speed: int | None  # epochs per frame; None for "max"
    every: float  # seconds between this learner's ticks
    seen: float  # monotonic time of its last tick


class TrainingWorker:
    """Trains the watched learners' networks ahead of their ticks; see the module docstring."""

    def __init__(self, share: FairShare = CLASSROOM, clock=time.monotonic, thread_clock=time.thread_time,
                 idle: float = 1.0 / (2 * FRAME_RATE)):
        self.share = share
        self._clock, self._thread_clock, self._idle = clock, thread_clock, idle
        self._watched: dict[str, _Watched] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.next_due = 0.0  # when the last pass found the next frame due

    # ------------------------------------------------------------------ the page's side

    def watch(self, learner: str, session: TrainingSession, speed: int | None, every: float) -> None:
        """After ``learner``'s tick: train ``session`` at ``speed`` until the next one,
        due in ``every`` seconds."""
        with self._lock:
            self._watched[learner] = _Watched(weakref.ref(session), speed, float(every), self._clock())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="training-worker", daemon=True)
                self._thread.start()
        self._wake.set()

    def forget(self, learner: str) -> None:
        """``learner`` stopped playing (or left)."""
        with self._lock:
            self._watched.pop(learner, None)

    def watching(self, learner: str) -> bool:
        with self._lock:
            return learner in self._watched

    # ------------------------------------------------------------------ the thread's side

    def wanted(self, session: TrainingSession, speed: int | None, now: float) -> int:
        """Frames ``session``'s next tick will take if it comes :data:`LEAD` s from now."""
        rate = MAX_SPEED_FRAME_RATE if speed is None else FRAME_RATE
        last = session.last_tick
        since = LEAD if last is None else min(max(0.0, now - last) + LEAD, MAX_CATCH_UP)
        return int(since * rate)

    def max_speed_slice(self) -> float:
        """CPU seconds of training per frame at speed "max": a learner's share of the
        budget for one of the :data:`MAX_SPEED_FRAME_RATE` frames a second (alone on the
        server, most of a core, as when the tick trained for its whole budget)."""
        return max(MIN_MAX_SPEED_SLICE, self.share.share(self.share.playing) / MAX_SPEED_FRAME_RATE)

    def due(self, session: TrainingSession, speed: int | None) -> float:
        """When ``session``'s next tick will want one more frame than it has."""
        rate = MAX_SPEED_FRAME_RATE if speed is None else FRAME_RATE
        last = session.last_tick if session.last_tick is not None else self._clock()
        return last + (session.ahead + 1) / rate - LEAD

    def visit(self) -> bool:
        """One pass: one frame for each watched learner whose next tick wants more; True
        if any frame was made."""
        now = self._clock()
        with self._lock:
            watched = list(self._watched.items())
        made = False
        self.next_due = now + self._idle
        for learner, w in watched:
            session = w.session()
            if session is None or now - w.seen > STALE_TICKS * w.every + 1.0:
                with self._lock:
                    if self._watched.get(learner) is w:
                        del self._watched[learner]
                continue
            if session.ahead >= self.wanted(session, w.speed, now):
                self.next_due = min(self.next_due, self.due(session, w.speed))
                continue
            if not session.lock.acquire(blocking=False):
                continue  # a script run has it (a click, a tick): next pass
            try:
                start = self._thread_clock()
                session.make_ahead(w.speed, self.max_speed_slice(), self._thread_clock)
                self.share.spent(self._thread_clock() - start)
                made = True
            finally:
                session.lock.release()
        return made

    def _run(self) -> None:
        window_start, window_cpu = self._clock(), self._thread_clock()
        while True:
            with self._lock:
                empty = not self._watched
            if empty:
                self._wake.clear()
                self._wake.wait(timeout=5.0)
                continue
            if not self.visit():
                # Until a learner wants its next frame (at most a short while): a fixed
                # nap cost speed "max" a tenth of its training, one nap per frame.
                time.sleep(min(self._idle, max(0.0005, self.next_due - self._clock())))
            # Keep within the process's budget for training: sleep off any excess.
            wall = self._clock() - window_start
            if wall >= BUDGET_WINDOW:
                allowed = max(self.share.floor, self.share.core - self.share.overhead) * wall
                excess = (self._thread_clock() - window_cpu) - allowed
                if excess > 0:
                    time.sleep(min(excess, BUDGET_WINDOW))
                window_start, window_cpu = self._clock(), self._thread_clock()


#: The one worker of this server process (started by the first learner who plays).
WORKER = TrainingWorker()
