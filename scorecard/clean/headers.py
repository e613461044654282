"""Column headers reduced for matching: case, accents, punctuation and bracketed units ignored."""

from __future__ import annotations

import re
import unicodedata

from scorecard.clean.currency import CURRENCY_SIGNS, ISO_CURRENCIES
from scorecard.clean.markers import word_set

_UNIT_WORDS = (
    word_set(
        """
        % ‰ pct percent per cent days day d weeks week wks wk months month mths mo years year yrs yr
        hours hour hrs hr h minutes min ppm ppb pcs pc units unit each ea kg g t tonnes tonne tons
        ton lbs lb km m mm cm l litres liters kwh mwh tco2e co2e tco2 score points pts rating net k
        mio mn bn million millions thousand thousands '000 000s to of out in
        """
    )
    | {c.casefold() for c in ISO_CURRENCIES}
    | {sign.casefold() for sign in CURRENCY_SIGNS}
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
