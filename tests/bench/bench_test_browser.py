"""Which Chromium should the end-to-end tests drive? (a script, not a test)

The e2e suite is bound by the browser's CPU, so this loads the app's pages the way the
tests do (one persistent profile, a new page per load, each page to its main picture)
in two browsers, back to back in the same run, and prints for each: the median wall
time of a load and the CPU seconds the browser's processes spent per load (psutil,
the whole process tree), with the ratio of the second to the first.

The peers: Debian's ``chromium`` (the full browser in its new headless mode) and
Debian's ``chromium-headless-shell`` (the old headless shell: the same Blink and V8,
without the browser's UI layers), which is what Playwright itself runs for headless.

Usage: ``python tests/bench/bench_test_browser.py [--rounds 3]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.servers import CHROMIUM_ARGS, serving  # noqa: E402

#: Each page and the element that says its main picture is drawn.
PAGES = {
    "home": ".st-key-lesson_station",
    "collapse": "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg",
    "activations": "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg",
    "feature-map": ".st-key-fm_stage_3 [data-testid='stImage'] img",
    "training": ".st-key-trn_live .trn-live",
}
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"


def tree_cpu(proc: psutil.Process) -> float:
    """User + system CPU seconds of a process and all its children (the renderers, the GPU process)."""
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def processes_named(name: str) -> set[int]:
    """Pids of the running processes whose executable is called ``name``."""
    return {p.pid for p in psutil.process_iter(["exe"]) if p.info["exe"] and Path(p.info["exe"]).name == name}


def measure(executable: str, url: str, rounds: int) -> tuple[list[float], list[float]]:
    """Walls and CPU seconds per page load, every page ``rounds`` times, in one profile."""
    from playwright.sync_api import sync_playwright

    walls, cpus = [], []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        name = Path(executable).resolve().name
        before = processes_named(name)
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        # The browser's root: a new process of this executable whose parent is not one.
        new = processes_named(name) - before
        proc = next(psutil.Process(pid) for pid in new if psutil.Process(pid).ppid() not in new)
        # A first load compiles the frontend's scripts into the profile's code cache, as a
        # worker's first test does; it is not counted.
        warm = context.new_page()
        warm.goto(f"{url}/")
        warm.wait_for_selector(CONNECTED, timeout=60_000)
        warm.close()
        for _ in range(rounds):
            for page_name, drawn in PAGES.items():
                cpu0, t0 = tree_cpu(proc), time.perf_counter()
                page = context.new_page()
                page.goto(f"{url}/{'' if page_name == 'home' else page_name}")
                page.wait_for_selector(CONNECTED, timeout=60_000)
                page.locator(drawn).first.wait_for(timeout=60_000)
                walls.append(time.perf_counter() - t0)
                page.close()
                cpus.append(tree_cpu(proc) - cpu0)
        context.close()
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    peers = [("chromium (new headless)", shutil.which("chromium")),
             ("chromium-headless-shell", shutil.which("chromium-headless-shell"))]
    missing = [name for name, path in peers if not path]
    if missing:
        sys.exit(f"not installed: {', '.join(missing)} (apt-get install -y chromium chromium-headless-shell)")
    with serving() as url:
        results = {}
        # Twice each, alternating, so that a noisy minute does not favour one browser.
        for _ in range(2):
            for name, path in peers:
                walls, cpus = measure(path, url, args.rounds)
                results.setdefault(name, ([], []))
                results[name][0].extend(walls)
                results[name][1].extend(cpus)
    base = None
    print(f"{'browser':26} {'loads':>5} {'wall s (median)':>16} {'browser CPU s/load (median)':>28}")
    for name, (walls, cpus) in results.items():
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        ratio = "" if base is None else f"   x{wall / base[0]:.2f} wall, x{cpu / base[1]:.2f} CPU"
        base = base or (wall, cpu)
        print(f"{name:26} {len(walls):5d} {wall:16.2f} {cpu:28.2f}{ratio}")


if __name__ == "__main__":
    main()
