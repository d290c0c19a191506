"""``core.training_session``: the live page's state machine, without a server."""

import numpy as np
import pytest

from core.nn.datasets import make_dataset, train_test_split
from core.nn.session import (
    FRAME_RATE,
    MAX_CATCH_UP,
    MAX_SPEED_FRAME_RATE,
    TrainingSession,
    compare_configs,
)
from core.nn.trainer import TrainConfig

CFG = TrainConfig(hidden=(4, 2), activation="tanh", optimizer="adam", lr=0.03, batch_size=10, seed=5)


@pytest.fixture(scope="module")
def split():
    X, y = make_dataset("circle", 200, noise=0.0, seed=5)
    return train_test_split(X, y, 0.5, seed=5)


def started(split, config=CFG, compare=()):
    s = TrainingSession(grid=20)
    assert s.sync(config, split, ("circle",), compare) is True
    return s


class Ticker:
    """A CPU clock that advances by ``step`` seconds at every reading."""

    def __init__(self, step):
        self.t, self.step = 0.0, step

    def __call__(self):
        self.t += self.step
        return self.t


def test_a_new_session_starts_paused_at_epoch_0(split):
    s = started(split)
    assert (s.playing, s.epoch, s.run_id, s.diverged) == (False, 0, 1, False)
    assert s.tick(1.0, 1, 1.0) == []  # paused: nothing to draw


def test_live_settings_keep_training_and_others_start_over(split):
    s = started(split)
    s.step()
    trainer = s.trainer
    assert s.sync(TrainConfig(**{**CFG.__dict__, "lr": 0.1}), split, ("circle",)) is False
    assert s.trainer is trainer and s.trainer.config.lr == 0.1 and s.epoch == 1
    assert s.sync(TrainConfig(**{**CFG.__dict__, "lr": 0.1, "activation": "relu"}), split, ("circle",)) is True
    assert s.epoch == 0 and s.run_id == 2
    assert s.sync(s.trainer.config, split, ("xor",)) is True  # other data
    assert s.run_id == 3


def test_transport(split):
    s = started(split)
    s.toggle()
    assert s.playing
    s.step()  # Step pauses and trains one epoch
    assert (s.playing, s.epoch) == (False, 1)
    first = s.frame()
    s.play()
    s.tick(0.2, 1, 1.0)
    s.reset()
    assert (s.playing, s.epoch) == (False, 0)
    s.step()
    np.testing.assert_array_equal(s.frame().grid, first.grid)  # same data, same start


def test_a_tick_makes_the_frames_of_its_time(split):
    s = started(split)
    s.play()
    frames = s.tick(0.1, 2, budget=10.0)
    assert len(frames) == round(0.1 * FRAME_RATE)
    assert [f.epoch for f in frames] == [2, 4, 6]  # speed 2: two epochs a frame
    # fractions carry over: ticks of 1/20 s are 1.5 frames each, so 1, 2, 1, 2, …
    counts = [len(s.tick(1 / 20, 1, 10.0)) for _ in range(4)]
    assert counts == [1, 2, 1, 2]


def test_elapsed_is_capped(split):
    s = started(split)
    s.play()
    assert len(s.tick(60.0, 1, 100.0)) == round(MAX_CATCH_UP * FRAME_RATE)


def test_over_budget_a_tick_still_makes_one_frame(split):
    s = started(split)
    s.play()
    frames = s.tick(1.0, 1, budget=0.0, clock=Ticker(0.01))
    assert len(frames) == 1 and frames[0].epoch == 1


def test_budget_limits_the_frames(split):
    s = started(split)
    s.play()
    # every clock reading costs 10 ms: a 35 ms budget allows a few frames, not 30
    frames = s.tick(1.0, 1, budget=0.035, clock=Ticker(0.01))
    assert 1 < len(frames) < FRAME_RATE


def test_speed_max_trains_in_slices_with_a_frame_each(split):
    s = started(split)
    s.play()
    frames = s.tick(0.5, None, budget=0.05)
    assert len(frames) == round(0.5 * MAX_SPEED_FRAME_RATE)
    epochs = [f.epoch for f in frames]
    assert epochs == sorted(epochs) and epochs[-1] >= len(frames)


def test_frame_is_the_trainers_state(split):
    s = started(split)
    s.step()
    f = s.frame()
    m = s.trainer.metrics()
    assert f.epoch == 1
    assert f.figures == (m["train_loss"], m["test_loss"], m["train_acc"], m["test_acc"])
    np.testing.assert_array_equal(f.grad_norms, s.trainer.grad_norms)
    np.testing.assert_array_equal(f.grid, s.probe(s.trainer.model))


def test_divergence_stops_playing_at_the_last_good_state(split):
    s = started(split, TrainConfig(hidden=(4, 2), activation="identity", optimizer="sgd", lr=10.0, seed=0))
    s.play()
    frames = s.tick(0.5, 1, 10.0)
    assert s.diverged and not s.playing
    assert all(np.isfinite(f.figures[0]) for f in frames)
    s.play()
    assert not s.playing  # a diverged network does not play


def test_compared_networks_start_together_and_follow_the_main_one(split):
    s = started(split, compare=("tanh", "relu", "identity"))
    acts = [t.config.activation for t in s.compared]
    assert acts == ["tanh", "relu", "identity"]
    configs, p0 = compare_configs(CFG, acts)
    for t in s.compared:
        for (W, b), (W0, b0) in zip(t.model.params, p0):
            np.testing.assert_array_equal(W, W0)
            np.testing.assert_array_equal(b, b0)
    s.play()
    s.tick(0.2, 3, 10.0)
    assert {t.epoch for t in s.compared} == {s.epoch}
    s.step()
    assert {t.epoch for t in s.compared} == {s.epoch}


def test_turning_compare_on_mid_training_starts_everyone_at_epoch_0(split):
    s = started(split)
    s.step()
    s.sync(CFG, split, ("circle",), ("tanh", "relu"))
    assert s.epoch == 0 and [t.epoch for t in s.compared] == [0, 0]
    s.sync(CFG, split, ("circle",), ("tanh",))  # one is not a comparison
    assert s.compared == []


def test_since_last_tick(split):
    s = started(split)
    s.play()
    assert s.since_last_tick(10.0, first=0.5) == 0.5
    assert s.since_last_tick(10.8, first=0.5) == pytest.approx(0.8)
    assert s.since_last_tick(70.8, first=0.5) == MAX_CATCH_UP  # back from a background tab
    s.pause()
    s.play()
    assert s.since_last_tick(80.0, first=0.5) == 0.5


def test_every_run_of_the_training_page_holds_the_session_lock():
    """Streamlit's fast reruns start a page run while the previous run may still be inside
    an epoch: the page's main() and each of its fragments hold ``TrainingSession.lock``
    (a network trained by two threads through one set of buffers went NaN under load)."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parents[2] / "app_pages" / "training.py").read_text())
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]

    def names(node):
        return [ast.unparse(d).split("(")[0] for d in node.decorator_list]

    fragments = [f for f in functions if "st.fragment" in names(f)]
    assert len(fragments) >= 5
    unlocked = [f.name for f in fragments if names(f) != ["st.fragment", "locked"]]
    assert not unlocked, unlocked
    assert names(next(f for f in functions if f.name == "main")) == ["locked"]


def test_the_lock_lets_one_thread_train_at_a_time(split):
    import threading

    session = TrainingSession(grid=10)
    session.sync(TrainConfig(hidden=(8, 8), seed=0), split, "circle")
    inside, most = [], []

    def train() -> None:
        with session.lock:
            inside.append(threading.get_ident())
            most.append(len(inside))
            session.trainer.run(20)
            inside.pop()

    threads = [threading.Thread(target=train) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(most) == 1 and len(most) == 4
    assert session.trainer.epoch == 80 and not session.trainer.diverged
