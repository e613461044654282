"""The stability table in words (tables/stability.py): the stage holds a `WeightKind`, `Taker`s and a
`StabilityNote`; the Sensitivity sheet and the chart read the words. Expected words are written out here."""

from __future__ import annotations

import pandas as pd
import pytest

from scorecard.charts import stability_frame
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import StabilityNote, Taker, sensitivity, weight_stability
from scorecard.suppliers import SupplierTable
from scorecard.tables import robustness_tables
from scorecard.tables.stability import note_text, stability_words, taker_text
from tests.sensitivity.problems import linear, make_config, two_supplier_result

ONLY_WEIGHTED = "every other weight is 0, so there is nothing to rescale; the ranking follows it alone."


def words_by_key(result: ScoreResult) -> pd.DataFrame:
    return stability_words(weight_stability(result)).set_index("key")


def sheet_by_weight(result: ScoreResult) -> pd.DataFrame:
    return robustness_tables(sensitivity(result, draws=20), result)[0].frame.set_index("Weight")


def test_takers_and_types_in_words_on_the_sheet() -> None:
    result = two_supplier_result()
    sheet = sheet_by_weight(result)
    price = sheet.loc["Price"]
    assert (price["Type"], price["Taken over below by"], price["Taken over above by"]) == (
        "Criterion",
        "Beta",
        "",
    )
    assert price["Note"] == ""
    assert sheet.loc["On-time delivery", "Taken over above by"] == "Beta"
    assert set(sheet[sheet.index.isin(["Cost", "Quality"])]["Type"]) == {"Category"}


def test_a_tie_is_marked_after_the_names_and_nobody_is_said_on_the_chart() -> None:
    assert taker_text(Taker(("Beta", "Corvid"), tie=True)) == "Beta and Corvid (tie)"
    assert taker_text(Taker(("Beta", "Corvid", "Dune"))) == "Beta, Corvid and Dune"
    assert taker_text(None) == ""
    assert taker_text(None, "nobody") == "nobody"
    config = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1)]}})
    table = SupplierTable.from_records(
        {"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 70, "iso": 100}, "Corvid": {"otd": 60, "iso": 100}}
    )
    stability = weight_stability(score(table, config))
    assert stability_words(stability).set_index("key").loc["iso", "taker_above"] == "Beta and Corvid (tie)"
    chart = stability_frame(stability, limit=None)
    assert set(chart["Taken over below by"]) <= {"nobody", "Beta and Corvid (tie)", "Beta"}
    assert "nobody" in set(chart["Taken over below by"]) | set(chart["Taken over above by"])


def test_the_only_weighted_criterion_and_category_say_there_is_nothing_to_rescale() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("audit", 0)]}})
    table = SupplierTable.from_records({"Acme": {"otd": 90, "audit": 10}, "Beta": {"otd": 80, "audit": 90}})
    words = words_by_key(score(table, config))
    assert words.loc["otd", "note"] == "The only weighted criterion: " + ONLY_WEIGHTED
    assert words.loc["quality", "note"] == "The only weighted category: " + ONLY_WEIGHTED
    assert words.loc["audit", "note"] == ""


@pytest.mark.parametrize(
    ("suppliers", "note"),
    [
        (
            {"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 99, "iso": None}},
            "Only Acme is qualified and scored: it is first at any share.",
        ),
        (
            {"Acme": {"otd": 90, "iso": None}, "Beta": {"otd": 99, "iso": None}},
            "No supplier is qualified and scored, so there is no leader to test.",
        ),
        (
            {
                "Acme": {"otd": 90, "iso": 50},
                "Beta": {"otd": 50, "iso": 90},
                "Corvid": {"otd": 10, "iso": 10},
            },
            "Acme is tied for first place with Beta already.",
        ),
        (
            {"Acme": {"otd": 90, "iso": 90}, "Beta": {"otd": 50, "iso": 60}},
            "Acme stays first at any share of this weight.",
        ),
    ],
)
def test_each_note_in_words(suppliers: dict, note: str) -> None:
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1, "disqualify")]}}
    )
    words = words_by_key(score(SupplierTable.from_records(suppliers), config))
    # the one category carries all the weight: its own note, unless there is no contest at all
    assert set(words.loc[["otd", "iso"], "note"]) == {note}


def test_a_row_without_a_note_reads_blank_whatever_pandas_holds() -> None:
    stability = weight_stability(two_supplier_result())
    assert note_text(stability, next(iter(stability.table["kind"])), None) == ""
    assert note_text(stability, next(iter(stability.table["kind"])), float("nan")) == ""  # type: ignore[arg-type]
    assert StabilityNote.STAYS_FIRST not in set(stability.table["note"])
