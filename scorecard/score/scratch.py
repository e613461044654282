"""A working array reused from one call to the next on the same thread, for what the engine works out
and lets go within one call (the shares, then the weighted scores written over them).

Fresh memory is paged in on first touch: at 10,000 x 30 a new 2.4 MB array costs about 600 page
faults, measured here at 1-1.5 ms, more than all the arithmetic done on it. Arrays the result keeps
must be fresh; a working array need not. One buffer per thread (the app scores from several), grown
to the largest call seen (up to `KEPT_AT_MOST`); nothing that outlives the call may refer to it.
"""

from __future__ import annotations

import threading

import numpy as np

_local = threading.local()
KEPT_AT_MOST = 4_000_000  # floats (32 MB, 130,000 suppliers x 30 criteria): a larger call gets a fresh array


def scratch(shape: tuple[int, int]) -> np.ndarray:
    """An uninitialised float array of this shape, valid until the next `scratch` call on this thread."""
    size = shape[0] * shape[1]
    if size > KEPT_AT_MOST:  # not worth holding on to between calls
        return np.empty(shape)
    buffer: np.ndarray | None = getattr(_local, "buffer", None)
    if buffer is None or buffer.size < size:
        buffer = _local.buffer = np.empty(size)
    return buffer[:size].reshape(shape)
