"""Two replicas behind nginx (``deploy/run_replicas.sh``): two learners, no cross-talk.

Each browser is pinned to one replica by a cookie; its page, its WebSocket and
everything else it asks for must reach that replica, while the two learners train
their own networks, in their own languages, without an error. A class spans the
replicas through its store: a teacher on one, learners on the other, and answers meet.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time

import pytest
from playwright.sync_api import expect

from core.i18n import t
from tests.app_page import AppPage
from tests.e2e.test_class_e2e import join
from tests.servers import ROOT, free_port, popen_logged, wait_healthy

#: A module with servers of its own, a minute or more in all: started first (tests/conftest.py).
pytestmark = pytest.mark.long

LIVE = ".st-key-trn_live .trn-live"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if shutil.which("nginx") is None:
        pytest.fail("nginx not found: install Debian's nginx (the README's test command does)")
    run_dir = tmp_path_factory.mktemp("replicas")
    port = free_port()
    # Both replicas share one throwaway class store (SQLite in WAL mode, as on one machine).
    store = f"sqlite:///{run_dir / 'class.sqlite'}"
    proc = popen_logged(["bash", "deploy/run_replicas.sh", "2", str(port)], cwd=ROOT,
                        env={**os.environ, "RUN_DIR": str(run_dir), "CLASS_STORE_URL": store},
                        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=180)
        yield url, run_dir
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        proc.log.close()


def play_button(app):
    return app.widget("play").get_by_role("button").first


def test_two_learners_through_the_proxy(browser, proxy):
    url, run_dir = proxy
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        a, b = (AppPage(c.new_page(), url) for c in contexts)
        a.open("training", "lang=en&dataset=xor&activation=relu")
        b.open("training", "lang=zh&dataset=moons&activation=tanh")
        replicas = [{c["name"]: c["value"] for c in ctx.cookies()}.get("app_replica") for ctx in contexts]
        assert sorted(replicas) == ["r1", "r2"], replicas  # one learner on each replica
        for learner, label in ((a, "Pause"), (b, t("trn_pause", "zh"))):
            play_button(learner).click()
            expect(play_button(learner)).to_have_text(re.compile(f"{label}$"), timeout=30_000)
        for learner in (a, b):
            learner.wait_live("+v.epoch > 20")
        for learner, label in ((a, "Play"), (b, t("trn_play", "zh"))):
            play_button(learner).click()
            expect(play_button(learner)).to_have_text(re.compile(f"{label}$"), timeout=30_000)
            learner.wait_idle()
        expect(a.widget("dataset").get_by_role("combobox")).to_have_value(t("trn_ds_xor", "en"))
        expect(b.widget("dataset").get_by_role("combobox")).to_have_value(t("trn_ds_moons", "zh"))
        expect(a.widget("activation").get_by_role("combobox")).to_have_value("ReLU")
        expect(b.widget("activation").get_by_role("combobox")).to_have_value("Tanh")
        for learner in (a, b):
            assert learner.connection_state() == "CONNECTED"
            assert learner.page.locator("[role='dialog']").count() == 0
            assert learner.error_elements() == 0
            assert not learner.console_errors, learner.console_errors
            assert not learner.cached_refs
    finally:
        for c in contexts:
            c.close()
    # Every request that carried a replica's cookie was served by that replica. (nginx
    # writes a WebSocket's line when it closes: give it a moment after the tabs close.)
    stream = re.compile(r'"GET /_stcore/stream[^"]*" \d+ upstream=(\S+) cookie=(r\d)')
    deadline = time.monotonic() + 15
    while len(stream.findall(log := (run_dir / "nginx-access.log").read_text())) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    conf = (run_dir / "nginx.conf").read_text()
    address = dict(re.findall(r"^\s+(r\d) (127\.0\.0\.1:\d+);$", conf, flags=re.M))
    pinned = re.findall(r"upstream=(\S+) cookie=(r\d)", log)
    streams = stream.findall(log)
    assert len(streams) >= 2 and {c for _, c in streams} == {"r1", "r2"}
    assert pinned and all(up == address[name] for up, name in pinned), pinned[:5]


def pinned(browser, url: str, replica: str, width: int) -> AppPage:
    """A browser context whose requests all go to ``replica`` (its nginx cookie, set first)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "app_replica", "value": replica, "url": url}])
    return AppPage(context.new_page(), url)


def test_a_class_spans_the_replicas(browser, proxy):
    url, _ = proxy
    teacher = pinned(browser, url, "r1", 1280)
    learners = [pinned(browser, url, "r2", 390) for _ in range(3)]
    try:
        teacher.open("class", "lang=en")
        teacher.page.locator(".st-key-class_start").get_by_role("button", name=t("class_start", "en")).click()
        expect(teacher.page.locator(".class-code")).to_have_text(re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}$"))
        code = teacher.page.locator(".class-code").inner_text().replace("-", "")
        for learner in learners:
            join(learner, code, "zh")  # as the class tests join (a Join that went nowhere is pressed again)
        teacher.page.locator(".st-key-class_open_step").get_by_role("button").click()  # step 1: a guess
        for learner in learners:
            expect(learner.page.locator(".st-key-class_send")).to_be_visible(timeout=10_000)
            learner.page.locator(".st-key-class_send").get_by_role("button").click()
            expect(learner.page.locator("[data-testid='stAlertContentSuccess']")).to_be_visible()
        board = teacher.page.locator(".st-key-class_board")
        expect(board.locator("[data-testid='stMetricValue']").nth(1)).to_have_text("3", timeout=10_000)
        expect(teacher.page.locator(".st-key-class_bars")).to_contain_text("50%: 3 (100%)")
        cookies = {page.page.context.cookies()[0]["value"] for page in learners}
        assert cookies == {"r2"} and teacher.page.context.cookies()[0]["value"] == "r1"
        for page in (teacher, *learners):
            assert page.error_elements() == 0
            assert not page.console_errors, page.console_errors
    finally:
        for page in (teacher, *learners):
            page.page.context.close()
