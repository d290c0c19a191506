"""A learner in a class, on the training page: the network reported to the teacher's
board, and the teacher's experiment applied.

A learner is in a class when this browser session joined one on the class page (its
code and token are in the session, under ``classroom_store.LEARNER_KEY``). Then:

* every :data:`REPORT_SECONDS` at most, the page sends the network's state to the class
  store (epoch, test accuracy and loss, settings, a 32 × 32 copy of the boundary): from
  the live tick while playing, from a small fragment on the same clock while paused,
  and only when something changed (a paused network is reported once);
* the teacher's experiment (``core.guide.experiment``) is read on the same clock; a
  revision this page has not applied yet sets the page's settings before its widgets
  are drawn, and a notice says what the teacher set. The learner may change anything
  afterwards: an experiment is applied once per revision, never again;
* when the teacher puts this learner's network on the big screen (read on the same
  clock), the reports carry the whole network as well (the text of a network file, the
  page's own download), which the board reads back as a network file.

The class store being away (``unavailable``) or refusing a report must never stop the
training: a report that fails is dropped, and the next one tries again.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from core.classroom.errors import ClassError
from core.classroom.networks import big_screen_token
from core.classroom.tokens import learner_token_hash
from core.guide.class_views import pretty_code
from core.guide.experiment import class_experiment
from core.guide.network_reports import network_report, report_networks
from core.nn.session import TrainingSession
from core.state import network_file as nf
from core.state import training as ts
from ui import classroom_store as cs
from ui import tr

ss = st.session_state

#: At most one report per this many seconds (the store drops a sooner one anyway).
REPORT_SECONDS = 2.0
#: Session keys: when the last report went, and what it said (epoch and settings).
_LAST_AT, _LAST_SAID = "_trn_class_reported_at", "_trn_class_reported"
#: What the last report that carried the whole network said (for the big screen).
_BIG_SAID = "_trn_class_big_sent"
#: When the page last asked the store for a new experiment.
_CHECKED_AT = "_trn_class_checked_at"
#: The experiment revision this page applied, and the notice it left.
APPLIED, NOTICE = "_trn_class_experiment", "_trn_class_experiment_notice"
#: Refusals after which this session is no longer in the class: its page stops reporting
#: and says nothing more about it (the class page says why when the learner goes there).
GONE = ("unknown_class", "ended", "expired", "not_joined", "removed")
#: The settings a report carries (the rest of the page is the learner's own business).
REPORTED = ("dataset", "activation", "hidden", "features")


def membership() -> dict | None:
    """The class this session joined (``{"code", "token"}``), or None."""
    me = ss.get(cs.LEARNER_KEY)
    return me if isinstance(me, dict) and me.get("code") and me.get("token") else None


def _store():
    try:
        return cs.engine()
    except ClassError:
        return None


class ReportWriter:
    """One thread per server process that stores the reports of all its learners, those
    that came in the last :data:`FLUSH_SECONDS` (half a second: a report is on the board within
    2 s of its learner's page, measured by ``tests/bench/bench_class_networks.py``), in one transaction
    (:func:`core.guide.network_reports.report_networks`): a learner's tick only hands its
    report over and never waits for the store (SQLite lets one writer in at a time: with
    a write per tick, 60 learners' ticks queued behind each other). A learner's newer
    report replaces one still waiting. A refusal that ends the learner's place in the
    class (:data:`GONE`) is remembered for their page to read (:meth:`gone`)."""

    FLUSH_SECONDS = 0.5

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[str, tuple] = {}
        self._gone: set[str] = set()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def put(self, code: str, token: str, network, whole: str | None = None) -> None:
        """Hand a report over (``whole``: the network file's text, for the big screen)."""
        with self._lock:
            self._waiting[token] = (code, token, network, whole)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="class-report-writer", daemon=True)
                self._thread.start()
        self._wake.set()

    def gone(self, token: str) -> bool:
        """True once the store refused this token's report for good (removed, ended, ...)."""
        with self._lock:
            return token in self._gone

    def flush(self) -> None:
        """Store what is waiting now (the thread calls it; a test may too)."""
        with self._lock:
            batch, self._waiting = list(self._waiting.values()), {}
        if not batch:
            return
        bind = _store()
        if bind is None:
            return  # the store is away: these are dropped, the next ones try again
        try:
            results = report_networks(bind, batch)
        except ClassError:
            return
        with self._lock:
            for item, result in zip(batch, results):
                token = item[1]
                if isinstance(result, ClassError) and result.code in GONE:
                    self._gone.add(token)
                elif result is False and token not in self._waiting:
                    # The store dropped it as too soon after the last (this writer's
                    # seconds and the store's 1.5 s do not line up exactly): sent again
                    # with the next batch, unless a newer one came. A paused page sends
                    # nothing more, and its last network stayed off the board for good.
                    self._waiting[token] = item
                    self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.FLUSH_SECONDS)  # gather the reports of the next half second
            self._wake.clear()
            self.flush()


WRITER = ReportWriter()


def report(sess: TrainingSession, frame=None) -> None:
    """Send the network's state to the class, if due and if it changed since the last
    (``frame``: the tick's last frame, when there is one: its grid is the boundary)."""
    me = membership()
    if me is None:
        return
    if WRITER.gone(me["token"]):
        ss.pop(cs.LEARNER_KEY, None)  # removed, or the class is over: the page stops reporting
        return
    now = time.monotonic()
    if now - ss.get(_LAST_AT, -REPORT_SECONDS) < REPORT_SECONDS:
        return
    trainer = sess.trainer
    said = (trainer.epoch, sess.run_id, tuple((key, str(ss.get(key))) for key in REPORTED))
    big = on_big_screen(me)
    if said == ss.get(_LAST_SAID) and (not big or said == ss.get(_BIG_SAID)):
        return
    ss[_LAST_AT] = now
    try:
        frame = frame if frame is not None and frame.epoch == trainer.epoch else sess.frame()
        settings = {key: ss[key] for key in REPORTED if key in ss}
        whole = None
        if big:  # the page's own download of the network: the board reads it as a network file
            page_settings = {p.key: ss.get(p.key, ts.DEFAULTS[p.key]) for p in ts.PARAMS}
            whole = nf.dumps(trainer.model, trainer.features, trainer.epoch, page_settings)
            ss[_BIG_SAID] = said
        WRITER.put(me["code"], me["token"],
                   network_report(settings, trainer.metrics(), frame.grid, diverged=trainer.diverged), whole)
        ss[_LAST_SAID] = said
    except ClassError:
        pass  # a report that is not one (it cannot happen with the page's own settings): the next one


#: Session key: (until when, settings) of an experiment just applied (see _hold).
_HOLD = "_trn_class_experiment_hold"
#: How long an applied experiment is held against the browser's older values.
HOLD_SECONDS = 5.0


def _held() -> dict:
    """The settings of an experiment applied less than HOLD_SECONDS ago ({} if none).

    The browser sends all its widgets' values with every rerun it asks for; one asked
    before the page with the experiment's values had reached it (a live tick, while
    playing) carries the old ones, and Streamlit takes them over the values the run had
    set: the notice said "the teacher set ReLU" and the box said Tanh (seen in the e2e
    test under load). For a few seconds, such an old value is put back."""
    hold = ss.get(_HOLD)
    if not hold:
        return {}
    until, settings = hold
    if time.monotonic() >= until:
        ss.pop(_HOLD, None)
        return {}
    return settings


def apply_experiment() -> None:
    """Before the widgets are drawn: the teacher's experiment, if there is one this page
    has not applied. The page's settings become the experiment's (a whole page: the
    teacher's query over the defaults), playing stops, and a notice says so."""
    held = _held()
    for key, value in held.items():
        if ss.get(key) != value:
            ss[key] = value
    me = membership()
    bind = _store() if me else None
    if bind is None:
        return
    try:
        found = class_experiment(bind, me["code"], me["token"])
    except ClassError:
        return
    if found is None or found.revision == ss.get(APPLIED):
        return
    ss[APPLIED] = found.revision
    ss.update(found.settings)
    ss[_HOLD] = (time.monotonic() + HOLD_SECONDS, dict(found.settings))
    ss[NOTICE] = found.query
    ss.pop(_LAST_SAID, None)  # the new network is reported at once


#: The latest experiment revision of each class, as one of its learners last read it, and
#: when: the learners of a class (30 to 100 sessions of this process) share one read a
#: second instead of one each every REPORT_SECONDS. A revision is the class's, not a learner's.
_REVISIONS: dict[str, tuple[float, int | None]] = {}
_REVISIONS_LOCK = threading.Lock()
REVISION_SECONDS = 1.0
#: The token hash each class's big screen wants, read the same way.
_BIG: dict[str, tuple[float, str | None]] = {}


def _shared_read(cache: dict, code: str, read):
    """``read(bind)`` for the class ``code``, shared by its learners in this process: kept
    for REVISION_SECONDS, a store that is away or refuses read as None (and tried again
    after REVISION_SECONDS)."""
    now = time.monotonic()
    with _REVISIONS_LOCK:
        seen = cache.get(code)
    if seen is not None and now - seen[0] < REVISION_SECONDS:
        return seen[1]
    bind = _store()
    try:
        value = None if bind is None else read(bind)
    except ClassError:
        value = None
    with _REVISIONS_LOCK:
        cache[code] = (now, value)
    return value


def _class_revision(me: dict) -> int | None:
    def read(bind):
        found = class_experiment(bind, me["code"], me["token"])
        return None if found is None else found.revision

    return _shared_read(_REVISIONS, me["code"], read)


def on_big_screen(me: dict) -> bool:
    """True while the teacher has this learner's network on the big screen."""
    wanted = _shared_read(_BIG, me["code"], lambda bind: big_screen_token(bind, me["code"]))
    return wanted is not None and wanted == learner_token_hash(me["token"])


def new_experiment() -> bool:
    """True when the class has an experiment revision this page has not applied."""
    me = membership()
    if me is None:
        return False
    revision = _class_revision(me)
    return revision is not None and revision != ss.get(APPLIED)


def _dismiss() -> None:
    ss.pop(NOTICE, None)


def notices() -> None:
    """The experiment's notice (until dismissed), or a line saying the class sees this network."""
    me = membership()
    if me is None:
        return
    query = ss.get(NOTICE)
    with st.container(key="trn_class"):
        if query is not None:
            settings = f"`{query}`" if query else tr("class_experiment_defaults")
            st.info(tr("trn_class_experiment", settings=settings), icon=":material/science:")
            st.button(tr("dismiss"), key="trn_class_dismiss", on_click=_dismiss, type="tertiary")
        else:
            st.caption(tr("trn_class_reporting", code=pretty_code(me["code"])))


def follow(sess: TrainingSession, frame=None) -> None:
    """One beat of the class's clock (the live tick while playing, the class fragment
    while paused): report the network if due, and run the whole page again when the
    teacher has set a new experiment (only a page run may change the widgets)."""
    report(sess, frame)
    now = time.monotonic()
    if now - ss.get(_CHECKED_AT, -REPORT_SECONDS) < REPORT_SECONDS:
        return
    ss[_CHECKED_AT] = now
    if new_experiment() or any(ss.get(key) != value for key, value in _held().items()):
        st.rerun(scope="app")  # only a page run may change the widgets
