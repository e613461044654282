"""Small events for the opportunities tests: a linear 0-100 config, suppliers, importance, a runner."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scorecard.config import (
    parse_config,
)
from scorecard.opportunities import (
    OpportunityResult,
    find_opportunities,
)
from scorecard.score import score
from scorecard.suppliers import SupplierTable

LINEAR = {"type": "linear", "worst": 0, "best": 100}
BANDS = [
    {"name": "Strategic partner", "from": 80, "to": 100, "colour": "#1a7f37"},
    {"name": "Preferred", "from": 65, "to": 80, "colour": "#74c476"},
    {"name": "Approved", "from": 50, "to": 65, "colour": "#f2c94c"},
    {"name": "Develop", "from": 35, "to": 50, "colour": "#f2994a"},
    {"name": "Exit", "from": 0, "to": 35, "colour": "#d64545"},
]


def criterion(key: str, unit: str = "0-100") -> dict[str, Any]:
    return {
        "key": key,
        "unit": unit,
        "direction": "higher",
        "weight": 1,
        "method": LINEAR,
        "missing": "worst",
    }


def linear_config_data(**extra: Any) -> dict[str, Any]:
    """Five equally weighted categories; quality = mean(quality_score, on_time_delivery), SRM fit likewise."""
    return {
        "name": "Linear test settings",
        "categories": {
            "cost": {"weight": 1, "criteria": [criterion("cost_score")]},
            "risk": {"weight": 1, "criteria": [criterion("risk_score")]},
            "quality": {
                "weight": 1,
                "criteria": [criterion("quality_score"), criterion("on_time_delivery", "%")],
            },
            "sustainability": {"weight": 1, "criteria": [criterion("sustainability_score")]},
            "srm_fit": {"weight": 1, "criteria": [criterion("innovation"), criterion("collaboration")]},
        },
        "knockouts": [{"criterion": "quality_score", "at_least": 10}],
        "bands": BANDS,
        **extra,
    }


LINEAR_CONFIG = parse_config(linear_config_data(), "the test settings")


def supplier(
    cost: float = 70,
    risk: float = 70,
    quality: float = 70,
    otd: float | None = None,
    sustainability: float = 70,
    innovation: float = 70,
    collaboration: float | None = None,
) -> dict[str, float]:
    """Criterion values (= scores) giving these category scores."""
    return {
        "cost_score": cost,
        "risk_score": risk,
        "quality_score": quality,
        "on_time_delivery": quality if otd is None else otd,
        "sustainability_score": sustainability,
        "innovation": innovation,
        "collaboration": innovation if collaboration is None else collaboration,
    }


def shares(values: dict[str, float | None]) -> pd.DataFrame:
    """Importance from the share of category spend only: 0% -> 0, 50% or more -> 100, so importance = 2 x share."""
    return pd.DataFrame({"spend_share": pd.Series(values, dtype=float)})


def run(records: dict[str, dict[str, Any]], importance: pd.DataFrame | None = None, config=LINEAR_CONFIG):
    table = SupplierTable.from_records(records)
    result = score(table, config)
    return find_opportunities(result, table, importance), result, table


def fired(outcome: OpportunityResult, name: str, rule: str) -> bool:
    return any(m.supplier == name and m.rule.id == rule for m in outcome.matches)


def placed(outcome: OpportunityResult, name: str) -> tuple[str, float]:
    """A supplier's segment key and importance (NaN: unknown), as the stage holds them."""
    i = list(outcome.result.suppliers).index(name)
    return outcome.segment_keys[i], float(outcome.importance[i])


FIELD = {"Anchor": supplier(cost=60, risk=60, quality=60, sustainability=60, innovation=60)}  # total 60


def blanks_behind_a_rule() -> OpportunityResult:
    """Case has no on-time delivery and no collaboration figure: both scored 0 by their 'worst' policy, they
    pull quality and SRM fit to 40, so the review rule fires on numbers partly made by the policy; Full
    reaches the same 40s with every figure given."""
    rule = {
        "id": "review",
        "type": "Performance review",
        "when": [{"category": "quality", "at_most": 50}, {"category": "srm_fit", "at_most": 50}],
        "rationale": "{supplier} scores {quality:.0f} on quality and {srm_fit:.0f} on SRM fit.",
        "next_step": "Review with {supplier}.",
    }
    config = parse_config(linear_config_data(opportunities={"rules": [rule]}), "the test settings")
    blank = {**supplier(quality=80, innovation=80), "on_time_delivery": None, "collaboration": None}
    return run({"Case": blank, "Full": supplier(quality=40, innovation=40)}, None, config)[0]
