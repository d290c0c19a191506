"""A class together: a teacher starts a class, learners join by code, the lesson is paced.

One page, three views: the entry (join a class, or start one), the teacher's board
(projected: the code, the join link and its QR code, the live counts of the open step,
the reveal, the quiz's gain, the learners), and the learner's view (the open step's
question, or the quiz, following the teacher within two seconds).

Everything shared lives in the class store (``core.classroom``, through
``ui.classroom_store``); the page keeps only who this session is: the class code, and
the teacher's secret or the learner's token. Those two are also kept in the browser's
localStorage (never in a URL), so a reload resumes the same teacher or learner.
"""

from __future__ import annotations

import secrets
import time

import streamlit as st

from core.classroom import limits
from core.classroom.errors import ClassError
from core.classroom.names import display_name
from core.classroom.results import board, export_csv, learner_list, quiz_results
from core.classroom.store import class_state, create_class, end_class, join_class, resume_class, submit_answer
from core.classroom.teacher import close_quiz, hide_nicknames, open_quiz, open_step, remove_learner, reveal
from core.classroom.tokens import new_learner_token, normalize_code
from core.i18n import t
from core.guide import path as lp
from core.guide import class_views as cv
from core.guide import gallery_views as gv
from core.guide.big_screen import network_picture
from core.guide.experiment import set_experiment
from core.guide.network_reports import GALLERY_ORDERS, class_networks, gallery_groups
from core.classroom.experiments import current_experiment
from core.classroom.networks import big_screen, put_on_big_screen
from core.present import numbers
from core.present.markdown import literal
from core.state import network_file as nf
from ui import classroom_store as cs
from ui.browser_download import download_button
from ui.presses import finish_stopped, press
from ui.live_view import gallery, load_live_view
from ui.training.class_link import REPORT_SECONDS
from ui import current_lang, presenter, tr, url_value

ss = st.session_state
#: This session's role: {"code", "secret"} for a teacher, {"code", "token"} for a learner.
TEACHER, LEARNER = "_class_teacher", cs.LEARNER_KEY
#: The learner token this session offers the browser (kept there if it has none).
OFFER = "_class_offer"
#: The last refusal to show (a ClassError), the CSV of an ended class, secrets already tried.
PROBLEM, FINAL_CSV, TRIED = "_class_problem", "_class_final_csv", "_class_tried"
#: Tell the browser to forget its teacher secret (the class ended, or the teacher left).
FORGET = "_class_forget"
#: The quiz's option order for this learner (as on the home page).
QUIZ_SEED = "_class_quiz_seed"
CONFIRM_END = "_class_confirm_end"
#: Seconds between refreshes: the board (at least once a second), the learner's page (a step
#: change reaches it within 2 s: the interval plus a run).
BOARD_EVERY, FOLLOW_EVERY = 1.0, 1.5
#: The gallery follows the learners' reports (each sent at most every 2 s): refreshed
#: every second, a report is on the board within ~1 s of reaching the store (issue 24: 2 s).
GALLERY_EVERY = 1.0
PHASE_OF_QUIZ = {"pre": "before", "post": "after"}


@st.cache_data(max_entries=len(lp.STEPS), show_spinner=False)
def lesson_reveal(key: str) -> lp.Reveal:
    """The step's reveal, as the home page computes it (the same for everyone)."""
    return lp.reveal(key)


@st.cache_data(max_entries=1, show_spinner=False)
def quiz_values() -> dict:
    return lp.quiz_values()


def problem_text(error: ClassError, lang: str | None = None) -> str:
    """The refusal's sentence in the learner's language (``lang``, else the session's)."""
    lang = lang or current_lang()
    try:
        return t(f"class_error_{error.code}", lang, **error.details)
    except (KeyError, ValueError, IndexError):  # a detail the sentence wants is missing
        return t(f"class_error_{error.code}", lang)


def show_problem() -> None:
    error = ss.pop(PROBLEM, None)
    if error is not None:
        st.error(problem_text(error), icon=":material/error:")


def attempt(action, *args, **kwargs):
    """Run a store call; a refusal is kept to be shown on this run (returns None)."""
    try:
        return action(*args, **kwargs)
    except ClassError as error:
        ss[PROBLEM] = error
        return None


def with_store(action, *args, **kwargs):
    """A store call from a button's callback: the engine is fetched inside the attempt,
    so a database that went away is a message, not an exception."""
    return attempt(lambda: action(cs.engine(), *args, **kwargs))


def learner_label(number: int, nickname: str | None, hidden: bool = False) -> str:
    """A learner's name as plain text (show it with ``st.text`` or through ``literal``)."""
    return display_name(nickname, number, current_lang(), hidden=hidden)


def step_title(key: str, lang: str) -> str:
    return t("class_step_option", lang, n=lp.STEP_KEYS.index(key) + 1, title=t(f"lesson_{key}_title", lang))


def option_text(step: lp.Step, option: str, lang: str) -> str:
    """An answer id as the learner reads it: a choice's label, or the guessed number."""
    values = dict(lesson_reveal(step.key).values)
    if isinstance(step.question, lp.Choice):
        try:
            return t(f"lesson_{step.key}_opt_{option}", lang, **values)
        except KeyError:
            return option
    return f"{option}%" if step.question.percent else option


# ------------------------------------------------------------------ who this session is


def keys_in_browser() -> dict:
    """Mount the browser's keys (in the sidebar: it draws nothing) and read them."""
    teacher = ss.get(TEACHER)
    with st.sidebar:
        return cs.browser_keys(ss[OFFER], keep=teacher["secret"] if teacher else None,
                               forget=bool(ss.get(FORGET)) and not teacher)


def learner_token(keys: dict) -> str:
    """The token of this browser: the one it keeps, else this session's offer."""
    return keys["learner"] or ss[OFFER]


def resume_from_browser(bind, keys: dict) -> None:
    """A reload: the browser's teacher secret resumes the teacher; the join link's code
    and the browser's token resume a learner who had joined.

    Each is tried until it has an answer, then not again in this session: a run stopped
    halfway (the browser reloading stops the running script, and the reloaded tab gets
    the same session back; a newer rerun request stops the running one) or a store that
    is away (``unavailable``) tries again on the next run. A result is marked tried only
    once it is kept in the session: every read or write of ``st.session_state`` is where
    Streamlit stops a run for a newer rerun request, and a run stopped on the write that
    kept the class, after it had been marked tried, left a teacher who reloaded on the
    entry page for good (the browser's keys report twice after a reload, so the second
    report's run often stops the first)."""
    tried = ss.setdefault(TRIED, set())
    link = keys.get("resume")
    if link and ("r", link) not in tried:  # a private resume link: it wins over a kept class
        state = settled(tried, ("r", link), resume_class, bind, link)
        if state is not None:
            ss[TEACHER] = {"code": state.code, "secret": link}
            tried.add(("r", link))
            ss.pop(FORGET, None)
            ss.pop(LEARNER, None)
            st.rerun()  # this browser keeps the class from now on (the keys are handed over first)
    secret = keys["teacher"]
    if secret and not ss.get(TEACHER) and ("t", secret) not in tried:
        state = settled(tried, ("t", secret), resume_class, bind, secret, quiet=True)
        if state is not None:
            ss[TEACHER] = {"code": state.code, "secret": secret}
            tried.add(("t", secret))
            ss.pop(FORGET, None)
        elif ("t", secret) in tried:
            ss[FORGET] = True  # an ended or unknown class: the browser lets it go
    code, token = url_value(cv.JOIN), keys["learner"]
    if code and token and not ss.get(TEACHER) and not ss.get(LEARNER) and ("l", code, token) not in tried:
        # not joined yet (or a bad code): the join form says what is wrong when used
        view = settled(tried, ("l", code, token), class_state, bind, code, token, quiet=True)
        if view is not None:
            ss[LEARNER] = {"code": view.state.code, "token": token}
            tried.add(("l", code, token))


def settled(tried: set, what: tuple, action, *args, quiet: bool = False):
    """``action(*args)``; a refusal other than ``unavailable`` marks ``what`` tried (and
    is kept to be shown on this run unless ``quiet``). Returns the result, or None; the
    caller marks a result tried once it has kept it (see :func:`resume_from_browser`)."""
    try:
        return action(*args)
    except ClassError as error:
        if error.code != "unavailable":
            tried.add(what)
        if not quiet or error.code == "unavailable":
            ss[PROBLEM] = error
        return None


# ------------------------------------------------------------------ the entry


#: The entry's own notice (``"need_code"``, ``"wrong_key"`` or a refused Join's
#: ``ClassError``): shown until the next press
#: on the entry, not for one run only: the browser's keys may report (and rerun the page)
#: just after a press, and a one-run notice was gone before it could be read.
ENTRY_NOTICE = "_class_entry_notice"


def start(bind) -> None:
    """Callback of Start: a new class; its secret stays in the session and the browser."""
    if ss.get(TEACHER):  # run again after a stop (ui.presses): the class was made and kept
        return
    ss.pop(ENTRY_NOTICE, None)
    made = attempt(create_class, bind)
    if made is not None:
        ss[TEACHER] = {"code": made.code, "secret": made.secret}
        ss.pop(FORGET, None)
        ss.pop(FINAL_CSV, None)


def join(bind, keys: dict) -> None:
    """Callback of Join: the join link's code (or the typed one) and the nickname, as
    this browser's learner."""
    ss.pop(ENTRY_NOTICE, None)
    code = (url_value(cv.JOIN) or ss.get("class_code") or "").strip()
    if not code:
        ss[ENTRY_NOTICE] = "need_code"
        return
    token = learner_token(keys)
    me = attempt(join_class, bind, code, token, ss.get("class_nickname") or None)
    if me is not None:
        view = attempt(class_state, bind, code, token)
        if view is not None:
            ss[LEARNER] = {"code": view.state.code, "token": token}
    if LEARNER not in ss and PROBLEM in ss:
        # Kept on the entry until the next press, like its other notices: the browser's
        # keys may report (and rerun the page) just after the run that would show it once.
        ss[ENTRY_NOTICE] = ss.pop(PROBLEM)


def other_code() -> None:
    """Callback: the learner wants to type a code instead of the join link's."""
    if cv.JOIN in st.query_params:
        del st.query_params[cv.JOIN]


def resume_with_key(bind) -> None:
    """Callback: a teacher on another device pastes the resume key."""
    ss.pop(ENTRY_NOTICE, None)
    secret = (ss.get("class_resume_key") or "").strip()
    state = attempt(resume_class, bind, secret)
    ss["class_resume_key"] = ""
    if state is not None:
        ss[TEACHER] = {"code": state.code, "secret": secret}
        ss.pop(FORGET, None)
    elif getattr(ss.get(PROBLEM), "code", None) == "forbidden":
        # The store's sentence speaks of a teacher link; here a key was pasted.
        ss.pop(PROBLEM)
        ss[ENTRY_NOTICE] = "wrong_key"


def shown_code(asked: str) -> str:
    """A join link's code as the learner reads it: ``ABCD-2345`` when it is a code, else
    (cut short) as it came."""
    try:
        return cv.pretty_code(normalize_code(asked))
    except ClassError:
        return asked[:32]


def entry(bind, keys: dict) -> None:
    """No class yet: join one (the join link fills the code in), or start one."""
    st.write(tr("class_intro"))
    show_problem()
    notice = ss.get(ENTRY_NOTICE)
    if isinstance(notice, ClassError):  # a refused Join
        st.error(problem_text(notice), icon=":material/error:")
    if notice == "need_code":
        st.warning(tr("class_need_code"), icon=":material/keyboard:")
    wrong_key = notice == "wrong_key"
    if wrong_key:
        st.error(tr("class_resume_key_wrong"), icon=":material/key_off:")
    final = ss.get(FINAL_CSV)
    if final is not None:
        st.success(tr("class_ended_teacher"), icon=":material/check_circle:")
        st.download_button(tr("class_csv_download"), final.encode("utf-8"), file_name="class-results.csv",
                           mime="text/csv", key="class_final_csv", icon=":material/download:")
    asked = url_value(cv.JOIN)
    join_col, teach_col = st.columns(2, gap="large")
    with join_col.container(border=True, key="class_join"):
        st.subheader(tr("class_join_heading"))
        with st.form("class_join_form", border=False):
            if asked:
                # The join link's code is shown, not put in a field: a field seeded from the
                # session can be emptied by the browser's first report racing the first run.
                st.caption(tr("class_code_label"))
                with st.container(key="class_link_code"):
                    st.text(shown_code(asked))  # plain text: the URL's, whatever it is
            else:
                st.text_input(tr("class_code_label"), key="class_code", max_chars=32, help=tr("class_code_help"),
                              placeholder="ABCD-2345")
            st.text_input(tr("class_nickname_label"), key="class_nickname", max_chars=limits.MAX_NICKNAME,
                          help=tr("class_nickname_help"))
            st.form_submit_button(tr("class_join_button"), type="primary", icon=":material/login:",
                                  **press(join, bind, keys))
        if asked:
            st.button(tr("class_other_code"), key="class_other_code", on_click=other_code, type="tertiary")
    with teach_col.container(border=True, key="class_teach"):
        st.subheader(tr("class_teach_heading"))
        st.button(tr("class_start"), key="class_start", help=tr("class_start_help"), icon=":material/co_present:",
                  **press(start, bind))
        # Open again after a wrong key, for the next try (the message above makes it a new element).
        with st.expander(tr("class_resume_with_key"), icon=":material/key:", expanded=wrong_key):
            st.text_input(tr("class_resume_key_label"), key="class_resume_key", type="password",
                          max_chars=limits.MAX_TOKEN)
            st.button(tr("class_resume_button"), key="class_resume", on_click=resume_with_key, args=(bind,))


# ------------------------------------------------------------------ the teacher


def act(action, *args) -> None:
    """Callback of a teacher's button: the action with this session's code and secret."""
    me = ss[TEACHER]
    with_store(action, me["code"], me["secret"], *args)


def open_chosen_step() -> None:
    act(open_step, ss.get("class_step_pick") or lp.STEP_KEYS[0])


def set_hidden() -> None:
    act(hide_nicknames, bool(ss.get("class_hide_names")))


def leave_teacher() -> None:
    ss.pop(TEACHER, None)
    ss[FORGET] = True
    ss.pop(CONFIRM_END, None)


def ask_to_end() -> None:
    ss[CONFIRM_END] = True


def keep_class() -> None:
    ss.pop(CONFIRM_END, None)


def finish() -> None:
    """Callback of "End now": the last CSV, then the class's rows are gone."""
    me = ss[TEACHER]
    text = with_store(end_class, me["code"], me["secret"], nicknames=bool(ss.get("class_csv_names")),
                   correct=cv.correct_answers())
    if text is not None:
        ss[FINAL_CSV] = text
        leave_teacher()


def header(code: str, lang: str) -> None:
    """The code, the join link and its QR code (what the back of the room reads), with
    the live board under the code: in presenter mode all of it fits 1280×720."""
    link = cv.join_link(st.context.url or "", code)
    presenting = presenter.presenting()
    text_col, qr_col = st.columns([3, 2] if presenting else [3, 1])
    with text_col:
        st.caption(tr("class_code_is"))
        st.markdown(f"<div class='class-code' style='font-size:{'4.5rem' if presenting else '3rem'};"
                    f"font-weight:700;letter-spacing:0.08em;font-family:monospace;line-height:1.1'>"
                    f"{cv.pretty_code(code)}</div>", unsafe_allow_html=True)  # the code: 8 characters of ALPHABET
        st.markdown(tr("class_join_at", link=f"`{link}`"))
        live_board(lang)
    with qr_col.container(key="class_qr"):
        st.image(cv.qr_svg(link), width=400 if presenting else 220, caption=tr("class_qr_caption"),
                 alt=tr("class_qr_alt", link=link))


def controls(state, lang: str) -> None:
    """Pace the class: a step, the reveal, the quizzes."""
    with st.container(border=True, key="class_controls"):
        pick, go, show = st.columns([3, 2, 2], vertical_alignment="bottom")
        if "class_step_pick" not in ss:
            ss["class_step_pick"] = state.step or lp.STEP_KEYS[0]
        pick.selectbox(tr("class_step_picker"), lp.STEP_KEYS, key="class_step_pick",
                     format_func=lambda key: step_title(key, lang))
        go.button(tr("class_open_step"), key="class_open_step", type="primary", **press(open_chosen_step),
                  icon=":material/play_arrow:", width="stretch")
        show.button(tr("class_reveal"), key="class_reveal", **press(act, reveal),
                    disabled=state.mode != "step" or state.revealed, icon=":material/visibility:",
                    width="stretch")
        pre, post, close = st.columns(3)
        pre.button(tr("class_open_pre"), key="class_open_pre", **press(act, open_quiz, "pre"),
                   icon=":material/quiz:", width="stretch")
        post.button(tr("class_open_post"), key="class_open_post", **press(act, open_quiz, "post"),
                    icon=":material/quiz:", width="stretch")
        close.button(tr("class_close_quiz"), key="class_close_quiz", **press(act, close_quiz),
                     disabled=state.mode not in ("pre", "post"), icon=":material/stop:", width="stretch")


def status_line(state) -> str:
    if state.mode == "step" and state.step in lp.STEPS_BY_KEY:
        return tr("class_status_step", n=lp.STEP_KEYS.index(state.step) + 1, total=len(lp.STEPS),
                  title=tr(f"lesson_{state.step}_title"))
    return tr(f"class_status_{state.mode}")


def step_bars(now, lang: str) -> None:
    """The open step's question and the class's answers, counted by option."""
    step = lp.STEPS_BY_KEY.get(now.question)
    if step is None:
        return
    values = dict(lesson_reveal(step.key).values)
    st.markdown(tr(f"lesson_{step.key}_question", **values))
    if now.distribution is None:
        st.info(tr("class_wait_for_more", n=limits.MIN_FOR_DISTRIBUTION), icon=":material/hourglass_top:")
        return
    truth = lesson_reveal(step.key).truth if now.state.revealed else None
    with st.container(key="class_bars"):
        for bar in cv.bars(step, now.distribution, truth):
            label = tr("class_bar", label=option_text(step, bar.option, lang), count=bar.count, share=bar.share)
            if bar.right:
                label = f"{label} · {tr('class_right_mark')}"
            st.progress(bar.share, text=label)


def quiz_progress(now) -> None:
    st.markdown(tr("class_quiz_took", n=now.answered))
    counts = [tr("class_quiz_question_count", i=i, count=now.per_question.get(q.key, 0))
              for i, q in enumerate(lp.QUIZ, start=1)]
    st.caption(" · ".join(counts))


def gain_table(bind, me) -> None:
    """Per question, right before and after among learners who took both, and ⟨g⟩."""
    results = quiz_results(bind, me["code"], me["secret"], cv.correct_answers())
    if results.took_pre == 0 and results.took_post == 0:
        return
    with st.container(border=True, key="class_results"):
        st.subheader(tr("class_results_heading"))
        if results.overall.n == 0:
            st.caption(tr("class_results_empty"))
            return
        # The class's gain first: on a projector (1280×720) it is what fits above the fold.
        g = results.overall
        st.markdown(tr("class_gain_overall", pre=numbers.whole_percent(g.pre), post=numbers.whole_percent(g.post),
                       gain=cv.gain_text(g), n=g.n))
        rows = {tr("class_col_question"): [], tr("class_col_pre"): [], tr("class_col_post"): [],
                tr("class_col_gain"): []}
        for i, row in enumerate(cv.gain_rows(results), start=1):
            for column, value in zip(rows, (f"{i}. {tr(f'lesson_quiz_{row.question}_q')}", row.pre, row.post,
                                            row.gain)):
                rows[column].append(value)
        st.table(rows)
        st.caption(tr("class_gain_note"))


@st.fragment(run_every=BOARD_EVERY)
def live_board(lang: str) -> None:
    """What the projector shows, refreshed every second: counts only, never who."""
    me = ss.get(TEACHER)
    if me is None:
        return
    try:
        bind = cs.engine()
        now = board(bind, me["code"], me["secret"])
        with st.container(key="class_board"):
            st.markdown(f"**{status_line(now.state)}**")
            joined, answered = st.columns(2)
            joined.metric(tr("class_joined_count"), now.state.joined)
            answered.metric(tr("class_answered_count"), now.answered if now.state.mode != "lobby" else 0)
            if now.state.mode == "step":
                step_bars(now, lang)
            elif now.state.mode in ("pre", "post"):
                quiz_progress(now)
        gain_table(bind, me)
    except ClassError as error:
        st.error(problem_text(error), icon=":material/error:")
        if error.code in ("ended", "expired", "forbidden"):
            leave_teacher()
            st.rerun()


def learners_panel(bind, me, state) -> None:
    """Who joined (numbers, and nicknames unless hidden), to remove one."""
    people = attempt(learner_list, bind, me["code"], me["secret"]) or ()
    with st.expander(tr("class_learners_heading", n=len(people)), icon=":material/groups:", key="class_learners"):
        ss["class_hide_names"] = state.hide_nicknames
        st.toggle(tr("class_hide_names"), key="class_hide_names", on_change=set_hidden)
        if not people:
            st.caption(tr("class_no_learners"))
        for person in people:
            name, remove = st.columns([4, 1], vertical_alignment="center")
            name.text(learner_label(person.number, person.nickname, state.hide_nicknames))
            remove.button(tr("class_remove"), key=f"class_remove_{person.number}", on_click=act,
                          args=(remove_learner, person.number), type="tertiary", icon=":material/person_remove:")


def csv_maker(bind, me: dict, nicknames: bool):
    """The CSV download's contents, made when the teacher presses the button (the board
    moves on between the page's runs); a refusal is shown on the board instead."""
    code, secret = me["code"], me["secret"]

    def make() -> str | None:
        return attempt(export_csv, bind, code, secret, nicknames=nicknames, correct=cv.correct_answers())

    return make


def closing_panel(bind, me, lang: str) -> None:
    """The CSV, the resume key on demand, and the end of the class."""
    with st.container(border=True, key="class_closing"):
        st.checkbox(tr("class_csv_nicknames"), key="class_csv_names")
        # Made when pressed (the board moves on between the page's runs), not when drawn.
        download_button(tr("class_csv_download"), csv_maker(bind, me, bool(ss.get("class_csv_names"))),
                        file_name=f"class-{me['code']}.csv", mime="text/csv", key="class_csv")
        if not ss.get(CONFIRM_END):
            st.button(tr("class_end"), key="class_end", icon=":material/stop_circle:",
                      on_click=ask_to_end)
        else:
            st.warning(tr("class_end_confirm"), icon=":material/warning:")
            now_col, keep_col = st.columns(2)
            now_col.button(tr("class_end_now"), key="class_end_now", type="primary", on_click=finish)
            keep_col.button(tr("class_end_cancel"), key="class_end_cancel",
                            on_click=keep_class)
    if presenter.presenting():
        return  # the resume key is never drawn on the projector, not even hidden
    with st.expander(tr("class_resume_heading"), icon=":material/key:", key="class_resume_panel"):
        st.caption(tr("class_resume_warning"))
        if st.toggle(tr("class_show_key"), key="class_show_key"):
            with st.container(key="class_resume_link"):
                st.code(cv.resume_link(st.context.url or "", me["secret"]), language=None, wrap_lines=True)
            st.caption(tr("class_resume_how"))
            st.code(me["secret"], language=None)
        st.button(tr("class_leave_teacher"), key="class_leave_teacher", on_click=leave_teacher,
                  icon=":material/logout:")


#: On the projector the board's numbers are read from the back of the room.
BOARD_CSS = """<style>
.st-key-class_board [data-testid="stMetricValue"], .st-key-class_board [data-testid="stMetricValue"] p
{ font-size: 3.2rem; line-height: 1.1; }
.st-key-class_bars [data-testid="stProgress"] p { font-size: 1.25rem; }
</style>"""


def teacher_view(bind, lang: str) -> None:
    me = ss[TEACHER]
    if presenter.presenting():
        st.html(BOARD_CSS)
    try:
        state = resume_class(bind, me["secret"])
    except ClassError as error:
        if error.code == "unavailable":  # the class is still there: this session keeps it
            lesson_alone(error)
            return
        ss[PROBLEM] = error  # ended, expired, or no longer this secret's: shown at the entry
        leave_teacher()
        st.rerun()
    show_problem()
    header(state.code, lang)
    controls(state, lang)
    experiment_panel(bind, me, lang)
    class_gallery(lang)
    learners_panel(bind, me, state)
    closing_panel(bind, me, lang)
    load_live_view()  # the gallery draws with the live view's library


# ------------------------------------------------------------------ the class's networks


def send_experiment() -> None:
    """Callback of Send: the typed settings for everyone, or both halves of a split."""
    me = ss[TEACHER]
    if ss.get("class_exp_mode") == "split":
        settings = {"a": ss.get("class_exp_a") or "", "b": ss.get("class_exp_b") or ""}
    else:
        settings = ss.get("class_exp_all") or ""
    with_store(set_experiment, me["code"], me["secret"], settings)


def stop_experiment() -> None:
    me = ss[TEACHER]
    with_store(set_experiment, me["code"], me["secret"], None)


def experiment_panel(bind, me, lang: str) -> None:
    """The teacher sets the training page's settings for the class (read as a link, with
    a cost cap), for everyone or half and half."""
    if presenter.presenting():
        return  # set from the teacher's laptop; the projector keeps its room for the class
    found = attempt(current_experiment, bind, me["code"], me["secret"])
    with st.expander(tr("class_experiment_title"), icon=":material/science:", key="class_experiment",
                     expanded=bool(found and found.sides)):
        st.caption(tr("class_experiment_help"))
        mode = st.radio(tr("class_experiment_title"), ("all", "split"), key="class_exp_mode", horizontal=True,
                        label_visibility="collapsed",
                        format_func=lambda m: t("class_experiment_everyone" if m == "all" else "class_experiment_split", lang))
        if mode == "split":
            a, b = st.columns(2)
            a.text_input(tr("class_experiment_a"), key="class_exp_a", max_chars=400, placeholder="activation=identity")
            b.text_input(tr("class_experiment_b"), key="class_exp_b", max_chars=400, placeholder="activation=tanh")
        else:
            st.text_input(tr("class_experiment_query"), key="class_exp_all", max_chars=400,
                          placeholder="activation=relu&hidden=4")
        send, stop = st.columns(2)
        send.button(tr("class_experiment_send"), key="class_exp_send", type="primary", on_click=send_experiment,
                    icon=":material/send:", width="stretch")
        stop.button(tr("class_experiment_clear"), key="class_exp_stop", on_click=stop_experiment,
                    disabled=not (found and found.sides), icon=":material/stop:", width="stretch")
        if found and found.sides:
            st.success(gv.experiment_text(found.sides, lang), icon=":material/science:")


def put_on_screen(me: dict) -> None:
    """Callback of the big screen's choice: the store asks that learner's page for its
    whole network (and stops asking the one before)."""
    with_store(put_on_big_screen, me["code"], me["secret"], ss.get("class_gallery_big"))


def big_screen_view(me: dict, chosen, lang: str) -> None:
    """The chosen network, large and nameless: drawn from the weights its page sent,
    read as a network file; until they have come, its report's picture, and a line
    saying so. A file that is not one is said in the teacher's language."""
    try:
        shown = big_screen(cs.engine(), me["code"], me["secret"])
    except ClassError as error:
        st.error(problem_text(error), icon=":material/error:")
        shown = None
    data = None
    if shown is not None and shown.number == chosen.number and shown.network is not None:
        try:
            _, picture = network_picture(shown.network)
            data = gv.big_screen_data(chosen, picture, lang)
        except nf.NetworkFileError as error:
            st.warning(t(f"trn_netfile_{error.code}", lang, **error.details), icon=":material/warning:")
    waiting = data is None
    if waiting:
        data = gv.gallery_data([chosen], lang, anonymous=True, size=gv.BIG_SIZE)
    gallery(data, key="class_gallery_big_pic")
    if waiting:  # under the picture: the picture does not move when the network comes
        st.caption(tr("class_gallery_big_waiting"))


@st.fragment(run_every=GALLERY_EVERY)
def class_gallery(lang: str) -> None:
    """Every learner's network as a thumbnail, grouped by activation, a line per group;
    one of them on the big screen, without a name."""
    me = ss.get(TEACHER)
    if me is None:
        return
    try:
        found = class_networks(cs.engine(), me["code"], me["secret"])
    except ClassError as error:
        st.error(problem_text(error), icon=":material/error:")
        return
    with st.container(key="class_gallery_section"):
        st.subheader(tr("class_gallery_title"), anchor="networks")
        if not found.networks:
            st.caption(tr("class_gallery_none"))
            return
        order_col, big_col = st.columns(2)
        order = order_col.segmented_control(
            tr("class_gallery_order"), GALLERY_ORDERS, key="class_gallery_order", default="best",
            format_func=lambda o: t(f"class_gallery_order_{o}", lang)) or "best"
        numbers_ = [n.number for n in found.networks]
        big = big_col.selectbox(tr("class_gallery_big"), [None, *numbers_], key="class_gallery_big",
                                format_func=lambda n: t("class_gallery_big_none", lang) if n is None
                                else display_name(None, n, lang), on_change=put_on_screen, args=(me,))
        hidden = found.state.hide_nicknames or presenter.presenting()
        chosen = next((n for n in found.networks if n.number == big), None)
        if chosen is not None:
            with st.container(key="class_gallery_big_view"):
                big_screen_view(me, chosen, lang)
        st.caption(tr("class_gallery_caption", seconds=numbers.text(REPORT_SECONDS)))
        for group in gallery_groups(found.networks, order):
            with st.container(key=f"class_gallery_group_{group.activation}"):
                st.markdown(f"**{gv.group_line(group, lang)}**")
                # On a projector the thumbnails grow with the type (read from the back of the room).
                size = round(gv.THUMBNAIL_SIZE * presenter.type_scale())
                gallery(gv.gallery_data(group.networks, lang, hidden_names=hidden, size=size),
                        key=f"class_gallery_{group.activation}")
        if found.unreadable:
            st.caption(tr("class_gallery_unreadable", n=found.unreadable))


# ------------------------------------------------------------------ the learner


#: A Send's notice, (step, text key): "class_choose_first" (pressed with no option chosen)
#: or "class_sent_too_late" (pressed on the question before), shown on that step until an
#: answer is sent there (the learner's view reruns every FOLLOW_EVERY s, a one-run notice
#: would vanish).
SEND_NOTICE = "_class_send_notice"
#: The step this learner's page shows: {"step", "at" (monotonic), "open" (its question could
#: be answered when last drawn), "before" (the step shown before, if its Send was on the page)}.
SHOWN = "_class_shown_step"
#: A Send with no choice this soon after the page moved to a new step was pressed on the
#: step before: the Send button is one widget for every step, and its callback takes the
#: step of the server's last run, while the learner's browser still showed the old
#: question (the browser learns of the new step only at the follow fragment's next tick).
LATE_WINDOW = 2 * FOLLOW_EVERY


def send_step(step: lp.Step) -> None:
    me = ss[LEARNER]
    value = ss.get(f"class_q_{step.key}")
    if value is None:
        shown = ss.get(SHOWN) or {}
        moved_on = (shown.get("step") == step.key and shown.get("before") is not None
                    and time.monotonic() - shown["at"] < LATE_WINDOW)
        # The old question is closed: its answer would have been refused; say so instead
        # of asking for a choice on a question the learner has not seen yet.
        ss[SEND_NOTICE] = (step.key, "class_sent_too_late" if moved_on else "class_choose_first")
        return
    ss.pop(SEND_NOTICE, None)
    option = value if isinstance(step.question, lp.Choice) else cv.guess_id(step, value)
    with_store(submit_answer, me["code"], me["token"], "step", step.key, option)
    if getattr(ss.get(PROBLEM), "code", None) == "closed":
        # Pressed on a question the teacher had just left: the store's refusal would show
        # for one run only; on the new question, the same notice as above stays until sent.
        view = with_store(class_state, me["code"], me["token"])
        if view is not None and view.state.mode == "step" and view.state.step != step.key:
            ss.pop(PROBLEM, None)
            ss[SEND_NOTICE] = (view.state.step, "class_sent_too_late")


def send_quiz(phase: str) -> None:
    """Callback of the quiz's Send: each answered question, one store call each; the
    first refusal stops (it is shown)."""
    me = ss[LEARNER]
    for q in lp.QUIZ:
        option = ss.get(f"class_quiz_{phase}_{q.key}")
        if option is None:
            continue
        with_store(submit_answer, me["code"], me["token"], phase, q.key, option)
        if PROBLEM in ss:
            return


def leave_learner() -> None:
    ss.pop(LEARNER, None)
    if cv.JOIN in st.query_params:
        del st.query_params[cv.JOIN]


def learner_step(view, lang: str) -> None:
    step = lp.STEPS_BY_KEY.get(view.state.step)
    if step is None:
        st.info(tr("class_wait"), icon=":material/hourglass_top:")
        return
    shown = ss.get(SHOWN) or {}
    if shown.get("step") != step.key:
        shown = {"step": step.key, "at": time.monotonic(), "before": shown.get("step") if shown.get("open") else None}
    if shown.get("open") != (not view.state.revealed):
        ss[SHOWN] = {**shown, "open": not view.state.revealed}  # written only when it changes
    rev = lesson_reveal(step.key)
    values = dict(rev.values)
    mine = view.mine.get(step.key)
    st.caption(tr("lesson_step_of", n=lp.STEP_KEYS.index(step.key) + 1, total=len(lp.STEPS)))
    st.subheader(tr(f"lesson_{step.key}_title"))
    st.markdown(tr(f"lesson_{step.key}_question", **values))
    if view.state.revealed:
        if mine is None:
            st.caption(tr("class_revealed_no_answer"))
        else:
            st.markdown(tr("lesson_your_answer", answer=option_text(step, mine, lang)))
        right = mine is not None and cv.is_right(step, mine, rev.truth)
        if isinstance(step.question, lp.Choice):
            truth = tr("lesson_what_happens", answer=option_text(step, rev.truth, lang))
        else:
            truth = tr("lesson_measured_percent" if step.question.percent else "lesson_measured_number",
                       value=rev.truth)
        box = st.success if right else st.warning
        with st.container(key="class_reveal_box"):
            box(f"**{tr('lesson_right' if right else 'lesson_wrong')}** {truth}",
                icon=":material/check_circle:" if right else ":material/lightbulb:")
            st.write(tr(f"lesson_{step.key}_why", **values))
        return
    key = f"class_q_{step.key}"
    q = step.question
    # A form: choosing costs no run (a class of 100 choosing at once used to double the
    # server's burst after each question), and the choice reaches the server with its Send.
    with st.form("class_step_form", border=False):
        if isinstance(q, lp.Choice):
            if key not in ss and mine in q.options:
                ss[key] = mine
            st.radio(tr("lesson_predict"), q.options, index=None, key=key, label_visibility="collapsed",
                     format_func=lambda o: option_text(step, o, lang))
        else:
            if key not in ss and mine is not None and cv.guess_value(step, mine) is not None:
                ss[key] = min(max(cv.guess_value(step, mine), q.low), q.high)
            st.slider(tr(f"lesson_{step.key}_guess"), q.low, q.high, q.start, q.step, key=key,
                      format="%d%%" if q.percent else "%.2f")
        st.form_submit_button(tr("class_send"), key="class_send", type="primary", icon=":material/send:",
                              **press(send_step, step))
    notice_step, notice = ss.get(SEND_NOTICE) or (None, None)
    if mine is None and notice_step == step.key:
        late = notice == "class_sent_too_late"
        st.warning(tr(notice), icon=":material/schedule:" if late else ":material/touch_app:")
    if mine is not None:
        st.success(tr("class_your_answer", answer=option_text(step, mine, lang)), icon=":material/done:")


def learner_quiz(view, lang: str) -> None:
    phase = view.state.mode
    values = quiz_values()
    st.subheader(tr(f"class_quiz_title_{phase}"))
    with st.form(f"class_quiz_{phase}_form", border=False):
        for i, q in enumerate(lp.QUIZ, start=1):
            key = f"class_quiz_{phase}_{q.key}"
            if key not in ss and view.mine.get(q.key) in q.options:
                ss[key] = view.mine[q.key]
            st.radio(f"{i}. {tr(f'lesson_quiz_{q.key}_q')}", lp.quiz_options(q, ss[QUIZ_SEED], PHASE_OF_QUIZ[phase]),
                     index=None, key=key, format_func=lambda o, q=q: t(f"lesson_quiz_{q.key}_{o}", lang, **values))
        st.form_submit_button(tr("class_quiz_send"), type="primary", icon=":material/done_all:",
                              **press(send_quiz, phase))
    if view.mine:
        st.success(tr("class_quiz_sent", n=len(view.mine), total=len(lp.QUIZ)), icon=":material/done:")


@st.fragment(run_every=FOLLOW_EVERY)
def follow(lang: str) -> None:
    """The learner's page: what the teacher has open, checked every FOLLOW_EVERY seconds."""
    finish_stopped()  # most of a learner's runs are this fragment's ticks alone
    me = ss.get(LEARNER)
    if me is None:
        return
    try:
        view = class_state(cs.engine(), me["code"], me["token"])
    except ClassError as error:
        if error.code == "unavailable":
            st.error(problem_text(error), icon=":material/cloud_off:")
            return
        ss[PROBLEM] = error
        leave_learner()
        st.rerun()
    show_problem()
    with st.container(key="class_follow"):
        # The nickname is the learner's own text: shown as typed, never as Markdown.
        st.caption(tr("class_you_are", name=literal(learner_label(view.learner.number, view.learner.nickname)),
                      code=cv.pretty_code(view.state.code)))
        if view.state.mode == "step":
            learner_step(view, lang)
        elif view.state.mode in ("pre", "post"):
            learner_quiz(view, lang)
        else:
            st.info(tr("class_wait"), icon=":material/hourglass_top:")


def learner_view(lang: str) -> None:
    me = ss[LEARNER]
    st.query_params[cv.JOIN] = me["code"]  # a reload comes back to this class
    follow(lang)
    # The same browser session on the training page: its network reports to the class.
    st.page_link("app_pages/training.py", label=tr("class_train_link"), icon=":material/model_training:")
    st.button(tr("class_leave_learner"), key="class_leave", on_click=leave_learner, type="tertiary",
              icon=":material/logout:")


# ------------------------------------------------------------------ the page


def lesson_alone(error: ClassError) -> None:
    """No store: say so (once: a refusal a button met on the way says the same); the lesson
    on the home page works for each learner alone."""
    ss.pop(PROBLEM, None)
    st.error(problem_text(error), icon=":material/cloud_off:")
    st.page_link("app_pages/home.py", label=tr("class_back_to_lesson"), icon=":material/school:")


def main() -> None:
    lang = current_lang()
    ss.setdefault(OFFER, new_learner_token())
    ss.setdefault(QUIZ_SEED, secrets.randbelow(2**31))
    keys = keys_in_browser()
    try:
        bind = cs.engine()
    except ClassError as error:
        st.title(tr("class_title"))
        lesson_alone(error)
        return
    finish_stopped()  # a press whose callback a newer rerun stopped
    resume_from_browser(bind, keys)
    if not (ss.get(TEACHER) and presenter.presenting()):  # the projector keeps its room for the class
        st.title(tr("class_title"))
    if ss.get(TEACHER):
        teacher_view(bind, lang)
    elif ss.get(LEARNER):
        learner_view(lang)
    else:
        entry(bind, keys)


main()
