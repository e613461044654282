"""Map stage: find each criterion's column in the buyer's sheet, then build the supplier table.

Columns are matched by the criterion's column name, label, key and synonyms,
ignoring case, spacing, punctuation and units in brackets, so "On-time
delivery (%)", "ON TIME DELIVERY" and "OTD" all work. The buyer's own choices
(config `column_overrides`, or the app's mapping step) win. The mapping used is
part of the result, and every supplier row read is either scored or listed as
excluded with its reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scorecard.clean import (
    CleanColumn,
    ValueKind,
    clean_column,
    normalise_header,
    parse_money,
    parse_number,
    parse_yes_no,
    sheet_decimal_hint,
)
from scorecard.config import CATEGORIES, Category, Config, Criterion, Method, unit_suffix
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import supplier_key
from scorecard.read import Sheet, Workbook
from scorecard.report import ReportTable
from scorecard.score import left_out_share
from scorecard.suppliers import SupplierTable

SUPPLIER = "supplier"
SUPPLIER_SHEET_NAME = re.compile(r"\b(suppliers?|vendors?|bidders?|scorecard|evaluation)\b")


@dataclass(frozen=True)
class ColumnMatch:
    """Where one criterion's values come from, and how that was decided."""

    key: str
    label: str
    column: str | None
    how: str  # "column name", "synonym", "your choice", or "not found"
    suggestions: tuple[str, ...] = ()
    certain: bool = False  # the first suggestion fits and is close enough to pre-select


@dataclass(frozen=True)
class ColumnMapping:
    """The supplier sheet and the column chosen for the supplier name and each criterion."""

    sheet: str
    supplier: ColumnMatch
    criteria: tuple[ColumnMatch, ...]

    def column_for(self, key: str) -> str | None:
        return next((m.column for m in self.criteria if m.key == key), None)

    @property
    def not_found(self) -> tuple[ColumnMatch, ...]:
        return tuple(m for m in (self.supplier, *self.criteria) if m.column is None and m.how != "calculated")

    def report_table(self) -> ReportTable:
        rows = [
            (m.label, m.column or "(not found)", m.how, shown_headers(m.suggestions))
            for m in (self.supplier, *self.criteria)
        ]
        frame = pd.DataFrame(rows, columns=["Criterion", "Column used", "Found by", "Other candidates"])
        return ReportTable("Column mapping", frame, intro=(f'Columns read from sheet "{self.sheet}".',))


@dataclass(frozen=True)
class MappedSuppliers:
    """The map stage's output: the supplier table, the rows left out and why, and what was noticed."""

    table: SupplierTable
    mapping: ColumnMapping
    exclusions: pd.DataFrame  # Row, Supplier, Reason
    findings: tuple[Finding, ...]
    rows_read: int
    sheet_rows: pd.DataFrame  # every column of the scored suppliers' rows, raw, indexed by supplier name


def names_for(criterion: Criterion) -> list[str]:
    return [criterion.column, criterion.label, criterion.key.replace("_", " "), *criterion.synonyms]


# --------------------------------------------------------------------------- suggestions
# Near-linear in the number of headers: each header is normalised once (its first MATCH_CHARS
# characters: no criterion name is longer), indexed by its words and their first letters, and
# only the few headers that share a distinctive word with a name are compared closely.

MATCH_CHARS = 120  # a header longer than this is compared on its start only
COMMON_KEY = 200  # a word found in more headers than this tells no column apart (e.g. "column")
CLOSE_CANDIDATES = 40  # headers compared closely per criterion, most shared words first
SUGGESTIONS = 3
SHOWN_CHARS = 60  # a suggested header is shown at most this long in a message
GENERIC_WORDS = frozenset(
    [
        "score",
        "rating",
        "rate",
        "level",
        "risk",
        "total",
        "terms",
        "term",
        "time",
        "days",
        "months",
        "percent",
        "the",
        "of",
        "and",
        "per",
        "in",
        "for",
        "a",
        "an",
        "no",
        "number",
        "count",
        "value",
        "index",
        "annual",
        "certified",
        "certification",
        "status",
    ]
)
UNIT_WORDS = {
    "%": "percent",
    "percent": "percent",
    "pct": "percent",
    "days": "days",
    "day": "days",
    "d": "days",
    "weeks": "weeks",
    "months": "months",
    "month": "months",
    "years": "years",
    "ppm": "ppm",
    "eur": "money",
    "usd": "money",
    "gbp": "money",
    "chf": "money",
    "jpy": "money",
    "cny": "money",
    "€": "money",
    "$": "money",
    "£": "money",
}
BRACKETED = re.compile(r"[(\[]([^)\]]{0,40})[)\]]")
DIGITS = re.compile(r"\d+")


def stem(word: str) -> str:
    """A word without a plural ending, so 'deliveries' meets 'delivery'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(normalised: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalised.split())


def unit_family(text: str) -> str | None:
    """The unit a header or a criterion's unit names: percent, days, months, money, ppm, a 0-100 scale."""
    folded = text.casefold().strip()
    inside = [m.group(1).strip() for m in BRACKETED.finditer(folded)] or [folded]
    for part in inside:
        if re.fullmatch(r"\d+\s*-\s*\d+", part):
            return "scale"
        for token in re.split(r"[\s/]+", part):
            if token in UNIT_WORDS:
                return UNIT_WORDS[token]
    if "%" in folded:
        return "percent"
    return None


@dataclass(frozen=True)
class ColumnProfile:
    """What a column holds, read from its cells: numbers, yes/no answers, a few labels, or free text."""

    kind: str  # "number", "percent", "money", "yes_no", "labels", "text", "empty"
    labels: frozenset[str] = frozenset()


PROFILE_CELLS = 200  # a column's kind is read from its first cells with a value


def profile_column(cells: pd.Series) -> ColumnProfile:
    """The kind of values a column holds (for a suggestion to fit, and for candidate criteria)."""
    values = [v for v in cells.tolist() if v is not None and not (isinstance(v, float) and v != v)]
    values = [v for v in values if not (isinstance(v, str) and not v.strip())][:PROFILE_CELLS]
    if not values:
        return ColumnProfile("empty")
    texts = [str(v).strip() for v in values]
    if all(isinstance(v, bool) or parse_yes_no(v) is not None for v in values) and any(
        not isinstance(v, (int, float)) or isinstance(v, bool) for v in values
    ):
        return ColumnProfile("yes_no")
    numbers = 0
    percent = money = 0
    for v, t in zip(values, texts, strict=True):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            numbers += 1
        elif t.endswith("%") and parse_number(t.rstrip("% ")) is not None:
            numbers += 1
            percent += 1
        elif parse_number(t) is not None:
            numbers += 1
        elif parse_money(t)[0] is not None:
            numbers += 1
            money += 1
    if numbers >= 0.8 * len(values):
        return ColumnProfile("percent" if percent > len(values) / 2 else "money" if money else "number")
    distinct = {t.casefold() for t in texts}
    if len(distinct) <= 8 and len(values) >= 2 * len(distinct) - 1:
        return ColumnProfile("labels", frozenset(distinct))
    return ColumnProfile("text")


def fits(criterion: Criterion, header: str, profile: ColumnProfile) -> bool:
    """Whether a column's values and unit fit the criterion's kind: a percent is not days, a money
    column is not months, Low/Medium/High labels are not a 0-100 score, a yes/no is not a rating."""
    if profile.kind == "empty":
        return unit_family(header) in (None, unit_family(criterion.unit))
    if criterion.method.kind == "categorical":
        labels = {label.casefold() for label, _ in criterion.method.points}
        if criterion.kind == "yes_no" or labels <= {"yes", "no"}:
            return profile.kind == "yes_no"
        return profile.kind == "labels" and bool(profile.labels) and profile.labels <= labels
    if profile.kind not in ("number", "percent", "money"):
        return False
    wanted = unit_family(criterion.unit) or ("money" if criterion.kind == "money" else None)
    found = unit_family(header) or (profile.kind if profile.kind != "number" else None)
    if criterion.kind == "percent":
        wanted = "percent"
    return wanted is None or found is None or wanted == found or {wanted, found} <= {"percent", "scale"}


class HeaderIndex:
    """A sheet's headers, normalised once and indexed by word, for exact matches and suggestions."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.headers = sheet.columns
        self.normalised = [normalise_header(h[:MATCH_CHARS]) for h in self.headers]
        self.exact: dict[str, str] = {}
        self.by_key: dict[str, list[int]] = {}
        for position, norm in enumerate(self.normalised):
            self.exact.setdefault(norm, self.headers[position])
            for key in self.keys(norm):
                self.by_key.setdefault(key, []).append(position)
        self.profiles: dict[str, ColumnProfile] = {}

    @staticmethod
    def keys(norm: str) -> set[str]:
        """A header's index keys: its distinctive words and their first four letters (typos)."""
        keys = set()
        for word in words_of(norm):
            if word in GENERIC_WORDS:
                continue
            keys.add(word)
            if len(word) > 4:
                keys.add(word[:4] + "~")
        return keys

    def profile(self, header: str) -> ColumnProfile:
        if header not in self.profiles:
            cells = self.sheet.table[header]
            if isinstance(cells, pd.DataFrame):  # two columns with one header: the first is read
                cells = cells.iloc[:, 0]
            self.profiles[header] = profile_column(cells)
        return self.profiles[header]

    def find(self, names: list[str]) -> tuple[str, int] | None:
        """The header equal (normalised) to one of the names, first name first, with the name's position."""
        for position, name in enumerate(names):
            wanted = normalise_header(name[:MATCH_CHARS])
            if wanted and wanted in self.exact:
                return self.exact[wanted], position
        return None

    def candidates(self, names: list[str]) -> list[int]:
        """Header positions sharing a distinctive word with a name: most shared first, capped."""
        counts: dict[int, int] = {}
        for name in names:
            for key in self.keys(normalise_header(name[:MATCH_CHARS])):
                hits = self.by_key.get(key, ())
                if len(hits) > COMMON_KEY:
                    continue
                for position in hits:
                    counts[position] = counts.get(position, 0) + 1
        return sorted(counts, key=lambda p: (-counts[p], p))[:CLOSE_CANDIDATES]

    def suggest(
        self, names: list[str], criterion: Criterion | None = None, taken: Collection[str] = ()
    ) -> tuple[tuple[str, ...], bool]:
        """Headers that could hold what `names` describe, closest first, and whether the first is
        certain enough to pre-select. A column whose values or unit do not fit the criterion's kind
        is never suggested; a certificate never stands in for another (ISO 9001 != ISO 14001)."""
        wanted = [normalise_header(n[:MATCH_CHARS]) for n in names]
        wanted = [w for w in dict.fromkeys(wanted) if w]
        scored: dict[str, tuple[float, bool]] = {}
        for position in self.candidates(names):
            header, norm = self.headers[position], self.normalised[position]
            if header in taken or not norm:
                continue
            if criterion is not None and not fits(criterion, header, self.profile(header)):
                continue
            best, sure = 0.0, False
            header_words = words_of(norm)
            header_numbers = set(DIGITS.findall(norm))
            for name in wanted:
                numbers = set(DIGITS.findall(name))
                if numbers and header_numbers and numbers != header_numbers:
                    continue  # ISO 9001 is not ISO 14001: a certificate never stands in for another
                name_words = words_of(name)
                distinctive = name_words - GENERIC_WORDS
                if not self.keys(norm) & self.keys(name):  # no distinctive word (or its start) in common
                    continue
                ratio = difflib.SequenceMatcher(None, name, norm[: len(name) * 2 + 10]).ratio()
                overlap = len(header_words & name_words) / max(len(name_words), 1)
                best = max(best, ratio, 0.9 * overlap)
                sure = (
                    sure
                    or (distinctive <= header_words and (not numbers or numbers == header_numbers))
                    or ratio >= 0.9
                )
            if best >= 0.6:
                scored[header] = (best, sure)
        ordered = sorted(scored, key=lambda h: -scored[h][0])[:SUGGESTIONS]
        return tuple(ordered), bool(ordered) and scored[ordered[0]][1]


@dataclass(frozen=True)
class Candidate:
    """A column nobody asked for that could be a criterion, with a guessed category, direction and method."""

    column: str
    kind: str  # the column profile's kind
    category: str
    direction: str
    method: str

    def describe(self) -> str:
        better = "higher is better" if self.direction == "higher" else "lower is better"
        return f'"{self.column[:SHOWN_CHARS]}": {self.kind}, {CATEGORIES[self.category]}, {better}, {self.method}'


LOWER_BETTER = (
    "price",
    "cost",
    "lead time",
    "delivery day",
    "delivery time",
    "defect",
    "ppm",
    "risk",
    "incident",
    "complaint",
    "return",
    "carbon",
    "emission",
    "freight",
    "days late",
)
HIGHER_BETTER = (
    "score",
    "rating",
    "otif",
    "on time",
    "uptime",
    "quality",
    "sla",
    "availability",
    "satisfaction",
    "validity",
    "warranty",
    "capacity",
    "innovation",
    "certified",
    "iso",
)
CATEGORY_GUESS = (
    ("cost", ("price", "cost", "freight", "payment", "discount", "validity", "tco")),
    ("risk", ("risk", "continuity", "credit", "insurance", "security", "dependency")),
    (
        "sustainability",
        ("carbon", "emission", "ecovadis", "sustainab", "esg", "14001", "diversity", "recycl"),
    ),
    ("srm_fit", ("responsive", "collaborat", "innovation", "relationship", "communication", "strategic")),
    (
        "quality",
        (
            "quality",
            "defect",
            "ppm",
            "on time",
            "otif",
            "delivery",
            "lead time",
            "uptime",
            "sla",
            "9001",
            "audit",
        ),
    ),
)
CANDIDATE_LIMIT = 20  # at most this many unused columns are offered


def guess_candidate(header: str, profile: ColumnProfile) -> Candidate:
    """Category, direction and method for an unused column, from the words of its header."""
    norm = " ".join(stem(w) for w in normalise_header(header[:MATCH_CHARS]).split())
    lower = any(word in norm for word in LOWER_BETTER) and not any(
        w in norm for w in ("on time", "otif", "uptime")
    )
    direction = "lower" if lower else "higher"
    category = next((key for key, words in CATEGORY_GUESS if any(w in norm for w in words)), "quality")
    if profile.kind == "yes_no":
        method = "Yes 100, No 0"
    elif category == "cost" and lower:
        method = "ratio to best"
    else:
        method = "min-max"
    kind = "percent" if profile.kind == "number" and unit_family(header) == "percent" else profile.kind
    return Candidate(header, kind, category, direction, method)


def candidate_key(header: str, taken: Collection[str]) -> str:
    """A criterion key for a column: its words joined by underscores, unique among `taken`."""
    base = "_".join(normalise_header(header[:MATCH_CHARS]).split()[:6]) or "column"
    base = base if base[0].isalpha() else f"column_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def candidate_criterion(candidate: Candidate, key: str, weight: float) -> Criterion:
    """A candidate column as a criterion: yes/no scored Yes 100 / No 0, cost by ratio to best, the
    rest min-max among the qualified suppliers; a supplier without data scores 0 on it, flagged."""
    if candidate.kind == "yes_no":
        method, kind = Method("categorical", points=(("Yes", 100.0), ("No", 0.0))), "yes_no"
    elif candidate.method == "ratio to best":
        method, kind = Method("ratio_to_best"), "number"
    else:
        method, kind = Method("min_max"), "percent" if candidate.kind == "percent" else "number"
    unit = "Yes/No" if kind == "yes_no" else "%" if kind == "percent" else ""
    return Criterion(
        key=key,
        label=candidate.column[:SHOWN_CHARS],
        category=candidate.category,
        column=candidate.column,
        synonyms=(),
        unit=unit,
        kind=kind,
        direction=candidate.direction,
        weight=float(weight),
        method=method,
        missing="worst",
        description="Added from a column of the file (category, direction and method guessed from its name).",
    )


def with_candidates(config: Config, chosen: Mapping[str, float], candidates: tuple[Candidate, ...]) -> Config:
    """The settings with some candidate columns added as criteria (column -> weight within its
    category); a category the settings did not have is added with the average category weight."""
    by_column = {c.column: c for c in candidates}
    taken = {c.key for c in config.criteria}
    added: dict[str, list[Criterion]] = {}
    overrides = dict(config.column_overrides)
    for column, weight in chosen.items():
        key = candidate_key(column, taken)
        taken.add(key)
        criterion = candidate_criterion(by_column[column], key, weight)
        added.setdefault(criterion.category, []).append(criterion)
        overrides[key] = column
    weights = [c.weight for c in config.categories if c.weight > 0]
    average = sum(weights) / len(weights) if weights else 1.0
    categories = [replace(c, criteria=c.criteria + tuple(added.pop(c.key, []))) for c in config.categories]
    categories += [Category(key, average, tuple(criteria)) for key, criteria in added.items()]
    return replace(config, categories=tuple(categories), column_overrides=tuple(sorted(overrides.items())))


def settings_from_columns(config: Config, candidates: tuple[Candidate, ...]) -> Config:
    """Settings built from the file's own columns, when it holds none of the given settings' columns:
    every candidate counts equally within its category, categories count equally, no must-haves."""
    empty = replace(
        config,
        name=f"Built from your columns ({', '.join(c.column[:SHOWN_CHARS] for c in candidates[:6])})",
        description=f"The file has none of the columns of the settings {config.name}, so its own number and "
        "yes/no columns are scored, each criterion counting equally within its category and the "
        "categories equally; category, direction and method are guessed from each column's name: "
        "check them on the Weights sheet.",
        categories=(),
        knockouts=(),
        column_overrides=tuple((k, v) for k, v in config.column_overrides if k == SUPPLIER),
    )
    fitted = with_candidates(empty, {c.column: 1.0 for c in candidates}, candidates)
    return replace(fitted, categories=tuple(replace(c, weight=1.0) for c in fitted.categories))


def candidate_criteria(
    sheet: Sheet, mapping: ColumnMapping, index: HeaderIndex | None = None
) -> tuple[Candidate, ...]:
    """Numeric, yes/no and rating columns no criterion uses: offered as criteria, never scored unasked."""
    index = index or HeaderIndex(sheet)
    used = {mapping.supplier.column, *(m.column for m in mapping.criteria)}
    found = []
    for header in sheet.columns:
        if header in used or not normalise_header(header[:MATCH_CHARS]):
            continue
        profile = index.profile(header)
        if profile.kind in ("number", "percent", "money", "yes_no"):
            found.append(guess_candidate(header, profile))
            if len(found) == CANDIDATE_LIMIT:
                break
    return tuple(found)


def match_column(
    index: HeaderIndex,
    names: list[str],
    override: str | None,
    key: str,
    label: str,
    criterion: Criterion | None = None,
) -> ColumnMatch:
    """The header that matches one of `names` (first name first), or suggestions when none does."""
    if override:
        if override not in index.headers:
            raise ScorecardError(
                f'The settings say to read {label} from column "{override[:SHOWN_CHARS]}", but there is no such column.',
                sheet=index.sheet.name,
                hint=f"Columns in this sheet: {shown_headers(index.headers)}.",
            )
        return ColumnMatch(key, label, override, "your choice")
    found = index.find(names)
    if found is not None:
        header, position = found
        return ColumnMatch(key, label, header, "column name" if position < 3 else "synonym")
    suggestions, certain = index.suggest(names, criterion)
    return ColumnMatch(key, label, None, "not found", suggestions, certain)


def shown_headers(headers: tuple[str, ...], limit: int = 30) -> str:
    """Headers for a message: each cut short, at most `limit` of them, so a message stays short."""
    shown = ", ".join(h[:SHOWN_CHARS] for h in headers[:limit])
    return shown + (f" and {len(headers) - limit} more" if len(headers) > limit else "")


def map_columns(sheet: Sheet, config: Config, provided: Collection[str] = ()) -> ColumnMapping:
    """Find the supplier column and each criterion's column.

    Criteria in `provided` are calculated on another sheet: they need no column here, but a column
    that exists is still read, so the pipeline can compare it with the calculated value.
    """
    index = HeaderIndex(sheet)
    overrides = dict(config.column_overrides)
    supplier = match_column(
        index,
        [config.supplier_column, "Supplier", *config.supplier_synonyms],
        overrides.get(SUPPLIER),
        SUPPLIER,
        "Supplier name",
    )
    matches = []
    for criterion in config.criteria:
        match = match_column(
            index,
            names_for(criterion),
            overrides.get(criterion.key),
            criterion.key,
            criterion.label,
            criterion,
        )
        if match.column is None and criterion.key in provided:
            # another sheet calculates it; a column on this sheet, when there is one, is still read and compared
            match = ColumnMatch(criterion.key, criterion.label, None, "calculated")
        matches.append(match)
    return ColumnMapping(sheet.name, supplier, tuple(matches))


def choose_supplier_sheet(
    workbook: Workbook,
    config: Config,
    preferred: str | None = None,
    candidates: list[Sheet] | None = None,
) -> Sheet:
    """The sheet that holds the suppliers: among `candidates` (the supplier lists the layout stage found,
    else every sheet), the one whose headers match the most criteria."""
    if preferred:
        return workbook.sheet(preferred)
    # a sheet with headers and no rows yet (an untouched template) is a candidate: the pipeline then says
    # plainly that there are no suppliers yet, instead of that no sheet looks like a supplier list
    candidates = [s for s in (workbook.sheets if candidates is None else candidates) if len(s.columns)]
    scored = []
    for sheet in candidates:
        # rank sheets on names alone: an override names a column of one sheet and would fail on the others
        mapping = map_columns(sheet, replace(config, column_overrides=()))
        found = sum(m.column is not None for m in mapping.criteria)
        # ties go to a sheet with rows, then a visible sheet, then one named like a supplier list
        named = bool(SUPPLIER_SHEET_NAME.search(normalise_header(sheet.name)))
        scored.append(
            (mapping.supplier.column is not None, found, not sheet.is_empty, not sheet.hidden, named, sheet)
        )
    best = max(scored, key=lambda t: t[:5], default=None)
    if best is None or (not best[0] and best[1] == 0):
        raise ScorecardError(
            f"No sheet in {workbook.filename} looks like a supplier list.",
            hint=f'Add a sheet with a "{config.supplier_column}" column and one column per criterion (download the template to see them).',
        )
    return best[5]


def unchecked_must_haves(mapping: ColumnMapping, config: Config) -> list[str]:
    """Criteria with a must-have that applies to a supplier without data, but no column in the file:
    leaving them out would let every supplier through a gate nobody checked."""
    if not config.knockouts_enabled:
        return []
    absent = {m.key for m in mapping.not_found}
    return list(
        dict.fromkeys(
            r.criterion for r in config.knockouts if r.criterion in absent and r.if_missing != "pass"
        )
    )


SKIP_MUST_HAVE = "--skip-must-have"  # the command-line option that switches a must-have off


def require_columns(mapping: ColumnMapping, config: Config) -> list[Finding]:
    """Stop only when the supplier column is missing, a must-have cannot be checked, or no weighted
    criterion is left; every other criterion without a column is left out, and said so."""
    if mapping.supplier.column is None:
        raise missing_supplier_column(mapping, config)
    weights = config.effective_weights()
    absent = [m for m in mapping.not_found if m.key != SUPPLIER]
    absent_keys = {m.key for m in absent}
    if not any(w > 0 for k, w in weights.items() if k not in absent_keys):
        looked = "; ".join(
            f"{m.label} (closest: {shown_headers(m.suggestions)})" if m.suggestions else m.label
            for m in absent[:6]
        )
        raise ScorecardError(
            f'Sheet "{mapping.sheet}" has none of the columns the settings {config.name} score on, so '
            f"there is nothing to score with. Looked for: {looked}"
            + (f" and {len(absent) - 6} more." if len(absent) > 6 else "."),
            sheet=mapping.sheet,
            hint="Pick the columns in the app's mapping step, add them under column_overrides in the "
            "settings, choose another preset, or download this preset's template to see its columns.",
        )
    unchecked = unchecked_must_haves(mapping, config)
    if unchecked:
        raise must_have_without_column(mapping, config, unchecked)
    notes = []
    left_out = tuple(absent_keys)
    for m in absent:
        criterion = config.criterion(m.key)
        if weights.get(m.key, 0) > 0:
            text = f"No column for {m.label} in the file, so it is left out; {left_out_share(config, criterion, left_out)}"
        else:
            text = f"No column for {m.label}; it has weight 0, so it is shown as left out and does not count."
        pass_rule = config.knockouts_enabled and any(rule.criterion == m.key for rule in config.knockouts)
        if pass_rule:
            text += " Its must-have lets a supplier without data pass."
        if m.suggestions:
            text += (
                f" A column that might hold it: {shown_headers(m.suggestions)} (not used unless you pick it)."
            )
        notes.append(
            Finding(
                Severity.INFO,
                text,
                sheet=mapping.sheet,
                action="left out; pick a column in the mapping step (or column_overrides) to score it",
            )
        )
    return notes


def missing_supplier_column(mapping: ColumnMapping, config: Config) -> ScorecardError:
    looked = ", ".join(dict.fromkeys([config.supplier_column, *config.supplier_synonyms]))
    closest = f" Closest: {', '.join(mapping.supplier.suggestions)}." if mapping.supplier.suggestions else ""
    return ScorecardError(
        f'Sheet "{mapping.sheet}" has no column with the supplier names (looked for: {looked}).{closest}',
        sheet=mapping.sheet,
        hint='Rename the column to "Supplier", pick it in the app\'s mapping step, or add it under '
        "column_overrides (supplier: YOUR COLUMN) in the settings.",
    )


def must_have_without_column(mapping: ColumnMapping, config: Config, keys: list[str]) -> ScorecardError:
    """A must-have whose column is absent: say which, and how to switch it off (app and command line)."""
    parts = []
    for key in keys:
        c = config.criterion(key)
        rule = next(r for r in config.knockouts if r.criterion == key)
        match = next(m for m in mapping.criteria if m.key == key)
        closest = f"; closest column: {shown_headers(match.suggestions)}" if match.suggestions else ""
        parts.append(
            f'"{rule.describe(c.label, unit_suffix(c.unit))}" (looked for: {", ".join(dict.fromkeys(names_for(c)))}{closest})'
        )
    options = " ".join(f"{SKIP_MUST_HAVE} {key}" for key in keys)
    return ScorecardError(
        f'Sheet "{mapping.sheet}" has no column for {len(keys)} must-have(s) of the settings {config.name}: '
        + "; ".join(parts)
        + ". Scoring without it would let every supplier pass a check nobody made.",
        sheet=mapping.sheet,
        hint=f"Add the column, pick it in the mapping step, or switch the must-have off (in the app: "
        f'"Switch this must-have off"; on the command line: {options}).',
    )


def build_supplier_table(sheet: Sheet, mapping: ColumnMapping, config: Config) -> MappedSuppliers:
    """Clean each mapped column and assemble the supplier table (criteria without a column are no data;
    the pipeline puts in what other sheets calculate)."""
    findings = require_columns(mapping, config)
    table = sheet.table
    names = clean_column(
        table[mapping.supplier.column], ValueKind.IDENTIFIER, sheet=sheet.name, column=mapping.supplier.column
    )
    findings.extend(names.findings)
    exclusions = [(row, None, reason) for row, reason in sheet.excluded_rows]
    keep = []
    for row, name, missing in zip(table.index, names.values, names.missing, strict=True):
        if missing or name is None:
            exclusions.append((row, None, "no supplier name"))
            findings.append(
                Finding(
                    Severity.WARNING,
                    "This row has values but no supplier name, so it was not scored.",
                    sheet=sheet.name,
                    row=int(row),
                    column=mapping.supplier.column,
                    action="listed as excluded",
                )
            )
        else:
            keep.append(row)
    display = {row: str(names.values[row]) for row in keep}
    groups: dict[str, list[int]] = {}
    for row in keep:
        groups.setdefault(supplier_key(display[row]), []).append(row)
    for rows in groups.values():
        if len(rows) > 1:
            listed = ", ".join(str(r) for r in rows)
            for row in rows:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"Supplier {display[row]!r} appears in rows {listed}; each row is scored separately under its row number.",
                        sheet=sheet.name,
                        row=int(row),
                        column=mapping.supplier.column,
                        value=display[row],
                        action=f"scored as '{display[row]} (row {row})'",
                    )
                )
                display[row] = f"{display[row]} (row {row})"
    columns: dict[str, pd.Series] = {}
    # the decimal mark the sheet's other columns show: evidence for a column that cannot tell by itself
    decimal_hint = sheet_decimal_hint(table)
    for criterion in config.criteria:
        column = mapping.column_for(criterion.key)
        if column is None:
            columns[criterion.key] = pd.Series([None] * len(keep), index=keep, dtype=object)
            continue
        cleaned = clean_column(
            table.loc[keep, column],
            ValueKind(criterion.kind),
            sheet=sheet.name,
            column=column,
            decimal_hint=decimal_hint,
        )
        errors = [f for f in cleaned.findings if f.severity == Severity.ERROR]
        if errors:
            raise column_errors(errors, sheet.name, column)
        findings.extend(cleaned.findings)
        findings.extend(currency_findings(criterion, cleaned.currency, sheet.name, column))
        columns[criterion.key] = engine_column(cleaned, table.loc[keep, column], ValueKind(criterion.kind))
    frame = pd.DataFrame(columns, index=keep)
    frame.index = pd.Index([display[r] for r in keep], name="supplier")
    supplier_table = SupplierTable(
        frame,
        source_rows=tuple(int(r) for r in keep),
        sheet=sheet.name,
        columns=tuple((m.key, m.column) for m in mapping.criteria if m.column),
        absent=frozenset(m.key for m in mapping.not_found if m.key != SUPPLIER),
    )
    exclusion_frame = pd.DataFrame(exclusions, columns=["Row", "Supplier", "Reason"])
    sheet_rows = table.loc[keep].set_axis(frame.index, axis=0)
    return MappedSuppliers(
        supplier_table, mapping, exclusion_frame, tuple(findings), sheet.rows_read, sheet_rows
    )


NUMERIC_KINDS = frozenset({ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT})
SHOWN_ERRORS = 3


def column_errors(errors: list[Finding], sheet: str, column: str) -> ScorecardError:
    """Every error the cleaning found in one column (the first few in full, then how many more), then the hint."""
    # an error that asks the buyer a question (which decimal mark?) carries the question in its action
    sentences = [
        sentence(e.message)
        + (" " + sentence(e.action.removeprefix("not scored: ")) if e.action and "?" in e.action else "")
        for e in errors[:SHOWN_ERRORS]
    ]
    if len(errors) > SHOWN_ERRORS:
        sentences.append(f"And {len(errors) - SHOWN_ERRORS} more problem(s) like these in this column.")
    return ScorecardError(
        " ".join(sentences),
        sheet=sheet,
        row=errors[0].row if len(errors) == 1 else None,
        column=column,
        hint="Correct the column and load the file again.",
    )


def sentence(text: str) -> str:
    """Text ending with a full stop, so messages run one after another do not merge."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def engine_column(cleaned: CleanColumn, raw: pd.Series, kind: ValueKind) -> pd.Series:
    """A cleaned column as the engine reads it: float64 (NaN = no data) for a readable numeric column,
    which the engine takes as it is; object otherwise, with an unreadable cell's text kept so the
    engine flags it 'unreadable' rather than 'no data'."""
    invalid = cleaned.invalid.to_numpy(dtype=bool)
    missing = cleaned.missing.to_numpy(dtype=bool) & ~invalid
    if kind in NUMERIC_KINDS and not invalid.any():
        numbers = pd.to_numeric(cleaned.values.astype(object), errors="coerce").astype("float64")
        return numbers.where(~missing, np.nan)
    values = cleaned.values.astype(object)
    if invalid.any():
        values = values.where(~invalid, raw.astype(object))
    return values.where(~missing, None)


def currency_findings(criterion: Criterion, currency: str | None, sheet: str, column: str) -> list[Finding]:
    """Values in another currency than the criterion's are not comparable: say so loudly."""
    unit = criterion.unit.upper()
    if criterion.kind == "money" and currency and unit and currency != unit:
        return [
            Finding(
                Severity.WARNING,
                f"{criterion.label} is set up in {unit}, but the values in this column are in {currency}; they were read as they are.",
                sheet=sheet,
                column=column,
                action="Convert them, or change the criterion's unit in the settings.",
            )
        ]
    return []
