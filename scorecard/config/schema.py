"""The settings as values: criteria, their methods, categories, must-haves, bands and the whole config.

Frozen dataclasses, built only by the parser (`parse.parse_config`) after every check, so code that
holds a `Config` can trust it. The weight vocabulary (see `weights`): a criterion's `weight` is the
weight as set (points or percent); `effective_weights(left_out)` gives each criterion's counted share
of the total (after criteria with no data are left out); the supplier share, per supplier after its
own exclusions, is the engine's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, overload

from scorecard.config.section import ConfigError
from scorecard.config.sections import SECTIONS, SectionKind, SectionValue, V
from scorecard.config.vocabulary import CATEGORIES
from scorecard.config.weights import counted_shares, validated
from scorecard.config.writing import config_to_dict


@dataclass(frozen=True)
class Step:
    """One threshold step: values at least (or at most) `limit` score `points`."""

    limit: float
    points: float


@dataclass(frozen=True)
class Method:
    """How a criterion's value becomes a 0-100 score, with its parameters."""

    kind: str
    worst: float | None = None
    best: float | None = None
    target: float | None = None
    tolerance: float | None = None
    steps: tuple[Step, ...] = ()
    otherwise: float | None = None
    points: tuple[tuple[str, float], ...] = ()
    log_base: float | None = None

    def describe(self, direction: str, unit: str = "") -> str:
        """The method in one sentence a buyer can check by hand."""
        u = unit_suffix(unit)
        better = "higher is better" if direction == "higher" else "lower is better"
        if self.kind == "min_max":
            best, worst = ("highest", "lowest") if direction == "higher" else ("lowest", "highest")
            return f"Min-max ({better}): the {best} value among qualified suppliers scores 100, the {worst} 0, linear between."
        if self.kind == "ratio_to_best":
            if direction == "lower":
                return "Ratio to best (lower is better): score = 100 x lowest value / this value."
            return "Ratio to best (higher is better): score = 100 x this value / highest value."
        if self.kind == "linear":
            return f"Linear: {self.worst:g}{u} or worse scores 0, {self.best:g}{u} or better scores 100, linear between."
        if self.kind == "target":
            return (
                f"Closeness to target: {self.target:g}{u} scores 100, falling linearly to 0 at "
                f"{self.tolerance:g}{u} away from it."
            )
        if self.kind == "steps":
            sign = ">=" if direction == "higher" else "<="
            parts = [f"{sign} {s.limit:g}{u} scores {s.points:g}" for s in self.steps]
            return "Threshold steps: " + "; ".join(parts) + f"; otherwise {self.otherwise:g}."
        if self.kind == "categorical":
            return "Categories: " + ", ".join(f"{label} = {points:g}" for label, points in self.points) + "."
        if self.kind == "log_ratio":
            return (
                f"Logarithmic: score = 100 x (1 - log(value / lowest) / log {self.log_base:g}); "
                f"a value {self.log_base:g} times the lowest scores 0."
            )
        raise ValueError(self.kind)

    def points_for(self, label: str) -> float | None:
        """Points for a category label, matched ignoring case and surrounding spaces."""
        wanted = label.strip().casefold()
        for name, points in self.points:
            if name.casefold() == wanted:
                return points
        return None


@dataclass(frozen=True)
class Criterion:
    """One thing suppliers are scored on, where its values come from and how they are scored."""

    key: str
    label: str
    category: str
    column: str
    synonyms: tuple[str, ...]
    unit: str
    kind: str
    direction: str
    weight: float
    method: Method
    missing: str
    panel: bool = False
    description: str = ""


@dataclass(frozen=True)
class Category:
    """One of the five categories, with its relative weight and its criteria."""

    key: str
    weight: float
    criteria: tuple[Criterion, ...]

    @property
    def label(self) -> str:
        return CATEGORIES[self.key]


def unit_suffix(unit: str) -> str:
    """How a unit follows a number in a sentence: '98%', '45 days'; scales such as '0-100' or 'Yes/No' add nothing."""
    if not unit or "/" in unit or unit.lower().startswith("rating") or re.fullmatch(r"\d+\s*-\s*\d+", unit):
        return ""
    return unit if unit == "%" else f" {unit}"


@dataclass(frozen=True)
class Knockout:
    """A must-have: a supplier that fails it is disqualified, stays in the output unranked, with the reason."""

    criterion: str
    must_be: tuple[str, ...] = ()
    at_least: float | None = None
    at_most: float | None = None
    if_missing: str = "disqualify"

    def describe(self, label: str, unit: str = "") -> str:
        """The rule in words; `unit` is a suffix from `unit_suffix`."""
        if self.must_be:
            return f"{label} must be {' or '.join(self.must_be)}"
        if self.at_least is not None:
            return f"{label} must be at least {self.at_least:g}{unit}"
        return f"{label} must be at most {self.at_most:g}{unit}"


@dataclass(frozen=True)
class Band:
    """A score band such as 'Preferred, 65 to 80': scores from `lower` up to (not including) `upper`."""

    name: str
    lower: float
    upper: float
    colour: str


@dataclass(frozen=True)
class Config:
    """A complete, validated scoring configuration."""

    name: str
    description: str
    aggregation: str
    supplier_column: str
    supplier_synonyms: tuple[str, ...]
    categories: tuple[Category, ...]
    knockouts: tuple[Knockout, ...]
    bands: tuple[Band, ...]
    knockouts_enabled: bool = True
    column_overrides: tuple[tuple[str, str], ...] = ()
    source: str = field(default="", compare=False)
    sections: tuple[tuple[str, SectionValue], ...] = ()

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for category in self.categories for c in category.criteria)

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(key)

    def category(self, key: str) -> Category:
        for c in self.categories:
            if c.key == key:
                return c
        raise KeyError(key)

    def effective_weights(self, left_out: Collection[str] = ()) -> dict[str, float]:
        """Each criterion's counted share of the total (0-1): see `weights.counted_shares`."""
        return counted_shares(self.categories, left_out)

    def category_shares(self, left_out: Collection[str] = ()) -> dict[str, float]:
        """Each category's counted share of the total (0-1), the sum of its criteria's."""
        shares = self.effective_weights(left_out)
        return {c.key: sum(shares[k.key] for k in c.criteria) for c in self.categories}

    def with_weights(
        self, categories: Mapping[str, float] | None = None, criteria: Mapping[str, float] | None = None
    ) -> Config:
        """A copy with some category and criterion weights changed (the app's sliders)."""
        categories = categories or {}
        criteria = criteria or {}
        new_categories = tuple(
            replace(
                cat,
                weight=float(categories.get(cat.key, cat.weight)),
                criteria=tuple(replace(c, weight=float(criteria.get(c.key, c.weight))) for c in cat.criteria),
            )
            for cat in self.categories
        )
        return validated(replace(self, categories=new_categories))

    def with_overrides(self, overrides: Mapping[str, str]) -> Config:
        """A copy that reads the given criteria from the named columns (the buyer's mapping).

        Keys are criterion keys or "supplier"; anything else is a typo that would
        otherwise be kept silently and never used, so it is refused.
        """
        known = {c.key for c in self.criteria} | {"supplier"}
        unknown = [key for key in overrides if key not in known]
        if unknown:
            raise ConfigError(
                f"Cannot map a column to {', '.join(repr(k) for k in unknown)}: not a criterion key of "
                f'this config. Use "supplier" or one of: {", ".join(sorted(known - {"supplier"}))}.'
            )
        merged = dict(self.column_overrides)
        merged.update(overrides)
        return replace(self, column_overrides=tuple(sorted(merged.items())))

    def without_must_haves(self, keys: Collection[str]) -> Config:
        """A copy with the must-haves on these criteria switched off (the buyer's choice when the file
        has no column to check them against)."""
        known = {rule.criterion for rule in self.knockouts}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ConfigError(
                f"There is no must-have on {', '.join(repr(k) for k in unknown)} in the settings "
                f"{self.name}. Must-haves: {', '.join(sorted(known)) or 'none'}."
            )
        return replace(self, knockouts=tuple(rule for rule in self.knockouts if rule.criterion not in keys))

    @overload
    def section(self, kind: SectionKind[V]) -> V | None: ...

    @overload
    def section(self, kind: str) -> SectionValue | None: ...

    def section(self, kind: SectionKind[V] | str) -> V | SectionValue | None:
        """A parsed optional section (bids, panel, opportunities), typed by the stage's kind, or None.

        Stages ask with their kind (`config.section(PANEL_SECTION)` is a `PanelSettings | None`); a
        name is accepted too, but only one some stage registered.
        """
        return SECTIONS.value(self.sections, kind)

    def to_dict(self) -> dict[str, Any]:
        """The config as YAML-ready data; `parse_config(config.to_dict())` gives an equal config."""
        return config_to_dict(self)
