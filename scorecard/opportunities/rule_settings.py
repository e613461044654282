"""The opportunity rules' schema: a tiny condition language (clauses that must all hold) and its parsing.

Nothing in a rule is ever evaluated as Python: a clause names what it tests
(a category, a criterion, a value, rank, total, importance, gap to the
leader, a segment or a band) and its limits or labels; a rationale is a
template whose placeholders are checked against the config when it is loaded.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scorecard.config import CATEGORIES, Criterion, Section, describe_value, yes_no_label
from scorecard.opportunities.placeholders import Shown

if TYPE_CHECKING:
    from scorecard.opportunities.settings import SegmentGrid

PRIORITIES = ("High", "Medium", "Low")

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
    """One condition: exactly one thing to test, with the limits or labels that thing takes."""
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
        return label_clause(section, subject, grid)
    if subject in NUMBER_SUBJECTS:
        return number_clause(section, subject)
    return keyed_clause(section, subject, criteria, strict)


def label_clause(section: Section, subject: str, grid: SegmentGrid) -> Clause:
    """A segment or band condition: the names it lists (segments by their keys)."""
    labels = section.text_list(subject)
    if not labels:
        raise section.fail(subject, "should name at least one " + subject + ".")
    if subject == "segment":
        keys = []
        for label in labels:
            key = grid.key_for(label)
            if key is None:
                known = ", ".join(n for _, n in grid.names)
                raise section.fail("segment", f"names {label!r}, which is not a segment. Segments: {known}.")
            keys.append(key)
        labels = tuple(keys)
    return Clause(subject, labels=labels, path=section.path)


def number_clause(section: Section, subject: str) -> Clause:
    """A rank, total, importance or gap-to-leader condition: a group of limits (a rank may be one number)."""
    raw = section.values[subject]
    where = f"{section.path}.{subject}"
    if isinstance(raw, Mapping):
        limits = Section(raw, where, section.source)
        limits.check_keys(COMPARATORS)
    elif subject == "rank" and isinstance(raw, int) and not isinstance(raw, bool):
        limits = Section({"at_least": raw, "at_most": raw}, where, section.source)
    else:
        raise section.fail(subject, f"should be a group such as {{at_most: 2}}, not {describe_value(raw)}.")
    low, high = comparator_limits(limits)
    return Clause(subject, at_least=low, at_most=high, path=section.path)


def keyed_clause(section: Section, subject: str, criteria: Mapping[str, Criterion], strict: bool) -> Clause:
    """A category, criterion or value condition: the key it names, and limits (or, for a value, labels)."""
    key = section.text(subject)
    check_clause_key(section, subject, key, criteria, strict)
    criterion = criteria.get(key)
    holds_labels = criterion is not None and criterion.kind in ("text", "yes_no")
    if subject == "value" and section.has("is"):
        if section.has("at_least") or section.has("at_most"):
            raise section.fail("is", "compares labels; do not combine it with at_least or at_most.")
        if criterion is not None and not holds_labels:
            raise section.fail(
                "is", f"compares labels, but {criterion.label} holds numbers; use at_least or at_most."
            )
        raw_labels = section.values["is"]
        values = raw_labels if isinstance(raw_labels, list) else [raw_labels]
        labels = tuple(yes_no_label(v) if isinstance(v, bool) else str(v).strip() for v in values)
        return Clause(subject, key=key, labels=labels, path=section.path)
    low, high = comparator_limits(section)
    if subject == "value" and holds_labels:
        raise section.fail("value", f"is {key!r}, which holds labels; compare it with `is: [...]`.")
    return Clause(subject, key=key, at_least=low, at_most=high, path=section.path)


def check_clause_key(
    section: Section, subject: str, key: str, criteria: Mapping[str, Criterion], strict: bool
) -> None:
    """The category or criterion a clause names must exist (in this config, unless the rule may be skipped)."""
    if subject == "category":
        if key not in CATEGORIES:
            raise section.fail("category", f"is {key!r}; categories are: {', '.join(CATEGORIES)}.")
        if strict and key not in {c.category for c in criteria.values()}:
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
