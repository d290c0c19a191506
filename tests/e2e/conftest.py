"""End-to-end fixtures: a real ``streamlit run`` on a free port, driven by headless Chromium.

One server per test session (starting one costs seconds); one fresh browser context, and
so one fresh Streamlit session, per test.  Every test also collects failed HTTP responses
and browser console errors, so a broken media file or a frontend exception fails the test,
and watches the websocket: a message that refers to a cached one (``ref_hash``) fails the
test when it ends, because a browser that has dropped that message dies on it ("Cached
ForwardMsg MISS"), and the app is configured never to send one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
#: How long a test waits for the page to show what it expects. Generous: the suite must
#: pass on a busy two-core machine, where a page can take seconds to answer; a test that
#: passes only waits as long as the page takes.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)
#: The main live view of the training page (its root carries the view's data attributes).
LIVE_VIEW = ".st-key-trn_live .trn-live"
#: The command that installs whatever the tests need (the README's test command).
SETUP_COMMAND = "./tools/test.sh"


def _playwright_chromium() -> str | None:
    """Playwright's own Chromium (``python -m playwright install chromium``), if installed."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # noqa: BLE001 - no driver, no browser: either way, not installed
        return None
    return path if path and Path(path).exists() else None


def find_chromium() -> str | None:
    """The browser for the end-to-end tests, or None when there is none.

    In this order: an explicit ``CHROMIUM_PATH`` (returned even if it does not exist, so
    that the error names it), the system's Chromium (Debian's ``chromium`` on the PATH),
    Playwright's own. Playwright is asked last because asking starts its driver (about a second).
    """
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    path = shutil.which("chromium")
    # Ubuntu's "chromium" is a snap (/snap/bin/chromium -> /usr/bin/snap), which does not
    # run in a container and which Playwright does not drive: use Playwright's own there.
    if path and "/snap/" not in path and Path(path).resolve().name != "snap":
        return path
    return _playwright_chromium()


def chromium_problem(path: str | None) -> str | None:
    """One sentence saying what to run when ``path`` is not a usable browser, else None."""
    if path is None:
        return (f"No Chromium for the end-to-end tests: run {SETUP_COMMAND} (it installs one), "
                "or python -m playwright install chromium, or set CHROMIUM_PATH.")
    if not Path(path).exists():
        return f"CHROMIUM_PATH={path} does not exist: point it at a Chromium, or unset it and run {SETUP_COMMAND}."
    return None


#: The browser path (None: none found; the ``browser`` fixture then fails with what to run).
#: Benchmarks and tools/screenshots.py launch it too; Playwright takes None as "my own".
CHROMIUM = find_chromium()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(port: int, *extra: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the app the way a learner would, headless, on ``port`` (``extra``: more
    ``--option value`` pairs; ``cwd``: another checkout of the app; ``env``: variables
    added to this process's environment)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra,
    ]
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env} if env else None)


def stop_streamlit(proc: subprocess.Popen) -> None:
    """Stop the server and close its pipe (an open pipe is a ResourceWarning later)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    port = free_port()
    # The class page's store: a throwaway SQLite file per server (one per xdist worker).
    store = tmp_path_factory.mktemp("class-store") / "class.sqlite"
    proc = start_streamlit(port, env={"CLASS_STORE_URL": f"sqlite:///{store}"})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop_streamlit(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    problem = chromium_problem(CHROMIUM)
    if problem:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


#: Installed in every page before its own scripts: records when the learner last gave
#: input (a pointer press, a key that can change a value, a typed value) and when the
#: server last said a script run (or a fragment's run) had finished. The second is read
#: off the WebSocket itself: a ForwardMsg whose field 6 (``script_finished``) is set.
#: The page's ``data-test-script-state`` attribute is not enough: when the messages of
#: a quick run arrive together, React draws "running" and "notRunning" in one go, and
#: the attribute never changes.
RUN_TRACKER = """(() => {
  const runs = window.__runs = { input: 0, finished: 0, log: [] };
  const mark = (what) => { runs.log.push([Math.round(performance.now()), what]); if (runs.log.length > 40) runs.log.shift(); };
  // The top-level fields of a protobuf message: field 6 as a varint is script_finished.
  const finishedStatus = (b) => {
    let i = 0;
    const varint = () => { let v = 0, k = 0, x; do { x = b[i++]; v += (x & 127) * 2 ** k; k += 7; } while (x & 128); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { const v = varint(); if (field === 6) return v; }
      else if (wire === 2) { const n = varint(); i += n; }  // not i += varint(): i is read first
      else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { return null; }
    }
    return null;
  };
  const EARLY_FOR_RERUN = 2;
  const inspect = (bytes) => {
    const status = finishedStatus(bytes);
    if (status === null || status === EARLY_FOR_RERUN) return;
    const at = performance.now();
    mark("finished:" + status);
    // Counted two animation frames later, when React has drawn what the run sent; as
    // of the moment the message came, so an input in between is not taken as answered.
    requestAnimationFrame(() => requestAnimationFrame(() => { runs.finished = Math.max(runs.finished, at); }));
  };
  const Native = window.WebSocket;
  function Tracked(...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", (e) => {
      if (e.data instanceof ArrayBuffer) inspect(new Uint8Array(e.data));
    });
    return ws;
  }
  Tracked.prototype = Native.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Tracked[k] = Native[k];
  window.WebSocket = Tracked;
  const note = (e) => { runs.input = performance.now(); mark(e.type + (e.key ? ":" + e.key : "")); };
  for (const type of ["pointerdown", "input", "change"]) document.addEventListener(type, note, true);
  // Keys that only move the focus or close a list change nothing the script sees.
  const inert = new Set(["Escape", "Tab", "Shift", "Control", "Alt", "Meta"]);
  document.addEventListener("keydown", (e) => { if (!inert.has(e.key)) note(e); }, true);
})();"""
#: True once a run has ended after the last input and none is going on.
RUNS_SETTLED = """() => {
  const runs = window.__runs, app = document.querySelector("[data-testid='stApp']");
  return !!runs && !!app && app.getAttribute("data-test-script-state") === "notRunning"
         && runs.finished > 0 && runs.finished >= runs.input;
}"""

#: True once every Vega chart has its canvas or SVG, every Graphviz chart its SVG and
#: every live view its first frame.
PAGE_DRAWN = """() => {
  const all = (sel, ok) => Array.from(document.querySelectorAll(sel)).every(ok);
  return all("[data-testid='stVegaLiteChart']", (c) => c.querySelector("canvas, svg.marks") !== null)
      && all("[data-testid='stGraphVizChart']", (c) => c.querySelector("svg") !== null)
      && all(".trn-live", (v) => parseInt(v.dataset.framesDrawn) > 0);
}"""


class AppPage:
    """A browser tab on the app, with the waits Streamlit needs."""

    def __init__(self, page, base_url: str):
        self.page = page
        page.set_default_timeout(WAIT_MS)
        self.base_url = base_url
        self.failed_responses: list[str] = []
        self.console_errors: list[str] = []
        self.cached_refs: list[str] = []
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("websocket", self._on_websocket)
        page.add_init_script(RUN_TRACKER)

    def _on_websocket(self, ws) -> None:
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # not ours to judge: Streamlit decodes what it sends
            return
        if msg.WhichOneof("type") == "ref_hash":
            self.cached_refs.append(msg.ref_hash)

    def connection_state(self) -> str | None:
        return self.page.locator("[data-testid='stApp']").get_attribute("data-test-connection-state")

    def _on_response(self, response) -> None:
        # Streamlit's frontend probes /<page>/_stcore/... before it finds the base path;
        # those 404s are part of its start-up, not failures of ours.
        probing = response.url.endswith(("/_stcore/health", "/_stcore/host-config"))
        if response.status >= 400 and not probing:
            self.failed_responses.append(f"{response.status} {response.url}")

    def _on_console(self, message) -> None:
        # Failed requests are recorded, with their URL, by _on_response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def open(self, path: str = "", query: str = "", timeout: float = 60_000) -> None:
        url = f"{self.base_url}/{path.lstrip('/')}"
        if query:
            url += "?" + query.lstrip("?")
        self.page.goto(url, timeout=timeout)
        self.page.wait_for_selector(
            "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout
        )
        # The language switch exists only once our script has run: until then the page
        # may still show Streamlit's placeholder navigation.
        self.page.wait_for_selector(".st-key-lang", state="attached", timeout=timeout)
        self.wait_idle(timeout)

    def wait_idle(self, timeout: float = 60_000) -> None:
        """Wait until a script run that ended after the learner's last input has ended,
        and no run is going on (fragments may still tick).

        A rerun starts a moment after the click that caused it: the page's run tracker
        (``RUN_TRACKER``) says when the last input happened and when the last run ended,
        so this waits for that state, never for a fixed time. Call it only after an input
        that reruns the script (or after ``open``).
        """
        try:
            self.page.wait_for_function(RUNS_SETTLED, timeout=timeout)
        except Exception as error:
            runs = self.page.evaluate("[window.__runs, performance.now()]")
            raise AssertionError(f"no script run ended after the last input: {runs}") from error

    def wait_drawn(self, timeout: float = WAIT_MS) -> None:
        """Wait until every chart, diagram and live view on the page has drawn itself
        (they size themselves in the browser, after the script's run)."""
        self.page.wait_for_function(PAGE_DRAWN, timeout=timeout)

    def wait_live(self, condition: str, view: str = LIVE_VIEW, timeout: float = 60_000) -> None:
        """Wait until ``condition``, a JS expression over ``v`` (the live view's dataset:
        ``+v.epoch``, ``+v.framesDrawn``, ``v.playing``, ``+v.queued``), holds. A view that
        is being re-mounted (absent for a moment) does not count."""
        self.page.wait_for_function(
            f"() => {{ const e = document.querySelector({json.dumps(view)}); if (!e) return false;"
            f" const v = e.dataset; return {condition}; }}", timeout=timeout)

    def widget(self, key: str):
        """The element of the widget with ``key`` (Streamlit gives it class ``st-key-<key>``)."""
        return self.page.locator(f".st-key-{key}")

    def error_elements(self) -> int:
        return self.page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()

    def select_option(self, key: str, option_text: str) -> None:
        """Choose ``option_text`` in the selectbox with ``key``."""
        # The option list is virtualised: typing filters it, so the option is drawn
        # wherever it sits in a long list (20 activations do not all fit).
        box = self.widget(key).get_by_role("combobox")
        box.click()
        box.fill(option_text)
        self.page.get_by_role("option", name=option_text, exact=True).click()
        self.wait_idle()

    def add_chip(self, key: str, option_text: str) -> None:
        """Add ``option_text`` to the multiselect with ``key``, and see its chip appear.

        Typing filters the (virtualised) list, so the option is drawn wherever it sits.
        A chosen option leaves the open list: the proof the choice landed before the
        list closes and the page reruns.
        """
        box = self.widget(key).get_by_role("combobox")
        box.click()
        box.fill(option_text)
        option = self.page.get_by_role("option", name=option_text, exact=True)
        option.click()
        expect(option).to_have_count(0)
        self.page.keyboard.press("Escape")
        self.wait_idle()
        expect(self.widget(key).get_by_role("button", name=f"Remove {option_text}", exact=True)).to_be_attached()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test item (``keep_evidence`` reads it)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


#: Where a failed e2e test leaves a screenshot and the page's run log (``E2E_EVIDENCE``
#: overrides; CI prints the paths).
EVIDENCE = Path(os.environ.get("E2E_EVIDENCE", tempfile.gettempdir())) / "e2e-evidence"


def keep_evidence(request, app_page: "AppPage") -> None:
    """When the test failed, save what the page showed and its run log, and say where."""
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    EVIDENCE.mkdir(parents=True, exist_ok=True)
    stem = EVIDENCE / re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        app_page.page.screenshot(path=f"{stem}.png", full_page=True)
        runs = app_page.page.evaluate("window.__runs || null")
        Path(f"{stem}.txt").write_text(f"{app_page.page.url}\n{runs}\n", encoding="utf-8")
        print(f"\ne2e evidence: {stem}.png")
    except Exception as error:  # noqa: BLE001 - a closed page leaves no evidence; the failure stands
        print(f"\ne2e evidence not saved: {error}")


@pytest.fixture
def app(browser, app_url, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    app_page = AppPage(page, app_url)
    yield app_page
    keep_evidence(request, app_page)
    context.close()
    assert not app_page.cached_refs, f"the server referred to cached messages {app_page.cached_refs}"
