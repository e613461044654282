"""The `opportunities` config section: importance columns, the segment grid and the opportunity rules.

Everything here is data read from YAML and validated once, with the same
`Section` helpers (and the same key-path messages) as the rest of the config.
Rules are written in a tiny condition language (a list of clauses that must all
hold); nothing is ever evaluated as Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scorecard.config import ConfigError, Criterion, Section, yes_no_label

# the schema's names, also read from here (tests/test_readme.py)
from scorecard.opportunities.rule_settings import (  # noqa: F401
    CLAUSE_SUBJECTS,
    COMPARATORS,
    PRIORITIES,
    RULE_KEYS,
    Rule,
    parse_rule,
)

IMPORTANCE_KINDS = ("number", "money", "percent", "yes_no", "text")
SCALE_KINDS: dict[str, str] = {
    "linear": "linear between a `worst` value (0 points) and a `best` value (100 points)",
    "relative": "100 for the largest value among the suppliers, in proportion below it",
    "categorical": "points per label, e.g. {High: 100, Medium: 50, Low: 0}",
}
SEGMENT_KEYS = ("strategic_partner", "develop", "leverage", "maintain", "exit", "unknown", "not_segmented")
SEGMENT_DEFAULTS: dict[str, tuple[str, str]] = {
    "strategic_partner": (
        "Strategic partner",
        "Executive sponsor, joint roadmap, quarterly business reviews, co-innovation and shared-gain pricing.",
    ),
    "develop": (
        "Develop",
        "Important to us but under-performing: a time-bound improvement plan with owners and dates.",
    ),
    "leverage": (
        "Leverage and compete",
        "Performs well where little is at stake for us: keep prices sharp through competition.",
    ),
    "maintain": (
        "Maintain",
        "Adequate and of low importance: keep the relationship simple (catalogues, framework agreements).",
    ),
    "exit": (
        "Exit",
        "Low performance and low importance: consolidate the volume with better suppliers or plan an exit.",
    ),
    "unknown": (
        "Importance unknown",
        "No spend, criticality or single-source data: add it to the supplier sheet to place this supplier.",
    ),
    "not_segmented": (
        "Not segmented",
        "Disqualified or not scored: the must-haves come before any relationship segment.",
    ),
}


@dataclass(frozen=True)
class Scale:
    """How one importance column's value becomes 0-100 points."""

    kind: str
    worst: float | None = None
    best: float | None = None
    points: tuple[tuple[str, float], ...] = ()

    def points_for(self, label: str) -> float | None:
        wanted = label.strip().casefold()
        return next((p for name, p in self.points if name.casefold() == wanted), None)

    def describe(self) -> str:
        """The scale in the buyer's words, for the warning on a value it cannot place
        (`segments.fill_points`). It stays here, not in tables/: a finding is a message, and any stage
        tells the buyer what is wrong in its own words (as a ScorecardError does); no table shows it."""
        if self.kind == "linear":
            return f"{self.worst:g} or worse scores 0, {self.best:g} or better scores 100, linear between"
        if self.kind == "relative":
            return "the largest value among the suppliers scores 100, others in proportion"
        return ", ".join(f"{label} = {points:g}" for label, points in self.points)

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "linear":
            return {"type": "linear", "worst": self.worst, "best": self.best}
        if self.kind == "relative":
            return {"type": "relative"}
        return {"type": "categorical", "points": dict(self.points)}


@dataclass(frozen=True)
class ImportanceColumn:
    """One supplier-sheet column that says how much a supplier matters to us (spend, criticality...)."""

    key: str
    label: str
    column: str
    synonyms: tuple[str, ...]
    kind: str
    weight: float
    scale: Scale

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "column": self.column,
            "synonyms": list(self.synonyms),
            "kind": self.kind,
            "weight": self.weight,
            "scale": self.scale.to_dict(),
        }


@dataclass(frozen=True)
class SegmentGrid:
    """Performance x importance thresholds and the name and approach of each segment.

    The names and approaches are the buyer's settings (data, shown as set); the thresholds in words are
    written by `scorecard.tables.opportunities.segment_rule_text`.
    """

    performance_threshold: float = 65.0
    importance_threshold: float = 50.0
    exit_below: float = 50.0
    names: tuple[tuple[str, str], ...] = tuple((k, v[0]) for k, v in SEGMENT_DEFAULTS.items())
    approaches: tuple[tuple[str, str], ...] = tuple((k, v[1]) for k, v in SEGMENT_DEFAULTS.items())

    def name(self, key: str) -> str:
        return dict(self.names)[key]

    def approach(self, key: str) -> str:
        return dict(self.approaches)[key]

    def key_for(self, name_or_key: str) -> str | None:
        """A segment key from its key or its (configured) name, ignoring case."""
        wanted = name_or_key.strip().casefold()
        for key, name in self.names:
            if wanted in (key, name.casefold()):
                return key
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "performance_threshold": self.performance_threshold,
            "importance_threshold": self.importance_threshold,
            "exit_below": self.exit_below,
            "names": dict(self.names),
            "approaches": dict(self.approaches),
        }


@dataclass(frozen=True)
class PlanSettings:
    """How much an improvement plan shows, and for how many suppliers it is worked out up front."""

    max_gaps: int = 5
    what_if_steps: int = 3
    max_suppliers: int = 30

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_gaps": self.max_gaps,
            "what_if_steps": self.what_if_steps,
            "max_suppliers": self.max_suppliers,
        }


@dataclass(frozen=True)
class OpportunitySettings:
    """The parsed `opportunities` section (or the defaults when a config has none)."""

    importance: tuple[ImportanceColumn, ...]
    min_importance_coverage: float  # percent of the importance weight that must have data to place a supplier
    segments: SegmentGrid
    rules: tuple[Rule, ...]
    plans: PlanSettings = PlanSettings()

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def to_dict(self) -> dict[str, Any]:
        """YAML-ready data; parsing it again gives equal settings."""
        return {
            "importance": {
                "min_coverage": self.min_importance_coverage,
                "columns": [c.to_dict() for c in self.importance],
            },
            "segments": self.segments.to_dict(),
            "plans": self.plans.to_dict(),
            "rules": [r.to_dict() for r in self.rules],
        }


# --------------------------------------------------------------------------- parsing


def parse_opportunity_settings(section: Section, criteria: Mapping[str, Criterion]) -> OpportunitySettings:
    """Validate the `opportunities` section; missing parts take the documented defaults."""
    from scorecard.opportunities.defaults import default_data

    section.check_keys(["importance", "segments", "plans", "rules"])
    defaults = default_data()
    importance = or_default(section, "importance", defaults)
    importance.check_keys(["min_coverage", "columns"])
    columns = tuple(parse_importance_column(s) for s in importance.sections("columns"))
    seen: set[str] = set()
    for item, column in zip(importance.sections("columns"), columns, strict=True):
        if column.key in seen:
            raise item.fail("key", f"{column.key!r} is used twice.")
        seen.add(column.key)
    if columns and not any(c.weight > 0 for c in columns):
        raise importance.fail("columns", "all have weight 0; give at least one importance column a weight.")
    min_coverage = importance.number("min_coverage", 50.0, minimum=0, maximum=100)
    grid = parse_segment_grid(or_default(section, "segments", defaults))
    plans = parse_plan_settings(or_default(section, "plans", defaults))
    if section.has("rules"):
        rules_section = section
    else:
        rules_section = Section({"rules": defaults["rules"]}, section.path, "the built-in default rules")
    rules = tuple(parse_rule(s, criteria, grid) for s in rules_section.sections("rules"))
    ids: dict[str, str] = {}
    for rule in rules:
        if rule.id in ids:
            raise ConfigError(
                f"In {section.source}, `{rule.path}.id` is {rule.id!r}, already used by `{ids[rule.id]}`.",
                hint="Give each rule its own id.",
            )
        ids[rule.id] = rule.path
    return OpportunitySettings(columns, min_coverage, grid, rules, plans)


def or_default(section: Section, key: str, defaults: Mapping[str, Any]) -> Section:
    """The sub-section if the buyer wrote it, else the built-in default for it."""
    if section.has(key):
        return section.section(key)
    where = f"{section.path}.{key}" if section.path else key
    return Section(defaults[key], where, "the built-in defaults")


def parse_importance_column(section: Section) -> ImportanceColumn:
    section.check_keys(["key", "label", "column", "synonyms", "kind", "weight", "scale"])
    key = section.text("key")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", key):
        raise section.fail("key", f"is {key!r}; use letters, digits and underscores (e.g. annual_spend).")
    label = section.text("label", key.replace("_", " ").capitalize())
    kind = section.choice("kind", IMPORTANCE_KINDS, "number")
    raw = section.values.get("scale")
    if raw is None:
        raise section.fail("scale", f"is missing. Choose one of: {', '.join(SCALE_KINDS)}.")
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, Mapping):
        raise section.fail("scale", "should be a scale name (e.g. relative) or a group with `type:`.")
    s = Section(raw, f"{section.path}.scale", section.source)
    scale_kind = s.choice("type", SCALE_KINDS)
    if scale_kind == "categorical":
        s.check_keys(["type", "points"])
        if kind not in ("text", "yes_no"):
            raise section.fail(
                "kind", f"is {kind}, but a categorical scale scores labels; use text or yes_no."
            )
        points_raw = s.values.get("points")
        if not isinstance(points_raw, Mapping) or not points_raw:
            raise s.fail("points", "should list each label with its points, e.g. {High: 100, Low: 0}.")
        points_section = Section(points_raw, f"{s.path}.points", s.source)
        points = tuple(
            (
                yes_no_label(label) if isinstance(label, bool) else str(label).strip(),
                points_section.check_number(str(label), value, minimum=0, maximum=100),
            )
            for label, value in points_raw.items()
        )
        scale = Scale("categorical", points=points)
    else:
        if kind in ("text", "yes_no"):
            raise section.fail("kind", f"is {kind}, but a {scale_kind} scale needs numbers; use categorical.")
        if scale_kind == "linear":
            s.check_keys(["type", "worst", "best"])
            worst, best = s.number("worst"), s.number("best")
            if worst == best:
                raise s.fail("best", "must differ from `worst`.")
            scale = Scale("linear", worst=worst, best=best)
        else:
            s.check_keys(["type"])
            scale = Scale("relative")
    return ImportanceColumn(
        key=key,
        label=label,
        column=section.text("column", label),
        synonyms=section.text_list("synonyms"),
        kind=kind,
        weight=section.number("weight", minimum=0),
        scale=scale,
    )


def parse_segment_grid(section: Section) -> SegmentGrid:
    section.check_keys(["performance_threshold", "importance_threshold", "exit_below", "names", "approaches"])
    defaults = SegmentGrid()
    performance = section.number(
        "performance_threshold", defaults.performance_threshold, minimum=0, maximum=100
    )
    importance = section.number("importance_threshold", defaults.importance_threshold, minimum=0, maximum=100)
    exit_below = section.number("exit_below", defaults.exit_below, minimum=0, maximum=100)
    if exit_below > performance:
        raise section.fail(
            "exit_below",
            f"is {exit_below:g}, above the performance threshold ({performance:g}); it must be at or below it.",
        )
    names = section.section("names")
    names.check_keys(SEGMENT_KEYS)
    approaches = section.section("approaches")
    approaches.check_keys(SEGMENT_KEYS)
    name_pairs = tuple((k, names.text(k, SEGMENT_DEFAULTS[k][0])) for k in SEGMENT_KEYS)
    folded = [n.casefold() for _, n in name_pairs]
    if len(set(folded)) != len(folded):
        raise names.fail(None, "gives two segments the same name.")
    return SegmentGrid(
        performance,
        importance,
        exit_below,
        name_pairs,
        tuple((k, approaches.text(k, SEGMENT_DEFAULTS[k][1])) for k in SEGMENT_KEYS),
    )


def parse_plan_settings(section: Section) -> PlanSettings:
    section.check_keys(["max_gaps", "what_if_steps", "max_suppliers"])
    defaults = PlanSettings()
    values = {}
    for key, low in (("max_gaps", 1), ("what_if_steps", 1), ("max_suppliers", 0)):
        number = section.number(key, getattr(defaults, key), minimum=low)
        if number != int(number):
            raise section.fail(key, f"is {number:g}; it should be a whole number.")
        values[key] = int(number)
    return PlanSettings(**values)
