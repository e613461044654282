"""Clean: turn the raw cells of one spreadsheet column into typed values, logging every change.

The reader hands over what each cell held (str, int, float, bool, date/datetime
or None). `clean_column` reads one column as one `ValueKind` and returns typed
values plus two masks: `missing` (the cell says there is no data: blank, "n/a",
"TBD", ...) and `invalid` (something was there, but it cannot be read as this
kind). Both end up as "no value" (NaN, None or NaT), never as zero: what no data
means is the scorer's decision, not ours. Every change beyond a plain read is a
`Finding`, so a buyer can see, and check, what was done to the sheet.

Decimal marks. A value such as "1,234" or "1.234" (one separator followed by
exactly three digits, one to three digits before it, not starting with 0) is
ambiguous: a thousands separator or a decimal mark. Values that can be read
only one way ("12,345.67", "1.234,5", "0,5", "12.5", "1.234.567") show the
column's style and vote, one vote per cell. With a decimal point winning, the
ambiguous comma groups thousands and the ambiguous point is a decimal point;
with a decimal comma winning, the reverse. With no votes, a money column in a
currency written with a decimal point (USD, GBP, JPY, CHF, ...) reads the comma
as thousands. Otherwise the separator is read as a decimal mark ("1,234" is
1.234) and a warning asks the buyer to check those cells.

Speed: every distinct string is parsed once and mapped back to its cells by
code; cells the reader already typed as numbers are converted as whole arrays,
with no Python per cell. Measured with Python 3.11 and pandas 3.1 on a shared,
busy 2-CPU machine (best of 3; ranges over runs): 1,000,000 numeric cells take
30-40 ms as a float64 Series and 0.12-0.28 s as Python floats with blanks in an
object Series; 1,000,000 currency strings with 5,000 distinct values ('$1,234.50',
'USD 1,234.50', '(1,234.50)', ...) take 0.33-0.65 s, most of it hashing the strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import (
    infer_dtype,
    is_bool_dtype,
    is_datetime64_any_dtype,
    is_numeric_dtype,
    is_object_dtype,
)

from scorecard.errors import Finding, Severity

__all__ = [
    "CleanColumn",
    "ValueKind",
    "clean_column",
    "is_missing_marker",
    "normalise_header",
    "parse_money",
    "parse_number",
    "parse_yes_no",
]


class ValueKind(StrEnum):
    """What a column holds, which decides how its cells are read (a str: 'number' == ValueKind.NUMBER)."""

    NUMBER = "number"  # plain quantity: days, ppm, score 0-100, count
    MONEY = "money"  # currency amounts
    PERCENT = "percent"  # stored as percent points 0-100 (95% -> 95.0)
    YES_NO = "yes_no"  # -> "Yes"/"No" (text, so categorical scoring maps it)
    TEXT = "text"  # categorical labels; trimmed, spaces normalised, case kept
    DATE = "date"
    IDENTIFIER = "identifier"  # supplier names and codes: always text, never "missing" unless blank


@dataclass(frozen=True)
class CleanColumn:
    """One cleaned column: typed values, where data was missing or unreadable, and what was done.

    `missing` and `invalid` never overlap, and a cell has no value exactly where
    one of them is True, so `values.isna() == missing | invalid`.
    """

    values: pd.Series
    missing: pd.Series
    invalid: pd.Series
    currency: str | None
    findings: tuple[Finding, ...]


_QUANTITY_KINDS = frozenset({ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT})
_NOUN = {
    ValueKind.NUMBER: "a number",
    ValueKind.MONEY: "an amount",
    ValueKind.PERCENT: "a percentage",
    ValueKind.YES_NO: "yes or no",
    ValueKind.TEXT: "text",
    ValueKind.DATE: "a date",
    ValueKind.IDENTIFIER: "a name or code",
}
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# ---------------------------------------------------------------------------
# Text tidying and "no data" markers


def _words(text: str) -> frozenset[str]:
    """A set written as whitespace-separated words: long constant lists stay readable."""
    return frozenset(text.split())


# Zero-width characters arrive with copy-pasted web text; nobody sees them, so they never count.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

_MISSING_MARKERS = frozenset(
    {
        "",
        "n/a",
        "n / a",
        "na",
        "n.a.",
        "n.a",
        "n/d",
        "n.d.",
        "n.v.",
        "k.a.",
        "k. a.",
        "tbd",
        "tbc",
        "t.b.d.",
        "t.b.c.",
        "null",
        "nan",
        "no data",
        "unknown",
        "not available",
    }
)
# Excel's error values (with the German spellings a localised export writes): a formula failed.
# How bid tabs say a supplier did not quote: no data in a price or quantity cell, never an unreadable value.
# Number, money and percent columns only: in a text column "Declined" can be a real answer.
_NOT_QUOTED_MARKERS = frozenset(
    {
        "no bid",
        "no quote",
        "not quoted",
        "n/q",
        "n.q.",
        "nq",
        "no offer",
        "not offered",
        "declined",
    }
)
_FORMULA_ERRORS = frozenset(
    {
        "#n/a",
        "#div/0!",
        "#value!",
        "#ref!",
        "#name?",
        "#num!",
        "#null!",
        "#spill!",
        "#calc!",
        "#field!",
        "#blocked!",
        "#connect!",
        "#busy!",
        "#unknown!",
        "#getting_data",
        "#nv",
        "#wert!",
        "#bezug!",
        "#zahl!",
    }
)
_ONLY_DASHES = re.compile(r"[-‐‑‒–—―]+")
_ONLY_QUESTION_MARKS = re.compile(r"\?+")


def _tidy(text: str) -> str:
    """What the buyer sees: invisible characters dropped, every run of (non-breaking) space one space."""
    return " ".join(text.translate(_INVISIBLE).split())


def _has_stray_spaces(text: str) -> bool:
    """Leading/trailing spaces or invisible characters: worth telling, unlike a thousands space."""
    return text != text.strip() or text.translate(_INVISIBLE) != text


def _is_marker(folded: str, kind: ValueKind | None) -> bool:
    """`folded`: tidied and casefolded. 'none' and 'no bid' can be real answers in text columns, so numbers only."""
    return (
        folded in _MISSING_MARKERS
        or _ONLY_DASHES.fullmatch(folded) is not None
        or _ONLY_QUESTION_MARKS.fullmatch(folded) is not None
        or (kind in _QUANTITY_KINDS and (folded == "none" or folded in _NOT_QUOTED_MARKERS))
    )


def is_missing_marker(text: str, kind: ValueKind | None = None) -> bool:
    """True if a cell's text means "no data" ('n/a', 'TBD', '-', '#N/A', blank, ...).

    'none' and the bid-tab words for "not quoted" ('No bid', 'NQ', 'Declined', ...)
    count only for number, money and percent columns (in a text column they can
    be an answer). In an IDENTIFIER column only blank text is missing: a
    supplier may really be called 'NA'.
    """
    folded = _tidy(text).casefold()
    if kind is ValueKind.IDENTIFIER:
        return text.strip() == ""
    return folded in _FORMULA_ERRORS or _is_marker(folded, kind)


def _marker_status(tidy: str, kind: ValueKind) -> str | None:
    folded = tidy.casefold()
    if folded in _FORMULA_ERRORS:
        return "formula"
    if _is_marker(folded, kind):
        return "marker"
    return None


# ---------------------------------------------------------------------------
# Numbers


@dataclass(frozen=True, slots=True)
class _Num:
    """A number read from text, as decimal strings float() accepts; `grouped` is the other reading."""

    digits: str
    grouped: str | None = None  # the reading with `separator` as a thousands separator
    separator: str | None = None  # the ambiguous separator, "," or "."
    evidence: str | None = None  # the decimal mark this value shows: "point" or "comma"
    negative_style: bool = False  # brackets or a trailing minus


_NUMBER_CHARS = re.compile(r"[0-9.,' ]+")
_EXPONENT = re.compile(r"([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)[eE]([+-]?[0-9]{1,4})")
_GROUPED = {
    # Western grouping, and Indian lakh grouping (12,34,567) for commas.
    ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}"),
    ".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+"),
    " ": re.compile(r"[0-9]{1,3}(?: [0-9]{3})+"),
    "'": re.compile(r"[0-9]{1,3}(?:'[0-9]{3})+"),
}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "´": "'"})
_MINUS_SIGNS = "-−‐‑–"
_WHOLE_AMOUNT = re.compile(r"(?P<rest>.*?)(?P<mark>[.,])[-–]{1,2}")  # "1.200,-": a whole amount


def _decimal_digits(whole: str, frac: str) -> str:
    return f"{whole or '0'}.{frac or '0'}"


def _scan_unsigned(body: str, decimal: str | None = None) -> _Num | None:
    """Read digits with thousands separators and a decimal mark, deciding which is which (see module doc)."""
    body = body.translate(_APOSTROPHES)
    if not body:
        return None
    exponent = _EXPONENT.fullmatch(body)
    if exponent and decimal is None:
        return _Num(f"{exponent[1].replace(',', '.')}e{exponent[2]}")
    if not _NUMBER_CHARS.fullmatch(body) or not any(c.isdigit() for c in body):
        return None
    separators = [(i, c) for i, c in enumerate(body) if c in ".,' "]
    if not separators:
        return _Num(body)
    styles = {c for _, c in separators}
    last_at, last = separators[-1]

    if decimal is not None:  # the decimal mark is known ("1.200,-"), so every separator groups thousands
        if decimal in styles or len(styles) > 1 or not _GROUPED[last].fullmatch(body):
            return None
        return _Num(body.replace(last, ""), evidence="comma" if decimal == "," else "point")

    if len(styles) == 1:
        if last in " '" or len(separators) > 1:  # spaces, apostrophes or repeated marks group thousands
            if not _GROUPED[last].fullmatch(body):
                return None
            evidence = {".": "comma", ",": "point"}.get(last)
            return _Num(body.replace(last, ""), evidence=evidence)
        whole, frac = body[:last_at], body[last_at + 1 :]
        if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
            return _Num(_decimal_digits(whole, frac), grouped=whole + frac, separator=last)
        evidence = ("point" if last == "." else "comma") if frac else None
        return _Num(_decimal_digits(whole, frac), evidence=evidence)

    # Two styles: the last separator is the decimal mark, the others group thousands.
    if last not in ".," or body.count(last) != 1:
        return None
    whole, frac = body[:last_at], body[last_at + 1 :]
    grouping = {c for c in whole if c in ".,' "}
    if len(grouping) != 1 or not _GROUPED[grouping.pop()].fullmatch(whole):
        return None
    digits = "".join(c for c in whole if c.isdigit())
    return _Num(_decimal_digits(digits, frac), evidence="point" if last == "." else "comma")


def _scan_signed(text: str) -> _Num | None:
    """A number with an optional sign: '-5', '(1,200.00)' (accounting), '1234-' (SAP), '1.200,-'."""
    negative = False
    style = False
    text = text.strip()
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, style, text = True, True, text[1:-1].strip()
    if text[:1] and text[0] in _MINUS_SIGNS + "+":
        if negative and text[0] != "+":
            return None
        negative = negative or text[0] != "+"
        text = text[1:].strip()
    decimal = None
    whole = _WHOLE_AMOUNT.fullmatch(text)
    if whole:
        decimal, text = whole["mark"], whole["rest"].strip()
    elif len(text) >= 2 and text[-1] in _MINUS_SIGNS and text[-2].isdigit():
        if negative:
            return None
        negative, style, text = True, True, text[:-1]
    num = _scan_unsigned(text, decimal)
    if num is None:
        return None
    if not negative:
        return num
    return _Num(
        "-" + num.digits,
        None if num.grouped is None else "-" + num.grouped,
        num.separator,
        num.evidence,
        style,
    )


def _to_float(digits: str | None, shift: int = 0) -> float | None:
    """Decimal strings to float; a k/m/bn shift is applied in decimal so 1.1m is exactly 1100000."""
    if digits is None:
        return None
    try:
        value = float(Decimal(digits).scaleb(shift)) if shift else float(digits)
    except (ValueError, InvalidOperation):
        return None
    return value if np.isfinite(value) else None


def _pick(num: _Num, decimal_comma: bool | None, shift: int = 0) -> float | None:
    """Resolve an ambiguous separator with a known convention (None: read it as a decimal mark)."""
    grouped = decimal_comma is not None and (
        (num.separator == "," and not decimal_comma) or (num.separator == "." and decimal_comma)
    )
    return _to_float(num.grouped if grouped else num.digits, shift)


def parse_number(text: str, *, decimal_comma: bool | None = None) -> float | None:
    """A plain number from text ('1,234,567.8', '1.234,5', "1'234.50", '(12)', '-5', '1.5E3'), else None.

    Missing markers and anything that is not just a number (units, '%',
    currency) give None. For a lone '1,234' or '1.234' pass the convention if it
    is known (`decimal_comma=True` for '1.234,5' style); without one the
    separator is read as a decimal mark (1.234), the documented column rule.
    """
    tidy = _tidy(unicodedata.normalize("NFKC", text))
    if _is_marker(tidy.casefold(), ValueKind.NUMBER):
        return None
    num = _scan_signed(tidy)
    return None if num is None else _pick(num, decimal_comma)


# ---------------------------------------------------------------------------
# Money

_ISO_CURRENCIES = _words(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
    BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS
    GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW
    KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD
    NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS
    VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
    """
)
_CURRENCY_SIGNS = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "zł": "PLN",
    "Kč": "CZK",
    "RMB": "CNY",
}
# Currencies whose amounts are written with a decimal point, so a lone '1,234' there is thousands.
_POINT_CURRENCIES = frozenset(
    {"USD", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "NZD", "HKD", "SGD", "KRW", "ILS", "CHF", "MXN"}
    | {"THB", "PHP", "MYR"}
)
_SIGN_PATTERN = "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
_CURRENCY_FIRST = re.compile(rf"(?P<cur>{_SIGN_PATTERN}|[A-Za-z]{{3}}(?![A-Za-z]))\s*(?P<rest>.*)", re.S)
_CURRENCY_LAST = re.compile(rf"(?P<rest>.*?)\s*(?P<cur>{_SIGN_PATTERN}|(?<![A-Za-z])[A-Za-z]{{3}})\.?", re.S)
_SCALE = re.compile(r"(?P<rest>.*?[0-9][.,]?)\s*(?P<scale>[A-Za-z]+\.?)")
_SCALES = {
    "k": 3,
    "thousand": 3,
    "tsd": 3,
    "mn": 6,
    "mio": 6,
    "million": 6,
    "millions": 6,
    "m": 6,  # money only: in a plain-number column 'm' is metres or months
    "bn": 9,
    "billion": 9,
    "mrd": 9,
}


def _currency_code(token: str) -> str | None:
    if token in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[token]
    code = token.upper()
    return code if code in _ISO_CURRENCIES else None


def _strip_currency(text: str) -> tuple[str, str | None, bool]:
    """Remove a currency sign or ISO code before and/or after the number: (rest, code, conflicting)."""
    currency = None
    first = _CURRENCY_FIRST.fullmatch(text)
    if first and (code := _currency_code(first["cur"])):
        currency, text = code, first["rest"]
    last = _CURRENCY_LAST.fullmatch(text)
    if last and (code := _currency_code(last["cur"])):
        if currency is not None and code != currency:
            return text, currency, True
        currency, text = code, last["rest"]
    return text.strip(), currency, False


def _peel_outer_sign(text: str) -> tuple[bool, str]:
    """'-€5' and '(€1,200)' carry the sign outside the currency: take it off before the currency."""
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        return True, text[1:-1].strip()
    if len(text) >= 2 and text[0] in _MINUS_SIGNS and not text[1].isdigit():
        return True, text[1:].strip()
    return False, text


def parse_money(text: str, *, decimal_comma: bool | None = None) -> tuple[float | None, str | None]:
    """An amount and its currency: '$1,234.50' -> (1234.5, 'USD'), '1.234,50 €' -> (1234.5, 'EUR').

    Handles ISO codes before or after ('USD 1200', '1200 CHF'), accounting
    brackets, '-€5', 'k'/'m'/'bn' abbreviations ('€1.5m'). Unreadable text gives
    (None, None); a plain number gives (value, None). A lone '1,234' is
    thousands in a decimal-point currency (USD, GBP, ...), else see
    `parse_number`.
    """
    reading = _read_quantity_text(text, ValueKind.MONEY)
    if reading.status != "ok":
        return None, None
    if reading.ambiguity is not None:
        if decimal_comma is None and reading.currency in _POINT_CURRENCIES:
            decimal_comma = False
        grouped = (reading.ambiguity == "," and decimal_comma is False) or (
            reading.ambiguity == "." and decimal_comma is True
        )
        return (reading.alt if grouped else reading.value), reading.currency
    return reading.value, reading.currency


# ---------------------------------------------------------------------------
# Reading one distinct string


@dataclass(slots=True)
class _Reading:
    """What one distinct string was read as; the column decides ambiguous cases afterwards."""

    status: str  # "ok", "blank", "marker", "formula" or "invalid"
    value: Any = None  # the typed value; for an ambiguous cell, the default reading
    alt: Any = None  # the other reading of an ambiguous cell
    ambiguity: str | None = None  # numbers: the separator "," or "."; dates: "day/month"
    evidence: str | None = None  # numbers: decimal mark shown ("point"/"comma"); dates: "day"/"month" first
    currency: str | None = None
    percent_sign: bool = False
    unit: str | None = None
    notes: tuple[str, ...] = ()
    reason: str | None = None  # why an invalid cell could not be read


_QUALIFIER = re.compile(
    r"(?:<=|>=|=<|=>|≤|≥|<|>|~|≈|(?:ca|approx|approximately|about|around|circa|max|min|up to|at least|at most)"
    r"(?:\.|\b))\s*(?P<rest>.+)",
    re.I,
)
_PERCENT = re.compile(r"(?P<rest>.*?)\s*(?:%|percent|per cent|pct\.?)", re.I)
_UNIT = re.compile(r"(?P<rest>.*?[0-9][.,]?)\s*(?P<unit>%|(?:[^\W\d_]|°)(?:[^\W\d_]|[ /.%°²³·-]){0,24})")
_RANGE = re.compile(r"[0-9][0-9.,]*\s*(?:-|–|—|to|bis)\s*[-–]?[0-9]", re.I)
_NET_TERMS = re.compile(r"net\s*(?P<rest>[0-9].*)", re.I)  # "Net 30": payment terms, in days
# Spellings of one unit, so that '30 d' next to '45 days' is not reported as a mix of units.
_UNIT_FAMILIES = {
    **dict.fromkeys(_words("d day days dy tag tage jour jours j dias días giorni"), "days"),
    **dict.fromkeys(_words("w wk wks week weeks woche wochen semaine semaines"), "weeks"),
    **dict.fromkeys(_words("mo mth mths month months monat monate mois"), "months"),
    **dict.fromkeys(_words("y yr yrs year years jahr jahre an ans"), "years"),
    **dict.fromkeys(_words("h hr hrs hour hours std"), "hours"),
}


def _unit_family(unit: str) -> str:
    """'Days', 'd.', 'days net' -> 'days': what a unit means, for spotting a real mix of units."""
    words = [word for word in unit.casefold().replace(".", " ").split() if word != "net"]
    key = " ".join(words)
    return _UNIT_FAMILIES.get(key, key)


def _invalid_number(text: str, reason: str | None = None) -> _Reading:
    if reason is None:
        if _RANGE.search(text):
            reason = "it is a range; give one value"
        elif any(c.isdigit() for c in text):
            reason = "it mixes a number with other text"
        else:
            reason = "there is no number in it"
    return _Reading("invalid", reason=reason)


def _read_quantity_text(raw: str, kind: ValueKind) -> _Reading:
    """Read one string as a number, amount or percentage, noting each liberty taken."""
    notes: list[str] = ["spaces"] if _has_stray_spaces(raw) else []
    text = _tidy(unicodedata.normalize("NFKC", raw))
    if not text:
        return _Reading("blank")
    status = _marker_status(text, kind)
    if status:
        return _Reading(status, value=text.upper() if status == "formula" else None)

    qualifier = _QUALIFIER.fullmatch(text)
    if qualifier:
        notes.append("qualifier")
        text = qualifier["rest"]
    outer_negative, text = _peel_outer_sign(text)

    percent_sign, unit = False, None
    percent = _PERCENT.fullmatch(text)
    if percent:
        if kind is ValueKind.MONEY:
            return _invalid_number(text, "it is a percentage, not an amount")
        text = percent["rest"]
        percent_sign, unit = kind is ValueKind.PERCENT, None if kind is ValueKind.PERCENT else "%"

    text, currency, conflict = _strip_currency(text)
    if conflict:
        return _invalid_number(text, "it names two different currencies")
    if currency and kind is ValueKind.PERCENT:
        return _invalid_number(text, "it is an amount of money, not a percentage")
    if currency and kind is ValueKind.NUMBER:
        notes.append("currency ignored")

    shift = 0
    scale = None if kind is ValueKind.PERCENT else _SCALE.fullmatch(text)
    if scale:
        word = scale["scale"].casefold().rstrip(".")
        if word in _SCALES and (kind is ValueKind.MONEY or word != "m"):
            shift, text = _SCALES[word], scale["rest"]
            notes.append("scale")

    if kind is ValueKind.NUMBER and unit is None and not shift:
        net = _NET_TERMS.fullmatch(text)
        if net:
            text = net["rest"]
            notes.append("net")
        unit_match = _UNIT.fullmatch(text)
        if unit_match:
            unit, text = unit_match["unit"].strip(), unit_match["rest"]
    if unit is not None:
        notes.append("unit")

    num = _scan_signed(text)
    if num is None:
        return _invalid_number(text)
    if outer_negative:
        if num.digits.startswith("-"):
            return _invalid_number(text, "it has two minus signs")
        num = _Num("-" + num.digits, num.grouped and "-" + num.grouped, num.separator, num.evidence, True)
    value = _to_float(num.digits, shift)
    if value is None:
        return _invalid_number(text, "the number is too large")
    if num.negative_style:
        notes.append("negative style")
    return _Reading(
        "ok",
        value=value,
        alt=_to_float(num.grouped, shift),
        ambiguity=num.separator,
        evidence=num.evidence,
        currency=currency,
        percent_sign=percent_sign,
        unit=unit,
        notes=("text", *notes),
    )


_YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "☑", "✅", "ja", "j", "oui", "si", "sí"})
_YES_WORDS |= frozenset({"certified", "wahr"})
_NO_WORDS = frozenset({"no", "n", "false", "0", "✗", "✘", "✕", "❌", "nein", "non", "not certified"})
_NO_WORDS |= frozenset({"uncertified", "falsch"})
# "Yes, since 2019" / "No (expired)": a yes/no word, then punctuation, then a comment. A space
# alone is not enough ("no idea" is not a No).
_YES_NO_WITH_COMMENT = re.compile(
    r"(?P<word>yes|no|true|false|ja|nein|oui|non|si|sí|certified|not certified)\s*[,;:(\-–—.]\s*(?P<rest>.*)",
    re.I | re.S,
)


def _read_yes_no_text(raw: str) -> _Reading:
    notes: list[str] = ["spaces"] if _has_stray_spaces(raw) else []
    text = _tidy(raw)
    if not text:
        return _Reading("blank")
    status = _marker_status(text, ValueKind.YES_NO)
    if status:
        return _Reading(status, value=text.upper() if status == "formula" else None)
    folded = text.casefold()
    if folded in _YES_WORDS or folded in _NO_WORDS:
        answer = "Yes" if folded in _YES_WORDS else "No"
        return _Reading("ok", value=answer, notes=(*notes, *(() if text == answer else ("form",))))
    commented = _YES_NO_WITH_COMMENT.fullmatch(text)
    if commented:
        word = commented["word"].casefold()
        answer = "Yes" if word in _YES_WORDS else "No"
        return _Reading("ok", value=answer, notes=(*notes, "comment" if commented["rest"] else "form"))
    return _Reading("invalid", reason="it is not a yes/no answer")


def parse_yes_no(value: object) -> str | None:
    """'Yes', 'No' or None (no data, or not a yes/no answer) for one cell as the reader gave it.

    Accepts bools, 1/0, yes/no/y/n/true/false/x/✓/✗, ja/nein/oui/non/si,
    'certified'/'not certified', and a yes/no word followed by a comment
    ('Yes, since 2019'). A blank is None, never 'No'.
    """
    if isinstance(value, bool | np.bool_):
        return "Yes" if value else "No"
    if isinstance(value, int | float | np.integer | np.floating):
        return {1.0: "Yes", 0.0: "No"}.get(float(value))
    if isinstance(value, str):
        reading = _read_yes_no_text(value)
        return reading.value if reading.status == "ok" else None
    return None


# ---------------------------------------------------------------------------
# Dates

_EXCEL_EPOCH = np.datetime64("1899-12-30", "ms")  # Excel's day 0, after its 1900 leap-year bug
_SERIAL_FIRST = 7306.0  # 1920-01-01: anything smaller in a date column is not a date
_SERIAL_LAST = 2958465.999  # 9999-12-31, the "never expires" date of ERP exports
_TIME = r"(?:[ T,]+(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_YMD = re.compile(
    rf"(?P<y>[0-9]{{4}})(?P<sep>[-/.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}}){_TIME}", re.I
)
_DMY = re.compile(
    rf"(?P<a>[0-9]{{1,2}})(?P<sep>[-/.])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}}|[0-9]{{2}}){_TIME}", re.I
)
_SERIAL_TEXT = re.compile(r"[0-9]{1,7}(?:[.,][0-9]+)?")
_ORDINAL = re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b", re.I)
_MONTH_NAME_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%d-%B-%Y",
)


def _time_of_day(match: re.Match[str]) -> time:
    if match["h"] is None:
        return time()
    hour = int(match["h"])
    if match["ampm"]:
        if hour > 12:
            raise ValueError("hour")
        hour = hour % 12 + (12 if match["ampm"].casefold().startswith("p") else 0)
    return time(hour, int(match["mi"]), int(match["s"] or 0))


def _serial_dates(serials: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (fractions are times of day) to datetime64[us], to the millisecond."""
    ms = np.round(serials * 86_400_000).astype("int64")
    return (_EXCEL_EPOCH + ms.astype("timedelta64[ms]")).astype("datetime64[us]")


def _serial_reason(serial: float) -> str:
    if float(serial).is_integer() and 1900 <= serial <= 2200:
        return "it looks like a year, not a full date"
    return "the number is outside the range of spreadsheet dates (1920 to 9999)"


def _as_datetime64(value: object) -> np.datetime64:
    """Any date-like object from the reader, time-zone free (aware times are read in UTC)."""
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[us]")
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert(None)
        return value.to_datetime64().astype("datetime64[us]")
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return np.datetime64(value, "us")


def _read_date_text(raw: str) -> _Reading:
    """Read one string as a date; a day/month order question is left for the column to settle."""
    notes: list[str] = ["spaces"] if _has_stray_spaces(raw) else []
    text = _tidy(unicodedata.normalize("NFKC", raw))
    if not text:
        return _Reading("blank")
    status = _marker_status(text, ValueKind.DATE)
    if status:
        return _Reading(status, value=text.upper() if status == "formula" else None)
    try:
        if _SERIAL_TEXT.fullmatch(text):
            serial = float(text.replace(",", "."))
            if not _SERIAL_FIRST <= serial <= _SERIAL_LAST:
                return _Reading("invalid", reason=_serial_reason(serial))
            return _Reading("ok", value=_serial_dates(np.array([serial]))[0], notes=(*notes, "serial"))
        ymd = _YMD.fullmatch(text)
        if ymd:
            when = datetime.combine(date(int(ymd["y"]), int(ymd["m"]), int(ymd["d"])), _time_of_day(ymd))
            return _Reading("ok", value=np.datetime64(when, "us"), notes=(*notes, "text"))
        dmy = _DMY.fullmatch(text)
        if dmy:
            return _read_day_month(dmy, notes)
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            when = None
        if when is None:
            words = " ".join(_ORDINAL.sub(r"\1", text.replace(",", " ")).split())
            for pattern in _MONTH_NAME_FORMATS:
                try:
                    when = datetime.strptime(words, pattern)
                    break
                except ValueError:
                    continue
        if when is not None:
            return _Reading("ok", value=_as_datetime64(when), notes=(*notes, "text"))
    except (ValueError, OverflowError):
        return _Reading("invalid", reason="there is no such date")
    return _Reading("invalid", reason="it is not a date Scorecard can read; write it as 2026-12-31")


def _read_day_month(match: re.Match[str], notes: list[str]) -> _Reading:
    """'31/12/2026', '12/31/2026', '31.12.26': which number is the day is evidence for the column."""
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 70 else 1900
        notes = [*notes, "short year"]
    clock = _time_of_day(match)
    notes = [*notes, "text"]
    if match["sep"] == ".":  # dotted dates are day-first wherever they are written
        when = datetime.combine(date(year, second, first), clock)
        return _Reading("ok", value=np.datetime64(when, "us"), evidence="day", notes=tuple(notes))
    if first > 12 and second > 12:
        return _Reading("invalid", reason="neither number can be the month")
    if first > 12 or second > 12:
        day_first = first > 12
        day, month = (first, second) if day_first else (second, first)
        when = datetime.combine(date(year, month, day), clock)
        return _Reading(
            "ok",
            value=np.datetime64(when, "us"),
            evidence="day" if day_first else "month",
            notes=tuple(notes),
        )
    day_first = np.datetime64(datetime.combine(date(year, second, first), clock), "us")
    if first == second:
        return _Reading("ok", value=day_first, notes=tuple(notes))
    month_first = np.datetime64(datetime.combine(date(year, first, second), clock), "us")
    return _Reading("ok", value=day_first, alt=month_first, ambiguity="day/month", notes=tuple(notes))


# ---------------------------------------------------------------------------
# Splitting a column by what the reader put in each cell

_NA, _NUM, _STR, _BOOL, _WHEN, _OTHER = range(6)
_TYPE_CLASSES: dict[type, int] = {}
_TYPE_OF = np.frompyfunc(type, 1, 1)
_NUMERIC_INFERRED = frozenset({"floating", "integer", "mixed-integer-float"})
_EMPTY = np.empty(0, dtype=np.intp)


def _class_of(kind: type) -> int:
    found = _TYPE_CLASSES.get(kind)
    if found is None:
        if issubclass(kind, bool | np.bool_):
            found = _BOOL
        elif issubclass(kind, str):
            found = _STR
        elif issubclass(kind, datetime | date | np.datetime64):
            found = _WHEN
        elif issubclass(kind, int | float | np.number | Decimal | Fraction):
            found = _NUM
        else:
            found = _OTHER
        _TYPE_CLASSES[kind] = found
    return found


@dataclass
class _Parts:
    """A column split by cell type; positions index the column, distinct values are factorised."""

    raw: np.ndarray
    blank: np.ndarray
    # float NaN objects from the reader: invalid, not blank (a typed column's NaN is a blank)
    nan_pos: np.ndarray = field(default_factory=lambda: _EMPTY)
    num_pos: np.ndarray = field(default_factory=lambda: _EMPTY)
    num_vals: np.ndarray = field(default_factory=lambda: _EMPTY)
    bool_pos: np.ndarray = field(default_factory=lambda: _EMPTY)
    bool_vals: np.ndarray = field(default_factory=lambda: _EMPTY)
    str_pos: np.ndarray = field(default_factory=lambda: _EMPTY)
    str_codes: np.ndarray = field(default_factory=lambda: _EMPTY)
    str_uniques: tuple[str, ...] = ()
    when_pos: np.ndarray = field(default_factory=lambda: _EMPTY)
    when_codes: np.ndarray = field(default_factory=lambda: _EMPTY)
    when_uniques: tuple[object, ...] = ()
    other_pos: np.ndarray = field(default_factory=lambda: _EMPTY)

    @property
    def size(self) -> int:
        return len(self.raw)


def _split_cells(cells: pd.Series) -> _Parts:
    """Group cells by Python type; number columns never touch Python per cell."""
    dtype = cells.dtype
    if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
        # A typed column stores blanks as NaN: here NaN is a blank, not a NaN from the workbook.
        values = cells.to_numpy(dtype="float64", na_value=np.nan)
        blank = np.isnan(values)
        num_pos = np.flatnonzero(~blank)
        return _Parts(raw=values, blank=blank, num_pos=num_pos, num_vals=values[num_pos])

    raw = cells.to_numpy(dtype=object)
    na = np.asarray(pd.isna(raw), dtype=bool)
    nan_pos = _EMPTY
    if is_object_dtype(dtype) and na.any():
        na_pos = np.flatnonzero(na)
        type_codes, types = pd.factorize(_TYPE_OF(raw[na_pos]))
        nan_pos = na_pos[
            np.array([issubclass(t, float | np.floating) for t in types], dtype=bool)[type_codes]
        ]
    blank = na.copy()
    blank[nan_pos] = False

    inferred = infer_dtype(raw, skipna=True)
    if inferred in _NUMERIC_INFERRED:
        groups = {_NUM: np.flatnonzero(~na)}
    elif inferred in ("string", "boolean", "datetime", "date", "datetime64", "empty"):
        cls = {"string": _STR, "boolean": _BOOL, "empty": _OTHER}.get(inferred, _WHEN)
        groups = {cls: np.flatnonzero(~na)}
    else:
        # Types are factorised in C and classified once each, rather than one Python call per cell.
        type_codes, types = pd.factorize(_TYPE_OF(raw))
        classes = np.array([_class_of(t) for t in types], dtype=np.int8)[type_codes]
        classes[na] = _NA
        groups = {c: np.flatnonzero(classes == c) for c in (_NUM, _STR, _BOOL, _WHEN, _OTHER)}

    parts = _Parts(raw=raw, blank=blank, nan_pos=nan_pos, other_pos=groups.get(_OTHER, _EMPTY))
    if (pos := groups.get(_NUM, _EMPTY)).size:
        parts.num_pos, parts.num_vals = pos, raw[pos].astype(np.float64)
    if (pos := groups.get(_BOOL, _EMPTY)).size:
        parts.bool_pos, parts.bool_vals = pos, raw[pos].astype(bool)
    if (pos := groups.get(_STR, _EMPTY)).size:
        codes, uniques = pd.factorize(raw[pos])
        parts.str_pos, parts.str_codes, parts.str_uniques = pos, codes, tuple(uniques)
    if (pos := groups.get(_WHEN, _EMPTY)).size:
        codes, uniques = pd.factorize(raw[pos])
        parts.when_pos, parts.when_codes, parts.when_uniques = pos, codes, tuple(uniques)
    return parts


class _Block:
    """Distinct strings of a column and what each was read as, mapped back to cell positions."""

    def __init__(self, parts: _Parts, reader: Callable[[str], _Reading]) -> None:
        self.pos = parts.str_pos
        self.codes = parts.str_codes
        self.texts = parts.str_uniques
        self.readings = [reader(text) for text in parts.str_uniques]
        self.counts = np.bincount(self.codes, minlength=len(self.readings))

    def mask(self, test: Callable[[_Reading], bool]) -> np.ndarray:
        return np.fromiter((test(r) for r in self.readings), dtype=bool, count=len(self.readings))

    def where(self, test: Callable[[_Reading], bool]) -> np.ndarray:
        """Cell positions whose reading passes `test`, in column order."""
        unique_mask = self.mask(test)
        if not unique_mask.any():
            return _EMPTY
        return self.pos[unique_mask[self.codes]]

    def each(self, test: Callable[[_Reading], bool]) -> list[tuple[int, _Reading]]:
        """(position, reading) of every cell passing `test`: for per-cell warnings."""
        unique_mask = self.mask(test)
        if not unique_mask.any():
            return []
        chosen = np.flatnonzero(unique_mask[self.codes])
        return [(int(self.pos[i]), self.readings[self.codes[i]]) for i in chosen]

    def count(self, test: Callable[[_Reading], bool]) -> int:
        return int(self.counts[self.mask(test)].sum()) if self.readings else 0

    def statuses(self) -> tuple[np.ndarray, np.ndarray]:
        """Per cell: (said no data, could not be read)."""
        no_data = self.mask(lambda r: r.status in ("blank", "marker", "formula"))
        unreadable = self.mask(lambda r: r.status == "invalid")
        return no_data[self.codes], unreadable[self.codes]


# ---------------------------------------------------------------------------
# Findings


def _as_found(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    return str(value)


def _cells(count: int) -> str:
    return f"{count:,} cell" if count == 1 else f"{count:,} cells"


def _show(value: object) -> str:
    """A value as a buyer should read it in a message: 1234.5, 2026-12-31."""
    if isinstance(value, float | np.floating):
        return f"{float(value):.12g}"
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return "no date"
        day = value.astype("datetime64[D]")
        return str(day) if day == value else np.datetime_as_string(value, unit="s").replace("T", " ")
    return str(value)


class _Log:
    """Collects one column's findings, with rows from the cells' index (1-based sheet rows)."""

    def __init__(self, parts: _Parts, index: pd.Index, sheet: str | None, column: str | None) -> None:
        self._raw = parts.raw
        self._index = index
        self._sheet = sheet
        self._column = column
        self._findings: list[Finding] = []
        self._cell_findings: list[tuple[int, Finding]] = []

    def row(self, pos: int) -> int | None:
        label = self._index[pos]
        if isinstance(label, int | np.integer) and not isinstance(label, bool | np.bool_):
            return int(label)
        return None

    def found(self, pos: int) -> str:
        return _as_found(self._raw[pos])

    def add(
        self,
        severity: Severity,
        message: str,
        *,
        row: int | None = None,
        value: str | None = None,
        action: str | None = None,
    ) -> None:
        self._findings.append(
            Finding(
                severity, message, sheet=self._sheet, row=row, column=self._column, value=value, action=action
            )
        )

    def ordered(self) -> tuple[Finding, ...]:
        """Errors, then warnings about the column, then one warning per unreadable cell, then notes."""
        cells = [finding for _, finding in sorted(self._cell_findings, key=lambda item: item[0])]
        ranked = sorted(self._findings, key=lambda f: _SEVERITY_ORDER[f.severity])
        warnings_end = sum(1 for f in ranked if f.severity is not Severity.INFO)
        return (*ranked[:warnings_end], *cells, *ranked[warnings_end:])

    def invalid(self, kind: ValueKind, pos: int, reason: str) -> None:
        """Every unreadable cell gets its own warning: the buyer has to fix each one."""
        finding = Finding(
            Severity.WARNING,
            f"could not read this as {_NOUN[kind]}: {reason}",
            sheet=self._sheet,
            row=self.row(pos),
            column=self._column,
            value=self.found(pos),
            action="treated as no data",
        )
        self._cell_findings.append((pos, finding))

    def rows_text(self, positions: np.ndarray, limit: int = 5) -> str:
        labels = []
        for pos in positions[:limit]:
            row = self.row(int(pos))
            labels.append(str(row) if row is not None else str(self._index[int(pos)]))
        more = positions.size - len(labels)
        if len(labels) == 1:
            return f"row {labels[0]}"
        if more:
            return f"rows {', '.join(labels)} and {more:,} more"
        return f"rows {', '.join(labels[:-1])} and {labels[-1]}"

    def group(
        self, severity: Severity, what: str | tuple[str, str], positions: np.ndarray, action: str
    ) -> None:
        """One finding for many identical coercions: count, a few rows, the first value as found.

        `what` follows "1 cell" / "23 cells": one phrase, or a (singular, plural) pair.
        """
        if positions.size == 0:
            return
        if isinstance(what, str):
            what = (what, what)
        first = int(positions[0])
        if positions.size == 1:
            self.add(
                severity, f"1 cell {what[0]}", row=self.row(first), value=self.found(first), action=action
            )
        else:
            message = f"{positions.size:,} cells {what[1]} ({self.rows_text(positions)})"
            self.add(severity, message, value=self.found(first), action=action)

    def markers(self, block: _Block | None) -> None:
        """'n/a', 'TBD' and formula errors: say they were read as no data, and which were errors."""
        if block is None:
            return
        positions = block.where(lambda r: r.status == "marker")
        if positions.size:
            seen = [
                _tidy(t) for t, r in zip(block.texts, block.readings, strict=True) if r.status == "marker"
            ]
            listed = ", ".join(repr(s) for s in list(dict.fromkeys(seen))[:5])
            self.group(
                Severity.INFO,
                (f"said there is no data ({listed})", f"said there is no data ({listed})"),
                positions,
                "treated as no data, not as zero",
            )
        errors = sorted({r.value for r in block.readings if r.status == "formula"})
        for error in errors:
            positions = block.where(lambda r, e=error: r.status == "formula" and r.value == e)
            what = f"the spreadsheet error {error} (a formula failed)"
            self.group(
                Severity.WARNING,
                (f"shows {what}", f"show {what}"),
                positions,
                "treated as no data; fix the formula in the workbook to use these cells",
            )


# ---------------------------------------------------------------------------
# Cleaning one column, by kind


def _type_words(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "it is TRUE/FALSE (a tick box or a formula result)"
    if isinstance(value, datetime | date | np.datetime64):
        return "it is a date"
    if isinstance(value, time):
        return "it is a time of day"
    if isinstance(value, timedelta | pd.Timedelta):
        return "it is a duration"
    return f"the cell holds a {type(value).__name__}"


def _flag_natives(
    parts: _Parts, kind: ValueKind, invalid: np.ndarray, log: _Log, groups: list[np.ndarray]
) -> None:
    """Cells whose Python type cannot be this kind: each is invalid, with its own warning."""
    nan_positions = set(parts.nan_pos.tolist())
    for positions in groups:
        for pos in positions.tolist():
            invalid[pos] = True
            reason = (
                "the cell holds NaN (not a number)" if pos in nan_positions else _type_words(parts.raw[pos])
            )
            log.invalid(kind, pos, reason)


def _mark_strings(
    block: _Block, missing: np.ndarray, invalid: np.ndarray, kind: ValueKind, log: _Log
) -> None:
    no_data, unreadable = block.statuses()
    missing[block.pos] |= no_data
    invalid[block.pos] |= unreadable
    for pos, reading in block.each(lambda r: r.status == "invalid"):
        log.invalid(kind, pos, reading.reason or "it cannot be read")


def _union(size: int, *positions: np.ndarray) -> np.ndarray:
    """Sorted positions in any of the arrays; a mask is O(n), unlike np.union1d's sort."""
    mask = np.zeros(size, dtype=bool)
    for chosen in positions:
        mask[chosen] = True
    return np.flatnonzero(mask)


def _note(block: _Block, note: str) -> np.ndarray:
    return block.where(lambda r: r.status == "ok" and note in r.notes)


def _example(log: _Log, positions: np.ndarray, shown: Callable[[int], str]) -> str:
    first = int(positions[0])
    return f"{log.found(first)!r} -> {shown(first)}"


def _clean_quantity(
    parts: _Parts, kind: ValueKind, log: _Log
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str | None]:
    """Numbers, amounts and percentages: NaN where there is no value."""
    values = np.full(parts.size, np.nan)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    bare = np.zeros(parts.size, dtype=bool)  # numbers without a % sign: a percent column may rescale them

    if parts.num_pos.size:
        finite = np.isfinite(parts.num_vals)
        values[parts.num_pos[finite]] = parts.num_vals[finite]
        bare[parts.num_pos[finite]] = True
        for pos in parts.num_pos[~finite]:
            invalid[pos] = True
            log.invalid(kind, int(pos), "it is infinite")
    _flag_natives(parts, kind, invalid, log, [parts.nan_pos, parts.bool_pos, parts.when_pos, parts.other_pos])

    def shown(pos: int) -> str:
        return _show(values[pos]) + ("%" if kind is ValueKind.PERCENT else "")

    currency = None
    block = _Block(parts, lambda text: _read_quantity_text(text, kind)) if parts.str_pos.size else None
    if block is not None:
        _mark_strings(block, missing, invalid, kind, log)
        currencies = _currency_cells(block)
        hint = max(currencies, key=lambda code: currencies[code].size) if currencies else None
        others = values[~np.isnan(values)]  # the cells typed as numbers: their size is evidence too
        convention, evidence_pos, why = _decimal_convention(block, hint, kind, others)
        chosen = [
            (r.alt if _reads_grouped(r.ambiguity, convention) and r.alt is not None else r.value)
            if r.status == "ok"
            else np.nan
            for r in block.readings
        ]
        values[block.pos] = np.asarray(chosen, dtype=np.float64)[block.codes]
        bare[block.pos] = block.mask(lambda r: r.status == "ok" and not r.percent_sign)[block.codes]
        if kind is ValueKind.MONEY:
            currency = _report_currencies(currencies, missing | invalid, log)
        if kind is ValueKind.PERCENT:
            _reconcile_percent(values, bare, log)
        _report_separators(block, convention, evidence_pos, why, shown, log)
        if convention is None:  # an ambiguous value is not guessed: it has no value until the buyer says
            unsure = block.where(lambda r: r.status == "ok" and r.ambiguity is not None and r.alt is not None)
            invalid[unsure] = True
            values[unsure] = np.nan
            bare[unsure] = False
        _report_quantity_notes(block, kind, shown, log)
    elif kind is ValueKind.PERCENT:
        _reconcile_percent(values, bare, log)
    return values, missing, invalid, currency


def _reads_grouped(separator: str | None, convention: str | None) -> bool:
    """Whether an ambiguous separator groups thousands under the column's decimal mark."""
    return (separator == "," and convention == "point") or (separator == "." and convention == "comma")


def _decimal_convention(
    block: _Block, currency: str | None, kind: ValueKind, others: np.ndarray
) -> tuple[str | None, int | None, str]:
    """The column's decimal mark, decided from all its cells, with the reason in words.

    In order: a vote of the values that can be read one way only ("12,345.67", "0,5"); the size
    of the column's other values (an ambiguous "412,500" among 356,200-468,900 groups thousands);
    for money, that amounts have at most two decimals (so "€ 412,500" is not 412.5 euros) or a
    currency written with a decimal point; otherwise unknown, and the column must be checked.
    """
    point = block.count(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.count(lambda r: r.status == "ok" and r.evidence == "comma")
    if point or comma:
        convention = "point" if point >= comma else "comma"
        example = block.where(lambda r: r.status == "ok" and r.evidence == convention)
        return convention, int(example[0]), ""
    ambiguous = [r for r in block.readings if r.status == "ok" and r.ambiguity and r.alt is not None]
    if not ambiguous:
        return None, None, ""
    clear = [
        float(r.value)
        for r in block.readings
        if r.status == "ok" and not r.ambiguity and isinstance(r.value, (int, float))
    ]
    if kind is ValueKind.MONEY and currency in _POINT_CURRENCIES:
        return "point", None, f"as usual for amounts in {currency}"
    by_size = _convention_by_size(ambiguous, np.concatenate([others, np.asarray(clear, dtype=float)]))
    if by_size is not None:
        return by_size, None, BY_SIZE
    if kind is ValueKind.MONEY:
        separators = {r.ambiguity for r in ambiguous}
        if len(separators) == 1:
            # an amount has at most two decimals: three digits after the mark are a thousands group
            return ("point" if separators == {","} else "comma"), None, BY_CENTS
    return None, None, ""


BY_SIZE = "as the sizes of the column's other values show"
BY_CENTS = "as amounts have at most two decimals"


def _convention_by_size(ambiguous: list[_Reading], others: np.ndarray) -> str | None:
    """The decimal mark under which the ambiguous values sit among the column's other values:
    each ambiguous value votes for the reading (decimal or thousands) nearer, in powers of ten, to
    the other values' middle; a vote counts only when the two readings differ clearly."""
    others = np.abs(others[np.isfinite(others) & (others != 0)])
    if others.size == 0:
        return None
    middle = float(np.median(np.log10(others)))
    grouped = decimal = 0
    for r in ambiguous:
        as_decimal, as_grouped = abs(float(r.value)), abs(float(r.alt))
        if as_decimal == 0 or as_grouped == 0:
            continue
        gap = abs(np.log10(as_decimal) - middle) - abs(np.log10(as_grouped) - middle)
        if gap > 1:
            grouped += 1
        elif gap < -1:
            decimal += 1
    if grouped and not decimal:
        separator = ambiguous[0].ambiguity
        return "point" if separator == "," else "comma"
    if decimal and not grouped:
        separator = ambiguous[0].ambiguity
        return "comma" if separator == "," else "point"
    return None


def _report_separators(
    block: _Block,
    convention: str | None,
    evidence_pos: int | None,
    why: str,
    shown: Callable[[int], str],
    log: _Log,
) -> None:
    point = block.where(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.where(lambda r: r.status == "ok" and r.evidence == "comma")
    if point.size and comma.size:
        p, c = int(point[0]), int(comma[0])
        log.add(
            Severity.WARNING,
            f"this column mixes number styles: {log.found(p)!r} (row {log.row(p)}) uses a decimal point, "
            f"{log.found(c)!r} (row {log.row(c)}) a decimal comma",
            value=log.found(c if convention == "point" else p),
            action=f"read each value as its style shows; a value that could be either is read with a "
            f"decimal {convention}, the style of most values; check the column",
        )
    if convention is not None and evidence_pos is not None:
        why = f"as in {log.found(evidence_pos)!r} (row {log.row(evidence_pos)})"
    for separator, name in ((",", "comma"), (".", "point")):
        positions = block.where(lambda r, s=separator: r.status == "ok" and r.ambiguity == s)
        if not positions.size:
            continue
        example = _example(log, positions, shown)
        what = (
            f"has one {name} followed by three digits, so the {name} could group thousands or mark decimals",
            f"have one {name} followed by three digits, so the {name} could group thousands or mark decimals",
        )
        if convention is None:
            # never guessed silently: the buyer answers the question by writing the numbers one way
            action = (
                f"not scored: is the {name} a thousands separator or a decimal mark (e.g. "
                f"{log.found(int(positions[0]))!r} in row {log.row(int(positions[0]))})? Nothing "
                f"else in the column shows which. Write these numbers without the {name} (e.g. 1234) or "
                f"with the decimal part to two places (e.g. 1,234.00 or 1.234,00), then load the file again"
            )
            log.group(Severity.ERROR, what, positions, action)
        else:
            role = "a thousands separator" if _reads_grouped(separator, convention) else "a decimal mark"
            # decided by the column's other values rather than by the cells' own style: a warning, counted
            severity = Severity.WARNING if why in (BY_SIZE, BY_CENTS) else Severity.INFO
            log.group(severity, what, positions, f"read the {name} as {role} ({example}), {why}")


def _currency_cells(block: _Block) -> dict[str, np.ndarray]:
    """Cell positions per currency named in the text, most used first."""
    codes = sorted({r.currency for r in block.readings if r.status == "ok" and r.currency})
    found = {code: block.where(lambda r, c=code: r.status == "ok" and r.currency == c) for code in codes}
    return dict(sorted(found.items(), key=lambda item: -item[1].size))


def _report_currencies(currencies: dict[str, np.ndarray], no_value: np.ndarray, log: _Log) -> str | None:
    """The column's currency; a mix is an error, because amounts in different currencies don't compare."""
    if not currencies:
        return None
    if len(currencies) > 1:
        listed = ", ".join(
            f"{code} ({_cells(positions.size)}, e.g. row {log.row(int(positions[0]))})"
            for code, positions in currencies.items()
        )
        log.add(
            Severity.ERROR,
            f"this column mixes currencies: {listed}",
            value=log.found(int(next(iter(currencies.values()))[0])),
            action="read the amounts as written, without converting; give every amount in one currency "
            "or split the column by currency",
        )
        return None
    ((code, named),) = currencies.items()
    unnamed = np.ones(no_value.size, dtype=bool)
    unnamed[named] = False
    unnamed &= ~no_value
    log.group(
        Severity.INFO,
        ("had no currency", "had no currency"),
        np.flatnonzero(unnamed),
        f"assumed {code}, like the rest of the column",
    )
    return code


def _reconcile_percent(values: np.ndarray, bare: np.ndarray, log: _Log) -> None:
    """Decide per column whether plain numbers are fractions (0.95) or percent points (95).

    If every plain number is within [-1, 1] and at least one is strictly inside
    (or a written 'x%' above 1 sits alongside), they are fractions: x100. If some
    plain number is beyond 1, plain numbers are percent points, except that a
    small value whose x100 falls among the column's other values (from half the
    smallest to twice the largest) is far likelier a fraction: 0.97 next to 96
    and 98 is 97%, while 0.5 next to 2 and 3 stays 0.5%. That mix gets a warning.
    """
    plain = bare & ~np.isnan(values)
    if not plain.any():
        return
    magnitude = np.abs(values)
    written = ~bare & ~np.isnan(values)  # values given with a % sign
    if (magnitude[plain] <= 1).all():
        if (magnitude[plain] < 1).any() or (magnitude[written] > 1).any():
            changed = np.flatnonzero(plain & (values != 0))
            values[plain] *= 100
            if changed.size:
                first = int(changed[0])
                log.group(
                    Severity.INFO,
                    ("was a fraction", "were fractions"),
                    changed,
                    f"read {log.found(first)} as {_show(values[first])}%: every plain number in this column "
                    "is between 0 and 1",
                )
        else:
            ones = np.flatnonzero(plain & (magnitude == 1))
            log.group(
                Severity.WARNING,
                ("is 1, which could mean 100% or 1%", "are 1, which could mean 100% or 1%"),
                ones,
                "read as 1%; write 100% if that is meant",
            )
        return
    points = magnitude[(plain & (magnitude > 1)) | (written & (values != 0))]
    low, high = float(points.min()) / 2, float(points.max()) * 2
    small = plain & (magnitude <= 1) & (values != 0)
    fraction = small.copy()
    fraction[small] = (magnitude[small] * 100 >= low) & (magnitude[small] * 100 <= high)
    if not fraction.any():
        return
    kept = np.flatnonzero(small & ~fraction)
    converted = np.flatnonzero(fraction)
    first = int(converted[0])
    found = log.found(first)
    values[fraction] *= 100
    log.group(
        Severity.WARNING,
        (
            "looks like a fraction among percent points",
            "look like fractions among percent points",
        ),
        converted,
        f"read {found} as {_show(values[first])}%, not {found}%: as a fraction it sits with the column's "
        f"other values ({_show(points.min())} to {_show(points.max())}); check it",
    )
    if kept.size:
        last = int(kept[0])
        log.group(
            Severity.WARNING,
            (
                "is between 0 and 1 in a column of percent points",
                "are between 0 and 1 in a column of percent points",
            ),
            kept,
            f"kept {log.found(last)} as {_show(values[last])}%: as a fraction it would not fit the other values",
        )


def _report_quantity_notes(block: _Block, kind: ValueKind, shown: Callable[[int], str], log: _Log) -> None:
    """Grouped findings for the liberties taken with text: one per kind of liberty, not per cell."""
    log.markers(block)
    texts = {
        ValueKind.NUMBER: ("was a number stored as text", "were numbers stored as text"),
        ValueKind.MONEY: ("was an amount written as text", "were amounts written as text"),
        ValueKind.PERCENT: ("was a percentage written as text", "were percentages written as text"),
    }
    notes: list[tuple[str, Severity, str | tuple[str, str], str]] = [
        ("text", Severity.INFO, texts[kind], "read as numbers ({example})"),
        ("spaces", Severity.INFO, "had extra or invisible spaces", "removed them"),
        (
            "negative style",
            Severity.INFO,
            "showed a negative number in brackets or with a trailing minus",
            "read as negative ({example})",
        ),
        (
            "net",
            Severity.INFO,
            "gave payment terms such as 'Net 30'",
            "read the number of days ({example})",
        ),
        (
            "qualifier",
            Severity.WARNING,
            ("gave a bound or an estimate, not a value", "gave bounds or estimates, not values"),
            "read the number itself ({example}); check that scoring it as exact is fair",
        ),
        (
            "scale",
            Severity.WARNING,
            "used an abbreviation for thousands or millions",
            "multiplied out ({example})",
        ),
        (
            "currency ignored",
            Severity.WARNING,
            "named a currency in a column of plain numbers",
            "read the amount ({example}) and ignored the currency; map the column as money if it holds amounts",
        ),
    ]
    for note, severity, what, action in notes:
        positions = _note(block, note)
        if positions.size:
            log.group(severity, what, positions, action.format(example=_example(log, positions, shown)))

    units: dict[str, np.ndarray] = {}
    for unit in dict.fromkeys(_unit_family(r.unit) for r in block.readings if r.status == "ok" and r.unit):
        units[unit] = block.where(
            lambda r, u=unit: r.status == "ok" and bool(r.unit) and _unit_family(r.unit) == u
        )
    for unit, positions in units.items():
        log.group(
            Severity.INFO,
            f"gave the unit {unit!r} after the number",
            positions,
            f"read the number without the unit ({_example(log, positions, shown)})",
        )
    if len(units) > 1:
        listed = ", ".join(f"{unit!r} ({_cells(positions.size)})" for unit, positions in units.items())
        log.add(
            Severity.WARNING,
            f"this column gives values in different units: {listed}",
            action="read the numbers as written, without converting; give every value in one unit",
        )


def _clean_yes_no(parts: _Parts, log: _Log) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """'Yes'/'No' text; a blank stays no data, never 'No'."""
    values = np.full(parts.size, None, dtype=object)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    if parts.bool_pos.size:
        values[parts.bool_pos] = np.where(parts.bool_vals, "Yes", "No")
    one_zero = _EMPTY
    if parts.num_pos.size:
        yes, no = parts.num_vals == 1, parts.num_vals == 0
        values[parts.num_pos[yes]] = "Yes"
        values[parts.num_pos[no]] = "No"
        one_zero = parts.num_pos[yes | no]
        for pos in parts.num_pos[~(yes | no)]:
            invalid[pos] = True
            log.invalid(ValueKind.YES_NO, int(pos), "only 1 and 0 can be read as yes or no")
    _flag_natives(parts, ValueKind.YES_NO, invalid, log, [parts.nan_pos, parts.when_pos, parts.other_pos])

    forms: dict[str, list[str]] = {"Yes": [], "No": []}
    if one_zero.size:
        for number, answer in ((1.0, "Yes"), (0.0, "No")):
            if (parts.num_vals == number).any():
                forms[answer].append(repr(str(int(number))))
    form_pos = one_zero
    block = _Block(parts, _read_yes_no_text) if parts.str_pos.size else None
    if block is not None:
        _mark_strings(block, missing, invalid, ValueKind.YES_NO, log)
        answers = np.array([r.value if r.status == "ok" else None for r in block.readings], dtype=object)
        values[block.pos] = answers[block.codes]
        log.markers(block)
        for text, reading in zip(block.texts, block.readings, strict=True):
            if reading.status == "ok" and "form" in reading.notes:
                forms[reading.value].append(repr(_tidy(text)))
        form_pos = _union(parts.size, form_pos, _note(block, "form"))
        commented = _note(block, "comment")
        if commented.size:
            first = int(commented[0])
            log.group(
                Severity.WARNING,
                ("gave yes or no with a comment", "gave yes or no with comments"),
                commented,
                f"read the answer and ignored the comment ({log.found(first)!r} -> {values[first]})",
            )
        log.group(Severity.INFO, "had extra or invisible spaces", _note(block, "spaces"), "removed them")
    if form_pos.size:
        said = "; ".join(
            f"{', '.join(dict.fromkeys(words[:6]))} as {answer}" for answer, words in forms.items() if words
        )
        log.group(
            Severity.INFO,
            ("gave yes or no in other words", "gave yes or no in other words"),
            form_pos,
            f"read {said}",
        )
    return values, missing, invalid


def _number_text(value: Any) -> str:
    """A number as text the way a spreadsheet shows it: 1234.0 -> '1234', 12.5 -> '12.5'."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    number = float(value)
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


def _datetime_text(value: object) -> str:
    """A date as ISO text, with the time only if there is one: '2026-01-02', '2026-01-02 08:30:00'."""
    if isinstance(value, np.datetime64):
        return _show(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read_text(raw: str) -> _Reading:
    text = _tidy(raw)
    if not text:
        return _Reading("blank")
    status = _marker_status(text, ValueKind.TEXT)
    if status:
        return _Reading(status, value=text.upper() if status == "formula" else None)
    return _Reading("ok", value=text, notes=("spaces",) if text != raw else ())


def _read_identifier(raw: str) -> _Reading:
    """Names and codes are kept as written, bar the ends: 'NA' can be a supplier, '00123' keeps its zeros."""
    text = raw.strip()
    if not text:
        return _Reading("blank")
    notes = ["spaces"] if text != raw else []
    folded = _tidy(text).casefold()
    if folded in _FORMULA_ERRORS:
        notes.append("formula")
    elif _is_marker(folded, None):
        notes.append("marker")
    return _Reading("ok", value=text, notes=tuple(notes))


def _clean_text(parts: _Parts, log: _Log, kind: ValueKind) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TEXT and IDENTIFIER: text values, None where there is no value."""
    identifier = kind is ValueKind.IDENTIFIER
    values = np.full(parts.size, None, dtype=object)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    converted: list[np.ndarray] = []

    if parts.num_pos.size:
        finite = np.isfinite(parts.num_vals)
        good = parts.num_pos[finite]
        codes, uniques = pd.factorize(parts.raw[good])
        values[good] = np.array([_number_text(u) for u in uniques], dtype=object)[codes]
        converted.append(good)
        for pos in parts.num_pos[~finite]:
            invalid[pos] = True
            log.invalid(kind, int(pos), "it is infinite")
        if identifier:
            # Excel stores numbers as doubles: a 16-digit code typed as a number has lost digits.
            big = good[np.abs(parts.num_vals[finite]) >= 1e15].tolist()
            long_codes = np.array([p for p in big if isinstance(parts.raw[p], float)], dtype=np.intp)
            log.group(
                Severity.WARNING,
                "is a number too long for a spreadsheet to store exactly",
                long_codes,
                "read as text, but digits after the 15th may have been lost: store codes as text in the workbook",
            )
    if parts.bool_pos.size and not identifier:
        values[parts.bool_pos] = np.where(parts.bool_vals, "TRUE", "FALSE")
        converted.append(parts.bool_pos)
    dates = _EMPTY
    if parts.when_pos.size:
        texts = np.array([_datetime_text(u) for u in parts.when_uniques], dtype=object)
        values[parts.when_pos] = texts[parts.when_codes]
        dates = parts.when_pos
    other = parts.other_pos
    for pos in other.tolist():  # times of day, durations: kept as the text the reader made of them
        values[pos] = str(parts.raw[pos])
    converted.append(other)
    _flag_natives(
        parts, kind, invalid, log, [parts.nan_pos, parts.bool_pos] if identifier else [parts.nan_pos]
    )

    if dates.size:
        first = int(dates[0])
        if identifier:
            log.group(
                Severity.WARNING,
                ("was a date", "were dates"),
                dates,
                f"read as text ({log.found(first)!r} -> {values[first]!r}); if these were codes, the spreadsheet "
                "may have turned them into dates: store codes as text in the workbook",
            )
        else:
            converted.append(dates)
    every = _union(parts.size, *converted)
    if every.size:
        first = int(every[0])
        what = (
            ("was a number", "were numbers")
            if identifier
            else (
                "was a number, date or TRUE/FALSE, not text",
                "were numbers, dates or TRUE/FALSE, not text",
            )
        )
        action = f"read as text ({log.found(first)!r} -> {values[first]!r})"
        if identifier:
            action += "; codes keep leading zeros only if the workbook stores them as text"
        log.group(Severity.INFO, what, every, action)

    block = _Block(parts, _read_identifier if identifier else _read_text) if parts.str_pos.size else None
    if block is not None:
        _mark_strings(block, missing, invalid, kind, log)
        texts = np.array([r.value if r.status == "ok" else None for r in block.readings], dtype=object)
        values[block.pos] = texts[block.codes]
        log.markers(block)
        spaces = _note(block, "spaces")
        if spaces.size:
            log.group(
                Severity.INFO,
                "had extra or invisible spaces",
                spaces,
                f"tidied them ({log.found(int(spaces[0]))!r} -> {values[int(spaces[0])]!r})",
            )
        if identifier:
            for reading_value in sorted({r.value for r in block.readings if "formula" in r.notes}):
                positions = block.where(lambda r, v=reading_value: "formula" in r.notes and r.value == v)
                what = f"{reading_value}, which looks like a spreadsheet formula error"
                log.group(
                    Severity.WARNING,
                    (f"shows {what}", f"show {what}"),
                    positions,
                    "kept as a name; check the workbook",
                )
            kept = _note(block, "marker")
            if kept.size:
                log.group(
                    Severity.INFO,
                    ("looks like a 'no data' marker", "look like 'no data' markers"),
                    kept,
                    f"kept {values[int(kept[0])]!r} as a name or code: in this column only a blank cell is "
                    "missing",
                )
    return values, missing, invalid


def _clean_date(parts: _Parts, log: _Log) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """datetime64[us] values (NaT where there is no value); serials and text dates read per column."""
    values = np.full(parts.size, np.datetime64("NaT"), dtype="datetime64[us]")
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    if parts.when_pos.size:
        stamps = np.array([_as_datetime64(u) for u in parts.when_uniques], dtype="datetime64[us]")
        values[parts.when_pos] = stamps[parts.when_codes]
    serials = _EMPTY
    if parts.num_pos.size:
        numbers = parts.num_vals
        plausible = np.isfinite(numbers) & (numbers >= _SERIAL_FIRST) & (numbers <= _SERIAL_LAST)
        serials = parts.num_pos[plausible]
        values[serials] = _serial_dates(numbers[plausible])
        for pos, number in zip(parts.num_pos[~plausible], numbers[~plausible], strict=True):
            invalid[pos] = True
            reason = _serial_reason(number) if np.isfinite(number) else "it is infinite"
            log.invalid(ValueKind.DATE, int(pos), reason)
    _flag_natives(parts, ValueKind.DATE, invalid, log, [parts.nan_pos, parts.bool_pos, parts.other_pos])

    block = _Block(parts, _read_date_text) if parts.str_pos.size else None
    if block is not None:
        _mark_strings(block, missing, invalid, ValueKind.DATE, log)
        day = block.count(lambda r: r.status == "ok" and r.evidence == "day")
        month = block.count(lambda r: r.status == "ok" and r.evidence == "month")
        month_first = month > day
        stamps = np.array(
            [
                (r.alt if r.ambiguity and month_first else r.value)
                if r.status == "ok"
                else np.datetime64("NaT")
                for r in block.readings
            ],
            dtype="datetime64[us]",
        )
        values[block.pos] = stamps[block.codes]
        serials = _union(parts.size, serials, _note(block, "serial"))
        _report_date_order(block, day, month, values, log)
        log.markers(block)

        def shown(pos: int) -> str:
            return _show(values[pos])

        for note, what, action in (
            (
                "text",
                ("was a date written as text", "were dates written as text"),
                "read as dates ({example})",
            ),
            ("short year", "had a two-digit year", "read 00-69 as 20xx and 70-99 as 19xx ({example})"),
            ("spaces", "had extra or invisible spaces", "removed them"),
        ):
            positions = _note(block, note)
            if positions.size:
                log.group(
                    Severity.INFO, what, positions, action.format(example=_example(log, positions, shown))
                )
    if serials.size:
        first = int(serials[0])
        log.group(
            Severity.INFO,
            ("was a spreadsheet date number", "were spreadsheet date numbers"),
            serials,
            f"read as dates ({log.found(first)} -> {_show(values[first])}); format the column as dates in the "
            "workbook to see them as dates",
        )
    return values, missing, invalid


def _report_date_order(block: _Block, day: int, month: int, values: np.ndarray, log: _Log) -> None:
    """Say which order was used for 'dd/mm' vs 'mm/dd' dates, and warn when nothing settled it."""
    ordered = block.where(lambda r: r.status == "ok" and r.evidence in ("day", "month"))
    ambiguous = block.where(lambda r: r.status == "ok" and r.ambiguity is not None)
    order = "month/day/year" if month > day else "day/month/year"
    if day and month:
        d = int(block.where(lambda r: r.status == "ok" and r.evidence == "day")[0])
        m = int(block.where(lambda r: r.status == "ok" and r.evidence == "month")[0])
        log.add(
            Severity.WARNING,
            f"this column mixes day/month/year dates ({log.found(d)!r}, row {log.row(d)}) and "
            f"month/day/year dates ({log.found(m)!r}, row {log.row(m)})",
            value=log.found(m if order == "day/month/year" else d),
            action=f"read each of those the only way it can be read; dates that could be either are read as {order}",
        )
    elif day or month:
        proof = int(ordered[0])
        positions = _union(values.size, ordered, ambiguous)
        what = f"written {order}"
        log.group(
            Severity.INFO,
            (f"was {what}", f"were {what}"),
            positions,
            f"read as {order}: {log.found(proof)!r} (row {log.row(proof)}) can only be read that way",
        )
    elif ambiguous.size:
        first = int(ambiguous[0])
        log.group(
            Severity.WARNING,
            (
                "could be day/month/year or month/day/year",
                "could be day/month/year or month/day/year",
            ),
            ambiguous,
            f"read as day/month/year ({log.found(first)!r} -> {_show(values[first])}), the more common order "
            "outside the US; nothing in the column settles it, so check these dates",
        )


# ---------------------------------------------------------------------------
# Entry points


def clean_column(
    cells: pd.Series, kind: ValueKind, *, sheet: str | None = None, column: str | None = None
) -> CleanColumn:
    """Read one column's raw cells as `kind`, recording every coercion as a Finding.

    `cells`' index holds the 1-based spreadsheet row numbers; findings use them.
    Values: float64 for NUMBER/MONEY/PERCENT (NaN = no value), object text for
    YES_NO/TEXT/IDENTIFIER (None = no value), datetime64[us] for DATE (NaT).
    """
    kind = ValueKind(kind)
    index = cells.index
    if kind is ValueKind.DATE and is_datetime64_any_dtype(cells.dtype):
        stamps = cells.dt.tz_convert(None) if getattr(cells.dt, "tz", None) is not None else cells
        values = stamps.to_numpy(dtype="datetime64[us]")
        blank = np.isnat(values)
        missing, invalid, currency = blank, np.zeros(blank.size, dtype=bool), None
        findings: tuple[Finding, ...] = ()
    else:
        parts = _split_cells(cells)
        log = _Log(parts, index, sheet, column)
        currency = None
        if kind in _QUANTITY_KINDS:
            values, missing, invalid, currency = _clean_quantity(parts, kind, log)
        elif kind is ValueKind.YES_NO:
            values, missing, invalid = _clean_yes_no(parts, log)
        elif kind is ValueKind.DATE:
            values, missing, invalid = _clean_date(parts, log)
        else:
            values, missing, invalid = _clean_text(parts, log, kind)
        findings = log.ordered()
    dtype = values.dtype
    return CleanColumn(
        values=pd.Series(values, index=index, name=cells.name, dtype=dtype, copy=False),
        missing=pd.Series(missing, index=index, name=cells.name, dtype=bool),
        invalid=pd.Series(invalid, index=index, name=cells.name, dtype=bool),
        currency=currency,
        findings=findings,
    )


_UNIT_WORDS = (
    _words(
        """
        % ‰ pct percent per cent days day d weeks week wks wk months month mths mo years year yrs yr
        hours hour hrs hr h minutes min ppm ppb pcs pc units unit each ea kg g t tonnes tonne tons
        ton lbs lb km m mm cm l litres liters kwh mwh tco2e co2e tco2 score points pts rating net k
        mio mn bn million millions thousand thousands '000 000s to of out in
        """
    )
    | {c.casefold() for c in _ISO_CURRENCIES}
    | {sign.casefold() for sign in _CURRENCY_SIGNS}
)
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\{([^{}]*)\}")
_UNIT_TOKEN_SPLIT = re.compile(r"\s*(?:/|\bper\b|\s)\s*")
_NUMBER_OR_RANGE = re.compile(r"[0-9]+(?:[.,][0-9]+)?(?:\s*[-–]\s*[0-9]+(?:[.,][0-9]+)?)?")


def _is_unit(text: str) -> bool:
    """'%', 'EUR', 'days', 'EUR/unit', '0-100', '1 to 5', 'in €': a unit or scale, not part of the name."""
    tokens = [t for t in _UNIT_TOKEN_SPLIT.split(text.casefold().strip()) if t]
    return bool(tokens) and all(t in _UNIT_WORDS or _NUMBER_OR_RANGE.fullmatch(t) for t in tokens)


def normalise_header(text: str) -> str:
    """A column header reduced for matching: 'On-time delivery (%)' -> 'on time delivery'.

    Lower case, accents folded, bracketed units and scales ('(%)', '[EUR]',
    '(days)', '(0-100)') dropped, other punctuation and all whitespace collapsed
    to single spaces. Bracketed words that are not units are kept as words
    ('Certified (ISO 9001)' -> 'certified iso 9001') so distinct columns stay distinct.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    kept = _BRACKETED.sub(
        lambda m: " " if _is_unit(next(g for g in m.groups() if g is not None)) else f" {m[0]} ", folded
    )
    words = re.sub(r"[\W_]+", " ", kept.casefold())
    return " ".join(words.split())
