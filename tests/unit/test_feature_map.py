"""The feature-map lesson: every stage against an independent reference.

Oracles: ``scipy.signal.correlate2d`` / ``convolve2d`` for the convolutions, plain Python
loops for pooling, ``scipy.ndimage.label`` for the shapes of the picture, Pillow for the
upload round trip.
"""

import io

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage, signal

from core.i18n import TEXTS
from core.lessons import feature_map as fm
from core.nn.activations import ACTIVATIONS
from core.present import feature_map_views as fv
from core.present import numbers


@pytest.fixture
def rng():
    return np.random.default_rng(13)


@pytest.fixture(scope="module")
def picture():
    return fm.make_shapes_image(0)


# ------------------------------------------------------------------ convolution


@pytest.mark.parametrize("kshape", [(3, 3), (5, 5), (2, 4), (1, 1)])
def test_correlate_matches_scipy(rng, kshape):
    image, kern, bias = rng.normal(size=(40, 33)), rng.normal(size=kshape), float(rng.normal())
    expected = signal.correlate2d(image, kern, mode="valid") + bias
    got = fm.correlate(image, kern, bias)
    assert got.shape == expected.shape == (40 - kshape[0] + 1, 33 - kshape[1] + 1)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", fm.KERNELS)
def test_correlate_matches_scipy_on_the_picture_for_every_preset(picture, name):
    np.testing.assert_allclose(fm.correlate(picture, fm.kernel(name)),
                               signal.correlate2d(picture, fm.kernel(name), mode="valid"), rtol=1e-12, atol=1e-12)


def test_correlation_does_not_flip_the_kernel():
    """A one-hot kernel at (0, 0) reads the pixel up-left of the window: no flip (true
    convolution would read down-right)."""
    image = np.arange(25.0).reshape(5, 5)
    kern = np.zeros((3, 3))
    kern[0, 0] = 1.0
    np.testing.assert_array_equal(fm.correlate(image, kern), image[:3, :3])


def test_correlate_rejects_a_kernel_larger_than_the_picture():
    with pytest.raises(ValueError):
        fm.correlate(np.zeros((2, 5)), np.zeros((3, 3)))


def test_sobel_x_is_positive_where_it_gets_brighter_to_the_right():
    step = np.tile(np.r_[np.zeros(4), np.ones(4)], (5, 1))
    z = fm.correlate(step, fm.kernel("sobel_x"))
    assert z.max() == 4.0 and z.min() == 0.0  # 1 + 2 + 1 across the edge, 0 on the flats
    assert fm.correlate(step[:, ::-1], fm.kernel("sobel_x")).min() == -4.0


# ------------------------------------------------------------------ what a kernel's sum says (item 14)


CUSTOM_KERNELS = {"laplace4": [0, 1, 0, 1, -4, 1, 0, 1, 0], "box": [1 / 9] * 9, "tenths": [0.1] * 9,
                  "double": [0, 0, 0, 0, 2, 0, 0, 0, 0], "zeros": [0] * 9, "diff": [0, 0, 0, -1, 1, 0, 0, 0, 0]}
ALL_KERNELS = {**{name: fm.kernel(name) for name in fm.KERNELS},
               **{name: np.reshape(v, (3, 3)).astype(float) for name, v in CUSTOM_KERNELS.items()}}


@pytest.mark.parametrize("name", ALL_KERNELS)
def test_kernel_facts_follow_the_sum_and_keep_their_promise_on_the_picture(picture, name):
    kern = ALL_KERNELS[name]
    facts = fm.kernel_facts(kern)
    total = float(np.sum(kern))
    assert facts.total == pytest.approx(total, abs=1e-12)
    flat = signal.correlate2d(np.full((6, 6), 0.37), kern, mode="valid")  # a flat patch
    np.testing.assert_allclose(flat, 0.37 * total, atol=1e-12)  # v · Σ k
    z = signal.correlate2d(picture, kern, mode="valid")
    if facts.kind == "zero_sum":
        assert abs(total) < 1e-12 and np.abs(flat).max() < 1e-12
        assert z.min() < 0 < z.max()  # signed: both directions of change
    elif facts.kind == "average":
        assert total == pytest.approx(1) and (kern >= 0).all()
        assert picture.min() - 1e-12 <= z.min() and z.max() <= picture.max() + 1e-12
    elif facts.kind == "unit_sum":
        assert total == pytest.approx(1) and (kern < 0).any()
        assert z.max() > picture.max() or z.min() < picture.min()  # it overshoots at edges
    elif facts.kind == "zero":
        assert not kern.any() and not z.any()
    else:
        assert facts.kind == "scale" and abs(total) > 1e-9 and abs(total - 1) > 1e-9
    expected = {"sobel_x": "zero_sum", "sobel_y": "zero_sum", "outline": "zero_sum", "laplace4": "zero_sum",
                "diff": "zero_sum", "blur": "average", "identity": "average", "box": "average", "sharpen": "unit_sum",
                "tenths": "scale", "double": "scale", "zeros": "zero"}
    assert facts.kind == expected[name]


# ------------------------------------------------------------------ pooling


def naive_pool(z, mode):
    rows, cols = z.shape[0] // 2, z.shape[1] // 2
    out = np.empty((rows, cols))
    for r in range(rows):
        for c in range(cols):
            block = [z[2 * r + a][2 * c + b] for a in (0, 1) for b in (0, 1)]
            out[r, c] = max(block) if mode == "max" else sum(block) / 4
    return out


@pytest.mark.parametrize("mode", fm.POOLS)
@pytest.mark.parametrize("shape", [(126, 126), (7, 9), (2, 2), (3, 3)])
def test_pooling_matches_a_naive_loop(rng, mode, shape):
    z = rng.normal(size=shape)
    got, expected = fm.pool2x2(z, mode), naive_pool(z, mode)
    assert got.shape == (shape[0] // 2, shape[1] // 2)
    if mode == "max":
        np.testing.assert_array_equal(got, expected)
    else:
        np.testing.assert_allclose(got, expected, rtol=1e-15, atol=1e-15)


def test_pooling_rejects_an_unknown_mode():
    with pytest.raises(ValueError):
        fm.pool2x2(np.zeros((4, 4)), "median")


# ------------------------------------------------------------------ activation and pipeline


def test_activation_uses_the_registry_elementwise(rng):
    p = rng.normal(scale=3, size=(9, 11))
    np.testing.assert_array_equal(fm.activate(p, "relu"), np.maximum(p, 0.0))
    np.testing.assert_allclose(fm.activate(p, "tanh"), np.tanh(p), rtol=1e-15)
    sig = fm.activate(p, "sigmoid")
    assert sig.shape == p.shape and np.all((sig > 0) & (sig < 1))
    np.testing.assert_array_equal(fm.activate(p, "elu"), ACTIVATIONS["elu"].fn(p, alpha=1.0))


@pytest.mark.parametrize("act", ["relu", "sigmoid", "tanh", "identity", "step"])
@pytest.mark.parametrize("pool", fm.POOLS)
def test_pipeline_is_convolution_then_pooling_then_activation(picture, act, pool):
    kern = fm.kernel("outline")
    stages = fm.run_pipeline(picture, kern, -0.25, pool, act)
    conv = signal.correlate2d(picture, kern, mode="valid") - 0.25
    np.testing.assert_allclose(stages.conv, conv, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(stages.pooled, naive_pool(stages.conv, pool), rtol=1e-15, atol=1e-15)
    np.testing.assert_array_equal(stages.activated, ACTIVATIONS[act].fn(stages.pooled, **ACTIVATIONS[act].params))
    assert stages.activated.shape == (63, 63)


def test_relu_zeroes_exactly_the_negative_cells(picture):
    stages = fm.run_pipeline(picture, fm.kernel("sobel_x"), 0.0, "max", "relu")
    negative = stages.pooled < 0
    assert negative.any() and (stages.pooled > 0).any()
    assert np.all(stages.activated[negative] == 0)
    np.testing.assert_array_equal(stages.activated[~negative], stages.pooled[~negative])


# ------------------------------------------------------------------ the order (issue 18, item 9)


def both_orders(picture, kern, bias, pool, act):
    """Independently: scipy's correlation, a loop for the pooling, the catalog's function."""
    f = ACTIVATIONS[act]
    z = signal.correlate2d(picture, kern, mode="valid") + bias
    return f.fn(naive_pool(z, pool), **f.params), naive_pool(f.fn(z, **f.params), pool)


@pytest.mark.parametrize("act", ["relu", "sigmoid", "tanh", "gelu", "silu", "mish", "identity", "step"])
@pytest.mark.parametrize("kernel_name", ["sobel_x", "outline", "blur"])
def test_order_check_measures_both_orders_as_an_independent_computation_does(picture, act, kernel_name):
    kern = fm.kernel(kernel_name)
    check = fm.order_check(fm.correlate(picture, kern, -0.25), act)
    for pool in fm.POOLS:
        article, usual = both_orders(picture, kern, -0.25, pool, act)
        assert check.gaps[pool] == pytest.approx(np.max(np.abs(article - usual)), abs=1e-12)
    assert check.cells == 63 * 63 and check.work_ratio == 4
    assert check.monotonic == ACTIVATIONS[act].monotonic


@pytest.mark.parametrize("act", [k for k, a in ACTIVATIONS.items() if a.monotonic])
@pytest.mark.parametrize(("kernel_name", "bias"), [("sobel_x", 0.0), ("outline", -0.5), ("sharpen", 0.3)])
def test_max_pooling_commutes_exactly_with_every_non_decreasing_activation(picture, act, kernel_name, bias):
    article, usual = both_orders(picture, fm.kernel(kernel_name), bias, "max", act)
    np.testing.assert_array_equal(article, usual)  # the same number is picked: not even rounding
    check = fm.order_check(fm.correlate(picture, fm.kernel(kernel_name), bias), act)
    assert check.gaps["max"] == 0 and check.same["max"]


@pytest.mark.parametrize("act", ["relu", "sigmoid", "tanh"])
def test_average_pooling_does_not_commute_with_a_bending_activation(picture, act):
    """The issue measured up to 0.07 (ReLU), 0.12 (sigmoid), 0.45 (tanh) on the default picture."""
    check = fm.order_check(fm.correlate(picture, fm.kernel("sobel_x")), act)
    assert check.gaps["avg"] > 0.05 and not check.same["avg"]
    assert check.same["max"]


@pytest.mark.parametrize("act", [k for k, a in ACTIVATIONS.items() if not a.monotonic])
def test_a_non_monotonic_activation_can_differ_even_with_max_pooling(picture, act):
    check = fm.order_check(fm.correlate(picture, fm.kernel("sobel_x")), act)
    assert not check.monotonic
    assert check.gaps["max"] > 1e-3 and not check.same["max"]


def test_an_affine_activation_commutes_with_both_poolings_up_to_rounding(picture):
    """leaky ReLU on all-negative values is 0.01·v: the mean of a line is the line at the mean."""
    check = fm.order_check(fm.correlate(picture, fm.kernel("blur"), -4.0), "leaky_relu")
    assert check.same["avg"] and check.same["max"]


# ------------------------------------------------------------------ one cell


@pytest.mark.parametrize("pool", fm.POOLS)
@pytest.mark.parametrize("cell", [(14, 29), (0, 0), (62, 62), (31, 5)])
def test_worked_cell_agrees_with_the_stages(picture, pool, cell):
    kern, bias, act = fm.kernel("sobel_y"), 0.3, "tanh"
    stages = fm.run_pipeline(picture, kern, bias, pool, act)
    work = fm.cell_work(picture, kern, bias, pool, act, *cell)
    i, j = work.source
    assert (i // 2, j // 2) == cell
    np.testing.assert_array_equal(work.window, picture[i:i + 3, j:j + 3])
    assert work.conv_value == pytest.approx(stages.conv[i, j], abs=1e-12)
    np.testing.assert_allclose(work.block, stages.conv[2 * cell[0]:2 * cell[0] + 2, 2 * cell[1]:2 * cell[1] + 2],
                               atol=1e-12)
    assert work.pooled == pytest.approx(stages.pooled[cell], abs=1e-12)
    assert work.activated == pytest.approx(stages.activated[cell], abs=1e-12)
    if pool == "max":
        assert work.conv_value == pytest.approx(work.pooled, abs=1e-12)  # the window shown is the winner


# ------------------------------------------------------------------ the collapse


@pytest.mark.parametrize("pair", [("sobel_x", "blur"), ("outline", "sharpen"), ("sobel_y", "sobel_x")])
def test_composed_kernel_is_the_full_convolution_of_the_two(pair):
    k1, k2 = fm.kernel(pair[0]), fm.kernel(pair[1])
    np.testing.assert_allclose(fm.compose_kernels(k1, k2), signal.convolve2d(k1, k2, mode="full"), atol=1e-15)


def test_two_convolutions_equal_one_with_the_composed_kernel(rng, picture):
    """The identity of the module doc, to 1e-12, on random kernels and biases."""
    for _ in range(5):
        k1, k2 = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
        b1, b2 = rng.normal(size=2)
        two = fm.correlate(fm.correlate(picture, k1, b1), k2, b2)
        one = fm.correlate(picture, fm.compose_kernels(k1, k2), fm.composed_bias(b1, k2, b2))
        assert two.shape == one.shape == (124, 124)
        assert np.max(np.abs(two - one)) < 1e-12


@pytest.mark.parametrize("act", ["relu", "tanh", "sigmoid", "gelu"])
def test_an_activation_between_the_convolutions_breaks_the_identity(picture, act):
    k1, k2 = fm.kernel("sobel_x"), fm.kernel("blur")
    check = fm.collapse_check(picture, k1, 0.0, k2, act)
    assert check.linear_gap < 1e-12
    # Far beyond rounding: of the order of the values themselves (|K ⋆ x| reaches ~3).
    assert check.act_gap > 0.1
    assert check.changed > 0
    np.testing.assert_allclose(check.with_act, signal.correlate2d(fm.activate(
        signal.correlate2d(picture, k1, mode="valid"), act), k2, mode="valid"), atol=1e-12)


def test_identity_between_the_convolutions_changes_nothing(picture):
    check = fm.collapse_check(picture, fm.kernel("sobel_x"), 0.5, fm.kernel("blur"), "identity")
    assert check.act_gap < 1e-12 and check.changed == 0


def test_relu_on_non_negative_maps_is_linear_and_the_collapse_holds(picture):
    """Blurring a picture in [0, 1] gives only values ≥ 0, where ReLU is the identity: the page
    says so instead of claiming ReLU always breaks the collapse."""
    check = fm.collapse_check(picture, fm.kernel("blur"), 0.0, fm.kernel("sobel_x"), "relu")
    assert check.changed == 0 and check.act_gap < 1e-12
    shifted = fm.collapse_check(picture, fm.kernel("blur"), -0.5, fm.kernel("sobel_x"), "relu")
    assert shifted.changed > 0.5 and shifted.act_gap > 0.1


def test_composed_bias_carries_the_first_bias_through_the_second_kernel():
    assert fm.composed_bias(0.5, fm.kernel("blur")) == pytest.approx(0.5)  # blur sums to 1
    assert fm.composed_bias(0.5, fm.kernel("sobel_x"), 0.25) == pytest.approx(0.25)  # sums to 0
    assert fm.composed_bias(-1.0, fm.kernel("sharpen")) == pytest.approx(-1.0)


# ------------------------------------------------------------------ one kernel or not? (issue 18, item 10)


def reference_fit(image, target, size, stride=1):
    """Least squares built independently: numpy's sliding windows, scipy's solver."""
    from numpy.lib.stride_tricks import sliding_window_view
    from scipy import linalg

    windows = sliding_window_view(image, (size, size))[::stride, ::stride][: target.shape[0], : target.shape[1]]
    a = np.column_stack([windows.reshape(-1, size * size), np.ones(target.size)])
    solution, *_ = linalg.lstsq(a, target.ravel())
    miss = np.abs(a @ solution - target.ravel())
    return solution, miss.max(), np.sqrt(np.mean(miss**2))


def test_the_fit_recovers_a_kernel_and_bias_it_was_built_from(rng, picture):
    kern, bias = rng.normal(size=(5, 5)), 0.7
    fit = fm.fit_one_kernel(picture, signal.correlate2d(picture, kern, mode="valid") + bias, (5, 5))
    assert fit.exact and fit.max_error < 1e-10
    # The picture's flat background makes nearby pixels nearly dependent, yet its shapes pin the kernel down.
    np.testing.assert_allclose(fit.kernel, kern, atol=1e-6)
    assert fit.bias == pytest.approx(bias, abs=1e-6)


@pytest.mark.parametrize(("k1", "b1", "act"), [("sobel_x", 0.0, "relu"), ("blur", -0.5, "relu"),
                                               ("outline", 0.2, "tanh")])
def test_the_fit_is_the_least_squares_solution(rng, picture, k1, b1, act):
    check = fm.collapse_check(picture, fm.kernel(k1), b1, fm.kernel("blur"), act)
    target = signal.correlate2d(fm.activate(signal.correlate2d(picture, fm.kernel(k1), mode="valid") + b1, act),
                                fm.kernel("blur"), mode="valid")
    _, max_error, rms = reference_fit(picture, target, 5)
    assert check.fit.max_error == pytest.approx(max_error, rel=1e-6)
    assert check.fit.rms_error == pytest.approx(rms, rel=1e-6)
    assert not check.fit.exact and check.fit.max_error > 0.1  # far beyond rounding: no single kernel
    # Optimality: the residual is orthogonal to every column (normal equations), so no step improves it.
    a = fm.design_matrix(picture, (5, 5), target.shape)
    residual = a @ np.r_[check.fit.kernel.ravel(), check.fit.bias] - target.ravel()
    assert np.max(np.abs(a.T @ residual)) < 1e-8 * np.abs(a).sum(axis=0).max() * np.abs(target).max()


@pytest.mark.parametrize(("k1", "b1", "act"), [("blur", -4.0, "leaky_relu"), ("blur", 4.0, "hardtanh"),
                                               ("blur", 4.0, "softshrink")])
def test_an_activation_affine_on_its_values_keeps_one_kernel(picture, k1, b1, act):
    """The issue's cases: the activation changed every value and the map is far from K ⋆ x + B,
    yet one 5×5 kernel and a bias reproduce it to rounding."""
    check = fm.collapse_check(picture, fm.kernel(k1), b1, fm.kernel("blur"), act)
    assert check.changed == 1 and check.act_gap > 0.4
    assert check.fit.exact and check.fit.max_error < 1e-12
    _, max_error, _ = reference_fit(picture, check.with_act, 5)
    assert max_error < 1e-12


# ------------------------------------------------------------------ pooling between the convolutions (item 11)


def test_the_window_behind_a_pooled_cell_is_what_a_one_hot_picture_shows():
    """Light one pixel at a time; the cells of k₂ ⋆ avgpool(k₁ ⋆ x) that move are those whose
    window holds it: output cell (0, 0) sees exactly picture rows and columns 0 … 7."""
    k1, k2 = np.ones((3, 3)), np.ones((3, 3))
    seen = np.zeros((20, 20), dtype=bool)
    for i in range(20):
        for j in range(20):
            x = np.zeros((20, 20))
            x[i, j] = 1.0
            seen[i, j] = fm.correlate(fm.pool2x2(fm.correlate(x, k1), "avg"), k2)[0, 0] != 0
    assert fm.pooled_window((3, 3), (3, 3)) == (8, 8)
    assert seen[:8, :8].all() and not seen[8:].any() and not seen[:, 8:].any()


@pytest.mark.parametrize("seed", range(3))
def test_average_pooling_between_two_convolutions_folds_into_one_stride_2_kernel(rng, seed):
    image = fm.make_shapes_image(seed)
    k1, k2, b1 = rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), float(rng.normal())
    fits = fm.pooled_collapse(image, k1, b1, k2)
    assert fits["avg"].exact and fits["avg"].max_error < 1e-10
    assert not fits["max"].exact and fits["max"].max_error > 0.05  # max pooling is not linear
    target = signal.correlate2d(naive_pool(signal.correlate2d(image, k1, mode="valid") + b1, "max"), k2, mode="valid")
    _, max_error, rms = reference_fit(image, target, 8, stride=2)
    assert fits["max"].max_error == pytest.approx(max_error, rel=1e-6)
    assert fits["max"].rms_error == pytest.approx(rms, rel=1e-6)


# ------------------------------------------------------------------ the picture


def test_same_seed_same_bytes_other_seed_other_picture():
    a, b = fm.make_shapes_image(7), fm.make_shapes_image(7)
    assert a.tobytes() == b.tobytes()
    assert a.tobytes() != fm.make_shapes_image(8).tobytes()


@pytest.mark.parametrize("seed", range(12))
def test_the_picture_holds_two_to_six_separate_shapes_on_black(seed):
    image = fm.make_shapes_image(seed)
    assert image.shape == (fm.SIZE, fm.SIZE) and image.dtype == np.float64
    assert image.min() == 0.0 and 0.5 < image.max() <= 1.0
    assert np.mean(image == 0) > 0.5  # mostly background
    _, shapes = ndimage.label(image > 0)
    assert 2 <= shapes <= 6


# ------------------------------------------------------------------ uploads


def encode(img: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **options)
    return buf.getvalue()


def test_a_png_upload_comes_back_grey_square_and_resized():
    ramp = np.tile(np.linspace(0, 255, 256).astype(np.uint8), (200, 1))  # 256 wide, 200 high
    out = fm.image_from_upload(encode(Image.fromarray(ramp, "L"), "PNG"))
    assert out.shape == (fm.SIZE, fm.SIZE) and 0 <= out.min() and out.max() <= 1
    # The central 200×200 square of the ramp, averaged over 200/128-wide boxes: columns still rise.
    assert np.all(np.diff(out[64]) >= 0)
    assert out[64, 0] == pytest.approx(28 / 255, abs=0.02) and out[64, -1] == pytest.approx(227 / 255, abs=0.02)


def test_jpeg_colour_and_transparency():
    red = Image.new("RGB", (64, 64), (255, 0, 0))
    grey = fm.image_from_upload(encode(red, "JPEG", quality=95))
    assert grey.mean() == pytest.approx(0.299, abs=0.02)  # ITU-R 601 luma of pure red
    clear = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    assert fm.image_from_upload(encode(clear, "PNG")).min() == pytest.approx(1.0)  # laid on white


def test_sixteen_bit_grey_keeps_its_range():
    deep = Image.fromarray(np.full((32, 32), 32768, dtype=np.uint16))
    assert fm.image_from_upload(encode(deep, "PNG")).mean() == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"this is not a picture at all", "format"),
        (encode(Image.new("RGB", (8, 8)), "GIF"), "format"),
        (encode(Image.new("L", (64, 64), 128), "PNG")[:60], "unreadable"),
        (b"\x89PNG" + bytes(fm.MAX_UPLOAD_BYTES), "too_big"),
        (encode(Image.new("1", (5000, 4000)), "PNG"), "too_many_pixels"),
    ],
    ids=["empty", "text", "gif", "truncated", "too-big", "too-many-pixels"],
)
def test_a_bad_upload_raises_a_named_error(data, code):
    with pytest.raises(fm.UploadError) as caught:
        fm.image_from_upload(data)
    assert caught.value.code == code


def test_parse_kernel_is_strict():
    assert fm.parse_kernel("1,0,-1,2,0,-2,1,0,-1") == (1, 0, -1, 2, 0, -2, 1, 0, -1)
    for bad in ("1,2,3", "1,0,-1,2,0,-2,1,0,nan", "1,0,-1,2,0,-2,1,0,11", "a,b,c,d,e,f,g,h,i", ""):
        with pytest.raises(ValueError):
            fm.parse_kernel(bad)


# ------------------------------------------------------------------ pictures and charts


def test_diverging_colours_are_white_at_zero_and_the_theme_colours_at_the_ends():
    rgb = fv.diverging_rgb(np.array([-2.0, -1.0, 0.0, 1.0, 5.0]), limit=2.0)
    assert rgb[2].tolist() == [255, 255, 255]
    assert "#%02X%02X%02X" % tuple(rgb[0]) == fv.NEGATIVE.upper()
    assert "#%02X%02X%02X" % tuple(rgb[4]) == fv.POSITIVE.upper()  # clipped beyond the limit
    assert rgb[1].tolist() == np.rint((np.array([255.0] * 3) + fv._rgb(fv.NEGATIVE)) / 2).astype(int).tolist()


def test_the_colour_table_follows_the_formula(rng):
    values = rng.normal(scale=2, size=(50, 70))
    t = np.clip(values / 3.0, -1, 1)[..., None]
    end = np.where(t < 0, fv._rgb(fv.NEGATIVE), fv._rgb(fv.POSITIVE))
    exact = 255 + np.abs(t) * (end - 255)
    assert np.max(np.abs(fv.diverging_rgb(values, 3.0) - exact)) <= 1.0


def test_stage_picture_is_enlarged_framed_and_marks_the_cell():
    values = np.zeros((63, 63))
    plain = fv.stage_picture(values, 1.0)
    marked = fv.stage_picture(values, 1.0, [(10, 20, 1, 1)])
    factor = fv.DISPLAY // 63
    assert plain.shape == (63 * factor + 4, 63 * factor + 4, 3)
    assert (plain[2:-2, 2:-2] == 255).all() and (plain[0] != 255).all()  # white inside, grey frame
    changed = np.argwhere((marked != plain).any(axis=2))
    top, left = changed.min(axis=0) - 2
    assert (top // factor, left // factor) in {(9, 19), (10, 20)}  # the frame hugs cell (10, 20)


def test_histogram_counts_every_cell_and_centres_zero(picture):
    stages = fm.run_pipeline(picture, fm.kernel("sobel_x"), 0.0, "max", "relu")
    limit = fm.colour_limit(stages.activated)
    frame = fv.histogram_frame(stages.activated, limit)
    assert frame["count"].sum() == stages.activated.size
    middle = frame.iloc[len(frame) // 2]
    assert middle.x0 < 0 < middle.x1 and middle.colour == "#ffffff"
    assert middle["count"] == np.sum((stages.activated >= middle.x0) & (stages.activated < middle.x1))
    assert middle["count"] >= np.sum(stages.activated == 0) > 0  # ReLU's zeros, all in one bar
    spec = fv.histogram_spec("value", "cells")
    assert "data" not in spec and "datasets" not in spec
    assert spec["encoding"]["y"]["stack"] is None and spec["encoding"]["color"]["scale"] is None


def test_cell_latex_shows_the_numbers_of_the_cell(picture):
    work = fm.cell_work(picture, fm.kernel("sobel_x"), -0.5, "avg", "relu", 14, 29)
    conv, pooled, activated = fv.cell_latex(work, fm.kernel("sobel_x"), -0.5, "avg", "ReLU")
    assert numbers.decimals(work.conv_value, 3) in conv and "- 0.5" in conv
    assert r"\tfrac{1}{4}" in pooled and numbers.decimals(work.pooled, 3) in pooled
    assert activated.endswith("= 0") and "ReLU" in activated


def test_every_option_of_the_page_has_a_text():
    keys = ([f"fm_kernel_{k}" for k in fm.KERNEL_CHOICES] + [f"fm_pool_{p}" for p in fm.POOLS]
            + [f"fm_kernel_kind_{k}" for k in fm.KernelFacts.KINDS]
            + [f"fm_src_{s}" for s in ("shapes", "upload")] + [f"fm_upload_err_{c}" for c in fm.UploadError.CODES])
    assert not [k for k in keys if k not in TEXTS]


def test_changed_share_counts_what_the_activation_moved():
    before = np.array([-2.0, -1e-300, 0.0, 0.5, 3.0])
    assert fm.changed_share(before, fm.activate(before, "relu")) == pytest.approx(0.2)  # -2 only; -1e-300 ≈ 0
    assert fm.changed_share(before, fm.activate(before, "identity")) == 0
    assert fm.changed_share(before, fm.activate(before, "sigmoid")) == 1


def test_pipeline_views_draw_every_stage_and_frame_the_worked_cell(picture):
    views = fv.pipeline_views(picture, fm.kernel("sobel_x"), 0.0, "max", "relu", 14, 29)
    assert len(views.pictures) == len(views.zooms) == len(views.histograms) == 4
    assert all(url.startswith("data:image/png;base64,") for url in views.pictures + views.zooms)
    assert views.limits[3] == pytest.approx(views.stats[3].high) and views.stats[3].negative == 0
    assert views.work.activated == 0.0 and views.work.pooled < 0  # the default cell is one ReLU zeroes
    collapse = fv.collapse_views(picture, fm.kernel("sobel_x"), 0.0, fm.kernel("blur"), "relu")
    assert len(collapse.pictures) == 4 and collapse.check.linear_gap < 1e-12


def test_the_worked_cell_fits_a_phone_and_shows_the_kernel_exactly(picture):
    """At 390 px the conv line was cut after the matrices, and blur's 0.0625 read 0.062."""
    work = fm.cell_work(picture, fm.kernel("blur"), -0.5, "avg", "gelu", 14, 29)
    conv, pooled, _ = fv.cell_latex(work, fm.kernel("blur"), -0.5, "avg", "GELU")
    lines = conv.split(r"\\ &")  # the aligned lines (a matrix's rows end in \\ too, never before &)
    assert len(lines) == 3 and r"\footnotesize" in lines[0] and "0.0625" in lines[0]
    assert "0.5" not in lines[0].split(r"\odot")[1]
    assert lines[1].strip(" &").endswith("- 0.5")  # the bias continues on its own line
    assert len(pooled.split(r"\\ &")) == 3  # ¼(a + b / + c + d) / = mean
