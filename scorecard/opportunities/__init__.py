"""Collaboration opportunities: segments, opportunity rules and joint improvement plans ("what's in it for we").

    find_opportunities(result, table, importance) -> OpportunityResult

Takes the engine's ScoreResult, the SupplierTable it was scored from (plans
re-score it), and per-supplier importance columns (spend, criticality, single
source). Owns the `opportunities` config section. Reads no files and imports no UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion, Section
from scorecard.errors import Finding, Severity
from scorecard.opportunities.best import BestInClass, best_in_class
from scorecard.opportunities.defaults import DEFAULT_SECTION, default_data
from scorecard.opportunities.plans import ImprovementPlan, improvement_plan, improvement_plans
from scorecard.opportunities.rule_settings import Clause, Rule
from scorecard.opportunities.rules import Field, RuleMatch, find_rule_matches, fit_rules
from scorecard.opportunities.segments import importance_scores, segment_keys
from scorecard.opportunities.settings import (
    ImportanceColumn,
    OpportunitySettings,
    PlanSettings,
    Scale,
    SegmentGrid,
    parse_opportunity_settings,
)
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable

__all__ = [
    "DEFAULT_SECTION",
    "Clause",
    "ImportanceColumn",
    "ImprovementPlan",
    "OpportunityResult",
    "OpportunitySettings",
    "PlanSettings",
    "Rule",
    "RuleMatch",
    "Scale",
    "SegmentGrid",
    "default_settings",
    "find_opportunities",
    "importance_columns",
    "parse_opportunity_settings",
    "settings_for",
]

PLAN_ROW_BUDGET = 3000  # suppliers x plans worked out up front: 30 plans for up to 100 suppliers


@lru_cache(maxsize=32)
def _default_settings(criteria: tuple[Criterion, ...]) -> OpportunitySettings:
    data = default_data()
    return parse_opportunity_settings(
        Section(data, "opportunities", "the built-in defaults"), {c.key: c for c in criteria}
    )


def default_settings(criteria: Mapping[str, Criterion]) -> OpportunitySettings:
    """The built-in defaults (the YAML in `DEFAULT_SECTION`), fitted to a config's criteria."""
    return _default_settings(tuple(criteria.values()))


def settings_for(config: Config) -> OpportunitySettings:
    """The config's `opportunities` section, or the defaults when it has none."""
    return config.section("opportunities") or default_settings({c.key: c for c in config.criteria})


def importance_columns(settings: OpportunitySettings) -> tuple[ImportanceColumn, ...]:
    """What to pull from the supplier sheet for strategic importance: key, column, synonyms, kind.

    Pass them to `find_opportunities` as a DataFrame indexed by supplier with one
    column per importance key (the sheet's column name or a synonym also matches).
    """
    return settings.importance


@dataclass(frozen=True)
class OpportunityResult:
    """Segments, opportunities and improvement plans for one scored event, as numbers and codes.

    Per supplier (aligned with `result.suppliers`) its segment's key and its importance; the rules that
    hold, most urgent first. The Segments and Opportunities tables are written from these in
    `scorecard.tables.opportunities`.
    """

    segment_keys: np.ndarray = field(repr=False, compare=False)  # 'strategic_partner', ..., 'not_segmented'
    importance: np.ndarray = field(repr=False, compare=False)  # 0-100; NaN: importance unknown
    matches: tuple[RuleMatch, ...]
    findings: tuple[Finding, ...]
    settings: OpportunitySettings
    importance_points: pd.DataFrame = field(repr=False, compare=False)  # per supplier and column, 0-100
    result: ScoreResult = field(repr=False, compare=False)  # what plans re-score
    table: SupplierTable = field(repr=False, compare=False)
    best: dict[str, BestInClass] = field(default_factory=dict, repr=False, compare=False)
    single_plans: dict[str, ImprovementPlan] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def plans(self) -> dict[str, ImprovementPlan]:
        """The plans the workbook stacks: the first suppliers' in ranking order (see `plans_up_front`),
        worked out when first read, so that a page showing one plan does not wait for all of them."""
        return plans_up_front(self.result, self.table, self.best, self.settings.plans)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(str(f) for f in self.findings)

    def plan(self, supplier: str) -> ImprovementPlan:
        """A supplier's plan: one of those worked out up front once they are, else worked out on its own."""
        if "plans" in self.__dict__ and supplier in self.plans:
            return self.plans[supplier]
        if supplier not in self.single_plans:
            if supplier not in self.result.suppliers:
                raise KeyError(supplier)
            self.single_plans[supplier] = improvement_plan(
                self.result, self.table, supplier, self.best, self.settings.plans
            )
        return self.single_plans[supplier]


def plans_limit(result: ScoreResult, settings: PlanSettings) -> int:
    """How many suppliers' plans are worked out up front: very large events get fewer (others on request)."""
    return min(settings.max_suppliers, PLAN_ROW_BUDGET // max(len(result.suppliers), 1))


def plans_up_front(
    result: ScoreResult, table: SupplierTable, best: dict[str, BestInClass], settings: PlanSettings
) -> dict[str, ImprovementPlan]:
    """The first suppliers' plans, in ranking order (`plans_limit` of them)."""
    planned = [result.suppliers[i] for i in result.ranked_order[: plans_limit(result, settings)]]
    return improvement_plans(result, table, planned, best, settings)


def plans_note(result: ScoreResult, settings: PlanSettings) -> list[Finding]:
    """When some suppliers' plans are not worked out up front, a note saying so (and how to get them)."""
    limit = plans_limit(result, settings)
    if len(result.suppliers) <= limit:
        return []
    return [
        Finding(
            Severity.INFO,
            f"Improvement plans are worked out up front for the first {limit} of {len(result.suppliers)} "
            "suppliers only (each plan scores the whole event again several times).",
            action="Open any other supplier's plan on its own; it is worked out on request.",
        )
    ]


def find_opportunities(
    result: ScoreResult,
    table: SupplierTable,
    importance: pd.DataFrame | None,
    settings: OpportunitySettings | None = None,
) -> OpportunityResult:
    """Segment the suppliers, apply the opportunity rules, and work out each supplier's improvement plan."""
    if tuple(table.suppliers) != tuple(result.suppliers):
        raise ValueError("the supplier table is not the one the result was scored from (suppliers differ)")
    if not table.values[list(result.raw.columns)].equals(result.raw):  # a cheap check; no second scoring
        raise ValueError("the supplier table is not the one the result was scored from (values differ)")
    settings = settings or settings_for(result.config)
    findings: list[Finding] = []
    ranked = ~np.isnan(result.ranks)

    weight = importance_scores(
        importance, result.suppliers, settings, sheet=result.sheet, rows=result.source_rows
    )
    findings += weight.findings
    # performance is the weighted score: segment thresholds (e.g. 70) are on that scale, never on closeness
    keys = segment_keys(result.performance, ranked, weight.scores, settings.segments)
    names = dict(settings.segments.names)

    best = best_in_class(result, table)
    rules, rule_findings = fit_rules(settings, result)
    findings += rule_findings
    matches = find_rule_matches(rules, Field(result, weight.scores, keys, names, best))

    findings += plans_note(result, settings.plans)
    return OpportunityResult(
        segment_keys=keys,
        importance=weight.scores,
        matches=matches,
        findings=tuple(findings),
        settings=settings,
        importance_points=weight.points,
        result=result,
        table=table,
        best=best,
    )
