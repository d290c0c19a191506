"""The class store's one exception: a language-neutral code the page translates.

Every refusal of the store is a :class:`ClassError` whose ``code`` is one of
:data:`ERROR_CODES` and whose ``details`` carry what a message needs (never a secret,
a token or a nickname). The page looks the message up by ``class_error_<code>``
(``core/texts/classroom.py``), so one code has one sentence in each language.
"""

from __future__ import annotations

__all__ = ["ClassError", "ERROR_CODES"]

#: Every ``ClassError.code`` the store raises, with the details it carries.
ERROR_CODES = (
    "unavailable",  # the database cannot be reached or timed out: details reason (exception class)
    "schema",  # the database holds another schema version: details found, expected
    "bad_code",  # not a class code at all (length, characters): details length, expected
    "bad_token",  # a learner token that is not a random URL-safe token
    "bad_argument",  # a phase, question or option id that is not an id: details name, value
    "unknown_class",  # no class has this code (join)
    "ended",  # the teacher ended this class; its data is gone
    "expired",  # the class saw no activity for EXPIRY_DAYS days; its data is gone: details days
    "forbidden",  # the teacher secret does not open this class (or there is no such class)
    "not_joined",  # this browser's token has not joined this class: details number when known
    "removed",  # the teacher removed this learner from the class
    "closed",  # this question does not take answers now: details phase, question
    "rate_limited",  # too many requests of one kind: details what, limit, seconds
    "full",  # a cap is reached: details what (classes, learners, answers, reveals, codes), limit
    "bad_report",  # a network report that is not one: details field (which part), problem (type, range,
    #               size, missing, unknown, malformed, too_large, version)
    "bad_setting",  # an experiment's setting the training page's link parser refuses: details key, side
    "too_costly",  # an experiment whose training is too heavy for a whole class: details cost, limit,
    #               side (cost and limit in shares of one CPU core per learner)
)


class ClassError(Exception):
    """A refusal of the class store: ``code`` (one of :data:`ERROR_CODES`) and ``details``.

    Like :class:`core.nn.datasets.DatasetError`: the code is stable and language-neutral,
    the page turns it into a sentence; ``details`` holds only plain numbers and ids.
    """

    def __init__(self, code: str, **details: object):
        if code not in ERROR_CODES:
            raise ValueError(f"not a class store error code: {code!r}")
        self.code = code
        self.details = details
        super().__init__(f"{code}: {details}" if details else code)
