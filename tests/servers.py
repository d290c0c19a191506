"""The app's server and the test browser, for the end-to-end tests, the benchmarks and
``tools/screenshots.py``: find a Chromium, start ``streamlit run`` on a free port, wait
until it is healthy, stop it. No pytest here: scripts import it too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
    that the error names it), Debian's ``chromium-headless-shell``, the system's Chromium
    (Debian's ``chromium`` on the PATH),
    Playwright's own. Playwright is asked last because asking starts its driver (about a second).
    """
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    # Debian's old headless shell first: the same Blink and V8 without the browser's UI
    # layers, half the CPU per page load of the full browser in its new headless mode
    # (tests/bench/bench_test_browser.py: 0.29 s against 0.59 s), on a suite bound by the
    # browser's CPU. It is what Playwright itself runs for headless.
    shell = shutil.which("chromium-headless-shell")
    if shell:
        return shell
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
#: What Streamlit Community Cloud sets for every app, whatever ``config.toml`` says.
CLOUD_OVERRIDES = ("--server.runOnSave", "true", "--runner.fastReruns", "true",
                   "--client.showErrorDetails", "false", "--server.enableXsrfProtection", "true")

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


def start_streamlit(port: int, *extra: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the app the way a learner would, headless, on ``port`` (``extra``: more
    ``--option value`` pairs; ``cwd``: another checkout of the app; ``env``: variables
    added to this process's environment)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra,
    ]
    return popen_logged(cmd, cwd=cwd, env={**os.environ, **env} if env else None)


def popen_logged(cmd: list[str], **kwargs) -> subprocess.Popen:
    """``subprocess.Popen(cmd, **kwargs)``, its stdout discarded and its stderr in a
    temporary file (``proc.log``, read by :func:`server_log`, closed by its owner): not a
    pipe, which nobody reads here and which blocks a server once 64 KB are in it (every
    thread that logs, the script runs among them)."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - open while the process runs
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, **kwargs)
    proc.log = log
    return proc


#: The servers this process started and has not stopped, by URL: a failed wait on a page
#: prints what its server said (``server_said``).
RUNNING: dict[str, subprocess.Popen] = {}


def server_log(proc: subprocess.Popen, last: int = 4000) -> str:
    """The last ``last`` characters the server wrote to stderr (see :func:`start_streamlit`)."""
    log = getattr(proc, "log", None)
    if log is None or log.closed:
        return ""
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")[-last:]


def server_said(url: str) -> str:
    """What the running server at ``url`` (or the one whose URL starts it) wrote to stderr."""
    for base, proc in RUNNING.items():
        if url.startswith(base):
            return server_log(proc)
    return ""


def stop_streamlit(proc: subprocess.Popen) -> None:
    """Stop the server and close its pipe (an open pipe is a ResourceWarning later)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    proc.log.close()


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {server_log(proc)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@contextlib.contextmanager
def serving(*extra: str, env: dict[str, str] | None = None):
    """The app on a free port (``extra``, ``env``: as :func:`start_streamlit`), healthy;
    yields its URL and stops it afterwards."""
    port = free_port()
    proc = start_streamlit(port, *extra, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        RUNNING[url] = proc
        yield url
    finally:
        RUNNING.pop(url, None)
        stop_streamlit(proc)
