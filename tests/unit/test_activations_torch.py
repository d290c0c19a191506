"""Every activation, its derivative and its kink convention against PyTorch's autograd.

PyTorch is the reference the registry promises to follow (defaults, parameter names,
the derivative autograd reports at a kink), so it is checked directly: same inputs,
float64, forward values and ``x.grad`` after ``y.sum().backward()``.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.nn.activations import ACTIVATIONS

# Our key -> a function of (tensor, **our params) in PyTorch's own spelling.
TORCH = {
    "identity": lambda x: x * 1.0,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda x, negative_slope: F.leaky_relu(x, negative_slope),
    "prelu": lambda x, a: F.prelu(x, torch.tensor([a], dtype=torch.float64)),
    "elu": lambda x, alpha: F.elu(x, alpha),
    "selu": F.selu,
    "celu": lambda x, alpha: F.celu(x, alpha),
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    "mish": F.mish,
    "softplus": lambda x, beta, threshold: F.softplus(x, beta, threshold),
    "softsign": F.softsign,
    "hardtanh": lambda x, min_val, max_val: F.hardtanh(x, min_val, max_val),
    "hardsigmoid": F.hardsigmoid,
    "hardswish": F.hardswish,
    "relu6": F.relu6,
    "logsigmoid": F.logsigmoid,
    "tanhshrink": F.tanhshrink,
    "softshrink": lambda x, lambd: F.softshrink(x, lambd),
    "hardshrink": lambda x, lambd: F.hardshrink(x, lambd),
}

# PyTorch's CPU hardsigmoid backward multiplies by a float32 1/6 (0.1666666716…); ours
# is the exact 1/6, so that one derivative is compared to float32 precision.
GRAD_RTOL = {"hardsigmoid": 1e-7}


def torch_value_and_grad(key, x, params):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = TORCH[key](xt, **params)
    yt.sum().backward()
    return yt.detach().numpy(), xt.grad.numpy()


def test_every_activation_but_the_step_has_a_torch_twin():
    assert set(TORCH) == set(ACTIVATIONS) - {"step"}


@pytest.mark.parametrize("key", sorted(TORCH))
def test_defaults_match_pytorch(key):
    """Our defaults are PyTorch's: calling torch without them gives the same curve."""
    act = ACTIVATIONS[key]
    x = np.linspace(-8, 8, 161)
    ours = act.fn(x, **act.params)
    xt = torch.tensor(x, dtype=torch.float64)
    default_call = {
        "leaky_relu": F.leaky_relu, "elu": F.elu, "celu": F.celu, "softplus": F.softplus,
        "hardtanh": F.hardtanh, "softshrink": F.softshrink, "hardshrink": F.hardshrink,
        "prelu": lambda t: torch.nn.PReLU(dtype=torch.float64)(t).detach(),  # its own init
    }.get(key, TORCH[key])
    np.testing.assert_allclose(ours, default_call(xt).numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("key", sorted(TORCH))
def test_values_and_gradients_match_autograd(key):
    act = ACTIVATIONS[key]
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.normal(0, 3, 400), rng.uniform(-30, 30, 100)])
    ours_f, ours_g = act.fn(x, **act.params), act.grad(x, **act.params)
    ref_f, ref_g = torch_value_and_grad(key, x, act.params)
    np.testing.assert_allclose(ours_f, ref_f, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours_g, ref_g, rtol=GRAD_RTOL.get(key, 1e-10), atol=1e-13)


@pytest.mark.parametrize("key", sorted(k for k in TORCH if ACTIVATIONS[k].kink_points))
def test_kink_derivatives_match_autograd(key):
    act = ACTIVATIONS[key]
    kinks = np.array(act.kink_points)
    ours = act.grad(kinks, **act.params)
    _, ref = torch_value_and_grad(key, kinks, act.params)
    np.testing.assert_allclose(ours, ref, rtol=GRAD_RTOL.get(key, 0.0), atol=0.0)


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("leaky_relu", {"negative_slope": 0.3}),
        ("prelu", {"a": -0.4}),
        ("elu", {"alpha": 0.5}),
        ("celu", {"alpha": 2.0}),
        ("softplus", {"beta": 2.0, "threshold": 5.0}),
        ("hardtanh", {"min_val": -2.0, "max_val": 0.5}),
        ("softshrink", {"lambd": 1.5}),
        ("hardshrink", {"lambd": 0.2}),
    ],
)
def test_parameters_mean_what_they_mean_in_pytorch(key, params):
    x = np.linspace(-6, 6, 241)
    ours_f, ours_g = ACTIVATIONS[key].fn(x, **params), ACTIVATIONS[key].grad(x, **params)
    ref_f, ref_g = torch_value_and_grad(key, x, params)
    np.testing.assert_allclose(ours_f, ref_f, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours_g, ref_g, rtol=1e-10, atol=1e-13)


def test_step_is_pytorchs_heaviside_with_zero_at_zero():
    x = np.array([-2.0, -1e-300, 0.0, 1e-300, 3.0])
    ref = torch.heaviside(torch.tensor(x), torch.tensor(0.0, dtype=torch.float64)).numpy()
    np.testing.assert_array_equal(ACTIVATIONS["step"].fn(x), ref)


@pytest.mark.parametrize("a", [0.25, 0.07, -0.3])
def test_prelus_derivative_in_a_is_autograds(a):
    """∂f/∂a, element by element, is what autograd gives nn.PReLU's weight; summed over
    the elements that share the one a, it is the weight's gradient (kinks included)."""
    x = np.concatenate([np.linspace(-6, 6, 241), [0.0, -0.0]])
    act = ACTIVATIONS["prelu"]
    module = torch.nn.PReLU(init=a, dtype=torch.float64)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    module(xt).sum().backward()
    np.testing.assert_allclose(act.grad_learned(x, a=a).sum(), module.weight.grad.item(), rtol=1e-13)
    np.testing.assert_allclose(act.grad(x, a=a), xt.grad.numpy(), rtol=0, atol=0)
    for i in (0, 100, 241):  # one element at a time: the per-element derivative itself
        one = torch.nn.PReLU(init=a, dtype=torch.float64)
        one(torch.tensor(x[i], dtype=torch.float64)).backward()
        assert act.grad_learned(x[i], a=a) == one.weight.grad.item()
