"""One BLAS thread or one per core, for the server's matrix products? (a script, not a test)

The server's products are small and a class runs many sessions at once (``ui/process.py``
puts BLAS on one thread). This times, in the same run, the two things a playing network
costs the server per frame and per epoch (the training page's 100 × 100 plane through
the network, and an epoch of training), for a small and the largest network the page
allows, with OpenBLAS's default (a thread per core) and with one thread: the CPU seconds
the process spent and the wall time, medians of several rounds, and the ratio of one
thread to the default.

Usage: ``python tests/bench/bench_blas_threads.py [--rounds 5]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from core.nn.datasets import make_dataset  # noqa: E402
from core.nn.mlp import MLP  # noqa: E402
from core.nn.plane import GridProbe  # noqa: E402
from core.nn.trainer import TrainConfig, Trainer  # noqa: E402

NETWORKS = {"2 × 4 tanh (the default size)": ("tanh", (4, 4)), "6 × 16 sigmoid (the largest)": ("sigmoid", (16,) * 6)}


def timed(work, repeat: int) -> tuple[float, float]:
    """(CPU ms, wall ms) of the process per call of ``work``."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.process_time() - cpu0) / repeat * 1e3, (time.perf_counter() - wall0) / repeat * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    default = max(lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas")
    print(f"OpenBLAS default here: {default} threads; medians of {args.rounds} rounds")
    print(f"{'work':44} {'threads':>7} {'CPU ms':>8} {'wall ms':>8}   one thread vs default")
    for name, (activation, hidden) in NETWORKS.items():
        probe = GridProbe(100)
        model = MLP([2, *hidden, 1], activation=activation)
        X, y = make_dataset("circle", n=500)  # the page's default: 250 train, 250 test
        trainer = Trainer(TrainConfig(activation=activation, hidden=hidden), X[:250], y[:250], X[250:], y[250:])
        for what, work, repeat in (("plane", lambda: probe(model), 200), ("epoch", lambda: trainer.run(1), 50)):
            results = {}
            for _ in range(args.rounds):
                for threads in (default, 1):
                    with threadpool_limits(limits=threads, user_api="blas"):
                        results.setdefault(threads, []).append(timed(work, repeat))
            base = None
            for threads, runs in results.items():
                cpu = statistics.median(r[0] for r in runs)
                wall = statistics.median(r[1] for r in runs)
                ratio = "" if base is None else f"   CPU x{cpu / base[0]:.2f}, wall x{wall / base[1]:.2f}"
                base = base or (cpu, wall)
                print(f"{what + ', ' + name:44} {threads:7d} {cpu:8.2f} {wall:8.2f}{ratio}")


if __name__ == "__main__":
    main()
