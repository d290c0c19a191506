"""Benchmark of the class store (a script, not a test): a class of simulated learners.

Run from the repository root (as root, PostgreSQL runs as the ``postgres`` user)::

    python tests/bench/bench_class_store.py [--learners 100] [--questions 8]

Each learner is a thread that calls the store's API as the page will (``join_class``,
``class_state``, ``submit_answer``); the teacher is a thread that paces the class and
reads the board (``board``) as the teacher's page does. On SQLite (a file in a temporary
folder, WAL) and on PostgreSQL (a throwaway server with its default, durable settings),
each through SQLAlchemy's default connection pool (5 + 10 overflow), the engine the page
gets from ``st.connection``. After every learner has joined (all at once):

1. **class** (the issue's target): the teacher opens the quiz; every learner answers the
   ``--questions`` questions at random moments spread over ``--spread`` s (a fifth then
   change one answer), while following the class (``class_state`` every ``--poll`` s)
   and the teacher's board reads the counts every ``--board-every`` s.
2. **paced**: the teacher opens ``--questions`` steps one after another; learners follow
   every ``--paced-poll`` s, answer the open step after a think time of up to 0.3 s (a
   fifth change it), and the teacher reads the board every ``--board-every`` s until
   everyone answered, then reveals and moves on.
3. **burst** (stress, no target): every learner answers every question of the quiz after
   as fast as the store takes them, no pause: the store's throughput.

Targets (issue 22): 100 learners' answers to 8 questions within 5 s; every answer
counted exactly once (checked against what the learners last chose, on the board and
in the tables); board p95 ≤ 50 ms. Prints the median and p95 of every call, and the
ratio of PostgreSQL to SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select  # noqa: E402

from core.classroom import results, store, teacher  # noqa: E402
from core.classroom.errors import ClassError  # noqa: E402
from core.classroom.schema import answers, ensure_schema  # noqa: E402
from core.classroom.tokens import new_learner_token  # noqa: E402
from tests.pg_server import INSTALL_HINT, PostgresServer, find_bindir  # noqa: E402

OPTIONS = ("a", "b", "c", "d")
CHANGERS = 5  # every fifth learner changes an answer: the last one must count


class Samples:
    """Call durations by name (list.append is atomic under the GIL)."""

    def __init__(self):
        self.by_name: dict[str, list[float]] = defaultdict(list)

    def call(self, name: str, fn, *args):
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.by_name[name].append(time.perf_counter() - start)

    def stats(self, name: str) -> tuple[float, float, int]:
        """(median ms, p95 ms, count)."""
        values = sorted(self.by_name[name])
        if not values:
            return float("nan"), float("nan"), 0
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        return 1000 * statistics.median(values), 1000 * p95, len(values)


#: Set when a simulated learner or teacher fails: the others stop instead of waiting forever.
FAILED = threading.Event()


def run_threads(target, count: int) -> None:
    """``target(i)`` in ``count`` threads that start together; re-raise the first error."""
    gate, errors = threading.Barrier(count), []

    def body(i: int) -> None:
        try:
            gate.wait()
            target(i)
        except BaseException as error:  # noqa: BLE001 - reported after the join
            errors.append(error)
            FAILED.set()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def board_reader(engine, made, samples: Samples, every: float, stop: threading.Event, *where) -> threading.Thread:
    def loop():
        while not stop.is_set():
            samples.call("board", results.board, engine, made.code, made.secret, *where)
            time.sleep(every)

    thread = threading.Thread(target=loop)
    thread.start()
    return thread


# ----------------------------------------------------------------- the scenarios


def join_all(engine, made, n: int, samples: Samples) -> tuple[list[str], float]:
    tokens = [new_learner_token() for _ in range(n)]
    start = time.perf_counter()
    run_threads(lambda i: samples.call("join", store.join_class, engine, made.code, tokens[i]), n)
    return tokens, time.perf_counter() - start


def timeline(rng: random.Random, questions, spread: float, poll: float, changes: bool) -> list[tuple]:
    """One learner's moments: ("answer", q, option) spread over ``spread`` s, a change of
    one after it for a fifth of them, and ("follow",) every ``poll`` s from a random phase."""
    events = [(rng.uniform(0, spread), "answer", q, rng.choice(OPTIONS)) for q in questions]
    if changes:
        at, _, question, _ = rng.choice(events)
        events.append((rng.uniform(at, spread), "answer", question, rng.choice(OPTIONS)))
    phase = rng.uniform(0, poll)
    events += [(phase + k * poll, "follow", None, None) for k in range(int(spread / poll) + 1)]
    return sorted(events)


def class_run(engine, made, tokens, questions, samples: Samples, args) -> tuple[float, dict]:
    """Scenario 1; returns (seconds from the quiz's opening to the last answer stored, last choices)."""
    teacher.open_quiz(engine, made.code, made.secret, "pre")
    last: dict[tuple[int, str], str] = {}
    stored: list[float] = []
    start = time.perf_counter()

    def learner(i: int) -> None:
        rng = random.Random(i)
        for at, kind, question, option in timeline(rng, questions, args.spread, args.poll, i % CHANGERS == 0):
            time.sleep(max(0.0, start + at - time.perf_counter()))
            if kind == "follow":
                samples.call("state", store.class_state, engine, made.code, tokens[i])
            else:
                samples.call("answer", store.submit_answer, engine, made.code, tokens[i], "pre", question, option)
                last[i, question] = option
                stored.append(time.perf_counter())

    stop = threading.Event()
    reader = board_reader(engine, made, samples, args.board_every, stop)
    run_threads(learner, len(tokens))
    stop.set()
    reader.join()
    return max(stored) - start, last


def burst(engine, made, tokens, questions, samples: Samples, board_every: float) -> tuple[float, dict]:
    """Scenario 3: every learner answers every question as fast as it can."""
    teacher.open_quiz(engine, made.code, made.secret, "post")
    last: dict[tuple[int, str], str] = {}

    def learner(i: int) -> None:
        rng = random.Random(2000 + i)
        for question in questions:
            option = rng.choice(OPTIONS)
            samples.call("answer", store.submit_answer, engine, made.code, tokens[i], "post", question, option)
            last[i, question] = option

    stop = threading.Event()
    reader = board_reader(engine, made, samples, board_every, stop)
    start = time.perf_counter()
    run_threads(learner, len(tokens))
    seconds = time.perf_counter() - start
    stop.set()
    reader.join()
    return seconds, last


def paced(engine, made, tokens, questions, samples: Samples, poll: float, board_every: float):
    """Scenario 2; returns (seconds, seconds per step, last choices)."""
    last: dict[tuple[int, str], str] = {}
    done = threading.Event()

    def learner(i: int) -> None:
        rng, answered = random.Random(1000 + i), set()
        while not done.is_set() and not FAILED.is_set():
            state = samples.call("state", store.class_state, engine, made.code, tokens[i]).state
            if state.mode == "step" and not state.revealed and state.step not in answered:
                time.sleep(rng.uniform(0, 0.3))  # thinking
                for change in range(2 if i % CHANGERS == 0 else 1):
                    option = rng.choice(OPTIONS)
                    try:
                        samples.call("answer", store.submit_answer, engine, made.code, tokens[i], "step",
                                     state.step, option)
                    except ClassError as error:
                        # The first answer may have been the last one the teacher waited for:
                        # the reveal then closes the step before the change (a real refusal).
                        if not (change and error.code == "closed"):
                            raise
                        break
                    last[i, state.step] = option
                answered.add(state.step)
            time.sleep(poll)

    per_step = []

    def the_teacher() -> None:
        for question in questions:
            opened = time.perf_counter()
            samples.call("teacher", teacher.open_step, engine, made.code, made.secret, question)
            while samples.call("board", results.board, engine, made.code, made.secret).answered < len(tokens):
                if FAILED.is_set():
                    return
                time.sleep(board_every)
            per_step.append(time.perf_counter() - opened)
            samples.call("teacher", teacher.reveal, engine, made.code, made.secret)
        done.set()

    start = time.perf_counter()
    run_threads(lambda i: the_teacher() if i == len(tokens) else learner(i), len(tokens) + 1)
    return time.perf_counter() - start, per_step, last


def check_counts(engine, made, phase: str, questions, last, n: int) -> int:
    """Every answer counted exactly once: the board equals the learners' last choices."""
    for question in questions:
        board = results.board(engine, made.code, made.secret, phase, question)
        expected = Counter(option for (_, q), option in last.items() if q == question)
        assert board.answered == n and board.distribution == dict(expected), (phase, question, board)
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(answers).where(answers.c.phase == phase)).scalar()
    assert rows == n * len(questions), rows
    return rows


def run_backend(name: str, engine, args) -> dict:
    ensure_schema(engine)
    made = store.create_class(engine)
    questions = [f"q{k + 1}" for k in range(args.questions)]
    runs = {name: Samples() for name in ("join", "class", "paced", "burst")}
    tokens, join_s = join_all(engine, made, args.learners, runs["join"])
    class_s, last = class_run(engine, made, tokens, questions, runs["class"], args)
    rows = check_counts(engine, made, "pre", questions, last, args.learners)
    paced_s, per_step, last = paced(engine, made, tokens, questions, runs["paced"], args.paced_poll, args.board_every)
    rows += check_counts(engine, made, "step", questions, last, args.learners)
    burst_s, last = burst(engine, made, tokens, questions, runs["burst"], args.board_every)
    rows += check_counts(engine, made, "post", questions, last, args.learners)
    csv_text = runs["burst"].call("end", store.end_class, engine, made.code, made.secret)
    assert csv_text.count("\n") == 1 + rows
    engine.dispose()
    return {"name": name, "runs": runs, "rows": rows, "seconds": {"join": join_s, "class": class_s,
            "paced": paced_s, "burst": burst_s}, "per_step": per_step}


# ----------------------------------------------------------------- report


def report(result: dict, args) -> None:
    n, q, seconds = args.learners, args.questions, result["seconds"]
    print(f"\n{result['name']}: {n} learners, {q} questions; every answer counted exactly once "
          f"({result['rows']} answers, checked on the board and in the tables)")
    print(f"  join, all at once                 {seconds['join']:6.2f} s")
    verdict = "OK" if seconds["class"] <= 5 else "MISSED"
    print(f"  class: {n * q} answers spread over {args.spread:g} s, the last stored at {seconds['class']:5.2f} s"
          f"   (target ≤ 5 s) {verdict}")
    print(f"  paced: {q} steps                  {seconds['paced']:6.2f} s   per step median "
          f"{statistics.median(result['per_step']):.2f} s, max {max(result['per_step']):.2f} s")
    print(f"  burst: {n * q} answers at once      {seconds['burst']:6.2f} s   "
          f"({n * q / seconds['burst']:.0f} answers/s)")
    print(f"  {'scenario':<8} {'call':<8}{'median':>9}{'p95':>9}{'calls':>7}")
    for scenario, samples in result["runs"].items():
        for name in ("join", "state", "answer", "board", "teacher", "end"):
            med, p95, count = samples.stats(name)
            if count:
                target = f"   (p95 ≤ 50 ms) {'OK' if p95 <= 50 else 'MISSED'}" if name == "board" else ""
                print(f"  {scenario:<8} {name:<8}{med:7.1f}ms{p95:7.1f}ms{count:7d}{target}")


def compare(results_: list[dict]) -> None:
    if len(results_) != 2:
        return
    a, b = results_
    print(f"\nratio {b['name']} / {a['name']} (above 1: {b['name']} slower)")
    for scenario in ("join", "class", "paced", "burst"):
        print(f"  {scenario:<8} time {b['seconds'][scenario] / a['seconds'][scenario]:5.2f}×")
        for name in ("join", "state", "answer", "board"):
            (ma, pa, na), (mb, pb, nb) = a["runs"][scenario].stats(name), b["runs"][scenario].stats(name)
            if na and nb:
                print(f"  {scenario:<8} {name:<8} median {mb / ma:5.2f}×   p95 {pb / pa:5.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--spread", type=float, default=4.0, help="the class run's answers come within this many s")
    parser.add_argument("--poll", type=float, default=1.0, help="a learner's class_state interval, class run")
    parser.add_argument("--paced-poll", type=float, default=1.0, help="a learner's class_state interval, paced run")
    parser.add_argument("--board-every", type=float, default=0.1, help="the board's reading interval")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    done = []
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                done.append(run_backend("SQLite", create_engine(f"sqlite:///{folder}/class.sqlite3"), args))
        else:
            bindir = find_bindir()
            if bindir is None:
                sys.exit(INSTALL_HINT)
            server = PostgresServer(bindir, fast=False)
            try:
                done.append(run_backend("PostgreSQL", create_engine(server.start()), args))
            finally:
                server.remove()
        report(done[-1], args)
    compare(done)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
