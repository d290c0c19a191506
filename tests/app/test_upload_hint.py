"""Every file uploader says the page's own limit in the learner's language, and a file over
it is refused on the page with the reason (not in a tooltip a touch screen never shows)."""

import tomllib

import pytest

from tests.app.conftest import ROOT, assert_clean, run_page

DATA_UPLOAD = ("app_pages/training.py", {"dataset": "upload"}, "trn_upload", "data.csv", "text/csv")
NETWORK = ("app_pages/training.py", {}, "trn_netfile", "network.json", "application/json")
PICTURE = ("app_pages/feature_map.py", {"fm_src": "upload"}, "fm_upload", "photo.png", "image/png")
#: Each uploader and the limit the project means it to have (a phone's photo fits).
LIMITS = [(DATA_UPLOAD, "5 MB"), (NETWORK, "1 MB"), (PICTURE, "10 MB")]


def configured_guard_mb() -> int:
    """``server.maxUploadSize`` as the project's config file sets it (read independently)."""
    with open(ROOT / ".streamlit" / "config.toml", "rb") as file:
        return int(tomllib.load(file)["server"]["maxUploadSize"])


def megabytes(limit: str) -> int:
    return int(limit.split()[0])


def test_the_servers_guard_is_above_every_pages_own_limit():
    """Over the guard the browser refuses the file silently: no page limit may reach it."""
    assert all(megabytes(limit) < configured_guard_mb() for _, limit in LIMITS)


@pytest.mark.parametrize("uploader, limit", LIMITS, ids=["data", "network", "picture"])
def test_each_uploader_states_its_own_limit(uploader, limit, lang):
    page, query, key, _, _ = uploader
    at = run_page(page, lang=lang, **query)
    assert_clean(at)
    captions = [c.value for c in at.caption]
    stated = [c for c in captions if limit in c and (("单个文件" in c) if lang == "zh" else ("per file" in c))]
    assert stated, captions
    if lang == "zh":  # the widget's own words are English: the line explains them
        assert any("Browse files" in c for c in stated)


@pytest.mark.parametrize("uploader, limit", LIMITS, ids=["data", "network", "picture"])
def test_a_file_over_the_limit_is_refused_on_the_page_with_the_reason(uploader, limit, lang):
    page, query, key, name, mime = uploader
    at = run_page(page, lang=lang, **query)
    too_large = b"x" * (megabytes(limit) * 1_000_000 + 1)
    at.file_uploader(key=key).set_value((name, too_large, mime)).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and limit in errors[0], errors
    assert ("超过" in errors[0]) if lang == "zh" else ("larger than" in errors[0])


def test_a_refused_network_file_leaves_no_stale_message_once_it_is_removed():
    page, query, key, name, mime = NETWORK
    at = run_page(page, lang="en", **query)
    at.file_uploader(key=key).set_value((name, b"x" * 1_000_001, mime)).run()
    assert len(at.error) == 1
    at.file_uploader(key=key).set_value(None).run()
    assert_clean(at)


def test_the_replicas_proxy_lets_through_every_file_the_server_accepts():
    """nginx (deploy/) answers 413 with its own page to a body over its limit: the page
    could not say why, so the proxy's limit sits above the server's guard."""
    import re

    conf = (ROOT / "deploy" / "nginx.conf.template").read_text()
    proxy_mb = int(re.search(r"client_max_body_size\s+(\d+)m;", conf).group(1))
    assert proxy_mb > configured_guard_mb()
