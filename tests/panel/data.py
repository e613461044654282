"""A small panel event for the panel tests: three suppliers, panel-rated criteria, a long sheet built in code."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scorecard.config import parse_config
from scorecard.panel import (
    PanelResult,
    panel_consensus,
)

SHEET = "Evaluations"
SUPPLIERS = ("Acme Ltd", "Borealis GmbH", "Cobalt SA")


def config_data(panel: dict[str, Any] | None = None) -> dict[str, Any]:
    """A small config: price plus two panel-rated criteria on a 0-4 scale."""
    return {
        "name": "Panel test",
        "categories": {
            "cost": {
                "weight": 50,
                "criteria": [
                    {
                        "key": "price",
                        "label": "Price",
                        "unit": "EUR",
                        "direction": "lower",
                        "weight": 1,
                        "method": "ratio_to_best",
                        "missing": "disqualify",
                    }
                ],
            },
            "srm_fit": {
                "weight": 50,
                "criteria": [
                    {
                        "key": "responsiveness",
                        "label": "Responsiveness",
                        "column": "Responsiveness (0-4)",
                        "synonyms": ["Service responsiveness"],
                        "unit": "rating 0-4",
                        "weight": 1,
                        "method": {"type": "linear", "worst": 0, "best": 4},
                        "missing": "neutral",
                        "panel": True,
                    },
                    {
                        "key": "innovation",
                        "label": "Innovation",
                        "unit": "rating 0-4",
                        "weight": 1,
                        "method": {"type": "linear", "worst": 0, "best": 4},
                        "missing": "worst",
                        "panel": True,
                    },
                ],
            },
        },
        "bands": [{"name": "Good", "from": 50, "to": 100}, {"name": "Weak", "from": 0, "to": 50}],
        "panel": {} if panel is None else panel,
    }


def load(panel: dict[str, Any] | None = None):
    config = parse_config(config_data(panel), "test settings")
    return config, config.section("panel")


def long_sheet(
    rows: list[tuple], columns: tuple[str, ...] = ("Evaluator", "Supplier", "Criterion", "Rating", "Comment")
):
    """An evaluations sheet as the reading stage hands it over: header texts, sheet rows from 2."""
    frame = pd.DataFrame(
        [list(r) + [None] * (len(columns) - len(r)) for r in rows], columns=list(columns), dtype=object
    )
    frame.index = range(2, 2 + len(frame))
    return frame


def run(rows: list[tuple], panel: dict[str, Any] | None = None, **kwargs: Any) -> PanelResult:
    config, panel_settings = load(panel)
    frame = rows if isinstance(rows, pd.DataFrame) else long_sheet(rows)
    return panel_consensus(frame, panel_settings, config.criteria, SUPPLIERS, sheet=SHEET, **kwargs)


def pair(result: PanelResult, supplier: str, criterion: str) -> pd.Series:
    s = result.summary
    return s[(s["supplier"] == supplier) & (s["criterion"] == criterion)].iloc[0]
