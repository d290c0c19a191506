"""The floors of the app: each module leans only on the floors below its own.

From the ground up (``FLOORS``): the words (``core.texts``, ``core.i18n``); the engine
(``core.nn``) and the class store's core side (``core.classroom``); each page's
mathematics (``core.lessons``); pictures and formatting (``core.present``); URL
parameters and settings (``core.state``); the guided path (``core.guide``: it links to
every page *with its settings*); then ``ui``, the pages (``app_pages``) and
``streamlit_app.py``. What a page teaches is computed first and drawn second, so the
mathematics can be checked without any drawing code; ``core`` never imports Streamlit,
so it is testable without a server. The class store leans on the words alone, so it
can be tested, and reused, without any page.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
PY_FILES = sorted(CORE.rglob("*.py"))
APP_FILES = [*PY_FILES, *sorted((ROOT / "ui").rglob("*.py")), *sorted((ROOT / "app_pages").glob("*.py")),
             ROOT / "streamlit_app.py"]
#: The floors, lowest first; modules on one floor may import each other.
FLOORS = (
    ("core.texts", "core.i18n"),
    ("core.nn", "core.classroom"),
    ("core.lessons",),
    ("core.present",),
    ("core.state",),
    ("core.guide",),
    ("ui",),
    ("app_pages",),
    ("streamlit_app",),
)


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


def floor_of(module: str) -> int | None:
    """The floor of a dotted module name (``core.present.numbers`` → 3); None: not ours."""
    for level, packages in enumerate(FLOORS):
        if any(module == p or module.startswith(p + ".") for p in packages):
            return level
    return None


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_every_module_of_the_app_has_a_floor():
    homeless = [module_name(p) for p in APP_FILES
                if floor_of(module_name(p)) is None and module_name(p) != "core.__init__"]
    assert not homeless, f"modules on no floor (add them to FLOORS): {homeless}"


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_climbs_a_floor(path):
    mine = floor_of(module_name(path))
    if mine is None:  # core/__init__.py: the bare package
        return
    above = {m for m in _imported_modules(path) if (floor_of(m) or 0) > mine}
    assert not above, f"{path.relative_to(ROOT)} (floor {FLOORS[mine]}) imports {sorted(above)} from above"


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
    """Guard the guard: the scanner does find an import, whatever its form, and a climb
    is a climb (the engine importing a picture is floor 1 reaching floor 3)."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import session_state\nfrom core import present\n")
    assert {"streamlit", "core.present"} <= _imported_modules(sample)
    assert floor_of("core.nn.mlp") < floor_of("core.present.numbers") < floor_of("core.state.training")
    assert floor_of("core.guide.path") > floor_of("core.state.urlparams") and floor_of("numpy") is None


def test_the_class_store_check_sees_a_climb(tmp_path):
    """Guard the guard: a class store module reaching up a floor is caught; the texts are not."""
    sample = tmp_path / "sample.py"
    sample.write_text("from core import i18n\nfrom core.texts import common\nimport core.state.urlparams\n"
                      "from core.classroom.limits import now\nfrom ui import tr\nimport app_pages.home\n")
    assert _above_the_class_store(sample) == {"core.state.urlparams", "ui", "ui.tr", "app_pages.home"}
