"""A process-wide CPU budget for live training, shared evenly by the learners playing.

A Streamlit server is one Python process: every session's script runs in a thread of
it and they all share one interpreter lock, so at most about one core of Python work
gets done per second, whatever the machine has. Without a budget the learner at speed
"max" takes what the others need, and with many learners each one's share is decided
by thread scheduling, unevenly.

:class:`FairShare` hands out CPU time instead. A learner who is playing asks, on every
tick, for the time it may spend training; the answer is

    grant = max(floor, (core − overhead · n) / n) · elapsed

where ``core`` is the share of one core the process may fill, ``overhead`` what
Streamlit's own work costs per learner playing (running the ticks, sending them; it is
not training, so it is kept free), ``elapsed`` the wall time since this learner's
previous tick and ``n`` the number of learners who ticked within the last ``window``
seconds. Each learner then trains until its grant is spent (or it has made the frames it
wanted). So the learners' training together never takes more than what the core has
left, everyone slows down evenly when many play, and nobody stalls: a grant is never
below ``floor``.

The budget is counted in CPU time of the learner's own thread (``time.thread_time``),
not wall time: a thread that waits for the interpreter lock is not charged for it.
"""

from __future__ import annotations

import threading
import time

__all__ = ["CLASSROOM", "FairShare"]


class FairShare:
    """Grants of CPU seconds per tick; thread-safe. See the module docstring."""

    def __init__(self, core: float = 0.85, overhead: float = 0.02, floor: float = 0.005,
                 window: float = 3.0, clock=time.monotonic):
        if not 0.0 < core <= 1.0:
            raise ValueError(f"core must be in (0, 1], got {core}")
        if not 0.0 <= overhead < core or not 0.0 < floor <= core:
            raise ValueError("overhead must be in [0, core) and floor in (0, core]")
        self.core, self.overhead, self.floor = float(core), float(overhead), float(floor)
        self.window = float(window)
        self._clock = clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def grant(self, learner: str, elapsed: float) -> float:
        """CPU seconds ``learner`` may spend on this tick, ``elapsed`` seconds after its last."""
        now = self._clock()
        with self._lock:
            self._seen[learner] = now
            gone = [k for k, seen in self._seen.items() if now - seen > self.window]
            for k in gone:
                del self._seen[k]
            n = len(self._seen)
        return self.share(n) * max(0.0, float(elapsed))

    def share(self, n: int) -> float:
        """CPU seconds per second of each of ``n`` learners playing."""
        n = max(1, int(n))
        return max(self.floor, (self.core - self.overhead * n) / n)

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


#: The one budget of this server process (every session's page uses it).
CLASSROOM = FairShare()
