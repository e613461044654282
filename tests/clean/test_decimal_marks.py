"""Decimal marks decided per column: the column's own cells, its currency, the sizes of its other values,
the sheet's other columns and, for money, the two-decimals rule; a column nothing settles is asked about."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.clean import (
    CleanColumn,
    DecimalHint,
    ValueKind,
    asks_decimal_mark,
    clean_column,
    sheet_decimal_hint,
)
from scorecard.cli import main
from scorecard.config import load_preset
from scorecard.errors import ScorecardError, Severity
from scorecard.pipeline import evaluate_file
from tests.clean.columns import FIRST_ROW, LOCALES, column, only, values, written


def separator_findings(result: CleanColumn, severity: Severity) -> list[str]:
    """The actions of the findings about lone separators, of one severity."""
    return [
        f.action or ""
        for f in result.findings
        if f.severity is severity and "followed by three digits" in f.message
    ]


def sheet(columns: dict[str, list[object]]) -> pd.DataFrame:
    """A sheet's table as the reader hands it over: object cells, 1-based sheet rows as the index."""
    rows = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=range(FIRST_ROW, FIRST_ROW + rows), dtype=object)


# ----------------------------------------------------------------------------------- the sheet's hint


@pytest.mark.parametrize(
    ("columns", "mark", "column", "row"),
    [
        ({"Rating": [4, "4,5"], "Cost": [1, 2]}, "comma", "Rating", 3),  # a decimal comma
        ({"Cost": ["1.234.567 €", "€ 2.000.000"]}, "comma", "Cost", 2),  # € grouped with points
        ({"Cost": ["€ 1.234,50", 7], "Days": ["30", "1,5"]}, "comma", "Cost", 2),
        ({"Cost": [1, "12,345.67"]}, "point", "Cost", 3),
        ({"Cost": ["$2,000,000", "x"]}, "point", "Cost", 2),  # repeated commas group thousands
        ({"Score": ["4.5 points", "n/a"]}, "point", "Score", 2),  # a unit does not hide the mark
    ],
)
def test_the_sheet_shows_its_decimal_mark(
    columns: dict[str, list[object]], mark: str, column: str, row: int
) -> None:
    hint = sheet_decimal_hint(sheet(columns))
    assert hint is not None
    assert (hint.mark, hint.column, hint.row) == (mark, column, row)
    assert hint.example in columns[column]


@pytest.mark.parametrize(
    "columns",
    [
        {"Rating": ["4,5", "4.5"]},  # both marks: no locale to follow
        {"Cost": [1234.5, 99.0]},  # typed numbers show no style
        {"Cost": ["1,234", "2.500"]},  # lone separators show nothing
        {"Since": ["31.12.2026", "2026-01-05"], "Name": ["Acme 2.0", "Beta"]},  # dates, names
        {"Cost": [None, ""]},
    ],
)
def test_a_sheet_without_one_style_gives_no_hint(columns: dict[str, list[object]]) -> None:
    assert sheet_decimal_hint(sheet(columns)) is None


# ------------------------------------------------------------------------------- a column using the hint

COMMA_SHEET = DecimalHint("comma", "Rating", 3, "4,5")
POINT_SHEET = DecimalHint("point", "Score", 4, "4.5")


def test_a_column_that_cannot_tell_follows_the_sheet_and_says_so() -> None:
    result = column(["1.234", "2.500"], ValueKind.NUMBER, decimal_hint=COMMA_SHEET)
    assert result.values.tolist() == [1234.0, 2500.0]
    (action,) = separator_findings(result, Severity.WARNING)  # a warning: counted in the banner
    assert action == (
        "read the point as a thousands separator ('1.234' -> 1234), "
        "as the sheet's other columns show ('4,5' in column 'Rating', row 3)"
    )


def test_the_column_own_cells_outvote_the_sheet() -> None:
    result = column(["1,234", "12.5"], ValueKind.NUMBER, decimal_hint=COMMA_SHEET)
    assert result.values.tolist() == [1234.0, 12.5]
    assert separator_findings(result, Severity.INFO)


def test_a_decimal_point_currency_outvotes_the_sheet() -> None:
    result = column(["$1,234", "$2,500"], ValueKind.MONEY, decimal_hint=COMMA_SHEET)
    assert result.values.tolist() == [1234.0, 2500.0]


@pytest.mark.parametrize(
    ("cells", "kind", "hint", "disagreeing"),
    [
        # the sheet says decimal comma, but 412.5 would not sit among 356,200-468,900
        (
            ["€ 412,500", 356200, 468900],
            ValueKind.MONEY,
            COMMA_SHEET,
            "would not fit the sizes of the column's other values.",
        ),
        # the sheet says decimal point, but then 412.500 would be an amount with three decimals
        (
            ["€ 412.500", "€ 398.250"],
            ValueKind.MONEY,
            POINT_SHEET,
            "these amounts would have three decimals.",
        ),
    ],
)
def test_evidence_that_disagrees_stops_with_a_question_naming_both(
    cells: list[object], kind: ValueKind, hint: DecimalHint, disagreeing: str
) -> None:
    result = column(cells, kind, decimal_hint=hint)
    ambiguous = [i for i, cell in enumerate(cells) if isinstance(cell, str)]
    assert result.invalid.iloc[ambiguous].all() and result.values.iloc[ambiguous].isna().all()
    (question,) = separator_findings(result, Severity.ERROR)
    assert "a thousands separator or a decimal mark" in question
    assert f"in column {hint.column!r}" in question and disagreeing in question


def test_amounts_alone_group_thousands_as_amounts_have_two_decimals() -> None:
    result = column(["€ 412,500", "€ 398,250"], ValueKind.MONEY)
    assert result.values.tolist() == [412500.0, 398250.0]
    (action,) = separator_findings(result, Severity.WARNING)
    assert action.endswith("as amounts have at most two decimals")


def test_without_any_evidence_the_question_says_nothing_in_the_sheet_shows_it() -> None:
    (question,) = separator_findings(column(["1,234", "2,500"], ValueKind.NUMBER), Severity.ERROR)
    assert "Nothing else in the column or the sheet shows which." in question
    assert "'1,234' in row 2" in question


# ------------------------------------------------------------------------------------- property tests


def lone(value: int, separator: str) -> str:
    """1234 written with one separator before its last three digits: '1,234' or '1.234'."""
    return f"{value // 1000}{separator}{value % 1000:03d}"


@settings(max_examples=60, deadline=None)  # no deadline: a loaded shared machine, not slow code
@given(
    values=st.lists(st.integers(min_value=1_000, max_value=999_999), min_size=1, max_size=8),
    comma_decimal=st.booleans(),
)
def test_whole_numbers_follow_the_sheet_style(values: list[int], comma_decimal: bool) -> None:
    """A German sheet writes 1.234 for a thousand and 4,5 for four and a half; an English one the reverse:
    the lone separator of a column with nothing else to go by is read the sheet's way."""
    separator = "." if comma_decimal else ","
    table = sheet(
        {
            "Rating": ["4,5" if comma_decimal else "4.5"] * len(values),
            "Defects": [lone(v, separator) for v in values],
        }
    )
    hint = sheet_decimal_hint(table)
    assert hint is not None and hint.mark == ("comma" if comma_decimal else "point")
    result = clean_column(table["Defects"], ValueKind.NUMBER, sheet="S", column="Defects", decimal_hint=hint)
    assert result.values.tolist() == [float(v) for v in values]


@settings(max_examples=60, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=356_200, max_value=468_900), min_size=2, max_size=10),
    at=st.integers(min_value=0, max_value=9),
    sign=st.sampled_from(["€ ", "EUR ", "", "€"]),
)
def test_euro_412_500_among_its_column_is_four_hundred_thousand(
    amounts: list[int], at: int, sign: str
) -> None:
    """The issue's case: one amount typed as text with a comma among typed amounts of the same size,
    in a sheet with no other style, is read as a whole amount and the reading is a counted warning."""
    at %= len(amounts)
    cells: list[object] = list(amounts)
    cells[at] = f"{sign}{lone(amounts[at], ',')}"
    table = sheet({"Supplier": [f"S{i}" for i in range(len(cells))], "Total cost": cells})
    hint = sheet_decimal_hint(table)
    result = clean_column(table["Total cost"], ValueKind.MONEY, sheet="S", column="C", decimal_hint=hint)
    assert result.values.tolist() == [float(a) for a in amounts]
    assert separator_findings(result, Severity.WARNING)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(min_value=1_000, max_value=999_999), min_size=1, max_size=8),
    separator=st.sampled_from([",", "."]),
    other_style=st.sampled_from([[], ["4,5", "4.5"]]),
)
def test_a_column_nothing_settles_must_stop(
    values: list[int], separator: str, other_style: list[str]
) -> None:
    """Only lone separators in the column and no single style in the sheet: every such cell is left without
    a value and one error asks which mark is meant."""
    table = sheet({"Defects": [lone(v, separator) for v in values]})
    if other_style:
        rating = (other_style * len(values))[: len(values)]
        table["Rating"] = rating if len(values) > 1 else ["4,5"]
        if len(values) == 1:  # one row cannot show two styles: that sheet gives a comma hint, tested above
            return
    hint = sheet_decimal_hint(table)
    assert hint is None
    result = clean_column(table["Defects"], ValueKind.NUMBER, sheet="S", column="Defects", decimal_hint=hint)
    assert result.invalid.all() and result.values.isna().all()
    assert len(separator_findings(result, Severity.ERROR)) == 1


# -------------------------------------------------------------------------------------- whole pipeline


def default_sheet(defects: tuple[str, str], responsiveness: tuple[object, object]) -> bytes:
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row("Beta")]
    at_defects = DEFAULT_HEADER.index("Defect rate (ppm)")
    at_rating = DEFAULT_HEADER.index("Responsiveness (1-5)")
    for row, defect, rating in zip(rows[1:], defects, responsiveness, strict=True):
        row[at_defects], row[at_rating] = defect, rating
    return xlsx_bytes({"Suppliers": rows})


def test_a_german_sheet_reads_its_ppm_column_as_thousands() -> None:
    """'4,5' elsewhere in the sheet settles '1.200' ppm as 1200, and Data quality says why."""
    evaluation = evaluate_file(
        default_sheet(("1.200", "3.400"), ("4,5", 4)), "e.xlsx", load_preset("default")
    )
    table = evaluation.prepared.suppliers.table.values
    assert table["defect_rate"].tolist() == [1200.0, 3400.0]
    warnings = [
        f for f in evaluation.findings if f.severity is Severity.WARNING and f.column == "Defect rate (ppm)"
    ]
    assert any("Responsiveness (1-5)" in (f.action or "") for f in warnings)


def test_a_sheet_with_both_styles_stops_on_the_command_line(tmp_path, capsys) -> None:
    path = tmp_path / "event.xlsx"
    path.write_bytes(default_sheet(("1.200", "3.400"), ("4,5", "3.5")))
    assert main(["score", str(path), "--output", str(tmp_path / "o.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Defect rate (ppm)" in err and "thousands separator or a decimal mark" in err and "1.200" in err


def test_the_ambiguous_column_is_a_scorecard_error_naming_sheet_column_and_cell() -> None:
    with pytest.raises(ScorecardError) as raised:
        evaluate_file(default_sheet(("1.200", "3.400"), ("4,5", "3.5")), "e.xlsx", load_preset("default"))
    error = raised.value
    assert error.sheet == "Suppliers" and error.column == "Defect rate (ppm)"
    assert "'1.200' in row 2" in str(error)


# ---------------------------------------------------------------------- the column's own cells


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
        # the sizes of the other values: '1,250' among 0.5 and 2.5 is 1.25
        (["1,250", 0.5, 2.5], [1.25, 0.5, 2.5], Severity.WARNING),
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


@settings(deadline=None)  # no deadline: under load the first examples run slow, not the code
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


def test_the_columns_style_does_not_read_an_amount_a_thousand_times_off_the_typed_ones() -> None:
    """Review finding F2: '1.250.000' showed a decimal comma, so '980,000' was read as 980 beside a typed
    1,100,000, and that supplier came out cheapest by a factor of a thousand. Now the buyer is asked."""
    result = column(["1.250.000", "980,000", 1_100_000.0], ValueKind.MONEY)
    assert values(result)[0] == 1_250_000.0 and values(result)[2] == 1_100_000.0
    assert values(result)[1] is None  # not guessed either way
    question = only(result.findings, Severity.ERROR, "comma")
    assert asks_decimal_mark(question) and "'980,000' in row 3" in question.action
    assert "would not fit the numbers typed in it" in question.action


def test_two_separators_that_each_group_thousands_by_size_are_asked_not_read_one_way() -> None:
    result = column([125_000.0, "98.000", "112,500"], ValueKind.MONEY)
    assert values(result) == [125_000.0, None, None]  # 112.5 would have been the cheapest
    questions = [f for f in result.findings if asks_decimal_mark(f)]
    assert len(questions) == 2 and all("which no one decimal mark gives" in f.action for f in questions)
    # nor does the sheet's hint decide it: no mark reads both as their sizes show
    hint = DecimalHint("comma", "Rating", 2, "4,5")
    hinted = column([125_000.0, "98.000", "112,500"], ValueKind.MONEY, decimal_hint=hint)
    assert values(hinted) == [125_000.0, None, None]


def test_a_style_cell_alone_is_no_evidence_of_size() -> None:
    assert values(column(["1,000", "0.25"], ValueKind.MONEY)) == [1000.0, 0.25]


def test_a_buyers_file_with_such_a_cost_stops_with_the_question_instead_of_a_wrong_winner() -> None:
    rows = [default_row("Acme", cost="1.250.000"), default_row("Bolt", cost="980,000")]
    rows.append(default_row("Crane", cost=1_100_000.0))
    with pytest.raises(ScorecardError) as stopped:
        evaluate_file(xlsx_bytes({"Suppliers": [DEFAULT_HEADER, *rows]}), "event.xlsx", None)
    said = str(stopped.value)
    assert "Suppliers" in said and "980,000" in said and "row 3" in said
