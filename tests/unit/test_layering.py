"""``core`` is plain Python: it never imports Streamlit, so it is testable without a server."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_never_imports_streamlit(path):
    assert "streamlit" not in _imported_modules(path)


def test_the_check_sees_an_import(tmp_path):
    """Guard the guard: the scanner does find an import of streamlit."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import session_state\n")
    assert "streamlit" in _imported_modules(sample)
