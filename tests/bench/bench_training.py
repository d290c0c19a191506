"""Benchmark: our Trainer against scikit-learn and PyTorch, and the boundary picture.

Run from the repository root::

    python tests/bench/bench_training.py [--runs 5] [--single-thread] [--only threads]

Setup: ``circle``, 500 points, noise 0, 50 % train, hidden [8, 8] tanh, batch 10,
plain SGD lr 0.03, BCE; the same with Adam (the training page's default optimizer);
plus the full-batch SGD variant (batch = all 250 training points). Every figure is the median of ``--runs`` runs;
within a run the three trainers are timed one after the other, so a busy machine
slows them alike and the ratios stay fair.

* ours: ``Trainer.run(N)`` — which also evaluates loss and accuracy on train and test
  and the full-set gradient norms after *every* epoch;
* scikit-learn: ``MLPClassifier(solver="sgd", momentum=0, alpha=0, ...)`` (or
  ``solver="adam"``), one ``partial_fit`` call per epoch (it evaluates nothing);
* PyTorch (if importable): float64, eager, ``nn.Sequential`` + ``torch.optim.SGD`` (or
  ``Adam``), manual mini-batches from ``torch.randperm`` (no evaluation either).

``--single-thread`` limits BLAS (threadpoolctl) and torch to one thread. Targets:
ours ≥ 10× scikit-learn, ≥ 3× PyTorch; a 100 × 100 boundary well under 10 ms;
≥ 1000 epochs/s for the browser setup (250 train points, [4, 2] tanh).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from core.nn.datasets import make_dataset, train_test_split  # noqa: E402
from core.nn.plane import evaluate_grid  # noqa: E402
from core.present.boundary import png_bytes, render_boundary  # noqa: E402
from core.nn.trainer import TrainConfig, Trainer  # noqa: E402

HIDDEN = (8, 8)
LR = 0.03


def load_data(n: int = 500):
    X, y = make_dataset("circle", n, noise=0.0, seed=0)
    return train_test_split(X, y, 0.5, seed=0)


# ------------------------------------------------------------------ the contenders


def ours(data, batch_size: int, epochs: int, hidden=HIDDEN, optimizer: str = "sgd") -> float:
    """Epochs per second of one fresh Trainer (construction not timed)."""
    trainer = Trainer(TrainConfig(hidden=hidden, activation="tanh", lr=LR,
                                  batch_size=batch_size, optimizer=optimizer), *data)
    start = time.perf_counter()
    trainer.run(epochs)
    return epochs / (time.perf_counter() - start)


def sklearn_mlp(data, batch_size: int, epochs: int, optimizer: str = "sgd") -> float:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X, y = data[0], data[1]
    solver = "adam" if optimizer == "adam" else "sgd"
    clf = MLPClassifier(hidden_layer_sizes=HIDDEN, activation="tanh", solver=solver,
                        batch_size=batch_size, learning_rate="constant",
                        learning_rate_init=LR, momentum=0.0, nesterovs_momentum=False,
                        alpha=0.0, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.partial_fit(X, y, classes=[0, 1])  # first call sets up: not timed
        start = time.perf_counter()
        for _ in range(epochs):
            clf.partial_fit(X, y)
        return epochs / (time.perf_counter() - start)


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except Exception:  # noqa: BLE001 - any failure means "skip"
        return False
    return True


def pytorch(data, batch_size: int, epochs: int, optimizer: str = "sgd") -> float:
    import torch

    torch.manual_seed(0)
    X = torch.from_numpy(data[0])
    y = torch.from_numpy(data[1].astype(np.float64))
    n = X.shape[0]
    net = torch.nn.Sequential(
        torch.nn.Linear(2, HIDDEN[0]), torch.nn.Tanh(),
        torch.nn.Linear(HIDDEN[0], HIDDEN[1]), torch.nn.Tanh(),
        torch.nn.Linear(HIDDEN[1], 1)).double()
    make = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = make(net.parameters(), lr=LR)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    gen = torch.Generator().manual_seed(0)

    def epoch():
        perm = torch.randperm(n, generator=gen)
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            opt.zero_grad()
            loss_fn(net(X[idx]).squeeze(1), y[idx]).backward()
            opt.step()

    epoch()  # warm-up
    start = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return epochs / (time.perf_counter() - start)


# ------------------------------------------------------------------ reports


def median(values) -> float:
    return statistics.median(values)


def compare(data, batch_size: int, runs: int, ep_ours: int, ep_sk: int, ep_torch: int,
            with_torch: bool, optimizer: str = "sgd") -> None:
    times = {"ours": [], "sklearn": [], "torch": []}
    for _ in range(runs):
        times["ours"].append(ours(data, batch_size, ep_ours, optimizer=optimizer))
        times["sklearn"].append(sklearn_mlp(data, batch_size, ep_sk, optimizer))
        if with_torch:
            times["torch"].append(pytorch(data, batch_size, ep_torch, optimizer))
    m_ours, m_sk = median(times["ours"]), median(times["sklearn"])
    print(f"  ours         {m_ours:10.0f} epochs/s   (runs: "
          + ", ".join(f"{v:.0f}" for v in times["ours"]) + ")")
    print(f"  scikit-learn {m_sk:10.0f} epochs/s   ratio ours/sklearn = {m_ours / m_sk:5.1f}x"
          "  (target >= 10x)")
    if with_torch:
        m_t = median(times["torch"])
        print(f"  PyTorch      {m_t:10.0f} epochs/s   ratio ours/torch   = {m_ours / m_t:5.1f}x"
              "  (target >= 3x)")
    else:
        print("  PyTorch      skipped (import torch failed)")


def browser_target(runs: int) -> None:
    data = load_data(500)  # 250 training points
    for bs in (250, 25):
        rates = [ours(data, bs, 3000 if bs == 250 else 1000, hidden=(4, 2))
                 for _ in range(runs)]
        label = "full batch" if bs == 250 else f"batch {bs}"
        print(f"  [4, 2] tanh, {label:10s} {median(rates):10.0f} epochs/s  (target >= 1000)")


def boundary(runs: int) -> None:
    data = load_data(500)
    trainer = Trainer(TrainConfig(hidden=HIDDEN), *data)
    trainer.run(50)
    Xtr, ytr, Xte, yte = data
    for r in (100, 200):
        total, ev, png = [], [], []
        for _ in range(max(runs, 5) * 6):
            t0 = time.perf_counter()
            probs = evaluate_grid(trainer.model, r)
            t1 = time.perf_counter()
            img = render_boundary(probs, Xtr, ytr, Xte, yte, size=400)
            t2 = time.perf_counter()
            png_bytes(img)
            t3 = time.perf_counter()
            total.append((t2 - t0) * 1e3)
            ev.append((t1 - t0) * 1e3)
            png.append((t3 - t2) * 1e3)
        print(f"  {r} x {r} grid -> 400 px, 500 points: {median(total):6.2f} ms "
              f"(evaluate {median(ev):.2f} ms + render {median(total) - median(ev):.2f} ms)"
              f";  PNG encoding +{median(png):.2f} ms")


def learners_at_once(seconds: float = 2.0) -> None:
    """Many learners' frames in one process: each in a thread of its own (as when every
    tick trained in its script thread), against one thread that visits them in turn (the
    training worker, ``core/nn/worker.py``). Frames of the live page's network (circle,
    [4, 2] tanh, Adam, 100 × 100 grid): the CPU one frame costs, and frames per second."""
    import threading

    from core.nn.session import TrainingSession
    from core.nn.worker import TrainingWorker
    from core.state import training as ts

    X, y = make_dataset("circle", 200, noise=0.1, seed=0)
    split = train_test_split(X, y, 0.5, seed=0)
    config = TrainConfig(hidden=(4, 2), activation="tanh", optimizer="adam", seed=5)

    def session() -> TrainingSession:
        s = TrainingSession(grid=ts.LIVE_GRID)
        s.sync(config, split, "circle")
        s.play()
        return s

    def frame(s: TrainingSession) -> None:
        with s.lock:
            s.make_ahead(1)
            s.tick(1.0, 1, budget=0.0) if s.ahead >= 30 else None

    def own_threads(n: int) -> tuple[float, float]:
        sessions, done, stop = [session() for _ in range(n)], [0] * n, time.monotonic() + seconds

        def work(i: int) -> None:
            while time.monotonic() < stop:
                frame(sessions[i])
                done[i] += 1

        return timed(lambda: [t.join() for t in [start(threading.Thread(target=work, args=(i,)))
                                                 for i in range(n)]], done)

    def one_worker(n: int) -> tuple[float, float]:
        sessions, done, stop = [session() for _ in range(n)], [0], time.monotonic() + seconds
        worker = TrainingWorker()

        def work() -> None:
            while time.monotonic() < stop:
                for s in sessions:
                    s.since_last_tick(time.monotonic() - 1.0, first=1.0)  # always a frame due
                worker._watched.update({str(i): _watch(s) for i, s in enumerate(sessions)})
                worker.visit()
                done[0] += n
                for s in sessions:
                    s.tick(1.0, 1, budget=0.0) if s.ahead >= 30 else None

        return timed(lambda: start(threading.Thread(target=work)).join(), done)

    def _watch(s):
        import weakref

        from core.nn.worker import _Watched

        return _Watched(weakref.ref(s), 1, 1.0, time.monotonic())

    def start(t):
        t.start()
        return t

    def timed(body, done) -> tuple[float, float]:
        c0, w0 = time.process_time(), time.monotonic()
        body()
        c1, w1 = time.process_time(), time.monotonic()
        return 1e3 * (c1 - c0) / max(1, sum(done)), sum(done) / (w1 - w0)

    for n in (1, 10, 30, 100):
        ms_own, fps_own = own_threads(n)
        ms_one, fps_one = one_worker(n)
        print(f"  {n:>3} learners: a thread each {ms_own:5.2f} ms/frame, {fps_own:6.0f} frames/s | one worker "
              f"{ms_one:5.2f} ms/frame, {fps_one:6.0f} frames/s | worker / threads: {fps_one / fps_own:4.1f}x frames/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--single-thread", action="store_true",
                        help="limit BLAS and torch to one thread")
    parser.add_argument("--only", choices=("threads",), help="run only this part")
    args = parser.parse_args()
    if args.only == "threads":
        print("threads: many learners' frames in one process (circle, [4, 2] tanh, Adam, grid 100)")
        learners_at_once()
        return
    with_torch = torch_available()
    limit = contextlib.nullcontext()
    if args.single_thread:
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(1)
        if with_torch:
            import torch

            torch.set_num_threads(1)
    with limit:
        import sklearn

        print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}", end="")
        if with_torch:
            import torch

            print(f", torch {torch.__version__} ({torch.get_num_threads()} threads)", end="")
        print(f"; runs = {args.runs}" + ("; single-threaded BLAS" if args.single_thread else ""))
        data = load_data(500)
        print("\ncircle, 500 points (250 train), [8, 8] tanh, SGD lr 0.03, batch 10")
        compare(data, 10, args.runs, ep_ours=600, ep_sk=60, ep_torch=40,
                with_torch=with_torch)
        print("\nsame, Adam lr 0.03, batch 10")
        compare(data, 10, args.runs, ep_ours=600, ep_sk=60, ep_torch=40,
                with_torch=with_torch, optimizer="adam")
        print("\nsame, SGD, full batch (250)")
        compare(data, 250, args.runs, ep_ours=4000, ep_sk=400, ep_torch=1000,
                with_torch=with_torch)
        print("\nbrowser target: circle, 250 train points")
        browser_target(args.runs)
        print("\ndecision boundary: evaluate + render (median)")
        boundary(args.runs)
        print("\nthreads: many learners' frames in one process (circle, [4, 2] tanh, Adam, grid 100)")
        learners_at_once()


if __name__ == "__main__":
    main()
