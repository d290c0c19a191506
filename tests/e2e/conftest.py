"""End-to-end fixtures: a real ``streamlit run`` on a free port, driven by headless Chromium.

One server per test session (starting one costs seconds); one page, and so one fresh
Streamlit session, per test, in one browser profile per worker (``shared_context``: the
frontend's scripts compiled once, not once per test; what a test leaves in the origin's
storage is cleared after it). Tests that need storage of their own (a teacher and learners
at once) or a phone's context make their own contexts from ``browser``.  Every test also collects failed HTTP responses
and browser console errors, so a broken media file or a frontend exception fails the test,
and watches the websocket: a message that refers to a cached one (``ref_hash``) fails the
test when it ends, because a browser that has dropped that message dies on it ("Cached
ForwardMsg MISS"), and the app is configured never to send one. The server and browser
helpers live in ``tests/servers.py``, the page driver in ``tests/app_page.py``.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from tests.app_page import AppPage
from tests.servers import CHROMIUM, CHROMIUM_ARGS, chromium_problem, serving


@pytest.fixture(scope="session")
def class_store_url(tmp_path_factory) -> str:
    """The class page's store: a throwaway SQLite file per server (one per xdist worker);
    a test may play the teacher through the store's API with it."""
    return f"sqlite:///{tmp_path_factory.mktemp('class-store') / 'class.sqlite'}"


@pytest.fixture(scope="session")
def app_url(class_store_url):
    with serving(env={"CLASS_STORE_URL": class_store_url}) as url:
        yield url


@pytest.fixture(scope="session")
def playwright():
    """One Playwright per worker (a second one in the same thread refuses to start)."""
    from playwright.sync_api import sync_playwright

    problem = chromium_problem(CHROMIUM)
    if problem:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()


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


@pytest.fixture(scope="session")
def shared_context(playwright, tmp_path_factory):
    """One browser profile per worker (a second Chromium, beside ``browser``) for the
    ``app`` fixture's pages, so that Streamlit's scripts are fetched, parsed and compiled
    once per worker and not once per test: a fresh context (``browser.new_context``) has
    an empty HTTP and code cache, and parsing and compiling the frontend's JavaScript was
    ~1 s of the 4-7 s of CPU a page load costs the browser here (measured: a load in a
    warm profile 3.0-6.5 s of CPU, in a new context 3.9-7.8 s). Each test still gets a
    Streamlit session of its own (a new page is a new websocket), and what a page could
    leave behind for the next (cookies, local storage) is cleared after it; session
    storage is the page's own."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        headless=True, viewport={"width": 1400, "height": 1000}, locale="en-US")
    yield context
    context.close()


#: A phone's window (an iPhone 12-15's CSS pixels).
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def phone_context(browser):
    """One phone (390 × 844, touch, en-US) per worker, shared as ``shared_context`` is:
    a test opens its page in it and closes it with ``close_shared_page``."""
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True)
    yield context
    context.close()


def close_shared_page(page, url: str) -> None:
    """Close a page of the shared profile and clear what the app's origin (``url``) stored
    there (cookies, local storage; not the HTTP cache), so the next test starts clean."""
    context = page.context
    page.close()
    cleaner = context.new_page()  # a live page for the DevTools call (the test's may be gone)
    try:
        context.new_cdp_session(cleaner).send("Storage.clearDataForOrigin", {
            "origin": url.rstrip("/"), "storageTypes": "cookies,local_storage,indexeddb,service_workers"})
    finally:
        cleaner.close()
    context.clear_cookies()


class SharedPage:
    """A page of the shared profile, closed as a context would be (its storage cleared)."""

    def __init__(self, page, app_url: str):
        self.page, self.app_url = page, app_url

    def close(self) -> None:
        close_shared_page(self.page, self.app_url)


def open_shared(context, app_url: str, path: str, query: str, viewport: dict | None = None):
    """``path?query`` in a new page of a shared ``context`` (``shared_context`` or
    ``phone_context``), at ``viewport`` if given; returns what closes it (a
    :class:`SharedPage`) and the :class:`AppPage`."""
    page = context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    app = AppPage(page, app_url)
    app.open(path, query)
    return SharedPage(page, app_url), app


@pytest.fixture
def app(shared_context, app_url, request):
    page = shared_context.new_page()
    app_page = AppPage(page, app_url)
    yield app_page
    keep_evidence(request, app_page)
    close_shared_page(page, app_url)
    assert not app_page.cached_refs, f"the server referred to cached messages {app_page.cached_refs}"
