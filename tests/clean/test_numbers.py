"""parse_number: digits, separators, signs and exponents read from text."""

from __future__ import annotations

import pytest

from scorecard.clean import (
    parse_number,
)


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
        "1,200,-",  # the '-' says the comma is the decimal mark, so it cannot group thousands too
        "12.00,-",  # after a whole-amount mark, points must group thousands
        "1.23,45",  # two styles, but the grouping is not in threes
        "(-5)",  # brackets and a minus: two signs
        "-1234-",  # a leading and a trailing minus
    ],
)
def test_parse_number_gives_none_for_anything_but_a_plain_number(text: str) -> None:
    assert parse_number(text) is None
