"""A cell as the buyer typed it: the text that labels and must-be answers are matched on.

Its own module because both the supplier table (which works out every column's answers
once) and the scoring engine (which matches them) read it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TEXT_KINDS = frozenset({str, bool, np.bool_})  # labels safe to group by value (True and 1 hash alike)


def answer_text(value: object) -> str | None:
    """A cell as the buyer typed it, trimmed: 'Yes'/'No' for booleans, None for an empty cell.

    This is the text a label is matched on (categorical points, must-be knock-outs), so a
    Yes/No column cleaned to booleans still matches the labels the buyer wrote.
    """
    kind = type(value)
    if kind is str:
        return value.strip() or None  # type: ignore[union-attr]
    if kind is bool or kind is np.bool_:
        return "Yes" if value else "No"
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and value != value:  # NaN, also numpy's own
        return None
    return str(value).strip() or None


def answer_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The column's answers as (codes, distinct texts): `distinct[codes]` is `answer_text` of every cell.

    Worked out once per distinct value (a text column of 10,000 suppliers holds a
    handful of answers); an empty cell has the last code. A column mixing booleans or
    text with numbers goes cell by cell, since True and 1 would group together.
    """
    codes, uniques = pd.factorize(column.array)
    kinds = {type(u) for u in uniques}
    if kinds <= TEXT_KINDS:
        distinct = np.empty(len(uniques) + 1, dtype=object)  # the last slot is for empty cells (code -1)
        distinct[:-1] = [answer_text(u) for u in uniques]
        return codes, distinct
    distinct = np.empty(len(column) + 1, dtype=object)
    distinct[:-1] = [answer_text(v) for v in column.to_numpy(dtype=object)]
    return np.arange(len(column)), distinct
