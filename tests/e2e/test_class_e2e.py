"""A class together (issue 22), in real browsers against the session's server.

One teacher and three learners, each in a browser context of their own (their own
localStorage, their own Streamlit session), meet in the server's throwaway class store
(``CLASS_STORE_URL``, set by ``app_url``): the teacher starts a class, the learners open
the join link, the teacher opens a step, the learners answer, and the board counts
exactly what they chose; the reveal reaches every learner. A learner who reloads stays
the same learner (the token kept in localStorage), and a teacher who reloads gets the
class back without any secret in the address bar. The quiz before and after, taken by
the three, gives the gain the teacher's table and CSV report. Three is the fewest the
board shows a distribution for (``tests/app/test_classroom_page.py`` checks fewer), and
each learner is a browser of their own, the suite's largest CPU cost: five, until
2026-12-03, checked nothing three do not.
"""

from __future__ import annotations

import csv
import re

import pytest
from playwright.sync_api import expect

from core.guide import path as lp
from core.i18n import t
from tests.app_page import AppPage
from ui import classroom_store as cs

CODE = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")


def new_page(browser, app_url: str, width: int, lang: str) -> AppPage:
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                  locale="zh-CN" if lang == "zh" else "en-US")
    return AppPage(context.new_page(), app_url)


def board_text(teacher: AppPage):
    return teacher.page.locator(".st-key-class_board")


def metric(teacher: AppPage, i: int):
    return board_text(teacher).locator("[data-testid='stMetricValue']").nth(i)


def start_class(teacher: AppPage, lang: str) -> str:
    teacher.open("class", f"lang={lang}")
    teacher.page.locator(".st-key-class_start").get_by_role("button", name=t("class_start", lang)).click()
    code = teacher.page.locator(".class-code")
    expect(code).to_have_text(CODE)
    return code.inner_text().replace("-", "")


def join(learner: AppPage, code: str, lang: str, nickname: str = "") -> None:
    learner.open("class", f"join={code}&lang={lang}")
    expect(learner.page.locator(".st-key-class_link_code")).to_contain_text(f"{code[:4]}-{code[4:]}")
    if nickname:
        learner.widget("class_nickname").locator("input").fill(nickname)
    join_button = learner.page.locator(".st-key-class_join").get_by_role("button", name=t("class_join_button", lang))
    join_button.click()
    follow = learner.page.locator(".st-key-class_follow")
    try:
        expect(follow).to_contain_text(t("class_wait", lang))
    except AssertionError:
        # A Join that went nowhere (the page on the entry, no message) was seen in ~1 of
        # 10-15 runs: a newer rerun request stopped the Join's callback before it wrote
        # anything. ui/presses.py now runs such a press again; the page's log (inputs and
        # runs) is printed if it happens again.
        print(f"Join went nowhere; the page's log: {learner.page.evaluate('window.__runs.log')}")
        raise


#: Three learners: their languages, nicknames (the third has none), and per step the
#: option each sends last (an option no one chose is counted too, as 0).
LANGS = ("en", "zh", "en")
NICKNAMES = ("Ada", "李雷", "")
STEP_CHOICES = {"stack": ("line", "bend", "line"), "bend": ("better", "same", "better")}


def open_step(teacher: AppPage, step: str, lang: str) -> None:
    number = lp.STEP_KEYS.index(step) + 1
    teacher.page.locator(".st-key-class_step_pick").get_by_role("combobox").click()
    teacher.page.get_by_role("option", name=f"{number}. {t(f'lesson_{step}_title', lang)}").click()
    teacher.page.locator(".st-key-class_open_step").get_by_role("button").click()


def send_choice(learner: AppPage, step: str, option: str, lang: str) -> None:
    # The learner's page follows the teacher by itself (within two seconds).
    question = learner.page.locator(f".st-key-class_q_{step}")
    expect(question).to_be_visible()
    label = t(f"lesson_{step}_opt_{option}", lang, **dict(lp.reveal(step).values))
    question.get_by_text(label, exact=True).click()
    chosen = question.get_by_role("radio", name=label, exact=True)
    try:
        expect(chosen).to_be_checked(timeout=5_000)
    except AssertionError:
        # Under a CPU hog, once in ~10 runs, the click on a question that had just appeared
        # left no option marked (Send then asked to choose first); cause not found (see the
        # closing note of 2026-12-03). A learner sees nothing marked and taps it again.
        question.get_by_text(label, exact=True).click()
        expect(chosen).to_be_checked()
    learner.page.locator(".st-key-class_send").get_by_role("button").click()
    expect(learner.page.locator(".st-key-class_follow")).to_contain_text(t("class_your_answer", lang, answer=label))


def class_step(teacher: AppPage, learners: list[AppPage], step: str, lang: str) -> None:
    """The teacher opens ``step``; the learners answer (the third first sends another
    option, then changes it: the last counts); the board counts them; the reveal reaches all."""
    open_step(teacher, step, lang)
    chosen = STEP_CHOICES[step]
    options = lp.STEPS_BY_KEY[step].question.options
    send_choice(learners[2], step, next(o for o in options if o != chosen[2]), LANGS[2])
    for learner, learner_lang, option in zip(learners, LANGS, chosen):
        send_choice(learner, step, option, learner_lang)
    expect(metric(teacher, 1)).to_have_text(str(len(learners)))
    bars = teacher.page.locator(".st-key-class_bars")
    for option in options:
        label = t(f"lesson_{step}_opt_{option}", lang, **dict(lp.reveal(step).values))
        count = chosen.count(option)
        expect(bars).to_contain_text(t("class_bar", lang, label=label, count=count, share=count / len(chosen)))
    teacher.page.locator(".st-key-class_reveal").get_by_role("button").click()
    expect(bars).to_contain_text(t("class_right_mark", lang))
    truth = lp.reveal(step).truth
    for learner, learner_lang, option in zip(learners, LANGS, chosen):
        verdict = t("lesson_right" if option == truth else "lesson_wrong", learner_lang)
        expect(learner.page.locator(".st-key-class_reveal_box")).to_contain_text(verdict)


@pytest.mark.long  # a minute or more: started first
def test_a_teacher_and_three_learners_through_two_steps_and_the_quiz(browser, app_url):
    """Issue 22's class: one teacher (in Chinese) and three learners (English and Chinese,
    phones) through two steps and the quiz before and after; the board's counts, the gain
    and the CSV are what the learners entered."""
    lang = "zh"
    teacher = new_page(browser, app_url, 1280, lang)
    learners = [new_page(browser, app_url, 390, learner_lang) for learner_lang in LANGS]
    pages = [teacher, *learners]
    try:
        code = start_class(teacher, lang)
        assert "secret" not in teacher.page.url and len(teacher.page.url) < 80
        # The join link on the board is the one the learners open.
        expect(teacher.page.get_by_text(f"/class?join={code}")).to_be_visible()
        for learner, learner_lang, nickname in zip(learners, LANGS, NICKNAMES):
            join(learner, code, learner_lang, nickname)
        expect(metric(teacher, 0)).to_have_text(str(len(learners)))
        for step in STEP_CHOICES:
            class_step(teacher, learners, step, lang)

        # A reload keeps the learner (their token is in localStorage): still three joined.
        learners[0].page.reload()
        expect(learners[0].page.locator(".st-key-class_follow")).to_contain_text("Ada")
        # A reload keeps the teacher (the secret is in localStorage, not in the URL).
        teacher.page.reload()
        # expect_answer: a reload left on the entry page (seen twice under load, cause not
        # yet found) fails with what went over the WebSocket (the keys' report, the runs)
        teacher.expect_answer(teacher.page.locator(".class-code"), f"{code[:4]}-{code[4:]}")
        expect(metric(teacher, 0)).to_have_text(str(len(learners)))

        right = {q.key: q.answer for q in lp.QUIZ}
        wrong = {q.key: next(o for o in q.options if o != q.answer) for q in lp.QUIZ}
        before = (right, wrong, wrong)  # 1 of 3 right before
        after = (right, right, wrong)  # 2 of 3 right after
        for phase, chosen in (("pre", before), ("post", after)):
            teacher.page.locator(f".st-key-class_open_{phase}").get_by_role("button").click()
            for learner, learner_lang, answers in zip(learners, LANGS, chosen):
                answer_quiz(learner, phase, learner_lang, answers)
        pre = 100 * before.count(right) / len(learners)
        post = 100 * after.count(right) / len(learners)
        gain = f"{(post - pre) / (100 - pre):.2f}"
        results = teacher.page.locator(".st-key-class_results")
        expect(results).to_contain_text(t("class_gain_overall", lang, pre=f"{pre:.0f}%", post=f"{post:.0f}%",
                                          gain=gain, n=len(learners)))
        table = results.locator("table")
        expect(table.locator("tbody tr")).to_have_count(len(lp.QUIZ))
        for row in range(len(lp.QUIZ)):
            expect(table.locator("tbody tr").nth(row)).to_contain_text(f"{pre:.0f}%{post:.0f}%{gain}")
        with teacher.page.expect_download() as download:
            teacher.page.locator(".st-key-class_csv").get_by_role("button").click()
        with open(download.value.path(), encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        steps = [r for r in rows if r["phase"] == "step"]
        assert len(rows) - len(steps) == 2 * len(learners) * len(lp.QUIZ)  # phase × learner × question
        # One row per learner and step: the answer they sent last (learners are numbered as they joined).
        assert sorted((r["learner"], r["question"], r["option"]) for r in steps) == sorted(
            (str(i + 1), step, chosen[i]) for step, chosen in STEP_CHOICES.items() for i in range(len(learners)))
        assert sum(r["correct"] == "1" for r in rows if r["phase"] == "pre") == before.count(right) * len(lp.QUIZ)
        assert sum(r["correct"] == "1" for r in rows if r["phase"] == "post") == after.count(right) * len(lp.QUIZ)
        assert "nickname" not in rows[0]  # nicknames only when the teacher asks
        for page in pages:
            assert page.error_elements() == 0
            assert not page.console_errors, page.console_errors
    finally:
        for page in pages:
            page.page.context.close()


#: A click at 0, then ``window.__afterInput`` asked to send a report: once while the
#: click's run is still going (the page says "running" until 1.5 s), once on a quiet page.
REPORT_AFTER_A_CLICK = """async () => {
  const app = document.querySelector("[data-testid='stApp']");
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const click = () => document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
  const sent = [];
  // The page's own runs redraw the attribute: it is put back until the run "ends".
  const STATE = "data-test-script-state";
  const hold = new MutationObserver(() => {
    if (app.getAttribute(STATE) !== "running") app.setAttribute(STATE, "running");
  });
  hold.observe(app, { attributes: true, attributeFilter: [STATE] });
  let start = performance.now();
  click();
  app.setAttribute(STATE, "running");
  window.__afterInput(() => sent.push(["busy", performance.now() - start]));
  await sleep(1500);
  hold.disconnect();
  app.setAttribute(STATE, "notRunning");
  await sleep(500);
  start = performance.now();
  click();
  window.__afterInput(() => sent.push(["quiet", performance.now() - start]));
  await sleep(1200);
  return sent;
}"""


def test_a_report_waits_for_the_run_of_the_learners_click(browser, app_url):
    """The browser's reports (keys, visible sections) rerun the page; one that came while
    a click's callback was running stopped it, and the click was lost (CI: Join with a
    wrong code, no message). A report waits until 0.6 s after the click and no run is
    going on."""
    learner = new_page(browser, app_url, 1280, "en")
    try:
        learner.open("class", "lang=en")
        learner.page.wait_for_function("() => !!window.__afterInput")
        sent = dict(learner.page.evaluate(REPORT_AFTER_A_CLICK))
        assert sent["busy"] >= 1500  # not while the click's run was going
        assert 600 <= sent["quiet"]  # a quiet page: 0.6 s after the click
    finally:
        learner.page.context.close()


def test_a_bad_code_says_so_in_the_learners_language(browser, app_url):
    learner = new_page(browser, app_url, 390, "zh")
    try:
        learner.open("class", "lang=zh")
        learner.widget("class_code").locator("input").fill("ZZZZ-ZZZZ")
        learner.page.locator(".st-key-class_join").get_by_role("button", name=t("class_join_button", "zh")).click()
        expect(learner.page.locator("[data-testid='stAlertContentError']")).to_contain_text(
            t("class_error_unknown_class", "zh"))
        expect(learner.widget("class_start")).to_be_visible()  # the page keeps working
    finally:
        learner.page.context.close()


def test_a_send_on_the_question_the_teacher_just_left_says_it_came_too_late(browser, app_url, class_store_url):
    """The learner presses Send on a question the teacher has just moved on from (the
    page has not followed yet): the answer is not counted, and the new question says so
    until it is answered (whether the store refused it, or the page had already moved)."""
    from sqlalchemy import create_engine

    from core.classroom import store, teacher
    from core.classroom.results import board
    from core.classroom.schema import ensure_schema, prepare_engine

    engine = prepare_engine(create_engine(class_store_url))
    ensure_schema(engine)
    made = store.create_class(engine)
    learner = new_page(browser, app_url, 390, "zh")
    try:
        join(learner, made.code, "zh")
        teacher.open_step(engine, made.code, made.secret, "stack")
        question = learner.widget("class_q_stack")
        question.get_by_text(t("lesson_stack_opt_loop", "zh"), exact=True).click()
        teacher.open_step(engine, made.code, made.secret, "bend")
        learner.page.locator(".st-key-class_send button").click()
        follow = learner.page.locator(".st-key-class_follow")
        expect(follow).to_contain_text(t("class_sent_too_late", "zh"))
        expect(learner.widget("class_q_bend")).to_be_visible()
        learner.page.wait_for_timeout(2_000)  # a follow tick later, it is still there
        expect(follow).to_contain_text(t("class_sent_too_late", "zh"))
        assert board(engine, made.code, made.secret, "step", "stack").answered == 0
    finally:
        learner.page.context.close()
        engine.dispose()


def answer_quiz(learner: AppPage, phase: str, lang: str, chosen: dict[str, str]) -> None:
    """Answer every question of the open quiz (options found by their text: each learner
    sees them in an order of their own) and send."""
    values = lp.quiz_values()
    expect(learner.page.locator(".st-key-class_follow")).to_contain_text(t(f"class_quiz_title_{phase}", lang))
    # Each question found by its own key (class_quiz_<phase>_<question>): while the run
    # that opened the second quiz is still going, the first quiz's radios are still on the
    # page (Streamlit keeps a run's elements until the next run replaces them), and
    # clicks on them were lost ("6 of 8 answered", seen once under load).
    for q in lp.QUIZ:
        label = t(f"lesson_quiz_{q.key}_{chosen[q.key]}", lang, **values)
        learner.widget(f"class_quiz_{phase}_{q.key}").get_by_text(label, exact=True).click()
    learner.page.locator(".st-key-class_follow [data-testid$='FormSubmit']").click()
    expect(learner.page.locator(".st-key-class_follow")).to_contain_text(
        t("class_quiz_sent", lang, n=len(lp.QUIZ), total=len(lp.QUIZ)))


def test_a_private_resume_link_opens_the_class_on_another_device(browser, app_url):
    teacher = new_page(browser, app_url, 1280, "en")
    other = new_page(browser, app_url, 1280, "zh")
    try:
        code = start_class(teacher, "en")
        teacher.page.locator(".st-key-class_resume_panel summary").click()
        teacher.page.locator(".st-key-class_show_key").get_by_text(t("class_show_key", "en")).click()
        link = teacher.page.locator(".st-key-class_resume_link code").inner_text().strip()
        path, _, secret = link.partition("#resume=")
        assert path.endswith("/class") and len(secret) >= 40
        # The other device opens the link: the class, and no secret left in the address bar.
        other.page.goto(link)
        expect(other.page.locator(".class-code")).to_have_text(f"{code[:4]}-{code[4:]}")
        assert secret not in other.page.url and "#resume" not in other.page.url
        # That browser now keeps the class: a reload resumes it without the link. The run
        # that draws the class also hands the secret to the keys' component, which stores
        # it when its code runs: a reload before that finds nothing kept (the entry page,
        # seen once under load). The test waits for the browser to hold the secret first.
        other.page.wait_for_function(f"() => localStorage.getItem('{cs.TEACHER_ITEM}') === '{secret}'")
        other.page.reload()
        other.expect_answer(other.page.locator(".class-code"), f"{code[:4]}-{code[4:]}")
        assert other.error_elements() == 0 and not other.console_errors, other.console_errors
    finally:
        teacher.page.context.close()
        other.page.context.close()


def test_the_board_and_a_learners_page_pass_axe(browser, app_url):
    from tests.e2e.test_accessibility_e2e import BLOCKING, violations

    teacher = new_page(browser, app_url, 1280, "zh")
    learner = new_page(browser, app_url, 390, "zh")
    try:
        code = start_class(teacher, "zh")
        join(learner, code, "zh", "小明")
        teacher.page.locator(".st-key-class_open_step").get_by_role("button").click()
        expect(learner.page.locator(".st-key-class_send")).to_be_visible()
        for page in (teacher, learner):
            page.page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
            found = [v for v in violations(page) if v["impact"] in BLOCKING]
            assert not found, found
    finally:
        teacher.page.context.close()
        learner.page.context.close()
