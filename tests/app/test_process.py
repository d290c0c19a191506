"""The server process: every matrix product on one BLAS thread (``ui/process.py``).

With OpenBLAS's thread per core, the training page's plane for a 6 × 16 network cost the
server 0.88 cores while it played; on one thread, 0.16 (the closing note of 2026-12-03).
Checked in a fresh Python process, as a server starts: OpenBLAS ignores a limit set from
a script's thread once another thread has set one, so a test in this process (where
other tests' libraries may have set limits) would not say what a server does."""

import json
import os
import subprocess
import sys


from tests.app.conftest import ROOT

FRESH_SERVER = """
import json
import numpy
from threadpoolctl import threadpool_info
from tests.app.conftest import assert_clean, run_page

def blas_threads():
    return sorted({lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"})

before = blas_threads()
assert_clean(run_page("app_pages/training.py", activation="sigmoid", hidden="16,16,16,16,16,16"))
print(json.dumps({"before": before, "after": blas_threads()}))
"""


def test_a_fresh_server_runs_every_matrix_product_on_one_thread():
    done = subprocess.run([sys.executable, "-c", FRESH_SERVER], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "OPENBLAS_NUM_THREADS": "2"})
    assert done.returncode == 0, done.stderr[-2000:]
    threads = json.loads(done.stdout.strip().splitlines()[-1])
    assert threads["before"] == [2], threads  # as OpenBLAS starts on a two-core machine
    assert threads["after"] == [1], threads
