"""A browser tab on the app, with the waits Streamlit needs (``AppPage``), and the scripts
it installs in every page: the run tracker (when the learner last gave input, when the
server last finished a run) and the "page drawn" probe. The end-to-end tests and
``tools/screenshots.py`` drive the app through it.
"""

from __future__ import annotations

import collections
import json
import time

from playwright.sync_api import expect

from tests.servers import server_said

#: How long a test waits for the page to show what it expects. Generous: the suite must
#: pass on a busy two-core machine, where a page can take seconds to answer; a test that
#: passes only waits as long as the page takes.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)
#: The main live view of the training page (its root carries the view's data attributes).
LIVE_VIEW = ".st-key-trn_live .trn-live"


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

#: True while no script run is going on.
NOT_RUNNING = """() => { const a = document.querySelector("[data-testid='stApp']");
  return !!a && a.getAttribute("data-test-script-state") === "notRunning"; }"""
#: The placeholder of a section not drawn yet (``ui.visibility.pending``).
PENDING = "[class*='st-key-pending_']"

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
        self.whole_runs = 0  # script runs of the whole page (not a fragment's) the server started
        #: The last of what went over the WebSocket that says what the server was asked to
        #: run and ran: the evidence for a press that went unanswered (``expect_answer``).
        self.traffic: collections.deque[str] = collections.deque(maxlen=60)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("websocket", self._on_websocket)
        # A reload left on the wrong view showed no traffic after the reload at all: these
        # say whether the page loaded again and opened its WebSocket.
        page.on("load", lambda _page: self._note("page loaded"))
        page.add_init_script(RUN_TRACKER)

    def _on_websocket(self, ws) -> None:
        self._note("websocket opened")
        ws.on("framereceived", self._on_frame)
        ws.on("framesent", self._on_sent)
        ws.on("close", lambda _ws: self._note("websocket closed"))

    def _note(self, what: str) -> None:
        self.traffic.append(f"{time.monotonic():.3f} {what}")

    def _on_sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, str):
            return
        msg = BackMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not ours to judge
            return
        if msg.WhichOneof("type") != "rerun_script":
            self._note(f"-> {msg.WhichOneof('type')}")
            return
        run = msg.rerun_script
        pressed = [w.id.rsplit("-", 1)[-1] for w in run.widget_states.widgets
                   if w.WhichOneof("value") == "trigger_value" and w.trigger_value]
        # What the page's own components reported (the class page's browser keys among
        # them): a run that drew the wrong view is explained by what it was told.
        reported = {w.id.rsplit("-", 1)[-1][:24]: getattr(w, w.WhichOneof("value"))[:160]
                    for w in run.widget_states.widgets if w.WhichOneof("value") in ("json_value", "json_trigger_value")}
        self._note(f"-> rerun fragment={run.fragment_id[:8] or '-'} auto={run.is_auto_rerun} pressed={pressed}"
                   + (f" reported={reported}" if reported else ""))

    def _on_frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # not ours to judge: Streamlit decodes what it sends
            return
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            self.cached_refs.append(msg.ref_hash)
        elif kind == "new_session":
            fragments = [f[:8] for f in msg.metadata.run.fragment_ids]
            # The session id: a reload that got its old session back, or a new one.
            session = msg.new_session.initialize.session_id[:8] if msg.new_session.HasField("initialize") else ""
            self._note(f"<- run started fragments={fragments or 'whole page'}" + (f" session={session}" if session else ""))
            if not msg.metadata.run.fragment_ids:
                self.whole_runs += 1
        elif kind == "script_finished":
            self._note(f"<- run finished status={msg.script_finished}")

    def expect_answer(self, locator, text, timeout: float = WAIT_MS) -> None:
        """``expect(locator).to_have_text(text)``, and when the page never says it, the
        failure carries the last WebSocket traffic (what was pressed, what ran)."""
        try:
            expect(locator).to_have_text(text, timeout=timeout)
        except AssertionError as error:
            shown = "\n  ".join(self.traffic)
            said = server_said(self.base_url).strip() or "(nothing)"
            raise AssertionError(f"{error}\nWebSocket traffic, oldest first:\n  {shown}\n"
                                 f"The server's stderr, last lines:\n{said}") from error

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

    def draw_every_section(self, timeout: float = 60_000) -> None:
        """Draw the sections a page draws only when the learner comes near them
        (``ui.visibility.reached``), as if the learner had scrolled through the page: in a
        window taller than the whole page drawn, for a moment (one run draws them all;
        scrolling through them took a run each, and more of the browser's CPU), then back.
        (A window only as tall as the page with its placeholders left the last section
        out of reach once those above it were drawn, if its report had been lost.)"""
        pending = self.page.locator(PENDING)
        if pending.count() == 0:
            return  # a page without such sections, or all drawn
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": size["width"], "height": 20_000})
        try:
            expect(pending).to_have_count(0, timeout=timeout)
        finally:
            self.page.set_viewport_size(size)
        self.page.wait_for_function(NOT_RUNNING, timeout=timeout)

    def draw_section(self, key: str, timeout: float = 60_000) -> None:
        """Draw the section in the container with ``key`` (``part_…``), as a learner who
        scrolls to it does: it comes to the top of the screen (with the sections within a
        screen below it)."""
        placeholder = self.page.locator(f".st-key-pending_{key}")
        if placeholder.count() == 0:
            return  # drawn already
        # The page holds what is on screen while a section draws (ui.visibility); a
        # learner's wheel lets go of it, and so does this.
        self.widget(key).evaluate("""(el) => { if (window.__holdView) window.__holdView.release();
                                               el.scrollIntoView({ block: "start" }); }""")
        expect(placeholder).to_have_count(0, timeout=timeout)
        self.page.wait_for_function(NOT_RUNNING, timeout=timeout)

    def wait_drawn(self, timeout: float = WAIT_MS) -> None:
        """Wait until every chart, diagram and live view on the page has drawn itself
        (they size themselves in the browser, after the script's run)."""
        self.page.wait_for_function(PAGE_DRAWN, timeout=timeout)

    def wait_not_running(self, timeout: float = 60_000) -> None:
        """Wait until no script run is going on (before a control that a run would redraw)."""
        self.page.wait_for_function(NOT_RUNNING, timeout=timeout)

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

    def current_text(self, text: str):
        """The elements showing ``text`` that the last (or the running) run drew: while a run
        is going, Streamlit keeps the last run's elements on the page (``data-stale``) until
        the run replaces them, so a sentence can be there twice for a moment (seen under a
        CPU hog: a late run of the collapse page right after its load)."""
        return self.page.locator("[data-testid='stElementContainer']:not([data-stale='true'])").get_by_text(text)

    def error_elements(self) -> int:
        return self.page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()

    def select_option(self, key: str, option_text: str) -> None:
        """Choose ``option_text`` in the selectbox with ``key``."""
        # The option list is virtualised: typing filters it, so the option is drawn
        # wherever it sits in a long list (20 activations do not all fit). A run that
        # redraws the box closes its list: open it only once no run is going on.
        # The open list also closes when the page's main area scrolls at all (React Aria
        # closes a popover whose trigger scrolls): a chart above it that sizes itself
        # late, or the browser's scroll anchoring, scrolls it by a few pixels; seen in a
        # full run right after a tall window was set back to its size (the list shut with
        # the filter typed in it, the click waiting 30 s for an option). A learner opens
        # it again, and so does this, up to three times.
        # A click that lands as the list shuts chooses nothing (CI, 2026-12-03: the click
        # was sent, no run followed): no run ended within 15 s counts as not chosen.
        def choose(option) -> None:
            option.click(timeout=10_000)
            self.page.wait_for_function(RUNS_SETTLED, timeout=15_000)

        self._in_open_list(key, option_text, choose)
        self.wait_idle()

    def _in_open_list(self, key: str, option_text: str, act) -> None:
        """Open the list of the select widget with ``key``, type ``option_text`` to filter
        it, and ``act`` on its option; when the list shut before ``act`` was done (see
        :meth:`select_option`), close it and try again, up to three times."""
        option = self.page.get_by_role("option", name=option_text, exact=True)
        for attempt in range(3):
            self.wait_not_running()
            box = self.widget(key).get_by_role("combobox")
            box.click()
            box.fill(option_text)
            try:
                option.wait_for(state="visible", timeout=10_000)
                act(option)
                return
            except Exception:
                if attempt == 2:
                    raise
                self.page.keyboard.press("Escape")

    def add_chip(self, key: str, option_text: str) -> None:
        """Add ``option_text`` to the multiselect with ``key``, and see its chip appear.

        Typing filters the (virtualised) list, so the option is drawn wherever it sits.
        A chosen option leaves the open list: the proof the choice landed before the
        list closes and the page reruns.
        """
        def choose(option) -> None:
            option.click(timeout=10_000)
            expect(option).to_have_count(0)

        self._in_open_list(key, option_text, choose)
        self.page.keyboard.press("Escape")
        self.wait_idle()
        expect(self.widget(key).get_by_role("button", name=f"Remove {option_text}", exact=True)).to_be_attached()
