"""Home: what the app teaches, a way into each page, and the lesson as a guided path.

The path (``core.guide.path``) is the article's argument in eight predict-then-check
steps, with a quiz before and after. The learner's answers live in plain session keys,
not in widget state, so they survive a visit to another page; nothing is stored on the
server beyond the session.
"""

import secrets
from urllib.parse import urljoin

import streamlit as st

from core.i18n import t
from core.guide import path as lp
from core.guide import views as lv
from core.present import numbers
from core.present.labels import activation_name
from core.state.pages import PAGES
from ui import charts, current_lang, presenter, show_url_notices, tr
from ui.charts import pairs, vega_spec
from ui.page_aids import LESSON_RETURN, scroll_once

ss = st.session_state
#: The pages with a card on the home page (the page table's rows that have one).
CARDS = tuple(page for page in PAGES if page.card)
#: The learner's station on the path, their committed answers, and their quiz answers
#: ({"before": {...}, "after": {...}}): plain keys, which Streamlit keeps across pages.
STATION, ANSWERS, QUIZ = "_lesson_station", "_lesson_answers", "_lesson_quiz"
#: This learner's seed for the order of the quiz's options (kept for the session).
QUIZ_SEED = "_lesson_quiz_seed"
#: The step whose Check was pressed without an answer (to say "choose one first").
UNANSWERED = "_lesson_unanswered"
PAGE_NAMES = {"collapse": "nav_collapse", "activations": "nav_activations", "training": "nav_training"}
PHASES = ("before", "after")
Y_TITLES = {"f": "f(x)", "df": "f′(x)"}
#: The path's stations: the quiz, the eight steps, the quiz again.
STATIONS = (PHASES[0], *lp.STEP_KEYS, PHASES[1])


@st.cache_data(max_entries=len(lp.STEPS), show_spinner=False)
def reveal(key: str) -> lp.Reveal:
    """What happens in one step: the same for every learner, so computed once."""
    return lp.reveal(key)


@st.cache_data(max_entries=1, show_spinner=False)
def quiz_values() -> dict:
    return lp.quiz_values()


def labels() -> tuple[tuple[str, str], ...]:
    """Names of the two classes and the squared axes, for the squared-space chart."""
    return pairs({"class1": tr("col_class1"), "class0": tr("col_class0"), "x": "x₁²", "y": "x₂²"})


def names(keys, lang: str) -> tuple[tuple[str, str], ...]:
    """Each activation's name in ``lang``, as (key, name) pairs."""
    return pairs({key: activation_name(key, lang) for key in keys})


# ------------------------------------------------------------------ the top of the page


def intro() -> None:
    st.title(tr("app_title"))
    show_url_notices()  # the home page has no settings, but a link may carry ?lang=fr
    with presenter.secondary("home_lead"):  # hidden in presenter mode
        st.write(tr("home_lead"))


def page_cards() -> None:
    st.subheader(tr("home_pages_heading"))
    for column, page in zip(st.columns(len(CARDS)), CARDS):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{tr(page.title)}**")
            st.write(tr(page.card))
            st.page_link(page.file, label=tr("home_open"), icon=page.icon)


# ------------------------------------------------------------------ the learner's place


def start_lesson() -> None:
    """First visit this session: the quiz before the path, nothing answered."""
    ss.setdefault(STATION, 0)
    ss.setdefault(ANSWERS, {})
    ss.setdefault(QUIZ, {})
    ss.setdefault(QUIZ_SEED, secrets.randbelow(2**31))


def start_over() -> None:
    """Callback: forget every answer of the path and the quiz, and the widgets holding them."""
    ss[STATION], ss[ANSWERS], ss[QUIZ] = 0, {}, {}
    ss[QUIZ_SEED] = secrets.randbelow(2**31)
    ss.pop(UNANSWERED, None)
    for key in [k for k in ss if isinstance(k, str) and k.startswith(("lesson_q_", "lesson_quiz_"))]:
        del ss[key]


def go_to(index: int) -> None:
    ss[STATION] = max(0, min(len(STATIONS) - 1, index))


def picked_station() -> None:
    """Callback of the picker; a click on the chosen pill again deselects it: stay there."""
    if ss.get("lesson_picker") is not None:
        go_to(int(ss["lesson_picker"]))


def commit(step: lp.Step) -> None:
    """Callback of Check: the learner's answer becomes final (until they start over)."""
    answer = ss.get(f"lesson_q_{step.key}")
    if answer is None:
        ss[UNANSWERED] = step.key
        return
    ss.pop(UNANSWERED, None)
    ss[ANSWERS] = {**ss[ANSWERS], step.key: answer}


def follow(link: lp.Link, step: int | None = None) -> None:
    """Open the link's page with exactly its settings.

    Each page keeps the settings a learner had there over the URL's (``persist_state``),
    so the keys the link sets are forgotten first; then the page reads them from the URL.
    The link keeps the session's mode: a learner on the path keeps their sidebar, a
    presenter stays in presenter mode (the shared lesson URLs turn it on).
    """
    for key in link.keys_to_clear():
        ss.pop(key, None)
    scroll_once(link.anchor)  # the page opens on the step's section
    if step is not None:
        ss[LESSON_RETURN] = step
    st.switch_page(link.script, query_params=link.params(present=presenter.presenting()))


# ------------------------------------------------------------------ the path


def station_label(index: int, answers: dict, quiz: dict, lang: str) -> str:
    name = STATIONS[index]
    if name in PHASES:
        return t(f"lesson_pill_{name}", lang) + (" ✓" if name in quiz else "")
    return f"{index} ✓" if name in answers else str(index)


def progress_header(answers: dict, quiz: dict, lang: str) -> None:
    """How far the learner is, and a pill per station to go anywhere on the path."""
    done, total = lp.progress(answers)
    with presenter.secondary("lesson_progress"):  # the learner's count, not the class's
        st.progress(done / total, text=tr("lesson_progress", done=done, total=total))
    ss["lesson_picker"] = ss[STATION]
    st.pills(tr("lesson_step_picker"), range(len(STATIONS)), key="lesson_picker", on_change=picked_station,
             format_func=lambda i: station_label(i, answers, quiz, lang), label_visibility="collapsed")


def option_label(step: lp.Step, option: str, values: dict, lang: str) -> str:
    return t(f"lesson_{step.key}_opt_{option}", lang, **values)


def ask(step: lp.Step, values: dict, lang: str) -> None:
    """The question, before the learner has committed: a choice or a slider guess, and Check."""
    key = f"lesson_q_{step.key}"
    q = step.question
    st.markdown(lv.labelled(f"**{tr('lesson_predict')}**", tr(f"lesson_{step.key}_question", **values)))
    if isinstance(q, lp.Choice):
        st.radio(tr("lesson_predict"), q.options, index=None, key=key, persist_state="session",
                 format_func=lambda o: option_label(step, o, values, lang), label_visibility="collapsed")
    else:
        st.slider(tr(f"lesson_{step.key}_guess"), q.low, q.high, q.start, q.step, key=key,
                  persist_state="session", format="%d%%" if q.percent else "%.2f")
    st.button(tr("lesson_check"), key=f"lesson_check_{step.key}", type="primary", on_click=commit, args=(step,),
              icon=":material/visibility:")
    if ss.get(UNANSWERED) == step.key:
        st.warning(tr("lesson_pick_first"), icon=":material/touch_app:")


def answer_text(step: lp.Step, answer, values: dict, lang: str) -> str:
    if isinstance(step.question, lp.Choice):
        return option_label(step, answer, values, lang)
    # As the slider shows it: a whole percentage, or two decimals.
    return numbers.percent(answer / 100.0, 0) if step.question.percent else numbers.fixed(answer, 2)


def explain(step: lp.Step, answer, rev: lp.Reveal, lang: str) -> None:
    """After Check: the learner's answer, right or not, what really happens, and why."""
    values = dict(rev.values)
    st.markdown(tr("lesson_your_answer", answer=answer_text(step, answer, values, lang)))
    right = lp.is_right(step, answer, rev.truth)
    if isinstance(step.question, lp.Choice):
        truth = tr("lesson_what_happens", answer=option_label(step, rev.truth, values, lang))
    else:
        truth = tr("lesson_measured_percent" if step.question.percent else "lesson_measured_number", value=rev.truth)
    box = st.success if right else st.warning
    with st.container(key=f"lesson_reveal_{step.key}"):
        box(f"**{tr('lesson_right' if right else 'lesson_wrong')}** {truth}",
            icon=":material/check_circle:" if right else ":material/lightbulb:")
        st.write(tr(f"lesson_{step.key}_why", **values))


def explore(step: lp.Step) -> None:
    page = tr(PAGE_NAMES[step.link.page])
    if st.button(tr("lesson_explore", page=page), key=f"lesson_go_{step.key}", help=tr("lesson_explore_help"),
                 icon=":material/arrow_forward:"):
        follow(step.link, lp.STEP_KEYS.index(step.key) + 1)


def step_view(step: lp.Step, lang: str) -> None:
    """One step: its text and picture, the question or the reveal, and the way to the page."""
    rev = reveal(step.key)
    answer = ss[ANSWERS].get(step.key)
    st.caption(tr("lesson_step_of", n=lp.STEP_KEYS.index(step.key) + 1, total=len(lp.STEPS)))
    st.subheader(tr(f"lesson_{step.key}_title"))
    text_col, picture_col = st.columns([3, 2], gap="large")
    with text_col:
        st.write(tr(f"lesson_{step.key}_text", **rev.values))
        if answer is None:
            ask(step, dict(rev.values), lang)
        else:
            explain(step, answer, rev, lang)
    with picture_col:
        illustrate(step.key, rev, answer is not None, lang)
    explore(step)


def navigation(index: int) -> None:
    back, forward, restart = st.columns(3)
    back.button(tr("lesson_back"), key="lesson_back", on_click=go_to, args=(index - 1,), disabled=index == 0,
                icon=":material/arrow_back:", width="stretch")
    forward.button(tr("lesson_next"), key="lesson_next", on_click=go_to, args=(index + 1,),
                   disabled=index == len(STATIONS) - 1, icon=":material/arrow_forward:", width="stretch")
    # Starting over forgets every answer: it asks first (a click beside "Next" is easy).
    with restart.popover(tr("lesson_restart"), icon=":material/restart_alt:", width="stretch"):
        st.write(tr("lesson_restart_help"))
        st.button(tr("lesson_restart_confirm"), key="lesson_restart", on_click=start_over, type="primary",
                  icon=":material/restart_alt:", width="stretch")


def path_section(lang: str) -> None:
    """The path: where the learner is, the station they are at, and the way on."""
    with presenter.secondary("lesson_head"):  # on a projector the step itself gets the room
        st.header(tr("lesson_heading"), divider="gray")
        st.write(tr("lesson_intro"))
    progress_header(ss[ANSWERS], ss[QUIZ], lang)
    index = ss[STATION]
    with st.container(border=True, key="lesson_station"):
        name = STATIONS[index]
        if name in PHASES:
            quiz_view(name, lang)
        else:
            step_view(lp.STEPS_BY_KEY[name], lang)
    navigation(index)


# ------------------------------------------------------------------ the pictures
# Before the answer a step shows a picture that poses its question without giving the
# answer away; after it, the picture of what happened.
#
# The charts are cached as finished Vega-Lite specs (as on the activations page): building
# one with Altair and converting it costs ~85 ms, and the same few pictures come back on
# every rerun. The arguments are the numbers and the translated texts that determine a
# chart, so each language has its own entries.


@st.cache_data(max_entries=4, show_spinner=False)
def squared_spec(X, y, t: float, texts: tuple) -> dict:
    """The points at (x₁², x₂²) and the straight cut x₁² + x₂² = t."""
    return vega_spec(lv.squared_space_chart(X, y, t, dict(texts)))


@st.cache_data(max_entries=8, show_spinner=False)
def step_spec(k: float, step_label: str, soft_label: str) -> dict:
    """The step and σ(k·x)."""
    return vega_spec(lv.step_vs_sigmoid_chart(k, step_label, soft_label))


@st.cache_data(max_entries=8, show_spinner=False)
def curves_spec(keys: tuple[str, ...], value: str, names: tuple, y_title: str) -> dict:
    """f (``value="f"``) or f′ (``"df"``) of the activations ``keys``."""
    return vega_spec(lv.curves_chart(keys, value, dict(names), y_title))


@st.cache_data(max_entries=4, show_spinner=False)
def depth_spec(keys: tuple[str, ...], depth: int, names: tuple, words: tuple) -> dict:
    """What is left of a gradient after 1…``depth`` layers of each activation."""
    return vega_spec(lv.depth_chart(keys, depth, dict(names), dict(words)))


def data_picture(key: str, rev: lp.Reveal, lang: str) -> None:
    st.image(lv.plane_picture(rev.figure.X, rev.figure.y), caption=tr("lesson_data_caption"),
             alt=tr("lesson_data_caption"))


def rule_picture(key: str, rev: lp.Reveal, lang: str) -> None:
    st.image(lv.plane_picture(rev.figure.X, rev.figure.y, rev.figure.probs),
             caption=tr(f"lesson_{key}_after"), alt=tr(f"lesson_{key}_after"))


def squares_pictures(key: str, rev: lp.Reveal, lang: str) -> None:
    charts.draw(squared_spec(rev.figure.X, rev.figure.y, rev.figure.threshold, labels()), width="content")
    rule_picture(key, rev, lang)


def compared_pictures(key: str, rev: lp.Reveal, lang: str) -> None:
    for column, (act, probs) in zip(st.columns(2), rev.figure.probs.items()):
        caption = tr("lesson_answer_caption", name=activation_name(act, lang), acc=rev.values[f"{act}_acc"])
        column.image(lv.plane_picture(rev.figure.X, rev.figure.y, probs), caption=caption, alt=caption)


def soft_step(k: float) -> None:
    charts.draw(step_spec(k, tr("lesson_threshold_step"), tr("lesson_threshold_soft", k=k)), width="stretch")


def gentle_step(key: str, rev: lp.Reveal, lang: str) -> None:
    soft_step(1.0)
    st.caption(tr("lesson_threshold_before", k=1.0))


def steep_step(key: str, rev: lp.Reveal, lang: str) -> None:
    soft_step(rev.figure.k)
    st.caption(tr("lesson_threshold_after", k=rev.figure.k))


def curves(key: str, rev: lp.Reveal, lang: str, value: str = "f") -> None:
    """f (``value="f"``) or f′ (``"df"``) of the step's activations."""
    keys = rev.figure.keys
    charts.draw(curves_spec(keys, value, names(keys, lang), Y_TITLES[value]), width="stretch")
    st.caption(tr(f"lesson_{key}_caption"))


def slopes(key: str, rev: lp.Reveal, lang: str) -> None:
    curves(key, rev, lang, "df")


def sigmoid_slope(key: str, rev: lp.Reveal, lang: str) -> None:
    charts.draw(curves_spec(("sigmoid",), "df", names(("sigmoid",), lang), Y_TITLES["df"]), width="stretch")
    st.caption(tr("lesson_care_caption", **rev.values))


def depth_picture(key: str, rev: lp.Reveal, lang: str) -> None:
    keys = rev.figure.keys
    words = pairs({w: tr(f"lesson_care_{w}") for w in ("reference", "factor", "layers", "alive", "open")})
    charts.draw(depth_spec(keys, rev.figure.depth, names(keys, lang), words), width="stretch")
    st.caption(tr("lesson_care_after"))


#: One drawer per kind of picture (``core.guide.path.PICTURE_KINDS``); each step names
#: its two kinds, before and after the answer.
DRAWERS = {
    "data": data_picture, "rule": rule_picture, "squares": squares_pictures, "compared": compared_pictures,
    "gentle step": gentle_step, "steep step": steep_step, "curves": curves, "slopes": slopes,
    "sigmoid slope": sigmoid_slope, "depth": depth_picture,
}


def illustrate(key: str, rev: lp.Reveal, answered: bool, lang: str) -> None:
    DRAWERS[lp.STEPS_BY_KEY[key].pictures[answered]](key, rev, lang)


# ------------------------------------------------------------------ the quiz


def store_quiz(phase: str) -> None:
    """Callback of the quiz's submit button: this phase's answers, unanswered as None."""
    ss[QUIZ] = {**ss[QUIZ], phase: {q.key: ss.get(f"lesson_quiz_{phase}_{q.key}") for q in lp.QUIZ}}


def quiz_form(phase: str, lang: str) -> None:
    """The questions, each an unselected radio, in a form: nothing reruns until Check. The
    options come in this learner's order for the phase (``lp.quiz_options``)."""
    values = quiz_values()
    with st.form(f"lesson_quiz_{phase}_form", border=False):
        for i, q in enumerate(lp.QUIZ, start=1):
            st.radio(f"{i}. {tr(f'lesson_quiz_{q.key}_q')}", lp.quiz_options(q, ss[QUIZ_SEED], phase), index=None,
                     key=f"lesson_quiz_{phase}_{q.key}",
                     format_func=lambda o, q=q: t(f"lesson_quiz_{q.key}_{o}", lang, **values))
        st.form_submit_button(tr("lesson_quiz_check"), type="primary", icon=":material/done_all:",
                              on_click=store_quiz, args=(phase,))


def quiz_results(answers: dict, phase: str, lang: str) -> None:
    """The score; after the lesson, each question with the learner's answer, the right one
    and why. Before it, only the score: the explanations would give away what the steps
    ask the learner to predict (and the quiz after would measure recall of them)."""
    values = quiz_values()
    st.markdown(f"**{tr('lesson_quiz_score', right=lp.quiz_score(answers), total=len(lp.QUIZ))}**")
    if phase == "before":
        st.caption(tr("lesson_quiz_later"))
        return
    for i, q in enumerate(lp.QUIZ, start=1):
        given = answers.get(q.key)
        mark = ":green[:material/check_circle:]" if given == q.answer else ":red[:material/cancel:]"
        said = tr(f"lesson_quiz_{q.key}_{given}", **values) if given else tr("lesson_quiz_unanswered")
        right = tr(f"lesson_quiz_{q.key}_{q.answer}", **values)
        st.markdown(f"{mark} **{i}. {tr(f'lesson_quiz_{q.key}_q')}**  \n"
                    f"{tr('lesson_your_answer', answer=said)} · {tr('lesson_quiz_right_is', answer=right)}  \n"
                    f"{tr(f'lesson_quiz_{q.key}_why', **values)}")


def compare_scores(quiz: dict) -> None:
    """Once both quizzes are taken: before and after, side by side, for learner and teacher."""
    before, after = quiz.get("before"), quiz.get("after")
    if before is None or after is None:
        return
    with st.container(border=True, key="lesson_quiz_compare"):
        scores = {"before": lp.quiz_score(before), "after": lp.quiz_score(after), "total": len(lp.QUIZ)}
        st.markdown(f"**{tr('lesson_quiz_compare', **scores)}**")
        st.caption(tr("lesson_quiz_changes", **lp.quiz_changes(before, after)))


def quiz_view(phase: str, lang: str) -> None:
    """A quiz station: the questions until checked, then the score and every explanation."""
    st.subheader(tr(f"lesson_quiz_{phase}_title"))
    if phase == "after":
        done, total = lp.progress(ss[ANSWERS])
        if done == total:
            st.success(tr("lesson_all_done"), icon=":material/celebration:")
        compare_scores(ss[QUIZ])
    taken = ss[QUIZ].get(phase)
    if taken is None:
        st.caption(tr("lesson_quiz_intro" if phase == "before" else "lesson_quiz_intro_after"))
        if phase == "after" and done < total:
            st.caption(tr("lesson_quiz_after_early", done=done, total=total))
        quiz_form(phase, lang)
    else:
        quiz_results(taken, phase, lang)


# ------------------------------------------------------------------ for teachers


@st.fragment
def teacher_section(lang: str) -> None:
    """The lesson links (presenter mode, this page's language), each ready to copy, with what to
    ask the class and what it will see.

    Sent only while the expander is open (``on_change="rerun"``; a fragment, so opening it
    reruns only itself): a closed expander's content is still drawn, and its eight copyable
    links (code blocks) were the largest part of the home page's JavaScript at each load
    (the syntax highlighter: 310 of ~1,000 ms)."""
    base = st.context.url or ""
    box = st.expander(tr("lesson_teacher_heading"), icon=":material/co_present:", key="lesson_teacher",
                      on_change="rerun")
    if not box.open:
        return
    with box:
        st.write(tr("lesson_teacher_intro"))
        for i, step in enumerate(lp.STEPS, start=1):
            url = urljoin(base, step.link.url(lang=lang)) if base else step.link.url(lang=lang)
            values = reveal(step.key).values
            st.markdown(f"**{i}. [{tr(f'lesson_{step.key}_title')}]({url})**")
            st.code(url, language=None, wrap_lines=True)
            notes = (lv.labelled(f"*{tr(f'lesson_teacher_{part}')}*", tr(f"lesson_{step.key}_{part}", **values))
                     for part in ("ask", "see"))
            st.markdown("  \n".join(notes))


# ------------------------------------------------------------------ the page


def main() -> None:
    lang = current_lang()
    start_lesson()
    intro()
    with presenter.secondary("home_cards"):  # in presenter mode the path gets the screen
        page_cards()
    path_section(lang)
    teacher_section(lang)
    st.caption(tr("home_article_note"))


main()
