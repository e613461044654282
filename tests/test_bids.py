"""Bids stage: hand-calculated totals on small bid sheets, both shapes, every policy, and the maths' properties.

Every DataFrame is built here the way the reading stage hands it over: header texts as
columns, 1-based spreadsheet row numbers as the index, raw cells in object columns.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.bids import BidResult, BidSettings, analyse_bids, default_bid_settings, parse_bid_settings
from scorecard.bids.cells import days_cells, factorised, number_cells
from scorecard.bids.settings import FreightSettings, PaymentTermsSettings, SwitchingCostSettings
from scorecard.clean import ValueKind
from scorecard.config import (
    ConfigError,
    Section,
    config_to_yaml,
    load_preset,
    parse_config,
    parse_config_text,
)
from scorecard.errors import ScorecardError, Severity
from scorecard.report import ReportTable


def sheet(columns: dict[str, list[object]], first_row: int = 2) -> pd.DataFrame:
    """A bid sheet as the reading stage hands it over (object cells, spreadsheet rows as the index)."""
    n = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=pd.RangeIndex(first_row, first_row + n, name="row"), dtype=object)


# The small event used throughout. Base EUR; Beta quotes in USD at 0.8 EUR per USD.
#   item  qty  baseline  incumbent | Acme (EUR)  Beta (USD)     Cora (EUR)
#   A1    100  10        Acme      | 9.00        10.00 (=8 EUR) 8.00
#   A2     40  25        Beta      | 26.00       30.00 (=24)    -
#   A3     10   5        Acme      | 4.50        -              -
# Landed costs (no adders): A1 900 / 800 / 800 (Beta and Cora tie at 8 per unit),
# A2 1040 / 960, A3 45.
RATES = (("USD", 0.8),)


def long_event() -> pd.DataFrame:
    return sheet(
        {
            "Supplier": ["Acme", "Acme", "Acme", "Beta", "Beta", "Cora", "Cora"],
            "Item code": ["A1", "A2", "A3", "A1", "A2", "A1", "A3"],
            "Description": ["Bolt", "Nut", "Washer", "Bolt", "Nut", "Bolt", "Washer"],
            "Annual volume": [100, 40, 10, 100, 40, 100, 10],
            "Unit price": [9.0, 26.0, 4.5, 10.0, 30.0, 8.0, None],  # Cora left A3 blank: not quoted
            "Currency": ["EUR", "EUR", "EUR", "USD", "USD", "EUR", "EUR"],
            "Baseline price": [10, 25, 5, 10, 25, 10, 5],
            "Incumbent": ["Acme", "Beta", "Acme", "Acme", "Beta", "Acme", "Acme"],
        }
    )


def wide_event() -> pd.DataFrame:
    return sheet(
        {
            "Item": ["A1", "A2", "A3"],
            "Description": ["Bolt", "Nut", "Washer"],
            "Qty": [100, 40, 10],
            "Baseline": [10, 25, 5],
            "Incumbent": ["Acme", "Beta", "Acme"],
            "Acme": [9.0, 26.0, 4.5],
            "Beta (USD)": [10.0, 30.0, None],
            "Cora": [8.0, None, "n/a"],
        },
        first_row=5,
    )


def run(frame: pd.DataFrame, **changes: object) -> BidResult:
    return analyse_bids(frame, BidSettings(fx_rates=RATES, **changes), sheet="Bids")


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
    assert result.items.loc["A2", "status"] == "left out (policy)"
    assert "every supplier" in result.policy_text


def test_common_items_with_no_common_item_gives_no_totals_and_says_why() -> None:
    frame = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A2"], "Quantity": [1, 1], "Unit price": [5, 6]}
    )
    result = run(frame, partial_bid_policy="common_items")
    assert result.suppliers["total_cost"].isna().all()
    assert result.suppliers["status"].str.startswith("Not compared").all()
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
    assert suppliers.loc["Cora", "status"].startswith("Knocked out: coverage 33.3%")
    assert suppliers.loc["Beta", "total_cost"] == pytest.approx(1805.0)
    # the knocked-out supplier takes part in no scenario
    assert "Cora" not in " ".join(result.scenarios["suppliers"])
    assert "50%" in result.policy_text


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
    assert any("USD 0.8" in line for line in result.method_lines())


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
    method = " ".join(result.method_lines())
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


def test_ties_flag_every_best_supplier_and_are_highlighted() -> None:
    result = run(long_event())
    assert result.items.loc["A1", "best_suppliers"] == "Beta, Cora"
    assert result.items.loc["A1", "lowest"] == pytest.approx(8.0)
    assert result.items.loc["A1", "spread"] == pytest.approx(1.0)
    assert result.items.loc["A1", "spread_percent"] == pytest.approx(12.5)
    items_table = next(t for t in result.report_tables() if t.title == "Items")
    row = items_table.frame.index[items_table.frame["Item"] == "A1"][0]
    assert items_table.highlight.loc[row, "Beta"] and items_table.highlight.loc[row, "Cora"]
    assert not items_table.highlight.loc[row, "Acme"]
    assert items_table.frame.loc[row, "Beta"] == pytest.approx(8.0)


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
    assert dora["status"] == "No quote"
    assert math.isnan(dora["total_cost"])
    assert dora["coverage"] == 0
    wide = wide_event()
    wide["Dora"] = None
    assert run(wide).suppliers.loc["Dora", "status"] == "No quote"


def test_a_sheet_without_suppliers_or_prices_is_explained() -> None:
    empty = sheet({"Supplier": [], "Item": [], "Quantity": [], "Unit price": []})
    with pytest.raises(ScorecardError, match="no supplier to compare"):
        run(empty)
    unpriced = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A1"], "Quantity": [1, 1], "Unit price": [None, ""]}
    )
    result = run(unpriced)
    assert (result.suppliers["status"] == "No quote").all()
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
    assert "baseline price" in incumbent["note"]


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
    assert "quoted 2 of 3 items" in award_all.set_index("suppliers").loc["Beta", "note"]


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


def test_report_tables_and_method_lines() -> None:
    result = run(long_event())
    tables = result.report_tables()
    assert [t.title for t in tables] == ["Bids", "Items", "Scenarios"]
    assert all(isinstance(t, ReportTable) for t in tables)
    bids = tables[0].frame.set_index("Supplier")
    assert bids.loc["Beta", "Coverage"] == pytest.approx(2 / 3)  # the report's percent format is a fraction
    assert bids.loc["Beta", "Total cost of ownership (EUR)"] == pytest.approx(1805.0)
    method = result.method_lines()
    assert any(line.startswith("Partial bids:") for line in method)
    assert any("Extended price = quantity x unit price" in line for line in method)
    assert any("log(total / lowest)" in line for line in method)


def test_criterion_values_feed_the_cost_criteria() -> None:
    config = load_preset("default")
    settings = default_bid_settings({c.key: c for c in config.criteria})
    assert ("total_cost", "total_cost") in settings.criteria
    result = analyse_bids(long_event(), BidSettings(fx_rates=RATES, criteria=settings.criteria), sheet="Bids")
    values = result.criterion_values()
    assert values.loc["Beta", "total_cost"] == pytest.approx(1805.0)


# ---------------------------------------------------------------------- settings


def criteria_of_default() -> dict:
    return {c.key: c for c in load_preset("default").criteria}


def test_settings_parse_validate_and_round_trip() -> None:
    raw = {
        "shape": "long",
        "fx_rates": {"usd": 0.92, "GBP": 1.17},
        "partial_bid_policy": "penalty",
        "penalty_factor": 1.3,
        "freight": {"column_basis": "per_line", "lump_sum": 500},
        "duty_percent": 4,
        "payment_terms": {"annual_rate_percent": 8, "days_from": "column", "default_days": 30},
        "switching_cost": 2500,
        "unit_factors": {"Box of 12": 12},
        "columns": {"unit_price": ["Net price EUR"]},
    }
    parsed = parse_bid_settings(Section(raw, "bids"), criteria_of_default())
    assert parsed.base_currency == "EUR"  # from the total cost criterion's unit
    assert dict(parsed.fx_rates) == {"USD": 0.92, "GBP": 1.17}
    assert parsed.switching_cost == SwitchingCostSettings(2500.0, "per_supplier")
    again = parse_bid_settings(
        Section(yaml.safe_load(yaml.safe_dump(parsed.to_dict())), "bids"), criteria_of_default()
    )
    assert again == parsed


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({"payment_terms": {"annual_rate_percent": "six"}}, "bids.payment_terms.annual_rate_percent"),
        ({"partial_bid_policy": "cheapest"}, "bids.partial_bid_policy"),
        ({"fx_rates": {"USD": 0}}, "bids.fx_rates.USD"),
        ({"fx_rates": {"EUR": 2}}, "bids.fx_rates.EUR"),
        ({"base_currency": "USD"}, "bids.base_currency"),
        ({"columns": {"price_thing": ["x"]}}, "bids.columns.price_thing"),
        ({"criteria": {"total_cost": "nonexistent"}}, "bids.criteria.total_cost"),
        ({"freight": {"basis": "per_unit"}}, "bids.freight.basis"),
        ({"coverage_threshold": 120}, "bids.coverage_threshold"),
    ],
)
def test_settings_errors_name_the_key_path(raw: dict, path: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_bid_settings(Section(raw, "bids"), criteria_of_default())
    assert f"`{path}`" in str(error.value)


def test_bids_section_round_trips_through_a_config_file() -> None:
    config = load_preset("default")
    data = config.to_dict()
    data["bids"] = {"fx_rates": {"USD": 0.9}, "partial_bid_policy": "common_items", "duty_percent": 3}
    parsed = parse_config(data)
    settings = parsed.section("bids")
    assert isinstance(settings, BidSettings)
    again = parse_config_text(config_to_yaml(parsed), "saved.yaml").section("bids")
    assert again == settings
    assert again.partial_bid_policy == "common_items"


# ---------------------------------------------------------------------- properties


@st.composite
def bid_events(draw: st.DrawFn) -> tuple[pd.DataFrame, float]:
    """A random long bid sheet: 1-5 suppliers, 1-6 items, partial coverage, EUR and USD prices."""
    n_suppliers = draw(st.integers(1, 5))
    n_items = draw(st.integers(1, 6))
    rate = draw(st.floats(0.2, 5.0))
    rows = []
    for s in range(n_suppliers):
        currency = draw(st.sampled_from(["EUR", "USD"]))
        for i in range(n_items):
            if draw(st.booleans()) or i == 0:
                price = draw(st.floats(0.01, 1000.0, allow_nan=False))
                rows.append((f"S{s}", f"I{i}", float(i + 1) * 3, price, currency, 10.0 + i))
    frame = sheet(
        {
            "Supplier": [r[0] for r in rows],
            "Item": [r[1] for r in rows],
            "Quantity": [r[2] for r in rows],
            "Unit price": [r[3] for r in rows],
            "Currency": [r[4] for r in rows],
            "Baseline price": [r[5] for r in rows],
        }
    )
    return frame, rate


POLICIES = ["common_items", "fill_highest", "fill_baseline", "penalty", "knockout_below"]
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(bid_events(), st.sampled_from(POLICIES), st.randoms(use_true_random=False))
def test_totals_do_not_depend_on_row_order(event: tuple[pd.DataFrame, float], policy: str, rnd) -> None:
    frame, rate = event
    order = list(range(len(frame)))
    rnd.shuffle(order)
    shuffled = frame.iloc[order].set_axis(pd.RangeIndex(2, 2 + len(frame), name="row"))
    bid_settings = BidSettings(fx_rates=(("USD", rate),), partial_bid_policy=policy, duty_percent=2)
    a = analyse_bids(frame, bid_settings, sheet="Bids").suppliers
    b = analyse_bids(shuffled, bid_settings, sheet="Bids").suppliers
    pd.testing.assert_series_equal(a["total_cost"], b["total_cost"].reindex(a.index), rtol=1e-9)
    pd.testing.assert_series_equal(a["coverage"], b["coverage"].reindex(a.index))
    parts = (
        a["goods_value"]
        + a["freight"]
        + a["duty"]
        - a["payment_credit"]
        + a["switching_cost"]
        + a["fill_value"]
    )
    pd.testing.assert_series_equal(parts, a["total_cost"], check_names=False, rtol=1e-9)
    # every supplier in the sheet is listed, with a total or a reason why not
    assert set(a.index) == {str(s) for s in frame["Supplier"]}
    assert (a["total_cost"].notna() | (a["status"] != "Compared")).all()


@quick
@given(bid_events(), st.sampled_from(["common_items", "fill_highest", "penalty"]), st.floats(0.01, 100))
def test_totals_scale_linearly_with_prices_and_fx(
    event: tuple[pd.DataFrame, float], policy: str, k: float
) -> None:
    frame, rate = event
    bid_settings = BidSettings(fx_rates=(("USD", rate),), partial_bid_policy=policy, duty_percent=5)
    base = analyse_bids(frame, bid_settings, sheet="Bids").suppliers["total_cost"]
    scaled_frame = frame.copy()
    scaled_frame["Unit price"] = [p * k for p in frame["Unit price"]]
    scaled = analyse_bids(scaled_frame, bid_settings, sheet="Bids").suppliers["total_cost"]
    pd.testing.assert_series_equal(scaled, base * k, rtol=1e-9)
    # the same prices written in another unit of USD (USD prices / k, rate x k) give the same totals
    usd = frame["Currency"] == "USD"
    converted = frame.copy()
    converted["Unit price"] = [
        p / k if is_usd else p for p, is_usd in zip(frame["Unit price"], usd, strict=True)
    ]
    converted_settings = BidSettings(fx_rates=(("USD", rate * k),), partial_bid_policy=policy, duty_percent=5)
    again = analyse_bids(converted, converted_settings, sheet="Bids").suppliers["total_cost"]
    pd.testing.assert_series_equal(again, base, rtol=1e-9)


def as_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """The same bids as a bid tab: a row per item, a price column per supplier headed 'S0 (USD)'."""
    items = list(dict.fromkeys(frame["Item"]))
    suppliers = list(dict.fromkeys(frame["Supplier"]))
    first = frame.drop_duplicates("Item").set_index("Item")
    columns: dict[str, list[object]] = {
        "Item": items,
        "Quantity": [first.loc[i, "Quantity"] for i in items],
        "Baseline price": [first.loc[i, "Baseline price"] for i in items],
    }
    for supplier in suppliers:
        own = frame[frame["Supplier"] == supplier].set_index("Item")
        currency = own["Currency"].iloc[0]
        columns[f"{supplier} ({currency})"] = [own["Unit price"].get(i) for i in items]
    return sheet(columns)


@quick
@given(bid_events(), st.sampled_from(POLICIES))
def test_long_and_wide_agree_on_random_events(event: tuple[pd.DataFrame, float], policy: str) -> None:
    frame, rate = event
    bid_settings = BidSettings(fx_rates=(("USD", rate),), partial_bid_policy=policy)
    long_result = analyse_bids(frame, bid_settings, sheet="Bids")
    wide_result = analyse_bids(as_wide(frame), bid_settings, sheet="Bids")
    pd.testing.assert_frame_equal(long_result.suppliers, wide_result.suppliers)
    pd.testing.assert_frame_equal(long_result.items, wide_result.items)
    pd.testing.assert_frame_equal(long_result.scenarios, wide_result.scenarios)


# ---------------------------------------------------------------------- speed (issue 9)


def generated_bids(n_suppliers: int, n_items: int, seed: int = 0) -> pd.DataFrame:
    """A long bid sheet as the reader hands it over: ~80% of cells quoted, a third of suppliers in USD."""
    rng = np.random.default_rng(seed)
    supplier = np.repeat(np.arange(n_suppliers), n_items)
    item = np.tile(np.arange(n_items), n_suppliers)
    usd = supplier % 3 == 0
    level = rng.lognormal(3, 1, n_items)[item] * rng.uniform(0.85, 1.15, n_suppliers)[supplier]
    price = np.where(usd, level / 0.9, level).round(2).astype(object)
    price[rng.random(len(price)) >= 0.8] = None
    names = np.array([f"Supplier {i:03d}" for i in range(n_suppliers)], dtype=object)
    codes = np.array([f"ITEM-{i:05d}" for i in range(n_items)], dtype=object)
    return sheet(
        {
            "Supplier": names[supplier],
            "Item code": codes[item],
            "Quantity": (np.arange(n_items) % 97 + 1.0)[item].astype(object),
            "Unit price": price,
            "Currency": np.where(usd, "USD", "EUR").astype(object),
        }
    )


@pytest.mark.slow
def test_one_million_bid_rows_are_all_accounted_for() -> None:
    """Size, not speed: the speed ratio is measured in benchmarks/, never asserted in a test."""
    frame = generated_bids(500, 2000)
    result = analyse_bids(frame, BidSettings(fx_rates=(("USD", 0.9),)), sheet="Bids")
    assert len(result.suppliers) == 500
    assert result.suppliers["coverage"].between(70, 90).all()
    assert int(result.suppliers["items_quoted"].sum()) == int(frame["Unit price"].notna().sum())


# ---------------------------------------------------------------------- reading cells as whole arrays


def test_no_bid_cells_are_not_quoted_with_one_info_finding() -> None:
    frame = long_event()
    frame.loc[3, "Unit price"] = "No bid"  # Acme A3
    frame.loc[5, "Unit price"] = "NQ"  # Beta A2
    result = run(frame)
    assert result.suppliers.loc["Acme", "items_quoted"] == 2
    assert result.suppliers.loc["Beta", "items_quoted"] == 1
    about_price = [f for f in result.findings if f.column == "Unit price"]
    assert [f.severity for f in about_price] == [Severity.INFO]
    assert "said there is no data ('No bid', 'NQ')" in about_price[0].message


def test_a_description_left_blank_on_an_items_first_row_comes_from_a_later_row() -> None:
    frame = long_event()
    frame.loc[2, "Description"] = None  # Acme's A1 row; Beta and Cora describe A1 as "Bolt"
    frame.loc[3, "Description"] = "  Nut  "
    frame.loc[6, "Description"] = "Hex nut"  # a later, different text: the first one given wins
    items = run(frame).items["description"]
    assert items.to_dict() == {"A1": "Bolt", "A2": "Nut", "A3": "Washer"}


def test_yes_no_cells_stay_apart_from_the_number_one_in_an_item_column() -> None:
    frame = sheet(
        {
            "Supplier": ["Acme", "Acme", "Beta", "Beta"],
            "Item": [1, True, 1.0, True],
            "Unit price": [5.0, 6.0, 4.0, 7.0],
        }
    )
    codes, values = factorised(frame["Item"])
    assert values == [1, True]
    assert [type(v) for v in values] == [int, bool]
    assert codes.tolist() == [0, 1, 0, 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Acme", "acme", "Beta", "", None, "Cora GmbH"]), min_size=1, max_size=60))
def test_text_columns_read_in_runs_give_the_same_codes_as_hashing_every_cell(texts: list[object]) -> None:
    raw = np.array(texts, dtype=object)
    codes, values = factorised(pd.Series(raw, dtype=object))
    expected_codes, expected_values = pd.factorize(raw, use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist()
    assert values == list(expected_values)


def test_a_long_text_column_in_blocks_is_read_per_block() -> None:
    raw = np.repeat(np.array(["Acme", None, "Beta", "Acme", ""], dtype=object), 1000)
    codes, values = factorised(pd.Series(raw, dtype=object))
    assert values == ["Acme", "Beta", ""]
    assert codes.tolist() == np.repeat([0, -1, 1, 0, 2], 1000).tolist()


def test_lead_times_as_numbers_and_blanks_take_the_number_path() -> None:
    values, present, unreadable = days_cells(pd.Series([20.0, None, 35, np.nan], dtype=object))
    np.testing.assert_array_equal(values, [20.0, np.nan, 35.0, np.nan])
    assert present.tolist() == [True, False, True, False]
    assert unreadable.empty
    values, present, _ = days_cells(pd.Series([14, pd.NA], dtype=object))  # pandas' own blank among numbers
    np.testing.assert_array_equal(values, [14.0, np.nan])
    assert present.tolist() == [True, False]
    values, present, unreadable = days_cells(
        pd.Series([20.0, "3 weeks", "soon", None], dtype=object, index=[7, 8, 9, 10])
    )
    np.testing.assert_array_equal(values, [20.0, 21.0, np.nan, np.nan])
    assert present.tolist() == [True, True, True, False]
    assert unreadable.to_dict() == {9: "soon"}


def test_number_cells_convert_numbers_as_an_array_and_clean_only_the_rest() -> None:
    cells = pd.Series(
        [9.5, "No bid", np.int64(3), "12,50", None, True, "€ 4"], dtype=object, index=range(2, 9)
    )
    read = number_cells(cells, ValueKind.MONEY, sheet="Bids", column="Unit price")
    np.testing.assert_array_equal(read.values[[0, 2, 3, 6]], [9.5, 3.0, 12.5, 4.0])
    assert np.isnan(read.values[[1, 4, 5]]).all()
    assert read.present.tolist() == [True, False, True, True, False, True, True]
    assert any("no data ('No bid')" in f.message and f.severity is Severity.INFO for f in read.findings)
