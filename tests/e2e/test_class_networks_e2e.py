"""The class's networks on one screen (issue 24), in real browsers.

A teacher (in Chinese) and three learners (English and Chinese), each in a browser
context of their own, on the session's server: the learners join, open the training
page from the class page, the teacher sends an experiment, each learner's page takes it
(its activation and hidden layers change, a notice says so), they train and pause, and
the teacher's gallery shows their three networks, grouped under the experiment's
activation, each with the accuracy and epoch its learner's page shows.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import t
from core.present.labels import activation_name
from tests.app_page import LIVE_VIEW
from tests.e2e.test_class_e2e import join, new_page, start_class

LEARNERS = (("en", "Ada"), ("zh", "李雷"), ("en", "Grace"))
EXPERIMENT = "activation=relu&hidden=3"


def open_training(learner, lang: str) -> None:
    learner.page.get_by_role("link", name=t("class_train_link", lang)).click()
    expect(learner.page.locator(".st-key-trn_class")).to_be_visible()
    learner.wait_drawn()


def send_experiment(teacher, query: str, lang: str) -> None:
    panel = teacher.page.locator(".st-key-class_experiment")
    panel.get_by_text(t("class_experiment_title", lang), exact=True).first.click()
    field = teacher.widget("class_exp_all").locator("input")
    field.fill(query)
    field.press("Enter")
    teacher.wait_idle()
    teacher.widget("class_exp_send").get_by_role("button").click()
    expect(teacher.page.locator(".st-key-class_experiment")).to_contain_text(
        t("class_experiment_now", lang, query=query.replace("activation=relu&hidden=3", "hidden=3&activation=relu")))


def start_playing(learner, lang: str) -> None:
    play = learner.widget("play").get_by_role("button").first
    play.click()
    learner.expect_answer(play, re.compile(f"{t('trn_pause', lang)}$"))


def pause_a_while_later(learner, lang: str) -> tuple[str, str]:
    """Once the network is past epoch 20, pause; (test accuracy, epoch) as shown."""
    play = learner.widget("play").get_by_role("button").first
    learner.wait_live("+v.epoch > 20")
    play.click()
    learner.expect_answer(play, re.compile(f"{t('trn_play', lang)}$"))
    learner.wait_live("v.playing === '0' && +v.queued === 0")
    learner.wait_idle()
    values = learner.page.locator(".st-key-train_metrics [data-testid='stMetricValue']")
    epoch = values.nth(0).inner_text().strip()
    assert epoch == learner.page.locator(LIVE_VIEW).get_attribute("data-epoch") or epoch.replace(",", "") == \
        learner.page.locator(LIVE_VIEW).get_attribute("data-epoch")
    return values.nth(3).inner_text().strip(), epoch


@pytest.mark.long  # a minute or more: started first
def test_the_teacher_sets_the_experiment_and_sees_the_three_networks(browser, app_url):
    lang = "zh"
    teacher = new_page(browser, app_url, 1280, lang)
    learners = [new_page(browser, app_url, 1280, learner_lang) for learner_lang, _ in LEARNERS]
    try:
        code = start_class(teacher, lang)
        for learner, (learner_lang, nickname) in zip(learners, LEARNERS):
            join(learner, code, learner_lang, nickname)
            open_training(learner, learner_lang)
        send_experiment(teacher, EXPERIMENT, lang)
        for learner, (learner_lang, _) in zip(learners, LEARNERS):
            notice = learner.page.locator(".st-key-trn_class")
            expect(notice).to_contain_text("hidden=3&activation=relu", timeout=30_000)
            expect(learner.widget("activation").get_by_role("combobox")).to_have_value(activation_name("relu", learner_lang))
            learner.wait_idle()
        # The three train at once, as a class does.
        for learner, (learner_lang, _) in zip(learners, LEARNERS):
            start_playing(learner, learner_lang)
        shown = [pause_a_while_later(learner, learner_lang) for learner, (learner_lang, _) in zip(learners, LEARNERS)]

        group = teacher.page.locator(".st-key-class_gallery_group_relu")
        expect(group.locator(".class-gallery-item")).to_have_count(len(LEARNERS), timeout=30_000)
        expect(group).to_contain_text(t("class_gallery_group", lang, activation=activation_name("relu", lang),
                                        count=len(LEARNERS), median="")[:-1].rstrip())
        for (_, nickname), (accuracy, epoch) in zip(LEARNERS, shown):
            item = group.locator(".class-gallery-item").filter(has_text=nickname)
            expect(item).to_contain_text(t("class_gallery_net", lang, activation=activation_name("relu", lang),
                                           hidden="3"))
            expect(item).to_contain_text(t("class_gallery_acc", lang, acc=accuracy, epoch=epoch), timeout=15_000)
        # Drawn in the browser: each thumbnail's canvas has its picture.
        drawn = group.locator(".class-gallery-item canvas").evaluate_all(
            "cs => cs.map(c => c.width > 0 && c.getContext('2d').getImageData(c.width / 2, c.height / 2, 1, 1).data[3])")
        assert drawn == [255] * len(LEARNERS), drawn
        # An open board and a learner's class page left alone run no whole-page rerun (the
        # browser's keys, once heard, are not sent again: they were, every 2 s, forever).
        quiet = new_page(browser, app_url, 390, "en")
        join(quiet, code, "en", "Quiet")
        for page in (teacher, quiet):
            page.wait_idle()
        # A report that a busy server's run dropped is sent again every 2 s until a run
        # answers it, by design. Under a CPU hog the quiet page ran twice in the 5 s right
        # after joining (once in three suite runs; which runs was not recorded): the count
        # starts 3 s later, and a failure prints what went over the quiet page's WebSocket.
        teacher.page.wait_for_timeout(3000)
        before = (teacher.whole_runs, quiet.whole_runs)
        quiet.traffic.clear()
        teacher.page.wait_for_timeout(5000)
        # Before the fix: one every 2 s, forever (2 or more in 5 s) on each.
        assert teacher.whole_runs - before[0] <= 1 and quiet.whole_runs - before[1] <= 1, (
            before, teacher.whole_runs, quiet.whole_runs, list(quiet.traffic))
        quiet.page.context.close()
        # One of them on the big screen: large, with no name.
        teacher.select_option("class_gallery_big", t("class_learner_label", lang, n=2))
        big = teacher.page.locator(".st-key-class_gallery_big_view .class-gallery-item")
        expect(big).to_have_count(1)
        expect(big).to_contain_text(t("class_gallery_big_title", lang))
        expect(big).not_to_contain_text(LEARNERS[1][1])
        assert big.locator("canvas").evaluate("c => c.getBoundingClientRect().width") > 300
        # Then drawn from the network the learner's (paused) page sends, read as a network
        # file: the stand-in's line goes, and the picture is no longer the 32 × 32 report's.
        view = teacher.page.locator(".st-key-class_gallery_big_view")
        expect(view).not_to_contain_text(t("class_gallery_big_waiting", lang), timeout=20_000)
        expect(view.locator("[data-testid='stAlert']")).to_have_count(0)
        # The board with its gallery, and a learner's page with the teacher's notice, pass axe.
        from tests.e2e.test_accessibility_e2e import BLOCKING, violations

        for page in (teacher, learners[1]):
            page.page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
            found = [v for v in violations(page) if v["impact"] in BLOCKING]
            assert not found, found
        for page in (teacher, *learners):
            assert page.error_elements() == 0
            assert not page.console_errors, page.console_errors
    finally:
        for page in (teacher, *learners):
            page.page.context.close()
