"""The Data quality tab's "Rows left out": every row read but not scored, with its row and its reason."""

from __future__ import annotations

from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from tests.ui.apptest import loaded


def test_every_row_left_out_is_listed_with_its_row_and_reason() -> None:
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row(None), default_row("Beta"), ["Total", 300_000]]
    at = loaded(xlsx_bytes({"Suppliers": rows}), "event.xlsx")
    at.session_state["tabs"] = "Data quality"
    at.run()
    assert not at.exception
    assert any(s.value.startswith("Rows left out (2)") for s in at.subheader)
    left_out = next(t.value for t in at.dataframe if "Reason" in t.value.columns)
    assert left_out.columns.tolist() == ["Row", "Supplier", "Reason"]
    # the nameless row is spreadsheet row 3, the totals row row 5 (row 1 is the header)
    assert sorted(zip(left_out["Row"], left_out["Reason"], strict=True)) == [
        (3, "no supplier name"),
        (5, "totals row (Total)"),
    ]
