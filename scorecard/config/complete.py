"""The complete settings (`Config`) and the checks that span all of it.

Built only by `parse.parse_config` (or as a checked copy by `with_weights`), so code that holds a
`Config` can trust it. Weights use one vocabulary, written out in `weights`: the weight as set,
the share that counted (`counted_shares(left_out)`) and the share per supplier (the engine's).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, overload

from scorecard.config.schema import Band, Category, Criterion, Knockout, SwitchedOff, unit_suffix
from scorecard.config.section import ConfigError
from scorecard.config.sections import SECTIONS, SectionKind, SectionValue, V
from scorecard.config.vocabulary import CLASSIC_TOPSIS_METHODS
from scorecard.config.weights import category_totals, shares_for
from scorecard.config.writing import band_to_dict, criterion_to_dict, knockout_to_dict


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
    # must-haves switched off (no column to check them against), by the buyer or by settings fitted to the
    # file: kept so that every report names them; part of equality, so that settings with one switched off
    # are never mistaken (or cached) for settings that never had it
    switched_off: tuple[SwitchedOff, ...] = ()

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

    def counted_shares(self, left_out: Collection[str] = ()) -> Mapping[str, float]:
        """Each criterion's share of the total (0-1): as set, or the share that counted once the criteria
        in `left_out` are left out (see `weights.counted_shares`; worked out once per weights and set)."""
        return shares_for(self.categories, frozenset(left_out))

    def category_shares(self, left_out: Collection[str] = ()) -> dict[str, float]:
        """Each category's counted share of the total (0-1), the sum of its criteria's."""
        return category_totals(self.categories, self.counted_shares(left_out))

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
        return validated(slider_checked(replace(self, categories=new_categories)))

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
        has no column to check them against); the rules are kept in `switched_off`, so that the reports
        can say that suppliers were not checked for them."""
        known = {rule.criterion for rule in self.knockouts}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ConfigError(
                f"There is no must-have on {', '.join(repr(k) for k in unknown)} in the settings "
                f"{self.name}. Must-haves: {', '.join(sorted(known)) or 'none'}."
            )
        return replace(
            self,
            knockouts=tuple(rule for rule in self.knockouts if rule.criterion not in keys),
            switched_off=(
                *self.switched_off,
                *(self.switched_off_rule(r) for r in self.knockouts if r.criterion in keys),
            ),
        )

    def switched_off_rule(self, rule: Knockout, *, chosen: bool = True) -> SwitchedOff:
        """The must-have as a record of its being switched off (`chosen`: by the buyer)."""
        criterion = self.criterion(rule.criterion)
        return SwitchedOff(
            rule.criterion,
            criterion.label,
            rule.describe(criterion.label, unit_suffix(criterion.unit)),
            chosen,
            rule,
        )

    def fitted_without(self, keep: Collection[str] = ()) -> tuple[SwitchedOff, ...]:
        """The record for settings fitted to a file that keep only the criteria in `keep`: what was switched
        off before, and each must-have applied here on a criterion they leave out (never dropped silently)."""
        if not self.knockouts_enabled:
            return self.switched_off
        dropped = (self.switched_off_rule(r, chosen=False) for r in self.knockouts if r.criterion not in keep)
        return (*self.switched_off, *dropped)

    def to_settings_file(self) -> dict[str, Any]:
        """`to_dict` for a settings file to download: the must-haves the buyer switched off for one file are
        written back on, as a settings file states the policy (a file without their column stops again and
        is switched off again, and said so) instead of losing them without a word."""
        data = self.to_dict()
        keys = {c.key for c in self.criteria}
        back = [
            off.knockout for off in self.switched_off if off.chosen and off.knockout and off.criterion in keys
        ]
        data["knockouts"] = [*data["knockouts"], *map(knockout_to_dict, back)]
        return data

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
        data: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "aggregation": self.aggregation,
            "supplier_column": {"column": self.supplier_column, "synonyms": list(self.supplier_synonyms)},
            "categories": {
                cat.key: {"weight": cat.weight, "criteria": [criterion_to_dict(c) for c in cat.criteria]}
                for cat in self.categories
            },
            "knockouts": [knockout_to_dict(k) for k in self.knockouts],
            "knockouts_enabled": self.knockouts_enabled,
            "bands": [band_to_dict(b) for b in self.bands],
            "column_overrides": dict(self.column_overrides),
        }
        for name, value in self.sections:
            data[name] = value.to_dict()
        return data


def classic_topsis_problem(config: Config) -> ConfigError | None:
    """Why `topsis_classic` cannot score this config (a weighted criterion without a raw number that is
    simply better higher or lower), or None. The settings file and the app's method switch both ask."""
    if config.aggregation != "topsis_classic":
        return None
    shares = config.counted_shares()
    not_numeric = [
        f"{c.label} ({c.method.kind}, {c.kind})"
        for c in config.criteria
        if shares[c.key] > 0
        and (c.method.kind not in CLASSIC_TOPSIS_METHODS or c.kind not in ("number", "money", "percent"))
    ]
    if not not_numeric:
        return None
    return ConfigError(
        f"In {config.source or 'the settings'}, `aggregation` is topsis_classic (textbook TOPSIS), which works "
        "on the raw numbers, but these weighted criteria have no raw number that is simply better higher or "
        "lower: " + ", ".join(not_numeric) + ".",
        hint="Use aggregation: topsis (TOPSIS on criterion scores, which takes any method), or give these "
        "criteria weight 0, or score them with min_max, ratio_to_best, linear or log_ratio.",
    )


def slider_checked(config: Config) -> Config:
    """Weights that leave nothing to score, said in the words of the weight sliders that set them (the
    buyer moved a slider; the settings file's keys and name mean nothing there)."""
    for category in config.categories:
        if category.weight > 0 and category.criteria and all(c.weight == 0 for c in category.criteria):
            raise ConfigError(
                f"The {category.label} weight is {category.weight:g}, but every criterion in {category.label} "
                f"is at 0, so {category.label} cannot count.",
                hint=f"Move one of its criteria ({', '.join(c.label for c in category.criteria)}) above 0, "
                f"or set {category.label} to 0.",
            )
    if not any(w > 0 for w in config.counted_shares().values()):
        raise ConfigError(
            "Every weight is at 0, so no supplier can be scored.",
            hint="Move at least one category and one of its criteria above 0.",
        )
    return config


def validated(config: Config) -> Config:
    """Checks that span the whole config: there must be something to score with."""
    if not config.criteria:
        raise ConfigError(
            f"{config.source or 'The settings'} define no criteria: add at least one under `categories`."
        )
    for category in config.categories:
        if category.weight > 0 and category.criteria and all(c.weight == 0 for c in category.criteria):
            raise ConfigError(
                f"In {config.source or 'the settings'}, `categories.{category.key}.weight` is "
                f"{category.weight:g}, but every criterion under `categories.{category.key}.criteria` "
                "has weight 0, so the category could not count.",
                hint="Give one of its criteria a weight, or set the category weight to 0.",
            )
    if (problem := classic_topsis_problem(config)) is not None:
        raise problem
    if not any(w > 0 for w in config.counted_shares().values()):
        raise ConfigError(
            f"In {config.source or 'the settings'}, every weight under `categories` is 0, "
            "so no supplier could be scored.",
            hint="Give at least one category and one of its criteria a weight above 0.",
        )
    return config
