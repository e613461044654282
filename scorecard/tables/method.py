"""The Method sheet: what was scored, how, from which file, and the result in one sentence.

The lead sentence is written here once; the page's banner, the command line and the Method
sheet all print it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorecard.config import AGGREGATIONS, Config, unit_suffix
from scorecard.mapping import switched_off_sentence
from scorecard.numbers import percent
from scorecard.report import ReportTable
from scorecard.score import NEAR_TIE_POINTS, ScoreResult
from scorecard.tables.notes import note_lines
from scorecard.tables.robustness import verdict_sentence
from scorecard.tables.scores import counted_text
from scorecard.words import join_words

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation

CATEGORY_COLUMNS = (
    "Each category column of the Ranking is the weighted average of the supplier's criterion scores in that "
    "category (0-100), under every aggregation (under TOPSIS they are not parts of the closeness total)."
)
RELATIVE_LINE = (
    "Relative methods",
    "Min-max, ratio-to-best and logarithmic scores compare each supplier with the qualified suppliers only; a disqualified supplier's scores are shown for information, capped at 0-100.",
)


def method_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The Method sheet's facts: what was scored, with which settings, from which file, when, by which version."""
    result = evaluation.result
    return [
        *provenance_lines(evaluation),
        *rule_lines(evaluation.config),
        RELATIVE_LINE,
        *aggregation_lines(evaluation.config, result),
        *(("Note", note) for _key, note in note_lines(result)),
        *weight_lines(result),
        *column_lines(evaluation),
    ]


def provenance_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Settings, file, sheets read, when and by which version, rows read, and the result."""
    config = evaluation.config
    workbook = evaluation.workbook
    mapped = evaluation.prepared.suppliers
    result = evaluation.result
    return [
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
        ("Robustness", verdict_sentence(evaluation.sensitivity.verdict)),
    ]


def rule_lines(config: Config) -> list[tuple[str, str]]:
    """Every must-have (and each one switched off, with what that means) and every band, in words."""
    lines = []
    for rule in config.knockouts:
        c = config.criterion(rule.criterion)
        missing = "no data disqualifies" if rule.if_missing == "disqualify" else "no data passes"
        lines.append(("Must-have", f"{rule.describe(c.label, unit_suffix(c.unit))} ({missing})"))
    lines += [
        ("Must-have switched off" if off.chosen else "Must-have not applied", switched_off_sentence(off))
        for off in config.switched_off
    ]
    for band in config.bands:
        top = "100 included" if band.upper == 100 else f"below {band.upper:g}"
        lines.append(("Band", f"{band.name}: from {band.lower:g} ({top}), colour {band.colour}"))
    return lines


def aggregation_lines(config: Config, result: ScoreResult) -> list[tuple[str, str]]:
    """How totals, contributions, category columns and bands are read under this aggregation."""
    topsis = result.is_topsis
    contributions = (
        "TOPSIS contributions",
        "With TOPSIS the total is not a sum of weighted scores; each criterion's contribution is its share of the weighted score, scaled so that contributions add up to the TOPSIS total (it is not score x weight).",
    )
    closeness = (
        "Score under TOPSIS",
        f"{AGGREGATIONS[config.aggregation]}; closeness x 100, not a weighted sum. The Ranking's "
        "Weighted score column is the weighted sum of the criterion scores, which the bands read.",
    )
    bands = (
        "Bands and segments",
        "Band limits, segment thresholds and opportunity rules on the total are read against the weighted score (the weighted sum of the criterion scores, 0-100) under every aggregation"
        + (
            "; under TOPSIS the closeness total is on another scale, so it is never compared with them."
            if topsis
            else ", which is the total here."
        ),
    )
    return [
        *((contributions,) if topsis else ()),
        ("Category columns", CATEGORY_COLUMNS),
        *((closeness,) if topsis else ()),
        bands,
    ]


def weight_lines(result: ScoreResult) -> list[tuple[str, str]]:
    """The criteria left out, and the share each counted criterion had."""
    lines = [
        ("Left out", f"{c.label}: {counted_text(result, j)}")
        for j, c in enumerate(result.criteria)
        if c.key in result.left_out
    ]
    counted = ", ".join(
        f"{c.label} {w:.1%}" for c, w in zip(result.criteria, result.base_weights, strict=True) if w > 0
    )
    return [*lines, ("Shares that counted", counted)]


def column_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Where the supplier names and each criterion were read from."""
    mapped = evaluation.prepared.suppliers
    supplier = mapped.mapping.supplier
    lines = [("Column", f"{supplier.label}: {supplier.column} ({supplier.how})")]
    sources = evaluation.prepared.sources
    for m in mapped.mapping.criteria:
        source = sources[m.key]
        how = f" ({source.how})" if source.how else ""
        lines.append(("Column", f"{m.label}: {source.describe()}{how}"))
    return lines


def method_table(evaluation: Evaluation) -> ReportTable:
    frame = pd.DataFrame(method_lines(evaluation), columns=["Item", "Detail"])
    return ReportTable("Method", frame)


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
        return (
            f"{join_words(lead.tied)} tie for first place with {lead.total_text(lead.leader_total)} points."
        )
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
