"""Columns nobody asked for, offered as criteria: a guessed category, direction and method from the header.

Also the settings built from a file's own columns when it holds none of the
given settings' columns (`settings_from_columns`, used by the command line and
the app through `pipeline.settings_for_file`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from scorecard.clean import normalise_header
from scorecard.config import CATEGORIES, Category, Config, Criterion, Method
from scorecard.mapping.columns import SUPPLIER, ColumnMapping
from scorecard.mapping.headers import MATCH_CHARS, SHOWN_CHARS, HeaderIndex, stem
from scorecard.mapping.profile import ColumnProfile, unit_family
from scorecard.read import Sheet


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

# a column that says which row, supplier or item it is, or how much is bought: a number, never a criterion
IDENTIFIER_ENDINGS = frozenset({"id", "no", "nr", "number", "num", "code", "ref", "reference", "sku"})
POSITION_WORDS = frozenset(
    {
        *("line", "item", "pay", "row", "pos", "position", "round", "rank", "ranking", "seq", "sequence"),
        *("index", "bid", "lot", "no", "nr", "number", "id", "sku", "serial"),
    }
)
VOLUME_WORDS = frozenset(
    {"quantity", "qty", "volume", "annual", "estimated", "est", "expected", "yearly", "total", "unit"}
)
CONTACT_WORDS = frozenset(
    {"phone", "telephone", "fax", "mobile", "postcode", "zip", "postal", "duns", "vat", "iban"}
)
FOUNDED_WORDS = frozenset({"founded", "established", "incorporated", "since"})


def names_no_criterion(header: str) -> bool:
    """Whether a header names what a row is (a vendor or item number, a line, a published rank, a bid
    round), how much is bought (quantity, annual volume), a contact or a founding year: numbers that do
    not say how good a supplier is, so they are not offered as criteria."""
    words = [stem(w) for w in normalise_header(header[:MATCH_CHARS]).split()]
    if not words:
        return True
    return (
        words[-1] in IDENTIFIER_ENDINGS
        or set(words) <= POSITION_WORDS
        or (set(words) <= VOLUME_WORDS and bool({"quantity", "qty", "volume"} & set(words)))
        or bool(CONTACT_WORDS & set(words))
        or ("year" in words and (bool(FOUNDED_WORDS & set(words)) or len(words) == 1))
    )


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


def settings_from_columns(
    config: Config, candidates: tuple[Candidate, ...], checkable: Collection[str] = ()
) -> Config:
    """Settings built from the file's own columns, when it holds none of the given settings' weighted
    columns: every candidate counts equally within its category, categories count equally.

    A must-have of the given settings whose criterion the file has a column for (`checkable`: an ISO
    9001 yes/no column beside none of the weighted ones) is kept, its criterion at weight 0: checked,
    never scored. The others are recorded as switched off, so that every report names them.
    """
    kept = tuple(r for r in config.knockouts if r.criterion in checkable) if config.knockouts_enabled else ()
    keep = {r.criterion for r in kept}
    empty = replace(
        config,
        name=f"Built from your columns ({', '.join(c.column[:SHOWN_CHARS] for c in candidates[:6])})",
        description=f"The file has none of the columns of the settings {config.name}, so its own number and "
        "yes/no columns are scored, each criterion counting equally within its category and the "
        "categories equally; category, direction and method are guessed from each column's name: "
        "check them on the Weights sheet.",
        categories=(),
        knockouts=kept,
        switched_off=config.fitted_without(keep),
        column_overrides=tuple((k, v) for k, v in config.column_overrides if k == SUPPLIER or k in keep),
    )
    fitted = with_candidates(empty, {c.column: 1.0 for c in candidates}, candidates)
    return replace(fitted, categories=with_checked_only(fitted.categories, config, keep))


def with_checked_only(
    categories: tuple[Category, ...], config: Config, keep: Collection[str]
) -> tuple[Category, ...]:
    """The built categories counting equally, plus the kept must-haves' criteria at weight 0 in their own
    category (a category holding only those counts 0: nothing in it is scored)."""
    checked: dict[str, list[Criterion]] = {}
    for criterion in config.criteria:
        if criterion.key in keep:
            checked.setdefault(criterion.category, []).append(replace(criterion, weight=0.0))
    built = [replace(c, weight=1.0, criteria=c.criteria + tuple(checked.pop(c.key, []))) for c in categories]
    return (*built, *(Category(key, 0.0, tuple(criteria)) for key, criteria in checked.items()))


def candidate_criteria(
    sheet: Sheet, mapping: ColumnMapping, index: HeaderIndex | None = None
) -> tuple[Candidate, ...]:
    """Numeric, yes/no and rating columns no criterion uses: offered as criteria, never scored unasked.

    Numbers that say what a row is or how much is bought (`names_no_criterion`) are not offered."""
    index = index or HeaderIndex(sheet)
    used = {mapping.supplier.column, *(m.column for m in mapping.criteria)}
    found = []
    for header in sheet.columns:
        if header in used or names_no_criterion(header):
            continue
        profile = index.profile(header)
        if profile.kind in ("number", "percent", "money", "yes_no"):
            found.append(guess_candidate(header, profile))
            if len(found) == CANDIDATE_LIMIT:
                break
    return tuple(found)
