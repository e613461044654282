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

import weakref
from dataclasses import dataclass

import numpy as np

from scorecard.config import Config, Criterion, classic_topsis_problem
from scorecard.errors import ScorecardError
from scorecard.score.aggregation import AGGREGATORS, Aggregate, Scoring
from scorecard.score.knockouts import knockout_reasons
from scorecard.score.methods import clip_scores, raw_scores, usable_values
from scorecard.score.missing import disqualify_missing, fill_missing, left_out_criteria
from scorecard.score.notes import Note, NoteKind
from scorecard.score.ranks import band_codes, competition_ranks
from scorecard.score.reasons import Reasons, Why
from scorecard.score.result import ScoreResult
from scorecard.score.scratch import scratch
from scorecard.score.supplier_arrays import Maker, SupplierArrays, per_supplier, transposed
from scorecard.score.values import CriterionValues, label_values, number_rows, read_values
from scorecard.score.weights import (
    Gaps,
    category_averages,
    category_shares,
    shares_by_criterion,
    weighted_cells,
)
from scorecard.suppliers import SupplierTable

Notes = list[Note]  # typed: worded for the Method sheet in scorecard.tables.notes


@dataclass(frozen=True)
class Qualification:
    """Who is in the race after knock-outs and 'disqualify' policies, and why each one out is out."""

    reasons: Reasons  # only suppliers out (or unscored) have an entry
    qualified: np.ndarray
    no_total: np.ndarray  # out for missing data only: no total, since one would look earned


@dataclass(frozen=True)
class CriterionScores:
    """Every criterion's 0-100 scores after its missing policy, and which cells had no usable value;
    (criterion, supplier) arrays, one row per criterion (see `SupplierArrays` for why)."""

    scores: np.ndarray
    missing: np.ndarray
    invalid: Maker  # (n, m) made when read: nothing in the engine reads it
    rejected: np.ndarray  # (n, m), see `rejected_cells`
    gaps: Gaps  # where `scores` is NaN, for the rows that have any
    numbers: tuple[np.ndarray, ...]  # each criterion's values as read (only textbook TOPSIS needs them)


def check_scorable(table: SupplierTable, config: Config) -> None:
    """Refuse, in the buyer's words, a table the settings cannot score at all."""
    missing_columns = [c for c in config.criteria if c.key not in table.values.columns]
    if missing_columns:
        names = ", ".join(f'"{c.label}" (column "{c.column}")' for c in missing_columns)
        raise ScorecardError(
            f"These criteria have no column in the supplier sheet: {names}.",
            sheet=table.sheet,
            hint="Add the columns, map them to other columns, or set their weight to 0 and remove them from the settings.",
        )
    if (problem := classic_topsis_problem(config)) is not None:
        raise problem  # the app's method switch changes the aggregation without re-reading the file
    if not table.suppliers:
        raise ScorecardError(
            "There are no suppliers to score.", sheet=table.sheet, hint="Add at least one supplier row."
        )


def read_criteria(
    table: SupplierTable, criteria: tuple[Criterion, ...]
) -> tuple[dict[str, CriterionValues], Notes]:
    """Every criterion's values, with numbers its method cannot score flagged (and noted).

    Read from the table's typed form (its float block, each label column's answer codes),
    which the table works out once: a weight change scores the same table again.
    """
    index, block, blank = table.number_block
    as_numbers = [c.key for c in criteria if c.method.kind != "categorical" and c.key in index]
    rows = [index[key] for key in as_numbers]
    if blank is not None or rows == list(range(len(block))):
        # read as they are (each criterion a view of its row, no copy); with infinities to flag,
        # only the criteria's rows are worked on (the block may hold many more columns)
        read = number_rows(block, blank)
        numbers = {key: read[k] for key, k in zip(as_numbers, rows, strict=True)}
    else:
        numbers = dict(zip(as_numbers, number_rows(block[rows]), strict=True))
    values: dict[str, CriterionValues] = {}
    notes: Notes = []
    for c in criteria:
        if c.key in numbers:
            v = numbers[c.key]
        elif c.method.kind == "categorical":
            v = label_values(*table.answers(c.key), c, with_labels=False)
        else:
            v = read_values(table.values[c.key], c)
        values[c.key], domain_notes = usable_values(c, v)
        notes.extend(domain_notes)
    return values, notes


def qualify(
    table: SupplierTable,
    config: Config,
    values: dict[str, CriterionValues],
    counted: dict[str, float],
    absent: tuple[str, ...],
) -> tuple[Qualification, Notes]:
    """Knock-outs, then the 'disqualify' missing policy: who stays in the race."""
    knockouts = config.knockouts if config.knockouts_enabled else ()
    reasons, for_missing, failed = knockout_reasons(knockouts, config, table.values, values, table.answers)
    out, notes = disqualify_missing(config.criteria, table.values, values, counted, absent, reasons)
    qualified = ~reasons.any()
    # a supplier out for missing data, and for nothing it failed, gets no total: a number computed
    # on the other criteria would look like a score it earned; a failed rule keeps its (informative) total
    return Qualification(reasons, qualified, (for_missing | out) & ~failed), notes


def score_criteria(
    criteria: tuple[Criterion, ...],
    values: dict[str, CriterionValues],
    qualified: np.ndarray,
    left_out: tuple[str, ...],
) -> tuple[CriterionScores, Notes]:
    """Each criterion scored by its method against the qualified field, then its missing policy applied.

    Each method writes its criterion's row; clipping, the NaN check and every missing policy then run
    once over the whole array (`clip_scores`, `fill_missing`) instead of once per criterion.
    """
    columns = [values[c.key] for c in criteria]
    n, m = len(qualified), len(criteria)
    missing = stacked([v.missing for v in columns], n)
    scores = np.empty((m, n))
    notes: list[Notes] = [[] for _ in criteria]
    skipped = frozenset(j for j, c in enumerate(criteria) if c.key in left_out)
    for j, c in enumerate(criteria):
        if j in skipped:
            # nobody can be compared on it: scoring everyone 0 would only lower every total
            notes[j].append(Note(NoteKind.LEFT_OUT, c))
            scores[j] = 0.0  # NaN once checked and filled (`fill_missing`)
            continue
        scores[j], notes[j] = raw_scores(c, columns[j], qualified)
    clip_scores(scores, missing, criteria)
    policy_notes, gaps = fill_missing(criteria, scores, missing, qualified, skipped)
    for j, criterion_notes in enumerate(policy_notes):
        notes[j].extend(criterion_notes)
    return CriterionScores(
        scores=scores,
        missing=missing,
        invalid=lambda: side_by_side([v.invalid for v in columns], n),
        rejected=rejected_cells(columns, n),
        gaps=gaps,
        numbers=tuple(v.numbers for v in columns),
    ), [note for criterion_notes in notes for note in criterion_notes]


def rejected_cells(columns: list[CriterionValues], n: int) -> np.ndarray:
    """(n, m) the numbers a method cannot score; all False (and never written, so never paged in) when none was."""
    if all(v.rejected is None for v in columns):
        return np.zeros((n, len(columns)), dtype=bool)
    no_rejects = np.zeros(n, dtype=bool)
    return side_by_side([no_rejects if v.rejected is None else v.rejected for v in columns], n)


def side_by_side(columns: list[np.ndarray], n: int) -> np.ndarray:
    """Per-criterion flags as one (supplier, criterion) array.

    Stacked criterion by criterion and viewed transposed: copying each column into a row-major
    array would cost more than scoring it.
    """
    return stacked(columns, n).T


def stacked(rows: list[np.ndarray], n: int) -> np.ndarray:
    """Per-criterion rows as one (criterion, supplier) array."""
    return np.stack(rows) if rows else np.zeros((0, n), dtype=bool)


def aggregate(config: Config, scoring: Scoring) -> tuple[Aggregate, Notes]:
    """The settings' aggregation, or the weighted sum (with a note) when it cannot rank this field."""
    result = AGGREGATORS[config.aggregation](scoring)
    if result is not None:
        return result, []
    return AGGREGATORS["weighted_sum"](scoring), [Note(NoteKind.TOPSIS_FALLBACK)]


@dataclass(frozen=True)
class Weighing:
    """What the aggregation reads, who was scored at all, each supplier's category scores, and how to
    work the weighted scores out again (the engine's own are in a working array, see `scratch`)."""

    scoring: Scoring
    scored: np.ndarray
    category_scores: np.ndarray
    weighted_again: Maker  # (n, m)


def weigh(
    config: Config, cells: CriterionScores, field: Qualification, counted_shares: np.ndarray
) -> Weighing:
    """Each supplier's shares over what it was scored on, and the field of qualified, scored suppliers;
    the others get a reason. Category scores are worked out here, while the shares and then the
    weighted scores are at hand one row per criterion.

    Shares, then the weighted scores written over them, live in a working array reused from call to
    call (`scratch`): a fresh 2.4 MB array at 10,000 x 30 costs more in page faults than the
    arithmetic. The result's `weights` and `contributions` work them out again, the same way, when
    first read.
    """
    scores, no_total, gaps = cells.scores, field.no_total, cells.gaps
    shares, scored = shares_by_criterion(scores, counted_shares, no_total, gaps, out=scratch(scores.shape))
    field.reasons.add(np.flatnonzero(~scored & ~no_total), Why.NOTHING_TO_SCORE)
    category_keys = tuple(cat.key for cat in config.categories)
    share_sums = category_shares(category_keys, config.criteria, shares)
    weighted = weighted_cells(scores, shares, gaps, out=shares)

    def weights() -> np.ndarray:  # (n, m), the same divisions written straight into the result's layout
        return shares_by_criterion(scores, counted_shares, no_total, gaps, out=per_supplier(scores))[0].T

    def weighted_again() -> np.ndarray:  # (n, m) from the weights (made once): the same products
        arrays = made()
        assert arrays is not None  # a maker runs while its arrays are being read
        return weighted_cells(scores, arrays["weights"].T, gaps, out=per_supplier(scores)).T

    by_supplier = SupplierArrays(scores=transposed(scores), weights=weights, invalid=cells.invalid)
    made = weakref.ref(by_supplier)  # not the arrays themselves: a maker kept in them would make a cycle
    scoring = Scoring(
        config.criteria,
        by_supplier,
        counted_shares,
        field.qualified & scored,
        cells.numbers,
        cells.missing.T,
        weighted,
    )
    category_scores = category_averages(share_sums, weighted)
    return Weighing(scoring, scored, category_scores, weighted_again)


def without_unscored(contributions: np.ndarray, scored: np.ndarray) -> np.ndarray:
    """The contributions with every supplier that has no total at 0 (the array is the engine's own,
    worked out for this result and read by nothing else afterwards, so it is set in place)."""
    if not scored.all():
        contributions[~scored] = 0.0
    return contributions


def contributions_of(aggregated: Aggregate, weighing: Weighing) -> Maker:
    """How to make the result's contributions when first read: the aggregation's own, or (weighted sum)
    the weighted scores worked out again; 0 for every supplier without a total."""
    given, scored = aggregated.contributions, weighing.scored
    if given is not None:
        return lambda: without_unscored(given, scored)
    weighted_again = weighing.weighted_again
    return lambda: without_unscored(weighted_again(), scored)


def score(table: SupplierTable, config: Config) -> ScoreResult:
    """Score every supplier in the table on every criterion of the config."""
    check_scorable(table, config)
    criteria = config.criteria
    values, notes = read_criteria(table, criteria)
    absent = tuple(c.key for c in criteria if c.key in table.absent)
    left_out = left_out_criteria(criteria, values, absent)
    set_shares = config.counted_shares()
    counted = config.counted_shares(left_out) if left_out else set_shares
    field, qualify_notes = qualify(table, config, values, counted, absent)
    cells, criterion_notes = score_criteria(criteria, values, field.qualified, left_out)
    counted_shares = np.array([counted[c.key] for c in criteria])
    weighing = weigh(config, cells, field, counted_shares)
    scoring, scored = weighing.scoring, weighing.scored
    reference = scoring.field
    aggregated, aggregate_notes = aggregate(config, scoring)
    totals = np.where(scored, np.clip(aggregated.totals, 0.0, 100.0), np.nan)
    weighted_scores = np.where(scored, np.clip(scoring.weighted_totals, 0.0, 100.0), np.nan)
    category_keys = tuple(cat.key for cat in config.categories)
    # bands read the weighted score: their limits are on that scale, never on a TOPSIS closeness
    bands = band_codes(np.where(reference, weighted_scores, np.nan), config.bands)
    scoring.by_supplier.promise("contributions", contributions_of(aggregated, weighing))
    return ScoreResult(
        config=config,
        suppliers=table.suppliers,
        criteria=criteria,
        raw=table.in_order(tuple(c.key for c in criteria)),  # never changed by the result: no copy
        by_supplier=scoring.by_supplier,
        missing=cells.missing.T,
        totals=totals,
        qualified=field.qualified,
        reasons=field.reasons.per_supplier(),
        ranks=competition_ranks(totals, reference),
        band_codes=bands,
        base_weights=counted_shares,
        category_keys=category_keys,
        category_scores=weighing.category_scores,
        notes=tuple(notes + qualify_notes + criterion_notes + aggregate_notes),
        source_rows=table.source_rows,
        sheet=table.sheet,
        columns=table.columns,
        rejected=cells.rejected,
        set_shares=np.array([set_shares[c.key] for c in criteria]),
        left_out=left_out,
        absent=absent,
        weighted_scores=weighted_scores,
        topsis_geometry=aggregated.geometry,
        criterion_values=values,
    )
