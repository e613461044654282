"""The Ranking table and a supplier's status, written from the result's numbers and codes (issue 15).

Figures are worked out by hand from the settings below, not read back from the engine: scores equal the
values (linear 0-100), shares are the weights as set (quality 1 = a 3 + b 1, risk 1 = c), so a total is
0.375 a + 0.125 b + 0.5 c.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from scorecard.score import ScoreResult, Standing, score
from scorecard.tables import (
    DISQUALIFIED,
    NOT_SCORED,
    QUALIFIED,
    STANDING_WORDS,
    ranking_frame,
    ranking_table,
    status_text,
)

LINEAR = {"type": "linear", "worst": 0, "best": 100}
RECORDS = {
    "S1": {"a": 80, "b": 40, "c": 60},  # 30 + 5 + 30 = 65: Amber
    "s2": {"a": 100, "b": 100, "c": 90},  # 37.5 + 12.5 + 45 = 95: Green
    "Ko": {"a": 10, "b": 90, "c": 90},  # a below the must-have of 20
    "Blank": {"a": None, "b": None, "c": None},  # nothing to score on
}


def scored(factory, aggregation: str = "weighted_sum") -> ScoreResult:
    config = factory.config(
        factory.criterion("a", LINEAR, weight=3, missing="exclude"),
        factory.criterion("b", LINEAR, weight=1, missing="exclude"),
        factory.criterion("c", LINEAR, category="risk", weight=1, missing="exclude"),
        knockouts=[{"criterion": "a", "at_least": 20, "if_missing": "pass"}],
        aggregation=aggregation,
    )
    return score(factory.table(RECORDS), config)


def test_each_supplier_stands_as_a_code_and_reads_as_words(factory) -> None:
    result = scored(factory)
    standings = {s: result.standing(i) for i, s in enumerate(result.suppliers)}
    assert standings == {
        "S1": Standing.QUALIFIED,
        "s2": Standing.QUALIFIED,
        "Ko": Standing.DISQUALIFIED,
        "Blank": Standing.NOT_SCORED,
    }
    words = {s: status_text(result, i) for i, s in enumerate(result.suppliers)}
    assert words["S1"] == words["s2"] == QUALIFIED == "Qualified"
    assert words["Ko"].startswith(f"{DISQUALIFIED}: ") and "A" in words["Ko"] and "20" in words["Ko"]
    assert words["Blank"] == f"{NOT_SCORED}: no data on any weighted criterion"
    assert set(STANDING_WORDS) == set(Standing)  # every code has its words


def test_the_ranking_is_worked_out_from_the_result_and_matches_a_hand_computation(factory) -> None:
    frame = ranking_frame(scored(factory))
    assert frame.columns.tolist() == [
        "Rank",
        "Supplier",
        "Score",
        "Band",
        "Status",
        "Risk",  # categories in the settings' order
        "Quality",
        "Missing values",
    ]
    # ranked by score, then the unranked by name (case-blind)
    assert frame["Supplier"].tolist() == ["s2", "S1", "Blank", "Ko"]
    assert frame["Rank"].tolist()[:2] == [1, 2] and frame["Rank"].isna().tolist() == [
        False,
        False,
        True,
        True,
    ]
    assert frame["Score"].tolist()[:2] == pytest.approx([95.0, 65.0])
    # a supplier failing a must-have keeps its score (3.75 + 11.25 + 45), unranked; one with no data has none
    assert math.isnan(frame["Score"].iloc[2]) and frame["Score"].iloc[3] == pytest.approx(60.0)
    assert frame["Band"].tolist()[:2] == ["Green", "Amber"]
    assert frame["Band"].iloc[2:].isna().all()
    # the category scores are the weighted averages inside each category: quality (3a + b) / 4, risk c
    assert frame["Quality"].tolist()[:2] == pytest.approx([100.0, (3 * 80 + 40) / 4])
    assert frame["Risk"].tolist()[:2] == pytest.approx([90.0, 60.0])
    assert frame["Missing values"].tolist() == [0, 0, 3, 0]
    assert frame["Status"].tolist()[:3] == [
        "Qualified",
        "Qualified",
        "Not scored: no data on any weighted criterion",
    ]


def test_the_ranking_table_is_the_same_frame_as_the_page_and_the_cli_read(factory) -> None:
    result = scored(factory)
    table = ranking_table(result)
    pd.testing.assert_frame_equal(table.frame, ranking_frame(result))
    assert table.title == "Ranking"


def test_under_topsis_the_weighted_score_the_band_was_read_from_is_shown_beside_the_score(factory) -> None:
    result = scored(factory, "topsis")
    frame = ranking_frame(result)
    assert frame.columns.tolist()[:5] == ["Rank", "Supplier", "Score", "Weighted score", "Band"]
    weighted = frame.set_index("Supplier")["Weighted score"]
    assert weighted[["s2", "S1"]].tolist() == pytest.approx([95.0, 65.0])  # 0.375 a + 0.125 b + 0.5 c
    assert ("Weighted score", "score") in ranking_table(result).formats


def test_missing_values_count_only_the_blanks_of_columns_the_file_has() -> None:
    """Review finding F11: a file without the preset's other columns showed 9 'missing' for a complete
    supplier. The count is the supplier's blank cells among the criteria columns the file has."""
    from scorecard.pipeline import evaluate_file
    from scorecard.tables.quality import blank_cells_frame
    from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

    kept = [0, 1, 2, 3, 4, 5, 9]  # supplier, cost, payment terms, price validity, two risks, ISO 9001
    rows = [default_row("Acme Ltd"), default_row("Bolt Co", cost=90_000)]
    rows.append(["Crane", 95_000, None, None, 30, "Low", None, None, None, "Yes"])
    sheet = [[row[i] for i in kept] for row in [DEFAULT_HEADER, *rows]]
    evaluation = evaluate_file(xlsx_bytes({"Suppliers": sheet}), "event.xlsx", None)
    frame = ranking_frame(evaluation.result).set_index("Supplier")
    blanks = {row[0]: sum(cell is None for cell in row[1:]) for row in sheet[1:]}
    assert blanks == {"Acme Ltd": 0, "Bolt Co": 0, "Crane": 2}
    assert frame["Missing values"].to_dict() == {name: blanks[name] for name in frame.index}
    listed = blank_cells_frame(evaluation.result)
    assert len(listed) == sum(blanks.values())
