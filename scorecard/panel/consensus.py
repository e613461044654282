"""Agreeing a consensus: per supplier and panel criterion, the (weighted) mean, median or trimmed mean.

Vectorised over all supplier x criterion pairs at once; a pair nobody rated has no consensus (NaN),
so the criterion's own missing-value policy applies in the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.config import MISSING_POLICIES, Criterion
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import supplier_key
from scorecard.panel.layout import Layout, detect_layout
from scorecard.panel.moderation import moderated_ratings
from scorecard.panel.ratings import (
    CriterionLookup,
    RatingRead,
    SupplierLookup,
    read_ratings,
    resolve_duplicates,
)
from scorecard.panel.result import PanelResult
from scorecard.panel.settings import EPSILON, PanelSettings


@dataclass(frozen=True)
class GroupStats:
    """Per group (supplier x criterion pair): consensus, count, lowest and highest rating."""

    consensus: np.ndarray
    count: np.ndarray
    lowest: np.ndarray
    highest: np.ndarray


def group_consensus(
    groups: np.ndarray,
    ratings: np.ndarray,
    weights: np.ndarray,
    n_groups: int,
    method: str = "mean",
    trim_share: float = 0.2,
) -> GroupStats:
    """Consensus of the ratings in each group, vectorised; groups without ratings give NaN.

    mean: sum(weight x rating) / sum(weight).
    median: the weighted median: the rating at which the cumulative weight (ratings sorted) first
      reaches half the total; when it lands exactly on half, the average of that rating and the next.
      With equal weights this is the ordinary median.
    trimmed_mean: floor(trim_share x count) ratings are set aside at each end (lowest and highest),
      then the weighted mean of the rest. With equal weights this is scipy's trim_mean.
    """
    groups = np.asarray(groups, dtype=np.int64)
    ratings = np.asarray(ratings, dtype=float)
    weights = np.asarray(weights, dtype=float)
    count = np.bincount(groups, minlength=n_groups)
    consensus = np.full(n_groups, np.nan)
    lowest = np.full(n_groups, np.nan)
    highest = np.full(n_groups, np.nan)
    if groups.size == 0:
        return GroupStats(consensus, count, lowest, highest)
    order = np.lexsort((ratings, groups))
    g, r, w = groups[order], ratings[order], weights[order]
    rated = count > 0
    starts = np.concatenate(([0], np.cumsum(count)[:-1]))  # first position of each group in sorted order
    position = np.arange(g.size) - starts[g]  # 0-based place within the group, lowest rating first
    lowest[rated] = r[starts[rated]]
    highest[rated] = r[starts[rated] + count[rated] - 1]

    if method == "trimmed_mean":
        cut = np.floor(count * trim_share + EPSILON).astype(np.int64)
        keep = (position >= cut[g]) & (position < count[g] - cut[g])
        w = np.where(keep, w, 0.0)
        method = "mean"
    if method == "mean":
        total = np.bincount(g, weights=w, minlength=n_groups)
        weighted = np.bincount(g, weights=w * r, minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            consensus = np.where(total > 0, weighted / total, np.nan)
        return GroupStats(consensus, count, lowest, highest)
    if method != "median":
        raise ValueError(method)
    return GroupStats(weighted_median(g, r, w, starts, count), count, lowest, highest)


def weighted_median(
    g: np.ndarray, r: np.ndarray, w: np.ndarray, starts: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """Per group, the rating at which the cumulative weight first reaches half the group's total; on
    exactly half, the average of that rating and the next. `g`, `r`, `w` are sorted by group, then rating."""
    n_groups = count.size
    rated = count > 0
    total = np.bincount(g, weights=w, minlength=n_groups)
    cumulative = np.cumsum(w)
    before = np.concatenate(([0.0], cumulative))[starts]  # weight of earlier groups
    within = cumulative - before[g]
    half = total[g] / 2
    reached = within >= half - EPSILON * np.maximum(total[g], 1)
    first = np.full(n_groups, g.size, dtype=np.int64)
    np.minimum.at(first, g[reached], np.flatnonzero(reached))
    value = np.full(n_groups, np.nan)
    value[rated] = r[first[rated]]
    on_half = np.zeros(n_groups, dtype=bool)
    on_half[rated] = np.isclose(within[first[rated]], half[first[rated]], rtol=1e-12, atol=1e-12)
    has_next = on_half & (first + 1 < starts + count)
    value[has_next] = (r[first[has_next]] + r[first[has_next] + 1]) / 2
    return value


def panel_consensus(
    evaluations: pd.DataFrame,
    settings: PanelSettings,
    criteria: Sequence[Criterion],
    suppliers: Sequence[str],
    *,
    sheet: str,
    layout: Layout | None = None,
) -> PanelResult:
    """Read the evaluations sheet and agree a consensus per supplier and panel criterion.

    `evaluations` has the sheet's header texts as columns, 1-based sheet row numbers as index
    and raw cells. `criteria` may be all of the config's criteria; only `panel: true` ones are rated.
    `layout` is the layout stage's reading of the sheet's columns (found here when not given).
    """
    panel = panel_criteria(criteria, sheet)
    suppliers = tuple(str(s) for s in suppliers)
    layout = layout if isinstance(layout, Layout) else detect_layout(evaluations, settings, sheet)
    supplier_lookup = SupplierLookup(suppliers)
    criterion_lookup = CriterionLookup(panel, [c for c in criteria if not c.panel])
    read, findings = read_ratings(evaluations, layout, settings, supplier_lookup, criterion_lookup, sheet)
    used, duplicate_findings = resolve_duplicates(read, panel, suppliers, sheet)
    findings.extend(duplicate_findings)
    spelling = evaluator_spellings(used)
    findings.extend(unused_weight_findings(settings, spelling, sheet))

    m = len(panel)
    groups = np.array([r.supplier * m + r.criterion for r in used], dtype=np.int64)
    values = np.array([r.rating for r in used], dtype=float)
    weights = np.array([settings.weight_of(r.evaluator) for r in used], dtype=float)
    stats = group_consensus(
        groups, values, weights, len(suppliers) * m, settings.consensus, settings.trim_share
    )
    keys = [c.key for c in panel]
    moderated, reasons, moderation_findings = moderated_ratings(settings, supplier_lookup, keys, sheet)
    findings.extend(moderation_findings)
    findings.extend(supplier_lookup.legal_form_findings(sheet))
    pairs = PairFigures.of(stats, settings, moderated, reasons)
    ratings = ratings_frame(used, spelling, suppliers, keys)
    findings.extend(unrated_findings(panel, suppliers, stats.count, sheet))
    return PanelResult(
        settings=settings,
        criteria=panel,
        suppliers=suppliers,
        evaluators=tuple(spelling.values()),
        sheet=sheet,
        shape=layout.shape,
        consensus=pd.DataFrame(
            pairs.used.reshape(len(suppliers), m), index=pd.Index(suppliers, name="supplier"), columns=keys
        ),
        ratings=ratings,
        summary=pairs.summary(suppliers, keys),
        disagreements=pairs.disagreements(ratings, groups),
        findings=tuple(findings),
    )


def panel_criteria(criteria: Sequence[Criterion], sheet: str) -> tuple[Criterion, ...]:
    """The criteria the panel rates; an evaluations sheet with none to rate cannot be scored."""
    panel = tuple(c for c in criteria if c.panel)
    if not panel:
        raise ScorecardError(
            "The settings mark no criterion as panel-rated, so the evaluations sheet has nothing to score.",
            sheet=sheet,
            hint="Add `panel: true` to the criteria the panel rates.",
        )
    return panel


def ratings_frame(
    used: Sequence[RatingRead], spelling: dict[str, str], suppliers: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """One row per rating used, each evaluator under one spelling."""
    return pd.DataFrame(
        {
            "evaluator": pd.Series([spelling[supplier_key(r.evaluator)] for r in used], dtype=object),
            "supplier": pd.Series([suppliers[r.supplier] for r in used], dtype=object),
            "criterion": pd.Series([keys[r.criterion] for r in used], dtype=object),
            "rating": np.array([r.rating for r in used], dtype=float),
            "comment": pd.Series([r.comment for r in used], dtype=object),
            "row": pd.Series([r.row for r in used], dtype=object),
        }
    )


def evaluator_spellings(used: Sequence[RatingRead]) -> dict[str, str]:
    """Each evaluator (by the names rule) with the spelling of their first rating, in sheet order."""
    spelling: dict[str, str] = {}
    for rating in used:
        spelling.setdefault(supplier_key(rating.evaluator), rating.evaluator)
    return spelling


def unused_weight_findings(settings: PanelSettings, spelling: dict[str, str], sheet: str) -> list[Finding]:
    """An evaluator weight in the settings for someone who rated nothing is most likely a misspelling."""
    return [
        Finding(
            Severity.WARNING,
            f'The settings give evaluator "{name}" a weight, but nobody of that name rated anything.',
            sheet=sheet,
            value=name,
            action="weight not used; check the spelling in `panel.evaluator_weights`",
        )
        for name, _ in settings.evaluator_weights
        if supplier_key(name) not in spelling
    ]


@dataclass(frozen=True)
class PairFigures:
    """Per supplier x criterion pair (group): the figures the summary and the disagreements show."""

    stats: GroupStats
    spread: np.ndarray
    flagged: np.ndarray
    used: np.ndarray  # the moderated rating where the panel agreed one, else the consensus
    moderated: np.ndarray
    reasons: list[str]

    @classmethod
    def of(
        cls, stats: GroupStats, settings: PanelSettings, moderated: np.ndarray, reasons: list[str]
    ) -> PairFigures:
        spread = stats.highest - stats.lowest
        flagged = (stats.count >= 2) & (spread >= settings.disagreement_range - EPSILON)
        used = np.where(np.isnan(moderated), stats.consensus, moderated)
        return cls(stats, spread, flagged, used, moderated, reasons)

    def summary(self, suppliers: Sequence[str], keys: Sequence[str]) -> pd.DataFrame:
        """One row per supplier and criterion: consensus, count, min, max, spread, flagged, moderation."""
        m = len(keys)
        supplier_of = np.repeat(np.arange(len(suppliers)), m)
        criterion_of = np.tile(np.arange(m), len(suppliers))
        return pd.DataFrame(
            {
                "supplier": pd.Series([suppliers[int(i)] for i in supplier_of], dtype=object),
                "criterion": pd.Series([keys[int(j)] for j in criterion_of], dtype=object),
                "consensus": self.used,
                "count": self.stats.count.astype(int),
                "min": self.stats.lowest,
                "max": self.stats.highest,
                "spread": self.spread,
                "flagged": self.flagged,
                "panel_consensus": self.stats.consensus,
                "moderated": self.moderated,
                "reason": pd.Series(self.reasons, dtype=object),
            }
        )

    def disagreements(self, ratings: pd.DataFrame, groups: np.ndarray) -> pd.DataFrame:
        """Every rating of each flagged pair, widest spread first, then by pair and rating."""
        in_flagged = self.flagged[groups] if groups.size else np.zeros(0, dtype=bool)
        flagged_groups = groups[in_flagged]
        disagreements = ratings[in_flagged].copy()
        disagreements.insert(3, "consensus", self.used[flagged_groups])
        disagreements.insert(4, "spread", self.spread[flagged_groups])
        disagreements["moderated"] = self.moderated[flagged_groups]
        disagreements["reason"] = pd.Series(
            [self.reasons[g] for g in flagged_groups], dtype=object
        ).to_numpy()
        disagreements["_group"] = flagged_groups
        return (
            disagreements.sort_values(
                ["spread", "_group", "rating"], ascending=[False, True, True], kind="stable"
            )
            .drop(columns="_group")
            .reset_index(drop=True)
        )


def unrated_findings(
    panel: Sequence[Criterion], suppliers: Sequence[str], count: np.ndarray, sheet: str
) -> list[Finding]:
    """Per panel criterion, the suppliers nobody rated: no consensus, so the missing-value policy applies."""
    m = len(panel)
    findings = []
    for j, c in enumerate(panel):
        unrated = [suppliers[i] for i in range(len(suppliers)) if count[i * m + j] == 0]
        if unrated:
            shown = ", ".join(unrated[:10]) + (f" and {len(unrated) - 10} more" if len(unrated) > 10 else "")
            findings.append(
                Finding(
                    Severity.INFO if len(unrated) < len(suppliers) else Severity.WARNING,
                    f"Nobody on the panel rated {shown} on {c.label}.",
                    sheet=sheet,
                    action=f"no consensus; the criterion's missing-value policy applies (it "
                    f"{MISSING_POLICIES[c.missing]})",
                )
            )
    return findings
