"""One string read as a number, an amount or a percentage, noting each liberty taken."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from scorecard.clean.cells import Reading, no_data_reading
from scorecard.clean.currency import POINT_CURRENCIES, SCALE, SCALES, peel_outer_sign, strip_currency
from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import has_stray_spaces, tidy_text, word_set
from scorecard.clean.numbers import scan_signed, to_float

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
    **dict.fromkeys(word_set("d day days dy tag tage jour jours j dias días giorni"), "days"),
    **dict.fromkeys(word_set("w wk wks week weeks woche wochen semaine semaines"), "weeks"),
    **dict.fromkeys(word_set("mo mth mths month months monat monate mois"), "months"),
    **dict.fromkeys(word_set("y yr yrs year years jahr jahre an ans"), "years"),
    **dict.fromkeys(word_set("h hr hrs hour hours std"), "hours"),
}


def unit_family(unit: str) -> str:
    """'Days', 'd.', 'days net' -> 'days': what a unit means, for spotting a real mix of units."""
    words = [word for word in unit.casefold().replace(".", " ").split() if word != "net"]
    key = " ".join(words)
    return _UNIT_FAMILIES.get(key, key)


def _invalid_number(text: str, reason: str | None = None) -> Reading:
    if reason is None:
        if _RANGE.search(text):
            reason = "it is a range; give one value"
        elif any(c.isdigit() for c in text):
            reason = "it mixes a number with other text"
        else:
            reason = "there is no number in it"
    return Reading("invalid", reason=reason)


@dataclass(slots=True)
class _Peeling:
    """A cell's text while signs, currency, scale and unit are taken off it, and the liberties noted."""

    text: str
    notes: list[str]
    currency: str | None = None
    percent_sign: bool = False
    unit: str | None = None
    shift: int = 0  # powers of ten from 'k', 'm', 'bn'


def read_quantity_text(raw: str, kind: ValueKind) -> Reading:
    """Read one string as a number, amount or percentage, noting each liberty taken."""
    text = tidy_text(unicodedata.normalize("NFKC", raw))
    no_data = no_data_reading(text, kind)
    if no_data is not None:
        return no_data
    peeling = _Peeling(text, ["spaces"] if has_stray_spaces(raw) else [])
    qualifier = _QUALIFIER.fullmatch(peeling.text)
    if qualifier:
        peeling.notes.append("qualifier")
        peeling.text = qualifier["rest"]
    outer_negative, peeling.text = peel_outer_sign(peeling.text)
    refused = _peel_percent(peeling, kind) or _peel_currency(peeling, kind)
    if refused is not None:
        return refused
    _peel_scale(peeling, kind)
    _peel_unit(peeling, kind)
    return _read_number(peeling, outer_negative)


def _peel_percent(peeling: _Peeling, kind: ValueKind) -> Reading | None:
    """Take off a '%': the point of a percent column, a unit elsewhere, wrong in a money column."""
    percent = _PERCENT.fullmatch(peeling.text)
    if not percent:
        return None
    if kind is ValueKind.MONEY:
        return _invalid_number(peeling.text, "it is a percentage, not an amount")
    peeling.text = percent["rest"]
    peeling.percent_sign = kind is ValueKind.PERCENT
    peeling.unit = None if kind is ValueKind.PERCENT else "%"
    return None


def _peel_currency(peeling: _Peeling, kind: ValueKind) -> Reading | None:
    """Take off a currency sign or code: wrong in a percent column, ignored (and said) in a number column."""
    peeling.text, peeling.currency, conflict = strip_currency(peeling.text)
    if conflict:
        return _invalid_number(peeling.text, "it names two different currencies")
    if peeling.currency and kind is ValueKind.PERCENT:
        return _invalid_number(peeling.text, "it is an amount of money, not a percentage")
    if peeling.currency and kind is ValueKind.NUMBER:
        peeling.notes.append("currency ignored")
    return None


def _peel_scale(peeling: _Peeling, kind: ValueKind) -> None:
    """'k', 'm', 'bn' multiply out; 'm' only for money (in a number column it is metres or months)."""
    scale = None if kind is ValueKind.PERCENT else SCALE.fullmatch(peeling.text)
    if scale:
        word = scale["scale"].casefold().rstrip(".")
        if word in SCALES and (kind is ValueKind.MONEY or word != "m"):
            peeling.shift, peeling.text = SCALES[word], scale["rest"]
            peeling.notes.append("scale")


def _peel_unit(peeling: _Peeling, kind: ValueKind) -> None:
    """'30 days', 'Net 30': a plain-number column may name its unit after the number."""
    if kind is ValueKind.NUMBER and peeling.unit is None and not peeling.shift:
        net = _NET_TERMS.fullmatch(peeling.text)
        if net:
            peeling.text = net["rest"]
            peeling.notes.append("net")
        unit_match = _UNIT.fullmatch(peeling.text)
        if unit_match:
            peeling.unit, peeling.text = unit_match["unit"].strip(), unit_match["rest"]
    if peeling.unit is not None:
        peeling.notes.append("unit")


def _read_number(peeling: _Peeling, outer_negative: bool) -> Reading:
    """The number left once everything around it is off, with both readings of a lone separator."""
    num = scan_signed(peeling.text)
    if num is None:
        return _invalid_number(peeling.text)
    if outer_negative:
        if num.digits.startswith("-"):
            return _invalid_number(peeling.text, "it has two minus signs")
        num = num.negated(True)
    value = to_float(num.digits, peeling.shift)
    if value is None:
        return _invalid_number(peeling.text, "the number is too large")
    if num.negative_style:
        peeling.notes.append("negative style")
    return Reading(
        "ok",
        value=value,
        alt=to_float(num.grouped, peeling.shift),
        ambiguity=num.separator,
        evidence=num.evidence,
        currency=peeling.currency,
        percent_sign=peeling.percent_sign,
        unit=peeling.unit,
        notes=("text", *peeling.notes),
    )


def parse_money(text: str, *, decimal_comma: bool | None = None) -> tuple[float | None, str | None]:
    """An amount and its currency: '$1,234.50' -> (1234.5, 'USD'), '1.234,50 €' -> (1234.5, 'EUR').

    Handles ISO codes before or after ('USD 1200', '1200 CHF'), accounting
    brackets, '-€5', 'k'/'m'/'bn' abbreviations ('€1.5m'). Unreadable text gives
    (None, None); a plain number gives (value, None). A lone '1,234' is
    thousands in a decimal-point currency (USD, GBP, ...), else see
    `parse_number`.
    """
    reading = read_quantity_text(text, ValueKind.MONEY)
    if reading.status != "ok":
        return None, None
    if reading.ambiguity is not None:
        if decimal_comma is None and reading.currency in POINT_CURRENCIES:
            decimal_comma = False
        grouped = (reading.ambiguity == "," and decimal_comma is False) or (
            reading.ambiguity == "." and decimal_comma is True
        )
        return (reading.alt if grouped else reading.value), reading.currency
    return reading.value, reading.currency
