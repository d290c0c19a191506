"""Both languages are complete, and every text key the code uses exists."""

import ast
import re
from pathlib import Path

import pytest

from core.i18n import LANGS, TEXTS, normalize_lang, placeholders, t

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
APP_SOURCES = [ROOT / "streamlit_app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_has_every_language(key):
    entry = TEXTS[key]
    assert set(entry) == set(LANGS), f"{key}: {set(entry)}"
    for lang in LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), f"{key}[{lang}] is empty"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_placeholders_agree_between_languages(key):
    entry = TEXTS[key]
    assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_chinese_texts_are_chinese():
    """A 'translation' that is a copy of the English is an untranslated text."""
    copied = [k for k, e in TEXTS.items() if e["en"] == e["zh"] and re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}", e["en"])]
    assert not copied, f"texts identical in both languages: {copied}"
    without_cjk = [k for k, e in TEXTS.items() if len(e["en"].split()) >= 4 and not CJK.search(e["zh"])]
    assert not without_cjk, f"Chinese texts without a Chinese character: {without_cjk}"


def _text_keys_used(path: Path) -> set[str]:
    """String literals passed as the first argument of ``tr(...)`` or ``t(...)``."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"tr", "t"} and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
    return keys


@pytest.mark.parametrize("path", APP_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_literal_key_in_the_app_exists(path):
    missing = _text_keys_used(path) - TEXTS.keys()
    assert not missing, f"{path.name} uses unknown text keys {sorted(missing)}"


def test_lookup_fills_placeholders_and_falls_back():
    assert "lr" in t("url_bad_one", "en", name="lr", value="x", fallback="0.03")
    assert "lr" in t("url_bad_one", "zh", name="lr", value="x", fallback="0.03")
    assert t("nav_home", "fr") == t("nav_home", "en")
    with pytest.raises(KeyError):
        t("no such key", "en")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("zh-CN", "zh"), ("zh_Hans_CN", "zh"), ("ZH", "zh"), ("en-GB", "en"), ("fr-FR", None), ("", None), (None, None), ("zhx", None)],
)
def test_normalize_lang(tag, expected):
    assert normalize_lang(tag) == expected


def test_the_sentence_format_specs():
    """``.N×`` writes a power of ten, ``sup`` an exponent, ``MB`` a size in bytes as
    decimal megabytes (as the browser's file dialog counts), and a missing detail stays
    readable rather than crashing the sentence."""
    from core.i18n import _FORMATTER

    assert _FORMATTER.format("{x:.0×}", x=9e-13) == "9 × 10⁻¹³"
    assert _FORMATTER.format("0.25{n:sup}", n=20) == "0.25²⁰"
    assert _FORMATTER.format("{b:MB}", b=5_000_000) == "5 MB"
    assert _FORMATTER.format("{b:MB}", b=2_500_000) == "2.5 MB"
    assert _FORMATTER.format("{b:MB}", b="—") == "—"
    assert _FORMATTER.format("{n:|point|points}", n=1) == "1 point"
    assert _FORMATTER.format("{n:|point|points}", n=0) == "0 points"
    assert _FORMATTER.format("{n:|point|points}", n=1200) == "1,200 points"
