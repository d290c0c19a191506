"""Button callbacks that a newer rerun cannot lose.

Streamlit stops a running script when a newer rerun request arrives (a component's
report, another tab's ping, a second click), at its next yield point, and every read or
write of ``st.session_state`` is one, inside a callback too. Streamlit 1.67 catches that
stop inside the callback, runs the newer request instead, and the click's trigger is not
in it: the press is gone, with nothing on the page to say so. In class mode that was a
Join that did nothing (about one three-learner e2e run in ten: the Join callback started
and a rerun without the trigger began 76 ms later, before it had written anything).

:func:`press` wraps a callback so that its first statement, before any yield point, notes
the press in a plain dict the session keeps (mutating it is not a yield point), and
its last one, after the callback's work, takes the note away. :func:`finish_stopped`,
called early in the page's body, runs again any press whose note is still there: its
callback was stopped halfway. So the actions wrapped must be safe to run twice (the
class store's joins and answers are: the same token, the same answer), and a press is
run again only while it is fresh (:data:`FRESH_FOR` s): a note left by a page the learner
went away from is dropped, not replayed minutes later.

The one window left is before the callback starts (a request that lands between the run's
start and its first callback): microseconds, against the callback's whole duration.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import streamlit as st

#: Session key of the pending presses: {name: (monotonic time, action, args)}.
PENDING = "_presses_pending"
#: A stopped press is run again only this many seconds after it was pressed.
FRESH_FOR = 30.0


def _pending() -> dict:
    return st.session_state.setdefault(PENDING, {})


def _name(action: Callable, args: tuple) -> str:
    """The press's note key: the action and what it acts on (the teacher's buttons share
    one action, ``act``, with different arguments)."""
    return f"{action.__module__}.{action.__qualname__}{args!r}"


def _pressed(box: dict, action: Callable, args: tuple) -> None:
    """The callback Streamlit calls: note, act, then clear the note (no yield around the
    dict's two changes, so a stop can only fall inside ``action``)."""
    name = _name(action, args)
    box[name] = (time.monotonic(), action, args)
    action(*args)
    box.pop(name, None)


def press(action: Callable, *args: Any) -> dict:
    """``on_click``/``args`` for a button (or a form's submit button) whose ``action``
    must run even if a newer rerun stops its callback: ``st.button(..., **press(f, x))``."""
    return {"on_click": _pressed, "args": (_pending(), action, args)}


def finish_stopped() -> list[str]:
    """Run again each fresh press whose callback was stopped; returns their names.

    An action that raises is dropped (with its error on the page, once), not tried on
    every run: a bug must not make the page fail for good."""
    box = _pending()
    done = []
    now = time.monotonic()
    for name, (at, action, args) in list(box.items()):
        if now - at > FRESH_FOR:
            box.pop(name, None)
            continue
        try:
            action(*args)
        except Exception:
            box.pop(name, None)
            raise
        box.pop(name, None)
        done.append(name)
    return done
