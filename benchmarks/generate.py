"""Realistic, seeded workloads for the benchmarks: sourcing events as a buyer would upload them.

An event workbook has three sheets, as a procurement team builds them:

- "Suppliers": a title row, then one row per supplier with 25 criteria (the
  default preset's 15 columns plus 10 more: tooling and logistics cost, lead
  time, capacity, audit score, cyber rating, ...) and a few columns that are not
  criteria (Country, Annual spend, Criticality). About 3% of cells are blank,
  2% say "n/a" and 5% are typed as text ("60 days", "97.5%", "EUR 1,268,000"),
  so the clean stage has real work to do.
- "Bids": long form, one row per supplier and item (Supplier, Item code,
  Description, Quantity, Unit price, Currency, Lead time, Baseline price).
  Every supplier has a row for every item (the RFQ template comes back filled
  in), but coverage is partial: each supplier prices 60-100% of the items (a few
  partial bidders 25-40%), the rest are blank or "No bid". Suppliers in the US,
  Mexico and Canada quote in USD, the others in EUR.
- "FX": the event's rate, 1 USD = 0.92 EUR.

Sizes: S = 20 suppliers x 200 items, M = 200 x 1,000, L = 500 x 2,000 (a
million bid rows). The xlsx is written by a small writer of our own (shared
strings, cell references, one style), the same parts Excel writes, because
xlsxwriter needs about a minute and a half for the L workbook; files are cached
by content of this module, size and seed, so a rerun of the suite does not pay
for them again. Nothing here comes from tests/: the benchmarks must not move
when a test fixture does.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from scorecard.config import Config, parse_config
from scorecard.suppliers import SupplierTable

SEED = 20260
USD_RATE = 0.92  # EUR per USD, in the FX sheet and the settings alike
SUPPLIERS_SHEET = "Suppliers"
BIDS_SHEET = "Bids"
FX_SHEET = "FX"
BID_HEADERS = (
    "Supplier",
    "Item code",
    "Description",
    "Quantity",
    "Unit price",
    "Currency",
    "Lead time (days)",
    "Baseline price",
)


@dataclass(frozen=True)
class EventSize:
    """How big a sourcing event is: suppliers invited and line items in the RFQ."""

    name: str
    suppliers: int
    items: int

    @property
    def bid_rows(self) -> int:
        return self.suppliers * self.items


SIZES: dict[str, EventSize] = {
    "S": EventSize("S", 20, 200),
    "M": EventSize("M", 200, 1_000),
    "L": EventSize("L", 500, 2_000),
}


# ---------------------------------------------------------------------- criteria


Draw = Callable[[np.random.Generator, int], np.ndarray]
Typed = Callable[[Any], str]


@dataclass(frozen=True)
class CriterionSpec:
    """One criterion: how the config scores it and how a supplier sheet fills its column."""

    key: str
    column: str
    category: str
    weight: float
    method: str | dict[str, Any]
    draw: Draw  # clean values for n suppliers: floats, or labels for categorical criteria
    unit: str = ""
    direction: str = "higher"
    missing: str = "worst"
    typed: Typed | None = None  # how a buyer types the value as text, for the cells that hold text

    def config_data(self) -> dict[str, Any]:
        label = self.column.split(" (")[0]
        return {
            "key": self.key,
            "label": label,
            "column": self.column,
            "unit": self.unit,
            "direction": self.direction,
            "weight": self.weight,
            "method": self.method,
            "missing": self.missing,
        }


def uniform(low: float, high: float, decimals: int = 1) -> Draw:
    return lambda rng, n: rng.uniform(low, high, n).round(decimals)


def lognormal(median: float, sigma: float, decimals: int = 0) -> Draw:
    return lambda rng, n: (median * rng.lognormal(0.0, sigma, n)).round(decimals)


def choice(options: Sequence[Any], p: Sequence[float] | None = None) -> Draw:
    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        picked = rng.choice(len(options), size=n, p=p)
        return np.array(options, dtype=object)[picked]

    return draw


def days_text(value: Any) -> str:
    return f"{value:g} days"


def percent_text(value: Any) -> str:
    return f"{value:g}%"


def euro_text(value: Any) -> str:
    return f"EUR {value:,.0f}"


def months_text(value: Any) -> str:
    return f"{value:g} months"


YES_NO = {"type": "categorical", "points": {"Yes": 100, "No": 0}}

# The default preset's 15 columns (so the app's default preset scores these workbooks) and 10 more.
EVENT_CRITERIA: tuple[CriterionSpec, ...] = (
    CriterionSpec("total_cost", "Total cost (EUR)", "cost", 50, "ratio_to_best", lognormal(1.2e6, 0.25, -3),
                  "EUR", "lower", "disqualify", euro_text),
    CriterionSpec("payment_terms", "Payment terms (days)", "cost", 10, {"type": "linear", "worst": 30, "best": 90},
                  choice([30, 45, 60, 90], [0.3, 0.3, 0.3, 0.1]), "days", typed=days_text),
    CriterionSpec("price_validity", "Price validity (months)", "cost", 5, {"type": "linear", "worst": 3, "best": 12},
                  choice([3, 6, 9, 12]), "months", typed=months_text),
    CriterionSpec("tooling_cost", "Tooling cost (EUR)", "cost", 10, {"type": "log_ratio", "a": 3},
                  lognormal(85_000, 0.5, -2), "EUR", "lower", typed=euro_text),
    CriterionSpec("logistics_cost", "Logistics cost (EUR)", "cost", 10, "min_max", lognormal(60_000, 0.4, -2),
                  "EUR", "lower", "neutral", euro_text),
    CriterionSpec("price_trend", "Price increase last 3 years (%)", "cost", 5,
                  {"type": "linear", "worst": 15, "best": 0}, uniform(-2, 18), "%", "lower", typed=percent_text),
    CriterionSpec("financial_risk", "Financial risk score", "risk", 30, {"type": "linear", "worst": 80, "best": 10},
                  uniform(5, 85, 0), "0-100", "lower"),
    CriterionSpec("country_risk", "Country risk", "risk", 20,
                  {"type": "categorical", "points": {"Low": 100, "Medium": 60, "High": 10}},
                  choice(["Low", "Medium", "High"], [0.5, 0.35, 0.15]), "Low/Medium/High"),
    CriterionSpec("business_continuity", "Business continuity plan", "risk", 15, YES_NO,
                  choice(["Yes", "No"], [0.75, 0.25]), "Yes/No"),
    CriterionSpec("cyber_rating", "Cybersecurity rating", "risk", 15,
                  {"type": "categorical", "points": {"A": 100, "B": 80, "C": 55, "D": 25, "E": 0}},
                  choice(["A", "B", "C", "D", "E"], [0.2, 0.35, 0.25, 0.15, 0.05]), "A-E"),
    CriterionSpec("capacity_headroom", "Capacity headroom (%)", "risk", 10, {"type": "target", "target": 25, "tolerance": 25},
                  uniform(0, 60), "%", typed=percent_text),
    CriterionSpec("revenue_share", "Our share of supplier revenue (%)", "risk", 10,
                  {"type": "target", "target": 15, "tolerance": 15}, uniform(1, 45), "%", "higher", "exclude",
                  percent_text),
    CriterionSpec("on_time_delivery", "On-time delivery (%)", "quality", 30,
                  {"type": "steps", "steps": [{"at_least": 98, "score": 100}, {"at_least": 95, "score": 70}],
                   "otherwise": 30},
                  uniform(86, 100), "%", typed=percent_text),
    CriterionSpec("defect_rate", "Defect rate (ppm)", "quality", 25, {"type": "linear", "worst": 1500, "best": 50},
                  lognormal(350, 0.8), "ppm", "lower"),
    CriterionSpec("iso_9001", "ISO 9001", "quality", 15, YES_NO, choice(["Yes", "No"], [0.92, 0.08]), "Yes/No"),
    CriterionSpec("audit_score", "Audit score (0-100)", "quality", 20,
                  {"type": "steps", "steps": [{"at_least": 85, "score": 100}, {"at_least": 70, "score": 60}],
                   "otherwise": 20},
                  uniform(50, 100, 0), "0-100"),
    CriterionSpec("warranty", "Warranty (months)", "quality", 10, "ratio_to_best", choice([6, 12, 18, 24, 36]),
                  "months", typed=months_text),
    CriterionSpec("sustainability_rating", "EcoVadis score", "sustainability", 40,
                  {"type": "linear", "worst": 25, "best": 75}, uniform(20, 85, 0), "0-100"),
    CriterionSpec("carbon_intensity", "Carbon intensity (tCO2e per EUR m)", "sustainability", 25, "min_max",
                  lognormal(60, 0.5), "tCO2e per EUR m revenue", "lower"),
    CriterionSpec("iso_14001", "ISO 14001", "sustainability", 15, YES_NO, choice(["Yes", "No"], [0.7, 0.3]),
                  "Yes/No"),
    CriterionSpec("conflict_minerals", "Conflict minerals declaration", "sustainability", 20, YES_NO,
                  choice(["Yes", "No"], [0.85, 0.15]), "Yes/No"),
    CriterionSpec("responsiveness", "Responsiveness (1-5)", "srm_fit", 30, {"type": "linear", "worst": 1, "best": 5},
                  choice([1, 2, 3, 4, 5], [0.05, 0.15, 0.35, 0.3, 0.15]), "rating 1-5", missing="neutral"),
    CriterionSpec("innovation", "Innovation (1-5)", "srm_fit", 25, {"type": "linear", "worst": 1, "best": 5},
                  choice([1, 2, 3, 4, 5], [0.1, 0.2, 0.35, 0.25, 0.1]), "rating 1-5", missing="neutral"),
    CriterionSpec("collaboration", "Collaboration (1-5)", "srm_fit", 25, {"type": "linear", "worst": 1, "best": 5},
                  choice([1, 2, 3, 4, 5], [0.05, 0.2, 0.4, 0.25, 0.1]), "rating 1-5", missing="neutral"),
    CriterionSpec("lead_time", "Lead time (days)", "srm_fit", 20, {"type": "linear", "worst": 90, "best": 14},
                  lognormal(35, 0.4), "days", "lower", typed=days_text),
)  # fmt: skip

# Five more for the scoring benchmark's 30 criteria (it builds its table in code, not from a sheet).
EXTRA_CRITERIA: tuple[CriterionSpec, ...] = (
    CriterionSpec("energy_cost", "Energy cost index", "cost", 5, "ratio_to_best", lognormal(100, 0.2, 1), "",
                  "lower"),
    CriterionSpec("ppap_level", "PPAP level", "quality", 10,
                  {"type": "categorical", "points": {"Level 5": 100, "Level 4": 80, "Level 3": 60, "Level 2": 30}},
                  choice(["Level 5", "Level 4", "Level 3", "Level 2"])),
    CriterionSpec("scrap_rate", "Scrap rate (%)", "quality", 10, "min_max", uniform(0.2, 6.0, 2), "%", "lower"),
    CriterionSpec("renewable_share", "Renewable energy share (%)", "sustainability", 10,
                  {"type": "steps", "steps": [{"at_least": 80, "score": 100}, {"at_least": 50, "score": 60}],
                   "otherwise": 10},
                  uniform(0, 100, 0), "%"),
    CriterionSpec("engineering_support", "Engineering support (1-5)", "srm_fit", 10,
                  {"type": "target", "target": 4, "tolerance": 3}, choice([1, 2, 3, 4, 5]), "rating 1-5",
                  missing="exclude"),
)  # fmt: skip

BANDS = [
    {"name": "Strategic partner", "from": 80, "to": 100, "colour": "#1a7f37"},
    {"name": "Preferred", "from": 65, "to": 80, "colour": "#74c476"},
    {"name": "Approved", "from": 50, "to": 65, "colour": "#f2c94c"},
    {"name": "Develop", "from": 35, "to": 50, "colour": "#f2994a"},
    {"name": "Exit", "from": 0, "to": 35, "colour": "#d64545"},
]
CATEGORY_WEIGHTS = {"cost": 35, "risk": 20, "quality": 25, "sustainability": 10, "srm_fit": 10}


def config_data(criteria: Sequence[CriterionSpec] = EVENT_CRITERIA) -> dict[str, Any]:
    """The event's settings as YAML-ready data: categories, knock-outs, bands and the bids section."""
    categories: dict[str, dict[str, Any]] = {}
    for spec in criteria:
        entry = categories.setdefault(
            spec.category, {"weight": CATEGORY_WEIGHTS[spec.category], "criteria": []}
        )
        entry["criteria"].append(spec.config_data())
    return {
        "name": f"Benchmark event ({len(criteria)} criteria)",
        "description": "Generated by benchmarks/generate.py.",
        "supplier_column": {"column": "Supplier"},
        "categories": categories,
        "knockouts": [
            {"criterion": "iso_9001", "must_be": "Yes"},
            {"criterion": "financial_risk", "at_most": 70},
        ],
        "bands": BANDS,
        "bids": {
            "base_currency": "EUR",
            "fx_rates": {"USD": USD_RATE},
            "partial_bid_policy": "fill_highest",
            "freight": {"per_unit": 0.02},
            "duty_percent": 1.5,
            "payment_terms": {"annual_rate_percent": 4, "days_from": "default", "default_days": 60},
        },
    }


def event_config() -> Config:
    """The 25-criterion settings that read and score the generated event workbooks."""
    return parse_config(config_data(EVENT_CRITERIA), "the benchmark settings")


# ---------------------------------------------------------------------- suppliers

COUNTRIES = (
    ("Germany", "EUR"), ("France", "EUR"), ("Italy", "EUR"), ("Spain", "EUR"), ("Poland", "EUR"),
    ("Czech Republic", "EUR"), ("Sweden", "EUR"), ("Netherlands", "EUR"), ("Portugal", "EUR"),
    ("Turkey", "EUR"), ("United States", "USD"), ("Mexico", "USD"), ("Canada", "USD"),
)  # fmt: skip
COUNTRY_SHARE = (0.16, 0.09, 0.1, 0.06, 0.08, 0.05, 0.04, 0.04, 0.03, 0.05, 0.18, 0.08, 0.04)
NAME_STEMS = (
    "Nordic", "Baltic", "Alpine", "Rhine", "Atlas", "Summit", "Pioneer", "Keystone", "Meridian", "Harbor",
    "Granite", "Cobalt", "Vector", "Apex", "Lombardia", "Iberia", "Silesia", "Bohemia", "Delta", "Orion",
    "Sterling", "Union", "Pacific", "Lakeside", "Crown", "Falcon", "Horizon", "Liberty", "Northern", "Central",
)  # fmt: skip
NAME_TRADES = (
    "Steelworks", "Fasteners", "Castings", "Plastics", "Precision", "Forging", "Components", "Metals",
    "Polymers", "Machining", "Stampings", "Electronics", "Springs", "Bearings", "Coatings", "Tooling",
    "Extrusions", "Packaging", "Wire", "Rubber",
)  # fmt: skip
LEGAL_FORMS = {
    "EUR": ("GmbH", "S.A.", "S.p.A.", "AB", "B.V.", "sp. z o.o.", "s.r.o."),
    "USD": ("Inc.", "LLC", "Corp."),
}


def supplier_names(n: int, currencies: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Unique, plausible company names ('Cobalt Castings GmbH'); a number only once the combinations run out."""
    combos = [(s, t) for s in NAME_STEMS for t in NAME_TRADES]
    order = rng.permutation(len(combos))
    names = []
    for i in range(n):
        stem, trade = combos[order[i % len(combos)]]
        forms = LEGAL_FORMS[str(currencies[i])]
        name = f"{stem} {trade} {forms[int(rng.integers(len(forms)))]}"
        names.append(name if i < len(combos) else f"{name} {i // len(combos) + 1}")
    return names


@dataclass(frozen=True)
class SupplierSheet:
    """The suppliers sheet as cells (title row, blank row, header, data) and each supplier's quoting currency."""

    rows: list[list[Any]]
    names: list[str]
    currencies: np.ndarray


def supplier_sheet(n: int, rng: np.random.Generator) -> SupplierSheet:
    """One row per supplier with the 25 criteria, typed the way buyers type them (blanks, n/a, text)."""
    country = rng.choice(len(COUNTRIES), size=n, p=COUNTRY_SHARE)
    countries = np.array([c for c, _ in COUNTRIES], dtype=object)[country]
    currencies = np.array([cur for _, cur in COUNTRIES], dtype=object)[country]
    names = supplier_names(n, currencies, rng)
    columns: dict[str, np.ndarray] = {"Supplier": np.array(names, dtype=object), "Country": countries}
    for spec in EVENT_CRITERIA:
        values = spec.draw(rng, n).astype(object)
        roll = rng.random(n)
        values[roll < 0.03] = None
        values[(roll >= 0.03) & (roll < 0.05)] = "n/a"
        if spec.typed is not None:
            as_text = (roll >= 0.05) & (roll < 0.10)
            values[as_text] = [spec.typed(v) for v in values[as_text]]
        columns[spec.column] = values
    columns["Annual spend (EUR)"] = lognormal(900_000, 0.9, -3)(rng, n).astype(object)
    columns["Criticality"] = choice(["High", "Medium", "Low"], [0.25, 0.5, 0.25])(rng, n)
    headers = list(columns)
    body = [list(row) for row in zip(*columns.values(), strict=True)]
    title = [f"Supplier evaluation: generated event of {n} suppliers"]
    return SupplierSheet([title, [], headers, *body], names, currencies)


def score_workload(
    suppliers: int = 10_000,
    seed: int = SEED,
    criteria: Sequence[CriterionSpec] = EVENT_CRITERIA + EXTRA_CRITERIA,
) -> tuple[SupplierTable, Config]:
    """The scoring benchmark's input: by default 30 criteria (every method), about 4% of values missing.

    Values are what the map stage hands the engine: numeric criteria as float64
    columns (NaN = no data), labels as object columns (None = no data), supplier
    names as the index.
    """
    rng = np.random.default_rng([seed, suppliers])
    specs = tuple(criteria)
    config = parse_config(config_data(specs), "the benchmark settings")
    numeric = {c.key for c in config.criteria if c.kind in ("number", "money", "percent")}
    columns = {}
    for spec in specs:
        drawn = spec.draw(rng, suppliers)
        blank = rng.random(suppliers) < 0.04
        if spec.key in numeric:
            values = pd.to_numeric(pd.Series(drawn, dtype=object)).to_numpy(dtype=float, copy=True)
            values[blank] = np.nan
        else:
            values = np.asarray(drawn).astype(object)
            values[blank] = None
        columns[spec.key] = values
    frame = pd.DataFrame(
        columns, index=pd.Index([f"Supplier {i:05d}" for i in range(suppliers)], name="supplier")
    )
    return SupplierTable(frame, source_rows=tuple(range(2, suppliers + 2)), sheet=SUPPLIERS_SHEET), config


# ---------------------------------------------------------------------- bids

MATERIALS = (
    "Steel",
    "Aluminium",
    "Brass",
    "Stainless",
    "Nylon",
    "ABS",
    "Copper",
    "Zinc-plated",
    "EPDM",
    "PTFE",
)
PARTS = ("bracket", "bolt", "washer", "housing", "bushing", "clip", "gasket", "shaft", "cover", "spring",
         "connector", "hinge", "spacer", "nut", "rivet", "seal", "pin", "flange", "sleeve", "plate")  # fmt: skip


@dataclass(frozen=True)
class BidColumns:
    """The long bid sheet as columns of cells (object arrays, None for a blank cell)."""

    columns: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))


def bid_columns(size: EventSize, suppliers: SupplierSheet, rng: np.random.Generator) -> BidColumns:
    """Every supplier's row for every item; partial coverage, two currencies, supplier price levels."""
    n_s, n_i = size.suppliers, size.items
    supplier = np.repeat(np.arange(n_s), n_i)
    item = np.tile(np.arange(n_i), n_s)
    codes = np.array([f"P-{100_000 + 7 * i}" for i in range(n_i)], dtype=object)
    material = rng.integers(len(MATERIALS), size=n_i)
    part = rng.integers(len(PARTS), size=n_i)
    dimension = rng.choice([4, 6, 8, 10, 12, 16, 20, 25, 30, 40, 50, 60, 80, 100], size=n_i)
    descriptions = np.array(
        [f"{MATERIALS[m]} {PARTS[p]} {d} mm" for m, p, d in zip(material, part, dimension, strict=True)],
        dtype=object,
    )
    quantity = np.maximum(1, rng.lognormal(7.0, 1.3, n_i).round(-1))
    baseline = rng.lognormal(1.5, 1.1, n_i).round(2)
    level = rng.uniform(0.85, 1.15, n_s)  # each supplier's price level against the market
    coverage = np.where(rng.random(n_s) < 0.08, rng.uniform(0.25, 0.4, n_s), rng.uniform(0.6, 1.0, n_s))
    usd = suppliers.currencies[:n_s] == "USD"
    price_eur = baseline[item] * level[supplier] * rng.lognormal(0.0, 0.08, len(item))
    price = np.where(usd[supplier], price_eur / USD_RATE, price_eur).round(2).astype(object)
    quoted = rng.random(len(item)) < coverage[supplier]
    price[~quoted] = None
    no_bid = ~quoted & (rng.random(len(item)) < 0.05)
    price[no_bid] = "No bid"
    lead = (rng.integers(14, 70, n_s)[supplier] + rng.integers(-5, 6, len(item))).astype(float).astype(object)
    lead[~quoted] = None
    names = np.array(suppliers.names[:n_s], dtype=object)
    return BidColumns(
        {
            "Supplier": names[supplier],
            "Item code": codes[item],
            "Description": descriptions[item],
            "Quantity": quantity[item].astype(object),
            "Unit price": price,
            "Currency": np.where(usd, "USD", "EUR").astype(object)[supplier],
            "Lead time (days)": lead,
            "Baseline price": baseline[item].astype(object),
        }
    )


# ---------------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class EventWorkbook:
    """A generated event: the xlsx bytes and what went into them."""

    size: EventSize
    data: bytes
    filename: str


def event_workbook(size: EventSize | str, seed: int = SEED, *, cache: bool = True) -> EventWorkbook:
    """The event workbook for a size (from the cache when this module, size and seed are unchanged)."""
    size = SIZES[size] if isinstance(size, str) else size
    filename = f"benchmark_event_{size.name}.xlsx"
    path = cache_dir() / f"{fingerprint(size, seed)}.xlsx" if cache else None
    if path is not None and path.exists():
        return EventWorkbook(size, path.read_bytes(), filename)
    data = build_event_workbook(size, seed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a concurrent run never reads half a file
    return EventWorkbook(size, data, filename)


def build_event_workbook(size: EventSize, seed: int = SEED) -> bytes:
    rng = np.random.default_rng([seed, size.suppliers, size.items])
    suppliers = supplier_sheet(size.suppliers, rng)
    bids = bid_columns(size, suppliers, rng)
    fx = [["Currency", "Rate"], ["EUR", 1.0], ["USD", USD_RATE]]
    return write_xlsx(
        [
            (SUPPLIERS_SHEET, suppliers.rows, None),
            (BIDS_SHEET, [list(BID_HEADERS)], bids.columns),
            (FX_SHEET, fx, None),
        ]
    )


def cache_dir() -> Path:
    return Path(os.environ.get("SCORECARD_BENCH_CACHE", Path(tempfile.gettempdir()) / "scorecard-benchmarks"))


def fingerprint(size: EventSize, seed: int) -> str:
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + f"|{size}|{seed}".encode()).hexdigest()[:20]


# ---------------------------------------------------------------------- a small xlsx writer

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}"
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def column_letters(count: int) -> list[str]:
    letters = []
    for index in range(count):
        name, index = "", index + 1
        while index:
            index, rem = divmod(index - 1, 26)
            name = chr(65 + rem) + name
        letters.append(name)
    return letters


class SharedStrings:
    """Excel's shared string table: each distinct text once, cells refer to it by position."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def code(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self.index)
        head = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {MAIN_NS} count="{self.count}" '
        )
        return (head + f'uniqueCount="{len(self.index)}">{items}</sst>').encode()


def cell_xml(ref: str, value: Any, strings: SharedStrings) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings.code(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    return f'<c r="{ref}"><v>{float(value)!r}</v></c>'


def column_cells(letter: str, first_row: int, values: np.ndarray, strings: SharedStrings) -> list[str]:
    """The <c> elements of one column, built column-wise so each value's type is looked at once."""
    return [cell_xml(f"{letter}{first_row + r}", v, strings) for r, v in enumerate(values.tolist())]


def sheet_xml(rows: list[list[Any]], columns: dict[str, np.ndarray] | None, strings: SharedStrings) -> bytes:
    """A worksheet part: `rows` first (titles, headers, small tables), then `columns` below them."""
    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {MAIN_NS} {REL_NS}><sheetData>'
    ]
    width = max([len(r) for r in rows] + [len(columns or {})])
    letters = column_letters(width)
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{letters[c]}{r}", v, strings) for c, v in enumerate(row))
        parts.append(f'<row r="{r}">{cells}</row>' if cells else "")
    if columns:
        first = len(rows) + 1
        per_column = [column_cells(letters[c], first, v, strings) for c, v in enumerate(columns.values())]
        for r, cells in enumerate(zip(*per_column, strict=True)):
            parts.append(f'<row r="{first + r}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def write_xlsx(sheets: list[tuple[str, list[list[Any]], dict[str, np.ndarray] | None]]) -> bytes:
    """An .xlsx with the given sheets: (name, rows on top, columns below them or None)."""
    strings = SharedStrings()
    parts = {
        f"xl/worksheets/sheet{n}.xml": sheet_xml(rows, cols, strings)
        for n, (_, rows, cols) in enumerate(sheets, 1)
    }
    sheet_entries = "".join(
        f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, (name, _, _) in enumerate(sheets, 1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {MAIN_NS} {REL_NS}>'
        f"<sheets>{sheet_entries}</sheets></workbook>"
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{relation}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    count = len(sheets)
    rels += (
        f'<Relationship Id="rId{count + 1}" Type="{relation}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{relation}/sharedStrings" Target="sharedStrings.xml"/>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        types = "".join(SHEET_TYPE.format(n=n) for n in range(1, count + 1))
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        archive.writestr("xl/styles.xml", STYLES)
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr("xl/sharedStrings.xml", strings.xml())
    return buffer.getvalue()


def main() -> None:
    """`python -m benchmarks.generate [SIZE...] [--out DIR]`: write the event workbooks to look at them."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--out", type=Path, default=Path("."))
    args = parser.parse_args()
    for name in args.sizes:
        book = event_workbook(name)
        target = args.out / book.filename
        target.write_bytes(book.data)
        print(
            f"{target}: {len(book.data) / 1e6:.1f} MB, {book.size.suppliers} suppliers x {book.size.items} items"
        )


if __name__ == "__main__":
    main()
