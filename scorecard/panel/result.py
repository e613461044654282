"""The panel's result: the consensus with the record of how it was reached (its Evaluations and
Disagreements tables are built in `scorecard.tables.panel`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from scorecard.config import Criterion
from scorecard.errors import Finding
from scorecard.panel.settings import CONSENSUS_METHODS, EPSILON, PanelSettings


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

    def method_lines(self) -> list[str]:
        """The panel's rules in words, for the workbook's Method sheet and the app."""
        s = self.settings
        labels = ", ".join(c.label for c in self.criteria)
        lines = [
            f"Evaluator panel: {len(self.evaluators)} evaluators ({', '.join(self.evaluators) or 'none'}) "
            f'rated {labels} on sheet "{self.sheet}" ({self.shape} shape).',
            f"Rating scale: {s.scale_words()}. A blank rating means not rated, never "
            f"{s.scale_min:g}; ratings outside the scale are not used and are reported.",
        ]
        weighted = bool(s.evaluator_weights)
        what = ("weighted " if weighted else "") + CONSENSUS_METHODS[s.consensus]
        if s.consensus == "trimmed_mean":
            what += (
                f": the lowest and highest {s.trim_share:.0%} of the ratings for each supplier and criterion "
                f"(rounded down, e.g. {math.floor(5 * s.trim_share + EPSILON)} of 5, "
                f"{math.floor(3 * s.trim_share + EPSILON)} of 3) are set aside and the rest averaged"
            )
        elif s.consensus == "median" and weighted:
            what += ": the rating at which half the evaluators' total weight is reached"
        lines.append(f"Consensus per supplier and criterion: the {what}.")
        if weighted:
            listed = ", ".join(f"{name} {w:g}" for name, w in s.evaluator_weights)
            lines.append(f"Evaluator weights: {listed}; anyone not listed counts 1.")
        lines.append(
            f"Disagreement: where the highest and lowest rating of a supplier on a criterion are "
            f"{s.disagreement_range:g} or more apart, the pair is flagged for the panel to moderate "
            f"({self.flagged_count} flagged)."
        )
        if self.moderated_count:
            lines.append(
                f"Moderated: {self.moderated_count} supplier and criterion pairs use the rating the panel "
                "agreed after discussion (with its reason) instead of the calculated consensus; the "
                "original ratings and the consensus before moderation are kept beside it."
            )
        lines.append(
            "Consensus ratings are the values of the panel-rated criteria; a supplier nobody rated on a "
            "criterion has no value there, and that criterion's missing-value policy applies."
        )
        return lines
