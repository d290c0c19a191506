"""A process-wide CPU budget for live training, shared evenly by the learners playing.

A Streamlit server is one Python process: every session's script runs in a thread of
it and they all share one interpreter lock, so at most about one core of Python work
gets done per second, whatever the machine has. Without a budget the learner at speed
"max" takes what the others need, and with many learners each one's share is decided
by thread scheduling, unevenly.

:class:`FairShare` hands out CPU time instead. A learner who is playing asks, on every
tick, for the time it may spend training; the answer is

    grant = max(floor, (core − overhead) / n) · elapsed

where ``core`` is the share of one core the process may fill, ``n`` the number of
learners who ticked within the last ``window`` seconds, ``elapsed`` the wall time since
this learner's previous tick, and ``overhead`` what the process spends per second on
everything but training: running each tick as a Streamlit script, sending it, the other
sessions' page runs. ``overhead`` is **measured**, not assumed: every
:data:`SAMPLE_SECONDS` the process's CPU time (all threads, ``time.process_time``) is
compared with the training time the learners reported (:meth:`FairShare.spent`), and
the difference is smoothed. (A fixed cost per learner, the earlier model, starved the
training at 34 learners while the core still had room, and left nothing at 42.)

Each learner then trains until its grant is spent (or it has made the frames it
wanted), so the learners' training together never takes more than what the core has
left, everyone slows down evenly, and nobody stalls: a grant is never below ``floor``.
On a server most training is done between the ticks by the process's one training
worker (:mod:`core.nn.worker`): it spends at most ``core − overhead`` and reports what it
trained here, and a tick whose frames the worker made spends none of its grant.

The overhead grows with the number of ticks, so when a class is large the ticks must
come less often: :meth:`FairShare.tick_seconds` lengthens the interval between a
learner's ticks (doubling it, up to :data:`MAX_TICK_FACTOR` times) while the measured
overhead would take more than :data:`OVERHEAD_SHARE` of the core, and shortens it again
when it falls below half that. A longer tick carries more frames; the browser plays
them back at the same rate, so the picture stays smooth.

The budget is counted in CPU time of the learner's own thread (``time.thread_time``),
not wall time: a thread that waits for the interpreter lock is not charged for it.
"""

from __future__ import annotations

import threading
import time

__all__ = ["CLASSROOM", "FairShare", "MAX_TICK_FACTOR", "OVERHEAD_SHARE", "SAMPLE_SECONDS"]

#: How often the process's CPU is sampled to measure the overhead.
SAMPLE_SECONDS = 1.0
#: The overhead may take at most this share of the core before the ticks lengthen.
OVERHEAD_SHARE = 0.4
#: Ticks lengthen at most this many times (a tick of 4 s at speed 1: 120 frames).
MAX_TICK_FACTOR = 4
#: Weight of the newest sample in the smoothed rates.
SMOOTHING = 0.5


class FairShare:
    """Grants of CPU seconds per tick; thread-safe. See the module docstring."""

    def __init__(self, core: float = 0.85, floor: float = 0.005, window: float = 3.0,
                 clock=time.monotonic, cpu=time.process_time, overhead: float | None = None):
        if not 0.0 < core <= 1.0:
            raise ValueError(f"core must be in (0, 1], got {core}")
        if not 0.0 < floor <= core:
            raise ValueError("floor must be in (0, core]")
        self.core, self.floor, self.window = float(core), float(floor), float(window)
        self._clock, self._cpu = clock, cpu
        self._fixed_overhead = overhead  # tests: a known overhead instead of a measured one
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()
        self._sample_at, self._sample_cpu = clock(), cpu()
        self._trained = 0.0  # training CPU reported since the last sample
        self._overhead = 0.0  # smoothed CPU seconds per second spent on all but training
        self._factor = 1  # ticks are this many times their usual length

    # ------------------------------------------------------------------ grants

    def grant(self, learner: str, elapsed: float) -> float:
        """CPU seconds ``learner`` may spend on this tick, ``elapsed`` seconds after its last."""
        now = self._clock()
        with self._lock:
            self._seen[learner] = now
            for k in [k for k, seen in self._seen.items() if now - seen > self.window]:
                del self._seen[k]
            n = len(self._seen)
            self._sample(now)
        return self.share(n) * max(0.0, float(elapsed))

    def spent(self, seconds: float) -> None:
        """A learner reports the CPU seconds its tick spent training (not overhead)."""
        with self._lock:
            self._trained += max(0.0, float(seconds))

    def share(self, n: int) -> float:
        """CPU seconds per second of each of ``n`` learners playing."""
        n = max(1, int(n))
        return max(self.floor, (self.core - self.overhead) / n)

    @property
    def overhead(self) -> float:
        """CPU seconds per second the process spends on all but training (measured)."""
        return self._overhead if self._fixed_overhead is None else float(self._fixed_overhead)

    def leave(self, learner: str) -> None:
        """``learner`` stopped playing: its share goes back to the others at once."""
        with self._lock:
            self._seen.pop(learner, None)

    @property
    def playing(self) -> int:
        """Learners who ticked within the window."""
        now = self._clock()
        with self._lock:
            return sum(1 for seen in self._seen.values() if now - seen <= self.window)

    # ------------------------------------------------------------------ measuring

    def _sample(self, now: float) -> None:
        """Every SAMPLE_SECONDS: the process's CPU less the reported training, smoothed;
        then the tick length that keeps that overhead within its share. Lock held."""
        wall = now - self._sample_at
        if wall < SAMPLE_SECONDS:
            return
        cpu = self._cpu()
        rate = max(0.0, (cpu - self._sample_cpu - self._trained) / wall)
        self._overhead = SMOOTHING * rate + (1.0 - SMOOTHING) * self._overhead
        self._sample_at, self._sample_cpu, self._trained = now, cpu, 0.0
        self._factor = self._next_factor(self.overhead)

    def _next_factor(self, overhead: float) -> int:
        """Double the tick while the overhead takes over its share of the core; halve it
        when, at the shorter tick (twice the overhead), it would still stay under three
        quarters of that share (so it does not flip back and forth)."""
        limit = OVERHEAD_SHARE * self.core
        factor = self._factor
        if overhead > limit and factor < MAX_TICK_FACTOR:
            return min(MAX_TICK_FACTOR, factor * 2)
        if factor > 1 and overhead * 2 < 0.75 * limit:
            return factor // 2
        return factor

    def tick_seconds(self, base: float) -> float:
        """The interval between a learner's ticks now: ``base``, or longer under load."""
        return float(base) * self._factor


#: The one budget of this server process (every session's page uses it).
CLASSROOM = FairShare()
