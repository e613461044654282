"""Workbooks modelled on layouts buyers really publish, built in code (see PROCUREMENT.md).

Each builder returns the file's bytes and the facts a buyer would check by hand: the bidders, who is
lowest, the totals. The expected figures are computed here from the line items, independently of
Scorecard's arithmetic.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook

# (line, spec code, description, unit, quantity, section): spec codes repeat across sections on purpose
QUESTCDN_ITEMS = [
    (1, "2021.501", "Mobilization", "LS", 1, "A"),
    (2, "2104.502", "Remove curb and gutter", "LF", 420, "A"),
    (3, "2360.509", "Type SP 12.5 wearing course", "TON", 850, "A"),
    (4, "2531.501", "Concrete curb and gutter design B618", "LF", 460, "A"),
    (5, "2021.501", "Mobilization (watermain)", "LS", 1, "B"),
    (6, "2504.602", "Hydrant", "EACH", 4, "B"),
    (7, "2504.603", "8 inch watermain DIP CL 52", "LF", 1200, "B"),
    (8, "2360.509", "Type SP 12.5 wearing course (patch)", "TON", 60, "B"),
]
# unit prices per line; the first group is the owner's Engineer Estimate, never a bidder
QUESTCDN_PRICES = {
    "Engineer Estimate": [25000, 9.5, 82, 31, 8000, 6200, 68, 95],
    "Acme Paving Inc.": [32000, 11.0, 88.5, 33, 9000, 6400, 71, 105],
    "Bluestone Construction LLC": [18000, 8.25, 79.0, 29.5, 6500, 5900, 66, 90],
    "Carver & Sons Excavating": [41000, 12.5, 91, 35, 12000, 7100, 74, 120],
}


@dataclass(frozen=True)
class Published:
    data: bytes
    bidders: tuple[str, ...]
    lowest: str
    totals: dict[str, float]
    lead_times: dict[str, float] | None = None  # days, when the sheet gives them


def money(value: float) -> str:
    return f"${value:,.2f}"


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def totals_row(values: dict[str, float]) -> list[object]:
    """Each group's figure under its Extension column."""
    return [cell for name in values for cell in (None, money(values[name]))]


def questcdn_bid_tab(
    *,
    wrong_total_for: str | None = None,
    sheet: str = "Bid Tab",
    alternate: bool = False,
    alternate_first: bool = False,
    address_rows: int = 0,
) -> Published:
    """A city bid worksheet: 5 title rows, merged bidder names over `Unit Price | Extension`, sections with
    subtotals, a `Base Bid Total:` row, money typed as `$1,234.00` text.

    `alternate`: an alternate priced after the Base Bid Total; `alternate_first`: the alternate section and
    its own total row come before the Base Bid Total (which covers the base sections only);
    `address_rows`: each bidder's address lines under its name, so the names sit that many rows higher."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["City of Springfield"])
    ws.append(["2026 Street and Utility Improvements, Project No. 2026-04"])
    ws.append(["Bid Opening: March 4, 2026 2:00 PM CST"])
    ws.append(["Bid Tabulation"])
    ws.append([])
    names_row = [None] * 5
    header = ["Item No.", "Spec", "Description", "Unit", "Est. Qty"]
    for name in QUESTCDN_PRICES:
        names_row += [name, None]
        header += ["Unit Price", "Extension"]
    ws.append(names_row)
    for line in range(address_rows):
        address: list[object] = [None] * 5
        for name in QUESTCDN_PRICES:
            text = None if name == "Engineer Estimate" else ADDRESS_LINES[line % len(ADDRESS_LINES)]
            address += [text.format(name=name.split()[0]) if text else None, None]
        ws.append(address)
    ws.append(header)
    for g in range(len(QUESTCDN_PRICES)):
        col = 6 + 2 * g
        ws.merge_cells(start_row=6, start_column=col, end_row=6, end_column=col + 1)
    totals = {name: 0.0 for name in QUESTCDN_PRICES}
    for section, title in (("A", "SECTION A - STREETS"), ("B", "SECTION B - WATERMAIN")):
        ws.append([None, None, title])
        sub = {name: 0.0 for name in QUESTCDN_PRICES}
        for k, (line, spec, text, unit, qty, sec) in enumerate(QUESTCDN_ITEMS):
            if sec != section:
                continue
            row: list[object] = [line, spec, text, unit, qty]
            for name, prices in QUESTCDN_PRICES.items():
                row += [money(prices[k]), money(prices[k] * qty)]
                sub[name] += prices[k] * qty
            ws.append(row)
        ws.append([None, None, f"Subtotal Section {section}:", None, None, *totals_row(sub)])
        for name in totals:
            totals[name] += sub[name]
    published = dict(totals)
    if wrong_total_for:
        published[wrong_total_for] += 1000
    if alternate_first:
        append_alternate(ws)
    ws.append([None, None, "Base Bid Total:", None, None, *totals_row(published)])
    if alternate:
        append_alternate(ws)
    bidders = {n: t for n, t in totals.items() if n != "Engineer Estimate"}
    return Published(save(book), tuple(bidders), min(bidders, key=bidders.get), bidders)


ADDRESS_LINES = ("100 {name} Way", "Springfield, IL 62701", "Bid bond 5% enclosed")


def append_alternate(ws: object) -> None:
    """An alternate priced apart from the base bid, with its own total: the cheapest base bidder is
    dearest here, so reading it as a base item would change who is lowest."""
    ws.append([None, None, "ALTERNATE NO. 1 - DECORATIVE LIGHTING"])
    prices = {"Engineer Estimate": 900, "Acme Paving Inc.": 800, "Bluestone Construction LLC": 5000}
    prices["Carver & Sons Excavating"] = 850
    ws.append(
        [
            9,
            "2545.523",
            "Decorative light pole",
            "EACH",
            20,
            *(c for p in prices.values() for c in (money(p), money(20 * p))),
        ]
    )
    ws.append(
        [
            None,
            None,
            "Total Alternate No. 1:",
            None,
            None,
            *totals_row({n: 20 * p for n, p in prices.items()}),
        ]
    )


DOT_ITEMS = [
    ("202-01000", "Removal of structures and obstructions", "LS", 1),
    ("203-02000", "Excavation, unclassified", "CY", 5400),
    ("304-05000", "Aggregate base course", "TON", 3200),
    ("403-03000", "Hot mix asphalt, surface course", "TON", 1850),
    ("608-01000", "Concrete sidewalk, 4 inch", "SY", 900),
    ("634-02000", "Pavement marking, 4 inch white", "LF", 12000),
]
DOT_PRICES = {
    "Granite Road Builders Inc": [45000, 14.1, 31.5, 96.0, 58.0, 0.42],
    "Hi-Line Paving Co": [38000, 12.9, 29.0, 92.5, 61.0, 0.38],
    "Tri-County Asphalt LLC": [52000, 15.5, 33.0, 99.0, 55.0, 0.45],
}
DOT_HEADER = [
    "Letting Date",
    "Call",
    "Contract ID",
    "County",
    "Route",
    "Pos",
    "Bidder ID",
    "Bidder Name",
    "Bid Total",
    "Pay Item",
    "Description",
    "Unit",
    "Quantity",
    "Unit Price",
    "Extension",
    "Bidder2ID",
    "Bidder2Name",
    "Bidder2Total",
    "Bidder3ID",
    "Bidder3Name",
    "Bidder3Total",
    "Awarded",
    "Proposal Status",
]


def dot_unit_tab(*, wrong_rank: bool = False) -> Published:
    """A state DOT unit-tab results file: a row per pay item per bidder, 23 columns, `Pos` as published,
    and the 2nd and 3rd bidders named on every row (decoys)."""
    totals = {
        n: sum(p * q[3] for p, q in zip(prices, DOT_ITEMS, strict=True)) for n, prices in DOT_PRICES.items()
    }
    order = sorted(totals, key=totals.get)
    if wrong_rank:
        order = order[::-1]
    book = Workbook()
    ws = book.active
    ws.title = "Unit Tab"
    ws.append(DOT_HEADER)
    ids = {n: f"B{100 + i}" for i, n in enumerate(DOT_PRICES)}
    for name, prices in DOT_PRICES.items():
        pos = order.index(name) + 1
        others = [n for n in order if n != name]
        for (item, text, unit, qty), price in zip(DOT_ITEMS, prices, strict=True):
            ws.append(
                [
                    "2026-04-16", "012", "C2026-0412", "Lake", "US-41", pos, ids[name], name, totals[name],
                    item, text, unit, qty, price, price * qty,
                    ids[others[0]], others[0], totals[others[0]],
                    ids[others[1]], others[1], totals[others[1]],
                    "Y" if pos == 1 else "N", "Official",
                ]
            )  # fmt: skip
    return Published(save(book), tuple(DOT_PRICES), min(totals, key=totals.get), totals)


ESOURCING_LINES = [
    ("10", "FLM-200", "Stretch film 20 mic, 500 mm", 1200, "ROLL"),
    ("20", "FLM-230", "Stretch film 23 mic, 500 mm", 800, "ROLL"),
    ("30", "TPE-048", "Packing tape 48 mm x 66 m", 5000, "EA"),
    ("40", "BOX-S04", "Shipping box 400x300x200", 10000, "EA"),
]
ESOURCING_PRICES = {
    "Nordpack GmbH": ([14.2, 15.9, 1.12, 0.96], 21),
    "FilmTec Solutions": ([13.8, 15.1, 1.25, 1.01], 35),
    "Boxline Packaging Ltd": ([15.0, 16.4, 1.05, 0.89], 14),
}


def esourcing_export() -> Published:
    """A quote-response export (Coupa/Ariba style): event metadata above the header, a row per line."""
    book = Workbook()
    ws = book.active
    ws.title = "Quote Responses"
    ws.append(["Event", "RFQ-2026-014 Packaging consumables"])
    ws.append(["Exported", "2026-03-01 10:22 UTC"])
    ws.append(["Currency", "EUR"])
    ws.append([])
    ws.append(
        [
            "Supplier",
            "Line",
            "Item",
            "Description",
            "Quantity",
            "UoM",
            "Unit Price (EUR)",
            "Lead Time (days)",
            "Comments",
        ]
    )
    totals = {}
    for name, (prices, lead) in ESOURCING_PRICES.items():
        totals[name] = sum(p * line[3] for p, line in zip(prices, ESOURCING_LINES, strict=True))
        for (line, item, text, qty, uom), price in zip(ESOURCING_LINES, prices, strict=True):
            ws.append([name, line, item, text, qty, uom, price, lead, None])
    lead_times = {name: float(lead) for name, (_, lead) in ESOURCING_PRICES.items()}
    return Published(save(book), tuple(ESOURCING_PRICES), min(totals, key=totals.get), totals, lead_times)
