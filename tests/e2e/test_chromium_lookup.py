"""The end-to-end tests find their browser in the README's order, or say what to run.

No browser is started here: the lookup is checked against fake executables.
"""

from __future__ import annotations

import pytest

from tests import servers as e2e


@pytest.fixture
def fake_chromium(tmp_path):
    def make(folder: str, name: str = "chromium"):
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
        return path

    return make


@pytest.fixture
def no_playwright_browser(monkeypatch):
    monkeypatch.setattr(e2e, "_playwright_chromium", lambda: None)


def test_an_explicit_path_comes_first(monkeypatch, fake_chromium):
    monkeypatch.setenv("PATH", str(fake_chromium("bin").parent))
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/my/chrome")
    assert e2e.find_chromium() == "/opt/my/chrome"
    problem = e2e.chromium_problem("/opt/my/chrome")
    assert "CHROMIUM_PATH=/opt/my/chrome" in problem and e2e.SETUP_COMMAND in problem


def test_then_the_systems_chromium(monkeypatch, fake_chromium):
    system = fake_chromium("bin")
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(system.parent))
    monkeypatch.setattr(e2e, "_playwright_chromium", lambda: "/pw/chrome")
    assert e2e.find_chromium() == str(system)
    assert e2e.chromium_problem(str(system)) is None


def test_the_headless_shell_before_the_full_browser(monkeypatch, fake_chromium):
    full = fake_chromium("bin")
    shell = fake_chromium("bin", "chromium-headless-shell")
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(full.parent))
    assert e2e.find_chromium() == str(shell)


def test_then_playwrights_own_and_never_a_snap(monkeypatch, fake_chromium):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(fake_chromium("snap/bin").parent))
    monkeypatch.setattr(e2e, "_playwright_chromium", lambda: "/pw/chrome")
    assert e2e.find_chromium() == "/pw/chrome"


def test_none_at_all_names_the_command_to_run(monkeypatch, tmp_path, no_playwright_browser):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert e2e.find_chromium() is None
    problem = e2e.chromium_problem(None)
    assert e2e.SETUP_COMMAND in problem and "python -m playwright install chromium" in problem
    assert problem.count(". ") == 0 and problem.endswith(".")  # one sentence
