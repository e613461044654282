"""Build the sample workbook and the blank template in sample_data/.

Run `python sample_data/build_samples.py` after changing a preset's columns or
the sample's data; the tests check that the committed files match this script.
The sample is a realistic machined-components RFQ: a title block above the
header, euro amounts typed as text by some suppliers (annual spend), a carbon
figure still "TBD", percentages formatted as Excel percentages, a few blanks
and "n/a"s, two suppliers that fail a must-have, and a close race at the top.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorecard.config import load_preset  # noqa: E402
from scorecard.template import BID_COLUMNS, EVALUATION_COLUMNS, FX_COLUMNS, build_template  # noqa: E402

SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
TEMPLATE = ROOT / "sample_data" / "template.xlsx"

DEFAULT = load_preset("default")
# the supplier sheet holds the default preset's columns, except what other sheets calculate (total cost
# from the Bids sheet, the panel-rated criteria from the Evaluations sheet), plus facts for segmentation
SUPPLIER_COLUMNS = [
    DEFAULT.supplier_column,
    "Country",
    *(c.column for c in DEFAULT.criteria if not c.panel and c.key != "total_cost"),
    "Annual spend (EUR)",
    "Criticality",
    "Single source",
    # the must-haves of other presets, so every preset scores the sample (conflict minerals: consumer goods
    # and energy; audit score: healthcare and construction; ISO 27001: technology and automotive)
    "Conflict minerals declaration",
    "Quality audit score (0-100)",
    "ISO 27001",
]

# Supplier, country, total cost, terms, validity, fin. risk, country risk, BCP, OTD, ppm, ISO 9001,
# EcoVadis, carbon, ISO 14001, responsiveness, innovation, collaboration, spend, criticality, single source,
# conflict minerals, audit score, ISO 27001
# fmt: off
SUPPLIERS: list[tuple[object, ...]] = [
    ('Nordic Steelworks AB', 'Sweden', 1_268_000, 45, 12, 18, 'Low', 'Yes', 0.985, 180, 'Yes', 71, 38, 'Yes', 4, 4, 5, 2_400_000, 'High', 'No', 'Yes', 88, 'Yes'),
    ('Rheinland Präzision GmbH', 'Germany', '€1,226,500', 45, 12, 22, 'Low', 'Yes', 0.991, 120, 'Yes', 66, 52, 'Yes', 5, 4, 4, '€3,100,000', 'High', 'No', 'Yes', 92, 'Yes'),
    ('Lombardia Fusioni S.p.A.', 'Italy', 1_198_000, 60, 6, 35, 'Low', 'Yes', 0.962, 340, 'Yes', 58, 61, 'Yes', 3, 3, 4, 950_000, 'Medium', 'No', 'Yes', 81, 'No'),
    ('Silesia Metal Parts Sp. z o.o.', 'Poland', 1_102_000, 30, 9, 41, 'Low', 'Yes', 0.955, 420, 'Yes', 49, 88, 'No', 4, 2, 3, 1_350_000, 'Medium', 'No', 'Yes', 77, 'No'),
    ('Shenzhen Brightway Manufacturing Co.', 'China', 968_000, 90, 3, 30, 'Medium', 'No', 0.931, 610, 'Yes', 44, 140, 'No', 3, 3, 2, 1_800_000, 'Medium', 'No', 'Yes', 68, 'Yes'),
    ('Pune Precision Castings Pvt Ltd', 'India', 1_015_000, 60, 6, 38, 'Medium', 'Yes', 0.948, 520, 'Yes', 52, 118, 'Yes', 4, 3, 3, 600_000, 'Low', 'No', 'Yes', 74, 'Yes'),
    ('Ohio Valley Fabrication Inc.', 'USA', 1_385_000, 30, 12, 15, 'Low', 'Yes', 0.978, 150, 'Yes', 61, None, 'Yes', 4, 5, 4, 400_000, 'Low', 'No', 'Yes', 86, 'Yes'),
    ('Monterrey Industrial S.A. de C.V.', 'Mexico', 1_120_000, 45, 6, 46, 'Medium', 'Yes', 0.968, 380, 'Yes', 47, 97, 'No', 'TBD', 3, 3, 700_000, 'Medium', 'No', 'Yes', 72, 'No'),
    ('Bursa Otomotiv Parça A.Ş.', 'Turkey', 1_064_000, 60, 6, 52, 'Medium', 'No', 0.952, 450, 'Yes', 'n/a', 105, 'No', 3, 2, 3, 520_000, 'Low', 'No', 'Yes', 70, 'No'),
    ('Hanoi Mechanical JSC', 'Vietnam', 912_000, 60, 3, 44, 'Medium', 'No', 0.921, 780, 'No', 38, 150, 'No', 3, 2, 2, None, 'Low', 'No', 'No', 58, 'No'),
    ('Brno Strojírny s.r.o.', 'Czechia', 1_148_000, 60, 9, 28, 'Low', 'Yes', 0.974, 260, 'Yes', 56, 70, 'Yes', 4, 3, 4, 880_000, 'Medium', 'No', 'Yes', 83, 'Yes'),
    ('Porto Metalomecânica Lda', 'Portugal', 1_176_000, 60, 12, 33, 'Low', 'Yes', 0.969, 290, 'Yes', 63, 55, 'Yes', 4, 3, 4, 450_000, 'Low', 'No', 'Yes', 79, 'No'),
    ('Osaka Fine Components KK', 'Japan', 1_452_000, 60, 12, 12, 'Low', 'Yes', 0.996, 60, 'Yes', 68, 44, 'Yes', 5, None, 3, 1_200_000, 'High', 'Yes', 'Yes', 95, 'Yes'),
    ('Ontario Tool & Die Ltd', 'Canada', 1_310_000, 45, 9, 20, 'Low', 'Yes', 0.981, 200, 'Yes', 59, 48, 'Yes', 4, 4, 4, 300_000, 'Low', 'No', 'Yes', 84, 'Yes'),
    ('Lyon Usinage SAS', 'France', 1_236_000, 60, 6, 27, 'Low', 'Yes', 0.972, 230, 'Yes', 74, 41, 'Yes', 3, 4, 3, 760_000, 'Medium', 'No', 'Yes', 80, 'Yes'),
    ('Penang Precision Sdn Bhd', 'Malaysia', 1_034_000, 60, 6, 36, 'Medium', 'Yes', 0.958, 360, 'Yes', 55, 'TBD', 'Yes', 4, 4, 3, 1_050_000, 'Medium', 'No', 'Yes', 'n/a', 'Yes'),
    ('São Paulo Forjados Ltda', 'Brazil', 1_052_000, 90, 6, 78, 'High', 'No', 0.939, 560, 'Yes', 41, 132, 'No', 2, 2, 3, 380_000, 'Low', 'No', 'No', 62, 'No'),
    ('Yorkshire Engineering Ltd', 'United Kingdom', 'EUR 1,289,000', 30, 12, 24, 'Low', 'Yes', 0.983, 170, 'Yes', 64, 46, 'Yes', 4, 4, 4, 'EUR 1,650,000', 'High', 'No', 'Yes', 87, 'Yes'),
]
# fmt: on

HEADER_FILL = PatternFill("solid", fgColor="1F3B57")
RATED = {"Responsiveness": 14, "Innovation": 15, "Collaboration": 16}  # criterion -> position in SUPPLIERS
COST = 2  # position of each supplier's indicative annual cost: the bids are built around it, not copied
NOT_ON_SUPPLIER_SHEET = {COST, *RATED.values()}
EVALUATORS = ("Buyer", "Quality engineer", "Plant manager")
# how far the quality engineer and the plant manager sit from the buyer, cycling through suppliers
OFFSETS = ((0, 0), (-1, 0), (0, 1), (0, -1), (1, 0))
# the one clear disagreement the panel must moderate
DISAGREEMENT = {
    ("Shenzhen Brightway Manufacturing Co.", "Innovation"): (
        (5, "Proposed a lighter bracket design that saves a machining step"),
        (2, "No engineering support at the last two production trials"),
        (4, None),
    )
}


def panel_rows() -> list[list[object]]:
    """Three evaluators rate each supplier 1-5 on the panel criteria; blanks mean not rated."""
    rows: list[list[object]] = []
    for n, supplier in enumerate(SUPPLIERS):
        name = supplier[0]
        for criterion, position in RATED.items():
            given = DISAGREEMENT.get((name, criterion))
            if given:
                rows += [
                    [evaluator, name, criterion, rating, comment]
                    for evaluator, (rating, comment) in zip(EVALUATORS, given, strict=True)
                ]
                continue
            base = supplier[position]
            if not isinstance(base, int):
                continue  # nobody rated this supplier on this criterion
            qe, pm = OFFSETS[(n + position) % len(OFFSETS)]
            ratings = (base, min(max(base + qe, 1), 5), min(max(base + pm, 1), 5))
            for evaluator, rating in zip(EVALUATORS, ratings, strict=True):
                if (name, criterion, evaluator) == (
                    "Porto Metalomecânica Lda",
                    "Collaboration",
                    "Plant manager",
                ):
                    rating = None  # left blank: not rated, never zero
                rows.append([evaluator, name, criterion, rating, None])
    return rows


def write_header(sheet: Worksheet, row: int, names: list[str]) -> None:
    """A header row in the sample's style (white bold on dark blue)."""
    for col, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL


def evaluations_sheet(book: Workbook) -> None:
    sheet = book.create_sheet("Evaluations")
    write_header(sheet, 1, EVALUATION_COLUMNS)
    for row in panel_rows():
        sheet.append(row)
    for letter, width in zip("ABCDE", (18, 38, 16, 8, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def suppliers_sheet(book: Workbook) -> None:
    sheet = book.active
    sheet.title = "Suppliers"
    sheet["A1"] = "Supplier evaluation: machined components RFQ 2026-114"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        "Prepared by category management, 14 November 2026. Figures as submitted by suppliers; ratings by the evaluation panel."
    )
    header_row = 4
    write_header(sheet, header_row, SUPPLIER_COLUMNS)
    for col, name in enumerate(SUPPLIER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = max(12, min(len(name) + 2, 36))
    for r, supplier in enumerate(SUPPLIERS, start=header_row + 1):
        values = [v for position, v in enumerate(supplier) if position not in NOT_ON_SUPPLIER_SHEET]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=value)
            name = SUPPLIER_COLUMNS[col - 1]
            if name == "On-time delivery (%)":
                cell.number_format = "0.0%"
            elif name in ("Total cost (EUR)", "Annual spend (EUR)") and isinstance(value, int):
                cell.number_format = "#,##0"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)


def instructions_sheet(book: Workbook) -> None:
    sheet = book.create_sheet("Read me")
    lines = [
        "About this sample",
        "A fictional sourcing event for machined steel components, with 18 suppliers from 16 countries.",
        "Open it in Scorecard (or run: python -m scorecard score sample_data/sample_event.xlsx) to see the ranking.",
        "Some cells are deliberately messy, as real submissions are: amounts typed as text, 'n/a', 'TBD' and blanks.",
        "Hanoi Mechanical JSC has no ISO 9001 certificate and Sao Paulo Forjados has a financial risk score of 78:",
        "both fail a must-have of the default settings and are listed as disqualified, with the reason.",
        "Total cost comes from the Bids sheet: 12 line items, some suppliers quoting in USD (FX rates sheet),",
        "four suppliers leaving items out (partial bids), and last year's price and incumbent per item.",
        "FX rates: the value of 1 unit of the currency in EUR, as agreed with finance for this event.",
        "Responsiveness, innovation and collaboration are rated 1-5 by a panel of three on the Evaluations sheet;",
        "they disagree widely on Shenzhen Brightway's innovation, which Scorecard flags for moderation.",
    ]
    for r, line in enumerate(lines, start=1):
        sheet.cell(row=r, column=1, value=line).font = Font(bold=r == 1)
    sheet.column_dimensions["A"].width = 110


ITEMS = [
    # code, description, unit of measure, annual quantity, baseline price (EUR), incumbent
    ("MC-1001", "Bracket, steel, laser cut", "each", 12_000, 4.10, "Lombardia Fusioni S.p.A."),
    ("MC-1002", "Shaft, 20 mm, turned and ground", "each", 6_500, 11.80, "Nordic Steelworks AB"),
    ("MC-1003", "Flange, DN50, machined", "each", 3_200, 17.40, "Lombardia Fusioni S.p.A."),
    ("MC-1004", "Bushing, bronze", "each", 15_000, 2.35, "Nordic Steelworks AB"),
    ("MC-1005", "Housing, aluminium, CNC", "each", 1_800, 46.00, "Nordic Steelworks AB"),
    ("MC-1006", "Spacer ring, stainless", "each", 22_000, 0.92, "Lombardia Fusioni S.p.A."),
    ("MC-1007", "Pin, hardened, 8 x 40", "each", 90_000, 0.385, "Nordic Steelworks AB"),
    ("MC-1008", "Gear blank, 42CrMo4", "each", 2_400, 24.60, "Lombardia Fusioni S.p.A."),
    ("MC-1009", "Cover plate, powder coated", "each", 4_800, 7.90, "Nordic Steelworks AB"),
    ("MC-1010", "Manifold block, hydraulic", "each", 700, 118.00, "Lombardia Fusioni S.p.A."),
    ("MC-1011", "Clamp, forged", "each", 5_600, 6.20, "Nordic Steelworks AB"),
    ("MC-1012", "Threaded rod, M12 x 1000", "each", 8_000, 3.40, "Lombardia Fusioni S.p.A."),
]
USD_SUPPLIERS = {
    "Ohio Valley Fabrication Inc.",
    "Ontario Tool & Die Ltd",
    "Monterrey Industrial S.A. de C.V.",
}
USD_PER_EUR_RATE = 0.92  # the value of 1 USD in EUR on the FX sheet
LEAD_TIMES = {
    "China": 56,
    "India": 49,
    "Vietnam": 52,
    "Malaysia": 45,
    "Brazil": 40,
    "Japan": 35,
    "USA": 28,
    "Canada": 28,
    "Mexico": 30,
    "Turkey": 24,
}
# partial bids: these suppliers do not make some items
NOT_QUOTED = {
    "Shenzhen Brightway Manufacturing Co.": {"MC-1005", "MC-1010"},
    "Pune Precision Castings Pvt Ltd": {"MC-1010"},
    "Hanoi Mechanical JSC": {"MC-1005", "MC-1008", "MC-1010"},
    "Osaka Fine Components KK": {"MC-1012"},
}


def bid_rows() -> list[list[object]]:
    """Line items priced so each supplier's full award lands near its indicative annual cost."""
    costs = [
        float(str(s[COST]).replace("EUR", "").replace("€", "").replace(",", "").strip()) for s in SUPPLIERS
    ]
    typical = sorted(costs)[len(costs) // 2]
    rows = []
    for n, supplier in enumerate(SUPPLIERS):
        name, country, cost = supplier[0], supplier[1], supplier[COST]
        cost = float(str(cost).replace("EUR", "").replace("€", "").replace(",", "").strip())
        factor = 0.97 * cost / typical  # the typical supplier bids 3% under last year's prices
        currency = "USD" if name in USD_SUPPLIERS else "EUR"
        for k, (code, description, uom, qty, base, incumbent) in enumerate(ITEMS):
            if code in NOT_QUOTED.get(name, ()):
                continue
            wobble = 1 + ((n * 7 + k * 3) % 9 - 4) / 100  # +/-4%: no supplier is cheapest on everything
            price = base * factor * wobble / (USD_PER_EUR_RATE if currency == "USD" else 1)
            rows.append(
                [
                    name,
                    code,
                    description,
                    uom,
                    qty,
                    round(price, 2),
                    currency,
                    LEAD_TIMES.get(country, 21),
                    base,
                    incumbent,
                ]
            )
    return rows


def bids_sheet(book: Workbook) -> None:
    sheet = book.create_sheet("Bids")
    write_header(sheet, 1, BID_COLUMNS)
    for col in range(1, len(BID_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 14 if col > 2 else 36
    for row in bid_rows():
        sheet.append(row)
    fx = book.create_sheet("FX rates")
    fx.append(FX_COLUMNS)
    fx.append(["USD", USD_PER_EUR_RATE])


def build_sample() -> bytes:
    book = Workbook()
    suppliers_sheet(book)
    bids_sheet(book)
    evaluations_sheet(book)
    instructions_sheet(book)
    book.properties.creator = "Scorecard sample data"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    SAMPLE.write_bytes(build_sample())
    TEMPLATE.write_bytes(build_template(DEFAULT))
    print(f"wrote {SAMPLE.relative_to(ROOT)} and {TEMPLATE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
