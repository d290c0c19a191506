"""The class store's parts without a database: codes, tokens, nicknames, the gain's
arithmetic, the error codes' sentences, and the limits' own consistency."""

from __future__ import annotations

import math
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.classroom import limits
from core.classroom.errors import ERROR_CODES, ClassError
from core.classroom.names import INVISIBLE, display_name, normalize_nickname
from core.classroom.results import Gain, gains, spreadsheet_safe
from core.classroom.schema import metadata
from core.classroom.tokens import (
    ALPHABET,
    learner_token_hash,
    new_code,
    new_learner_token,
    new_secret,
    normalize_code,
    same_hash,
)
from core.i18n import LANGS, placeholders, t

# ----------------------------------------------------------------- codes and tokens


def test_codes_have_about_forty_bits_from_an_unambiguous_alphabet():
    assert len(ALPHABET) == len(set(ALPHABET)) == 31 and not set("0O1IL") & set(ALPHABET)
    assert limits.CODE_LENGTH * math.log2(len(ALPHABET)) > 39.5
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == 8 and set(c) <= set(ALPHABET) for c in codes)


@pytest.mark.parametrize("typed", ["abcd efgh", "ABCD-EFGH", " abcd_efgh ", "AbCd·EfGh"])
def test_a_typed_code_is_normalised(typed):
    assert normalize_code(typed) == "ABCDEFGH"


@pytest.mark.parametrize("typed", ["", "ABCDEFG", "ABCDEFGHJ", "ABCDEFG0", "ABCDEFGO", "ABCDEFGI", "ÀBCDEFGH", 12345678])
def test_a_code_that_cannot_be_one_is_bad_code(typed):
    with pytest.raises(ClassError) as caught:
        normalize_code(typed)
    assert caught.value.code == "bad_code" and caught.value.details["expected"] == 8


def test_secrets_and_tokens_are_long_random_and_compared_by_hash():
    assert len(new_secret()) == 43 and len(new_learner_token()) == 32
    secret = new_secret()
    stored = learner_token_hash(secret)  # the same SHA-256 either way
    assert same_hash(stored, secret) and not same_hash(stored, secret[:-1])
    assert not same_hash(None, secret) and not same_hash(stored, None) and not same_hash(stored, "x" * 200)
    for bad in (None, "", "a" * 21, "a" * 129, "a" * 30 + "/", 42):
        with pytest.raises(ClassError):
            learner_token_hash(bad)


# ----------------------------------------------------------------- nicknames


@given(st.text(max_size=200))
def test_a_cleaned_nickname_is_short_visible_nfc_and_stable(raw):
    name = normalize_nickname(raw)
    if name is None:
        return
    assert 0 < len(name) <= limits.MAX_NICKNAME and name == name.strip()
    assert unicodedata.is_normalized("NFC", name)
    assert not {unicodedata.category(c) for c in name} & {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
    assert "  " not in name
    assert normalize_nickname(name) == name  # idempotent: storing it again changes nothing


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S"]), min_size=1, max_size=24))
def test_a_plain_nickname_is_kept_as_typed(raw):
    assume(not set(raw) & INVISIBLE)
    assert normalize_nickname(raw) == unicodedata.normalize("NFC", raw)


def test_a_huge_nickname_costs_no_more_than_its_first_characters():
    assert normalize_nickname("é" * 10_000_000) == "é" * limits.MAX_NICKNAME
    with pytest.raises(ClassError):
        normalize_nickname(b"bytes")


def test_the_anonymous_label_is_in_the_readers_language():
    assert display_name(None, 7, "en") == "Learner 7"
    assert display_name(None, 7, "zh") == "学员 7"
    assert display_name("Ada", 7, "en") == "Ada"
    assert display_name("Ada", 7, "zh", hidden=True) == "学员 7"


def test_spreadsheet_formulas_become_text():
    assert [spreadsheet_safe(x) for x in ("=1+1", "+1", "-1", "@SUM(A1)", "Ada", "")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "Ada", ""]


# ----------------------------------------------------------------- the gain, by hand


def test_hakes_gain_from_counts():
    """Hake's ⟨g⟩ = (post − pre)/(100 − pre) on class averages in percent."""
    g = Gain(n=10, total=10, right_pre=4, right_post=7)  # 40 % → 70 %: (70 − 40)/(100 − 40) = 0.5
    assert (g.pre, g.post, g.gain) == (0.4, 0.7, 0.5)
    assert Gain(10, 10, 10, 10).gain is None  # pre = 100 %: "—"
    assert Gain(10, 10, 10, 9).gain is None
    assert Gain(10, 10, 5, 3).gain == -0.4  # a class can lose ground: (30 − 50)/(100 − 50)
    assert Gain(0, 0, 0, 0).pre is None and Gain(0, 0, 0, 0).gain is None


def test_gains_on_plain_answers():
    correct = {"q1": "a", "q2": "b", "q3": "c"}
    chosen = {"pre": {1: {"q1": "a"}, 2: {"q1": "x", "q2": "b"}, 3: {"q3": "c"}},
              "post": {1: {"q1": "a", "q2": "b", "q3": "c"}, 2: {"q1": "a", "q2": "b", "q3": "x"}, 4: {"q1": "a"}}}
    got = gains(chosen, correct)
    # Both quizzes: learners 1 and 2. Before: 1 + 1 right of 6; after: 3 + 2 of 6 → g = (5 − 2)/(6 − 2).
    assert (got.took_pre, got.took_post) == (3, 3)
    assert got.overall == Gain(2, 6, 2, 5) and got.overall.gain == 0.75
    assert got.questions == {"q1": Gain(2, 2, 1, 2), "q2": Gain(2, 2, 1, 2), "q3": Gain(2, 2, 0, 1)}


# ----------------------------------------------------------------- errors and limits


@pytest.mark.parametrize("code", ERROR_CODES)
def test_every_error_code_has_a_sentence_in_every_language(code):
    details = {"expected": 8, "length": 3, "days": 14, "what": "x", "limit": 1, "seconds": 60,
               "phase": "step", "question": "q", "found": 2, "reason": "E", "name": "n", "value": "v", "number": 1,
               "field": "f", "problem": "p", "key": "k", "side": "a", "cost": 0.5}
    for lang in LANGS:
        sentence = t(f"class_error_{code}", lang, **details)
        assert sentence.strip() and "{" not in sentence
    assert placeholders(t(f"class_error_{code}", "en")) <= set(details)


def test_an_unknown_error_code_is_a_bug():
    with pytest.raises(ValueError):
        ClassError("oops")


def test_the_limits_fit_together():
    assert limits.MAX_ANSWERS_PER_LEARNER >= 24 and limits.JOIN_RATE[0] >= limits.MAX_LEARNERS_PER_CLASS
    # The class's row and its experiment's; per learner their row, answers and one network report.
    assert limits.MAX_ROWS_PER_CLASS == 2 + limits.MAX_LEARNERS_PER_CLASS * (2 + limits.MAX_ANSWERS_PER_LEARNER) \
        + limits.MAX_REVEALS_PER_CLASS
    assert limits.ANSWER_RATE[0] >= 16  # a quiz of 8, each answer changed once, within a minute
    # Guessing: at the miss rate for a class's whole life, the chance to hit any live class.
    tries = limits.MISS_RATE[0] * limits.EXPIRY_SECONDS / limits.MISS_RATE[1]
    assert limits.MAX_CLASSES * tries / len(ALPHABET) ** limits.CODE_LENGTH < 1e-3
    assert metadata.tables["class_learners"].c.nickname.type.length == limits.MAX_NICKNAME
    assert metadata.tables["class_networks"].c.report.type.length == limits.MAX_REPORT_CHARS
    # The training page reports every 2 s: a report on time is never the one dropped.
    assert 1.0 <= limits.MIN_REPORT_SECONDS < 2.0
