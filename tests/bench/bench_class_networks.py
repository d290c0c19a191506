"""A class training and reporting, with the board open (a script, not a test): issue 24's load target.

``--learners`` browser-free learners (``tests.bench.protocol_learners``, recorded once in
headless Chromium as a learner of the class: the join link, Join, the class page's link to
the training page, Play) each join one class with a token of their own and train at
speed 1, their pages reporting their networks every 2 s; the teacher's board is open in
one headless Chromium (another process) with the class's private resume link, its gallery
refreshing every second. Over the measured window it prints:

* epochs/s per learner (median and minimum) and how many stalled (under half the median);
* the reports: how many learners the store holds a network of, and their age at the end
  (the board shows what the store holds within a second);
* the board: thumbnails it shows at the end, and how late it is. The board notes, every
  100 ms, each thumbnail whose caption (its epoch) changed; a report is made in the run
  that draws the same epoch on its learner's page, so the learner's own page is the
  clock: **a report on the board** is the moment the board showed epoch E less the moment
  that learner's page first showed an epoch ≥ E (each learner found by its seat, read
  from the store by its token), and **behind** is, every 0.5 s, how long ago each
  learner's page moved past what the board shows (0 while it has not);
* a learner that stalled: what its page heard last (whole-page runs, ticks, errors shown);
* a py-spy profile of the server over the window (``py-spy record -f raw``, active
  threads): the share of samples inside the reports (``ui/training/class_link.py``) and
  inside the teacher's board (``app_pages/classroom.py``), against the issue's ≤ 10 %.

Usage: ``python tests/bench/bench_class_networks.py [--learners 60] [--seconds 20]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from sqlalchemy import create_engine, select  # noqa: E402

from core.classroom.schema import ensure_schema, prepare_engine  # noqa: E402
from core.classroom.schema import learners as learner_rows  # noqa: E402
from core.classroom.store import create_class  # noqa: E402
from core.classroom.tokens import learner_token_hash, new_learner_token  # noqa: E402
from core.guide.network_reports import class_networks  # noqa: E402
from tests.bench.protocol_learners import record_in_class, run_class  # noqa: E402
from tests.servers import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

BOARD = """
import json, os, sys, time
from playwright.sync_api import sync_playwright
url, chromium, seconds, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
args = sys.argv[5:]
# Every 100 ms the page notes each thumbnail whose caption changed: [Date.now(), id, caption].
WATCH = (
    "window.__seen = []; const last = new Map();"
    "setInterval(() => { for (const f of document.querySelectorAll('.class-gallery-item')) {"
    "  if (last.get(f.dataset.id) !== f.dataset.text) {"
    "    last.set(f.dataset.id, f.dataset.text); window.__seen.push([Date.now(), f.dataset.id, f.dataset.text]); } } },"
    " 100);"
)
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, args=args)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(url)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(1)
        count = page.evaluate("document.querySelectorAll('.class-gallery-item').length")
        seen = page.evaluate("window.__seen")
        with open(out + ".tmp", "w") as f:
            json.dump({"count": count, "seen": seen}, f)
        os.replace(out + ".tmp", out)
    browser.close()
"""


def server_pid() -> int:
    me = psutil.Process()
    for child in me.children(recursive=True):
        if "streamlit" in " ".join(child.cmdline()):
            return child.pid
    raise RuntimeError("no streamlit server among this process's children")


def shares(raw: Path) -> tuple[int, float, float]:
    """Samples, and the shares of those inside the reports and inside the board."""
    total = reports = board = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        if "class_link.py" in stack:
            reports += n
        elif "classroom.py" in stack:
            board += n
    return total, reports / max(total, 1), board / max(total, 1)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


EPOCH = re.compile(r"epoch ([\d,]+)")


def numbers(bind, learners: list, tokens: list[str]) -> dict[int, object]:
    """The board's number of each learner (its seat, found by its token's hash)."""
    with bind.connect() as conn:
        seats = dict(conn.execute(select(learner_rows.c.token_hash, learner_rows.c.number)).all())
    return {seats[learner_token_hash(token)]: learner for learner, token in zip(learners, tokens)
            if learner_token_hash(token) in seats}


def board_delays(seen: list, by_number: dict) -> tuple[list[float], list[float]]:
    """How late the board is, measured against each learner's own page (a report is made
    in the run that draws the same epoch on the learner's page, so the moment that page
    first showed an epoch is when its report was sent, to within the run's end).

    * delays: for each caption the board changed inside the window, the moment it showed
      epoch E minus the moment the learner's page first showed an epoch ≥ E;
    * behind: every 0.5 s of the window, for each learner, how long ago the learner's page
      first showed an epoch newer than the one on the board (0 while none is)."""
    offset = time.time() - time.monotonic()  # Date.now() (ms) to this process's monotonic clock
    start, end = next(iter(by_number.values())).window
    events: dict[int, list[tuple[float, int]]] = {}
    for wall_ms, ident, text in seen:
        match = EPOCH.search(text or "")
        if match and ident.isdigit() and int(ident) in by_number:
            events.setdefault(int(ident), []).append((wall_ms / 1000 - offset, int(match.group(1).replace(",", ""))))

    def page_reached(learner, epoch: int) -> float | None:
        return next((t for t, e, _ in learner.timeline if e >= epoch), None)

    delays = []
    for number, shown in events.items():
        for t, epoch in shown:
            reached = page_reached(by_number[number], epoch)
            if start <= t <= end and reached is not None:
                delays.append(t - reached)
    behind = []
    moment = start
    while moment <= end:
        for number, learner in by_number.items():
            on_board = [e for t, e in events.get(number, []) if t <= moment]
            if not on_board:
                continue
            newer = page_reached(learner, on_board[-1] + 1)
            behind.append(max(0.0, moment - newer) if newer is not None else 0.0)
        moment += 0.5
    return delays, behind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/class.sqlite"
    bind = prepare_engine(create_engine(url))
    ensure_schema(bind)
    made = create_class(bind)
    tokens = [new_learner_token() for _ in range(args.learners)]
    raw = Path(tempfile.mkdtemp()) / "profile.txt"
    board_out = Path(tempfile.mkdtemp()) / "board.txt"
    with serving(env=dict(os.environ, CLASS_STORE_URL=url)) as base:
        recording = record_in_class(base, made.code, CHROMIUM, CHROMIUM_ARGS)
        pid = server_pid()
        board = subprocess.Popen([sys.executable, "-c", BOARD, f"{base}/class?lang=en#resume={made.secret}",
                                  CHROMIUM, str(args.seconds + 240), str(board_out), *CHROMIUM_ARGS])
        spy = {}

        def window(mark: float) -> None:
            if "proc" in spy:  # the window's end: what the store and the board hold now
                spy["found"] = class_networks(bind, made.code, made.secret)
                spy["shown"] = json.loads(board_out.read_text())["count"] if board_out.exists() else "?"
                return
            if "proc" not in spy:
                spy["proc"] = subprocess.Popen(["py-spy", "record", "-d", str(int(args.seconds)), "-r", "50",
                                                "-f", "raw", "-o", str(raw), "--pid", str(pid)],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        learners = run_class(base, recording, args.learners, args.seconds, on_window=window, tokens=tokens,
                             join_spread=10.0, warmup=4.0)
        if "proc" in spy:
            spy["proc"].wait(timeout=60)
        found = spy["found"]
        time.sleep(1.5)  # the board's file of what it saw, written once a second, covers the window
        seen = json.loads(board_out.read_text())["seen"] if board_out.exists() else []
        board.terminate()
        try:
            board.wait(timeout=30)
        except subprocess.TimeoutExpired:
            board.kill()
    rates = [learner.rates(*learner.window)[0] for learner in learners]
    med = statistics.median(rates)
    errors = sum(bool(learner.errors) for learner in learners)
    shown = sum(bool(learner.exceptions) for learner in learners)
    for i, (learner, rate) in enumerate(zip(learners, rates)):
        if rate < med / 2:  # what a stalled learner's page last heard, to tell its cause
            start = learner.window[0]
            last = learner.timeline[-1][0] - start if learner.timeline else float("nan")
            print(f"  stalled: learner {i + 2}: last frame {last:+.1f} s from the window's start, "
                  f"{len(learner.full_runs)} whole-page runs (the last "
                  f"{(learner.full_runs or [start])[-1] - start:+.1f} s from it), "
                  f"{learner.runs_finished} runs finished, {learner.fragment_runs_sent} ticks sent, "
                  f"errors shown {learner.exceptions[-2:]}")
            print("    last heard: " + ", ".join(f"{t - start:+.1f} {kind} {detail}"
                                                   for t, kind, detail in learner.events[-10:]))
    # Learner 1 is the recording browser, closed before the window: its network only ages.
    ages = sorted(n.age for n in found.networks if n.number != 1)
    print(f"{args.learners} learners in one class at speed 1, the board open, {args.seconds:.0f} s measured:")
    print(f"  epochs/s each: median {med:.1f}, min {min(rates):.1f}; stalled (< half the median) "
          f"{sum(r < med / 2 for r in rates)}; errors {errors}; pages that showed an error {shown}")
    p90 = quantile(ages, 0.9) if ages else float("nan")
    print(f"  the store holds {len(ages)} learners' networks; their age at the window's end (a report every 2 s "
          f"at most, then the writer's half second): median {statistics.median(ages) if ages else float('nan'):.1f} s, "
          f"p90 {p90:.1f} s, max {max(ages) if ages else float('nan'):.1f} s")
    print(f"  the board shows {spy['shown']} thumbnails at the window's end")
    delays, behind = board_delays(seen, numbers(bind, learners, tokens))
    if delays:
        print(f"  a report on the board after the learner's own page showed it: {len(delays)} reports, median "
              f"{statistics.median(delays):.2f} s, p90 {quantile(delays, 0.9):.2f} s, max {max(delays):.2f} s "
              f"(target ≤ 2 s)")
        print(f"  the board behind the learners' own pages, sampled every 0.5 s: median "
              f"{statistics.median(behind):.2f} s, p90 {quantile(behind, 0.9):.2f} s, max {max(behind):.2f} s "
              f"(includes the reports' 2 s spacing)")
    if raw.exists():
        total, in_reports, in_board = shares(raw)
        print(f"  py-spy ({raw}), {total} samples of the server: reports {100 * in_reports:.1f} %, the board "
              f"{100 * in_board:.1f} %, together {100 * (in_reports + in_board):.1f} % (target ≤ 10 %)")
    print("note: shared 2-core machine; read medians")


if __name__ == "__main__":
    main()
