"""The class's networks: each learner's latest network report, and the teacher's read.

While a learner of a class trains, the training page sends its network's state every
2 s or so; the store keeps the latest one per learner (one ``class_networks`` row,
replaced by each report) and the teacher's gallery reads them all. The store keeps a
report as the text :func:`core.guide.network_reports.encode` writes and never reads
inside it: what a report *is* (its fields, their catalogs, the boundary's shape) is
known above this floor, where the training page's settings are, and
:mod:`core.guide.network_reports` is the page's way in. Here only what the store must
hold itself is checked: a report is plain ASCII of at most MAX_REPORT_CHARS characters,
so no script can make a row larger than the caps in :mod:`core.classroom.limits` assume.

Rights: a learner writes only their own row (their token), the teacher reads the class's
(their secret); learners never read each other's networks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, RowMapping, delete, insert, or_, select, update

from core.classroom import limits
from core.classroom.access import ClassState, class_by_code, live, note_activity, state_of, teacher_class
from core.classroom.errors import ClassError
from core.classroom.schema import big_screens, classes, learners, networks, transaction
from core.classroom.tokens import learner_token_hash, normalize_code

__all__ = ["BigScreen", "NetworkRow", "NetworkRows", "big_screen", "big_screen_token", "check_network_text",
           "check_report_text", "network_rows", "put_on_big_screen", "store_network_report",
           "store_network_reports"]

Bind = Engine | Connection


def check_report_text(report: object) -> str:
    """``report`` if the store can keep it: a string of printable ASCII, at most
    MAX_REPORT_CHARS long; else ``ClassError("bad_report", field="report", problem=…)``
    (``type`` or ``too_large``)."""
    if not isinstance(report, str) or not report.isascii() or not report.isprintable():
        raise ClassError("bad_report", field="report", problem="type")
    if len(report) > limits.MAX_REPORT_CHARS:
        raise ClassError("bad_report", field="report", problem="too_large")
    return report


def check_network_text(network: object) -> str:
    """``network`` (a network file's text) if the store can keep it: ASCII (JSON as
    ``core.state.network_file.dumps`` writes it), at most MAX_NETWORK_CHARS long; else
    ``ClassError("bad_report", field="network", problem=…)``. What is inside is checked
    by the board, which reads it as a network file."""
    if not isinstance(network, str) or not network.isascii():
        raise ClassError("bad_report", field="network", problem="type")
    if len(network) > limits.MAX_NETWORK_CHARS:
        raise ClassError("bad_report", field="network", problem="too_large")
    return network


# ----------------------------------------------------------------- the learner's report


def _reporter(conn: Connection, class_id: int, token_hash: str) -> int:
    """The id of the learner with this token, their row locked until the transaction ends
    (after the class's row: the store's lock order), so two reports of one learner (two
    tabs) never race to insert the same row. ``not_joined`` or ``removed`` else."""
    row = conn.execute(select(learners.c.id, learners.c.removed).where(
        learners.c.class_id == class_id, learners.c.token_hash == token_hash)
        .with_for_update(key_share=True)).first()
    if row is None:
        raise ClassError("not_joined")
    if row.removed:
        raise ClassError("removed")
    return row.id


def _replace(conn: Connection, class_id: int, learner_id: int, report: str) -> bool:
    """Write the learner's report over their last one, unless that one is younger than
    MIN_REPORT_SECONDS (then nothing: False). A stored time in the future (another
    replica's clock ahead, or this one set back) does not block the learner."""
    moment = limits.now()
    fresh = conn.execute(update(networks).where(
        networks.c.learner_id == learner_id,
        or_(networks.c.reported_at <= moment - limits.MIN_REPORT_SECONDS, networks.c.reported_at > moment))
        .values(report=report, reported_at=moment))
    if fresh.rowcount:
        return True
    if conn.execute(select(networks.c.learner_id).where(networks.c.learner_id == learner_id)).first():
        return False  # too soon after the last one
    conn.execute(insert(networks).values(learner_id=learner_id, class_id=class_id, report=report,
                                         reported_at=moment))
    return True


def store_network_report(bind: Bind, code: object, learner_token: object, report: object) -> bool:
    """Keep ``report`` (the text of :func:`core.guide.network_reports.encode`) as the latest
    network of the learner holding ``learner_token``; True if it was stored.

    At most one report per learner per MIN_REPORT_SECONDS is stored: a sooner one is
    dropped quietly (False), since the learner can do nothing about it and the next one
    lands. A report counts as activity (the class's expiry is postponed, at most once per
    ACTIVITY_RESOLUTION). Refusals: ``bad_code``, ``bad_token``, ``bad_report`` (not
    printable ASCII, or over MAX_REPORT_CHARS), ``not_joined`` (also for a code with no
    class), ``removed``, ``ended``, ``expired``.
    """
    code, token_hash = normalize_code(code), learner_token_hash(learner_token)
    report = check_report_text(report)
    with transaction(bind, write=True) as conn:
        # The class's row is shared, as by answers: reports of different learners go side by side.
        row = live(class_by_code(conn, code, lock="share"), missing="not_joined")
        stored = _replace(conn, row["id"], _reporter(conn, row["id"], token_hash), report)
    if stored and row["active_at"] < limits.now() - limits.ACTIVITY_RESOLUTION:
        note_activity(bind, row["id"])
    return stored


def store_network_reports(bind: Bind, reports: Sequence[tuple[object, object, object]]) -> list[bool | ClassError]:
    """Several learners' reports, ``(code, learner_token, report)`` each, in one
    transaction (a fourth item, when not None: the learner's whole network, for the big
    screen, kept only while the teacher has them on it): a server process sends those of all its learners at once, so a class of
    60 costs one write a second instead of 30 side by side (SQLite lets one writer in at a
    time). For each, in order, what :func:`store_network_report` would return, or the
    :class:`ClassError` it would raise; a refusal does not stop the others (each is
    refused before it writes anything). Rows are locked in one order (class code, then
    token), so two processes' batches never wait on each other in a circle."""
    results: list[bool | ClassError | None] = [None] * len(reports)
    checked = []
    for i, (code, token, report, *whole) in enumerate(reports):
        try:
            network = check_network_text(whole[0]) if whole and whole[0] is not None else None
            checked.append((normalize_code(code), learner_token_hash(token), check_report_text(report), i, network))
        except ClassError as error:
            results[i] = error
    active: dict[int, float] = {}
    if checked:
        with transaction(bind, write=True) as conn:
            rows: dict[str, RowMapping | None] = {}  # each class read (and share-locked) once per batch
            for code, token_hash, report, i, network in sorted(checked, key=lambda c: c[:4]):
                try:
                    if code not in rows:
                        rows[code] = class_by_code(conn, code, lock="share")
                    row = live(rows[code], missing="not_joined")
                    learner_id = _reporter(conn, row["id"], token_hash)
                    results[i] = _replace(conn, row["id"], learner_id, report)
                    if network is not None:  # the big screen's copy, even when the report came too soon
                        _send_to_big_screen(conn, row["id"], learner_id, network)
                    if results[i]:
                        active[row["id"]] = row["active_at"]
                except ClassError as error:
                    results[i] = error
    for class_id, active_at in active.items():
        if active_at < limits.now() - limits.ACTIVITY_RESOLUTION:
            note_activity(bind, class_id)
    return results


# ----------------------------------------------------------------- the teacher's read


@dataclass(frozen=True)
class NetworkRow:
    """One learner's latest report as stored: their ``number``, their ``nickname`` (None
    when they gave none or the teacher hides nicknames), ``age`` (seconds since the report
    came, never negative) and the ``report`` text."""

    number: int
    nickname: str | None
    age: float
    report: str


@dataclass(frozen=True)
class NetworkRows:
    """The class's state (``hide_nicknames`` among it) and its learners' latest reports,
    by learner number."""

    state: ClassState
    rows: tuple[NetworkRow, ...]


def _rows(conn: Connection, row: RowMapping, hidden: bool) -> tuple[NetworkRow, ...]:
    found = conn.execute(select(learners.c.number, learners.c.nickname, networks.c.report, networks.c.reported_at)
                         .select_from(networks).join(learners, learners.c.id == networks.c.learner_id)
                         .where(networks.c.class_id == row["id"], learners.c.removed.is_(False))
                         .order_by(learners.c.number)).all()
    moment = limits.now()
    return tuple(NetworkRow(number, None if hidden else nickname, max(0.0, moment - reported_at), report)
                 for number, nickname, report, reported_at in found)


def network_rows(bind: Bind, code: object, secret: object) -> NetworkRows:
    """Every learner's latest network report in the class (removed learners left out), by
    number; a read that writes nothing. Nicknames are left out while the class hides them
    (the gallery is projected). ``forbidden`` without the right secret; ``ended`` /
    ``expired`` for a class that is over."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False, counts=True)
        state = state_of(row)
        return NetworkRows(state, _rows(conn, row, state.hide_nicknames))


# ----------------------------------------------------------------- the big screen


def _send_to_big_screen(conn: Connection, class_id: int, learner_id: int, network: str) -> None:
    """The learner's whole network, kept if the teacher has them on the big screen."""
    conn.execute(update(big_screens).where(big_screens.c.class_id == class_id,
                                           big_screens.c.learner_id == learner_id)
                 .values(network=network, sent_at=limits.now()))


def put_on_big_screen(bind: Bind, code: object, secret: object, number: int | None) -> None:
    """The teacher puts learner ``number``'s network on the big screen (None: nobody).
    Their page sends its whole network with its next report (:func:`big_screen_token`
    tells it). ``not_joined`` for a number with no learner (or a removed one);
    ``forbidden`` without the right secret; ``ended`` / ``expired`` for a class that is over."""
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise ClassError("bad_argument", name="number", value=str(number)[:40])
    code = normalize_code(code)
    with transaction(bind, write=True) as conn:
        row = teacher_class(conn, code, secret, lock=True)
        conn.execute(delete(big_screens).where(big_screens.c.class_id == row["id"]))
        if number is None:
            return
        who = conn.execute(select(learners.c.id).where(
            learners.c.class_id == row["id"], learners.c.number == number, learners.c.removed.is_(False))).scalar()
        if who is None:
            raise ClassError("not_joined", number=number)
        conn.execute(insert(big_screens).values(class_id=row["id"], learner_id=who, asked_at=limits.now()))


def big_screen_token(bind: Bind, code: object) -> str | None:
    """The token hash of the learner whose network the class's big screen wants, or None:
    the learners' pages of a server process read it (once a second per class) to know
    whether to send their whole network. A hash says nothing a learner could use."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        return conn.execute(select(learners.c.token_hash).select_from(big_screens)
                            .join(learners, learners.c.id == big_screens.c.learner_id)
                            .join(classes, classes.c.id == big_screens.c.class_id)
                            .where(classes.c.code == code)).scalar()


@dataclass(frozen=True)
class BigScreen:
    """The network on the big screen: the learner's ``number``, and their ``network`` (a
    network file's text) with its ``age`` in seconds, both None until their page sent it."""

    number: int
    network: str | None
    age: float | None


def big_screen(bind: Bind, code: object, secret: object) -> BigScreen | None:
    """What the teacher put on the big screen, or None; a read that writes nothing.
    ``forbidden`` without the right secret; ``ended`` / ``expired`` for a class that is over."""
    code = normalize_code(code)
    with transaction(bind) as conn:
        row = teacher_class(conn, code, secret, lock=False)
        found = conn.execute(select(learners.c.number, big_screens.c.network, big_screens.c.sent_at)
                             .select_from(big_screens).join(learners, learners.c.id == big_screens.c.learner_id)
                             .where(big_screens.c.class_id == row["id"], learners.c.removed.is_(False))).first()
    if found is None:
        return None
    number, network, sent_at = found
    return BigScreen(number, network, None if sent_at is None else max(0.0, limits.now() - sent_at))
