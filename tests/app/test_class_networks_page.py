"""The class's networks (issue 24) in AppTest: a learner who joined on the class page
reports the network of their training page; the teacher's board groups the class's
networks by activation; the teacher's experiment reaches the learners' training pages
once, and a setting too heavy for a class is refused in the teacher's language.

Each session is its own AppTest (one store per test, as in test_classroom_page.py); a
learner's AppTest switches to the training page in the same session, as the class
page's link does in a browser.
"""

from __future__ import annotations

import pytest

from core.classroom.experiments import side_of
from core.guide.network_reports import class_networks
from core.i18n import TEXTS, t
from core.present import numbers
from core.present.labels import activation_name
from tests.app.conftest import assert_clean
from tests.app.test_classroom_page import class_store, join, start_class, teacher_secret  # noqa: F401
from ui import classroom_store as cs
from ui.training.class_link import WRITER

TRAINING = "app_pages/training.py"


def on_training_page(learner):
    learner.switch_page(TRAINING).run()
    assert_clean(learner)
    return learner


def gallery_lines(teacher) -> list[str]:
    return [m.value.strip("*") for m in teacher.markdown if m.value.startswith("**") and "·" not in m.value]


def send(teacher, **fields):
    for key, value in fields.items():
        teacher.text_input(key=key).input(value)
    return teacher.button(key="class_exp_send").click().run()


def test_a_learners_network_reaches_the_board(lang):
    teacher, code = start_class(lang)
    joined = join(code, "Ada", lang)
    # The class page offers the training page (the same session: its network reports).
    links = [link.proto for link in joined.get("page_link")]
    assert any(link.label == t("class_train_link", lang) and link.page == "training" for link in links)
    learner = on_training_page(joined)
    WRITER.flush()  # the process's writer stores the reports once a second: now, for the test
    # The learner is told the class sees this network.
    assert any(t("trn_class_reporting", lang, code=f"{code[:4]}-{code[4:]}") == c.value for c in learner.caption)
    teacher.run()
    assert_clean(teacher)
    found = class_networks(cs.engine(), code, teacher_secret(teacher))
    (network,) = found.networks
    report = network.report
    assert (report.activation, report.hidden, report.dataset) == (
        learner.session_state["activation"], tuple(learner.session_state["hidden"]), learner.session_state["dataset"])
    assert len(report.boundary) == 32 * 32
    line = t("class_gallery_group_one", lang, activation=activation_name(report.activation, lang),
             median=numbers.percent_one_decimal(report.test_accuracy))
    assert line in gallery_lines(teacher)


def test_the_teachers_experiment_reaches_a_learner_once(lang):
    teacher, code = start_class(lang)
    learner = on_training_page(join(code, "Ada", lang))
    send(teacher, class_exp_all="activation=relu&hidden=4")
    assert_clean(teacher)
    assert any("activation=relu" in s.value for s in teacher.success)
    learner.run()
    assert_clean(learner)
    assert learner.session_state["activation"] == "relu" and learner.session_state["hidden"] == [4]
    notice = [i.value for i in learner.info if "activation=relu" in i.value]
    assert notice and notice[0].startswith(TEXTS["trn_class_experiment"][lang].split("{")[0])
    # For a few seconds, an older value the browser sends (a rerun it asked for before
    # the experiment's page reached it) is put back…
    learner.selectbox(key="activation").select("tanh").run()
    assert learner.session_state["activation"] == "relu"
    # …after that, the learner's own change stays: the same experiment is not applied again.
    learner.session_state["_trn_class_experiment_hold"] = (0.0, {"activation": "relu", "hidden": [4]})
    learner.selectbox(key="activation").select("tanh").run()
    learner.run()
    assert learner.session_state["activation"] == "tanh"


def test_half_and_half_splits_by_learner_number():
    teacher, code = start_class()
    learners = [on_training_page(join(code, name)) for name in ("Ada", "Bo", "Cy")]
    teacher.radio(key="class_exp_mode").set_value("split").run()
    send(teacher, class_exp_a="activation=identity", class_exp_b="activation=tanh&hidden=3")
    assert_clean(teacher)
    for number, learner in enumerate(learners, 1):
        learner.run()
        assert_clean(learner)
        want = ("identity", [4, 2]) if side_of(number) == "a" else ("tanh", [3])
        assert (learner.session_state["activation"], learner.session_state["hidden"]) == want


@pytest.mark.parametrize("query", ["speed=max&hidden=16,16,16,16,16,16&n=2000", "activation=sigmoidd"])
def test_a_setting_a_class_cannot_train_is_refused_in_the_teachers_language(lang, query):
    teacher, code = start_class(lang)
    learner = on_training_page(join(code, "Ada"))
    before = learner.session_state["activation"]
    send(teacher, class_exp_all=query)
    errors = [e.value for e in teacher.error]
    assert len(errors) == 1
    reason = "too_costly" if "speed=max" in query else "bad_setting"
    head = TEXTS[f"class_error_{reason}"][lang].split("{")[0]  # the sentence up to its first number
    assert errors[0].startswith(head)
    assert not teacher.success  # nothing was sent
    learner.run()
    assert learner.session_state["activation"] == before


def test_a_removed_learner_trains_on_and_stops_reporting():
    teacher, code = start_class()
    learner = on_training_page(join(code, "Ada"))
    teacher.run()
    teacher.button(key="class_remove_1").click().run()
    assert_clean(teacher)
    learner.session_state["_trn_class_reported_at"] = -1e9  # the next report is due now
    learner.button(key="step").click().run()
    WRITER.flush()  # the store refuses the report: the writer remembers it
    learner.run()
    assert_clean(learner)  # no error: the training page goes on
    assert cs.LEARNER_KEY not in learner.session_state
    learner.run()
    assert_clean(learner)
    assert all(code[:4] not in c.value for c in learner.caption)  # no "you are in class" any more
    assert class_networks(cs.engine(), code, teacher_secret(teacher)).networks == ()  # removal took it away


def test_the_big_screen_draws_the_learners_network_read_as_a_network_file(lang):
    """The teacher puts learner 1 on the big screen: until their page has sent its whole
    network the report's picture stands in (and a line says so); then the board reads the
    network the page sent as a network file: the learner's weights at their epoch."""
    import numpy as np

    from core.classroom.networks import big_screen
    from core.state import network_file as nf
    from ui.training import class_link

    teacher, code = start_class(lang)
    learner = on_training_page(join(code, "Ada", lang))
    WRITER.flush()
    teacher.run()
    teacher.selectbox(key="class_gallery_big").set_value(1).run()
    assert_clean(teacher)
    assert t("class_gallery_big_waiting", lang) in [c.value for c in teacher.caption]
    class_link._BIG.clear()  # the learners' pages read whom the big screen wants once a second
    learner.session_state["_trn_class_reported_at"] = -1e9  # a report is due
    learner.button(key="step").click().run()
    assert_clean(learner)
    WRITER.flush()
    teacher.run()
    assert_clean(teacher)
    assert t("class_gallery_big_waiting", lang) not in [c.value for c in teacher.caption]
    shown = big_screen(cs.engine(), code, teacher_secret(teacher))
    loaded = nf.loads(shown.network)
    trainer = learner.session_state["trn_session"].trainer
    assert shown.number == 1 and loaded.epoch == trainer.epoch == 1
    for (W, b), (W1, b1) in zip(loaded.params, trainer.model.params):
        assert np.array_equal(W, W1) and np.array_equal(b, b1)
    # Nobody on the big screen: the learner's page stops sending its whole network.
    teacher.selectbox(key="class_gallery_big").set_value(None).run()
    assert big_screen(cs.engine(), code, teacher_secret(teacher)) is None


def test_a_report_the_store_dropped_as_too_soon_is_sent_again(monkeypatch):
    """The writer's seconds and the store's MIN_REPORT_SECONDS do not line up exactly: a
    report stored too soon after the last is dropped (False). The writer sends it again
    with its next batch, unless a newer one came: a paused page sends nothing more, and
    its last network stayed off the board (seen in the e2e test under load)."""
    from ui.training import class_link

    sent = []
    answers = iter([[False], [True], [False]])
    monkeypatch.setattr(class_link, "_store", lambda: "a store")
    monkeypatch.setattr(class_link, "report_networks", lambda bind, batch: (sent.append(list(batch)), next(answers))[1])
    writer = class_link.ReportWriter()
    writer.FLUSH_SECONDS = 3600  # its thread waits: the test flushes
    writer.put("ABCD2345", "token-a", "report at epoch 101")
    writer.flush()
    writer.flush()
    assert sent == [[("ABCD2345", "token-a", "report at epoch 101", None)]] * 2
    writer.put("ABCD2345", "token-a", "report at epoch 102")
    writer.flush()  # dropped again…
    writer.put("ABCD2345", "token-a", "report at epoch 103")  # …but a newer one came: that one goes
    assert writer._waiting == {"token-a": ("ABCD2345", "token-a", "report at epoch 103", None)}
