"""The bids maths' properties on random events (row order, linearity, long vs wide) and a million rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.bids import BidSettings, analyse_bids
from scorecard.bids.policy import SupplierStatus
from tests.bids.events import sheet

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
    assert (a["total_cost"].notna() | (a["status"] != SupplierStatus.COMPARED)).all()


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
