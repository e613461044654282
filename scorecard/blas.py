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

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import ThreadpoolController

_found: tuple[int, ThreadpoolController] | None = None  # (modules imported, the BLAS libraries then loaded)


def loaded_libraries() -> ThreadpoolController:
    """The thread pools of the libraries loaded now, looked up again only after a new import.

    Looking them up reads the process's loaded libraries (0.3-1 ms, twice per robustness analysis);
    a BLAS loaded later (scipy brings its own OpenBLAS) can only come with an import, which the count
    of imported modules shows.
    """
    global _found
    modules = len(sys.modules)
    if _found is None or _found[0] != modules:
        _found = (modules, ThreadpoolController())
    return _found[1]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block's matrix products on one BLAS thread, then give BLAS its threads back."""
    with loaded_libraries().limit(limits=1, user_api="blas"):
        yield
