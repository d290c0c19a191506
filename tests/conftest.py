"""Shared test set-up: the project root on the path, the ``e2e`` marker, hypothesis profiles.

- ``core``/``ui`` importable however pytest is started.
- Every test that drives a browser (it asks, itself or through a fixture, for the
  ``playwright`` fixture: ``browser``, ``shared_context``, ``app``) is marked
  ``e2e``, so the development loop can leave them out: ``./tools/test.sh -m "not e2e"``.
- Tests marked ``long`` (a minute or more here) are run first, so none is the run's tail.
- Hypothesis: no deadline anywhere (a busy two-core machine makes any per-example
  deadline a flake); under ``CI`` the ``ci`` profile also derandomises every property
  test, so a CI run is repeatable. Locally the examples are random, as before, and a
  failure prints the blob that reproduces it.
- Streamlit's ``AppTest`` scans every installed distribution's metadata for v2
  components on every run (0.33 s a run here, more than most page runs); the installed
  packages do not change during a test run, so the scan is made once per process.
"""

import functools
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.components.v2 import manifest_scanner

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(
    manifest_scanner.scan_component_manifests)

settings.register_profile("dev", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "playwright" in getattr(item, "fixturenames", ()):  # ``browser`` and ``shared_context`` need it
            item.add_marker(pytest.mark.e2e)
    # The few tests of a minute or more start first: left where they are collected, the
    # last of them ran alone at the end of a run while the other worker sat idle. A stable
    # sort, so a module's tests (and its module-scoped server) stay together.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
