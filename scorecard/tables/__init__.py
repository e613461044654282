"""The evaluation as tables a buyer reads: the same frames feed the app and the scored workbook.

Every buyer-facing table is built here, from the typed results: `scores` (Ranking, Criteria,
Weights), `method` (the Method sheet and the lead sentence; `notes` its Note lines), `quality`
(Data quality), `bids` (Bids, Items, Scenarios; `bid_method` the bids method in words), `panel`
(Evaluations, Disagreements to moderate, the panel's rules), `robustness` (the verdict's
sentence, Sensitivity, Rank probabilities), `opportunities` (Segments, Opportunities, Improvement
plans, one supplier's plan) and `mapping` (Column mapping); `status` writes a supplier's status,
its reasons and a gap's handling in words, from the result's codes. The stages' results hold
numbers and codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.report import ReportTable
from scorecard.tables.bid_method import bid_method_lines, partial_bid_policy_text
from scorecard.tables.bids import SUPPLIER_COLUMNS, bid_tables
from scorecard.tables.mapping import mapping_table
from scorecard.tables.method import (
    CATEGORY_COLUMNS,
    lead_lines,
    leader_sentence,
    method_lines,
    method_table,
)
from scorecard.tables.notes import note_lines, note_text
from scorecard.tables.opportunities import (
    opportunity_frame,
    opportunity_tables,
    plan_tables,
    segment_frame,
    segments_table,
)
from scorecard.tables.panel import panel_method_lines, panel_tables
from scorecard.tables.plan_frames import gap_frame, what_if_frame
from scorecard.tables.plan_words import plan_sentences
from scorecard.tables.quality import blank_cells_frame, data_quality_table, findings_frame
from scorecard.tables.robustness import (
    change_text,
    probabilities_method,
    robustness_tables,
    stability_method,
    verdict_sentence,
)
from scorecard.tables.scores import (
    counted_text,
    criteria_frame,
    criteria_report,
    ranking_frame,
    ranking_table,
    shares_by_criterion,
    source_cell,
    weights_table,
)
from scorecard.tables.status import (
    DISQUALIFIED,
    NOT_SCORED,
    QUALIFIED,
    STANDING_WORDS,
    handling_text,
    reason_text,
    reason_texts,
    status_text,
)

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation

__all__ = [
    "CATEGORY_COLUMNS",
    "DISQUALIFIED",
    "NOT_SCORED",
    "QUALIFIED",
    "STANDING_WORDS",
    "SUPPLIER_COLUMNS",
    "bid_method_lines",
    "bid_tables",
    "blank_cells_frame",
    "change_text",
    "counted_text",
    "criteria_frame",
    "criteria_report",
    "data_quality_table",
    "evaluation_tables",
    "findings_frame",
    "gap_frame",
    "handling_text",
    "lead_lines",
    "leader_sentence",
    "mapping_table",
    "method_lines",
    "method_table",
    "note_lines",
    "note_text",
    "opportunity_frame",
    "opportunity_tables",
    "panel_method_lines",
    "panel_tables",
    "partial_bid_policy_text",
    "plan_sentences",
    "plan_tables",
    "probabilities_method",
    "ranking_frame",
    "ranking_table",
    "reason_text",
    "reason_texts",
    "robustness_tables",
    "segment_frame",
    "segments_table",
    "shares_by_criterion",
    "source_cell",
    "stability_method",
    "status_text",
    "verdict_sentence",
    "weights_table",
    "what_if_frame",
]


def evaluation_tables(evaluation: Evaluation) -> list[ReportTable]:
    """All tables in workbook order."""
    result = evaluation.result
    return [
        ranking_table(result),
        criteria_report(result, evaluation.prepared.sources),
        method_table(evaluation),
        weights_table(result),
        data_quality_table(evaluation),
        *(bid_tables(evaluation.bids) if evaluation.bids else []),
        *(panel_tables(evaluation.prepared.panel) if evaluation.prepared.panel else []),
        *robustness_tables(evaluation.sensitivity, result),
        *opportunity_tables(evaluation.opportunities),
    ]
