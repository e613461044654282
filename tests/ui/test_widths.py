"""Column widths: a table fits the page when it can, nothing is dropped, and a cut header keeps its name.

Widths are checked against a count done here by hand (characters x 7.2 px +
18 px padding), not by calling the module's own helpers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard import numbers
from scorecard.report import ReportTable
from scorecard.ui.results import column_config_for
from scorecard.ui.results.widths import NARROWEST_TEXT, PAGE_WIDTH, ROW_NAME, fitted_widths, value_length


def by_hand(characters: int) -> int:
    return round(characters * 7.2 + 18)


def sensitivity_like(rows: int = 20) -> tuple[pd.DataFrame, dict[str, str]]:
    """Eleven columns as the robustness tab's weight table has them: names, shares, who takes over."""
    frame = pd.DataFrame(
        {
            "Weight": [f"Sustainability rating {i}" for i in range(rows)],
            "Type": ["Criterion"] * rows,
            "Category": ["Sustainability"] * rows,
            "Current share": [0.05] * rows,
            "Stays first from": [0.001] * rows,
            "Stays first up to": [0.5619] * rows,
            "Nearest change at": [0.0012] * rows,
            "Change needed (pp of share)": [-4.88] * rows,
            "Taken over below by": ["Rheinland Präzision GmbH"] * rows,
            "Taken over above by": ["Lyon Usinage SAS"] * rows,
            "Note": ["Only one supplier left when this weight is 0"] * rows,
        }
    )
    shares = ("Current share", "Stays first from", "Stays first up to", "Nearest change at")
    return frame, {**dict.fromkeys(shares, "percent"), "Change needed (pp of share)": "number"}


def test_a_wide_table_is_squeezed_into_the_page_keeping_every_column() -> None:
    frame, formats = sensitivity_like()
    widths = fitted_widths(frame, formats)
    assert list(widths) == list(frame.columns)
    assert sum(widths.values()) <= PAGE_WIDTH
    # the row's name keeps its room; other text gives way first, but no further than a readable name
    assert widths["Weight"] == min(by_hand(len("Sustainability rating 19")), ROW_NAME)
    for name in ("Taken over below by", "Taken over above by", "Note"):
        assert widths[name] >= NARROWEST_TEXT
    # a share still shows "56.2%" whole
    assert widths["Stays first up to"] >= by_hand(len("56.2%"))


def test_a_table_that_fits_keeps_the_room_its_values_and_headers_take() -> None:
    # a width fits the longest of the typical values (90th percentile), so one odd cell does not widen it
    frame = pd.DataFrame(
        {"Supplier": ["Nordic Steelworks AB"] * 19 + ["A much longer name than any other one"]}
    )
    frame["Score"] = [81.25] * 20
    widths = fitted_widths(frame, {"Score": "score"})
    assert widths == {"Supplier": by_hand(len("Nordic Steelworks AB")), "Score": by_hand(len("Score"))}


@pytest.mark.parametrize("rows", [0, 1, 300])
def test_empty_and_long_tables_get_a_width_for_every_column(rows: int) -> None:
    frame, formats = sensitivity_like(rows)
    widths = fitted_widths(frame, formats)
    assert set(widths) == set(frame.columns) and all(w > 0 for w in widths.values())


def test_a_header_cut_by_its_width_names_itself_in_the_tooltip() -> None:
    frame, formats = sensitivity_like()
    table = ReportTable("Sensitivity", frame, formats=tuple(formats.items()))
    config = column_config_for(table)
    assert set(config) == set(frame.columns)
    cut = config["Change needed (pp of share)"]
    assert cut["width"] < by_hand(len("Change needed (pp of share)"))
    assert cut["help"] == "Change needed (pp of share)"
    assert config["Type"].get("help") is None  # "Type" fits: no tooltip repeating it
    assert sum(c["width"] for c in config.values()) <= PAGE_WIDTH
    assert not any(c.get("pinned") for c in config.values())  # it fits: nothing to pin


def test_a_table_too_wide_even_squeezed_pins_the_row_name() -> None:
    frame = pd.DataFrame({"Item": ["Bolt M8"], **{f"Supplier {i}: unit price": [1.25] for i in range(30)}})
    table = ReportTable("Items", frame, formats=tuple((c, "money") for c in frame.columns[1:]))
    config = column_config_for(table)
    assert config["Item"]["pinned"] is True


def value_length_with_pandas(values: pd.Series, fmt: str) -> float:
    """The computation `value_length` replaced (Series.map and Series.quantile), to compare with."""
    sample = values.head(200).dropna()
    if not len(sample):
        return 1.0
    printed = numbers.TEXT.get(fmt, str)
    return float(sample.map(lambda v: len(printed(v) or str(v))).quantile(0.9))


def random_columns(seed: int) -> list[pd.Series]:
    """Columns as report tables hold them: floats with gaps, whole numbers, nullable ints, text, mixed, dates."""
    rng = np.random.default_rng(seed)
    rows = int(rng.integers(1, 400))
    floats = rng.normal(0, 10.0 ** rng.integers(-3, 8), rows)
    floats[rng.random(rows) < 0.2] = np.nan
    words = np.array(["", "Acme", "Nordic Steelworks AB", "n/a", "Lyon Usinage SAS", "x" * 60])
    text = words[rng.integers(0, len(words), rows)].astype(object)
    text[rng.random(rows) < 0.1] = None
    mixed = np.where(rng.random(rows) < 0.5, floats.astype(object), text)
    return [
        pd.Series(floats),
        pd.Series(rng.integers(-(10**9), 10**9, rows)),
        pd.Series(pd.array(np.where(rng.random(rows) < 0.3, None, rng.integers(0, 99, rows)), dtype="Int64")),
        pd.Series(text),
        pd.Series(text, dtype="string"),
        pd.Series(mixed),
        pd.Series(rng.random(rows) < 0.5),
        pd.Series(pd.date_range("2026-01-01", periods=rows, freq="D")),
    ]


@pytest.mark.parametrize("seed", range(12))
def test_value_length_counts_as_the_pandas_computation_did(seed: int) -> None:
    for values in random_columns(seed):
        for fmt in ("", "text", "date", *numbers.TEXT):
            assert value_length(values, fmt) == value_length_with_pandas(values, fmt), (values.dtype, fmt)
