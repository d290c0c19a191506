"""Presenter mode (``present=1``) on every page: recognised, kept across pages, and left."""

import pytest

from core.i18n import t
from core.state.urlparams import BadValue, bad_link_message
from core.state.pages import PAGES as APP_PAGES
from tests.app.conftest import assert_clean, run_page

PAGES = tuple(page.file for page in APP_PAGES)
EXIT = "present_exit"


def exit_buttons(at):
    return [b for b in at.button if b.key == EXIT]


@pytest.mark.parametrize("page", PAGES)
def test_present_is_a_known_key_on_every_page(page, lang):
    at = run_page(page, lang=lang, present="1")
    assert_clean(at)
    assert not at.warning, [w.value for w in at.warning]  # no notice about the link
    assert at.query_params.get("present") == "1"
    (button,) = exit_buttons(at)
    assert button.label == t("present_exit", lang)


def test_without_present_there_is_no_exit_control():
    at = run_page("app_pages/training.py", lang="en")
    assert_clean(at)
    assert not exit_buttons(at)
    assert "present" not in at.query_params


@pytest.mark.parametrize("page", ["app_pages/home.py", "app_pages/training.py"])
def test_the_exit_control_drops_present_from_the_url(page):
    at = run_page(page, lang="zh", present="1")
    exit_buttons(at)[0].click().run()
    assert_clean(at)
    assert "present" not in at.query_params
    assert not exit_buttons(at)
    assert at.query_params.get("lang") == "zh"


def test_the_mode_survives_a_page_switch():
    """The menu opens the next page with an empty query string; the mode stays on."""
    at = run_page("app_pages/home.py", lang="en", present="1")
    at.query_params.pop("present", None)
    at.switch_page("app_pages/training.py").run()
    assert_clean(at)
    assert at.title[0].value == t("nav_training", "en")
    assert exit_buttons(at)
    assert at.query_params.get("present") == "1"


def test_a_bad_present_value_falls_back_to_off_with_a_notice(lang):
    at = run_page("app_pages/collapse.py", lang=lang, present="maybe")
    assert_clean(at)
    assert bad_link_message([BadValue("present", "maybe", "0")], lang) in [w.value for w in at.warning]
    assert not exit_buttons(at)
    assert "present" not in at.query_params
