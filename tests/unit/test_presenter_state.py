"""Presenter mode's URL key: what the URL says wins, silence keeps the session's mode."""

import pytest

from core.state import presenter as pm


@pytest.mark.parametrize("raw", ["1", "true", "ON", " yes "])
def test_a_yes_in_the_url_turns_the_mode_on_whatever_the_session_had(raw):
    assert pm.next_mode(raw, None) == (True, True)
    assert pm.next_mode(raw, False) == (True, True)


@pytest.mark.parametrize("raw", ["0", "false", "off", "no"])
def test_a_no_in_the_url_turns_it_off(raw):
    assert pm.next_mode(raw, True) == (False, True)


@pytest.mark.parametrize("current, expected", [(None, False), (False, False), (True, True)])
def test_a_url_without_the_key_keeps_the_sessions_mode(current, expected):
    """A page switch through the menu starts the next page with an empty query string."""
    assert pm.next_mode(None, current) == (expected, True)


@pytest.mark.parametrize("raw", ["maybe", "2", "", "1;drop"])
def test_a_bad_value_turns_the_mode_off_and_is_reported(raw):
    assert pm.next_mode(raw, True) == (False, False)


def test_the_url_carries_one_when_on_and_nothing_when_off():
    assert pm.query_value(True) == "1"
    assert pm.query_value(False) is None


def test_the_sidebar_starts_collapsed_only_on_a_projector():
    assert pm.sidebar_state(True) == "collapsed"
    assert pm.sidebar_state(False) == "auto"


def test_secondary_keys_carry_the_prefix_the_style_hides():
    key = pm.secondary_key("trn_lead")
    assert key == "present_hide_trn_lead"
    assert key.startswith(pm.SECONDARY_PREFIX)
