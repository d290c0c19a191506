"""``core.boundary``: the grid, the colour map, the markers and the PNG."""

import io

import numpy as np
import pytest
from PIL import Image

from core.nn.mlp import MLP
from core.nn.plane import evaluate_grid, evaluate_neurons, grid_points
from core.present.boundary import (
    CLASS0_RGB,
    CLASS1_RGB,
    LIM,
    LUT,
    marker_stamp,
    png_bytes,
    prob_to_rgb,
    render_boundary,
    render_neuron_map,
    to_pixels,
)


def luminance(rgb) -> float:
    r, g, b = np.asarray(rgb, float)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def plain(p=0.5, r=10):
    return np.full((r, r), p)


# ----------------------------------------------------------------- grid


def test_grid_points_order_and_extent():
    pts = grid_points(4, 1.0)
    assert pts.shape == (16, 2) and pts.dtype == np.float64
    np.testing.assert_allclose(pts[0], [-0.75, 0.75])  # top-left cell centre
    np.testing.assert_allclose(pts[3], [0.75, 0.75])  # top-right
    np.testing.assert_allclose(pts[-1], [0.75, -0.75])  # bottom-right
    assert not pts.flags.writeable
    assert grid_points(100) is grid_points(100)  # cached
    assert np.abs(grid_points(100)).max() < LIM


def test_evaluate_grid_is_predict_proba_in_image_order():
    model = MLP([2, 4, 1], "tanh", seed=1)
    probs = evaluate_grid(model, 30)
    assert probs.shape == (30, 30)
    np.testing.assert_array_equal(probs.ravel(), model.predict_proba(grid_points(30)))


def test_evaluate_neurons_shapes():
    model = MLP([2, 4, 3, 1], "relu", seed=1)
    maps = evaluate_neurons(model, 16)
    assert [m.shape for m in maps] == [(4, 16, 16), (3, 16, 16)]
    h = model.hidden_outputs(grid_points(16))
    np.testing.assert_array_equal(maps[1][2].ravel(), h[1][:, 2])


# ----------------------------------------------------------------- colours


def test_lut_is_a_diverging_orange_white_blue_map():
    assert LUT.shape == (256, 3) and LUT.dtype == np.uint8
    assert (LUT[127].astype(int) >= 250).all() and (LUT[128].astype(int) >= 250).all()
    lo, hi = LUT[0].astype(int), LUT[255].astype(int)
    assert lo[0] > lo[2] and hi[2] > hi[0]  # orange end, blue end
    # Tints of the class colours: same hue order as the markers.
    assert np.argmax(CLASS0_RGB) == np.argmax(lo) and np.argmax(CLASS1_RGB) == np.argmax(hi)
    # Readable in grey scale: the two ends differ in lightness, and both sides get
    # darker monotonically away from white.
    assert abs(luminance(lo) - luminance(hi)) > 20
    lum = np.array([luminance(c) for c in LUT])
    assert (np.diff(lum[:128]) >= -1e-9).all() and (np.diff(lum[128:]) <= 1e-9).all()


@pytest.mark.parametrize("p, index", [(0.0, 0), (0.5, 128), (1.0, 255), (0.25, 64)])
def test_colours_at_known_probabilities(p, index):
    img = render_boundary(plain(p), size=40)
    assert img.shape == (40, 40, 3) and img.dtype == np.uint8
    assert (img == LUT[index]).all()
    assert (prob_to_rgb(p) == LUT[index]).all()


def test_nan_probabilities_show_white():
    img = render_boundary(np.full((5, 5), np.nan), size=20)
    assert (img.astype(int) >= 250).all()


def test_discretize_gives_two_colours():
    rng = np.random.default_rng(0)
    img = render_boundary(rng.uniform(0, 1, (50, 50)), size=100, discretize=True)
    colours = {tuple(c) for c in img.reshape(-1, 3)}
    assert colours == {tuple(LUT[0]), tuple(LUT[255])}


def test_smooth_and_blocky_resampling():
    grid = np.zeros((2, 2))
    grid[:, 1] = 1.0  # left half p = 0, right half p = 1
    smooth = render_boundary(grid, size=40)
    blocky = render_boundary(grid, size=40, smooth=False)
    assert len({tuple(c) for c in blocky.reshape(-1, 3)}) == 2
    assert len({tuple(c) for c in smooth.reshape(-1, 3)}) > 10  # a gradient
    for img in (smooth, blocky):
        assert (img[:, 0] == LUT[0]).all() and (img[:, -1] == LUT[255]).all()


# ----------------------------------------------------------------- markers


def changed(img, background):
    return np.any(img != background, axis=-1)


def test_markers_sit_on_their_points_with_their_class_shape():
    size = 200
    bg = render_boundary(plain(), size=size)
    point = np.array([[0.3, -0.4]])
    col, row = (float(v[0]) for v in to_pixels(point, size))
    masks = {}
    for cls in (0, 1):
        img = render_boundary(plain(), point, [cls], size=size, marker_radius=6.0)
        mask = changed(img, bg)
        rows, cols = np.nonzero(mask)
        assert abs(cols.mean() - col) < 1.0  # centred on the point horizontally
        assert abs(rows.mean() - row) < 1.5
        assert 60 < mask.sum() < 300  # a marker of radius 6, not a blot
        masks[cls] = mask
        centre = img[int(round(row)), int(round(col))]
        assert np.abs(centre.astype(int) - (CLASS1_RGB if cls else CLASS0_RGB)).max() <= 2
    assert (masks[0] != masks[1]).sum() > 10  # circle and triangle differ
    # The triangle points up: wider at its bottom rows than at its top rows.
    rows, cols = np.nonzero(masks[0])
    top, bottom = rows.min(), rows.max()
    assert np.sum(rows == bottom) > np.sum(rows == top)


def test_stamps_differ_and_are_antialiased():
    dy_c, dx_c, cover_c = marker_stamp("circle", 5.0, (0.0, 1.0))
    dy_t, dx_t, cover_t = marker_stamp("triangle", 5.0, (0.0, 1.0))
    assert set(zip(dy_c, dx_c)) != set(zip(dy_t, dx_t))
    for cover in (cover_c, cover_t):
        assert (cover[1] <= cover[0]).all()  # fill inside the outline
        assert ((cover[0] > 0) & (cover[0] < 1)).any()  # soft edges
    # Equal areas: the triangle has the circle's visual weight.
    assert cover_t[0].sum() == pytest.approx(cover_c[0].sum(), rel=0.1)


def test_test_points_look_different_from_training_points():
    size = 200
    point = np.array([[0.0, 0.0]])
    train = render_boundary(plain(), point, [1], size=size)
    test = render_boundary(plain(), None, None, point, [1], size=size)
    col, row = (int(round(float(v[0]))) for v in to_pixels(point, size))
    assert np.abs(train[row, col].astype(int) - CLASS1_RGB).max() <= 2  # filled
    assert (test[row, col] == 255).all()  # hollow: white centre
    assert (train != test).any(axis=-1).sum() > 10
    bg = render_boundary(plain(), size=size)
    assert changed(test, bg).sum() > 20  # and still visible


def test_points_on_the_edge_are_clipped_not_crashing():
    X = np.array([[-1.1, 1.1], [1.1, -1.1], [5.0, 5.0]])
    img = render_boundary(plain(), X, [0, 1, 1], X, [1, 0, 0], size=50)
    assert img.shape == (50, 50, 3)


def test_render_with_many_points():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (500, 2))
    y = (X[:, 0] > 0).astype(int)
    probs = rng.uniform(0, 1, (100, 100))
    img = render_boundary(probs, X[:250], y[:250], X[250:], y[250:], size=400)
    assert img.shape == (400, 400, 3) and img.flags.c_contiguous


# ----------------------------------------------------------------- neuron maps, PNG


def test_neuron_map_normalisation():
    ramp = np.tile(np.linspace(-3.0, 3.0, 20), (20, 1))  # left negative, right positive
    img = render_neuron_map(ramp, size=48)
    assert img.shape == (48, 48, 3) and img.dtype == np.uint8
    assert (img[:, 0] == LUT[0]).all() and (img[:, -1] == LUT[255]).all()  # full contrast
    assert (render_neuron_map(np.zeros((8, 8)), 16).astype(int) >= 250).all()  # 0 → white
    sig = render_neuron_map(np.full((8, 8), 0.5), 16, vrange=(0.0, 1.0))
    assert (sig.astype(int) >= 250).all()  # the middle of (0, 1) is white
    flat = render_neuron_map(np.full(64, 2.0), 16)  # accepts r·r values
    assert (flat == LUT[255]).all()


@pytest.mark.parametrize("pillow", [False, True])
def test_png_round_trip(pillow):
    rng = np.random.default_rng(0)
    img = render_boundary(rng.uniform(0, 1, (20, 20)), [[0.0, 0.0]], [1], size=64)
    img[0, 0] = (1, 2, 3)
    data = png_bytes(img, pillow=pillow)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    decoded = Image.open(io.BytesIO(data))
    assert decoded.format == "PNG" and decoded.mode == "RGB" and decoded.size == (64, 64)
    np.testing.assert_array_equal(np.asarray(decoded), img)
    odd = rng.integers(0, 256, (3, 5, 3), dtype=np.uint8)  # not square, tiny
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png_bytes(odd)))), odd)
    with pytest.raises(ValueError):
        png_bytes(np.zeros((4, 4)))
