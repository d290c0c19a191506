"""Benchmark (a script, not a test): a whole class following the teacher, without browsers.

Run from the repository root::

    python tests/bench/bench_class_follow.py [--learners 30,100] [--steps stack,bend,slope]

One ``streamlit run`` of the app with a throwaway class store (SQLite in WAL mode, as a
single server has by default). One real headless Chromium records the class page once
(:mod:`tests.bench.protocol_class`); then N browser-free learners, each with a token of
its own, open the join link and press Join (spread over ``--join-spread`` s). The
teacher (this process, through the store's API the teacher's page calls) opens each step
in turn and holds it ``--step-seconds`` s; each learner's page follows by itself (its
follow fragment reruns every 1.5 s, sent as the frontend sends it), and after a think
time the learner picks an option and presses Send.

Prints, per class size and step: how long until each learner's page showed the step's
question after the teacher opened it (median, p95, max; the issue's target is p95
≤ 2 s), learners who never saw it, whether the board counts every answer the store took
exactly once (the teacher's ``board`` against the answers each learner's page confirmed),
how long a Send took to be answered on the learner's page, the Sends refused because
they reached the server after the teacher had opened the next step ("late"; the learner
is told), and the server's CPU (% of a core, ms per learner-second) and RSS over the steps, beside a
one-learner class in the same run (the floor). A teacher's page is not among the
clients: its board reads the store once a second (``bench_class_store.py`` times that).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_classroom import (
    app_server,
    cpu_seconds,
    replicated_server,
    rss_mb,
    server_processes,
)
from tests.servers import CHROMIUM, CHROMIUM_ARGS


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def shown_right(distribution, expected: Counter) -> bool:
    """The board's distribution is what the learners sent (hidden below MIN_FOR_DISTRIBUTION)."""
    from core.classroom.limits import MIN_FOR_DISTRIBUTION

    if sum(expected.values()) < MIN_FOR_DISTRIBUTION:
        return distribution is None
    return distribution == dict(expected)


async def follow_class(ws_url: str, engine, recording, n: int, steps: list[str], step_seconds: float,
                       join_spread: float, procs, seed: int) -> dict:
    from core.classroom import results, store, teacher
    from tests.bench.protocol_class import ClassLearner

    made = store.create_class(engine)
    rng = random.Random(seed)
    learners = [ClassLearner(ws_url, recording, secrets.token_urlsafe(24), made.code, random.Random(rng.random()))
                for _ in range(n)]
    stop = asyncio.Event()

    async def join(i: int, learner) -> None:
        await asyncio.sleep(join_spread * i / max(1, n))
        await learner.run(stop)

    tasks = [asyncio.create_task(join(i, x)) for i, x in enumerate(learners)]
    deadline = time.monotonic() + join_spread + 120
    while sum(x.joined or bool(x.errors) for x in learners) < n and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(2.0)  # every follow fragment ticking
    cpu0, t0, mine0 = cpu_seconds(procs), time.monotonic(), time.process_time()
    per_step = []
    for step in steps:
        opened = time.monotonic()
        await asyncio.to_thread(teacher.open_step, engine, made.code, made.secret, step)
        await asyncio.sleep(step_seconds)
        lags = [x.seen[step] - opened for x in learners if step in x.seen]
        per_step.append({"step": step, "lags": lags, "missed": n - len(lags)})
    await asyncio.to_thread(teacher.reveal, engine, made.code, made.secret)  # the last step takes no more
    cpu1, t1, mine1 = cpu_seconds(procs), time.monotonic(), time.process_time()
    # Each learner's page answers its Send (this process may lag behind the server at 100
    # learners: its CPU is printed): wait for every answer before comparing the boards.
    waited = time.monotonic() + 30
    while any(s not in x.acked for x in learners for s in x.sent) and time.monotonic() < waited:
        await asyncio.sleep(0.2)
    for row in per_step:
        step = row["step"]
        board = await asyncio.to_thread(results.board, engine, made.code, made.secret, "step", step)
        # The board must count every answer the store took (the page said "Your answer: …"),
        # once; a Send that reached the server after the teacher had moved on is refused
        # (the learner is told), and counted apart.
        expected = Counter(x.accepted[step] for x in learners if step in x.accepted)
        row.update({"sent": sum(step in x.sent for x in learners), "accepted": sum(expected.values()),
                    "late": sum(step in x.refused for x in learners),
                    "acks": [x.acked[step] for x in learners if step in x.acked],
                    "answered": board.answered, "exact": board.answered == sum(expected.values())
                    and shown_right(board.distribution, expected)})
    rss = rss_mb(procs)
    stop.set()
    await asyncio.gather(*tasks)
    cpu = (cpu1 - cpu0) / (t1 - t0)
    return {"n": n, "steps": per_step, "cpu": cpu, "client_cpu": (mine1 - mine0) / (t1 - t0),
            "ms_per_learner_s": 1000 * cpu / n, "rss": rss,
            "errors": sum(1 for x in learners if x.errors),
            "joined": sum(x.joined for x in learners), "first_error": next((x.errors[0] for x in learners
                                                                             if x.errors), "")}


def report(row: dict) -> None:
    lags = [lag for s in row["steps"] for lag in s["lags"]]
    med = statistics.median(lags) if lags else float("nan")
    counts = ", ".join(f"{s['answered']}/{s['accepted']}" for s in row["steps"])
    acks = [a for s in row["steps"] for a in s["acks"]]
    unanswered = sum(s["sent"] - len(s["acks"]) for s in row["steps"])
    print(f"{row['n']:>4} learners ({row['joined']} joined) | step shown after the teacher opened it: median "
          f"{med:4.2f} s, p95 {quantile(lags, 0.95) if lags else float('nan'):4.2f} s, max "
          f"{max(lags) if lags else float('nan'):4.2f} s | never shown {sum(s['missed'] for s in row['steps'])} | "
          f"board exact in {sum(s['exact'] for s in row['steps'])} of {len(row['steps'])} steps "
          f"({counts} counted/taken) | Send answered: median "
          f"{statistics.median(acks) if acks else float('nan'):4.2f} s, p95 "
          f"{quantile(acks, 0.95) if acks else float('nan'):4.2f} s, late (step closed) "
          f"{sum(s['late'] for s in row['steps'])}, no answer {unanswered} | server "
          f"{100 * row['cpu']:5.1f} % CPU, {row['ms_per_learner_s']:5.1f} ms/learner-s, RSS {row['rss']:4.0f} MB | "
          f"the learners' process (this one) {100 * row['client_cpu']:3.0f} % CPU | "
          f"errors {row['errors']}{' (' + row['first_error'][:80] + ')' if row['errors'] else ''}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", default="1,30,100", help="class sizes, comma-separated")
    parser.add_argument("--steps", default="stack,bend,slope", help="the steps the teacher opens (choices)")
    parser.add_argument("--step-seconds", type=float, default=8.0, help="how long each step stays open")
    parser.add_argument("--join-spread", type=float, default=10.0, help="learners join over this many seconds")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--replicas", type=int, default=0,
                        help="R servers behind nginx (deploy/run_replicas.sh), sharing the store")
    args = parser.parse_args()
    from sqlalchemy import create_engine

    from core.classroom.schema import ensure_schema, prepare_engine
    from tests.bench.protocol_class import record

    steps = [s for s in args.steps.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="class-follow-") as tmp:
        store_url = f"sqlite:///{Path(tmp) / 'class.sqlite'}"
        os.environ["CLASS_STORE_URL"] = store_url  # every server started below (and its replicas)
        with served(args.replicas) as (url, pids):
            recording = record(url, store_url, tuple(steps), CHROMIUM, CHROMIUM_ARGS)
            engine = prepare_engine(create_engine(store_url))
            ensure_schema(engine)
            procs = [p for pid in pids for p in server_processes(pid)]
            ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
            print(f"{args.replicas or 1} server(s); steps {', '.join(steps)}, each open {args.step_seconds:g} s; "
                  f"learners think 0.2-3 s; the follow fragment reruns every 1.5 s", flush=True)
            for n in [int(x) for x in args.learners.split(",") if x]:
                row = asyncio.run(follow_class(ws_url, engine, recording, n, steps, args.step_seconds,
                                               args.join_spread if n > 1 else 0.0, procs, args.seed + n))
                report(row)
                time.sleep(3.0)


@contextlib.contextmanager
def served(replicas: int):
    """One ``streamlit run`` (``replicas`` 0), or R replicas behind nginx: (url, [pids])."""
    if replicas:
        with replicated_server(replicas) as (url, pids):
            yield url, pids
        return
    with app_server() as served_one:
        yield served_one

if __name__ == "__main__":
    main()
