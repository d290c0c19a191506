"""End-to-end fixtures: a real ``streamlit run`` on a free port, driven by headless Chromium.

One server per test session (starting one costs seconds); one fresh browser context, and
so one fresh Streamlit session, per test.  Every test also collects failed HTTP responses
and browser console errors, so a broken media file or a frontend exception fails the test,
and watches the websocket: a message that refers to a cached one (``ref_hash``) fails the
test when it ends, because a browser that has dropped that message dies on it ("Cached
ForwardMsg MISS"), and the app is configured never to send one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
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


def start_streamlit(port: int, *extra: str, cwd: Path = ROOT) -> subprocess.Popen:
    """Start the app the way a learner would, headless, on ``port`` (``extra``: more
    ``--option value`` pairs; ``cwd``: another checkout of the app)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra,
    ]
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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
def app_url():
    port = free_port()
    proc = start_streamlit(port)
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
        """Wait until the script has finished its run (fragments may still tick).

        A rerun starts a moment after the click that caused it, so give it that moment
        before asking whether the script is still running.
        """
        self.page.wait_for_timeout(250)
        self.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
        self.page.wait_for_timeout(150)

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


@pytest.fixture
def app(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    app_page = AppPage(page, app_url)
    yield app_page
    context.close()
    assert not app_page.cached_refs, f"the server referred to cached messages {app_page.cached_refs}"
