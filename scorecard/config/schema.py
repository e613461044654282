"""The settings' values: criteria, their scoring methods, categories, must-haves and score bands.

Frozen dataclasses, built only by the parser after every check, so code that holds one can trust it.
The whole settings file is a `complete.Config`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.config.vocabulary import CATEGORIES


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
class SwitchedOff:
    """A must-have switched off because the file has no column to check it against: by the buyer, or by
    settings fitted to the file's columns. The rule is kept in words, so that the reports can name it even
    when the criterion itself is no longer scored."""

    criterion: str  # the criterion's key: what `--skip-must-have` takes
    label: str
    rule: str  # the rule in words, e.g. "ISO 9001 certified must be Yes"
    chosen: bool = True  # switched off by the buyer; False: settings fitted to the file left it out
    knockout: Knockout | None = None  # the rule itself, written back on in a downloaded settings file


@dataclass(frozen=True)
class Band:
    """A score band such as 'Preferred, 65 to 80': scores from `lower` up to (not including) `upper`."""

    name: str
    lower: float
    upper: float
    colour: str
