"""A bid sheet's columns by role (found by header synonyms, the buyer's own first) and its shape."""

from __future__ import annotations

from collections.abc import Mapping

from scorecard.bids.settings import COLUMN_SYNONYMS, ROLE_LABELS, BidSettings
from scorecard.bids.sheet.quote_lines import NOT_SUPPLIER_HEADERS
from scorecard.bids.vocabulary import is_column_word
from scorecard.clean import normalise_header
from scorecard.config import CURRENCY_UNITS
from scorecard.errors import ScorecardError
from scorecard.names import HeaderKeys


def find_columns(headers: tuple[str, ...], settings: BidSettings) -> dict[str, str]:
    """The header for each role that the sheet has; each header serves one role at most."""
    keys = HeaderKeys(headers)
    found: dict[str, str] = {}
    for role in COLUMN_SYNONYMS:
        header = keys.first(settings.synonyms(role), taken=found.values())
        if header is not None:
            found[role] = header
    return found


def bid_shape(columns: Mapping[str, str]) -> str | None:
    """The one rule for a bid sheet's shape, from the roles its headers were found for: long with a bidder
    and a unit price column, wide with no bidder column but an item or description column, else None.

    The layout stage's detectors and the bid reader (`bids.shape: auto`) both ask this, so a sheet
    analysed on its own is read the way the pipeline lays it out.
    """
    if "supplier" in columns:
        return "long" if "unit_price" in columns else None
    return "wide" if names_items(columns) else None


def names_items(columns: Mapping[str, str]) -> bool:
    """The sheet says what was quoted for: an item code or a description column."""
    return "item" in columns or "description" in columns


def detect_shape(columns: dict[str, str], headers: tuple[str, ...], settings: BidSettings, sheet: str) -> str:
    """The settings' shape, or bid_shape's; a wide sheet needs columns that could be the suppliers' prices."""
    if settings.shape != "auto":
        return settings.shape
    shape = bid_shape(columns)
    price_columns = settings.supplier_columns or wide_candidates(headers, columns)
    if shape == "long" or (shape == "wide" and price_columns):
        return shape
    if shape == "wide" and sum(is_column_word(h) for h in headers) > 2:
        raise ScorecardError(
            "This bid sheet repeats its price columns once per bidder ('Unit Price', 'Unit Price (2)', ...) "
            "with the bidders' names above the header, which the table alone does not hold.",
            sheet=sheet,
            hint="Score the whole workbook (`python -m scorecard score FILE`, or the app), which reads the names "
            "above the header, or put each bidder's name in its price column's header.",
        )
    raise ScorecardError(
        "Scorecard cannot tell how this bid sheet is laid out. It reads either a row per supplier and item "
        "(with Supplier, Item and Unit price columns) or a row per item with a price column per supplier.",
        sheet=sheet,
        hint=f"Headers found: {', '.join(headers) or 'none'}. Rename the columns, or set `bids.shape` and "
        "`bids.columns` in the settings.",
    )


def wide_candidates(headers: tuple[str, ...], columns: dict[str, str]) -> list[str]:
    """Headers that may name a bidder's price column: not a column already read, not a summary column,
    and not a group's own price or extension word ('Unit Price (2)', 'Extension'), which names no one."""
    used = set(columns.values())
    return [
        h
        for h in headers
        if h not in used and normalise_header(h) not in NOT_SUPPLIER_HEADERS and not is_column_word(h)
    ]


def require(
    columns: dict[str, str], roles: tuple[str, ...], headers: list[str], sheet: str, shape: str
) -> None:
    missing = [r for r in roles if r not in columns]
    if missing:
        wanted = " and ".join(f"{ROLE_LABELS[r]} (e.g. {COLUMN_SYNONYMS[r][0]!r})" for r in missing)
        raise ScorecardError(
            f"The bid sheet is read as {shape}, but it has no {wanted} column.",
            sheet=sheet,
            hint=f"Headers found: {', '.join(headers)}. Rename the column, or name it under `bids.columns` "
            "in the settings.",
        )


def known_currencies(settings: BidSettings) -> frozenset[str]:
    return frozenset(CURRENCY_UNITS | {settings.base_currency} | {c for c, _ in settings.fx_rates})
