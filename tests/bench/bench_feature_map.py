"""Benchmark: how long the feature-map page takes to redraw after a change, at 128×128.

Run from the repository root::

    python tests/bench/bench_feature_map.py [--runs 15]

Three measurements, each the median of ``--runs``; target for a redraw: under 0.2 s.

* **core**: the uncached work of one redraw, as the page calls it — ``pipeline_views``
  (convolution, pooling, activation, the worked cell, 8 PNG pictures, 4 histograms) and,
  when the change reaches it, ``collapse_views`` (three convolutions, 4 pictures).
  Changing the pooling leaves the collapse section's cache valid; changing the kernel or
  the activation does not.
* **page**: the whole page script under Streamlit's AppTest after ``set_value(...)`` of the
  kernel, pooling or activation widget — the server side of a redraw, cache misses
  included (each run picks a setting not seen before).  The browser's own drawing is not
  in it.
* **peer**: our convolution against ``scipy.signal.correlate2d`` (mode "valid") and a
  ``sliding_window_view`` + ``einsum`` version, on the same 128×128 picture and 3×3 kernel,
  timed alternately so a busy machine slows them alike.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy import signal  # noqa: E402

from core.lessons import feature_map as fm  # noqa: E402
from core.nn.activations import ACTIVATIONS  # noqa: E402
from core.present import feature_map_views as fv  # noqa: E402

PAGE = "app_pages/feature_map.py"


def median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def timed_both(fn, *args) -> tuple[float, float]:
    """(wall, CPU) seconds: on a shared, busy machine the CPU time of this process is the
    better guess of what an idle one would take; both are printed."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def core_redraw(image, kern, bias, pool, act, collapse: bool) -> None:
    fv.pipeline_views(image, kern, bias, pool, act, 14, 29)
    if collapse:
        fv.collapse_views(image, kern, bias, fm.kernel("blur"), act)


def bench_core(runs: int) -> dict[str, tuple[float, float]]:
    image = fm.make_shapes_image(0)
    kernels = itertools.cycle(fm.KERNELS)
    acts = itertools.cycle([a for a in ACTIVATIONS if a != "relu"])
    pools = itertools.cycle(["avg", "max"])
    core_redraw(image, fm.kernel("sobel_x"), 0.0, "max", "relu", True)  # warm-up (imports, first PNG)
    out = {"kernel": [], "pooling": [], "activation": []}
    for _ in range(runs):
        out["kernel"].append(timed_both(core_redraw, image, fm.kernel(next(kernels)), 0.0, "max", "relu", True))
        out["pooling"].append(timed_both(core_redraw, image, fm.kernel("sobel_x"), 0.0, next(pools), "relu", False))
        out["activation"].append(timed_both(core_redraw, image, fm.kernel("sobel_x"), 0.0, "max", next(acts), True))
    return {change: (median_ms([w for w, _ in s]), median_ms([c for _, c in s])) for change, s in out.items()}


def bench_page(runs: int) -> dict[str, tuple[float, float]]:
    from tests.app.conftest import run_page

    at = run_page(PAGE, lang="en")
    # Walk through settings the page has not drawn yet, so every run misses its caches:
    # bias steps make each (kernel, pooling, activation) combination new.
    biases = itertools.count(start=1)
    kernels = itertools.cycle(fm.KERNELS)
    acts = itertools.cycle([a for a in ACTIVATIONS if a != "relu"])
    out = {"kernel": [], "pooling": [], "activation": []}
    for _ in range(runs):
        at.slider(key="fm_b").set_value(round(-4 + 0.1 * (next(biases) % 80), 1)).run()
        for change, kind, key, value in (("kernel", "selectbox", "fm_kernel", next(kernels)),
                                         ("pooling", "radio", "fm_pool", "avg" if at.radio(key="fm_pool").value == "max" else "max"),
                                         ("activation", "selectbox", "fm_act", next(acts))):
            out[change].append(timed_both(getattr(at, kind)(key=key).set_value(value).run))
            assert not at.exception, [e.value for e in at.exception]
    return {change: (median_ms([w for w, _ in s]), median_ms([c for _, c in s])) for change, s in out.items()}


def sliding_einsum(image, kern):
    return np.einsum("ijkl,kl->ij", np.lib.stride_tricks.sliding_window_view(image, kern.shape), kern)


def bench_peer(runs: int) -> dict[str, float]:
    image, kern = fm.make_shapes_image(0), fm.kernel("sobel_x")
    contenders = {"ours (fm.correlate)": fm.correlate, "scipy.signal.correlate2d": lambda x, k: signal.correlate2d(x, k, "valid"),
                  "sliding_window_view + einsum": sliding_einsum}
    for fn in contenders.values():  # same answer, or the race means nothing
        np.testing.assert_allclose(fn(image, kern), fm.correlate(image, kern), atol=1e-12)
    repeat = 50  # one convolution is sub-millisecond: time 50 per sample
    samples = {name: [] for name in contenders}
    for _ in range(runs):
        for name, fn in contenders.items():
            samples[name].append(timed(lambda: [fn(image, kern) for _ in range(repeat)]) / repeat)
    return {name: median_ms(s) for name, s in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-page", action="store_true", help="skip the AppTest measurement")
    args = parser.parse_args()
    print(f"feature-map redraw at {fm.SIZE}×{fm.SIZE}, median of {args.runs} runs (target < 200 ms)")
    print("\ncore (uncached work of one redraw)       wall       CPU")
    for change, (wall, cpu) in bench_core(args.runs).items():
        print(f"  change of {change:<10}            {wall:8.1f} ms {cpu:8.1f} ms")
    if not args.no_page:
        print("\npage (whole script under AppTest)       wall       CPU")
        for change, (wall, cpu) in bench_page(args.runs).items():
            print(f"  change of {change:<10}            {wall:8.1f} ms {cpu:8.1f} ms")
    print("\nconvolution, 128×128 picture, 3×3 kernel (peer)")
    for name, ms in bench_peer(args.runs).items():
        print(f"  {name:<30} {ms * 1000:8.1f} µs")


if __name__ == "__main__":
    main()
