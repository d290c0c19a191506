"""How quickly the app answers one learner, in headless Chromium (a script, not a test).

For every page of ``core.state.pages.PAGES`` (``--pages`` to choose) it measures, each
``--runs`` times, and prints the median and the 90th percentile:

1. **loads**: from the navigation's start (the page's ``performance.now()`` origin) to
   the first animation frame in which the app is connected, its script is not running,
   a script run has finished (the run tracker of ``tests/app_page.py``) and the page's
   *main picture* is drawn (``PICTURES`` below: the lesson's station on the home page,
   the network diagram on the collapse page (its first screen), the f and f′ charts on
   the activations page, the four stage pictures of the feature map, the live view's
   first frame on the training page, the "start a class" box on the class page).
   *Cold*: the first visit after the server started (a fresh server per measurement).
   *Warm*: later visits, in fresh browser contexts, to a server that has served the page.
2. **interactions**: from the learner's input (the page's first ``pointerdown`` or
   ``keydown`` after the measurement is armed) to the animation frame in which the
   changed picture is seen in its final form: lesson Check and Next on the home page, a
   weight on the collapse page, a function and a parameter on the activations page,
   kernel and activation on the feature map, a point drawn on the training page's
   drawing plane, Play, Pause and Step on the training page. A picture's "signature" is
   read in the browser on every animation frame (a Vega chart's SVG or canvas pixels, an
   image's ``src`` once loaded, a Graphviz SVG, the live view's ``data-*`` attributes);
   the time is that of its last change once the run has finished and it has stayed the
   same for ``QUIET_MS`` (Play: the first new frame drawn; Pause: ``data-playing="0"``
   with nothing queued; Step: ``data-epoch`` one higher). One unmeasured repetition comes
   first; repetitions alternate between two values, so each is a real change (and, after
   the first round, the server's ``st.cache_data`` entries hit). ``--values new`` walks
   to values not seen yet instead (w1 down a step each time, another function, the next
   kernel or activation): the cache misses of a learner exploring.
3. **server CPU** per load and per interaction: user + system CPU of the server process
   and its children (psutil), read before the input and after the picture changed.
4. **the floor**, in the same run: an empty Streamlit page (``st.write("empty")`` and a
   button that reruns it) served by the same ``start_streamlit``, loaded cold and warm
   the same way, and its button's click → changed text.

``--profile PAGE`` instead runs py-spy (``py-spy record --gil -f raw``: samples of the
threads holding the GIL, i.e. the server's Python work, idle waits left out) on the
server while it repeats that page's interactions, and prints where the server's time
went: the share inside script runs and, below the script runner (the app's code and
what Streamlit does for it), the functions with the largest inclusive share (each stack
counted once per function, with each one's self share); then the same for the rest
(the event loop sending messages, serving files, other threads). The profiler pauses
the server at each sample, so the latencies printed with it are a little higher.

Targets it is read against (the issue's): warm load ≤ 1.5 s, cold load ≤ 2.5 s;
interactions median ≤ 300 ms, p90 ≤ 600 ms. The machine may be shared: read medians,
and compare a page with the floor measured in the same run.

Usage::

    python tests/bench/bench_interaction.py                      # everything, 5 runs
    python tests/bench/bench_interaction.py --runs 3 --pages collapse,training
    python tests/bench/bench_interaction.py --only interactions --values new
    python tests/bench/bench_interaction.py --profile collapse --runs 5
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.guide import path as lp  # noqa: E402
from core.i18n import t  # noqa: E402
from core.lessons import feature_map as fm  # noqa: E402
from core.nn.activations import ACTIVATIONS, display_name  # noqa: E402
from core.state.pages import PAGES as APP_PAGES  # noqa: E402
from tests.app_page import LIVE_VIEW, AppPage  # noqa: E402
from tests.servers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop_streamlit,
    wait_healthy,
)

TARGET_MS = {"warm": 1500, "cold": 2500, "median": 300, "p90": 600}
#: A settled picture must stay the same this long (ms) before its last change counts.
QUIET_MS = 300
#: How long one load or one interaction may take before it counts as failed (ms).
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}
FLOOR = "floor"
FLOOR_APP = textwrap.dedent('''\
    import streamlit as st

    st.write("empty")
    if st.button("Click", key="floor_button"):
        st.session_state["clicks"] = st.session_state.get("clicks", 0) + 1
    with st.container(key="floor_count"):
        st.write(f"clicks: {st.session_state.get('clicks', 0)}")
''')

# ------------------------------------------------------------------ in the browser

#: Installed in every page (after the run tracker of tests/app_page.py): ``sig(parts)``,
#: a picture's signature (null while any part is missing or not drawn yet), the load
#: watch and the interaction watch (``arm``).
BENCH_JS = r"""(() => {
  if (window.__bench) return;
  const B = window.__bench = { mutations: 0, loadedAt: null, connectedAt: null, runAt: null, drawnAt: null,
                               watch: null };
  const observer = new MutationObserver((records) => { B.mutations += records.length; });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const hashText = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return (h >>> 0).toString(36) + "." + s.length;
  };
  const hashCanvas = (c) => {
    if (!c.width || !c.height) return null;
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const words = new Uint32Array(data.buffer, 0, data.length >> 2);
    let h = 2166136261;
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619);
    return (h >>> 0).toString(36) + "." + c.width + "x" + c.height;
  };
  // A Vega chart: its SVG marks, or its canvas's pixels (a canvas redraw mutates no DOM).
  // ``state.volatile``: the value may change without a DOM mutation (a canvas redrawn,
  // an image finishing its download), so it is not kept for the next frame.
  const vega = (chart, state) => {
    if (!chart) return null;
    const svg = chart.querySelector("svg.marks");
    if (svg) return hashText(svg.innerHTML);
    const canvas = chart.querySelector("canvas");
    if (!canvas) return null;
    state.volatile = true;
    return hashCanvas(canvas);
  };
  const img = (el, state) => {
    if (!el) return null;
    if (el.complete && el.naturalWidth > 0) return hashText(el.currentSrc || el.src);
    state.volatile = true;
    return null;
  };
  const charts = (scope) => (scope || document).querySelectorAll("[data-testid='stVegaLiteChart']");
  // Every picture in a box (images, Vega charts, Graphviz diagrams), its headings, and
  // the keyed containers inside it whose key starts with one of ``keys``.
  const box = (el, part, state) => {
    if (!el || !el.querySelector("h1, h2, h3")) return null;
    const out = [];
    for (const h of el.querySelectorAll("h1, h2, h3")) out.push(h.textContent);
    for (const i of el.querySelectorAll("[data-testid='stImage'] img")) { const s = img(i, state); if (s === null) return null; out.push(s); }
    for (const c of charts(el)) { const s = vega(c, state); if (s === null) return null; out.push(s); }
    for (const g of el.querySelectorAll("[data-testid='stGraphVizChart']")) {
      const svg = g.querySelector("svg"); if (!svg) return null; out.push(hashText(svg.innerHTML)); }
    for (const prefix of part.keys || []) out.push(el.querySelectorAll(`[class*='st-key-${prefix}']`).length);
    return out.join(",");
  };
  const one = (part, state) => {
    switch (part.kind) {
      case "vega": return vega(charts(part.sel ? document.querySelector(part.sel) : null)[part.i || 0], state);
      case "img": return img(document.querySelector(part.sel), state);
      case "gv": {
        const g = document.querySelectorAll("[data-testid='stGraphVizChart']")[part.i || 0];
        const svg = g && g.querySelector("svg");
        return svg ? hashText(svg.innerHTML) : null;
      }
      case "text": {
        const el = document.querySelector(part.sel);
        return el && el.textContent.includes(part.has || "") ? hashText(el.textContent) : null;
      }
      case "box": return box(document.querySelector(part.sel), part, state);
      case "live": {
        const v = document.querySelector(part.sel);
        if (!v || !(+v.dataset.framesDrawn > 0)) return null;
        const d = v.dataset;
        return JSON.stringify({ epoch: +d.epoch, frames: +d.framesDrawn, playing: d.playing, queued: +d.queued });
      }
      case "newest": {  // the newest of a widget re-keyed on each change (key prefix + a count)
        let best = null, n = -1;
        for (const el of document.querySelectorAll(`[class*='st-key-${part.prefix}']`)) {
          const m = el.className.match(new RegExp(`st-key-${part.prefix}(\\d+)`));
          if (m && +m[1] > n) { n = +m[1]; best = el; }
        }
        const s = best ? vega(best.querySelector("[data-testid='stVegaLiteChart']") || best, state) : null;
        return s === null ? null : n + ":" + s;
      }
    }
    return null;
  };
  // The signature is recomputed only when the DOM changed or a part is volatile.
  const memo = new Map();
  B.sig = (parts) => {
    const key = JSON.stringify(parts);
    const last = memo.get(key);
    if (last && last.mutations === B.mutations && !last.volatile) return last.value;
    const state = { volatile: false }, out = [];
    for (const part of parts) { const s = one(part, state); if (s === null) { out.length = 0; out.push(null); break; } out.push(s); }
    const value = out[0] === null ? null : out.join("|");
    memo.set(key, { mutations: B.mutations, volatile: state.volatile, value });
    return value;
  };
  const app = () => document.querySelector("[data-testid='stApp']");
  const idle = () => { const a = app(); return !!a && a.getAttribute("data-test-connection-state") === "CONNECTED"
                                              && a.getAttribute("data-test-script-state") === "notRunning"; };
  // Load: the first frame with the app idle, a run finished and the main picture drawn;
  // on the way, when the app connected and when the first run's end arrived.
  B.watchLoad = (parts) => {
    const loop = () => {
      const runs = window.__runs, a = app();
      if (B.connectedAt === null && a && a.getAttribute("data-test-connection-state") === "CONNECTED") {
        B.connectedAt = performance.now();
      }
      if (B.runAt === null && runs) {
        const end = runs.log.find(([, what]) => what.startsWith("finished"));
        if (end) B.runAt = end[0];
      }
      const drawn = !!document.body && B.sig(parts) !== null;
      if (B.drawnAt === null && drawn) B.drawnAt = performance.now();  // a run may still be going
      if (drawn && idle() && runs && runs.finished > 0) {
        B.loadedAt = performance.now();
        return;
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  // An interaction: the picture's signature now, then on every frame until done.
  // mode "settled": done once the picture differs from before, the run has ended and it
  // has stayed the same ``quiet`` ms (the time is its last change); mode "first": done on
  // the first frame where ``pred(cur, base)`` holds (signatures parsed as JSON). ``also``:
  // another predicate whose first time is noted on the way.
  B.arm = (parts, mode, pred, quiet, also) => {
    const w = B.watch = { parts, mode, quiet, armedAt: performance.now(), t0: null, base: B.sig(parts),
                          firstAt: null, lastAt: null, alsoAt: null, changes: 0, done: null };
    w.last = w.base;
    const compile = (src) => src ? new Function("cur", "base", `return (${src})(JSON.parse(cur), JSON.parse(base));`) : null;
    const test = compile(pred), side = compile(also);
    const onInput = () => { if (w.t0 === null) w.t0 = performance.now(); };
    document.addEventListener("pointerdown", onInput, true);
    document.addEventListener("keydown", onInput, true);
    const finish = (at) => {
      document.removeEventListener("pointerdown", onInput, true);
      document.removeEventListener("keydown", onInput, true);
      w.done = { at, ms: at - w.t0, first: (w.firstAt === null ? at : w.firstAt) - w.t0, changes: w.changes,
                 also: w.alsoAt === null ? null : w.alsoAt - w.t0 };
    };
    const loop = () => {
      if (B.watch !== w || w.done) return;
      const now = performance.now(), s = B.sig(parts);
      if (s !== w.last) {
        w.last = s; w.lastAt = now; w.changes += 1;
        if (w.firstAt === null && w.t0 !== null) w.firstAt = now;
      }
      if (w.t0 !== null && s !== null) {
        if (side && w.alsoAt === null && side(s, w.base)) w.alsoAt = now;
        if (mode === "first") {
          if (test(s, w.base)) return finish(now);
        } else if (s !== w.base && idle() && window.__runs.finished > w.t0 && now - w.lastAt >= quiet) {
          return finish(w.lastAt);
        }
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    return w.base;
  };
})();"""

# Predicates of the training page's live view (its dataset, parsed: epoch, frames, playing, queued).
NEW_FRAME = "(c, b) => c.playing === '1' && c.frames > b.frames && c.epoch > b.epoch"
PAUSED = "(c, b) => c.playing === '0' && c.queued === 0"
SAYS_PAUSED = "(c, b) => c.playing === '0'"
ONE_EPOCH = "(c, b) => c.epoch === b.epoch + 1"

# ------------------------------------------------------------------ the pages' pictures


def vega(i: int, sel: str | None = None) -> dict:
    return {"kind": "vega", "i": i, "sel": sel}


#: Each page's main picture: what a load waits for (parts of a signature, all drawn).
PICTURES = {
    FLOOR: [{"kind": "text", "sel": ".st-key-floor_count", "has": "clicks"}],
    "home": [{"kind": "box", "sel": ".st-key-lesson_station", "keys": ["lesson_reveal_"]}],
    # The first screen's picture: the sections below it are drawn as the learner comes to
    # them (ui.visibility.reached), the boundary chart among them.
    "collapse": [{"kind": "gv", "i": 0}],
    "activations": [vega(0), vega(1)],
    "feature-map": [{"kind": "img", "sel": f".st-key-fm_stage_{k} [data-testid='stImage'] img"} for k in range(4)],
    "training": [{"kind": "live", "sel": LIVE_VIEW}],
    "class": [{"kind": "box", "sel": ".st-key-class_teach"}],
}
#: What each page's line says its main picture is (for the printed table).
PICTURE_NAMES = {
    FLOOR: "its text",
    "home": "the lesson's station",
    "collapse": "the network diagram",
    "activations": "f and f′ charts",
    "feature-map": "the four stage pictures",
    "training": "the live view's first frame",
    "class": "the 'start a class' box",
}
DRAW_PLANE = [{"kind": "newest", "prefix": "trn_draw_canvas_"}]
#: With ``--values new``: the functions added (and removed again) on the activations page, in turn.
EXTRA_FNS = ("gelu", "silu", "mish", "softplus", "selu", "celu", "hardswish", "softsign", "leaky_relu", "relu6")


# ------------------------------------------------------------------ figures


def p90(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


@dataclass
class Figures:
    """The samples of one line of the table: milliseconds and server CPU milliseconds."""

    what: str
    kind: str  # "cold", "warm" or "interaction"
    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    #: Moments on the way (ms), by column: loads "connected", "1st run" and "drawn", interactions
    #: "1st change".
    extra: dict[str, list[float]] = field(default_factory=dict)
    failed: int = 0

    def add(self, ms: float | None, cpu_ms: float, **extra: float | None) -> None:
        if ms is None:
            self.failed += 1
            return
        self.ms.append(ms)
        self.cpu_ms.append(cpu_ms)
        for column, value in extra.items():
            if value is not None:
                self.extra.setdefault(column, []).append(value)

    def verdict(self) -> str:
        if not self.ms:
            return "no data"
        if self.kind == "interaction":
            ok = statistics.median(self.ms) <= TARGET_MS["median"] and p90(self.ms) <= TARGET_MS["p90"]
            target = f"≤{TARGET_MS['median']}/{TARGET_MS['p90']}"
        else:
            ok = statistics.median(self.ms) <= TARGET_MS[self.kind]
            target = f"≤{TARGET_MS[self.kind]:,}"
        return f"{target} {'ok' if ok else 'OVER'}"

    def row(self, columns: tuple[str, ...], floor: bool = False) -> str:
        if not self.ms:
            return f"  {self.what:<44} {'—':>7} {'—':>7} {0:>3}/{self.failed:<2}"
        med, high = statistics.median(self.ms), p90(self.ms)
        cpu = sum(self.cpu_ms) / len(self.cpu_ms)
        extra = "".join(f" {statistics.median(self.extra[c]):>10,.0f}" if self.extra.get(c) else f" {'—':>10}"
                        for c in columns)
        verdict = "(floor)" if floor else self.verdict()
        return (f"  {self.what:<44} {med:>7,.0f} {high:>7,.0f} {len(self.ms):>3}/{self.failed:<2}"
                f" {cpu:>7,.0f}{extra}   {verdict}")


class Results:
    def __init__(self):
        self.lines: dict[tuple[str, str], Figures] = {}

    def line(self, what: str, kind: str) -> Figures:
        return self.lines.setdefault((what, kind), Figures(what, kind))

    def print_table(self) -> None:
        print("\n" + "=" * 110)
        heads = {"cold": "loads, cold: navigation start → main picture drawn, app idle (a fresh server each)",
                 "warm": "loads, warm: the same in a fresh browser context; the server has served the page",
                 "interaction": "interactions: input → changed picture drawn"}
        for kind, head in heads.items():
            rows = [f for f in self.lines.values() if f.kind == kind]
            if not rows:
                continue
            columns = ("1st change",) if kind == "interaction" else ("connected", "1st run", "drawn")
            print(f"{head}\n  {'':<44} {'median':>7} {'p90':>7} {'n/fail':>6} {'CPU ms':>7}"
                  + "".join(f" {c:>10}" for c in columns) + "   target (ms)")
            for f in rows:
                print(f.row(columns, floor=f.what.startswith(FLOOR)))
        print("=" * 110)
        print("median and p90 in ms; CPU ms: the server's user+system CPU per load or interaction (mean);\n"
              "connected / 1st run: medians of when the app connected and when the first run's end arrived;\n"
              "drawn: median of when the main picture was first whole (a later run, e.g. drawing the sections\n"
              "the screen reached, may still be going: the load's figure waits for it);\n"
              "1st change: median of the picture's first change (before its last one, for pictures in parts;\n"
              "none for the live view, whose picture changes while it plays)")


# ------------------------------------------------------------------ servers and browser


def cpu_seconds(proc: psutil.Process) -> float:
    total = 0.0
    with contextlib.suppress(psutil.NoSuchProcess):
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                times = p.cpu_times()
                total += times.user + times.system
    return total


class Server:
    """One ``streamlit run`` (the app, or the floor's app in ``cwd``) on a free port."""

    def __init__(self, cwd: Path, env: dict[str, str]):
        self.port = free_port()
        self.popen = start_streamlit(self.port, cwd=cwd, env=env)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = psutil.Process(self.popen.pid)
        try:
            wait_healthy(self.url, self.popen)
        except BaseException:
            stop_streamlit(self.popen)
            raise

    def cpu(self) -> float:
        return cpu_seconds(self.proc)

    def stop(self) -> None:
        stop_streamlit(self.popen)


@contextlib.contextmanager
def server(cwd: Path, env: dict[str, str]):
    s = Server(cwd, env)
    try:
        yield s
    finally:
        s.stop()


class Bench:
    def __init__(self, browser, results: Results, runs: int, warmup: int, new_values: bool = False):
        self.browser = browser
        self.new_values = new_values
        #: Called once just before the next measured input (the profile starts py-spy there).
        self.before_input = None
        self.results = results
        self.runs = runs
        self.warmup = warmup
        self.server: Server | None = None
        self.calls = 0  # interactions done (warm-ups included)

    def context(self):
        return self.browser.new_context(viewport=VIEWPORT, locale="en-US")

    # ---------------------------------------------------------------- loads

    def load(self, srv: Server, name: str) -> dict | None:
        """Open page ``name`` in a fresh context: ms to the main picture (``ms``), server CPU
        ms (``cpu``), ms to connected and to the first run's end; None if it did not load."""
        ctx = self.context()
        try:
            app = AppPage(ctx.new_page(), srv.url)
            app.page.add_init_script(BENCH_JS + f"\nwindow.__bench.watchLoad({_json(PICTURES[name])});")
            cpu0 = srv.cpu()
            app.page.goto(page_url(srv.url, name), wait_until="commit", timeout=TIMEOUT_MS)
            try:
                app.page.wait_for_function("() => window.__bench && window.__bench.loadedAt !== null",
                                           timeout=TIMEOUT_MS)
            except Exception as error:  # noqa: BLE001 - a failed load is counted and reported
                print(f"    {name}: not loaded in {TIMEOUT_MS / 1000:.0f} s ({type(error).__name__})", flush=True)
                return None
            got = app.page.evaluate("({ms: __bench.loadedAt, connected: __bench.connectedAt, run: __bench.runAt,"
                                    " drawn: __bench.drawnAt})")
            return {**got, "cpu": 1000 * (srv.cpu() - cpu0)}
        finally:
            ctx.close()

    # ---------------------------------------------------------------- interactions

    def open(self, ctx, name: str, query: str = "") -> AppPage:
        app = AppPage(ctx.new_page(), self.server.url)
        app.page.add_init_script(BENCH_JS)
        app.page.goto(page_url(self.server.url, name, query), timeout=TIMEOUT_MS)
        app.page.wait_for_function("() => { const a = document.querySelector(\"[data-testid='stApp']\");"
                                   " return !!a && a.getAttribute('data-test-connection-state') === 'CONNECTED'; }",
                                   timeout=TIMEOUT_MS)
        app.wait_idle(TIMEOUT_MS)
        app.page.wait_for_function("(p) => window.__bench.sig(p) !== null", arg=PICTURES.get(name, []),
                                   timeout=TIMEOUT_MS)
        return app

    def measure(self, app: AppPage, what: str, rep: int, parts: list, action, mode: str = "settled",
                pred: str | None = None, also: tuple[str, str] | None = None) -> float | None:
        """Arm the watch on ``parts``, do ``action``, wait for the changed picture; record it
        unless ``rep`` is a warm-up repetition. ``also``: (line, predicate) of a moment on the
        way, recorded as a line of its own."""
        if self.before_input is not None:
            hook, self.before_input = self.before_input, None
            hook()
        app.page.evaluate("([p, m, f, q, a]) => window.__bench.arm(p, m, f, q, a)",
                          [parts, mode, pred, QUIET_MS, also[1] if also else None])
        cpu0 = self.server.cpu()
        action()
        self.calls += 1
        ms = done = None
        try:
            app.page.wait_for_function("() => window.__bench.watch.done !== null", timeout=TIMEOUT_MS)
            done = app.page.evaluate("window.__bench.watch.done")
            ms = done["ms"]
        except Exception as error:  # noqa: BLE001 - counted as failed, the run goes on
            state = app.page.evaluate("(({t0, base, last, changes}) => ({t0, base, last, changes}))"
                                      "(window.__bench.watch)")
            print(f"    {what}: no changed picture in {TIMEOUT_MS / 1000:.0f} s ({type(error).__name__}) {state}",
                  flush=True)
        cpu_ms = 1000 * (self.server.cpu() - cpu0)
        if rep >= self.warmup:
            if also:
                self.results.line(also[0], "interaction").add(None if done is None else done["also"], cpu_ms)
            first = None if done is None or mode == "first" else done["first"]  # a playing view changes anyway
            self.results.line(what, "interaction").add(ms, cpu_ms, **{"1st change": first})
            shown = "failed" if ms is None else f"{ms:,.0f} ms"
            detail = "" if done is None else f"   (first change {done['first']:,.0f} ms, {done['changes']} changes)"
            print(f"    {what:<40} {shown:>10}   server CPU {cpu_ms:,.0f} ms{detail}", flush=True)
        return ms

    def reps(self) -> range:
        return range(self.warmup + self.runs)

    # One driver per page: opens it in a fresh context and repeats its interactions.

    def drive_floor(self, ctx) -> None:
        app = self.open(ctx, FLOOR)
        button = app.widget("floor_button").get_by_role("button")
        for rep in self.reps():
            self.measure(app, "floor: button → text", rep, PICTURES[FLOOR], button.click)

    def drive_home(self, ctx) -> None:
        app = self.open(ctx, "home", "lang=en")
        station, last = 0, len(lp.STEP_KEYS)  # stations: 0 the quiz, 1…8 the steps, 9 the quiz again
        for rep in self.reps():
            if station >= last:  # every step answered: start over (forgets the answers)
                app.page.get_by_role("button", name=t("lesson_restart", "en")).click()
                app.widget("lesson_restart").get_by_role("button").click()
                app.wait_idle()
                station = 0
            self.measure(app, "home: lesson Next", rep, PICTURES["home"],
                         app.widget("lesson_next").get_by_role("button").click)
            station += 1
            step = lp.STEPS_BY_KEY[lp.STEP_KEYS[station - 1]]
            if isinstance(step.question, lp.Choice):  # a choice must be made before Check
                app.wait_not_running()
                app.widget(f"lesson_q_{step.key}").locator("[data-testid='stRadioOption']").first.click()
                app.wait_idle()
            self.measure(app, "home: lesson Check", rep, PICTURES["home"],
                         app.widget(f"lesson_check_{step.key}").get_by_role("button").click)

    def drive_collapse(self, ctx) -> None:
        app = self.open(ctx, "collapse", "lang=en")
        thumb = app.widget("w1").get_by_role("slider")
        for rep in self.reps():
            thumb.focus()
            # alternate: w1 1.2 → 1.1 → 1.2 …; new: 1.2 → 1.1 → 1.0 … (every value a cache miss)
            key = "ArrowLeft" if self.new_values or rep % 2 == 0 else "ArrowRight"
            self.measure(app, "collapse: weight w1 (one step)", rep, PICTURES["collapse"],
                         lambda key=key: app.page.keyboard.press(key))

    def drive_activations(self, ctx) -> None:
        # ELU among the functions, for a parameter slider (α) to move.
        app = self.open(ctx, "activations", "lang=en&fn=sigmoid,tanh,elu")
        chips = app.widget("fn")
        for rep in self.reps():
            # alternate: GELU on, off, on …; new: another function on, off, the next one on …
            name = display_name(EXTRA_FNS[rep // 2 % len(EXTRA_FNS)] if self.new_values else "gelu", "en")
            app.wait_not_running()
            if rep % 2 == 0:  # add it: open the list, type, then the measured click on the option
                box = chips.get_by_role("combobox")
                box.click()
                box.fill(name)
                action = app.page.get_by_role("option", name=name, exact=True).click
            else:  # remove it again: one click on its chip's ×
                action = chips.get_by_role("button", name=f"Remove {name}", exact=True).click
            self.measure(app, "activations: function (add/remove one)", rep, PICTURES["activations"], action)
            app.page.keyboard.press("Escape")  # close the list, if open
        thumb = app.widget("act_elu_alpha").get_by_role("slider")
        for rep in self.reps():
            app.wait_not_running()
            thumb.focus()
            key = "ArrowRight" if self.new_values or rep % 2 == 0 else "ArrowLeft"  # α ± 0.05
            self.measure(app, "activations: parameter (ELU α, one step)", rep, PICTURES["activations"],
                         lambda key=key: app.page.keyboard.press(key))

    def select(self, app: AppPage, what: str, rep: int, key: str, option: str, parts: list) -> None:
        """Open the select box ``key``, type ``option``; the measured input is the option's click."""
        app.wait_not_running()
        box = app.widget(key).get_by_role("combobox")
        box.click()
        box.fill(option)
        self.measure(app, what, rep, parts, app.page.get_by_role("option", name=option, exact=True).click)

    def drive_feature_map(self, ctx) -> None:
        app = self.open(ctx, "feature-map", "lang=en")
        if self.new_values:  # every other preset, then every other activation (the page starts at sobel_x, relu)
            kernels = [k for k in fm.KERNELS if k != "sobel_x"] + ["sobel_x"]
            activations = [k for k in ACTIVATIONS if k != "relu"] + ["relu"]
        else:
            kernels, activations = ["blur", "sobel_x"], ["tanh", "relu"]
        for rep in self.reps():
            self.select(app, "feature-map: kernel", rep, "fm_kernel",
                        t(f"fm_kernel_{kernels[rep % len(kernels)]}", "en"), PICTURES["feature-map"])
        for rep in self.reps():
            self.select(app, "feature-map: activation", rep, "fm_act",
                        display_name(activations[rep % len(activations)], "en"), PICTURES["feature-map"])

    def drive_training(self, ctx) -> None:
        # A point drawn on the drawing plane: each click adds one (the chart is re-keyed).
        app = self.open(ctx, "training", "lang=en&dataset=draw")
        spots = [(0.3 + 0.11 * (i % 6), 0.12 + 0.08 * (i // 6 % 5)) for i in range(30)]
        for rep in self.reps():
            app.wait_not_running()
            chart = app.page.locator(f".st-key-trn_draw_canvas_{rep} [role='graphics-document'], "
                                     f".st-key-trn_draw_canvas_{rep} canvas").first
            box = chart.bounding_box()
            fx, fy = spots[rep % len(spots)]
            at = {"x": box["width"] * fx, "y": box["height"] * fy}
            self.measure(app, "training: draw a point", rep, DRAW_PLANE,
                         lambda chart=chart, at=at: chart.click(position=at))
        app.page.close()
        # Play, Pause and Step on the live view.
        app = self.open(ctx, "training", "lang=en")
        play = app.widget("play").get_by_role("button").first
        step = app.widget("step").get_by_role("button")
        live = PICTURES["training"]
        for rep in self.reps():
            self.measure(app, "training: Play (→ first new frame)", rep, live, play.click, "first", NEW_FRAME)
            app.page.wait_for_timeout(1000)  # let it train a moment
            self.measure(app, "training: Pause (→ picture final)", rep, live, play.click, "first", PAUSED,
                         also=("training: Pause (→ data-playing 0)", SAYS_PAUSED))
            app.wait_idle()
            self.measure(app, "training: Step (→ one epoch on)", rep, live, step.click, "first", ONE_EPOCH)
            app.wait_idle()

    DRIVERS: ClassVar[dict] = {FLOOR: drive_floor, "home": drive_home, "collapse": drive_collapse,
                               "activations": drive_activations, "feature-map": drive_feature_map,
                               "training": drive_training}

    def interactions(self, name: str) -> None:
        driver = self.DRIVERS.get(name)
        if driver is None:
            return
        ctx = self.context()
        try:
            driver(self, ctx)
        except Exception as error:  # noqa: BLE001 - report, go on with the next page
            print(f"    {name}: interactions stopped: {type(error).__name__}: {str(error).splitlines()[0][:200]}",
                  flush=True)
        finally:
            ctx.close()


def _json(value) -> str:
    import json

    return json.dumps(value)


def page_url(base: str, name: str, query: str = "lang=en") -> str:
    path = "" if name in (FLOOR, "home") else name
    return f"{base}/{path}" + (f"?{query}" if query and name != FLOOR else "")


# ------------------------------------------------------------------ the profile


def short_frame(frame: str) -> str:
    """``func (path:line)`` → ``func (short path)``: one entry per function."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    root = str(ROOT) + "/"
    if path.startswith(root):
        path = path[len(root):]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "/lib/python" in path:
        path = "stdlib/" + path.split("/lib/python", 1)[1].split("/", 1)[-1]
    return f"{name} ({path})"


#: Frames every stack of a thread has (thread start-up, the CLI, the event loop's run):
#: left out of the inclusive listing, where they would fill the top.
GENERIC = ("stdlib/threading.py", "<frozen runpy>", "click/core.py", "streamlit/__main__.py",
           "streamlit/web/cli.py", "streamlit/web/bootstrap.py", "stdlib/asyncio/runners.py",
           "BaseEventLoop.run_forever", "BaseEventLoop.run_until_complete", "BaseEventLoop._run_once",
           "stdlib/concurrent/futures/thread.py")


def read_profile(raw: Path) -> list[tuple[list[str], int]]:
    """The stacks of a py-spy raw file (``frame;frame;… count``), frames shortened."""
    stacks = []
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append(([short_frame(f) for f in stack.split(";")], int(count)))
    return stacks


def shares(stacks, top: int, skip=()) -> list[str]:
    """The ``top`` functions by inclusive share of ``stacks`` (each stack counts once per
    function), leaving out frames containing any of ``skip``; each with its self share."""
    total = sum(n for _, n in stacks)
    inclusive: Counter = Counter()
    own: Counter = Counter()
    for frames, n in stacks:
        for f in set(frames):
            inclusive[f] += n
        own[frames[-1] if frames else "(none)"] += n
    rows = [(f, n) for f, n in inclusive.most_common() if not any(s in f for s in skip)][:top]
    return [f"  {100 * n / total:5.1f} %  (self {100 * own[f] / total:4.1f} %)  {f}" for f, n in rows]


def print_profile(raw: Path, seconds: float, interactions: int, rate: int, top: int, gil: bool) -> None:
    """Where the server's samples went: script runs (below the script runner: the app's
    code and what Streamlit does for it) and everything else (the event loop sending
    messages, other threads)."""
    stacks = read_profile(raw)
    total = sum(n for _, n in stacks)
    if not total:
        print("profile: no samples (was the server busy at all?)")
        return
    runs, rest = [], []
    for frames, n in stacks:
        marks = [i for i, f in enumerate(frames) if "streamlit/runtime/scriptrunner/script_runner.py" in f]
        if marks:  # below the last script-runner frame: what the run did
            runs.append((frames[marks[-1] + 1:] or ["(the script runner itself)"], n))
        else:
            rest.append((frames, n))
    in_runs = sum(n for _, n in runs)
    busy = total / rate
    what = "holding the GIL" if gil else "not idle"
    print(f"\nserver profile (py-spy, {rate} samples/s, threads {what}): {total:,} samples = {busy:.1f} s in "
          f"{seconds:.1f} s of interactions; {interactions} interactions → {1000 * busy / max(interactions, 1):,.0f} "
          f"ms of server time each")
    print(f"{100 * in_runs / total:.0f} % in script runs ({1000 * in_runs / rate / max(interactions, 1):,.0f} ms "
          f"per interaction), {100 * (total - in_runs) / total:.0f} % elsewhere (event loop, other threads)")
    if runs:
        print(f"inside script runs, top {top} functions by inclusive share of the run samples:")
        print("\n".join(shares(runs, top)))
    if rest:
        print(f"outside script runs, top {min(top, 12)} by inclusive share of those samples:")
        print("\n".join(shares(rest, min(top, 12), skip=GENERIC)))


def profile(bench: Bench, name: str, seconds_cap: int, rate: int, top: int, out: Path, gil: bool) -> None:
    """Run py-spy on the server while ``name``'s interactions repeat; print where time went."""
    raw = out / f"profile-{name}.raw"
    cmd = ["py-spy", "record", "-d", str(seconds_cap), "-r", str(rate), "-f", "raw", "-o", str(raw),
           "--pid", str(bench.server.popen.pid), "--full-filenames", *(["--gil"] if gil else [])]
    spies, marks = [], {}

    def start() -> None:
        spies.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        time.sleep(1.5)  # py-spy attaches
        marks["calls"], marks["start"] = bench.calls, time.perf_counter()

    bench.before_input = start  # the page is open: profile its interactions, not its load
    bench.interactions(name)
    if not spies:
        print("profile: no interaction was made")
        return
    spy = spies[0]
    seconds = time.perf_counter() - marks["start"]
    if spy.poll() is not None:
        print(f"py-spy stopped early: {spy.stdout.read().strip()[-500:]}")
    spy.send_signal(signal.SIGINT)  # stop early: py-spy writes what it has
    try:
        spy.wait(timeout=60)
    except subprocess.TimeoutExpired:
        spy.kill()
        spy.wait()
    if not raw.exists():
        print(f"py-spy wrote nothing: {spy.stdout.read().strip()[-500:]}")
        return
    print(f"(raw profile kept at {raw})")
    print_profile(raw, seconds, bench.calls - marks["calls"], rate, top, gil)


# ------------------------------------------------------------------ main


def record(results: Results, kind: str, run: int, name: str, got: dict | None) -> None:
    """One load's figures: into the table, and a progress line."""
    line = results.line(f"{name}: {PICTURE_NAMES[name]}", kind)
    if got is None:
        line.add(None, 0.0)
        print(f"  run {run + 1} {name:<12} failed", flush=True)
        return
    line.add(got["ms"], got["cpu"], connected=got["connected"], drawn=got["drawn"], **{"1st run": got["run"]})
    moments = ", ".join(f"{label} {got[key]:,.0f}" for label, key in (("connected", "connected"),
                                                                       ("1st run's end", "run"), ("drawn", "drawn"))
                        if got[key] is not None)
    print(f"  run {run + 1} {name:<12} {got['ms']:>7,.0f} ms   server CPU {got['cpu']:>5,.0f} ms   ({moments})",
          flush=True)


def main() -> None:
    names = [page.name for page in APP_PAGES]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="measured repetitions of each figure (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured repetitions before each interaction")
    parser.add_argument("--pages", default=",".join(names), help=f"comma-separated, of {','.join(names)}")
    parser.add_argument("--only", choices=("loads", "interactions"), default=None, help="run one part only")
    parser.add_argument("--values", choices=("alternate", "new"), default="alternate",
                        help="interactions alternate between two values (server caches hit after the first "
                             "round), or walk to new ones (cache misses, as a learner exploring)")
    parser.add_argument("--profile", metavar="PAGE", choices=[n for n in names if n in Bench.DRIVERS],
                        help="instead: py-spy the server while PAGE's interactions repeat")
    parser.add_argument("--profile-rate", type=int, default=200, help="py-spy samples per second")
    parser.add_argument("--profile-seconds", type=int, default=600, help="py-spy's -d (it is stopped earlier)")
    parser.add_argument("--top", type=int, default=25, help="functions listed in the profile")
    parser.add_argument("--profile-all-threads", action="store_true",
                        help="py-spy without --gil: every thread py-spy thinks is not idle (waits included)")
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = [p for p in pages if p not in names]
    if unknown:
        parser.error(f"unknown pages {unknown}; choose from {names}")
    if args.profile:
        pages = [args.profile]

    from playwright.sync_api import sync_playwright

    results = Results()
    tmp = Path(tempfile.mkdtemp(prefix="bench-interaction-"))
    floor_dir = tmp / "floor"
    floor_dir.mkdir()
    (floor_dir / "streamlit_app.py").write_text(FLOOR_APP, encoding="utf-8")
    env = {"CLASS_STORE_URL": f"sqlite:///{tmp / 'class.sqlite'}"}
    where = {FLOOR: floor_dir}
    want = lambda part: args.only in (None, part) and not args.profile  # noqa: E731
    started = time.perf_counter()
    print(f"bench_interaction: pages {', '.join(pages)}; {args.runs} runs; floor = an empty Streamlit page; "
          f"{psutil.cpu_count()} CPUs, load average {', '.join(f'{x:.1f}' for x in psutil.getloadavg())}",
          flush=True)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        bench = Bench(browser, results, args.runs, args.warmup, args.values == "new")
        try:
            if want("loads"):
                print("cold loads (a fresh server for each):", flush=True)
                for run in range(args.runs):
                    for name in [FLOOR, *pages]:
                        with server(where.get(name, ROOT), env) as srv:
                            record(results, "cold", run, name, bench.load(srv, name))

            with server(ROOT, env) as app_srv, server(floor_dir, env) as floor_srv:
                servers = {FLOOR: floor_srv}
                if want("loads"):
                    print("warm loads:", flush=True)
                    for name in [FLOOR, *pages]:
                        bench.load(servers.get(name, app_srv), name)  # the server's first visit: unmeasured
                    for run in range(args.runs):
                        for name in [FLOOR, *pages]:
                            record(results, "warm", run, name, bench.load(servers.get(name, app_srv), name))
                if want("interactions"):
                    print("interactions:", flush=True)
                    for name in [FLOOR, *pages]:
                        bench.server = servers.get(name, app_srv)
                        bench.interactions(name)
                if args.profile:
                    bench.server = app_srv
                    bench.load(app_srv, args.profile)  # the server's first visit: not profiled
                    print(f"profiling the server while the {args.profile} page's interactions repeat "
                          f"({args.warmup} + {args.runs} times each):", flush=True)
                    profile(bench, args.profile, args.profile_seconds, args.profile_rate, args.top, tmp,
                            gil=not args.profile_all_threads)
        finally:
            browser.close()

    if not args.profile:  # the profile's raw file stays, for flame graphs
        shutil.rmtree(tmp, ignore_errors=True)
    results.print_table()
    print(f"targets: warm load ≤ {TARGET_MS['warm']:,} ms, cold ≤ {TARGET_MS['cold']:,} ms; interactions median "
          f"≤ {TARGET_MS['median']} ms, p90 ≤ {TARGET_MS['p90']} ms")
    if args.profile:
        print("(measured under py-spy, which pauses the server at each sample)")
    print(f"took {time.perf_counter() - started:.0f} s; load average now "
          f"{', '.join(f'{x:.1f}' for x in psutil.getloadavg())} on {psutil.cpu_count()} CPUs (shared machine: "
          f"compare with the floor of the same run)")


if __name__ == "__main__":
    main()
