"""One string read as a number, an amount or a percentage, noting each liberty taken."""

from __future__ import annotations

import re
import unicodedata

from scorecard.clean.cells import Reading
from scorecard.clean.currency import POINT_CURRENCIES, SCALE, SCALES, peel_outer_sign, strip_currency
from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import has_stray_spaces, marker_status, tidy_text, word_set
from scorecard.clean.numbers import ScannedNumber, scan_signed, to_float


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


def read_quantity_text(raw: str, kind: ValueKind) -> Reading:
    """Read one string as a number, amount or percentage, noting each liberty taken."""
    notes: list[str] = ["spaces"] if has_stray_spaces(raw) else []
    text = tidy_text(unicodedata.normalize("NFKC", raw))
    if not text:
        return Reading("blank")
    status = marker_status(text, kind)
    if status:
        return Reading(status, value=text.upper() if status == "formula" else None)

    qualifier = _QUALIFIER.fullmatch(text)
    if qualifier:
        notes.append("qualifier")
        text = qualifier["rest"]
    outer_negative, text = peel_outer_sign(text)

    percent_sign, unit = False, None
    percent = _PERCENT.fullmatch(text)
    if percent:
        if kind is ValueKind.MONEY:
            return _invalid_number(text, "it is a percentage, not an amount")
        text = percent["rest"]
        percent_sign, unit = kind is ValueKind.PERCENT, None if kind is ValueKind.PERCENT else "%"

    text, currency, conflict = strip_currency(text)
    if conflict:
        return _invalid_number(text, "it names two different currencies")
    if currency and kind is ValueKind.PERCENT:
        return _invalid_number(text, "it is an amount of money, not a percentage")
    if currency and kind is ValueKind.NUMBER:
        notes.append("currency ignored")

    shift = 0
    scale = None if kind is ValueKind.PERCENT else SCALE.fullmatch(text)
    if scale:
        word = scale["scale"].casefold().rstrip(".")
        if word in SCALES and (kind is ValueKind.MONEY or word != "m"):
            shift, text = SCALES[word], scale["rest"]
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

    num = scan_signed(text)
    if num is None:
        return _invalid_number(text)
    if outer_negative:
        if num.digits.startswith("-"):
            return _invalid_number(text, "it has two minus signs")
        num = ScannedNumber(
            "-" + num.digits, num.grouped and "-" + num.grouped, num.separator, num.evidence, True
        )
    value = to_float(num.digits, shift)
    if value is None:
        return _invalid_number(text, "the number is too large")
    if num.negative_style:
        notes.append("negative style")
    return Reading(
        "ok",
        value=value,
        alt=to_float(num.grouped, shift),
        ambiguity=num.separator,
        evidence=num.evidence,
        currency=currency,
        percent_sign=percent_sign,
        unit=unit,
        notes=("text", *notes),
    )
