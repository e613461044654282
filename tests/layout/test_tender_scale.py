"""A 70/30 quality/price tender scored 1-5: the sheet's own arithmetic (weight x score / 5, plus price
points) is reproduced and cross-checked, and where Scorecard's linear 1-5 scale (a 1 earns nothing) would
put another tenderer first, a finding says so, naming both."""

from __future__ import annotations

import pytest

from scorecard.errors import Severity
from scorecard.pipeline import evaluate_file
from tests.layout.evaluation_workbooks import Formula, workbook_bytes

CRITERIA = (("Technical approach", 40), ("Delivery plan", 30))  # points of the 100: quality is 70


def tender(scores: dict[str, tuple[int, int]], prices: dict[str, float], scale: str = "1-5") -> bytes:
    """Summary, Quality (criteria in rows, 1-5) and Price sheets, totals worked out as the sheet would."""
    names = list(scores)
    lowest = min(prices.values())
    quality = {n: sum(w * s / 5 for (_, w), s in zip(CRITERIA, scores[n], strict=True)) for n in names}
    price_points = {n: 30 * lowest / prices[n] for n in names}
    quality_rows: list[object] = [
        ["Quality evaluation (70%)"],
        [f"Each criterion is scored {scale}; weighted score = weight x score / 5"],
        ["Criterion", "Weight", *names],
    ]
    for j, (label, weight) in enumerate(CRITERIA):
        quality_rows.append([label, weight, *(scores[n][j] for n in names)])
    price_rows: list[object] = [["Price evaluation (30%)"], ["Tenderer", "Tendered price (GBP)"]]
    price_rows += [[n, prices[n]] for n in names]
    summary_rows: list[object] = [["Tenderer", "Quality (70)", "Price points (30)", "Total (100)"]]
    for n in names:
        total = quality[n] + price_points[n]
        summary_rows.append([n, quality[n], price_points[n], Formula("=B2+C2", total)])
    return workbook_bytes({"Summary": summary_rows, "Quality": quality_rows, "Price": price_rows})


def linear_total(scores: tuple[int, int], price: float, lowest: float) -> float:
    """Scorecard's total worked by hand: a 1-5 score s earns (s - 1) / 4 of its weight; price lowest / price."""
    quality = sum(w * (s - 1) / 4 for (_, w), s in zip(CRITERIA, scores, strict=True))
    return quality + 30 * lowest / price


# quality 56 vs 48 points on the sheet (40 x 4/5 + 30 x 4/5 against 40 x 3/5 + 30 x 4/5), 52.5 vs 42.5 on a
# linear 1-5 scale; the price gap between them is 8.9 points: the sheet puts Keystone first, Scorecard Northbridge
CLOSE = (
    {"Northbridge": (4, 4), "Keystone": (3, 4), "Harbour": (2, 2)},
    {"Northbridge": 142_000.0, "Keystone": 100_000.0, "Harbour": 120_000.0},
)
APART = (
    {"Northbridge": (5, 5), "Keystone": (3, 4), "Harbour": (2, 2)},
    {"Northbridge": 105_000.0, "Keystone": 100_000.0, "Harbour": 120_000.0},
)


@pytest.mark.parametrize("case", [CLOSE, APART], ids=["leader differs", "same leader"])
def test_the_total_is_the_linear_scale_and_the_sheets_arithmetic_is_cross_checked(case) -> None:
    scores, prices = case
    lowest = min(prices.values())
    evaluation = evaluate_file(tender(scores, prices), "tender.xlsx", None)
    result = evaluation.result
    by_hand = {n: linear_total(scores[n], prices[n], lowest) for n in scores}
    for i, name in enumerate(result.suppliers):
        assert result.totals[i] == pytest.approx(by_hand[name])
    assert result.leader == max(by_hand, key=by_hand.get)
    checked = [f for f in evaluation.findings if f.sheet == "Summary"]
    assert [f.severity for f in checked] == [Severity.INFO]
    assert 'own "Total (100)" matches the scores and prices for every supplier' in checked[0].message


def test_a_leader_that_depends_on_the_convention_is_named_both_ways() -> None:
    scores, prices = CLOSE
    sheet_way = {
        n: sum(w * s / 5 for (_, w), s in zip(CRITERIA, scores[n], strict=True)) + 30 * 100_000 / prices[n]
        for n in scores
    }
    assert max(sheet_way, key=sheet_way.get) == "Keystone"  # what the buyer's own sheet says
    evaluation = evaluate_file(tender(scores, prices), "tender.xlsx", None)
    assert evaluation.result.leader == "Northbridge"
    said = [f for f in evaluation.findings if f.sheet == "Quality" and "weight x score / 5" in f.message]
    assert len(said) == 1 and said[0].severity == Severity.WARNING
    assert "Keystone on the sheet's arithmetic, Northbridge on Scorecard's" in said[0].message
    assert "20%" in said[0].message and "method worst 0" in said[0].action


def test_the_same_leader_either_way_is_a_note() -> None:
    scores, prices = APART
    evaluation = evaluate_file(tender(scores, prices), "tender.xlsx", None)
    said = [f for f in evaluation.findings if f.sheet == "Quality" and "weight x score / 5" in f.message]
    assert len(said) == 1 and said[0].severity == Severity.INFO
    assert "Either way Northbridge comes first" in said[0].message


def test_a_scale_from_zero_needs_no_note() -> None:
    scores = {"Northbridge": (4, 4), "Keystone": (3, 4), "Harbour": (0, 2)}
    evaluation = evaluate_file(tender(scores, CLOSE[1], "0-5"), "tender.xlsx", None)
    assert evaluation.result.leader == "Keystone"  # 0-5: the sheet's arithmetic and the linear scale agree
    assert not [f for f in evaluation.findings if "weight x score /" in f.message and f.sheet == "Quality"]
