"""The `panel` section of the settings: the rating scale, how the consensus is agreed, the sheet's column names.

Validated once, with the config's `Section` helpers, so every problem names its key (e.g.
`panel.scale.max`); the panel's agreed (moderated) ratings are kept here too, so a settings file
reopened later scores exactly as it was left.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from scorecard.config import Criterion, Section, SectionKind, describe_value
from scorecard.names import header_key, supplier_key

CONSENSUS_METHODS: dict[str, str] = {
    "mean": "mean of the ratings",
    "median": "median of the ratings",
    "trimmed_mean": "trimmed mean of the ratings",
}
SHAPES = ("auto", "long", "wide")
DEFAULT_DESCRIPTORS: tuple[tuple[float, str], ...] = (
    (0.0, "Unacceptable"),
    (1.0, "Poor"),
    (2.0, "Acceptable"),
    (3.0, "Good"),
    (4.0, "Excellent"),
)
# Header names each column of the evaluations sheet may appear under; the config can add more.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "evaluator": ("Evaluator", "Evaluator name", "Assessor", "Rater", "Panel member", "Reviewer", "Scorer"),
    "supplier": ("Supplier", "Supplier name", "Vendor", "Vendor name", "Bidder", "Company"),
    "criterion": ("Criterion", "Criteria", "Question", "Aspect", "Attribute", "Evaluation criterion"),
    "rating": ("Rating", "Score", "Points", "Grade"),
    "comment": ("Comment", "Comments", "Evidence", "Notes", "Note", "Justification", "Rationale", "Remarks"),
    # a buyer's own summary columns: in the wide shape they would otherwise pass for one more evaluator
    "ignore": (
        "Average",
        "Mean",
        "Median",
        "Consensus",
        "Total",
        "Sum",
        "Overall",
        "Moderated",
        "Moderated rating",
        "Agreed rating",
        "Final rating",
        "Min",
        "Max",
        "Range",
        "Spread",
        "Count",
        "Category",
        "Weight",
    ),
}
COLUMN_ROLES = tuple(DEFAULT_COLUMNS)
READ_ROLES = ("evaluator", "supplier", "criterion", "rating", "comment")
LONG_ROLES = ("evaluator", "supplier", "criterion", "rating")
EPSILON = 1e-9  # ratings are small numbers; this keeps "a range of exactly 2" from missing the flag


@dataclass(frozen=True)
class PanelSettings:
    """How the panel rates and how its ratings are combined (the `panel` section of the config)."""

    scale_min: float = 0.0
    scale_max: float = 4.0
    descriptors: tuple[tuple[float, str], ...] = DEFAULT_DESCRIPTORS
    consensus: str = "mean"
    trim_share: float = 0.2
    evaluator_weights: tuple[tuple[str, float], ...] = ()
    disagreement_range: float = 2.0
    shape: str = "auto"
    columns: tuple[tuple[str, tuple[str, ...]], ...] = tuple(DEFAULT_COLUMNS.items())
    moderation: tuple[Moderation, ...] = ()

    def names_for(self, role: str) -> tuple[str, ...]:
        """Header names the evaluations sheet may use for one column role (evaluator, supplier...)."""
        return dict(self.columns)[role]

    def descriptor(self, rating: float) -> str | None:
        """The word for a rating on the scale ('Good' for 3), if the config gives one."""
        for point, text in self.descriptors:
            if math.isclose(point, rating):
                return text
        return None

    def weight_of(self, evaluator: str) -> float:
        """An evaluator's weight: as set in the config (names compared ignoring case and spacing), else 1."""
        wanted = supplier_key(evaluator)
        for name, weight in self.evaluator_weights:
            if supplier_key(name) == wanted:
                return weight
        return 1.0

    def scale_words(self) -> str:
        """'0 to 4 (0 Unacceptable, 1 Poor, ...)': the scale as the Method sheet states it."""
        text = f"{self.scale_min:g} to {self.scale_max:g}"
        if self.descriptors:
            text += " (" + ", ".join(f"{p:g} {t}" for p, t in self.descriptors) + ")"
        return text

    def to_dict(self) -> dict[str, Any]:
        """YAML-ready data; parsing it again gives equal settings."""
        data: dict[str, Any] = {
            "scale": {
                "min": plain(self.scale_min),
                "max": plain(self.scale_max),
                "descriptors": {plain(p): t for p, t in self.descriptors},
            },
            "consensus": self.consensus,
            "evaluator_weights": {name: plain(w) for name, w in self.evaluator_weights},
            "disagreement_range": plain(self.disagreement_range),
            "shape": self.shape,
            "columns": {role: list(names) for role, names in self.columns},
        }
        if self.consensus == "trimmed_mean":
            data["trim_share"] = self.trim_share
        if self.moderation:
            data["moderation"] = [m.to_dict() for m in self.moderation]
        return data

    def with_moderation(self, moderation: Sequence[Moderation]) -> PanelSettings:
        """The same settings with the panel's agreed ratings (the app records them; the settings file keeps them)."""
        return replace(self, moderation=tuple(moderation))


@dataclass(frozen=True)
class Moderation:
    """The rating a panel agreed for one supplier and criterion after discussing a disagreement, and why.

    Kept in the settings (`panel.moderation`) so that an evaluation reopened from its
    settings file scores exactly as it was left, with the reason on record.
    """

    supplier: str
    criterion: str  # the panel criterion's key
    rating: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "criterion": self.criterion,
            "rating": plain(self.rating),
            "reason": self.reason,
        }


def plain(number: float) -> int | float:
    """2.0 -> 2, so that the YAML a buyer downloads reads naturally."""
    return int(number) if float(number).is_integer() else float(number)


PANEL_KEYS = (
    "scale",
    "consensus",
    "trim_share",
    "evaluator_weights",
    "disagreement_range",
    "shape",
    "columns",
    "moderation",
)


def parse_panel_settings(section: Section, criteria: Mapping[str, Criterion]) -> PanelSettings:
    """Validate the `panel` section; every error names the key (e.g. `panel.scale.max`) and what to do."""
    section.check_keys(PANEL_KEYS)
    scale = section.section("scale")
    scale.check_keys(["min", "max", "descriptors"])
    low = scale.number("min", 0.0)
    high = scale.number("max", 4.0)
    if high <= low:
        raise scale.fail("max", f"is {high:g}, which is not above `min` ({low:g}).")
    descriptors = parse_descriptors(scale, low, high)
    consensus = section.choice("consensus", CONSENSUS_METHODS, "mean")
    trim_share = parse_trim_share(section, consensus)
    weights = parse_evaluator_weights(section.section("evaluator_weights"))
    threshold = parse_disagreement_range(section, high - low)
    columns = parse_columns(section.section("columns"))
    settings = PanelSettings(
        scale_min=low,
        scale_max=high,
        descriptors=descriptors,
        consensus=consensus,
        trim_share=trim_share,
        evaluator_weights=weights,
        disagreement_range=threshold,
        shape=section.choice("shape", SHAPES, "auto"),
        columns=columns,
        moderation=parse_moderation(section, low, high, criteria),
    )
    check_panel_criteria(section, settings, criteria)
    return settings


def parse_trim_share(section: Section, consensus: str) -> float:
    """The share set aside at each end by the trimmed mean; only that method takes one."""
    trim_share = section.number("trim_share", 0.2, minimum=0)
    if trim_share >= 0.5:
        raise section.fail(
            "trim_share",
            f"is {trim_share:g}; it is the share set aside at each end, so it must be below 0.5 (e.g. 0.2).",
        )
    if section.has("trim_share") and consensus != "trimmed_mean":
        raise section.fail(
            "trim_share",
            f"is set, but `consensus` is {consensus}; set `consensus: trimmed_mean` or remove it.",
        )
    return trim_share


def parse_evaluator_weights(weights_section: Section) -> tuple[tuple[str, float], ...]:
    """Each named evaluator's weight (above 0); two spellings of one evaluator are refused."""
    weights: list[tuple[str, float]] = []
    seen: dict[str, str] = {}
    for name, value in weights_section.values.items():
        weight = weights_section.check_number(str(name), value, minimum=0)
        if weight <= 0:
            raise weights_section.fail(
                str(name), "is 0; a weight must be above 0. To leave an evaluator out, remove their ratings."
            )
        key = supplier_key(str(name))
        if key in seen:
            raise weights_section.fail(
                str(name), f"names the same evaluator as {seen[key]!r} (names are compared ignoring case)."
            )
        seen[key] = str(name)
        weights.append((str(name).strip(), weight))
    return tuple(weights)


def parse_disagreement_range(section: Section, span: float) -> float:
    """The gap between highest and lowest rating that calls for moderation: half the scale unless set."""
    threshold = section.number("disagreement_range", span / 2, minimum=0)
    if threshold <= 0 or threshold > span:
        raise section.fail(
            "disagreement_range",
            f"is {threshold:g}; it is the gap between the highest and lowest rating that calls for "
            f"moderation, so it must be above 0 and at most {span:g} (the width of the scale).",
        )
    return threshold


def parse_columns(columns_section: Section) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Header names per column role: the defaults, then the settings' own names (no repeats)."""
    columns_section.check_keys(COLUMN_ROLES)
    columns = []
    for role, defaults in DEFAULT_COLUMNS.items():
        names: list[str] = []
        for name in (*defaults, *columns_section.text_list(role)):
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        columns.append((role, tuple(names)))
    return tuple(columns)


def parse_moderation(
    section: Section, low: float, high: float, criteria: Mapping[str, Criterion]
) -> tuple[Moderation, ...]:
    """`panel.moderation`: one entry per agreed rating (supplier, criterion, rating on the scale, reason)."""
    panel = [c for c in criteria.values() if c.panel]
    out: list[Moderation] = []
    seen: set[tuple[str, str]] = set()
    for item in section.sections("moderation"):
        item.check_keys(["supplier", "criterion", "rating", "reason"])
        supplier = item.text("supplier")
        named = item.text("criterion")
        criterion = next((c for c in panel if header_key(named) in criterion_names(c)), None)
        if criterion is None:
            labels = ", ".join(c.label for c in panel) or "none"
            raise item.fail("criterion", f"is {named!r}, which is not a panel-rated criterion ({labels}).")
        rating = item.number("rating", minimum=low, maximum=high)
        reason = item.text("reason")
        if not supplier.strip() or not reason.strip():
            raise item.fail(None, "needs the supplier and the reason the panel agreed this rating.")
        pair = (supplier_key(supplier), criterion.key)
        if pair in seen:
            raise item.fail(
                None, f"is a second moderated rating for {supplier} on {criterion.label}; keep one."
            )
        seen.add(pair)
        out.append(Moderation(supplier.strip(), criterion.key, rating, reason.strip()))
    return tuple(out)


def parse_descriptors(scale: Section, low: float, high: float) -> tuple[tuple[float, str], ...]:
    """Words per point of the scale ({0: Unacceptable, ... 4: Excellent}); default words fit only 0-4."""
    raw = scale.values.get("descriptors")
    if raw is None:
        return DEFAULT_DESCRIPTORS if (low, high) == (0.0, 4.0) else ()
    if not isinstance(raw, Mapping):
        raise scale.fail(
            "descriptors",
            f"should list each point with its word, e.g. {{0: Poor, 4: Excellent}}, not {describe_value(raw)}.",
        )
    words = Section(raw, f"{scale.path}.descriptors", scale.source)
    out: list[tuple[float, str]] = []
    for point_raw in raw:
        point: Any = point_raw
        if isinstance(point_raw, str):
            try:
                point = float(point_raw)
            except ValueError:
                raise words.fail(str(point_raw), "should be a point of the scale (a number).") from None
        point = words.check_number(str(point_raw), point, minimum=low, maximum=high)
        text = raw[point_raw]
        if not isinstance(text, str) or not text.strip():
            raise words.fail(str(point_raw), "should be the word for this point, e.g. Good.")
        text = text.strip()
        out.append((point, text))
    out.sort()
    if len({t.casefold() for _, t in out}) != len(out):
        raise scale.fail("descriptors", "use the same word twice (words are compared ignoring case).")
    if len({p for p, _ in out}) != len(out):
        raise scale.fail("descriptors", "list the same point twice.")
    return tuple(out)


def check_panel_criteria(
    section: Section, settings: PanelSettings, criteria: Mapping[str, Criterion]
) -> None:
    """Panel-rated criteria must exist and score a rating on this scale."""
    panel = [c for c in criteria.values() if c.panel]
    if not panel:
        raise section.fail(
            None,
            "is set, but no criterion has `panel: true`. Mark the criteria the panel rates "
            "(e.g. responsiveness) with `panel: true`, or remove the panel section.",
        )
    low, high = settings.scale_min, settings.scale_max
    names: dict[str, str] = {}
    for c in panel:
        check_panel_method(section, c, low, high)
        for name in criterion_names(c):
            if name in names and names[name] != c.key:
                raise section.fail(
                    None,
                    f"cannot tell panel criteria `{names[name]}` and `{c.key}` apart: both are called "
                    f"{name!r}. Give one of them another label or synonym.",
                )
            names[name] = c.key


def check_panel_method(section: Section, c: Criterion, low: float, high: float) -> None:
    """A panel-rated criterion scores a rating on the panel's scale: numeric, with matching ends and unit."""
    if c.method.kind == "categorical":
        raise section.fail(
            "scale",
            f"is a numeric rating scale, but criterion `{c.key}` (panel: true) uses a categorical method; "
            f"give it {{type: linear, worst: {low:g}, best: {high:g}}}.",
        )
    if c.method.kind == "linear":
        ends = (c.method.worst, c.method.best)
        if any(e is None or e < low - EPSILON or e > high + EPSILON for e in ends):
            raise section.fail(
                "scale",
                f"is {low:g} to {high:g}, but criterion `{c.key}` (panel: true) is scored linear from "
                f"{ends[0]:g} to {ends[1]:g}; set its method to "
                f"{{type: linear, worst: {low:g}, best: {high:g}}} or change the scale.",
            )
    stated = re.search(r"(-?\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(-?\d+(?:\.\d+)?)", c.unit)
    if stated and (float(stated.group(1)), float(stated.group(2))) != (low, high):
        raise section.fail(
            "scale",
            f"is {low:g} to {high:g}, but criterion `{c.key}` (panel: true) says its unit is "
            f"{c.unit!r}; make the two agree (e.g. unit: rating {low:g}-{high:g}).",
        )


def criterion_names(criterion: Criterion) -> set[str]:
    """Every normalised name a criterion may go by in the evaluations sheet."""
    raw = (
        criterion.key,
        criterion.key.replace("_", " "),
        criterion.label,
        criterion.column,
        *criterion.synonyms,
    )
    return {n for n in (header_key(r) for r in raw) if n}


# The `panel` section of a settings file, listed in scorecard/sections.py.
PANEL_SECTION = SectionKind("panel", PanelSettings, parse_panel_settings)
