"""The panel's result: the consensus with the record of how it was reached (its Evaluations and
Disagreements tables and its rules in words are built in `scorecard.tables.panel`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from scorecard.config import Criterion
from scorecard.errors import Finding
from scorecard.panel.settings import PanelSettings


@dataclass(frozen=True)
class PanelResult:
    """The panel's consensus per supplier and criterion, with the record of how it was reached.

    `consensus`: index supplier, columns panel criterion keys, NaN where nobody rated.
    `ratings`: one row per rating used (evaluator, supplier, criterion, rating, comment, row).
    `summary`: one row per supplier and criterion: consensus, count, min, max, spread, flagged.
    `disagreements`: one row per rating of each flagged pair, widest spread first.
    """

    settings: PanelSettings
    criteria: tuple[Criterion, ...]
    suppliers: tuple[str, ...]
    evaluators: tuple[str, ...]
    sheet: str
    shape: str
    consensus: pd.DataFrame
    ratings: pd.DataFrame
    summary: pd.DataFrame
    disagreements: pd.DataFrame
    findings: tuple[Finding, ...] = field(default=())

    @property
    def flagged_count(self) -> int:
        return int(self.summary["flagged"].sum())

    @property
    def moderated_count(self) -> int:
        return int(self.summary["moderated"].notna().sum())
