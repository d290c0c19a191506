"""Browser-free learners: Streamlit's WebSocket protocol, spoken the way a browser speaks it.

A class is 30 to 100 learners, each on their own device; on this machine headless
browsers saturate the two cores long before the server does, so a class is measured
with learners that do everything a browser does on the wire and nothing else (no
drawing):

1. :func:`record` opens the training page once in real headless Chromium, presses Play
   and keeps every ``BackMsg`` the browser sent: the first run of the page (its query
   string and page name), the Play click (every widget's state and the button's
   trigger) and one automatic fragment rerun (the widget states a tick carries).
2. :class:`Learner` replays them over its own WebSocket (``/_stcore/stream``,
   subprotocol ``streamlit``), so the server sees a new session that behaves as that
   browser did, and then does what Streamlit's frontend does with the server's
   messages: an ``auto_rerun`` (fragment, interval) starts a ``setInterval`` that sends
   that fragment's rerun every interval **whether or not the previous run has
   finished** (the frontend's own rule; an ``auto_rerun`` with the interval already
   running changes nothing), ``stop_auto_rerun`` clears it, and the start of a full
   (non-fragment) run clears them all (``cleanupAutoReruns``).
3. Every live-view payload that arrives (the ``trn_live_view`` bidi component's bytes)
   is read for its frames' epochs: only the JSON header, as the browser's first step.

A learner keeps a timeline of ``(time, newest epoch, frames received)`` and counts the
script runs that finished, so the benchmark reads epochs/s and frames/s per learner over
any window.
"""

from __future__ import annotations

import asyncio
import json
import struct
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

LIVE_COMPONENT = "trn_live_view"
MAGIC = b"TRL1"


@dataclass(frozen=True)
class Recording:
    """What one real browser sent: the first run, the Play click, a fragment tick; and,
    for a learner of a class (:func:`record_in_class`), the runs between the first and
    Play (the browser's keys, Join, the page switch to the training page) and the
    browser's learner token, which each replaying learner replaces with its own."""

    first: bytes
    play: bytes
    tick: bytes
    before_play: tuple[bytes, ...] = ()
    token: bytes = b""

    def tick_for(self, fragment_id: str) -> bytes:
        """The recorded tick, for ``fragment_id`` (the widget states stay those of the tick)."""
        msg = BackMsg()
        msg.ParseFromString(self.tick)
        msg.rerun_script.fragment_id = fragment_id
        msg.rerun_script.is_auto_rerun = True
        return msg.SerializeToString()


def _kind(payload: bytes) -> tuple[str, str, bool]:
    msg = BackMsg()
    msg.ParseFromString(payload)
    state = msg.rerun_script
    return msg.WhichOneof("type") or "", state.fragment_id, state.is_auto_rerun


def _presses(payload: bytes, key: str) -> bool:
    """Whether this rerun is the click of the button with ``key`` (its trigger is set)."""
    msg = BackMsg()
    msg.ParseFromString(payload)
    return any(w.id.endswith(f"-{key}") and w.WhichOneof("value") == "trigger_value" and w.trigger_value
               for w in msg.rerun_script.widget_states.widgets)


def _recording_browser(pw, chromium: str | None, args: list[str], sent: list[bytes]):
    """Headless Chromium and a page whose WebSocket messages to the server go to ``sent``."""
    browser = pw.chromium.launch(executable_path=chromium, args=args, headless=True)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.on("websocket", lambda ws: ws.on("framesent", lambda p: sent.append(p) if isinstance(p, bytes) else None))
    return browser, page


def record(base_url: str, path: str, query: str, chromium: str | None, args: list[str]) -> Recording:
    """Open ``path?query`` in headless Chromium, press Play, wait for a tick; the messages."""
    import re

    from playwright.sync_api import expect, sync_playwright

    sent: list[bytes] = []
    with sync_playwright() as pw:
        browser, page = _recording_browser(pw, chromium, args, sent)
        page.goto(f"{base_url}/{path}?{query}")
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning'] .st-key-play",
                               timeout=120_000)
        button = page.locator(".st-key-play button").first
        button.click()
        expect(button).to_have_text(re.compile("Pause|暂停"), timeout=60_000)
        page.wait_for_function("() => parseInt(document.querySelector('.trn-live').dataset.payloads) >= 3",
                               timeout=60_000)
        browser.close()
    reruns = [p for p in sent if _kind(p)[0] == "rerun_script"]
    first = reruns[0]
    play = next(p for p in reruns if _presses(p, "play"))
    tick = next(p for p in reruns if _kind(p)[2])
    return Recording(first, play, tick)


def record_in_class(base_url: str, code: str, chromium: str | None, args: list[str]) -> Recording:
    """A learner of the class ``code`` in headless Chromium: the join link, Join, the class
    page's link to the training page, Play, a tick; the messages, and the browser's token."""
    import re

    from playwright.sync_api import expect, sync_playwright

    from tests.bench.protocol_class import TOKEN

    sent: list[bytes] = []
    with sync_playwright() as pw:
        browser, page = _recording_browser(pw, chromium, args, sent)
        page.goto(f"{base_url}/class?join={code}&lang=en")
        page.wait_for_selector(".st-key-class_join", timeout=120_000)
        page.wait_for_function("() => !!localStorage.getItem('actfn-class-learner')", timeout=60_000)
        page.wait_for_timeout(500)
        page.locator(".st-key-class_join").get_by_role("button", name="Join", exact=True).click()
        page.wait_for_selector(".st-key-class_follow", timeout=60_000)
        page.get_by_role("link", name=re.compile("Train a network")).click()
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning'] .st-key-play",
                               timeout=120_000)
        page.wait_for_selector(".st-key-trn_class", timeout=60_000)
        button = page.locator(".st-key-play button").first
        button.click()
        expect(button).to_have_text(re.compile("Pause"), timeout=60_000)
        page.wait_for_function("() => parseInt(document.querySelector('.trn-live').dataset.payloads) >= 3",
                               timeout=60_000)
        browser.close()
    reruns = [p for p in sent if _kind(p)[0] == "rerun_script"]
    play_at = next(i for i, p in enumerate(reruns) if _presses(p, "play"))
    before = tuple(p for p in reruns[1:play_at] if not _kind(p)[2])
    token = next(m.group(1) for p in reruns if (m := TOKEN.search(p)))
    tick = next(p for p in reruns[play_at:] if _kind(p)[2])
    return Recording(reruns[0], reruns[play_at], tick, before, token)


def _detail(msg, kind: str):
    """What a control message says, for a stalled learner's last-heard list."""
    if kind == "new_session":
        return "fragment" if msg.metadata.run.fragment_ids else "page"
    if kind == "auto_rerun":
        return msg.auto_rerun.interval
    if kind == "script_finished":
        return msg.script_finished
    if kind == "session_status_changed":
        return msg.session_status_changed.script_is_running
    return ""


def live_epochs(payload: bytes) -> list[int]:
    """The epochs of a live-view payload's frames (its JSON header only)."""
    if payload[:4] != MAGIC:
        return []
    (n,) = struct.unpack_from("<I", payload, 4)
    header = json.loads(payload[8:8 + n])
    return [int(frame[0]) for frame in header.get("frames", [])]


@dataclass
class Learner:
    """One browser-free learner (see the module docstring)."""

    ws_url: str
    recording: Recording
    token: str | None = None  # a learner of a class: its own token in every message
    timeline: list = field(default_factory=list)  # (t, newest epoch, frames so far)
    runs_finished: int = 0
    fragment_runs_sent: int = 0
    bytes_received: int = 0
    errors: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)  # errors the pages showed
    events: list = field(default_factory=list)  # (t, message kind, detail): what a stall heard last
    full_runs: list = field(default_factory=list)  # when each whole-page run began
    playing: bool = False
    _intervals: dict = field(default_factory=dict)
    _frames: int = 0
    _epoch: int = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Join, press Play, keep ticking until ``stop`` is set."""
        import websockets

        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=120, ping_interval=None) as ws:
                await ws.send(self._own(self.recording.first))
                await self._receive_until_finished(ws)
                for message in self.recording.before_play:
                    await ws.send(self._own(message))
                    await self._receive_until_finished(ws)
                await ws.send(self._own(self.recording.play))
                self.playing = True
                receiver = asyncio.create_task(self._receive(ws))
                await stop.wait()
                receiver.cancel()
                self._stop_intervals()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - a learner's failure is a figure of the run
            self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            self._stop_intervals()

    def _own(self, payload: bytes) -> bytes:
        """``payload`` with this learner's token instead of the recorded browser's."""
        if self.token is None or not self.recording.token:
            return payload
        return payload.replace(self.recording.token, self.token.encode())

    async def _receive_until_finished(self, ws) -> None:
        while True:
            if self._handle(ws, await ws.recv()) == "finished":
                return

    async def _receive(self, ws) -> None:
        try:
            async for message in ws:
                self._handle(ws, message)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - the connection dropped: count it
            self.errors.append(f"{type(error).__name__}: {error}")

    def _handle(self, ws, message) -> str | None:
        if isinstance(message, str):
            return None
        self.bytes_received += len(message)
        msg = ForwardMsg()
        msg.ParseFromString(message)
        kind = msg.WhichOneof("type")
        if kind in ("new_session", "auto_rerun", "stop_auto_rerun", "script_finished", "session_status_changed"):
            self.events.append((time.monotonic(), kind, _detail(msg, kind)))
        if kind == "new_session" and not msg.metadata.run.fragment_ids:
            self._stop_intervals()  # a full run: the frontend's cleanupAutoReruns
            self.full_runs.append(time.monotonic())
        elif kind == "auto_rerun":
            self._start_interval(ws, msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self._stop_interval(fragment_id)
        elif kind == "delta":
            self._read_delta(msg)
        elif kind == "script_finished":
            self.runs_finished += 1
            return "finished"
        return None

    def _read_delta(self, msg) -> None:
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception":  # the page showed an error: a figure of the run
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return
        if element.WhichOneof("type") == "alert" and element.alert.format in (1, 2):  # ERROR, WARNING
            self.exceptions.append(f"alert: {element.alert.body[:80]}")
            return
        if element.WhichOneof("type") != "bidi_component":
            return
        component = element.bidi_component
        if not component.component_name.endswith(LIVE_COMPONENT):
            return
        epochs = live_epochs(component.bytes)
        if epochs:
            self._frames += len(epochs)
            self._epoch = max(self._epoch, max(epochs))
            self.timeline.append((time.monotonic(), self._epoch, self._frames))

    def _start_interval(self, ws, fragment_id: str, interval: float) -> None:
        running = self._intervals.get(fragment_id)
        if running and running[0] == interval:
            return  # the frontend keeps an interval that is already running
        self._stop_interval(fragment_id)
        message = self._own(self.recording.tick_for(fragment_id))

        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                self.fragment_runs_sent += 1
                await ws.send(message)  # sent whether or not the previous run finished

        self._intervals[fragment_id] = (interval, asyncio.get_running_loop().create_task(tick()))

    def _stop_interval(self, fragment_id: str) -> None:
        running = self._intervals.pop(fragment_id, None)
        if running:
            running[1].cancel()

    def _stop_intervals(self) -> None:
        for fragment_id in list(self._intervals):
            self._stop_interval(fragment_id)

    # ------------------------------------------------------------------ figures

    def rates(self, start: float, end: float) -> tuple[float, float]:
        """``(epochs/s, frames/s)`` over the window ``[start, end]`` of the timeline."""
        before = [row for row in self.timeline if row[0] <= start]
        inside = [row for row in self.timeline if start < row[0] <= end]
        first = before[-1] if before else (start, 0, 0)
        last = inside[-1] if inside else first
        seconds = max(end - start, 1e-9)
        return (last[1] - first[1]) / seconds, (last[2] - first[2]) / seconds


async def _class(ws_url: str, recording: Recording, n: int, seconds: float, join_spread: float,
                 warmup: float, on_window, tokens=None) -> list[Learner]:
    learners = [Learner(ws_url, recording, None if tokens is None else tokens[i]) for i in range(n)]
    stop = asyncio.Event()

    async def join(i: int, learner: Learner) -> None:
        await asyncio.sleep(join_spread * i / max(1, n))  # a class does not press Enter at once
        await learner.run(stop)

    async def measure() -> None:
        # The window opens once every learner plays and has had a frame (a large class's
        # page runs take a while), plus the warm-up: it measures a class at work, not joining.
        begin = time.monotonic()
        while not all(x.errors or x.timeline for x in learners) and time.monotonic() - begin < 180:
            await asyncio.sleep(0.1)
        for i, x in enumerate(learners):
            if not (x.errors or x.timeline):  # never had a frame: say what its page did hear
                print(f"no frame after {time.monotonic() - begin:.0f} s: learner {i}: playing {x.playing}, "
                      f"{len(x.full_runs)} whole-page runs, {x.runs_finished} runs finished, "
                      f"{x.fragment_runs_sent} ticks sent, {x.bytes_received} bytes", flush=True)
        ready = time.monotonic()
        await asyncio.sleep(warmup)
        window = (time.monotonic(), 0.0)
        if on_window is not None:
            on_window(window[0])
        await asyncio.sleep(seconds)
        window = (window[0], time.monotonic())
        if on_window is not None:
            on_window(window[1])
        for learner in learners:
            learner.window, learner.all_playing_after = window, ready - begin
        stop.set()

    await asyncio.gather(measure(), *(join(i, learner) for i, learner in enumerate(learners)))
    return learners


def run_class(base_url: str, recording: Recording, n: int, seconds: float, on_window=None,
              join_spread: float = 2.0, warmup: float = 3.0, tokens=None) -> list[Learner]:
    """``n`` learners join (spread over ``join_spread`` s) and play; once every one has
    had a frame, and ``warmup`` s more, each is measured over ``seconds``.
    ``on_window(mark)`` is called at the window's start and end (the benchmark reads
    server CPU there); ``learner.all_playing_after``: seconds until every learner played."""
    ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    return asyncio.run(_class(ws_url, recording, n, seconds, join_spread, warmup, on_window, tokens))
