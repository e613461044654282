"""One rule for supplier names on every sheet: case, accents and spacing never make two suppliers."""

from __future__ import annotations

from scorecard.errors import Severity
from scorecard.names import supplier_key
from scorecard.pipeline import evaluate_file, prepare_file
from scorecard.pipeline.calculated import award_eligibility
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


def test_a_bid_sheet_writing_the_legal_form_out_is_the_same_supplier_and_may_win() -> None:
    """Review finding F17: 'Acme Limited' on the bid sheet left 'Acme Ltd' without a price, so the cheapest
    supplier was out of the running. Now the two are paired, said, and the award may go to Acme."""
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme Ltd"), default_row("Bolt Co")],
            "Bids": [
                ["Supplier", "Item code", "Quantity", "Unit price"],
                ["ACME Limited", "X1", 100, 8.0],
                ["Bolt Company", "X1", 100, 12.0],
            ],
        }
    )
    evaluation = evaluate_file(data, "event.xlsx", None)
    prepared = evaluation.prepared
    assert prepared.table.values["total_cost"].tolist() == [800.0, 1200.0]
    said = [f for f in prepared.findings if "differ only in how the legal form is written" in f.message]
    assert [f.value for f in said] == ["ACME Limited", "Bolt Company"]
    assert all(f.severity is Severity.INFO and f.sheet == "Bids" for f in said)
    assert not [f for f in prepared.findings if "not on the supplier sheet" in f.message]
    assert evaluation.result.suppliers[evaluation.result.ranked_order[0]] == "Acme Ltd"
    assert award_eligibility(evaluation.result, prepared.bids.suppliers.index) == {}


def test_two_companies_that_could_be_the_bidder_are_not_guessed() -> None:
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme Ltd"), default_row("Acme Inc")],
            "Bids": [["Supplier", "Item code", "Quantity", "Unit price"], ["Acme", "X1", 100, 8.0]],
        }
    )
    prepared = prepare_file(data, "event.xlsx", None)
    assert [f.value for f in prepared.findings if "not on the supplier sheet" in f.message] == ["Acme"]
    assert prepared.table.values["total_cost"].isna().all()
