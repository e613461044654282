"""The scoring configuration: one schema for every preset in `configs/` and every uploaded settings file.

A config is data (YAML) read into small frozen dataclasses. Validation happens
once, here, and every problem is reported in buyer's words with the key where
it is (e.g. `categories.quality.criteria[2].weight`), so a buyer editing a
YAML file knows exactly which line to fix.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from scorecard.errors import ScorecardError, shorten

CATEGORIES: dict[str, str] = {
    "cost": "Cost",
    "risk": "Risk",
    "quality": "Quality",
    "sustainability": "Sustainability",
    "srm_fit": "SRM fit",
}
DIRECTIONS = ("higher", "lower")
MISSING_POLICIES: dict[str, str] = {
    "worst": "scores 0 (the worst score) and is flagged",
    "neutral": "scores the average of the suppliers that have data, and is flagged",
    "exclude": "is left out for that supplier and its other criteria are re-weighted, and is flagged",
    "disqualify": "disqualifies the supplier",
}
AGGREGATIONS: dict[str, str] = {
    "weighted_sum": "weighted sum of the criterion scores",
    "topsis": "TOPSIS on criterion scores (this tool's variant: vector normalisation of the 0-100 criterion "
    "scores, closeness to an ideal supplier with the best score on every criterion)",
    "topsis_classic": "TOPSIS as in Hwang and Yoon (1981): vector normalisation of the raw values, ideal = the "
    "best raw value on each criterion (highest or lowest by its direction); numeric criteria only",
}
# methods that order raw numbers one way, so textbook TOPSIS can use the raw values with the direction
CLASSIC_TOPSIS_METHODS = ("min_max", "ratio_to_best", "linear", "log_ratio")
VALUE_KINDS = ("number", "money", "percent", "yes_no", "text", "date")
CURRENCY_UNITS = frozenset(
    {"EUR", "USD", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "MXN", "BRL"}
)
CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"
MAX_CONFIG_BYTES = 1_000_000
# Limits that keep any settings file cheap to read and score, each far above what a real event needs.
MAX_NESTING = 40  # groups inside groups; the presets use 6
MAX_YAML_NODES = 200_000  # values, lists and groups in one file
MAX_CRITERIA = 300  # criteria over all categories; the presets use about 20
MAX_NAME_LENGTH = 200  # a key, label, column or band name
MAX_LIST_LENGTH = 100  # names in one list (synonyms)
MAX_TEXT_LENGTH = 2_000  # any other text (descriptions, rationales)
MAX_WEIGHT = 1_000_000  # weights are points or percentages; a larger figure is a typo
MAX_MAGNITUDE = 1e15  # any number in the settings: larger is a typo and would overflow totals


class ConfigError(ScorecardError):
    """A problem in a settings file: the message names the key and what is wrong."""


# --------------------------------------------------------------------------- reading helpers


@dataclass(frozen=True)
class Section:
    """A mapping from the YAML with its path, so that every error can say where it is.

    Stage modules (bids, panel, opportunities) parse their own sections with it, so
    their settings are validated by the same rules and messages as the rest.
    """

    values: Mapping[str, Any]
    path: str
    source: str = "the settings"

    def fail(self, key: str | None, problem: str) -> ConfigError:
        where = f"{self.path}.{key}" if key and self.path else (key or self.path or "the top level")
        return ConfigError(
            f"In {self.source}, `{where}` {problem}", hint="Fix that line and load the settings again."
        )

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.values:
            if key not in allowed:
                raise self.fail(
                    str(key),
                    f"is not a setting Scorecard knows. Known settings here: {', '.join(sorted(allowed))}.",
                )

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def raw(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value

    def text(self, key: str, default: str | None = None, *, max_length: int = MAX_TEXT_LENGTH) -> str:
        value = self.values.get(key)
        if value is None:
            if default is None:
                raise self.fail(key, "is missing.")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"should be a piece of text, not {describe_value(value)}.")
        text = str(value).strip()  # the loader refuses integers of hundreds of digits
        if len(text) > max_length:
            raise self.fail(
                key, f"is {len(text):,} characters long; Scorecard accepts up to {max_length:,} here."
            )
        return text

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float:
        value = self.values.get(key)
        if value is None:
            if default is None:
                raise self.fail(key, "is missing: it needs a number.")
            return default
        return self.check_number(key, value, minimum=minimum, maximum=maximum)

    def optional_number(
        self, key: str, *, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        value = self.values.get(key)
        return None if value is None else self.check_number(key, value, minimum=minimum, maximum=maximum)

    def check_number(
        self, key: str, value: Any, *, minimum: float | None = None, maximum: float | None = None
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"should be a number, not {describe_value(value)}.")
        # Compared before any conversion: an int of 309 digits cannot become a float.
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(key, f"should be a number, not {describe_value(value)}.")
        if minimum is not None and value < minimum:
            raise self.fail(
                key, f"is {describe_number(value)}; it cannot be below {describe_number(minimum)}."
            )
        if maximum is not None and value > maximum:
            raise self.fail(
                key, f"is {describe_number(value)}; it cannot be above {describe_number(maximum)}."
            )
        if abs(value) > MAX_MAGNITUDE:
            raise self.fail(
                key,
                f"is {describe_value(value)}, larger than any figure Scorecard accepts "
                f"({MAX_MAGNITUDE:,.0f}); check the number of digits.",
            )
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.values.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"should be true or false, not {describe_value(value)}.")
        return value

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str:
        options = list(options)
        value = self.text(key, default)
        if value not in options:
            raise self.fail(key, f"is {value!r}; it should be one of: {', '.join(options)}.")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            raise self.fail(key, "should be a list of names, e.g. [TCO, Total cost].")
        if len(value) > MAX_LIST_LENGTH:
            raise self.fail(key, f"lists {len(value):,} names; Scorecard accepts up to {MAX_LIST_LENGTH}.")
        names = tuple(str(v).strip() for v in value)
        for name in names:
            if len(name) > MAX_NAME_LENGTH:
                raise self.fail(
                    key,
                    f"holds a name of {len(name):,} characters; Scorecard accepts up to {MAX_NAME_LENGTH:,}.",
                )
        return names

    def section(self, key: str, *, required: bool = False) -> Section:
        value = self.values.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing.")
            value = {}
        if not isinstance(value, Mapping):
            raise self.fail(
                key, f"should be a group of settings (key: value lines), not {describe_value(value)}."
            )
        return Section(value, f"{self.path}.{key}" if self.path else key, self.source)

    def sections(self, key: str) -> list[Section]:
        value = self.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"should be a list (lines starting with '-'), not {describe_value(value)}.")
        items = []
        for index, item in enumerate(value):
            where = f"{self.path}.{key}[{index}]" if self.path else f"{key}[{index}]"
            if not isinstance(item, Mapping):
                raise Section({}, where, self.source).fail(
                    None, f"should be a group of settings, not {describe_value(item)}."
                )
            items.append(Section(item, where, self.source))
        return items


def describe_value(value: Any) -> str:
    """A value as a buyer would recognise it in their YAML file (shortened when it is huge)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "a group of settings"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return describe_number(value)
    return shorten(repr(value), 80)


def describe_number(value: float) -> str:
    """A number as a buyer reads it (150, 0.35, 1,000,000), or its size when it has dozens of digits."""
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a number of {len(str(abs(value)))} digits"
    if abs(value) >= 10_000 and abs(value) < 1e16 and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------- the schema


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


METHOD_KINDS: dict[str, str] = {
    "min_max": "min-max across suppliers",
    "ratio_to_best": "ratio to the best value (lowest price / bid price)",
    "linear": "linear between a worst and a best value you set",
    "target": "closeness to a target value",
    "steps": "threshold steps",
    "categorical": "points per category (Yes/No, Low/Medium/High, A-E)",
    "log_ratio": "logarithmic price score",
}


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
    sections: tuple[tuple[str, Any], ...] = ()

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
        """Each criterion's share of the total (0-1): category share x share within the category.

        Criteria in `left_out` (no column in the file, or no supplier has data on them) count 0: their
        weight is shared by the rest of their category, and a category with nothing left is left out
        and the other categories' weights re-normalised. Without `left_out` this is the weight as set.
        """
        left = set(left_out)

        def counts(c: Criterion) -> float:
            return 0.0 if c.key in left else c.weight

        category_total = sum(c.weight for c in self.categories if any(counts(k) > 0 for k in c.criteria))
        shares: dict[str, float] = {}
        for category in self.categories:
            within = sum(counts(c) for c in category.criteria)
            for c in category.criteria:
                if category_total == 0 or within == 0:
                    shares[c.key] = 0.0
                else:
                    shares[c.key] = category.weight / category_total * counts(c) / within
        return shares

    def category_shares(self, left_out: Collection[str] = ()) -> dict[str, float]:
        """Each category's share of the total (0-1), after normalising (and after leaving out `left_out`)."""
        weights = self.effective_weights(left_out)
        return {c.key: sum(weights[k.key] for k in c.criteria) for c in self.categories}

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

    def section(self, name: str) -> Any:
        """A parsed optional section (bids, panel, segments...), or None."""
        return dict(self.sections).get(name)

    def to_dict(self) -> dict[str, Any]:
        """The config as YAML-ready data; `parse_config(config.to_dict())` gives an equal config."""
        return config_to_dict(self)


# --------------------------------------------------------------------------- parsing


def parse_method(section: Section, direction: str) -> Method:
    """The scoring method of a criterion; `direction` decides which end of a linear scale or step is best."""
    raw = section.values.get("method")
    if raw is None:
        raise section.fail("method", f"is missing. Choose one of: {', '.join(METHOD_KINDS)}.")
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, Mapping):
        raise section.fail(
            "method", "should be a method name (e.g. min_max) or a group with `type:` and its settings."
        )
    m = Section(raw, f"{section.path}.method", section.source)
    kind = m.choice("type", METHOD_KINDS)
    if kind in ("min_max", "ratio_to_best"):
        m.check_keys(["type"])
        return Method(kind)
    if kind == "linear":
        m.check_keys(["type", "worst", "best"])
        worst, best = m.number("worst"), m.number("best")
        if worst == best:
            raise m.fail("best", "must differ from `worst`, otherwise no value can be placed between them.")
        if (best > worst) != (direction == "higher"):
            raise m.fail(
                "best",
                f"is {best:g} and `worst` is {worst:g}, but the criterion says {direction} is better. "
                "Swap them or change `direction`.",
            )
        return Method(kind, worst=worst, best=best)
    if kind == "target":
        m.check_keys(["type", "target", "tolerance"])
        return Method(kind, target=m.number("target"), tolerance=m.number("tolerance", minimum=1e-12))
    if kind == "steps":
        m.check_keys(["type", "steps", "otherwise"])
        steps = []
        word = "at_least" if direction == "higher" else "at_most"
        for s in m.sections("steps"):
            s.check_keys([word, "score"])
            steps.append(Step(s.number(word), s.number("score", minimum=0, maximum=100)))
        if not steps:
            raise m.fail("steps", f"needs at least one step, e.g. - {{{word}: 98, score: 100}}.")
        steps.sort(key=lambda s: s.limit, reverse=direction == "higher")
        limits = [s.limit for s in steps]
        if len(set(limits)) != len(limits):
            raise m.fail("steps", f"use the same `{word}` value twice; give each step its own limit.")
        otherwise = m.number("otherwise", 0.0, minimum=0, maximum=100)
        # a better value must never score less: the steps are a staircase, not a lottery
        for better, worse in itertools.pairwise([*steps, Step(math.nan, otherwise)]):
            if better.points < worse.points:
                where = f"{word} {worse.limit:g}" if not math.isnan(worse.limit) else "otherwise"
                raise m.fail(
                    "steps",
                    f"give {better.points:g} points at {word} {better.limit:g} but {worse.points:g} at {where}, "
                    f"so a better value would score less. Make the points fall as the values get worse.",
                )
        return Method(kind, steps=tuple(steps), otherwise=otherwise)
    if kind == "categorical":
        m.check_keys(["type", "points"])
        points_raw = m.values.get("points")
        if not isinstance(points_raw, Mapping) or not points_raw:
            raise m.fail(
                "points", "should list each category with its points, e.g. {Low: 100, Medium: 50, High: 0}."
            )
        points_section = Section(points_raw, f"{m.path}.points", m.source)
        points = []
        for label, value in points_raw.items():
            name = yes_no_label(label) if isinstance(label, bool) else str(label).strip()
            points.append((name, points_section.check_number(str(label), value, minimum=0, maximum=100)))
        seen = [p[0].casefold() for p in points]
        if len(set(seen)) != len(seen):
            raise m.fail("points", "lists the same category twice (names are compared ignoring case).")
        return Method(kind, points=tuple(points))
    # log_ratio
    m.check_keys(["type", "a"])
    if direction != "lower":
        raise m.fail("type", "log_ratio is a price formula and needs `direction: lower`.")
    return Method(kind, log_base=m.number("a", 2.0, minimum=1.0001))


def yes_no_label(value: bool) -> str:
    """YAML reads `Yes:` as true; the buyer meant the word."""
    return "Yes" if value else "No"


def infer_kind(unit: str, method: Method) -> str:
    if method.kind == "categorical":
        labels = {label.casefold() for label, _ in method.points}
        return "yes_no" if labels <= {"yes", "no"} else "text"
    if unit == "%":
        return "percent"
    if unit.upper() in CURRENCY_UNITS:
        return "money"
    return "number"


def parse_criterion(section: Section, category: str) -> Criterion:
    section.check_keys(
        [
            "key",
            "label",
            "column",
            "synonyms",
            "unit",
            "kind",
            "direction",
            "weight",
            "method",
            "missing",
            "panel",
            "description",
        ]
    )
    key = section.text("key", max_length=MAX_NAME_LENGTH)
    if not key.replace("_", "").isalnum():
        raise section.fail(
            "key", f"is {key!r}; use letters, digits and underscores only (e.g. on_time_delivery)."
        )
    label = section.text("label", key.replace("_", " ").capitalize(), max_length=MAX_NAME_LENGTH)
    direction = section.choice("direction", DIRECTIONS, "higher")
    unit = section.text("unit", "")
    method = parse_method(section, direction)
    kind = section.choice("kind", VALUE_KINDS, infer_kind(unit, method))
    if method.kind == "categorical" and kind not in ("text", "yes_no"):
        raise section.fail(
            "kind", f"is {kind}, but a categorical method scores text labels; use kind: text or yes_no."
        )
    if method.kind != "categorical" and kind in ("text", "yes_no", "date"):
        raise section.fail(
            "kind", f"is {kind}, but method {method.kind} needs numbers; use the categorical method."
        )
    return Criterion(
        key=key,
        label=label,
        category=category,
        column=section.text("column", label, max_length=MAX_NAME_LENGTH),
        synonyms=section.text_list("synonyms"),
        unit=unit,
        kind=kind,
        direction=direction,
        weight=section.number("weight", minimum=0, maximum=MAX_WEIGHT),
        method=method,
        missing=section.choice("missing", MISSING_POLICIES, "worst"),
        panel=section.flag("panel", False),
        description=section.text("description", ""),
    )


def parse_knockout(section: Section, criteria: Mapping[str, Criterion]) -> Knockout:
    section.check_keys(["criterion", "must_be", "at_least", "at_most", "if_missing"])
    key = section.text("criterion")
    if key not in criteria:
        raise section.fail(
            "criterion",
            f"is {key!r}, which is not a criterion key in this config. Known: {', '.join(criteria)}.",
        )
    rules = [k for k in ("must_be", "at_least", "at_most") if section.has(k)]
    if len(rules) != 1:
        raise section.fail(None, "needs exactly one rule: must_be, at_least or at_most.")
    if_missing = section.choice("if_missing", ["disqualify", "pass"], "disqualify")
    criterion = criteria[key]
    if rules[0] == "must_be":
        raw = section.values["must_be"]
        values = raw if isinstance(raw, list) else [raw]
        if not values or any(isinstance(v, (Mapping, list)) or v is None for v in values):
            raise section.fail(
                "must_be", 'should be an answer or a list of answers, e.g. "Yes" or [Gold, Platinum].'
            )
        labels = tuple(yes_no_label(v) if isinstance(v, bool) else str(v).strip() for v in values)
        if criterion.kind not in ("text", "yes_no"):
            raise section.fail(
                "must_be", f"compares text, but {criterion.label} holds numbers; use at_least or at_most."
            )
        return Knockout(key, must_be=labels, if_missing=if_missing)
    if criterion.kind in ("text", "yes_no"):
        raise section.fail(rules[0], f"compares numbers, but {criterion.label} holds text; use must_be.")
    if rules[0] == "at_least":
        return Knockout(key, at_least=section.number("at_least"), if_missing=if_missing)
    return Knockout(key, at_most=section.number("at_most"), if_missing=if_missing)


def parse_band(section: Section) -> Band:
    section.check_keys(["name", "from", "to", "colour"])
    colour = section.text("colour", "#888888")
    if not (
        len(colour) == 7
        and colour.startswith("#")
        and all(ch in "0123456789abcdefABCDEF" for ch in colour[1:])
    ):
        raise section.fail("colour", f"is {colour!r}; write a colour as #RRGGBB, e.g. #2e7d32.")
    lower = section.number("from", minimum=0, maximum=100)
    upper = section.number("to", minimum=0, maximum=100)
    if upper <= lower:
        raise section.fail("to", f"is {upper:g}, which is not above `from` ({lower:g}).")
    return Band(section.text("name", max_length=MAX_NAME_LENGTH), lower, upper, colour)


def check_bands(bands: list[Band], fail: Any) -> tuple[Band, ...]:
    """Bands must cover 0-100 with no gap and no overlap; 100 itself belongs to the top band."""
    if not bands:
        raise fail(
            "bands",
            "is missing: list the score bands, e.g. - {name: Preferred, from: 65, to: 80, colour: '#7fbf7b'}.",
        )
    ordered = sorted(bands, key=lambda b: b.lower)
    if ordered[0].lower != 0:
        raise fail("bands", f"start at {ordered[0].lower:g}; the lowest band must start at 0.")
    if ordered[-1].upper != 100:
        raise fail("bands", f"end at {ordered[-1].upper:g}; the highest band must end at 100.")
    for below, above in itertools.pairwise(ordered):
        if above.lower > below.upper:
            raise fail(
                "bands",
                f"leave a gap between {below.upper:g} ({below.name}) and {above.lower:g} ({above.name}).",
            )
        if above.lower < below.upper:
            raise fail(
                "bands",
                f"overlap: {below.name} ends at {below.upper:g} but {above.name} starts at {above.lower:g}.",
            )
    names = [b.name for b in ordered]
    if len(set(names)) != len(names):
        raise fail("bands", "use the same name twice.")
    return tuple(reversed(ordered))


# Optional sections are parsed by the stage that owns them, with the same Section rules.
SECTION_PARSERS: dict[str, Any] = {}


def register_section(name: str, parser: Any) -> None:
    """Let a stage module (bids, panel, opportunities...) own the schema of its config section."""
    SECTION_PARSERS[name] = parser


TOP_LEVEL_KEYS = [
    "name",
    "description",
    "aggregation",
    "supplier_column",
    "categories",
    "knockouts",
    "knockouts_enabled",
    "bands",
    "column_overrides",
]


def parse_config(data: Any, source: str = "the settings") -> Config:
    """Validate config data (as loaded from YAML) and return a Config, or raise ConfigError saying where."""
    load_section_parsers()
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source} should be a YAML file of settings (key: value lines); it is not.")
    top = Section(data, "", source)
    top.check_keys(TOP_LEVEL_KEYS + list(SECTION_PARSERS))
    supplier = top.section("supplier_column")
    supplier.check_keys(["column", "synonyms"])
    categories_section = top.section("categories", required=True)
    categories_section.check_keys(CATEGORIES)
    categories = []
    keys_seen: dict[str, str] = {}
    for cat_key in CATEGORIES:
        if cat_key not in categories_section.values:
            continue
        cat = categories_section.section(cat_key)
        cat.check_keys(["weight", "criteria"])
        criteria = []
        for item in cat.sections("criteria"):
            if len(keys_seen) >= MAX_CRITERIA:
                raise item.fail(
                    None,
                    f"is one criterion too many: Scorecard scores up to {MAX_CRITERIA} criteria in all.",
                )
            criterion = parse_criterion(item, cat_key)
            if criterion.key in keys_seen:
                raise item.fail(
                    "key", f"{criterion.key!r} is used twice (also in {keys_seen[criterion.key]})."
                )
            keys_seen[criterion.key] = item.path
            criteria.append(criterion)
        categories.append(
            Category(cat_key, cat.number("weight", minimum=0, maximum=MAX_WEIGHT), tuple(criteria))
        )
    all_criteria = {c.key: c for cat in categories for c in cat.criteria}
    knockouts = tuple(parse_knockout(s, all_criteria) for s in top.sections("knockouts"))
    bands = check_bands([parse_band(s) for s in top.sections("bands")], top.fail)
    overrides_raw = top.section("column_overrides")
    for key in overrides_raw.values:
        if key not in all_criteria and key != "supplier":  # "supplier": the column with the supplier names
            raise overrides_raw.fail(str(key), "is not a criterion key in this config.")
    sections = tuple(
        (name, parser(top.section(name), all_criteria))
        for name, parser in SECTION_PARSERS.items()
        if data.get(name) is not None
    )
    config = Config(
        name=top.text("name", max_length=MAX_NAME_LENGTH),
        description=top.text("description", ""),
        aggregation=top.choice("aggregation", AGGREGATIONS, "weighted_sum"),
        supplier_column=supplier.text("column", "Supplier", max_length=MAX_NAME_LENGTH),
        supplier_synonyms=supplier.text_list("synonyms"),
        categories=tuple(categories),
        knockouts=knockouts,
        bands=bands,
        knockouts_enabled=top.flag("knockouts_enabled", True),
        column_overrides=tuple(sorted((str(k), overrides_raw.text(str(k))) for k in overrides_raw.values)),
        source=source,
        sections=sections,
    )
    return validated(config)


def classic_topsis_problem(config: Config) -> ConfigError | None:
    """Why `topsis_classic` cannot score this config (a weighted criterion without a raw number that is
    simply better higher or lower), or None. The settings file and the app's method switch both ask."""
    if config.aggregation != "topsis_classic":
        return None
    shares = config.effective_weights()
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
    if not any(w > 0 for w in config.effective_weights().values()):
        raise ConfigError(
            f"In {config.source or 'the settings'}, every weight under `categories` is 0, "
            "so no supplier could be scored.",
            hint="Give at least one category and one of its criteria a weight above 0.",
        )
    return config


def load_section_parsers() -> None:
    """Import the stage modules that own optional sections, so that they register their parsers."""
    import importlib

    for module in ("scorecard.bids", "scorecard.panel", "scorecard.opportunities"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


def load_config(path: str | Path) -> Config:
    """Read and validate a YAML config file."""
    from scorecard.files import (
        read_input_file,
    )  # files -> guard; imported here to keep config's imports light

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ConfigError(
            f"The settings file {path} does not exist.",
            hint=f"Presets: {', '.join(p.stem for p in preset_paths())}.",
        )
    # a folder or a pipe gets its own message; at most one byte over the limit is read
    return parse_config_text(read_input_file(path, "settings file", MAX_CONFIG_BYTES), path.name)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is installed


class SettingsLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """YAML's safe loader, plus: duplicate keys refused, `1e3` read as a number, huge integers kept whole."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # a list or group used as a key: the base loader says so
                break
            if first is not None:
                raise DuplicateKeyError(key, first, key_node.start_mark.line + 1)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > 300:  # Python refuses to convert 4,300+ digits; no setting needs more than 16
            raise NumberTooLongError(node.start_mark.line + 1, digits)
        return super().construct_yaml_int(node)


SettingsLoader.add_constructor("tag:yaml.org,2002:int", SettingsLoader.construct_yaml_int)
# YAML 1.1 wants a dot in a float ("1.0e3"); buyers write 1e3 and mean a thousand.
SettingsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


class DuplicateKeyError(Exception):
    """The same key twice in one group: YAML would keep the last silently."""

    def __init__(self, key: Any, first: int, line: int) -> None:
        super().__init__(key, first, line)
        self.key, self.first, self.line = key, first, line


class NumberTooLongError(Exception):
    """An integer with hundreds of digits: refused before Python tries to convert it."""

    def __init__(self, line: int, digits: int) -> None:
        super().__init__(line, digits)
        self.line, self.digits = line, digits


def check_yaml_shape(text: bytes | str, source: str) -> None:
    """Refuse deep nesting and huge node counts from the event stream, before any tree is built.

    libyaml's event parser keeps its own stack (no recursion), so walking the
    events costs a bounded, linear amount of work for any input.
    """
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1
                raise ConfigError(
                    f"{source} nests groups of settings more than {MAX_NESTING} levels deep (line {line}); "
                    "Scorecard settings never need that many.",
                    hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(event, (yaml.NodeEvent)):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise ConfigError(
                    f"{source} holds more than {MAX_YAML_NODES:,} values; Scorecard settings never need that many.",
                    hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
                )


def parse_config_text(text: bytes | str, source: str) -> Config:
    """Parse YAML text (an uploaded or stored settings file) safely into a Config."""
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{source} is larger than any settings file should be ({len(text):,} bytes; "
            f"the limit is {MAX_CONFIG_BYTES:,}).",
            hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
        )
    not_text = ConfigError(
        f"{source} is not a text settings file.", hint="Upload a .yaml file saved from Scorecard."
    )
    try:
        check_yaml_shape(text, source)
        data = yaml.load(text, Loader=SettingsLoader)  # a safe loader: no Python tags
    except yaml.reader.ReaderError:
        # control characters or bytes that are not text: a spreadsheet or zip uploaded by mistake
        raise not_text from None
    except DuplicateKeyError as error:
        raise ConfigError(
            f"{source} gives `{shorten(str(error.key))}` twice in the same group "
            f"(line {error.first} and line {error.line}); Scorecard cannot tell which one you meant.",
            hint="Delete one of the two lines and load the settings again.",
        ) from None
    except NumberTooLongError as error:
        raise ConfigError(
            f"{source} has a number of {error.digits:,} digits at line {error.line}; "
            "no setting needs more than a few.",
            hint="Check the number of digits on that line.",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise ConfigError(
            f"{source} could not be read{where}: {shorten(str(problem))}.",
            hint="Check the indentation and colons there.",
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise not_text from None
    except RecursionError:  # a last line of defence; check_yaml_shape refuses deep files first
        raise ConfigError(
            f"{source} nests groups of settings too deeply to read.",
            hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
        ) from None
    return parse_config(data, source)


def preset_paths() -> list[Path]:
    """The preset configs shipped in `configs/`, default first."""
    paths = sorted(CONFIG_DIR.glob("*.yaml"))
    return sorted(paths, key=lambda p: (p.stem != "default", p.stem))


def load_preset(name: str) -> Config:
    return load_config(CONFIG_DIR / f"{name}.yaml")


# --------------------------------------------------------------------------- writing back


def method_to_dict(method: Method, direction: str) -> dict[str, Any] | str:
    if method.kind in ("min_max", "ratio_to_best"):
        return method.kind
    if method.kind == "linear":
        return {"type": "linear", "worst": method.worst, "best": method.best}
    if method.kind == "target":
        return {"type": "target", "target": method.target, "tolerance": method.tolerance}
    if method.kind == "steps":
        word = "at_least" if direction == "higher" else "at_most"
        return {
            "type": "steps",
            "steps": [{word: s.limit, "score": s.points} for s in method.steps],
            "otherwise": method.otherwise,
        }
    if method.kind == "categorical":
        return {"type": "categorical", "points": dict(method.points)}
    return {"type": "log_ratio", "a": method.log_base}


def config_to_dict(config: Config) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": config.name,
        "description": config.description,
        "aggregation": config.aggregation,
        "supplier_column": {"column": config.supplier_column, "synonyms": list(config.supplier_synonyms)},
        "categories": {
            cat.key: {
                "weight": cat.weight,
                "criteria": [
                    {
                        "key": c.key,
                        "label": c.label,
                        "column": c.column,
                        "synonyms": list(c.synonyms),
                        "unit": c.unit,
                        "kind": c.kind,
                        "direction": c.direction,
                        "weight": c.weight,
                        "method": method_to_dict(c.method, c.direction),
                        "missing": c.missing,
                        "panel": c.panel,
                        "description": c.description,
                    }
                    for c in cat.criteria
                ],
            }
            for cat in config.categories
        },
        "knockouts": [knockout_to_dict(k) for k in config.knockouts],
        "knockouts_enabled": config.knockouts_enabled,
        "bands": [{"name": b.name, "from": b.lower, "to": b.upper, "colour": b.colour} for b in config.bands],
        "column_overrides": dict(config.column_overrides),
    }
    for name, value in config.sections:
        data[name] = value.to_dict()
    return data


def knockout_to_dict(knockout: Knockout) -> dict[str, Any]:
    data: dict[str, Any] = {"criterion": knockout.criterion, "if_missing": knockout.if_missing}
    if knockout.must_be:
        data["must_be"] = list(knockout.must_be)
    elif knockout.at_least is not None:
        data["at_least"] = knockout.at_least
    else:
        data["at_most"] = knockout.at_most
    return data


def config_to_yaml(config: Config) -> str:
    """The settings as a YAML file the buyer can download, edit and upload again."""
    return yaml.safe_dump(config.to_dict(), sort_keys=False, allow_unicode=True)
