"""The engine's result: numbers aligned on (supplier, criterion), and lookups on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES, MISSING_POLICIES, Band, Config, Criterion
from scorecard.score.lead import Lead, lead_of
from scorecard.score.methods import rejected_value

QUALIFIED = "Qualified"
DISQUALIFIED = "Disqualified"
NOT_SCORED = "Not scored"


@dataclass(frozen=True)
class ScoreResult:
    """Everything the later stages need, in arrays aligned on (supplier, criterion).

    `scores` is NaN where a criterion was left out for a supplier (missing policy
    `exclude`); `weights` are the effective weights actually used for each
    supplier (each scored row sums to 1); `contributions` add up to `totals`.
    """

    config: Config
    suppliers: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    raw: pd.DataFrame
    scores: np.ndarray
    weights: np.ndarray
    contributions: np.ndarray
    missing: np.ndarray
    invalid: np.ndarray
    totals: np.ndarray
    qualified: np.ndarray
    reasons: Sequence[
        tuple[str, ...]
    ]  # one tuple per supplier (a `SupplierReasons`: words written when read)
    ranks: np.ndarray
    bands: tuple[Band | None, ...]
    base_weights: np.ndarray
    category_keys: tuple[str, ...]
    category_scores: np.ndarray
    notes: tuple[tuple[str, str], ...] = ()
    source_rows: tuple[int | None, ...] = ()
    sheet: str | None = None
    columns: tuple[tuple[str, str], ...] = field(default=())
    rejected: np.ndarray | None = None  # (n, m) bool: a number the method cannot score (e.g. a price of 0)
    # Weights, one vocabulary: the weight as set (criterion.weight, normalised: `set_shares`), the share
    # that counted after criteria were left out (`base_weights`), and the share per supplier after
    # exclusions (`weights`, each scored row sums to 1).
    set_shares: np.ndarray | None = None
    left_out: tuple[str, ...] = ()  # criteria nobody could be scored on: no column, or no data at all
    absent: tuple[str, ...] = ()  # of those, the ones with no column in the file
    # the weighted average of the criterion scores (0-100), whatever the aggregation: the total under
    # the weighted sum; under TOPSIS what bands, segments and rules read, since their thresholds are
    # on this scale and a closeness score is not
    weighted_scores: np.ndarray | None = None
    # TOPSIS only: (normalised values r, ideal, anti-ideal) the totals were computed from, so the
    # sensitivity analysis re-scores on exactly the same geometry (scores for topsis, raw for classic)
    topsis_geometry: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def performance(self) -> np.ndarray:
        """What band limits and segment thresholds are compared with (see `weighted_scores`)."""
        return self.totals if self.weighted_scores is None else self.weighted_scores

    @property
    def is_topsis(self) -> bool:
        """Whether the totals are TOPSIS closeness (not a fallback to the weighted sum)."""
        return self.topsis_geometry is not None

    def index_of(self, supplier: str) -> int:
        return self.suppliers.index(supplier)

    def criterion_index(self, key: str) -> int:
        return next(j for j, c in enumerate(self.criteria) if c.key == key)

    def status(self, i: int) -> str:
        if not self.qualified[i]:
            return f"{DISQUALIFIED}: " + "; ".join(self.reasons[i])
        if np.isnan(self.totals[i]):
            return f"{NOT_SCORED}: " + "; ".join(self.reasons[i])
        return QUALIFIED

    def rank_of(self, i: int) -> int | None:
        return None if np.isnan(self.ranks[i]) else int(self.ranks[i])

    @property
    def ranked_order(self) -> np.ndarray:
        """Supplier positions: ranked ones by rank (ties by name), then the unranked by name."""
        names = np.array([s.casefold() for s in self.suppliers], dtype=str)
        unranked = np.isnan(self.ranks)
        # lexsort orders by the last key first: ranked before unranked, then rank, then name
        return np.lexsort((names, np.where(unranked, np.inf, self.ranks), unranked)).astype(int)

    @property
    def leader(self) -> str | None:
        order = self.ranked_order
        return self.suppliers[order[0]] if len(order) and self.ranks[order[0]] == 1 else None

    @cached_property
    def lead(self) -> Lead:
        """First place and its lead over the runner-up, as every surface prints them."""
        return lead_of(self.totals, self.ranks, self.ranked_order, self.suppliers)

    @cached_property
    def nobody_scored(self) -> np.ndarray:
        """Per criterion: no supplier had data on it and none was scored on it (worked out once, not per cell)."""
        return self.missing.all(axis=0) & np.isnan(self.scores).all(axis=0)

    def handling(self, i: int, j: int) -> str:
        """How a cell without data was treated, in words ('' when the value was there)."""
        if not self.missing[i, j]:
            return ""
        criterion = self.criteria[j]
        if criterion.key in self.absent:
            return "no column in the file: left out, its weight shared within its category"
        if self.rejected is not None and self.rejected[i, j]:
            what = rejected_value(criterion, self.raw.iat[i, j])
        else:
            what = "unreadable value" if self.invalid[i, j] else "no data"
        if self.nobody_scored[j] and criterion.missing != "disqualify":
            return f"{what}: left out for every supplier (no supplier has data on it), its weight shared within its category"
        if self.base_weights[j] == 0:
            return f"{what}: not counted (weight 0), flagged only"
        if criterion.missing == "neutral" and np.isnan(self.scores[i, j]):
            return f"{what}: left out and re-weighted (no qualified supplier had data for an average)"
        return f"{what}: {MISSING_POLICIES[criterion.missing]}"

    @cached_property
    def ranking(self) -> pd.DataFrame:
        """One row per supplier, ranked first: the table a buyer reads first."""
        order = self.ranked_order
        table = pd.DataFrame(
            {
                "Rank": pd.array([self.rank_of(i) for i in order], dtype="Int64"),
                "Supplier": [self.suppliers[i] for i in order],
                "Score": [self.totals[i] for i in order],
                "Band": [self.bands[i].name if self.bands[i] else None for i in order],
                "Status": [self.status(i) for i in order],
            }
        )
        if self.is_topsis:  # what the band was read from (see `weighted_scores`)
            table.insert(3, "Weighted score", self.performance[order])
        for k, key in enumerate(self.category_keys):
            table[CATEGORIES[key]] = self.category_scores[order, k]
        table["Missing values"] = self.missing[order].sum(axis=1)
        return table
