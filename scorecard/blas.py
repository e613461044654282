"""Small matrix products on one BLAS thread.

The analyses multiply small matrices on every rerun of a tab (the rank
probabilities: 200 suppliers x 25 criteria by 2,000 weight draws). OpenBLAS
splits even these across its threads, and waking them costs more than the
product whenever the machine is busy: measured on a 2-core machine shared with
other jobs, the 134 x 20 by 20 x 2,000 product of the M event took 20-30 ms
(median) on the default two threads and 0.2-0.5 ms on one. OpenBLAS splits the
output, not the sums, so the products are the same to the last bit
(tests/test_blas.py checks the analysis on both).

The limit is process-wide (BLAS has no per-thread setting) and put back on
leaving; two page sessions inside it at once can leave BLAS on one thread,
which only costs the large products, none of which the page makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block's matrix products on one BLAS thread, then give BLAS its threads back.

    The loaded libraries are looked up on every call (about 0.4 ms): a BLAS loaded after a first call
    (scipy brings its own OpenBLAS) would otherwise keep its threads.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield
