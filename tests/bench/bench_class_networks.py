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
* the board: thumbnails it shows at the end;
* a py-spy profile of the server over the window (``py-spy record -f raw``, active
  threads): the share of samples inside the reports (``ui/training/class_link.py``) and
  inside the teacher's board (``app_pages/classroom.py``), against the issue's ≤ 10 %.

Usage: ``python tests/bench/bench_class_networks.py [--learners 60] [--seconds 20]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from core.classroom.schema import ensure_schema, prepare_engine  # noqa: E402
from core.classroom.store import create_class  # noqa: E402
from core.classroom.tokens import new_learner_token  # noqa: E402
from core.guide.network_reports import class_networks  # noqa: E402
from tests.bench.protocol_learners import record_in_class, run_class  # noqa: E402
from tests.servers import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

BOARD = """
import sys, time
from playwright.sync_api import sync_playwright
url, chromium, seconds, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
args = sys.argv[5:]
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, args=args)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(1)
        count = page.evaluate("document.querySelectorAll('.class-gallery-item').length")
        open(out, "w").write(str(count))
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
                spy["shown"] = board_out.read_text() if board_out.exists() else "?"
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
        board.terminate()
        try:
            board.wait(timeout=30)
        except subprocess.TimeoutExpired:
            board.kill()
    rates = [learner.rates(*learner.window)[0] for learner in learners]
    med = statistics.median(rates)
    errors = sum(bool(learner.errors) for learner in learners)
    # Learner 1 is the recording browser, closed before the window: its network only ages.
    ages = sorted(n.age for n in found.networks if n.number != 1)
    print(f"{args.learners} learners in one class at speed 1, the board open, {args.seconds:.0f} s measured:")
    print(f"  epochs/s each: median {med:.1f}, min {min(rates):.1f}; stalled (< half the median) "
          f"{sum(r < med / 2 for r in rates)}; errors {errors}")
    p90 = ages[int(0.9 * (len(ages) - 1))] if ages else float("nan")
    print(f"  the store holds {len(ages)} learners' networks; their age at the window's end (a report every 2 s "
          f"at most, then the writer's second): median {statistics.median(ages) if ages else float('nan'):.1f} s, "
          f"p90 {p90:.1f} s, max {max(ages) if ages else float('nan'):.1f} s")
    print(f"  the board shows {spy['shown']} thumbnails at the window's end")
    if raw.exists():
        total, in_reports, in_board = shares(raw)
        print(f"  py-spy, {total} samples of the server: reports {100 * in_reports:.1f} %, the board "
              f"{100 * in_board:.1f} %, together {100 * (in_reports + in_board):.1f} % (target ≤ 10 %)")
    print("note: shared 2-core machine; read medians")


if __name__ == "__main__":
    main()
