"""The class store's API, end to end, on SQLite and on a real PostgreSQL server.

Every test runs twice (``store_engine``: a SQLite file, a PostgreSQL schema of its own).
What a page does is one call here; what the store keeps is read back from its tables.
"""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import Engine, create_engine, event, func, inspect, select, update

from core.classroom import experiments, limits, networks, results, store, teacher
from core.classroom.errors import ClassError
from core.classroom.schema import SCHEMA_VERSION, answers, classes, ensure_schema, learners, metadata, schema_info
from core.classroom.tokens import ALPHABET, hash_token, new_learner_token


def new_class(engine: Engine) -> store.NewClass:
    return store.create_class(engine)


def seat(engine: Engine, made: store.NewClass, n: int, nickname=None) -> list[str]:
    """``n`` learners join ``made``; their tokens, in joining order (numbers 1…n)."""
    tokens = [new_learner_token() for _ in range(n)]
    for token in tokens:
        store.join_class(engine, made.code, token, nickname)
    return tokens


def refused(code: str, call, *args, **kwargs) -> ClassError:
    with pytest.raises(ClassError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


# ----------------------------------------------------------------- schema


def test_the_schema_is_created_with_its_version(store_engine):
    ensure_schema(store_engine)  # a second call changes nothing
    with store_engine.connect() as conn:
        assert set(metadata.tables) <= set(inspect(conn).get_table_names())
        assert conn.execute(select(schema_info)).all() == [(1, SCHEMA_VERSION)]


def test_another_schema_version_is_refused(store_engine):
    with store_engine.begin() as conn:
        conn.execute(update(schema_info).values(version=SCHEMA_VERSION + 1))
    error = refused("schema", ensure_schema, store_engine)
    assert error.details == {"found": SCHEMA_VERSION + 1, "expected": SCHEMA_VERSION}


#: The tables each older version did not have yet.
ADDED_SINCE = {1: ("class_networks", "class_experiments", "class_big_screens"), 2: ("class_big_screens",)}


@pytest.mark.parametrize("version", sorted(ADDED_SINCE))
def test_an_older_database_is_upgraded_in_place_and_keeps_its_classes(store_engine, version):
    """Version 1 had no class_networks and class_experiments, version 2 no
    class_big_screens: ensure_schema adds them."""
    made = new_class(store_engine)
    token = seat(store_engine, made, 1, "Ada")[0]
    added = [metadata.tables[name] for name in ADDED_SINCE[version]]
    with store_engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table in added:
                table.drop(conn)
        conn.execute(update(schema_info).values(version=version))
    ensure_schema(store_engine)
    with store_engine.connect() as conn:
        assert {t.name for t in added} <= set(inspect(conn).get_table_names())
        assert conn.execute(select(schema_info.c.version)).scalar() == SCHEMA_VERSION == 3
    assert store.class_state(store_engine, made.code, token).learner == store.Learner(1, "Ada")
    assert networks.store_network_report(store_engine, made.code, token, "{}")


def test_sqlite_connections_get_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'class.sqlite3'}")
    with engine.connect() as conn:  # opened before the store saw the engine: dropped by prepare_engine
        conn.exec_driver_sql("SELECT 1")
    ensure_schema(engine)
    with engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")}
    engine.dispose()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10_000, "synchronous": 1}


# ----------------------------------------------------------------- create, join, follow


def test_a_class_has_an_unambiguous_code_and_only_its_secrets_hash_is_stored(store_engine):
    made = new_class(store_engine)
    assert len(made.code) == limits.CODE_LENGTH and set(made.code) <= set(ALPHABET)
    assert not set("01OIL") & set(ALPHABET) and len(ALPHABET) == 31
    assert len(made.secret) >= 43 and made.secret not in repr(made)
    token = seat(store_engine, made, 1)[0]
    dump = table_dump(store_engine)
    assert made.secret not in dump and token not in dump
    assert hash_token(made.secret) in dump and hash_token(token) in dump


def table_dump(engine: Engine) -> str:
    """Every value of every store table, as one string."""
    with engine.connect() as conn:
        return repr([conn.execute(select(table)).all() for table in metadata.sorted_tables])


def test_joining_again_with_the_same_token_is_the_same_learner(store_engine):
    made = new_class(store_engine)
    token = new_learner_token()
    first = store.join_class(store_engine, made.code, token)
    assert first == store.Learner(1, None)
    assert store.join_class(store_engine, made.code.lower(), token, "Ada") == store.Learner(1, "Ada")
    assert store.join_class(store_engine, f"{made.code[:4]}-{made.code[4:]}", token) == store.Learner(1, "Ada")
    assert store.join_class(store_engine, made.code, new_learner_token()) == store.Learner(2, None)
    view = store.class_state(store_engine, made.code, token)
    assert view.learner == store.Learner(1, "Ada") and view.state.joined == 2


def test_a_late_joiner_lands_on_the_current_step(store_engine):
    made = new_class(store_engine)
    teacher.open_step(store_engine, made.code, made.secret, "bend")
    token = seat(store_engine, made, 1)[0]
    view = store.class_state(store_engine, made.code, token)
    assert (view.state.mode, view.state.step, view.state.revealed, view.mine) == ("step", "bend", False, {})


def test_unknown_ended_and_malformed_codes_say_so(store_engine):
    token = new_learner_token()
    refused("unknown_class", store.join_class, store_engine, "ABCDEFGH", token)
    refused("bad_code", store.join_class, store_engine, "ABC", token)
    refused("bad_code", store.join_class, store_engine, "ABCDEFG0", token)  # 0 is not in the alphabet
    refused("bad_code", store.join_class, store_engine, None, token)
    refused("bad_token", store.join_class, store_engine, "ABCDEFGH", "short")
    refused("bad_token", store.join_class, store_engine, "ABCDEFGH", "<script>" * 4)
    made = new_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    store.end_class(store_engine, made.code, made.secret)
    refused("ended", store.join_class, store_engine, made.code, new_learner_token())
    refused("ended", store.class_state, store_engine, made.code, token)
    refused("ended", store.submit_answer, store_engine, made.code, token, "pre", "stack", "affine")
    refused("ended", teacher.open_step, store_engine, made.code, made.secret, "line")
    refused("forbidden", teacher.open_step, store_engine, made.code, "not the secret", "line")


def test_following_needs_a_joined_token(store_engine):
    made = new_class(store_engine)
    refused("not_joined", store.class_state, store_engine, made.code, new_learner_token())
    # An unknown code reads the same as a wrong token: this call is no oracle of codes.
    refused("not_joined", store.class_state, store_engine, "ABCDEFGH", new_learner_token())


def test_following_writes_nothing(store_engine):
    made = new_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    before = table_dump(store_engine)
    for _ in range(3):
        store.class_state(store_engine, made.code, token)
        results.board(store_engine, made.code, made.secret)
    assert table_dump(store_engine) == before


def test_the_teacher_resumes_with_the_secret_alone(store_engine):
    made = new_class(store_engine)
    teacher.open_step(store_engine, made.code, made.secret, "slope")
    state = store.resume_class(store_engine, made.secret)
    assert (state.code, state.mode, state.step) == (made.code, "step", "slope")
    refused("forbidden", store.resume_class, store_engine, "x" * 43)
    refused("forbidden", store.resume_class, store_engine, None)
    refused("forbidden", store.resume_class, store_engine, "x" * 10_000)


# ----------------------------------------------------------------- paced steps


def test_a_step_takes_answers_until_the_reveal_and_the_last_one_counts(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 4)
    state = teacher.open_step(store_engine, made.code, made.secret, "stack")
    assert (state.mode, state.step, state.revealed, state.revision) == ("step", "stack", False, 1)
    for token, option in zip(tokens, ["line", "bend", "line", "loop"]):
        store.submit_answer(store_engine, made.code, token, "step", "stack", option)
    store.submit_answer(store_engine, made.code, tokens[1], "step", "stack", "line")  # changed: the last counts
    board = results.board(store_engine, made.code, made.secret)
    assert (board.phase, board.question, board.answered) == ("step", "stack", 4)
    assert board.distribution == {"line": 3, "loop": 1} and board.state.joined == 4
    assert store.class_state(store_engine, made.code, tokens[1]).mine == {"stack": "line"}
    state = teacher.reveal(store_engine, made.code, made.secret)
    assert state.revealed and state.answered == 4
    error = refused("closed", store.submit_answer, store_engine, made.code, tokens[0], "step", "stack", "bend")
    assert error.details == {"phase": "step", "question": "stack"}
    assert results.board(store_engine, made.code, made.secret).distribution == {"line": 3, "loop": 1}


def test_answers_to_a_step_that_is_not_open_are_refused_and_not_stored(store_engine):
    made = new_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    refused("closed", store.submit_answer, store_engine, made.code, token, "step", "stack", "line")  # lobby
    teacher.open_step(store_engine, made.code, made.secret, "stack")
    refused("closed", store.submit_answer, store_engine, made.code, token, "step", "bend", "all")  # another step
    refused("closed", store.submit_answer, store_engine, made.code, token, "pre", "stack", "affine")  # no quiz
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    refused("closed", store.submit_answer, store_engine, made.code, token, "post", "stack", "affine")
    refused("closed", store.submit_answer, store_engine, made.code, token, "step", "stack", "line")  # quiz open
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(answers)).scalar() == 0


def test_a_revealed_step_stays_revealed_when_the_class_comes_back_to_it(store_engine):
    made = new_class(store_engine)
    token = seat(store_engine, made, 1)[0]
    teacher.open_step(store_engine, made.code, made.secret, "stack")
    teacher.reveal(store_engine, made.code, made.secret)
    assert not teacher.open_step(store_engine, made.code, made.secret, "bend").revealed
    assert teacher.open_step(store_engine, made.code, made.secret, "stack").revealed
    refused("closed", store.submit_answer, store_engine, made.code, token, "step", "stack", "line")
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    refused("closed", teacher.reveal, store_engine, made.code, made.secret)


def test_no_distribution_until_three_have_answered(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 3)
    teacher.open_step(store_engine, made.code, made.secret, "slope")
    seen = []
    for token in tokens:
        store.submit_answer(store_engine, made.code, token, "step", "slope", "same")
        board = results.board(store_engine, made.code, made.secret)
        seen.append((board.answered, board.distribution))
    assert seen == [(1, None), (2, None), (3, {"same": 3})]
    assert limits.MIN_FOR_DISTRIBUTION == 3


def test_the_board_of_a_quiz_counts_per_question(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 3)
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    store.submit_answer(store_engine, made.code, tokens[0], "pre", "stack", "affine")
    store.submit_answer(store_engine, made.code, tokens[0], "pre", "slope", "w")
    store.submit_answer(store_engine, made.code, tokens[1], "pre", "stack", "curve")
    board = results.board(store_engine, made.code, made.secret)
    assert (board.phase, board.answered, board.per_question) == ("pre", 2, {"stack": 2, "slope": 1})
    one = results.board(store_engine, made.code, made.secret, "pre", "stack")
    assert (one.answered, one.distribution) == (2, None)
    view = store.class_state(store_engine, made.code, tokens[0])
    assert view.mine == {"stack": "affine", "slope": "w"}
    assert teacher.close_quiz(store_engine, made.code, made.secret).mode == "lobby"
    refused("closed", teacher.close_quiz, store_engine, made.code, made.secret)


# ----------------------------------------------------------------- teacher's rights


def forged_actions(code: str, secret: object):
    yield teacher.open_step, (code, secret, "stack")
    yield teacher.reveal, (code, secret)
    yield teacher.open_quiz, (code, secret, "pre")
    yield teacher.close_quiz, (code, secret)
    yield teacher.remove_learner, (code, secret, 1)
    yield teacher.hide_nicknames, (code, secret, True)
    yield store.end_class, (code, secret)
    yield results.board, (code, secret)
    yield results.quiz_results, (code, secret, {"stack": "affine"})
    yield results.learner_list, (code, secret)
    yield results.export_csv, (code, secret)
    yield networks.network_rows, (code, secret)
    yield experiments.store_experiment, (code, secret, {"all": "activation=relu"})
    yield experiments.current_experiment, (code, secret)


def test_forged_teacher_actions_are_refused_and_change_nothing(store_engine):
    made, other = new_class(store_engine), new_class(store_engine)
    seat(store_engine, made, 1, "Ada")
    teacher.open_step(store_engine, made.code, made.secret, "line")
    before = table_dump(store_engine)
    for secret in (other.secret, made.secret[:-1], made.secret + "x", "", None, 42, "x" * 100_000):
        for action, args in forged_actions(made.code, secret):
            refused("forbidden", action, store_engine, *args)
    for action, args in forged_actions("ABCDEFGH", made.secret):  # an unknown code reads the same
        refused("forbidden", action, store_engine, *args)
    assert table_dump(store_engine) == before


def test_removing_a_learner_deletes_their_answers_and_refuses_their_token(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 3, "Bob")
    teacher.open_step(store_engine, made.code, made.secret, "stack")
    for token in tokens:
        store.submit_answer(store_engine, made.code, token, "step", "stack", "line")
    state = teacher.remove_learner(store_engine, made.code, made.secret, 2)
    assert (state.joined, state.answered) == (2, 2)
    assert [e.number for e in results.learner_list(store_engine, made.code, made.secret)] == [1, 3]
    for call, args in ((store.class_state, ()), (store.submit_answer, ("step", "stack", "bend")),
                       (store.join_class, ())):
        refused("removed", call, store_engine, made.code, tokens[1], *args)
    refused("not_joined", teacher.remove_learner, store_engine, made.code, made.secret, 2)
    refused("not_joined", teacher.remove_learner, store_engine, made.code, made.secret, 99)
    refused("bad_argument", teacher.remove_learner, store_engine, made.code, made.secret, "2")
    assert store.join_class(store_engine, made.code, new_learner_token()).number == 4  # seats are not reused
    with store_engine.connect() as conn:
        removed = conn.execute(select(learners).where(learners.c.number == 2)).mappings().one()
    assert removed["removed"] and removed["nickname"] is None


def test_hiding_nicknames_is_a_flag_every_page_reads(store_engine):
    made = new_class(store_engine)
    token = seat(store_engine, made, 1, "Ada")[0]
    assert teacher.hide_nicknames(store_engine, made.code, made.secret).hide_nicknames
    view = store.class_state(store_engine, made.code, token)
    assert view.state.hide_nicknames and view.state.revision == 1
    assert not teacher.hide_nicknames(store_engine, made.code, made.secret, False).hide_nicknames
    assert results.learner_list(store_engine, made.code, made.secret)[0].nickname == "Ada"


# ----------------------------------------------------------------- the quiz's gain


def test_the_gain_counts_only_learners_who_took_both_quizzes(store_engine):
    """Four learners take both quizzes of two questions, a fifth only the first.

    Right answers: q1 → a, q2 → a.
    learner  pre q1 q2   post q1 q2
    1            a  a         a  a     2 → 2
    2            b  a         a  a     1 → 2
    3            b  b         a  b     0 → 1
    4            b  -         a  a     0 → 2 (an unanswered question is wrong)
    5            a  a         -  -     took only the quiz before: not counted
    q1: right before 1 of 4, after 4 of 4: g = (4 − 1)/(4 − 1) = 1
    q2: right before 2 of 4, after 3 of 4: g = (3 − 2)/(4 − 2) = 0.5
    all: before 3 of 8 (37.5 %), after 7 of 8 (87.5 %): g = (7 − 3)/(8 − 3) = 0.8
    """
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 5)
    before = [("a", "a"), ("b", "a"), ("b", "b"), ("b", None), ("a", "a")]
    after = [("a", "a"), ("a", "a"), ("a", "b"), ("a", "a"), (None, None)]
    for phase, sheet in (("pre", before), ("post", after)):
        teacher.open_quiz(store_engine, made.code, made.secret, phase)
        for token, chosen in zip(tokens, sheet):
            for question, option in zip(("q1", "q2"), chosen):
                if option:
                    store.submit_answer(store_engine, made.code, token, phase, question, option)
    got = results.quiz_results(store_engine, made.code, made.secret, {"q1": "a", "q2": "a"})
    assert (got.took_pre, got.took_post) == (5, 4)
    assert got.questions["q1"] == results.Gain(n=4, total=4, right_pre=1, right_post=4)
    assert got.questions["q2"] == results.Gain(n=4, total=4, right_pre=2, right_post=3)
    assert got.overall == results.Gain(n=4, total=8, right_pre=3, right_post=7)
    assert (got.questions["q1"].gain, got.questions["q2"].gain, got.overall.gain) == (1.0, 0.5, 0.8)
    assert (got.overall.pre, got.overall.post) == (0.375, 0.875)


def test_the_gain_is_none_where_everyone_was_right_before(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 2)
    for phase in ("pre", "post"):
        teacher.open_quiz(store_engine, made.code, made.secret, phase)
        for token in tokens:
            store.submit_answer(store_engine, made.code, token, phase, "q1", "a")
    got = results.quiz_results(store_engine, made.code, made.secret, {"q1": "a"})
    assert got.questions["q1"].pre == 1.0 and got.questions["q1"].gain is None
    fresh = new_class(store_engine)
    nobody = results.quiz_results(store_engine, fresh.code, fresh.secret, {"q1": "a"})
    assert (nobody.overall.n, nobody.overall.pre, nobody.overall.gain) == (0, None, None)


# ----------------------------------------------------------------- CSV and the end


def read_csv(text_: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text_)))


def test_the_csv_has_a_row_per_learner_question_and_phase(store_engine):
    made = new_class(store_engine)
    tokens = seat(store_engine, made, 2, "=HYPERLINK(\"http://x\")")
    teacher.open_quiz(store_engine, made.code, made.secret, "pre")
    store.submit_answer(store_engine, made.code, tokens[0], "pre", "stack", "curve")
    teacher.open_step(store_engine, made.code, made.secret, "stack")
    store.submit_answer(store_engine, made.code, tokens[1], "step", "stack", "line")
    teacher.open_quiz(store_engine, made.code, made.secret, "post")
    store.submit_answer(store_engine, made.code, tokens[0], "post", "stack", "affine")
    plain = read_csv(results.export_csv(store_engine, made.code, made.secret))
    assert [list(r) for r in plain[:1]] == [["learner", "phase", "question", "option", "answered_at"]]
    assert [(r["learner"], r["phase"], r["question"], r["option"]) for r in plain] == [
        ("1", "pre", "stack", "curve"), ("1", "post", "stack", "affine"), ("2", "step", "stack", "line")]
    assert all(r["answered_at"].endswith("+00:00") for r in plain)
    full = read_csv(results.export_csv(store_engine, made.code, made.secret, nicknames=True,
                                       correct={"stack": "affine"}))
    assert [(r["nickname"], r["correct"]) for r in full] == [("'=HYPERLINK(\"http://x\")", "0"),
                                                              ("'=HYPERLINK(\"http://x\")", "1"),
                                                              ("'=HYPERLINK(\"http://x\")", "")]


def test_ending_the_class_returns_the_csv_then_deletes_every_row(store_engine):
    made, other = new_class(store_engine), new_class(store_engine)
    tokens = seat(store_engine, made, 3, "Ada")
    keep = seat(store_engine, other, 1)[0]
    teacher.open_step(store_engine, made.code, made.secret, "line")
    for token in tokens:
        store.submit_answer(store_engine, made.code, token, "step", "line", "50")
        networks.store_network_report(store_engine, made.code, token, "{}")
    experiments.store_experiment(store_engine, made.code, made.secret, {"all": "activation=relu"})
    networks.put_on_big_screen(store_engine, made.code, made.secret, 1)
    exported = results.export_csv(store_engine, made.code, made.secret, nicknames=True)
    assert store.end_class(store_engine, made.code, made.secret, nicknames=True) == exported
    assert len(read_csv(exported)) == 3
    with store_engine.connect() as conn:
        class_id = conn.execute(select(classes.c.id).where(classes.c.code == made.code)).scalar()
        left = {t.name: conn.execute(select(func.count()).select_from(t).where(t.c.class_id == class_id)).scalar()
                for t in metadata.sorted_tables if "class_id" in t.c}
        tomb = conn.execute(select(classes).where(classes.c.id == class_id)).mappings().one()
    assert left == {"class_learners": 0, "class_answers": 0, "class_reveals": 0, "class_networks": 0,
                    "class_experiments": 0, "class_big_screens": 0}
    assert tomb["end_reason"] == "ended" and tomb["ended_at"] is not None
    assert store.class_state(store_engine, other.code, keep).learner.number == 1  # other classes untouched


# ----------------------------------------------------------------- a Connection works too


def test_a_connection_in_the_callers_transaction_is_used_as_is(store_engine):
    made = new_class(store_engine)
    with store_engine.connect() as conn:
        with conn.begin() as outer:
            teacher.open_step(conn, made.code, made.secret, "care")
            assert store.resume_class(conn, made.secret).step == "care"
            outer.rollback()
    assert store.resume_class(store_engine, made.secret).step is None
    with store_engine.connect() as conn:  # not in a transaction: the store opens and commits one
        teacher.open_step(conn, made.code, made.secret, "care")
    assert store.resume_class(store_engine, made.secret).step == "care"


# ----------------------------------------------------------------- cheap enough to poll


def query_plans(engine, calls) -> list[str]:
    """SQLite's query plan of every statement ``calls()`` runs on ``engine`` (then disposed)."""
    seen: list[tuple[str, object]] = []
    listen = (lambda conn, cursor, statement, parameters, context, many:
              seen.append((statement, parameters)))
    event.listen(engine, "before_cursor_execute", listen)
    calls()
    event.remove(engine, "before_cursor_execute", listen)
    plans = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "INSERT", "DELETE")):
                plans += [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    engine.dispose()
    return plans


def test_the_frequent_calls_search_indexes_and_never_scan_a_table(tmp_path):
    """What pages call every second or two (the board, a learner's state, an answer) runs
    only indexed statements: SQLite's query plan of each says SEARCH, never SCAN."""
    engine = create_engine(f"sqlite:///{tmp_path / 'class.sqlite3'}")
    ensure_schema(engine)
    made = new_class(engine)
    tokens = seat(engine, made, 3)
    teacher.open_step(engine, made.code, made.secret, "stack")

    def poll() -> None:
        for token in tokens:
            store.submit_answer(engine, made.code, token, "step", "stack", "line")
            store.class_state(engine, made.code, token)
        results.board(engine, made.code, made.secret)

    plans = query_plans(engine, poll)
    assert plans and not [p for p in plans if p.startswith("SCAN")], plans
