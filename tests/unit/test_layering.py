"""The layers of ``core``: plain Python, and each role leaning only on those below it.

``core`` never imports Streamlit, so it is testable without a server. Inside it, the
engine (``core.nn``) and the lessons' mathematics (``core.lessons``) never import the
pictures and formatting of ``core.present``: what a page teaches is computed first and
drawn second, so the mathematics can be checked without any drawing code.
"""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
PY_FILES = sorted(CORE.rglob("*.py"))


def _imported_modules(path: Path) -> set[str]:
    """Full names of the modules ``path`` imports (``from core import x`` gives ``core.x``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_never_imports_streamlit(path):
    assert not {m for m in _imported_modules(path) if m.split(".")[0] == "streamlit"}


LOWER_LAYERS = [p for p in PY_FILES if p.parent.name in ("nn", "lessons")]


@pytest.mark.parametrize("path", LOWER_LAYERS, ids=lambda p: str(p.relative_to(CORE)))
def test_the_engine_and_the_lessons_never_import_pictures(path):
    drawing = {m for m in _imported_modules(path) if m.startswith("core.present")}
    assert not drawing, f"{path.relative_to(CORE)} imports {sorted(drawing)}"


def test_the_engine_needs_no_lesson():
    for path in CORE.glob("nn/*.py"):
        lessons = {m for m in _imported_modules(path) if m.startswith("core.lessons")}
        assert not lessons, f"{path.relative_to(CORE)} imports {sorted(lessons)}"


def test_the_check_sees_an_import(tmp_path):
    """Guard the guard: the scanner does find an import, whatever its form."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import session_state\nfrom core import present\n")
    assert {"streamlit", "core.present"} <= _imported_modules(sample)
