"""What every cell we write obeys: text is never a formula, and no value is written for a missing one."""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767


def missing_value(value: Any) -> bool:
    """No value to write: None, pandas' NA and NaT, and NaN (blank text is text, and is written as such)."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
