"""Work that depends only on one sheet, done once per sheet while the sheet lives.

The layout is decided more than once in a run (first from the file alone, then with the settings), and
two detectors ask whether a sheet is an evaluation matrix; each answer is the same for the same sheet
object, so it is kept beside it. Sheets are frozen values (they hold a DataFrame, so they cannot be hashed):
the answer is keyed by the sheet's identity (and any further arguments, which must be hashable: a column's
header, say) and forgotten when the sheet is.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from functools import wraps
from typing import TypeVar

from scorecard.read import Sheet

T = TypeVar("T")


def once_per_sheet(function: Callable[..., T]) -> Callable[..., T]:
    """`function(sheet, *more)`, worked out once for each sheet object and the same `more` (app sessions run
    in threads: locked)."""
    answers: dict[tuple[Hashable, ...], tuple[weakref.ref[Sheet], T]] = {}
    lock = threading.Lock()

    @wraps(function)
    def answer(sheet: Sheet, *more: Hashable) -> T:
        key = (id(sheet), *more)
        with lock:
            kept = answers.get(key)
        if kept is not None and kept[0]() is sheet:
            return kept[1]
        value = function(sheet, *more)

        def forget(_: weakref.ref[Sheet], key: tuple[Hashable, ...] = key) -> None:
            with lock:
                answers.pop(key, None)

        with lock:
            answers[key] = (weakref.ref(sheet, forget), value)
        return value

    return answer
