"""Money: parse_money and money columns (currency signs and codes, a mix of currencies)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scorecard.clean import (
    CleanColumn,
    ValueKind,
    clean_column,
    parse_money,
    parse_number,
)
from scorecard.clean.currency import header_currency
from scorecard.errors import Severity
from tests.clean.columns import LOCALES, SIGNS, amounts, column, only, values, written


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


@settings(deadline=None)  # no deadline: under load the first examples run slow, not the code
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


def under(header: str, cells: list[object]) -> CleanColumn:
    series = pd.Series(cells, index=range(2, 2 + len(cells)), dtype=object)
    return clean_column(series, ValueKind.MONEY, sheet="Suppliers", column=header)


@pytest.mark.parametrize("header", ["Annual spend (EUR)", "Annual spend [€]", "Annual spend ( eur )"])
def test_a_currency_named_in_the_header_is_the_columns_own(header: str) -> None:
    """Review finding F19: the header's currency was not read, so plain numbers had 'no currency'."""
    typed_only = under(header, [2_400_000.0, 950_000.0])
    assert typed_only.currency == "EUR" and not typed_only.findings
    with_text = under(header, [2_400_000.0, "€3,100,000"])
    assert with_text.currency == "EUR" and values(with_text) == [2_400_000.0, 3_100_000.0]
    assert not [f for f in with_text.findings if "no currency" in f.message]


def test_an_amount_in_another_currency_than_the_header_names_is_a_mix() -> None:
    result = under("Annual spend (EUR)", [2_400_000.0, "$3,100,000", 950_000.0])
    assert result.currency is None
    finding = only(result.findings, Severity.ERROR, "mixes currencies")
    assert finding.message == (
        "this column mixes currencies: USD (1 cell, e.g. row 3), EUR (named in the header 'Annual spend (EUR)')"
    )


def test_a_header_without_a_currency_in_brackets_changes_nothing() -> None:
    assert under("Total cost (annual)", [100.0]).currency is None
    assert header_currency("Cost per unit (USD/kg)") is None  # a unit, not a currency alone
    assert header_currency("Price (GBP)") == "GBP"
