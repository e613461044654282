"""The engine's result: numbers aligned on (supplier, criterion), and lookups on them.

It holds numbers and codes, never buyer text: the words for a status, a gap's handling and the
Ranking table are written in `scorecard.tables` from these fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.config import Band, Config, Criterion
from scorecard.score.lead import Lead, lead_of
from scorecard.score.notes import Note
from scorecard.score.ranks import bands_of
from scorecard.score.reasons import Reason
from scorecard.score.supplier_arrays import SupplierArrays
from scorecard.score.values import CriterionValues


class Standing(Enum):
    """Where a supplier stands after scoring: its reasons (`ScoreResult.reasons`) say why it is not qualified."""

    QUALIFIED = "qualified"
    DISQUALIFIED = "disqualified"  # failed a must-have
    NOT_SCORED = "not scored"  # qualified, but nothing it could be scored on


@dataclass(frozen=True)
class ScoreResult:
    """Everything the later stages need, in arrays aligned on (supplier, criterion).

    `scores` is NaN where a criterion was left out for a supplier (missing policy
    `exclude`); `weights` are the effective weights actually used for each
    supplier (each scored row sums to 1); `contributions` add up to `totals`.
    Those three (n, m) arrays are made when first read (`by_supplier`, see `SupplierArrays`).
    """

    config: Config
    suppliers: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    raw: pd.DataFrame
    # "scores", "weights", "contributions", "invalid": read them as the properties below
    by_supplier: SupplierArrays
    missing: np.ndarray
    totals: np.ndarray
    qualified: np.ndarray
    reasons: Sequence[tuple[Reason, ...]]  # one tuple per supplier (a `SupplierReasons`), worded in tables/
    ranks: np.ndarray
    band_codes: np.ndarray  # each supplier's band (see `ranks.band_codes`); read `bands`
    base_weights: np.ndarray
    # Weights, one vocabulary, worked out once per scoring and read by every table, the page and the CLI:
    # the share as set (`set_shares`, each criterion's part of the total before anything was left out),
    # the share that counted (`base_weights`, after criteria nobody could be scored on were left out)
    # and the share per supplier (`weights`, after that supplier's exclusions; each scored row sums to 1).
    set_shares: np.ndarray
    category_keys: tuple[str, ...]
    category_scores: np.ndarray
    notes: tuple[Note, ...] = ()  # typed; worded for the Method sheet in scorecard.tables.notes
    source_rows: tuple[int | None, ...] = ()
    sheet: str | None = None
    columns: tuple[tuple[str, str], ...] = field(default=())
    rejected: np.ndarray | None = None  # (n, m) bool: a number the method cannot score (e.g. a price of 0)
    left_out: tuple[str, ...] = ()  # criteria nobody could be scored on: no column, or no data at all
    absent: tuple[str, ...] = ()  # of those, the ones with no column in the file
    # the weighted average of the criterion scores (0-100), whatever the aggregation: the total under
    # the weighted sum; under TOPSIS what bands, segments and rules read, since their thresholds are
    # on this scale and a closeness score is not
    weighted_scores: np.ndarray | None = None
    # TOPSIS only: (normalised values r, ideal, anti-ideal) the totals were computed from, so the
    # sensitivity analysis re-scores on exactly the same geometry (scores for topsis, raw for classic)
    topsis_geometry: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    # each criterion's values as the engine read them from the table (`engine.read_criteria`): the
    # what-ifs of improvement plans read a criterion's values again for its bar, and this saves
    # reading them twice; not part of the result's identity
    criterion_values: Mapping[str, CriterionValues] = field(default_factory=dict, compare=False, repr=False)

    @property
    def scores(self) -> np.ndarray:
        """(n, m) each supplier's 0-100 score per criterion, NaN where left out for it."""
        return self.by_supplier["scores"]

    @property
    def weights(self) -> np.ndarray:
        """(n, m) each supplier's share per criterion (the share per supplier, see `scorecard.score.weights`)."""
        return self.by_supplier["weights"]

    @property
    def contributions(self) -> np.ndarray:
        """(n, m) each criterion's points in the supplier's total (0 for a supplier without a total)."""
        return self.by_supplier["contributions"]

    @property
    def invalid(self) -> np.ndarray:
        """(n, m) a value was there but could not be used (unreadable, or outside the method's domain)."""
        return self.by_supplier["invalid"]

    @cached_property
    def bands(self) -> tuple[Band | None, ...]:
        """Each supplier's standing band (None: no band), made when first read."""
        return tuple(bands_of(self.band_codes, self.config.bands))

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

    def standing(self, i: int) -> Standing:
        if not self.qualified[i]:
            return Standing.DISQUALIFIED
        if np.isnan(self.totals[i]):
            return Standing.NOT_SCORED
        return Standing.QUALIFIED

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

    @cached_property
    def in_file(self) -> np.ndarray:
        """Per criterion: the file has a column for it. A criterion without one (weight 0, said once in the
        method notes) is no supplier's blank: the missing-value counts and the Data quality list skip it."""
        return np.array([c.key not in self.absent for c in self.criteria], dtype=bool)
