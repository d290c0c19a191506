"""The layers of ``core``: plain Python, and each role leaning only on those below it.

``core`` never imports Streamlit, so it is testable without a server. Inside it, the
engine (``core.nn``) and the lessons' mathematics (``core.lessons``) never import the
pictures and formatting of ``core.present``: what a page teaches is computed first and
drawn second, so the mathematics can be checked without any drawing code. The class
store's core (``core.classroom``) sits on the engine's floor: it leans on the texts and
nothing else of the app, so the store can be tested, and reused, without any page.
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


CLASS_STORE = sorted(CORE.glob("classroom/*.py"))
#: What the class store may import from the app: itself, and the texts below it.
CLASS_STORE_MAY_IMPORT = ("core.classroom", "core.i18n", "core.texts")


def test_the_class_store_exists():
    assert CLASS_STORE, "core/classroom/ has no module: the floor rule below would test nothing"


def _above_the_class_store(path: Path) -> set[str]:
    """The app modules ``path`` imports that the class store may not lean on."""
    app = {m for m in _imported_modules(path) if m.split(".")[0] in ("core", "ui", "app_pages", "streamlit_app")}
    # ``from core import i18n`` reads as core + core.i18n: the bare package name is no floor.
    return {m for m in app - {"core"}
            if not any(m == allowed or m.startswith(allowed + ".") for allowed in CLASS_STORE_MAY_IMPORT)}


@pytest.mark.parametrize("path", CLASS_STORE, ids=lambda p: str(p.relative_to(CORE)))
def test_the_class_store_leans_only_on_the_texts(path):
    above = _above_the_class_store(path)
    assert not above, f"{path.relative_to(CORE)} imports {sorted(above)}"


def test_the_check_sees_an_import(tmp_path):
    """Guard the guard: the scanner does find an import, whatever its form."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import session_state\nfrom core import present\n")
    assert {"streamlit", "core.present"} <= _imported_modules(sample)


def test_the_class_store_check_sees_a_climb(tmp_path):
    """Guard the guard: a class store module reaching up a floor is caught; the texts are not."""
    sample = tmp_path / "sample.py"
    sample.write_text("from core import i18n\nfrom core.texts import common\nimport core.state.urlparams\n"
                      "from core.classroom.limits import now\nfrom ui import tr\nimport app_pages.home\n")
    assert _above_the_class_store(sample) == {"core.state.urlparams", "ui", "ui.tr", "app_pages.home"}
