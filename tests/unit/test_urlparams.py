"""URL parameters parse strictly and fall back to the default on anything else."""

import math

import pytest

from core.i18n import t
from core.present.numbers import exact_text
from core.state import urlparams as up
from tests.streamlit_markdown import markup


def test_choice_is_case_insensitive_and_canonical():
    param = up.choice("activation", ["relu", "tanh"], "tanh")
    assert param.read("ReLU") == ("relu", True)
    assert param.read(None) == ("tanh", True)
    assert param.read("relu6") == ("tanh", False)


def test_choices_list():
    param = up.choices("fn", ["relu", "tanh", "gelu"], ["gelu"], max_len=2)
    assert param.read("relu,tanh") == (["relu", "tanh"], True)
    assert param.read("relu,relu") == (["gelu"], False)
    assert param.read("relu,tanh,gelu") == (["gelu"], False)
    assert param.read("") == (["gelu"], False)
    assert param.dump(["relu", "tanh"]) == "relu,tanh"


@pytest.mark.parametrize("raw", ["0", "17", "4.5", "x", "1e3", ""])
def test_integer_rejects(raw):
    assert up.integer("n", 1, 16, 4).read(raw) == (4, False)


def test_integer_accepts_bounds():
    param = up.integer("n", 1, 16, 4)
    assert param.read("1") == (1, True) and param.read("16") == (16, True)


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e309", "2", "abc"])
def test_number_rejects_non_finite_and_out_of_range(raw):
    assert up.number("noise", 0.0, 1.0, 0.0).read(raw) == (0.0, False)


def test_number_in_ladder():
    param = up.number_in("lr", [0.001, 0.003, 0.01, 0.03], 0.03)
    assert param.read("0.01") == (0.01, True)
    assert param.read("1e-2") == (0.01, True)
    assert param.read("0.02") == (0.03, False)
    assert param.dump(0.03) == "0.03"


def test_integers_list():
    param = up.integers("hidden", [4, 2], low=1, high=16, max_len=6)
    assert param.read("8, 8,1") == ([8, 8, 1], True)
    assert param.read("") == ([], True)
    assert param.read("4,0") == ([4, 2], False)
    assert param.read("1,1,1,1,1,1,1") == ([4, 2], False)
    assert param.read("4,,2") == ([4, 2], False)
    assert param.dump([4, 2]) == "4,2"


def test_flag():
    param = up.flag("test", False)
    assert param.read("1") == (True, True) and param.read("off") == (False, True)
    assert param.read("maybe") == (False, False)


@pytest.mark.parametrize("value", [0.03, 1e-5, 10.0, 0.1 + 0.2, 3.0])
def test_exact_text_round_trips(value):
    text = exact_text(value)
    assert math.isclose(float(text), value, rel_tol=0, abs_tol=0)
    assert len(text) <= len(repr(value))


# ------------------------------------------------------------------ bad links


PAGE = [up.choice("activation", ["relu", "tanh"], "tanh"), up.number_in("lr", [0.01, 0.03], 0.03),
        up.choices("trn_compare", ["relu", "tanh"], [], min_len=0)]


def test_restore_reads_good_values_and_reports_each_bad_one():
    url = {"activation": "RELU", "lr": "abc", "trn_compare": "relu,relu"}
    values, bad = up.restore(PAGE, url.get)
    assert values == {"activation": "relu", "lr": 0.03, "trn_compare": []}
    assert bad == [up.BadValue("lr", "abc", "0.03", ("one_of", "0.01", "0.03")),
                   up.BadValue("trn_compare", "relu,relu", "")]  # a list of many options: not listed


def test_restore_without_the_key_is_not_bad():
    assert up.restore(PAGE, {}.get) == ({"activation": "tanh", "lr": 0.03, "trn_compare": []}, [])


def test_one_bad_value_names_key_value_and_default(lang):
    message = up.bad_link_message([up.BadValue("lr", "abc", "0.03")], lang)
    assert message == t("url_bad_one", lang, name="`lr`", value="abc",
                        fallback=t("url_fallback_value", lang, value="`0.03`"))


def test_a_bad_value_says_what_the_key_takes():
    """Issue 19: "w1 must be in [-2, 2]", not only "not valid"; a short choice lists its
    options; a long one (the 23 activations) does not."""
    weight = up.number("w1", -2.0, 2.0, 0.5)
    _, bad = up.restore([weight], {"w1": "7"}.get)
    en, zh = (up.bad_link_message(bad, lang) for lang in ("en", "zh"))
    assert en.endswith("It takes a number from -2 to 2.") and "-2 到 2" in zh
    layers = up.integer("act_layers", 1, 30, 10)
    assert up.allowed_values(layers) == ("range", 1, 30)
    _, bad = up.restore(PAGE[:1], {"activation": "sigmoid"}.get)
    assert up.bad_link_message(bad, "en").endswith("It takes one of: `relu`; `tanh`.")
    many = up.choice("fn", [f"f{i}" for i in range(up.LISTED_OPTIONS + 1)], "f0")
    assert up.allowed_values(many) == ()


def test_an_empty_default_reads_the_default(lang):
    """Not "using — instead": an empty default (no comparison) is called the default."""
    message = up.bad_link_message([up.BadValue("trn_compare", "x", "")], lang)
    assert message == t("url_bad_one", lang, name="`trn_compare`", value="x", fallback=t("url_fallback_default", lang))
    assert "—" not in message


def test_many_bad_values_make_one_short_notice(lang):
    bad = [up.BadValue(f"key{i}", "x" * 200, "1") for i in range(10)]
    message = up.bad_link_message(bad, lang)
    assert message.startswith(t("url_bad_many", lang, count=10, items="").split("10")[0] + "10")
    assert all(f"`key{i}`" in message for i in range(10))
    # Each value is cut to a few characters, so ten of them fit in a few lines.
    assert len(message) < 10 * (up.LISTED_VALUE_CHARS + 30) + 120
    assert "\n" not in message


def test_echoed_values_are_escaped(lang):
    hostile = "**BOLD** [click here](https://example.com) :red[red]"
    for bad in ([up.BadValue("activation", hostile, "tanh")], [up.BadValue("activation", hostile, "tanh")] * 3):
        message = up.bad_link_message(bad, lang)
        harmless = up.bad_link_message([up.BadValue(b.key, "x", b.fallback) for b in bad], lang)
        assert markup(message) == markup(harmless), message
