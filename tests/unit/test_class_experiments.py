"""The teacher's experiment: the store's side (``core.classroom.experiments``, on SQLite
and PostgreSQL), then the settings' side (``core.guide.experiment``: the link parser,
the cost cap, the page's calls)."""

from __future__ import annotations

import time

import pytest

from core.classroom import experiments, limits, store, teacher
from core.classroom.tokens import new_learner_token
from core.guide import experiment as ex
from core.i18n import LANGS, t
from core.nn.datasets import make_dataset, train_test_split
from core.nn.trainer import TrainConfig, Trainer
from core.state import urlparams as up
from core.state.training import DEFAULTS, PARAMS_BY_KEY
from tests.unit.test_class_store import refused, seat

# ----------------------------------------------------------------- the store's side


def test_everyone_gets_the_experiment_and_each_new_one_has_a_new_revision(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 3)
    assert experiments.experiment_for(store_engine, made.code, tokens[0]) is None
    assert experiments.current_experiment(store_engine, made.code, made.secret) is None
    state = experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=relu"})
    assert state.revision == 1  # a teacher action: pages that follow the class state see it
    got = [experiments.experiment_for(store_engine, made.code, t) for t in tokens]
    assert got == [experiments.LearnerExperiment(1, "all", "activation=relu")] * 3
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "hidden=8%2C8"})
    assert experiments.experiment_for(store_engine, made.code, tokens[2]) == \
        experiments.LearnerExperiment(2, "all", "hidden=8%2C8")
    assert experiments.current_experiment(store_engine, made.code, made.secret) == \
        experiments.Experiment(2, {"all": "hidden=8%2C8"})


def test_a_split_gives_odd_numbers_side_a_and_even_numbers_side_b(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 4)
    split = {"a": "activation=identity", "b": "activation=tanh"}
    experiments.store_experiment(store_engine, made.code, made.secret, split)
    got = [experiments.experiment_for(store_engine, made.code, t) for t in tokens]
    assert [(e.side, e.query) for e in got] == [("a", "activation=identity"), ("b", "activation=tanh"),
                                                ("a", "activation=identity"), ("b", "activation=tanh")]
    late = seat(store_engine, made, 1)[0]  # number 5: odd
    assert experiments.experiment_for(store_engine, made.code, late).side == "a"
    assert [experiments.side_of(n) for n in (1, 2, 3, 200)] == ["a", "b", "a", "b"]


def test_clearing_the_experiment_leaves_learners_their_own_settings(store_engine):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=relu"})
    experiments.store_experiment(store_engine, made.code, made.secret, None)
    assert experiments.experiment_for(store_engine, made.code, token) is None
    assert experiments.current_experiment(store_engine, made.code, made.secret) == experiments.Experiment(2, {})
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=relu"})
    assert experiments.experiment_for(store_engine, made.code, token).revision == 3  # the same again is new


@pytest.mark.parametrize("sides", [
    {"a": "activation=relu"}, {"all": "x=1", "a": "x=1"}, {"all": 1}, {"all": "activation=<b>"},
    {"all": "x=" + "1" * 1000}, "activation=relu", ["activation=relu"], {"b": "x", "c": "y"}])
def test_sides_that_are_not_one_of_the_two_forms_are_refused(store_engine, sides):
    made = store.create_class(store_engine)
    error = refused("bad_argument", experiments.store_experiment, store_engine, made.code, made.secret, sides)
    assert error.details["name"] == "settings"
    assert experiments.current_experiment(store_engine, made.code, made.secret) is None
    assert store.resume_class(store_engine, made.secret).revision == 0


def test_only_a_joined_learner_of_a_live_class_reads_the_experiment(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 2)
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=relu"})
    refused("not_joined", experiments.experiment_for, store_engine, made.code, new_learner_token())
    refused("not_joined", experiments.experiment_for, store_engine, "ABCDEFGH", tokens[0])
    teacher.remove_learner(store_engine, made.code, made.secret, 2)
    refused("removed", experiments.experiment_for, store_engine, made.code, tokens[1])
    store.end_class(store_engine, made.code, made.secret)
    refused("ended", experiments.experiment_for, store_engine, made.code, tokens[0])
    refused("ended", experiments.store_experiment, store_engine, made.code, made.secret, None)


# ----------------------------------------------------------------- read as a link


def test_a_query_is_read_as_a_link_is():
    assert ex.parse_settings("activation=relu&hidden=4") == {"activation": "relu", "hidden": [4]}
    assert ex.parse_settings("?activation=RELU&hidden=4%2C2&speed=max") == {
        "activation": "relu", "hidden": [4, 2], "speed": "max"}
    assert ex.parse_settings(" hidden=&trn_compare=relu,elu ") == {"hidden": [], "trn_compare": ["relu", "elu"]}
    assert ex.parse_settings("") == {}


@pytest.mark.parametrize(("query", "key"), [
    ("activaton=relu", "activaton"),  # a typo a link would ignore
    ("activation=relu&activation=tanh", "activation"),  # twice
    ("hidden=4,17", "hidden"), ("hidden=1,1,1,1,1,1,1", "hidden"), ("lr=0.5", "lr"),  # off the ladder
    ("speed=fast", "speed"), ("n=55", "n"), ("features=x1,x1", "features"), ("activation", "activation"),
    ("activation=relu&&hidden=4", "…"), ("<b>=1", "…"), ("Activation=relu", "Activation"),
])
def test_a_setting_a_link_would_not_carry_as_written_is_refused(query, key):
    error = refused("bad_setting", ex.parse_settings, query, "b")
    assert error.details == {"key": key, "side": "b"}


def test_where_a_link_falls_back_to_the_default_an_experiment_refuses():
    """The same parser: the page's link reading keeps the default with a notice."""
    values, bad = up.restore([PARAMS_BY_KEY["lr"]], {"lr": "0.5"}.get)
    assert values == {"lr": 0.03} and [b.key for b in bad] == ["lr"]
    refused("bad_setting", ex.parse_settings, "lr=0.5")


def test_the_stored_query_is_canonical_and_reads_back_the_same():
    query = ex.check_settings("activation=RELU&hidden=8%2C2&noise=0&dataset=circle")
    assert query == "hidden=8,2&activation=relu"  # the page's order; defaults left out
    assert ex.parse_settings(query) == {"hidden": [8, 2], "activation": "relu"}
    assert ex.check_settings("activation=tanh") == ""  # every value the default: the page as it opens


def test_an_experiment_is_a_whole_page_the_defaults_under_what_it_sets():
    page = ex.settings_of(ex.parse_settings("activation=relu"))
    assert set(page) == set(DEFAULTS) and page["activation"] == "relu" and page["hidden"] == [4, 2]
    page["hidden"].append(9)
    assert DEFAULTS["hidden"] == [4, 2]  # the defaults are not shared with the page


# ----------------------------------------------------------------- the cost cap


def cost(query: str) -> float:
    return ex.training_cost(ex.parse_settings(query))


def test_relu_with_four_units_passes_and_max_speed_on_the_largest_network_is_refused():
    assert ex.check_settings("activation=relu&hidden=4") == "hidden=4&activation=relu"
    error = refused("too_costly", ex.check_settings, "speed=max&hidden=16,16,16,16,16,16&n=2000")
    assert error.details["limit"] == limits.MAX_EXPERIMENT_COST and error.details["side"] == "all"
    assert error.details["cost"] > 50 * limits.MAX_EXPERIMENT_COST


@pytest.mark.parametrize("query", [  # what limits.MAX_EXPERIMENT_COST's comment says passes
    "", "speed=5", "activation=relu&hidden=4&speed=10", "hidden=8,8,8&speed=5",
    "hidden=16,16,16,16,16,16", "speed=max&hidden=&n=50&batch=1000", "dataset=draw",
    "activation=identity", "activation=tanh"])
def test_settings_a_class_can_train_pass(query):
    assert cost(query) <= limits.MAX_EXPERIMENT_COST
    ex.check_settings(query)


@pytest.mark.parametrize("query", [  # and what it says is refused
    "speed=10", "activation=relu&hidden=4&speed=20", "hidden=8,8,8&speed=10", "speed=max",
    "hidden=16,16,16,16,16,16&n=2000", "batch=1&n=2000"])
def test_settings_too_heavy_for_a_class_are_refused(query):
    refused("too_costly", ex.check_settings, query)


def test_the_cost_grows_with_what_the_server_must_do():
    assert cost("") == pytest.approx(0.0175, rel=0.05)  # the defaults: ~0.018 of a core
    assert cost("speed=2") == pytest.approx(2 * cost(""))
    assert cost("speed=max") == pytest.approx(100 * cost(""))  # counted as the fastest numeric speed
    assert cost("trn_compare=relu,elu,gelu") == pytest.approx(4 * cost(""))  # three more networks
    assert cost("batch=1") > cost("batch=10") > cost("batch=100")  # more steps, more overhead
    assert cost("n=2000") > cost("n=1000") > cost("") and cost("ratio=90") > cost("ratio=10")
    assert cost("hidden=16,16") > cost("hidden=8") > cost("hidden=")
    assert cost("features=x1,x2,x1sq,x2sq") > cost("")
    assert cost("dataset=upload") > cost("n=2000")  # a file counts as the largest the page reads


def test_the_estimate_is_near_a_real_epochs_cpu_time():
    """Within a factor of 5 either way, on this machine or a slower one: enough to tell
    a class's settings from ones tens of times too heavy (the cap's only job)."""
    X, y = make_dataset("circle", n=500, seed=1)
    trainer = Trainer(TrainConfig(hidden=(8, 8, 8), batch_size=10, optimizer="adam"), *train_test_split(X, y, 0.5))
    trainer.run(2)
    start = time.thread_time()
    trainer.run(40)
    measured = (time.thread_time() - start) / 40
    estimated = ex.epoch_seconds(ex.settings_of(ex.parse_settings("hidden=8,8,8")))
    assert estimated / 5 < measured < estimated * 5, (estimated, measured)


@pytest.mark.parametrize("lang", LANGS)
def test_the_refusal_says_how_heavy_in_the_teachers_language(lang):
    error = refused("too_costly", ex.check_settings, "speed=max&hidden=16,16,16,16,16,16&n=2000")
    sentence = t(f"class_error_{error.code}", lang, **error.details)
    assert f"{error.details['cost']:.0%}" in sentence and "15%" in sentence


# ----------------------------------------------------------------- through the store


def test_the_class_gets_the_experiment_as_a_whole_page(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 2)
    assert ex.class_experiment(store_engine, made.code, tokens[0]) is None
    state = ex.set_experiment(store_engine, made.code, made.secret, "hidden=4&activation=relu")
    assert state.revision == 1
    got = ex.class_experiment(store_engine, made.code, tokens[1])
    assert (got.revision, got.side, got.query) == (1, "all", "hidden=4&activation=relu")
    assert got.settings == {**DEFAULTS, "hidden": [4], "activation": "relu"}


def test_a_split_gives_each_half_its_page(store_engine):
    made = store.create_class(store_engine)
    tokens = seat(store_engine, made, 2)
    ex.set_experiment(store_engine, made.code, made.secret, {"a": "activation=identity", "b": "activation=tanh"})
    odd, even = (ex.class_experiment(store_engine, made.code, t) for t in tokens)
    assert (odd.side, odd.settings["activation"], even.side, even.settings["activation"]) == (
        "a", "identity", "b", "tanh")
    assert even.query == "" and even.settings == DEFAULTS  # tanh is the page's default
    ex.set_experiment(store_engine, made.code, made.secret, None)
    assert ex.class_experiment(store_engine, made.code, tokens[0]) is None


@pytest.mark.parametrize(("settings", "code", "details"), [
    ({"a": "activation=relu", "b": "speed=max"}, "too_costly", {"side": "b"}),
    ({"a": "activaton=relu", "b": "activation=tanh"}, "bad_setting", {"key": "activaton", "side": "a"}),
    ("hidden=99", "bad_setting", {"key": "hidden", "side": "all"}),
    ({"all": "activation=relu"}, "bad_argument", {"name": "settings"}),
    ({"a": "activation=relu"}, "bad_argument", {"name": "settings"}),
    (["activation=relu"], "bad_argument", {"name": "settings"}),
    ({"a": 4, "b": "activation=relu"}, "bad_argument", {"name": "settings"}),
    ("x" * 2001, "bad_argument", {"name": "settings"}),
])
def test_a_refused_experiment_changes_nothing(store_engine, settings, code, details):
    made = store.create_class(store_engine)
    ex.set_experiment(store_engine, made.code, made.secret, "activation=relu")
    error = refused(code, ex.set_experiment, store_engine, made.code, made.secret, settings)
    assert details.items() <= error.details.items()
    assert experiments.current_experiment(store_engine, made.code, made.secret) == \
        experiments.Experiment(1, {"all": "activation=relu"})


def test_an_experiment_this_version_cannot_read_leaves_learners_their_settings(store_engine):
    made = store.create_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=retired"})
    assert ex.class_experiment(store_engine, made.code, token) is None


def test_a_forged_experiment_is_refused(store_engine):
    made = store.create_class(store_engine)
    refused("forbidden", ex.set_experiment, store_engine, made.code, "not the secret", "activation=relu")
    assert experiments.current_experiment(store_engine, made.code, made.secret) is None
