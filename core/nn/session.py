"""One learner's live training: play, pause, step, reset, compare, and the work per tick.

The model is the TensorFlow Playground's ``Player``: one small object owns the state a
page would otherwise scatter over flags. The page keeps one :class:`TrainingSession`
in its session state, calls :meth:`TrainingSession.sync` with the settings on every
run, the transport methods from its buttons, and :meth:`TrainingSession.tick` from the
live view's timer.

Ticks and frames
----------------
The browser shows :data:`FRAME_RATE` frames a second; at speed ``s`` each frame is ``s``
epochs further on. The server does not tick that often (every tick is a Streamlit run,
which costs more than the training in it): a tick makes all the frames of the time since
the previous tick, ``elapsed · FRAME_RATE`` of them (fractions carried over), and the
browser plays them back. ``elapsed`` is capped at :data:`MAX_CATCH_UP`, so a tab that
comes back from the background does not ask for a burst.

Each tick is given a CPU budget (see :mod:`core.nn.fair_share`): frames are made until
they are all made or the budget is spent, and at least one is always made, so a learner
slows down under load but never stalls. On a server the frames are mostly made before
the tick asks, by the process's one training worker (:mod:`core.nn.worker`, through
:meth:`TrainingSession.make_ahead`): the tick takes them as its own (they cost its budget
nothing) and makes the rest itself. Frames made ahead are the same epochs in the same
order, so a network trains the same either way; they are dropped whenever the network
changes other than by playing on. At speed ``"max"`` (``speed=None``) the tick
trains for its whole budget, in :data:`MAX_SPEED_FRAME_RATE` slices a second, and each
slice ends with a frame of the latest state.

Compared networks (compare mode) follow the main one epoch for epoch, from the same
initial weights, so the panels always show the same moment of training.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from core.nn.activations import auto_init
from core.nn.plane import Frame, GridProbe
from core.nn.trainer import TrainConfig, Trainer, initial_params_for

__all__ = ["FRAME_RATE", "MAX_CATCH_UP", "MAX_SPEED_FRAME_RATE", "TrainingSession", "compare_configs",
           "compare_init"]

#: Frames the browser shows per second while training.
FRAME_RATE = 30
#: The most wall time one tick makes frames (and asks for CPU) for, in seconds: a busy
#: browser whose ticks come late still gets its training, and a tab that comes back from
#: the background (where browsers slow timers to one a minute) does not ask for a burst.
#: Above the longest tick a large class gets (``fair_share.MAX_TICK_FACTOR`` × 1 s), so
#: a long tick still carries all of its seconds' frames.
MAX_CATCH_UP = 5.0
#: Frames per second at speed "max": each shows the latest state after a slice of the
#: tick's training budget (more would take time from training to draw it).
MAX_SPEED_FRAME_RATE = 10


def compare_init(config: TrainConfig) -> str:
    """The one initialisation every compared network uses.

    ``auto`` would give ReLU-like activations He and the others Glorot, so the networks
    would not start from the same weights; resolve it once, from the main activation.
    """
    return auto_init(config.activation) if config.init == "auto" else config.init


def compare_configs(config: TrainConfig, activations: Sequence[str]):
    """``(configs, initial_params)``: one config per activation, all starting from the
    same weights (same shapes, same init, same seed), so only the activation differs."""
    base = replace(config, init=compare_init(config))
    p0 = initial_params_for(base)
    return [replace(base, activation=a) for a in activations], p0


class TrainingSession:
    """Play/pause/step/reset over one main :class:`Trainer` and its compared twins.

    Attributes: ``trainer`` (the main one), ``compared`` (list, empty unless 2–4
    activations are compared), ``playing``, ``run_id`` (changes whenever training
    starts over, so a view can drop what it drew of the old run).
    """

    def __init__(self, grid: int = 100):
        self.trainer: Trainer | None = None
        self.compared: list[Trainer] = []
        self.playing = False
        self.run_id = 0
        self.probe = GridProbe(grid)
        self._inputs = None  # (config, split, data_key): what reset() rebuilds from
        self._initial = None  # loaded weights to start from (None: the config's seed)
        self._initial_slopes = None  # and a loaded PReLU network's learned slopes
        self._compare_key = None
        self._compare = ()
        self._carry = 0.0
        self._last_tick: float | None = None
        # Frames made ahead of the next tick by the training worker (core.nn.worker),
        # oldest first, and the speed they were made at. Emptied whenever the networks
        # change other than by playing on (settings, reset, step, pause, load).
        self._ahead: list[Frame] = []
        self._ahead_speed: int | None = None
        # Held by every script run that touches this session. Streamlit's fast reruns
        # start a new run as soon as the learner clicks, while the old run may still be
        # inside an epoch (it stops only at its next Streamlit call): two threads would
        # then train one network through the same buffers, and its weights became NaN
        # ("diverged") on a busy server.
        self.lock = threading.RLock()

    # ------------------------------------------------------------------ settings

    def sync(self, config: TrainConfig, split, data_key, compare: Sequence[str] = ()) -> bool:
        """Bring the trainers in line with the settings; True if training started over.

        A change of data or architecture (hidden, activation, init, optimizer, seed)
        starts over; a change of learning rate, batch size, loss or regularisation is
        applied to the running network, as a learner expects.
        """
        restart = (self.trainer is None or self._inputs is None or self._inputs[2] != data_key
                   or not self.trainer.can_update(config))
        if restart:
            self._start(config, split, data_key)
        elif self.trainer.config != config:
            self._drop_ahead()
            self.trainer.update_config(config)
            self._inputs = (config, split, data_key)
        self._sync_compare(tuple(compare))
        return restart

    def _start(self, config: TrainConfig, split, data_key, initial=None, slopes=None) -> None:
        trainer = Trainer(config, *split, initial_params=initial,  # may raise: change nothing yet
                          initial_slopes=slopes)
        self._inputs = (config, split, data_key)
        self._initial, self._initial_slopes = initial, slopes
        self._drop_ahead()
        self.trainer = trainer
        self.compared = []
        self._compare_key = None
        self._carry = 0.0
        self.run_id += 1

    def _sync_compare(self, activations: tuple[str, ...]) -> None:
        if activations != self._compare:
            self._drop_ahead()
        self._compare = activations
        if len(activations) < 2:
            self.compared, self._compare_key = [], None
            return
        config, split, data_key = self._inputs
        configs, p0 = compare_configs(config, activations)
        key = (data_key, activations, self.run_id)
        if key != self._compare_key or not all(
                t.can_update(c) for t, c in zip(self.compared, configs)):
            self.compared = [Trainer(c, *split, initial_params=p0) for c in configs]
            self._compare_key = key
            # Compared networks start at epoch 0: the main one starts over with them.
            if self.trainer.epoch:
                self.trainer = Trainer(config, *split, initial_params=self._initial,
                                       initial_slopes=self._initial_slopes)
                self.run_id += 1
                self._compare_key = (data_key, activations, self.run_id)
            return
        for t, c in zip(self.compared, configs):
            if t.config != c:
                self._drop_ahead()
                t.update_config(c)

    # ------------------------------------------------------------------ transport

    @property
    def split(self):
        """``(X_train, y_train, X_test, y_test)`` the networks train on (None before sync)."""
        return None if self._inputs is None else self._inputs[1]

    @property
    def diverged(self) -> bool:
        return self.trainer is not None and self.trainer.diverged

    @property
    def epoch(self) -> int:
        return 0 if self.trainer is None else self.trainer.epoch

    def play(self) -> None:
        self.playing = self.trainer is not None and not self.diverged
        self._carry = 0.0
        self._last_tick = None
        self._drop_ahead()

    def pause(self) -> None:
        self.playing = False
        self._drop_ahead()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self) -> None:
        """Pause and train exactly one epoch (every network)."""
        self.pause()
        if self.trainer is not None:
            self._advance(1)

    def reset(self) -> None:
        """Pause and go back to epoch 0: same data, same starting weights."""
        self.pause()
        if self._inputs is not None:
            self._start(*self._inputs, self._initial, self._initial_slopes)
            self._sync_compare(self._compare)

    def start_from(self, params, slopes=None) -> None:
        """Pause and start over from the weights ``params`` (a loaded network) and, for
        PReLU, its learned ``slopes``, at epoch 0; Reset comes back to them until the
        settings start training over. Call after :meth:`sync` with the settings the
        weights belong to (ValueError if they do not fit)."""
        self.pause()
        if self._inputs is None:
            raise ValueError("sync the session with its settings first")
        slopes = None if slopes is None else np.array(slopes, dtype=np.float64)
        self._start(*self._inputs, [(np.array(W), np.array(b)) for W, b in params], slopes)
        self._sync_compare(self._compare)

    # ------------------------------------------------------------------ ticks

    def _advance(self, epochs: int) -> None:
        """The main network ``epochs`` further; the compared ones catch up to it."""
        self.trainer.run(epochs)
        for t in self.compared:
            behind = self.trainer.epoch - t.epoch
            if behind > 0:
                t.run(behind)

    def since_last_tick(self, now: float, first: float) -> float:
        """Seconds since the previous call (``first`` for the first one after Play), at
        most :data:`MAX_CATCH_UP`."""
        last, self._last_tick = self._last_tick, now
        return min(first if last is None else max(0.0, now - last), MAX_CATCH_UP)

    def frame(self, trainer: Trainer | None = None) -> Frame:
        """The current state of the main network (or of ``trainer``), as one frame."""
        t = self.trainer if trainer is None else trainer
        m = t.metrics()
        return Frame(t.epoch, (m["train_loss"], m["test_loss"], m["train_acc"], m["test_acc"]),
                     tuple(float(v) for v in t.grad_norms), self.probe(t.model, t.features))

    def tick(self, elapsed: float, speed: int | None, budget: float,
             clock=time.thread_time) -> list[Frame]:
        """The frames of the last ``elapsed`` seconds, within ``budget`` CPU seconds.

        ``speed`` is epochs per frame, or None for "max". Nothing while paused. Stops
        playing when the main network diverges (its last good state is the last frame).
        """
        if not self.playing or self.trainer is None:
            return []
        if self.diverged:
            self.playing = False
            return self._take_ahead(len(self._ahead))  # made before it diverged, and the last
        start = clock()
        elapsed = min(max(float(elapsed), 0.0), MAX_CATCH_UP)
        if speed is None and self._ahead and self._ahead_speed is None:
            frames = self._take_ahead(len(self._ahead))  # the worker trained: its slices
        elif speed is None:
            frames = []
            slices = max(1, round(elapsed * MAX_SPEED_FRAME_RATE))
            for k in range(slices):
                self._train_for(budget * (k + 1) / slices, start, clock)
                frames.append(self.frame())
                if self.diverged:
                    break
        else:
            frames = self._frames(elapsed, int(speed), budget, start, clock)
        if self.diverged:
            self.playing = False
        return frames

    def _frames(self, elapsed: float, speed: int, budget: float, start: float, clock) -> list[Frame]:
        self._carry += elapsed * FRAME_RATE
        wanted = max(1, int(self._carry))
        self._carry = max(0.0, self._carry - wanted)
        frames = []
        while len(frames) < wanted and not self.diverged:
            made_ahead = bool(self._ahead) and self._ahead_speed == speed  # taking it costs nothing
            if frames and not made_ahead and clock() - start > budget:
                self._carry = 0.0  # over budget: slow down, do not pile up a debt
                break
            frames.append(self._next_frame(speed))
        return frames

    def _next_frame(self, speed: int) -> Frame:
        """The next frame at ``speed``: made ahead by the worker if it is there, else now."""
        if self._ahead and self._ahead_speed == speed:
            return self._take_ahead(1)[0]
        self._drop_ahead()
        self._advance(speed)
        return self.frame()

    # ------------------------------------------------------------------ made ahead

    @property
    def ahead(self) -> int:
        """Frames made ahead of the next tick."""
        return len(self._ahead)

    @property
    def last_tick(self) -> float | None:
        """``time.monotonic()`` of the last tick (None before the first after Play)."""
        return self._last_tick

    def make_ahead(self, speed: int | None, slice_seconds: float = 0.01, clock=time.thread_time) -> None:
        """One more frame for the next tick, made now (by the training worker, with
        :attr:`lock` held): ``speed`` epochs further on, or at speed "max" (None) the
        epochs that fit in ``slice_seconds`` of CPU. The tick takes it as if it had made it:
        the same epochs, in the same order, so a network trains the same either way."""
        if not self.playing or self.trainer is None or self.diverged:
            return
        if self._ahead and self._ahead_speed != speed:
            self._drop_ahead()
        self._ahead_speed = speed
        if speed is None:
            self._train_for(slice_seconds, clock(), clock)
        else:
            self._advance(speed)
        self._ahead.append(self.frame())

    def _take_ahead(self, n: int) -> list[Frame]:
        taken, self._ahead = self._ahead[:n], self._ahead[n:]
        return taken

    def _drop_ahead(self) -> None:
        self._ahead = []

    def _train_for(self, budget: float, start: float, clock) -> None:
        """Speed "max": epochs in chunks sized from the measured cost, until ``budget``
        seconds since ``start`` are spent (less a little for the frame still to draw)."""
        chunk, per_epoch = 1, None
        while not self.diverged:
            t0 = clock()
            self._advance(chunk)
            spent = clock() - t0
            per_epoch = spent / chunk if spent > 0 else per_epoch
            left = budget - (clock() - start) - 2 * (per_epoch or 0.0)
            if left <= 0:
                break
            chunk = max(1, int(0.5 * left / per_epoch)) if per_epoch else chunk * 2
