"""The evaluation as tables a buyer reads: the same frames feed the app and the scored workbook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorecard.config import AGGREGATIONS, CATEGORIES, MISSING_POLICIES, unit_suffix
from scorecard.errors import Finding
from scorecard.report import ReportTable
from scorecard.score import NEAR_TIE_POINTS, ScoreResult
from scorecard.sensitivity import percent

if TYPE_CHECKING:
    from scorecard.pipeline import CriterionSource, Evaluation


CATEGORY_COLUMNS = (
    "Each category column of the Ranking is the weighted average of the supplier's criterion scores in that "
    "category (0-100), under every aggregation (under TOPSIS they are not parts of the closeness total)."
)


def ranking_table(result: ScoreResult) -> ReportTable:
    """Rank, supplier, score, band, status and one column per category score."""
    frame = result.ranking
    categories = [CATEGORIES[k] for k in result.category_keys]
    return ReportTable(
        "Ranking",
        frame,
        formats=(
            ("Rank", "integer"),
            ("Score", "score"),
            *((("Weighted score", "score"),) if result.is_topsis else ()),
            ("Missing values", "integer"),
            *((c, "score") for c in categories),
        ),
        colour_scale=("Score", *categories),
    )


def criteria_report(result: ScoreResult, sources: Mapping[str, CriterionSource] | None = None) -> ReportTable:
    """Every supplier and criterion: the value read, where from, its score, weight and contribution."""
    frame = result.criteria_table.copy()
    n, m = result.scores.shape
    columns = dict(result.columns)
    rows = result.source_rows or (None,) * n
    sources = sources or {}
    frame.insert(
        4,
        "Source",
        [
            source_cell(
                sources.get(result.criteria[j].key),
                result.sheet,
                rows[i],
                columns.get(result.criteria[j].key),
            )
            for i in range(n)
            for j in range(m)
        ],
    )
    frame.insert(
        6,
        "Method",
        [
            result.criteria[j].method.describe(result.criteria[j].direction, result.criteria[j].unit)
            for _ in range(n)
            for j in range(m)
        ],
    )
    if result.is_topsis:
        intro = (
            "Total score = TOPSIS closeness x 100, not a sum of score x weight. The Contribution column "
            "apportions that total: each criterion's share of the supplier's weighted score (score x weight / "
            "the sum of score x weight over its criteria) x the TOPSIS total, so contributions add up to the "
            "total; it is not score x weight.",
        )
    else:
        intro = (
            "Total score = sum of contributions; contribution = criterion score x effective weight for that supplier.",
        )
    return ReportTable(
        "Criteria",
        frame,
        intro=intro,
        formats=(("Score", "score"), ("Weight", "percent"), ("Contribution", "score")),
        colour_scale=("Score",),
    )


def source_cell(
    source: CriterionSource | None, sheet: str | None, row: int | None, column: str | None
) -> str | None:
    """One value's source: the supplier-sheet cell it was read from, or the sheet that calculated it."""
    if source is not None and source.kind != "column":
        return source.describe()
    if row is None or column is None:
        return None
    if source is not None:
        return source.cell(sheet, row, column)
    return f'{sheet} / row {row} / "{column}"'


def counted_text(result: ScoreResult, j: int) -> str:
    """Whether a criterion counted, and if not why, in the buyer's words (Weights sheet and app)."""
    key = result.criteria[j].key
    if key in result.absent:
        return "left out: no column in the file (its weight shared within its category)"
    if key in result.left_out:
        return "left out: no supplier has data on it (its weight shared within its category)"
    if result.set_shares is not None and result.set_shares[j] == 0:
        return "weight 0: shown, not counted"
    return "counted"


def weights_table(result: ScoreResult) -> ReportTable:
    """Each criterion's weight as set, its share as set and the share that counted (after criteria
    with no column or no data were left out), with its method and missing-value policy in words."""
    config = result.config
    set_shares = config.effective_weights()
    set_categories = config.category_shares()
    counted = dict(zip((c.key for c in result.criteria), result.base_weights.tolist(), strict=True))
    counted_categories = {cat.key: sum(counted[c.key] for c in cat.criteria) for cat in config.categories}
    rows = []
    for j, c in enumerate(result.criteria):
        category = config.category(c.category)
        rows.append(
            (
                category.label,
                category.weight,
                set_categories[category.key],
                counted_categories[category.key],
                c.label,
                c.column,
                c.unit,
                "higher is better" if c.direction == "higher" else "lower is better",
                c.method.describe(c.direction, c.unit),
                f"A supplier without data {MISSING_POLICIES[c.missing]}",
                c.weight,
                set_shares[c.key],
                counted[c.key],
                counted_text(result, j),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "Category",
            "Category weight (as set)",
            "Category share (as set)",
            "Category share that counted",
            "Criterion",
            "Column",
            "Unit",
            "Direction",
            "Scoring method",
            "Missing values",
            "Weight (as set)",
            "Share (as set)",
            "Share that counted",
            "Counted",
        ],
    )
    intro = (
        "Weight (as set): the number in the settings. Share (as set): its part of the total before "
        "anything was left out. Share that counted: its part of the total in this scoring; a supplier "
        "whose value was left out (policy 'exclude') has its own shares, on the Criteria sheet (Weight).",
    )
    return ReportTable(
        "Weights",
        frame,
        intro=intro,
        formats=(
            ("Category share (as set)", "percent"),
            ("Category share that counted", "percent"),
            ("Share (as set)", "percent"),
            ("Share that counted", "percent"),
            ("Category weight (as set)", "number"),
            ("Weight (as set)", "number"),
        ),
    )


def method_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The Method sheet's facts: what was scored, with which settings, from which file, when, by which version."""
    config = evaluation.config
    workbook = evaluation.workbook
    mapped = evaluation.prepared.suppliers
    result = evaluation.result
    lines = [
        ("Settings", config.name),
        ("Description", config.description),
        ("Aggregation", AGGREGATIONS[config.aggregation]),
        ("Input file", workbook.filename),
        ("Input file SHA-256", workbook.sha256),
        (
            "Supplier sheet",
            f"none: the bidders on bid sheet {mapped.mapping.sheet} are the suppliers"
            if evaluation.prepared.bid_only is not None
            else mapped.mapping.sheet,
        ),
        *(("Sheet read as", line) for line in evaluation.prepared.layout.describe()),
        ("Scored at (UTC)", evaluation.created.strftime("%Y-%m-%d %H:%M:%S")),
        ("Scorecard version", evaluation.version),
        (
            "Rows read",
            f"{mapped.rows_read} supplier rows read = {len(result.suppliers)} scored + {len(mapped.exclusions)} excluded (see Data quality).",
        ),
        ("Knock-outs", "on" if config.knockouts_enabled else "off (must-haves were not applied)"),
        *lead_lines(result, evaluation.first_place),
        ("Robustness", evaluation.sensitivity.verdict),
    ]
    for rule in config.knockouts:
        c = config.criterion(rule.criterion)
        missing = "no data disqualifies" if rule.if_missing == "disqualify" else "no data passes"
        lines.append(("Must-have", f"{rule.describe(c.label, unit_suffix(c.unit))} ({missing})"))
    for band in config.bands:
        top = "100 included" if band.upper == 100 else f"below {band.upper:g}"
        lines.append(("Band", f"{band.name}: from {band.lower:g} ({top}), colour {band.colour}"))
    lines.append(
        (
            "Relative methods",
            "Min-max, ratio-to-best and logarithmic scores compare each supplier with the qualified suppliers only; a disqualified supplier's scores are shown for information, capped at 0-100.",
        )
    )
    if result.is_topsis:
        lines.append(
            (
                "TOPSIS contributions",
                "With TOPSIS the total is not a sum of weighted scores; each criterion's contribution is its share of the weighted score, scaled so that contributions add up to the TOPSIS total (it is not score x weight).",
            )
        )
    lines.append(("Category columns", CATEGORY_COLUMNS))
    if result.is_topsis:
        lines.append(
            (
                "Score under TOPSIS",
                f"{AGGREGATIONS[config.aggregation]}; closeness x 100, not a weighted sum. The Ranking's "
                "Weighted score column is the weighted sum of the criterion scores, which the bands read.",
            )
        )
    lines.append(
        (
            "Bands and segments",
            "Band limits, segment thresholds and opportunity rules on the total are read against the weighted score (the weighted sum of the criterion scores, 0-100) under every aggregation"
            + (
                "; under TOPSIS the closeness total is on another scale, so it is never compared with them."
                if result.is_topsis
                else ", which is the total here."
            ),
        )
    )
    for _key, note in result.notes:
        lines.append(("Note", note))
    for j, c in enumerate(result.criteria):
        if c.key in result.left_out:
            lines.append(("Left out", f"{c.label}: {counted_text(result, j)}"))
    lines.append(
        (
            "Shares that counted",
            ", ".join(
                f"{c.label} {w:.1%}"
                for c, w in zip(result.criteria, result.base_weights, strict=True)
                if w > 0
            ),
        )
    )
    supplier = mapped.mapping.supplier
    lines.append(("Column", f"{supplier.label}: {supplier.column} ({supplier.how})"))
    sources = evaluation.prepared.sources
    for m in mapped.mapping.criteria:
        source = sources[m.key]
        how = f" ({source.how})" if source.how else ""
        lines.append(("Column", f"{m.label}: {source.describe()}{how}"))
    return lines


def method_table(evaluation: Evaluation) -> ReportTable:
    frame = pd.DataFrame(method_lines(evaluation), columns=["Item", "Detail"])
    return ReportTable("Method", frame)


def data_quality_table(evaluation: Evaluation) -> ReportTable:
    """Every finding from reading and cleaning, and every row left out, with where and what was done."""
    frame = findings_frame(evaluation.findings)
    mapped = evaluation.prepared.suppliers
    # a row already explained by a finding (no supplier name, a totals row) is listed once, by that finding
    noted = {(sheet, row) for sheet, row in zip(frame["Sheet"], frame["Row"], strict=True) if row is not None}
    exclusions = mapped.exclusions
    unexplained = (
        exclusions[[(mapped.mapping.sheet, row) not in noted for row in exclusions["Row"]]]
        if len(exclusions)
        else exclusions
    )
    excluded = pd.DataFrame(
        {
            "Severity": "warning",
            "Sheet": mapped.mapping.sheet,
            "Row": unexplained["Row"],
            "Column": None,
            "Value found": unexplained["Supplier"],
            "What we noticed": "Row excluded: " + unexplained["Reason"].astype(str),
            "What was done": "not scored",
        }
    )
    frame = pd.concat([frame, excluded], ignore_index=True) if len(excluded) else frame
    blanks = blank_cells_frame(evaluation.result)
    frame = pd.concat([frame, blanks], ignore_index=True) if len(blanks) else frame
    frame = frame.drop_duplicates(ignore_index=True)
    intro = (
        f"{mapped.rows_read} supplier rows read: {len(evaluation.result.suppliers)} scored, {len(exclusions)} excluded.",
        "Severity: error = could not be used; warning = a value was changed, guessed or left out; info = a note.",
    )
    frame["Row"] = frame["Row"].astype("Int64")
    return ReportTable("Data quality", frame, intro=intro, formats=(("Row", "integer"),))


def blank_cells_frame(result: ScoreResult) -> pd.DataFrame:
    """Every cell with no value for a criterion that has a column, with the policy applied to it:
    a blank scored 0 under 'worst' is a change to the buyer's data and is listed like one."""
    absent = {j for j, c in enumerate(result.criteria) if c.key in result.absent}
    cells = np.argwhere(result.missing & ~result.invalid)
    cells = cells[[j not in absent for j in cells[:, 1]]] if len(cells) else cells
    columns = dict(result.columns)
    rows = result.source_rows or (None,) * len(result.suppliers)
    return pd.DataFrame(
        [
            (
                "warning" if result.base_weights[j] > 0 else "info",
                result.sheet,
                rows[i],
                columns.get(result.criteria[j].key),
                None,
                f"No value for {result.criteria[j].label} ({result.suppliers[i]})",
                result.handling(i, j),
            )
            for i, j in cells.tolist()
        ],
        columns=["Severity", "Sheet", "Row", "Column", "Value found", "What we noticed", "What was done"],
    )


def findings_frame(findings: tuple[Finding, ...]) -> pd.DataFrame:
    """Findings as a table: the Data quality sheet and the app's list."""
    return pd.DataFrame(
        [(f.severity.value, f.sheet, f.row, f.column, f.value, f.message, f.action) for f in findings],
        columns=["Severity", "Sheet", "Row", "Column", "Value found", "What we noticed", "What was done"],
    )


def evaluation_tables(evaluation: Evaluation) -> list[ReportTable]:
    """All tables in workbook order."""
    result = evaluation.result
    return [
        ranking_table(result),
        criteria_report(result, evaluation.prepared.sources),
        method_table(evaluation),
        weights_table(result),
        data_quality_table(evaluation),
        *(evaluation.bids.report_tables() if evaluation.bids else []),
        *(evaluation.prepared.panel.report_tables() if evaluation.prepared.panel else []),
        *evaluation.sensitivity.report_tables(),
        *evaluation.opportunities.report_tables(),
    ]


def leader_sentence(result: ScoreResult, first_place: float | None = None) -> str:
    """'Acme leads with 82.4 points, 4.2 ahead of Beta (78.2).' in the buyer's words, from `result.lead`.

    A lead under NEAR_TIE_POINTS says it is a near tie, with the leader's odds of staying first
    under random weight changes when they are given ('0.5 points ahead: a near tie; first in 99.9%
    of weight draws'). The banner, the command line and the Method sheet all print this sentence.
    """
    lead = result.lead
    if lead.leader is None:
        return "No supplier qualified, so there is no ranking. See the status column for each supplier's reasons."
    if lead.tied:
        return f"{list_words(list(lead.tied))} tie for first place with {lead.total_text(lead.leader_total)} points."
    if lead.runner_up is None:
        return (
            f"{lead.leader} is the only qualified supplier, with {lead.total_text(lead.leader_total)} points."
        )
    sentence = (
        f"{lead.leader} leads with {lead.total_text(lead.leader_total)} points, {lead.points} "
        f"{'point' if lead.points == '1.0' else 'points'} ahead of {lead.runner_up} "
        f"({lead.total_text(lead.runner_up_total)})"
    )
    if not lead.near_tie:
        return sentence + "."
    odds = (
        ""
        if first_place is None or np.isnan(first_place)
        else f"; first in {percent(first_place)} of weight draws"
    )
    return f"{sentence}: a near tie (a lead under {NEAR_TIE_POINTS:g} point){odds}."


def lead_lines(result: ScoreResult, first_place: float | None = None) -> list[tuple[str, str]]:
    """The Method sheet's result lines: the same sentence and gap as the page's banner and metric."""
    return [
        ("Result", leader_sentence(result, first_place)),
        ("Lead over 2nd (points)", result.lead.points),
    ]


def list_words(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
