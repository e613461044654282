"""Buyers' evaluation workbooks built in code: matrices, evaluator sheets, tenders, e-sourcing exports.

openpyxl writes a formula without its result; Excel saves both. `Formula` cells are written as
formulas and then given their cached value in the sheet XML, so the reader sees what it sees in a
file saved by Excel.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Formula:
    """A formula cell with the value Excel would have saved with it."""

    text: str
    value: float | str


@dataclass(frozen=True)
class Merge:
    """A merged range, e.g. Merge("C2:F2"), written after the rows."""

    cells: str


def workbook_bytes(sheets: dict[str, Sequence[Sequence[object] | Merge]]) -> bytes:
    """An .xlsx whose sheets are lists of rows (row 1 first); Formula cells carry cached values."""
    book = Workbook()
    book.remove(book.active)
    cached: dict[int, dict[str, float | str]] = {}
    for index, (name, rows) in enumerate(sheets.items(), start=1):
        sheet = book.create_sheet(name)
        values: dict[str, float | str] = {}
        row_number = 0
        for row in rows:
            if isinstance(row, Merge):
                sheet.merge_cells(row.cells)
                continue
            row_number += 1
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                ref = f"{get_column_letter(column)}{row_number}"
                if isinstance(value, Formula):
                    sheet[ref] = value.text
                    values[ref] = value.value
                else:
                    sheet[ref] = value
                    if isinstance(value, str) and value.startswith("="):
                        sheet[ref].data_type = "s"
        cached[index] = values
    buffer = io.BytesIO()
    book.save(buffer)
    return with_cached_values(buffer.getvalue(), cached)


def with_cached_values(data: bytes, cached: dict[int, dict[str, float | str]]) -> bytes:
    """Put each formula's result into `<v>` as Excel does (text results get t="str")."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and cached.get(int(match.group(1))):
                text = content.decode()
                for ref, value in cached[int(match.group(1))].items():
                    kind = ' t="str"' if isinstance(value, str) else ""
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                        lambda m, v=value, k=kind, r=ref: (
                            f'<c r="{r}"{m.group(1)}{k}><f>{m.group(2)}</f><v>{v}</v>'
                        ),
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


# --------------------------------------------------------------------------- the buyers' workbooks

RFP_VENDORS = ("Acme Software", "Beta Systems", "Gamma Tech", "Delta Cloud")
RFP_CRITERIA = (
    ("Functional fit", 30),
    ("Technical architecture", 20),
    ("Implementation approach", 15),
    ("Price", 25),
    ("Vendor viability", 10),
)
# 1-5 scores, criteria x vendors: Beta leads on the weighted sum, not on the plain sum (Gamma has more points)
RFP_SCORES = (
    (4, 3, 5, 3),
    (3, 4, 4, 2),
    (4, 4, 5, 3),
    (3, 5, 1, 4),
    (4, 3, 5, 2),
)


def rfp_matrix_rows(
    scores: Sequence[Sequence[float | None]] = RFP_SCORES,
    weights_as_fractions: bool = False,
    total_override: dict[int, float] | None = None,
) -> list[object]:
    """A weighted RFP matrix as buyers build it: title rows, a merged "Vendor scores" cell over the vendor
    names, a Weight (%) column, 1-5 scores, then TOTAL (SUMPRODUCT) and Rank formula rows."""
    first, last = 6, 6 + len(RFP_CRITERIA) - 1
    weights = [w / 100 if weights_as_fractions else w for _, w in RFP_CRITERIA]
    totals = [
        sum(w * (s[i] or 0) for w, s in zip(weights, scores, strict=True)) for i in range(len(RFP_VENDORS))
    ]
    for i, value in (total_override or {}).items():
        totals[i] = value
    ranks = [1 + sum(t > total for t in totals) for total in totals]
    letters = [get_column_letter(3 + i) for i in range(len(RFP_VENDORS))]
    rows: list[object] = [
        ["Vendor evaluation matrix: ERP replacement RFP 2026-07"],
        ["Scoring scale: 1 = poor, 3 = meets requirements, 5 = excellent"],
        [],
        [None, None, "Vendor scores"],
        ["Evaluation criteria", "Weight (%)", *RFP_VENDORS],
    ]
    for (label, _), weight, row in zip(RFP_CRITERIA, weights, scores, strict=True):
        rows.append([label, weight, *row])
    rows.append(
        [
            "TOTAL",
            Formula(f"=SUM(B{first}:B{last})", sum(weights)),
            *(
                Formula(f"=SUMPRODUCT($B${first}:$B${last},{c}{first}:{c}{last})", t)
                for c, t in zip(letters, totals, strict=True)
            ),
        ]
    )
    total_row = last + 1
    rows.append(
        [
            "Rank",
            None,
            *(
                Formula(f"=RANK({c}{total_row},$C${total_row}:${letters[-1]}${total_row})", r)
                for c, r in zip(letters, ranks, strict=True)
            ),
        ]
    )
    rows.append(Merge(f"C4:{letters[-1]}4"))
    return rows


TENDERERS = ("Northbridge Facilities", "Keystone Services", "Harbour FM", "Oakline Group")
QUALITY_CRITERIA = (  # weights in points of the 100: quality is 70 of them
    ("Technical approach and methodology", 30),
    ("Experience and case studies", 20),
    ("Team and resourcing", 10),
    ("Social value", 10),
)
QUALITY_SCORES = (  # 0-10, criteria x tenderers
    (8, 6, 9, 5),
    (7, 8, 6, 6),
    (6, 7, 8, 9),
    (5, 8, 7, 6),
)
TENDER_PRICES = (412_000.0, 365_500.0, 498_000.0, 352_250.0)


def tender_sheets() -> dict[str, list[object]]:
    """A 70/30 quality/price tender: a summary sheet, a quality sheet with criteria in rows and the
    tenderers across, and a price sheet whose price points are a formula (lowest price gets 30)."""
    quality = [
        sum(w * s[i] / 10 for (_, w), s in zip(QUALITY_CRITERIA, QUALITY_SCORES, strict=True))
        for i in range(len(TENDERERS))
    ]
    lowest = min(TENDER_PRICES)
    price_points = [30 * lowest / p for p in TENDER_PRICES]
    quality_rows: list[object] = [
        ["Facilities management tender FM-2026-03: quality evaluation (70%)"],
        ["Each criterion is scored 0-10; weighted score = weight x score / 10"],
        [],
        ["Criterion", "Weight", *TENDERERS],
    ]
    for (label, weight), scores in zip(QUALITY_CRITERIA, QUALITY_SCORES, strict=True):
        quality_rows.append([label, weight, *scores])
    quality_rows.append(
        ["Quality score (out of 70)", 70, *(Formula("=SUMPRODUCT(...)/10", q) for q in quality)]
    )
    price_rows: list[object] = [
        ["Price evaluation (30%): price points = 30 x lowest price / tendered price"],
        [],
        ["Tenderer", "Tendered price (GBP)", "Price points (max 30)"],
    ]
    for i, (name, price) in enumerate(zip(TENDERERS, TENDER_PRICES, strict=True)):
        price_rows.append([name, price, Formula(f"=30*MIN($B$4:$B$7)/B{4 + i}", price_points[i])])
    totals = [q + p for q, p in zip(quality, price_points, strict=True)]
    summary_rows: list[object] = [
        ["Tender FM-2026-03: evaluation summary"],
        [],
        ["Tenderer", "Quality (70)", "Price points (30)", "Total (100)", "Position"],
    ]
    for i, name in enumerate(TENDERERS):
        position = 1 + sum(t > totals[i] for t in totals)
        summary_rows.append(
            [
                name,
                Formula(f"=Quality!{get_column_letter(3 + i)}9", quality[i]),
                Formula(f"=Price!C{4 + i}", price_points[i]),
                Formula(f"=B{4 + i}+C{4 + i}", totals[i]),
                Formula(f"=RANK(D{4 + i},$D$4:$D$7)", position),
            ]
        )
    return {"Summary": summary_rows, "Quality": quality_rows, "Price": price_rows}


BIDDERS = ("Vendor A", "Vendor B", "Vendor C")
PANEL_CRITERIA = (
    ("Understanding of requirements", 4),
    ("Delivery plan", 3),
    ("Team experience", 2),
    ("Added value", 1),
)
EVALUATOR_SCORES = {  # evaluator -> criteria x bidders, 0-5
    "Anna Berg": ((4, 3, 5), (3, 4, 4), (4, 4, 3), (2, 5, 3)),
    "Ben Okafor": ((5, 3, 4), (3, 3, 4), (4, 5, 3), (3, 4, 2)),
    "Chloe Martin": ((4, 2, 4), (2, 4, 5), (5, 4, 4), (3, 4, 3)),
}
BIDDER_PRICES = (98_000.0, 91_500.0, 104_000.0)


def evaluator_sheets() -> dict[str, list[object]]:
    """Three evaluators' score sheets (same criteria x bidder grid, a multiplier per criterion, 0-5 scores)
    and a price sheet whose price points (max 40) are a formula."""
    sheets: dict[str, list[object]] = {}
    for number, (evaluator, grid) in enumerate(EVALUATOR_SCORES.items(), start=1):
        rows: list[object] = [
            ["Consultancy framework lot 2: individual evaluation form"],
            ["Evaluator:", evaluator],
            ["Score each bidder 0-5 (0 = no response, 5 = excellent); points = score x multiplier"],
            [],
            ["Criterion", "Multiplier", *BIDDERS],
        ]
        for (label, multiplier), scores in zip(PANEL_CRITERIA, grid, strict=True):
            rows.append([label, multiplier, *scores])
        totals = [sum(m * s[i] for (_, m), s in zip(PANEL_CRITERIA, grid, strict=True)) for i in range(3)]
        rows.append(["Total points", None, *(Formula("=SUMPRODUCT(...)", t) for t in totals)])
        sheets[f"Evaluator {number}"] = rows
    lowest = min(BIDDER_PRICES)
    price_rows: list[object] = [["Bidder", "Price (EUR)", "Price points (max 40)"]]
    for i, (name, price) in enumerate(zip(BIDDERS, BIDDER_PRICES, strict=True)):
        price_rows.append([name, price, Formula(f"=40*MIN($B$2:$B$4)/B{2 + i}", 40 * lowest / price)])
    sheets["Price"] = price_rows
    return sheets


def esourcing_rows() -> list[list[object]]:
    """A Coupa/Ariba-style quote-response export: metadata rows above the header, a row per response,
    resubmitted quotes (Round, Submitted at, Is best) for two suppliers."""
    return [
        ["Event", "RFQ-2026-114 Corrugated shipping boxes"],
        ["Exported", "2026-03-02 14:05 UTC"],
        ["Currency", "EUR"],
        [],
        [
            "Supplier",
            "Round",
            "Submitted at",
            "Is best",
            "Total price (EUR)",
            "Payment terms (days)",
            "Price validity (months)",
            "Comments",
        ],
        ["Boxmaster GmbH", 1, "2026-02-10 09:12", "No", 188_400, 45, 6, "Initial quote"],
        ["Cartonia SA", 1, "2026-02-11 16:40", "No", 176_900, 30, 6, None],
        ["PackRight Ltd", 1, "2026-02-12 11:05", "Yes", 181_250, 60, 12, None],
        ["Boxmaster GmbH", 2, "2026-02-20 08:30", "Yes", 171_300, 60, 12, "Revised after clarification"],
        ["Cartonia SA", 2, "2026-02-21 10:00", "No", 169_800, 30, 3, "Second round"],
        ["Cartonia SA", 3, "2026-02-24 17:45", "Yes", 172_500, 45, 9, "Best and final offer"],
        ["Fluteco", 1, "2026-02-13 13:20", "Yes", 199_000, 90, 12, None],
    ]


def score_table_sheets(snake_case: bool = True) -> dict[str, list[list[object]]]:
    """A small team's vendor score table (snake_case or Title Case columns) and its criteria sheet."""
    names = ["vendor", "unit_price", "on_time_delivery", "defect_ppm", "support_rating", "iso_certified"]
    if not snake_case:
        names = ["Vendor", "Unit Price", "On Time Delivery", "Defect PPM", "Support Rating", "ISO Certified"]
    table = [
        names,
        ["Alder Components", 4.10, 96.5, 420, 4, "Yes"],
        ["Birch Industrial", 3.85, 91.0, 610, 3, "Yes"],
        ["Cedar Parts", 4.45, 98.8, 150, 5, "No"],
        ["Dogwood Supply", 3.95, 94.0, 380, 4, "Yes"],
    ]
    criteria = [
        ["criterion", "weight", "direction"],
        ["unit_price", 0.35, "lower"],
        ["on_time_delivery", 0.25, "higher"],
        ["defect_ppm", 0.20, "lower"],
        ["support_rating", 0.10, "higher"],
        ["iso_certified", 0.10, "higher"],
    ]
    return {"vendor_scores": table, "criteria": criteria}
