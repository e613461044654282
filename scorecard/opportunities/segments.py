"""Strategic importance (0-100 from spend, criticality, single-source...) and the relationship segments.

Each supplier is placed on performance (its total) x importance, in the spirit
of the Kraljic matrix. A supplier without enough importance data is "importance
unknown", never importance 0: a missing spend figure does not make a supplier
unimportant. Disqualified suppliers get no partnership segment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.clean import ValueKind, clean_column
from scorecard.clean.kinds import QUANTITY_KINDS
from scorecard.errors import Finding, Severity
from scorecard.opportunities.settings import ImportanceColumn, OpportunitySettings, SegmentGrid
from scorecard.words import join_words, no_data, plain_number

EPS = 1e-9  # a value exactly on a threshold counts as reaching it, whatever the float noise


@dataclass(frozen=True)
class Importance:
    """Each supplier's importance (NaN = unknown), the points per column behind it, and what was noticed."""

    scores: np.ndarray
    coverage: np.ndarray  # share (0-1) of the importance weight the supplier has data for
    points: pd.DataFrame  # index suppliers, columns importance keys: 0-100 points, NaN = no data
    findings: tuple[Finding, ...]


def normalise(name: object) -> str:
    return re.sub(r"[\s_]+", " ", str(name)).strip().casefold()


def match_columns(frame: pd.DataFrame, columns: Sequence[ImportanceColumn]) -> dict[str, str]:
    """Importance key -> the frame column holding it, matched on key, column name, label or synonym."""
    available = {normalise(c): c for c in frame.columns}
    found: dict[str, str] = {}
    for spec in columns:
        for name in (spec.key, spec.column, spec.label, *spec.synonyms):
            column = available.get(normalise(name))
            if column is not None and column not in found.values():
                found[spec.key] = column
                break
    return found


def column_points(
    values: pd.Series, spec: ImportanceColumn, rows: Sequence[int | None], sheet: str | None
) -> tuple[np.ndarray, list[int], tuple[Finding, ...]]:
    """0-100 points for one importance column (NaN = no data), the positions of unusable values, and how
    number cells were read.

    Numbers are read by the clean stage, as a criterion's are ("€3,100,000", "1.250.000", "12 %", "n/a"),
    with its findings naming the sheet's rows (`rows`, one per supplier); categories by the scale's labels.
    """
    if spec.scale.kind == "categorical":
        return (*category_points(values, spec), ())
    kind = ValueKind(spec.kind) if spec.kind in QUANTITY_KINDS else ValueKind.NUMBER
    at_rows = values.set_axis(pd.Index(list(rows), dtype=object, name="row"))  # None: a row not known
    cleaned = clean_column(at_rows, kind, sheet=sheet, column=str(values.name))
    numbers = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
    unusable = cleaned.invalid.to_numpy(dtype=bool, copy=True)
    if spec.scale.kind == "relative":
        unusable |= numbers < 0
    numbers[unusable] = np.nan
    points = np.full(len(values), np.nan)
    if spec.scale.kind == "linear":
        worst, best = spec.scale.worst, spec.scale.best
        assert worst is not None and best is not None
        points = np.where(
            np.isnan(numbers), points, np.clip(100 * (numbers - worst) / (best - worst), 0, 100)
        )
    elif spec.scale.kind == "relative":
        present = ~np.isnan(numbers)
        largest = numbers[present].max() if present.any() else np.nan
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = 100 * numbers / largest if largest > 0 else np.where(present, 0.0, np.nan)
        points = np.where(present, relative, points)
    return points, np.flatnonzero(unusable).tolist(), cleaned.findings


def category_points(values: pd.Series, spec: ImportanceColumn) -> tuple[np.ndarray, list[int]]:
    """Points by the scale's labels (a yes/no cell as "Yes" or "No"), and the positions of other labels."""
    points = np.full(len(values), np.nan)
    invalid: list[int] = []
    for i, value in enumerate(values.to_numpy(dtype=object)):
        if no_data(value):
            continue
        label = ("Yes" if value else "No") if isinstance(value, (bool, np.bool_)) else str(value)
        found = spec.scale.points_for(label)
        if found is None:
            invalid.append(i)
        else:
            points[i] = found
    return points, invalid


@dataclass(frozen=True)
class Where:
    """Where the importance data is, for findings: the supplier sheet and each supplier's row on it."""

    sheet: str | None
    row_of: dict[str, int | None]
    wanted: str  # the importance columns, in words


def importance_scores(
    importance: pd.DataFrame | None,
    suppliers: Sequence[str],
    settings: OpportunitySettings,
    *,
    sheet: str | None = None,
    rows: Sequence[int | None] = (),
) -> Importance:
    """Weighted 0-100 importance per supplier from the importance columns; unknown where data is too thin."""
    specs = [c for c in settings.importance if c.weight > 0]
    points = pd.DataFrame(
        np.nan, index=pd.Index(list(suppliers), name="supplier"), columns=[c.key for c in specs]
    )
    where = Where(sheet, dict(zip(suppliers, rows, strict=False)), wanted_columns(specs))
    if importance is None or importance.empty or not specs or not match_columns(importance, specs):
        finding = Finding(
            Severity.INFO,
            "No strategic-importance columns were found, so suppliers are placed as 'importance unknown'.",
            sheet=sheet,
            action=f"Add one or more of these columns to the supplier sheet to segment suppliers: {where.wanted}.",
        )
        return Importance(np.full(len(suppliers), np.nan), np.zeros(len(suppliers)), points, (finding,))
    frame, matched, findings = importance_frame(importance, suppliers, specs, sheet)
    for spec in specs:
        if spec.key in matched:
            findings += fill_points(points, frame[matched[spec.key]], spec, suppliers, where)
    # coverage counts only the columns the sheet has: a column nobody filled in is not a gap per supplier
    weights = np.array([c.weight if c.key in matched else 0.0 for c in specs])
    if not weights.any():
        return Importance(np.full(len(suppliers), np.nan), np.zeros(len(suppliers)), points, tuple(findings))
    return weighted_importance(points, weights, settings, suppliers, where, findings)


def wanted_columns(specs: Sequence[ImportanceColumn]) -> str:
    """The importance columns the settings ask for, in words."""
    return join_words([f'"{c.column}"' for c in specs]) or "(none configured)"


def importance_frame(
    importance: pd.DataFrame, suppliers: Sequence[str], specs: list[ImportanceColumn], sheet: str | None
) -> tuple[pd.DataFrame, dict[str, str], list[Finding]]:
    """The importance data in the suppliers' order, which column holds each importance key, and a note
    naming the importance columns the sheet does not have."""
    frame = importance.copy()
    frame.index = frame.index.map(str)
    frame = frame[~frame.index.duplicated()].reindex(list(suppliers))
    matched = match_columns(frame, specs)
    absent = [c for c in specs if c.key not in matched]
    if not absent:
        return frame, matched, []
    finding = Finding(
        Severity.INFO,
        "These importance columns were not found: " + join_words([f'"{c.column}"' for c in absent]) + ".",
        sheet=sheet,
        action="Importance is worked out from the columns that are there; add these to use them too.",
    )
    return frame, matched, [finding]


def fill_points(
    points: pd.DataFrame, values: pd.Series, spec: ImportanceColumn, suppliers: Sequence[str], where: Where
) -> list[Finding]:
    """One importance column's points into `points`; a warning for each value off the scale."""
    rows = [where.row_of.get(supplier) for supplier in suppliers]
    column_values, invalid, read = column_points(values, spec, rows, where.sheet)
    points[spec.key] = column_values
    off_scale = [
        Finding(
            Severity.WARNING,
            f"{spec.label} for {suppliers[i]} cannot be placed on the importance scale ({spec.scale.describe()}).",
            sheet=where.sheet,
            row=where.row_of.get(suppliers[i]),
            column=values.name,
            value=str(values.iloc[i]),
            action="treated as no data for importance",
        )
        for i in invalid
    ]
    return [*read, *off_scale]


def weighted_importance(
    points: pd.DataFrame,
    weights: np.ndarray,
    settings: OpportunitySettings,
    suppliers: Sequence[str],
    where: Where,
    findings: list[Finding],
) -> Importance:
    """The weighted average of each supplier's points over the columns it has data for; unknown when they
    cover less than the minimum share of the importance weight."""
    values = points.to_numpy(dtype=float)
    present = ~np.isnan(values)
    covered = (present * weights).sum(axis=1)
    coverage = covered / weights.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(present, values * weights, 0.0).sum(axis=1) / covered
    enough = present.any(axis=1) & (coverage * 100 >= settings.min_importance_coverage - EPS)
    scores = np.where(enough, scores, np.nan)
    unknown = [suppliers[i] for i in np.flatnonzero(~enough)]
    if unknown:
        findings.append(
            Finding(
                Severity.WARNING,
                f"Importance is unknown for {join_words(unknown)}: data covers less than "
                f"{plain_number(settings.min_importance_coverage)}% of the importance weight.",
                sheet=where.sheet,
                action=f"Fill in {where.wanted} for them to place them in a segment.",
            )
        )
    partial = [suppliers[i] for i in np.flatnonzero(enough & (coverage < 1 - EPS))]
    if partial:
        findings.append(
            Finding(
                Severity.INFO,
                f"Importance for {join_words(partial)} is based on part of the importance columns "
                "(the others have no data and are left out, not counted as 0).",
                sheet=where.sheet,
            )
        )
    return Importance(scores, coverage, points, tuple(findings))


def segment_keys(
    totals: np.ndarray, ranked: np.ndarray, importance: np.ndarray, grid: SegmentGrid
) -> np.ndarray:
    """The segment key of each supplier on the performance x importance grid."""
    high_performance = totals >= grid.performance_threshold - EPS
    high_importance = importance >= grid.importance_threshold - EPS
    above_exit = totals >= grid.exit_below - EPS
    keys = np.select(
        [
            ~ranked,
            np.isnan(importance),
            high_performance & high_importance,
            high_importance,
            high_performance,
            above_exit,
        ],
        ["not_segmented", "unknown", "strategic_partner", "develop", "leverage", "maintain"],
        default="exit",
    )
    return keys.astype(object)
