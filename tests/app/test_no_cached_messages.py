"""The server never sends a message by reference (``ref_hash``), whatever its size.

A reference trusts the browser's list of cached messages, which can be stale while
fragments tick; the browser then dies with "Cached ForwardMsg MISS" (issue 9's crash:
a paused network resending the same large picture). The project's config turns caching
off (``global.minCachedMessageSize``); this checks that Streamlit's own hashing, with
that setting, marks no message cacheable, and that it would have marked this one with
Streamlit's default (so the setting, not the message, is what prevents it). The
browser tests watch the WebSocket for any reference as well (``tests/e2e/conftest.py``).
"""

import tomllib

import pytest
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_cache import populate_hash_if_needed

from tests.app.conftest import ROOT


#: ``global.minCachedMessageSize`` when a project does not set it (Streamlit's docs: 10 kB).
STREAMLIT_DEFAULT = 10_000


def configured_min_cached_size() -> float:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as file:
        return float(tomllib.load(file)["global"]["minCachedMessageSize"])


def a_large_picture() -> ForwardMsg:
    """A new element of 2 MB (the size of a large chart's data or a page's picture)."""
    msg = ForwardMsg()
    msg.delta.new_element.markdown.body = "x" * 2_000_000
    return msg


@pytest.fixture
def min_cached_size():
    before = config.get_option("global.minCachedMessageSize")
    yield lambda value: config.set_option("global.minCachedMessageSize", value)
    config.set_option("global.minCachedMessageSize", before)


def test_the_configured_size_marks_no_message_cacheable(min_cached_size):
    min_cached_size(configured_min_cached_size())
    msg = a_large_picture()
    populate_hash_if_needed(msg)
    assert msg.hash and not msg.metadata.cacheable


def test_streamlits_default_would_have_cached_it(min_cached_size):
    min_cached_size(STREAMLIT_DEFAULT)
    msg = a_large_picture()
    populate_hash_if_needed(msg)
    assert msg.metadata.cacheable
