"""The guided path: every reveal is what really happens, checked without the code that computed it.

Each step's number or outcome is recomputed here another way (brute force over lines
through point pairs, the chain rule by hand, quadrature, a bare ``Trainer``), and every
lesson link is parsed with the parameters of the page it opens.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from scipy import integrate
from scipy.special import expit

from core.i18n import LANGS, t
from core.lessons import collapse as col
from core.guide import path as lp
from core.nn.activations import ACTIVATIONS
from core.nn.session import compare_configs
from core.state import activations as sa
from core.state import collapse as cs
from core.state import feature_map as sf
from core.state import training as ts
from core.nn.trainer import Trainer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reveals() -> dict[str, lp.Reveal]:
    return {key: lp.reveal(key) for key in lp.STEP_KEYS}


# ------------------------------------------------------------------ the path's shape


def test_the_steps_follow_the_article():
    """The four problems, then the answer, then the advice, in the article's order."""
    assert lp.STEP_KEYS == ("line", "stack", "bend", "threshold", "unbounded", "slope", "answer", "care")


def test_every_choice_step_is_right_about_what_happens(reveals):
    """The option a step calls right is the outcome the app measures: if the engine ever
    behaved differently (tanh diverging, the identity net learning the circle), this fails."""
    for step in lp.STEPS:
        if isinstance(step.question, lp.Choice):
            assert step.question.answer in step.question.options
            assert reveals[step.key].truth == step.question.answer, step.key


def test_is_right_for_choices_and_guesses(reveals):
    line, threshold, stack = lp.STEPS_BY_KEY["line"], lp.STEPS_BY_KEY["threshold"], lp.STEPS_BY_KEY["stack"]
    assert lp.is_right(line, 70, 0.7) and lp.is_right(line, 65, 0.7) and lp.is_right(line, 75, 0.7)
    assert not lp.is_right(line, 50, 0.7) and not lp.is_right(line, 80, 0.7)
    soft = reveals["threshold"].truth
    assert lp.is_right(threshold, 1.0, soft) and lp.is_right(threshold, 0.95, soft)
    assert not lp.is_right(threshold, 0.5, soft) and not lp.is_right(threshold, 0.9, soft)
    assert lp.is_right(stack, "line", "line") and not lp.is_right(stack, "bend", "line")
    assert not lp.is_right(stack, None, "line")


def test_progress_counts_only_the_paths_steps():
    assert lp.progress({}) == (0, 8)
    assert lp.progress({"line": 70, "care": "tiny", "something else": 1}) == (2, 8)


# ------------------------------------------------------------------ each reveal, recomputed


def _best_line_by_pairs(X, y) -> int:
    """Most points any straight line classifies right: every line that splits the points
    differently can be moved until it passes through two of them, so trying the line
    through every pair (its two points assigned to whichever side suits them) is exact."""
    ones = np.asarray(y) == 1
    i, j = np.triu_indices(len(X), 1)
    best = 0
    for start in range(0, len(i), 2000):
        a, d = X[i[start:start + 2000]], X[j[start:start + 2000]] - X[i[start:start + 2000]]
        cross = d[:, None, 0] * (X[None, :, 1] - a[:, None, 1]) - d[:, None, 1] * (X[None, :, 0] - a[:, None, 0])
        pos, neg = cross > 0, cross < 0
        on = (~(pos | neg)).sum(1)
        up = (pos & ones).sum(1) + (neg & ~ones).sum(1)
        down = (neg & ones).sum(1) + (pos & ~ones).sum(1)
        best = max(best, int(np.max(np.maximum(up, down) + on)))
    return best


def test_line_the_best_straight_line_really_gets_what_the_step_says(reveals):
    X, y = lp.circle_points()
    best = _best_line_by_pairs(X, y)
    assert reveals["line"].truth == best / len(y) == reveals["line"].values["best"]
    assert reveals["line"].values["circles"] == np.count_nonzero(y == 1) / len(y)
    assert reveals["line"].values["n"] == len(y) == 300


def test_line_is_the_collapse_pages_picture():
    """The same 300 points the collapse page draws (its N_POINTS and seed)."""
    source = (ROOT / "app_pages" / "collapse.py").read_text(encoding="utf-8")
    assert f"N_POINTS = {lp.CIRCLE_POINTS}" in source
    assert 'make_dataset("circle", n=N_POINTS, seed=0)' in source


def test_line_picture_puts_the_circles_side_in_blue(reveals):
    """The after-picture's rule agrees with the best line's accuracy on the points."""
    X, y = lp.circle_points()
    line = col.best_line(X, y).as_line()
    assert np.mean((line.side(X) > 0) == (y == 1)) == pytest.approx(reveals["line"].truth)
    assert set(np.unique(reveals["line"].figure.probs)) == {0.0, 1.0}


def test_stack_folds_into_one_affine_map(reveals):
    weights, biases = lp.stack_layers()
    assert [w.shape for w in weights] == [(2, 8), (8, 3), (3, 8), (8, 1)]
    W = np.linalg.multi_dot(weights)
    b = ((biases[0] @ weights[1] + biases[1]) @ weights[2] + biases[2]) @ weights[3] + biases[3]
    values = reveals["stack"].values
    assert (values["a"], values["c"], values["beta"]) == pytest.approx((W[0, 0], W[1, 0], b[0]), rel=1e-12)
    P = np.random.default_rng(7).uniform(-1, 1, (500, 2))
    h = P
    for Wl, bl in zip(weights, biases):
        h = h @ Wl + bl
    assert np.allclose(h, P @ W + b, rtol=1e-12, atol=1e-12)
    X, y = lp.circle_points()
    assert values["accuracy"] == pytest.approx(np.mean(((X @ W + b)[:, 0] > 0) == (y == 1)))
    assert reveals["stack"].truth == "line" and values["deviation"] < 1e-6


def test_stack_with_tanh_would_bend():
    """The contrast the step's link invites: the same stack with tanh is not straight."""
    weights, biases = lp.stack_layers()
    shape = col.boundary_shape(lambda P: col.forward(P, weights, biases, activation=ACTIVATIONS["tanh"])[:, 0])
    assert shape.kind == "bent"


def test_bend_a_circle_separates_the_squared_points(reveals):
    X, y = lp.circle_points()
    r2 = (X**2).sum(axis=1)
    inner, outer = r2[y == 1].max(), r2[y == 0].min()
    assert inner < outer  # some circle separates the classes perfectly
    values = reveals["bend"].values
    assert inner < values["t"] < outer and values["accuracy"] == 1.0 and reveals["bend"].truth == "all"
    assert values["radius"] == pytest.approx(math.sqrt(values["t"]))
    assert values["line"] == reveals["line"].truth


def test_threshold_numbers(reveals):
    values = reveals["threshold"].values
    assert values["soft"] == pytest.approx(1.0 / (1.0 + math.exp(-5.0)), rel=1e-15)
    assert values["soft_minus"] == pytest.approx(1.0 / (1.0 + math.exp(5.0)), rel=1e-12)
    assert (values["hard"], values["hard_slope"], values["z"]) == (1.0, 0.0, 5.0)


def _compared_trainers(settings: dict, epochs: int = lp.EPOCHS) -> dict[str, Trainer]:
    """The compared networks, built from the config and trained without TrainingSession."""
    s = {**ts.DEFAULTS, **settings}
    configs, p0 = compare_configs(ts.build_config(s), s["trn_compare"])
    split = lp.training_split(s)
    trainers = {}
    for config in configs:
        trainer = Trainer(config, *split, initial_params=[(W.copy(), b.copy()) for W, b in p0])
        trainer.run(epochs)
        trainers[config.activation] = trainer
    return trainers


def test_unbounded_identity_diverges_where_tanh_learns(reveals):
    runs = _compared_trainers(lp.link_settings(lp.STEPS_BY_KEY["unbounded"]))
    identity, tanh = runs["identity"], runs["tanh"]
    assert identity.diverged and not tanh.diverged
    values = reveals["unbounded"].values
    assert values["diverged_at"] == identity.diverged_at
    assert values["tanh_loss"] == tanh.metrics()["train_loss"] and values["tanh_epoch"] == lp.EPOCHS
    assert math.isfinite(values["tanh_loss"])


def test_unbounded_claims_hold_on_every_seed():
    """What the notes say of the "unbounded" link holds whatever the seed: tanh's loss stays
    finite (at lr 3 its accuracy swings from 50 % to 98 %, so no accuracy is quoted), and
    the notes quote no accuracy for it."""
    settings = lp.link_settings(lp.STEPS_BY_KEY["unbounded"])
    for seed in range(5):
        runs = _compared_trainers({**settings, "seed": seed})
        assert not runs["tanh"].diverged and math.isfinite(runs["tanh"].metrics()["train_loss"]), seed
    values = lp.reveal("unbounded").values
    for lang in LANGS:
        assert "%" not in t("lesson_unbounded_see", lang, **values)


def test_unbounded_texts_say_where_the_blow_up_is():
    """The networks end in a sigmoid, so the output's error p − y is bounded by 1: the texts
    must put the blow-up in the hidden values and weights, not in an unbounded error."""
    p = expit(np.linspace(-50, 50, 1001))
    assert np.all(np.abs(p - 1) <= 1) and np.all(np.abs(p - 0) <= 1)
    for key in ("lesson_unbounded_text", "lesson_quiz_unbounded_why"):
        english = t(key, "en")
        assert "between −1 and 1" in english and "hidden values" in english, key
        assert "−1 到 1" in t(key, "zh") and "隐藏层" in t(key, "zh"), key
    assert "error without bound" not in t("lesson_quiz_unbounded_why", "en")


def test_slope_is_constant_for_the_linear_network_and_not_with_tanh(reveals):
    w = col.DEFAULT_WEIGHTS
    w1, w2, w3, w4, w5, w6, w7, w8, w9 = w
    a, c = w1 * w7 + w3 * w8 + w5 * w9, w2 * w7 + w4 * w8 + w6 * w9  # the article's coefficients
    values = reveals["slope"].values
    for name in ("gp", "gq"):
        assert (values[f"{name}1"], values[f"{name}2"]) == pytest.approx((a, c), rel=1e-6)
    W1, W2 = col.stack_231(w)
    for point, name in ((lp.POINT_P, "tp"), (lp.POINT_Q, "tq")):
        h = np.tanh(np.asarray(point) @ W1)  # chain rule: W1 · diag(1 − tanh²) · W2
        grad = W1 @ np.diag(1.0 - h**2) @ W2
        assert (values[f"{name}1"], values[f"{name}2"]) == pytest.approx(tuple(grad[:, 0]), rel=1e-6)
    assert abs(values["tp1"] - values["tq1"]) > 0.1


def test_answer_only_the_tanh_network_separates_the_circles(reveals):
    runs = _compared_trainers(lp.link_settings(lp.STEPS_BY_KEY["answer"]))
    values = reveals["answer"].values
    assert values["identity_acc"] == runs["identity"].metrics()["test_acc"] < 0.95
    assert values["tanh_acc"] == runs["tanh"].metrics()["test_acc"] >= 0.95
    # The pictures show the test points: the accuracies under them are measured there.
    _, _, X_test, y_test = lp.training_split(lp.link_settings(lp.STEPS_BY_KEY["answer"]))
    figure = reveals["answer"].figure
    assert np.array_equal(figure.X, X_test) and np.array_equal(figure.y, y_test)
    # Without activations the net is a straight line (a logistic regression in disguise).
    identity = runs["identity"].model
    shape = col.boundary_shape(lambda P: identity.predict_proba(P) - 0.5)
    assert shape.kind in ("straight", "slight")


def _mean_slope(key: str) -> float:
    """E|f′(z)| for z ~ N(0, 1), by quadrature."""
    act = ACTIVATIONS[key]

    def weighted(z: float) -> float:
        return abs(float(act.grad(np.float64(z)))) * math.exp(-z * z / 2.0) / math.sqrt(2.0 * math.pi)

    value, _ = integrate.quad(weighted, -12.0, 12.0, points=[0.0], limit=200)
    return value


def test_care_what_is_left_after_twenty_layers(reveals):
    values = reveals["care"].values
    x = np.linspace(-10, 10, 200_001)
    assert values["top"] == pytest.approx(np.max(expit(x) * expit(-x)), abs=1e-12) == 0.25
    assert values["bound"] == pytest.approx(0.25**20)
    for key in ("sigmoid", "tanh"):
        assert values[key] == pytest.approx(_mean_slope(key) ** lp.DEPTH, rel=1e-4), key
    # ReLU: an open path carries the gradient whole; half the paths close at each layer.
    assert values["relu_open"] == pytest.approx(1.0, abs=1e-9)
    assert values["relu_paths"] == pytest.approx(0.5**20, rel=1e-6)
    assert values["sigmoid"] < 1e-6 <= values["relu_open"] and reveals["care"].truth == "sigmoid"


def test_care_options_mean_what_the_answer_counts():
    """"Almost nothing" is "less than a millionth" in the options and in the code's test."""
    assert lp.VANISHED == 1e-6
    for option in ("both", "sigmoid", "relu"):
        assert "less than a millionth" in t(f"lesson_care_opt_{option}", "en")
        assert "不到百万分之一" in t(f"lesson_care_opt_{option}", "zh")


def test_care_texts_write_powers_for_beginners_and_keep_the_weights_in():
    """No caret, no e-notation; the ¼ bound is the activation's factor alone."""
    values = lp.reveal("care").values
    qv = lp.quiz_values()
    texts = {lang: [t(f"lesson_care_{part}", lang, **values) for part in ("text", "question", "why", "ask", "see")]
             + [t("lesson_quiz_vanish_why", lang, **qv), t("lesson_quiz_vanish_quarter", lang)] for lang in LANGS}
    for lang, parts in texts.items():
        for text in parts:
            assert "^" not in text and not any(f"e-{d}" in text for d in "0123456789"), text
    assert "0.25²⁰ ≈ 9 × 10⁻¹³" in t("lesson_care_why", "en", **values)
    assert "weights" in t("lesson_care_why", "en", **values) and "权重" in t("lesson_care_why", "zh", **values)
    assert "weights" in t("lesson_quiz_vanish_why", "en", **qv) and "权重" in t("lesson_quiz_vanish_quarter", "zh")


def test_the_care_note_names_the_charts_heading():
    values = lp.reveal("care").values
    for lang in LANGS:
        assert f"“{t('act_depth_heading', lang)}”" in t("lesson_care_see", lang, **values)


def test_the_slope_note_says_only_the_input_gradient_is_the_same():
    """At p and q the linear network's gradient with respect to the input is equal, with
    respect to the weights it is not (∂y/∂W₁ = xᵀ·W₂ᵀ grows with x): the note says so."""
    W1, W2 = col.stack_231(col.DEFAULT_WEIGHTS)
    grads = [np.outer(np.asarray(point), W2[:, 0]) for point in (lp.POINT_P, lp.POINT_Q)]
    assert not np.allclose(grads[0], grads[1])
    english = t("lesson_slope_see", "en")
    assert "with respect to the input is the same" in english and "with respect\nto the weights differs" not in english
    assert "to the weights differs" in english.replace("\n", " ")
    assert "对权重的梯度" in t("lesson_slope_see", "zh") and "不一样" in t("lesson_slope_see", "zh")


def test_the_threshold_text_does_not_name_a_k_the_picture_may_not_show():
    """The picture shows k = 1 before the answer and k = 50 after it: each says its k in
    its own caption, the step's text names none."""
    for lang in LANGS:
        assert "k = 1" not in t("lesson_threshold_text", lang)
        assert "k = 1" in t("lesson_threshold_before", lang, k=1.0)


# ------------------------------------------------------------------ the links


#: The URL parameters each page declares (its ``core.state`` module's PARAMS).
PAGE_PARAMS = {"training": ts.PARAMS_BY_KEY, "collapse": cs.PARAMS_BY_KEY, "activations": sa.PARAMS_BY_KEY,
               "feature_map": sf.PARAMS_BY_KEY}


def _page_params(page: str) -> dict:
    return dict(PAGE_PARAMS[page])


def test_the_pages_draw_their_widgets_from_these_params():
    """The pages restore and write exactly these specs (no private copy in the page)."""
    for page, module in (("collapse", "cs"), ("activations", "sa"), ("feature_map", "sf")):
        source = (ROOT / "app_pages" / f"{page}.py").read_text(encoding="utf-8")
        assert f"restore_from_url({module}.PARAMS)" in source
        assert "up.number(" not in source and "up.integer(" not in source


@pytest.mark.parametrize("step", lp.STEPS, ids=lambda s: s.key)
def test_every_link_parses_with_its_pages_params(step):
    params = _page_params(step.link.page)
    for key, raw in step.link.query:
        if key == "col_widths":  # declared by the page for the depth in use
            depth = dict(step.link.query)["col_depth"]
            assert len(cs.parse_widths(raw)) == int(depth) - 1
            continue
        value, ok = params[key].read(raw)
        assert ok, f"{step.key}: {key}={raw} is rejected by the {step.link.page} page"
        assert params[key].dump(value) == raw, (key, raw)  # canonical: the page writes it back the same


@pytest.mark.parametrize("step", lp.STEPS, ids=lambda s: s.key)
def test_every_link_is_a_url_with_its_settings_and_present(step):
    parts = urlsplit(step.link.url("http://localhost:8501", lang="zh"))
    assert parts.path == f"/{step.link.page}"
    query = dict(parse_qsl(parts.query))
    assert query == {**dict(step.link.query), "present": "1", "lang": "zh", lp.AT: step.link.anchor}
    assert step.link.anchor  # every step opens its page at the section it is about
    assert (ROOT / step.link.script).exists()
    assert {key for key, _ in step.link.query} <= set(step.link.keys_to_clear())


def test_training_links_clear_every_training_setting():
    """A learner's own activation or seed from earlier must not leak into a step's picture."""
    for key in ("unbounded", "answer"):
        assert set(lp.STEPS_BY_KEY[key].link.keys_to_clear()) == set(ts.PARAMS_BY_KEY)


def test_link_settings_are_what_the_reveal_trains():
    settings = lp.link_settings(lp.STEPS_BY_KEY["unbounded"])
    assert settings == {"lr": 3.0, "optimizer": "sgd", "trn_compare": ["identity", "tanh"]}
    assert lp.link_settings(lp.STEPS_BY_KEY["answer"]) == {"trn_compare": ["identity", "tanh"]}


def test_the_readme_lists_every_lesson_link_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Lesson links", 1)[1].split("\n## ", 1)[0]
    listed = [line.split("<", 1)[1].split(">", 1)[0] for line in section.splitlines() if line[:2].rstrip(".").isdigit()]
    assert listed == [url for _, url in lp.lesson_links()]


def test_the_readmes_generated_lesson_block_is_what_the_code_makes_now():
    """The whole block, teacher notes and their numbers included: run
    ``python tools/lesson_links.py --write`` when this fails."""
    from core.guide.views import lesson_links_markdown
    from tools.lesson_links import END, START

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0]
    assert block == lesson_links_markdown()


# ------------------------------------------------------------------ texts and the quiz


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_text_fills_from_its_reveal(reveals, lang):
    """Every text a step shows has a key in both languages and only the reveal's placeholders."""
    for step in lp.STEPS:
        values = reveals[step.key].values
        parts = ["title", "text", "question", "why", "ask", "see"]
        parts += [f"opt_{o}" for o in step.question.options] if isinstance(step.question, lp.Choice) else ["guess"]
        for part in parts:
            assert t(f"lesson_{step.key}_{part}", lang, **values).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_quiz_text_fills(lang):
    values = lp.quiz_values()
    for q in lp.QUIZ:
        assert q.answer in q.options
        for part in ("q", "why", *q.options):
            assert t(f"lesson_quiz_{q.key}_{part}", lang, **values).strip()
    assert len(lp.QUIZ) in range(6, 9)


def test_quiz_values_are_what_they_say():
    values = lp.quiz_values()
    assert values["slope0"] == 0.25 and values["bound"] == 0.25**20
    assert values["slope3"] == pytest.approx(expit(3.0) * expit(-3.0))
    assert values["tanh_low"] == pytest.approx(math.tanh(-3.0))
    X, y = lp.circle_points()
    assert values["best"] == _best_line_by_pairs(X, y) / len(y)


def test_quiz_scores_and_changes():
    right = {q.key: q.answer for q in lp.QUIZ}
    wrong = {q.key: next(o for o in q.options if o != q.answer) for q in lp.QUIZ}
    assert lp.quiz_score(right) == len(lp.QUIZ) and lp.quiz_score(wrong) == 0 and lp.quiz_score({}) == 0
    half = {**wrong, **{q.key: q.answer for q in lp.QUIZ[:3]}}
    assert lp.quiz_changes(half, right) == {"learnt": len(lp.QUIZ) - 3, "kept": 3, "lost": 0, "missed": 0}
    assert lp.quiz_changes(right, {}) == {"learnt": 0, "kept": 0, "lost": len(lp.QUIZ), "missed": 0}


def test_the_right_quiz_option_is_not_always_in_the_same_place():
    assert len({q.options.index(q.answer) for q in lp.QUIZ}) == 3



@pytest.mark.parametrize("seed", range(30))
def test_quiz_options_are_a_learners_shuffle_and_change_after_the_lesson(seed):
    for q in lp.QUIZ:
        before, after = lp.quiz_options(q, seed, "before"), lp.quiz_options(q, seed, "after")
        assert sorted(before) == sorted(after) == sorted(q.options)
        assert before != after
        assert lp.quiz_options(q, seed, "before") == before  # the same learner, the same order


def test_quiz_options_differ_between_learners():
    orders = {tuple(lp.quiz_options(q, seed, "before") for q in lp.QUIZ) for seed in range(20)}
    assert len(orders) > 10
    firsts = {lp.quiz_options(lp.QUIZ[0], seed, "before")[0] for seed in range(40)}
    assert firsts == set(lp.QUIZ[0].options)  # the right answer is not always first, nor anywhere fixed


def test_every_step_names_pictures_its_figure_can_draw(reveals):
    """Each step's two pictures are kinds the home page draws, and its reveal's figure is
    what those kinds draw (a step that named the rule picture but revealed curves would
    fail on the page, after the learner answered)."""
    for step in lp.STEPS:
        assert len(step.pictures) == 2
        for kind in step.pictures:
            assert isinstance(reveals[step.key].figure, lp.PICTURE_KINDS[kind]), (step.key, kind)


def test_the_home_page_draws_every_kind_of_picture():
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parents[2] / "app_pages" / "home.py").read_text())
    drawers = next(node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                   and any(getattr(t, "id", None) == "DRAWERS" for t in node.targets))
    assert {k.value for k in drawers.keys} == set(lp.PICTURE_KINDS)
