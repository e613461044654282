"""Bids stage: hand-calculated totals on small bid sheets, both shapes, every policy, scenarios and findings."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from scorecard.bids import BidSettings, analyse_bids, default_bid_settings
from scorecard.bids.items import ItemStatus
from scorecard.bids.policy import SupplierStatus
from scorecard.bids.settings import FreightSettings, PaymentTermsSettings, SwitchingCostSettings
from scorecard.config import (
    load_preset,
)
from scorecard.errors import ScorecardError, Severity
from scorecard.tables import bid_method_lines, partial_bid_policy_text
from tests.bids.events import RATES, long_event, run, sheet, wide_event

# ---------------------------------------------------------------------- shapes


def test_long_sheet_hand_calculated_totals_fill_highest() -> None:
    result = run(long_event(), partial_bid_policy="fill_highest")
    totals = result.suppliers["total_cost"]
    # Acme quoted everything: 900 + 1040 + 45
    assert totals["Acme"] == pytest.approx(1985.0)
    # Beta: 800 + 960 + A3 filled at the highest cost per unit (4.50) x 10 = 45
    assert totals["Beta"] == pytest.approx(1805.0)
    # Cora: 800 + A2 filled at 26 x 40 = 1040 + A3 at 45
    assert totals["Cora"] == pytest.approx(1885.0)
    assert result.suppliers.loc["Beta", "items_filled"] == 1
    assert result.suppliers.loc["Cora", "fill_value"] == pytest.approx(1085.0)
    assert result.base_currency == "EUR"
    assert result.shape == "long"


def test_long_and_wide_shapes_give_identical_results() -> None:
    for policy in ("common_items", "fill_highest", "fill_baseline", "penalty", "knockout_below"):
        long_result = run(long_event(), partial_bid_policy=policy, coverage_threshold=50)
        wide_result = run(wide_event(), partial_bid_policy=policy, coverage_threshold=50)
        assert wide_result.shape == "wide"
        pd.testing.assert_frame_equal(long_result.suppliers, wide_result.suppliers)
        pd.testing.assert_frame_equal(long_result.items, wide_result.items)
        pd.testing.assert_frame_equal(long_result.scenarios, wide_result.scenarios)


def test_shape_can_be_forced_and_a_wrong_shape_is_explained() -> None:
    assert run(long_event(), shape="long").shape == "long"
    with pytest.raises(ScorecardError, match="looks like one row per supplier and item"):
        run(long_event(), shape="wide")
    with pytest.raises(ScorecardError, match="supplier") as error:
        run(wide_event(), shape="long")
    assert error.value.sheet == "Bids"


def test_unrecognised_layout_names_the_headers_found() -> None:
    frame = sheet({"Thing": ["x"], "Other": ["y"]})
    with pytest.raises(ScorecardError, match="cannot tell how this bid sheet is laid out") as error:
        run(frame)
    assert "Thing" in str(error.value)


def test_buyer_synonyms_from_the_settings_find_unusual_headers() -> None:
    frame = long_event().rename(columns={"Unit price": "Offerte EUR/st"})
    with pytest.raises(ScorecardError):
        run(frame)
    result = run(frame, columns=(("unit_price", ("Offerte EUR/st",)),))
    assert result.suppliers.loc["Acme", "total_cost"] == pytest.approx(1985.0)
    assert dict(result.columns)["unit_price"] == "Offerte EUR/st"


# ---------------------------------------------------------------------- partial-bid policies


def test_common_items_compares_only_items_every_supplier_quoted() -> None:
    result = run(long_event(), partial_bid_policy="common_items")
    totals = result.suppliers["total_cost"]
    # only A1 was quoted by all three: 900 / 800 / 800
    assert totals.to_dict() == pytest.approx({"Acme": 900.0, "Beta": 800.0, "Cora": 800.0})
    assert result.compared_items == 1
    assert result.items.loc["A2", "status"] == ItemStatus.LEFT_OUT
    assert "every supplier" in partial_bid_policy_text(result.settings)


def test_common_items_with_no_common_item_gives_no_totals_and_says_why() -> None:
    frame = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A2"], "Quantity": [1, 1], "Unit price": [5, 6]}
    )
    result = run(frame, partial_bid_policy="common_items")
    assert result.suppliers["total_cost"].isna().all()
    assert (result.suppliers["status"] == SupplierStatus.NO_COMMON_ITEM).all()
    assert any(f.severity == Severity.ERROR and "every supplier" in f.message for f in result.findings)


def test_fill_baseline_fills_gaps_at_the_baseline_price() -> None:
    totals = run(long_event(), partial_bid_policy="fill_baseline").suppliers["total_cost"]
    # Beta: 1760 + A3 at baseline 5 x 10 = 50; Cora: 800 + A2 25 x 40 = 1000 + A3 50
    assert totals.to_dict() == pytest.approx({"Acme": 1985.0, "Beta": 1810.0, "Cora": 1850.0})


def test_penalty_multiplies_the_fill() -> None:
    totals = run(long_event(), partial_bid_policy="penalty", penalty_factor=1.5).suppliers["total_cost"]
    # Beta: 1760 + 45 x 1.5 = 1827.5; Cora: 800 + (1040 + 45) x 1.5 = 2427.5
    assert totals.to_dict() == pytest.approx({"Acme": 1985.0, "Beta": 1827.5, "Cora": 2427.5})
    baseline_penalty = run(long_event(), partial_bid_policy="penalty", penalty_factor=2, fill_with="baseline")
    # Cora: 800 + (1000 + 50) x 2
    assert baseline_penalty.suppliers.loc["Cora", "total_cost"] == pytest.approx(2900.0)


def test_knockout_below_threshold_removes_low_coverage_then_fills() -> None:
    result = run(long_event(), partial_bid_policy="knockout_below", coverage_threshold=50)
    suppliers = result.suppliers
    # coverage: Acme 3/3, Beta 2/3, Cora 1/3 -> Cora (33.3%) is knocked out
    assert suppliers.loc["Cora", "coverage"] == pytest.approx(100 / 3)
    assert math.isnan(suppliers.loc["Cora", "total_cost"])
    assert suppliers.loc["Cora", "status"] == SupplierStatus.KNOCKED_OUT
    assert (suppliers.drop(index="Cora")["status"] == SupplierStatus.COMPARED).all()
    assert suppliers.loc["Beta", "total_cost"] == pytest.approx(1805.0)
    # the knocked-out supplier takes part in no scenario
    assert "Cora" not in " ".join(result.scenarios["suppliers"])
    assert "50%" in partial_bid_policy_text(result.settings)


def test_coverage_and_value_coverage() -> None:
    suppliers = run(long_event()).suppliers
    assert suppliers["coverage"].to_dict() == pytest.approx({"Acme": 100.0, "Beta": 200 / 3, "Cora": 100 / 3})
    # baseline values: A1 1000, A2 1000, A3 50 -> 2050; Beta quoted A1 + A2 = 2000
    assert suppliers.loc["Beta", "value_coverage"] == pytest.approx(2000 / 2050 * 100)
    assert suppliers["items_quoted"].tolist() == [3, 2, 1]
    assert suppliers["items_requested"].tolist() == [3, 3, 3]


# ---------------------------------------------------------------------- FX, packs, adders


def test_fx_conversion_from_an_fx_sheet() -> None:
    fx = sheet({"Currency": ["USD", "EUR"], "Rate to EUR": [0.8, 1]})
    result = analyse_bids(long_event(), BidSettings(), sheet="Bids", fx=fx, fx_sheet="FX")
    # Beta's A1: 10 USD x 0.8 = 8 EUR per unit x 100 = 800
    quotes = result.quotes.set_index(["supplier", "item"])
    assert quotes.loc[("Beta", "A1"), "fx_rate"] == 0.8
    assert quotes.loc[("Beta", "A1"), "extended_price"] == pytest.approx(800.0)
    assert result.fx_rates == (("USD", 0.8, 'sheet "FX"'),)
    assert any("USD 0.8" in line for line in bid_method_lines(result))


def test_fx_sheet_wins_over_settings_and_says_so() -> None:
    fx = sheet({"Currency": ["USD"], "Rate": [0.5]})
    result = analyse_bids(long_event(), BidSettings(fx_rates=RATES), sheet="Bids", fx=fx, fx_sheet="FX")
    assert result.suppliers.loc["Beta", "goods_value"] == pytest.approx((10 * 100 + 30 * 40) * 0.5)
    assert any("sheet's rate is used" in f.message for f in result.findings)


def test_missing_fx_rate_names_the_currency_and_row() -> None:
    frame = long_event()
    frame.loc[7, "Currency"] = "CHF"  # Cora's A1, spreadsheet row 7
    with pytest.raises(ScorecardError) as error:
        analyse_bids(frame, BidSettings(fx_rates=RATES), sheet="Bids")
    assert "CHF" in error.value.message
    assert error.value.row == 7
    assert error.value.sheet == "Bids"
    assert error.value.column == "Currency"
    with pytest.raises(ScorecardError, match="USD"):
        analyse_bids(long_event(), BidSettings(), sheet="Bids")


def test_pack_sizes_and_units_of_measure() -> None:
    frame = sheet(
        {
            "Supplier": ["Acme", "Beta", "Cora", "Dora"],
            "Item": ["Gloves"] * 4,
            "Quantity": [1200, 1200, 1200, 1200],
            "Unit price": [24.0, 2.10, 180.0, 25.0],
            "UoM": ["Box of 12", "each", "Case", "dozen"],
            "Pack size": [None, None, 100, None],
        }
    )
    result = run(frame, partial_bid_policy="common_items")
    per_unit = result.quotes.set_index("supplier")["unit_price"]
    # Acme 24 per box of 12 -> 2.00; Beta 2.10 each; Cora 180 per case of 100 (pack size) -> 1.80; Dora 25/12
    assert per_unit.to_dict() == pytest.approx({"Acme": 2.0, "Beta": 2.10, "Cora": 1.80, "Dora": 25 / 12})
    # extended price = 1200 units x unit price
    assert result.suppliers.loc["Cora", "total_cost"] == pytest.approx(1200 * 1.80)
    overridden = run(frame, unit_factors=(("case", 50.0),), partial_bid_policy="common_items")
    # the pack size column still wins over the unit of measure
    assert overridden.suppliers.loc["Cora", "total_cost"] == pytest.approx(2160.0)


def adders_event() -> pd.DataFrame:
    return sheet(
        {
            "Supplier": ["Acme", "Beta"],
            "Item": ["X", "X"],
            "Quantity": [100, 100],
            "Unit price": [10.0, 10.5],
            "Freight": [0.5, None],
            "Payment terms": ["Net 60", None],
            "Lead time (days)": [20, "3 weeks"],
            "Incumbent": ["Beta", "Beta"],
        }
    )


def test_tco_adders_against_hand_calculation() -> None:
    settings = BidSettings(
        duty_percent=5,
        freight=FreightSettings(column_basis="per_unit", per_unit=0.2),
        payment_terms=PaymentTermsSettings(annual_rate_percent=6, days_from="column", default_days=30),
        switching_cost=SwitchingCostSettings(amount=200),
    )
    result = analyse_bids(adders_event(), settings, sheet="Bids")
    acme, beta = result.suppliers.loc["Acme"], result.suppliers.loc["Beta"]
    # Acme: goods 100 x 10 = 1000; freight 0.5 x 100 = 50; duty 5% x 1000 = 50;
    #       credit 1000 x 6% x 60 / 365 = 9.8630137; switching 200 (not the incumbent anywhere)
    assert acme["goods_value"] == pytest.approx(1000.0)
    assert acme["freight"] == pytest.approx(50.0)
    assert acme["duty"] == pytest.approx(50.0)
    assert acme["payment_credit"] == pytest.approx(1000 * 0.06 * 60 / 365)
    assert acme["switching_cost"] == pytest.approx(200.0)
    assert acme["total_cost"] == pytest.approx(1000 + 50 + 50 - 1000 * 0.06 * 60 / 365 + 200)
    # Beta: goods 1050; freight blank -> default 0.2 x 100 = 20; duty 52.5;
    #       credit 1050 x 6% x 30 (default days) / 365; incumbent -> no switching cost
    assert beta["total_cost"] == pytest.approx(1050 + 20 + 52.5 - 1050 * 0.06 * 30 / 365)
    assert beta["switching_cost"] == 0
    # lead time '3 weeks' is 21 days
    assert beta["average_lead_time"] == pytest.approx(21.0)
    method = " ".join(bid_method_lines(result))
    assert "x 6% x days / 365" in method
    assert "Switching cost: 200 EUR" in method


def test_freight_per_line_lump_sum_and_payment_days_default() -> None:
    settings = BidSettings(
        freight=FreightSettings(column_basis="per_line", lump_sum=100),
        payment_terms=PaymentTermsSettings(annual_rate_percent=10, days_from="default", default_days=73),
    )
    result = analyse_bids(adders_event(), settings, sheet="Bids")
    acme = result.suppliers.loc["Acme"]
    # freight cell 0.5 is a lump sum for the line, plus the supplier lump sum 100
    assert acme["freight"] == pytest.approx(100.5)
    # every quote gets 73 days: 1000 x 10% x 73 / 365 = 20 (the 'Net 60' column is ignored)
    assert acme["payment_credit"] == pytest.approx(20.0)
    assert acme["total_cost"] == pytest.approx(1000 + 100.5 - 20)


def test_switching_cost_per_item() -> None:
    settings = BidSettings(fx_rates=RATES, switching_cost=SwitchingCostSettings(amount=10, basis="per_item"))
    suppliers = analyse_bids(long_event(), settings, sheet="Bids").suppliers
    # Acme takes over A2 from Beta (10); Beta takes over A1 from Acme (10); Cora A1 (10)
    assert suppliers["switching_cost"].to_dict() == {"Acme": 10.0, "Beta": 10.0, "Cora": 10.0}
    assert suppliers.loc["Acme", "total_cost"] == pytest.approx(1995.0)


def test_duty_column_reads_excel_percentages() -> None:
    frame = adders_event().drop(columns=["Freight", "Payment terms"])
    frame["Duty %"] = [0.04, None]  # an Excel cell formatted 4% holds 0.04
    result = analyse_bids(frame, BidSettings(duty_percent=2), sheet="Bids")
    # Acme: 4% of 1000 from its row; Beta: the default 2% of 1050
    assert result.suppliers["duty"].to_dict() == pytest.approx({"Acme": 40.0, "Beta": 21.0})


def test_prices_written_as_text_are_cleaned_and_unreadable_ones_reported() -> None:
    frame = long_event()
    frame["Unit price"] = ["9,00", "26,00", "4,50", "10,00", "call us", "8,00", None]
    result = run(frame)
    # decimal commas read as in the sheet; Beta's A2 'call us' is not a price -> not quoted
    assert result.suppliers.loc["Acme", "total_cost"] == pytest.approx(1985.0)
    assert result.suppliers.loc["Beta", "items_quoted"] == 1
    assert any(f.row == 6 and f.column == "Unit price" for f in result.findings)


def test_different_quantities_for_one_item_use_the_most_common() -> None:
    frame = long_event()
    frame.loc[2, "Annual volume"] = 120  # Acme's A1 row says 120; Beta's and Cora's rows say 100
    result = run(frame)
    assert result.items.loc["A1", "quantity"] == 100
    # every supplier is compared on the same 100 units: Acme still 900 + 1040 + 45
    assert result.suppliers.loc["Acme", "total_cost"] == pytest.approx(1985.0)
    assert any("different quantity" in f.message and "A1 (100)" in f.message for f in result.findings)


def test_components_add_up_to_the_total() -> None:
    settings = BidSettings(
        fx_rates=RATES,
        duty_percent=3,
        freight=FreightSettings(per_unit=0.1, lump_sum=25),
        payment_terms=PaymentTermsSettings(annual_rate_percent=5, days_from="default", default_days=45),
        switching_cost=SwitchingCostSettings(amount=100),
    )
    s = analyse_bids(long_event(), settings, sheet="Bids").suppliers
    parts = (
        s["goods_value"]
        + s["freight"]
        + s["duty"]
        - s["payment_credit"]
        + s["switching_cost"]
        + s["fill_value"]
    )
    pd.testing.assert_series_equal(parts, s["total_cost"], check_names=False)


# ---------------------------------------------------------------------- savings, items, scenarios


def test_savings_against_baseline_and_incumbent() -> None:
    suppliers = run(long_event()).suppliers
    # Acme: (10-9) x 100 + (25-26) x 40 + (5-4.5) x 10 = 100 - 40 + 5 = 65
    assert suppliers.loc["Acme", "savings_vs_baseline"] == pytest.approx(65.0)
    # Beta: (10-8) x 100 + (25-24) x 40 = 240 of a baseline of 2000 -> 12%
    assert suppliers.loc["Beta", "savings_vs_baseline"] == pytest.approx(240.0)
    assert suppliers.loc["Beta", "savings_vs_baseline_percent"] == pytest.approx(12.0)
    # incumbents' new prices: A1 Acme 9, A2 Beta 24, A3 Acme 4.5
    assert suppliers.loc["Acme", "savings_vs_incumbent"] == pytest.approx(-80.0)  # A2: (24 - 26) x 40
    assert suppliers.loc["Beta", "savings_vs_incumbent"] == pytest.approx(100.0)  # A1: (9 - 8) x 100
    assert suppliers.loc["Cora", "savings_vs_incumbent"] == pytest.approx(100.0)


def test_no_baseline_means_no_savings_figure_not_zero() -> None:
    frame = long_event().drop(columns=["Baseline price", "Incumbent"])
    suppliers = run(frame).suppliers
    assert suppliers["savings_vs_baseline"].isna().all()
    assert suppliers["savings_vs_incumbent"].isna().all()
    assert suppliers["value_coverage"].isna().all()


def test_ties_flag_every_best_supplier() -> None:
    result = run(long_event())
    assert result.items.loc["A1", "best_suppliers"] == "Beta, Cora"
    assert result.items.loc["A1", "lowest"] == pytest.approx(8.0)
    assert result.items.loc["A1", "spread"] == pytest.approx(1.0)
    assert result.items.loc["A1", "spread_percent"] == pytest.approx(12.5)


def test_outliers_are_flagged_never_removed() -> None:
    frame = sheet(
        {
            "Supplier": ["S1", "S2", "S3", "S4", "S5", "S1", "S2", "S3", "S4", "S5"],
            "Item": ["low"] * 5 + ["high"] * 5,
            "Quantity": [10] * 10,
            # 'low': median 10.5, 2 is under half of it. 'high': Q1 10.5, Q3 11.5, IQR 1 -> 100 > 11.5 + 3
            "Unit price": [10, 10.5, 11, 11.5, 2, 10, 10.5, 11, 11.5, 100],
        }
    )
    result = run(frame)
    assert result.items.loc["low", "outliers"] == "S5"
    assert result.items.loc["high", "outliers"] == "S5"
    quotes = result.quotes.set_index(["item", "supplier"])
    assert quotes.loc[("low", "S5"), "outlier_rule"].startswith("under 0.5 x the median")
    assert quotes.loc[("high", "S5"), "outlier_rule"].startswith("outside Q1")
    # kept: S5 is still the best price on 'low' and its total counts both quotes
    assert result.items.loc["low", "best_suppliers"] == "S5"
    assert result.suppliers.loc["S5", "total_cost"] == pytest.approx(20 + 1000)
    assert sum("may be an error" in f.message for f in result.findings) == 2


def test_zero_and_negative_prices_are_flagged_and_not_compared() -> None:
    frame = long_event()
    frame.loc[2, "Unit price"] = 0  # Acme A1
    frame.loc[5, "Unit price"] = -30  # Beta A2
    result = run(frame)
    messages = {
        (f.row, f.message.split(" quoted a ")[1].split(" price")[0])
        for f in result.findings
        if "quoted a" in f.message
    }
    assert messages == {(2, "zero"), (5, "negative")}
    assert result.suppliers.loc["Acme", "items_quoted"] == 2
    assert result.suppliers.loc["Beta", "items_quoted"] == 1


def test_a_supplier_that_quoted_nothing_is_listed() -> None:
    frame = pd.concat(
        [
            long_event(),
            sheet(
                {"Supplier": ["Dora", "Dora"], "Item code": ["A1", "A2"], "Unit price": [None, "no bid"]}, 9
            ),
        ]
    )
    result = run(frame)
    assert "Dora" in result.suppliers.index
    dora = result.suppliers.loc["Dora"]
    assert dora["status"] == SupplierStatus.NO_QUOTE
    assert math.isnan(dora["total_cost"])
    assert dora["coverage"] == 0
    wide = wide_event()
    wide["Dora"] = None
    assert run(wide).suppliers.loc["Dora", "status"] == SupplierStatus.NO_QUOTE


def test_a_sheet_without_suppliers_or_prices_is_explained() -> None:
    empty = sheet({"Supplier": [], "Item": [], "Quantity": [], "Unit price": []})
    with pytest.raises(ScorecardError, match="no supplier to compare"):
        run(empty)
    unpriced = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A1"], "Quantity": [1, 1], "Unit price": [None, ""]}
    )
    result = run(unpriced)
    assert (result.suppliers["status"] == SupplierStatus.NO_QUOTE).all()
    assert any(
        f.severity == Severity.ERROR and "No supplier priced any item" in f.message for f in result.findings
    )


def test_common_items_ignores_a_supplier_that_quoted_nothing() -> None:
    frame = pd.concat(
        [long_event(), sheet({"Supplier": ["Dora"], "Item code": ["A1"], "Unit price": [None]}, 9)]
    )
    totals = run(frame, partial_bid_policy="common_items").suppliers["total_cost"]
    assert totals[["Acme", "Beta", "Cora"]].tolist() == pytest.approx([900.0, 800.0, 800.0])
    assert math.isnan(totals["Dora"])


def test_incumbent_that_did_not_bid_is_reported_and_kept_at_baseline() -> None:
    frame = long_event()
    frame["Incumbent"] = ["Acme", "Zeta", "Acme", "Acme", "Zeta", "Acme", "Acme"]
    result = run(frame)
    assert any("Zeta" in f.message for f in result.findings)
    incumbent = result.scenarios.set_index("kind").loc["incumbent"]
    # A1 Acme 900, A2 Zeta's baseline 25 x 40 = 1000, A3 Acme 45
    assert incumbent["total_cost"] == pytest.approx(1945.0)
    assert incumbent["items_at_baseline"] == 1  # A2: Zeta did not quote it


def test_wide_headers_name_the_supplier_and_its_currency() -> None:
    frame = wide_event().rename(columns={"Beta (USD)": "Beta price (USD)", "Acme": "Acme - unit price"})
    result = run(frame)
    assert list(result.suppliers.index) == ["Acme", "Beta", "Cora"]
    assert result.suppliers.loc["Beta", "currencies"] == "USD"
    assert result.suppliers.loc["Beta", "goods_value"] == pytest.approx(1760.0)


def test_duplicate_quotes_keep_the_lower_price() -> None:
    frame = pd.concat(
        [
            long_event(),
            sheet(
                {"Supplier": ["Acme"], "Item code": ["A1"], "Annual volume": [100], "Unit price": [8.5]}, 9
            ),
        ]
    )
    result = run(frame)
    # Acme's A1 at 8.5 instead of 9: 850 + 1040 + 45
    assert result.suppliers.loc["Acme", "total_cost"] == pytest.approx(1935.0)
    assert any(f.row == 2 and "more than once" in f.message for f in result.findings)


def test_scenarios() -> None:
    scenarios = run(long_event()).scenarios.set_index("kind")
    cherry = scenarios.loc["cherry_pick"]
    # A1 tie Beta/Cora goes to Beta (lowest on more items), A2 Beta, A3 Acme: 800 + 960 + 45
    assert cherry["total_cost"] == pytest.approx(1805.0)
    assert cherry["suppliers_needed"] == 2
    assert cherry["suppliers"] == "Acme, Beta"
    # Beta (1805) quoted 2 of 3 items and Cora (1885) 1: their totals are padded with a filled-in price, so
    # neither can be the single-award reference; Acme, the only full bidder (1985), is: 1985 - 1805 = 180
    assert cherry["saving_vs_best_single_award"] == pytest.approx(180.0)
    incumbent = scenarios.loc["incumbent"]
    # A1 Acme 900, A2 Beta 960, A3 Acme 45
    assert incumbent["total_cost"] == pytest.approx(1905.0)
    award_all = scenarios[scenarios.index == "award_all"]
    assert award_all["total_cost"].tolist() == pytest.approx([1985.0, 1805.0, 1885.0])
    # items covered are the items each quoted, not the items compared
    assert award_all["items_covered"].tolist() == [3, 2, 1]
    assert award_all["items_compared"].tolist() == [3, 3, 3]
    assert set(scenarios["reference"]) == {"Acme"} and set(scenarios["reference_items"]) == {3}


def test_cherry_pick_saving_against_the_best_single_award() -> None:
    frame = sheet(
        {
            "Supplier": ["Acme", "Acme", "Beta", "Beta"],
            "Item": ["A", "B", "A", "B"],
            "Quantity": [10, 10, 10, 10],
            "Unit price": [1, 3, 2, 2],
        }
    )
    scenarios = run(frame).scenarios.set_index("kind")
    # singles: Acme 40, Beta 40; cherry-pick A from Acme (10) + B from Beta (20) = 30
    assert scenarios.loc["cherry_pick", "total_cost"] == pytest.approx(30.0)
    assert scenarios.loc["cherry_pick", "saving_vs_best_single_award"] == pytest.approx(10.0)


# ---------------------------------------------------------------------- output


def test_criterion_values_feed_the_cost_criteria() -> None:
    config = load_preset("default")
    settings = default_bid_settings({c.key: c for c in config.criteria})
    assert ("total_cost", "total_cost") in settings.criteria
    result = analyse_bids(long_event(), BidSettings(fx_rates=RATES, criteria=settings.criteria), sheet="Bids")
    values = result.criterion_values()
    assert values.loc["Beta", "total_cost"] == pytest.approx(1805.0)
