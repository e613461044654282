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

    def negated(self, style: bool) -> ScannedNumber:
        """The same number with a minus; `style`: the minus was written as brackets or after the number."""
        grouped = None if self.grouped is None else "-" + self.grouped
        return ScannedNumber("-" + self.digits, grouped, self.separator, self.evidence, style)


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
    """Read digits with thousands separators and a decimal mark, deciding which is which.

    `decimal`: the decimal mark when the text already showed it ('1.200,-'); then every separator groups.
    """
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
    if decimal is not None:
        return _all_grouping(body, styles, decimal)
    if len(styles) == 1:
        return _one_style(body, separators)
    return _two_styles(body, separators[-1])


def _all_grouping(body: str, styles: set[str], decimal: str) -> ScannedNumber | None:
    """The decimal mark is known ('1.200,-'), so every separator must group thousands."""
    if decimal in styles or len(styles) > 1:
        return None
    (separator,) = styles
    if not _GROUPED[separator].fullmatch(body):
        return None
    return ScannedNumber(body.replace(separator, ""), evidence=_MARK_NAME[decimal])


_MARK_NAME = {".": "point", ",": "comma"}


def _one_style(body: str, separators: list[tuple[int, str]]) -> ScannedNumber | None:
    """One kind of separator: spaces, apostrophes and repeated marks group thousands; a lone mark before
    exactly three digits ('1,234') could be either and is left for the column to decide."""
    last_at, last = separators[-1]
    if last in " '" or len(separators) > 1:
        if not _GROUPED[last].fullmatch(body):
            return None
        return ScannedNumber(body.replace(last, ""), evidence={".": "comma", ",": "point"}.get(last))
    whole, frac = body[:last_at], body[last_at + 1 :]
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return ScannedNumber(_decimal_digits(whole, frac), grouped=whole + frac, separator=last)
    return ScannedNumber(_decimal_digits(whole, frac), evidence=_MARK_NAME[last] if frac else None)


def _two_styles(body: str, last_separator: tuple[int, str]) -> ScannedNumber | None:
    """Two kinds of separator: the last is the decimal mark, the others group thousands ('1.234,5')."""
    last_at, last = last_separator
    if last not in ".," or body.count(last) != 1:
        return None
    whole, frac = body[:last_at], body[last_at + 1 :]
    grouping = {c for c in whole if c in ".,' "}
    if len(grouping) != 1 or not _GROUPED[grouping.pop()].fullmatch(whole):
        return None
    digits = "".join(c for c in whole if c.isdigit())
    return ScannedNumber(_decimal_digits(digits, frac), evidence=_MARK_NAME[last])


def _leading_sign(text: str) -> tuple[bool, bool, str] | None:
    """(negative, written in brackets, rest) for '(12)', '-5', '+5'; None for '(-5)'."""
    negative = style = False
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, style, text = True, True, text[1:-1].strip()
    if text[:1] and text[0] in MINUS_SIGNS + "+":
        if negative and text[0] != "+":
            return None
        negative = negative or text[0] != "+"
        text = text[1:].strip()
    return negative, style, text


def scan_signed(text: str) -> ScannedNumber | None:
    """A number with an optional sign: '-5', '(1,200.00)' (accounting), '1234-' (SAP), '1.200,-'."""
    signed = _leading_sign(text.strip())
    if signed is None:
        return None
    negative, style, text = signed
    decimal = None
    whole = _WHOLE_AMOUNT.fullmatch(text)
    if whole:
        decimal, text = whole["mark"], whole["rest"].strip()
    elif len(text) >= 2 and text[-1] in MINUS_SIGNS and text[-2].isdigit():
        if negative:
            return None
        negative, style, text = True, True, text[:-1]
    num = _scan_unsigned(text, decimal)
    if num is None or not negative:
        return num
    return num.negated(style)


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
