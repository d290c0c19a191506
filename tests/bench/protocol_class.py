"""Browser-free learners of a class (issue 22): the class page's protocol, as a browser speaks it.

The same method as :mod:`tests.bench.protocol_learners` (the training page), for the
*A class together* page:

1. :func:`record` opens ``/class?join=CODE`` once in real headless Chromium, waits for the
   browser's keys to be reported, presses Join, and answers each step the teacher (this
   process, through the store's API) opens. Every ``BackMsg`` the browser sent is kept:
   the first run, the keys report, the Join click, the follow fragment's automatic tick,
   and per step the Send click (and the radio's choice, when it had a run of its own: the
   page's question is a form now, so a choice costs no run and travels with the Send).
2. :class:`ClassLearner` replays them over its own WebSocket with **its own learner
   token** (the recorded browser's token is replaced in every message: same length, so
   the protobuf framing is unchanged), so the server sees a new browser and a new
   learner. It reruns the follow fragment at the interval the server asks for, whether
   or not the previous run finished (the frontend's rule), and notes when each step's
   question first reaches it (the radio element of ``class_q_<step>`` in a delta). After
   a think time it sends the Send click with its choice (a random option: the recorded
   message with that option's label), as the browser did.

Each learner knows what it last sent, so the benchmark can check that the board counts
every learner's answer exactly once.
"""

from __future__ import annotations

import asyncio
import functools
import random
import re
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from core.guide import path as lp
from core.i18n import t

TOKEN = re.compile(rb'"learner":"([A-Za-z0-9_-]{32})"')


@functools.cache
def option_label(step: str, option: str, lang: str = "en") -> str:
    """What the class page's radio shows (and reports) for ``option`` of ``step`` (kept:
    the step's reveal trains a small network, and every learner asks on every alert)."""
    return t(f"lesson_{step}_opt_{option}", lang, **dict(lp.reveal(step).values))


@dataclass(frozen=True)
class ClassRecording:
    """What one real browser sent on the class page."""

    token: bytes  # the recorded browser's learner token
    code: bytes  # the recorded class's code (in every message's query string)
    opening: tuple[bytes, ...]  # first run and keys report, in order
    join: bytes
    tick: bytes
    answers: dict  # step -> (choice message or None, send message)

    def as_learner(self, payload: bytes, token: str, code: str) -> bytes:
        """``payload`` as the browser with ``token`` in the class ``code`` sends it."""
        return payload.replace(self.token, token.encode()).replace(b"join=" + self.code, b"join=" + code.encode())

    def answer(self, step: str, option: str, token: str, code: str) -> tuple[bytes, bytes]:
        """The choice (None when it had no run of its own) and the Send click for
        ``option`` of ``step``, as that browser."""
        label = option_label(step, option)
        return tuple(None if m is None else self.as_learner(_with_choice(m, step, label), token, code)
                     for m in self.answers[step])


def _rerun(payload: bytes):
    msg = BackMsg()
    msg.ParseFromString(payload)
    return msg if msg.WhichOneof("type") == "rerun_script" else None


def _widget(msg, suffix: str):
    return next((w for w in msg.rerun_script.widget_states.widgets if w.id.endswith(suffix)), None)


def _with_choice(payload: bytes, step: str, label: str) -> bytes:
    msg = _rerun(payload)
    _widget(msg, f"-class_q_{step}").string_value = label
    return msg.SerializeToString()


def record(base_url: str, store_url: str, steps: tuple[str, ...], chromium: str | None,
           args: list[str]) -> ClassRecording:
    """One real browser through the class page: join, then answer each of ``steps``."""
    from playwright.sync_api import expect, sync_playwright
    from sqlalchemy import create_engine

    from core.classroom import store, teacher
    from core.classroom.schema import ensure_schema, prepare_engine

    engine = prepare_engine(create_engine(store_url))
    ensure_schema(engine)
    made = store.create_class(engine)
    sent: list[bytes] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args, headless=True)
        page = browser.new_context().new_page()
        page.on("websocket", lambda ws: ws.on("framesent", lambda p: sent.append(p) if isinstance(p, bytes) else None))
        page.goto(f"{base_url}/class?join={made.code}&lang=en")
        page.wait_for_function("() => localStorage.getItem('actfn-class-learner')", timeout=120_000)
        join = page.locator(".st-key-class_join").get_by_role("button", name=t("class_join_button", "en"), exact=True)
        join.click()
        expect(page.locator(".st-key-class_follow")).to_be_visible(timeout=60_000)
        for step in steps:
            teacher.open_step(engine, made.code, made.secret, step)
            question = page.locator(f".st-key-class_q_{step}")
            expect(question).to_be_visible(timeout=60_000)
            question.get_by_role("radio").first.click(force=True)
            page.wait_for_timeout(1_000)  # a choice outside a form had a run of its own
            page.locator(".st-key-class_send button").click()
            expect(page.locator(".st-key-class_follow")).to_contain_text(
                t("class_your_answer", "en", answer="")[:8], timeout=60_000)
        browser.close()
    engine.dispose()
    return _classify(sent, steps, made.code)


def _classify(sent: list[bytes], steps: tuple[str, ...], code: str) -> ClassRecording:
    reruns = [(p, _rerun(p)) for p in sent]
    reruns = [(p, m) for p, m in reruns if m is not None]
    token = next(TOKEN.search(p).group(1) for p, _ in reruns if TOKEN.search(p))

    def pressed(m, suffix: str) -> bool:
        w = _widget(m, suffix)
        return w is not None and w.WhichOneof("value") == "trigger_value" and w.trigger_value

    join_at = next(i for i, (_, m) in enumerate(reruns) if pressed(m, "-Join"))
    opening = tuple(p for p, m in reruns[:join_at] if not m.rerun_script.fragment_id)
    tick = next(p for p, m in reruns if m.rerun_script.is_auto_rerun)
    answers = {}
    for step in steps:
        send = next(p for p, m in reruns if pressed(m, "-class_send") and _widget(m, f"-class_q_{step}"))
        choice = next((p for p, m in reruns if _widget(m, f"-class_q_{step}") and not m.rerun_script.is_auto_rerun
                       and not pressed(m, "-class_send")), None)
        answers[step] = (choice, send)
    return ClassRecording(token, code.encode(), opening, reruns[join_at][0], tick, answers)


@dataclass
class ClassLearner:
    """One browser-free learner of the class page (see the module docstring)."""

    ws_url: str
    recording: ClassRecording
    token: str
    code: str
    rng: random.Random
    think: float = 3.0  # at most this many seconds between seeing a question and sending
    seen: dict = field(default_factory=dict)  # step -> monotonic time its question arrived
    sent: dict = field(default_factory=dict)  # step -> option last sent
    sent_at: dict = field(default_factory=dict)  # step -> monotonic time of its Send
    accepted: dict = field(default_factory=dict)  # step -> option the page confirmed ("Your answer: …")
    acked: dict = field(default_factory=dict)  # step -> seconds from the Send to the page's answer
    refused: dict = field(default_factory=dict)  # step -> option refused as late (the step had closed)
    errors: list = field(default_factory=list)
    runs_finished: int = 0
    joined: bool = False
    _intervals: dict = field(default_factory=dict)
    _widgets: object = None  # the widget states of its last answer (the frontend's current ones)
    _finished: asyncio.Event | None = None

    async def run(self, stop: asyncio.Event) -> None:
        import websockets

        self._finished = asyncio.Event()
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=120, ping_interval=None) as ws:
                receiver = asyncio.create_task(self._receive(ws))
                for message in self.recording.opening:
                    await self._send_and_wait(ws, self.recording.as_learner(message, self.token, self.code))
                await self._send_and_wait(ws, self.recording.as_learner(self.recording.join, self.token, self.code))
                self.joined = True
                await stop.wait()
                receiver.cancel()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - a learner's failure is a figure of the run
            self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            for task in self._intervals.values():
                task[1].cancel()

    async def _send_and_wait(self, ws, payload: bytes) -> None:
        self._finished.clear()
        await ws.send(payload)
        await asyncio.wait_for(self._finished.wait(), timeout=120)

    async def _receive(self, ws) -> None:
        try:
            async for message in ws:
                if isinstance(message, bytes):
                    self._handle(ws, message)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - the connection dropped: count it
            self.errors.append(f"{type(error).__name__}: {error}")

    def _handle(self, ws, message: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(message)
        kind = msg.WhichOneof("type")
        if kind == "auto_rerun":
            self._start_interval(ws, msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "script_finished":
            self.runs_finished += 1
            self._finished.set()
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "alert":
            self._answered(msg.delta.new_element.alert.body)
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "radio":
            match = re.search(r"-class_q_(\w+)$", msg.delta.new_element.radio.id)
            if match and match.group(1) in self.recording.answers and match.group(1) not in self.seen:
                self.seen[match.group(1)] = time.monotonic()
                asyncio.get_running_loop().create_task(self._answer(ws, match.group(1)))

    def _answered(self, body: str) -> None:
        """The page's answer to a Send: its "Your answer: …" (the store has it), or its
        refusal of a Send that arrived after the teacher had moved on (the store's, or the
        page's own when the page had already moved to the next question)."""
        for step, option in self.sent.items():
            if step in self.acked:
                continue
            if body == t("class_your_answer", "en", answer=option_label(step, option)):
                self.accepted[step] = option
            elif body in (t("class_error_closed", "en"), t("class_sent_too_late", "en")):
                self.refused[step] = option
            else:
                continue
            self.acked[step] = time.monotonic() - self.sent_at[step]

    async def _answer(self, ws, step: str) -> None:
        await asyncio.sleep(self.rng.uniform(0.2, self.think))
        option = self.rng.choice(lp.STEPS_BY_KEY[step].question.options)
        choice, send = self.recording.answer(step, option, self.token, self.code)
        if choice is not None:
            await ws.send(choice)
            await asyncio.sleep(0.5)  # the browser waits for the choice's run before the click
        self.sent[step], self.sent_at[step] = option, time.monotonic()
        await ws.send(send)
        # What its later ticks carry: the choice, not the click (a trigger is sent once).
        states = _rerun(send).rerun_script.widget_states
        kept = [w for w in states.widgets if w.WhichOneof("value") != "trigger_value"]
        del states.widgets[:]
        states.widgets.extend(kept)
        self._widgets = states

    def _start_interval(self, ws, fragment_id: str, interval: float) -> None:
        running = self._intervals.get(fragment_id)
        if running and running[0] == interval:
            return
        if running:
            running[1].cancel()
        msg = _rerun(self.recording.as_learner(self.recording.tick, self.token, self.code))
        msg.rerun_script.fragment_id = fragment_id

        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                if self._widgets is not None:
                    # The frontend sends every widget's current value with each request;
                    # a tick recorded before the question had no radio, and queued behind
                    # a Send, its states (the newer) would have replaced the Send's choice.
                    msg.rerun_script.widget_states.CopyFrom(self._widgets)
                await ws.send(msg.SerializeToString())  # whether or not the previous run finished

        self._intervals[fragment_id] = (interval, asyncio.get_running_loop().create_task(tick()))
