"""Collaboration opportunities as a buyer reads them: the Segments, Opportunities and Improvement
plans sheets, and one supplier's plan on its own to share with that supplier."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.report import ReportTable
from scorecard.tables.plan_frames import GAP_COLUMNS, gap_frame, typed_empty, what_if_frame
from scorecard.tables.plan_words import plan_sentences
from scorecard.tables.status import status_text
from scorecard.words import join_words

if TYPE_CHECKING:
    from scorecard.opportunities import OpportunityResult, RuleMatch, SegmentGrid

SEGMENT_COLUMNS = ["Supplier", "Performance", "Importance", "Segment", "Band", "Status"]
OPPORTUNITY_COLUMNS = ["Supplier", "Type", "Priority", "Rationale", "Next step", "Rule"]

PLAN_INTRO = (
    "Best in class: the best value any qualified supplier reaches on that criterion (who holds it is not shown).",
    "Points worth: what closing that gap alone adds to the total, found by scoring again with the new value.",
    "Cumulative: closing this gap together with every gap listed above it.",
)
PLAN_FORMATS: tuple[tuple[str, str], ...] = (
    ("Gap", "integer"),
    ("Score today", "score"),
    ("Best-in-class score", "score"),
    ("Points worth", "points"),
    ("Total if closed", "score"),
    ("Cumulative total", "score"),
    ("Rank if closed", "integer"),
    ("Cumulative rank", "integer"),
)


def segment_frame(found: OpportunityResult) -> pd.DataFrame:
    """Each supplier's performance, importance, segment (the settings' name for it), band and status in
    words, in the result's ranking order; no importance stays empty, never 0."""
    result, names = found.result, dict(found.settings.segments.names)
    order = result.ranked_order
    return pd.DataFrame(
        {
            "Supplier": [result.suppliers[i] for i in order],
            "Performance": [result.performance[i] for i in order],
            "Importance": found.importance[order],
            "Segment": [names[found.segment_keys[i]] for i in order],
            "Band": [result.bands[i].name if result.bands[i] else None for i in order],
            "Status": [status_text(result, i) for i in order],
        },
        columns=SEGMENT_COLUMNS,
    )


def rationale_text(match: RuleMatch) -> str:
    """The rule's rationale for this supplier and, when criteria behind it had no data, the caveat saying
    the missing-value policy scored them."""
    if not match.no_data_on:
        return match.rationale
    missing = join_words([c.label for c in match.no_data_on])
    return f"{match.rationale} (No data on {missing}: scored by the missing-value policy, so check before acting.)"


def opportunity_frame(found: OpportunityResult) -> pd.DataFrame:
    """One row per rule holding for a supplier, most urgent first: who, the rule's type and priority, its
    rationale and next step in the supplier's own numbers, and which rule it was."""
    rows = [
        (m.supplier, m.rule.type, m.rule.priority, rationale_text(m), m.next_step, m.rule.id)
        for m in found.matches
    ]
    return pd.DataFrame(rows, columns=OPPORTUNITY_COLUMNS)


def segment_rule_text(grid: SegmentGrid, key: str) -> str:
    """Which suppliers a segment holds, from the grid's thresholds: 'performance 65 or more and ...'."""
    p, i, e = grid.performance_threshold, grid.importance_threshold, grid.exit_below
    return {
        "strategic_partner": f"performance {p:g} or more and importance {i:g} or more",
        "develop": f"performance below {p:g} and importance {i:g} or more",
        "leverage": f"performance {p:g} or more and importance below {i:g}",
        "maintain": f"performance from {e:g} to below {p:g} and importance below {i:g}",
        "exit": f"performance below {e:g} and importance below {i:g}",
        "unknown": "qualified, but without enough importance data to place",
        "not_segmented": "disqualified or not scored",
    }[key]


def segments_table(found: OpportunityResult) -> ReportTable:
    """Each supplier's segment and the segments' rules, as the workbook and the app show them."""
    grid = found.settings.segments
    segments = segment_frame(found)
    segments["Approach"] = [grid.approach(found.segment_keys[i]) for i in found.result.ranked_order]
    segment_rules = tuple(
        f"{name}: {segment_rule_text(grid, key)}." for key, name in grid.names if key != "not_segmented"
    )
    return ReportTable(
        "Segments",
        segments,
        intro=(
            "Each supplier placed on performance (its weighted score: the weighted average of its "
            "criterion scores, 0-100; under TOPSIS this is not the closeness total, whose scale the "
            "thresholds are not on) and strategic importance "
            "(0-100 from spend, criticality and single-source status). No importance data is shown "
            "as 'importance unknown', never as 0.",
            *segment_rules,
        ),
        formats=(("Performance", "score"), ("Importance", "score")),
        colour_scale=("Performance", "Importance"),
    )


def opportunity_tables(found: OpportunityResult) -> list[ReportTable]:
    """Segments, Opportunities and Improvement plans, as the workbook and the app show them."""
    plan_frames = []
    for supplier, plan in found.plans.items():
        frame = gap_frame(plan)
        if frame.empty:
            frame = frame.reindex([0])  # one row for the plan's sentences, gap cells empty
        frame.insert(0, "Supplier", supplier)
        words = " ".join(plan_sentences(plan, found.result))
        frame.insert(1, "Plan", [words] + [""] * (len(frame) - 1))
        plan_frames.append(frame)
    plans = (
        pd.concat(plan_frames, ignore_index=True)
        if plan_frames
        else typed_empty(["Supplier", "Plan", *GAP_COLUMNS])
    )
    return [
        segments_table(found),
        ReportTable(
            "Opportunities",
            opportunity_frame(found),
            intro=(
                "Where working with a supplier can create value for both sides, from the opportunity rules "
                "in the settings; each rationale uses the supplier's own numbers.",
            ),
        ),
        ReportTable(
            "Improvement plans",
            plans,
            intro=PLAN_INTRO,
            formats=PLAN_FORMATS,
        ),
    ]


def plan_tables(found: OpportunityResult, supplier: str) -> list[ReportTable]:
    """One supplier's plan on its own, to share with that supplier: no other supplier's name or data."""
    plan = found.plan(supplier)
    return [
        ReportTable(
            "Improvement plan",
            gap_frame(plan),
            intro=(f"Improvement plan for {supplier}", *plan_sentences(plan, found.result), *PLAN_INTRO),
            formats=PLAN_FORMATS,
        ),
        ReportTable(
            "What closing the gaps does",
            what_if_frame(plan),
            intro=(f"{supplier}: closing the largest gaps together, re-scored exactly.",),
            formats=(
                ("Gaps closed", "integer"),
                ("Total", "score"),
                ("Change", "points"),
                ("Rank", "integer"),
            ),
        ),
    ]
