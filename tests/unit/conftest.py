"""Unit tests on ``core``: any numpy warning (overflow, invalid value) is a failure."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.filterwarnings("error"))


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param
