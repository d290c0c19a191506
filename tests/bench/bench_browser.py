"""Browser benchmark of the live-training page (a script, not a test).

Starts the app, opens ``/training`` in headless Chromium with URL parameters, presses
Play and prints:

1. frames per second the live view draws while training (its ``data-frames-drawn``)
   and the failed requests (HTTP 4xx/5xx) during 10 s of play;
2. epochs per second at ``speed=max``;
3. seconds from the Play click until ``Test accuracy`` shows ≥ 99 % (circle, hidden
   4,2, noise 0, page defaults, speed=max), over 5 seeds, with tanh and sigmoid;
4. server memory per extra open session (psutil RSS, 1 vs several sessions).

Figures are compared with TensorFlow Playground's, measured in the same headless
Chromium: one epoch per frame (≈ 35 epochs/s), ≈ 2.0 s to 99 % with tanh and ≈ 26 s
with sigmoid. The machine is shared: run it when it is quiet and read medians.

Usage: ``python tests/bench/bench_browser.py [--seconds 10] [--seeds 5]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.servers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop_streamlit,
    wait_healthy,
)

PLAYGROUND = {"epochs_per_s": 35.0, "tanh_s": 2.0, "sigmoid_s": 26.0}
TARGET = {"fps": 30.0, "epochs_per_s": 1500.0, "tanh_s": 0.5, "sigmoid_s": 3.0}

# In-page probes: they run in the browser, so their clocks do not include Playwright's
# round trips. The live view's root counts the frames it has drawn.
LIVE = ".st-key-trn_live .trn-live"
FRAMES_DRAWN = f"""() => parseInt(document.querySelector("{LIVE}").dataset.framesDrawn)"""
METRIC_JS = """(label) => {
  const box = document.querySelector('.st-key-train_metrics');
  if (!box) return null;
  for (const m of box.querySelectorAll("[data-testid='stMetric']")) {
    const l = m.querySelector("[data-testid='stMetricLabel']");
    if (l && l.innerText.trim() === label) return m.querySelector("[data-testid='stMetricValue']").innerText;
  }
  return null;
}"""
TIME_TO_ACC = """([target, timeoutMs]) => new Promise((resolve) => {
  const read = () => {
    const box = document.querySelector('.st-key-train_metrics');
    const vals = box ? [...box.querySelectorAll("[data-testid='stMetricValue']")] : [];
    return vals.length === 4 ? parseFloat(vals[3].innerText) : NaN;
  };
  const button = [...document.querySelectorAll('.st-key-play button')].find((b) => b.offsetWidth > 0);
  const t0 = performance.now();
  button.click();
  const poll = () => {
    const now = performance.now();
    if (read() >= target) return resolve((now - t0) / 1000);
    if (now - t0 > timeoutMs) return resolve(null);
    requestAnimationFrame(poll);
  };
  poll();
})"""


class Browser:
    def __init__(self, base: str):
        from playwright.sync_api import sync_playwright

        self.base = base
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    def open(self, query: str, width: int = 1400, height: int = 1000, path: str = "training"):
        context = self.browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
        page = context.new_page()
        failed: list[str] = []

        def on_response(response):
            probing = response.url.endswith(("/_stcore/health", "/_stcore/host-config"))
            if response.status >= 400 and not probing:
                failed.append(f"{response.status} {response.url[:100]}")

        page.on("response", on_response)
        page.goto(f"{self.base}/{path}?{query}", timeout=60_000)
        page.wait_for_selector(".st-key-lang", state="attached", timeout=60_000)
        if path == "training":
            page.wait_for_selector(LIVE, timeout=60_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
        page.wait_for_timeout(500)
        return context, page, failed

    def close(self):
        self.browser.close()
        self._pw.stop()


def epoch_of(page) -> int:
    text = page.evaluate(METRIC_JS, "Epoch") or "0"
    return int(text.replace(",", ""))


def measure_fps(b: Browser, seconds: float, query: str):
    context, page, failed = b.open(query)
    try:
        page.locator(".st-key-play").get_by_role("button").first.click()
        page.wait_for_timeout(2000)  # let the first frames settle
        before = len(failed)
        f0, t0 = page.evaluate(FRAMES_DRAWN), time.perf_counter()
        page.wait_for_timeout(seconds * 1000)
        frames = page.evaluate(FRAMES_DRAWN) - f0
        dt = time.perf_counter() - t0
        return frames / dt, failed[before:]
    finally:
        context.close()


def measure_epochs_per_s(b: Browser, seconds: float, query: str) -> float:
    context, page, _ = b.open(query)
    try:
        page.locator(".st-key-play").get_by_role("button").first.click()
        page.wait_for_timeout(1000)
        e0, t0 = epoch_of(page), time.perf_counter()
        page.wait_for_timeout(seconds * 1000)
        e1, t1 = epoch_of(page), time.perf_counter()
        return (e1 - e0) / (t1 - t0)
    finally:
        context.close()


def measure_time_to_99(b: Browser, activation: str, seed: int, timeout_s: float = 30.0):
    context, page, _ = b.open(f"activation={activation}&seed={seed}&speed=max")
    try:
        return page.evaluate(TIME_TO_ACC, [99.0, timeout_s * 1000])
    finally:
        context.close()


def rss_mb(proc) -> float:
    import psutil

    p = psutil.Process(proc.pid)
    return sum(c.memory_info().rss for c in [p, *p.children(recursive=True)]) / 2**20


def measure_memory(b: Browser, proc, extra: int = 4):
    contexts = [b.open("")[0]]
    time.sleep(2)
    one = rss_mb(proc)
    for _ in range(extra):
        contexts.append(b.open("trn_compare=tanh,relu")[0])
    time.sleep(2)
    many = rss_mb(proc)
    for c in contexts:
        c.close()
    return one, many, (many - one) / extra


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--only", choices=("fps", "epochs", "accuracy", "memory"), default=None,
                        help="run one part only")
    args = parser.parse_args()

    port = free_port()
    proc = start_streamlit(port)
    base = f"http://127.0.0.1:{port}"
    b = None
    try:
        wait_healthy(base, proc)
        b = Browser(base)
        # A fresh server serves the first visit of a non-default page before st.navigation
        # has run once; warm it up on the home page.
        ctx, page, _ = b.open("", path="")
        ctx.close()

        want = lambda part: args.only in (None, part)  # noqa: E731
        if want("fps"):
            fps, failed = measure_fps(b, args.seconds, "speed=1")
            print(f"frames/s drawn while training (speed 1): {fps:.1f}  (target ≥ {TARGET['fps']:.0f})")
            print(f"failed requests in {args.seconds:.0f} s of play: {len(failed)}  (target 0) {failed[:3]}")
            fps_max, failed_max = measure_fps(b, args.seconds, "speed=max")
            print(f"frames/s drawn while training (speed max): {fps_max:.1f}; "
                  f"failed requests: {len(failed_max)}")

        if want("epochs"):
            eps = measure_epochs_per_s(b, args.seconds, "speed=max")
            print(f"epochs/s at speed=max: {eps:,.0f}  (target ≥ {TARGET['epochs_per_s']:,.0f}; "
                  f"Playground ≈ {PLAYGROUND['epochs_per_s']:.0f}: {ratio(eps, PLAYGROUND['epochs_per_s'])})")

        for act in ("tanh", "sigmoid") if want("accuracy") else ():
            times = [measure_time_to_99(b, act, seed) for seed in range(args.seeds)]
            shown = ", ".join("timeout" if t is None else f"{t:.2f}" for t in times)
            finite = [t if t is not None else float("inf") for t in times]
            med = statistics.median(finite)
            pg = PLAYGROUND[f"{act}_s"]
            print(f"seconds to 99 % test accuracy, {act}, seeds 0-{args.seeds - 1}: [{shown}] median {med:.2f} s "
                  f"(target < {TARGET[f'{act}_s']} s; Playground ≈ {pg} s: {ratio(pg, med)} faster)")

        if want("memory"):
            one, many, per = measure_memory(b, proc)
            print(f"server RSS: {one:.0f} MB with 1 session, {many:.0f} MB with 5: ≈ {per:.1f} MB per extra session")
        print("note: shared 2-core machine; figures vary run to run, medians are the ones to read")
    finally:
        if b is not None:
            b.close()
        stop_streamlit(proc)


if __name__ == "__main__":
    main()
