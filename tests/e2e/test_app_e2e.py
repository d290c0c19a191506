"""The whole app in a real browser: the language follows the learner, and a deep link works
on a freshly started server. (Every page loading clean in both languages is checked
with its accessibility, on the same load: ``test_accessibility_e2e.py``.)"""

import re

import pytest
from playwright.sync_api import expect

from core.i18n import t
from core.state.pages import PAGES as APP_PAGES

NAV_KEYS = {page.url_path: page.title for page in APP_PAGES}


def test_browser_locale_chooses_chinese(browser, app_url):
    from tests.app_page import AppPage

    context = browser.new_context(locale="zh-CN")
    try:
        app = AppPage(context.new_page(), app_url)
        app.open("")
        expect(app.page.locator("h1").first).to_have_text(t("app_title", "zh"))
        expect(app.page).to_have_url(re.compile("lang=zh"))
    finally:
        context.close()


def test_language_switch_translates_and_survives_page_switch(app):
    app.open("", "lang=en")
    expect(app.page.locator("h1").first).to_have_text(t("app_title", "en"))
    app.select_option("lang", "简体中文")
    expect(app.page.locator("h1").first).to_have_text(t("app_title", "zh"))
    expect(app.page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    app.page.locator("[data-testid='stSidebarNav']").get_by_text(t("nav_training", "zh")).click()
    app.page.wait_for_url("**/training**")
    app.wait_idle()
    expect(app.page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    expect(app.page.locator("h1").first).to_contain_text(t("nav_training", "zh"))


@pytest.mark.parametrize("path", ["training", "collapse"])
def test_a_shared_link_works_on_a_freshly_started_server(browser, path):
    """The first visitor after a restart may arrive by a deep link, not the home page.

    Streamlit treats a folder named ``pages/`` as old-style automatic pages until
    ``st.navigation`` has run once, and would then serve the page file alone, without
    the entry script (no language switch). Our pages live in ``app_pages/`` for that reason.
    """
    from tests.app_page import AppPage
    from tests.servers import (
        free_port,
        start_streamlit,
        stop_streamlit,
        wait_healthy,
    )

    port = free_port()
    server = start_streamlit(port)
    context = browser.new_context()
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server)
        app = AppPage(context.new_page(), f"http://127.0.0.1:{port}")
        app.open(path, "lang=zh")
        nav = app.page.locator("[data-testid='stSidebarNav']")
        expect(nav).to_contain_text(t(NAV_KEYS[path], "zh"))
        expect(app.page.locator("[data-testid='stSidebarNav'] a[aria-current='page']")).to_contain_text(
            t(NAV_KEYS[path], "zh")
        )
        expect(app.page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    finally:
        context.close()
        stop_streamlit(server)


def test_home_page_cards_open_each_page_in_the_same_language(app):
    app.open("", "lang=zh")
    links = app.page.locator("[data-testid='stPageLink'] a")
    expect(links).to_have_count(4)
    links.and_(app.page.locator("[href*='training']")).click()  # the live-training card
    app.page.wait_for_url("**/training**")
    app.wait_idle()
    expect(app.page.locator("[data-testid='stSidebarNav'] a[aria-current='page']")).to_contain_text(
        t("nav_training", "zh")
    )
    expect(app.page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
