"""The class store's Streamlit side: where the database is, one engine per process, and
the browser's keys (the learner's token, the teacher's secret) kept in localStorage.

Where the store lives, first match wins:

1. the environment variable ``CLASS_STORE_URL`` (an SQLAlchemy URL; the tests point it at
   a throwaway SQLite file);
2. ``[connections.class] url = "…"`` in ``.streamlit/secrets.toml`` (PostgreSQL for
   replicas on several machines: ``postgresql+psycopg2://user:password@host/db``);
3. a SQLite file ``data/class.sqlite`` next to the app (created on first use; git-ignored).

The engine comes from Streamlit's ``st.connection("class", type="sql")``; the store's
functions (``core.classroom``) take it as it is. The schema is created, and old classes
purged, once per process and URL (``st.cache_resource``). Any failure to reach the
database becomes ``ClassError("unavailable")``, which the page turns into a sentence.

The browser's keys: a small ``st.components.v2`` component reads and writes two
localStorage entries of this site. A learner's token is offered by the server
(``new_learner_token``) and kept by the browser the first time; after a reload the
browser sends the kept one back, so the learner stays the same learner. The teacher's
secret is handed to the browser once, when the class is created, and sent back after a
reload; it never appears in the address bar or on the page, unless the teacher asks for
the private resume link (``…/class#resume=SECRET``: a fragment, which no browser sends to
a server) to resume on another device.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from core.classroom.schema import ensure_schema, prepare_engine
from core.classroom.store import purge_expired
from core.classroom.errors import ClassError
from ui.after_input import AFTER_INPUT_JS

ENV_URL = "CLASS_STORE_URL"
CONNECTION = "class"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_FILE = DATA_DIR / "class.sqlite"


def _secrets_url() -> str | None:
    """``[connections.class] url`` of secrets.toml, or None (no file, no section)."""
    try:
        section = st.secrets.get("connections", {}).get(CONNECTION, {})
        url = section.get("url")
    except Exception:  # noqa: BLE001 - no secrets.toml at all is the ordinary case
        return None
    return str(url) if url else None


def store_url() -> str:
    """The database URL this process uses (see the module's docstring for the order)."""
    url = os.environ.get(ENV_URL) or _secrets_url()
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_FILE}"


@st.cache_resource(show_spinner=False)
def _ready(url: str) -> bool:
    """Once per process and URL: the tables (created on first use) and a purge of old classes.
    Not cached when it fails: the next page run tries again."""
    engine = _engine_for(url)
    ensure_schema(engine)
    purge_expired(engine)
    return True


#: The prepared engine of each store URL. ``st.connection`` is itself cached, but each
#: call hashes its arguments and reads the secrets: ~1 ms, on every report of every learner.
_ENGINES: dict[str, Engine] = {}
#: The URLs whose tables are set up (in this process).
_READY: set[str] = set()


def _engine_for(url: str) -> Engine:
    engine = _ENGINES.get(url)
    if engine is None:
        # The URL is passed as the connection's own argument, so the environment's wins over
        # secrets.toml (Streamlit prefers arguments to secrets).
        connection = st.connection(CONNECTION, type="sql", url=url)
        engine = _ENGINES[url] = prepare_engine(connection.engine)
    return engine


def engine() -> Engine:
    """The store's engine, ready to use; ``ClassError("unavailable")`` (or ``"schema"``)
    when the database cannot be reached or set up."""
    url = store_url()
    try:
        if url not in _READY:  # st.cache_resource's lookup costs too, at every report
            _ready(url)
            _READY.add(url)
        return _engine_for(url)
    except ClassError:
        raise
    except Exception as error:  # noqa: BLE001 - a bad URL, a missing driver, a refused connection
        raise ClassError("unavailable", reason=type(error).__name__) from error


# ----------------------------------------------------------------- the browser's keys

#: localStorage keys (per site): the learner's token and the teacher's secret.
#: Session keys of the class this browser session joined as a learner (``{"code",
#: "token"}``): set by the class page, read by the training page (its reports).
LEARNER_KEY = "_class_learner"
LEARNER_ITEM = "actfn-class-learner"
TEACHER_ITEM = "actfn-class-teacher"

#: Keeps the learner token (the server's offer, the first time) and the teacher's secret
#: (while the server hands one over), forgets the secret when told, and reports what it
#: holds when that changes (each instruction is idempotent: a rerun may repeat it).
#: A private resume link (``…/class#resume=SECRET``) is read once per page load from the
#: navigation entry: the fragment never reaches a server (nor its logs), and Streamlit has
#: already taken it out of the address bar when this runs (the entry keeps the URL the
#: page was opened with).
KEYS_JS = AFTER_INPUT_JS + f"""export default function (component) {{
  const {{ data, setStateValue }} = component;
  const store = window.localStorage;
  const d = data || {{}};
  let learner = null, teacher = null;
  if (window.__classResume === undefined) {{
    window.__classResume = null;
    try {{
      const opened = new URL(performance.getEntriesByType("navigation")[0].name);
      const found = /^#resume=([A-Za-z0-9_-]{{16,128}})$/.exec(opened.hash);
      if (found) window.__classResume = found[1];
    }} catch (e) {{}}
    if (location.hash.startsWith("#resume=")) history.replaceState(null, "", location.pathname + location.search);
  }}
  try {{
    learner = store.getItem("{LEARNER_ITEM}");
    if (!learner && d.offer) {{ store.setItem("{LEARNER_ITEM}", d.offer); learner = d.offer; }}
    if (d.keep && store.getItem("{TEACHER_ITEM}") !== d.keep) store.setItem("{TEACHER_ITEM}", d.keep);
    if (d.forget) store.removeItem("{TEACHER_ITEM}");
    teacher = store.getItem("{TEACHER_ITEM}");
  }} catch (e) {{
    learner = d.offer || null;  // storage refused (private mode): this tab's token only
  }}
  // A run has drawn this component: any report sent before it was heard.
  if (window.__classRetry) {{ clearTimeout(window.__classRetry); window.__classRetry = null; }}
  const resume = window.__classResume;
  const report = JSON.stringify({{ learner, teacher, resume }});
  // Report what changed; and again on every run while the server says it has nothing
  // (a report that lands while the session's first run is still going can be dropped).
  if (window.__classReported !== report || (!d.seen && d.run && window.__classRun !== d.run)) {{
    window.__classReported = report;
    window.__classRun = d.run;
    // after the learner's last click has had its run (ui.after_input): "Start a class"
    // pressed just after the page opened was otherwise dropped by this report's rerun
    const send = (retry) => setStateValue("keys", {{ learner, teacher, resume, ready: true, run: d.run || null, retry }});
    // A report whose rerun was dropped (a busy server, fast reruns) brings no run at all,
    // so nothing would ask again: until a run draws this component, send it again every 2 s.
    const again = () => {{ window.__afterInput(() => send(Date.now())); window.__classRetry = setTimeout(again, 2000); }};
    window.__afterInput(() => {{ send(0); window.__classRetry = setTimeout(again, 2000); }});
  }}
}}"""

_keys = st.components.v2.component("class_browser_keys", js=KEYS_JS, isolate_styles=False)
#: Session key: the browser's report has reached this session.
_SEEN = "_class_keys_seen"


def _changed() -> None:
    """The browser reported its keys: the page reruns (a state value needs a callback)."""


def _last_report_id():
    """The ``retry`` stamp of the browser's last report, as this run received it: echoed
    in the component's data, so the browser's code runs again (Streamlit calls it when
    its data changes) and stops sending that report every 2 s. Without the echo, a
    report whose answer changed nothing in the data was sent again, and the page rerun,
    every 2 s for as long as it stayed open."""
    state = st.session_state.get("class_browser_keys")
    try:
        return (state.get("keys") or {}).get("retry")
    except AttributeError:
        return None


def browser_keys(offer: str, keep: str | None = None, forget: bool = False) -> dict:
    """Mount the keys component; returns ``{"learner", "teacher", "resume", "ready"}`` as
    the browser last reported them (``resume``: the secret of a resume link the page was
    opened with; ``ready`` False until the browser has reported; in AppTest it never does).

    ``offer``: the learner token this session would use if the browser has none;
    ``keep``: a teacher secret to store; ``forget``: drop the stored secret. Until a report
    has arrived, each run hands the browser a new ``run`` id, and the browser reports again."""
    seen = bool(st.session_state.get(_SEEN))
    data = {"offer": offer, "seen": seen, "heard": _last_report_id()}
    if not seen:
        data["run"] = secrets.token_hex(4)
    if keep:
        data["keep"] = keep
    if forget:
        data["forget"] = True
    result = _keys(key="class_browser_keys", data=data, on_keys_change=_changed,
                   default={"keys": {"learner": None, "teacher": None, "ready": False}})
    keys = result.get("keys") or {}
    ready = bool(keys.get("ready"))
    st.session_state[_SEEN] = ready
    return {"learner": keys.get("learner"), "teacher": keys.get("teacher"), "resume": keys.get("resume"),
            "ready": ready}
