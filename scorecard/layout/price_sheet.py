"""A price sheet beside an evaluation matrix or evaluator sheets (a quality/price tender): the price joins
the criteria, scored lowest-is-best as a share of the lowest price, with the weight the file states, and a
summary sheet's own totals are cross-checked against the scores and prices."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.layout import Role, WorkbookLayout
from scorecard.layout.matrix_cells import SUPPLIER_WORDS
from scorecard.layout.own_settings import DerivedCriterion, unique_labels
from scorecard.names import first_header, supplier_key
from scorecard.read import Sheet, Workbook

PRICE_WEIGHT_FALLBACK = (
    30.0  # % of the total, when the file names no price weight (a common public-sector split)
)

# words in a criterion's label that say which of the five categories it belongs to; first match wins

PRICE_HEADERS = (
    "price",
    "total price",
    "tender price",
    "bid price",
    "price offered",
    "offered price",
    "quoted price",
    "contract price",
    "total cost",
    "cost",
    "tendered price",
    "evaluated price",
    "bid amount",
)
PRICE_WEIGHT = re.compile(
    r"price\D{0,40}?(\d+(?:\.\d+)?)\s*(%|percent|points|pts|marks|\))|(\d+(?:\.\d+)?)\s*%\s*(?:for\s+)?price",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PriceSheet:
    name: str
    supplier: str
    price: str
    sheet: Sheet


def price_sheet(workbook: Workbook, layout: WorkbookLayout, suppliers: set[str]) -> PriceSheet | None:
    """A sheet with a row per supplier and its price, naming (mostly) the matrix's suppliers."""
    for sheet_layout in layout.with_role(Role.SUPPLIERS, Role.UNKNOWN):
        sheet = workbook.sheet(sheet_layout.sheet)
        if sheet.is_empty:
            continue
        supplier = sheet_layout.column("supplier") or first_header(sheet.columns, (), like=SUPPLIER_WORDS)
        price = price_column(sheet.columns)
        if supplier is None or price is None:
            continue
        names = {supplier_key(str(v)) for v in sheet.table[supplier].dropna()}
        if len(names & suppliers) >= max(1, len(suppliers) // 2):
            return PriceSheet(sheet.name, supplier, price, sheet)
    return None


def price_column(headers: tuple[str, ...]) -> str | None:
    """The price itself, not its points or score: 'Price', 'Tendered price (GBP)', 'Total cost'."""
    return first_header(headers, PRICE_HEADERS, like=PRICE_WORDS, unless=NOT_PRICE_WORDS)


PRICE_WORDS = re.compile(r"\bprice\b|\bcost\b")
NOT_PRICE_WORDS = re.compile(r"point|score|rank|mark|weight")  # the price's points or score, not the price
TOTAL_COLUMN = re.compile(
    r"^(total|total score|total points|overall|overall score|final score|weighted total)\b"
)


def points(
    table: pd.DataFrame, criteria: list[DerivedCriterion], scale: tuple[float, float], low: float
) -> pd.Series:
    """Each supplier's points, by supplier key: weight x (score - low) / (top - low) per criterion (low 0 is
    the sheet's own weight x score / top; low = the bottom of the scale is Scorecard's linear scale), and
    weight x lowest price / price for the price."""
    total = pd.Series(0.0, index=[supplier_key(str(n)) for n in table["Supplier"]])
    for c in criteria:
        values = pd.to_numeric(pd.Series(table[c.label].to_numpy(), index=total.index), errors="coerce")
        if c.direction == "lower":
            total += c.weight * values.min() / values
        else:
            total += c.weight * (values - low) / (scale[1] - low)
    return total[~total.index.duplicated()]


@dataclass(frozen=True)
class PublishedTotals:
    """A summary sheet's own total per supplier (by supplier key) and the row each supplier is on."""

    sheet: str
    column: str
    totals: pd.Series
    rows: dict[str, int]


def published_totals(workbook: Workbook, layout: WorkbookLayout) -> list[PublishedTotals]:
    """Every sheet with a row per supplier and a Total column: the file's own sums of quality and price."""
    found = []
    for sheet_layout in layout.with_role(Role.SUPPLIERS, Role.UNKNOWN):
        sheet = workbook.sheet(sheet_layout.sheet)
        supplier = sheet_layout.column("supplier") or first_header(sheet.columns, (), like=SUPPLIER_WORDS)
        total = first_header(sheet.columns, (), like=TOTAL_COLUMN)
        if sheet.is_empty or supplier is None or total is None:
            continue
        keys = [supplier_key(str(n)) for n in sheet.table[supplier]]
        totals = pd.Series(pd.to_numeric(sheet.table[total], errors="coerce").to_numpy(), index=keys)
        rows: dict[str, int] = {}
        for key, row in zip(keys, sheet.table.index, strict=True):
            rows.setdefault(key, int(row))
        # a name listed twice is not cross-checked twice
        found.append(PublishedTotals(sheet.name, total, totals[~totals.index.duplicated()], rows))
    return found


def summary_check(
    workbook: Workbook,
    layout: WorkbookLayout,
    quality: Sheet,
    criteria: list[DerivedCriterion],
    scale: tuple[float, float],
) -> list[Finding]:
    """A summary sheet's own total per supplier (quality points + price points) against the same sum worked
    out the sheet's way (weight x score / top of the scale) from the matrix scores and the prices, allowing
    for the sheet's maximum (100, 90, ...). On a scale that does not start at 0 (1-5), Scorecard's linear
    scale gives the lowest score no points where the sheet gives it some: that is said, with whether it
    changes who comes first."""
    table = quality.table
    if not {"Supplier", *(c.label for c in criteria)} <= set(table.columns):
        return []  # a panel's ratings are in its evaluations sheet until the consensus is worked out
    sheet_way = points(table, criteria, scale, 0.0)
    findings = convention_check(quality, sheet_way, points(table, criteria, scale, scale[0]), scale)
    for published in published_totals(workbook, layout):
        checked = totals_check(published, sheet_way)
        if checked is not None:
            return checked + findings
    return findings


def totals_check(published: PublishedTotals, ours: pd.Series) -> list[Finding] | None:
    """The published totals against ours (the sheet's arithmetic), at the sheet's own maximum; None when
    fewer than two suppliers can be compared."""
    theirs = published.totals
    both = [
        k for k in theirs.index if k in ours.index and not math.isnan(theirs[k]) and not math.isnan(ours[k])
    ]
    if len(both) < 2:
        return None
    ratio = float(np.median([theirs[k] / ours[k] for k in both if ours[k]]))
    differ = [k for k in both if not math.isclose(theirs[k], ratio * ours[k], rel_tol=0.005, abs_tol=0.01)]
    if not differ:
        return [
            Finding(
                Severity.INFO,
                f'The sheet\'s own "{published.column}" matches the scores and prices for every supplier '
                f"(out of {100 * ratio:.4g}; Scorecard shows the same out of 100).",
                sheet=published.sheet,
                column=published.column,
                action="cross-checked",
            )
        ]
    return [
        Finding(
            Severity.WARNING,
            f'The sheet\'s own "{published.column}" is {theirs[k]:,.4g}, but the matrix scores and the prices '
            f"give {ratio * ours[k]:,.4g} (out of {100 * ratio:.4g}); its formula may not cover every criterion.",
            sheet=published.sheet,
            row=published.rows[k],
            column=published.column,
            value=f"{theirs[k]:g}",
            action="scored from the matrix and the prices",
        )
        for k in differ
    ]


def convention_check(
    quality: Sheet, sheet_way: pd.Series, ours: pd.Series, scale: tuple[float, float]
) -> list[Finding]:
    """Where the sheet's weight x score / top and Scorecard's linear scale differ (a scale from 1), say how,
    and whether the first place differs between the two (then as a warning naming both)."""
    low, top = scale
    if low == 0 or sheet_way.isna().all() or ours.isna().all():
        return []
    names = {supplier_key(str(n)): str(n) for n in quality.table["Supplier"]}
    first_sheet, first_ours = names[sheet_way.idxmax()], names[ours.idxmax()]
    how = (
        f"On this sheet a criterion's points are weight x score / {top:g}, so the lowest score ({low:g}) still "
        f"earns {low / top:.0%} of them; Scorecard's {low:g}-{top:g} scale gives the lowest score none and the "
        f"top score all. Quality differences therefore weigh more against the price in Scorecard's totals."
    )
    if first_sheet == first_ours:
        return [
            Finding(
                Severity.INFO,
                f"{how} Either way {first_ours} comes first.",
                sheet=quality.name,
                action="scored on Scorecard's linear scale",
            )
        ]
    return [
        Finding(
            Severity.WARNING,
            f"{how} Here that changes who comes first: {first_sheet} on the sheet's arithmetic, "
            f"{first_ours} on Scorecard's.",
            sheet=quality.name,
            action=f"check which rule the tender states; to follow the sheet, score each quality criterion from "
            f"0 to {top:g} (method worst 0) in the settings file or the app",
        )
    ]


def with_price(
    workbook: Workbook,
    sheets: list[Sheet],
    criteria: list[DerivedCriterion],
    price: PriceSheet,
    quality_points: float,
) -> tuple[list[Sheet], list[DerivedCriterion], list[Finding]]:
    """Add the price to the suppliers' rows, scored lowest-is-best as a share of the lowest price.

    `quality_points` are the most points the quality criteria can give on the sheet (the weights' sum, or
    multiplier x top of the scale), so that a price stated in points weighs what it weighs there."""
    findings: list[Finding] = []
    share, how = price_share(workbook, price, quality_points)
    quality_total = sum(c.weight for c in criteria)
    scale = (100 - share) / quality_total if quality_total else 1.0
    criteria = [replace(c, weight=c.weight * scale) for c in criteria]
    label = unique_labels(["Price"], ("Supplier", *(c.label for c in criteria)))[0]
    criteria.append(
        DerivedCriterion(
            label, share, direction="lower", method="ratio_to_best", kind="money", category="cost"
        )
    )
    findings.append(
        Finding(
            Severity.INFO if how != "assumed" else Severity.WARNING,
            f'Price from sheet "{price.name}", column "{price.price}", counts {share:.4g}% of the total ({how}); '
            "the lowest price scores full marks and the others in proportion (lowest price / price).",
            sheet=price.name,
            column=price.price,
            action="change the weight in the app's sidebar if the tender says otherwise",
        )
    )
    prices = {
        supplier_key(str(name)): value
        for name, value in zip(price.sheet.table[price.supplier], price.sheet.table[price.price], strict=True)
        if name is not None
    }
    table = priced_table(sheets[0].table, price, prices, label, findings)
    sheets = [replace(sheets[0], table=table, rows_read=len(table)), *sheets[1:]]
    return sheets, criteria, findings


def priced_table(
    table: pd.DataFrame, price: PriceSheet, prices: dict[str, object], label: str, findings: list[Finding]
) -> pd.DataFrame:
    """The turned matrix with the price column added by supplier name; a supplier with a price but no quality
    scores is added below (scored, its quality as no data), each said in a finding."""
    table = table.copy()
    listed = {supplier_key(str(n)) for n in table["Supplier"]}
    table[label] = [prices.get(supplier_key(str(n))) for n in table["Supplier"]]
    extra = [
        (str(name), value)
        for name, value in zip(price.sheet.table[price.supplier], price.sheet.table[price.price], strict=True)
        if name is not None and supplier_key(str(name)) not in listed
    ]
    findings += [
        Finding(
            Severity.WARNING,
            f"{name} has a price but no quality scores; it is scored with no data for them.",
            sheet=price.name,
            value=name,
            action="scored, with its quality criteria as no data",
        )
        for name, _ in extra
    ]
    if not extra:
        return table
    rows = pd.DataFrame([{"Supplier": n, label: v} for n, v in extra], dtype=object)
    rows.index = pd.Index(
        range(int(table.index.max()) + 1, int(table.index.max()) + 1 + len(rows)), name="row"
    )
    return pd.concat([table, rows]).astype(object)


def price_share(workbook: Workbook, price: PriceSheet, quality_points: float) -> tuple[float, str]:
    """Price's share of the total in %: as the file states it ('Price (30%)' as a share; 'Price points
    (max 40)' as points beside the quality points), else what the quality weights leave of 100, else a
    common 30% (said as an assumption). The price sheet is read first, then the others."""
    ordered = sorted(workbook.sheets, key=lambda sheet: sheet.name != price.name)
    for sheet in ordered:
        texts = [str(h) for h in sheet.columns] + [
            v for row in sheet.cells[:40] for v in row if isinstance(v, str)
        ]
        for text in texts:
            stated = stated_share(text, sheet.name, quality_points)
            if stated is not None:
                return stated
    if 0 < quality_points < 100:
        return 100 - quality_points, f"what the quality weights ({quality_points:g}) leave of 100"
    return PRICE_WEIGHT_FALLBACK, "assumed"


def stated_share(text: str, sheet: str, quality_points: float) -> tuple[float, str] | None:
    """Price's share from one text of the file: 'Price (30%)' is a share of 100; 'Price points (max 40)'
    is points beside the quality points; None when the text states neither."""
    match = PRICE_WEIGHT.search(text)
    if not match:
        return None
    value = float(match.group(1) or match.group(3))
    is_share = match.group(3) is not None or (match.group(2) or "").casefold() in ("%", "percent")
    if is_share and 0 < value < 100:
        return value, f'as sheet "{sheet}" states: "{text.strip()}"'
    if not is_share and value > 0 and quality_points > 0:
        share = 100 * value / (value + quality_points)
        return share, (
            f'{value:g} price points, as sheet "{sheet}" states ("{text.strip()}"), beside '
            f"{quality_points:g} quality points"
        )
    return None
