"""AppTest helpers: run the real entry file, switch to a page, in a chosen language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.visibility import DRAW_ALL

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "streamlit_app.py")


def new_app(timeout: float = 60) -> AppTest:
    """The app, not run yet. It draws every section of a page at once: AppTest has no
    browser to say which sections the learner has come to (``ui.visibility.reached``)."""
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    at.session_state[DRAW_ALL] = True
    return at


def run_page(page: str | None = None, lang: str = "en", timeout: float = 60, **query: str) -> AppTest:
    """Run the app on ``page`` (e.g. ``"app_pages/training.py"``) with URL parameters ``query``."""
    at = new_app(timeout)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def chart_texts(chart) -> set[str]:
    """Every string in a chart's Vega-Lite spec (titles, legend names, colours, ...): the spec
    arrives as JSON with Chinese escaped, so it is searched parsed."""
    def strings(value) -> set[str]:
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            return set().union(*map(strings, value))
        return {value} if isinstance(value, str) else set()

    return strings(json.loads(chart.proto.spec))


def sent_specs(at) -> list[dict]:
    """The specs as the browser receives them. A chart drawn with its data beside the spec
    (``st.vega_lite_chart(frame, spec)``) gets that data as its top-level ``data``."""
    specs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if chart.proto.data.data:
            assert "data" not in spec
            spec["data"] = {"values": []}
        specs.append(spec)
    return specs


def assert_clean(at: AppTest) -> None:
    """No exception element and no error message on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param
