"""Every limit of the class store, named once, and the store's clock.

The limits are enforced inside the database transactions (counters on the rows they
protect), so they hold across replicas, processes and browser sessions alike, not per
WebSocket session. Rates are fixed windows: at most ``limit`` events per window of
``seconds`` (a burst at a window's edge can reach twice the limit over one window's
length; that is the price of one counter per row instead of a log of events).

Sizes, worst case: a class holds at most :data:`MAX_ROWS_PER_CLASS` rows (learners,
answers, reveals, its experiment: about 100 bytes each; one network report per learner:
at most :data:`MAX_REPORT_CHARS`, ~1.5 kB in practice), the server at most
:data:`MAX_CLASSES` live classes, so the store stays under ~350 MB even when a script
fills every class (200 × 8,266 small rows ≈ 165 MB, 200 × 200 reports of 4 kB ≈ 165 MB);
a real class of 100 learners through the lesson (8 steps, two quizzes of 8) writes
~2,500 rows, and ~150 kB of network reports that it keeps replacing.
"""

from __future__ import annotations

import time

__all__ = [
    "ACTIVITY_RESOLUTION",
    "ANSWER_RATE",
    "CODE_LENGTH",
    "CREATE_RATE",
    "EXPIRY_DAYS",
    "EXPIRY_SECONDS",
    "ID_PATTERN",
    "JOIN_RATE",
    "MAX_ANSWERS_PER_LEARNER",
    "MAX_CLASSES",
    "MAX_EXPERIMENT_CHARS",
    "MAX_EXPERIMENT_COST",
    "MAX_LEARNERS_PER_CLASS",
    "MAX_NICKNAME",
    "MAX_NICKNAME_INPUT",
    "MAX_NETWORK_CHARS",
    "MAX_REPORT_CHARS",
    "MAX_REVEALS_PER_CLASS",
    "MAX_ROWS_PER_CLASS",
    "MAX_TOKEN",
    "MIN_FOR_DISTRIBUTION",
    "MIN_REPORT_SECONDS",
    "MIN_TOKEN",
    "MISS_RATE",
    "TOMBSTONE_DAYS",
    "TOMBSTONE_SECONDS",
    "now",
]

DAY = 86_400.0

# ---------------------------------------------------------------- lifetimes

#: A class with no activity (create, join, answer, any teacher action) for this many
#: days is expired: its learners and answers are deleted by :func:`purge_expired
#: <core.classroom.store.purge_expired>`, and refused as ``expired`` even before that.
EXPIRY_DAYS = 14
EXPIRY_SECONDS = EXPIRY_DAYS * DAY
#: What is left of an ended or expired class (its code, its secret's hash, its dates)
#: is kept this long, so a late learner reads "ended" and not "no such class", and the
#: code is not handed to a new class meanwhile; then that row goes too.
TOMBSTONE_DAYS = 14
TOMBSTONE_SECONDS = TOMBSTONE_DAYS * DAY
#: A class's last-activity time is written at most once per this many seconds by
#: answers (teacher actions and joins always write it): the expiry is counted in days.
ACTIVITY_RESOLUTION = 60.0

# ---------------------------------------------------------------- caps

#: Live classes on one server (one database), all replicas together.
MAX_CLASSES = 200
#: Learners who ever joined one class (removed ones still count: a removed learner
#: cannot free a seat by coming back under a new token).
MAX_LEARNERS_PER_CLASS = 200
#: Distinct (phase, question) answers of one learner: the lesson asks 8 steps and two
#: quizzes of 8 (24); the rest is room for a longer lesson, not for a script.
MAX_ANSWERS_PER_LEARNER = 40
#: Steps of one class whose answer has been revealed (a row each).
MAX_REVEALS_PER_CLASS = 64
#: Rows of one class, all tables together: its own row and its experiment's (one each),
#: and what the three caps above hold, each enforced on the row it counts (a learner's
#: own row for their answers), so that answers from different learners never wait for
#: one shared counter; a learner's network is one row, replaced by each report.
MAX_ROWS_PER_CLASS = (1 + 1 + MAX_LEARNERS_PER_CLASS * (1 + MAX_ANSWERS_PER_LEARNER + 1)
                      + MAX_REVEALS_PER_CLASS)
#: The board shows a distribution of answers only from this many answers on, so that
#: no one's answer can be read off a distribution of one or two.
MIN_FOR_DISTRIBUTION = 3

# ---------------------------------------------------------------- rates: (limit, seconds)

#: Classes created on the server, all teachers together.
CREATE_RATE = (30, 3600.0)
#: Joins (first joins and re-joins after a reload) of one class.
JOIN_RATE = (300, 60.0)
#: Join attempts with a code that opens no live class, on the whole server. Codes are
#: 8 characters of 31 (31⁸ ≈ 8.5 × 10¹¹, ~40 bits); with MAX_CLASSES live classes an
#: attacker at this rate for a class's whole 14 days tries 2.4 × 10⁶ codes and finds one
#: with probability below 200 · 2.4 × 10⁶ / 8.5 × 10¹¹ ≈ 6 × 10⁻⁴. While the budget is
#: spent, every join waits (a wrong code cannot be told from a right one by its answer).
MISS_RATE = (120, 60.0)
#: Answers (new or changed) of one learner.
ANSWER_RATE = (60, 60.0)
#: A learner's network report is stored at most once per this many seconds; one that
#: comes sooner is dropped without a word (``report_network`` returns False). The
#: training page reports every 2 s: 1.5 leaves room for a late timer, and two tabs of
#: one browser (one token) or a burst of reruns still write at most one row in 1.5 s.
MIN_REPORT_SECONDS = 1.5

# ---------------------------------------------------------------- the teacher's experiment

#: The most one learner's training may ask of the server when the teacher imposes it on
#: the whole class, as a share of one CPU core (``core.guide.experiment.training_cost``
#: estimates it from the settings). Why 0.15: live training gets ~0.85 of one core on a
#: server (``core.nn.fair_share``), which a class of 30 (the classroom this app is drawn
#: for) shares out at ~0.028 core each; the page's defaults (a 4-2 network, 500 points,
#: speed 1) ask ~0.018. At 0.15 a class of 30 asks ~5 times what that core has, so its
#: training alone runs at about a fifth of the speed the teacher set (a large class's
#: per-tick overhead slows it further: the README's class benchmark); beyond that the
#: class would watch networks that barely move: refused (``too_costly``). Passes: the
#: defaults up to speed 5, ReLU with one layer of 4 up to speed 10, tanh 8-8-8 up to
#: speed 5, six layers of 16 on 500 points at speed 1. Refused: speed max with anything
#: but a tiny network, six layers of 16 on 2,000 points at batches of 10.
MAX_EXPERIMENT_COST = 0.15
#: Characters of one side's settings as stored (a canonical query of every training
#: key with a long value is ~300).
MAX_EXPERIMENT_CHARS = 1_000

# ---------------------------------------------------------------- sizes of what comes in

#: Characters in a class code (see MISS_RATE for why 8 suffice).
CODE_LENGTH = 8
#: A nickname is cut to this many characters after it is cleaned.
MAX_NICKNAME = 24
#: Only this many characters of a nickname are even looked at (a 10 MB nickname costs
#: no more than a short one).
MAX_NICKNAME_INPUT = 1_000
#: A learner token: ``secrets.token_urlsafe(24)`` gives 32 characters (192 bits); at least
#: 22 URL-safe characters (~128 bits) are required, at most MAX_TOKEN are hashed.
MIN_TOKEN = 22
MAX_TOKEN = 128
#: Question, phase and option ids: short, language-neutral, never markup (``line``,
#: ``bend``, a guessed number such as ``0.45`` or ``-1``).
ID_PATTERN = r"[A-Za-z0-9_.+-]{1,32}"
#: Characters of one encoded network report (``core.guide.network_reports.encode``:
#: its 32 × 32 boundary in base64 is 1,368 characters, its numbers ~150).
MAX_REPORT_CHARS = 4_096
#: Characters of the network on the big screen (``core.state.network_file.dumps``: the
#: largest network the training page makes, six layers of 16 PReLU units on all seven
#: features, is ~40,000).
MAX_NETWORK_CHARS = 65_536


def now() -> float:
    """The store's clock (seconds since the epoch); tests replace it to travel in time."""
    return time.time()
