"""The teacher's actions: pace the class, reveal, run the quizzes, remove, hide names.

Each takes the class code and the teacher's secret (checked by its SHA-256, in constant
time; a wrong secret or an unknown code: ``forbidden``), is one short transaction that
locks the class's row, counts as activity, raises the class's ``revision`` by one, and
returns the new :class:`~core.classroom.access.ClassState`. Ending the class is
:func:`core.classroom.store.end_class` (it returns the CSV first).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, RowMapping, delete, func, insert, select, update

from core.classroom import limits
from core.classroom.access import ClassState, check_id, class_by_code, state_of, teacher_class
from core.classroom.errors import ClassError
from core.classroom.schema import answers, big_screens, classes, learners, networks, reveals, transaction
from core.classroom.tokens import normalize_code

__all__ = ["close_quiz", "hide_nicknames", "open_quiz", "open_step", "remove_learner", "reveal", "teacher_action"]

Bind = Engine | Connection
Change = Callable[[Connection, RowMapping], dict]


def teacher_action(bind: Bind, code: object, secret: object, change: Change) -> ClassState:
    """Check the secret, apply ``change`` (it returns the class row's new values), count
    the action, and read the state back: all in one transaction. Every teacher action is
    one of these (also the experiment's, :mod:`core.classroom.experiments`)."""
    code = normalize_code(code)
    with transaction(bind, write=True) as conn:
        row = teacher_class(conn, code, secret)
        values = change(conn, row)
        conn.execute(update(classes).where(classes.c.id == row["id"]).values(
            **values, revision=classes.c.revision + 1, active_at=limits.now()))
        return state_of(class_by_code(conn, code, counts=True))


def _was_revealed(conn: Connection, class_id: int, step: str) -> bool:
    return conn.execute(select(reveals.c.question).where(
        reveals.c.class_id == class_id, reveals.c.question == step)).first() is not None


def open_step(bind: Bind, code: object, secret: object, step: object) -> ClassState:
    """Move the class to lesson step ``step`` (its id, e.g. ``"stack"``): every learner's
    page follows, and the step's question takes answers unless it was revealed before
    (a step revealed once stays revealed: going back to it shows its reveal)."""
    step = check_id("step", step)
    return teacher_action(bind, code, secret, lambda conn, row: {
        "mode": "step", "step": step, "revealed": _was_revealed(conn, row["id"], step)})


def _reveal(conn: Connection, row: RowMapping) -> dict:
    if row["mode"] != "step":
        raise ClassError("closed", phase="step", question=row["step"])
    if not row["revealed"] and not _was_revealed(conn, row["id"], row["step"]):
        count = conn.execute(select(func.count()).select_from(reveals).where(reveals.c.class_id == row["id"])).scalar()
        if count >= limits.MAX_REVEALS_PER_CLASS:
            raise ClassError("full", what="reveals", limit=limits.MAX_REVEALS_PER_CLASS)
        conn.execute(insert(reveals).values(class_id=row["id"], question=row["step"]))
    return {"revealed": True}


def reveal(bind: Bind, code: object, secret: object) -> ClassState:
    """Reveal the open step's answer: learners' pages show it, the board marks the right
    option, and the step takes no more answers. ``closed`` when no step is open;
    ``full`` beyond MAX_REVEALS_PER_CLASS revealed steps."""
    return teacher_action(bind, code, secret, _reveal)


def open_quiz(bind: Bind, code: object, secret: object, phase: object) -> ClassState:
    """Open the quiz before (``pre``) or after (``post``) the lesson: its questions take
    answers until :func:`close_quiz` or another step or quiz is opened."""
    if phase not in ("pre", "post"):
        raise ClassError("bad_argument", name="phase", value=str(phase)[:40])
    return teacher_action(bind, code, secret, lambda conn, row: {"mode": phase})


def _close(conn: Connection, row: RowMapping) -> dict:
    if row["mode"] not in ("pre", "post"):
        raise ClassError("closed", phase=row["mode"], question=None)
    return {"mode": "lobby"}


def close_quiz(bind: Bind, code: object, secret: object) -> ClassState:
    """Close the open quiz: the class waits in the lobby. ``closed`` if no quiz is open."""
    return teacher_action(bind, code, secret, _close)


def remove_learner(bind: Bind, code: object, secret: object, number: object) -> ClassState:
    """Remove learner ``number`` (from :func:`core.classroom.results.learner_list`): their
    answers, network report and nickname are deleted, their token is refused from now on (``removed``),
    and their seat still counts towards MAX_LEARNERS_PER_CLASS (a row is left: the
    token's hash and the number). ``not_joined`` when
    the class has no such learner."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise ClassError("bad_argument", name="number", value=str(number)[:40])

    def change(conn: Connection, row: RowMapping) -> dict:
        who = conn.execute(select(learners.c.id).where(
            learners.c.class_id == row["id"], learners.c.number == number, learners.c.removed.is_(False))
            .with_for_update(key_share=True)).scalar()
        if who is None:
            raise ClassError("not_joined", number=number)
        conn.execute(delete(answers).where(answers.c.learner_id == who))
        conn.execute(delete(networks).where(networks.c.learner_id == who))
        conn.execute(delete(big_screens).where(big_screens.c.learner_id == who))
        conn.execute(update(learners).where(learners.c.id == who).values(removed=True, nickname=None,
                                                                         answers_used=0))
        return {}

    return teacher_action(bind, code, secret, change)


def hide_nicknames(bind: Bind, code: object, secret: object, hide: bool = True) -> ClassState:
    """Set the class's hide-nicknames flag: the pages that show names (the board on the
    projector) show "Learner 7" instead. Nothing is deleted."""
    return teacher_action(bind, code, secret, lambda conn, row: {"hide_nicknames": bool(hide)})
