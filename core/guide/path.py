r"""The guided path: the article's argument as eight predict-then-check steps, and a quiz.

The article argues in a line: one straight line cannot separate circles from triangles,
and stacking linear layers does not help; bending the input would; a network also needs
a threshold to turn a score into a class; unbounded outputs make training blow up; a
linear map's slope is the same everywhere; so we need activation functions — and must
choose them with care.  Each :class:`Step` here is one link of that chain:

* a question the learner answers *before* seeing what happens (a :class:`Choice`, or a
  :class:`Guess` of a number);
* :func:`reveal`, which computes what really happens, with the app's own engine, so the
  numbers the learner reads after answering are measured, not typed into a text;
* a :class:`Link` to the page and the settings where the learner (or a class, on a
  projector) sees it happen.

The reveals reuse the pages' code and recipes exactly (the collapse page's 300 circle
points, the training page's data split, ``TrainingSession`` for compared networks), so a
number on the path is the number the linked page shows.  Texts live in
``core/texts/lesson.py``; their placeholders carry format specs (``{best:.1%}``), so this
module hands over raw numbers and never formats them.

No Streamlit here, and no pictures: ``core.guide.views`` draws.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np

from core.lessons import collapse as col
from core.lessons.activation_props import depth_factors
from core.nn.activations import ACTIVATIONS
from core.nn.datasets import make_dataset, train_test_split
from core.nn.plane import evaluate_grid, grid_points
from core.nn.session import TrainingSession
from core.state import training as ts
from core.present.numbers import exact_text

# ------------------------------------------------------------------ links

#: The URL parameter that opens a page at one of its sections (a heading's anchor).
AT = "at"


@dataclass(frozen=True)
class Link:
    """A page (its URL path, e.g. ``"training"``) with the settings of one step.

    ``query`` holds every setting the step depends on (some equal to the page's default,
    so that a learner who changed them on that page earlier gets the step's picture).
    ``clears``: the session keys to forget before following the link inside a session,
    because a page keeps a learner's own settings over the URL's (see
    ``ui.restore_from_url``); by default the keys of ``query``. ``anchor``: the id of the
    section the step is about (a heading's ``anchor``), which the link scrolls to.
    """

    page: str
    query: tuple[tuple[str, str], ...]
    clears: tuple[str, ...] = ()
    anchor: str = ""

    @property
    def script(self) -> str:
        """The page's file, as ``st.switch_page`` and ``st.page_link`` want it."""
        return f"app_pages/{self.page}.py"

    def params(self, present: bool = True) -> dict[str, str]:
        """The query parameters; ``present=1`` (presenter mode) and ``at`` (the section to
        open at, ``ui.page_aids``) last. Not a ``#fragment``: Streamlit drops it when it
        rewrites the address bar during the page's first run, before anything could scroll."""
        return {**dict(self.query), **({"present": "1"} if present else {}),
                **({AT: self.anchor} if self.anchor else {})}

    def keys_to_clear(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*(k for k, _ in self.query), *self.clears)))

    def url(self, base: str = "", lang: str | None = None, present: bool = True) -> str:
        """``base`` + page + query, e.g. ``http://localhost:8501/training?trn_compare=…``;
        without ``base``, relative to the app's address (``training?…``)."""
        params = self.params(present)
        if lang:
            params["lang"] = lang
        # Commas stay readable: every list parameter of the app is comma-separated.
        path = f"{self.page}?" + urlencode(params, safe=",")
        return f"{base.rstrip('/')}/{path}" if base else path


def _weights_query() -> tuple[tuple[str, str], ...]:
    """The article's nine weights at the collapse page's defaults."""
    return tuple((name, exact_text(v)) for name, v in zip(col.WEIGHT_NAMES, col.DEFAULT_WEIGHTS))


def _training_link(anchor: str = "", **settings: object) -> Link:
    """A training-page link: only what differs from the page's defaults goes in the URL,
    and every training setting is cleared first, so the rest are the defaults."""
    for key in settings:
        if key not in ts.DEFAULTS:
            raise KeyError(key)
    dumps = {p.key: p.dump for p in ts.PARAMS}
    query = tuple((k, dumps[k](v)) for k, v in settings.items() if v != ts.DEFAULTS[k])
    return Link("training", query, clears=tuple(p.key for p in ts.PARAMS), anchor=anchor)


# ------------------------------------------------------------------ questions and steps


@dataclass(frozen=True)
class Choice:
    """Multiple choice: language-neutral option ids; the right one is ``answer``."""

    options: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class Guess:
    """A number guessed on a slider from ``low`` to ``high``; right within ``tolerance``
    of the value the reveal computes (``Reveal.truth``)."""

    low: float
    high: float
    step: float
    start: float
    tolerance: float
    percent: bool = False  # the slider shows 0…100 for a share 0…1


@dataclass(frozen=True)
class Step:
    """One link of the argument: its question, where it is seen (``link``), the function
    that computes what really happens (``reveal``), and the names of its two pictures,
    before and after the learner answers (the home page draws each kind; see
    :data:`PICTURE_KINDS`). Its texts are ``lesson_<key>_*`` in ``core/texts/lesson.py``."""

    key: str
    question: Choice | Guess
    link: Link
    reveal: Callable[[], Reveal]
    pictures: tuple[str, str]



#: The collapse page's picture of the article: 300 circle points, seed 0 (its
#: ``N_POINTS`` and ``circle_data``), so the path's numbers are the page's numbers.
CIRCLE_POINTS = 300
CIRCLE_SEED = 0
#: The stack of the "stacking" step: the collapse page's default contrast stack
#: (depth 4, hidden widths 8,3,8, seed 0), 2 inputs, 1 output.
STACK_HIDDEN = (8, 3, 8)
STACK_SEED = 0
#: The threshold step: σ(k·x) at k = 50, x = 0.1.
STEEP_K = 50.0
STEEP_X = 0.1
#: The two points where the slope step measures the gradient (the collapse page's defaults).
POINT_P = (0.5, -0.5)
POINT_Q = (-0.8, 0.3)
#: Epochs the compared networks train in the "unbounded" and "answer" steps.
EPOCHS = 50
#: The "unbounded" step's learning rate: plain SGD at 3 (the training page's ladder).
BIG_LR = 3.0
#: Depth of the "care" step (the activations page's gradient-through-depth view).
DEPTH = 20
DEPTH_FNS = ("sigmoid", "tanh", "relu")
#: A slope is "the same" at two points when it agrees to this relative tolerance (the
#: gradients are measured by central differences).
SAME_SLOPE_RTOL = 1e-6

# ------------------------------------------------------------------ reveals


@dataclass(frozen=True, eq=False)
class Points:
    """The circle picture: points ``X`` (n, 2) with classes ``y``; ``probs``, a rule's
    P(circle) on the picture's grid (None: the points alone); ``threshold``, the squared
    radius t of the bending step's rule x₁² + x₂² ≷ t (None for the others)."""

    X: np.ndarray
    y: np.ndarray
    probs: np.ndarray | None = None
    threshold: float | None = None


@dataclass(frozen=True, eq=False)
class Compared:
    """Test points and each compared network's P(class 1) grid, by activation."""

    X: np.ndarray
    y: np.ndarray
    probs: Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Threshold:
    """The step function beside σ(k·x)."""

    k: float


@dataclass(frozen=True)
class Curves:
    """f or f′ of the activations ``keys``."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Depth:
    """What is left of a gradient after 1…``depth`` layers of each activation in ``keys``."""

    keys: tuple[str, ...]
    depth: int


Figure = Points | Compared | Threshold | Curves | Depth

#: The kinds of picture a step may show (``Step.pictures``), each with the figure it
#: draws; the home page has one drawer per kind, so a new step that reuses these kinds
#: touches no page code.
PICTURE_KINDS: dict[str, type | tuple[type, ...]] = {
    "data": (Points, Compared), "rule": Points, "squares": Points, "compared": Compared,
    "gentle step": Threshold, "steep step": Threshold, "curves": Curves, "slopes": Curves,
    "sigmoid slope": Depth, "depth": Depth,
}


@dataclass(frozen=True)
class Reveal:
    """What really happens in one step.

    ``truth``: the right option (a :class:`Choice`) or the measured number (a
    :class:`Guess`); ``values``: raw numbers for the explanation's placeholders;
    ``figure``: what the step's pictures draw (see ``core.guide.views``).
    """

    truth: str | float
    values: Mapping[str, float | int | str]
    figure: Figure | None = None


def circle_points():
    """``(X, y)``: the collapse page's circle picture."""
    return make_dataset("circle", n=CIRCLE_POINTS, seed=CIRCLE_SEED)


#: Cells per side of a step's probability grid: one per pixel of the picture, so a rule's
#: sharp boundary is not drawn as a staircase.
PLANE_GRID = 240


def _plane(rule, r: int = PLANE_GRID) -> np.ndarray:
    """P(class 1) over the boundary picture's grid for a yes/no rule: 1 where it says circle."""
    return rule(grid_points(r)).astype(np.float64).reshape(r, r)


def _line_step() -> Reveal:
    X, y = circle_points()
    best = col.best_line(X, y)
    line = best.as_line()
    return Reveal(best.accuracy, {"best": best.accuracy, "directions": best.directions,
                                  "circles": float(np.mean(y == 1)), "n": len(y)},
                  Points(X, y, _plane(lambda P: line.side(P) > 0)))


def stack_layers():
    """Weights and biases of the stacking step's 2 → 8 → 3 → 8 → 1 linear stack."""
    return col.random_stack([2, *STACK_HIDDEN, 1], seed=STACK_SEED)


def _stack_step() -> Reveal:
    X, y = circle_points()
    weights, biases = stack_layers()
    W, b = col.collapse(weights, biases)

    def stack(P):
        return col.forward(P, weights, biases)[:, 0]

    def scale(P):
        return col.term_scale(P, weights, biases)[:, 0]

    shape = col.boundary_shape(stack, scale=scale)
    truth = "line" if shape.kind == "straight" else "bend"
    return Reveal(truth, {"layers": len(weights), "a": float(W[0, 0]), "c": float(W[1, 0]), "beta": float(b[0]),
                          "accuracy": col.sign_accuracy(stack(X), y, scale(X)), "deviation": shape.deviation},
                  Points(X, y, _plane(lambda P: col.circle_side(stack(P), scale(P)))))


def _bend_step() -> Reveal:
    X, y = circle_points()
    separator = col.circle_separator(X, y)
    best = col.best_line(X, y).accuracy
    truth = "all" if separator.accuracy == 1.0 else "better" if separator.accuracy > best else "same"
    t = separator.threshold
    rule = (lambda P: col.square_features(P).sum(axis=1) > t) if separator.above_is_one else (
        lambda P: col.square_features(P).sum(axis=1) < t)
    return Reveal(truth, {"accuracy": separator.accuracy, "line": best, "t": t, "radius": math.sqrt(max(t, 0.0))},
                  Points(X, y, _plane(rule), t))


def _threshold_step() -> Reveal:
    sigmoid, step = ACTIVATIONS["sigmoid"], ACTIVATIONS["step"]
    z = STEEP_K * STEEP_X
    soft = float(sigmoid.fn(np.float64(z)))
    return Reveal(soft, {"k": STEEP_K, "x": STEEP_X, "z": z, "soft": soft,
                         "soft_minus": float(sigmoid.fn(np.float64(-z))),
                         "hard": float(step.fn(np.float64(STEEP_X))),
                         "hard_slope": float(step.grad(np.float64(STEEP_X)))},
                  Threshold(STEEP_K))


def training_split(settings: Mapping[str, object]):
    """The training page's points for ``settings`` (its ``generated_split`` recipe)."""
    s = {**ts.DEFAULTS, **settings}
    X, y = make_dataset(s["dataset"], int(s["n"]), int(s["noise"]) / 100.0, int(s["seed"]))
    return train_test_split(X, y, int(s["ratio"]) / 100.0, int(s["seed"]))


def compare_run(settings: Mapping[str, object], epochs: int = EPOCHS) -> TrainingSession:
    """The training page after ``epochs`` presses of Step, with ``settings`` (a link's)."""
    s = {**ts.DEFAULTS, **settings}
    session = TrainingSession(grid=2)  # the live grid is not needed here
    session.sync(ts.build_config(s), training_split(s), ts.data_key(s), s["trn_compare"])
    for _ in range(epochs):
        session.step()
    return session


def link_settings(step: Step) -> dict[str, object]:
    """A training link's settings, parsed back with the page's own URL parameters."""
    return {k: ts.PARAMS_BY_KEY[k].read(v)[0] for k, v in step.link.query}


def _unbounded_step() -> Reveal:
    session = compare_run(link_settings(STEPS_BY_KEY["unbounded"]))
    runs = {t.config.activation: t for t in session.compared}
    lin, bounded = runs["identity"], runs["tanh"]
    truth = {(False, False): "neither", (True, False): "identity",
             (False, True): "tanh", (True, True): "both"}[(lin.diverged, bounded.diverged)]
    return Reveal(truth, {"lr": BIG_LR, "epochs": EPOCHS, "diverged_at": lin.diverged_at or 0,
                          "tanh_epoch": bounded.epoch, "tanh_loss": bounded.metrics()["train_loss"]},
                  Curves(("identity", "tanh")))


def _slope_step() -> Reveal:
    w = col.DEFAULT_WEIGHTS
    W1, W2 = col.stack_231(w)
    p, q = np.array(POINT_P), np.array(POINT_Q)

    def linear(P):
        return col.forward_231(w, P)

    def bent(P):
        return col.forward(np.atleast_2d(P), [W1, W2], activation=ACTIVATIONS["tanh"])[..., 0]

    g_p, g_q = col.gradient(linear, p), col.gradient(linear, q)
    t_p, t_q = col.gradient(bent, p), col.gradient(bent, q)
    same = bool(np.allclose(g_p, g_q, rtol=SAME_SLOPE_RTOL, atol=0.0))
    truth = "same" if same else ("zero" if not np.any(col.resolved(g_p)) else "differ")
    return Reveal(truth, {"p1": p[0], "p2": p[1], "q1": q[0], "q2": q[1],
                          "gp1": g_p[0], "gp2": g_p[1], "gq1": g_q[0], "gq2": g_q[1],
                          "tp1": t_p[0], "tp2": t_p[1], "tq1": t_q[0], "tq2": t_q[1]},
                  Curves(("identity", "tanh")))


def _answer_step() -> Reveal:
    step = STEPS_BY_KEY["answer"]
    settings = link_settings(step)
    session = compare_run(settings)
    runs = {t.config.activation: t for t in session.compared}
    acc = {k: t.metrics()["test_acc"] for k, t in runs.items()}
    good = {k for k, a in acc.items() if a >= 0.95}
    truth = {frozenset(): "neither", frozenset({"tanh"}): "tanh", frozenset({"identity"}): "identity"}.get(
        frozenset(good), "both")
    # The picture shows the test points: the accuracy under it is measured on them.
    _, _, Xte, yte = training_split(settings)
    return Reveal(truth, {"epochs": EPOCHS, "identity_acc": acc["identity"], "tanh_acc": acc["tanh"]},
                  Compared(Xte, yte, {k: evaluate_grid(t.model, 100) for k, t in runs.items()}))


#: What "almost nothing" means in the care step: less than a millionth of the gradient.
VANISHED = 1e-6


def _care_step() -> Reveal:
    """What is left of a gradient after :data:`DEPTH` layers, the weights left aside.

    Each layer multiplies it by |f′(z)| (:func:`depth_factors`, z ~ N(0, 1)): on average
    mⁿ in all, q the share of paths a layer leaves open (f′ ≠ 0) and m/q the mean factor
    on an open one. Sigmoid: every path is open and each factor is at most ¼, so the
    gradient vanishes; ReLU: an open path carries it whole (m/q = 1), while a random path
    stays open through all n layers with probability qⁿ = 2⁻ⁿ."""
    factors = {k: depth_factors(ACTIVATIONS[k], None, 1.0) for k in DEPTH_FNS}
    x = np.linspace(-8.0, 8.0, 16001)
    top = float(np.max(ACTIVATIONS["sigmoid"].grad(x)))
    sigmoid = factors["sigmoid"][0] ** DEPTH
    relu_m, relu_q = factors["relu"]
    relu_open = (relu_m / relu_q) ** DEPTH
    vanish = {"sigmoid": sigmoid < VANISHED, "relu": relu_open < VANISHED}
    truth = {(True, True): "both", (True, False): "sigmoid", (False, True): "relu",
             (False, False): "neither"}[(vanish["sigmoid"], vanish["relu"])]
    return Reveal(truth, {"depth": DEPTH, "top": top, "bound": top**DEPTH, "sigmoid": sigmoid,
                          "tanh": factors["tanh"][0] ** DEPTH, "relu_open": relu_open,
                          "relu_paths": relu_q**DEPTH, "vanished": VANISHED},
                  Depth(DEPTH_FNS, DEPTH))


# ------------------------------------------------------------------ the steps

STEPS: tuple[Step, ...] = (
    Step("line", Guess(0, 100, 5, 50, 5, percent=True), Link("collapse", _weights_query(), anchor="network"),
         _line_step, ("data", "rule")),
    Step("stack", Choice(("line", "bend", "loop"), "line"),
         Link("collapse", (("col_depth", "4"), ("col_widths", ",".join(map(str, STACK_HIDDEN))),
                           ("col_seed", str(STACK_SEED)), ("col_act", "identity")), anchor="depth"),
         _stack_step, ("data", "rule")),
    Step("bend", Choice(("same", "better", "all"), "all"),
         Link("collapse", (("col_sq_w", "-2"), ("col_sq_b", "0.5")), anchor="bend"),
         _bend_step, ("data", "squares")),
    Step("threshold", Guess(0.0, 1.0, 0.05, 0.5, 0.05),
         Link("activations", (("fn", "step,sigmoid"), ("act_k", exact_text(STEEP_K))), anchor="step"),
         _threshold_step, ("gentle step", "steep step")),
    Step("unbounded", Choice(("neither", "identity", "tanh", "both"), "identity"),
         _training_link(anchor="compare", activation="tanh", lr=BIG_LR, optimizer="sgd",
                        trn_compare=["identity", "tanh"]),
         _unbounded_step, ("curves", "curves")),
    Step("slope", Choice(("zero", "differ", "same"), "same"),
         Link("collapse", (*_weights_query(), ("col_p1", exact_text(POINT_P[0])),
                           ("col_p2", exact_text(POINT_P[1])), ("col_q1", exact_text(POINT_Q[0])),
                           ("col_q2", exact_text(POINT_Q[1]))), anchor="gradient"),
         _slope_step, ("slopes", "slopes")),
    Step("answer", Choice(("both", "tanh", "identity", "neither"), "tanh"),
         _training_link(anchor="compare", activation="tanh", trn_compare=["identity", "tanh"]),
         _answer_step, ("data", "compared")),
    Step("care", Choice(("both", "sigmoid", "relu", "neither"), "sigmoid"),
         Link("activations", (("fn", ",".join(DEPTH_FNS)), ("act_layers", str(DEPTH)), ("act_spread", "1")),
              anchor="depth"),
         _care_step, ("sigmoid slope", "depth")),
)
STEP_KEYS = tuple(step.key for step in STEPS)
STEPS_BY_KEY = {step.key: step for step in STEPS}


def lesson_links(base: str = "http://localhost:8501", lang: str | None = None) -> list[tuple[str, str]]:
    """``(step key, URL)`` for every step, in order: the lesson links of the README."""
    return [(step.key, step.link.url(base, lang)) for step in STEPS]




def reveal(key: str) -> Reveal:
    """Compute what happens in step ``key`` (deterministic; the page caches it)."""
    return STEPS_BY_KEY[key].reveal()


def is_right(step: Step, answer: str | float | None, truth: str | float) -> bool:
    """Whether the learner's committed ``answer`` matches what the reveal measured."""
    if answer is None:
        return False
    q = step.question
    if isinstance(q, Choice):
        return answer == truth
    guess = float(answer) / 100.0 if q.percent else float(answer)
    tolerance = q.tolerance / 100.0 if q.percent else q.tolerance
    return abs(guess - float(truth)) <= tolerance + 1e-12


def progress(answers: Mapping[str, object]) -> tuple[int, int]:
    """``(steps answered, steps)``: only the path's own keys count."""
    return sum(1 for key in STEP_KEYS if key in answers), len(STEPS)


# ------------------------------------------------------------------ the quiz


@dataclass(frozen=True)
class QuizQuestion:
    key: str
    options: tuple[str, ...]
    answer: str


#: The same questions before and after the path; the right option is not always first.
QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion("stack", ("curve", "affine", "depends"), "affine"),
    QuizQuestion("separable", ("data", "origin", "surround"), "surround"),
    QuizQuestion("threshold", ("class", "square", "grow"), "class"),
    QuizQuestion("unbounded", ("slow", "fine", "blow"), "blow"),
    QuizQuestion("slope", ("w", "x", "zero"), "w"),
    QuizQuestion("negative", ("sigmoid", "relu", "tanh"), "tanh"),
    QuizQuestion("fastest", ("far", "zero", "constant"), "zero"),
    QuizQuestion("vanish", ("large", "params", "quarter"), "quarter"),
)
QUIZ_KEYS = tuple(q.key for q in QUIZ)


def quiz_options(question: QuizQuestion, seed: int, phase: str) -> tuple[str, ...]:
    """The question's options in the order one learner sees them in ``phase`` ("before" or
    "after"): shuffled by the learner's ``seed``, and never in the same order after as
    before, so the quiz after the lesson measures what was learnt, not where the right
    answer sat. Answers are kept by option id, never by position."""
    rng = np.random.default_rng([int(seed) % 2**32, QUIZ_KEYS.index(question.key)])
    before = [question.options[i] for i in rng.permutation(len(question.options))]
    if phase == "before":
        return tuple(before)
    after = [question.options[i] for i in rng.permutation(len(question.options))]
    if after == before:  # same draw: turn it by one place
        after = after[1:] + after[:1]
    return tuple(after)


def quiz_values() -> dict[str, float]:
    """Numbers the quiz's explanations quote, computed (not remembered)."""
    sigmoid = ACTIVATIONS["sigmoid"]
    X, y = circle_points()
    slope0 = float(sigmoid.grad(np.float64(0.0)))
    return {"best": col.best_line(X, y).accuracy, "slope0": slope0, "slope3": float(sigmoid.grad(np.float64(3.0))),
            "depth": DEPTH, "bound": slope0**DEPTH,
            "tanh_low": float(ACTIVATIONS["tanh"].fn(np.float64(-3.0)))}


def quiz_score(answers: Mapping[str, str | None]) -> int:
    """How many of the quiz's questions ``answers`` gets right (unanswered: wrong)."""
    return sum(1 for q in QUIZ if answers.get(q.key) == q.answer)


def quiz_changes(before: Mapping[str, str | None], after: Mapping[str, str | None]) -> dict[str, int]:
    """Per question, right before vs after: how many were learnt, kept, lost, still wrong."""
    counts = {"learnt": 0, "kept": 0, "lost": 0, "missed": 0}
    for q in QUIZ:
        was, now = before.get(q.key) == q.answer, after.get(q.key) == q.answer
        counts["kept" if was and now else "learnt" if now else "lost" if was else "missed"] += 1
    return counts

