"""The scoring engine: (supplier table, config) -> an immutable, fully traceable result.

Order matters and follows procurement practice: knock-outs run first; relative
methods (min-max, ratio to best, logarithmic) compare each supplier with the
*qualified* field only, so a disqualified bid cannot set the bar; missing
values are handled by each criterion's policy and always flagged; totals are
the sum of per-criterion contributions, exactly.

The maths is vectorised over suppliers (one numpy pass per criterion), so the
same function serves 15 suppliers in a test and 10,000 in a benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.config import (
    CATEGORIES,
    MISSING_POLICIES,
    Band,
    Config,
    Criterion,
    Knockout,
    classic_topsis_problem,
    unit_suffix,
)
from scorecard.errors import ScorecardError
from scorecard.suppliers import SupplierTable

RELATIVE_METHODS = ("min_max", "ratio_to_best", "log_ratio")  # the field sets the bar
TIE_DECIMALS = 9  # totals equal to 9 decimals share a rank: float noise must not break a tie

NEAR_TIE_POINTS = 1.0  # a lead of less than this many points reads as a near tie, with its odds
QUALIFIED = "Qualified"
DISQUALIFIED = "Disqualified"
NOT_SCORED = "Not scored"


@dataclass(frozen=True)
class CriterionValues:
    """One criterion's values read for scoring: numbers or labels, and which are unusable."""

    numbers: np.ndarray  # float, NaN where missing or text
    labels: np.ndarray  # object: cleaned labels for categorical criteria, else None
    missing: np.ndarray  # bool: no usable value (blank, or invalid)
    invalid: np.ndarray  # bool: a value was there but could not be used
    rejected: np.ndarray | None = None  # bool: a number outside the method's domain (e.g. a price of 0)


@dataclass(frozen=True)
class Lead:
    """First place and its lead over the runner-up, rounded ONCE: every surface (banner, metric, Method
    sheet, command line) prints these fields, so a buyer never reads two different gaps.

    Totals are rounded to `digits` decimals (1, more while the two would print the same) and the
    gap is the difference of the printed totals, so the sentence adds up on paper.
    """

    leader: str | None
    runner_up: str | None
    leader_total: float  # as printed
    runner_up_total: float  # as printed; NaN without a runner-up
    gap: float  # leader_total - runner_up_total, in score points; NaN without a runner-up
    digits: int
    tied: tuple[str, ...] = ()  # everyone sharing first place (empty when one supplier leads alone)
    ranked: int = 0

    @property
    def points(self) -> str:
        """The gap as printed everywhere ('4.2'); '–' when there is no runner-up."""
        return "–" if np.isnan(self.gap) else f"{self.gap:.{self.digits}f}"

    @property
    def near_tie(self) -> bool:
        """A lead under NEAR_TIE_POINTS: a win on paper that weight choices could easily undo."""
        return not self.tied and self.runner_up is not None and self.gap < NEAR_TIE_POINTS

    def total_text(self, total: float) -> str:
        return f"{total:.{self.digits}f}"


def lead_of(totals: np.ndarray, ranks: np.ndarray, order: np.ndarray, suppliers: tuple[str, ...]) -> Lead:
    """The Lead of a ranking (see Lead): the one place where the lead is rounded."""
    ranked = [int(i) for i in order if not np.isnan(ranks[i])]
    if not ranked:
        return Lead(None, None, np.nan, np.nan, np.nan, 1)
    first = ranked[0]
    tied = tuple(suppliers[i] for i in ranked if ranks[i] == 1)
    if len(tied) > 1:
        top = round(float(totals[first]), 1)
        return Lead(suppliers[first], None, top, np.nan, np.nan, 1, tied, len(ranked))
    if len(ranked) == 1:
        return Lead(suppliers[first], None, round(float(totals[first]), 1), np.nan, np.nan, 1, (), 1)
    second = ranked[1]
    digits, top, runner_up, gap = printed_gap(float(totals[first]), float(totals[second]))
    return Lead(suppliers[first], suppliers[second], top, runner_up, gap, digits, (), len(ranked))


def printed_gap(first: float, second: float) -> tuple[int, float, float, float]:
    """Two totals as printed and the gap between them: (digits, first, second, first - second).

    One decimal, more while the two would print the same (a photo finish must not read "0.0
    ahead"); the gap is the difference of the printed totals, so what a buyer reads adds up.
    Every sentence that states a gap between two totals uses this rule.
    """
    digits = 1
    while digits < TIE_DECIMALS and round(first, digits) == round(second, digits):
        digits += 1
    a, b = round(first, digits), round(second, digits)
    return digits, a, b, round(a - b, digits)


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
    reasons: tuple[tuple[str, ...], ...]
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

    # ------------------------------------------------------------------ lookups

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
        if (
            self.missing[:, j].all()
            and np.isnan(self.scores[:, j]).all()
            and criterion.missing != "disqualify"
        ):
            return f"{what}: left out for every supplier (no supplier has data on it), its weight shared within its category"
        if self.base_weights[j] == 0:
            return f"{what}: not counted (weight 0), flagged only"
        if criterion.missing == "neutral" and np.isnan(self.scores[i, j]):
            return f"{what}: left out and re-weighted (no qualified supplier had data for an average)"
        return f"{what}: {MISSING_POLICIES[criterion.missing]}"

    # ------------------------------------------------------------------ tables

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

    @cached_property
    def criteria_table(self) -> pd.DataFrame:
        """One row per supplier and criterion: value, score, weight, contribution, and how gaps were handled."""
        n, m = self.scores.shape
        raw = self.raw.to_numpy(dtype=object)
        values = np.where(pd.isna(raw), None, raw)
        data = np.full((n, m), "ok", dtype=object)
        for i, j in np.argwhere(self.missing):
            data[i, j] = self.handling(i, j)
        return pd.DataFrame(
            {
                "Supplier": np.repeat(np.array(self.suppliers, dtype=object), m),
                "Category": np.tile(
                    np.array([CATEGORIES[c.category] for c in self.criteria], dtype=object), n
                ),
                "Criterion": np.tile(np.array([c.label for c in self.criteria], dtype=object), n),
                "Value": values.reshape(-1),
                "Unit": np.tile(np.array([c.unit for c in self.criteria], dtype=object), n),
                "Score": self.scores.reshape(-1),
                "Weight": self.weights.reshape(-1),
                "Contribution": self.contributions.reshape(-1),
                "Data": data.reshape(-1),
            }
        )


# ---------------------------------------------------------------------- reading values


NUMERIC_INFERENCE = ("floating", "integer", "mixed-integer-float", "decimal", "empty")  # no text, no booleans
TEXT_KINDS = frozenset({str, bool, np.bool_})  # labels safe to group by value (True and 1 hash alike)


def boolean_cells(objects: np.ndarray) -> np.ndarray:
    """True where a cell holds a true/false value (the clean stage's Yes/No), not a number or text."""
    if pd.api.types.infer_dtype(objects, skipna=True) in NUMERIC_INFERENCE:
        return np.zeros(len(objects), dtype=bool)
    return np.array([type(v) is bool or type(v) is np.bool_ for v in objects], dtype=bool)


def cell_text(value: object) -> str | None:
    """A cell as the buyer typed it, trimmed: 'Yes'/'No' for booleans, None for an empty cell."""
    kind = type(value)
    if kind is str:
        return value.strip() or None  # type: ignore[union-attr]
    if kind is bool or kind is np.bool_:
        return "Yes" if value else "No"
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and value != value:  # NaN, also numpy's own
        return None
    return str(value).strip() or None


def cell_texts(column: pd.Series) -> np.ndarray:
    """`cell_text` for every cell of a column, as an object array.

    Worked out once per distinct value (a text column of 10,000 suppliers holds a
    handful of answers); a column mixing booleans or text with numbers goes cell by
    cell, since True and 1 would group together.
    """
    objects = column.to_numpy(dtype=object)
    codes, uniques = pd.factorize(objects)
    texts = np.empty(len(objects), dtype=object)
    if {type(u) for u in uniques} <= TEXT_KINDS:
        distinct = np.empty(len(uniques) + 1, dtype=object)  # the last slot is for empty cells (code -1)
        distinct[:-1] = [cell_text(u) for u in uniques]
        texts[:] = distinct[codes]
    else:
        texts[:] = [cell_text(v) for v in objects]
    return texts


def is_present(column: pd.Series) -> np.ndarray:
    """True where a cell holds something (not None/NaN/blank text)."""
    if column.dtype.kind in "fiu":
        return ~np.isnan(column.to_numpy(dtype=float, na_value=np.nan))
    objects = column.to_numpy(dtype=object)
    present = ~pd.isna(objects)
    if pd.api.types.infer_dtype(objects, skipna=True) in NUMERIC_INFERENCE:
        return present
    codes, uniques = pd.factorize(objects)
    blank = np.append(np.array([type(u) is str and not u.strip() for u in uniques], dtype=bool), False)
    return present & ~blank[codes]


def read_values(column: pd.Series, criterion: Criterion) -> CriterionValues:
    """Turn a cleaned column into numbers (or labels); anything else is flagged invalid, not guessed."""
    n = len(column)
    if criterion.method.kind == "categorical":
        lookup = {label.casefold(): points for label, points in criterion.method.points}
        objects = column.to_numpy(dtype=object)
        codes, uniques = pd.factorize(objects)
        if {type(u) for u in uniques} <= TEXT_KINDS:
            # one pass over the distinct answers (a handful), then index: no per-cell Python
            distinct = [cell_text(u) for u in uniques]
            texts_of = np.array([*distinct, None], dtype=object)
            points_of = np.array(
                [*(np.nan if t is None else lookup.get(t.casefold(), np.nan) for t in distinct), np.nan],
                dtype=float,
            )
            texts, numbers = texts_of[codes], points_of[codes]
        else:  # True and 1 hash alike: go cell by cell
            texts = cell_texts(column)
            numbers = np.array(
                [np.nan if t is None else lookup.get(t.casefold(), np.nan) for t in texts], dtype=float
            )
        present = texts != None  # noqa: E711 - elementwise on an object array
        valid = ~np.isnan(numbers)
        labels = np.where(valid, texts, None)
        return CriterionValues(numbers, labels, ~valid, present & ~valid)
    present = is_present(column)
    if column.dtype.kind in "fiu":
        numbers = column.to_numpy(dtype=float, copy=True, na_value=np.nan)
    else:
        objects = column.to_numpy(dtype=object)
        numbers = pd.to_numeric(pd.Series(objects, dtype=object), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan, copy=True
        )
        numbers[boolean_cells(objects)] = np.nan
    numbers = np.where(np.isfinite(numbers), numbers, np.nan)
    valid = ~np.isnan(numbers)
    return CriterionValues(numbers, np.full(n, None, dtype=object), ~valid, present & ~valid)


# ---------------------------------------------------------------------- knock-outs


def knockout_reasons(
    knockouts: tuple[Knockout, ...], config: Config, table: pd.DataFrame, values: dict[str, CriterionValues]
) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Per supplier, every must-have it fails, in words; who lacks data a rule needs; who fails a rule."""
    reasons: list[list[str]] = [[] for _ in range(len(table))]
    for_missing = np.zeros(len(table), dtype=bool)
    failed = np.zeros(len(table), dtype=bool)
    for rule in knockouts:
        criterion = config.criterion(rule.criterion)
        unit = unit_suffix(criterion.unit)
        text = rule.describe(criterion.label, unit)
        if rule.must_be:
            # compared on the cell's own text: an answer outside the points table is still an answer
            shown = cell_texts(table[rule.criterion])
            absent = np.array([s is None for s in shown], dtype=bool)
            allowed = {x.casefold() for x in rule.must_be}
            fails = np.array([s is not None and s.casefold() not in allowed for s in shown], dtype=bool)
        else:
            v = values[rule.criterion]
            absent = v.missing
            limit_fails = v.numbers < rule.at_least if rule.at_least is not None else v.numbers > rule.at_most
            fails = ~absent & limit_fails
            shown = np.full(len(table), None, dtype=object)
            shown[fails] = [f"{x:g}{unit}" for x in v.numbers[fails]]
        failed |= fails
        for i in np.flatnonzero(fails):
            reasons[i].append(f"{text} (is {shown[i]})")
        if rule.if_missing == "disqualify":
            v = values[rule.criterion]
            unreadable = v.invalid if not rule.must_be else np.zeros(len(table), bool)
            cells = table[rule.criterion].to_numpy(dtype=object)
            for i in np.flatnonzero(absent):
                if v.rejected is not None and v.rejected[i] and not rule.must_be:
                    found = rejected_value(criterion, cells[i])
                else:
                    found = f"unreadable value {cells[i]!s}" if unreadable[i] else "no data"
                reasons[i].append(f"{text} ({found})")
            for_missing |= absent
    return reasons, for_missing, failed


# ---------------------------------------------------------------------- methods


def out_of_domain(criterion: Criterion, v: CriterionValues) -> np.ndarray:
    """Numbers the criterion's method cannot score: a ratio needs a positive value to divide by.

    Ratio to best (lower is better) and the logarithmic formula divide by the value or
    take its logarithm, so 0 and negatives are rejected; ratio to best (higher is
    better) divides by the best value, so only negatives are rejected.
    """
    kind = criterion.method.kind
    if kind == "log_ratio" or (kind == "ratio_to_best" and criterion.direction == "lower"):
        return ~v.missing & (v.numbers <= 0)
    if kind == "ratio_to_best":
        return ~v.missing & (v.numbers < 0)
    return np.zeros(len(v.numbers), dtype=bool)


def domain_problem(criterion: Criterion) -> str:
    """Why a number outside the method's domain cannot be scored, in the buyer's words."""
    method = criterion.method.kind.replace("_", " ")
    if criterion.direction == "lower" or criterion.method.kind == "log_ratio":
        return f"0 or below cannot be scored by {method}: a value must be above 0 (the method divides by it)"
    return f"below 0 cannot be scored by {method}: a value must be 0 or more (scores are a share of the best)"


def rejected_value(criterion: Criterion, value: object) -> str:
    """What is wrong with one out-of-domain cell, e.g. '0 cannot be scored by ratio to best (a value must be above 0)'."""
    try:
        shown = f"{float(value):g}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        shown = cell_text(value) or "the value"
    need = (
        "above 0" if criterion.direction == "lower" or criterion.method.kind == "log_ratio" else "0 or more"
    )
    return f"{shown} cannot be scored by {criterion.method.kind.replace('_', ' ')} (a value must be {need})"


def usable_values(criterion: Criterion, v: CriterionValues) -> tuple[CriterionValues, list[str]]:
    """The values with out-of-domain numbers turned into flagged, unreadable values (and a note saying so).

    Done before knock-outs, so that a rejected value is treated exactly like any
    other unusable one: by the criterion's missing policy and the knock-out's `if_missing`.
    """
    rejected = out_of_domain(criterion, v)
    if not rejected.any():
        return v, []
    note = f"{criterion.label}: {domain_problem(criterion)}; those values are flagged. Check those cells."
    numbers = np.where(rejected, np.nan, v.numbers)
    return CriterionValues(numbers, v.labels, v.missing | rejected, v.invalid | rejected, rejected), [note]


def method_scores(
    criterion: Criterion, v: CriterionValues, reference: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """0-100 scores for one criterion (NaN where there is no usable value) and notes.

    `v` has already been through `usable_values`, so out-of-domain numbers are
    flagged missing and invalid there, once.

    `reference` marks the suppliers whose values may set the bar for relative
    methods (the qualified ones). If none of them has a usable value, the bar is
    set by every supplier with one, so that a disqualified supplier's value is
    still shown scored rather than flagged as missing.
    """
    method = criterion.method
    higher = criterion.direction == "higher"
    notes: list[str] = []
    x = v.numbers
    usable = ~v.missing
    if method.kind == "categorical":
        return x.copy(), notes
    ref = reference & usable
    if method.kind in ("min_max", "ratio_to_best", "log_ratio") and not ref.any():
        if not usable.any():
            notes.append(
                f"{criterion.label}: no supplier has a usable value, so nobody can be compared on it."
            )
            return np.full(len(x), np.nan), notes
        notes.append(
            f"{criterion.label}: no qualified supplier has a usable value, so the disqualified suppliers' "
            "values set the bar instead."
        )
        ref = usable
    # Cells may hold any finite float (1e308 too): overflow to inf is clipped to 0 or 100 below.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if method.kind == "min_max":
            lo, hi = np.min(x[ref]), np.max(x[ref])
            if hi == lo:
                notes.append(
                    f"{criterion.label}: every qualified supplier with data has the same value ({lo:g}), so "
                    "they all score 100 on it (there is nothing to tell them apart); it cannot change their order."
                )
                # only a supplier outside the field (disqualified) can differ: better than it is 100, worse 0
                better = (x > lo) if higher else (x < lo)
                scores = np.where((x == lo) | better, 100.0, 0.0)
            else:
                # halves: the span of -1e308..1e308 would overflow, its half cannot
                scores = 100 * ((x / 2 - lo / 2) if higher else (hi / 2 - x / 2)) / (hi / 2 - lo / 2)
        elif method.kind == "ratio_to_best":
            if higher:
                best = np.max(x[ref])
                if best == 0:
                    notes.append(
                        f"{criterion.label}: every qualified supplier with data has 0, so they all score 100 on it "
                        "(there is nothing to divide by); it cannot change their order."
                    )
                    scores = np.full(len(x), 100.0)  # negatives were rejected, so nobody is below 0
                else:
                    scores = 100 * x / best
            else:
                scores = 100 * np.min(x[ref]) / x
        elif method.kind == "log_ratio":
            scores = 100 * (1 - np.log(x / np.min(x[ref])) / np.log(method.log_base))
        elif method.kind == "linear":
            scores = 100 * (x - method.worst) / (method.best - method.worst)
        elif method.kind == "target":
            scores = 100 * (1 - np.abs(x - method.target) / method.tolerance)
        elif method.kind == "steps":
            conditions = [(x >= s.limit) if higher else (x <= s.limit) for s in method.steps]
            scores = np.select(conditions, [s.points for s in method.steps], default=method.otherwise)
        else:  # pragma: no cover - the schema admits no other kind
            raise ValueError(method.kind)
    # Suppliers outside the qualified field's range (e.g. a disqualified bid below the lowest
    # qualified price) are clipped to 0-100 rather than scoring above the best.
    scores = np.clip(np.asarray(scores, dtype=float), 0.0, 100.0)
    scores[~usable] = np.nan
    if np.isnan(scores[usable]).any():  # a usable value must get a score: never a silent gap
        raise ValueError(f"{criterion.label}: a usable value scored NaN ({method.kind})")
    return scores, notes


# ---------------------------------------------------------------------- aggregation


TOPSIS_FALLBACK = (
    "TOPSIS needs at least two qualified suppliers that differ on a weighted criterion to tell them apart; "
    "here they do not, so totals are the weighted sum of the criterion scores instead."
)


def topsis_geometry(scores: np.ndarray, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TOPSIS's weight-free geometry: normalised scores r, the ideal and the anti-ideal supplier.

    Scores are already 0-100 with higher better, so every criterion is a benefit
    criterion; vector normalisation and the ideal/anti-ideal use the reference
    (qualified, scored) suppliers, or everyone when there are none. The ideal and
    anti-ideal come from cells that were scored: a criterion left out for one
    supplier (missing policy `exclude`) must not drag the anti-ideal to 0.
    One function for the engine and the sensitivity analysis, so they cannot drift.
    """
    filled = np.nan_to_num(scores)
    rows = reference if reference.any() else np.ones(len(scores), dtype=bool)
    norms = np.sqrt((filled[rows] ** 2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(norms > 0, filled / norms, 0.0)
    used = ~np.isnan(scores[rows])
    ideal = np.where(used, r[rows], -np.inf).max(axis=0, initial=-np.inf)
    anti = np.where(used, r[rows], np.inf).min(axis=0, initial=np.inf)
    ideal = np.where(np.isfinite(ideal), ideal, 0.0)
    anti = np.where(np.isfinite(anti), anti, 0.0)
    return r, ideal, anti


def topsis_compares(scores: np.ndarray, weights: np.ndarray, reference: np.ndarray) -> bool:
    """Whether TOPSIS can rank: two or more reference suppliers, apart on some weighted criterion.

    With one qualified supplier (or all of them equal on every weighted criterion)
    the ideal and anti-ideal coincide, and closeness would hand out 100 to one and
    exactly 50 to the others; the engine then uses the weighted sum instead.
    """
    if reference.sum() < 2:
        return False
    _, ideal, anti = topsis_geometry(scores, reference)
    return bool(np.any((ideal != anti) & (np.asarray(weights) > 0)))


def topsis_totals(scores: np.ndarray, weights: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """TOPSIS closeness (0-100) on criterion scores, with each supplier's own effective weights."""
    return closeness(topsis_geometry(scores, reference), weights, ~np.isnan(scores))


def classic_matrix(
    numbers: np.ndarray, criteria: tuple[Criterion, ...], reference: np.ndarray, missing: np.ndarray
) -> np.ndarray:
    """Raw values for textbook TOPSIS, with gaps filled by each criterion's missing policy on the raw scale:
    worst = the reference suppliers' worst value; neutral = their mean; exclude/disqualify stay NaN."""
    matrix = numbers.astype(float).copy()
    rows = reference if reference.any() else np.ones(len(numbers), dtype=bool)
    for j, c in enumerate(criteria):
        known = matrix[rows & ~missing[:, j], j]
        if not known.size or not missing[:, j].any():
            continue
        if c.missing == "worst":
            fill = known.min() if c.direction == "higher" else known.max()
        elif c.missing == "neutral":
            fill = known.mean()
        else:
            continue
        matrix[:, j] = np.where(missing[:, j], fill, matrix[:, j])
    return matrix


def classic_geometry(
    matrix: np.ndarray, benefit: np.ndarray, reference: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Textbook TOPSIS's geometry (Hwang and Yoon): r = x / ||x|| per criterion over the reference
    suppliers; ideal = the best r by direction (max on benefit, min on cost), anti-ideal the reverse.
    Cells left out (NaN) set neither."""
    used = ~np.isnan(matrix)
    filled = np.nan_to_num(matrix)
    rows = reference if reference.any() else np.ones(len(matrix), dtype=bool)
    norms = np.sqrt((filled[rows] ** 2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(norms > 0, filled / norms, 0.0)
    high = np.where(used[rows], r[rows], -np.inf).max(axis=0, initial=-np.inf)
    low = np.where(used[rows], r[rows], np.inf).min(axis=0, initial=np.inf)
    high, low = np.where(np.isfinite(high), high, 0.0), np.where(np.isfinite(low), low, 0.0)
    return r, np.where(benefit, high, low), np.where(benefit, low, high)


def closeness(
    geometry: tuple[np.ndarray, np.ndarray, np.ndarray], weights: np.ndarray, used: np.ndarray
) -> np.ndarray:
    """TOPSIS closeness x 100 = d- / (d+ + d-), distances weighted per supplier over the cells it was scored on."""
    r, ideal, anti = geometry
    d_plus = np.sqrt(np.where(used, (weights * (r - ideal)) ** 2, 0).sum(axis=1))
    d_minus = np.sqrt(np.where(used, (weights * (r - anti)) ** 2, 0).sum(axis=1))
    denominator = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100 * np.where(denominator > 0, d_minus / denominator, 1.0)


def competition_ranks(totals: np.ndarray, rankable: np.ndarray) -> np.ndarray:
    """1, 2, 2, 4: ties share a rank and the next rank skips. NaN for suppliers not ranked."""
    ranks = np.full(len(totals), np.nan)
    if not rankable.any():
        return ranks
    keys = np.round(totals[rankable], TIE_DECIMALS)
    descending = np.sort(keys)[::-1]
    ranks[rankable] = np.searchsorted(-descending, -keys, side="left") + 1
    return ranks


def bands_for(totals: np.ndarray, bands: tuple[Band, ...]) -> list[Band | None]:
    """`band_for` for every total at once: one search over the bands' lower limits."""
    ordered = sorted(bands, key=lambda b: b.lower)
    if not ordered:
        return [None] * len(totals)
    lowers = np.array([b.lower for b in ordered])
    uppers = np.array([b.upper for b in ordered])
    rounded = np.round(np.asarray(totals, dtype=float), TIE_DECIMALS)
    known = ~np.isnan(rounded)
    at = np.searchsorted(lowers, np.where(known, rounded, -np.inf), side="right") - 1
    k = np.clip(at, 0, None)
    inside = known & (at >= 0) & ((rounded < uppers[k]) | ((uppers[k] == 100) & (rounded >= 100)))
    return [ordered[j] if ok else None for j, ok in zip(k.tolist(), inside.tolist(), strict=True)]


def band_for(total: float, bands: tuple[Band, ...]) -> Band | None:
    """The band whose range holds the total; 100 belongs to the top band.

    The total is compared at the same precision as ties (9 decimals), so that
    float noise (79.99999999999999 for a total that is 80 by hand) cannot drop a
    supplier into the band below.
    """
    if np.isnan(total):
        return None
    total = round(float(total), TIE_DECIMALS)
    for band in bands:
        if band.lower <= total < band.upper or (band.upper == 100 and total >= 100):
            return band
    return None


# ---------------------------------------------------------------------- left-out criteria


def left_out_criteria(
    criteria: tuple[Criterion, ...], values: dict[str, CriterionValues], absent: tuple[str, ...]
) -> tuple[str, ...]:
    """Criteria nobody can be scored on: no column in the file, or no supplier has data on them (unless
    a missing value disqualifies, which then applies to everyone)."""
    return tuple(
        c.key
        for c in criteria
        if c.key in absent or (values[c.key].missing.all() and c.missing != "disqualify")
    )


def left_out_share(config: Config, criterion: Criterion, left_out: tuple[str, ...]) -> str:
    """Where a left-out criterion's weight went, in words: to its category's other criteria, or (when
    none is left) to the other categories."""
    category = config.category(criterion.category)
    others = [c.label for c in category.criteria if c.key not in left_out and c.weight > 0]
    set_share = config.effective_weights()[criterion.key]
    if others:
        return (
            f"its weight ({set_share:.1%} as set) was shared among {', '.join(others)} in {category.label}."
        )
    return (
        f"no criterion of {category.label} is left, so that category was left out and the other "
        f"categories' weights re-normalised ({set_share:.1%} as set)."
    )


# ---------------------------------------------------------------------- the engine


def score(table: SupplierTable, config: Config) -> ScoreResult:
    """Score every supplier in the table on every criterion of the config."""
    criteria = config.criteria
    missing_columns = [c for c in criteria if c.key not in table.values.columns]
    if missing_columns:
        names = ", ".join(f'"{c.label}" (column "{c.column}")' for c in missing_columns)
        raise ScorecardError(
            f"These criteria have no column in the supplier sheet: {names}.",
            sheet=table.sheet,
            hint="Add the columns, map them to other columns, or set their weight to 0 and remove them from the settings.",
        )
    if (problem := classic_topsis_problem(config)) is not None:
        raise problem  # the app's method switch changes the aggregation without re-reading the file
    suppliers = table.suppliers
    n, m = len(suppliers), len(criteria)
    if n == 0:
        raise ScorecardError(
            "There are no suppliers to score.", sheet=table.sheet, hint="Add at least one supplier row."
        )

    notes: list[tuple[str, str]] = []
    values: dict[str, CriterionValues] = {}
    for c in criteria:
        values[c.key], domain_notes = usable_values(c, read_values(table.values[c.key], c))
        notes.extend((c.key, text) for text in domain_notes)
    absent = tuple(c.key for c in criteria if c.key in table.absent)
    left_out = left_out_criteria(criteria, values, absent)
    base = config.effective_weights(left_out)
    knockouts = config.knockouts if config.knockouts_enabled else ()
    reasons, for_missing, failed = knockout_reasons(knockouts, config, table.values, values)
    for c in criteria:
        v = values[c.key]
        if c.missing != "disqualify" or not v.missing.any() or c.key in absent:
            continue
        if base[c.key] == 0:
            # weight 0 means "shown, not counted": it must not decide who is in the race either
            notes.append(
                (
                    c.key,
                    f"{c.label} has weight 0, so a missing value does not disqualify anyone; it is only flagged.",
                )
            )
            continue
        cells = table.values[c.key].to_numpy(dtype=object)
        for i in np.flatnonzero(v.missing):
            if v.rejected is not None and v.rejected[i]:
                reasons[i].append(f"{c.label} is required, but {rejected_value(c, cells[i])}")
            else:
                what = "an unreadable value" if v.invalid[i] else "no data"
                reasons[i].append(f"{what} for {c.label}, which is required")
        for_missing |= v.missing
    qualified = np.array([not r for r in reasons], dtype=bool)
    # a supplier out for missing data, and for nothing it failed, gets no total: a number computed
    # on the other criteria would look like a score it earned; a failed rule keeps its (informative) total
    no_total = for_missing & ~failed

    scores = np.full((n, m), np.nan)
    missing = np.zeros((n, m), dtype=bool)
    invalid = np.zeros((n, m), dtype=bool)
    rejected = np.zeros((n, m), dtype=bool)
    for j, c in enumerate(criteria):
        v = values[c.key]
        col_missing = v.missing
        missing[:, j] = col_missing
        invalid[:, j] = v.invalid
        if v.rejected is not None:
            rejected[:, j] = v.rejected
        if c.key in left_out:
            # nobody can be compared on it: scoring everyone 0 would only lower every total
            why = "The file has no column for" if c.key in absent else "No supplier has data on"
            notes.append(
                (c.key, f"{why} {c.label}, so it was left out; {left_out_share(config, c, left_out)}")
            )
            continue
        column_scores, column_notes = method_scores(c, v, qualified)
        notes.extend((c.key, text) for text in column_notes)
        if c.missing == "worst":
            column_scores = np.where(col_missing, 0.0, column_scores)
        elif c.missing == "neutral":
            pool = column_scores[qualified & ~col_missing]
            if pool.size:
                column_scores = np.where(col_missing, pool.mean(), column_scores)
            elif col_missing.any():
                notes.append(
                    (
                        c.key,
                        f"{c.label}: no qualified supplier has data to take an average from, "
                        "so its missing values are left out and the other criteria re-weighted.",
                    )
                )
        scores[:, j] = np.where(col_missing & (c.missing in ("exclude", "disqualify")), np.nan, column_scores)

    base_weights = np.array([base[c.key] for c in criteria])
    set_shares = config.effective_weights()
    used = ~np.isnan(scores)
    weights = np.where(used & ~no_total[:, None], base_weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    scored = row_sums[:, 0] > 0
    weights = np.divide(weights, row_sums, out=np.zeros_like(weights), where=row_sums > 0)
    for i in np.flatnonzero(~scored & ~no_total):
        reasons[i].append("no data on any weighted criterion")
    filled = np.nan_to_num(scores)
    weighted = weights * filled
    reference = qualified & scored
    wants_topsis = config.aggregation in ("topsis", "topsis_classic")
    topsis = wants_topsis and topsis_compares(scores, base_weights, reference)
    if wants_topsis and not topsis:
        notes.append(("", TOPSIS_FALLBACK))
    weighted_scores = np.where(scored, np.clip(weighted.sum(axis=1), 0.0, 100.0), np.nan)
    geometry = None
    if topsis:
        if config.aggregation == "topsis_classic":
            numbers = np.column_stack([values[c.key].numbers for c in criteria]).astype(float)
            matrix = classic_matrix(numbers, criteria, reference, missing)
            matrix = np.where(np.isnan(scores), np.nan, matrix)  # a cell left out stays out
            benefit = np.array([c.direction == "higher" for c in criteria])
            geometry = classic_geometry(matrix, benefit, reference)
        else:
            geometry = topsis_geometry(scores, reference)
        totals = closeness(geometry, weights, ~np.isnan(scores))
        sums = weighted.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            contributions = np.where(sums > 0, weighted / sums, weights) * totals[:, None]
    else:
        contributions = weighted
        totals = contributions.sum(axis=1)
    totals = np.where(scored, np.clip(totals, 0.0, 100.0), np.nan)
    contributions = np.where(scored[:, None], contributions, 0.0)

    category_keys = tuple(cat.key for cat in config.categories)
    category_scores = np.full((n, len(category_keys)), np.nan)
    for k, key in enumerate(category_keys):
        members = np.array([c.category == key for c in criteria])
        w = weights[:, members].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            category_scores[:, k] = np.where(w > 0, weighted[:, members].sum(axis=1) / w, np.nan)

    rankable = qualified & scored
    ranks = competition_ranks(totals, rankable)
    # bands read the weighted score: their limits are on that scale, never on a TOPSIS closeness
    bands = tuple(bands_for(np.where(rankable, weighted_scores, np.nan), config.bands))
    return ScoreResult(
        config=config,
        suppliers=suppliers,
        criteria=criteria,
        raw=table.values[[c.key for c in criteria]],
        scores=scores,
        weights=weights,
        contributions=contributions,
        missing=missing,
        invalid=invalid,
        totals=totals,
        qualified=qualified,
        reasons=tuple(tuple(r) for r in reasons),
        ranks=ranks,
        bands=bands,
        base_weights=base_weights,
        category_keys=category_keys,
        category_scores=category_scores,
        notes=tuple(notes),
        source_rows=table.source_rows,
        sheet=table.sheet,
        columns=table.columns,
        rejected=rejected,
        set_shares=np.array([set_shares[c.key] for c in criteria]),
        left_out=left_out,
        absent=absent,
        weighted_scores=weighted_scores,
        topsis_geometry=geometry,
    )
