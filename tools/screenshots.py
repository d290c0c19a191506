"""Take screenshots of every page, in both languages and in a phone-width window.

    python tools/screenshots.py              # -> screenshots/<page>-<lang>[-narrow].png
    python tools/screenshots.py --readme     # also refresh docs/screenshot.png

Uses the same server start-up and Chromium flags as the end-to-end tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.state.pages import PAGES  # noqa: E402
from tests.app_page import AppPage  # noqa: E402
from tests.servers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_streamlit,
    stop_streamlit,
    wait_healthy,
)



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", action="store_true", help="also write docs/screenshot.png")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    port = free_port()
    # The class page's store: a throwaway file, not the app's data/class.sqlite.
    store = tempfile.mkdtemp(prefix="class-store-")
    server = start_streamlit(port, env={"CLASS_STORE_URL": f"sqlite:///{store}/class.sqlite"})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in ((page.name, page.url_path) for page in PAGES):
                for lang in ("en", "zh"):
                    for width, suffix in ((1400, ""), (390, "-narrow")):
                        context = browser.new_context(viewport={"width": width, "height": 900})
                        app = AppPage(context.new_page(), url)
                        app.open(path, f"lang={lang}")
                        app.page.wait_for_timeout(1500)  # let charts finish drawing
                        target = out / f"{name}-{lang}{suffix}.png"
                        app.page.screenshot(path=str(target), full_page=True)
                        print(target)
                        context.close()
            if args.readme:
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                app = AppPage(context.new_page(), url)
                app.open("training", "lang=en")
                app.widget("play").get_by_role("button").first.click()
                app.page.mouse.move(5, 890)  # no tooltip over the picture
                app.page.wait_for_timeout(2500)
                app.page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
                context.close()
            browser.close()
    finally:
        stop_streamlit(server)
        shutil.rmtree(store, ignore_errors=True)


if __name__ == "__main__":
    main()
