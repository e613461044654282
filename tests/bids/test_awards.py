"""Award scenarios among the suppliers that can be awarded (issue 14): eligibility comes from the scoring,
items covered are the items quoted, fixed costs count in a cherry-pick, savings are labelled two ways.

The sample's cherry-pick is recomputed here from the Bids and FX sheets read with openpyxl, not from
anything the bids stage computed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from scorecard.bids import BidSettings, analyse_bids
from scorecard.bids.settings import OneOffCostSettings, parse_bid_settings
from scorecard.charts import NOT_ELIGIBLE, bid_totals
from scorecard.config import ConfigError, Section, load_preset
from scorecard.pipeline import evaluate_file
from scorecard.tables import bid_tables
from tests.bids.events import sheet

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


@pytest.fixture(scope="module")
def sample_evaluation():
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))


def price_or_none(value: object) -> float | None:
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return number if number > 0 else None


def sample_costs_by_hand() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Per supplier and item, quantity x price x FX rate, straight from the sample's cells."""
    book = openpyxl.load_workbook(SAMPLE, read_only=True, data_only=True)
    fx = {row[0]: float(row[1]) for row in book["FX rates"].iter_rows(min_row=2, values_only=True) if row[0]}
    rows = list(book["Bids"].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    at = {
        name: header.index(name) for name in ("Supplier", "Item code", "Quantity", "Unit price", "Currency")
    }
    cost: dict[str, dict[str, float]] = defaultdict(dict)
    quantity: dict[str, float] = {}
    for row in rows[1:]:
        if not row[at["Supplier"]]:
            continue
        item = str(row[at["Item code"]]).strip()
        quantity[item] = float(row[at["Quantity"]])
        price = price_or_none(row[at["Unit price"]])
        if price is None:
            continue
        rate = 1.0 if (row[at["Currency"]] or "EUR") == "EUR" else fx[row[at["Currency"]]]
        landed = quantity[item] * price * rate
        supplier = str(row[at["Supplier"]]).strip()
        cost[supplier][item] = min(landed, cost[supplier].get(item, np.inf))
    return dict(cost), quantity


def test_the_samples_cherry_pick_awards_no_disqualified_supplier_and_its_saving_adds_up(sample_evaluation):
    result = sample_evaluation.result
    disqualified = {name for i, name in enumerate(result.suppliers) if not result.qualified[i]}
    assert disqualified == {"Hanoi Mechanical JSC", "São Paulo Forjados Ltda"}  # ISO 9001 / financial risk
    scenarios = sample_evaluation.bids.scenarios.set_index("kind")
    cherry = scenarios.loc["cherry_pick"]
    assert not disqualified & set(cherry["suppliers"].split(", "))

    cost, quantity = sample_costs_by_hand()
    items = sorted(quantity)
    eligible = {s: c for s, c in cost.items() if s not in disqualified}
    by_hand = sum(min(c[item] for c in eligible.values() if item in c) for item in items)
    full_bidders = {s: sum(c.values()) for s, c in eligible.items() if set(c) == set(items)}
    best_single = min(full_bidders.values())
    assert cherry["total_cost"] == pytest.approx(by_hand, rel=1e-9)
    assert cherry["saving_vs_best_single_award"] == pytest.approx(best_single - by_hand, rel=1e-9)
    assert cherry["items_covered"] == len(items)
    # the disqualified ones are apart, labelled hypothetical, with their reason
    apart = scenarios.loc["award_all_not_eligible"]
    assert set(apart["suppliers"]) == disqualified
    scenarios_sheet = bid_tables(sample_evaluation.bids)[2].frame
    hypothetical = scenarios_sheet[scenarios_sheet["Scenario"].str.startswith("Hypothetical")]
    assert len(hypothetical) == len(apart)  # the sheet words them from the kind code
    assert all("ISO 9001" in n or "Financial risk" in n for n in hypothetical["Note"])
    assert not apart["eligible"].any()
    award_all = scenarios.loc["award_all"]
    assert not disqualified & set(award_all["suppliers"])


def test_items_covered_are_the_items_each_supplier_quoted(sample_evaluation):
    cost, quantity = sample_costs_by_hand()
    award_all = sample_evaluation.bids.scenarios.set_index("kind").loc["award_all"].set_index("suppliers")
    for supplier, row in award_all.iterrows():
        assert row["items_covered"] == len(cost[supplier]), supplier
        assert row["items_compared"] == len(quantity)
    shenzhen = award_all.loc["Shenzhen Brightway Manufacturing Co."]
    assert shenzhen["items_covered"] == 10
    assert shenzhen["items_compared"] == 12


def test_items_table_and_chart_mark_the_suppliers_that_cannot_be_awarded(sample_evaluation):
    bids = sample_evaluation.bids
    _, items, _ = bid_tables(bids)
    frame = items.frame
    assert "Hanoi Mechanical JSC (not eligible)" in frame.columns
    assert not frame["Best price"].fillna("").str.contains("Hanoi").any()
    assert frame["Cheaper but not eligible"].fillna("").str.contains("Hanoi").any()
    # highlighted best cells are never in an ineligible supplier's column
    assert not items.highlight["Hanoi Mechanical JSC (not eligible)"].any()
    totals = bid_totals(bids).set_index("Supplier")
    assert totals.loc["Hanoi Mechanical JSC", "Bid"] == NOT_ELIGIBLE
    assert totals.loc["Penang Precision Sdn Bhd", "Bid"] == "Full bid"
    supplier_table = bid_tables(bids)[0].frame.set_index("Supplier")
    assert supplier_table.loc["Hanoi Mechanical JSC", "Can be awarded"].startswith("No: Disqualified")


# ---------------------------------------------------------------------- small hand-worked events

#   item  qty | Acme  Beta  Cora
#   A     10  | 1     2     1.5
#   B     10  | 3     2     2.5
# Acme 40, Beta 40, Cora 40; the lowest per item: A Acme 10, B Beta 20 = 30.
SPLIT = {
    "Supplier": ["Acme", "Acme", "Beta", "Beta", "Cora", "Cora"],
    "Item": ["A", "B", "A", "B", "A", "B"],
    "Quantity": [10] * 6,
    "Unit price": [1, 3, 2, 2, 1.5, 2.5],
    "Baseline price": [2.5] * 6,
}


def test_one_off_costs_make_a_cherry_pick_dearer_and_it_says_so() -> None:
    settings = BidSettings(one_off_costs=OneOffCostSettings(per_supplier=6.0))
    result = analyse_bids(sheet(SPLIT), settings, sheet="Bids")
    # every single award now costs 40 + 6 = 46; the cherry-pick uses two suppliers: 30 + 12 = 42
    assert result.suppliers["total_cost"].tolist() == pytest.approx([46.0, 46.0, 46.0])
    cherry = result.scenarios.set_index("kind").loc["cherry_pick"]
    assert cherry["total_cost"] == pytest.approx(42.0)
    assert cherry["one_off_costs"] == pytest.approx(12.0)
    dear = analyse_bids(
        sheet(SPLIT), BidSettings(one_off_costs=OneOffCostSettings(per_supplier=11.0)), sheet="Bids"
    )
    cherry = dear.scenarios.set_index("kind").loc["cherry_pick"]
    # 30 + 22 = 52 against 40 + 11 = 51: one dearer
    assert cherry["saving_vs_best_single_award"] == pytest.approx(-1.0)
    assert cherry["dearer_by"] == pytest.approx(1.0) and cherry["reference"] == "Acme"


def test_a_named_suppliers_tooling_counts_only_for_it() -> None:
    settings = BidSettings(one_off_costs=OneOffCostSettings(suppliers=(("beta", 15.0), ("Zeta", 1.0))))
    result = analyse_bids(sheet(SPLIT), settings, sheet="Bids")
    assert result.suppliers["total_cost"].tolist() == pytest.approx([40.0, 55.0, 40.0])
    assert any("Zeta" in f.message and "not added" in f.message for f in result.findings)
    cherry = result.scenarios.set_index("kind").loc["cherry_pick"]
    # B still goes to Beta (2 < 2.5 per unit), so its one-off follows: 30 + 15 = 45, dearer than Acme's 40
    assert cherry["total_cost"] == pytest.approx(45.0)
    assert cherry["dearer_by"] == pytest.approx(5.0)


def test_an_ineligible_supplier_is_left_out_of_the_cherry_pick_and_the_reference() -> None:
    result = analyse_bids(sheet(SPLIT), BidSettings(), sheet="Bids").for_award(
        {"Acme": "Disqualified: no ISO"}
    )
    scenarios = result.scenarios.set_index("kind")
    cherry = scenarios.loc["cherry_pick"]
    # without Acme: A Cora 15, B Beta 20 = 35; reference Beta or Cora at 40
    assert cherry["total_cost"] == pytest.approx(35.0)
    assert cherry["suppliers"] == "Beta, Cora"
    assert cherry["saving_vs_best_single_award"] == pytest.approx(5.0)
    hypothetical = scenarios.loc["award_all_not_eligible"]
    assert hypothetical["suppliers"] == "Acme" and not hypothetical["eligible"]
    assert dict(result.not_eligible)["Acme"] == "Disqualified: no ISO"  # the sheet's note gives this reason


def test_savings_on_price_and_on_landed_cost_are_apart() -> None:
    """The issue's case: a supplier cheaper on price is dearer landed once 5% duty is added."""
    frame = sheet(
        {"Supplier": ["Acme"], "Item": ["A"], "Quantity": [100], "Unit price": [2.9], "Baseline price": [3.0]}
    )
    result = analyse_bids(frame, BidSettings(duty_percent=5.0), sheet="Bids")
    row = result.suppliers.loc["Acme"]
    assert row["savings_vs_baseline"] == pytest.approx(10.0)  # 100 x (3.0 - 2.9)
    assert row["landed_savings_vs_baseline"] == pytest.approx(300.0 - 304.5)  # 290 + 14.5 duty
    award = result.scenarios.set_index("kind").loc["award_all"]
    assert award["price_saving_vs_baseline"] == pytest.approx(10.0)
    assert award["landed_saving_vs_baseline"] == pytest.approx(-4.5)
    headings = list(bid_tables(result)[2].frame.columns)
    assert "Price saving vs baseline (EUR)" in headings and "Landed-cost saving vs baseline (EUR)" in headings


def test_one_off_cost_settings_are_validated_by_key() -> None:
    settings = parse_bid_settings(
        Section({"one_off_costs": {"per_supplier": 5000, "suppliers": {"Acme": 12000}}}, "bids"), {}
    )
    assert settings.one_off_costs.for_supplier("ACME ") == 17000
    assert parse_bid_settings(Section(settings.to_dict(), "bids"), {}) == settings
    with pytest.raises(ConfigError, match=r"bids\.one_off_costs\.per_supplier"):
        parse_bid_settings(Section({"one_off_costs": {"per_supplier": -1}}, "bids"), {})
    with pytest.raises(ConfigError, match=r"bids\.award_only_qualified"):
        parse_bid_settings(Section({"award_only_qualified": "maybe"}, "bids"), {})


def test_landed_savings_can_be_scored_as_a_criterion() -> None:
    frame = sheet(
        {"Supplier": ["Acme"], "Item": ["A"], "Quantity": [100], "Unit price": [2.9], "Baseline price": [3.0]}
    )
    settings = BidSettings(duty_percent=5.0, criteria=(("landed_savings_vs_baseline", "landed_saving"),))
    values = analyse_bids(frame, settings, sheet="Bids").criterion_values()
    assert values.loc["Acme", "landed_saving"] == pytest.approx(-4.5)
