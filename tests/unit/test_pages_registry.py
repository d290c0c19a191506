"""The page table (``core.state.pages``) is whole and consistent: every page file is in it,
every row's file and texts exist, one page is the root, and no two share a URL path."""

from pathlib import Path

from core.i18n import LANGS, TEXTS
from core.state.pages import HOME, PAGES, PAGES_BY_PATH

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_has_a_row_and_every_row_a_file():
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py") if p.name != "__init__.py"}
    assert files == {page.file for page in PAGES}


def test_one_root_page_and_distinct_paths():
    assert [page for page in PAGES if page.default] == [HOME]
    assert len(PAGES_BY_PATH) == len(PAGES)
    assert all(page.url_path == page.url_path.lower().strip("/") for page in PAGES)


def test_every_title_and_card_has_both_languages():
    for page in PAGES:
        for key in filter(None, (page.title, page.card)):
            assert set(TEXTS[key]) == set(LANGS), key
        assert page.icon.startswith(":material/")


def test_every_lesson_link_names_a_page_of_the_table():
    from core.guide import path as lp

    assert {step.link.page for step in lp.STEPS} <= set(PAGES_BY_PATH) - {""}
