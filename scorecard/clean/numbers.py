"""Digits with thousands separators, a decimal mark and a sign, read from text without guessing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np

from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import is_marker, tidy_text


@dataclass(frozen=True, slots=True)
class ScannedNumber:
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


MINUS_SIGNS = "-−‐‑–"


_WHOLE_AMOUNT = re.compile(r"(?P<rest>.*?)(?P<mark>[.,])[-–]{1,2}")  # "1.200,-": a whole amount


def _decimal_digits(whole: str, frac: str) -> str:
    return f"{whole or '0'}.{frac or '0'}"


def _scan_unsigned(body: str, decimal: str | None = None) -> ScannedNumber | None:
    """Read digits with thousands separators and a decimal mark, deciding which is which (see module doc)."""
    body = body.translate(_APOSTROPHES)
    if not body:
        return None
    exponent = _EXPONENT.fullmatch(body)
    if exponent and decimal is None:
        return ScannedNumber(f"{exponent[1].replace(',', '.')}e{exponent[2]}")
    if not _NUMBER_CHARS.fullmatch(body) or not any(c.isdigit() for c in body):
        return None
    separators = [(i, c) for i, c in enumerate(body) if c in ".,' "]
    if not separators:
        return ScannedNumber(body)
    styles = {c for _, c in separators}
    last_at, last = separators[-1]

    if decimal is not None:  # the decimal mark is known ("1.200,-"), so every separator groups thousands
        if decimal in styles or len(styles) > 1 or not _GROUPED[last].fullmatch(body):
            return None
        return ScannedNumber(body.replace(last, ""), evidence="comma" if decimal == "," else "point")

    if len(styles) == 1:
        if last in " '" or len(separators) > 1:  # spaces, apostrophes or repeated marks group thousands
            if not _GROUPED[last].fullmatch(body):
                return None
            evidence = {".": "comma", ",": "point"}.get(last)
            return ScannedNumber(body.replace(last, ""), evidence=evidence)
        whole, frac = body[:last_at], body[last_at + 1 :]
        if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
            return ScannedNumber(_decimal_digits(whole, frac), grouped=whole + frac, separator=last)
        evidence = ("point" if last == "." else "comma") if frac else None
        return ScannedNumber(_decimal_digits(whole, frac), evidence=evidence)

    # Two styles: the last separator is the decimal mark, the others group thousands.
    if last not in ".," or body.count(last) != 1:
        return None
    whole, frac = body[:last_at], body[last_at + 1 :]
    grouping = {c for c in whole if c in ".,' "}
    if len(grouping) != 1 or not _GROUPED[grouping.pop()].fullmatch(whole):
        return None
    digits = "".join(c for c in whole if c.isdigit())
    return ScannedNumber(_decimal_digits(digits, frac), evidence="point" if last == "." else "comma")


def scan_signed(text: str) -> ScannedNumber | None:
    """A number with an optional sign: '-5', '(1,200.00)' (accounting), '1234-' (SAP), '1.200,-'."""
    negative = False
    style = False
    text = text.strip()
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, style, text = True, True, text[1:-1].strip()
    if text[:1] and text[0] in MINUS_SIGNS + "+":
        if negative and text[0] != "+":
            return None
        negative = negative or text[0] != "+"
        text = text[1:].strip()
    decimal = None
    whole = _WHOLE_AMOUNT.fullmatch(text)
    if whole:
        decimal, text = whole["mark"], whole["rest"].strip()
    elif len(text) >= 2 and text[-1] in MINUS_SIGNS and text[-2].isdigit():
        if negative:
            return None
        negative, style, text = True, True, text[:-1]
    num = _scan_unsigned(text, decimal)
    if num is None:
        return None
    if not negative:
        return num
    return ScannedNumber(
        "-" + num.digits,
        None if num.grouped is None else "-" + num.grouped,
        num.separator,
        num.evidence,
        style,
    )


def to_float(digits: str | None, shift: int = 0) -> float | None:
    """Decimal strings to float; a k/m/bn shift is applied in decimal so 1.1m is exactly 1100000."""
    if digits is None:
        return None
    try:
        value = float(Decimal(digits).scaleb(shift)) if shift else float(digits)
    except (ValueError, InvalidOperation):
        return None
    return value if np.isfinite(value) else None


def _pick(num: ScannedNumber, decimal_comma: bool | None, shift: int = 0) -> float | None:
    """Resolve an ambiguous separator with a known convention (None: read it as a decimal mark)."""
    grouped = decimal_comma is not None and (
        (num.separator == "," and not decimal_comma) or (num.separator == "." and decimal_comma)
    )
    return to_float(num.grouped if grouped else num.digits, shift)


def parse_number(text: str, *, decimal_comma: bool | None = None) -> float | None:
    """A plain number from text ('1,234,567.8', '1.234,5', "1'234.50", '(12)', '-5', '1.5E3'), else None.

    Missing markers and anything that is not just a number (units, '%',
    currency) give None. For a lone '1,234' or '1.234' pass the convention if it
    is known (`decimal_comma=True` for '1.234,5' style); without one the
    separator is read as a decimal mark (1.234), the documented column rule.
    """
    tidy = tidy_text(unicodedata.normalize("NFKC", text))
    if is_marker(tidy.casefold(), ValueKind.NUMBER):
        return None
    num = scan_signed(tidy)
    return None if num is None else _pick(num, decimal_comma)
