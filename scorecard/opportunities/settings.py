"""The `opportunities` config section: importance columns, the segment grid and the opportunity rules.

Everything here is data read from YAML and validated once, with the same
`Section` helpers (and the same key-path messages) as the rest of the config.
Rules are written in a tiny condition language (a list of clauses that must all
hold); nothing is ever evaluated as Python.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from scorecard.config import CATEGORIES, ConfigError, Criterion, Section, describe_value, yes_no_label
from scorecard.opportunities.text import Shown

PRIORITIES = ("High", "Medium", "Low")
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

# Subjects a clause can test, and the extra keys each one takes.
NUMBER_SUBJECTS = ("rank", "gap_to_leader", "total", "importance")
CLAUSE_SUBJECTS = ("category", "criterion", "value", *NUMBER_SUBJECTS, "segment", "band", "any_of")
COMPARATORS = ("at_least", "at_most")
CLAUSE_EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "category": COMPARATORS,
    "criterion": COMPARATORS,
    "value": (*COMPARATORS, "is"),
}
ALL_CLAUSE_KEYS = (*CLAUSE_SUBJECTS, *COMPARATORS, "is")

# Placeholders every rationale may use, with a sample value for checking format specs at load time.
BUILTIN_PLACEHOLDERS: dict[str, Any] = {
    "supplier": "Supplier",
    "total": 1.0,
    "performance": 1.0,
    "rank": 1,
    "band": "Band",
    "segment": "Segment",
    "importance": 1.0,
    "gap_to_leader": 1.0,
    "leader_total": 1.0,
}
PLACEHOLDER_SUFFIXES = ("_value", "_best")
RULE_KEYS = ("id", "type", "when", "rationale", "next_step", "priority", "if_criteria_missing")


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
    """Performance x importance thresholds and the name and approach of each segment."""

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

    def rule_in_words(self, key: str) -> str:
        p, i, e = self.performance_threshold, self.importance_threshold, self.exit_below
        return {
            "strategic_partner": f"performance {p:g} or more and importance {i:g} or more",
            "develop": f"performance below {p:g} and importance {i:g} or more",
            "leverage": f"performance {p:g} or more and importance below {i:g}",
            "maintain": f"performance from {e:g} to below {p:g} and importance below {i:g}",
            "exit": f"performance below {e:g} and importance below {i:g}",
            "unknown": "qualified, but without enough importance data to place",
            "not_segmented": "disqualified or not scored",
        }[key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "performance_threshold": self.performance_threshold,
            "importance_threshold": self.importance_threshold,
            "exit_below": self.exit_below,
            "names": dict(self.names),
            "approaches": dict(self.approaches),
        }


@dataclass(frozen=True)
class Clause:
    """One condition of a rule; all clauses of a rule must hold (`any_of` holds if one of its clauses does)."""

    subject: str
    key: str = ""  # category or criterion key
    at_least: float | None = None
    at_most: float | None = None
    labels: tuple[str, ...] = ()  # segment keys, band names, or text values (`is`)
    any_of: tuple[Clause, ...] = ()
    path: str = field(default="", compare=False)

    def criteria(self) -> set[str]:
        own = {self.key} if self.subject in ("criterion", "value") else set()
        return own.union(*(c.criteria() for c in self.any_of))

    def categories(self) -> set[str]:
        own = {self.key} if self.subject == "category" else set()
        return own.union(*(c.categories() for c in self.any_of))

    def bands(self) -> set[str]:
        own = set(self.labels) if self.subject == "band" else set()
        return own.union(*(c.bands() for c in self.any_of))

    def to_dict(self) -> dict[str, Any]:
        if self.subject == "any_of":
            return {"any_of": [c.to_dict() for c in self.any_of]}
        if self.subject in ("segment", "band"):
            return {self.subject: list(self.labels)}
        limits = {k: v for k, v in (("at_least", self.at_least), ("at_most", self.at_most)) if v is not None}
        if self.subject in NUMBER_SUBJECTS:
            return {self.subject: limits}
        data: dict[str, Any] = {self.subject: self.key, **limits}
        if self.labels:
            data["is"] = list(self.labels)
        return data


@dataclass(frozen=True)
class Rule:
    """An opportunity rule: when its clauses hold for a supplier, the opportunity is suggested with numbers."""

    id: str
    type: str
    when: tuple[Clause, ...]
    rationale: str
    next_step: str
    priority: str
    if_criteria_missing: str = "error"  # "skip": a default rule that does not apply to this config
    path: str = field(default="", compare=False)

    def criteria(self) -> set[str]:
        return set().union(*(c.criteria() for c in self.when))

    def categories(self) -> set[str]:
        return set().union(*(c.categories() for c in self.when))

    def bands(self) -> set[str]:
        return set().union(*(c.bands() for c in self.when))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "priority": self.priority,
            "when": [c.to_dict() for c in self.when],
            "rationale": self.rationale,
            "next_step": self.next_step,
        }
        if self.if_criteria_missing != "error":
            data["if_criteria_missing"] = self.if_criteria_missing
        return data


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
    from scorecard.opportunities.defaults import DEFAULT_SECTION

    section.check_keys(["importance", "segments", "plans", "rules"])
    defaults = yaml.safe_load(DEFAULT_SECTION)
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


def parse_rule(section: Section, criteria: Mapping[str, Criterion], grid: SegmentGrid) -> Rule:
    section.check_keys(RULE_KEYS)
    rule_id = section.text("id")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", rule_id):
        raise section.fail("id", f"is {rule_id!r}; use letters, digits and underscores (e.g. co_innovation).")
    strict = section.choice("if_criteria_missing", ["error", "skip"], "error") == "error"
    clauses = section.sections("when")
    if not clauses:
        raise section.fail(
            "when", "is missing: list at least one condition, e.g. - {category: quality, at_least: 70}."
        )
    when = tuple(parse_clause(c, criteria, grid, strict) for c in clauses)
    rationale = section.text("rationale")
    next_step = section.text("next_step")
    check_template(section, "rationale", rationale, criteria, strict)
    check_template(section, "next_step", next_step, criteria, strict)
    return Rule(
        id=rule_id,
        type=section.text("type"),
        when=when,
        rationale=rationale,
        next_step=next_step,
        priority=section.choice("priority", PRIORITIES, "Medium"),
        if_criteria_missing="error" if strict else "skip",
        path=section.path,
    )


def parse_clause(
    section: Section, criteria: Mapping[str, Criterion], grid: SegmentGrid, strict: bool
) -> Clause:
    section.check_keys(ALL_CLAUSE_KEYS)
    subjects = [k for k in CLAUSE_SUBJECTS if k in section.values]
    if len(subjects) != 1:
        raise section.fail(
            None,
            "needs exactly one thing to test: " + ", ".join(CLAUSE_SUBJECTS) + f" (found {len(subjects)}).",
        )
    subject = subjects[0]
    section.check_keys([subject, *CLAUSE_EXTRA_KEYS.get(subject, ())])
    if subject == "any_of":
        items = section.sections("any_of")
        if len(items) < 2:
            raise section.fail("any_of", "should list two or more conditions, of which one must hold.")
        parts = tuple(parse_clause(item, criteria, grid, strict) for item in items)
        return Clause("any_of", any_of=parts, path=section.path)
    if subject in ("segment", "band"):
        labels = section.text_list(subject)
        if not labels:
            raise section.fail(subject, "should name at least one " + subject + ".")
        if subject == "segment":
            keys = []
            for label in labels:
                key = grid.key_for(label)
                if key is None:
                    known = ", ".join(n for _, n in grid.names)
                    raise section.fail(
                        "segment", f"names {label!r}, which is not a segment. Segments: {known}."
                    )
                keys.append(key)
            labels = tuple(keys)
        return Clause(subject, labels=labels, path=section.path)
    if subject in NUMBER_SUBJECTS:
        raw = section.values[subject]
        where = f"{section.path}.{subject}"
        if isinstance(raw, Mapping):
            limits = Section(raw, where, section.source)
            limits.check_keys(COMPARATORS)
        elif subject == "rank" and isinstance(raw, int) and not isinstance(raw, bool):
            limits = Section({"at_least": raw, "at_most": raw}, where, section.source)
        else:
            raise section.fail(
                subject, f"should be a group such as {{at_most: 2}}, not {describe_value(raw)}."
            )
        low, high = comparator_limits(limits)
        return Clause(subject, at_least=low, at_most=high, path=section.path)
    key = section.text(subject)
    if subject == "category":
        if key not in CATEGORIES:
            raise section.fail("category", f"is {key!r}; categories are: {', '.join(CATEGORIES)}.")
        present = {c.category for c in criteria.values()}
        if strict and key not in present:
            raise section.fail(
                "category",
                f"is {key!r}, but this config has no {CATEGORIES[key]} criteria. "
                "Remove the condition or add `if_criteria_missing: skip` to the rule.",
            )
    elif key not in criteria and strict:
        raise section.fail(
            subject,
            f"is {key!r}, which is not a criterion key in this config. Known: {', '.join(criteria)}.",
        )
    if subject == "value" and section.has("is"):
        if section.has("at_least") or section.has("at_most"):
            raise section.fail("is", "compares labels; do not combine it with at_least or at_most.")
        criterion = criteria.get(key)
        if criterion is not None and criterion.kind not in ("text", "yes_no"):
            raise section.fail(
                "is", f"compares labels, but {criterion.label} holds numbers; use at_least or at_most."
            )
        raw_labels = section.values["is"]
        values = raw_labels if isinstance(raw_labels, list) else [raw_labels]
        labels = tuple(yes_no_label(v) if isinstance(v, bool) else str(v).strip() for v in values)
        return Clause(subject, key=key, labels=labels, path=section.path)
    low, high = comparator_limits(section)
    if subject == "value":
        criterion = criteria.get(key)
        if criterion is not None and criterion.kind in ("text", "yes_no"):
            raise section.fail("value", f"is {key!r}, which holds labels; compare it with `is: [...]`.")
    return Clause(subject, key=key, at_least=low, at_most=high, path=section.path)


def comparator_limits(section: Section) -> tuple[float | None, float | None]:
    low = section.optional_number("at_least")
    high = section.optional_number("at_most")
    if low is None and high is None:
        raise section.fail(None, "needs a limit: at_least, at_most, or both.")
    if low is not None and high is not None and low > high:
        raise section.fail("at_most", f"is {high:g}, below at_least ({low:g}); nothing could match.")
    return low, high


def placeholder_samples(criteria: Mapping[str, Criterion]) -> dict[str, Any]:
    """Every name a rationale may use, with a sample of the type it will hold."""
    samples: dict[str, Any] = {key: 1.0 for key in CATEGORIES}
    for key, criterion in criteria.items():
        label_kind = criterion.kind in ("text", "yes_no")
        samples[key] = 1.0
        sample = Shown("Yes", "Yes") if label_kind else Shown(1.0, "1")
        samples[f"{key}_value"] = sample
        samples[f"{key}_best"] = sample
    samples.update(BUILTIN_PLACEHOLDERS)
    return samples


def check_template(
    section: Section, key: str, text: str, criteria: Mapping[str, Criterion], strict: bool
) -> list[str]:
    """Placeholder names in a template; unknown names and bad format specs are config errors."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise section.fail(
            key, f"is not a valid template ({error}); write braces as {{{{ and }}}}."
        ) from None
    samples = placeholder_samples(criteria)
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or conversion:
            raise section.fail(key, f"has the placeholder {{{name}}}; use a plain name such as {{quality}}.")
        if name not in samples:
            if strict:
                raise section.fail(
                    key,
                    f"has the placeholder {{{name}}}, which is not a number Scorecard knows. Use a category "
                    f"({', '.join(CATEGORIES)}), a criterion key (its score), key_value, key_best, or one of "
                    f"{', '.join(BUILTIN_PLACEHOLDERS)}.",
                )
            samples[name] = 1.0
        try:
            format(samples[name], spec or "")
        except (ValueError, TypeError) as error:
            raise section.fail(key, f"cannot show {{{name}:{spec}}}: {error}.") from None
        names.append(name)
    return names
