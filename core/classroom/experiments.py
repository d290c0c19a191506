"""The teacher's experiment as the store keeps it: the settings of each side, a revision.

The teacher sets the class's training settings and every learner's training page
applies them, once each (it remembers the ``revision`` it applied). Settings are a
training-page query (``activation=relu&hidden=4``), checked by the training page's own
link parser, held to the class's cost cap and made canonical above this floor, in
:mod:`core.guide.experiment` (the page's way in: it knows the training settings, this
floor does not). Here only what the store must hold itself is checked: each side is at
most MAX_EXPERIMENT_CHARS characters of a query (letters, digits and ``_.,=&%+~-``).

Sides: :data:`EVERYONE` (``"all"``), one query for the whole class; or a split, ``"a"``
for learners with an odd number (1, 3, 5, …) and ``"b"`` for even numbers, so a class
compares two settings half against half (numbers are given in joining order, so the
two halves differ by one learner at most, less the removed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, RowMapping, insert, select, update

from core.classroom import limits
from core.classroom.access import ClassState, class_by_code, learner_of, live, teacher_class
from core.classroom.errors import ClassError
from core.classroom.schema import experiments, transaction
from core.classroom.teacher import teacher_action
from core.classroom.tokens import learner_token_hash, normalize_code

__all__ = [
    "EVERYONE",
    "SPLIT",
    "Experiment",
    "LearnerExperiment",
    "check_sides",
    "current_experiment",
    "experiment_for",
    "side_of",
    "store_experiment",
]

Bind = Engine | Connection
#: The one side of an experiment that is not split.
EVERYONE = "all"
#: The sides of a split: odd learner numbers, even learner numbers.
SPLIT = ("a", "b")
# What a canonical query (urllib's urlencode) is made of.
_QUERY = re.compile(r"[A-Za-z0-9_.,=&%+~-]*")


def side_of(number: int) -> str:
    """The side of a split learner ``number`` is on: ``"a"`` for odd, ``"b"`` for even."""
    return SPLIT[0] if number % 2 else SPLIT[1]


def _refuse(value: object) -> ClassError:
    return ClassError("bad_argument", name="settings", value=type(value).__name__)


def check_sides(sides: object) -> dict[str, str] | None:
    """``sides`` as stored: None (no experiment), ``{"all": query}`` or ``{"a": query,
    "b": query}``, each query at most MAX_EXPERIMENT_CHARS characters of a query; else
    ``ClassError("bad_argument", name="settings")``."""
    if sides is None:
        return None
    if not isinstance(sides, Mapping) or set(sides) not in ({EVERYONE}, set(SPLIT)):
        raise _refuse(sides)
    for query in sides.values():
        if not isinstance(query, str) or len(query) > limits.MAX_EXPERIMENT_CHARS or not _QUERY.fullmatch(query):
            raise _refuse(query)
    return dict(sides)


@dataclass(frozen=True)
class Experiment:
    """The class's experiment as the teacher set it: ``revision`` (1 for the first one,
    then one more for each set or cleared) and ``sides`` (:func:`check_sides`'s form;
    empty once cleared)."""

    revision: int
    sides: Mapping[str, str]


@dataclass(frozen=True)
class LearnerExperiment:
    """What one learner's page applies: the experiment's ``revision``, the learner's
    ``side`` (``"all"``, ``"a"`` or ``"b"``) and that side's ``query``."""

    revision: int
    side: str
    query: str


# ----------------------------------------------------------------- the teacher sets it


def _write(conn: Connection, class_id: int, sides: dict[str, str] | None) -> None:
    """Replace the class's experiment (or add its row), one revision further."""
    sides = sides or {}
    values = {"settings_a": sides.get(EVERYONE, sides.get(SPLIT[0])), "settings_b": sides.get(SPLIT[1]),
              "set_at": limits.now()}
    if not conn.execute(update(experiments).where(experiments.c.class_id == class_id)
                        .values(revision=experiments.c.revision + 1, **values)).rowcount:
        conn.execute(insert(experiments).values(class_id=class_id, revision=1, **values))


def store_experiment(bind: Bind, code: object, secret: object, sides: object) -> ClassState:
    """Set the class's experiment to ``sides`` (see :func:`check_sides`; None clears it):
    a teacher action (the class's ``revision`` grows, so a learner's page that follows
    the class state knows to read :func:`experiment_for`). The queries must be canonical
    and checked (:func:`core.guide.experiment.set_experiment` does both). Refusals:
    ``bad_argument``, ``forbidden``, ``ended``, ``expired``."""
    sides = check_sides(sides)

    def change(conn: Connection, row: RowMapping) -> dict:
        _write(conn, row["id"], sides)
        return {}

    return teacher_action(bind, code, secret, change)


# ----------------------------------------------------------------- reading it


def _experiment_row(conn: Connection, class_id: int) -> RowMapping | None:
    return conn.execute(select(experiments).where(experiments.c.class_id == class_id)).mappings().first()


def _sides_of(found: RowMapping) -> dict[str, str]:
    if found["settings_a"] is None:
        return {}
    if found["settings_b"] is None:
        return {EVERYONE: found["settings_a"]}
    return {SPLIT[0]: found["settings_a"], SPLIT[1]: found["settings_b"]}


def current_experiment(bind: Bind, code: object, secret: object) -> Experiment | None:
    """The class's experiment for the teacher's page (None before the first one is set);
    a read. ``forbidden`` without the right secret."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        found = _experiment_row(conn, teacher_class(conn, code, secret, lock=False)["id"])
    return None if found is None else Experiment(found["revision"], _sides_of(found))


def experiment_for(bind: Bind, code: object, learner_token: object) -> LearnerExperiment | None:
    """The settings the learner holding ``learner_token`` should train with: their side
    of the class's experiment, or None when there is none (never set, or cleared); a read.
    Refusals as :func:`core.classroom.store.class_state`'s: ``bad_code``, ``bad_token``,
    ``not_joined``, ``removed``, ``ended``, ``expired``."""
    code, token_hash = normalize_code(code), learner_token_hash(learner_token)
    with transaction(bind) as conn:
        row = live(class_by_code(conn, code), missing="not_joined")
        number = learner_of(conn, row["id"], token_hash)["number"]
        found = _experiment_row(conn, row["id"])
    sides = _sides_of(found) if found is not None else {}
    if not sides:
        return None
    side = EVERYONE if EVERYONE in sides else side_of(number)
    return LearnerExperiment(found["revision"], side, sides[side])
