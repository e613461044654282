"""Currency signs and ISO codes around an amount, and the k/m/bn abbreviations of money."""

from __future__ import annotations

import re

from scorecard.clean.markers import word_set
from scorecard.clean.numbers import MINUS_SIGNS

ISO_CURRENCIES = word_set(
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


CURRENCY_SIGNS = {
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
POINT_CURRENCIES = frozenset(
    {"USD", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "NZD", "HKD", "SGD", "KRW", "ILS", "CHF", "MXN"}
    | {"THB", "PHP", "MYR"}
)


_SIGN_PATTERN = "|".join(re.escape(s) for s in sorted(CURRENCY_SIGNS, key=len, reverse=True))


_CURRENCY_FIRST = re.compile(rf"(?P<cur>{_SIGN_PATTERN}|[A-Za-z]{{3}}(?![A-Za-z]))\s*(?P<rest>.*)", re.S)


_CURRENCY_LAST = re.compile(rf"(?P<rest>.*?)\s*(?P<cur>{_SIGN_PATTERN}|(?<![A-Za-z])[A-Za-z]{{3}})\.?", re.S)


SCALE = re.compile(r"(?P<rest>.*?[0-9][.,]?)\s*(?P<scale>[A-Za-z]+\.?)")


SCALES = {
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
    if token in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[token]
    code = token.upper()
    return code if code in ISO_CURRENCIES else None


_BRACKETED = re.compile(r"[\(\[]\s*([^\)\]]+?)\s*[\)\]]")


def header_currency(header: str | None) -> str | None:
    """The currency a column's header names in brackets: 'Annual spend (EUR)', 'Total cost [€]' -> 'EUR'."""
    for inside in _BRACKETED.findall(header or ""):
        code = _currency_code(inside.strip())
        if code is not None:
            return code
    return None


def strip_currency(text: str) -> tuple[str, str | None, bool]:
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


def peel_outer_sign(text: str) -> tuple[bool, str]:
    """'-€5' and '(€1,200)' carry the sign outside the currency: take it off before the currency."""
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        return True, text[1:-1].strip()
    if len(text) >= 2 and text[0] in MINUS_SIGNS and not text[1].isdigit():
        return True, text[1:].strip()
    return False, text
