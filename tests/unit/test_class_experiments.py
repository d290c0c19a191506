"""The teacher's experiment: the store's side (``core.classroom.experiments``, on SQLite
and PostgreSQL), then the settings' side (``core.guide.experiment``: the link parser,
the cost cap, the page's calls)."""

from __future__ import annotations

import pytest

from core.classroom import experiments, store, teacher
from core.classroom.tokens import new_learner_token
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
