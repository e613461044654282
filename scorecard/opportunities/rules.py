"""Opportunity rules applied to a scored event: which clauses hold for which supplier, and the rationale in numbers.

Clauses are evaluated over all suppliers at once (numpy arrays aligned with
`ScoreResult.suppliers`). A clause on something a supplier has no data for does
not hold: "no data" never counts as weak or strong. Each match is a `RuleMatch`:
the rule, its own templates filled with the supplier's values, and the criteria
without data behind it; the Opportunities table is written from them in
`scorecard.tables.opportunities`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from scorecard.config import CATEGORIES, Criterion
from scorecard.errors import Finding, Severity
from scorecard.opportunities.best import BestInClass
from scorecard.opportunities.placeholders import Missing, Shown
from scorecard.opportunities.rule_settings import BUILTIN_PLACEHOLDERS, PRIORITIES, Clause, Rule
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.settings import OpportunitySettings
from scorecard.score import ScoreResult, answer_texts, read_values
from scorecard.words import format_value, join_words


@dataclass(frozen=True)
class Field:
    """What the rules can test, per supplier, aligned with `result.suppliers`."""

    result: ScoreResult
    importance: np.ndarray
    segments: np.ndarray  # segment keys
    segment_names: dict[str, str]
    best: dict[str, BestInClass]

    @cached_property
    def ranked(self) -> np.ndarray:
        return ~np.isnan(self.result.ranks)

    @cached_property
    def leader_total(self) -> float:
        totals = self.result.totals[self.ranked]
        return float(totals.max()) if totals.size else float("nan")

    @cached_property
    def gap_to_leader(self) -> np.ndarray:
        return np.where(self.ranked, self.leader_total - self.result.totals, np.nan)

    @cached_property
    def all_category_scores(self) -> dict[str, np.ndarray]:
        """Each category's score per supplier; NaN where the supplier has no data on any of its criteria."""
        result = self.result
        scores = {}
        for k, key in enumerate(result.category_keys):
            members = np.array([c.category == key for c in result.criteria])
            known = (~result.missing[:, members]).any(axis=1)
            scores[key] = np.where(known, result.category_scores[:, k], np.nan)
        return scores

    def category_scores(self, key: str) -> np.ndarray:
        found = self.all_category_scores.get(key)
        return np.full(len(self.result.suppliers), np.nan) if found is None else found

    def criterion_scores(self, key: str) -> np.ndarray:
        j = self.result.criterion_index(key)
        return np.where(self.result.missing[:, j], np.nan, self.result.scores[:, j])

    def raw_numbers(self, key: str) -> np.ndarray:
        criterion = self.result.config.criterion(key)
        values = read_values(self.result.raw[key], criterion)
        # the engine's own verdict on what is usable (it also rejects out-of-domain values)
        return np.where(self.result.missing[:, self.result.criterion_index(key)], np.nan, values.numbers)


def within(x: np.ndarray, clause: Clause) -> np.ndarray:
    """at_least / at_most on an array; NaN (no data) never holds."""
    holds = ~np.isnan(x)
    if clause.at_least is not None:
        holds &= np.nan_to_num(x, nan=-np.inf) >= clause.at_least - EPS
    if clause.at_most is not None:
        holds &= np.nan_to_num(x, nan=np.inf) <= clause.at_most + EPS
    return holds


def clause_holds(clause: Clause, field: Field) -> np.ndarray:
    """True for each supplier the clause holds for."""
    if clause.subject == "any_of":
        parts = [clause_holds(c, field) for c in clause.any_of]
        return np.logical_or.reduce(parts) if parts else np.zeros(len(field.result.suppliers), dtype=bool)
    if clause.subject in ("segment", "band") or (clause.subject == "value" and clause.labels):
        return labels_hold(clause, field)
    return within(clause_numbers(clause, field), clause)


def labels_hold(clause: Clause, field: Field) -> np.ndarray:
    """A clause on labels (a value's text, a segment, a band): True where the supplier's label is listed."""
    result = field.result
    if clause.subject == "segment":
        return np.isin(field.segments, list(clause.labels))
    wanted = {label.casefold() for label in clause.labels}
    if clause.subject == "band":
        return np.array([b is not None and b.name.casefold() in wanted for b in result.bands], dtype=bool)
    shown = answer_texts(result.raw[clause.key])
    return np.array([s is not None and s.casefold() in wanted for s in shown], dtype=bool)


def clause_numbers(clause: Clause, field: Field) -> np.ndarray:
    """The numbers a clause with at_least / at_most tests, per supplier (NaN: no data)."""
    result = field.result
    if clause.subject == "category":
        return field.category_scores(clause.key)
    if clause.subject == "criterion":
        return field.criterion_scores(clause.key)
    if clause.subject == "value":
        return field.raw_numbers(clause.key)
    if clause.subject == "rank":
        return result.ranks.astype(float)
    if clause.subject == "total":
        # thresholds are on the weighted score's 0-100 scale, so under TOPSIS they read it, not closeness
        return np.where(field.ranked, result.performance, np.nan)
    if clause.subject == "importance":
        return field.importance
    if clause.subject == "gap_to_leader":
        return field.gap_to_leader
    raise ValueError(clause.subject)  # pragma: no cover - the schema admits no other subject


# ---------------------------------------------------------------------- fitting rules to a config


def fit_clause(
    clause: Clause, criteria: set[str], categories: set[str], bands: set[str]
) -> tuple[Clause | None, list[str]]:
    """The clause as it applies to this config (any_of alternatives pruned), or None, with what is absent."""
    if clause.subject == "any_of":
        kept, absent = [], []
        for part in clause.any_of:
            fitted, missing = fit_clause(part, criteria, categories, bands)
            absent += missing
            if fitted is not None:
                kept.append(fitted)
        return (replace(clause, any_of=tuple(kept)) if kept else None), absent
    if clause.subject in ("criterion", "value") and clause.key not in criteria:
        return None, [f"the {clause.key.replace('_', ' ').capitalize()} criterion"]
    if clause.subject == "category" and clause.key not in categories:
        return None, [f"{CATEGORIES[clause.key]} criteria"]
    if clause.subject == "band":
        known = tuple(label for label in clause.labels if label.casefold() in bands)
        absent = [f"the band {label!r}" for label in clause.labels if label.casefold() not in bands]
        return (replace(clause, labels=known) if known else None), absent
    return clause, []


def fit_rules(settings: OpportunitySettings, result: ScoreResult) -> tuple[list[Rule], list[Finding]]:
    """The rules that apply to this config; default rules that do not apply are skipped with a note."""
    criteria = {c.key for c in result.criteria}
    categories = {c.category for c in result.criteria}
    bands = {b.name.casefold() for b in result.config.bands}
    rules, findings = [], []
    for rule in settings.rules:
        fitted, absent, dropped = [], [], False
        for clause in rule.when:
            clause_fit, missing = fit_clause(clause, criteria, categories, bands)
            absent += missing
            if clause_fit is None:
                dropped = True
            else:
                fitted.append(clause_fit)
        if dropped or (absent and rule.if_criteria_missing == "error"):
            what = join_words(list(dict.fromkeys(absent)))
            if rule.if_criteria_missing == "skip":
                findings.append(
                    Finding(
                        Severity.INFO,
                        f"{rule.type} opportunities are not looked for: they need {what}, which these "
                        "settings do not score.",
                    )
                )
            else:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"{rule.type} opportunities are not looked for: they need {what}, which these "
                        "settings do not score.",
                        action=f"Add it to the settings, or edit the rule {rule.id!r} (`{rule.path}`) in the "
                        "settings file's opportunities section.",
                    )
                )
            continue
        rules.append(replace(rule, when=tuple(fitted)))
    return rules, findings


# ---------------------------------------------------------------------- rationale


def placeholder_sources(result: ScoreResult) -> dict[str, tuple[str, Any]]:
    """Every name a rationale may use and where its value comes from; a later entry of the same name wins
    (a supplier's own figures over a criterion named like them)."""
    sources: dict[str, tuple[str, Any]] = {key: ("category", key) for key in CATEGORIES}
    for j, criterion in enumerate(result.criteria):
        sources[criterion.key] = ("score", j)
        sources[f"{criterion.key}_value"] = ("value", j)
        sources[f"{criterion.key}_best"] = ("best", j)
    sources.update((name, ("supplier", name)) for name in BUILTIN_PLACEHOLDERS)  # the names a rule may use
    return sources


class Placeholders(dict):
    """The values for one supplier's rationale, each worked out when the text asks for it (a rationale uses
    a few of hundreds); names of criteria this config lacks read 'not measured'."""

    def __init__(self, field: Field, i: int, sources: dict[str, tuple[str, Any]]) -> None:
        super().__init__()
        self.field, self.i, self.sources = field, i, sources

    def __missing__(self, key: str) -> Any:
        source = self.sources.get(key)
        if source is None:
            return Missing("not measured")
        value = self[key] = placeholder(self.field, self.i, *source)
        return value


def placeholder(field: Field, i: int, kind: str, what: Any) -> Any:
    """One number a rationale may use, for supplier `i`, with no data shown as such (never 0)."""
    result = field.result
    if kind == "category":
        if what not in result.category_keys:
            return Missing("not measured")
        return number_or_missing(field.category_scores(what)[i])
    if kind == "score":
        return Missing() if result.missing[i, what] else number_or_missing(result.scores[i, what])
    criterion = result.criteria[what] if kind in ("value", "best") else None
    if kind == "value":
        return shown(result.raw.iloc[i, what], criterion, result.missing[i, what])
    if kind == "best":
        best = field.best.get(criterion.key)
        return Missing() if best is None else shown(best.value, criterion, False)
    return supplier_placeholder(field, i, what)


def supplier_placeholder(field: Field, i: int, name: str) -> Any:
    """The supplier's own figures: name, total, rank, band, segment, importance, gap to the leader."""
    result = field.result
    if name == "supplier":
        return result.suppliers[i]
    if name in ("total", "performance"):
        return number_or_missing((result.totals if name == "total" else result.performance)[i])
    if name == "rank":
        return result.rank_of(i) if result.rank_of(i) is not None else Missing("unranked")
    if name == "band":
        band = result.bands[i]
        return band.name if band else Missing("no band")
    if name == "segment":
        return field.segment_names[field.segments[i]]
    if name == "importance":
        importance = field.importance[i]
        return Missing("unknown") if np.isnan(importance) else float(importance)
    if name == "gap_to_leader":
        return number_or_missing(field.gap_to_leader[i])
    return number_or_missing(field.leader_total)


def number_or_missing(value: float) -> float | Missing:
    return Missing() if value is None or np.isnan(value) else float(value)


def shown(value: Any, criterion: Criterion, missing: bool) -> Shown | Missing:
    if missing:
        return Missing()
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return Shown(float(number) if number is not None else value, format_value(value, criterion))


def data_gaps(rule: Rule, field: Field, i: int) -> tuple[Criterion, ...]:
    """Criteria without data behind the category scores a rule used for supplier `i` (weighted ones only)."""
    result = field.result
    categories = rule.categories()
    return tuple(
        c
        for j, c in enumerate(result.criteria)
        if c.category in categories and result.missing[i, j] and result.base_weights[j] > 0
    )


@dataclass(frozen=True)
class RuleMatch:
    """One rule holding for one supplier: the rule's own rationale and next step (the buyer's templates from
    the settings) filled with that supplier's values, and the weighted criteria it has no data on behind the
    category scores the rule tested, which the missing-value policy scored (the table says so beside it)."""

    supplier: str
    rule: Rule
    rationale: str
    next_step: str
    no_data_on: tuple[Criterion, ...] = ()


def find_rule_matches(rules: list[Rule], field: Field) -> tuple[RuleMatch, ...]:
    """Every (supplier, rule) that holds, with its templates filled in; most urgent first (priority, then
    rank, then the rules' order in the settings)."""
    result = field.result
    found: list[tuple[tuple[int, float, int], RuleMatch]] = []
    sources = placeholder_sources(result)
    for order, rule in enumerate(rules):
        holds = field.ranked.copy()  # only ranked suppliers: the must-haves come before any opportunity
        for clause in rule.when:
            holds &= clause_holds(clause, field)
        for i in np.flatnonzero(holds):
            values = Placeholders(field, i, sources)
            match = RuleMatch(
                supplier=result.suppliers[i],
                rule=rule,
                rationale=rule.rationale.format_map(values),
                next_step=rule.next_step.format_map(values),
                no_data_on=data_gaps(rule, field, i),
            )
            found.append(((PRIORITIES.index(rule.priority), result.ranks[i], order), match))
    found.sort(key=lambda pair: pair[0])
    return tuple(match for _, match in found)
