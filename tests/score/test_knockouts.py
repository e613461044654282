"""Knock-outs (must-haves): must-be answers, limits, unreadable values, switching them off."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from scorecard.score import CellState, Reason, Why, score
from scorecard.tables import ranking_frame, reason_texts
from tests.score.support import (
    LINEAR_0_100,
)


def knockout_config(factory, *knockouts: dict[str, Any], enabled: bool = True):
    return factory.config(
        factory.criterion("otd", LINEAR_0_100, unit="%"),
        factory.criterion("risk", {"type": "linear", "worst": 100, "best": 0}, direction="lower"),
        factory.criterion("iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}, unit="Yes/No"),
        factory.criterion(
            "medal", {"type": "categorical", "points": {"Gold": 100, "Silver": 60}}, category="sustainability"
        ),
        knockouts=list(knockouts),
        knockouts_enabled=enabled,
    )


RECORDS = {
    "Good": {"otd": 97, "risk": 20, "iso": "Yes", "medal": "gold"},
    "Pending": {"otd": 99, "risk": 30, "iso": "Pending", "medal": "Silver"},
    "Blank": {"otd": None, "risk": None, "iso": None, "medal": None},
    "Bad": {"otd": 90, "risk": 71, "iso": "No", "medal": "Bronze"},
    "Edge": {"otd": 95, "risk": 70, "iso": True, "medal": "Platinum"},
}


def reasons_by_supplier(result) -> dict[str, tuple[str, ...]]:
    """The reasons as the Ranking's Status column words them (scorecard.tables.status)."""
    return {name: reason_texts(result, i) for i, name in enumerate(result.suppliers)}


def test_must_be_judges_the_answer_even_outside_the_points_table(factory) -> None:
    config = knockout_config(factory, {"criterion": "iso", "must_be": "Yes"})
    reasons = reasons_by_supplier(score(factory.table(RECORDS), config))
    assert reasons["Good"] == () and reasons["Edge"] == ()
    assert reasons["Pending"] == ("Iso must be Yes (is Pending)",)
    assert reasons["Bad"] == ("Iso must be Yes (is No)",)
    assert reasons["Blank"] == ("Iso must be Yes (no data)",)


def test_must_be_a_list_of_answers(factory) -> None:
    config = knockout_config(
        factory, {"criterion": "medal", "must_be": ["Gold", "Platinum"], "if_missing": "pass"}
    )
    result = score(factory.table(RECORDS), config)
    assert result.qualified.tolist() == [True, False, True, False, True]
    assert reasons_by_supplier(result)["Bad"] == ("Medal must be Gold or Platinum (is Bronze)",)


def test_at_least_and_at_most_include_the_limit(factory) -> None:
    config = knockout_config(
        factory,
        {"criterion": "otd", "at_least": 95},
        {"criterion": "risk", "at_most": 70, "if_missing": "pass"},
    )
    reasons = reasons_by_supplier(score(factory.table(RECORDS), config))
    assert reasons["Edge"] == ()
    assert reasons["Bad"] == ("Otd must be at least 95% (is 90%)", "Risk must be at most 70 (is 71)")
    assert reasons["Blank"] == ("Otd must be at least 95% (no data)",)


def test_unreadable_value_in_a_numeric_knockout_is_named(factory) -> None:
    config = knockout_config(factory, {"criterion": "otd", "at_least": 95})
    records = {**RECORDS, "Text": {"otd": "tbc", "risk": 10, "iso": "Yes", "medal": "Gold"}}
    assert reasons_by_supplier(score(factory.table(records), config))["Text"] == (
        "Otd must be at least 95% (unreadable value tbc)",
    )


def test_reasons_are_typed_records_not_words(factory) -> None:
    """The stage keeps why, the rule, the value or the cell; the words are written in scorecard.tables."""
    config = knockout_config(
        factory, {"criterion": "otd", "at_least": 95}, {"criterion": "iso", "must_be": "Yes"}
    )
    records = {**RECORDS, "Text": {"otd": "tbc", "risk": 10, "iso": "Yes", "medal": "Gold"}}
    result = score(factory.table(records), config)
    reasons = dict(zip(result.suppliers, result.reasons, strict=True))
    assert reasons["Good"] == ()
    otd, iso = reasons["Bad"]
    assert (otd.why, otd.criterion.key, otd.rule.at_least, otd.value) == (Why.FAILS_MUST_HAVE, "otd", 95, 90)
    assert (iso.why, iso.rule.must_be, iso.value) == (Why.FAILS_MUST_HAVE, ("Yes",), "No")
    (text,) = reasons["Text"]
    assert (text.why, text.state, text.cell) == (Why.NO_VALUE_FOR_MUST_HAVE, CellState.UNREADABLE, "tbc")
    blank_otd, blank_iso = reasons["Blank"]
    assert (blank_otd.state, blank_otd.cell) == (CellState.NO_DATA, None)
    assert blank_iso.why is Why.NO_VALUE_FOR_MUST_HAVE
    assert all(isinstance(r, Reason) for rs in result.reasons for r in rs)


def test_every_failed_rule_is_listed_and_the_supplier_stays_in_the_output(factory) -> None:
    config = knockout_config(
        factory,
        {"criterion": "otd", "at_least": 95},
        {"criterion": "risk", "at_most": 70},
        {"criterion": "iso", "must_be": "Yes"},
    )
    result = score(factory.table(RECORDS), config)
    assert len(reasons_by_supplier(result)["Bad"]) == 3
    assert len(ranking_frame(result)) == 5
    assert ranking_frame(result)["Rank"].isna().sum() == 3
    bad = ranking_frame(result).set_index("Supplier").loc["Bad"]
    assert bad["Status"].startswith("Disqualified: Otd must be at least 95% (is 90%); Risk")
    assert not math.isnan(bad["Score"])  # its score is still shown, just not ranked


def test_knockouts_can_be_switched_off(factory) -> None:
    config = knockout_config(factory, {"criterion": "iso", "must_be": "Yes"}, enabled=False)
    result = score(factory.table(RECORDS), config)
    assert result.qualified.all()
    assert not np.isnan(result.ranks).any()
