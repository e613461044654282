"""Evaluator panels: several people's ratings become one consensus rating per supplier and criterion.

Quality, risk and relationship criteria are often rated by a panel (a buyer, a
quality engineer, a plant manager). This stage reads their evaluations sheet
(long: one rating per row; or wide: one column per evaluator), agrees a
consensus per supplier and criterion (mean, median or trimmed mean, optionally
weighted by evaluator), and flags the pairs whose ratings spread so widely that
the panel should moderate them. A blank rating means "not rated", never zero;
a supplier nobody rated on a criterion gets no consensus, so that criterion's
own missing-value policy applies in the engine. Every rating that cannot be
used (unknown supplier or criterion, outside the scale, a duplicate) is
reported with its sheet and row.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from scorecard.clean import ValueKind, is_missing_marker, normalise_header, parse_number
from scorecard.config import MISSING_POLICIES, Criterion, Section, describe_value, register_section
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import supplier_key
from scorecard.report import ReportTable
from scorecard.suppliers import SupplierTable

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
T = TypeVar("T")
EPSILON = 1e-9  # ratings are small numbers; this keeps "a range of exactly 2" from missing the flag


# --------------------------------------------------------------------------- settings


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
        wanted = name_key(evaluator)
        for name, weight in self.evaluator_weights:
            if name_key(name) == wanted:
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


def parse_panel_settings(section: Section, criteria: Mapping[str, Criterion]) -> PanelSettings:
    """Validate the `panel` section; every error names the key (e.g. `panel.scale.max`) and what to do."""
    section.check_keys(
        [
            "scale",
            "consensus",
            "trim_share",
            "evaluator_weights",
            "disagreement_range",
            "shape",
            "columns",
            "moderation",
        ]
    )
    scale = section.section("scale")
    scale.check_keys(["min", "max", "descriptors"])
    low = scale.number("min", 0.0)
    high = scale.number("max", 4.0)
    if high <= low:
        raise scale.fail("max", f"is {high:g}, which is not above `min` ({low:g}).")
    descriptors = parse_descriptors(scale, low, high)

    consensus = section.choice("consensus", CONSENSUS_METHODS, "mean")
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

    weights_section = section.section("evaluator_weights")
    weights: list[tuple[str, float]] = []
    seen: dict[str, str] = {}
    for name, value in weights_section.values.items():
        weight = weights_section.check_number(str(name), value, minimum=0)
        if weight <= 0:
            raise weights_section.fail(
                str(name), "is 0; a weight must be above 0. To leave an evaluator out, remove their ratings."
            )
        key = name_key(str(name))
        if key in seen:
            raise weights_section.fail(
                str(name), f"names the same evaluator as {seen[key]!r} (names are compared ignoring case)."
            )
        seen[key] = str(name)
        weights.append((str(name).strip(), weight))

    span = high - low
    threshold = section.number("disagreement_range", span / 2, minimum=0)
    if threshold <= 0 or threshold > span:
        raise section.fail(
            "disagreement_range",
            f"is {threshold:g}; it is the gap between the highest and lowest rating that calls for "
            f"moderation, so it must be above 0 and at most {span:g} (the width of the scale).",
        )

    columns_section = section.section("columns")
    columns_section.check_keys(COLUMN_ROLES)
    columns = []
    for role, defaults in DEFAULT_COLUMNS.items():
        names: list[str] = []
        for name in (*defaults, *columns_section.text_list(role)):
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        columns.append((role, tuple(names)))

    settings = PanelSettings(
        scale_min=low,
        scale_max=high,
        descriptors=descriptors,
        consensus=consensus,
        trim_share=trim_share,
        evaluator_weights=tuple(weights),
        disagreement_range=threshold,
        shape=section.choice("shape", SHAPES, "auto"),
        columns=tuple(columns),
        moderation=parse_moderation(section, low, high, criteria),
    )
    check_panel_criteria(section, settings, criteria)
    return settings


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
        criterion = next((c for c in panel if normalise_header(named) in criterion_names(c)), None)
        if criterion is None:
            labels = ", ".join(c.label for c in panel) or "none"
            raise item.fail("criterion", f"is {named!r}, which is not a panel-rated criterion ({labels}).")
        rating = item.number("rating", minimum=low, maximum=high)
        reason = item.text("reason")
        if not supplier.strip() or not reason.strip():
            raise item.fail(None, "needs the supplier and the reason the panel agreed this rating.")
        pair = (name_key(supplier), criterion.key)
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
        for name in criterion_names(c):
            if name in names and names[name] != c.key:
                raise section.fail(
                    None,
                    f"cannot tell panel criteria `{names[name]}` and `{c.key}` apart: both are called "
                    f"{name!r}. Give one of them another label or synonym.",
                )
            names[name] = c.key


register_section("panel", parse_panel_settings)


# --------------------------------------------------------------------------- names


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Supplier and evaluator names compare by the one rule of `scorecard.names` ('ACME  ltd' is 'Acme Ltd')."""
    return supplier_key(str(name))


def criterion_names(criterion: Criterion) -> set[str]:
    """Every normalised name a criterion may go by in the evaluations sheet."""
    raw = (
        criterion.key,
        criterion.key.replace("_", " "),
        criterion.label,
        criterion.column,
        *criterion.synonyms,
    )
    return {n for n in (normalise_header(r) for r in raw) if n}


def cell_text(value: object, kind: ValueKind = ValueKind.TEXT) -> str | None:
    """A cell as text; None when blank or a missing marker (N/A, -, TBD; for names only blank)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text or is_missing_marker(text, kind):
        return None
    return text


# --------------------------------------------------------------------------- the sheet's layout


@dataclass(frozen=True)
class Layout:
    """Which column of the evaluations sheet plays which part."""

    shape: str
    supplier: str
    criterion: str
    evaluator: str | None = None
    rating: str | None = None
    comment: str | None = None
    # wide shape: (evaluator name, rating column, its own comment column or None)
    evaluators: tuple[tuple[str, str, str | None], ...] = ()
    unused: tuple[str, ...] = ()


def find_role(headers: Sequence[str], names: Sequence[str]) -> str | None:
    """The first header that matches one of the names (in the names' order), ignoring case and punctuation."""
    normalised = [(h, normalise_header(h)) for h in headers]
    for name in names:
        wanted = normalise_header(name)
        for header, norm in normalised:
            if wanted and norm == wanted:
                return header
    return None


def comment_owner(
    header: str, comment_names: Sequence[str], evaluator_columns: Mapping[str, str]
) -> str | None:
    """For 'Anna comment', 'Comments - Anna' or 'Anna (evidence)': the evaluator column it belongs to."""
    for name in comment_names:
        word = re.escape(name)
        for pattern in (
            rf"\s*(?P<rest>.+?)[\s\-–:_/(\[]*\b{word}\b[\s)\]]*",
            rf"[\s(\[]*\b{word}\b[\s\-–:_/)\]]*(?P<rest>.+?)[\s)\]]*",
        ):
            match = re.fullmatch(pattern, header, flags=re.IGNORECASE)
            if match:
                owner = evaluator_columns.get(normalise_header(match.group("rest")))
                if owner:
                    return owner
    return None


def detect_layout(evaluations: pd.DataFrame, settings: PanelSettings, sheet: str) -> Layout:
    """Long or wide, from the columns (or as the settings force it); raises when neither fits."""
    headers = [str(h) for h in evaluations.columns if cell_text(h, ValueKind.IDENTIFIER) is not None]
    found = {role: find_role(headers, settings.names_for(role)) for role in READ_ROLES}
    ignored = {normalise_header(name) for name in settings.names_for("ignore")}
    is_long = all(found[r] for r in LONG_ROLES)
    shape = settings.shape
    if shape == "auto":
        if is_long:
            shape = "long"
        elif found["supplier"] and found["criterion"] and not found["rating"] and not found["evaluator"]:
            shape = "wide"
        else:
            raise layout_error(found, settings, sheet, headers)
    if shape == "long":
        if not is_long:
            raise layout_error(found, settings, sheet, headers, forced="long")
        used = {found[r] for r in READ_ROLES}
        return Layout(
            "long",
            supplier=found["supplier"],
            criterion=found["criterion"],
            evaluator=found["evaluator"],
            rating=found["rating"],
            comment=found["comment"],
            unused=tuple(h for h in headers if h not in used),
        )
    if not (found["supplier"] and found["criterion"]):
        raise layout_error(found, settings, sheet, headers, forced="wide")
    taken = {found["supplier"], found["criterion"], found["comment"]}
    comment_names = settings.names_for("comment")
    unused = tuple(h for h in headers if h not in taken and normalise_header(h) in ignored)
    candidates = [h for h in headers if h not in taken and h not in unused]
    by_name = {normalise_header(h): h for h in candidates}
    owners = {h: comment_owner(h, comment_names, by_name) for h in candidates}
    comment_columns = {h for h, owner in owners.items() if owner and owner != h}
    evaluators = tuple(
        (h, h, next((c for c in comment_columns if owners[c] == h), None))
        for h in candidates
        if h not in comment_columns
    )
    if not evaluators:
        raise ScorecardError(
            "The evaluations sheet has a supplier and a criterion column but no evaluator columns.",
            sheet=sheet,
            hint="Add one column of ratings per evaluator, headed with the evaluator's name.",
        )
    return Layout(
        "wide",
        supplier=found["supplier"],
        criterion=found["criterion"],
        comment=found["comment"],
        evaluators=evaluators,
        unused=unused,
    )


def layout_error(
    found: Mapping[str, str | None],
    settings: PanelSettings,
    sheet: str,
    headers: Sequence[str],
    forced: str | None = None,
) -> ScorecardError:
    """Say which columns were looked for and not found, with the names each may go by."""
    roles = ("supplier", "criterion") if forced == "wide" else LONG_ROLES
    missing = [r for r in roles if not found[r]]
    wanted = "; ".join(f"{r}: {', '.join(settings.names_for(r)[:4])}" for r in missing)
    shape = {
        None: "either shape (long: evaluator, supplier, criterion, rating; wide: supplier, criterion, "
        "then one column per evaluator)",
        "long": "the long shape the settings ask for",
        "wide": "the wide shape the settings ask for",
    }[forced]
    return ScorecardError(
        f"The evaluations sheet does not fit {shape}. Missing: {wanted}.",
        sheet=sheet,
        hint=f"Its columns are: {', '.join(headers) or 'none'}. Rename them, or add names under "
        "`panel.columns` in the settings.",
    )


# --------------------------------------------------------------------------- reading ratings


@dataclass
class RatingRead:
    """One rating as read from the sheet, before duplicates are resolved."""

    evaluator: str
    supplier: int
    criterion: int
    rating: float
    comment: str | None
    row: Any
    column: str


def read_rating(value: object, settings: PanelSettings) -> tuple[float | None, bool]:
    """(rating, readable): a number on the scale, a descriptor word ('Good') or '3 - Good'.

    A blank or missing marker gives (None, True): not rated, which is not an error.
    """
    text = cell_text(value, ValueKind.NUMBER)
    if text is None:
        return None, True
    if isinstance(value, (bool, np.bool_)):
        return None, False
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return (number, True) if math.isfinite(number) else (None, False)
    for point, word in settings.descriptors:
        if normalise_header(word) == normalise_header(text):
            return point, True
    number = as_number(text)
    if number is not None:
        return number, True
    # '3 - Good', '3 (Good)': the number counts when the words agree with the scale
    match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*[-–:(=]?\s*(.*?)\)?\s*", text)
    if match and match.group(2):
        number = as_number(match.group(1))
        word = settings.descriptor(number) if number is not None else None
        if word and normalise_header(word) == normalise_header(match.group(2)):
            return number, True
    return None, False


def as_number(text: str) -> float | None:
    """A number from text, by the clean stage's rules (decimal commas, spaces); None if it is not one."""
    number = parse_number(text)
    return number if number is not None and math.isfinite(number) else None


class SupplierLookup:
    """Matches supplier names in the sheet to the supplier table, ignoring case and spacing."""

    def __init__(self, suppliers: Sequence[str]) -> None:
        self.suppliers = tuple(suppliers)
        self.by_key: dict[str, int] = {}
        for i, name in enumerate(self.suppliers):
            self.by_key.setdefault(name_key(name), i)

    def find(self, name: str) -> int | None:
        return self.by_key.get(name_key(name))

    def suggestion(self, name: str) -> str:
        close = difflib.get_close_matches(name, self.suppliers, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        shown = ", ".join(self.suppliers[:8]) + (", ..." if len(self.suppliers) > 8 else "")
        return f"Suppliers in the supplier sheet: {shown}."


class CriterionLookup:
    """Matches criterion names in the sheet to panel criteria by key, label, column or synonym."""

    def __init__(self, panel: Sequence[Criterion], others: Sequence[Criterion]) -> None:
        self.panel = tuple(panel)
        self.by_name: dict[str, int] = {}
        for j, c in enumerate(self.panel):
            for name in criterion_names(c):
                self.by_name.setdefault(name, j)
        self.other_names: dict[str, Criterion] = {}
        for c in others:
            for name in criterion_names(c):
                self.other_names.setdefault(name, c)

    def find(self, name: str) -> int | Criterion | None:
        """Index of a panel criterion; or the non-panel Criterion it names; or None if unknown."""
        wanted = normalise_header(name)
        if wanted in self.by_name:
            return self.by_name[wanted]
        return self.other_names.get(wanted)

    def suggestion(self, name: str) -> str:
        labels = [c.label for c in self.panel]
        close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        return f"Panel-rated criteria: {', '.join(labels)}."


def layout_columns(layout: Layout) -> list[str]:
    """Every column the layout reads."""
    named = [layout.supplier, layout.criterion, layout.evaluator, layout.rating, layout.comment]
    for _, rating, comment in layout.evaluators:
        named += [rating, comment]
    return list(dict.fromkeys(h for h in named if h is not None))


def memoised(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` with its answers kept per distinct cell (1, 1.0 and True stay apart)."""
    cache: dict[tuple[type, Any], T] = {}

    def call(value: Any) -> T:
        try:
            key = (type(value), value)
            if key in cache:
                return cache[key]
        except TypeError:  # an unhashable cell
            return function(value)
        result = cache[key] = function(value)
        return result

    return call


def read_ratings(
    evaluations: pd.DataFrame,
    layout: Layout,
    settings: PanelSettings,
    suppliers: SupplierLookup,
    criteria: CriterionLookup,
    sheet: str,
) -> tuple[list[RatingRead], list[Finding]]:
    """Every usable rating in sheet order; every unusable one becomes a finding with its row."""
    findings: list[Finding] = []
    ratings: list[RatingRead] = []
    if layout.shape == "long":
        cells = [(layout.evaluator, layout.rating, layout.comment)]
    else:
        cells = [(name, column, own) for name, column, own in layout.evaluators]
    column_values = {h: evaluations[h].astype(object).tolist() for h in layout_columns(layout)}
    # names and ratings repeat down the sheet: read each distinct cell once
    supplier_of = memoised(lambda v: cell_text(v, ValueKind.IDENTIFIER))
    criterion_of = memoised(cell_text)
    evaluator_of = memoised(lambda v: cell_text(v, ValueKind.IDENTIFIER))
    rating_of = memoised(lambda v: read_rating(v, settings))
    find_supplier = memoised(suppliers.find)
    find_criterion = memoised(criteria.find)
    readable_columns: dict[str, int] = {column: 0 for _, column, _ in cells}
    unreadable: dict[str, list[Finding]] = {column: [] for _, column, _ in cells}
    for position, row in enumerate(evaluations.index):
        record = {h: values[position] for h, values in column_values.items()}
        supplier_name = supplier_of(record[layout.supplier])
        criterion_name = criterion_of(record[layout.criterion])
        shared_comment = cell_text(record[layout.comment]) if layout.comment else None
        entries = []
        for evaluator_source, rating_column, comment_column in cells:
            rating, readable = rating_of(record[rating_column])
            if rating is None and readable:
                continue  # blank: not rated, never zero
            evaluator = evaluator_of(record[evaluator_source]) if layout.shape == "long" else evaluator_source
            comment = cell_text(record[comment_column]) if comment_column else None
            if layout.shape == "wide" and shared_comment:
                comment = f"{comment} / {shared_comment}" if comment else shared_comment
            readable_columns[rating_column] += readable
            entries.append((evaluator, rating, readable, comment, rating_column))
        if not entries:
            continue
        where = {"sheet": sheet, "row": int(row) if isinstance(row, (int, np.integer)) else row}
        if supplier_name is None or criterion_name is None:
            what = "supplier" if supplier_name is None else "criterion"
            column = layout.supplier if supplier_name is None else layout.criterion
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"A rating has no {what} name, so it cannot be counted.",
                    column=column,
                    action=f"not used; fill in the {what}",
                    **where,
                )
            )
            continue
        i = find_supplier(supplier_name)
        if i is None:
            findings.append(
                Finding(
                    Severity.ERROR,
                    f'Supplier "{supplier_name}" is not in the supplier sheet, so its ratings cannot be counted. '
                    + suppliers.suggestion(supplier_name),
                    column=layout.supplier,
                    value=supplier_name,
                    action="not used; correct the name or add the supplier",
                    **where,
                )
            )
            continue
        found = find_criterion(criterion_name)
        if not isinstance(found, int):
            if found is None:
                message = (
                    f'Criterion "{criterion_name}" is not a criterion in the settings. '
                    + criteria.suggestion(criterion_name)
                )
                action = "not used; correct the name or add the criterion to the settings"
            else:
                message = (
                    f'Criterion "{criterion_name}" ({found.label}) is not panel-rated in the settings, '
                    "so panel ratings do not score it."
                )
                action = f"not used; add `panel: true` to criterion `{found.key}` if the panel should rate it"
            findings.append(
                Finding(
                    Severity.ERROR,
                    message,
                    column=layout.criterion,
                    value=criterion_name,
                    action=action,
                    **where,
                )
            )
            continue
        for evaluator, rating, readable, comment, column in entries:
            if evaluator is None:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        "A rating has no evaluator name, so it cannot be weighed or checked for duplicates.",
                        column=layout.evaluator,
                        action="not used; fill in who gave the rating",
                        **where,
                    )
                )
                continue
            raw = record[column]
            if not readable:
                unreadable[column].append(
                    Finding(
                        Severity.WARNING,
                        f"{evaluator}'s rating is not a number on the {settings.scale_words()} scale.",
                        column=column,
                        value=str(raw),
                        action="not used (not rated); enter a number on the scale",
                        **where,
                    )
                )
                continue
            if rating < settings.scale_min - EPSILON or rating > settings.scale_max + EPSILON:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"{evaluator}'s rating {rating:g} is outside the scale "
                        f"({settings.scale_min:g} to {settings.scale_max:g}).",
                        column=column,
                        value=str(raw),
                        action="not used; correct the rating or the scale in the settings",
                        **where,
                    )
                )
                continue
            ratings.append(RatingRead(evaluator, i, found, rating, comment, where["row"], column))
    for column, column_findings in unreadable.items():
        if layout.shape == "wide" and readable_columns[column] == 0:
            # a column with no rating in it is a notes column, not an evaluator: one note, not one per row
            findings.append(
                Finding(
                    Severity.INFO,
                    f'Column "{column}" holds no ratings on the scale, so it is not read as an evaluator.',
                    sheet=sheet,
                    column=column,
                    action="ignored",
                )
            )
        else:
            findings.extend(column_findings)
    if layout.unused:
        findings.append(
            Finding(
                Severity.INFO,
                "These columns of the evaluations sheet are not read: "
                + ", ".join(layout.unused)
                + ". The consensus is worked out from each evaluator's own ratings.",
                sheet=sheet,
                action="ignored",
            )
        )
    return ratings, findings


def resolve_duplicates(
    ratings: list[RatingRead], criteria: Sequence[Criterion], suppliers: Sequence[str], sheet: str
) -> tuple[list[RatingRead], list[Finding]]:
    """One rating per evaluator, supplier and criterion: the later row is kept (a correction), and said so."""
    kept: dict[tuple[str, int, int], RatingRead] = {}
    findings: list[Finding] = []
    for rating in ratings:
        key = (name_key(rating.evaluator), rating.supplier, rating.criterion)
        earlier = kept.get(key)
        if earlier is not None:
            same = (
                "the same rating"
                if math.isclose(earlier.rating, rating.rating)
                else (f"{earlier.rating:g} there, {rating.rating:g} here")
            )
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{rating.evaluator} rated {suppliers[rating.supplier]} on "
                    f"{criteria[rating.criterion].label} twice (also in row {earlier.row}: {same}).",
                    sheet=sheet,
                    row=rating.row,
                    column=rating.column,
                    value=f"{rating.rating:g}",
                    action=f"this later rating is used and the one in row {earlier.row} is not; delete one of them",
                )
            )
            del kept[key]  # re-insert so that sheet order follows the rating that is used
        kept[key] = rating
    return list(kept.values()), findings


# --------------------------------------------------------------------------- the maths


@dataclass(frozen=True)
class GroupStats:
    """Per group (supplier x criterion pair): consensus, count, lowest and highest rating."""

    consensus: np.ndarray
    count: np.ndarray
    lowest: np.ndarray
    highest: np.ndarray


def group_consensus(
    groups: np.ndarray,
    ratings: np.ndarray,
    weights: np.ndarray,
    n_groups: int,
    method: str = "mean",
    trim_share: float = 0.2,
) -> GroupStats:
    """Consensus of the ratings in each group, vectorised; groups without ratings give NaN.

    mean: sum(weight x rating) / sum(weight).
    median: the weighted median: the rating at which the cumulative weight (ratings sorted) first
      reaches half the total; when it lands exactly on half, the average of that rating and the next.
      With equal weights this is the ordinary median.
    trimmed_mean: floor(trim_share x count) ratings are set aside at each end (lowest and highest),
      then the weighted mean of the rest. With equal weights this is scipy's trim_mean.
    """
    groups = np.asarray(groups, dtype=np.int64)
    ratings = np.asarray(ratings, dtype=float)
    weights = np.asarray(weights, dtype=float)
    count = np.bincount(groups, minlength=n_groups)
    consensus = np.full(n_groups, np.nan)
    lowest = np.full(n_groups, np.nan)
    highest = np.full(n_groups, np.nan)
    if groups.size == 0:
        return GroupStats(consensus, count, lowest, highest)
    order = np.lexsort((ratings, groups))
    g, r, w = groups[order], ratings[order], weights[order]
    rated = count > 0
    starts = np.concatenate(([0], np.cumsum(count)[:-1]))  # first position of each group in sorted order
    position = np.arange(g.size) - starts[g]  # 0-based place within the group, lowest rating first
    lowest[rated] = r[starts[rated]]
    highest[rated] = r[starts[rated] + count[rated] - 1]

    if method == "trimmed_mean":
        cut = np.floor(count * trim_share + EPSILON).astype(np.int64)
        keep = (position >= cut[g]) & (position < count[g] - cut[g])
        w = np.where(keep, w, 0.0)
        method = "mean"
    if method == "mean":
        total = np.bincount(g, weights=w, minlength=n_groups)
        weighted = np.bincount(g, weights=w * r, minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            consensus = np.where(total > 0, weighted / total, np.nan)
        return GroupStats(consensus, count, lowest, highest)
    if method != "median":
        raise ValueError(method)
    total = np.bincount(g, weights=w, minlength=n_groups)
    cumulative = np.cumsum(w)
    before = np.concatenate(([0.0], cumulative))[starts]  # weight of earlier groups
    within = cumulative - before[g]
    half = total[g] / 2
    reached = within >= half - EPSILON * np.maximum(total[g], 1)
    first = np.full(n_groups, g.size, dtype=np.int64)
    np.minimum.at(first, g[reached], np.flatnonzero(reached))
    value = np.full(n_groups, np.nan)
    value[rated] = r[first[rated]]
    on_half = np.zeros(n_groups, dtype=bool)
    on_half[rated] = np.isclose(within[first[rated]], half[first[rated]], rtol=1e-12, atol=1e-12)
    has_next = on_half & (first + 1 < starts + count)
    value[has_next] = (r[first[has_next]] + r[first[has_next] + 1]) / 2
    return GroupStats(value, count, lowest, highest)


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class PanelResult:
    """The panel's consensus per supplier and criterion, with the record of how it was reached.

    `consensus`: index supplier, columns panel criterion keys, NaN where nobody rated.
    `ratings`: one row per rating used (evaluator, supplier, criterion, rating, comment, row).
    `summary`: one row per supplier and criterion: consensus, count, min, max, spread, flagged.
    `disagreements`: one row per rating of each flagged pair, widest spread first.
    """

    settings: PanelSettings
    criteria: tuple[Criterion, ...]
    suppliers: tuple[str, ...]
    evaluators: tuple[str, ...]
    sheet: str
    shape: str
    consensus: pd.DataFrame
    ratings: pd.DataFrame
    summary: pd.DataFrame
    disagreements: pd.DataFrame
    findings: tuple[Finding, ...] = field(default=())

    @property
    def flagged_count(self) -> int:
        return int(self.summary["flagged"].sum())

    @property
    def moderated_count(self) -> int:
        return int(self.summary["moderated"].notna().sum())

    def method_lines(self) -> list[str]:
        """The panel's rules in words, for the workbook's Method sheet and the app."""
        s = self.settings
        labels = ", ".join(c.label for c in self.criteria)
        lines = [
            f"Evaluator panel: {len(self.evaluators)} evaluators ({', '.join(self.evaluators) or 'none'}) "
            f'rated {labels} on sheet "{self.sheet}" ({self.shape} shape).',
            f"Rating scale: {s.scale_words()}. A blank rating means not rated, never "
            f"{s.scale_min:g}; ratings outside the scale are not used and are reported.",
        ]
        weighted = bool(s.evaluator_weights)
        what = ("weighted " if weighted else "") + CONSENSUS_METHODS[s.consensus]
        if s.consensus == "trimmed_mean":
            what += (
                f": the lowest and highest {s.trim_share:.0%} of the ratings for each supplier and criterion "
                f"(rounded down, e.g. {math.floor(5 * s.trim_share + EPSILON)} of 5, "
                f"{math.floor(3 * s.trim_share + EPSILON)} of 3) are set aside and the rest averaged"
            )
        elif s.consensus == "median" and weighted:
            what += ": the rating at which half the evaluators' total weight is reached"
        lines.append(f"Consensus per supplier and criterion: the {what}.")
        if weighted:
            listed = ", ".join(f"{name} {w:g}" for name, w in s.evaluator_weights)
            lines.append(f"Evaluator weights: {listed}; anyone not listed counts 1.")
        lines.append(
            f"Disagreement: where the highest and lowest rating of a supplier on a criterion are "
            f"{s.disagreement_range:g} or more apart, the pair is flagged for the panel to moderate "
            f"({self.flagged_count} flagged)."
        )
        if self.moderated_count:
            lines.append(
                f"Moderated: {self.moderated_count} supplier and criterion pairs use the rating the panel "
                "agreed after discussion (with its reason) instead of the calculated consensus; the "
                "original ratings and the consensus before moderation are kept beside it."
            )
        lines.append(
            "Consensus ratings are the values of the panel-rated criteria; a supplier nobody rated on a "
            "criterion has no value there, and that criterion's missing-value policy applies."
        )
        return lines

    def report_tables(self) -> list[ReportTable]:
        """The `Evaluations` sheet (consensus, spread, count, flags) and the disagreements to moderate."""
        labels = {c.key: c.label for c in self.criteria}
        s = self.summary
        frame = pd.DataFrame(
            {
                "Supplier": s["supplier"].astype(object),
                "Criterion": s["criterion"].map(labels).astype(object),
                "Consensus": s["consensus"].astype(float),
                "Ratings": s["count"].astype(int),
                "Lowest": s["min"].astype(float),
                "Highest": s["max"].astype(float),
                "Spread": s["spread"].astype(float),
                "To moderate": np.where(
                    s["moderated"].notna(), "Moderated", np.where(s["flagged"], "Yes", "")
                ).astype(object),
                "Moderated rating": s["moderated"].astype(float),
                "Reason for the moderated rating": s["reason"].astype(object),
                "Consensus before moderation": s["panel_consensus"].astype(float),
            }
        ).reset_index(drop=True)
        formats: list[tuple[str, Any]] = [
            ("Consensus", "number"),
            ("Ratings", "integer"),
            ("Lowest", "number"),
            ("Highest", "number"),
            ("Spread", "number"),
            ("Moderated rating", "number"),
            ("Consensus before moderation", "number"),
        ]
        if not self.ratings.empty:
            wide = self.ratings.pivot_table(
                index=["supplier", "criterion"],
                columns="evaluator",
                values="rating",
                aggfunc="first",
                sort=False,
            )
            keys = pd.MultiIndex.from_arrays([s["supplier"], s["criterion"]])
            for evaluator in self.evaluators:
                column = f"Rating: {evaluator}"
                frame[column] = wide[evaluator].reindex(keys).to_numpy(dtype=float)
                formats.append((column, "number"))
        highlight = pd.DataFrame(False, index=frame.index, columns=frame.columns)
        flagged = s["flagged"].to_numpy(dtype=bool)
        highlight["Spread"] = flagged
        highlight["To moderate"] = flagged
        evaluations = ReportTable(
            "Evaluations",
            frame,
            intro=tuple(self.method_lines()),
            formats=tuple(formats),
            highlight=highlight,
        )
        d = self.disagreements
        to_moderate = pd.DataFrame(
            {
                "Supplier": d["supplier"].astype(object),
                "Criterion": d["criterion"].map(labels).astype(object),
                "Consensus": d["consensus"].astype(float),
                "Spread": d["spread"].astype(float),
                "Evaluator": d["evaluator"].astype(object),
                "Rating": d["rating"].astype(float),
                "Meaning": d["rating"].map(lambda r: self.settings.descriptor(r) or "").astype(object),
                "Comment": d["comment"].astype(object),
                "Sheet row": d["row"].astype(object),
                "Moderated rating": d["moderated"].astype(float),
                "Reason for the moderated rating": d["reason"].astype(object),
            }
        ).reset_index(drop=True)
        if self.flagged_count:
            pairs = (
                "1 supplier and criterion pair has"
                if self.flagged_count == 1
                else (f"{self.flagged_count} supplier and criterion pairs have")
            )
            intro = (
                f"{pairs} ratings {self.settings.disagreement_range:g} or more apart. Discuss them, "
                "agree a rating, and record it with the reason in the app (Evaluator panel tab); "
                f"{self.moderated_count} recorded so far. The settings file keeps them.",
            )
        else:
            intro = ("No ratings are far enough apart to need moderation.",)
        disagreements = ReportTable(
            "Disagreements to moderate",
            to_moderate,
            intro=intro,
            formats=(
                ("Consensus", "number"),
                ("Spread", "number"),
                ("Rating", "number"),
                ("Moderated rating", "number"),
            ),
        )
        return [evaluations, disagreements]


def panel_consensus(
    evaluations: pd.DataFrame,
    settings: PanelSettings,
    criteria: Sequence[Criterion],
    suppliers: Sequence[str],
    *,
    sheet: str,
    layout: Layout | None = None,
) -> PanelResult:
    """Read the evaluations sheet and agree a consensus per supplier and panel criterion.

    `evaluations` has the sheet's header texts as columns, 1-based sheet row numbers as index
    and raw cells. `criteria` may be all of the config's criteria; only `panel: true` ones are rated.
    `layout` is the layout stage's reading of the sheet's columns (found here when not given).
    """
    panel = tuple(c for c in criteria if c.panel)
    if not panel:
        raise ScorecardError(
            "The settings mark no criterion as panel-rated, so the evaluations sheet has nothing to score.",
            sheet=sheet,
            hint="Add `panel: true` to the criteria the panel rates.",
        )
    suppliers = tuple(str(s) for s in suppliers)
    layout = layout if isinstance(layout, Layout) else detect_layout(evaluations, settings, sheet)
    supplier_lookup = SupplierLookup(suppliers)
    criterion_lookup = CriterionLookup(panel, [c for c in criteria if not c.panel])
    read, findings = read_ratings(evaluations, layout, settings, supplier_lookup, criterion_lookup, sheet)
    used, duplicate_findings = resolve_duplicates(read, panel, suppliers, sheet)
    findings.extend(duplicate_findings)

    evaluators: list[str] = []
    spelling: dict[str, str] = {}
    for rating in used:
        key = name_key(rating.evaluator)
        if key not in spelling:
            spelling[key] = rating.evaluator
            evaluators.append(rating.evaluator)
    for name, _ in settings.evaluator_weights:
        if name_key(name) not in spelling:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f'The settings give evaluator "{name}" a weight, but nobody of that name rated anything.',
                    sheet=sheet,
                    value=name,
                    action="weight not used; check the spelling in `panel.evaluator_weights`",
                )
            )

    m = len(panel)
    n_groups = len(suppliers) * m
    groups = np.array([r.supplier * m + r.criterion for r in used], dtype=np.int64)
    values = np.array([r.rating for r in used], dtype=float)
    weights = np.array([settings.weight_of(r.evaluator) for r in used], dtype=float)
    stats = group_consensus(groups, values, weights, n_groups, settings.consensus, settings.trim_share)
    spread = stats.highest - stats.lowest
    flagged = (stats.count >= 2) & (spread >= settings.disagreement_range - EPSILON)

    keys = [c.key for c in panel]
    moderated, reasons, moderation_findings = moderated_ratings(settings, supplier_lookup, keys, sheet)
    findings.extend(moderation_findings)
    used_consensus = np.where(np.isnan(moderated), stats.consensus, moderated)
    consensus = pd.DataFrame(
        used_consensus.reshape(len(suppliers), m), index=pd.Index(suppliers, name="supplier"), columns=keys
    )
    supplier_of = np.repeat(np.arange(len(suppliers)), m)
    criterion_of = np.tile(np.arange(m), len(suppliers))
    summary = pd.DataFrame(
        {
            "supplier": pd.Series([suppliers[i] for i in supplier_of], dtype=object),
            "criterion": pd.Series([keys[j] for j in criterion_of], dtype=object),
            "consensus": used_consensus,
            "count": stats.count.astype(int),
            "min": stats.lowest,
            "max": stats.highest,
            "spread": spread,
            "flagged": flagged,
            "panel_consensus": stats.consensus,
            "moderated": moderated,
            "reason": pd.Series(reasons, dtype=object),
        }
    )
    ratings = pd.DataFrame(
        {
            "evaluator": pd.Series([spelling[name_key(r.evaluator)] for r in used], dtype=object),
            "supplier": pd.Series([suppliers[r.supplier] for r in used], dtype=object),
            "criterion": pd.Series([keys[r.criterion] for r in used], dtype=object),
            "rating": values,
            "comment": pd.Series([r.comment for r in used], dtype=object),
            "row": pd.Series([r.row for r in used], dtype=object),
        }
    )
    in_flagged = flagged[groups] if groups.size else np.zeros(0, dtype=bool)
    disagreements = ratings[in_flagged].copy()
    disagreements.insert(3, "consensus", used_consensus[groups[in_flagged]])
    disagreements.insert(4, "spread", spread[groups[in_flagged]])
    disagreements["moderated"] = moderated[groups[in_flagged]]
    disagreements["reason"] = pd.Series([reasons[g] for g in groups[in_flagged]], dtype=object).to_numpy()
    disagreements["_group"] = groups[in_flagged]
    disagreements = (
        disagreements.sort_values(
            ["spread", "_group", "rating"], ascending=[False, True, True], kind="stable"
        )
        .drop(columns="_group")
        .reset_index(drop=True)
    )

    for j, c in enumerate(panel):
        unrated = [suppliers[i] for i in range(len(suppliers)) if stats.count[i * m + j] == 0]
        if unrated:
            shown = ", ".join(unrated[:10]) + (f" and {len(unrated) - 10} more" if len(unrated) > 10 else "")
            findings.append(
                Finding(
                    Severity.INFO if len(unrated) < len(suppliers) else Severity.WARNING,
                    f"Nobody on the panel rated {shown} on {c.label}.",
                    sheet=sheet,
                    action=f"no consensus; the criterion's missing-value policy applies (it "
                    f"{MISSING_POLICIES[c.missing]})",
                )
            )
    return PanelResult(
        settings=settings,
        criteria=panel,
        suppliers=suppliers,
        evaluators=tuple(evaluators),
        sheet=sheet,
        shape=layout.shape,
        consensus=consensus,
        ratings=ratings,
        summary=summary,
        disagreements=disagreements,
        findings=tuple(findings),
    )


def moderated_ratings(
    settings: PanelSettings, suppliers: SupplierLookup, keys: Sequence[str], sheet: str
) -> tuple[np.ndarray, list[str], list[Finding]]:
    """Per supplier x criterion group: the panel's agreed rating (NaN where none) and its reason.

    A moderated rating for a supplier this file does not have is reported, never applied elsewhere.
    """
    m = len(keys)
    n_groups = len(suppliers.suppliers) * m
    moderated = np.full(n_groups, np.nan)
    reasons = [""] * n_groups
    findings: list[Finding] = []
    for entry in settings.moderation:
        i = suppliers.find(entry.supplier)
        if i is None or entry.criterion not in keys:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f'The settings keep a moderated rating for "{entry.supplier}" on {entry.criterion}, '
                    "but this file has no such supplier, or these settings do not have the panel rate that criterion.",
                    sheet=sheet,
                    value=entry.supplier,
                    action="moderated rating not used; " + suppliers.suggestion(entry.supplier),
                )
            )
            continue
        group = i * m + keys.index(entry.criterion)
        moderated[group] = entry.rating
        reasons[group] = entry.reason
    return moderated, reasons, findings


def apply_panel(table: SupplierTable, result: PanelResult) -> tuple[SupplierTable, tuple[Finding, ...]]:
    """A copy of the supplier table whose panel-rated criteria hold the panel's consensus.

    The panel is the source of a panel-rated criterion: where the supplier sheet also has a value,
    the consensus replaces it (or, if nobody rated, the missing-value policy applies), and a finding
    says so.
    """
    values = table.values.copy()
    findings: list[Finding] = []
    columns = dict(table.columns)
    for criterion in result.criteria:
        key = criterion.key
        consensus = result.consensus[key].reindex(values.index)
        if key in values.columns:
            sheet_column = columns.get(key, criterion.column)
            for supplier, before in values[key].items():
                shown = cell_text(before, ValueKind.NUMBER)
                if shown is None:
                    continue
                after = consensus[supplier]
                if np.isnan(after):
                    message = (
                        f"{criterion.label} for {supplier}: the supplier sheet says {shown}, but this criterion "
                        "is panel-rated and nobody on the panel rated this supplier."
                    )
                    action = f"sheet value not used; the missing-value policy applies (it {MISSING_POLICIES[criterion.missing]})"
                else:
                    message = (
                        f"{criterion.label} for {supplier}: the supplier sheet says {shown}, the panel's "
                        f"consensus is {after:.2f}."
                    )
                    action = "the panel's consensus is used"
                findings.append(
                    Finding(
                        Severity.WARNING,
                        message,
                        sheet=table.sheet,
                        row=table.row_of(str(supplier)),
                        column=sheet_column,
                        value=shown,
                        action=action,
                    )
                )
        values[key] = consensus.astype(float)
        columns[key] = f"{result.sheet}: panel consensus"
    rated = {c.key for c in result.criteria}
    new_table = SupplierTable(
        values, table.source_rows, table.sheet, tuple(columns.items()), table.absent - rated
    )
    return new_table, tuple(findings)
