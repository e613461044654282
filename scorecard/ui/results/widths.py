"""Column widths that fit a table in the page's width at 1440 px, so no column a buyer needs hides to the right.

Each column gets the room its values take (numbers as the page prints them,
text by its typical length); when the table is still wider than the page,
long text gives way first (a click on a cell shows all of it), then headers
are cut (the full name is in the header's tooltip). Only widths change: every
column and every row stays in the table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from scorecard import numbers

PAGE_WIDTH = 960  # px a table has beside the sidebar at 1440 px (1280 px without it)
IN_EXPANDER = PAGE_WIDTH - 34  # px a table has inside an expander (its padding and border)
CHARACTER = 7.2  # px per character of the page's 14 px font, on average
PADDING = 18  # px of cell padding and the column's border
NARROWEST = 46  # px: a short number still reads
NARROWEST_TEXT = 110  # px: a name still reads well enough to know the row; a click shows the rest
ROW_NAME = 180  # px the column that names a row (supplier, weight, criterion) keeps
LONGEST_TEXT = 290  # px for a column of sentences (what was done, why); a click shows the rest
SAMPLE = 200  # rows looked at: how wide a column's values are


def px(characters: float) -> int:
    return round(characters * CHARACTER + PADDING)


def value_length(values: pd.Series, fmt: str) -> float:
    """How many characters a column's values take as the page prints them: the longest of the typical ones.

    A plain list and numpy's quantile (pandas' own method, linear): a table is fitted on every rerun of
    its tab, and `Series.map` and `Series.quantile` cost a millisecond or more a column.
    """
    sample = values.head(SAMPLE).dropna()
    if not len(sample):
        return 1.0
    printed: Callable[[object], str] = numbers.TEXT.get(fmt, str)  # type: ignore[assignment]
    lengths = [len(printed(v) or str(v)) for v in sample.astype(object).tolist()]
    return float(np.quantile(lengths, 0.9))


def natural_width(name: str, values: pd.Series, fmt: str, length: float | None = None) -> tuple[int, bool]:
    """The width a column would like, and whether it holds text (text gives way first when space is short).

    `length`: the values' `value_length` when already known."""
    is_text = fmt == "text" or not pd.api.types.is_numeric_dtype(values)
    length = value_length(values, fmt) if length is None else length
    if is_text:
        return min(px(max(length, min(len(name), 14))), LONGEST_TEXT), True
    return max(px(max(length, min(len(name), 12))), NARROWEST), False


def fitted_widths(
    frame: pd.DataFrame, formats: Mapping[str, str], page: int = PAGE_WIDTH, names: Sequence[str] = ()
) -> dict[str, int]:
    """Each column's width in px, adding up to at most `page` when the columns can be squeezed that far.

    `names`: the columns that name a row (default the first); they keep up to ROW_NAME px so the row
    is recognised without a click.
    """
    lengths = {str(c): value_length(frame[c], formats.get(str(c), "")) for c in frame.columns}
    wanted = {
        str(c): natural_width(str(c), frame[c], formats.get(str(c), ""), lengths[str(c)])
        for c in frame.columns
    }
    widths = {name: width for name, (width, _) in wanted.items()}
    row_names = set(names) or {str(c) for c in frame.columns[:1]}
    text = {
        n: min(width, ROW_NAME) if n in row_names else NARROWEST_TEXT
        for n, (width, is_text) in wanted.items()
        if is_text
    }
    excess = squeeze(widths, text, sum(widths.values()) - page)
    # then numbers: each keeps its values' room; a long header is cut (its tooltip says it in full)
    values = {n: max(px(lengths[n]), NARROWEST) for n in widths if n not in text}
    squeeze(widths, values, excess)
    return widths


def squeeze(widths: dict[str, int], floors: Mapping[str, int], excess: int) -> int:
    """Take `excess` px from these columns, each in proportion to its room above its floor; what is left over."""
    room = {n: widths[n] - floor for n, floor in floors.items() if widths[n] > floor}
    total = sum(room.values())
    if excess <= 0 or total <= 0:
        return excess
    share = min(1.0, excess / total)
    taken = 0
    for name, spare in room.items():
        cut = min(spare, math.ceil(spare * share))
        widths[name] -= cut
        taken += cut
    return excess - taken
