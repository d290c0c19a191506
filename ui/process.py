"""What the server process is set to once, however many sessions run the script."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

#: The limit in force, once set (it lasts for the process; a test restores it from here).
_blas_limit = None


def one_blas_thread() -> None:
    """Every matrix product on one thread (OpenBLAS would use one per core).

    The server's products are small (a 16 × 16 layer against a 100 × 100 grid, a batch
    of a few hundred points), and a class is many sessions at once: the cores are
    already shared between learners, and BLAS's own threads only add their hand-over
    and spinning. Measured on this machine, the training page's plane for a 6 × 16
    network: 4.7 ms of CPU (2.4 ms wall) per picture with two BLAS threads, 2.2 ms
    (1.8 ms wall) with one. Idempotent: the entry script calls it on every run.

    Nothing else in the server may set a BLAS limit: OpenBLAS ignores a limit set from
    one thread (this is called from the first script run's) once another thread has set
    one (seen with threadpoolctl 3.8 and numpy 2.4's OpenBLAS)."""
    global _blas_limit
    if _blas_limit is None:
        _blas_limit = threadpool_limits(limits=1, user_api="blas")
