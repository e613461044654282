"""The supplier table's typed forms, worked out once per table, equal reading the column itself."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.suppliers import SupplierTable

COLUMNS = {
    "float": pd.Series([1.5, np.nan, -0.0, 2.0], dtype=float),
    "int": pd.Series([1, 2, 3, 4], dtype="int64"),
    "object": pd.Series(["Gold", None, True, 7], dtype=object),
    "str": pd.Series(["a", None, " b", "a"], dtype="str"),
    "string": pd.Series(["a", None, " b", "a"], dtype="string"),
    "python string": pd.Series(["a", None, "b", "c"], dtype=pd.StringDtype("python")),
    "boolean": pd.Series([True, None, False, True], dtype="boolean"),
    "nullable int": pd.Series([1, None, 3, 4], dtype="Int64"),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_cells_are_the_columns_cells_as_its_array_gives_them(name: str) -> None:
    column = COLUMNS[name].set_axis([f"S{i}" for i in range(4)])
    table = SupplierTable(pd.DataFrame({"c": column}))
    cells = table.cells("c")
    expected = [table.values["c"].array[r] for r in range(4)]
    found = list(cells)
    assert [type(v) for v in found] == [type(v) for v in expected]
    assert all(a is b or a == b or (a != a and b != b) for a, b in zip(found, expected, strict=True))
    assert table.cells("c") is cells  # worked out once
    with pytest.raises(ValueError):
        cells[0] = cells[1]  # read-only: every reader shares it
    table.values.iloc[0, 0] = table.values.iloc[1, 0]  # ... but the frame itself is not made read-only


def test_float_columns_are_those_held_as_64_bit_floats() -> None:
    frame = pd.DataFrame({k: v.set_axis([f"S{i}" for i in range(4)]) for k, v in COLUMNS.items()})
    assert SupplierTable(frame).float_columns == {"float"}
