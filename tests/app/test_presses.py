"""A press whose callback a newer rerun stops halfway is not lost (``ui.presses``).

Streamlit stops a callback by raising ``RerunException`` from a read or write of
``st.session_state`` when a newer rerun request is waiting; the page below raises it
itself, at the same place, the first time its action runs (what a browser's report
landing mid-callback does), so the test does not depend on timing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def page(wrapped: bool) -> None:
    import streamlit as st
    from streamlit.runtime.scriptrunner import RerunData, RerunException

    from ui.presses import finish_stopped, press

    ss = st.session_state
    calls = ss.setdefault("calls", [])  # a plain list: appending is not a yield point

    def send(answer: str) -> None:
        calls.append(answer)
        if len(calls) == 1:  # a newer request was waiting: stopped at this session-state write
            raise RerunException(RerunData())
        ss["sent"] = answer

    if wrapped:
        finish_stopped()
        st.button("Send", key="send", **press(send, "b"))
    else:
        st.button("Send", key="send", on_click=send, args=("b",))
    st.text(f"sent: {ss.get('sent')}")


def run_and_press(wrapped: bool) -> AppTest:
    at = AppTest.from_function(page, args=(wrapped,), default_timeout=30)
    at.run()
    at.button(key="send").click().run()
    return at


def test_a_stopped_press_is_finished_by_the_next_run():
    at = run_and_press(wrapped=True)
    assert not at.exception
    assert at.text[0].value == "sent: b"
    assert at.session_state["calls"] == ["b", "b"]  # stopped once, run again once
    at.run()  # and not again
    assert at.session_state["calls"] == ["b", "b"]


def test_without_the_wrapper_the_stopped_press_is_lost():
    """The reference: Streamlit itself drops the stopped callback's work (so the test above
    checks ``ui.presses``, not Streamlit)."""
    at = run_and_press(wrapped=False)
    assert at.text[0].value == "sent: None"
    assert at.session_state["calls"] == ["b"]


def test_a_press_that_fails_is_dropped_not_retried_on_every_run():
    def failing_page() -> None:
        import streamlit as st
        from streamlit.runtime.scriptrunner import RerunData, RerunException

        from ui.presses import finish_stopped, press

        calls = st.session_state.setdefault("calls", [])

        def send() -> None:
            calls.append(1)
            if len(calls) == 1:
                raise RerunException(RerunData())
            raise ValueError("a bug in the action")

        finish_stopped()
        st.button("Send", key="send", **press(send))

    at = AppTest.from_function(failing_page, default_timeout=30)
    at.run()
    at.button(key="send").click().run()
    assert at.exception  # shown once
    at.run()
    assert not at.exception
    assert at.session_state["calls"] == [1, 1]


@pytest.mark.parametrize("age, replayed", [(5.0, True), (60.0, False)])
def test_only_a_fresh_press_is_run_again(monkeypatch, age, replayed):
    """A note left by a page the learner went away from is dropped, not replayed later."""
    from ui import presses

    ran = []
    box = {}
    now = 1000.0
    monkeypatch.setattr(presses.time, "monotonic", lambda: now)
    monkeypatch.setattr(presses, "_pending", lambda: box)
    box["x"] = (now - age, ran.append, ("answer",))
    assert presses.finish_stopped() == (["x"] if replayed else [])
    assert ran == (["answer"] if replayed else [])
    assert box == {}
