"""Under Streamlit's English file uploader, a Chinese page explains it, with the real limit."""

import tomllib

import pytest

from core.i18n import t
from tests.app.conftest import ROOT, assert_clean, run_page

UPLOADERS = [("app_pages/training.py", {"dataset": "upload"}), ("app_pages/feature_map.py", {"fm_src": "upload"})]


def configured_limit_mb() -> int:
    """``server.maxUploadSize`` as the project's config file sets it (read independently)."""
    with open(ROOT / ".streamlit" / "config.toml", "rb") as file:
        return int(tomllib.load(file)["server"]["maxUploadSize"])


@pytest.mark.parametrize("page, query", UPLOADERS)
def test_a_chinese_page_explains_the_uploader_with_the_configured_limit(page, query):
    at = run_page(page, lang="zh", **query)
    assert_clean(at)
    hint = t("upload_hint", "zh", mb=configured_limit_mb())
    assert hint in [c.value for c in at.caption]
    assert f"{configured_limit_mb()} MB" in hint and "Browse files" in hint


@pytest.mark.parametrize("page, query", UPLOADERS)
def test_an_english_page_leaves_the_uploaders_own_words_alone(page, query):
    at = run_page(page, lang="en", **query)
    assert_clean(at)
    assert not [c.value for c in at.caption if "Browse files" in c.value]
