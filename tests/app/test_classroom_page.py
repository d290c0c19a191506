"""The class page (issue 22): a teacher and learners, each in their own AppTest session,
meet in one throwaway SQLite store (``CLASS_STORE_URL``, read before secrets.toml).

AppTest mounts no browser component, so the browser's keys never report: each session
uses its own offered token, as a browser without localStorage would.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, text

from core.classroom.errors import ClassError
from core.classroom.names import normalize_nickname
from core.classroom.results import board
from core.i18n import t
from core.guide import path as lp
from core.guide import class_views as cv
from tests.app.conftest import assert_clean, run_page
from tests.streamlit_markdown import markup, text_view
from ui import classroom_store as cs
from ui.browser_download import made_key

PAGE = "app_pages/classroom.py"
CODE = re.compile(r">([2-9A-HJKMNP-Z]{4})-([2-9A-HJKMNP-Z]{4})<")


@pytest.fixture(autouse=True)
def class_store(tmp_path, monkeypatch):
    """Every test gets a store of its own."""
    url = f"sqlite:///{tmp_path / 'class.sqlite'}"
    monkeypatch.setenv("CLASS_STORE_URL", url)
    return url


def submit(at, form: str):
    (button,) = [b for b in at.button if b.key.startswith(f"FormSubmitter:{form}")]
    return button.click().run()


def start_class(lang: str = "en", **query):
    """A teacher's session with a new class: (AppTest, code)."""
    at = run_page(PAGE, lang=lang, **query)
    assert_clean(at)
    at.button(key="class_start").click().run()
    assert_clean(at)
    found = [CODE.search(m.value) for m in at.markdown]
    code = next("".join(m.groups()) for m in found if m)
    return at, code


def teacher_secret(at) -> str:
    return at.session_state["_class_teacher"]["secret"]


def join(code: str, nickname: str = "", lang: str = "en"):
    """A learner's session that opened the join link and pressed Join."""
    at = run_page(PAGE, lang=lang, join=code)
    assert cv.pretty_code(code) in [x.value for x in at.text]  # the join link's code, shown
    at.text_input(key="class_nickname").input(nickname)
    submit(at, "class_join_form")
    assert_clean(at)
    return at


def progress_texts(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_the_page_is_in_the_navigation(lang):
    at = run_page(PAGE, lang=lang)
    assert_clean(at)
    assert at.title[0].value == t("class_title", lang)
    assert at.button(key="class_start").label == t("class_start", lang)


def test_a_teacher_starts_a_class_with_a_code_a_link_and_a_qr_code(lang):
    at, code = start_class(lang)
    secret = teacher_secret(at)
    link = f"class?join={code}"
    assert any(link in m.value for m in at.markdown)
    (qr,) = at.get("image")
    assert qr.proto.imgs[0].caption == t("class_qr_caption", lang)
    # The QR code is the join link's, drawn by segno as SVG (no network).
    assert base64.b64decode(qr.proto.imgs[0].url.split(",", 1)[1]).decode() == cv.qr_svg(link)
    # The secret is nowhere on the page, nor in the address bar, until asked for.
    shown = [m.value for m in at.markdown] + [c.value for c in at.code] + [str(dict(at.query_params))]
    assert not any(secret in text for text in shown)
    at.toggle(key="class_show_key").set_value(True).run()
    assert secret in [c.value for c in at.code]


def test_learners_join_the_board_counts_and_the_reveal_reaches_them():
    class_round()


def class_round():
    """A teacher and three learners through one step: join, answer, count, reveal.
    Returns the teacher's session and the learners' (for more)."""
    teacher, code = start_class("en")
    learners = [join(code, nickname) for nickname in ("Ada", "", "李雷")]
    follow = learners[0]
    assert t("class_wait", "en") in [i.value for i in follow.info]
    assert teacher.metric[0].value == "0"
    teacher.run()
    assert teacher.metric[0].value == "3"  # joined

    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    assert_clean(teacher)
    answers = ("line", "line", "bend")
    for at, option in zip(learners, answers):
        at.run()  # the page follows the teacher (its fragment, here a whole run)
        assert at.radio(key="class_q_stack").options
        at.radio(key="class_q_stack").set_value(option)
        at.button(key="class_send").click().run()
        assert_clean(at)
        assert any(t("class_your_answer", "en", answer=t(f"lesson_stack_opt_{option}", "en")) == s.value
                   for s in at.success)
    teacher.run()
    assert teacher.metric[1].value == "3"  # answered
    bars = progress_texts(teacher)
    assert bars[0].startswith(t("lesson_stack_opt_line", "en") + ": 2")
    assert bars[1].startswith(t("lesson_stack_opt_bend", "en") + ": 1")
    assert bars[2].startswith(t("lesson_stack_opt_loop", "en") + ": 0")
    secret = teacher_secret(teacher)
    assert board(store_engine(), code, secret).distribution == {"line": 2, "bend": 1}

    teacher.button(key="class_reveal").click().run()
    assert any(t("class_right_mark", "en") in b for b in progress_texts(teacher))
    learners[2].run()
    (box,) = learners[2].warning
    assert box.value.startswith(f"**{t('lesson_wrong', 'en')}**")
    learners[0].run()
    assert learners[0].success[0].value.startswith(f"**{t('lesson_right', 'en')}**")
    return teacher, learners


def store_engine():
    return create_engine(os.environ["CLASS_STORE_URL"])


def test_fewer_than_three_answers_show_no_distribution(lang):
    teacher, code = start_class(lang)
    learner = join(code, lang=lang)
    teacher.button(key="class_open_step").click().run()  # the first step: a guess
    learner.run()
    learner.button(key="class_send").click().run()
    teacher.run()
    assert teacher.metric[1].value == "1"
    assert not progress_texts(teacher)
    assert t("class_wait_for_more", lang, n=3) in [i.value for i in teacher.info]


@pytest.mark.parametrize("typed, error", [("ZZZZ-ZZZZ", "class_error_unknown_class"),
                                          ("abc", "class_error_bad_code")])
def test_a_bad_code_gets_a_clear_message_and_the_page_keeps_working(lang, typed, error):
    at = run_page(PAGE, lang=lang)
    at.text_input(key="class_code").input(typed)
    submit(at, "class_join_form")
    assert not at.exception
    expected = t(error, lang, expected=8)
    assert [e.value for e in at.error] == [expected]
    assert at.button(key="class_start")  # still the entry, nothing else broke
    at.run()  # a rerun the learner did not ask for (the browser's keys reporting late)
    assert [e.value for e in at.error] == [expected]  # the message stays until the next press
    at.text_input(key="class_code").input("")
    submit(at, "class_join_form")
    assert not at.error and [w.value for w in at.warning] == [t("class_need_code", lang)]


def test_an_ended_class_says_so_to_a_late_learner(lang):
    teacher, code = start_class(lang)
    teacher.button(key="class_end").click().run()
    teacher.button(key="class_end_now").click().run()
    assert_clean(teacher)
    assert t("class_ended_teacher", lang) in [s.value for s in teacher.success]
    late = run_page(PAGE, lang=lang, join=code)
    submit(late, "class_join_form")
    assert [e.value for e in late.error] == [t("class_error_ended", lang)]


def test_a_removed_learner_is_told_and_hidden_names_stay_hidden(lang):
    teacher, code = start_class(lang)
    learner = join(code, "Ada", lang=lang)
    teacher.run()
    assert "Ada" in [x.value for x in teacher.text]
    teacher.toggle(key="class_hide_names").set_value(True).run()
    assert "Ada" not in [x.value for x in teacher.text]
    assert t("class_learner_label", lang, n=1) in [x.value for x in teacher.text]
    teacher.button(key="class_remove_1").click().run()
    assert_clean(teacher)
    learner.run()
    assert t("class_error_removed", lang) in [e.value for e in learner.error]
    assert learner.button(key="class_start")  # back at the entry


def test_the_quiz_before_and_after_gives_the_class_gain():
    teacher, code = start_class("en")
    learners = [join(code) for _ in range(3)]
    right = {q.key: q.answer for q in lp.QUIZ}
    wrong = {q.key: next(o for o in q.options if o != q.answer) for q in lp.QUIZ}
    for phase, chosen in (("pre", [wrong, wrong, right]), ("post", [right, right, right])):
        teacher.button(key=f"class_open_{phase}").click().run()
        for at, answers in zip(learners, chosen):
            at.run()
            for key, option in answers.items():
                at.radio(key=f"class_quiz_{phase}_{key}").set_value(option)
            submit(at, f"class_quiz_{phase}_form")
            assert_clean(at)
    teacher.run()
    assert_clean(teacher)
    (table,) = teacher.table
    frame = table.value
    assert list(frame.iloc[0])[1:] == ["33%", "100%", "1.00"]
    assert any(t("class_gain_overall", "en", pre="33%", post="100%", gain="1.00", n=3) == m.value
               for m in teacher.markdown)
    # The CSV is made when pressed: every learner's answer to every question, both times.
    teacher.button(key="class_csv").click().run()
    assert_clean(teacher)
    made = teacher.session_state[made_key("class_csv")]
    assert made["sent"] and made["name"] == f"class-{code}.csv" and made["mime"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(made["b64"]).decode("utf-8"))))
    assert len(rows) == 2 * len(learners) * len(lp.QUIZ)
    assert sum(r["correct"] == "1" for r in rows if r["phase"] == "pre") == len(lp.QUIZ)
    assert sum(r["correct"] == "1" for r in rows if r["phase"] == "post") == 3 * len(lp.QUIZ)


def test_an_unreachable_store_leaves_the_lesson_working(monkeypatch, lang):
    monkeypatch.setenv("CLASS_STORE_URL", "sqlite:////nonexistent-dir/nope/class.sqlite")
    at = run_page(PAGE, lang=lang)
    assert not at.exception
    assert [e.value for e in at.error] == [t("class_error_unavailable", lang)]


def test_a_store_that_goes_away_mid_class_is_told_and_the_page_comes_back(monkeypatch, lang):
    teacher, code = start_class(lang)
    learner = join(code, lang=lang)
    working = cs.engine

    def down():
        raise ClassError("unavailable", reason="OperationalError")

    monkeypatch.setattr(cs, "engine", down)
    for at in (teacher, learner):
        at.run()
        assert not at.exception
        assert t("class_error_unavailable", lang) in [e.value for e in at.error]
    monkeypatch.setattr(cs, "engine", working)
    teacher.run()
    learner.run()
    assert_clean(teacher)
    assert_clean(learner)
    assert teacher.metric[0].value == "1"  # the same class, the same learner
    assert t("class_wait", lang) in [i.value for i in learner.info]


def test_on_the_projector_the_resume_key_is_not_even_drawn():
    at, code = start_class("en", present="1")
    secret = teacher_secret(at)
    assert_clean(at)
    assert not at.title  # the room is for the class
    keys = {e.key for e in at.expander}
    assert "class_resume_panel" not in keys and "class_show_key" not in {w.key for w in at.toggle}
    assert at.button(key="class_end")  # the class can still be ended from there
    assert not any(secret in c.value for c in at.code)


@pytest.mark.parametrize("nickname", ["[x](https://e.io) **A**", "<b>:red[x]</b> _y_ $z$", "a -> b :smile:"])
def test_a_nickname_with_markup_is_shown_as_typed(nickname):
    teacher, code = start_class("en")
    learner = join(code, nickname)
    (caption,) = [c.value for c in learner.caption if code[:4] in c.value]
    name = caption.split("You are ", 1)[1].split(" in class", 1)[0]
    assert not markup(name), markup(name)  # no markup, no link, no colour: text
    assert text_view(name).replace("\u2060", "") == normalize_nickname(nickname)
    teacher.run()
    assert normalize_nickname(nickname) in [x.value for x in teacher.text]  # st.text: plain


@pytest.fixture(scope="module")
def postgres():
    """A real PostgreSQL server for this module (the README's deployment for replicas on
    several machines); a machine without it fails with the command that installs it."""
    from tests.pg_server import running_server

    yield from running_server()


def test_the_page_runs_on_postgresql_and_survives_its_restart(postgres, monkeypatch):
    """The same class on PostgreSQL (a schema of its own, by the URL alone, as a
    secrets.toml would give it); the server goes away mid-class and comes back."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    monkeypatch.setenv("CLASS_STORE_URL", f"{postgres.url}?options=-csearch_path%3D{schema}")
    teacher, learners = class_round()
    postgres.stop()
    try:
        for at in (teacher, learners[0]):
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            assert t("class_error_unavailable", "en") in [e.value for e in at.error]
    finally:
        postgres.start()
    for at in (teacher, learners[0]):
        at.run()  # a pooled connection the restart cut fails once, then the pool is renewed
        at.run()
        assert_clean(at)
    assert teacher.metric[0].value == "3"


def test_a_button_pressed_while_the_store_is_away_gets_a_message(monkeypatch):
    teacher, code = start_class("en")
    learner = join(code)
    teacher.button(key="class_open_step").click().run()
    learner.run()
    working = cs.engine
    monkeypatch.setattr(cs, "engine", lambda: (_ for _ in ()).throw(ClassError("unavailable", reason="test")))
    learner.button(key="class_send").click().run()
    teacher.button(key="class_reveal").click().run()
    for at in (teacher, learner):
        assert not at.exception, [e.value for e in at.exception]
        assert t("class_error_unavailable", "en") in [e.value for e in at.error]
    monkeypatch.setattr(cs, "engine", working)
    teacher.run()
    assert_clean(teacher)


def test_a_late_joiner_lands_on_the_open_step_and_an_answer_can_change_until_the_reveal():
    teacher, code = start_class("en")
    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    learners = [join(code) for _ in range(3)]  # they join after the step was opened
    for at in learners:
        assert at.radio(key="class_q_stack").options  # straight onto the open step
        at.radio(key="class_q_stack").set_value("loop")
        at.button(key="class_send").click().run()
    store, secret = store_engine(), teacher_secret(teacher)
    assert board(store, code, secret).distribution == {"loop": 3}
    learners[0].radio(key="class_q_stack").set_value("line")
    learners[0].button(key="class_send").click().run()  # changed: the last answer counts
    assert board(store, code, secret).distribution == {"loop": 2, "line": 1}
    teacher.button(key="class_reveal").click().run()
    learners[1].run()
    assert not [r for r in learners[1].radio if r.key == "class_q_stack"]  # no more answers
    assert board(store, code, secret).distribution == {"loop": 2, "line": 1}


def test_send_with_no_option_chosen_asks_for_one_until_an_answer_is_sent(lang):
    teacher, code = start_class(lang)
    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    learner = join(code, lang=lang)
    learner.button(key="class_send").click().run()
    assert [w.value for w in learner.warning] == [t("class_choose_first", lang)]
    learner.run()  # the view follows the teacher every few seconds: the notice stays
    assert [w.value for w in learner.warning] == [t("class_choose_first", lang)]
    assert board(store_engine(), code, teacher_secret(teacher)).answered == 0
    learner.radio(key="class_q_stack").set_value("bend")
    learner.button(key="class_send").click().run()
    assert not learner.warning
    assert board(store_engine(), code, teacher_secret(teacher)).answered == 1


def test_a_send_pressed_on_the_question_the_teacher_just_closed_says_it_came_too_late(lang):
    """The Send button is one widget for every step: a click made on the old question that
    reaches the server after the page moved on runs with the new step. It must not ask for
    a choice on a question the learner has not seen yet, and it counts nowhere (the old
    question is closed). A while later, the same click is an ordinary Send with no choice."""
    teacher, code = start_class(lang)
    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    learner = join(code, lang=lang)
    learner.radio(key="class_q_stack").set_value("loop")  # chosen, then the teacher moves on
    teacher.selectbox(key="class_step_pick").set_value("bend").run()
    teacher.button(key="class_open_step").click().run()
    learner.run()  # the follow tick: the server's page is on the new step
    learner.button(key="class_send").click().run()  # the click from the old page
    assert [w.value for w in learner.warning] == [t("class_sent_too_late", lang)]
    assert board(store_engine(), code, teacher_secret(teacher), "step", "bend").answered == 0
    assert board(store_engine(), code, teacher_secret(teacher), "step", "stack").answered == 0
    shown = learner.session_state["_class_shown_step"]
    learner.session_state["_class_shown_step"] = {**shown, "at": shown["at"] - 10}  # on the new step a while
    learner.button(key="class_send").click().run()
    assert [w.value for w in learner.warning] == [t("class_choose_first", lang)]


def test_a_quick_send_after_a_revealed_step_asks_for_a_choice(lang):
    """After a reveal the old question had no Send on the page: an empty Send on the next
    question, however soon, is the learner's own (not one that came too late)."""
    teacher, code = start_class(lang)
    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    learner = join(code, lang=lang)
    teacher.button(key="class_reveal").click().run()
    learner.run()  # the page shows the reveal
    teacher.selectbox(key="class_step_pick").set_value("bend").run()
    teacher.button(key="class_open_step").click().run()
    learner.run()
    learner.button(key="class_send").click().run()
    assert [w.value for w in learner.warning] == [t("class_choose_first", lang)]


def test_a_send_the_store_refuses_as_late_says_so_on_the_new_question_until_answered(lang):
    """The usual race: the learner presses Send on the old question before the page moved
    on; the store refuses it (closed), and the page, now on the next question, says the
    answer came too late (not a one-run error a follow tick takes away)."""
    teacher, code = start_class(lang)
    teacher.selectbox(key="class_step_pick").set_value("stack").run()
    teacher.button(key="class_open_step").click().run()
    learner = join(code, lang=lang)
    learner.radio(key="class_q_stack").set_value("loop")
    teacher.selectbox(key="class_step_pick").set_value("bend").run()
    teacher.button(key="class_open_step").click().run()
    learner.button(key="class_send").click().run()  # no tick in between: the page showed stack
    assert [w.value for w in learner.warning] == [t("class_sent_too_late", lang)]
    assert not learner.error
    learner.run()
    assert [w.value for w in learner.warning] == [t("class_sent_too_late", lang)]
    assert board(store_engine(), code, teacher_secret(teacher), "step", "stack").answered == 0
    learner.radio(key="class_q_bend").set_value("better")
    learner.button(key="class_send").click().run()
    assert not learner.warning
    assert board(store_engine(), code, teacher_secret(teacher), "step", "bend").answered == 1


@pytest.mark.parametrize("link", ["<b>x</b>", "ABCD-234", "[x](https://e.io)"])
def test_a_bad_join_link_is_shown_as_text_and_refused_clearly(link, lang):
    at = run_page(PAGE, lang=lang, join=link)
    assert_clean(at)
    assert link in [x.value for x in at.text]  # plain text, never markup
    submit(at, "class_join_form")
    assert not at.exception
    assert [e.value for e in at.error] == [t("class_error_bad_code", lang, expected=8)]
    at.button(key="class_other_code").click().run()
    assert "join" not in at.query_params
    assert at.text_input(key="class_code").value == ""  # type the right one instead


def test_a_teacher_whose_browser_resumes_while_the_store_is_away_gets_the_class_on_the_next_run(monkeypatch):
    """The browser's kept secret is tried again until it has an answer: a store that is
    away (or a run stopped halfway, as a reload does) does not leave the teacher on the
    entry page for the rest of the session."""
    from core.classroom import store

    teacher, code = start_class("en")
    secret = teacher_secret(teacher)
    reloaded = run_page(PAGE, lang="en")
    keys = {"learner": None, "teacher": secret, "resume": None, "ready": True}
    reloaded.session_state["class_browser_keys"] = {"keys": keys}
    working = store.resume_class

    def away(*args):
        raise ClassError("unavailable", reason="test")

    monkeypatch.setattr(store, "resume_class", away)
    reloaded.run()
    assert not reloaded.exception
    assert t("class_error_unavailable", "en") in [e.value for e in reloaded.error]
    assert "_class_teacher" not in reloaded.session_state
    monkeypatch.setattr(store, "resume_class", working)
    reloaded.run()
    assert_clean(reloaded)
    assert reloaded.session_state["_class_teacher"]["code"] == code


def test_join_without_a_code_asks_for_one_and_the_page_keeps_working(lang):
    at = run_page(PAGE, lang=lang)
    at.text_input(key="class_nickname").input("Ada")
    submit(at, "class_join_form")
    assert_clean(at)
    assert [w.value for w in at.warning] == [t("class_need_code", lang)]
    assert cs.LEARNER_KEY not in at.session_state  # not joined
    at.run()  # a rerun of its own (the browser's keys reporting) keeps it: it is read later
    assert [w.value for w in at.warning] == [t("class_need_code", lang)]
    at.text_input(key="class_code").input("ABCD-2345")
    submit(at, "class_join_form")  # the next press answers for itself
    assert t("class_need_code", lang) not in [w.value for w in at.warning]


def test_a_teacher_on_another_device_resumes_with_the_key_and_a_wrong_key_is_refused(lang):
    teacher, code = start_class(lang)
    other = run_page(PAGE, lang=lang)
    other.text_input(key="class_resume_key").input("not-the-key")
    other.button(key="class_resume").click().run()
    assert not other.exception
    assert [e.value for e in other.error] == [t("class_resume_key_wrong", lang)]
    (resume,) = [e for e in other.expander if e.label == t("class_resume_with_key", lang)]
    assert resume.proto.expanded, "open for the next try"
    other.run()  # a rerun of its own (the browser's keys reporting) keeps the message
    assert [e.value for e in other.error] == [t("class_resume_key_wrong", lang)]
    assert other.session_state["class_resume_key"] == ""  # a key is never left in the field
    other.text_input(key="class_resume_key").input(teacher_secret(teacher))
    other.button(key="class_resume").click().run()
    assert_clean(other)
    assert any(cv.pretty_code(code) in m.value for m in other.markdown), "the same class, on this device"
    assert other.session_state["class_resume_key"] == ""


def test_a_class_ended_on_another_device_takes_the_teacher_back_to_the_entry_saying_so(lang):
    from core.classroom.store import end_class

    teacher, code = start_class(lang)
    end_class(store_engine(), code, teacher_secret(teacher))
    teacher.run()
    assert not teacher.exception
    assert [e.value for e in teacher.error] == [t("class_error_ended", lang)]
    assert teacher.button(key="class_start"), "the entry is back: a new class can start"


def _a_browser_holding(monkeypatch, **held):
    """The keys the browser reports (AppTest mounts no component, so none ever do)."""
    keys = {"learner": None, "teacher": None, "resume": None, "ready": True, **held}
    monkeypatch.setattr(cs, "browser_keys", lambda offer, keep=None, forget=False: dict(keys))


def test_a_private_resume_link_opens_the_class_in_a_new_session(monkeypatch, lang):
    teacher, code = start_class(lang)
    _a_browser_holding(monkeypatch, resume=teacher_secret(teacher))
    other = run_page(PAGE, lang=lang)
    assert_clean(other)
    assert other.session_state["_class_teacher"] == {"code": code, "secret": teacher_secret(teacher)}
    assert any(cv.pretty_code(code) in m.value for m in other.markdown)


def test_a_learner_who_reloads_is_back_in_the_class_without_joining_again(monkeypatch, lang):
    _, code = start_class(lang)
    learner = join(code, "Ada", lang)
    token = learner.session_state[cs.LEARNER_KEY]["token"]
    _a_browser_holding(monkeypatch, learner=token)
    reloaded = run_page(PAGE, lang=lang, join=code)
    assert_clean(reloaded)
    assert reloaded.session_state[cs.LEARNER_KEY] == {"code": code, "token": token}
    assert not [b for b in reloaded.button if b.key.startswith("FormSubmitter:class_join_form")]


def test_a_teacher_whose_resuming_run_is_stopped_as_it_keeps_the_class_gets_it_on_the_next_run(monkeypatch):
    """Streamlit stops a run for a newer rerun request at any read or write of the session
    state; after a reload the browser's keys report twice, and the second report's run
    stopped the first one just as it kept the class (seen in CI: the teacher left on the
    entry page). The next run must try the kept secret again."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException
    from streamlit.runtime.state.safe_session_state import SafeSessionState

    teacher, code = start_class("en")
    reloaded = run_page(PAGE, lang="en")
    keys = {"learner": None, "teacher": teacher_secret(teacher), "resume": None, "ready": True}
    reloaded.session_state["class_browser_keys"] = {"keys": keys}
    real_set = SafeSessionState.__setitem__
    stopped = []

    def stop_once_on_keeping_the_class(self, key, value):
        if key == "_class_teacher" and not stopped:
            stopped.append(key)
            raise StopException()  # where Streamlit's yield check raises, before the write
        real_set(self, key, value)

    monkeypatch.setattr(SafeSessionState, "__setitem__", stop_once_on_keeping_the_class)
    reloaded.run()
    assert stopped and "_class_teacher" not in reloaded.session_state
    reloaded.run()
    assert_clean(reloaded)
    assert reloaded.session_state["_class_teacher"]["code"] == code
