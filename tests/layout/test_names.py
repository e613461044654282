"""One rule for supplier names on every sheet: case, accents and spacing never make two suppliers."""

from __future__ import annotations

from scorecard.names import supplier_key
from scorecard.pipeline import prepare_file
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes


def test_spacing_case_and_accents_do_not_matter_but_letters_do() -> None:
    assert (
        supplier_key("Acme Ltd")
        == supplier_key("AcmeLtd")
        == supplier_key("ACME  ltd")
        == supplier_key(" acme\u00a0LTD")
    )
    assert supplier_key("Société Générale") == supplier_key("SOCIETE GENERALE")
    assert supplier_key("Acme Ltd") != supplier_key("Acme Ltd (UK)")
    assert supplier_key("Acme Ltd") != supplier_key("Acme Ltd.")


def test_a_bid_sheet_spelling_without_spaces_matches_the_supplier_sheet() -> None:
    """Before: the panel matched 'AcmeLtd' to 'Acme Ltd' but the bid sheet did not."""
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme Ltd"), default_row("Bolt Co")],
            "Bids": [
                ["Supplier", "Item code", "Quantity", "Unit price"],
                ["AcmeLtd", "X1", 100, 10.0],
                ["BOLT  co", "X1", 100, 12.0],
            ],
        }
    )
    prepared = prepare_file(data, "event.xlsx", None)
    assert not [f for f in prepared.findings if "not on the supplier sheet" in f.message]
    assert prepared.table.values["total_cost"].tolist() == [1000.0, 1200.0]
