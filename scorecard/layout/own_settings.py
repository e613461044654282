"""The settings a buyer's workbook implies, built as a `Config` like any preset (so they validate, show in
the sidebar and download as a settings file): criteria with the sheet's own weights, directions and methods,
each in the category its words suggest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scorecard.config import CATEGORIES, Config, load_preset, parse_config
from scorecard.names import header_key

DEFAULT_PRESET = "default"

CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (
        "sustainability",
        r"sustainab|environment|carbon|emission|social value|esg|green|ethic|diversity|climate",
    ),
    (
        "cost",
        r"price|cost|fee|rate card|tco|commercial|pricing|value for money|budget|financial offer|rates?\b",
    ),
    (
        "risk",
        r"risk|security|continuity|compliance|insurance|legal|contract|viabilit|financial|stability|gdpr|privacy",
    ),
    (
        "srm_fit",
        r"relationship|strategic fit|cultur|innovation|partnership|collaborat|responsive|communication|account manage",
    ),
    ("quality", r"."),  # everything else a buyer scores is about what they get: quality
)


@dataclass(frozen=True)
class DerivedCriterion:
    """One criterion the file implies, before it becomes part of a Config."""

    label: str
    weight: float
    direction: str = "higher"
    method: Any = "min_max"
    unit: str = ""
    kind: str | None = None
    category: str | None = None
    panel: bool = False
    section: str | None = None
    column: str | None = None  # the score table's header, when it differs from the label


def unique_labels(labels: list[str], taken: tuple[str, ...] = ("Supplier",)) -> list[str]:
    """Criterion labels as column names, one per criterion, that the one header rule tells apart
    ('Quality', 'Quality 2'; never 'Supplier', the name column): a bracketed '(2)' would read as a unit."""
    seen = {header_key(t) for t in taken}
    out = []
    for label in labels:
        name, n = label, 2
        while header_key(name) in seen or not header_key(name):
            name, n = f"{label} {n}", n + 1
        seen.add(header_key(name))
        out.append(name)
    return out


def guess_category(label: str, section: str | None = None) -> str:
    """The category a criterion's words suggest ('Price' -> cost, 'Data security' -> risk), else quality."""
    for text in (label, section or ""):
        words = header_key(text)
        for category, pattern in CATEGORY_WORDS[:-1]:
            if words and re.search(pattern, words):
                return category
    return "quality"


def criterion_key(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", header_key(label)).strip("_") or "criterion"
    if base[0].isdigit():
        base = f"c_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def settings_from(
    criteria: list[DerivedCriterion],
    *,
    name: str,
    description: str,
    panel_scale: tuple[float, float] | None = None,
) -> Config:
    """A Config for the file's own criteria and weights, validated (and so downloadable) like any preset.

    Each category's weight is the sum of its criteria's weights, so every criterion counts exactly its
    own weight's share of the total, as on the buyer's sheet.
    """
    default = load_preset(DEFAULT_PRESET)
    taken: set[str] = set()
    categories: dict[str, list[dict[str, Any]]] = {}
    for c in criteria:
        category = c.category or guess_category(c.label, c.section)
        item: dict[str, Any] = {
            "key": criterion_key(c.label, taken),
            "label": c.label,
            "column": c.column or c.label,
            "unit": c.unit,
            "direction": c.direction,
            "weight": plain(c.weight),
            "method": c.method,
            "missing": "worst",
        }
        if c.kind:
            item["kind"] = c.kind
        if c.panel:
            item["panel"] = True
        categories.setdefault(category, []).append(item)
    data: dict[str, Any] = {
        "name": name,
        "description": description,
        "aggregation": "weighted_sum",
        "supplier_column": {
            "column": "Supplier",
            "synonyms": list(default.supplier_synonyms),
        },
        "categories": {
            key: {"weight": plain(sum(i["weight"] for i in categories[key])), "criteria": categories[key]}
            for key in CATEGORIES
            if key in categories
        },
        "knockouts": [],
        "bands": [
            {"name": b.name, "from": b.lower, "to": b.upper, "colour": b.colour} for b in default.bands
        ],
    }
    if panel_scale is not None:
        low, high = panel_scale
        data["panel"] = {"scale": {"min": low, "max": high, "descriptors": {}}, "consensus": "mean"}
    return parse_config(data, name)


def plain(number: float) -> int | float:
    """25.0 -> 25 and 0.1 + 0.2 -> 0.3, so the downloaded settings read as the buyer typed them."""
    rounded = round(float(number), 9)
    return int(rounded) if rounded.is_integer() else rounded
