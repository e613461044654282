"""Clean stage: raw cells of one column -> typed values, missing/invalid masks and findings."""

from __future__ import annotations

import math
from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import scorecard.clean.quantity as quantity_module
from scorecard.clean.cells import Reading
from scorecard.clean import (
    CleanColumn,
    ValueKind,
    clean_column,
    is_missing_marker,
    normalise_header,
    parse_money,
    parse_number,
    parse_yes_no,
)
from scorecard.errors import Finding, Severity

FIRST_ROW = 2  # row 1 holds the headers


def column(cells: list[object], kind: ValueKind, first_row: int = FIRST_ROW) -> CleanColumn:
    """Clean cells as the reader hands them over: an object Series indexed by sheet row."""
    series = pd.Series(cells, index=range(first_row, first_row + len(cells)), dtype=object)
    return clean_column(series, kind, sheet="Suppliers", column="Col")


def values(result: CleanColumn) -> list[object]:
    """Values with every kind of 'no value' as None, so expectations read as plain lists."""
    return [None if pd.isna(v) else v for v in result.values]


def only(findings: tuple[Finding, ...], severity: Severity, words: str) -> Finding:
    """The one finding of this severity whose message contains `words`."""
    matching = [f for f in findings if f.severity is severity and words in f.message]
    assert len(matching) == 1, [str(f) for f in findings]
    return matching[0]


# ---------------------------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42.0),
        ("  42\xa0", 42.0),
        ("\u202f3.5\u2007", 3.5),
        ("-7", -7.0),
        ("+7", 7.0),
        ("−7", -7.0),  # Unicode minus
        ("(12)", -12.0),
        ("1234-", -1234.0),  # SAP trailing minus
        ("1,234,567.8", 1234567.8),
        ("1.234.567,8", 1234567.8),
        ("1 234,50", 1234.5),
        ("1\xa0234,50", 1234.5),
        ("1\u202f234\u202f567", 1234567.0),
        ("1'234.50", 1234.5),
        ("1’234.50", 1234.5),
        ("12,34,567.5", 1234567.5),  # Indian grouping
        ("1,000,000", 1000000.0),
        ("1.000.000", 1000000.0),
        ("0,5", 0.5),
        (",5", 0.5),
        (".5", 0.5),
        ("12,5", 12.5),
        ("1234,567", 1234.567),  # four digits before: the comma cannot group thousands
        ("0.125", 0.125),
        ("1.5E3", 1500.0),
        ("2,5e-3", 0.0025),
        ("1.200,-", 1200.0),  # a whole amount, German style
        ("007", 7.0),
        ("１２３", 123.0),  # full-width digits
    ],
)
def test_parse_number_reads_thousands_separators_and_decimal_marks(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1,234", None, 1.234),  # the documented default: a decimal mark
        ("1.234", None, 1.234),
        ("1,234", False, 1234.0),
        ("1,234", True, 1.234),
        ("1.234", True, 1234.0),
        ("1.234", False, 1.234),
        ("-123,456", False, -123456.0),
    ],
)
def test_parse_number_lone_separator_with_three_digits_follows_the_given_convention(
    text: str, decimal_comma: bool | None, expected: float
) -> None:
    assert parse_number(text, decimal_comma=decimal_comma) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "n/a",
        "TBD",
        "-",
        "none",
        "about ten",
        "12 34",
        "1,23,4",
        "1.2.3",
        "1,234.567,8",
        "--5",
        "-(5)",
        "(5",
        "5 days",
        "95%",
        "$5",
        "1e999",
        "٣",
    ],
)
def test_parse_number_gives_none_for_anything_but_a_plain_number(text: str) -> None:
    assert parse_number(text) is None


# ----------------------------------------------------------------------------------------------- parse_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$1,234.50", 1234.5, "USD"),
        ("1.234,50 €", 1234.5, "EUR"),
        ("USD 1200", 1200.0, "USD"),
        ("EUR1,200.50", 1200.5, "EUR"),
        ("£ 99", 99.0, "GBP"),
        ("¥1000", 1000.0, "JPY"),
        ("￥1000", 1000.0, "JPY"),
        ("1200 CHF", 1200.0, "CHF"),
        ("(1,200.00)", -1200.0, None),
        ("-€5", -5.0, "EUR"),
        ("€-5", -5.0, "EUR"),
        ("(€1,200.00)", -1200.0, "EUR"),
        ("usd 12.5", 12.5, "USD"),
        ("US$ 3", 3.0, "USD"),
        ("R$ 10,50", 10.5, "BRL"),
        ("€1.5m", 1500000.0, "EUR"),
        ("1,2 Mio. €", 1200000.0, "EUR"),
        ("$15k", 15000.0, "USD"),
        ("1.200,- €", 1200.0, "EUR"),
        ("$1,234", 1234.0, "USD"),  # decimal-point currency: the comma groups thousands
        ("250", 250.0, None),
    ],
)
def test_parse_money_reads_amount_and_currency(text: str, amount: float, currency: str | None) -> None:
    value, found = parse_money(text)
    assert value == pytest.approx(amount)
    assert found == currency


def test_parse_money_lone_comma_in_euros_follows_the_rule() -> None:
    # euros are written both ways, so '1,200' alone is a decimal comma unless the caller knows better
    assert parse_money("EUR1,200") == (pytest.approx(1.2), "EUR")
    assert parse_money("EUR1,200", decimal_comma=False) == (pytest.approx(1200.0), "EUR")


@pytest.mark.parametrize("text", ["", "n/a", "EUR", "$", "5%", "€5 USD", "ABC 100", "ten dollars", "$1e999"])
def test_parse_money_gives_none_for_unreadable_text(text: str) -> None:
    assert parse_money(text) == (None, None)


# ------------------------------------------------------------------------------------------- missing markers


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\xa0",
        "n/a",
        "N/A",
        " na ",
        "n.a.",
        "n.a",
        "-",
        "--",
        "—",
        "tbd",
        "TBC",
        "?",
        "null",
        "NaN",
        "no data",
        "No Data",
        "unknown",
        "#N/A",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#name?",
    ],
)
def test_missing_markers_are_recognised_in_any_case_and_spacing(text: str) -> None:
    assert is_missing_marker(text)
    assert is_missing_marker(text, ValueKind.NUMBER)
    assert is_missing_marker(text, ValueKind.TEXT)


@pytest.mark.parametrize("text", ["0", "x", "no", "Low", "nano", "N/A Ltd", "none of it"])
def test_values_are_not_missing_markers(text: str) -> None:
    assert not is_missing_marker(text, ValueKind.NUMBER)


def test_none_is_no_data_only_for_numbers() -> None:
    for kind in (ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT):
        assert is_missing_marker("None", kind)
    for kind in (None, ValueKind.TEXT, ValueKind.YES_NO, ValueKind.DATE, ValueKind.IDENTIFIER):
        assert not is_missing_marker("None", kind)


def test_identifier_markers_are_only_blanks() -> None:
    assert is_missing_marker("  ", ValueKind.IDENTIFIER)
    for text in ("NA", "N/A", "-", "TBD", "#N/A", "unknown"):
        assert not is_missing_marker(text, ValueKind.IDENTIFIER)


# ------------------------------------------------------------------------------------------------ yes / no


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (True, "Yes"),
        (False, "No"),
        (np.True_, "Yes"),
        (1, "Yes"),
        (0, "No"),
        (1.0, "Yes"),
        (0.0, "No"),
        ("yes", "Yes"),
        (" YES ", "Yes"),
        ("y", "Yes"),
        ("Y", "Yes"),
        ("true", "Yes"),
        ("TRUE", "Yes"),
        ("1", "Yes"),
        ("x", "Yes"),
        ("X", "Yes"),
        ("✓", "Yes"),
        ("✔", "Yes"),
        ("ja", "Yes"),
        ("oui", "Yes"),
        ("si", "Yes"),
        ("Certified", "Yes"),
        ("Yes, since 2019", "Yes"),
        ("no", "No"),
        ("N", "No"),
        ("false", "No"),
        ("0", "No"),
        ("✗", "No"),
        ("✘", "No"),
        ("nein", "No"),
        ("non", "No"),
        ("not certified", "No"),
        ("No (expired 2023)", "No"),
        (None, None),
        ("", None),
        ("n/a", None),
        ("maybe", None),
        ("no idea", None),
        ("Yes/No", None),
        (2, None),
        (float("nan"), None),
        (date(2026, 1, 1), None),
    ],
)
def test_parse_yes_no(cell: object, expected: str | None) -> None:
    assert parse_yes_no(cell) == expected


# ------------------------------------------------------------------------------------------- normalise_header


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("On-time delivery (%)", "on time delivery"),
        ("Unit price [EUR]", "unit price"),
        ("  Lead   time (days) ", "lead time"),
        ("Lead_time\xa0(weeks)", "lead time"),
        ("Audit score (0-100)", "audit score"),
        ("Rating (1 to 5)", "rating"),
        ("Carbon intensity (tCO2e per EUR m)", "carbon intensity"),
        ("Price (€/unit)", "price"),
        ("Qualität", "qualitat"),
        ("Délai de livraison", "delai de livraison"),
        ("Certified (ISO 9001)", "certified iso 9001"),
        ("ISO 9001?", "iso 9001"),
        ("OTD %", "otd"),
        ("SUPPLIER", "supplier"),
        ("", ""),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


# ------------------------------------------------------------------------------------------- numbers: columns


def test_native_numbers_are_read_as_they_are_with_no_findings() -> None:
    result = column([1, 2.5, None, 0, -3, 10**12], ValueKind.NUMBER)
    assert values(result) == [1.0, 2.5, None, 0.0, -3.0, 1e12]
    assert result.values.dtype == np.float64
    assert list(result.missing) == [False, False, True, False, False, False]
    assert not result.invalid.any()
    assert result.findings == ()
    assert result.currency is None


def test_result_keeps_the_index_and_name() -> None:
    cells = pd.Series(["1", None, "x"], index=[7, 9, 12], name="Lead time", dtype=object)
    result = clean_column(cells, ValueKind.NUMBER)
    for series in (result.values, result.missing, result.invalid):
        assert list(series.index) == [7, 9, 12]
        assert series.name == "Lead time"
    assert result.missing.dtype == bool and result.invalid.dtype == bool


def test_numbers_stored_as_text_are_one_grouped_info_finding_with_rows() -> None:
    cells: list[object] = [str(n) for n in range(23)] + [5.0]
    result = column(cells, ValueKind.NUMBER, first_row=4)
    assert values(result) == [float(n) for n in range(23)] + [5.0]
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.severity is Severity.INFO
    assert finding.message == "23 cells were numbers stored as text (rows 4, 5, 6, 7, 8 and 18 more)"
    assert finding.row is None
    assert finding.sheet == "Suppliers" and finding.column == "Col"
    assert finding.value == "0"
    assert finding.action == "read as numbers ('0' -> 0)"


def test_a_single_coercion_names_its_row() -> None:
    result = column([1.0, "2", 3.0], ValueKind.NUMBER, first_row=10)
    (finding,) = result.findings
    assert finding.row == 11
    assert finding.message == "1 cell was a number stored as text"
    assert finding.value == "2"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (" 12 ", 12.0),
        ("12\xa0", 12.0),
        ("\u202f12", 12.0),
        ("\u200b12", 12.0),
        ("1\u2007234", 1234.0),
    ],
)
def test_spaces_of_every_kind_are_removed(cell: str, expected: float) -> None:
    result = column([cell], ValueKind.NUMBER)
    assert values(result) == [expected]


def test_stray_spaces_are_reported_but_a_thousands_space_is_not() -> None:
    stray = column([" 12 ", "1 234"], ValueKind.NUMBER)
    spaces = only(stray.findings, Severity.INFO, "extra or invisible spaces")
    assert spaces.row == FIRST_ROW and spaces.value == " 12 "
    assert spaces.action == "removed them"
    grouped = column(["1 234"], ValueKind.NUMBER)
    assert not [f for f in grouped.findings if "spaces" in f.message]


def test_every_invalid_value_gets_its_own_warning_with_its_row() -> None:
    result = column(
        ["about ten", 4, "about ten", "10-20", True, float("nan"), float("inf")], ValueKind.NUMBER
    )
    assert values(result) == [None, 4.0, None, None, None, None, None]
    assert list(result.invalid) == [True, False, True, True, True, True, True]
    assert not result.missing.any()
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    assert [f.row for f in warnings] == [2, 4, 5, 6, 7, 8]
    assert all(f.action == "treated as no data" for f in warnings)
    assert [f.value for f in warnings] == ["about ten", "about ten", "10-20", "TRUE", "nan", "inf"]
    assert "there is no number in it" in warnings[0].message
    assert "it is a range" in warnings[2].message
    assert "TRUE/FALSE" in warnings[3].message
    assert "NaN" in warnings[4].message
    assert "infinite" in warnings[5].message


@pytest.mark.parametrize(
    "marker",
    [
        "",
        "  ",
        "n/a",
        "NA",
        "n.a.",
        "n.a",
        "-",
        "--",
        "—",
        "tbd",
        "TBC",
        "?",
        "none",
        "null",
        "nan",
        "no data",
        "Unknown",
    ],
)
def test_missing_markers_in_a_number_column_are_no_data_not_zero(marker: str) -> None:
    result = column([marker, 5], ValueKind.NUMBER)
    assert values(result) == [None, 5.0]
    assert list(result.missing) == [True, False]
    assert not result.invalid.any()


def test_missing_markers_are_listed_in_one_info_finding() -> None:
    result = column(["n/a", "TBD", " n/a", 3], ValueKind.NUMBER)
    finding = only(result.findings, Severity.INFO, "said there is no data")
    assert finding.message == "3 cells said there is no data ('n/a', 'TBD') (rows 2, 3 and 4)"
    assert finding.action == "treated as no data, not as zero"


NOT_QUOTED = [
    "No bid",
    "no quote",
    "Not quoted",
    "n/q",
    "NQ",
    "no offer",
    "Not offered",
    "DECLINED",
    " No  Bid ",
]


@pytest.mark.parametrize("marker", NOT_QUOTED)
def test_not_quoted_is_no_data_in_price_and_number_columns(marker: str) -> None:
    for kind in (ValueKind.MONEY, ValueKind.NUMBER):
        result = column([marker, 5], kind)
        assert values(result) == [None, 5.0]
        assert list(result.missing) == [True, False]
        assert not result.invalid.any()
        assert not [f for f in result.findings if f.severity is Severity.WARNING]


@pytest.mark.parametrize("marker", NOT_QUOTED)
def test_not_quoted_is_a_value_in_text_and_identifier_columns(marker: str) -> None:
    for kind in (None, ValueKind.TEXT, ValueKind.IDENTIFIER):
        assert not is_missing_marker(marker, kind)
    result = column([marker, "Accepted"], ValueKind.TEXT)
    assert not result.missing.any()


def test_not_quoted_cells_are_one_info_finding_per_column() -> None:
    result = column(["No bid", 12.5, "NQ", "No bid", "declined", 3], ValueKind.MONEY)
    assert list(result.missing) == [True, False, True, True, True, False]
    assert [f.severity for f in result.findings] == [Severity.INFO]
    finding = only(result.findings, Severity.INFO, "said there is no data")
    assert (
        finding.message == "4 cells said there is no data ('No bid', 'NQ', 'declined') (rows 2, 4, 5 and 6)"
    )
    assert finding.action == "treated as no data, not as zero"


def test_blank_cells_are_missing_without_a_finding() -> None:
    result = column([None, "", "   ", 1.0], ValueKind.NUMBER)
    assert list(result.missing) == [True, True, True, False]
    assert result.findings == ()


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!"])
def test_formula_errors_are_missing_with_a_warning_that_says_so(error: str) -> None:
    result = column([error, 1.0, error], ValueKind.NUMBER)
    assert list(result.missing) == [True, False, True]
    assert not result.invalid.any()
    finding = only(result.findings, Severity.WARNING, error)
    assert finding.message == f"2 cells show the spreadsheet error {error} (a formula failed) (rows 2 and 4)"
    assert finding.value == error
    assert finding.action == "treated as no data; fix the formula in the workbook to use these cells"


def test_bools_and_dates_in_a_number_column_are_invalid() -> None:
    result = column([False, datetime(2026, 1, 1), time(8, 30)], ValueKind.NUMBER)
    assert result.invalid.all()
    assert [f.row for f in result.findings] == [2, 3, 4]
    assert all(f.severity is Severity.WARNING for f in result.findings)


def test_negative_styles_are_read_and_reported() -> None:
    result = column(["(12)", "5-", "-3"], ValueKind.NUMBER)
    assert values(result) == [-12.0, -5.0, -3.0]
    finding = only(result.findings, Severity.INFO, "negative number in brackets")
    assert "(rows 2 and 3)" in finding.message


def test_bounds_and_estimates_are_read_with_a_warning() -> None:
    result = column(["<1", ">= 98", "ca. 5", "approx 7", "~3"], ValueKind.NUMBER)
    assert values(result) == [1.0, 98.0, 5.0, 7.0, 3.0]
    finding = only(result.findings, Severity.WARNING, "bounds or estimates")
    assert finding.action is not None and "'<1' -> 1" in finding.action


def test_units_are_dropped_and_a_mix_of_units_is_a_warning() -> None:
    same = column(["30 days", "45 Days", 60], ValueKind.NUMBER)
    assert values(same) == [30.0, 45.0, 60.0]
    assert not [f for f in same.findings if f.severity is not Severity.INFO]
    spellings = column(["30 d", "45 Tage", "60 days net"], ValueKind.NUMBER)
    assert values(spellings) == [30.0, 45.0, 60.0]
    assert only(spellings.findings, Severity.INFO, "unit").message == (
        "3 cells gave the unit 'days' after the number (rows 2, 3 and 4)"
    )
    mixed = column(["30 days", "4 weeks"], ValueKind.NUMBER)
    finding = only(mixed.findings, Severity.WARNING, "different units")
    assert "'days' (1 cell)" in finding.message and "'weeks' (1 cell)" in finding.message


def test_payment_terms_written_net_30_are_read_as_days() -> None:
    result = column(["Net 30", "NET60", "net 90 days", 45], ValueKind.NUMBER)
    assert values(result) == [30.0, 60.0, 90.0, 45.0]
    finding = only(result.findings, Severity.INFO, "payment terms")
    assert finding.action == "read the number of days ('Net 30' -> 30)"


def test_thousands_abbreviations_are_multiplied_out() -> None:
    result = column(["15k", "2 Mio", "1.5m"], ValueKind.NUMBER)
    # 'm' is metres or months in a plain-number column: kept as a unit, not multiplied
    assert values(result) == [15000.0, 2000000.0, 1.5]
    assert only(result.findings, Severity.WARNING, "abbreviation").action == "multiplied out ('15k' -> 15000)"


def test_currency_in_a_plain_number_column_is_read_with_a_warning() -> None:
    result = column(["$5", "7"], ValueKind.NUMBER)
    assert values(result) == [5.0, 7.0]
    only(result.findings, Severity.WARNING, "named a currency")
    assert result.currency is None


# ------------------------------------------------------------------------------------- the decimal-mark rule


@pytest.mark.parametrize(
    ("cells", "expected", "severity"),
    [
        # the column's other values use a decimal point, so the comma groups thousands
        (["1,234", "12.5"], [1234.0, 12.5], Severity.INFO),
        (["1,234", "2,345,678"], [1234.0, 2345678.0], Severity.INFO),
        # ... or a decimal comma, so it is one
        (["1,234", "12,5"], [1.234, 12.5], Severity.INFO),
        (["1,234", "1.234,5"], [1.234, 1234.5], Severity.INFO),
        # a lone point in a decimal-comma column groups thousands
        (["1.234", "0,5"], [1234.0, 0.5], Severity.INFO),
        (["1.234", "99.5"], [1.234, 99.5], Severity.INFO),
        # nothing settles it: a decimal mark, with a warning
        (["1,234", "2,500"], [None, None], Severity.ERROR),  # nothing says which: asked, not guessed
        (["1.234", 7.0], [1.234, 7.0], Severity.WARNING),
    ],
)
def test_lone_separator_with_three_digits_follows_the_column(
    cells: list[object], expected: list[float], severity: Severity
) -> None:
    result = column(cells, ValueKind.NUMBER)
    assert values(result) == (expected if None in expected else pytest.approx(expected))
    finding = only(result.findings, severity, "followed by three digits")
    assert finding.row == FIRST_ROW or "rows 2" in finding.message


def test_the_separator_question_and_decision_say_what_was_decided() -> None:
    result = column(["1,234", "2,500"], ValueKind.NUMBER)
    finding = only(result.findings, Severity.ERROR, "followed by three digits")
    assert finding.action is not None
    assert finding.action.startswith("not scored: is the comma a thousands separator or a decimal mark")
    assert result.invalid.all()
    evidence = column(["1,234", "12.5"], ValueKind.NUMBER)
    finding = only(evidence.findings, Severity.INFO, "followed by three digits")
    assert finding.action == "read the comma as a thousands separator ('1,234' -> 1234), as in '12.5' (row 3)"


def test_money_in_a_decimal_point_currency_reads_a_lone_comma_as_thousands() -> None:
    result = column(["$1,234", "$2,500", 980], ValueKind.MONEY)
    assert values(result) == [1234.0, 2500.0, 980.0]
    finding = only(result.findings, Severity.INFO, "followed by three digits")
    assert finding.action is not None and "as usual for amounts in USD" in finding.action


def test_a_column_mixing_number_styles_is_a_warning() -> None:
    result = column(["1,234.5", "1.234,5", "2,000.75"], ValueKind.NUMBER)
    assert values(result) == [1234.5, 1234.5, 2000.75]
    finding = only(result.findings, Severity.WARNING, "mixes number styles")
    assert "'1,234.5' (row 2)" in finding.message and "'1.234,5' (row 3)" in finding.message


# ------------------------------------------------------------------------------------------------------ money


def test_money_column_finds_its_currency_and_assumes_it_for_bare_amounts() -> None:
    result = column(["€1.234,50", "99,95 €", 120, "EUR 5"], ValueKind.MONEY)
    assert values(result) == [1234.5, 99.95, 120.0, 5.0]
    assert result.currency == "EUR"
    finding = only(result.findings, Severity.INFO, "had no currency")
    assert finding.row == 4 and finding.action == "assumed EUR, like the rest of the column"


def test_mixed_currencies_are_an_error_listing_them_and_values_are_still_read() -> None:
    result = column(["$100", "€200", "EUR 300", "£5"], ValueKind.MONEY)
    assert values(result) == [100.0, 200.0, 300.0, 5.0]
    assert result.currency is None
    finding = only(result.findings, Severity.ERROR, "mixes currencies")
    assert finding.message == (
        "this column mixes currencies: EUR (2 cells, e.g. row 3), GBP (1 cell, e.g. row 5), USD (1 cell, e.g. row 2)"
    )
    assert result.findings[0] is finding  # errors come first


def test_money_without_any_currency_has_none() -> None:
    result = column([100, "200", None], ValueKind.MONEY)
    assert result.currency is None
    assert values(result) == [100.0, 200.0, None]


def test_accounting_negatives_in_money() -> None:
    result = column(["(1,200.00)", "-€5", "$(3.50)"], ValueKind.MONEY)
    assert values(result) == [-1200.0, -5.0, -3.5]


def test_percent_in_a_money_column_is_invalid() -> None:
    result = column(["5%", "€5"], ValueKind.MONEY)
    assert list(result.invalid) == [True, False]
    assert "percentage" in result.findings[0].message


# ---------------------------------------------------------------------------------------------------- percent


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["95%", "95 %", "99.5%", "99,5 %"], [95.0, 95.0, 99.5, 99.5]),
        ([95, 88.5, 100], [95.0, 88.5, 100.0]),  # percent points
        ([0.95, 0.885, 1.0], [95.0, 88.5, 100.0]),  # fractions (Excel percent cells)
        (["0.95", "0.5"], [95.0, 50.0]),
        ([0.95, "96%"], [95.0, 96.0]),  # a fraction next to a written percentage
        ([1.0, "96%"], [100.0, 96.0]),  # every plain number <= 1, and a written % above 1
        ([0, 0.5], [0.0, 50.0]),
        ([1.0, 1.0], [1.0, 1.0]),  # all exactly 1: percent points, with a warning
        ([2, 0.5, 3], [2.0, 0.5, 3.0]),  # small percent points stay: 50% would not fit
        ([96, 0.97, 98], [96.0, 97.0, 98.0]),  # 0.97 among 96 and 98 is 97%
        (["-0.05", "0.03"], [-5.0, 3.0]),  # changes as fractions
    ],
)
def test_percent_columns_are_reconciled_per_column(cells: list[object], expected: list[float]) -> None:
    result = column(cells, ValueKind.PERCENT)
    assert values(result) == pytest.approx(expected)


def test_fractions_are_reported_as_read_as_percent() -> None:
    result = column([0.95, 0.5, None], ValueKind.PERCENT)
    finding = only(result.findings, Severity.INFO, "were fractions")
    assert finding.action is not None and finding.action.startswith("read 0.95 as 95%")
    assert "(rows 2 and 3)" in finding.message


def test_an_inconsistent_mix_of_fractions_and_points_is_a_warning_saying_what_was_decided() -> None:
    result = column([96, 0.97, 98, 0.02], ValueKind.PERCENT)
    assert values(result) == pytest.approx([96.0, 97.0, 98.0, 0.02])
    converted = only(result.findings, Severity.WARNING, "fraction among percent points")
    assert converted.row == 3
    assert converted.action is not None and converted.action.startswith("read 0.97 as 97%, not 0.97%")
    kept = only(result.findings, Severity.WARNING, "between 0 and 1 in a column of percent points")
    assert kept.row == 5


def test_a_consistent_column_of_points_has_no_findings() -> None:
    assert column([96, 97.5, 88, 100], ValueKind.PERCENT).findings == ()
    defect_rates = column([2, 3.5, 0.5, 1.2], ValueKind.PERCENT)  # 0.5% sits with them; 50% would not
    assert values(defect_rates) == [2.0, 3.5, 0.5, 1.2]
    assert defect_rates.findings == ()


def test_all_ones_warn_that_they_could_mean_100_percent() -> None:
    result = column([1, 1], ValueKind.PERCENT)
    only(result.findings, Severity.WARNING, "could mean 100% or 1%")


def test_percent_fast_path_for_a_float_column() -> None:
    cells = pd.Series([0.95, np.nan, 0.8], index=[2, 3, 4])
    result = clean_column(cells, ValueKind.PERCENT)
    assert result.values.iloc[0] == pytest.approx(95.0) and result.values.iloc[2] == pytest.approx(80.0)
    assert list(result.missing) == [False, True, False]


def test_money_in_a_percent_column_is_invalid() -> None:
    result = column(["$5", "5%"], ValueKind.PERCENT)
    assert list(result.invalid) == [True, False]


# ----------------------------------------------------------------------------------------------------- yes/no


def test_yes_no_column() -> None:
    result = column(["yes", "No", "x", "", None, True, 0, "Yes", "n/a", "maybe", 2], ValueKind.YES_NO)
    assert values(result) == ["Yes", "No", "Yes", None, None, "Yes", "No", "Yes", None, None, None]
    assert list(result.missing) == [False, False, False, True, True, False, False, False, True, False, False]
    assert list(result.invalid) == [False] * 9 + [True, True]
    assert result.values.dtype == object


def test_yes_no_forms_are_listed_once() -> None:
    result = column(["x", "X", "ja", "n", "Yes", True, 1], ValueKind.YES_NO)
    finding = only(result.findings, Severity.INFO, "other words")
    assert finding.action == "read '1', 'x', 'X', 'ja' as Yes; 'n' as No"
    assert "rows 2, 3, 4, 5 and 8" in finding.message


def test_yes_no_with_a_comment_is_a_warning() -> None:
    result = column(["Yes, since 2019", "No - expired"], ValueKind.YES_NO)
    assert values(result) == ["Yes", "No"]
    only(result.findings, Severity.WARNING, "with comments")


def test_a_blank_in_a_yes_no_column_is_never_no() -> None:
    result = column([None, "", " "], ValueKind.YES_NO)
    assert values(result) == [None, None, None]
    assert result.missing.all()


# ------------------------------------------------------------------------------------------------------- text


def test_text_is_tidied_but_keeps_its_case() -> None:
    result = column(["  Low ", "HIGH", "medium\xa0  risk", "Gold\u200b"], ValueKind.TEXT)
    assert values(result) == ["Low", "HIGH", "medium risk", "Gold"]
    finding = only(result.findings, Severity.INFO, "spaces")
    assert finding.action == "tidied them ('  Low ' -> 'Low')"


def test_text_keeps_none_as_an_answer_but_markers_are_missing() -> None:
    result = column(["None", "n/a", "-", "TBD"], ValueKind.TEXT)
    assert values(result) == ["None", None, None, None]
    assert list(result.missing) == [False, True, True, True]


def test_numbers_bools_and_dates_in_a_text_column_become_text() -> None:
    result = column([3, 2.5, 4.0, True, date(2026, 3, 1)], ValueKind.TEXT)
    assert values(result) == ["3", "2.5", "4", "TRUE", "2026-03-01"]
    finding = only(result.findings, Severity.INFO, "not text")
    assert finding.message.startswith("5 cells")


# ------------------------------------------------------------------------------------------------- identifier


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("00123", "00123"),
        ("NA", "NA"),
        ("N/A", "N/A"),
        ("n.a.", "n.a."),
        ("-", "-"),
        ("  Acme  Ltd ", "Acme  Ltd"),
        (1234.0, "1234"),
        (1234, "1234"),
        (12.5, "12.5"),
        ("#N/A", "#N/A"),
    ],
)
def test_identifiers_are_always_text(cell: object, expected: str) -> None:
    result = column([cell], ValueKind.IDENTIFIER)
    assert values(result) == [expected]
    assert not result.missing.any() and not result.invalid.any()


def test_identifier_blanks_are_missing() -> None:
    result = column([None, "", "  ", "Acme"], ValueKind.IDENTIFIER)
    assert list(result.missing) == [True, True, True, False]


def test_identifier_findings() -> None:
    result = column(
        ["NA", 1234.0, date(2026, 1, 2), "#N/A", True, 1.234567890123456e16], ValueKind.IDENTIFIER
    )
    assert values(result)[:4] == ["NA", "1234", "2026-01-02", "#N/A"]
    assert list(result.invalid) == [False, False, False, False, True, False]
    marker = only(result.findings, Severity.INFO, "'no data' marker")
    assert marker.row == 2 and marker.action is not None and "kept 'NA'" in marker.action
    only(result.findings, Severity.WARNING, "was a date")
    only(result.findings, Severity.WARNING, "formula error")
    only(result.findings, Severity.WARNING, "too long for a spreadsheet")
    assert only(result.findings, Severity.INFO, "were numbers").message.startswith("2 cells")


# ------------------------------------------------------------------------------------------------------ dates


def test_date_objects_and_iso_text() -> None:
    result = column(
        [
            date(2026, 1, 2),
            datetime(2026, 5, 6, 7, 8),
            pd.Timestamp("2026-02-03"),
            "2026-12-31",
            "2026-12-31T10:30",
        ],
        ValueKind.DATE,
    )
    assert list(result.values) == [
        pd.Timestamp("2026-01-02"),
        pd.Timestamp("2026-05-06 07:08"),
        pd.Timestamp("2026-02-03"),
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2026-12-31 10:30"),
    ]
    assert result.values.dtype == "datetime64[us]"
    assert only(result.findings, Severity.INFO, "dates written as text").message.startswith("2 cells")


def test_day_first_is_decided_by_an_unambiguous_date_and_reported() -> None:
    result = column(["31/12/2026", "01/02/2026"], ValueKind.DATE)
    assert list(result.values) == [pd.Timestamp("2026-12-31"), pd.Timestamp("2026-02-01")]
    finding = only(result.findings, Severity.INFO, "day/month/year")
    assert finding.action == "read as day/month/year: '31/12/2026' (row 2) can only be read that way"


def test_month_first_is_decided_by_an_unambiguous_date() -> None:
    result = column(["12/31/2026", "01/02/2026"], ValueKind.DATE)
    assert list(result.values) == [pd.Timestamp("2026-12-31"), pd.Timestamp("2026-01-02")]
    only(result.findings, Severity.INFO, "month/day/year")


def test_undecided_dates_are_day_first_with_a_warning() -> None:
    result = column(["01/02/2026", "03/04/2026", "05/05/2026"], ValueKind.DATE)
    assert list(result.values) == [
        pd.Timestamp("2026-02-01"),
        pd.Timestamp("2026-04-03"),
        pd.Timestamp("2026-05-05"),
    ]
    finding = only(result.findings, Severity.WARNING, "could be day/month/year or month/day/year")
    assert "(rows 2 and 3)" in finding.message  # 05/05 reads the same either way


def test_mixed_date_orders_are_a_warning() -> None:
    result = column(["31/12/2026", "12/31/2026", "13/01/2026"], ValueKind.DATE)
    assert list(result.values) == [
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2026-01-13"),
    ]
    only(result.findings, Severity.WARNING, "mixes day/month/year")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (44927, "2023-01-01"),
        (46022.5, "2025-12-31 12:00"),
        ("44927", "2023-01-01"),
        ("31.12.2026", "2026-12-31"),
        ("31.12.26", "2026-12-31"),
        ("2026/12/31", "2026-12-31"),
        ("31 Dec 2026", "2026-12-31"),
        ("December 31st, 2026", "2026-12-31"),
        ("31-Dec-2026", "2026-12-31"),
        ("20261231", "2026-12-31"),
        (2958465, "9999-12-31"),
    ],
)
def test_date_forms(cell: object, expected: str) -> None:
    result = column([cell], ValueKind.DATE)
    assert result.values.iloc[0] == pd.Timestamp(expected)


def test_excel_serials_are_reported() -> None:
    result = column([44927, 44928], ValueKind.DATE)
    finding = only(result.findings, Severity.INFO, "spreadsheet date numbers")
    assert finding.action is not None and finding.action.startswith("read as dates (44927 -> 2023-01-01)")


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (2026, "looks like a year"),
        ("2026", "looks like a year"),
        (12, "outside the range"),
        ("31/02/2026", "no such date"),
        ("13/13/2026", "neither number can be the month"),
        ("next spring", "write it as 2026-12-31"),
        (True, "TRUE/FALSE"),
    ],
)
def test_unreadable_dates_are_invalid_with_a_reason(cell: object, reason: str) -> None:
    result = column([cell], ValueKind.DATE)
    assert list(result.invalid) == [True]
    assert pd.isna(result.values.iloc[0])
    (finding,) = result.findings
    assert finding.severity is Severity.WARNING and reason in finding.message and finding.row == FIRST_ROW


def test_a_datetime_series_is_read_directly() -> None:
    cells = pd.Series(pd.to_datetime(["2026-01-01", None]), index=[2, 3])
    result = clean_column(cells, ValueKind.DATE)
    assert list(result.missing) == [False, True]
    assert result.values.iloc[0] == pd.Timestamp("2026-01-01")


# ------------------------------------------------------------------------------------------- input shapes


def test_a_typed_float_column_treats_nan_as_blank() -> None:
    # pandas stores blanks of a float column as NaN, so there NaN cannot be told from a blank
    result = clean_column(pd.Series([1.5, np.nan, np.inf], index=[2, 3, 4]), ValueKind.NUMBER)
    assert list(result.missing) == [False, True, False]
    assert list(result.invalid) == [False, False, True]


def test_a_pandas_string_column_treats_its_missing_values_as_blank() -> None:
    cells = pd.Series(["1,5", None, "x"], index=[2, 3, 4])  # pandas 3: str dtype
    result = clean_column(cells, ValueKind.NUMBER)
    assert values(result) == [1.5, None, None]
    assert list(result.missing) == [False, True, False]
    assert list(result.invalid) == [False, False, True]


def test_an_empty_column() -> None:
    result = clean_column(pd.Series([], dtype=object), ValueKind.MONEY)
    assert len(result.values) == 0 and result.findings == () and result.currency is None


def test_value_kind_is_a_string() -> None:
    assert ValueKind("yes_no") is ValueKind.YES_NO
    assert ValueKind.PERCENT == "percent"
    result = clean_column(pd.Series(["5"], dtype=object), "number")  # type: ignore[arg-type]
    assert values(result) == [5.0]


# ------------------------------------------------------------------------------------------- speed by design


def test_each_distinct_string_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = quantity_module.read_quantity_text

    def counting(raw: str, kind: ValueKind) -> Reading:
        calls.append(raw)
        return real(raw, kind)

    monkeypatch.setattr(quantity_module, "read_quantity_text", counting)
    distinct = [f"${n:,}.50" for n in range(1000, 1050)]
    cells = pd.Series(distinct * 200, dtype=object)
    result = clean_column(cells, ValueKind.MONEY)
    assert sorted(calls) == sorted(distinct)
    assert result.values.iloc[0] == 1000.5 and result.values.iloc[-1] == 1049.5


def test_a_column_of_numbers_never_parses_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: str, kind: ValueKind) -> Reading:
        raise AssertionError("no text to parse")

    monkeypatch.setattr(quantity_module, "read_quantity_text", refuse)
    numbers = np.arange(10_000, dtype=float)
    clean_column(pd.Series(numbers), ValueKind.NUMBER)
    objects = numbers.astype(object)
    objects[::3] = None
    result = clean_column(pd.Series(objects, dtype=object), ValueKind.PERCENT)
    assert int(result.missing.sum()) == len(range(0, 10_000, 3))


# ---------------------------------------------------------------------------------------- property tests

# (thousands separator, decimal mark) as different locales write them
LOCALES = [
    (",", "."),
    (".", ","),
    (" ", ","),
    ("\xa0", ","),
    ("\u202f", ","),
    ("'", "."),
    ("", "."),
    ("", ","),
]
LOCALES += [(" ", ".")]
SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "USD": "USD", "CHF": "CHF", "EUR": "EUR"}


def written(amount: float, thousands: str, decimal: str, decimals: int = 2) -> str:
    """|amount| as a locale writes it: thousands separators and a decimal mark."""
    whole, _, fraction = f"{abs(amount):,.{decimals}f}".partition(".")
    whole = whole.replace(",", thousands)
    return whole + (decimal + fraction if decimals else "")


amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(
    amounts,
    st.sampled_from(LOCALES),
    st.sampled_from([*SIGNS, None]),
    st.booleans(),
    st.sampled_from(["minus", "brackets", "trailing"]),
)
@example(-1234.5, (".", ","), "€", False, "brackets")
def test_money_written_in_any_locale_reads_back(
    amount: float, locale: tuple[str, str], sign: str | None, sign_after: bool, negative: str
) -> None:
    text = written(amount, *locale)
    if sign is not None:
        text = f"{text} {sign}" if sign_after else f"{sign}{text}"
    if amount < 0 and float(f"{abs(amount):.2f}") != 0:
        if negative == "minus":
            text = "-" + text
        elif negative == "brackets":
            text = f"({text})"
        else:
            text = text + "-" if sign is None or not sign_after else "-" + text
    value, currency = parse_money(text)
    assert value == pytest.approx(float(f"{amount:.2f}"), abs=1e-9)
    assert currency == (SIGNS[sign] if sign else None)
    if sign is None:
        assert parse_number(text) == value


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False), st.sampled_from(LOCALES), st.booleans())
def test_percentages_written_in_any_locale_read_back(
    percent: float, locale: tuple[str, str], spaced: bool
) -> None:
    text = ("-" if percent < 0 else "") + written(percent, *locale, decimals=1) + (" %" if spaced else "%")
    result = clean_column(pd.Series([text], dtype=object), ValueKind.PERCENT)
    assert result.values.iloc[0] == pytest.approx(float(f"{percent:.1f}"), abs=1e-9)


@given(
    st.lists(st.integers(min_value=1000, max_value=10**9), min_size=1, max_size=20), st.sampled_from(LOCALES)
)
def test_whole_numbers_with_thousands_separators_read_back_when_the_column_shows_its_style(
    numbers: list[int], locale: tuple[str, str]
) -> None:
    thousands, decimal = locale
    # one value with decimals tells the column's style, as real columns do
    cells = [written(n, thousands, decimal, decimals=0) for n in numbers] + [
        written(0.25, thousands, decimal)
    ]
    result = clean_column(pd.Series(cells, dtype=object), ValueKind.NUMBER)
    assert list(result.values) == [float(n) for n in numbers] + [0.25]


tricky_text = st.sampled_from(
    [
        "",
        " ",
        "-",
        "(",
        ")",
        "()",
        "%",
        "$",
        "€-",
        "1,",
        ",",
        ".",
        "1e",
        "e5",
        "--5",
        "1..2",
        "(1",
        "1)",
        "9" * 400,
        "1" + "0" * 400,
        "1e400",
        "#N/A",
        "x",
        "✓",
        "31/02/2026",
        "99/99/99",
        "T",
        "12:00",
        "$$5",
        "5 € €",
        "Mio",
    ]
)


@settings(max_examples=300)
@given(
    st.lists(st.one_of(st.text(), tricky_text, st.none()), max_size=8),
    st.sampled_from(list(ValueKind)),
)
def test_any_text_is_cleaned_without_raising(cells: list[str | None], kind: ValueKind) -> None:
    result = clean_column(pd.Series(cells, dtype=object), kind)
    assert len(result.values) == len(cells)
    assert not (result.missing & result.invalid).any()
    assert list(result.values.isna()) == list(result.missing | result.invalid)
    for text in cells:
        if text is not None:
            parse_number(text)
            parse_money(text)
            parse_yes_no(text)
            is_missing_marker(text, kind)
            normalise_header(text)


@given(st.text().filter(lambda text: text.strip() != ""))
def test_identifiers_round_trip_bar_trimming(text: str) -> None:
    result = clean_column(pd.Series([text], dtype=object), ValueKind.IDENTIFIER)
    assert result.values.iloc[0] == text.strip()
    assert not result.missing.iloc[0] and not result.invalid.iloc[0]


clean_numbers = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.lists(clean_numbers, max_size=30), st.sampled_from([ValueKind.NUMBER, ValueKind.MONEY]))
def test_an_all_clean_numeric_column_has_no_findings(
    cells: list[float | int | None], kind: ValueKind
) -> None:
    result = clean_column(pd.Series(cells, dtype=object), kind)
    assert result.findings == ()
    assert list(result.missing) == [c is None for c in cells]
    expected = [math.nan if c is None else float(c) for c in cells]
    np.testing.assert_array_equal(result.values.to_numpy(), np.array(expected, dtype=float))
