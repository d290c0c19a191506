"""The activation catalog: every entry is complete and consistent, and everything the app
derives from an activation (slider steps, Keras facts, init family, picture range, names)
is read from its entry.

``entry_problems`` lists what is wrong with one entry; the last tests feed it broken
entries, so that a check that silently passes everything would fail here.
"""

import dataclasses
import inspect
import math
import re

import numpy as np
import pytest

import core.nn.activations as cat
import core.present.activation_charts as ac
from core.i18n import LANGS
from core.nn.activations import (
    ACTIVATIONS,
    FROM_OUTPUT,
    HE_ACTIVATIONS,
    INIT_FAMILIES,
    Activation,
    FastOps,
    KerasParam,
    ParamSpec,
    auto_init,
    display_name,
)
from core.present import training_views as tv
from core.present.labels import activation_name
from core.state import activations as sa

pytestmark = pytest.mark.filterwarnings("error")

KEYS = list(ACTIVATIONS)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _on_grid(value: float, low: float, step: float) -> bool:
    n = (value - low) / step
    return math.isclose(n, round(n), abs_tol=1e-9)


def _argument_names(func) -> set[str]:
    return {n for n in inspect.signature(inspect.unwrap(func)).parameters if n != "x"}


def entry_problems(act: Activation) -> list[str]:
    """Everything incomplete or inconsistent in one entry (empty: the entry is fine)."""
    out = []
    if not re.fullmatch(r"[a-z][a-z0-9_]*", act.key):
        out.append("key is not a lower-case identifier")
    # Names: both languages, and a Chinese name that is Chinese or the brand name itself.
    for attr in ("name", "name_zh"):
        value = getattr(act, attr)
        if not isinstance(value, str) or not value.strip():
            out.append(f"{attr} is empty")
    if act.name_zh and act.name_zh != act.name and not _CJK.search(act.name_zh):
        out.append("name_zh is neither Chinese nor the English name")
    if act.init_family not in INIT_FAMILIES:
        out.append(f"init_family {act.init_family!r} not in {INIT_FAMILIES}")
    # Parameters: the functions' arguments, each with a default inside a slider range.
    names = set(act.param_specs)
    for func in (act.fn, act.grad):
        if _argument_names(func) != names:
            out.append(f"{func.__name__}'s arguments {sorted(_argument_names(func))} != params {sorted(names)}")
    for name, spec in act.param_specs.items():
        if not isinstance(spec, ParamSpec):
            out.append(f"{name}: not a ParamSpec")
            continue
        if not spec.low < spec.high:
            out.append(f"{name}: slider range ({spec.low}, {spec.high}) is empty")
        if not spec.low <= spec.default <= spec.high:
            out.append(f"{name}: default {spec.default} outside ({spec.low}, {spec.high})")
        if not 0 < spec.step <= spec.high - spec.low:
            out.append(f"{name}: step {spec.step} does not fit the range")
        elif not (_on_grid(spec.default, spec.low, spec.step) and _on_grid(spec.high, spec.low, spec.step)):
            out.append(f"{name}: default or high end off the slider's grid of step {spec.step}")
        if f"{spec.torch_arg(name)}={spec.default}" not in act.torch_name:
            out.append(f"{name}: the PyTorch spelling does not show the default")
        kp = spec.keras
        if not isinstance(kp, KerasParam):
            out.append(f"{name}: no KerasParam")
        elif kp.name is not None:
            if not (kp.default and act.keras_name and f"{kp.name}=" in act.keras_name):
                out.append(f"{name}: Keras argument {kp.name!r} missing from the Keras spelling or its default")
        elif kp.fixed is not None and not spec.low <= kp.fixed <= spec.high:
            out.append(f"{name}: Keras's fixed value {kp.fixed} cannot be set on the slider")
    # A learned parameter is one of the parameters, with its derivative, which takes them all.
    if (act.learned is None) != (act.grad_learned is None):
        out.append("learned and grad_learned go together")
    elif act.learned is not None:
        if act.learned not in names:
            out.append(f"learned {act.learned!r} is not a parameter")
        if _argument_names(act.grad_learned) != names:
            out.append("grad_learned does not take the parameters")
    # Functions of the parameters take exactly the parameters.
    takes_params = {}
    for attr in ("kink_fn", "range_fn"):
        func = getattr(act, attr)
        takes_params[attr] = func is None or set(inspect.signature(func).parameters) == names
        if not takes_params[attr]:
            out.append(f"{attr} does not take the parameters {sorted(names)}")
    # Ranges: the rule agrees with the stated range at the defaults; the picture's is finite
    # and inside it.
    if len(act.range) != 2 or not act.range[0] < act.range[1]:
        out.append("range is not (low, high)")
    elif takes_params["range_fn"] and act.range_at() != (act.range, act.range_attained):
        out.append(f"range_fn at the defaults gives {act.range_at()}, the entry states {act.range}")
    pic = act.picture_range
    if pic is not None:
        if not (len(pic) == 2 and all(math.isfinite(v) for v in pic) and pic[0] < pic[1]):
            out.append(f"picture_range {pic} is not a finite (low, high)")
        elif len(act.range) == 2 and not act.range[0] <= pic[0] < pic[1] <= act.range[1]:
            out.append(f"picture_range {pic} is outside the range {act.range}")
    if act.has_kinks and not act.kink_convention_latex:
        out.append("kinks without a kink convention")
    if act.keras_name is None and act.param_specs:
        out.append("parameters with Keras facts but no Keras spelling")
    # Fast ops take no parameters; a unit slope is the identity's f' ≡ 1.
    if act.fast is not None:
        if not isinstance(act.fast, FastOps):
            out.append("fast is not a FastOps")
        elif act.param_specs:
            out.append("fast ops on an activation with parameters (the ops take none)")
        elif act.fast.unit_slope and not np.all(act.grad(np.linspace(-3.0, 3.0, 61)) == 1.0):
            out.append("unit_slope but f' is not 1 everywhere")
    return out


# ---------------------------------------------------------------- every entry


@pytest.mark.parametrize("key", KEYS)
def test_entry_is_complete_and_consistent(key):
    act = ACTIVATIONS[key]
    assert act.key == key
    assert entry_problems(act) == []


def test_names_are_unique_in_each_language():
    for lang in LANGS:
        names = [display_name(k, lang) for k in KEYS]
        assert len(names) == len(set(names)), lang


def test_every_function_in_the_module_belongs_to_an_entry():
    """An ``f`` / ``d_f`` pair written without its entry would be missing from every menu."""
    registered = {f for a in ACTIVATIONS.values()
                  for f in (a.fn, a.grad, a.fast and a.fast.grad_from_output, a.grad_learned) if f}
    public = {obj for name, obj in vars(cat).items()
              if inspect.isfunction(obj) and not name.startswith("_") and obj.__module__ == cat.__name__
              and hasattr(obj, "__wrapped__")}  # the element-wise math, not the helpers below
    assert public <= registered, sorted(f.__name__ for f in public - registered)


def test_an_entry_without_a_required_field_cannot_be_built():
    relu = ACTIVATIONS["relu"]
    fields = {f.name: getattr(relu, f.name) for f in dataclasses.fields(Activation) if f.init}
    for required in ("name_zh", "init_family", "paper", "range", "keras_name"):
        partial = {k: v for k, v in fields.items() if k != required}
        with pytest.raises(TypeError, match=required):
            Activation(**partial)


# --------------------------------------------------------- what is derived


@pytest.mark.parametrize("key", KEYS)
def test_names_on_every_page_come_from_the_entry(key):
    act = ACTIVATIONS[key]
    assert display_name(key, "en") == act.name and display_name(key, "zh") == act.name_zh
    for lang in LANGS:
        assert activation_name(key, lang) == display_name(key, lang)
    assert display_name(key, "fr") == act.name  # an unknown language falls back to English


def test_one_chinese_name_for_step():
    assert display_name("step", "zh") == "阶跃函数"
    assert display_name("identity", "zh") == "恒等函数（线性）"


def test_init_family_drives_auto_init():
    assert HE_ACTIVATIONS == {k for k, a in ACTIVATIONS.items() if a.init_family == "he"}
    for key, act in ACTIVATIONS.items():
        assert auto_init(key) == act.init_family
    assert auto_init("no-such-activation") == "glorot"


def test_slider_steps_and_keras_facts_come_from_the_entries():
    pairs = {(k, n): s for k, a in ACTIVATIONS.items() for n, s in a.param_specs.items()}
    assert ac.KERAS_PARAMS == {kn: s.keras for kn, s in pairs.items()}
    # The page looks a slider's step up by the parameter's name: one name, one step.
    for (_, name), spec in pairs.items():
        assert sa.PARAM_STEPS[name] == spec.step, name
    assert set(sa.PARAM_STEPS) == {n for _, n in pairs}


def test_neuron_pictures_use_the_entrys_range():
    for key, act in ACTIVATIONS.items():
        assert tv.neuron_value_range(key) == act.picture_range
    assert tv.neuron_value_range("no-such-activation") is None


@pytest.mark.parametrize("key", FROM_OUTPUT)
def test_derivative_from_the_output_is_the_derivative(key):
    act = ACTIVATIONS[key]
    x = np.concatenate([np.linspace(-30, 30, 2001), [0.0, -1e308, 1e308]])
    np.testing.assert_allclose(act.fast.grad_from_output(act.fn(x)), act.grad(x), rtol=1e-12, atol=1e-15)


def test_the_fast_units_are_those_with_a_derivative_from_the_output():
    assert set(FROM_OUTPUT) == {"identity", "sigmoid", "tanh", "relu"}
    assert FROM_OUTPUT == tuple(k for k, a in ACTIVATIONS.items() if a.fast is not None)


def _run(tape):
    for f, args in tape:
        f(*args)


def _away_from_kinks(act):
    x = np.linspace(-6.0, 6.0, 1201)
    keep = np.ones(x.shape, dtype=bool)
    for kink in act.kink_points:
        keep &= np.abs(x - kink) > 1e-3
    return x[keep]


@pytest.mark.parametrize("key", FROM_OUTPUT)
def test_the_fast_forward_ops_are_f_in_place(key):
    act = ACTIVATIONS[key]
    x = np.concatenate([np.linspace(-30, 30, 2001), [0.0, -1e308, 1e308]]).reshape(3, -1)
    h = x.copy()
    _run(act.fast.forward_ops(h))
    np.testing.assert_array_equal(h, act.fn(x))
    x32 = np.linspace(-30, 30, 2001, dtype=np.float32)  # the plane's float32 picture
    z = x32.copy()
    out = act.fast.forward32(z)
    assert out.dtype == np.float32 and np.shares_memory(out, z)
    np.testing.assert_allclose(out, act.fn(x32.astype(np.float64)), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("key", FROM_OUTPUT)
def test_the_fast_derivative_ops_are_f_prime_from_the_output(key):
    """dh ⊙ f' from h = f(x), against the entry's grad and central differences of fn
    (away from kinks), into a buffer of its own and into dh itself."""
    act = ACTIVATIONS[key]
    x = _away_from_kinks(act).reshape(1, -1)
    dh = np.random.default_rng(0).normal(size=x.shape)
    step = 1e-6
    numeric = (act.fn(x + step) - act.fn(x - step)) / (2 * step)
    h, scratch, out = act.fn(x), np.empty_like(x), np.full_like(x, np.nan)
    _run(act.fast.derivative_ops(dh, h, scratch, out))
    np.testing.assert_allclose(out, dh * act.grad(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(out, dh * numeric, rtol=1e-6, atol=1e-9)
    in_place = dh.copy()
    _run(act.fast.derivative_ops(in_place, h, scratch, in_place))
    np.testing.assert_array_equal(in_place, out)
    np.testing.assert_array_equal(h, act.fn(x))  # h is read, never written


def test_a_unit_slope_has_nothing_to_do_in_shared_memory():
    fast = ACTIVATIONS["identity"].fast
    dh = np.ones((2, 3))
    assert fast.unit_slope and fast.derivative_ops(dh, dh, dh, dh) == []
    assert not any(ACTIVATIONS[k].fast.unit_slope for k in FROM_OUTPUT if k != "identity")


@pytest.mark.parametrize("key", FROM_OUTPUT)
def test_the_fast_ops_keep_nan_visible(key):
    """A diverged network stays visibly diverged on the fast path (no fmax hiding NaN)."""
    act = ACTIVATIONS[key]
    h = np.array([np.nan, 1.0])
    _run(act.fast.forward_ops(h))
    assert np.isnan(h[0])
    assert np.isnan(act.fast.forward32(np.array([np.nan, 1.0], dtype=np.float32))[0])


# ---------------------------------------------------- the check catches breakage


def _broken(**changes) -> Activation:
    base = ACTIVATIONS["leaky_relu"]
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(Activation) if f.init}
    return Activation(**{**fields, **changes})


def _spec(**changes) -> dict:
    spec = ACTIVATIONS["leaky_relu"].param_specs["negative_slope"]
    return {"negative_slope": dataclasses.replace(spec, **changes)}


@pytest.mark.parametrize("changes, problem", [
    (dict(name_zh=""), "name_zh is empty"),
    (dict(name_zh="Leaky"), "neither Chinese"),
    (dict(init_family="lecun"), "init_family"),
    (dict(param_specs={}), "arguments"),
    (dict(param_specs=_spec(default=2.0)), "outside"),
    (dict(param_specs=_spec(low=1.0, high=0.0)), "empty"),
    (dict(param_specs=_spec(step=0.03)), "grid"),
    (dict(param_specs=_spec(step=0.0)), "does not fit"),
    (dict(param_specs=_spec(keras=KerasParam("alpha", "1.0"))), "Keras argument"),
    (dict(param_specs=_spec(keras=KerasParam(None, fixed=5.0))), "cannot be set"),
    (dict(range=(0.0, math.inf)), "range_fn at the defaults"),
    (dict(picture_range=(-2.0, math.inf)), "finite"),
    (dict(range_fn=None, range=(0.0, 1.0), picture_range=(-1.0, 1.0)), "outside the range"),
    (dict(kink_convention_latex=""), "kink convention"),
    (dict(torch_name="nn.LeakyReLU()"), "PyTorch spelling"),
    (dict(learned="negative_slope"), "go together"),
    (dict(learned="alpha", grad_learned=ACTIVATIONS["leaky_relu"].grad), "not a parameter"),
    (dict(learned="negative_slope", grad_learned=ACTIVATIONS["prelu"].grad_learned), "grad_learned does not take"),
    (dict(fast=ACTIVATIONS["relu"].fast), "fast ops on an activation with parameters"),
    (dict(fast=ACTIVATIONS["relu"].derivative), "not a FastOps"),
    (dict(param_specs={}, fast=ACTIVATIONS["identity"].fast), "unit_slope but"),
])
def test_entry_problems_catches_an_incomplete_entry(changes, problem):
    problems = entry_problems(_broken(**changes))
    assert any(problem in p for p in problems), problems


# ---------------------------------------------------- a parameter the network learns


def test_only_prelu_learns_a_parameter_and_it_starts_where_pytorch_starts():
    learned = {k: a.learned for k, a in ACTIVATIONS.items() if a.learned}
    assert learned == {"prelu": "a"}
    prelu = ACTIVATIONS["prelu"]
    assert prelu.params == {"a": 0.25}  # nn.PReLU(num_parameters=1, init=0.25)
    assert prelu.torch_arg("a") == "init" and "init=0.25" in prelu.torch_name
    assert auto_init("prelu") == "he"
    assert ac.torch_spelling(prelu, {"a": 0.1}) == "nn.PReLU(num_parameters=1, init=0.1)"
    text, missing = ac.keras_spelling(prelu, {"a": 0.1})
    assert text == "keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.1), shared_axes=[1])"
    assert missing == ()


@pytest.mark.parametrize("a", [0.25, -0.4, 0.0, 1.3])
def test_the_derivative_in_the_learned_parameter_is_a_central_difference(a):
    """∂f/∂a by central differences in a, away from the kink (x = 0)."""
    act = ACTIVATIONS["prelu"]
    x = np.concatenate([np.linspace(-5, -0.01, 300), np.linspace(0.01, 5, 300)])
    h = 1e-6
    numeric = (act.fn(x, a=a + h) - act.fn(x, a=a - h)) / (2 * h)
    np.testing.assert_allclose(act.grad_learned(x, a=a), numeric, rtol=1e-8, atol=1e-9)
