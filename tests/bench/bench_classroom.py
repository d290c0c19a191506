"""Classroom benchmark of the live-training page (a script, not a test).

For each class size N it starts a fresh server (or, with ``--replicas R``, R servers
behind nginx, see ``deploy/``), opens N separate browser contexts (N learners, N
Streamlit sessions) on the training page, presses Play in each and, after a warm-up,
measures for ``--seconds``:

- per learner: frames drawn per second (the view's ``data-frames-drawn``), epochs per
  second (its ``data-epoch``), how often the metrics' text changed per second;
- the server: CPU % of one core and CPU ms per learner-second (psutil, all server
  processes), resident memory (RSS);
- the browsers (they share this machine's cores with the server): CPU %;
- connection errors: any learner whose app is not CONNECTED or shows an error dialog;
  and "stalled" learners (no epoch in the whole window).

It then says which limit was hit: the server's one core (one Python process runs on
one core at a time), the machine's cores (browsers included), or neither (the 30
frames/s the view aims at).

Peers in the same run:
- ``--peer REV``: the same page at an older commit of this repository (e.g. the last
  commit before the live view drew in the browser), checked out into a temporary
  folder and measured exactly the same way.
- ``--playground DIR``: a built TensorFlow Playground (``dist/`` of
  github.com/tensorflow/playground after ``npm install && npm run build``), served
  locally; its frames/s and epochs/s are measured in the same browser (it has no server
  work to measure).

``--churn K`` also opens and closes K sessions one after another and reports the
server's RSS before and after (sessions are kept ``--ttl`` seconds after they close,
Streamlit's ``server.disconnectedSessionTTL``, shortened here so the run does not wait
two minutes per check).

``--clients protocol`` measures a class without browsers: learners that speak
Streamlit's WebSocket protocol as a browser does (``tests/bench/protocol_learners.py``:
recorded once from real Chromium, replayed from one asyncio process, each fragment
rerun on its own interval whether or not the last one finished), so a class of 100 is
not limited by 100 headless browsers on two cores. Each class size gets a fresh server;
per learner it reports epochs/s and live-view frames received/s (median, min), and the
server's CPU per learner-second, RSS, errors and stalled learners. ``--check-browsers``
first measures 5 learners both ways on one server and prints the ratio of server CPU
per learner-second (protocol / browsers; the issue's bar: within ±20 %).

Usage::

    python tests/bench/bench_classroom.py --sessions 1,5,10,20
    python tests/bench/bench_classroom.py --sessions 5 --peer 4e6f68c --playground /tmp/playground/dist
    python tests/bench/bench_classroom.py --sessions 10 --replicas 2
    python tests/bench/bench_classroom.py --sessions 1 --churn 50
    python tests/bench/bench_classroom.py --clients protocol --sessions 10,20,30,40,60,100
    python tests/bench/bench_classroom.py --clients protocol --sessions 30,60 --replicas 2
    python tests/bench/bench_classroom.py --clients protocol --sessions 5 --check-browsers
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.servers import (  # noqa: E402
    CHROMIUM,
    CLOUD_OVERRIDES,
    CHROMIUM_ARGS,
    free_port,
    popen_logged,
    start_streamlit,
    stop_streamlit,
    wait_healthy,
)

PLAYGROUND_FIGURES = {"fps": 60.0}  # measured here before, when --playground is not given
LIVE = ".st-key-trn_live .trn-live"
# In-page probe: counts changes of the first metric's text, on every animation frame.
PROBE = """() => {
  window.__metricChanges = 0; let last = null;
  const look = () => {
    const m = document.querySelector(".st-key-train_metrics [data-testid='stMetricValue']");
    const text = m ? m.innerText : null;
    if (text !== null && text !== last) { window.__metricChanges += 1; last = text; }
    requestAnimationFrame(look);
  };
  look();
}"""
READ = f"""() => {{
  const v = document.querySelector("{LIVE}");
  const app = document.querySelector("[data-testid='stApp']");
  return {{
    frames: v ? parseInt(v.dataset.framesDrawn) : null,
    epoch: v ? parseInt(v.dataset.epoch) : null,
    metric: window.__metricChanges || 0,
    state: app ? app.getAttribute("data-test-connection-state") : null,
    dialog: document.querySelectorAll("[role='dialog']").length,
    // the old page (a PNG per frame) has no view: count its picture's changes instead
    src: (document.querySelector(".st-key-trn_boundary img") || {{}}).src || null,
  }};
}}"""
OLD_PAGE_PROBE = """() => {
  window.__pngFrames = 0; let last = null;
  const look = () => {
    const img = document.querySelector(".st-key-trn_boundary img");
    const src = img ? img.getAttribute("src") : null;
    if (src && src !== last) { window.__pngFrames += 1; last = src; }
    requestAnimationFrame(look);
  };
  look();
}"""


# ------------------------------------------------------------------ processes


def server_processes(root_pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(root_pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(procs) -> float:
    total = 0.0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            t = p.cpu_times()
            total += t.user + t.system
    return total


def rss_mb(procs) -> float:
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total / 1e6


def chromium_processes() -> list[psutil.Process]:
    out = []
    for p in psutil.process_iter(["name", "cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "chrom" in (p.info["name"] or "") or "chromium" in cmd:
            out.append(p)
    return out


@contextlib.contextmanager
def app_server(cwd: Path = ROOT, *extra: str):
    """One ``streamlit run`` of the app in ``cwd``; yields (url, [pids])."""
    port = free_port()
    proc = start_streamlit(port, *extra, cwd=cwd)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, [proc.pid]
    finally:
        stop_streamlit(proc)


@contextlib.contextmanager
def replicated_server(replicas: int):
    """``deploy/run_replicas.sh``: R servers behind nginx; yields (url, [pids])."""
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="classroom-"))
    proc = popen_logged(["bash", str(ROOT / "deploy" / "run_replicas.sh"), str(replicas), str(port)],
                        cwd=ROOT, env={**__import__("os").environ, "RUN_DIR": str(work)})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=120)
        pids = [int(p.read_text()) for p in sorted(work.glob("*.pid"))]
        yield url, pids
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
        if proc.poll() is None:
            proc.kill()
        proc.log.close()


@contextlib.contextmanager
def old_checkout(rev: str):
    """The app at commit ``rev``, in a temporary folder (a peer measured the same way)."""
    with tempfile.TemporaryDirectory(prefix="peer-") as tmp:
        subprocess.run(["git", "worktree", "add", "--detach", tmp, rev], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield Path(tmp)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", tmp], cwd=ROOT, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ------------------------------------------------------------------ one class


def open_class(browser, url: str, n: int, query: str, old_page: bool):
    pages = []
    for i in range(n):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.set_default_timeout(120_000)
        page = ctx.new_page()
        page.goto(f"{url}/training?{query}", timeout=120_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=120_000)
        page.wait_for_selector(".st-key-play button", timeout=120_000)
        page.evaluate(PROBE)
        if old_page:
            page.evaluate(OLD_PAGE_PROBE)
        pages.append((ctx, page))
    return pages


CLICK_PLAY = """() => [...document.querySelectorAll('.st-key-play button')].find((b) => b.offsetWidth > 0).click()"""


def press_play(pages) -> None:
    """Play (or Pause) in every page, at once: a dispatched click, not Playwright's
    actionability checks, which time out when 20 busy pages share two cores."""
    for _, page in pages:
        page.evaluate(CLICK_PLAY)


def read_all(pages):
    out = []
    for _, page in pages:
        try:
            r = page.evaluate(READ)
            if r["frames"] is None:  # the old page: its picture's changes are its frames
                r["frames"] = page.evaluate("() => window.__pngFrames || 0")
                txt = page.evaluate("""() => { const m = document.querySelector(
                    ".st-key-train_metrics [data-testid='stMetricValue']"); return m ? m.innerText : "0"; }""")
                r["epoch"] = int(txt.replace(",", "") or 0)
            out.append(r)
        except Exception as error:  # a page that died is a connection error
            out.append({"frames": 0, "epoch": 0, "metric": 0, "state": f"error: {error}", "dialog": 1})
    return out


def measure_class(browser, url: str, pids: list[int], n: int, seconds: float, query: str,
                  old_page: bool = False) -> dict:
    pages = open_class(browser, url, n, query, old_page)
    try:
        press_play(pages)
        time.sleep(3.0)  # warm-up: every learner playing
        procs = [p for pid in pids for p in server_processes(pid)]
        browsers = chromium_processes()
        r0, c0, b0, t0 = read_all(pages), cpu_seconds(procs), cpu_seconds(browsers), time.monotonic()
        time.sleep(seconds)
        r1, c1, b1, t1 = read_all(pages), cpu_seconds(procs), cpu_seconds(browsers), time.monotonic()
        rss = rss_mb(procs)
        press_play(pages)
    finally:
        for ctx, _ in pages:
            ctx.close()
    dt = t1 - t0
    fps = [(b["frames"] - a["frames"]) / dt for a, b in zip(r0, r1)]
    eps = [(b["epoch"] - a["epoch"]) / dt for a, b in zip(r0, r1)]
    mps = [(b["metric"] - a["metric"]) / dt for a, b in zip(r0, r1)]
    errors = sum(1 for r in r1 if r["state"] != "CONNECTED" or r["dialog"])
    server_cpu = (c1 - c0) / dt
    return {"n": n, "fps": fps, "eps": eps, "mps": mps, "errors": errors,
            "stalled": sum(1 for e in eps if e <= 0), "cpu": server_cpu,
            "ms_per_learner_s": 1000 * server_cpu / n, "rss": rss, "browser_cpu": (b1 - b0) / dt}


def measure_protocol_class(url: str, pids: list[int], n: int, seconds: float, query: str,
                           recording=None) -> dict:
    """``n`` browser-free learners (one recording of real Chromium, replayed); the same
    figures as :func:`measure_class`, frames being live-view frames *received*."""
    from tests.bench.protocol_learners import record, run_class

    if recording is None:
        recording = record(url, "training", query, CHROMIUM, CHROMIUM_ARGS)
    procs = [p for pid in pids for p in server_processes(pid)]
    marks: dict[float, tuple[float, float]] = {}
    learners = run_class(url, recording, n, seconds,
                         on_window=lambda mark: marks.__setitem__(mark, (cpu_seconds(procs), time.monotonic())))
    start, end = learners[0].window
    (c0, t0), (c1, t1) = marks[start], marks[end]
    rates = [learner.rates(start, end) for learner in learners]
    server_cpu = (c1 - c0) / (t1 - t0)
    eps = [r[0] for r in rates]
    return {"n": n, "fps": [r[1] for r in rates], "eps": eps, "mps": [0.0] * n,
            "errors": sum(1 for learner in learners if learner.errors),
            "stalled": sum(1 for e in eps if e <= 0), "cpu": server_cpu,
            "ms_per_learner_s": 1000 * server_cpu / n, "rss": rss_mb(procs), "browser_cpu": 0.0,
            "runs": (sum(x.runs_finished for x in learners), sum(x.fragment_runs_sent for x in learners)),
            "ready": learners[0].all_playing_after,
            "page_runs": sum(start <= t <= end for x in learners for t in x.full_runs)}


def print_protocol_row(label: str, row: dict, replicas: int = 1) -> None:
    med = statistics.median
    finished, sent = row["runs"]
    print(f"{label:>16} {row['n']:>3} | epochs/s {med(row['eps']):7.1f} (min {min(row['eps']):7.1f}) | "
          f"frames received/s {med(row['fps']):5.1f} (min {min(row['fps']):5.1f}) | server "
          f"{100 * row['cpu']:5.1f} % CPU, {row['ms_per_learner_s']:5.1f} ms/learner-s, RSS {row['rss']:6.0f} MB | "
          f"runs finished {finished} of {sent} ticks sent, {row['page_runs']} whole-page | "
          f"all playing after {row['ready']:4.1f} s | "
          f"errors {row['errors']}, stalled {row['stalled']} | "
          f"limit: {limit_of(row, replicas)}", flush=True)


def check_against_browsers(query: str, seconds: float) -> None:
    """5 learners as real browsers, then 5 protocol learners, on one warm server: server
    CPU per learner-second both ways, and their ratio (the protocol client is a fair
    stand-in for a browser when it is within ±20 %)."""
    from playwright.sync_api import sync_playwright

    with app_server() as (url, pids):
        with sync_playwright() as pw:  # closed before the protocol learners record theirs
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            real = measure_class(browser, url, pids, 5, seconds, query)
            browser.close()
        print_row("5 browsers", real)
        time.sleep(3.0)
        stand_in = measure_protocol_class(url, pids, 5, seconds, query)
        print_protocol_row("5 protocol", stand_in)
    ratio = stand_in["ms_per_learner_s"] / real["ms_per_learner_s"]
    print(f"server CPU per learner-second, protocol / browsers: {ratio:.2f} "
          f"({'within' if abs(ratio - 1) <= 0.2 else 'outside'} ±20 %)", flush=True)


def limit_of(row: dict, replicas: int) -> str:
    cores = psutil.cpu_count() or 2
    if row["cpu"] / max(1, replicas) > 0.85:
        return "server: one core per process"
    if row["cpu"] + row["browser_cpu"] > 0.85 * cores:
        return f"machine: {cores} cores shared with the browsers"
    return "none: the view's 30 frames/s"


def print_row(label: str, row: dict, replicas: int = 1) -> None:
    med = statistics.median
    print(f"{label:>16} {row['n']:>3} | frames/s {med(row['fps']):5.1f} (min {min(row['fps']):5.1f}) | "
          f"epochs/s {med(row['eps']):7.1f} (min {min(row['eps']):7.1f}) | metric updates/s "
          f"{med(row['mps']):5.1f} | server {100 * row['cpu']:5.1f} % CPU, "
          f"{row['ms_per_learner_s']:5.1f} ms/learner-s, RSS {row['rss']:6.0f} MB | browsers "
          f"{100 * row['browser_cpu']:5.1f} % | errors {row['errors']}, stalled {row['stalled']} | "
          f"limit: {limit_of(row, replicas)}", flush=True)


# ------------------------------------------------------------------ the peers


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request in the bench's output
        pass


@contextlib.contextmanager
def static_server(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


PLAYGROUND_PROBE = """() => {
  window.__draws = 0;
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...a) {
    if (this.canvas.closest('#heatmap')) window.__draws += 1;
    return put.apply(this, a);
  };
}"""


def measure_playground(browser, folder: Path, n: int, seconds: float) -> dict:
    """TensorFlow Playground in ``n`` tabs: heat-map redraws and epochs per second."""
    with static_server(folder) as url:
        pages = []
        for _ in range(n):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            page.add_init_script(f"({PLAYGROUND_PROBE})()")
            page.goto(f"{url}/index.html#activation=tanh&dataset=circle&networkShape=4,2")
            page.wait_for_selector("#play-pause-button")
            pages.append((ctx, page))
        for _, page in pages:
            page.click("#play-pause-button")
        time.sleep(2.0)
        read = "() => [window.__draws, parseInt(document.querySelector('#iter-number').innerText.replace(/,/g, ''))]"
        browsers = chromium_processes()
        r0, b0, t0 = [p.evaluate(read) for _, p in pages], cpu_seconds(browsers), time.monotonic()
        time.sleep(seconds)
        r1, b1, t1 = [p.evaluate(read) for _, p in pages], cpu_seconds(browsers), time.monotonic()
        for ctx, _ in pages:
            ctx.close()
    dt = t1 - t0
    return {"fps": [(b[0] - a[0]) / dt for a, b in zip(r0, r1)],
            "eps": [(b[1] - a[1]) / dt for a, b in zip(r0, r1)], "browser_cpu": (b1 - b0) / dt}


def churn(browser, k: int, ttl: int, query: str) -> None:
    """Open and close ``k`` sessions; RSS before and after (after the sessions' TTL)."""
    with app_server(ROOT, "--server.disconnectedSessionTTL", str(ttl)) as (url, pids):
        procs = [p for pid in pids for p in server_processes(pid)]

        def one_session():
            ctx = browser.new_context()
            page = ctx.new_page()
            page.goto(f"{url}/training?{query}")
            page.wait_for_selector(LIVE, timeout=60_000)
            page.locator(".st-key-play").get_by_role("button").first.click()
            page.wait_for_timeout(1000)
            ctx.close()

        for _ in range(5):  # warm: imports, caches, first sessions
            one_session()
        time.sleep(ttl + 3)
        before = rss_mb(procs)
        marks = []
        for i in range(1, k + 1):
            one_session()
            if i % 25 == 0 or i == k:  # RSS along the way: a plateau is flat, a slope is a leak
                time.sleep(ttl + 3)
                marks.append(f"{i}: {rss_mb(procs):.0f} MB")
        after = rss_mb(procs)
    print(f"churn: {k} sessions opened, played and closed: RSS {before:.0f} MB after 5 -> {after:.0f} MB "
          f"({100 * (after / before - 1):+.1f} %); along the way {', '.join(marks)}", flush=True)


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", default="1,5,10,20", help="class sizes, comma-separated")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per class")
    parser.add_argument("--query", default="lang=en&speed=1", help="the training page's URL parameters")
    parser.add_argument("--replicas", type=int, default=0, help="measure R replicas behind nginx (deploy/)")
    parser.add_argument("--peer", default=None, help="also measure the page at this git commit")
    parser.add_argument("--playground", type=Path, default=None, help="a built TF Playground dist/ folder")
    parser.add_argument("--churn", type=int, default=0, help="open and close this many sessions, RSS before/after")
    parser.add_argument("--ttl", type=int, default=5, help="disconnectedSessionTTL for the churn run")
    parser.add_argument("--clients", choices=("browser", "protocol"), default="browser",
                        help="learners as headless browsers, or browser-free protocol clients")
    parser.add_argument("--cloud", action="store_true",
                        help="protocol learners: the server with Community Cloud's overrides (tests/servers.py)")
    parser.add_argument("--check-browsers", action="store_true",
                        help="first compare 5 protocol learners with 5 browsers (server CPU per learner-s)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sessions.split(",") if s]
    if args.clients == "protocol":
        protocol_main(args, sizes)
        return

    from playwright.sync_api import sync_playwright

    print(f"machine: {psutil.cpu_count()} cores; query: {args.query}; {args.seconds:.0f} s per class", flush=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in sizes:
                if args.replicas:
                    with replicated_server(args.replicas) as (url, pids):
                        print_row(f"{args.replicas} replicas", measure_class(browser, url, pids, n, args.seconds,
                                                                             args.query), args.replicas)
                else:
                    with app_server() as (url, pids):
                        print_row("this page", measure_class(browser, url, pids, n, args.seconds, args.query))
                if args.peer:
                    with old_checkout(args.peer) as tree, app_server(tree) as (url, pids):
                        print_row(f"page @ {args.peer[:8]}",
                                  measure_class(browser, url, pids, n, args.seconds, args.query, old_page=True))
                if args.playground:
                    row = measure_playground(browser, args.playground, n, args.seconds)
                    print(f"{'TF Playground':>16} {n:>3} | frames/s {statistics.median(row['fps']):5.1f} "
                          f"(min {min(row['fps']):5.1f}) | epochs/s {statistics.median(row['eps']):7.1f} | "
                          f"server: static files, no work | browsers {100 * row['browser_cpu']:5.1f} %",
                          flush=True)
            if args.churn:
                churn(browser, args.churn, args.ttl, args.query)
        finally:
            browser.close()
    if not args.playground:
        print(f"TF Playground (measured before in this headless Chromium): ~{PLAYGROUND_FIGURES['fps']:.0f} frames/s")


def protocol_main(args, sizes: list[int]) -> None:
    """The class sizes with browser-free learners (a fresh server, or R replicas, each)."""
    print(f"machine: {psutil.cpu_count()} cores; query: {args.query}; {args.seconds:.0f} s per class after "
          f"3 s of warm-up; protocol learners", flush=True)
    if args.check_browsers:
        check_against_browsers(args.query, args.seconds)
    for n in sizes:
        if args.replicas:
            with replicated_server(args.replicas) as (url, pids):
                print_protocol_row(f"{args.replicas} replicas",
                                   measure_protocol_class(url, pids, n, args.seconds, args.query), args.replicas)
        else:
            with app_server(ROOT, *(CLOUD_OVERRIDES if args.cloud else ())) as (url, pids):
                label = "Cloud settings" if args.cloud else "one process"
                print_protocol_row(label, measure_protocol_class(url, pids, n, args.seconds, args.query))
        if args.peer:  # the same class against the page at an older commit, in the same run
            with old_checkout(args.peer) as tree, app_server(tree) as (url, pids):
                print_protocol_row(f"@ {args.peer[:8]}", measure_protocol_class(url, pids, n, args.seconds, args.query))


if __name__ == "__main__":
    main()
