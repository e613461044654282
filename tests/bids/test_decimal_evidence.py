"""A bid sheet's number text ("1.250", "2.500") is read with the workbook's evidence for the decimal mark, as
the supplier sheet is: the bid sheet's other columns, else the other sheets, else the locale the file's number
formats name. The column's own evidence wins, then the sheet, then the locale; a column nothing settles stops
with a question. Totals are checked against quantity x price worked out by hand here."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.bids import BidSettings, analyse_bids
from scorecard.clean import locale_hint, sheet_decimal_hint
from scorecard.config import load_preset
from scorecard.errors import ScorecardError, Severity
from scorecard.pipeline import evaluate_file

HEADER = ["Supplier", "Item", "Quantity", "Unit price"]
# A German buyer's sheet typed as text: every quantity and price has one point and three digits after it,
# so each could be 1.25 or 1250 ("1.250"); nothing in these two columns says which.
LINES = [
    ["Acme", "A-1", "1.000", "1.250"],
    ["Acme", "B-2", "2.500", "2.100"],
    ["Bolt", "A-1", "1.000", "1.300"],
    ["Bolt", "B-2", "2.500", "1.990"],
]
# worked out by hand: quantity x unit price, the point grouping thousands
BY_HAND = {"Acme": 1000 * 1250 + 2500 * 2100, "Bolt": 1000 * 1300 + 2500 * 1990}  # 6,500,000 and 6,275,000
GERMAN_FORMAT = "#,##0.00 [$€-407]"


def workbook(
    extra: tuple[str, str] | None = None,
    other_sheet: list[list[object]] | None = None,
    number_format: str = "",
    lines: list[list[object]] = LINES,
) -> bytes:
    """A bid-only workbook (no supplier list): the Bids sheet, with an `extra` column (header, text on every
    row), another sheet, and `number_format` on a cell of its own, as Excel in some locale writes it."""
    book = openpyxl.Workbook()
    bids = book.active
    bids.title = "Bids"
    bids.append(HEADER + ([extra[0]] if extra else []))
    for line in lines:
        bids.append(list(line) + ([extra[1]] if extra else []))
    if number_format:
        bids["F1"] = 0.5  # a cell outside the table, as a formatted figure the author typed beside it
        bids["F1"].number_format = number_format
    if other_sheet:
        notes = book.create_sheet("Notes")
        for row in other_sheet:
            notes.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def scored(data: bytes) -> tuple[pd.Series, list[str]]:
    """Each bidder's total cost, and how the quantity and price text was read (the warnings' actions)."""
    evaluation = evaluate_file(data, "bids.xlsx", load_preset("default"))
    totals = evaluation.prepared.bids.suppliers["total_cost"]
    said = [
        f"{f.column}: {f.action}"
        for f in evaluation.findings
        if f.severity is Severity.WARNING and "three digits" in f.message
    ]
    return totals, said


def leader(data: bytes) -> str:
    return str(evaluate_file(data, "bids.xlsx", load_preset("default")).result.leader)


def test_without_evidence_the_quantity_column_stops_with_a_question() -> None:
    with pytest.raises(ScorecardError, match="thousands separator or a decimal mark") as stopped:
        evaluate_file(workbook(), "bids.xlsx", load_preset("default"))
    assert stopped.value.column == "Quantity" and stopped.value.sheet == "Bids"


def test_a_column_beside_the_prices_settles_them() -> None:
    """(a) the bid sheet's own Weight column is written '0,75': the sheet writes a decimal comma."""
    totals, said = scored(workbook(extra=("Weight (kg)", "0,75")))
    assert totals.to_dict() == BY_HAND
    assert len(said) == 2  # quantity and unit price, each read as thousands and said why
    for column in ("Quantity", "Unit price"):
        (action,) = [s for s in said if s.startswith(column)]
        assert "thousands separator" in action
        assert "the sheet's other columns show ('0,75' in column 'Weight (kg)', row 2)" in action


def test_another_sheet_settles_them() -> None:
    """(b) a Notes sheet writes '4,5': the workbook writes a decimal comma."""
    totals, said = scored(workbook(other_sheet=[["Topic", "Figure"], ["Target rating", "4,5"]]))
    assert totals.to_dict() == BY_HAND
    assert said and all("sheet 'Notes' shows ('4,5' in column 'Figure', row 2)" in s for s in said)


def test_a_german_number_format_settles_them() -> None:
    """(c) the file's number formats name de-DE (0x407), which writes a decimal comma."""
    totals, said = scored(workbook(number_format=GERMAN_FORMAT))
    assert totals.to_dict() == BY_HAND
    assert said and all("locale de-DE" in s and GERMAN_FORMAT in s for s in said)


def test_the_leader_is_the_cheaper_bidder_worked_out_by_hand() -> None:
    assert min(BY_HAND, key=BY_HAND.__getitem__) == "Bolt"
    assert leader(workbook(extra=("Weight (kg)", "0,75"))) == "Bolt"


def test_the_sheet_wins_over_the_locale_and_says_both() -> None:
    """The sheet writes a decimal point ('0.75') in a file whose formats name de-DE: the sheet's cells are
    nearer evidence, so '1,000' and '1,250' group thousands, and the warning names what it overruled."""
    point_lines = [[s, i, q.replace(".", ","), p.replace(".", ",")] for s, i, q, p in LINES]
    totals, said = scored(
        workbook(extra=("Weight (kg)", "0.75"), number_format=GERMAN_FORMAT, lines=point_lines)
    )
    assert totals.to_dict() == BY_HAND
    (quantity,) = [s for s in said if s.startswith("Quantity")]
    assert "'0.75' in column 'Weight (kg)'" in quantity
    assert "although the file's number formats name locale de-DE, which writes a decimal comma" in quantity


def test_the_columns_own_evidence_wins_over_the_sheet() -> None:
    """Quantities and prices that show their own decimal comma ('0,5', '0,90') are read so, although the
    sheet's other column writes a decimal point: '1.000' among '0,5' groups thousands."""
    lines = [*LINES, ["Acme", "C-3", "0,5", "0,90"], ["Bolt", "C-3", "0,5", "0,95"]]
    totals, said = scored(workbook(extra=("Weight (kg)", "0.75"), lines=lines))
    assert totals.to_dict() == pytest.approx(
        {"Acme": BY_HAND["Acme"] + 0.45, "Bolt": BY_HAND["Bolt"] + 0.475}
    )
    assert said == []  # the column's own cells showed the mark: a note, not a warning


def test_amounts_with_three_decimals_against_the_sheet_stop_with_the_question() -> None:
    """The sheet writes a decimal point, but the prices read that way would have three decimals ('1.250'
    as 1.25 is fine, yet 'amounts have at most two decimals' reads it 1250): evidence disagrees, so the
    buyer is asked, never given a guess."""
    lines = [[s, i, q.replace(".", ""), p] for s, i, q, p in LINES]  # quantities plain: 1000, 2500
    with pytest.raises(ScorecardError, match="three decimals") as stopped:
        evaluate_file(
            workbook(extra=("Weight (kg)", "0.75"), lines=lines), "bids.xlsx", load_preset("default")
        )
    assert stopped.value.column == "Unit price"


def test_the_python_api_reads_a_wide_sheet_with_the_hint_it_is_given() -> None:
    """`analyse_bids(..., decimal_hint=)`: a wide sheet (a price column per bidder) read with a comma hint."""
    frame = pd.DataFrame(
        {
            "Item": ["A-1", "B-2"],
            "Quantity": ["1.000", "2.500"],
            "Acme": ["1.250", "2.100"],
            "Bolt": ["1.300", "1.990"],
        },
        index=[2, 3],
        dtype=object,
    )
    hint = locale_hint("comma", "de-DE", GERMAN_FORMAT)
    result = analyse_bids(frame, BidSettings(), sheet="Bids", decimal_hint=hint)
    assert result.suppliers["total_cost"].to_dict() == BY_HAND
    with pytest.raises(ScorecardError, match="thousands separator or a decimal mark") as stopped:
        analyse_bids(frame, BidSettings(), sheet="Bids")  # no hint: the quantities stay a question
    assert stopped.value.column == "Quantity"


def test_the_hint_is_looked_up_only_when_a_column_needs_it() -> None:
    """Typed numbers and text that is no number ('No bid') need no evidence: the sheet is never scanned for
    its style (a million-row bid sheet costs nothing more)."""
    asked = []

    def hint() -> None:
        asked.append(True)

    frame = pd.DataFrame(
        {
            "Supplier": ["Acme", "Bolt", "Crane"],
            "Item": ["A-1", "A-1", "A-1"],
            "Quantity": [10, 10, 10],
            "Unit price": [1.5, 2.5, "No bid"],
        },
        index=[2, 3, 4],
    )
    analyse_bids(frame, BidSettings(), sheet="Bids", decimal_hint=hint)
    assert asked == []
    frame.loc[4, "Unit price"] = "2.500"  # now a column that cannot tell by itself: the hint is asked, once
    analyse_bids(frame, BidSettings(), sheet="Bids", decimal_hint=hint)
    assert asked == [True]


@settings(max_examples=40, deadline=None)
@given(
    quantities=st.lists(st.integers(1000, 99_999), min_size=2, max_size=6),
    prices=st.lists(st.integers(1000, 999_999), min_size=2, max_size=6),
    comma=st.booleans(),
)
def test_the_workbooks_locale_reads_grouped_text_as_a_buyer_would(
    quantities: list[int], prices: list[int], comma: bool
) -> None:
    """Quantities and prices written with one thousands separator in a comma locale ('12.345') or a point
    one ('12,345'): with the workbook's evidence each reads as the whole number (totals equal quantity x
    price); without it the quantities (no two-decimals rule for them) stop with the question."""
    n = min(len(quantities), len(prices))
    group = "." if comma else ","

    def written(value: int) -> str:
        return f"{value:,}".replace(",", group)

    frame = pd.DataFrame(
        {
            "Supplier": ["Acme"] * n + ["Bolt"] * n,
            "Item": [f"I{i}" for i in range(n)] * 2,
            "Quantity": [written(q) for q in quantities[:n]] * 2,
            "Unit price": [written(p) for p in prices[:n]] + [written(p + 1) for p in prices[:n]],
        },
        index=range(2, 2 + 2 * n),
    )
    style = pd.DataFrame({"Weight (kg)": ["0,75" if comma else "0.75"]}, index=[2], dtype=object)
    hint = sheet_decimal_hint(style)
    totals = analyse_bids(frame, BidSettings(), sheet="Bids", decimal_hint=hint).suppliers["total_cost"]
    acme = sum(q * p for q, p in zip(quantities[:n], prices[:n], strict=True))
    assert totals["Acme"] == pytest.approx(acme, rel=1e-12)
    assert totals["Bolt"] == pytest.approx(acme + sum(quantities[:n]), rel=1e-12)
    with pytest.raises(ScorecardError, match="thousands separator or a decimal mark"):
        analyse_bids(frame, BidSettings(), sheet="Bids")


# ------------------------------------------------------------------ a published bid tab (the layout stage's)

TAB_ITEMS = [(1, "Curb", "LF", 10), (2, "Hydrant", "EACH", 4), (3, "Pipe", "LF", 100)]
TAB_PRICES = {  # text as a German city's tab prints it; the first group is the owner's estimate
    "Engineer Estimate": ["1.100", "2.000", "1.500"],
    "Acme Bau GmbH": ["1.250", "2.100", "1.400"],
    "Berg AG": ["1.300", "1.990", "1.450"],
}
TAB_BY_HAND = {
    "Acme Bau GmbH": 10 * 1250 + 4 * 2100 + 100 * 1400,
    "Berg AG": 10 * 1300 + 4 * 1990 + 100 * 1450,
}


def german(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def published_tab(note: str) -> bytes:
    """Title rows, bidder names over 'Unit Price | Extension', the items, a Base Bid Total row; and a Notes
    sheet whose figure `note` shows the workbook's decimal mark."""
    book = openpyxl.Workbook()
    tab = book.active
    tab.title = "Bid Tab"
    for title in ("Stadt Musterstadt", "Strassenbau 2026", "Submission 4. März 2026", "Preisspiegel", None):
        tab.append([title])
    names: list[object] = [None] * 4
    header = ["Item No.", "Description", "Unit", "Est. Qty"]
    for name in TAB_PRICES:
        names += [name, None]
        header += ["Unit Price", "Extension"]
    tab.append(names)
    tab.append(header)
    for k, (line, text, unit, quantity) in enumerate(TAB_ITEMS):
        row: list[object] = [line, text, unit, quantity]
        for prices in TAB_PRICES.values():
            row += [prices[k], german(int(prices[k].replace(".", "")) * quantity)]
        tab.append(row)
    totals = [
        sum(int(p[k].replace(".", "")) * i[3] for k, i in enumerate(TAB_ITEMS)) for p in TAB_PRICES.values()
    ]
    tab.append([None, "Base Bid Total:", None, None, *(c for t in totals for c in (None, german(t)))])
    notes = book.create_sheet("Notes")
    notes.append(["Topic", "Figure"])
    notes.append(["Target rating", note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_published_tab_reads_its_prices_and_totals_with_the_workbooks_mark() -> None:
    evaluation = evaluate_file(published_tab("4,5"), "tab.xlsx", load_preset("default"))
    assert evaluation.prepared.bids.suppliers["total_cost"].to_dict() == TAB_BY_HAND
    assert evaluation.result.leader == "Acme Bau GmbH"
    said = {f.column: f.action for f in evaluation.findings if "three digits" in f.message}
    assert said["Unit Price (2) (Acme Bau GmbH)"].endswith(
        "as sheet 'Notes' shows ('4,5' in column 'Figure', row 2)"
    )
    matched = [
        f for f in evaluation.findings if f.action == "cross-checked" and "match its items" in f.message
    ]
    assert len(matched) == 3  # the owner's and both bidders' Base Bid Total, read as thousands too


def test_a_published_tab_whose_workbook_writes_a_decimal_point_asks_naming_the_tabs_column() -> None:
    with pytest.raises(ScorecardError, match="three decimals") as stopped:
        evaluate_file(published_tab("4.5"), "tab.xlsx", load_preset("default"))
    assert stopped.value.sheet == "Bid Tab" and "(Acme Bau GmbH)" in (stopped.value.column or "")
