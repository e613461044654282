"""The scoring engine as a package: one room per decision.

- `values`: a cleaned column read as numbers or labels, unusable cells flagged;
- `methods/`: one unit per scoring method behind a registry (`RELATIVE_METHODS` lives there);
- `knockouts`, `missing`: must-haves and missing-value policies;
- `weights`: the weight as set, the share that counted, the share per supplier;
- `aggregation/`: weighted sum, TOPSIS and textbook TOPSIS behind a registry;
- `ranks`, `lead`: competition ranks, bands, and first place's lead as printed;
- `result`: `ScoreResult`, numbers and codes such as `Standing` (their words are in `scorecard.tables`);
- `engine`: `score()`, which runs the steps in procurement order.
"""

from __future__ import annotations

from scorecard.answers import answer_text
from scorecard.score.aggregation import (
    classic_geometry,
    classic_matrix,
    closeness,
    topsis_compares,
    topsis_geometry,
    topsis_totals,
)
from scorecard.score.engine import score
from scorecard.score.knockouts import knockout_reasons
from scorecard.score.lead import NEAR_TIE_POINTS, Lead, lead_of, printed_gap
from scorecard.score.methods import (
    METHODS,
    RELATIVE_METHODS,
    domain_problem,
    method_scores,
    out_of_domain,
    rejected_value,
    usable_values,
)
from scorecard.score.missing import left_out_criteria, left_out_share
from scorecard.score.notes import Note, NoteKind
from scorecard.score.ranks import TIE_DECIMALS, band_for, bands_for, competition_ranks
from scorecard.score.reasons import CellState, Reason, Why
from scorecard.score.result import ScoreResult, Standing
from scorecard.score.values import CriterionValues, answer_texts, is_present, read_values

__all__ = [
    "METHODS",
    "NEAR_TIE_POINTS",
    "RELATIVE_METHODS",
    "TIE_DECIMALS",
    "CellState",
    "CriterionValues",
    "Lead",
    "Note",
    "NoteKind",
    "Reason",
    "ScoreResult",
    "Standing",
    "Why",
    "answer_text",
    "answer_texts",
    "band_for",
    "bands_for",
    "classic_geometry",
    "classic_matrix",
    "closeness",
    "competition_ranks",
    "domain_problem",
    "is_present",
    "knockout_reasons",
    "lead_of",
    "left_out_criteria",
    "left_out_share",
    "method_scores",
    "out_of_domain",
    "printed_gap",
    "read_values",
    "rejected_value",
    "score",
    "topsis_compares",
    "topsis_geometry",
    "topsis_totals",
    "usable_values",
]
