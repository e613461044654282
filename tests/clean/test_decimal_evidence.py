"""The workbook's evidence for a column's decimal mark: the sheet's other columns, else the other sheets,
else the locale the file's number formats name; the nearer evidence wins and the warning says what it
overruled. Through the whole pipeline with workbooks built in openpyxl."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import DEFAULT_HEADER, default_row

from scorecard.clean import DecimalHint, ValueKind, locale_hint, workbook_decimal_hint
from scorecard.config import load_preset
from scorecard.errors import ScorecardError, Severity
from scorecard.pipeline import evaluate_file
from tests.clean.columns import FIRST_ROW, column

GERMAN = locale_hint("comma", "de-DE", "#,##0.00 [$€-407]")
AMERICAN = locale_hint("point", "en-US", "[$$-409]#,##0.00")


def table(columns: dict[str, list[object]]) -> pd.DataFrame:
    rows = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=range(FIRST_ROW, FIRST_ROW + rows), dtype=object)


NO_STYLE = table({"Supplier": ["Acme", "Bolt"], "Defects": ["1.200", "3.400"]})
COMMA_SHEET = table({"Notes": ["Rating 4,5", "x"], "Score": ["4,5", "3,0"]})
POINT_SHEET = table({"Score": ["4.5", "3.0"]})


def actions(cells: list[object], kind: ValueKind, hint: DecimalHint | None, severity: Severity) -> list[str]:
    result = column(cells, kind, decimal_hint=hint)
    return [f.action or "" for f in result.findings if f.severity is severity and "three digits" in f.message]


# ------------------------------------------------------------------------------------- which evidence


def test_the_sheet_own_columns_come_first() -> None:
    hint = workbook_decimal_hint(table({"Score": ["4,5", 4]}), [("Notes", POINT_SHEET)], AMERICAN)
    assert hint is not None and (hint.mark, hint.sheet, hint.column) == ("comma", None, "Score")
    assert (
        "although the file's number formats name locale en-US, which writes a decimal point" in hint.reason()
    )


def test_other_sheets_that_agree_come_next_and_are_named() -> None:
    hint = workbook_decimal_hint(NO_STYLE, [("Notes", COMMA_SHEET), ("More", table({"X": ["1,5"]}))], None)
    assert hint is not None and (hint.mark, hint.sheet) == ("comma", "Notes")
    assert hint.reason() == "as sheet 'Notes' shows ('4,5' in column 'Score', row 2)"


def test_other_sheets_that_disagree_leave_it_to_the_locale() -> None:
    hint = workbook_decimal_hint(NO_STYLE, [("Notes", COMMA_SHEET), ("Prices", POINT_SHEET)], GERMAN)
    assert hint == GERMAN
    assert hint.reason() == "as the file's number formats show (locale de-DE, e.g. '#,##0.00 [$€-407]')"


def test_without_any_evidence_there_is_no_hint() -> None:
    assert workbook_decimal_hint(NO_STYLE, [("Prices", table({"Cost": [1, 2]}))], None) is None


def test_only_the_first_rows_of_a_long_sheet_are_looked_at() -> None:
    """A bid tab of many rows costs its first rows only: a style shown only far down is not seen."""
    long = table({"Price": [7] * 5_000 + ["1,5"]})
    assert workbook_decimal_hint(NO_STYLE, [("Bids", long)], None) is None


# ------------------------------------------------------------------------------- a column using the locale


@pytest.mark.parametrize(
    ("hint", "expected", "role"),
    [(GERMAN, [1200.0, 3400.0], "a thousands separator"), (AMERICAN, [1.2, 3.4], "a decimal mark")],
)
def test_a_column_that_cannot_tell_follows_the_locale_with_a_warning(
    hint: DecimalHint, expected: list[float], role: str
) -> None:
    result = column(["1.200", "3.400"], ValueKind.NUMBER, decimal_hint=hint)
    assert result.values.tolist() == expected
    (action,) = actions(["1.200", "3.400"], ValueKind.NUMBER, hint, Severity.WARNING)
    assert f"read the point as {role}" in action and f"locale {hint.locale}" in action


def test_euro_412_500_among_its_column_is_four_hundred_thousand_even_in_a_german_file() -> None:
    """The column's sizes are nearer evidence than the author's Excel locale: they win, and say so."""
    cells: list[object] = ["€ 412,500", 356200, 468900]
    result = column(cells, ValueKind.MONEY, decimal_hint=GERMAN)
    assert result.values.tolist() == [412500.0, 356200.0, 468900.0]
    (action,) = actions(cells, ValueKind.MONEY, GERMAN, Severity.WARNING)
    assert "as the sizes of the column's other values show" in action
    assert "although the decimal comma is what the file's number formats show (locale de-DE" in action


def test_amounts_in_a_point_locale_file_group_thousands_by_its_locale() -> None:
    cells = ["€ 412,500", "€ 398,250"]
    assert column(cells, ValueKind.MONEY, decimal_hint=AMERICAN).values.tolist() == [412500.0, 398250.0]
    (action,) = actions(cells, ValueKind.MONEY, AMERICAN, Severity.WARNING)
    assert "locale en-US" in action


def test_a_sheet_hint_against_the_sizes_still_asks() -> None:
    """Cells of the workbook that contradict the column are a question, as before: only the locale yields."""
    sheet = DecimalHint("comma", "Score", 2, "4,5")
    (question,) = actions(["€ 412,500", 356200, 468900], ValueKind.MONEY, sheet, Severity.ERROR)
    assert (
        "The decimal comma is what the sheet's other columns show ('4,5' in column 'Score', row 2)"
        in question
    )


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.integers(min_value=1_000, max_value=999_999), min_size=1, max_size=6),
    separator=st.sampled_from([",", "."]),
    comma_locale=st.booleans(),
)
def test_whole_numbers_that_nothing_else_settles_follow_the_locale(
    values: list[int], separator: str, comma_locale: bool
) -> None:
    """Computed another way: under a decimal-comma locale '1.234' is 1234 and '1,234' is 1.234."""
    cells = [f"{v // 1000}{separator}{v % 1000:03d}" for v in values]
    result = column(cells, ValueKind.NUMBER, decimal_hint=GERMAN if comma_locale else AMERICAN)
    grouped = (separator == ".") == comma_locale
    expected = [float(v) if grouped else v / 1000 for v in values]
    assert result.values.tolist() == pytest.approx(expected)
    assert not result.invalid.any()


# -------------------------------------------------------------------------------------- whole pipeline


def event(defects: tuple[object, object], rating: tuple[object, object], number_format: str = "") -> bytes:
    """The default preset's sheet with these defect rates and ratings, the costs in `number_format`,
    and a Notes sheet, as a buyer's workbook written by Excel in some locale."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    sheet.append(DEFAULT_HEADER)
    at_defects, at_rating = (
        DEFAULT_HEADER.index("Defect rate (ppm)"),
        DEFAULT_HEADER.index("Responsiveness (1-5)"),
    )
    for name, defect, score in zip(("Acme", "Beta"), defects, rating, strict=True):
        row = default_row(name)
        row[at_defects], row[at_rating] = defect, score
        sheet.append(row)
    if number_format:
        for cells in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
            cells[0].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def defect_warnings(data: bytes) -> tuple[list[float], list[str]]:
    evaluation = evaluate_file(data, "event.xlsx", load_preset("default"))
    values = evaluation.prepared.suppliers.table.values["defect_rate"].tolist()
    said = [
        f.action or ""
        for f in evaluation.findings
        if f.severity is Severity.WARNING and f.column == "Defect rate (ppm)" and "three digits" in f.message
    ]
    return values, said


def test_without_the_locale_the_column_stops_with_a_question() -> None:
    with pytest.raises(ScorecardError, match="thousands separator or a decimal mark"):
        evaluate_file(event(("1.200", "3.400"), (4, 4)), "event.xlsx", load_preset("default"))


def test_a_german_file_format_settles_the_ppm_column_as_thousands() -> None:
    values, said = defect_warnings(event(("1.200", "3.400"), (4, 4), "#,##0.00 [$€-407]"))
    assert values == [1200.0, 3400.0]
    assert len(said) == 1 and "locale de-DE" in said[0] and "#,##0.00 [$€-407]" in said[0]


def test_an_american_file_format_settles_the_ppm_column_as_decimals() -> None:
    values, said = defect_warnings(event(("1.200", "3.400"), (4, 4), "[$$-409]#,##0.00"))
    assert values == pytest.approx([1.2, 3.4])
    assert len(said) == 1 and "locale en-US" in said[0]


def test_the_sheet_wins_over_the_locale_and_the_warning_names_both() -> None:
    values, said = defect_warnings(event(("1.200", "3.400"), ("4.5", 4), "#,##0.00 [$€-407]"))
    assert values == pytest.approx([1.2, 3.4])
    (action,) = said
    assert "'4.5' in column 'Responsiveness (1-5)'" in action
    assert "although the file's number formats name locale de-DE, which writes a decimal comma" in action


def test_another_sheet_of_the_workbook_settles_the_column() -> None:
    book = openpyxl.load_workbook(io.BytesIO(event(("1.200", "3.400"), (4, 4))))
    notes = book.create_sheet("Notes")
    notes.append(["Topic", "Figure"])
    notes.append(["Target rating", "4,5"])
    out = io.BytesIO()
    book.save(out)
    values, said = defect_warnings(out.getvalue())
    assert values == [1200.0, 3400.0]
    assert len(said) == 1 and "sheet 'Notes' shows ('4,5' in column 'Figure', row 2)" in said[0]
