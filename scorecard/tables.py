"""The evaluation as tables a buyer reads: the same frames feed the app and the scored workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorecard.config import AGGREGATIONS, CATEGORIES, MISSING_POLICIES, Config, unit_suffix
from scorecard.report import ReportTable
from scorecard.score import ScoreResult

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation


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
            ("Missing values", "integer"),
            *((c, "score") for c in categories),
        ),
        colour_scale=("Score", *categories),
    )


def criteria_report(result: ScoreResult) -> ReportTable:
    """Every supplier and criterion: the value read, where from, its score, weight and contribution."""
    frame = result.criteria_table.copy()
    n, m = result.scores.shape
    columns = dict(result.columns)
    rows = result.source_rows or (None,) * n
    frame.insert(
        4,
        "Source",
        [
            source_cell(result.sheet, rows[i], columns.get(result.criteria[j].key))
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
    return ReportTable(
        "Criteria",
        frame,
        intro=(
            "Total score = sum of contributions; contribution = criterion score x effective weight for that supplier.",
        ),
        formats=(("Score", "score"), ("Weight", "percent"), ("Contribution", "score")),
        colour_scale=("Score",),
    )


def source_cell(sheet: str | None, row: int | None, column: str | None) -> str | None:
    if row is None or column is None:
        return "calculated" if row is not None else None
    return f'{sheet} / row {row} / "{column}"'


def weights_table(config: Config) -> ReportTable:
    """Each criterion's weight as set and as it counts, with its method and missing-value policy in words."""
    shares = config.effective_weights()
    category_shares = config.category_shares()
    rows = []
    for category in config.categories:
        for c in category.criteria:
            rows.append(
                (
                    category.label,
                    category.weight,
                    category_shares[category.key],
                    c.label,
                    c.column,
                    c.unit,
                    "higher is better" if c.direction == "higher" else "lower is better",
                    c.method.describe(c.direction, c.unit),
                    f"A supplier without data {MISSING_POLICIES[c.missing]}",
                    c.weight,
                    shares[c.key],
                    "counted" if shares[c.key] > 0 else "weight 0: shown, not counted",
                )
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "Category",
            "Category weight (as set)",
            "Category share",
            "Criterion",
            "Column",
            "Unit",
            "Direction",
            "Scoring method",
            "Missing values",
            "Weight (as set)",
            "Effective weight",
            "Counted",
        ],
    )
    return ReportTable(
        "Weights",
        frame,
        formats=(
            ("Category share", "percent"),
            ("Effective weight", "percent"),
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
        ("Supplier sheet", mapped.mapping.sheet),
        ("Scored at (UTC)", evaluation.created.strftime("%Y-%m-%d %H:%M:%S")),
        ("Scorecard version", evaluation.version),
        (
            "Rows read",
            f"{mapped.rows_read} supplier rows read = {len(result.suppliers)} scored + {len(mapped.exclusions)} excluded (see Data quality).",
        ),
        ("Knock-outs", "on" if config.knockouts_enabled else "off (must-haves were not applied)"),
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
    if config.aggregation == "topsis":
        lines.append(
            (
                "TOPSIS contributions",
                "With TOPSIS the total is not a sum of weighted scores; each criterion's contribution is its share of the weighted score, scaled so that contributions add up to the TOPSIS total.",
            )
        )
    for _key, note in result.notes:
        lines.append(("Note", note))
    supplier = mapped.mapping.supplier
    lines.append(("Column", f"{supplier.label}: {supplier.column} ({supplier.how})"))
    prepared = evaluation.prepared
    for m in mapped.mapping.criteria:
        if m.how == "calculated":
            source = prepared.panel.sheet if prepared.panel and config.criterion(m.key).panel else prepared.bids.sheet
            lines.append(("Column", f'{m.label}: calculated from sheet "{source}"'))
        else:
            lines.append(("Column", f"{m.label}: {m.column or '(not in the sheet)'} ({m.how})"))
    return lines


def method_table(evaluation: Evaluation) -> ReportTable:
    frame = pd.DataFrame(method_lines(evaluation), columns=["Item", "Detail"])
    return ReportTable("Method", frame)


def data_quality_table(evaluation: Evaluation) -> ReportTable:
    """Every finding from reading and cleaning, and every row left out, with where and what was done."""
    from scorecard.pipeline import findings_frame

    frame = findings_frame(evaluation.findings)
    exclusions = evaluation.prepared.suppliers.exclusions
    mapped = evaluation.prepared.suppliers
    excluded = pd.DataFrame(
        {
            "Severity": "warning",
            "Sheet": mapped.mapping.sheet,
            "Row": exclusions["Row"],
            "Column": None,
            "Value found": exclusions["Supplier"],
            "What we noticed": "Row excluded: " + exclusions["Reason"].astype(str),
            "What was done": "not scored",
        }
    )
    frame = pd.concat([frame, excluded], ignore_index=True) if len(excluded) else frame
    frame = frame.drop_duplicates(ignore_index=True)
    intro = (
        f"{mapped.rows_read} supplier rows read: {len(evaluation.result.suppliers)} scored, {len(exclusions)} excluded.",
        "Severity: error = could not be used; warning = a value was changed, guessed or left out; info = a note.",
    )
    frame["Row"] = frame["Row"].astype("Int64")
    return ReportTable("Data quality", frame, intro=intro, formats=(("Row", "integer"),))


def evaluation_tables(evaluation: Evaluation) -> list[ReportTable]:
    """All tables in workbook order."""
    result = evaluation.result
    return [
        ranking_table(result),
        criteria_report(result),
        method_table(evaluation),
        weights_table(evaluation.config),
        data_quality_table(evaluation),
        *(evaluation.prepared.bids.report_tables() if evaluation.prepared.bids else []),
        *(evaluation.prepared.panel.report_tables() if evaluation.prepared.panel else []),
        *evaluation.sensitivity.report_tables(),
        *evaluation.opportunities.report_tables(),
    ]


def leader_sentence(result: ScoreResult) -> str:
    """'Acme leads with 82.4 points, 1.3 ahead of Beta (78.1).' in the buyer's words."""
    order = [i for i in result.ranked_order if not np.isnan(result.ranks[i])]
    if not order:
        return "No supplier qualified, so there is no ranking. See the status column for each supplier's reasons."
    first = order[0]
    tied = [i for i in order if result.ranks[i] == 1]
    if len(tied) > 1:
        names = " and ".join(result.suppliers[i] for i in tied)
        return f"{names} tie for first place with {result.totals[first]:.1f} points."
    if len(order) == 1:
        return f"{result.suppliers[first]} is the only qualified supplier, with {result.totals[first]:.1f} points."
    second = order[1]
    gap = result.totals[first] - result.totals[second]
    digits = 1 if gap >= 0.05 else 2  # a photo finish must not read "0.0 ahead"
    return (
        f"{result.suppliers[first]} leads with {result.totals[first]:.{digits}f} points, "
        f"{gap:.{digits}f} ahead of {result.suppliers[second]} ({result.totals[second]:.{digits}f})."
    )
